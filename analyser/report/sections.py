"""Building the review's sections from a Corpus: overview, positions, gaps and the appendix."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from analyser.graph import WorkIndex, base_year, work_label, work_reference
from analyser.lexicon.normalise import phrase_key
from analyser.records import Citation, Corpus, Definition, PassageAssignment, Position, Work
from analyser.report.content import (
    AppendixDocument,
    AppendixParagraph,
    CitedWork,
    Claim,
    DocumentRow,
    Gaps,
    Overview,
    PositionSection,
    Quote,
    Review,
    Source,
    UnresolvedCitation,
)
from analyser.report.plots import overview_figures
from analyser.report.sources import (
    ParagraphIndex,
    doc_anchor,
    excerpt,
    one_line,
    safe_link,
    source,
)

MAX_PASSAGES = 6
MAX_WORKS = 6
MAX_CLAIMS = 12
MAX_DEFINITIONS = 8
MAX_UNMODELLED = 40
MAX_UNDEFINED = 25
MAX_UNRESOLVED = 40
PASSAGE_CHARS = 220
DEFINITION_CHARS = 320
KEY_CONCEPTS = 10
MISSING = "(this paragraph is not in the corpus)"
_PARENTHESES = re.compile(r"\([^)]*\)")
T = TypeVar("T")


def capped(items: list[T], limit: int) -> tuple[list[T], int]:
    """The first ``limit`` items and how many were left out."""
    return items[:limit], max(len(items) - limit, 0)


def _span(low: int | None, high: int | None) -> str:
    if low is None or high is None:
        return "none"
    return str(low) if low == high else f"{low}–{high}"


# --- overview --------------------------------------------------------------------------------


def overview(corpus: Corpus, index: ParagraphIndex) -> Overview:
    """Documents, the years they and their cited works cover, genres, counts and plots."""
    rows = [
        DocumentRow(
            id=r.document.id,
            title=index.title(r.document.id),
            year=r.document.year,
            genre=r.document.genre,
            n_words=r.document.n_words,
            n_citations=len(r.citations),
            n_hypotheses=len(r.hypotheses),
            anchor=doc_anchor(r.document.id),
        )
        for r in sorted(corpus.results, key=lambda r: r.document.id)
    ]
    years = [row.year for row in rows if row.year is not None]
    undated = len(rows) - len(years)
    doc_years = _span(min(years, default=None), max(years, default=None))
    if undated:
        doc_years += f" ({undated} of {len(rows)} documents undated)"
    cited = [int(y) for w in corpus.works if (y := base_year(w.year))]
    genres = Counter(row.genre or "unknown" for row in rows)
    counts = [
        ("documents", len(rows)),
        ("paragraphs", sum(len(r.document.paragraphs) for r in corpus.results)),
        ("in-text citations", sum(len(r.citations) for r in corpus.results)),
        ("cited works", len(corpus.works)),
        ("concepts", len(corpus.concepts)),
        ("definitions", sum(len(r.definitions) for r in corpus.results)),
        ("hypotheses", sum(len(r.hypotheses) for r in corpus.results)),
        ("positions", len(corpus.positions)),
        ("model links", len(corpus.links)),
    ]
    return Overview(
        documents=rows,
        years=doc_years,
        cited_years=_span(min(cited, default=None), max(cited, default=None)),
        genres=sorted(genres.items(), key=lambda item: (-item[1], item[0])),
        counts=counts,
        figures=overview_figures(corpus),
    )


# --- works -----------------------------------------------------------------------------------


def _displayable(work: Work) -> Work:
    """``work`` with a URL it is safe to show (http or https) or none."""
    url = work.url if safe_link(work.url) else None
    doi = work.doi if work.doi and safe_link(None, work.doi) else None
    return dataclasses.replace(work, url=url, doi=doi)


def _citation_label(citation: Citation) -> str:
    """An author–year label such as "Olson and Zeckhauser 1966" (else the citation's surface)."""
    names = citation.authors[:2] if len(citation.authors) <= 2 else citation.authors[:1]
    joined = " and ".join(names) + (" et al." if len(citation.authors) > 2 else "")
    return f"{joined} {citation.year or ''}".strip() or one_line(citation.surface)


@dataclass
class WorkFinder:
    """The work a citation names: its linked work, else the corpus work its author–year fits
    (matched once per author–year label)."""

    works: dict[str, Work]
    index: WorkIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = WorkIndex(self.works.values())

    def __call__(self, citation: Citation) -> Work | None:
        """The work ``citation`` names, if any."""
        if citation.work in self.works:
            return self.works[citation.work]
        if not citation.authors:
            return None
        return self.index.match(_citation_label(citation))


@dataclass(frozen=True)
class FoundCitation:
    """A citation with the work it names (if any) and the key it is counted under."""

    citation: Citation
    key: str
    work: Work | None

    @classmethod
    def of(cls, citation: Citation, find_work: Callable[[Citation], Work | None]) -> FoundCitation:
        """``citation`` with the work ``find_work`` finds for it."""
        work = find_work(citation)
        return cls(citation, work.key if work else _citation_label(citation), work)


def cited_works(citations: Iterable[tuple[FoundCitation, float]], limit: int) -> list[CitedWork]:
    """The works most cited by weighted citations, with their labels and references."""
    weights: dict[str, float] = defaultdict(float)
    counts: Counter[str] = Counter()
    found: dict[str, Work | None] = {}
    for citation, weight in citations:
        key, work = citation.key, citation.work
        found[key] = work
        weights[key] += weight
        counts[key] += 1
    ranked = sorted(weights, key=lambda key: (-weights[key], -counts[key], key))[:limit]
    items = []
    for key in ranked:
        work = found[key]
        if work is None:
            items.append(CitedWork(one_line(key), "no entry in any reference list", counts[key]))
            continue
        shown = _displayable(work)
        items.append(
            CitedWork(
                one_line(work_label(shown)),
                one_line(work_reference(shown)),
                counts[key],
                safe_link(shown.url, shown.doi),
            )
        )
    return items


# --- positions -------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 14)
def _term_key(term: str) -> tuple[str, ...]:
    return phrase_key(_PARENTHESES.sub(" ", term))


@lru_cache(maxsize=1 << 14)
def _subphrases(phrase: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """Every non-empty run of consecutive words of ``phrase``."""
    n = len(phrase)
    return frozenset(phrase[i:j] for i in range(n) for j in range(i + 1, n + 1))


@dataclass(frozen=True)
class DocClaims:
    """One document's claims, found by the spans they overlap."""

    claims: list[Claim]
    by_start: list[int]  # numbers of the claims by where they start
    starts: list[int]  # where they start, in that order
    longest: int  # the longest claim's length: no claim starts further before its end

    @classmethod
    def of(cls, claims: list[Claim]) -> DocClaims:
        """The lookup of ``claims``."""
        by_start = sorted(range(len(claims)), key=lambda n: claims[n].span[0])
        lengths = (end - start for start, end in (claim.span for claim in claims))
        starts = [claims[n].span[0] for n in by_start]
        return cls(claims, by_start, starts, max([0, *lengths]))

    def inside(self, passages: list[PassageAssignment]) -> list[Claim]:
        """The claims overlapping one of ``passages``, in their given order."""
        found: set[int] = set()
        for passage in passages:
            first = bisect.bisect_right(self.starts, passage.start - self.longest)
            last = bisect.bisect_left(self.starts, passage.end)
            found.update(
                number
                for number in self.by_start[first:last]
                if self.claims[number].span[1] > passage.start
            )
        return [self.claims[number] for number in sorted(found)]


@dataclass(frozen=True)
class SectionLookup:
    """What every position's section looks up, gathered once per corpus."""

    citations: dict[str, list[FoundCitation]]  # by document
    definitions: list[Definition]
    definitions_by_phrase: dict[tuple[str, ...], list[int]]  # by each run of a term's words
    definitions_by_doc: dict[str, list[int]]
    passages: dict[str, list[PassageAssignment]]  # by position id
    claims_by_doc: dict[str, DocClaims]

    @classmethod
    def of(cls, corpus: Corpus, claims: list[Claim]) -> SectionLookup:
        """The lookup of ``corpus`` and its ``claims``."""
        definitions = [d for r in corpus.results for d in r.definitions]
        by_phrase: dict[tuple[str, ...], list[int]] = defaultdict(list)
        by_doc: dict[str, list[int]] = defaultdict(list)
        for number, definition in enumerate(definitions):
            for phrase in _subphrases(_term_key(definition.term)):
                by_phrase[phrase].append(number)
            by_doc[definition.doc].append(number)
        claims_by_doc: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            claims_by_doc[claim.source.doc].append(claim)
        find_work = WorkFinder({w.key: w for w in corpus.works})
        return cls(
            {
                r.document.id: [FoundCitation.of(c, find_work) for c in r.citations]
                for r in corpus.results
            },
            definitions,
            dict(by_phrase),
            dict(by_doc),
            _passages_by_position(corpus),
            {doc: DocClaims.of(items) for doc, items in claims_by_doc.items()},
        )


def _passages_by_position(corpus: Corpus) -> dict[str, list[PassageAssignment]]:
    """Each position's passages, in corpus order."""
    grouped: dict[str, list[PassageAssignment]] = defaultdict(list)
    for passage in corpus.passages:
        grouped[passage.position].append(passage)
    return dict(grouped)


def _overlaps(start: int, end: int, passage: PassageAssignment) -> bool:
    return start < passage.end and passage.start < end


def _passage_weight(citation: Citation, passages: list[PassageAssignment]) -> float:
    """The weight of the position's passage holding the citation (0 outside its passages)."""
    start, end, doc = citation.start, citation.end, citation.doc
    return max(
        (p.weight for p in passages if p.doc == doc and start < p.end and p.start < end),
        default=0.0,
    )


def _position_docs(position: Position, passages: list[PassageAssignment]) -> dict[str, float]:
    """The position's documents and weights (from the position, else from its passages)."""
    if position.docs:
        return dict(position.docs)
    counts = Counter(p.doc for p in passages)
    total = sum(counts.values())
    return {doc: round(n / total, 3) for doc, n in counts.items()} if total else {}


def _key_concepts(
    position: Position, passages_by_doc: dict[str, list[PassageAssignment]], corpus: Corpus
) -> list[str]:
    """The position's top terms, else the concepts mentioned most in its passages."""
    if position.top_terms:
        return list(position.top_terms)
    labels = {c.id: c.label for c in corpus.concepts}
    counts = Counter(
        mention.concept
        for result in corpus.results
        for mention in result.mentions
        for passage in passages_by_doc.get(mention.doc, ())
        if _overlaps(mention.start, mention.end, passage)
    )
    ranked = sorted(counts, key=lambda c: (-counts[c], c))[:KEY_CONCEPTS]
    return [labels.get(concept, concept) for concept in ranked]


def _position_definitions(
    terms: list[str], passages_by_doc: dict[str, list[PassageAssignment]],
    lookup: SectionLookup, index: ParagraphIndex,
) -> list[Quote]:  # fmt: skip
    """Definitions of the position's terms or inside its passages, in reading order."""
    numbers = {n for term in terms for n in lookup.definitions_by_phrase.get(_term_key(term), ())}
    for doc, passages in passages_by_doc.items():
        numbers.update(
            n
            for n in lookup.definitions_by_doc.get(doc, ())
            if any(_overlaps(lookup.definitions[n].start, lookup.definitions[n].end, p)
                   for p in passages)
        )  # fmt: skip
    chosen = [lookup.definitions[n] for n in sorted(numbers)]
    chosen.sort(key=lambda d: (d.doc, d.start, d.term))
    return [
        Quote(excerpt(d.text, DEFINITION_CHARS), index.source_at(d.doc, d.start), one_line(d.term))
        for d in chosen[:MAX_DEFINITIONS]
    ]


def position_section(
    position: Position, corpus: Corpus, lookup: SectionLookup, index: ParagraphIndex
) -> PositionSection:
    """One position's signature terms, documents, passages, works, claims and definitions."""
    passages = sorted(
        lookup.passages.get(position.id, []),
        key=lambda p: (-p.weight, p.doc, p.paragraph),
    )
    docs = _position_docs(position, passages)
    documents = sorted(
        ((doc, index.title(doc), weight) for doc, weight in docs.items()),
        key=lambda item: (-item[2], item[0]),
    )
    shown_passages, more_passages = capped(passages, MAX_PASSAGES)
    quotes = [
        Quote(excerpt(p.text, PASSAGE_CHARS), source(p.doc, p.paragraph), None, p.weight)
        for p in shown_passages
    ]
    passages_by_doc: dict[str, list[PassageAssignment]] = defaultdict(list)
    for passage in passages:
        passages_by_doc[passage.doc].append(passage)
    member_claims = [
        claim
        for doc in sorted(passages_by_doc)
        if doc in lookup.claims_by_doc
        for claim in lookup.claims_by_doc[doc].inside(passages_by_doc[doc])
    ]
    shown_claims, more_claims = capped(member_claims, MAX_CLAIMS)
    citations = [
        (
            found,
            docs[result.document.id]
            + _passage_weight(found.citation, passages_by_doc.get(found.citation.doc, [])),
        )
        for result in corpus.results
        if docs.get(result.document.id, 0) > 0
        for found in lookup.citations[result.document.id]
    ]
    terms = _key_concepts(position, passages_by_doc, corpus)
    return PositionSection(
        id=position.id,
        label=one_line(position.label or position.id),
        known_position=position.known_position,
        confidence=position.confidence,
        terms=[one_line(term) for term in terms],
        documents=documents,
        passages=quotes,
        more_passages=more_passages,
        works=cited_works(citations, MAX_WORKS),
        claims=shown_claims,
        more_claims=more_claims,
        definitions=_position_definitions(terms, passages_by_doc, lookup, index),
    )


# --- gaps ------------------------------------------------------------------------------------


def _undefined_concepts(corpus: Corpus) -> list[tuple[str, int]]:
    """Mentioned concepts that no definition's term names, most mentioned first."""
    defined: set[tuple[str, ...]] = set()
    for definition in (d for r in corpus.results for d in r.definitions):
        defined |= _subphrases(_term_key(definition.term))
    concepts = sorted(
        (c for c in corpus.concepts if c.count > 0), key=lambda c: (-c.count, c.label, c.id)
    )
    return [
        (one_line(c.label or c.id), c.count)
        for c in concepts
        if _term_key(c.label or c.id) not in defined
    ]


def _single_source_positions(corpus: Corpus, index: ParagraphIndex) -> list[tuple[str, str]]:
    """(label, title of its one document) of each position that rests on one document."""
    single = []
    by_position = _passages_by_position(corpus)
    for position in sorted(corpus.positions, key=lambda p: (p.label, p.id)):
        passages = by_position.get(position.id, [])
        docs = {d for d, w in _position_docs(position, passages).items() if w > 0}
        docs |= {p.doc for p in passages}
        if len(docs) == 1:
            single.append((one_line(position.label or position.id), index.title(docs.pop())))
    return single


def gaps(corpus: Corpus, claims: list[Claim], index: ParagraphIndex) -> Gaps:
    """Claims without a model, concepts never defined, unresolved citations, thin positions."""
    linked = {link.hypothesis for link in corpus.links}
    unmodelled, more_unmodelled = capped([c for c in claims if c.id not in linked], MAX_UNMODELLED)
    undefined, more_undefined = capped(_undefined_concepts(corpus), MAX_UNDEFINED)
    loose = sorted(
        (c for r in corpus.results for c in r.citations if c.reference is None),
        key=lambda c: (c.doc, c.start, c.end),
    )
    unresolved, more_unresolved = capped(
        [
            UnresolvedCitation(one_line(c.surface), c.work, source(c.doc, c.paragraph))
            for c in loose
        ],
        MAX_UNRESOLVED,
    )
    return Gaps(
        unmodelled,
        more_unmodelled,
        undefined,
        more_undefined,
        unresolved,
        more_unresolved,
        _single_source_positions(corpus, index),
    )


# --- appendix --------------------------------------------------------------------------------


def review_sources(review: Review) -> Iterator[Source]:
    """Every source the review cites."""
    for section in review.positions:
        yield from (quote.source for quote in section.passages)
        yield from (quote.source for quote in section.definitions)
        yield from (claim.source for claim in section.claims)
    for passage in review.contested:
        yield passage.source
        yield from (claim.source for claim in (*passage.raised, *passage.answered))
    for pair in review.opposed:
        yield from (pair.first.source, pair.second.source)
    for model in review.models:
        for run in model.runs:
            yield from (link.claim.source for link in run.links if link.claim)
    yield from (claim.source for claim in review.gaps.unmodelled)
    yield from (citation.source for citation in review.gaps.unresolved)


def appendix(
    corpus: Corpus, cited: Iterable[Source], index: ParagraphIndex
) -> list[AppendixDocument]:
    """Each document with the paragraphs the review cites, in full, under their anchors.

    A cited paragraph the corpus does not hold still gets its anchor, with a note instead of
    text, so that every link of the report resolves.
    """
    by_doc: dict[str, set[int]] = defaultdict(set)
    for item in cited:
        by_doc[item.doc].add(item.paragraph)
    documents = {r.document.id: r.document for r in corpus.results}
    shown = []
    for doc in sorted(set(documents) | set(by_doc)):
        paragraphs = {p.index: p for p in documents[doc].paragraphs} if doc in documents else {}
        shown.append(
            AppendixDocument(
                doc,
                index.title(doc),
                doc_anchor(doc),
                [
                    AppendixParagraph(
                        source(doc, number),
                        one_line(paragraphs[number].text) if number in paragraphs else MISSING,
                        number in paragraphs and paragraphs[number].kind == "heading",
                    )
                    for number in sorted(by_doc.get(doc, ()))
                ],
            )
        )
    return shown
