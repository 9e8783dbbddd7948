"""Olson-Zeckhauser collective action model: reference equilibria and its predictions."""

from __future__ import annotations

import numpy as np
import pytest

from analyser.models.contributions import (
    efficient_total,
    nash_equilibrium,
    pure_public_good_closed_form,
)
from analyser.models.registry import get_model

MODEL = get_model("collective_action")


def verdicts(**params: object) -> dict[str, str]:
    run = MODEL.run(params)
    return {name: e.verdict for name, e in MODEL.evaluate(run).items()}


def test_three_allies_only_the_largest_contributes() -> None:
    run = MODEL.run({"incomes": "10,5,2", "alpha": 0.5})
    np.testing.assert_allclose(run.table["contribution"], [5.0, 0.0, 0.0], atol=1e-12)
    assert run.summary["total_defence"] == pytest.approx(5.0)
    assert run.summary["efficient_defence"] == pytest.approx(8.5)
    assert run.table["free_rider"].tolist() == [False, True, True]


def test_four_unequal_allies_two_contribute() -> None:
    run = MODEL.run({"incomes": [10, 8, 6, 4], "alpha": 0.3})
    np.testing.assert_allclose(run.table["contribution"], [2.588, 0.588, 0, 0], atol=1e-3)
    # exact values: Q = 54/17, q_i = I_i - (7/3) Q
    np.testing.assert_allclose(
        run.table["contribution"], [10 - 126 / 17, 8 - 126 / 17, 0, 0], atol=1e-10
    )


def test_equal_allies_contribute_equally() -> None:
    run = MODEL.run({"incomes": "5,5,5,5", "alpha": 0.5})
    np.testing.assert_allclose(run.table["contribution"], [1, 1, 1, 1], atol=1e-10)


@pytest.mark.parametrize("alpha", [0.1, 0.3, 0.5, 0.8, 1.0])
def test_equal_allies_nash_to_efficient_ratio_matches_closed_form(alpha: float) -> None:
    table = MODEL.run({"alpha": alpha, "max_group": 12}).tables["group_size"]
    expected = [1 / (alpha + n * (1 - alpha)) for n in table["size"]]
    np.testing.assert_allclose(table["nash_to_efficient"], expected, rtol=1e-9)


def test_closed_form_agrees_with_iterated_best_responses() -> None:
    rng = np.random.default_rng(7)
    for _ in range(30):
        incomes = rng.uniform(0.5, 20, size=rng.integers(1, 9))
        alpha = float(rng.uniform(0.05, 0.95))
        closed = pure_public_good_closed_form(incomes, alpha)
        iterated = nash_equilibrium(incomes, alpha)
        np.testing.assert_allclose(closed, iterated.contributions, atol=1e-9)
        assert iterated.iteration_gap < 1e-8
        assert closed.sum() <= efficient_total(incomes, alpha) + 1e-9


def test_every_ally_best_responds_in_equilibrium() -> None:
    run = MODEL.run({"incomes": "10,8,6,4,2", "alpha": 0.4})
    q = run.table["contribution"].to_numpy()
    incomes = run.table["income"].to_numpy()
    for i in range(len(q)):
        others = q.sum() - q[i]
        grid = np.linspace(0, incomes[i] * 0.999, 2001)
        utility = 0.6 * np.log(incomes[i] - grid) + 0.4 * np.log(others + grid + 1e-300)
        assert utility.max() <= 0.6 * np.log(incomes[i] - q[i]) + 0.4 * np.log(q.sum()) + 1e-9


def test_predictions_hold_where_theory_says() -> None:
    result = verdicts()
    assert result == {
        "burden_rises_with_income": "true",
        "suboptimal_provision_worsens_with_group_size": "true",
        "large_allies_tolerate_free_riders": "true",
        "no_limit_to_alliance_size": "true",
    }


def test_predictions_fail_where_theory_says() -> None:
    # equal allies: burdens equal, nobody free rides
    equal = verdicts(incomes="5,5,5,5")
    assert equal["burden_rises_with_income"] == "false"
    assert equal["large_allies_tolerate_free_riders"] == "false"
    # no private good to keep (alpha = 1): everyone gives everything, provision is efficient
    assert verdicts(alpha=1.0)["suboptimal_provision_worsens_with_group_size"] == "false"
    # a lone ally provides the efficient amount; only the group-size sweep shows the shortfall
    assert verdicts(incomes="10")["suboptimal_provision_worsens_with_group_size"] == "conditional"
    # crowded (rival) defence: new members thin out everyone's protection
    assert verdicts(crowding=0.5)["no_limit_to_alliance_size"] == "false"


def test_prediction_numbers_are_reported() -> None:
    run = MODEL.run({"incomes": "10,5,2"})
    evaluation = MODEL.prediction("burden_rises_with_income").evaluate(run)
    assert evaluation.numbers["spearman_rho"] == pytest.approx(0.8660254, rel=1e-6)
    assert evaluation.numbers["burden_richest"] == pytest.approx(0.5)
