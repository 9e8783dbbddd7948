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
        # moderation: the comparative said of the relation gives its direction
        ("The relationship between aid and stability will be weaker in federal states.", "-"),
        ("The positive link between trade and peace is weaker among rival states.", "-"),
        ("Trade is more strongly associated with peace among democracies.", "+"),
        ("Trade will be less closely related to peace in wartime.", "-"),
        ("Sanctions have a stronger effect on compliance in small economies.", "+"),
        ("The impact of sanctions on compliance will be smaller for oil exporters.", "-"),
        ("Small states are less affected by alliance commitments.", "-"),
        (
            "Regime age moderates the relationship between repression and dissent, such that "
            "the relationship is stronger when the regime is young.",
            "+",
        ),
        (
            "Regime age moderates the relationship between repression and dissent such that "
            "the relationship becomes weaker as the regime ages.",
            "-",
        ),
        (
            "Media freedom moderates the link between scandals and turnover such that "
            "scandals positively affect turnover when courts are independent.",
            "+",
        ),
        (
            "The higher the arms imports and hence the greater the threat perceived by "
            "neighbours, the lower the regional trust.",
            "-",
        ),
        # negation scope: auxiliaries, adverbs, "neither ... nor", failing and raising verbs
        ("Alliance size is not negatively related to burden sharing.", "0"),
        ("Neither sanctions nor embargoes will affect regime survival.", "0"),
        ("Mediation no longer reduces the duration of civil wars.", "0"),
        ("Peacekeeping fails to reduce civilian deaths.", "0"),
        ("Foreign aid does not seem to affect coup risk.", "0"),
        ("Peacekeeping tends to reduce civilian deaths.", "-"),
        ("Border fortification has little effect on smuggling.", "0"),
        ("Mediation will not only shorten wars but also reduce casualties.", "-"),
        # degree adverbs before a comparative, predicates that give a sign of their own
        ("Democracies will have substantially lower defence burdens.", "-"),
        ("Democracies will have much higher approval ratings.", "+"),
        ("Civil liberties suffer from prolonged emergencies.", "-"),
        ("Coup attempts become less likely as officer salaries rise.", "-"),
        ("Militarisation detracts from economic growth.", "-"),
        ("Diaspora funding is a negative predictor of ceasefire durability.", "-"),
        ("Diaspora funding positively affects rebel cohesion.", "+"),
    ],
)
def test_moderation_negation_and_degree(nlp, text: str, expected: str) -> None:
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
        ("The effect of trade on peace will be weaker for rival states.", "-"),
        ("The effect of trade on peace will be stronger among democracies.", "+"),
    ],
)
def test_lexical_direction_of_unparsed_sentences(nlp, text: str, expected: str) -> None:
    assert lexical_direction(nlp(text)[:]) == expected
