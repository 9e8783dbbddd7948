"""Splitting a parsed sentence into the propositions it states.

A proposition is a clause with its own subject: the main clause, a coordinated clause with
a subject of its own, a clause after a colon, or the that-clause of a reporting verb
("scholars argue that X" states X) or of a hypothesis marker ("H1: X", "the hypothesis is
that X").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Span, Token

from analyser.extract.hypotheses.cues import MARKER_NOUNS, REPORTING_VERBS
from analyser.extract.hypotheses.grammar import subject_of

_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
_CLAUSE_POS = {"VERB", "AUX"}
_LABEL = re.compile(
    r"^\s*(?:(?:hypo(?:thesis)?|prop(?:osition)?|h|p)\s*\d+[a-z]?|hypothesis\s+[0-9ivxl]+[a-z]?)"
    r"\s*[:.)]\s*",
    re.IGNORECASE,
)
_LABEL_INITIALS = frozenset("HPhp")  # every label _LABEL matches opens with one of them
_MARKING_VERBS = {"hypothesise", "hypothesize", "predict", "posit", "propose", "postulate"}
_CONTRAST_MARKS = {"whereas", "while"}


@dataclass
class Proposition:
    """One clause that may state a hypothesis, with the reporting frame that introduced it."""

    head: Token
    tokens: list[Token]
    frame: Token | None = None
    marked: bool = False
    embedded: bool = False
    sentence: Span = field(init=False, repr=False, compare=False)  # the head's; set by propositions

    @property
    def ids(self) -> set[int]:
        """Indices of the clause's tokens."""
        return {t.i for t in self.tokens}

    @cached_property
    def subject(self) -> Token | None:
        """The subject of the clause's head (``subject_of``)."""
        return subject_of(self.head)


def strip_label(text: str) -> tuple[str, bool]:
    """``text`` without a leading label ("H2:", "Hypothesis 1a.") and whether it had one."""
    match = _LABEL.match(text)
    if match is None:
        return text, False
    return text[match.end() :], True


def label_ids(sentence: Span) -> set[int]:
    """Indices of the tokens of a leading hypothesis label in ``sentence`` (empty if none)."""
    if _first_letter(sentence) not in _LABEL_INITIALS:
        return set()
    stripped, found = strip_label(sentence.text)
    if not found:
        return set()
    cut = sentence.start_char + len(sentence.text) - len(stripped)
    return {t.i for t in sentence if t.idx < cut}


def _first_letter(sentence: Span) -> str:
    """The first character of ``sentence`` that is not white space ("" when there is none)."""
    for token in sentence:
        text = token.text.lstrip()
        if text:
            return text[0]
    return ""


def has_subject(token: Token) -> bool:
    """Whether the token governs a subject of its own."""
    return any(child.dep_ in _SUBJECTS for child in token.children)


def is_marker(token: Token) -> bool:
    """A hypothesis noun ("hypothesis", "prediction") or label word ("H1", "hypo")."""
    return token.lower_ in MARKER_NOUNS


def reported_clause(head: Token) -> Token | None:
    """The clause a reporting verb, marker or "X is that" copula introduces, if any.

    "scholars argue that X" -> X; "X is expected to rise" -> "rise" (with X as subject).
    """
    reporting = head.lemma_.lower() in REPORTING_VERBS
    if not reporting and not _introduces_clause(head):
        return None
    for child in head.children:
        if child.dep_ == "ccomp" and child.pos_ in _CLAUSE_POS:
            return child
    if reporting and any(child.dep_ == "auxpass" for child in head.children):
        for child in head.children:
            if child.dep_ == "xcomp" and child.pos_ in _CLAUSE_POS:
                return child
    return None


def _introduces_clause(head: Token) -> bool:
    """Markers ("H1: ...") and copulas with a that-clause ("the hypothesis is that ...")."""
    if is_marker(head):
        return True
    return head.lemma_ == "be" and any(
        child.dep_ in _SUBJECTS and is_marker(child) for child in head.children
    )


def marked_by(head: Token) -> bool:
    """Whether ``head`` or its subject is an explicit hypothesis marker or marking verb."""
    if is_marker(head) or head.lemma_.lower() in _MARKING_VERBS:
        return True
    if head.lemma_.lower() == "expect" and any(c.dep_ == "auxpass" for c in head.children):
        return True  # "X can be expected to Y"
    return any(child.dep_ in _SUBJECTS and is_marker(child) for child in head.children)


