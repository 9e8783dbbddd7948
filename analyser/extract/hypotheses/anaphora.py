"""What pronouns and consequence connectives stand for: "this", "it", "as a consequence"."""

from __future__ import annotations

from spacy.tokens import Token

from analyser.extract.hypotheses.cues import ANAPHORA, CONNECTIVES, REPORTING_VERBS
from analyser.extract.hypotheses.grammar import subject_of
from analyser.extract.hypotheses.phrases import subtree_ids


def is_anaphor(tokens: list[Token] | None) -> bool:
    """A bare pronoun or demonstrative standing in for something said before."""
    return (
        bool(tokens)
        and len(tokens) <= 2
        and all(t.lower_ in ANAPHORA or t.pos_ == "PRON" or t.dep_ == "det" for t in tokens)
    )


def antecedent(pronoun: Token) -> list[Token] | None:
    """What a "this"/"it"/"they" subject stands for: the nearest earlier subject in its
    sentence, else the subject of the previous sentence."""
    sentence = pronoun.sent
    earlier = [
        t
        for t in sentence
        if t.i < pronoun.i and t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ in {"NOUN", "PROPN"}
    ]
    if earlier:
        return [t for t in earlier[-1].subtree if t.i < pronoun.i]
    if sentence.start == 0:
        return None
    subject = subject_of(sentence.doc[sentence.start - 1].sent.root)
    if subject is None:
        return None
    tokens = list(subject.subtree)
    return None if is_anaphor(tokens) else tokens


def coordinated_antecedent(head: Token) -> list[Token] | None:
    """ "X entails Y, but it does not Z": the subject of the clause this one is coordinated with."""
    if head.dep_ != "conj":
        return None
    subject = subject_of(head.head)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return None
    return list(subject.subtree)


def preceding_statement(head: Token) -> list[Token] | None:
    """What a "therefore"/"as a consequence" clause follows from: the clause it is coordinated
    with, else the previous sentence."""
    if head.dep_ in {"conj", "parataxis"}:
        own = subtree_ids([head])
        before = head.head
        reported = [c for c in before.children if c.dep_ == "ccomp" and c.i not in own]
        if before.lemma_.lower() in REPORTING_VERBS and reported:
            before = reported[0]  # "they argue that X, and as a consequence Y": X
        return [t for t in before.subtree if t.i not in own and not t.is_punct and t.dep_ != "cc"]
    sentence = head.sent
    if sentence.start == 0:
        return None
    return [t for t in sentence.doc[sentence.start - 1].sent if not t.is_punct]


def opens_with_connective(tokens: list[Token], head: Token) -> bool:
    """Whether the clause opens with a consequence connective ("thus", "as a result")."""
    before = " ".join(t.lower_ for t in tokens if t.i < head.i) + " "
    return any(f"{c} " in before for c in CONNECTIVES)
