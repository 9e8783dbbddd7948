"""The review's content as plain records, built from a Corpus and rendered to Markdown and HTML.

Every item that quotes the corpus carries a ``Source`` (document and paragraph) so each claim
can be traced to the paragraph it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Source:
    """A paragraph of a document: ``label`` is "doc:paragraph", ``anchor`` its HTML id."""

    doc: str
    paragraph: int
    anchor: str

    @property
    def label(self) -> str:
        """The Markdown citation form, ``doc:paragraph``."""
        return f"{self.doc}:{self.paragraph}"


@dataclass(frozen=True)
class Claim:
    """A hypothesis as the review shows it: the proposition, its parts and its source."""

    id: str
    text: str
    cause: str
    effect: str
    direction: str
    condition: str | None
    hedged: bool
    attributed: tuple[str, ...]
    theory: str | None
    source: Source
    span: tuple[int, int]  # the sentence's offsets in its document


@dataclass(frozen=True)
class Quote:
    """A short excerpt of a paragraph (a passage or a definition) with its source."""

    text: str
    source: Source
    term: str | None = None
    weight: float | None = None


@dataclass(frozen=True)
class CitedWork:
    """A work cited by a group of documents: label, full reference, link and how often cited."""

    label: str
    reference: str
    count: int
    link: str | None = None


@dataclass(frozen=True)
class DocumentRow:
    """One corpus document in the overview table."""

    id: str
    title: str
    year: int | None
    genre: str | None
    n_words: int
    n_citations: int
    n_hypotheses: int
    anchor: str


@dataclass(frozen=True)
class Figure:
    """A PNG plot with its caption (``key`` names its file beside report.md)."""

    key: str
    caption: str
    png: bytes


@dataclass
class Overview:
    """What the corpus holds: documents, years, genres, counts and overview plots."""

    documents: list[DocumentRow]
    years: str
    cited_years: str
    genres: list[tuple[str, int]]
    counts: list[tuple[str, int]]
    figures: list[Figure] = field(default_factory=list)


@dataclass
class PositionSection:
    """One theoretical position: its signature terms, documents, passages, works and claims."""

    id: str
    label: str
    known_position: str | None
    confidence: float
    terms: list[str]
    documents: list[tuple[str, str, float]]  # doc id, title, weight in the doc's position mix
    passages: list[Quote]
    more_passages: int
    works: list[CitedWork]
    claims: list[Claim]
    more_claims: int
    definitions: list[Quote]


@dataclass(frozen=True)
class OpposedClaims:
    """Two claims on shared variables whose directions conflict."""

    first: Claim
    second: Claim
    shared: tuple[str, ...]
    reason: str
    score: float


@dataclass(frozen=True)
class ContestedPassage:
    """A passage that signals disagreement, with the claims it raises and those it answers."""

    cues: tuple[str, ...]
    sentence: str
    source: Source
    raised: tuple[Claim, ...]
    answered: tuple[Claim, ...]


@dataclass(frozen=True)
class PredictionResult:
    """A model prediction and its verdict on a run."""

    name: str
    text: str
    verdict: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class LinkedClaim:
    """A hypothesis formalised by a model, with the link's prediction, score and verdict."""

    hypothesis: str
    claim: Claim | None
    prediction: str
    score: float
    verdict: str


@dataclass
class ModelRunView:
    """One run of a model: parameters, summary, plot, prediction verdicts, the links it tests."""

    params: dict[str, Any]
    summary: list[tuple[str, str]]
    png: bytes | None
    predictions: list[PredictionResult]
    links: list[LinkedClaim]
    note: str | None = None


@dataclass
class ModelSection:
    """A linked (or supplied) model: what it is, the works it formalises and its runs."""

    name: str
    label: str
    theory: str
    works: list[str]
    runs: list[ModelRunView]


@dataclass(frozen=True)
class UnresolvedCitation:
    """An in-text citation with no entry in its document's reference list."""

    surface: str
    work: str | None
    source: Source


@dataclass
class Gaps:
    """What the corpus leaves open: unmodelled claims, undefined concepts, loose citations."""

    unmodelled: list[Claim]
    more_unmodelled: int
    undefined: list[tuple[str, int]]  # concept label, mentions
    more_undefined: int
    unresolved: list[UnresolvedCitation]
    more_unresolved: int
    single_source: list[tuple[str, str]]  # position label, its one document


@dataclass(frozen=True)
class AppendixParagraph:
    """A paragraph the review cites, in full."""

    source: Source
    text: str
    heading: bool


@dataclass
class AppendixDocument:
    """A document's cited paragraphs, in reading order."""

    id: str
    title: str
    anchor: str
    paragraphs: list[AppendixParagraph]


@dataclass
class Review:
    """The whole draft review, section by section."""

    overview: Overview
    positions: list[PositionSection]
    contested: list[ContestedPassage]
    more_contested: int
    opposed: list[OpposedClaims]
    more_opposed: int
    models: list[ModelSection]
    gaps: Gaps
    appendix: list[AppendixDocument]
