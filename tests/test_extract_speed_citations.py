"""The quick paths of the citation and definition finders agree with the plain readings they
stand in for."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sample_parses import sample_parses
from spacy.tokens import Doc

from analyser.extract.citations import _CAP, _NAME_TOKEN, _NARRATIVE, _PARENTHETICAL
from analyser.extract.definitions import _lower_lemmas, _Sentence
from analyser.nlp import TokenStrings

PIECES = ["Smith", "Van Evera", "van der Berg", "St. Clair", "O’Brien", "Smith-Jones", "SMITH"]
PIECES += ["Ángel", "de la", "The", "Treaty", " ", "  ", ", ", " and ", " & ", " et al.", "’s"]
PIECES += ["'s", "(", ")", "[", "]", ";", "2004", "1999a", "n.d.", "in press", ", p. 12", ": 3"]
PIECES += ["x", "-", "–", "\n", "19", "20", "ab"]
CITATION_LIKE = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
EXAMPLES = settings(max_examples=300, deadline=None)


def _backtracking(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without its first-letter test and possessive letter runs."""
    plain = pattern.pattern.replace(f"(?=[vdltS]|{_CAP})", "").replace("++", "+")
    assert plain != pattern.pattern
    return re.compile(plain)


@EXAMPLES
@given(CITATION_LIKE)
def test_author_year_patterns_match_as_the_backtracking_ones(text):
    for pattern in (_NARRATIVE, _PARENTHETICAL):
        expected = [m.regs for m in _backtracking(pattern).finditer(text)]
        assert [m.regs for m in pattern.finditer(text)] == expected


@EXAMPLES
@given(st.one_of(CITATION_LIKE, st.sampled_from(["McNamara", "D’Souza", "Kruskal-Wallis"])))
def test_name_token_matches_as_the_backtracking_one(word):
    assert bool(_NAME_TOKEN.fullmatch(word)) == bool(_backtracking(_NAME_TOKEN).fullmatch(word))


@pytest.fixture(scope="module")
def parses() -> list[Doc]:
    """The body parses of the sample texts, plus a few made-up edge cases."""
    return sample_parses(
        ["", "Deterrence, i.e. the threat of force, works. Be it so.", "States ARGUE that."]
    )


def test_sentence_noun_chunks_are_the_paragraph_chunks_within_it(parses):
    for parse in parses:
        for sentence in parse.sents:
            chunks = parse.noun_chunks_iterator(sentence)
            expected = [(c.start, c.end) for c in sentence.noun_chunks]
            assert [(start, end) for start, end, _ in chunks] == expected


def test_lemmas_and_the_tokens_chosen_by_lemma(parses):
    wanted = frozenset({"be", "argue", "refer", "mean", "state"})
    strings = TokenStrings()
    for parse in parses:
        lemmas = _lower_lemmas(parse, strings)
        assert lemmas == [t.lemma_.lower() for t in parse]
        for span in parse.sents:
            sentence = _Sentence(span, span.text, lemmas[span.start : span.end])
            expected = [t.i for t in span if t.lemma_.lower() in wanted]
            assert [t.i for t in sentence.with_lemma(wanted)] == expected
            assert [t.i for t in sentence.tokens()] == [t.i for t in span]
