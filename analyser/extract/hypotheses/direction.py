"""The direction of a relation: the sign its words give, or none ("conditional")."""

from __future__ import annotations

import re
from math import prod

from spacy.tokens import Doc, Span, Token

from analyser.extract.hypotheses.cores import Core
from analyser.extract.hypotheses.covariation import predicated_strength, specified_sign
from analyser.extract.hypotheses.cues import (
    CAUSAL_VERBS,
    CAUSE_NOUNS,
    CHANGE_NOUNS,
    CHANGE_VERBS,
    FAILING_VERBS,
    FARING_VERBS,
    HEDGE_MODALS,
    HEDGE_WORDS,
    LESS_WORDS,
    LINK_NOUNS,
    LINK_PARTICIPLES,
    LINKING_VERBS,
    NEGATIVE_WORDS,
    NONLINEAR_PATTERN,
    NULL_WORDS,
    POSITIVE_WORDS,
    RAISING_VERBS,
    UNLINKED_WORDS,
)
from analyser.extract.hypotheses.grammar import (
    OBJECT_DEPS,
    SUBJECT_DEPS,
    children,
    comparison_sign,
    modifiers_of,
    strength_sign,
)
from analyser.extract.hypotheses.phrases import Phrase

NONLINEAR = re.compile(NONLINEAR_PATTERN, re.IGNORECASE)
# Constructions in which the cause is named by the predicate itself: denying them denies the link.
OWN_CAUSE_CUES = frozenset(
    {"causal-verb", "link", "cause-noun", "result-noun", "variation", "correlative"}
)
# Constructions that carry no relation word of their own: their predicate may still give a sign.
PLAIN_CUES = frozenset({"plain", "frequency"})
POLAR_WORDS = POSITIVE_WORDS | NEGATIVE_WORDS
_OBJECTS = {"dobj", "attr", "oprd", "acomp"}


def _predicate_tops(core: Core) -> list[Token]:
    """The words heading a plain clause's predicate."""
    cause_ids = {t.i for t in core.cause or []}
    predicate = [t for t in core.clause or core.effect if t.i not in cause_ids]
    ids = {t.i for t in predicate}
    return [t for t in predicate if t.head.i not in ids or t.head == t]


def _predicate_words(core: Core) -> tuple[list[Token], list[Token]]:
    """The words heading a plain clause's predicate (with their modifiers), and the
    modifiers of its objects ("predicts lower spending": "lower")."""
    tops = _predicate_tops(core)
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
    tops = _predicate_tops(core)
    carried = _carried_sign(tops)
    if carried is not None:
        return carried, True
    if link:
        return 0, True
    graded = _graded_complement(tops)
    if graded is not None:
        return graded, False
    if any(t.lower_ in LESS_WORDS for t in object_modifiers):
        return -1, False
    return None


def _graded_complement(tops: list[Token]) -> int | None:
    """ "Y becomes less likely" -1, "Y grows stronger" +1: the comparative complement of a
    linking verb heading the predicate; None when there is none."""
    for top in tops:
        if top.lemma_.lower() not in LINKING_VERBS:
            continue
        for complement in children(top, {"acomp", "attr", "oprd"}):
            sign = comparison_sign(complement)
            if sign is None and complement.tag_ in {"JJR", "RBR"}:
                sign = -1 if complement.lower_ in LESS_WORDS else 1
            if sign is not None:
                return sign
    return None


def _carried_sign(tops: list[Token]) -> int | None:
    """The sign of a causal or faring verb heading a predicate, itself or as the infinitive of
    a raising verb: "tends to reduce Y" -1, "does not seem to affect Y" 0, "Y suffers from X"
    -1; None when there is none."""
    for top in tops:
        verb = top
        while verb.lemma_.lower() in RAISING_VERBS | FAILING_VERBS and children(verb, {"xcomp"}):
            verb = children(verb, {"xcomp"})[0]
        lemma = verb.lemma_.lower()
        if verb.pos_ == "VERB" and lemma in CAUSAL_VERBS.keys() | FARING_VERBS.keys():
            return CAUSAL_VERBS.get(lemma, FARING_VERBS.get(lemma))
    return None


def _fails(core: Core) -> bool:
    """ "X fails to raise Y": a plain predicate headed by a verb that denies its infinitive."""
    if core.cue not in PLAIN_CUES:
        return False
    return any(
        t.lemma_.lower() in FAILING_VERBS and children(t, {"xcomp"}) for t in _predicate_tops(core)
    )


