"""Structuring one proposition into cause, effect, direction, condition and hedge.

The main clause gives a relation of its own (see ``cores``); subordinate clauses then
refine it: an if/when clause is the cause when the main clause names none, and a condition
when it does (or when the main clause acts by some means or for some purpose); "as X
increases, Y increases" and "the more X, the more Y" compare two changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from analyser.extract.hypotheses.anaphora import (
    antecedent,
    coordinated_antecedent,
    is_anaphor,
    opens_with_connective,
    preceding_statement,
)
from analyser.extract.hypotheses.clauses import Proposition, propositions
from analyser.extract.hypotheses.cores import Core, verb_cores
from analyser.extract.hypotheses.covariation import accordance, correlative, covariation
from analyser.extract.hypotheses.cues import CHANGE_VERBS
from analyser.extract.hypotheses.direction import (
    NONLINEAR,
    OWN_CAUSE_CUES,
    is_hedged,
    lexical_direction,
    signed,
)
from analyser.extract.hypotheses.grammar import subject_of, tokens_of
from analyser.extract.hypotheses.phrases import clean_phrase, subtree_ids, text_of
from analyser.extract.hypotheses.subordinates import Subordinates, clause_body, subordinates

_UNSIGNED_CLAUSES = {"plain", "frequency"}


@dataclass(frozen=True)
class Relation:
    """A cause-effect pair read from one proposition, located by token indices of its Doc."""

    cause: str
    effect: str
    direction: str  # + | - | 0 | conditional | non-linear
    condition: str | None
    hedged: bool
    cue: str  # the construction that stated it (see detection)
    start: int
    end: int
    cause_ids: tuple[int, ...] = ()  # token indices of the cause phrase in its Doc
    effect_ids: tuple[int, ...] = ()


def _fold(
    core: Core, subs: Subordinates, proposition: Proposition
) -> tuple[list[Token], list[Token], int, list[Token], bool]:
    """Fold subordinate clauses into a main-clause relation.

    Returns cause tokens, effect tokens, sign, condition tokens and whether the relation
    holds only under the condition (direction "conditional").
    """
    cause, effect, sign = core.cause, core.effect, core.sign
    if cause and is_anaphor(cause):
        cause = coordinated_antecedent(proposition.head) or cause
    condition: list[Token] = []
    own_cause = bool(cause) and not is_anaphor(cause) and core.cue in OWN_CAUSE_CUES
    whole = core.clause or effect  # the main clause as an effect, when the cause lies elsewhere
    reasons = [r for r in subs.reasons if not is_anaphor(clause_body(r))]
    deontic = any(t.lower_ in {"must", "should"} for t in proposition.head.children)
    if subs.covariations:
        clause = subs.covariations[0]
        changing = subject_of(clause)
        cause = list(changing.subtree) if changing is not None else clause_body(clause)
        sign = CHANGE_VERBS.get(clause.lemma_.lower(), 1) * (sign or 1)
    elif subs.conditions or subs.provisos:
        clause = (subs.conditions or subs.provisos)[0]
        if subs.provisos or subs.means or subs.purposes or own_cause:
            condition = clause_body(clause)
            if subs.purposes:
                purpose_ids = subtree_ids(subs.purposes)
                cause = [t for t in (cause or []) + effect if t.i not in purpose_ids]
                effect = clause_body(subs.purposes[0])
            elif subs.means:
                cause = clause_body(subs.means[0])
            return cause or [], effect, sign, condition, True
        cause, effect = clause_body(clause), whole
    elif reasons and (not own_cause or core.cue in _UNSIGNED_CLAUSES or deontic):
        cause, effect = clause_body(reasons[0]), whole
    elif subs.purposes and subs.purposes[0].i < proposition.head.i:
        cause, effect = clause_body(subs.purposes[0]), whole  # "To avoid X, states do Y": a motive
    elif core.cue in _UNSIGNED_CLAUSES and opens_with_connective(
        proposition.tokens, proposition.head
    ):
        cause, effect = preceding_statement(proposition.head) or cause, whole
    if subs.concessions:
        condition = clause_body(subs.concessions[0])
    if cause and is_anaphor(cause):
        cause = antecedent(cause[0]) or cause
    return cause or [], effect, sign, condition, False


def _cue(core: Core, subs: Subordinates) -> str:
    """The construction that carries the relation, after subordinate clauses are folded in."""
    if subs.covariations:
        return "as-change"
    if subs.provisos:
        return "proviso"
    if subs.conditions:
        return "condition"
    if any(not is_anaphor(clause_body(r)) for r in subs.reasons) and core.cue in _UNSIGNED_CLAUSES:
        return "reason"
    return core.cue


def _main_cores(proposition: Proposition, main: list[Token], outside: set[int]) -> list[Core]:
    """The main clause's relations: a correlative, else one per coordinated verb."""
    compared = correlative(main) or covariation(proposition.tokens)
    if compared is not None:
        return [compared]
    head = proposition.head
    ids = proposition.ids
    verbs = [head] + [
        child
        for child in head.children
        if child.dep_ == "conj"
        and child.pos_ in {"VERB", "AUX"}
        and child.i in ids
        and subject_of(child) == proposition.subject
    ]
    cores = [
        core for verb in verbs if verb.pos_ in {"VERB", "AUX"} for core in verb_cores(verb, outside)
    ]
    if cores and cores[0].cue in _UNSIGNED_CLAUSES | {"comparative"}:
        found = accordance(main, tokens_of(proposition.subject, outside))
        if found is not None:
            return [found]
    return cores


