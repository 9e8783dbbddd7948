"""The run: discover files → re-use or extract each → store → corpus steps → outputs."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
from threadpoolctl import threadpool_limits

from analyser.atomic import write_text
from analyser.config import Settings
from analyser.engines import run_tasks
from analyser.export import write_exports
from analyser.extract.document import Task, lexicon_for
from analyser.forked import ForkedCall
from analyser.heap import loaded_data_frozen
from analyser.ingest import discover, document_id, shown_path
from analyser.keyterms import discover_concepts
from analyser.lock import output_lock
from analyser.models.linking import link_hypotheses, write_model_runs
from analyser.positions import find_positions
from analyser.records import Corpus, DocResult
from analyser.report import write_report
from analyser.store import Store
from analyser.tables import all_tables
from analyser.timing import StageTimer
from analyser.works import build_works

STORE_NAME = "analyser.sqlite"
Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass
class RunSummary:
    """What a run did and where it wrote; ``corpus`` and ``tables`` are rebuilt from the store
    on first use when the run found nothing changed and left the outputs as they were."""

    out_dir: Path
    documents: int = 0
    paragraphs: int = 0
    citations: int = 0
    references: int = 0
    concepts: int = 0
    hypotheses: int = 0
    problems: int = 0
    reused: int = 0
    extracted: int = 0
    removed: int = 0
    up_to_date: bool = False  # nothing changed: corpus steps and outputs were skipped
    outputs: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage; workers' summed
    _corpus: Corpus | None = field(default=None, repr=False)
    _tables: dict[str, pd.DataFrame] | None = field(default=None, repr=False)

    @property
    def corpus(self) -> Corpus:
        """The corpus the outputs were written from."""
        if self._corpus is None:
            self._corpus = load_corpus(self.out_dir)[0]
        return self._corpus

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every output table as a DataFrame."""
        if self._tables is None:
            with Store(self.out_dir / STORE_NAME) as store:
                self._tables = all_tables(self.corpus, store.problems())
        return self._tables

    def count(self, corpus: Corpus, problems: int) -> None:
        """Fill in the figures of ``corpus``."""
        results = corpus.results
        self.documents = len(results)
        self.paragraphs = sum(len(r.document.paragraphs) for r in results)
        self.citations = sum(len(r.citations) for r in results)
        self.references = sum(len(r.references) for r in results)
        self.hypotheses = sum(len(r.hypotheses) for r in results)
        self.concepts = len(corpus.concepts)
        self.problems = problems


FIGURES = ("documents", "paragraphs", "citations", "references", "concepts", "hypotheses")


def _file_digest(path: Path) -> str | None:
    """SHA-256 of a file's bytes, or None when it cannot be read (ingest will say why)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _unique_ids(files: list[Path]) -> dict[Path, str]:
    """A document id per file; files sharing a name get a short hash of their path appended."""
    ids = {path: document_id(path) for path in files}
    clashes = Counter(ids.values())
    for path, doc in ids.items():
        if clashes[doc] > 1:
            ids[path] = f"{doc}-{hashlib.sha256(shown_path(path).encode()).hexdigest()[:6]}"
    return ids


def _store_key(path: Path) -> str:
    """The key a file's result is stored under: its resolved absolute path."""
    return shown_path(path.resolve())


def _content_key(path: Path, max_bytes: int) -> str | None:
    """What identifies a file's content: its digest, "oversize", or None when unreadable."""
    try:
        if path.stat().st_size > max_bytes:
            return "oversize"
    except OSError:
        return None
    return _file_digest(path)


def _plan(files: list[Path], settings: Settings, store: Store) -> tuple[list[Task], int]:
    """Tasks for files whose stored result is missing or stale, and how many were re-used."""
    fingerprint = settings.fingerprint()
    tasks: list[Task] = []
    reused = 0
    for path, doc in sorted(_unique_ids(files).items()):
        digest = _content_key(path, settings.max_file_size)
        key = f"{digest}:{fingerprint}:{doc}"
        if digest and store.has(_store_key(path), key):
            reused += 1
            continue
        tasks.append(Task(str(path), doc, key))
    return tasks, reused


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


