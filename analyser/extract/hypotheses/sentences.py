"""The sentences of a document, each with a map from its parse to the document's offsets.

A sentence that a page break cut in two (a paragraph ending without final punctuation,
followed by one starting in lower case) is joined across the break and parsed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from analyser.nlp import ParsedParagraph, load_pipeline

_FINAL = (".", "!", "?", ":", ";", "”", "’", '"', "'", ")", "]")


@dataclass
class Unit:
    """A sentence to read, with the map from its parse's character offsets to the document's.

    ``pieces`` holds (first, last, base): parse offsets first..last-1 sit at base + (o - first).
    """

    paragraph: ParsedParagraph
    sentence: Span
    pieces: list[tuple[int, int, int]]

    def locate(self, offset: int) -> int:
        """The document offset of a character offset of the parse."""
        for first, last, base in self.pieces:
            if offset < last:
                return base + max(offset - first, 0)
        first, _, base = self.pieces[-1]
        return base + offset - first

    def local(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Document character spans that fall in this sentence, as parse offsets."""
        found = []
        for first, last, base in self.pieces:
            for start, end in spans:
                if base <= start < base + last - first:
                    found.append((start - base + first, end - base + first))
        return found


def _unfinished(paragraph: ParsedParagraph) -> bool:
    """A paragraph cut mid-sentence (by a page break): no final punctuation."""
    return not paragraph.paragraph.text.rstrip().endswith(_FINAL)


def _continues(paragraph: ParsedParagraph) -> bool:
    text = paragraph.paragraph.text.lstrip()
    return bool(text) and text[0].islower()


def _plain_unit(paragraph: ParsedParagraph, sentence: Span, length: int) -> Unit:
    """A sentence inside one paragraph (whose parse is ``length`` characters long)."""
    return Unit(paragraph, sentence, [(0, length + 1, paragraph.paragraph.start)])


def _rejoined(
    paragraph: ParsedParagraph, head: Span, following: ParsedParagraph, tail: Span, nlp: Language
) -> Unit:
    """The end of a paragraph and the start of the next (split by a page break) as one sentence."""
    head_text = head.text.rstrip()
    doc = nlp(f"{head_text} {tail.text.strip()}")
    pieces = [
        (0, len(head_text), paragraph.paragraph.start + head.start_char),
        (len(head_text) + 1, len(doc.text) + 1, following.paragraph.start + tail.start_char),
    ]
    return Unit(paragraph, doc[:], pieces)


def _text_length(doc: Doc) -> int:
    """The length of ``doc``'s text, read from its last token."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def sentence_units(parsed: Sequence[ParsedParagraph], nlp: Language | None) -> list[Unit]:
    """The document's sentences in order, page-broken sentences joined and parsed again."""
    units: list[Unit] = []
    skip_first = False
    for index, paragraph in enumerate(parsed):
        sentences = list(paragraph.parse.sents)[1 if skip_first else 0 :]
        skip_first = False
        following = parsed[index + 1] if index + 1 < len(parsed) else None
        joined = None
        if following is not None and sentences and _unfinished(paragraph) and _continues(following):
            tail = next(iter(following.parse.sents))
            joined = _rejoined(paragraph, sentences.pop(), following, tail, nlp or load_pipeline())
            skip_first = True
        length = _text_length(paragraph.parse)
        units.extend(_plain_unit(paragraph, sentence, length) for sentence in sentences)
        if joined is not None:
            units.append(joined)
    return units
