"""Finding a document's reference lists and splitting them into entries.

A list starts at a heading such as "References", "Bibliography" or "Further Readings"
(Markdown decoration allowed), or is a run of entries closing the document without a heading.
A RePEc/IDEAS "Suggested Citation" record is the page's one reference (its DOI sits on a
separate "DOI:" line). A repository cover sheet's "Citation for published version" record is
the document's own record: its paragraphs are reported, but it yields no entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyser.extract.years import YEAR_DIGITS
from analyser.records import Document, Paragraph

_LIST_HEADINGS = frozenset(
    {
        "references", "reference list", "list of references", "bibliography",
        "select bibliography", "selected bibliography", "further reading", "further readings",
        "suggested reading", "suggested readings", "recommended reading", "works cited",
        "literature", "literature cited", "cited literature", "sources", "notes", "endnotes",
        "notes and references", "references and notes", "sources and further reading",
        "bibliography and further reading", "works consulted", "cited works",
    }
)  # fmt: skip
_SUGGESTED_CITATION = "suggested citation"
_OWN_RECORD = re.compile(
    r"^\W*(?:citation for (?:the )?published version|cite this (?:article|chapter|paper|item)"
    r"|to cite this (?:article|chapter|paper)|how to cite(?: this)?(?: article)?|please cite"
    r"(?: this)?(?: article)?(?: as)?|recommended citation)\b",
    re.IGNORECASE,
)
_DECORATION = re.compile(r"^[\s#*_>]*(?:[0-9IVX]+\.?\s+)?|[\s#*_:.]*$")
_YEAR = re.compile(rf"(?<!\d)(?:{YEAR_DIGITS})[a-z]?(?!\d)|\bn\.\s?d\.|\bin press\b")
_DOI_LINE = re.compile(
    r"^\s*DOI:?\s*(?:https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)", re.I | re.M
)
_DOI = re.compile(r"10\.\d{4,9}/[^\s>\])]+")
_MARKER = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)]\s|[•◦▪‣·^]\s*|[-–*]\s+)")
_BULLET = re.compile(r"^\s*(?:[•◦▪‣·]\s*|[-–*]\s+(?!\*)|\^(?:\s+[a-z](?=\s))*\s*)")
"""A bullet, or a Wikipedia back-link mark ("^ a b"), before an entry."""
_UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_NAME_START = re.compile(rf"^\W{{0,2}}(?:(?:van|von|de|da|der|del|du|di|la|le)\s+)*[{_UPPER}]")
_AUTHOR_FIRST = re.compile(
    rf"^\W{{0,2}}(?:(?:van|von|de|da|der|del|du|di|la|le)\s+)*[{_UPPER}][^\W\d_'’\-]*"
    rf"(?:['’\-\s][{_UPPER}][^\W\d_]*){{0,3}}"
    rf"(?:,\s*[{_UPPER}]|\s+[{_UPPER}]{{1,3}}[,.\s]|,?\s+(?:and|&|et al)\b|\s*\(|,\s*\d{{4}})"
)
_LINK_END = re.compile(r"(?:https?://|doi:\s*|\b10\.\d{4,9}/)\S+\s*$", re.IGNORECASE)
_MAX_ENTRY = 1500
_MIN_TRAILING_ENTRIES = 3
_TRAILING_NOISE = 80


@dataclass(frozen=True)
class ReferenceEntry:
    """One entry of a reference list: its text (whitespace collapsed) and where it sits."""

    text: str
    start: int
    end: int
    paragraphs: tuple[int, ...]
    doi: str | None = None
    self_record: bool = False


@dataclass(frozen=True)
class ReferenceSection:
    """The entries of a document's reference lists, and the paragraphs that hold them or the
    document's own bibliographic record (paragraphs other extractors should skip)."""

    entries: tuple[ReferenceEntry, ...]
    paragraphs: frozenset[int]


def find_reference_entries(document: Document) -> ReferenceSection:
    """The reference-list entries of ``document``, in reading order."""
    paragraphs = document.paragraphs
    entries: list[ReferenceEntry] = []
    used: set[int] = set()
    position = 0
    while position < len(paragraphs):
        paragraph = paragraphs[position]
        label = heading_label(paragraph.text)
        if label == _SUGGESTED_CITATION and position + 1 < len(paragraphs):
            record = suggested_citation(paragraphs[position + 1])
            if record:
                entries.append(record)
                used |= {paragraph.index, paragraphs[position + 1].index}
                position += 2
                continue
        if _OWN_RECORD.match(paragraph.text):
            used |= _own_record_paragraphs(paragraphs, position)
        elif label in _LIST_HEADINGS:
            found, members = _list_after(paragraphs, position)
            if found:
                entries.extend(found)
                used |= {paragraph.index, *members}
                position = max(members) + 1
                continue
        position += 1
    if not any(not entry.self_record for entry in entries):
        found, members = _trailing_list(paragraphs, used)
        entries.extend(found)
        used |= members
    entries.sort(key=lambda entry: entry.start)
    return ReferenceSection(tuple(entries), frozenset(used))


def heading_label(text: str) -> str:
    """A short block's words without Markdown decoration, numbering or a final colon, lower-case."""
    first_line = text.strip().split("\n", 1)[0]
    if len(first_line) > 60:
        return ""
    return " ".join(_DECORATION.sub("", first_line).casefold().split())