def _corpus_settings(settings: Settings) -> dict[str, object]:
    """The settings the corpus steps depend on, saved so a re-export gives the same corpus."""
    lexicon = str(settings.lexicon) if settings.lexicon else None
    return {"seed": settings.seed, "positions": settings.positions, "lexicon": lexicon}


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
        partial(write_exports, vosviewer=settings.vosviewer),
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
    """Each table as ``<name>.csv`` in ``out_dir``, written atomically."""
    return [
        write_text(out_dir / f"{name}.csv", frame.to_csv(index=False, lineterminator="\n"))
        for name, frame in sorted(tables.items())
    ]


def _outputs_key(store: Store, problems: list[tuple[str, str]], settings: Settings) -> str:
    """A hash of everything the outputs are made from: stored results, problems, settings."""
    made_from = {
        "results": store.contents(),
        "problems": sorted(problems),
        "corpus": _corpus_settings(settings),
        "vosviewer": settings.vosviewer,
        "extraction": settings.fingerprint(),
    }
    return hashlib.sha256(json.dumps(made_from, sort_keys=True).encode()).hexdigest()


def _intact_outputs(store: Store, key: str, out: Path) -> dict[str, Any] | None:
    """What the last run saved of its outputs, if they were made from the same ``key`` and
    every file is still there."""
    saved = store.get("outputs")
    if not saved or saved["key"] != key:
        return None
    return saved if all((out / name).is_file() for name in saved["files"]) else None


def _remember_outputs(store: Store, key: str, summary: RunSummary) -> None:
    """Save what the outputs were made from, their files and figures, for the next run."""
    files = sorted(str(path.relative_to(summary.out_dir)) for path in summary.outputs)
    figures = {name: getattr(summary, name) for name in FIGURES}
    store.put("outputs", {"key": key, "files": files, "figures": figures})


def run(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Analyse ``inputs`` into ``out_dir`` and summarise what happened."""
    settings = settings or Settings()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files, problems = discover(list(inputs))
    summary = RunSummary(out)
    timer = StageTimer()
    with output_lock(out), Store(out / STORE_NAME) as store:
        with timer.stage("plan"):
            tasks, summary.reused = _plan(files, settings, store)
        for done, outcome in enumerate(run_tasks(tasks, settings), start=1):
            timer.merge(outcome.seconds)
            if outcome.result is not None:
                with timer.stage("store"):
                    store.save(
                        _store_key(Path(outcome.task.path)), outcome.task.cache_key, outcome.result
                    )
                summary.extracted += 1
            else:
                problem = outcome.problem or "unknown problem"
                problems.append((shown_path(outcome.task.path), problem))
            if progress:
                progress("extract", done, len(tasks))
        failed = {path for path, _ in problems}
        summary.removed = store.keep_only(
            _store_key(p) for p in files if shown_path(p) not in failed
        )
        store.replace_problems(problems)
        store.put("settings", _corpus_settings(settings))
        key = _outputs_key(store, problems, settings)
        saved = _intact_outputs(store, key, out)
        if saved is not None:
            summary.up_to_date = True
            summary.outputs = [out / name for name in saved["files"]]
            for name, value in saved["figures"].items():
                setattr(summary, name, value)
            summary.problems = len(problems)
        else:
            with timer.stage("store"):
                results = store.results()
            with loaded_data_frozen():
                summary._corpus = corpus = build_corpus(results, settings, timer)
                summary._tables, summary.outputs = write_outputs(
                    corpus, problems, out, settings, timer, store
                )
            summary.count(corpus, len(problems))
            _remember_outputs(store, key, summary)
    summary.seconds = timer.seconds
    return summary
