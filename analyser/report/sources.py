"""Tracing report items to their paragraphs: stable anchors, paragraph lookup, excerpts."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from analyser.records import Corpus, Document, Hypothesis
from analyser.report.content import Claim, Source

EXCERPT_CHARS = 260
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9_-]+")
_PARAGRAPH_SUFFIX = re.compile(r"-p\d+$")  # kept apart so no document id looks like a paragraph
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(\s+)(?=[\"'“‘(\[]?[A-Z0-9])")
_SAFE_LINK = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)


def doc_slug(doc: str) -> str:
    """An HTML-id-safe form of a document id; ids that need changing get a short hash suffix."""
    if _SAFE_ID.match(doc) and not _PARAGRAPH_SUFFIX.search(doc):
        return doc
    digest = hashlib.sha1(doc.encode("utf-8")).hexdigest()[:8]
    stem = _UNSAFE_CHARS.sub("-", doc).strip("-")[:60]
    return f"{stem}-{digest}" if stem else digest


@lru_cache(maxsize=1 << 16)
def doc_anchor(doc: str) -> str:
    """The HTML id of a document's appendix section."""
    return f"doc-{doc_slug(doc)}"


@lru_cache(maxsize=1 << 16)
def source(doc: str, paragraph: int) -> Source:
    """The source record of paragraph ``paragraph`` of document ``doc``."""
    return Source(doc, paragraph, f"{doc_anchor(doc)}-p{paragraph}")


def one_line(text: str) -> str:
    """``text`` with every whitespace run collapsed to one space (and none at either end)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # a space is the only white space a printable text holds: nothing to do
    return " ".join(text.split())


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when longer than ``limit``."""
    flat = one_line(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut.rstrip(',;:')}…"


def sentences(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """The sentences of ``text`` as (start, end, text), offsets shifted by ``offset``."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start(1)))
        start = match.end()
    spans.append((start, len(text)))
    return [(offset + s, offset + e, text[s:e]) for s, e in spans if text[s:e].strip()]


def safe_link(url: str | None, doi: str | None = None) -> str | None:
    """An http(s) link for a DOI or URL; None for any other scheme or malformed value."""
    if doi:
        candidate = doi.strip()
        if not candidate.lower().startswith("http"):
            candidate = f"https://doi.org/{candidate}"
        if _SAFE_LINK.match(candidate):
            return candidate
    if url and _SAFE_LINK.match(url.strip()):
        return url.strip()
    return None


@dataclass(frozen=True)
class ParagraphIndex:
    """Finds the paragraph of a character offset in each document of a corpus."""

    starts: dict[str, list[int]]
    documents: dict[str, Document]

    @classmethod
    def of(cls, corpus: Corpus) -> ParagraphIndex:
        """The index of every document of ``corpus``."""
        documents = {r.document.id: r.document for r in corpus.results}
        starts = {doc: [p.start for p in d.paragraphs] for doc, d in documents.items()}
        return cls(starts, documents)

    def paragraph_at(self, doc: str, offset: int) -> int:
        """Index of the paragraph of ``doc`` holding ``offset`` (the nearest one before it)."""
        starts = self.starts.get(doc) or [0]
        position = max(bisect.bisect_right(starts, offset) - 1, 0)
        document = self.documents.get(doc)
        return document.paragraphs[position].index if document and document.paragraphs else 0

    def source_at(self, doc: str, offset: int) -> Source:
        """The source record of the paragraph holding ``offset``."""
        return source(doc, self.paragraph_at(doc, offset))

    def title(self, doc: str) -> str:
        """The document's title, else its id."""
        document = self.documents.get(doc)
        return (document.title if document and document.title else doc).strip() or doc


def claim_of(hypothesis: Hypothesis, index: ParagraphIndex) -> Claim:
    """The review's view of a hypothesis, traced to its paragraph."""
    return Claim(
        id=hypothesis.id,
        text=one_line(hypothesis.text),
        cause=one_line(hypothesis.cause),
        effect=one_line(hypothesis.effect),
        direction=hypothesis.direction,
        condition=one_line(hypothesis.condition) if hypothesis.condition else None,
        hedged=hypothesis.hedged,
        attributed=tuple(hypothesis.attributed),
        theory=hypothesis.theory,
        source=index.source_at(hypothesis.doc, hypothesis.start),
        span=(hypothesis.start, hypothesis.end),
    )


def all_claims(corpus: Corpus, index: ParagraphIndex) -> list[Claim]:
    """Every hypothesis of the corpus as a claim, in document and reading order."""
    hypotheses = [h for r in corpus.results for h in r.hypotheses]
    ordered = sorted(hypotheses, key=lambda h: (h.doc, h.start, h.end, h.id))
    return [claim_of(h, index) for h in ordered]
