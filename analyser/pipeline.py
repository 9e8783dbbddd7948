"""The run: discover files → re-use or extract each → store → corpus steps → outputs."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analyser.config import Settings
from analyser.ingest import discover, document_id, shown_path
from analyser.lock import output_lock
from analyser.store import STORE_NAME, Store
from analyser.tasks import Task
from analyser.timing import StageTimer

if TYPE_CHECKING:
    import pandas as pd

    from analyser.records import Corpus

# The NLP stack (analyser.engines) and the corpus steps and outputs (analyser.rebuild) are
# imported where first needed: a run that finds nothing changed loads neither.

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
            from analyser.rebuild import load_corpus

            self._corpus = load_corpus(self.out_dir)[0]
        return self._corpus

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every output table as a DataFrame."""
        if self._tables is None:
            from analyser.tables import all_tables

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


def _corpus_settings(settings: Settings) -> dict[str, object]:
    """The settings the corpus steps depend on, saved so a re-export gives the same corpus."""
    lexicon = str(settings.lexicon) if settings.lexicon else None
    return {"seed": settings.seed, "positions": settings.positions, "lexicon": lexicon}


def _outputs_key(store: Store, problems: list[tuple[str, str]], settings: Settings) -> str:
    """A hash of everything the outputs are made from: stored results, problems, settings."""
    made_from = {
        "results": store.contents(),
        "problems": sorted(problems),
        "corpus": _corpus_settings(settings),
        "vosviewer": settings.vosviewer,
        "formats": sorted(settings.formats),
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


def _drop_stale_outputs(store: Store, summary: RunSummary) -> None:
    """Delete the files the last run wrote that this run did not (an export no longer chosen),
    so that no output describes an older corpus."""
    saved = store.get("outputs") or {}
    written = {str(path.relative_to(summary.out_dir)) for path in summary.outputs}
    for name in set(saved.get("files", [])) - written:
        (summary.out_dir / name).unlink(missing_ok=True)


def _remember_outputs(store: Store, key: str, summary: RunSummary) -> None:
    """Save what the outputs were made from, their files and figures, for the next run."""
    files = sorted(str(path.relative_to(summary.out_dir)) for path in summary.outputs)
    figures = {name: getattr(summary, name) for name in FIGURES}
    store.put("outputs", {"key": key, "files": files, "figures": figures})


def _extract(
    tasks: list[Task],
    settings: Settings,
    store: Store,
    summary: RunSummary,
    problems: list[tuple[str, str]],
    timer: StageTimer,
    progress: Progress | None,
) -> None:
    """Analyse each task's file and store its result as it comes, or add it to ``problems``."""
    from analyser.engines import run_tasks

    for done, outcome in enumerate(run_tasks(tasks, settings), start=1):
        timer.merge(outcome.seconds)
        if outcome.result is not None:
            with timer.stage("store"):
                path = _store_key(Path(outcome.task.path))
                store.save(path, outcome.task.cache_key, outcome.result)
            summary.extracted += 1
        else:
            problems.append((shown_path(outcome.task.path), outcome.problem or "unknown problem"))
        if progress:
            progress("extract", done, len(tasks))


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
        if tasks:
            _extract(tasks, settings, store, summary, problems, timer, progress)
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
            from analyser.rebuild import rebuild_outputs

            corpus, summary._tables, summary.outputs = rebuild_outputs(
                store, problems, out, settings, timer
            )
            summary._corpus = corpus
            summary.count(corpus, len(problems))
            _drop_stale_outputs(store, summary)
            _remember_outputs(store, key, summary)
    summary.seconds = timer.seconds
    return summary
