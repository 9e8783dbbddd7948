"""Per-document extraction: a pure function of (file, settings) run by every engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from analyser.config import Settings
from analyser.extract.bibliography import extract_bibliography
from analyser.extract.concepts import candidate_terms, find_mentions, parse_headings
from analyser.extract.definitions import find_definitions
from analyser.extract.hypotheses import find_hypotheses
from analyser.extract.reference_list import find_reference_entries
from analyser.extract.theory import assign_theories
from analyser.ingest import IngestError, read_document
from analyser.lexicon import Lexicon, load_lexicon
from analyser.nlp import ParsedParagraph, load_pipeline, parse_paragraphs
from analyser.records import DocResult, Document
from analyser.timing import StageTimer


@dataclass
class Task:
    """One file to analyse, with the id its document gets."""

    path: str
    doc_id: str
    cache_key: str


@dataclass
class Outcome:
    """What became of a task: a result, or a one-line problem; seconds spent per stage."""

    task: Task
    result: DocResult | None = None
    problem: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=4)
def lexicon_for(path: Path | None) -> Lexicon:
    """The packaged lexicon merged with the user's file, loaded once per process."""
    return load_lexicon(path)


def extract_document(
    document: Document, settings: Settings, timer: StageTimer | None = None
) -> DocResult:
    """Everything the extractors find in one document (``timer`` gets each stage's seconds)."""
    timer = timer or StageTimer()
    nlp = load_pipeline(settings.model)
    lexicon = lexicon_for(settings.lexicon)
    with timer.stage("parse"):
        reference_paragraphs = set(find_reference_entries(document).paragraphs)
        parsed = parse_paragraphs(nlp, document, skip=reference_paragraphs)
        headings, as_written = parse_non_body(nlp, document, reference_paragraphs)
        with_headings = parsed + headings
    with timer.stage("citations"):
        bibliography = extract_bibliography(document, nlp, parsed + as_written)
    with timer.stage("concepts"):
        mentions = find_mentions(document, with_headings, lexicon)
        terms = candidate_terms(with_headings)
    with timer.stage("definitions"):
        definitions = find_definitions(document, parsed)
    with timer.stage("hypotheses"):
        hypotheses = find_hypotheses(document, parsed, bibliography.citations, mentions, nlp)
        hypotheses = assign_theories(hypotheses, lexicon)
    return DocResult(
        document=document,
        citations=bibliography.citations,
        references=bibliography.references,
        mentions=mentions,
        definitions=definitions,
        hypotheses=hypotheses,
        terms=terms,
    )


def parse_non_body(
    nlp: Language, document: Document, skip: set[int]
) -> tuple[list[ParsedParagraph], list[ParsedParagraph]]:
    """Parses of the paragraphs that are not body text: every heading as the concept finder
    reads it (``parse_headings``), and the headings and metadata outside ``skip`` as written
    (what the citation finder reads)."""
    as_written = [p for p in document.paragraphs if p.kind != "body" and p.index not in skip]
    parses = nlp.pipe([p.text for p in as_written], batch_size=64)
    written = [ParsedParagraph(p, parse) for p, parse in zip(as_written, parses, strict=True)]
    return parse_headings(nlp, document), written


def process(task: Task, settings: Settings) -> Outcome:
    """Ingest and extract one file; a bad file becomes a problem, never an exception."""
    timer = StageTimer()
    try:
        with timer.stage("ingest"):
            document = read_document(task.path, settings.max_file_size, task.doc_id)
        result = extract_document(document, settings, timer)
        return Outcome(task, result=result, seconds=timer.seconds)
    except IngestError as error:
        return Outcome(task, problem=str(error), seconds=timer.seconds)
    except (MemoryError, RecursionError, ValueError, UnicodeError, OSError) as error:
        problem = f"could not be analysed: {type(error).__name__}: {error}"
        return Outcome(task, problem=problem, seconds=timer.seconds)
