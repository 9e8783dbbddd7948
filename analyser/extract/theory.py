"""The theory of a hypothesis, from the positions its concepts signal in the lexicon."""

from __future__ import annotations

from analyser.lexicon import Lexicon
from analyser.records import Hypothesis


def assign_theories(hypotheses: list[Hypothesis], lexicon: Lexicon) -> list[Hypothesis]:
    """Set ``theory`` where the text named none: the position its concepts signal most."""
    for hypothesis in hypotheses:
        if hypothesis.theory is None:
            mix = lexicon.positions_for(hypothesis.concepts)
            if mix:
                hypothesis.theory = lexicon.positions[mix[0][0]].label
    return hypotheses
