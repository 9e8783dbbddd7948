"""Content terms of a passage: normalised words plus two-word phrases, minus stopwords.

Two normalisers give the same kind of output: a light rule-based one (lower case, possessives
dropped, plurals folded) and one built on spaCy lemmas and noun chunks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from spacy.tokens import Doc

from analyser.lexicon import load_discovery_words
from analyser.nlp import load_pipeline

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”–—/|•*#]|(?<!\w)['‘’]|['‘’](?!\w)|\s-\s|\n\s*\n")
_POSSESSIVE = re.compile(r"['’]s?$")
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_MIN_LENGTH = 3


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


def _term_words(words: Iterable[str], stop: frozenset[str]) -> list[str | None]:
    """``words`` with None in place of those too short or stopwords to belong to a term."""
    return [word if len(word) >= _MIN_LENGTH and word not in stop else None for word in words]


def _with_phrases(runs: Iterable[list[str]]) -> list[str]:
    """Each run's words that are neither stopwords nor vague, plus each adjacent pair of
    non-stopwords with at least one not vague."""
    stop, vague = stop_terms(), vague_terms()
    terms: list[str] = []
    for run in runs:
        words = _term_words(run, stop)  # None: not a term word
        terms.extend(word for word in words if word is not None and word not in vague)
        if len(words) > 1:
            terms.extend(
                f"{left} {right}"
                for left, right in pairwise(words)
                if left is not None and right is not None and not (left in vague and right in vague)
            )
    return terms


def light_terms(text: str) -> list[str]:
    """Terms of ``text`` by the rule-based normaliser (phrases cross no punctuation, stopword
    or contraction)."""
    stop = stop_terms()
    runs = []
    for chunk in _BREAK.split(text):
        run: list[str] = []
        for word in map(fold_word, _WORD.findall(chunk)):
            if word in stop or "'" in word:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(word)
        if run:
            runs.append(run)
    return _with_phrases(runs)


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
    phrases = [term for term in _with_phrases(chunks) if " " in term]
    vague = vague_terms()
    kept = _term_words(words, stop_terms())
    return [word for word in kept if word is not None and word not in vague] + phrases


def term_bags(texts: Sequence[str], lemmatise: bool) -> list[list[str]]:
    """The terms of each text, by spaCy lemmas (``lemmatise``) or by the light normaliser."""
    if not lemmatise:
        return [light_terms(text) for text in texts]
    return [lemma_terms(parse) for parse in load_pipeline().pipe(list(texts), batch_size=64)]
