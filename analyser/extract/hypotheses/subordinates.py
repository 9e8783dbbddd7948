"""Classifying the adverbial clauses and phrases that qualify a main clause.

if/when clauses (conditions), so-long-as/unless clauses (provisos), "even if" clauses,
because/since clauses and "because of"/"due to" phrases (reasons), "as X increases" clauses
(covariation), "by doing X" phrases (means) and "to do X" clauses (purposes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from spacy.tokens import Token

from analyser.extract.hypotheses.cues import (
    CHANGE_VERBS,
    CONCESSIVE_MARKS,
    CONDITION_MARKS,
    PROVISO_MARKS,
    PROVISO_PHRASES,
    REASON_MARKS,
    REASON_PHRASES,
    REPORTING_VERBS,
)
from analyser.extract.hypotheses.phrases import subtree_ids

_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_INTRODUCERS = {
    "if",
    "when",
    "whenever",
    "once",
    "unless",
    "provided",
    "providing",
    "so",
    "as",
    "long",
    "only",
    "even",
    "because",
    "since",
    "given",
    "for",
    "of",
    "due",
    "to",
    "owing",
    "by",
    "thanks",
    "that",
    "then",
    "in",
    "order",
    "result",
    "a",
}


@dataclass
class Subordinates:
    """The qualifying clauses and phrases of one main clause (their head tokens)."""

    conditions: list[Token] = field(default_factory=list)
    provisos: list[Token] = field(default_factory=list)
    concessions: list[Token] = field(default_factory=list)
    reasons: list[Token] = field(default_factory=list)
    covariations: list[Token] = field(default_factory=list)
    means: list[Token] = field(default_factory=list)
    purposes: list[Token] = field(default_factory=list)

    def heads(self) -> list[Token]:
        """Every qualifying clause or phrase."""
        return [
            *self.conditions,
            *self.provisos,
            *self.concessions,
            *self.reasons,
            *self.covariations,
            *self.means,
            *self.purposes,
        ]

    def ids(self) -> set[int]:
        """Indices of every token inside a qualifying clause or phrase."""
        return subtree_ids(self.heads())


def _introducing_words(clause: Token) -> str:
    """The words that open a clause and the three before it, lower case ("so long as")."""
    inside = [t.lower_ for t in clause.subtree if t.i < clause.i and t.dep_ in {"mark", "advmod"}]
    before = clause.doc[max(clause.left_edge.i - 3, 0) : clause.left_edge.i]
    return " ".join([*[t.lower_ for t in before], *inside])


def _classify_clause(clause: Token, found: Subordinates) -> None:
    marks = {
        t.lower_
        for t in clause.children
        if t.dep_ == "mark" or (t.dep_ == "advmod" and t.tag_ == "WRB" and t.i < clause.i)
    }
    opening = _introducing_words(clause)
    finite = clause.pos_ in {"NOUN", "PROPN"} or any(c.dep_ in _SUBJECTS for c in clause.children)
    if not finite and marks & (CONDITION_MARKS | PROVISO_MARKS | {"because", "since"}):
        return  # "when viewed from outside": a participle, not a condition
    if marks & PROVISO_MARKS or any(phrase in opening for phrase in PROVISO_PHRASES):
        found.provisos.append(clause)
    elif marks & CONDITION_MARKS:
        target = found.concessions if "even" in opening.split() else found.conditions
        target.append(clause)
    elif marks & CONCESSIVE_MARKS:
        return
    elif "as" in marks and clause.lemma_.lower() in CHANGE_VERBS:
        found.covariations.append(clause)
    elif marks & REASON_MARKS:
        found.reasons.append(clause)
    elif clause.tag_ == "VB" and any(t.lower_ == "to" for t in clause.children):
        found.purposes.append(clause)


def _classify_phrase(prep: Token, found: Subordinates, reasons_only: bool = False) -> None:
    words = " ".join(t.lower_ for t in islice(prep.subtree, 4))
    if reasons_only:
        if any(words.startswith(phrase) for phrase in REASON_PHRASES):
            found.reasons.append(prep)
    elif prep.lower_ == "by" and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children):
        found.means.append(prep)
    elif any(words.startswith(phrase) for phrase in REASON_PHRASES):
        found.reasons.append(prep)
    elif prep.lower_ == "in" and words.startswith("in order to"):
        found.purposes.append(prep)


def subordinates(head: Token, scope: set[int]) -> Subordinates:
    """Classify the adverbial clauses and phrases attached to a main clause."""
    found = Subordinates()
    own = list(head.children)
    anchors = [head, *[c for c in own if c.dep_ in {"acomp", "xcomp", "attr"}]]
    for child in own:
        dep = child.dep_
        if (dep == "conj" and not any(c.dep_ in _SUBJECTS for c in child.children)) or (
            dep == "parataxis" and child.lemma_.lower() in REPORTING_VERBS
        ):
            anchors.append(child)
    for anchor in anchors:
        kids = own if anchor is head else list(anchor.children)
        clauses = [*kids, *[c for m in kids if m.dep_ == "advmod" for c in m.children]]
        for child in clauses:
            if child.i not in scope:
                continue
            dep = child.dep_
            if dep == "advcl":
                _classify_clause(child, found)
            elif dep in {"prep", "agent"}:
                _classify_phrase(child, found)
    if not found.reasons:  # "due to X" misattached deep inside the clause or a concession
        qualifying = subtree_ids(found.heads()) - subtree_ids(found.concessions)
        for token in head.subtree:
            if token.i in scope and token.dep_ == "prep" and token.i not in qualifying:
                _classify_phrase(token, found, reasons_only=True)
    return found


def clause_body(clause: Token) -> list[Token]:
    """A subordinate clause or phrase without the words that introduce it."""
    tokens = list(clause.subtree)
    while len(tokens) > 1 and (tokens[0].lower_ in _INTRODUCERS or tokens[0].is_punct):
        if tokens[0] == clause and clause.pos_ in {"VERB", "AUX", "NOUN", "PROPN"}:
            break
        tokens = tokens[1:]
    return tokens
