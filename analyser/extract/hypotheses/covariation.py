"""Relations read from the shape of a whole clause rather than from one verb.

"The more X, the more Y" (a correlative comparison), "As X increases, Y declines" (read from
the words when the parse misses the clause), and "Y is shared in accordance with X".
"""

from __future__ import annotations

from spacy.tokens import Token

from analyser.extract.hypotheses.cores import Core
from analyser.extract.hypotheses.cues import (
    ACCORDANCE_PHRASES,
    CHANGE_VERBS,
    LESS_WORDS,
    MORE_WORDS,
)


def correlative(tokens: list[Token]) -> Core | None:
    """ "the more X, the more Y": two "the + comparative" groups in one clause."""
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
    first, second = starts[0], starts[1]
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
