"""Sandler's joint product model: limits, comparative statics and its predictions."""

from __future__ import annotations

import numpy as np
import pytest

from analyser.models.contributions import nash_equilibrium
from analyser.models.joint_product import (
    defence_weights,
    efficient_given_incomes,
    spill_in_weight,
)
from analyser.models.registry import get_model

MODEL = get_model("joint_product")


def verdicts(**params: object) -> dict[str, str]:
    return {name: e.verdict for name, e in MODEL.evaluate(MODEL.run(params)).items()}


def test_no_private_share_and_full_publicness_is_the_olson_model() -> None:
    run = MODEL.run(
        {"incomes": "10,5,2", "exposure": "1,1,1", "private_share": 0, "deterrence_share": 1}
    )
    np.testing.assert_allclose(run.table["contribution"], [5, 0, 0], atol=1e-10)


def test_purely_private_defence_is_efficient_and_burdens_match_benefits() -> None:
    run = MODEL.run({"private_share": 1.0})
    assert run.summary["nash_to_efficient"] == pytest.approx(1.0, abs=1e-6)
    assert run.summary["burden_benefit_distance"] == pytest.approx(0.0, abs=1e-12)
    weights = defence_weights(np.array([1, 1, 1, 1, 4.0]), 0.5, 1.0)
    np.testing.assert_allclose(run.table["burden"], weights, atol=1e-12)


def test_spill_in_weight_combines_deterrence_and_damage_limitation() -> None:
    assert spill_in_weight(0.0, 1.0, 0.0) == 1.0
    assert spill_in_weight(0.0, 0.0, 0.3) == pytest.approx(0.3)
    assert spill_in_weight(0.5, 0.5, 0.5) == pytest.approx(0.375)
    assert spill_in_weight(1.0, 0.7, 0.9) == 0.0


def test_heterogeneous_equilibrium_is_a_best_response_profile() -> None:
    incomes = np.array([10, 8, 6, 4, 2.0])
    weights = defence_weights(np.array([1, 2, 1, 3, 4.0]), 0.4, 0.5)
    equilibrium = nash_equilibrium(incomes, weights, 0.3)
    q = equilibrium.contributions
    for i in range(len(q)):
        others = q.sum() - q[i]
        grid = np.linspace(0, incomes[i] * 0.999, 4001)
        utility = (1 - weights[i]) * np.log(incomes[i] - grid) + weights[i] * np.log(
            grid + 0.3 * others + 1e-300
        )
        best = (1 - weights[i]) * np.log(incomes[i] - q[i]) + weights[i] * np.log(
            q[i] + 0.3 * others
        )
        assert utility.max() <= best + 1e-9
    assert equilibrium.iteration_gap < 1e-8


def test_predictions_hold_with_a_large_private_share() -> None:
    assert set(verdicts().values()) == {"true"}


def test_predictions_fail_for_a_pure_public_good() -> None:
    result = verdicts(private_share=0.0)
    assert result["burdens_follow_benefits"] == "false"
    assert result["excludable_benefits_raise_small_ally_burden"] == "false"


def test_sweep_predictions_fail_where_nothing_can_change() -> None:
    # a single ally: no correlation to weaken, no inefficiency to shrink, no one to spill to
    lone = verdicts(incomes="5", exposure="1")
    assert lone["private_share_weakens_exploitation"] == "false"
    assert lone["private_benefits_reduce_spill_ins"] == "false"
    # no public output at all: private pursuit cannot cut spill-ins that never existed
    private = verdicts(deterrence_share=0.0, spillover=0.0)
    assert private["private_benefits_reduce_spill_ins"] == "false"


def test_small_exposed_ally_prediction_needs_such_an_ally() -> None:
    result = verdicts(exposure="1,1,1,1,1")
    assert result["excludable_benefits_raise_small_ally_burden"] == "conditional"


def test_exposure_must_match_incomes() -> None:
    with pytest.raises(ValueError, match="exposure has 2 values but there are 3 allies"):
        MODEL.run({"incomes": "1,2,3", "exposure": "1,1"})


def test_efficient_benchmark_beats_the_nash_welfare() -> None:
    incomes = np.array([10, 8, 6, 4, 2.0])
    weights = defence_weights(np.array([1, 1, 1, 1, 4.0]), 0.5, 0.4)
    spill = spill_in_weight(0.4, 0.5, 0.5)

    def welfare(q: np.ndarray) -> float:
        received = q + spill * (q.sum() - q)
        return float(np.sum((1 - weights) * np.log(incomes - q) + weights * np.log(received)))

    nash = nash_equilibrium(incomes, weights, spill).contributions
    efficient = efficient_given_incomes(incomes, weights, spill)
    assert welfare(efficient) > welfare(nash)
    assert efficient.sum() > nash.sum()
