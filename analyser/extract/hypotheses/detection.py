"""Deciding whether a proposition states a general theoretical hypothesis.

A proposition qualifies when its structure shows a relation (a causal verb, a condition,
a comparison, a causal noun, an explicit hypothesis marker...) and it is none of the
things that look like claims but are not: questions, instructions and site boilerplate,
the author's account of their own search, statements about the literature, historical
narration, reports anchored in the present moment, and definitions.
"""

from __future__ import annotations

import re
from itertools import islice

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from analyser.extract.hypotheses.anaphora import opens_with_connective
from analyser.extract.hypotheses.clauses import Proposition
from analyser.extract.hypotheses.cues import (
    ANAPHORA,
    AS_FRAME_VERBS,
    DEFINING_VERBS,
    EXISTENCE_VERBS,
    LITERATURE_NOUNS,
    PRESENT_ANCHORS,
    RESEARCH_OBJECTS,
    RESEARCH_VERBS,
)
from analyser.extract.hypotheses.grammar import SUBJECT_DEPS, children, subject_of
from analyser.extract.hypotheses.structure import Relation
from analyser.extract.years import YEAR_DIGITS, YEAR_IN_TEXT

# Constructions that state a relation on their own.
RELATION_CUES = frozenset(
    {
        "causal-verb",
        "change-verb",
        "variation",
        "link",
        "cause-noun",
        "result-noun",
        "correlative",
        "as-change",
        "accordance",
        "likelihood",
        "comparative",
        "rare",
        "condition",
        "proviso",
        "reason",
    }
)
_GENERAL_MODALS = {"will", "would", "may", "might", "can", "could", "should", "must", "'ll"}
_YEAR = re.compile(rf"^({YEAR_DIGITS})s?$")
_DATE_PREPOSITIONS = {"in", "since", "by", "until", "from", "after", "before", "during", "of"}
_SECOND_PERSON = {"you", "your", "yours", "yourself", "yourselves"}
_FIRST_SINGULAR = {"i", "me", "my", "mine", "myself"}
_FIRST_PLURAL = {"we", "us", "our"}
_URL = re.compile(r"https?://|www\.|\.html?\b|@\w+\.\w+")
_COPULAS = {"be", "appear", "seem", "remain"}
# Constructions whose subordinate clause supplies the relation: not definitions.
_QUALIFIED_CUES = {
    "condition",
    "proviso",
    "as-change",
    "reason",
    "cause-noun",
    "result-noun",
    "link",
}


def is_boilerplate(sentence: Span) -> bool:
    """Questions, instructions to the reader, links and fragments."""
    text = sentence.text.strip()
    if text.endswith("?") or _URL.search(text):
        return True
    if "you" in text.lower() and any(  # every second-person word contains "you"
        token.tag_ in {"PRP", "PRP$"} and token.lower_ in _SECOND_PERSON for token in sentence
    ):
        return True
    words = (token for token in sentence if token.is_alpha)
    return len(list(islice(words, 5))) < 5


def _is_own_account(proposition: Proposition) -> bool:
    """The author speaking of their own search or work ("I tried to find", "we have no")."""
    if any(t.lower_ in _FIRST_SINGULAR and t.tag_ in {"PRP", "PRP$"} for t in proposition.tokens):
        return True
    frame = proposition.frame
    speakers = [proposition.subject]
    if frame is not None and not proposition.marked:
        speakers.append(subject_of(frame))
    return any(s is not None and s.lower_ in _FIRST_PLURAL | _FIRST_SINGULAR for s in speakers)


