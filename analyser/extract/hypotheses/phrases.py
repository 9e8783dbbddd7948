"""Turning sets of parsed tokens into clean cause, effect and condition phrases."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Token

from analyser.extract.hypotheses.cues import CHANGE_NOUNS, CONNECTIVES, LESS_WORDS, MORE_WORDS

_EDGE_PUNCT = set(",;:.–—-‘’'\"“”`()[]")
_DETERMINERS = {"the", "a", "an", "both", "either", "any", "some", "all", "each", "every"}
_ASIDE_MARKS = {"e.g.", "eg", "e.g"}  # "i.e." restates the phrase: kept
_EXAMPLE_PREPOSITIONS = {"like", "including"}
_ASIDE_OPEN = {"–": {"–", "-"}, "—": {"—"}, "-": {"-", "–"}, "(": {")"}, ",": {","}}
_QUANTIFIERS = {"many", "most", "some", "few", "several", "much", "all", "each", "one", "none"}
_QUANTITY_NOUNS = {"number", "range", "variety", "set", "host", "series", "kind", "type", "lot"}
_FUNCTION_WORDS = {
    "to",
    "in",
    "on",
    "upon",
    "of",
    "for",
    "with",
    "from",
    "that",
    "whether",
    "also",
    "further",
    "even",
    "then",
    "only",
    "still",
    "and",
    "or",
    "but",
    "will",
    "would",
    "not",
    "significantly",
    "directly",
    "each",
    "individually",
    "however",
    "moreover",
    "nevertheless",
    "furthermore",
    "conversely",
    "instead",
    "first",
    "second",
    "finally",
}


@dataclass(frozen=True)
class Phrase:
    """A cleaned phrase and the sign of the change modifiers removed from its front."""

    text: str
    sign: int = 1
    modified: bool = False
    ids: tuple[int, ...] = ()  # indices of the tokens kept


def subtree_ids(tokens: Iterable[Token]) -> set[int]:
    """Indices of every token in the subtrees of ``tokens``."""
    return {t.i for token in tokens for t in token.subtree}


def text_of(tokens: Iterable[Token]) -> str:
    """The tokens in document order, joined with their own whitespace (a space where tokens
    are left out), edges trimmed, white space runs folded to one space."""
    return _joined(_trim(sorted(set(tokens), key=lambda t: t.i)))


def _joined(ordered: list[Token]) -> str:
    """``text_of`` tokens already in document order, each once."""
    parts = [
        token.text_with_ws if following.i == token.i + 1 else f"{token.text} "
        for token, following in pairwise(ordered)
    ]
    parts.extend(token.text for token in ordered[-1:])
    return " ".join("".join(parts).split())


def _trim(ordered: list[Token]) -> list[Token]:
    while ordered and (ordered[0].text in _EDGE_PUNCT or ordered[0].is_space):
        ordered = ordered[1:]
    while ordered and (ordered[-1].text in _EDGE_PUNCT or ordered[-1].is_space):
        ordered = ordered[:-1]
    return ordered


def _without_examples(ordered: list[Token]) -> list[Token]:
    """Drop examples ("such as ...", ", like ...", "– e.g. ... –"): they illustrate a phrase."""
    dropped: set[int] = set()
    for token in ordered:
        lower = token.lower_
        listed = lower in _EXAMPLE_PREPOSITIONS and token.i > 0 and token.nbor(-1).text == ","
        if listed or (lower == "as" and any(c.lower_ == "such" for c in token.children)):
            dropped.update(t.i for t in token.subtree)
            before = token.left_edge.i - 1
            if before >= 0 and token.doc[before].text == ",":
                dropped.add(before)
    kept = [t for t in ordered if t.i not in dropped]
    for position, token in enumerate(kept):
        if token.lower_ in _ASIDE_MARKS and position > 0 and kept[position - 1].text in _ASIDE_OPEN:
            closing = _ASIDE_OPEN[kept[position - 1].text]
            end = next(
                (k for k in range(position + 1, len(kept)) if kept[k].text in closing), len(kept)
            )
            return kept[: position - 1] + kept[end + 1 :]
    return kept


def _without_connective(ordered: list[Token]) -> list[Token]:
    """Drop a leading discourse connective ("as a consequence", "thus")."""
    lowered = " ".join(t.lower_ for t in ordered[:4]) + " "
    for connective in CONNECTIVES:
        if lowered.startswith(connective + " "):
            return _trim(ordered[len(connective.split()) :])
    return ordered


def _quantifies(token: Token) -> bool:
    """ "many (of)", "a number (of)": a quantity, unlike "the number of members" (a variable)."""
    if token.lower_ in _QUANTIFIERS:
        return True
    before = token.doc[token.i - 1] if token.i > 0 else None
    return token.lower_ in _QUANTITY_NOUNS and before is not None and before.lower_ in {"a", "an"}


def _is_modifier(token: Token, following: Token | None) -> bool:
    """A comparative or degree word modifying what follows ("higher levels", not "high-tech")."""
    return (
        following is not None
        and following.text not in {"-", "–"}
        and token.tag_ not in {"NN", "NNS"}
        and (token.lower_ in MORE_WORDS or token.lower_ in LESS_WORDS)
    )


def clean_phrase(tokens: Iterable[Token]) -> Phrase:
    """A phrase without leading function words and change modifiers, with the sign they carried.

    "higher levels of trust" -> ("levels of trust", +1); "a decrease in arms" -> ("arms", -1);
    "no limits" -> ("limits", -1).
    """
    ordered = _trim(_without_connective(_without_examples(sorted(set(tokens), key=lambda t: t.i))))
    sign, modified = 1, False
    while ordered:
        first = ordered[0]
        following = ordered[1] if len(ordered) > 1 else None
        lower = first.lower_
        if first.text in _EDGE_PUNCT or first.is_space:
            ordered = ordered[1:]
        elif lower == "no" and following is not None:
            sign, modified = -sign, True
            ordered = ordered[1:]
        elif (lower in _DETERMINERS or lower in _FUNCTION_WORDS) and following is not None:
            ordered = ordered[1:]
        elif (
            _quantifies(first)
            and following is not None
            and (following.lower_ == "of" and len(ordered) > 2)
        ):
            ordered = ordered[2:]  # "a number of factors", "many of the steps" -> the noun
        elif _is_modifier(first, following):
            if first.lower_ in LESS_WORDS:
                sign = -sign
            modified = True
            ordered = ordered[1:]
        elif (
            first.lemma_.lower() in CHANGE_NOUNS
            and len(ordered) > 2
            and ordered[1].lower_ in {"in", "of"}
        ):
            sign *= CHANGE_NOUNS[first.lemma_.lower()]
            modified = True
            ordered = ordered[2:]
        else:
            break
    kept = _trim(ordered)
    return Phrase(_joined(kept), sign, modified, tuple(t.i for t in kept))