def _labels(head: Token, label: set[int]) -> bool:
    """A root that is a hypothesis label ("Hypothesis 2: ...") rather than a noun in use."""
    if head.i in label:
        return True
    following = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    return (
        is_marker(head)
        and following is not None
        and (following.like_num or following.text in {":", "-", "–", "."})
    )


def _own_clause(token: Token) -> bool:
    """A verb with a subject of its own."""
    return token.pos_ in _CLAUSE_POS and has_subject(token)


def _splits_off(child: Token) -> bool:
    """Whether a child clause states a proposition of its own."""
    dep = child.dep_
    if dep in {"conj", "parataxis"}:
        return _own_clause(child) and not (
            dep == "parataxis" and child.lemma_.lower() in REPORTING_VERBS
        )
    if dep not in {"advcl", "relcl"}:
        return False
    if reported_clause(child) is not None:
        return True
    if dep != "advcl" or child.i <= child.head.i:
        return False
    marks = {t.lower_ for t in child.children if t.dep_ == "mark"}
    return bool(marks & _CONTRAST_MARKS) and _own_clause(child)  # "X, whereas Y"


def _scope(
    head: Token, subtree: list[Token], split: list[Token], excluded: set[int]
) -> list[Token]:
    """The tokens of ``head``'s clause (``subtree`` is its subtree), leaving out its split-off
    clauses and their links."""
    left_out = set(excluded)
    for child in split:
        left_out.update(t.i for t in child.subtree)
        left_out.update(t.i for t in head.children if t.dep_ == "cc" and t.i < child.i)
    return [t for t in subtree if t.i not in left_out]


def _visit(
    head: Token, frame: Token | None, marked: bool, embedded: bool, excluded: set[int]
) -> list[Proposition]:
    """Propositions under ``head``, descending through reporting verbs and markers."""
    subtree = list(head.subtree)
    split = [child for child in head.children if _splits_off(child)]
    split += [
        t
        for t in subtree
        if t.dep_ in {"relcl", "acl", "advcl"}
        and t.i != head.i
        and t.head.i != head.i
        and t.i not in excluded
        and reported_clause(t) is not None
        and not any(t in s.subtree for s in split)
    ]
    found: list[Proposition] = []
    target = reported_clause(head)
    if target is not None:
        inner = _visit(target, head, marked or marked_by(head), embedded, excluded)
        if target.dep_ == "xcomp" and inner:  # "X is expected to V": X belongs to the clause
            subject = [t for c in head.children if c.dep_ in _SUBJECTS for t in c.subtree]
            inner[0].tokens = sorted({*inner[0].tokens, *subject}, key=lambda t: t.i)
        found.extend(inner)
    elif head.pos_ in _CLAUSE_POS:
        tokens = _scope(head, subtree, split, excluded)
        found.append(Proposition(head, tokens, frame, marked, embedded))
    elif _labels(head, excluded):  # "H1: ...", "Hypothesis 2 - ..."
        for child in head.children:
            if child.pos_ in _CLAUSE_POS and child.dep_ in {"ccomp", "appos", "acl", "dep"}:
                found.extend(_visit(child, frame, True, embedded, excluded))
    for child in split:
        found.extend(_visit(child, None, marked, True, excluded))
    return found


def propositions(sentence: Span) -> list[Proposition]:
    """The propositions of a sentence in text order.

    A sentence with no verbal clause (a bare "H1: the more X, the more Y") yields one
    proposition headed by its root.
    """
    label = label_ids(sentence)
    found = _visit(sentence.root, None, bool(label), False, label)
    if not found:
        tokens = [t for t in sentence if t.i not in label]
        found = [Proposition(sentence.root, tokens, None, bool(label), False)]
    found = [p for p in found if p.tokens]
    sentences = list(sentence.sents)  # one, unless a sentence parsed again after a page break
    for proposition in found:
        head = proposition.head.i
        proposition.sentence = next(s for s in sentences if s.start <= head < s.end)
    return sorted(found, key=lambda p: p.tokens[0].i)
