"""Per-document extraction: a pure function of (file, settings) run by every engine."""

from __future__ import annotations

from dataclasses import dataclass

from analyser.config import Settings
from analyser.ingest import IngestError, read_document
from analyser.nlp import load_pipeline, parse_paragraphs
from analyser.records import DocResult, Document


@dataclass
class Task:
    """One file to analyse, with the id its document gets."""

    path: str
    doc_id: str
    cache_key: str


@dataclass
class Outcome:
    """What became of a task: a result, or a one-line problem."""

    task: Task
    result: DocResult | None = None
    problem: str | None = None


def extract_document(document: Document, settings: Settings) -> DocResult:
    """Everything the extractors find in one document."""
    nlp = load_pipeline(settings.model)
    parse_paragraphs(nlp, document)
    return DocResult(document)


def process(task: Task, settings: Settings) -> Outcome:
    """Ingest and extract one file; a bad file becomes a problem, never an exception."""
    try:
        document = read_document(task.path, settings.max_file_size, task.doc_id)
        return Outcome(task, result=extract_document(document, settings))
    except IngestError as error:
        return Outcome(task, problem=str(error))
    except (MemoryError, RecursionError, ValueError, UnicodeError, OSError) as error:
        return Outcome(task, problem=f"could not be analysed: {type(error).__name__}: {error}")
