"""Richardson arms race: reference equilibrium, eigenvalues, runaway and predictions."""

from __future__ import annotations

import numpy as np
import pytest

from analyser.models.arms_race import equilibrium, richardson_matrix
from analyser.models.registry import get_model

MODEL = get_model("arms_race")
STABLE = {"k": 2, "a": 5, "g": 5, "l": 2, "b": 3, "h": 5}
RUNAWAY = {"k": 2, "l": 2, "a": 1, "b": 1}


def verdicts(**params: object) -> dict[str, str]:
    return {name: e.verdict for name, e in MODEL.evaluate(MODEL.run(params)).items()}


def test_reference_equilibrium_and_eigenvalues() -> None:
    run = MODEL.run(STABLE)
    assert run.summary["equilibrium_x"] == pytest.approx(25 / 11)
    assert run.summary["equilibrium_y"] == pytest.approx(35 / 11)
    assert run.summary["eigenvalue_1"] == pytest.approx(-6.236, abs=1e-3)
    assert run.summary["eigenvalue_2"] == pytest.approx(-1.764, abs=1e-3)
    assert run.summary["stable"]
    assert not run.summary["runaway"]
    assert run.summary["final_x"] == pytest.approx(25 / 11, abs=1e-5)


def test_rest_point_solves_the_linear_system() -> None:
    params = MODEL.resolve(STABLE)
    x, y = equilibrium(params)
    rates = richardson_matrix(params) @ np.array([x, y]) + np.array([params["g"], params["h"]])
    np.testing.assert_allclose(rates, 0.0, atol=1e-12)


def test_strong_reactions_run_away() -> None:
    run = MODEL.run(RUNAWAY)
    assert not run.summary["stable"]
    assert run.summary["runaway"]
    assert run.summary["eigenvalue_2"] == pytest.approx(1.0)
    assert run.table["x"].iloc[-1] > 1e4


def test_predictions_in_a_stable_race() -> None:
    result = verdicts(**STABLE)
    assert result == {
        "arming_provokes_counter_arming": "true",
        "runaway_security_spiral": "false",
        "stable_equilibrium": "true",
    }


def test_predictions_in_a_runaway_race() -> None:
    result = verdicts(**RUNAWAY)
    assert result["runaway_security_spiral"] == "true"
    assert result["stable_equilibrium"] == "false"


def test_no_reaction_means_no_following_suit() -> None:
    assert verdicts(k=0, l=0, a=1, b=1)["arming_provokes_counter_arming"] == "false"
    assert verdicts(k=2, l=0, a=1, b=1)["arming_provokes_counter_arming"] == "conditional"


def test_negative_grievances_do_not_count_as_an_arms_spiral() -> None:
    run = MODEL.run({**RUNAWAY, "g": -5, "h": -5, "x0": 0, "y0": 0})
    assert not run.summary["runaway"]
    assert run.table["x"].iloc[-1] < 0
