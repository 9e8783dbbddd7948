"""The corpus steps over stored document results and every output written from them: no NLP
runs here, so a re-export from the store is cheap and gives the same corpus."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
from threadpoolctl import threadpool_limits

from analyser.atomic import atomic_open
from analyser.config import Settings
from analyser.export.writers import write_exports
from analyser.extract.document import lexicon_for
from analyser.forked import ForkedCall
from analyser.heap import loaded_data_frozen
from analyser.keyterms import discover_concepts
from analyser.models.linking import link_hypotheses, write_model_runs
from analyser.positions import find_positions
from analyser.records import Corpus, DocResult
from analyser.report import write_report
from analyser.store import STORE_NAME, Store
from analyser.tables import all_tables
from analyser.timing import StageTimer
from analyser.works import build_works

# One BLAS thread in the corpus steps: results that do not depend on the machine's thread
# count, and no threads spinning against each other on a busy machine (a 24-fold slowdown of
# the positions' SVD was measured on a loaded 2-core machine).
SINGLE_THREADED = threadpool_limits.wrap(limits=1)


def _timed(name: str, function: Callable[..., Any], *args: Any) -> tuple[Any, dict[str, float]]:
    """``function(*args)`` and the seconds it took, as stage ``name``."""
    timer = StageTimer()
    with timer.stage(name):
        value = function(*args)
    return value, timer.seconds


@SINGLE_THREADED
def build_corpus(
    results: list[DocResult], settings: Settings, timer: StageTimer | None = None
) -> Corpus:
    """The corpus steps over stored document results: works, concepts, positions, model links.

    No NLP runs here, so re-exporting from the store is cheap and gives the same corpus. With
    more than one job, positions are found in a forked process beside the other steps.
    """
    timer = timer or StageTimer()
    lexicon = lexicon_for(settings.lexicon)
    with timer.stage("corpus: works"):
        works = build_works(results)  # sets each citation's work, which positions read
    positions_call = ForkedCall(
        _timed,
        "corpus: positions",
        find_positions,
        results,
        lexicon,
        settings.positions,
        settings.seed,
        fork=settings.jobs > 1,
    )
    with timer.stage("corpus: concepts"):
        concepts = discover_concepts(results, lexicon)
    with timer.stage("corpus: links"):
        links = link_hypotheses([h for result in results for h in result.hypotheses])
    (positions, passages), seconds = positions_call.result()
    timer.merge(seconds)
    return Corpus(
        results=results,
        works=works,
        concepts=concepts.concepts,
        doc_concepts=concepts.doc_concepts,
        cooccurrences=concepts.cooccurrences,
        positions=positions,
        passages=passages,
        links=links,
    )


def load_corpus(out_dir: str | Path) -> tuple[Corpus, list[tuple[str, str]], Settings]:
    """The corpus of a finished run, rebuilt from its store without any NLP."""
    path = Path(out_dir) / STORE_NAME
    if not path.exists():
        raise FileNotFoundError(f"no analyser store in {out_dir}; run `analyser run` first")
    with Store(path) as store:
        saved = store.get("settings") or {}
        lexicon = Path(saved["lexicon"]) if saved.get("lexicon") else None
        settings = Settings(
            seed=saved.get("seed", 0), positions=saved.get("positions"), lexicon=lexicon
        )
        results, problems = store.results(), store.problems()
    with loaded_data_frozen():
        return build_corpus(results, settings), problems, settings


@SINGLE_THREADED
def write_outputs(
    corpus: Corpus,
    problems: list[tuple[str, str]],
    out_dir: Path,
    settings: Settings,
    timer: StageTimer | None = None,
    store: Store | None = None,
) -> tuple[dict[str, pd.DataFrame], list[Path]]:
    """Every table, export and model run of ``corpus`` in ``out_dir``; with more than one
    job, the exports are written by a forked process beside the rest. A ``store`` keeps the
    model plots for the next run (see ``write_model_runs``)."""
    timer = timer or StageTimer()
    exports_call = ForkedCall(
        _timed,
        "outputs: exports",
        partial(write_exports, formats=settings.formats, vosviewer=settings.vosviewer),
        corpus,
        out_dir,
        fork=settings.jobs > 1,
    )
    with timer.stage("outputs: tables"):
        tables = all_tables(corpus, problems)
        table_paths = write_tables(tables, out_dir)
    with timer.stage("outputs: model runs"):
        model_paths = write_model_runs(corpus.links, out_dir, store)
    with timer.stage("outputs: report"):
        report_paths = write_report(corpus, out_dir)
    export_paths, seconds = exports_call.result()
    timer.merge(seconds)
    return tables, table_paths + export_paths + model_paths + report_paths


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Each table as ``<name>.csv`` in ``out_dir``, written atomically and streamed."""
    paths = []
    for name, frame in sorted(tables.items()):
        paths.append(out_dir / f"{name}.csv")
        with atomic_open(paths[-1], "w", newline="") as handle:
            frame.to_csv(handle, index=False, lineterminator="\n")
    return paths


def rebuild_outputs(
    store: Store, problems: list[tuple[str, str]], out: Path, settings: Settings, timer: StageTimer
) -> tuple[Corpus, dict[str, pd.DataFrame], list[Path]]:
    """The corpus of the stored results, its tables, and every output written into ``out``."""
    with timer.stage("store"):
        results = store.results()
    with loaded_data_frozen():
        corpus = build_corpus(results, settings, timer)
        tables, outputs = write_outputs(corpus, problems, out, settings, timer, store)
    return corpus, tables, outputs
