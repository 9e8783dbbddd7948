"""Splitting cleaned text into blank-line paragraphs with character offsets."""

from __future__ import annotations

import re

from analyser.records import Document, Paragraph

_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")
_MARKUP_HEADING = re.compile(r"^\s*(#{1,6}\s+\S|\*\*[^*].*\*\*:?\s*$|__[^_].*__\s*$)")
_SENTENCE_END = re.compile(r"[.!?:;…”’\"')\]]\s*$")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+")
_SPACE = re.compile(r"\s+")
MAX_PARAGRAPH_CHARS = 20_000


def is_heading(text: str) -> bool:
    """A block that reads as a heading: markup heading, or one short line with no final stop."""
    stripped = text.strip()
    if _MARKUP_HEADING.match(stripped):
        return True
    if "\n" in stripped or len(stripped.split()) > 12:
        return False
    return not _SENTENCE_END.search(stripped) and stripped[:1].isupper()


def _cut(window: str) -> int:
    """Where to cut a too-long window: its last sentence end, else its last space."""
    for pattern in (_SENTENCE_BREAK, _SPACE):
        ends = [m.end() for m in pattern.finditer(window, len(window) // 2)]
        if ends:
            return ends[-1]
    return len(window)


def _pieces(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """``text[start:stop]`` cut into spans of at most MAX_PARAGRAPH_CHARS, at sentence ends."""
    spans: list[tuple[int, int]] = []
    while stop - start > MAX_PARAGRAPH_CHARS:
        window = text[start : start + MAX_PARAGRAPH_CHARS]
        cut = _cut(window)
        spans.append((start, start + len(window[:cut].rstrip())))
        start += cut
    spans.append((start, stop))
    return spans


def split_paragraphs(text: str) -> list[Paragraph]:
    """The blank-line separated blocks of ``text``, trimmed, with their offsets.

    A block longer than MAX_PARAGRAPH_CHARS is cut at sentence ends into several paragraphs.
    """
    paragraphs: list[Paragraph] = []
    position = 0
    for match in [*_BLANK_LINES.finditer(text), None]:
        end = match.start() if match else len(text)
        block = text[position:end]
        leading = len(block) - len(block.lstrip())
        trailing = len(block.rstrip())
        if trailing > leading:
            for start, stop in _pieces(text, position + leading, position + trailing):
                body = text[start:stop]
                kind = "heading" if is_heading(body) else "body"
                paragraphs.append(Paragraph(len(paragraphs), start, stop, body, kind))
        if match:
            position = match.end()
    return paragraphs


def document_from_text(text: str, doc_id: str = "doc", path: str = "doc.txt") -> Document:
    """A Document of already-clean ``text`` (used by tests and the Python API)."""
    import hashlib

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(doc_id, path, digest, "txt", text, split_paragraphs(text))
