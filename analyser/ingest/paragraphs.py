"""Splitting cleaned text into blank-line paragraphs with character offsets."""

from __future__ import annotations

import re

from analyser.records import Document, Paragraph

_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")
_MARKUP_HEADING = re.compile(r"^\s*(#{1,6}\s+\S|\*\*[^*].*\*\*:?\s*$|__[^_].*__\s*$)")
_SENTENCE_END = re.compile(r"[.!?:;…”’\"')\]]\s*$")


def is_heading(text: str) -> bool:
    """A block that reads as a heading: markup heading, or one short line with no final stop."""
    stripped = text.strip()
    if _MARKUP_HEADING.match(stripped):
        return True
    if "\n" in stripped or len(stripped.split()) > 12:
        return False
    return not _SENTENCE_END.search(stripped) and stripped[:1].isupper()


def split_paragraphs(text: str) -> list[Paragraph]:
    """The blank-line separated blocks of ``text``, trimmed, with their offsets."""
    paragraphs: list[Paragraph] = []
    position = 0
    for match in [*_BLANK_LINES.finditer(text), None]:
        end = match.start() if match else len(text)
        block = text[position:end]
        leading = len(block) - len(block.lstrip())
        trailing = len(block.rstrip())
        if trailing > leading:
            start, stop = position + leading, position + trailing
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
