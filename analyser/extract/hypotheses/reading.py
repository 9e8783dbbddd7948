"""The structurer: rule reading of each relation, refined by the learned span tagger."""

from __future__ import annotations

import unicodedata

from sklearn_crfsuite import CRF
from spacy.language import Language

from analyser.extract.hypotheses.clauses import strip_label
from analyser.extract.hypotheses.refiner import load_tagger, refine
from analyser.extract.hypotheses.structure import Relation, rule_relations


def structure_text(
    nlp: Language, text: str, tagger: CRF | None = None, refined: bool = True
) -> list[Relation]:
    """The relations of a text already known to state a hypothesis ("H1:" labels ignored).

    Always returns at least one relation: when no construction is recognised, the subject
    of the longest sentence is the cause and the rest the effect. The rules' effects are
    refined by ``tagger`` (the shipped span tagger when None) unless ``refined`` is False.
    """
    doc = nlp(strip_label(unicodedata.normalize("NFKC", text))[0])
    relations = rule_relations(doc)
    if not refined:
        return relations
    tagger = tagger if tagger is not None else load_tagger()
    return [refine(doc[r.start].sent, r, tagger) for r in relations]
