"""HTML pages to main text with trafilatura, which drops navigation and site chrome."""

from __future__ import annotations

import re

import trafilatura
from lxml import html as lxml_html

from analyser.ingest.errors import IngestError
from analyser.ingest.metadata import Metadata

_YEAR = re.compile(r"(1[6-9]\d\d|20\d\d)")


def _fallback_text(markup: str) -> str:
    """Visible text of a page that trafilatura finds no main content in."""
    try:
        tree = lxml_html.fromstring(markup)
    except (ValueError, lxml_html.etree.ParserError) as error:
        raise IngestError(f"HTML could not be parsed: {error}") from error
    for element in tree.xpath("//script|//style|//nav|//header|//footer|//noscript"):
        element.drop_tree()
    blocks = (" ".join(node.text_content().split()) for node in tree.iter("p", "h1", "h2", "li"))
    return "\n\n".join(block for block in blocks if block)


def read_html(markup: str) -> tuple[str, Metadata]:
    """Main text (paragraphs separated by blank lines) and the page's own metadata."""
    text = trafilatura.extract(
        markup,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        deduplicate=False,
    )
    text = text or _fallback_text(markup)
    if not text.strip():
        raise IngestError("HTML page has no readable text")
    paragraphs = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    found = trafilatura.extract_metadata(markup)
    metadata = Metadata()
    if found is not None:
        metadata.title = found.title or None
        metadata.authors = [a.strip() for a in (found.author or "").split(";") if a.strip()]
        year = _YEAR.search(found.date or "")
        metadata.year = int(year.group(1)) if year else None
    return paragraphs, metadata
