"""Linking in-text citations to the entries of the same document's reference list.

Surnames are compared after accent and case folding by normalised Indel similarity (rapidfuzz's
``ratio``), so that spelling variants such as Hertz/Herz or Olsen/Olson still match. The scorer
and ``SURNAME_THRESHOLD`` were measured with ``benchmarks/citations.py`` (section "surname
threshold"): the value that best separates (by F1) single-edit misspellings of the eLife
reference surnames from the pairs of distinct surnames cited in one article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TypeVar

from rapidfuzz.distance import Indel

from analyser.records import Citation, Reference

SURNAME_THRESHOLD = 0.75

K = TypeVar("K")

_NON_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")
_YEAR = re.compile(r"(\d{4})([a-z]?)")
_NUMBER_MARK = re.compile(r"^\s*[\[(]?(\d{1,3})[\].):]?\s")
_LEADING_WORD = re.compile(r"[^\W\d_][\w'’\-]+")


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """A name folded to lower-case ASCII letters and spaces ("Ó Tuathail" -> "o tuathail")."""
    folded = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return _SPACES.sub(" ", _NON_LETTERS.sub("", ascii_only.replace("-", ""))).strip()


@lru_cache(maxsize=65536)
def surname_similarity(first: str, second: str) -> float:
    """Similarity in [0, 1] of two surnames: of the whole names or of their last words."""
    a, b = normalise_name(first), normalise_name(second)
    if not a or not b:
        return 0.0
    whole = Indel.normalized_similarity(a, b)
    last = Indel.normalized_similarity(a.split()[-1], b.split()[-1])
    return max(whole, last)


def same_surname(first: str, second: str, threshold: float = SURNAME_THRESHOLD) -> bool:
    """Whether two surnames name the same person, allowing spelling variants."""
    return surname_similarity(first, second) >= threshold


def reference_surnames(reference: Reference) -> list[str]:
    """The family names of a reference's authors (editors when it has none; else its first word)."""
    people = reference.authors or reference.editors
    names = [person.family for person in people if person.family]
    if names:
        return names
    word = _LEADING_WORD.search(reference.raw)
    return [word.group(0)] if word else []


def year_parts(year: str | None) -> tuple[str, str] | None:
    """A year split into its digits and its letter suffix ("2004a" -> ("2004", "a"))."""
    match = _YEAR.search(year or "")
    return (match.group(1), match.group(2)) if match else None


def link_citations(
    citations: Sequence[Citation], references: Sequence[Reference]
) -> list[Citation]:
    """Copies of ``citations`` whose ``reference`` is the index of the entry they cite, or None."""
    return [replace(c, reference=find_reference(c, references)) for c in citations]


def find_reference(citation: Citation, references: Sequence[Reference]) -> int | None:
    """The index of the reference that ``citation`` cites, or None when none or several fit."""
    if citation.kind == "numeric":
        return _numbered_reference(citation, references)
    if not citation.authors:
        return None
    if citation.year is None:
        return _reference_by_name(citation.authors, references)
    return _reference_by_name_and_year(citation, references)


def _numbered_reference(citation: Citation, references: Sequence[Reference]) -> int | None:
    number = citation.surface.strip("[]() ")
    if not number.isdigit():
        return None
    marks = {ref.index: _NUMBER_MARK.match(ref.raw) for ref in references}
    if any(marks.values()):
        found = [index for index, mark in marks.items() if mark and mark.group(1) == number]
        return found[0] if len(found) == 1 else None
    position = int(number) - 1
    return references[position].index if 0 <= position < len(references) else None


def _reference_by_name(authors: Sequence[str], references: Sequence[Reference]) -> int | None:
    """The one reference whose first author (and co-authors) carry the cited names best."""
    scores = {ref.index: names_fit(authors, reference_surnames(ref)) for ref in references}
    return best_unique(scores)


def names_fit(cited: Sequence[str], surnames: Sequence[str]) -> float:
    """How well cited surnames fit a work's authors: the first-author similarity when the first
    names match and every other cited name is among the authors, else 0."""
    if not cited or not surnames:
        return 0.0
    first = surname_similarity(cited[0], surnames[0])
    others = all(any(same_surname(name, s) for s in surnames) for name in cited[1:])
    return first if first >= SURNAME_THRESHOLD and others else 0.0


def best_unique(scores: dict[K, float]) -> K | None:
    """The key with the highest positive score, when no other key ties with it."""
    top = max(scores.values(), default=0.0)
    best = [key for key, score in scores.items() if score == top]
    return best[0] if top > 0 and len(best) == 1 else None


def _reference_by_name_and_year(citation: Citation, references: Sequence[Reference]) -> int | None:
    """The best reference with the cited year whose first author matches the cited first author.

    Ties are broken by the year suffix, then by the number of authors ("et al." means three
    or more, "A and B" two), then by co-authors named, then by surname similarity.
    """
    cited_year = year_parts(citation.year)
    if cited_year is None:
        return None
    et_al = "et al" in citation.surface.casefold()
    scored: list[tuple[bool, bool, int, float, int]] = []
    for ref in references:
        year = year_parts(ref.year)
        surnames = reference_surnames(ref)
        if year is None or year[0] != cited_year[0] or not surnames:
            continue
        similarity = surname_similarity(citation.authors[0], surnames[0])
        if similarity < SURNAME_THRESHOLD:
            continue
        count_agrees = len(surnames) >= 3 if et_al else len(surnames) == len(citation.authors)
        coauthors = sum(
            any(same_surname(name, s) for s in surnames[1:]) for name in citation.authors[1:]
        )
        scored.append((year[1] == cited_year[1], count_agrees, coauthors, similarity, -ref.index))
    if not scored:
        return None
    return -max(scored)[4]