def _above(tokens: list[Token]) -> list[Token]:
    """The root of a phrase and the words above it, nearest first, up to its clause's verb."""
    if not tokens:
        return []
    ids = {t.i for t in tokens}
    current = next(t for t in tokens if t.head.i not in ids or t.head == t)
    chain = [current]
    while current.head != current and current.pos_ not in {"VERB", "AUX"}:
        current = current.head
        chain.append(current)
    return chain


def moderation_sign(core: Core, sign: int) -> int | None:
    """The direction a moderation gives the relation: "the relationship between X and Y is
    weaker for Z" -1 (the comparative said of the relation noun outweighs a polarity word
    before it), "Z moderates the relationship between X and Y, such that it is stronger" +1
    (read when the predicate gives no sign); None when the clause states no moderation."""
    chains = [_above(core.cause or []), _above(core.effect)]
    if core.cue == "link":
        for head in (h for chain in chains for h in chain):
            if head.lemma_.lower() in LINK_NOUNS:
                found = predicated_strength(head)
                if found is not None:
                    return found
    if sign == 0:
        for chain in chains:
            if chain and chain[-1].pos_ in {"VERB", "AUX"}:
                found = specified_sign(chain[-1])
                if found is not None:
                    return found
    return None


def _cause_noun_polarity(core: Core) -> int:
    """ "X is a negative predictor of Y": -1 for a polarity word before the cause noun that
    names the relation, else +1."""
    if core.cue != "cause-noun":
        return 1
    for head in _above(core.effect):
        if head.lemma_.lower() in CAUSE_NOUNS:
            polar = [t.lower_ for t in modifiers_of(head) if t.lower_ in POLAR_WORDS]
            return -1 if polar and polar[0] in NEGATIVE_WORDS else 1
    return 1


def _opening_sign(phrase: Phrase, doc: Doc) -> int:
    """ "substantially lower costs": -1 for a phrase that still opens with a degree adverb
    and the lowering comparative it grades (a comparative that comes first is read when the
    phrase is cleaned), else +1."""
    if phrase.modified or len(phrase.ids) < 3:
        return 1
    first, second = doc[phrase.ids[0]], doc[phrase.ids[1]]
    grades = first.pos_ == "ADV" and first.head == second and second.tag_ not in {"NN", "NNS"}
    return -1 if grades and second.lower_ in LESS_WORDS else 1


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
    moderation = moderation_sign(core, sign)
    if moderation is not None:
        sign, linked = moderation, True
    sign *= _cause_noun_polarity(core)
    negated = core.negated != _fails(core)
    if sign == 0:
        if not (cause.modified or effect.modified):
            return "0" if negated else "conditional"
        sign = 1
    total = sign * cause.sign * effect.sign * clause_sign(cause, core)
    doc = core.effect[0].doc if core.effect else None
    if doc is not None:
        total *= _opening_sign(cause, doc) * _opening_sign(effect, doc)
    if negated:
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
    "impact") unless a comparative of strength grades it ("a stronger effect"), the signs of
    the causal and change verbs multiplied ("helps reduce" -1, "+" when there are none); each
    lowering word ("fewer", "a decline in") reverses the sign. A comparative predicated of a
    relation noun ("the effect of X on Y is weaker for Z") gives the direction first."""
    lemmas = [t.lemma_.lower() for t in sentence]
    if NONLINEAR.search(sentence.text):
        return "non-linear"
    nullified = any(t.lower_ in NULL_WORDS for t in sentence) and set(lemmas) & LINK_NOUNS
    if nullified or any(t.lower_ in UNLINKED_WORDS for t in sentence):
        return "0"
    moderations = [predicated_strength(t) for t in sentence if t.lemma_.lower() in LINK_NOUNS]
    moderation = next((m for m in moderations if m is not None), None)
    if moderation is not None:
        return "+" if moderation > 0 else "-"
    reversals = sum(1 for t in sentence if _lowering(t))
    polar = [t.lower_ for t in sentence if t.lower_ in POSITIVE_WORDS | NEGATIVE_WORDS]
    links = [
        t
        for t in sentence
        if CAUSAL_VERBS.get(t.lemma_.lower()) == 0
        or t.lemma_.lower() in LINK_PARTICIPLES | LINK_NOUNS
    ]
    if polar:
        sign = 1 if polar[0] in POSITIVE_WORDS else -1
    elif links:
        strength = strength_sign([m for t in links for m in modifiers_of(t)])
        return "conditional" if strength is None else "+" if strength > 0 else "-"
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
