"""Alliance restraint/deterrence game (reconstruction after Iwanami 2024)."""

from __future__ import annotations

import numpy as np
import pytest

from analyser.models.alliance_restraint import (
    DETERRENCE,
    DETERS_ALONE,
    RESTRAINT,
    REVISES_ALONE,
    ally_choice,
    solve_game,
)
from analyser.models.registry import get_model

MODEL = get_model("alliance_restraint")


def verdicts(**params: object) -> dict[str, str]:
    return {name: e.verdict for name, e in MODEL.evaluate(MODEL.run(params)).items()}


def test_documentation_says_it_is_a_reconstruction() -> None:
    assert "reconstruction from the published abstract" in MODEL.description
    assert "not the paper's model" in MODEL.description
    assert "Iwanami 2024" in MODEL.works


def test_regions_ordered_by_arming_cost() -> None:
    outcomes = [region["outcome"] for region in MODEL.run().summary["regions"]]
    assert outcomes == [REVISES_ALONE, RESTRAINT, DETERS_ALONE, DETERRENCE]


def test_restraint_alliance_superpower_carries_the_forces_the_ally_does_not_need() -> None:
    params = MODEL.resolve({})
    outcome = solve_game(0.45, params)
    assert outcome["outcome"] == RESTRAINT
    # the ally could deter alone (it would arm to 4 and overturn the status quo) ...
    assert outcome["ally_alone_arms"] == pytest.approx(4.0)
    # ... S provides f* = D - V + G/c = 2 - 4 + 1.5/0.45 and the ally stays below V
    assert outcome["superpower_forces"] == pytest.approx(2 - 4 + 1.5 / 0.45)
    assert outcome["superpower_share"] > 0.5
    assert outcome["ally_arms"] < params["unilateral_threshold"]
    assert outcome["status_quo"]


def test_deterrence_alliance_provides_just_enough_forces() -> None:
    params = MODEL.resolve({})
    outcome = solve_game(2.0, params)
    assert outcome["outcome"] == DETERRENCE
    assert outcome["superpower_forces"] == pytest.approx(2 - 3 / 2.0)
    assert outcome["ally_arms"] == pytest.approx(1.5)
    fewer = ally_choice(2.0, np.array([outcome["superpower_forces"] - 1e-6]), params)
    assert fewer.attacked[0]


def test_intermediate_cost_no_alliance() -> None:
    outcome = solve_game(1.0, MODEL.resolve({}))
    assert outcome["outcome"] == DETERS_ALONE
    assert not outcome["alliance"]
    assert outcome["ally_arms"] == pytest.approx(2.0)


def test_all_predictions_hold_by_default() -> None:
    assert set(verdicts().values()) == {"true"}


def test_predictions_fail_where_theory_says() -> None:
    # an ally without revisionist ambitions needs no restraining
    assert verdicts(revision_gain=0.0)["restraining_effect"] == "false"
    # no external threat: nothing to deter, no alliance at all
    no_threat = verdicts(challenger_strength=0.0)
    assert no_threat["deterrence_effect"] == "false"
    assert no_threat["burden_sharing_preserves_status_quo"] == "false"
    # the ally's stake is small enough that no cost lets it deter alone: no gap between effects
    assert verdicts(attack_loss=0.5)["no_alliance_in_between"] == "false"
    # alliances too costly for the superpower: neither effect appears
    costly = verdicts(alliance_cost=10.0)
    assert costly["effects_in_separate_parameter_spaces"] == "false"
    assert costly["aggrandizement_without_provocation"] == "false"


def test_thresholds_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="unilateral_threshold must exceed"):
        MODEL.run({"unilateral_threshold": 1.0, "challenger_strength": 2.0})
    with pytest.raises(ValueError, match="cost_min must be below cost_max"):
        MODEL.run({"cost_min": 3.0, "cost_max": 1.0})
