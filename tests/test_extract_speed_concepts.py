"""The array readings of the concept finder agree with the spaCy token attributes they replace."""

from __future__ import annotations

import pytest
from sample_parses import sample_parses
from spacy.tokens import Doc

from analyser.extract.concepts import (
    _chunk_rooted_at,
    _KeyReading,
    _noun_chunk_ranges,
    _word_keys,
    _words_of,
)
from analyser.nlp import TokenStrings


@pytest.fixture(scope="module")
def parses() -> list[Doc]:
    """The body and heading parses of the sample texts, plus a few made-up edge cases."""
    return sample_parses(
        ["", "Weak and failing states.", "A non-signatory's  cost (WMD) – see www.x.org"],
        with_headings=True,
    )


def test_words_carry_the_token_attributes(parses):
    strings = TokenStrings()
    for parse in parses:
        expected = [
            (t.i, t.text, t.lower_, t.lemma_.lower(), t.pos, t.tag, t.ent_type, t.whitespace_)
            for t in parse
        ]
        flags = [(t.is_alpha, t.is_lower, t.is_punct, t.is_stop, t.like_num) for t in parse]
        words = _words_of(parse, strings)
        assert [(*w[:7], " " if w.spaced else "") for w in words] == expected
        assert [tuple(map(bool, w[8:])) for w in words] == flags


def test_key_reading_matches_each_token(parses):
    for parse in parses:
        reading = _KeyReading.of(parse)
        assert reading.keys == [_word_keys(t.orth, t.lemma, parse.vocab) for t in parse]
        assert reading.coordinators == {t.i for t in parse if t.lower_ in {"and", "or"}}
        assert all(keys is None or list(keys) == sorted(keys) for keys in reading.keys)


def test_noun_chunk_ranges_are_spacys_noun_chunks(parses):
    for parse in parses:
        expected = [(chunk.start, chunk.end) for chunk in parse.noun_chunks]
        assert list(_noun_chunk_ranges(parse)) == expected


def test_chunk_rooted_at_finds_a_chunk_only_by_its_root(parses):
    for parse in parses:
        chunks = list(_noun_chunk_ranges(parse))
        starts = [start for start, _ in chunks]
        roots = {parse[start:end].root.i: (start, end) for start, end in chunks}
        for token in parse:
            assert _chunk_rooted_at(parse, chunks, starts, token.i) == roots.get(token.i)
