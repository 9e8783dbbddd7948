"""Corpus-wide works: the references and citations of every document, deduplicated.

Two references are one work when they share a DOI, or else when their first authors' surnames
match (spelling variants allowed), their years agree and their titles are alike. A citation
joins the work of the reference it is linked to; an unlinked author–year citation joins the one
work of the corpus with its first author and year, or a work of its own; a scholar named without
a year joins the one work of the corpus by that author, when there is just one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, count

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from analyser.extract.linking import (
    SURNAME_THRESHOLD,
    best_unique,
    names_fit,
    normalise_name,
    reference_surnames,
    same_surname,
    year_parts,
)
from analyser.records import Author, Citation, DocResult, Reference, Work

TITLE_THRESHOLD = 90.0  # similarity (0-100) of two main titles (before any subtitle) for one work
_TITLE_STOP_WORDS = frozenset(
    {
        "a", "an", "the", "on", "of", "in", "and", "or", "for", "to", "with", "at", "by", "from",
        "into", "under", "over", "about", "as", "its", "their", "some", "towards", "toward",
        "why", "how", "what", "when", "is", "are",
    }
)  # fmt: skip
_MERGED_FIELDS = ("title", "container", "volume", "issue", "pages", "publisher", "place", "url")


@dataclass
class _Draft:
    """A work being assembled: its references (fixed) and citations (added), in corpus order."""

    references: list[Reference] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._reference_year = _most_common(r.year for r in self.references)
        self._cited_years = Counter(c.year for c in self.citations if c.year)

    def cite(self, citation: Citation) -> None:
        """Add a citation of this work."""
        self.citations.append(citation)
        if citation.year:
            self._cited_years[citation.year] += 1

    @property
    def surnames(self) -> list[str]:
        if self.references:
            return reference_surnames(self.references[0])
        return self.citations[0].authors if self.citations else []

    @property
    def year(self) -> str | None:
        """The references' most common year, else the citations' (the first seen on a tie)."""
        return self._reference_year or _mode(self._cited_years)

    def order(self) -> tuple[str, int, int]:
        """Where the work first appears: (document, offset, reference index)."""
        places = [(r.doc, r.start, r.index) for r in self.references] + [
            (c.doc, c.start, -1) for c in self.citations
        ]
        return min(places)


class _SurnameIndex:
    """Items filed under a surname, found again by any surname that may be the same person.

    ``alike`` returns a superset of the items whose surname ``same_surname`` accepts: a bulk
    similarity prefilter over the distinct normalised names (of the whole names and of their
    last words, as ``same_surname`` compares them), each name scanned once per query name.
    """

    def __init__(self) -> None:
        self._wholes: list[str] = []
        self._lasts: list[str] = []
        self._items: list[list[int]] = []
        self._slot: dict[str, int] = {}
        self._alike: dict[str, tuple[int, list[int]]] = {}  # query -> (slots scanned, alike)

    def add(self, surname: str, item: int) -> None:
        """File ``item`` under ``surname`` (names with no letters are not filed)."""
        name = normalise_name(surname)
        if not name:
            return
        if name not in self._slot:
            self._slot[name] = len(self._wholes)
            self._wholes.append(name)
            self._lasts.append(name.split()[-1])
            self._items.append([])
        self._items[self._slot[name]].append(item)

    def alike(self, surname: str) -> list[int]:
        """The items filed under a surname that may match ``surname``, in filing order."""
        name = normalise_name(surname)
        if not name:
            return []
        scanned, slots = self._alike.get(name, (0, []))
        if scanned < len(self._wholes):
            slots = slots + self._scan(name, scanned)
            self._alike[name] = (len(self._wholes), slots)
        return sorted(item for slot in slots for item in self._items[slot])

    def _scan(self, name: str, start: int) -> list[int]:
        """Slots from ``start`` on whose whole or last-word similarity may reach the threshold."""
        cutoff = SURNAME_THRESHOLD - 1e-9
        found: set[int] = set()
        for query, choices in ((name, self._wholes), (name.split()[-1], self._lasts)):
            matches = process.extract(
                query, choices[start:], scorer=Indel.normalized_similarity,
                score_cutoff=cutoff, limit=None,
            )  # fmt: skip
            found.update(start + index for _, _, index in matches)
        return sorted(found)


def build_works(results: list[DocResult]) -> list[Work]:
    """The corpus's works, sorted by key; sets ``Reference.work`` and ``Citation.work`` in place.

    Numeric citations that no reference resolves are left without a work.
    """
    ordered = sorted(results, key=lambda result: result.document.id)
    drafts = _cluster_references([r for result in ordered for r in result.references])
    by_reference = {(r.doc, r.index): d for d in drafts for r in d.references}
    citations = [c for result in ordered for c in result.citations]
    for citation in citations:
        if citation.reference is not None and (citation.doc, citation.reference) in by_reference:
            by_reference[(citation.doc, citation.reference)].cite(citation)
    unlinked = [c for c in citations if c.reference is None and c.authors]
    _place_all([c for c in unlinked if c.year], drafts, with_year=True)
    _place_all([c for c in unlinked if not c.year], drafts, with_year=False)
    drafts = [d for d in drafts if d.references or d.citations]
    works = []
    for key, draft in zip(_keys(drafts), drafts, strict=True):
        for item in [*draft.references, *draft.citations]:
            item.work = key
        works.append(_work(key, draft))
    return sorted(works, key=lambda work: work.key)


def _cluster_references(references: list[Reference]) -> list[_Draft]:
    """References grouped into works: the connected groups of pairs that ``same_work`` joins.

    Only pairs that can be one work are compared: references alike in every field
    ``same_work`` reads are compared once as a group, and groups only with groups of the same
    DOI, or of the same year and a first author spelled alike.
    """
    parent = list(range(len(references)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        low, high = sorted((root(i), root(j)))
        parent[high] = low

    groups = _alike_references(references)
    for members in groups:
        if len(members) > 1 and same_work(references[members[0]], references[members[1]]):
            for member in members[1:]:
                join(members[0], member)
    for first, second in _candidate_pairs([references[members[0]] for members in groups]):
        i, j = groups[first][0], groups[second][0]
        if root(i) != root(j) and same_work(references[i], references[j]):
            join(i, j)
    works: dict[int, list[Reference]] = defaultdict(list)
    for i, reference in enumerate(references):
        works[root(i)].append(reference)
    return [_Draft(references=works[key]) for key in sorted(works)]


def _signature(reference: Reference) -> tuple[str | None, ...]:
    """Everything of a reference that ``same_work`` reads: references with one signature are
    the same work as each other and as the same other references."""
    year = year_parts(reference.year)
    names = reference_surnames(reference)
    return (
        _doi(reference.doi), year[0] if year else None, names[0] if names else None,
        _main_title(reference.title) if reference.title else None,
    )  # fmt: skip


def _alike_references(references: Sequence[Reference]) -> list[list[int]]:
    """Indices of the references, grouped by signature (groups in order of first member)."""
    groups: dict[tuple[str | None, ...], list[int]] = {}
    for i, reference in enumerate(references):
        groups.setdefault(_signature(reference), []).append(i)
    return list(groups.values())


def _candidate_pairs(references: Sequence[Reference]) -> Iterator[tuple[int, int]]:
    """Index pairs (earlier, later) of references that may be one work: the same DOI, or the
    same year with first authors that may be the same person; no other pair can be."""
    by_doi: dict[str, list[int]] = defaultdict(list)
    by_year: dict[str, _SurnameIndex] = defaultdict(_SurnameIndex)
    for j, reference in enumerate(references):
        doi, year, surname, _ = _signature(reference)
        if doi:
            yield from ((i, j) for i in by_doi[doi])
            by_doi[doi].append(j)
        if year is not None and surname is not None:
            yield from ((i, j) for i in by_year[year].alike(surname))
            by_year[year].add(surname, j)


def same_work(first: Reference, second: Reference) -> bool:
    """Whether two references describe one work: same DOI, or same first author, year and title."""
    doi_a, doi_b = _doi(first.doi), _doi(second.doi)
    if doi_a and doi_b:
        return doi_a == doi_b
    year_a, year_b = year_parts(first.year), year_parts(second.year)
    names_a, names_b = reference_surnames(first), reference_surnames(second)
    if not (year_a and year_b and names_a and names_b) or year_a[0] != year_b[0]:
        return False
    if not same_surname(names_a[0], names_b[0]):
        return False
    if not (first.title and second.title):
        return True
    return fuzz.ratio(_main_title(first.title), _main_title(second.title)) >= TITLE_THRESHOLD


def _place_all(citations: list[Citation], drafts: list[_Draft], with_year: bool) -> None:
    """Place unlinked citations in turn (see ``_place``), comparing each only with the works
    that can fit it: those of its year (when ``with_year``) whose first author it may name."""
    index: dict[str | None, _SurnameIndex] = defaultdict(_SurnameIndex)
    for i, draft in enumerate(drafts):
        _file(index, i, draft, with_year)
    for citation in citations:
        fitting = index[_year_key(citation.year, with_year)].alike(citation.authors[0])
        created = _place(citation, drafts, fitting, with_year)
        if created:
            _file(index, len(drafts) - 1, drafts[-1], with_year)


def _year_key(year: str | None, with_year: bool) -> str | None:
    """The index key of a year: its digits when placing by year, else one key for all.

    A citation joins only a work whose year has its digits, so no work changes key while
    citations are placed.
    """
    if not with_year:
        return ""
    parts = year_parts(year)
    return parts[0] if parts else None


def _file(index: dict[str | None, _SurnameIndex], i: int, draft: _Draft, with_year: bool) -> None:
    """File draft ``i`` under its year key and first author (no author, no match to file)."""
    key = _year_key(draft.year, with_year)
    if draft.surnames and key is not None:
        index[key].add(draft.surnames[0], i)


def _place(citation: Citation, drafts: list[_Draft], fitting: list[int], with_year: bool) -> bool:
    """Put an unlinked citation into the one work (of the ``fitting`` ones; others score 0)
    that fits it best, or into a new work when none fits (when several fit equally well, it
    stays without a work). True when a new work was made."""
    scores = {i: _fit(citation, drafts[i], with_year) for i in fitting}
    best = best_unique(scores)
    if best is not None:
        drafts[best].cite(citation)
    elif not any(scores.values()):
        drafts.append(_Draft(citations=[citation]))
        return True
    return False


def _fit(citation: Citation, draft: _Draft, with_year: bool) -> float:
    """How well a citation's names (and year) fit a work; 0 when they do not."""
    if with_year:
        cited, year = year_parts(citation.year), year_parts(draft.year)
        if cited is None or year is None or cited[0] != year[0]:
            return 0.0
    return names_fit(citation.authors, draft.surnames)


