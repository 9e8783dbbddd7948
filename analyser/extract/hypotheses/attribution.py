"""Who a hypothesis is attributed to, and which theory its section heading names."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from analyser.records import Citation, Document

_BRACKETED = re.compile(r"\(([^()]*)\)")
_AUTHOR_YEAR = re.compile(
    r"([A-Z][\w'’\-]+(?:\s+(?:and|&)\s+[A-Z][\w'’\-]+)?(?:\s+et\s+al\.?)?),?\s+(\d{4}[a-z]?)\b"
)
_THEORY_WORDS = re.compile(
    r"\b(theory|theories|model|thesis|paradigm|realism|liberalism|institutionalism|"
    r"constructivism|hypothesis)\b",
    re.IGNORECASE,
)


def citation_label(citation: Citation) -> str:
    """ "Sandler 1993", "Oneal and Diehl 1994", "Keohane et al. 1990", or a bare surname."""
    authors = [a for a in citation.authors if a]
    if not authors:
        names = citation.surface.strip()
    elif len(authors) == 1:
        names = authors[0]
    elif len(authors) == 2:
        names = f"{authors[0]} and {authors[1]}"
    else:
        names = f"{authors[0]} et al."
    return f"{names} {citation.year}" if citation.year else names


def heading_citations(heading: str) -> list[str]:
    """Author-year citations inside the brackets of a section heading."""
    found: list[str] = []
    for bracket in _BRACKETED.findall(heading):
        for names, year in _AUTHOR_YEAR.findall(bracket):
            found.append(f"{' '.join(names.split())} {year}")
    return found


def heading_theory(heading: str | None) -> str | None:
    """The theory or model a section heading names ("The Joint Product Model: ..." -> its name)."""
    if not heading:
        return None
    title = re.split(r"[:(]", heading, maxsplit=1)[0].strip(" *#_.")
    if not _THEORY_WORDS.search(title):
        return None
    return re.sub(r"^the\s+", "", title, flags=re.IGNORECASE) or None


def heading_index(document: Document, paragraph: int) -> int | None:
    """The index of the heading paragraph governing ``paragraph`` (None before any heading)."""
    found = None
    for candidate in document.paragraphs:
        if candidate.index >= paragraph:
            break
        if candidate.kind == "heading":
            found = candidate.index
    return found


def attributed_works(
    start: int,
    end: int,
    paragraph: int,
    heading: str | None,
    heading_paragraph: int | None,
    citations: Sequence[Citation],
) -> list[str]:
    """Works a claim is attributed to: its own citations, else its paragraph's, else those of
    its section heading (found citations, then author-year strings in the heading), else the
    theory the heading names."""
    in_sentence = [c for c in citations if c.start < end and c.end > start]
    in_paragraph = [c for c in citations if c.paragraph == paragraph]
    in_heading = [
        c for c in citations if heading_paragraph is not None and c.paragraph == heading_paragraph
    ]
    for group in (in_sentence, in_paragraph, in_heading):
        if group:
            return _unique(citation_label(c) for c in sorted(group, key=lambda c: c.start))
    named = heading_theory(heading)
    return _unique(heading_citations(heading or "")) or ([named] if named else [])


def _unique(labels: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for label in labels:
        if label not in seen:
            seen.append(label)
    return seen
