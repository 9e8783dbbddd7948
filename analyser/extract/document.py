"""Per-document extraction: a pure function of (file, settings) run by every engine."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from analyser.config import Settings
from analyser.extract.bibliography import extract_bibliography
from analyser.extract.concepts import candidate_terms, find_mentions, heading_text, headings
from analyser.extract.definitions import find_definitions
from analyser.extract.hypotheses import find_hypotheses
from analyser.extract.reference_list import find_reference_entries
from analyser.extract.theory import assign_theories
from analyser.ingest import IngestError, read_document
from analyser.lexicon import Lexicon, load_lexicon
from analyser.nlp import Chosen, ParsedParagraph, body_paragraphs, load_pipeline, parse_groups
from analyser.records import DocResult, Document
from analyser.tasks import Outcome, Task
from analyser.timing import StageTimer


@lru_cache(maxsize=4)
def lexicon_for(path: Path | None) -> Lexicon:
    """The packaged lexicon merged with the user's file, loaded once per process."""
    return load_lexicon(path)


def extract_documents(
    documents: Sequence[Document], settings: Settings, timer: StageTimer | None = None
) -> list[DocResult]:
    """Everything the extractors find in each of ``documents`` (``timer`` gets each stage's
    seconds); their paragraphs are parsed in one stream."""
    timer = timer or StageTimer()
    nlp = load_pipeline(settings.model)
    with timer.stage("parse"):
        groups: list[Chosen] = []
        for document in documents:
            skip = set(find_reference_entries(document).paragraphs)
            groups.append(body_paragraphs(document, skip))
            groups.append(
                [(p, None) for p in document.paragraphs if p.kind != "body" and p.index not in skip]
            )
            groups.append(headings(document))
        parsed = parse_groups(nlp, groups, [None, None, heading_text] * len(documents))
    lexicon = lexicon_for(settings.lexicon)
    return [
        _extract(document, body, as_written, titles, nlp, lexicon, timer)
        for document, body, as_written, titles in zip(
            documents, parsed[::3], parsed[1::3], parsed[2::3], strict=True
        )
    ]


def extract_document(
    document: Document, settings: Settings, timer: StageTimer | None = None
) -> DocResult:
    """Everything the extractors find in one document (``timer`` gets each stage's seconds)."""
    return extract_documents([document], settings, timer)[0]


def _extract(
    document: Document,
    parsed: list[ParsedParagraph],
    as_written: list[ParsedParagraph],
    titles: list[ParsedParagraph],
    nlp: Language,
    lexicon: Lexicon,
    timer: StageTimer,
) -> DocResult:
    """The extractors run over one document's parsed body paragraphs (``parsed``), its parsed
    headings and metadata outside the reference list (``as_written``) and its headings as the
    term finder reads them (``titles``)."""
    with_headings = parsed + titles
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


ANALYSIS_ERRORS = (MemoryError, RecursionError, ValueError, UnicodeError, OSError)


def _failure(error: BaseException) -> str:
    """The one-line problem of a file whose analysis raised ``error``."""
    return f"could not be analysed: {type(error).__name__}: {error}"


def _ingest(task: Task, settings: Settings) -> tuple[Outcome, Document | None]:
    """The task's outcome so far and its document, or a problem and None."""
    timer = StageTimer()
    try:
        with timer.stage("ingest"):
            document = read_document(task.path, settings.max_file_size, task.doc_id)
    except IngestError as error:
        return Outcome(task, problem=str(error), seconds=timer.seconds), None
    except ANALYSIS_ERRORS as error:
        return Outcome(task, problem=_failure(error), seconds=timer.seconds), None
    return Outcome(task, seconds=timer.seconds), document


def _extract_into(outcomes: list[Outcome], documents: list[Document], settings: Settings) -> None:
    """Fill in each outcome's result, the documents extracted together; should that fail, one
    by one, so that a document that cannot be analysed costs the others nothing."""
    timer = StageTimer()
    try:
        results = extract_documents(documents, settings, timer)
    except ANALYSIS_ERRORS as error:
        if len(documents) == 1:
            outcomes[0].problem = _failure(error)
        else:
            for outcome, document in zip(outcomes, documents, strict=True):
                _extract_into([outcome], [document], settings)
        return
    for outcome, result in zip(outcomes, results, strict=True):
        outcome.result = result
        for stage, seconds in timer.seconds.items():  # the shared parse: an equal share each
            outcome.seconds[stage] = outcome.seconds.get(stage, 0.0) + seconds / len(outcomes)


def process_batch(tasks: Sequence[Task], settings: Settings) -> list[Outcome]:
    """Ingest and extract each file, the readable ones' paragraphs parsed in one stream (spaCy
    works faster on full batches); a bad file becomes a problem, never an exception."""
    ingested = [_ingest(task, settings) for task in tasks]
    readable = [(outcome, document) for outcome, document in ingested if document is not None]
    if readable:
        outcomes, documents = map(list, zip(*readable, strict=True))
        _extract_into(outcomes, documents, settings)
    return [outcome for outcome, _ in ingested]
