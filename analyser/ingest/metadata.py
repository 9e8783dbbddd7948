"""Title, authors, year and genre of a document, read from its text when no markup gives them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyser.records import Paragraph

_MARKUP = re.compile(r"^[#>\s]*|[*_]{1,3}")
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
_LABELLED_DATE = re.compile(
    r"(publication date|date of publication|published(?: on)?|updated on|last updated|"
    r"posted on|date)[*_\s]*[:\-][*_\s]*(?P<value>[^\n]{0,40}\n?[^\n]{0,40})",
    re.IGNORECASE,
)
_RECORD_LABEL = re.compile(
    r"(suggested citation|cite this( article)?|citation for published version[^\n]*|"
    r"how to cite)[*_:\s]*\n+\s*[•*\-]?\s*(?P<value>[^\n]+)",
    re.IGNORECASE,
)
_INVERTED_NAME = re.compile(r"^([A-Z][\w'’\-]+), ((?:[A-Z][\w'’\-]*\.?\s?){1,3})$")
_PLAIN_NAME = re.compile(r"^(?:by\s+)?((?:[A-Z][\w'’\-]*\.?\s){1,3}[A-Z][\w'’\-]+)$")
_AUTHOR_HEADING = re.compile(r"^(authors?|written by|listed:?)\W*$", re.IGNORECASE)
_GENRE_CUES = (
    ("encyclopedia", re.compile(r"\bencyclop", re.IGNORECASE)),
    ("abstract_page", re.compile(r"^\s*abstract\s*$", re.IGNORECASE | re.MULTILINE)),
    ("web_article", re.compile(r"updated on|posted on|kickstart|get started", re.IGNORECASE)),
)


@dataclass
class Metadata:
    """What the text says about itself."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    genre: str | None = None


def plain(text: str) -> str:
    """A line without Markdown emphasis and heading marks, whitespace folded."""
    return " ".join(_MARKUP.sub("", text).split()).strip()


def _person(line: str) -> str | None:
    """A person's name in natural order from "Family, Given" or "Given Family" lines."""
    text = plain(line).strip("•·-– ").rstrip(".")
    inverted = _INVERTED_NAME.match(text)
    if inverted:
        return f"{inverted.group(2).strip()} {inverted.group(1)}"
    natural = _PLAIN_NAME.match(text)
    return natural.group(1).strip() if natural else None


def _title(paragraphs: list[Paragraph]) -> str | None:
    """The first short paragraph of the text, as a title."""
    for paragraph in paragraphs[:3]:
        text = plain(paragraph.text)
        if text and len(text.split()) <= 25 and "\n" not in paragraph.text.strip():
            return text.rstrip(".").strip()
    return None


def _authors(paragraphs: list[Paragraph], title: str | None) -> list[str]:
    """Bylines in the front matter: name lines after the title or under an "Author" label."""
    authors: list[str] = []
    for paragraph in paragraphs[1:10]:
        if len(paragraph.text.split()) > 40:
            break
        for line in paragraph.text.split("\n"):
            if _AUTHOR_HEADING.match(plain(line)) or plain(line) == title:
                continue
            name = _person(line)
            if name and name not in authors and name != title:
                authors.append(name)
    return authors


def _year(raw_text: str) -> int | None:
    """A year from a labelled date or from the document's own citation record."""
    for pattern in (_LABELLED_DATE, _RECORD_LABEL):
        for match in pattern.finditer(raw_text[:20000]):
            year = _YEAR.search(match.group("value"))
            if year:
                return int(year.group(1))
    return None


def _genre(raw_text: str, body_words: int) -> str:
    """A coarse genre from cues in the text."""
    for genre, cue in _GENRE_CUES:
        if cue.search(raw_text[:4000] if genre != "web_article" else raw_text):
            if genre == "abstract_page" and body_words > 1500:
                continue
            return genre
    return "essay" if body_words < 8000 else "article"


def read_metadata(raw_text: str, paragraphs: list[Paragraph]) -> Metadata:
    """Metadata from the text before (``raw_text``) and after cleaning (``paragraphs``)."""
    title = _title(paragraphs)
    body_words = sum(len(p.text.split()) for p in paragraphs if p.kind == "body")
    return Metadata(
        title, _authors(paragraphs, title), _year(raw_text), _genre(raw_text, body_words)
    )
