"""Direction of structured hypotheses: general sign patterns on invented sentences."""

from __future__ import annotations

import pytest

from analyser.extract.hypotheses import structure_text
from analyser.extract.hypotheses.direction import lexical_direction
from analyser.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def direction_of(nlp, text: str) -> str:
    """The direction of the first relation the rules read from ``text``."""
    return structure_text(nlp, text, refined=False)[0].direction


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # signed causal verbs, whole semantic classes
        ("Border disputes hamper regional integration.", "-"),
        ("Economic shocks undermine public confidence in the government.", "-"),
        ("Third-party guarantees mitigate commitment problems.", "-"),
        ("Porous borders prolong insurgencies.", "+"),
        ("Sectarian rhetoric inflames communal tensions.", "+"),
        # polarity words in the predicate of a plain clause
        ("Prolonged sanctions are detrimental to public health.", "-"),
        ("Ethnic polarisation is damaging to coalition stability.", "-"),
        ("Regional organisations are beneficial to conflict resolution.", "+"),
        ("Competitive elections are conducive to moderate policies.", "+"),
        # comparatives and lowering words on either side
        ("Higher military spending is associated with lower economic growth.", "-"),
        ("A decline in commodity prices increases the risk of unrest.", "-"),
        ("The larger the coalition, the less stable the government.", "-"),
        ("The fewer the veto players, the faster the policy change.", "-"),
        ("Smaller militaries are less likely to intervene abroad.", "+"),
        ("Party membership predicts lower turnout volatility.", "-"),
        # a clause-shaped cause with a degree predicate
        ("Defection is more frequent when monitoring is weak.", "+"),
        ("Recruitment is higher when wages are low.", "-"),
        # cause nouns
        ("Organised crime is a threat to state authority.", "-"),
        ("Elite cohesion is an antecedent of regime survival.", "+"),
        # denied and unsigned links
        ("Alliance size is unrelated to deterrence success.", "0"),
        ("Troop deployments have no effect on civilian casualties.", "0"),
        ("Foreign aid is not significantly associated with coup risk.", "0"),
        ("Regime type moderates the relationship between sanctions and compliance.", "conditional"),
        ("Geography influences the duration of insurgencies.", "conditional"),
        # non-linear shapes
        ("Repression has a non-monotonic effect on dissent.", "non-linear"),
        ("Arms spending has a quadratic relationship with security.", "non-linear"),
        ("Protest first increases and then declines with regime repression.", "non-linear"),
        ("The benefits of alliance membership show diminishing returns.", "non-linear"),
    ],
)
def test_direction_patterns(nlp, text: str, expected: str) -> None:
    assert direction_of(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arbitration shortens maritime disputes.", "-"),
        ("Higher tariffs bring fewer trade disputes.", "-"),
        ("Aid helps reduce famine deaths.", "-"),
        ("Exports and imports are uncorrelated here.", "0"),
        ("Coups show a U-shaped pattern over time.", "non-linear"),
        ("Trade has a positive effect on peace.", "+"),
        ("Less trust means less cooperation.", "+"),
    ],
)
def test_lexical_direction_of_unparsed_sentences(nlp, text: str, expected: str) -> None:
    assert lexical_direction(nlp(text)[:]) == expected
