"""Choosing the passages to cluster: substantive body paragraphs, short ones merged."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analyser.ingest.boilerplate import may_hold_boilerplate, remove_boilerplate
from analyser.records import DocResult, Document, Paragraph

_REFERENCE_HEADING = re.compile(
    r"\b(references?|bibliography|works cited|further readings?|suggested readings?|"
    r"sources|literature cited|notes)\b",
    re.IGNORECASE,
)


@dataclass
class Passage:
    """One or more consecutive body paragraphs of a section, clustered as one unit."""

    doc: str
    paragraphs: list[int]
    start: int
    end: int
    text: str
    n_words: int  # whitespace-separated words of ``text``
    heading: str | None = None

    @property
    def paragraph(self) -> int:
        """Index of the first paragraph of the passage."""
        return self.paragraphs[0]


def _reference_paragraphs(result: DocResult) -> set[int]:
    """Paragraphs that hold a reference-list entry or sit under a reference-list heading."""
    spans = [(ref.start, ref.end) for ref in result.references if ref.start >= 0]
    chosen: set[int] = set()
    in_references = False
    for paragraph in result.document.paragraphs:
        if paragraph.kind == "heading":
            in_references = bool(_REFERENCE_HEADING.search(paragraph.text))
            continue
        overlaps = any(start < paragraph.end and end > paragraph.start for start, end in spans)
        if in_references or overlaps:
            chosen.add(paragraph.index)
    return chosen


def _sections(document: Document, skip: set[int]) -> list[tuple[str | None, list[Paragraph]]]:
    """Runs of consecutive kept body paragraphs, each with the heading above it."""
    sections: list[tuple[str | None, list[Paragraph]]] = []
    heading: str | None = None
    run: list[Paragraph] = []
    for paragraph in document.paragraphs:
        if paragraph.kind == "heading" or paragraph.index in skip:
            if run:
                sections.append((heading, run))
                run = []
            if paragraph.kind == "heading":
                heading = paragraph.text.strip("*#_ \n")
            continue
        run.append(paragraph)
    if run:
        sections.append((heading, run))
    return sections


def _is_chrome(paragraph: Paragraph, n_words: int) -> bool:
    """A paragraph of ``n_words`` words that is mostly web-site chrome (by the ingest's
    boilerplate rules)."""
    if not may_hold_boilerplate(paragraph.text):
        return False
    kept, _ = remove_boilerplate(paragraph.text)
    return 2 * len(kept.split()) < n_words


def _merge_short(
    run: list[Paragraph], n_words: dict[int, int], merge_below: int
) -> list[list[Paragraph]]:
    """Group a section's paragraphs (``n_words`` by paragraph index): consecutive short ones
    (under ``merge_below`` words) join until the group reaches that length; a long paragraph
    stays on its own."""
    groups: list[list[Paragraph]] = []
    open_group = False
    words = 0  # in the last group
    for paragraph in run:
        count = n_words[paragraph.index]
        short = count < merge_below
        if short and open_group:
            groups[-1].append(paragraph)
            words += count
        else:
            groups.append([paragraph])
            words = count
        open_group = short and words < merge_below
    return groups


def select_passages(
    results: Iterable[DocResult],
    exclude: set[tuple[str, int]] | None = None,
    min_words: int = 12,
    merge_below: int = 30,
) -> list[Passage]:
    """The passages of ``results`` in (document, offset) order.

    Body paragraphs only: reference-list paragraphs, web-site chrome and ``exclude`` (doc
    id, paragraph index) are left out; consecutive short paragraphs of a section are merged and
    passages still under ``min_words`` words are dropped.
    """
    ordered = sorted(results, key=lambda r: r.document.id)
    skip = {r.document.id: _reference_paragraphs(r) for r in ordered}
    for doc, index in exclude or set():
        skip.setdefault(doc, set()).add(index)
    passages: list[Passage] = []
    for result in ordered:
        document = result.document
        left_out = skip[document.id]
        kept = [p for p in document.paragraphs if p.kind != "heading" and p.index not in left_out]
        n_words = {p.index: len(p.text.split()) for p in kept}
        chrome = {p.index for p in kept if p.kind == "body" and _is_chrome(p, n_words[p.index])}
        for heading, run in _sections(document, left_out | chrome):
            for group in _merge_short(run, n_words, merge_below):
                start, end = group[0].start, group[-1].end
                text = document.text[start:end]
                words = _count_words(group, text, n_words)
                if words >= min_words:
                    indices = [p.index for p in group]
                    passages.append(Passage(document.id, indices, start, end, text, words, heading))
    return passages


def _count_words(group: list[Paragraph], text: str, n_words: dict[int, int]) -> int:
    """The words of a passage's ``text``, known already when it is one paragraph's text."""
    if len(group) == 1 and group[0].text == text:
        return n_words[group[0].index]
    return len(text.split())