@dataclass
class Reading:
    """A proposition's main clause read into the cores of its relations, with the clauses that
    qualify it: what the relations will be, before their phrases are cleaned and signed."""

    proposition: Proposition
    subs: Subordinates
    main: list[Token]
    cores: list[Core]

    @property
    def cues(self) -> set[str]:
        """The constructions the relations will carry."""
        return {_cue(core, self.subs) for core in self.cores}


def read_proposition(proposition: Proposition) -> Reading | None:
    """The reading of a proposition (None when all of it qualifies something else)."""
    sentence = proposition.sentence
    ids = proposition.ids
    subs = subordinates(proposition.head, ids)
    qualifying = subs.ids()
    outside = (set(range(sentence.start, sentence.end)) - ids) | qualifying
    main = [t for t in proposition.tokens if t.i not in qualifying]
    if not main:
        return None
    return Reading(proposition, subs, main, _main_cores(proposition, main, outside))


def structure_proposition(proposition: Proposition) -> list[Relation]:
    """The relations one proposition states (empty when it states none)."""
    reading = read_proposition(proposition)
    return relations_of(reading) if reading is not None else []


def relations_of(reading: Reading) -> list[Relation]:
    """The relations of a reading, their phrases cleaned and their directions signed."""
    proposition, subs = reading.proposition, reading.subs
    tokens = proposition.tokens
    nonlinear = bool(NONLINEAR.search(text_of(tokens)))
    hedged = is_hedged(reading.main, proposition.frame)
    relations = []
    for core in reading.cores:
        cause, effect, sign, condition, conditional = _fold(core, subs, proposition)
        cause_phrase, effect_phrase = clean_phrase(cause), clean_phrase(effect)
        if not cause_phrase.text or not effect_phrase.text:
            continue
        direction = signed(core, cause_phrase, effect_phrase, sign)
        if nonlinear:
            direction = "non-linear"
        elif conditional:
            direction = "conditional"
        relations.append(
            Relation(
                cause_phrase.text,
                effect_phrase.text,
                direction,
                text_of(condition) or None,
                hedged,
                _cue(core, subs),
                tokens[0].i,
                tokens[-1].i + 1,
                cause_phrase.ids,
                effect_phrase.ids,
            )
        )
    return relations


def structure_sentence(sentence: Span) -> list[Relation]:
    """Every relation stated in one sentence, whatever its propositions' standing."""
    return [
        relation
        for proposition in propositions(sentence)
        for relation in structure_proposition(proposition)
    ]


def _fallback(doc: Doc) -> Relation:
    """Subject as cause and the rest of the longest sentence as effect."""
    sentence = max(doc.sents, key=len)
    subject = subject_of(sentence.root)
    cause = list(subject.subtree) if subject is not None else []
    cause_ids = {t.i for t in cause}
    rest = [t for t in sentence if t.i not in cause_ids]
    cause_phrase, effect_phrase = clean_phrase(cause), clean_phrase(rest)
    return Relation(
        cause_phrase.text,
        effect_phrase.text,
        lexical_direction(sentence),
        None,
        False,
        "fallback",
        sentence.start,
        sentence.end,
        cause_phrase.ids,
        effect_phrase.ids,
    )


def rule_relations(doc: Doc) -> list[Relation]:
    """The rules' relations for every sentence of ``doc``; a fallback pair when none is found."""
    found = [relation for sentence in doc.sents for relation in structure_sentence(sentence)]
    return found or [_fallback(doc)]
