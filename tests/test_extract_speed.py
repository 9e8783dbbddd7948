"""The quick paths of the extractors agree with the plain definitions they stand in for."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyser.extract.bibliography import extract_bibliography
from analyser.extract.citations import _NARRATIVE, _PARENTHETICAL, _YEAR_ALONE, _bracket_depth
from analyser.extract.concepts import _opening_brackets
from analyser.extract.hypotheses.clauses import label_ids, propositions, strip_label
from analyser.extract.hypotheses.detection import (
    is_hypothesis,
    may_state_relation,
    ruled_out,
    states_relation,
)
from analyser.extract.hypotheses.phrases import text_of
from analyser.extract.hypotheses.sentences import _text_length
from analyser.extract.hypotheses.structure import (
    read_proposition,
    relations_of,
    structure_proposition,
)
from analyser.extract.reference_list import find_reference_entries
from analyser.ingest.boilerplate import is_boilerplate_line
from analyser.ingest.decode import _TEXT_CONTROLS, _looks_binary
from analyser.ingest.normalise import _LIGATURES, normalise_text
from analyser.ingest.paragraphs import document_from_text
from analyser.nlp import load_pipeline, parse_groups, parse_paragraphs

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PIECES = ["Smith", "Van Evera", " ", ", ", " and ", " et al.", "(", ")", "[", "]", "2004"]
PIECES += ["1999a", "n.d.", "in press", "forthcoming", "p. 12", "; ", "x", "\n", "19", "20"]
CITATION_LIKE = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
EXAMPLES = settings(max_examples=200, deadline=None)


@pytest.fixture(scope="module")
def documents():
    """Two sample texts with their body parses."""
    nlp = load_pipeline()
    found = []
    for path in sorted(CORPUS.glob("*.txt"))[:2]:
        document = document_from_text(path.read_text(encoding="utf-8"), path.stem, str(path))
        skip = set(find_reference_entries(document).paragraphs)
        found.append((document, parse_paragraphs(nlp, document, skip=skip)))
    return found


@EXAMPLES
@given(CITATION_LIKE)
def test_bracket_depth_counts_open_brackets(text):
    depth, level, expected = _bracket_depth(text), 0, []
    for char in text:
        if char in ")]":
            level = max(0, level - 1)
        expected.append(level)
        if char in "([":
            level += 1
    assert [depth(i) for i in range(len(text))] == expected


@EXAMPLES
@given(CITATION_LIKE)
def test_author_year_citations_need_a_year(text):
    if _NARRATIVE.search(text) or _PARENTHETICAL.search(text):
        assert _YEAR_ALONE.search(text)


@EXAMPLES
@given(st.text(alphabet=st.sampled_from(list("abﬁﬂﬃ \r\n\x00\u200b")), max_size=40))
def test_normalise_text_unfolds_every_ligature(text):
    assert normalise_text(text) == normalise_text(text.translate(_LIGATURES))
    assert not any(ligature in normalise_text(text) for ligature in "ﬀﬁﬂﬃﬄﬅﬆ")


@EXAMPLES
@given(st.binary(max_size=600))
def test_binary_test_counts_control_bytes(data):
    sample = data[:8192]
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    expected = b"\x00" in sample or controls > max(8, len(sample) // 50)
    assert _looks_binary(data) == expected


def test_cached_boilerplate_lines_keep_their_verdict():
    lines = ["Download citation", "States balance against threats.", "Click here to subscribe"]
    assert [is_boilerplate_line(line) for line in lines] == [True, False, True]
    assert [is_boilerplate_line.__wrapped__(line) for line in lines] == [True, False, True]


def test_parses_of_headings_and_metadata_leave_the_bibliography_as_it_is(documents):
    nlp = load_pipeline()
    document, parsed = documents[0]
    skip = set(find_reference_entries(document).paragraphs)
    chosen = [(p, None) for p in document.paragraphs if p.kind != "body" and p.index not in skip]
    (as_written,) = parse_groups(nlp, [chosen])
    assert as_written and all(p.paragraph.kind != "body" for p in as_written)
    with_parses = extract_bibliography(document, nlp, parsed + as_written)
    assert with_parses == extract_bibliography(document, nlp, parsed)


def test_sentence_text_is_a_slice_of_the_paragraph(documents):
    for _, parsed in documents:
        for item in parsed:
            assert _text_length(item.parse) == len(item.parse.text) == len(item.paragraph.text)
            for sentence in item.parse.sents:
                start, end = sentence.start_char, sentence.end_char
                assert item.paragraph.text[start:end] == sentence.text


def test_opening_brackets_are_the_bracket_tokens(documents):
    for _, parsed in documents:
        for item in parsed:
            expected = [t.i for t in item.parse if t.text == "("]
            assert _opening_brackets(item.parse) == expected


def test_label_ids_agree_with_the_label_pattern(documents):
    nlp = load_pipeline()
    labelled = nlp("H1: Alliances deter war. Hypothesis 2a. Trade reduces conflict.")
    sentences = [s for _, parsed in documents for item in parsed for s in item.parse.sents]
    for sentence in [*labelled.sents, *sentences]:
        stripped, found = strip_label(sentence.text)
        cut = sentence.start_char + len(sentence.text) - len(stripped)
        expected = {t.i for t in sentence if t.idx < cut} if found else set()
        assert label_ids(sentence) == expected
    assert label_ids(next(iter(labelled.sents))) == {0, 1}


def test_text_of_joins_tokens_with_their_own_spacing(documents):
    choose = random.Random(7)
    for _, parsed in documents:
        for item in parsed[:20]:
            words = [t for t in item.parse if not (t.is_punct or t.is_space)]
            chosen = choose.sample(words, k=min(len(words), 12))
            ordered = sorted(chosen, key=lambda t: t.i)
            pieces = []
            for token, following in zip(ordered, [*ordered[1:], None], strict=True):
                pieces.append(token.text)
                if following is not None and (following.i != token.i + 1 or token.whitespace_):
                    pieces.append(" ")
            assert text_of(chosen) == " ".join("".join(pieces).split())


def test_ruled_out_propositions_are_never_hypotheses(documents):
    ruled = 0
    for _, parsed in documents:
        for item in parsed:
            for sentence in item.parse.sents:
                for proposition in propositions(sentence):
                    if not ruled_out(proposition):
                        continue
                    ruled += 1
                    relations = structure_proposition(proposition)
                    assert not (relations and is_hypothesis(proposition, relations, []))
    assert ruled > 0


def test_readings_without_a_relation_cue_never_state_one(documents):
    passed = failed = 0
    for _, parsed in documents:
        for item in parsed:
            for sentence in item.parse.sents:
                for proposition in propositions(sentence):
                    reading = read_proposition(proposition)
                    if reading is None:
                        assert structure_proposition(proposition) == []
                        continue
                    relations = relations_of(reading)
                    assert relations == structure_proposition(proposition)
                    assert {r.cue for r in relations} <= reading.cues
                    if may_state_relation(proposition, reading.cues):
                        passed += 1
                    else:
                        failed += 1
                        assert not states_relation(proposition, relations)
    assert passed > 0 and failed > 0
