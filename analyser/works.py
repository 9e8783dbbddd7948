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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain, count

from rapidfuzz import fuzz

from analyser.extract.linking import (
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
    """A work being assembled: its references and citations, in corpus order."""

    references: list[Reference] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    @property
    def surnames(self) -> list[str]:
        if self.references:
            return reference_surnames(self.references[0])
        return self.citations[0].authors if self.citations else []

    @property
    def year(self) -> str | None:
        years = [r.year for r in self.references if r.year] or [
            c.year for c in self.citations if c.year
        ]
        return _most_common(years)

    def order(self) -> tuple[str, int, int]:
        """Where the work first appears: (document, offset, reference index)."""
        places = [(r.doc, r.start, r.index) for r in self.references] + [
            (c.doc, c.start, -1) for c in self.citations
        ]
        return min(places)


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
            by_reference[(citation.doc, citation.reference)].citations.append(citation)
    unlinked = [c for c in citations if c.reference is None and c.authors]
    for citation in [c for c in unlinked if c.year]:
        _place(citation, drafts, with_year=True)
    for citation in [c for c in unlinked if not c.year]:
        _place(citation, drafts, with_year=False)
    drafts = [d for d in drafts if d.references or d.citations]
    works = []
    for key, draft in zip(_keys(drafts), drafts, strict=True):
        for item in [*draft.references, *draft.citations]:
            item.work = key
        works.append(_work(key, draft))
    return sorted(works, key=lambda work: work.key)


def _cluster_references(references: list[Reference]) -> list[_Draft]:
    """References grouped into works (union of pairs that are the same work)."""
    parent = list(range(len(references)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, first in enumerate(references):
        for j in range(i + 1, len(references)):
            if root(i) != root(j) and same_work(first, references[j]):
                parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, _Draft] = {}
    for i, reference in enumerate(references):
        groups.setdefault(root(i), _Draft()).references.append(reference)
    return [groups[key] for key in sorted(groups)]


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


def _place(citation: Citation, drafts: list[_Draft], with_year: bool) -> None:
    """Put an unlinked citation into the one work that fits it best, or into a new work when
    none fits (when several fit equally well, it stays without a work)."""
    scores = {i: _fit(citation, draft, with_year) for i, draft in enumerate(drafts)}
    best = best_unique(scores)
    if best is not None:
        drafts[best].citations.append(citation)
    elif not any(scores.values()):
        drafts.append(_Draft(citations=[citation]))


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
    present = [v for v in values if v]
    if not present:
        return None
    counts = Counter(present)
    return max(present, key=lambda v: (counts[v], -present.index(v)))


def _work(key: str, draft: _Draft) -> Work:
    """A Work with the best fields of its references (or what its citations say)."""
    refs = draft.references
    if refs:
        richest = max(refs, key=lambda r: (len(r.authors), -refs.index(r)))
        authors = [Author(a.family, a.given) for a in richest.authors]
        edited = max(refs, key=lambda r: (len(r.editors), -refs.index(r)))
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
