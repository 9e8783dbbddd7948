"""Content terms of a passage: normalised words plus two-word phrases, minus stopwords.

Two normalisers give the same kind of output: a light rule-based one (lower case, possessives
dropped, plurals folded) and one built on spaCy lemmas and noun chunks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from itertools import chain

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from spacy.tokens import Doc

from analyser.lexicon import load_discovery_words
from analyser.nlp import load_pipeline

# Words: letters, joined by hyphens or by a quote between letters ("don't"), ending in a letter.
_WORD = r"[A-Za-z][A-Za-z\-]*(?:(?<=[A-Za-z])['’][A-Za-z][A-Za-z\-]*)*(?<=[A-Za-z])"
# Breaks end every phrase: punctuation and a quote with a non-word character on either side (both
# found inside the chunks of text between whitespace), a dash between spaces (a chunk "-") and a
# blank line. A break never starts with a letter, a word always does.
_BREAK = r"[.,;:!?()\[\]{}\"“”–—/|•*#]|['‘’](?:(?<!\w['‘’])|(?!\w))"
_CHUNK_TOKEN = re.compile(f"{_WORD}|{_BREAK}")
_DASH = "-"
_BLANK_LINE = re.compile(r"\n\s*\n")
_POSSESSIVE = re.compile(r"['’]s?$")
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_MIN_LENGTH = 3
# The part a word plays in the terms of its run of words.
_END = 0  # ends the run (a break, or in light terms a stopword or contraction)
_GAP = 1  # in no term: too short, or a stopword
_VAGUE = 2  # a term only in a phrase with a word that is not vague
_TERM = 3  # a term alone and in phrases


@lru_cache(maxsize=1)
def stop_terms() -> frozenset[str]:
    """Words that never belong to a term: English stopwords, the lexicon's boilerplate words and
    generic modifiers, and the packaged list of scholarly and web prose words."""
    text = resources.files("analyser.positions").joinpath("data/boilerplate_terms.txt")
    extra = {
        line.strip()
        for line in text.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    discovery = load_discovery_words()
    return frozenset(
        ENGLISH_STOP_WORDS | discovery.boilerplate | discovery.generic_modifiers | extra
    )


@lru_cache(maxsize=1)
def vague_terms() -> frozenset[str]:
    """Nouns too vague to be a term alone, though they may end a phrase ("regime type")."""
    return load_discovery_words().generic_nouns


@lru_cache(maxsize=65_536)
def fold_word(word: str) -> str:
    """Lower-case ``word``, drop a possessive ending and fold a regular plural to singular."""
    word = _POSSESSIVE.sub("", word.lower().replace("’", "'"))
    if len(word) > 5 and word.endswith(("eses", "yses")):
        return word[:-2] + "is"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics")):
        return word[:-1]
    return word


def _role(word: str) -> int:
    """The part ``word`` plays in a term: _GAP, _VAGUE or _TERM."""
    if len(word) < _MIN_LENGTH or word in stop_terms():
        return _GAP
    return _VAGUE if word in vague_terms() else _TERM


@lru_cache(maxsize=65_536)
def _light_word(token: str) -> tuple[str, int]:
    """A token of ``light_terms`` folded, with its part in a term (a break, stopword or
    contraction ends the run)."""
    if not token[0].isalpha():
        return token, _END
    word = fold_word(token)
    if word in stop_terms() or "'" in word:
        return word, _END
    return word, _role(word)


@lru_cache(maxsize=65_536)
def _chunk_words(chunk: str) -> tuple[tuple[str, int], ...]:
    """The tokens of a chunk of text between whitespace as ``_light_word`` gives them (chunks
    recur: cached)."""
    if chunk == _DASH:
        return ((chunk, _END),)
    return tuple(map(_light_word, _CHUNK_TOKEN.findall(chunk)))


def _phrase_terms(words: Iterable[tuple[str, int]]) -> list[str]:
    """Terms of a stream of (word, part): for each run (closed by _END or the stream's end),
    its non-vague term words, then each adjacent pair of term words with one not vague."""
    terms: list[str] = []
    singles: list[str] = []
    pairs: list[str] = []
    previous, previous_part = "", _END
    for word, part in chain(words, [("", _END)]):
        if part == _END:
            if singles:  # else no pairs either
                terms += singles
                terms += pairs
                singles.clear()
                pairs.clear()
        elif part != _GAP:
            if part == _TERM:
                singles.append(word)
            if previous_part == _TERM or (previous_part == _VAGUE and part == _TERM):
                pairs.append(f"{previous} {word}")
        previous, previous_part = word, part
    return terms


def light_terms(text: str) -> list[str]:
    """Terms of ``text`` by the rule-based normaliser (phrases cross no punctuation, stopword
    or contraction)."""
    chunks = _BLANK_LINE.sub(" | ", text).split()  # a blank line breaks as "|" does
    return _phrase_terms(chain.from_iterable(map(_chunk_words, chunks)))


def lemma_terms(parse: Doc) -> list[str]:
    """Terms of a spaCy parse: content-word lemmas plus adjacent pairs inside noun chunks."""
    words = [
        token.lemma_.lower()
        for token in parse
        if token.is_alpha and not token.is_stop and token.pos_ in _CONTENT_POS
    ]
    chunks = [
        [token.lemma_.lower() for token in chunk if token.is_alpha and token.pos_ in _PHRASE_POS]
        for chunk in parse.noun_chunks
    ]
    parts = chain.from_iterable([*((w, _role(w)) for w in chunk), ("", _END)] for chunk in chunks)
    phrases = [term for term in _phrase_terms(parts) if " " in term]
    return [word for word in words if _role(word) == _TERM] + phrases


def term_bags(texts: Sequence[str], lemmatise: bool) -> list[list[str]]:
    """The terms of each text, by spaCy lemmas (``lemmatise``) or by the light normaliser."""
    if not lemmatise:
        return [light_terms(text) for text in texts]
    return [lemma_terms(parse) for parse in load_pipeline().pipe(list(texts), batch_size=64)]
