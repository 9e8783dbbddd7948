"""Finding the hypotheses a document states, one record per sentence, in text order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sklearn_crfsuite import CRF
from spacy.language import Language

from analyser.extract.hypotheses.attribution import (
    attributed_works,
    heading_index,
    heading_theory,
)
from analyser.extract.hypotheses.clauses import Proposition, propositions
from analyser.extract.hypotheses.detection import is_hypothesis, may_state_relation, ruled_out
from analyser.extract.hypotheses.refiner import load_tagger, refine
from analyser.extract.hypotheses.sentences import Unit, sentence_units
from analyser.extract.hypotheses.structure import Relation, read_proposition, relations_of
from analyser.nlp import ParsedParagraph
from analyser.records import Citation, ConceptMention, Document, Hypothesis

_CLOSING = {")", "’", "'", "”", '"', "]"}
_CONTRASTS = {"but", "yet", "whereas", "however"}


@dataclass
class _Found:
    """The hypothesis-stating part of one sentence, before it becomes a record."""

    start: int
    end: int
    relations: list[Relation]
    paragraph: ParsedParagraph


def _read(unit: Unit, citation_spans: list[tuple[int, int]], tagger: CRF | None) -> _Found | None:
    """The hypothesis a sentence states, located in the document, if it states one."""
    sentence = unit.sentence
    accepted = []
    local_spans = unit.local(citation_spans)
    for proposition in propositions(sentence):
        if ruled_out(proposition):  # not worth reading: it cannot be a hypothesis
            continue
        reading = read_proposition(proposition)
        if reading is None or not may_state_relation(proposition, reading.cues):
            continue  # no relation it could state would count
        relations = relations_of(reading)
        if relations and is_hypothesis(proposition, relations, local_spans):
            if proposition.marked:  # a formal hypothesis statement: the tagger's own genre
                relations = [refine(sentence, r, tagger) for r in relations]
            accepted.append((proposition, relations))
    if not accepted:
        return None
    if any(not proposition.embedded for proposition, _ in accepted):
        first, last = sentence[0], sentence[-1]
        while last.i > first.i and last.is_space:
            last = sentence.doc[last.i - 1]
    else:  # clauses inside a longer sentence: without their linking words and punctuation
        first = min((p.tokens[0] for p, _ in accepted), key=lambda t: t.i)
        last = max((p.tokens[-1] for p, _ in accepted), key=lambda t: t.i)
        while first.i < last.i and (first.is_punct or first.dep_ in {"mark", "cc"}):
            first = sentence.doc[first.i + 1]
        while last.i > first.i and (last.is_punct or last.is_space) and last.text not in _CLOSING:
            last = sentence.doc[last.i - 1]
    relations = [relation for _, found in _contrast_first(accepted) for relation in found]
    start = unit.locate(first.idx)
    end = unit.locate(last.idx + len(last.text) - 1) + 1
    return _Found(start, end, relations, unit.paragraph)


def _contrast_first(accepted: list[tuple[Proposition, list[Relation]]]) -> list:
    """Propositions with the one after a "but"/"yet" first: in "X, but Y" the claim is Y."""
    for index in range(len(accepted) - 1, 0, -1):
        proposition = accepted[index][0]
        doc = proposition.head.doc
        before = doc[max(proposition.tokens[0].i - 2, 0) : proposition.tokens[0].i + 1]
        if any(t.lower_ in _CONTRASTS for t in before):
            return [accepted[index], *accepted[:index], *accepted[index + 1 :]]
    return accepted


def _merge(relations: list[Relation]) -> Relation:
    """One relation for a sentence: the first, with the effects its clause gives its cause."""
    lead = relations[0]
    effects = [lead.effect]
    for other in relations[1:]:
        same_clause = other.cause == lead.cause and other.start == lead.start
        if same_clause and other.effect not in effects:
            effects.append(other.effect)
    return replace(lead, effect=" and ".join(effects), hedged=any(r.hedged for r in relations))


def _record(
    document: Document,
    number: int,
    found: _Found,
    citations: Sequence[Citation],
    mentions: Sequence[ConceptMention],
) -> Hypothesis:
    relation = _merge(found.relations)
    paragraph = found.paragraph
    heading = paragraph.heading
    works = attributed_works(
        found.start,
        found.end,
        paragraph.paragraph.index,
        heading,
        heading_index(document, paragraph.paragraph.index),
        citations,
    )
    concepts = sorted(
        {m.concept for m in mentions if m.start >= found.start and m.end <= found.end}
    )
    return Hypothesis(
        id=f"{document.id}:h{number}",
        doc=document.id,
        start=found.start,
        end=found.end,
        text=" ".join(document.text[found.start : found.end].split()),
        cause=relation.cause,
        effect=relation.effect,
        direction=relation.direction,
        condition=relation.condition,
        hedged=relation.hedged,
        attributed=works,
        concepts=concepts,
        theory=heading_theory(heading),
    )


def find_hypotheses(
    document: Document,
    parsed: list[ParsedParagraph],
    citations: list[Citation],
    mentions: list[ConceptMention],
    nlp: Language | None = None,
) -> list[Hypothesis]:
    """The general propositions ``document`` states, structured, in text order.

    ``nlp`` parses the rare sentence that a page break cut in two (the default pipeline when
    None); every other sentence is read from ``parsed``.
    """
    citation_spans = [(c.start, c.end) for c in citations]
    tagger = load_tagger()
    found = [
        item
        for unit in sentence_units(parsed, nlp)
        if (item := _read(unit, citation_spans, tagger)) is not None
    ]
    found.sort(key=lambda item: (item.start, item.end))
    return [_record(document, n, item, citations, mentions) for n, item in enumerate(found, 1)]
