"""Light text normalisation for matching hypotheses to models.

Lower case, hyphens/underscores/slashes as spaces, British spellings in American form, a crude
stemmer (allies -> ally, sharing/shared/share -> shar, deterring -> deter), stop words dropped.
The same function is applied to both sides of every comparison.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[a-z]+")
_SEPARATORS = re.compile(r"[-‐‑‒–—_/]+")
_BRITISH_PREFIXES = (("defence", "defense"), ("offence", "offense"))
_OUR = re.compile(r"(behavi|fav|lab|neighb|hon|vig|harb|endeav)our")
_ISE = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations)$")
_KEEP_DOUBLE = ("ll", "ss", "zz", "ff")
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | {"s", "t", "e", "g", "eg", "ie"}


def americanise(word: str) -> str:
    """``word`` (lower case) in American spelling: defence -> defense, mobilise -> mobilize."""
    for british, american in _BRITISH_PREFIXES:
        if word.startswith(british):
            return american + word[len(british) :]
    word = word.replace("isation", "ization")
    word = _OUR.sub(r"\1or", word)
    return _ISE.sub(r"iz\1", word)


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A crude stem of a lower-case word; inflections of one word share a stem."""
    word = americanise(word)
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-2:] not in _KEEP_DOUBLE:
        word = word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """The stems of ``text``'s content words, in order."""
    words = _WORD.findall(_SEPARATORS.sub(" ", text.lower()))
    return [stem(word) for word in words if word not in STOP_WORDS]


def phrase_key(text: str) -> tuple[str, ...]:
    """The stem sequence of a short phrase (a concept label or variant)."""
    return tuple(tokens(text))
