"""Structured hypothesis extraction: general propositions with cause, effect and direction."""

from analyser.extract.hypotheses.extractor import find_hypotheses
from analyser.extract.hypotheses.reading import structure_text
from analyser.extract.hypotheses.structure import Relation, structure_sentence

__all__ = ["Relation", "find_hypotheses", "structure_sentence", "structure_text"]
