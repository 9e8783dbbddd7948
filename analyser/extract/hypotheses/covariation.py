"""Relations read from the shape of a whole clause rather than from one verb.

"The more X, the more Y" (a correlative comparison), "As X increases, Y declines" (read from
the words when the parse misses the clause), "Y is shared in accordance with X", and the
direction of a moderation ("the relationship is stronger when Z", "Z moderates the
relationship, such that it is weaker").
"""

from __future__ import annotations

from spacy.tokens import Token

from analyser.extract.hypotheses.cores import Core
from analyser.extract.hypotheses.cues import (
    ACCORDANCE_PHRASES,
    CHANGE_VERBS,
    LESS_WORDS,
    LINKING_VERBS,
    MORE_WORDS,
    STRENGTH_COMPARATIVES,
)
from analyser.extract.hypotheses.grammar import (
    OBJECT_DEPS,
    children,
    comparison_sign,
    modifiers_of,
    polarity_of,
)


def correlative(tokens: list[Token]) -> Core | None:
    """ "the more X, the more Y": two "the + comparative" groups in one clause; in a chain
    ("the higher X and hence the greater Y, the worse Z") the last group is the effect and
    the one before it the cause."""
    doc = tokens[0].doc
    comparatives = MORE_WORDS | LESS_WORDS
    starts = [
        t.i
        for t in tokens
        if t.lower_ == "the"
        and t.i + 1 < len(doc)
        and (doc[t.i + 1].tag_ in {"JJR", "RBR"} or doc[t.i + 1].lower_ in comparatives)
    ]
    if len(starts) < 2:
        return None
    first, second = starts[-2], starts[-1]
    last = max(t.i for t in tokens)
    first_sign = -1 if doc[first + 1].lower_ in LESS_WORDS else 1
    second_sign = -1 if doc[second + 1].lower_ in LESS_WORDS else 1
    cause = [doc[i] for i in range(first + 2, second)]
    effect = [doc[i] for i in range(second + 2, last + 1)]
    if effect and effect[0].lower_ in {"likely", "probable"}:
        effect = effect[1:]
    if not cause or not effect:
        return None
    return Core(cause, effect, first_sign * second_sign, "correlative")


def _change_sign(token: Token) -> int | None:
    """The sign of a change verb, whatever part of speech the tagger gave it ("increases")."""
    return CHANGE_VERBS.get(token.lemma_.lower()) if not token.is_punct else None


def covariation(tokens: list[Token]) -> Core | None:
    """ "As X increases, Y declines", read from the words when the parse misses the clause."""
    opening = [t for t in tokens[:3] if t.lower_ == "as"]
    if not opening:
        return None
    commas = [t for t in tokens if t.text == "," and t.i > opening[0].i]
    if not commas:
        return None
    first = [t for t in tokens if opening[0].i < t.i < commas[0].i]
    second = [t for t in tokens if t.i > commas[0].i and not t.is_punct]
    if len(first) < 2 or len(second) < 2:
        return None
    first_sign, second_sign = _change_sign(first[-1]), _change_sign(second[-1])
    if first_sign is None or second_sign is None:
        return None
    effect = [t for t in second[:-1] if t.lower_ not in {"also", "too", "then"}]
    return Core(first[:-1], effect, first_sign * second_sign, "as-change")


def accordance(tokens: list[Token], subject: list[Token] | None) -> Core | None:
    """ "Y is shared in accordance with X": Y follows X."""
    if not subject:
        return None
    lowered = " ".join(t.lower_ for t in tokens)
    for phrase in ACCORDANCE_PHRASES:
        if phrase not in lowered:
            continue
        last_word = phrase.split()[-1]
        for token in tokens:
            if token.lower_ == last_word and token.dep_ == "prep":
                return Core(_phrase_after(token), subject, 1, "accordance")
    return None


def _phrase_after(preposition: Token) -> list[Token]:
    """The words after a preposition up to the next punctuation mark of its sentence."""
    found = []
    for token in preposition.doc[preposition.i + 1 : preposition.sent.end]:
        if token.is_punct and token.text not in {"-", "’", "'"}:
            break
        found.append(token)
    return found


def predicated_strength(noun: Token) -> int | None:
    """ "The relationship between X and Y is stronger (becomes weaker) for Z": the sign of the
    comparative a linking verb predicates of a relation noun, the direction of its moderation;
    None when the noun is no such subject."""
    verb = noun.head
    if noun.dep_ not in {"nsubj", "nsubjpass"} or verb.lemma_.lower() not in LINKING_VERBS:
        return None
    for complement in children(verb, {"acomp", "attr", "oprd"}):
        sign = _comparative_sign(complement)
        if sign is not None:
            return sign
    return None


def specified_sign(verb: Token) -> int | None:
    """ "Z moderates the relationship between X and Y, such that the relationship is stronger
    when Z is high": the sign its such-that clause gives (a comparative predicate first, then
    a polarity word: "such that X positively affects Y"); None without such a clause."""
    for clause in verb.children:
        if clause.dep_ not in {"advcl", "ccomp", "xcomp", "conj"}:
            continue
        if not _opens_with_such_that(clause):
            continue
        for complement in children(clause, {"acomp", "attr", "oprd"}):
            sign = _comparative_sign(complement)
            if sign is not None:
                return sign
        objects = [o for o in children(clause, OBJECT_DEPS) if o.dep_ != "attr"]
        words = modifiers_of(clause) + [m for o in objects for m in modifiers_of(o)]
        sign = polarity_of(words)
        if sign is not None:
            return sign
    return None


def _opens_with_such_that(clause: Token) -> bool:
    """Whether a clause opens with "such that", wherever the parser hung "such" (on the
    clause, on its subject, or on the noun before it)."""
    first = clause.left_edge
    following = first.doc[first.i + 1] if first.i + 1 < len(first.doc) else None
    if first.lower_ == "such":
        return following is not None and following.lower_ == "that"
    return first.lower_ == "that" and first.i > 0 and first.doc[first.i - 1].lower_ == "such"


def _comparative_sign(word: Token) -> int | None:
    """ "stronger" +1, "weaker" -1, "more pronounced" +1, "less positive" -1, else None."""
    if word.lower_ in STRENGTH_COMPARATIVES:
        return STRENGTH_COMPARATIVES[word.lower_]
    return comparison_sign(word)