def _keys(drafts: list[_Draft]) -> list[str]:
    """Unique keys like ``sandler1993economic``, given in a stable order (shorter titles
    first); a clash adds the next title words, then a number ("-2")."""
    bases = [_base_key(draft) for draft in drafts]
    titles = [_title_words(_title(draft)) for draft in drafts]
    keys: dict[int, str] = {}
    used: set[str] = set()
    order = sorted(range(len(drafts)), key=lambda i: (bases[i], len(titles[i]), drafts[i].order()))
    for i in order:
        words = titles[i]
        longer = (bases[i] + "".join(words[1:n]) for n in range(1, max(len(words), 1) + 1))
        numbered = (f"{bases[i]}-{n}" for n in count(2))
        keys[i] = next(key for key in chain(longer, numbered) if key not in used)
        used.add(keys[i])
    return [keys[i] for i in range(len(drafts))]


def _base_key(draft: _Draft) -> str:
    surnames = draft.surnames
    name = _ascii_word(surnames[0]) if surnames else ""
    year = year_parts(draft.year)
    words = _title_words(_title(draft))
    key = f"{name}{year[0] + year[1] if year else ''}{words[0] if words else ''}"
    return key or "anonymous"


def _title(draft: _Draft) -> str | None:
    return _most_common([r.title for r in draft.references if r.title])


