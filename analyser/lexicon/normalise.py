"""Spelling-insensitive keys for words and phrases (case, hyphens, plurals, British/American)."""

from __future__ import annotations

import re
from functools import lru_cache

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]*[A-Z0-9]s?$")
_WORD_SPLIT = re.compile(r"[\s\-‐‑‒–—―/]+")
_APOSTROPHES = re.compile(r"['’‘`´]s?$|['’‘`´\"“”]")
_OUR_STEMS = re.compile(
    r"(behavi|col|fav|hon|lab|neighb|rum|vig|harb|arm|endeav|sav|hum|val|od|flav|clam|splend)our"
)
_RE_ENDINGS = re.compile(r"(cent|theat|fib|calib|spect|met|somb|lust|mang)re(s|d)?$")
_ISE = re.compile(r"(?<=[a-z]{2})is(e|ed|es|ing|er|ers|ation|ations|ational)$")
_YSE = re.compile(r"(?<=[a-z])ys(e|ed|es|ing|er|ers)$")
_DOUBLE_L = re.compile(r"(?<=[aeiou])ll(ed|ing|er|ers)$")
_WHOLE_WORDS = {
    "grey": "gray",
    "judgement": "judgment",
    "judgements": "judgments",
    "sceptic": "skeptic",
    "sceptical": "skeptical",
    "scepticism": "skepticism",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "programme": "program",
    "programmes": "programs",
    "ageing": "aging",
    "towards": "toward",
}
_PREFIXES = (("defence", "defense"), ("offence", "offense"), ("licence", "license"))
# Words that IR writing uses interchangeably inside concept names ("failing countries").
CONCEPT_SYNONYMS = {"country": "state", "nation": "state"}


def americanise(word: str) -> str:
    """A lower-case word in American spelling (defence -> defense, behaviour -> behavior)."""
    if word in _WHOLE_WORDS:
        return _WHOLE_WORDS[word]
    for british, american in _PREFIXES:
        if word.startswith(british):
            return american + word[len(british) :]
    word = word.replace("isation", "ization")
    word = _OUR_STEMS.sub(r"\1or", word)
    word = _RE_ENDINGS.sub(r"\1er\2", word)
    word = _ISE.sub(r"iz\1", word)
    word = _YSE.sub(r"yz\1", word)
    return _DOUBLE_L.sub(r"l\1", word)


def singular(word: str) -> str:
    """A crude singular of a lower-case word, applied alike to every side of a comparison."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def is_acronym(word: str) -> bool:
    """True for an abbreviation written in capitals, e.g. ``WMD`` or ``WMDs``."""
    return bool(_ACRONYM.match(word)) and sum(char.isupper() for char in word) >= 2


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The comparison key of one word: acronyms keep their case, other words are normalised."""
    word = _APOSTROPHES.sub("", word.strip())
    if is_acronym(word):
        return "=" + (word[:-1] if word.endswith("s") else word)
    return singular(americanise(word.lower()))


def phrase_words(text: str) -> list[str]:
    """The words of a phrase, split at spaces, hyphens, dashes and slashes."""
    words = (_APOSTROPHES.sub("", word) for word in _WORD_SPLIT.split(text.strip()))
    return [word for word in words if word]


def phrase_key(text: str) -> tuple[str, ...]:
    """The comparison key of a phrase: one ``word_key`` per word."""
    return tuple(word_key(word) for word in phrase_words(text))


def concept_key(text: str) -> tuple[str, ...]:
    """The key under which the lexicon matches a phrase: ``phrase_key`` with word synonyms."""
    return tuple(concept_word_key(word) for word in phrase_words(text))


@lru_cache(maxsize=65536)
def concept_word_key(word: str) -> str:
    """``word_key`` with the synonyms of ``CONCEPT_SYNONYMS`` folded together."""
    key = word_key(word)
    return CONCEPT_SYNONYMS.get(key, key)


def normalise_term(text: str) -> str:
    """One normalised string: 'Offence–defence balances' -> 'offense defense balance'."""
    return " ".join(phrase_key(text))
