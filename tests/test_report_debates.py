"""Debates at scale: the indexed search for opposed claims and answers finds exactly what
comparing every pair of claims finds, on corpora with many repeated and overlapping claims."""

from __future__ import annotations

import random

import pytest
from test_report import gold_corpus

from analyser.ingest.paragraphs import document_from_text
from analyser.records import Corpus, DocResult, Hypothesis
from analyser.report.debates import (
    MAX_OPPOSED,
    MIN_SHARED,
    _context,
    direction_conflict,
    find_debates,
    same_variables,
)
from analyser.report.sources import ParagraphIndex

_CLAIMS = [
    ("Military alliances reduce the risk of war.", "military alliances", "risk of war", "-"),
    ("Military alliances raise the risk of war.", "military alliances", "risk of war", "+"),
    ("Alliances do not change the risk of war.", "alliances", "risk of war", "0"),
    ("If conquest is easy, the security dilemma is intense.", "ease of conquest",
     "intensity of the security dilemma", "+"),
    ("If conquest is difficult, the security dilemma is intense.", "difficulty of conquest",
     "intensity of the security dilemma", "+"),
    ("Democracies rarely fight wars with each other.", "democracies", "wars between them", "-"),
    ("Democratic states fight wars as often as others.", "democratic states", "wars", "0"),
    ("Trade lowers the risk of war.", "trade", "risk of war", "-"),
]  # fmt: skip


def _document(doc: str, rng: random.Random) -> DocResult:
    """A document of claims drawn from ``_CLAIMS``; some sentences carry two claims whose
    spans overlap (the same sentence read with the opposite direction). Claim ids run against
    reading order, so that the order of a pair's claims and of their ids can differ."""
    chosen = rng.sample(_CLAIMS, k=5)
    text = "\n\n".join(sentence for sentence, *_ in chosen) + "\n"
    hypotheses = []
    for sentence, cause, effect, sign in chosen:
        start = text.index(sentence)
        readings = [sign, "-" if sign == "+" else "+"] if rng.random() < 0.4 else [sign]
        for reading in readings:
            number = 99 - len(hypotheses)
            hypotheses.append(
                Hypothesis(f"{doc}#h{number}", doc, start, start + len(sentence), sentence,
                           cause, effect, reading)
            )  # fmt: skip
    return DocResult(document_from_text(text, doc_id=doc, path=f"{doc}.txt"), hypotheses=hypotheses)


def _pairwise_opposed(corpus: Corpus) -> list[tuple[float, str, str, str]]:
    """Every opposed pair, found by comparing each pair of claims, in report order."""
    context = _context(corpus, ParagraphIndex.of(corpus))
    found = []
    for number, first in enumerate(context.items):
        for second in context.items[number + 1 :]:
            a, b = first.hypothesis, second.hypothesis
            if a.doc == b.doc and a.start < b.end and b.start < a.end:
                continue
            score = same_variables(first.variables, second.variables, context.vocabulary)
            reason = direction_conflict(first, second) if score else None
            if reason is not None:
                found.append((score, first.claim.id, second.claim.id, reason))
    return sorted(found, key=lambda pair: (-pair[0], pair[1], pair[2]))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_opposed_claims_are_those_of_the_pairwise_comparison(seed):
    rng = random.Random(seed)
    corpus = Corpus(results=[_document(f"doc{n:02d}", rng) for n in range(12)])
    expected = _pairwise_opposed(corpus)
    debates = find_debates(corpus, ParagraphIndex.of(corpus))
    shown = [(p.score, p.first.id, p.second.id, p.reason) for p in debates.opposed]
    assert len(expected) > MAX_OPPOSED  # repeated claims: groups stand for many pairs
    assert shown == expected[:MAX_OPPOSED]
    assert debates.more_opposed == len(expected) - MAX_OPPOSED


def test_every_claim_that_can_answer_a_target_is_a_candidate():
    context = _context(gold_corpus(), ParagraphIndex.of(gold_corpus()))
    vocabulary = context.vocabulary
    checked = 0
    for target in context.items:
        candidates = context.answers.candidates([target.variables], vocabulary)
        found = {item.claim.id for group in candidates for item in group.items}
        for item in context.items:
            if vocabulary.qualifies(target.variables, item.variables, MIN_SHARED):
                checked += 1
                assert item.claim.id in found
    assert checked > len(context.items)  # more than each claim answering itself
