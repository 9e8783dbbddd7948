"""The sample texts parsed as the extractors see them, for tests of the extractors' quick paths."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from analyser.extract.concepts import parse_headings
from analyser.extract.reference_list import find_reference_entries
from analyser.ingest.paragraphs import document_from_text
from analyser.nlp import load_pipeline, parse_paragraphs

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def sample_parses(extra: list[str], with_headings: bool = False) -> list[Doc]:
    """The body parses of the sample texts (and their headings' parses when asked), then the
    parses of the ``extra`` texts."""
    nlp = load_pipeline()
    found = []
    for path in sorted(CORPUS.glob("*.txt")):
        document = document_from_text(path.read_text(encoding="utf-8"), path.stem, str(path))
        skip = set(find_reference_entries(document).paragraphs)
        found += [p.parse for p in parse_paragraphs(nlp, document, skip=skip)]
        if with_headings:
            found += [p.parse for p in parse_headings(nlp, document)]
    return found + list(nlp.pipe(extra))