def _title_words(title: str | None) -> list[str]:
    words = [_ascii_word(word) for word in (title or "").split()]
    return [w for w in words if w and w not in _TITLE_STOP_WORDS]


def _ascii_word(text: str) -> str:
    return normalise_name(text).replace(" ", "")


def _main_title(title: str) -> str:
    """A title without its subtitle, folded to lower-case words: "The Security Dilemma: Fear,
    Cooperation and Trust" -> "the security dilemma"."""
    main = re.split(r"[:?!]|\.\s|\s[-–—]\s", title.strip(), maxsplit=1)[0]
    folded = unicodedata.normalize("NFKD", main).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", folded).split())


def _doi(doi: str | None) -> str | None:
    if not doi:
        return None
    return re.sub(r"^(?:https?://)?(?:dx\.)?(?:doi\.org/)?(?:doi:\s*)?", "", doi.strip().casefold())


def _most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent non-empty value (the first seen on a tie)."""
    return _mode(Counter(v for v in values if v))


def _mode(counts: Counter[str]) -> str | None:
    """The value counted most often (the first counted on a tie), None when none is."""
    return max(counts, key=counts.__getitem__) if counts else None


def _work(key: str, draft: _Draft) -> Work:
    """A Work with the best fields of its references (or what its citations say)."""
    refs = draft.references
    if refs:
        richest = max(refs, key=lambda r: len(r.authors))  # the first of the longest lists
        authors = [Author(a.family, a.given) for a in richest.authors]
        edited = max(refs, key=lambda r: len(r.editors))
        editors = [Author(e.family, e.given) for e in edited.editors]
    else:
        authors = [Author(name) for name in draft.citations[0].authors]
        editors = []
    fields = {name: _most_common(getattr(r, name) for r in refs) for name in _MERGED_FIELDS}
    types = [r.type for r in refs if r.type != "other"]
    docs = sorted({r.doc for r in refs} | {c.doc for c in draft.citations})
    return Work(
        key=key,
        authors=authors,
        editors=editors,
        year=draft.year,
        doi=_most_common(_doi(r.doi) for r in refs),
        type=_most_common(types) or "other",
        docs=docs,
        n_citations=len(draft.citations),
        **fields,
    )