def suggested_citation(paragraph: Paragraph) -> ReferenceEntry | None:
    """The RePEc/IDEAS record under "Suggested Citation": its first line, and the DOI line's DOI."""
    lines = _lines(paragraph)
    if not lines:
        return None
    start, end = lines[0]
    doi = _DOI_LINE.search(paragraph.text)
    return _entry(paragraph.text, paragraph, start, end, (paragraph.index,), doi, self_record=True)


def _own_record_paragraphs(paragraphs: list[Paragraph], position: int) -> set[int]:
    """The paragraph of a "Citation for published version" label, and its record when apart."""
    members = {paragraphs[position].index}
    label_only = len(_lines(paragraphs[position])) == 1
    if label_only and position + 1 < len(paragraphs):
        members.add(paragraphs[position + 1].index)
    return members


def _list_after(
    paragraphs: list[Paragraph], heading: int
) -> tuple[list[ReferenceEntry], list[int]]:
    """The entries of the list under ``paragraphs[heading]``: its own remaining lines (when the
    heading shares a block with the list) and the following blocks that read as entries."""
    entries: list[ReferenceEntry] = []
    members: list[int] = []
    own_lines = _lines(paragraphs[heading])[1:]
    if own_lines:
        entries.extend(_split_entries(paragraphs[heading], own_lines))
        members.append(paragraphs[heading].index)
    for paragraph in paragraphs[heading + 1 :]:
        if not _reads_as_entries(paragraph):
            break
        entries.extend(_split_entries(paragraph, _lines(paragraph)))
        members.append(paragraph.index)
    return entries, members


def _trailing_list(
    paragraphs: list[Paragraph], used: set[int]
) -> tuple[list[ReferenceEntry], set[int]]:
    """A run of author-first entries that closes the document without a heading."""
    position = len(paragraphs) - 1
    while (
        position >= 0
        and len(paragraphs[position].text) < _TRAILING_NOISE
        and not _reads_as_entries(paragraphs[position])
    ):
        position -= 1
    members: list[Paragraph] = []
    while position >= 0 and paragraphs[position].index not in used:
        paragraph = paragraphs[position]
        if not (_reads_as_entries(paragraph) and _AUTHOR_FIRST.match(paragraph.text)):
            break
        members.insert(0, paragraph)
        position -= 1
    entries = [e for p in members for e in _split_entries(p, _lines(p))]
    if len(entries) < _MIN_TRAILING_ENTRIES:
        return [], set()
    return entries, {p.index for p in members}


def _reads_as_entries(paragraph: Paragraph) -> bool:
    """A block whose lines read as reference entries: each begins like one and has a year, a
    DOI or a URL, and none is a long stretch of prose."""
    groups = _group_lines(paragraph.text, _lines(paragraph))
    return bool(groups) and all(_reads_as_entry(paragraph.text[a:b]) for a, b in groups)


def _reads_as_entry(text: str) -> bool:
    starts_well = _MARKER.match(text) or _NAME_START.match(text)
    dated = _YEAR.search(text) or _DOI.search(text) or "http" in text
    return len(text) <= _MAX_ENTRY and bool(starts_well) and bool(dated)


def _lines(paragraph: Paragraph) -> list[tuple[int, int]]:
    """The non-blank lines of a paragraph as (start, end) offsets into the paragraph text."""
    spans, offset = [], 0
    for line in paragraph.text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((offset + lead, offset + lead + len(stripped)))
        offset += len(line) + 1
    return spans


def _group_lines(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lines joined into entries: a line continues the entry before it unless it starts a new
    one (a number or bullet, or a name after an entry that already ended)."""
    groups: list[tuple[int, int]] = []
    for start, end in lines:
        line = text[start:end]
        if groups and not _starts_entry(line, text[groups[-1][0] : groups[-1][1]]):
            groups[-1] = (groups[-1][0], end)
        else:
            groups.append((start, end))
    return groups


def _starts_entry(line: str, previous: str) -> bool:
    if _MARKER.match(line):
        return True
    ended = previous.rstrip().endswith((".", "”", '"', ">")) or _LINK_END.search(previous)
    finished = bool(ended) and bool(_YEAR.search(previous))
    return finished and bool(_AUTHOR_FIRST.match(line))


def _split_entries(paragraph: Paragraph, lines: list[tuple[int, int]]) -> list[ReferenceEntry]:
    return [
        _entry(paragraph.text, paragraph, start, end, (paragraph.index,), None)
        for start, end in _group_lines(paragraph.text, lines)
    ]


def _entry(
    text: str,
    paragraph: Paragraph,
    start: int,
    end: int,
    members: tuple[int, ...],
    doi_line: re.Match[str] | None,
    self_record: bool = False,
) -> ReferenceEntry:
    """An entry of ``text[start:end]`` without its bullet, whitespace collapsed."""
    bullet = _BULLET.match(text[start:end])
    if bullet:
        start += bullet.end()
    return ReferenceEntry(
        text=" ".join(text[start:end].split()),
        start=paragraph.start + start,
        end=paragraph.start + end,
        paragraphs=members,
        doi=doi_line.group(1).rstrip(".,;") if doi_line else None,
        self_record=self_record,
    )
