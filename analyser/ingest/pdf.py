"""PDF text layers with pypdf; encrypted, image-only and broken files are refused clearly."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError

from analyser.ingest.errors import IngestError
from analyser.ingest.metadata import Metadata

_HYPHENATED_BREAK = re.compile(r"(\w)-\n(\w)")
_YEAR = re.compile(r"(1[6-9]\d\d|20\d\d)")


def _page_text(text: str) -> str:
    """A page's text with words re-joined across hyphenated line breaks."""
    return _HYPHENATED_BREAK.sub(r"\1\2", text).strip()


def read_pdf(data: bytes) -> tuple[str, Metadata]:
    """The text layer of a PDF (pages separated by blank lines) and its info metadata."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError("encrypted PDF (a password is needed), no text can be read")
        pages = [_page_text(page.extract_text() or "") for page in reader.pages]
        info = reader.metadata
    except IngestError:
        raise
    except DependencyError as error:
        raise IngestError("encrypted PDF with a cipher this installation cannot read") from error
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise IngestError(f"broken PDF: {str(error).splitlines()[0][:120]}") from error
    text = "\n\n".join(page for page in pages if page)
    if not text.strip():
        raise IngestError("PDF has no text layer (image-only); run OCR first")
    metadata = Metadata()
    if info is not None:
        metadata.title = (info.title or "").strip() or None
        metadata.authors = [
            a.strip() for a in re.split(r";|\band\b", info.author or "") if a.strip()
        ]
        year = _YEAR.search(str(info.get("/CreationDate", "")))
        metadata.year = int(year.group(1)) if year else None
    return text, metadata
