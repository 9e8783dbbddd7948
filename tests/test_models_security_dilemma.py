"""Jervis's security dilemma games: reference equilibria, worlds and predictions."""

from __future__ import annotations

import pytest

from analyser.models.registry import get_model
from analyser.models.security_dilemma import Game, build_game, world

MODEL = get_model("security_dilemma")


def verdicts(**params: object) -> dict[str, str]:
    return {name: e.verdict for name, e in MODEL.evaluate(MODEL.run(params)).items()}


def test_prisoners_dilemma_has_only_mutual_defection() -> None:
    game = Game(R=3, S=0, T=5, P=1)
    assert game.kind() == "prisoner's dilemma"
    assert game.equilibria() == [(0.0, 0.0)]
    assert game.trust_needed() == 1.0


def test_stag_hunt_has_two_pure_equilibria_and_a_mixed_one_at_one_half() -> None:
    game = Game(R=4, S=1, T=3, P=2)
    assert game.kind() == "stag hunt"
    assert game.equilibria() == [(1.0, 1.0), (0.5, 0.5), (0.0, 0.0)]
    assert game.trust_needed() == pytest.approx(0.5)


def test_balance_anchors_give_the_reference_games() -> None:
    assert build_game(1.0, 0.0, 0.0, 0.0) == Game(3, 0, 5, 1)
    assert build_game(-1.0, 0.0, 0.0, 0.0) == Game(4, 1, 3, 2)
    assert build_game(-1.0, 1.0, 0.0, 0.0).kind() == "harmony"


def test_four_worlds() -> None:
    assert world(0.8, 0.1) == "doubly dangerous"
    assert world(-0.8, 0.1) == "security dilemma, compatible security requirements"
    assert world(0.8, 0.9) == "no security dilemma, aggression possible"
    assert world(-0.8, 0.9) == "doubly stable"
    assert (
        MODEL.run({"offence_advantage": -1, "distinguishability": 1}).summary["equilibria"]
        == "(C,C)"
    )


def test_transparency_lowers_the_trust_threshold() -> None:
    trust = MODEL.run({"offence_advantage": -0.5}).tables["transparency"]["trust_needed"]
    assert trust.iloc[0] == pytest.approx(2 / 3)
    assert all(a >= b for a, b in zip(trust, trust.iloc[1:], strict=False))
    assert trust.iloc[-1] == 0.0


def test_predictions_hold_in_an_opaque_offence_dominant_world() -> None:
    result = verdicts()
    assert result["offence_dominance_mutual_defection"] == "true"
    assert result["defence_dominance_allows_cooperation"] == "true"
    assert result["transparency_lowers_trust_needed"] == "true"
    assert result["distinguishability_enables_signalling"] == "true"
    assert result["arming_reduces_others_security"] == "true"
    # status-quo states cannot cooperate under offence dominance, so the critique is partial
    assert result["revisionism_drives_conflict"] == "conditional"
    assert verdicts(offence_advantage=-0.5)["revisionism_drives_conflict"] == "true"


def test_predictions_fail_where_theory_says() -> None:
    # distinguishable weapons: offence dominance no longer forces mutual defection
    apart = verdicts(distinguishability=1.0)
    assert apart["offence_dominance_mutual_defection"] == "false"
    # with distinguishable weapons transparency adds nothing
    assert apart["transparency_lowers_trust_needed"] == "false"
    # revisionist states defect even when defence dominates
    assert verdicts(revisionism=1.0)["defence_dominance_allows_cooperation"] == "false"
    # in a fully transparent world arming no longer threatens an armed rival
    assert verdicts(transparency=1.0)["arming_reduces_others_security"] == "conditional"


def test_balance_sweep_table() -> None:
    table = MODEL.run({"grid_points": 5}).table
    assert table["offence_advantage"].tolist() == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert table["game"].tolist()[0] == "stag hunt"
    assert table["game"].tolist()[-1] == "prisoner's dilemma"
