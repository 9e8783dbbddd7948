"""Reading files of any supported format into clean Documents."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from analyser.ingest.boilerplate import remove_boilerplate
from analyser.ingest.decode import decode_bytes
from analyser.ingest.discover import discover, shown_path
from analyser.ingest.errors import IngestError
from analyser.ingest.layout import mark_front_matter
from analyser.ingest.metadata import Metadata, read_metadata
from analyser.ingest.normalise import normalise_text
from analyser.ingest.paragraphs import document_from_text, split_paragraphs
from analyser.records import Document

__all__ = [
    "DEFAULT_MAX_FILE_SIZE",
    "IngestError",
    "discover",
    "document_from_text",
    "document_id",
    "read_document",
    "shown_path",
]

DEFAULT_MAX_FILE_SIZE = 32 * 1024 * 1024
_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".xhtml": "html"}
_FORMATS |= {".pdf": "pdf", ".txt": "txt"}


def document_id(path: Path) -> str:
    """A stable, readable id from the file name: lower-case ASCII slug of the stem."""
    stem = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9_]+", "-", stem.lower()).strip("-_") or "document"


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing oversized and unreadable files with a clear reason."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit"
            )
        return path.read_bytes()
    except PermissionError as error:
        raise IngestError("permission denied: the file cannot be read") from error
    except OSError as error:
        raise IngestError(f"cannot read file: {error.strerror or error}") from error


def _text_and_metadata(path: Path, data: bytes) -> tuple[str, str, Metadata]:
    """Format, plain text and format-level metadata of ``data`` (the PDF and HTML readers,
    with their libraries, are imported when a file first needs them)."""
    fmt = _FORMATS.get(path.suffix.lower(), "txt")
    if fmt == "pdf" or data.startswith(b"%PDF-"):
        from analyser.ingest.pdf import read_pdf

        text, metadata = read_pdf(data)
        return "pdf", text, metadata
    decoded, _ = decode_bytes(data)
    if fmt == "html":
        from analyser.ingest.html import read_html

        text, metadata = read_html(decoded)
        return fmt, text, metadata
    return fmt, decoded, Metadata()


def read_document(
    path: str | Path, max_bytes: int = DEFAULT_MAX_FILE_SIZE, doc_id: str | None = None
) -> Document:
    """A clean Document from a file; IngestError (one-line reason) if it cannot be read."""
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    if not data.strip():
        raise IngestError("empty file")
    fmt, text, metadata = _text_and_metadata(path, data)
    raw = normalise_text(text)
    cleaned, _ = remove_boilerplate(raw)
    if not cleaned.strip():
        raise IngestError("no text left after removing boilerplate")
    paragraphs = mark_front_matter(split_paragraphs(cleaned))
    found = read_metadata(raw, paragraphs)
    return Document(
        id=doc_id or document_id(path),
        path=shown_path(path),
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        text=cleaned,
        paragraphs=paragraphs,
        title=metadata.title or found.title,
        authors=metadata.authors or found.authors,
        year=metadata.year or found.year,
        genre=found.genre,
    )
