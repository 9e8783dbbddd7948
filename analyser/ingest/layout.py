"""Marking front and back matter (bylines, record labels, cross-references) as metadata."""

from __future__ import annotations

import re

from analyser.records import Paragraph

_SUBSTANTIVE_WORDS = 30
_BACK_MATTER = re.compile(r"^[*_]*(see also|keywords?|jel|acknowledg)", re.IGNORECASE)
_EMPHASISED_LINE = re.compile(r"^[*_]+[^*_\n]+[*_]+$")


def _is_meta(paragraph: Paragraph) -> bool:
    """Short lines that label the document rather than argue: bylines, labels, cross-references."""
    text = paragraph.text.strip()
    if _BACK_MATTER.match(text):
        return True
    return len(text.split()) <= 15 and bool(_EMPHASISED_LINE.match(text))


def mark_front_matter(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Set ``kind="meta"`` on short paragraphs before the first substantive one, and on bylines.

    A text with no substantive paragraph has no front matter.
    """
    first_body = next(
        (
            p.index
            for p in paragraphs
            if p.kind == "body" and len(p.text.split()) >= _SUBSTANTIVE_WORDS
        ),
        -1,
    )
    for paragraph in paragraphs:
        if paragraph.kind != "body":
            continue
        front = paragraph.index < first_body
        if front or _is_meta(paragraph):
            paragraph.kind = "meta"
    return paragraphs
