"""The direction of a relation: the sign its words give, or none ("conditional")."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from analyser.extract.hypotheses.cores import Core
from analyser.extract.hypotheses.cues import (
    CAUSAL_VERBS,
    HEDGE_MODALS,
    HEDGE_WORDS,
    LINK_NOUNS,
    LINK_PARTICIPLES,
    NEGATIVE_WORDS,
    NONLINEAR_PATTERN,
    NULL_WORDS,
    POSITIVE_WORDS,
)
from analyser.extract.hypotheses.phrases import Phrase

NONLINEAR = re.compile(NONLINEAR_PATTERN, re.IGNORECASE)
# Constructions in which the cause is named by the predicate itself: denying them denies the link.
OWN_CAUSE_CUES = frozenset(
    {"causal-verb", "link", "cause-noun", "result-noun", "variation", "correlative"}
)


def signed(core: Core, cause: Phrase, effect: Phrase, sign: int) -> str:
    """The direction of a relation from the predicate's sign and the phrases' modifiers."""
    if sign == 0:
        if not (cause.modified or effect.modified):
            return "0" if core.negated else "conditional"
        sign = 1
    total = sign * cause.sign * effect.sign
    if core.negated:
        if core.cue in OWN_CAUSE_CUES:
            return "0"
        total = -total
    return "+" if total > 0 else "-"


def lexical_direction(sentence: Span) -> str:
    """The direction the words of an unparsed sentence suggest, strongest cue first: a
    non-linear shape, a denied link, a polarity word, an unsigned link ("related",
    "impact"), a signed causal verb; "+" when there is none."""
    lemmas = [t.lemma_.lower() for t in sentence]
    if NONLINEAR.search(sentence.text):
        return "non-linear"
    if any(t.lower_ in NULL_WORDS for t in sentence) and set(lemmas) & LINK_NOUNS:
        return "0"
    for token in sentence:
        if token.lower_ in POSITIVE_WORDS | NEGATIVE_WORDS:
            return "+" if token.lower_ in POSITIVE_WORDS else "-"
    if any(
        CAUSAL_VERBS.get(lemma) == 0 or lemma in LINK_PARTICIPLES | LINK_NOUNS for lemma in lemmas
    ):
        return "conditional"
    signs = [CAUSAL_VERBS[lemma] for lemma in lemmas if CAUSAL_VERBS.get(lemma)]
    return "-" if signs and signs[0] < 0 else "+"


def _compared(token: Token) -> bool:
    """ "less likely", "more likely": a comparison, not a hedge."""
    return any(child.lower_ in {"more", "less", "most", "least", "as"} for child in token.children)


def is_hedged(tokens: list[Token], frame: Token | None) -> bool:
    """Modal or qualifying language in the main clause or its reporting frame."""
    for token in [*tokens, *([frame] if frame is not None else [])]:
        lemma = token.lemma_.lower()
        if token.tag_ == "MD" and token.lower_ in HEDGE_MODALS:
            return True
        if lemma in HEDGE_WORDS and not _compared(token):
            return True
        if lemma == "expect" and token.tag_ == "VBN":
            return True
    return False
