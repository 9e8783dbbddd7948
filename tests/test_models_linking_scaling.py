"""Linking scores repeated evidence once and checks each verdict once, with unchanged links."""

from __future__ import annotations

from dataclasses import replace

from analyser.models.linking import VERDICTS, best_candidates, link_hypotheses, score_hypothesis
from analyser.models.registry import get_model
from analyser.records import Hypothesis

OLSON = Hypothesis(
    id="a-h0", doc="a", start=0, end=10,
    text="Larger allies bear a disproportionate share of the burden of collective defence.",
    cause="ally size", effect="share of the defence burden", direction="+",
    attributed=["Olson and Zeckhauser 1966"],
)  # fmt: skip
JERVIS = Hypothesis(
    id="a-h1", doc="a", start=20, end=30,
    text="When offence has the advantage, the security dilemma makes arms races more likely.",
    cause="offence dominance", effect="arms race", direction="+", condition=None,
)  # fmt: skip


def test_repeated_evidence_gets_the_candidates_of_each_hypothesis_alone() -> None:
    hypotheses = [OLSON, JERVIS, replace(OLSON, id="b-h0", doc="b"), replace(JERVIS, id="b-h1")]
    expected = [score_hypothesis(h)[0] for h in hypotheses]
    assert best_candidates(hypotheses) == expected
    assert [c.hypothesis for c in expected] == ["a-h0", "a-h1", "b-h0", "b-h1"]


def test_links_carry_the_verdict_and_params_of_each_default_run() -> None:
    hypotheses = [OLSON, JERVIS, replace(OLSON, id="b-h0"), replace(JERVIS, id="b-h1")]
    links = link_hypotheses(hypotheses)
    assert len(links) == 4
    for link in links:
        model = get_model(link.model)
        run = model.run()
        assert link.verdict == VERDICTS[model.prediction(link.prediction).evaluate(run).verdict]
        assert link.params == run.params
    assert links[0].params is not links[2].params
