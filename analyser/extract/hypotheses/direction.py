"""The direction of a relation: the sign its words give, or none ("conditional")."""

from __future__ import annotations

import re
from math import prod

from spacy.tokens import Span, Token

from analyser.extract.hypotheses.cores import Core
from analyser.extract.hypotheses.cues import (
    CAUSAL_VERBS,
    CHANGE_NOUNS,
    CHANGE_VERBS,
    HEDGE_MODALS,
    HEDGE_WORDS,
    LESS_WORDS,
    LINK_NOUNS,
    LINK_PARTICIPLES,
    NEGATIVE_WORDS,
    NONLINEAR_PATTERN,
    NULL_WORDS,
    POSITIVE_WORDS,
    UNLINKED_WORDS,
)
from analyser.extract.hypotheses.grammar import OBJECT_DEPS, SUBJECT_DEPS
from analyser.extract.hypotheses.phrases import Phrase

NONLINEAR = re.compile(NONLINEAR_PATTERN, re.IGNORECASE)
# Constructions in which the cause is named by the predicate itself: denying them denies the link.
OWN_CAUSE_CUES = frozenset(
    {"causal-verb", "link", "cause-noun", "result-noun", "variation", "correlative"}
)
# Constructions that carry no relation word of their own: their predicate may still give a sign.
PLAIN_CUES = frozenset({"plain", "frequency"})
_OBJECTS = {"dobj", "attr", "oprd", "acomp"}


def _predicate_words(core: Core) -> tuple[list[Token], list[Token]]:
    """The words heading a plain clause's predicate (with their modifiers), and the
    modifiers of its objects ("predicts lower spending": "lower")."""
    cause_ids = {t.i for t in core.cause or []}
    predicate = [t for t in core.clause or core.effect if t.i not in cause_ids]
    ids = {t.i for t in predicate}
    tops = [t for t in predicate if t.head.i not in ids or t.head == t]
    heads = tops + [c for t in tops for c in t.children if c.dep_ in {"amod", "advmod", "acomp"}]
    objects = [c for t in tops for c in t.children if c.dep_ in _OBJECTS] + [
        t for t in tops if t.dep_ in _OBJECTS
    ]
    modifiers = [c for o in objects for c in o.children if c.dep_ == "amod"]
    return heads + objects + modifiers, [m for m in modifiers if m.i < m.head.i]


def denies_link(core: Core) -> bool:
    """ "X is unrelated to Y": a plain clause whose predicate denies any link."""
    if core.cue not in PLAIN_CUES:
        return False
    return any(t.lower_ in UNLINKED_WORDS for t in _predicate_words(core)[0])


def predicate_sign(core: Core) -> tuple[int, bool] | None:
    """The sign a plain clause's predicate gives by its own words, and whether it names a
    link: "X is harmful to Y" (-1), "X is positively related to Y" (+1, a link), "X predicts
    lower Y" (-1), "X is related to Y" (0, a link); None when its words give nothing."""
    if core.cue not in PLAIN_CUES:
        return None
    words, object_modifiers = _predicate_words(core)
    link = any(t.lemma_.lower() in LINK_PARTICIPLES for t in words)
    polar = [t.lower_ for t in words if t.lower_ in POSITIVE_WORDS | NEGATIVE_WORDS]
    if polar:
        return (1 if polar[0] in POSITIVE_WORDS else -1), link
    if link:
        return 0, True
    if any(t.lower_ in LESS_WORDS for t in object_modifiers):
        return -1, False
    return None


def clause_sign(phrase: Phrase, core: Core) -> int:
    """The sign a clause-shaped cause gives its subject: "commitment is low" -1, "growth
    declines" -1, "threats are high" +1; +1 for a phrase that is no clause."""
    tokens = [*(core.cause or []), *core.effect, *(core.clause or [])]
    if not tokens or not phrase.ids:
        return 1
    doc, ids = tokens[0].doc, set(phrase.ids)
    roots = [doc[i] for i in phrase.ids if doc[i].head.i not in ids or doc[i].head.i == i]
    if len(roots) != 1 or not any(c.dep_ in SUBJECT_DEPS and c.i in ids for c in roots[0].children):
        return 1
    root = roots[0]
    if root.lemma_ == "be":
        complements = [c.lower_ for c in root.children if c.dep_ == "acomp" and c.i in ids]
        return -1 if complements and complements[0] in LESS_WORDS else 1
    if any(c.dep_ in OBJECT_DEPS for c in root.children):
        return 1
    return CHANGE_VERBS.get(root.lemma_.lower(), 1)


def signed(core: Core, cause: Phrase, effect: Phrase, sign: int) -> str:
    """The direction of a relation from the predicate's sign and the phrases' modifiers."""
    if denies_link(core):
        return "0"
    linked = core.cue in OWN_CAUSE_CUES
    reading = predicate_sign(core)
    if reading is not None:
        polarity, names_link = reading
        sign = polarity * (sign or 1) if polarity else 0 if names_link else sign
        linked = linked or names_link
    if sign == 0:
        if not (cause.modified or effect.modified):
            return "0" if core.negated else "conditional"
        sign = 1
    total = sign * cause.sign * effect.sign * clause_sign(cause, core)
    if core.negated:
        if linked:
            return "0"
        total = -total
    return "+" if total > 0 else "-"


def _verb_sign(token: Token) -> int:
    """The sign of a causal or change verb however the tagger read it ("shortens" as a noun);
    1 for other words, for nouns after a determiner ("the increase") and for a verb
    coordinated with an earlier one ("raises X and lowers Y")."""
    lemma = token.lemma_.lower()
    sign = CAUSAL_VERBS.get(lemma) or CHANGE_VERBS.get(lemma)
    previous = token.doc[token.i - 1] if token.i > 0 else None
    determined = previous is not None and previous.pos_ in {"DET", "ADJ", "NUM"}
    if sign is None or token.dep_ == "conj" or _lowering(token) or determined:
        return 1
    return sign


def _lowering(token: Token) -> bool:
    """ "fewer", "lower", "a decline in": a word that names the lower end of what follows."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is None or following.is_punct:
        return False
    if token.lower_ in LESS_WORDS and token.tag_ not in {"NN", "NNS"}:
        return True
    return CHANGE_NOUNS.get(token.lemma_.lower()) == -1 and following.lower_ in {"in", "of"}


def lexical_direction(sentence: Span) -> str:
    """The direction the words of an unparsed sentence suggest, strongest cue first: a
    non-linear shape, a denied link, a polarity word, an unsigned link ("related",
    "impact"), the signs of the causal and change verbs multiplied ("helps reduce" -1,
    "+" when there are none); each lowering word ("fewer", "a decline in") reverses the sign."""
    lemmas = [t.lemma_.lower() for t in sentence]
    if NONLINEAR.search(sentence.text):
        return "non-linear"
    nullified = any(t.lower_ in NULL_WORDS for t in sentence) and set(lemmas) & LINK_NOUNS
    if nullified or any(t.lower_ in UNLINKED_WORDS for t in sentence):
        return "0"
    reversals = sum(1 for t in sentence if _lowering(t))
    polar = [t.lower_ for t in sentence if t.lower_ in POSITIVE_WORDS | NEGATIVE_WORDS]
    if polar:
        sign = 1 if polar[0] in POSITIVE_WORDS else -1
    elif any(
        CAUSAL_VERBS.get(lemma) == 0 or lemma in LINK_PARTICIPLES | LINK_NOUNS for lemma in lemmas
    ):
        return "conditional"
    else:
        sign = prod(_verb_sign(t) for t in sentence)
    return "+" if sign * (-1) ** reversals > 0 else "-"


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
