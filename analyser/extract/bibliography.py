"""A document's bibliography: its reference list parsed, its in-text citations found and
linked to the entries they cite."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language

from analyser.extract.citations import find_citations
from analyser.extract.linking import link_citations, reference_surnames
from analyser.extract.reference_list import ReferenceEntry, find_reference_entries
from analyser.extract.reference_parser import parse_references
from analyser.nlp import ParsedParagraph
from analyser.records import Citation, Document, Reference


@dataclass
class Bibliography:
    """Citations (linked), references (parsed) and the paragraphs that hold reference lists or
    the document's own bibliographic record (other extractors skip them)."""

    citations: list[Citation] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    reference_paragraphs: set[int] = field(default_factory=set)


def extract_bibliography(
    document: Document, nlp: Language | None = None, parsed: Sequence[ParsedParagraph] = ()
) -> Bibliography:
    """Find, parse and link ``document``'s references and in-text citations (paragraphs already
    in ``parsed`` are not parsed again)."""
    section = find_reference_entries(document)
    references = parse_entries(document.id, section.entries)
    cited_authors = [
        reference_surnames(reference)
        for reference, entry in zip(references, section.entries, strict=True)
        if not entry.self_record
    ]
    skip = set(section.paragraphs)
    citations = find_citations(document, skip, cited_authors, nlp, parsed)
    return Bibliography(link_citations(citations, references), references, skip)


def parse_entries(doc: str, entries: tuple[ReferenceEntry, ...]) -> list[Reference]:
    """The parsed references of ``entries``, with their offsets and any DOI given apart."""
    references = parse_references([entry.text for entry in entries], doc) if entries else []
    for reference, entry in zip(references, entries, strict=True):
        reference.start, reference.end = entry.start, entry.end
        reference.doi = reference.doi or entry.doi
    return references
