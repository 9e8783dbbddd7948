"""The records (nouns) that flow through the analyser, as plain dataclasses.

Every character offset (``start``/``end``) is an index into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Paragraph:
    """A blank-line block of a document; ``text == document.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str
    kind: str = "body"  # body | heading


@dataclass(slots=True)
class Document:
    """One ingested file: cleaned text, its paragraphs and its metadata."""

    id: str
    path: str
    sha256: str
    format: str
    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    genre: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def n_words(self) -> int:
        """Number of whitespace-separated words in the cleaned text."""
        return len(self.text.split())


@dataclass(slots=True)
class Author:
    """A person's name split into family and given parts."""

    family: str
    given: str = ""


@dataclass(slots=True)
class Reference:
    """One entry of a document's reference list, with its parsed fields."""

    doc: str
    index: int
    raw: str
    start: int = -1
    end: int = -1
    authors: list[Author] = field(default_factory=list)
    editors: list[Author] = field(default_factory=list)
    year: str | None = None
    title: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    publisher: str | None = None
    place: str | None = None
    doi: str | None = None
    url: str | None = None
    type: str = "other"  # article | book | chapter | other
    work: str | None = None


@dataclass(slots=True)
class Citation:
    """An in-text citation of one work."""

    doc: str
    paragraph: int
    start: int
    end: int
    surface: str
    authors: list[str]
    year: str | None = None  # with suffix, e.g. "2004a"
    locator: str | None = None
    kind: str = "parenthetical"  # parenthetical | narrative | name_only | numeric
    reference: int | None = None
    work: str | None = None


@dataclass(slots=True)
class ConceptMention:
    """A span of a document that names a concept."""

    doc: str
    paragraph: int
    start: int
    end: int
    concept: str
    surface: str


@dataclass
class Definition:
    """A sentence whose main job is to say what a term means."""

    doc: str
    term: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Hypothesis:
    """A general proposition linking a cause (or condition) to an effect."""

    id: str
    doc: str
    start: int
    end: int
    text: str
    cause: str
    effect: str
    direction: str  # + | - | 0 | conditional | non-linear
    condition: str | None = None
    hedged: bool = False
    attributed: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    theory: str | None = None


@dataclass(slots=True)
class DocResult:
    """Everything extracted from one document."""

    document: Document
    citations: list[Citation] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    mentions: list[ConceptMention] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    hypotheses: list[Hypothesis] = field(default_factory=list)
    terms: dict[str, int] = field(default_factory=dict)  # candidate key terms (lemmas) -> count


@dataclass
class Work:
    """A cited work, deduplicated across the corpus."""

    key: str  # e.g. "sandler1993economic"
    authors: list[Author] = field(default_factory=list)
    year: str | None = None
    title: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    publisher: str | None = None
    place: str | None = None
    doi: str | None = None
    url: str | None = None
    type: str = "other"
    docs: list[str] = field(default_factory=list)
    n_citations: int = 0
    editors: list[Author] = field(default_factory=list)


@dataclass
class PassageAssignment:
    """A passage (paragraph) placed in a theoretical position with a weight."""

    doc: str
    paragraph: int
    start: int
    end: int
    text: str
    position: str
    weight: float


@dataclass
class Position:
    """A cluster of passages that reads as one theoretical position."""

    id: str
    label: str
    top_terms: list[str] = field(default_factory=list)
    known_position: str | None = None
    confidence: float = 0.0
    docs: dict[str, float] = field(default_factory=dict)  # doc -> weight in its position mix
    n_passages: int = 0


@dataclass
class ModelLink:
    """A hypothesis formalised by a runnable model, with the verdict of a model run."""

    hypothesis: str
    model: str
    prediction: str
    score: float
    verdict: str  # supported | contradicted | conditional | untested
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Concept:
    """A corpus concept: from the lexicon or discovered as a key term."""

    id: str
    label: str
    source: str  # lexicon | discovered
    positions: list[str] = field(default_factory=list)
    n_docs: int = 0
    count: int = 0


@dataclass
class DocConcept:
    """A concept of one document, with its count and rank score."""

    doc: str
    concept: str
    label: str
    count: int
    score: float


@dataclass
class CoOccurrence:
    """Two concepts named in the same paragraphs, with how often."""

    a: str
    b: str
    weight: int


@dataclass
class Corpus:
    """Everything known about a corpus after the corpus steps: the input of graph and exports."""

    results: list[DocResult] = field(default_factory=list)
    works: list[Work] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)
    doc_concepts: list[DocConcept] = field(default_factory=list)
    cooccurrences: list[CoOccurrence] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    passages: list[PassageAssignment] = field(default_factory=list)
    links: list[ModelLink] = field(default_factory=list)