def _is_literature(proposition: Proposition, relations: list[Relation]) -> bool:
    """A statement about scholarship ("scholars have applied...", "the theory puts forward...",
    "the assumption is supported by studies", "proponents do not see it as ...")."""
    head = proposition.head
    subject = proposition.subject
    subject_lemma = subject.lemma_.lower() if subject is not None else ""
    verbs = [head, *children(head, {"conj", "xcomp"})]
    lemmas = {v.lemma_.lower() for v in verbs}
    scholarly = subject_lemma in LITERATURE_NOUNS
    if lemmas & RESEARCH_VERBS and scholarly:
        return True
    if lemmas & AS_FRAME_VERBS and scholarly:
        return not any(r.cue in {"cause-noun", "result-noun"} for r in relations)
    objects = [o for v in verbs for o in children(v, {"dobj"})]
    if lemmas & RESEARCH_VERBS and any(o.lemma_.lower() in RESEARCH_OBJECTS for o in objects):
        return True
    agents = [o for v in verbs for a in children(v, {"agent"}) for o in children(a, {"pobj"})]
    if any(a.lemma_.lower() in LITERATURE_NOUNS for a in agents):
        return True
    return subject_lemma in RESEARCH_OBJECTS


def _tense_blocks(proposition: Proposition) -> bool:
    """Past narration, present perfect reports and progressive descriptions."""
    head = proposition.head
    auxiliaries = children(head, {"aux", "auxpass"})
    if any(a.lower_ in _GENERAL_MODALS for a in auxiliaries):
        return False
    if head.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return True
    if any(a.lemma_ == "have" for a in auxiliaries) and head.tag_ == "VBN":
        return True
    return head.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxiliaries)


def _cited(token: Token, citation_spans: list[tuple[int, int]]) -> bool:
    """A year that belongs to a citation: inside a found citation, brackets, or after a name."""
    offset = token.idx
    if any(start <= offset < end for start, end in citation_spans):
        return True
    before = token.doc[max(token.i - 4, 0) : token.i]
    if any(t.text in {"(", "["} for t in before) and not any(t.text in {")", "]"} for t in before):
        return True
    previous = token.doc[token.i - 1] if token.i > 0 else None
    return previous is not None and (previous.pos_ == "PROPN" or previous.text in {",", "’s"})


def _dated(sentence: Span, citation_spans: list[tuple[int, int]]) -> bool:
    """A year used as a date ("in 1949", "since 1815"), not as part of a citation."""
    if YEAR_IN_TEXT.search(sentence.text) is None:
        return False
    for token in sentence:
        if _YEAR.match(token.text) and not _cited(token, citation_spans):
            previous = token.doc[token.i - 1] if token.i > 0 else None
            if previous is None or previous.lower_ in _DATE_PREPOSITIONS or previous.is_alpha:
                return True
    return False


def _anchored_now(tokens: list[Token]) -> bool:
    """An adverb tying the claim to the present moment ("today", "now", "at present")."""
    for token in tokens:
        if token.dep_ in {"advmod", "npadvmod", "pobj"} and token.lower_ in PRESENT_ANCHORS:
            return True
    text = " " + " ".join(t.lower_ for t in tokens) + " "
    return any(f" {anchor} " in text for anchor in PRESENT_ANCHORS if " " in anchor)


def _is_definition(proposition: Proposition, relations: list[Relation]) -> bool:
    """ "X is a Y where ...", "X refers to Y", "X occurs when ..."."""
    head = proposition.head
    lemma = head.lemma_.lower()
    if lemma in DEFINING_VERBS and not children(head, {"ccomp"}):
        return True
    if any(t.lower_ in {"called", "termed", "known"} for t in head.children):
        return True
    modal = any(a.lower_ in _GENERAL_MODALS for a in children(head, {"aux"}))
    subject = proposition.subject
    if lemma in EXISTENCE_VERBS and not modal and subject is not None:
        when = [c for c in children(head, {"advcl"}) if _opening(c) & {"when", "whenever", "if"}]
        if when and subject.tag_ in {"NN", "NNP"}:
            return True
    if any(r.cue in _QUALIFIED_CUES for r in relations):
        return False
    if lemma == "be" or head.pos_ == "AUX":
        return any(_indefinite(a) for a in children(head, {"attr"}))
    return False


def _opening(clause: Token) -> set[str]:
    return {t.lower_ for t in clause.children if t.dep_ in {"mark", "advmod"} and t.i < clause.i}


def _indefinite(noun: Token) -> bool:
    return any(t.dep_ == "det" and t.lower_ in {"a", "an"} for t in noun.children)


