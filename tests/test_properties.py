"""Property-based tests: arbitrary text never crashes ingest, citations or the reference parser."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyser.extract.citations import find_citations
from analyser.extract.reference_parser import parse_reference, tag_reference
from analyser.ingest import IngestError, read_document
from analyser.ingest.boilerplate import remove_boilerplate
from analyser.ingest.normalise import normalise_text
from analyser.ingest.paragraphs import document_from_text, split_paragraphs

# Text that looks like scholarship: names, years, brackets, punctuation, blank lines, odd Unicode.
PIECES = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:()[]&-–'’\"“”\n")
PIECES += [
    "1978",
    "2004a",
    " and ",
    " et al.",
    "(Jervis ",
    "p. ",
    "pp. ",
    "\n\n",
    "ﬁ",
    "é",
    "\u00a0",
]
SCHOLARLY = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=120).map("".join), st.text(max_size=200)
)
EXAMPLES = settings(
    max_examples=int(os.environ.get("ANALYSER_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@EXAMPLES
@given(SCHOLARLY)
def test_paragraphs_cover_only_their_text(text: str) -> None:
    clean, _ = remove_boilerplate(normalise_text(text))
    paragraphs = split_paragraphs(clean)
    for paragraph in paragraphs:
        assert 0 <= paragraph.start < paragraph.end <= len(clean)
        assert clean[paragraph.start : paragraph.end] == paragraph.text
    assert [p.index for p in paragraphs] == list(range(len(paragraphs)))
    assert split_paragraphs(clean) == paragraphs


@EXAMPLES
@given(st.binary(max_size=600))
def test_read_document_on_arbitrary_bytes(tmp_path_factory, data: bytes) -> None:
    path = Path(tmp_path_factory.mktemp("bytes")) / "arbitrary.txt"
    path.write_bytes(data)
    try:
        document = read_document(path)
    except IngestError as error:
        assert str(error) and "\n" not in str(error)
        return
    for paragraph in document.paragraphs:
        assert document.text[paragraph.start : paragraph.end] == paragraph.text
    assert read_document(path) == document


@EXAMPLES
@given(SCHOLARLY)
def test_citation_spans_lie_inside_the_text(text: str) -> None:
    document = document_from_text(text)
    citations = find_citations(document, set())
    for citation in citations:
        assert 0 <= citation.start < citation.end <= len(document.text)
        assert document.text[citation.start : citation.end] == citation.surface
    assert find_citations(document, set()) == citations


@EXAMPLES
@given(SCHOLARLY)
def test_reference_parser_never_fails(text: str) -> None:
    tokens = tag_reference(text)
    assert "".join(token for token, _ in tokens) == "".join(text.split())
    reference = parse_reference(text)
    assert reference.raw == text
    assert parse_reference(text) == reference