def _anaphoric_copula(proposition: Proposition) -> bool:
    """ "This is why ...", "this is rarely the case": a restatement of what came before."""
    head = proposition.head
    if head.lemma_ not in _COPULAS:
        return False
    subjects = children(head, SUBJECT_DEPS)
    return any(s.lower_ in ANAPHORA and not list(s.children) for s in subjects)


def _general_modal(proposition: Proposition) -> bool:
    auxiliaries = children(proposition.head, {"aux", "auxpass"})
    if any(a.lower_ in _GENERAL_MODALS for a in auxiliaries):
        return True
    return proposition.head.lemma_.lower() in {"tend", "expect"}


def _restricted_subject(proposition: Proposition) -> bool:
    """ "Governments that perceive a threat will seek allies": a generic but qualified subject."""
    subject = proposition.subject
    if subject is None or subject.tag_ not in {"NNS", "NNPS"}:
        return False
    restricted = any(c.dep_ in {"relcl", "acl"} for c in subject.children)
    return restricted and _general_modal(proposition)


def _connected(proposition: Proposition) -> bool:
    """A consequence connective ("therefore", "as a consequence") with a general modal."""
    linked = opens_with_connective(proposition.tokens, proposition.head)
    return linked and _general_modal(proposition)


def _has_content(text: str) -> bool:
    return any(w not in STOP_WORDS and len(w) > 2 for w in re.findall(r"[a-z]+", text.lower()))


def _has_subject(proposition: Proposition) -> bool:
    return proposition.subject is not None or bool(children(proposition.head, {"expl"}))


def _generic_subject(proposition: Proposition) -> bool:
    """A plural class of actors ("weak states", "democracies", "they"), the subject of a law."""
    subject = proposition.subject
    return subject is not None and (
        subject.tag_ in {"NNS", "NNPS"} or subject.lower_ in {"they", "them"}
    )


def states_relation(proposition: Proposition, relations: list[Relation]) -> bool:
    """Whether the proposition's structure shows a relation rather than a description."""
    relations = [r for r in relations if _has_content(r.effect)]
    return bool(relations) and may_state_relation(proposition, {r.cue for r in relations})


def may_state_relation(proposition: Proposition, cues: set[str]) -> bool:
    """Whether relations carrying ``cues`` can show a relation (``states_relation`` before their
    phrases are read; fewer cues never make it true)."""
    if cues & RELATION_CUES:
        return True
    if "frequency" in cues and proposition.head.lemma_ != "be" and _generic_subject(proposition):
        return True
    return proposition.marked or _restricted_subject(proposition) or _connected(proposition)


def ruled_out(proposition: Proposition) -> bool:
    """The exclusions that need no relation read first (no subject, past narration by tense, a
    restatement): cheap to test, and a proposition they rule out is never a hypothesis."""
    return (
        (not _has_subject(proposition) and not proposition.marked)
        or _tense_blocks(proposition)
        or _anaphoric_copula(proposition)
    )


def excluded_kind(
    proposition: Proposition, relations: list[Relation], citation_spans: list[tuple[int, int]]
) -> str | None:
    """The kind of non-hypothesis the proposition is, or None when it may be a hypothesis."""
    sentence = proposition.sentence
    checks = (
        ("boilerplate", lambda: is_boilerplate(sentence)),
        ("own account", lambda: _is_own_account(proposition)),
        ("no subject", lambda: not _has_subject(proposition) and not proposition.marked),
        ("literature", lambda: _is_literature(proposition, relations)),
        ("narration", lambda: _tense_blocks(proposition) or _dated(sentence, citation_spans)),
        ("present report", lambda: _anchored_now(proposition.tokens)),
        ("definition", lambda: _is_definition(proposition, relations)),
        ("restatement", lambda: _anaphoric_copula(proposition)),
    )
    for kind, check in checks:
        if check():
            return kind
    return None


def is_hypothesis(
    proposition: Proposition, relations: list[Relation], citation_spans: list[tuple[int, int]]
) -> bool:
    """A proposition that states a relation and is none of the excluded kinds."""
    return states_relation(proposition, relations) and (
        excluded_kind(proposition, relations, citation_spans) is None
    )
