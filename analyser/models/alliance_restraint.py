"""Alliance restraint and deterrence: a stylised three-player game after Iwanami (2024).

This is a reconstruction from the published abstract of Iwanami (2024), "Asymmetric
burden-sharing and the restraining and deterrence effects of alliances" (Journal of Peace
Research 61(5)), not the paper's own model. Players: a status-quo superpower S, a prospective
ally A and a challenger C. Moves, solved by backward induction:

1. S offers an alliance with f >= 0 units of forces, or no alliance (fixed cost kappa, unit cost s).
2. A accepts or rejects, then arms m >= 0 at unit cost c (the arming cost that drives the results).
3. With m >= V (forces enough to act unilaterally) A overturns the status quo, gaining G;
   S's forces do not count for unilateral action.
4. C attacks A unless A's defence (m, plus f when allied) reaches the deterrence level D;
   an attacked A loses L.

S values the status quo at W. A's payoff is piecewise linear in m, so its best choice is one of
the breakpoints {0, D - f, V}; S's payoff only jumps where A's choice switches, so S compares a
grid of force levels together with the switch points. Ties go to the status quo, then to
smaller forces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analyser.models.base import (
    Evaluation,
    FormalModel,
    ModelRun,
    Parameter,
    Prediction,
    share_verdict,
)

TIE = 1e-9
RESTRAINT = "restraint alliance"
DETERRENCE = "deterrence alliance"
DETERS_ALONE = "no alliance: ally deters alone"
REVISES_ALONE = "no alliance: ally overturns the status quo"
ATTACKED_ALONE = "no alliance: challenger attacks"


@dataclass(frozen=True)
class AllyChoice:
    """A's arms (per force level offered), whether it revises or is attacked, and its payoff."""

    arms: np.ndarray
    revises: np.ndarray
    attacked: np.ndarray
    payoff: np.ndarray


def ally_choice(cost: float, forces: np.ndarray, p: dict[str, Any]) -> AllyChoice:
    """A's best arms level for each offered force level (0 forces = no alliance)."""
    deter, unilateral = p["challenger_strength"], p["unilateral_threshold"]
    forces = np.asarray(forces, dtype=float)
    # candidate arms in order of preference on ties: just enough to deter, none, unilateral
    candidates = np.stack(
        [np.maximum(0.0, deter - forces), np.zeros_like(forces), np.full_like(forces, unilateral)]
    )
    revises = (candidates >= unilateral) & (p["revision_gain"] > 0)
    attacked = (candidates + forces < deter - TIE) & ~revises
    payoff = -cost * candidates - p["attack_loss"] * attacked + p["revision_gain"] * revises
    best = np.argmax(payoff >= payoff.max(axis=0) - TIE, axis=0)
    pick = np.arange(len(forces))
    return AllyChoice(
        arms=candidates[best, pick],
        revises=revises[best, pick],
        attacked=attacked[best, pick],
        payoff=payoff[best, pick],
    )


def force_candidates(cost: float, p: dict[str, Any]) -> np.ndarray:
    """Force levels S compares: a grid plus the levels where A's best choice switches."""
    deter, unilateral = p["challenger_strength"], p["unilateral_threshold"]
    top = max(deter, unilateral)
    switches = [
        deter - unilateral + p["revision_gain"] / cost,  # A indifferent: deter vs revise
        deter - p["attack_loss"] / cost,  # A indifferent: deter vs stay exposed
        deter,
    ]
    grid = np.linspace(0.0, top, p["force_grid"])
    inside = [f for f in switches if 0.0 < f <= top]
    return np.unique(np.concatenate([grid[1:], inside]))


def solve_game(cost: float, p: dict[str, Any]) -> dict[str, Any]:
    """The subgame-perfect outcome for one arming cost."""
    alone = ally_choice(cost, np.zeros(1), p)
    status_quo_alone = not (alone.revises[0] or alone.attacked[0])
    no_alliance_value = p["status_quo_value"] * status_quo_alone
    forces = force_candidates(cost, p)
    allied = ally_choice(cost, forces, p)
    accepts = allied.payoff >= alone.payoff[0] - TIE
    status_quo = ~(allied.revises | allied.attacked)
    value = p["status_quo_value"] * status_quo - p["force_cost"] * forces - p["alliance_cost"]
    value = np.where(accepts, value, -np.inf)
    best = int(np.argmax(value >= value.max() - TIE))
    alliance = bool(value[best] > no_alliance_value + TIE)
    choice_f = float(forces[best]) if alliance else 0.0
    arms = float(allied.arms[best]) if alliance else float(alone.arms[0])
    revises = bool(allied.revises[best]) if alliance else bool(alone.revises[0])
    attacked = bool(allied.attacked[best]) if alliance else bool(alone.attacked[0])
    alone_label = (
        REVISES_ALONE if alone.revises[0] else ATTACKED_ALONE if alone.attacked[0] else DETERS_ALONE
    )
    if alliance and alone.revises[0] and not revises:
        outcome = RESTRAINT
    elif alliance and alone.attacked[0] and not attacked:
        outcome = DETERRENCE
    elif alliance:
        outcome = "other alliance"
    else:
        outcome = alone_label
    return {
        "arming_cost": cost,
        "outcome": outcome,
        "without_alliance": alone_label,
        "alliance": alliance,
        "superpower_forces": choice_f,
        "ally_arms": arms,
        "superpower_share": choice_f / (choice_f + arms) if alliance and choice_f + arms else 0.0,
        "ally_alone_arms": float(alone.arms[0]),
        "ally_revises": revises,
        "challenger_attacks": attacked,
        "status_quo": not (revises or attacked),
        "superpower_payoff": float(value[best]) if alliance else float(no_alliance_value),
    }


class AllianceRestraint(FormalModel):
    """Stylised reconstruction of Iwanami (2024): restraining vs deterrence effects."""

    name = "alliance_restraint"
    title = "Alliance restraint and deterrence game (stylised reconstruction of Iwanami 2024)"
    theory = "alliance formation game theory"
    description = (
        "A stylised reconstruction from the published abstract of Iwanami (2024), not the "
        "paper's model. A status-quo superpower decides whether to form an alliance with a "
        "prospective ally and how many armed forces to provide; the ally chooses its arms "
        "buildup and whether to overturn the status quo; a challenger threatens the ally. "
        "Intra-alliance burden-sharing preserves the status quo: with a low arming cost the "
        "superpower shoulders a disproportionately heavy burden to restrain the ally (the "
        "restraining effect); with a high cost it provides just enough forces for the ally to "
        "deter threats (the deterrence effect); in between no alliance forms."
    )
    works = ("Iwanami 2024",)
    concepts = (
        "alliance formation",
        "restraint",
        "deterrence",
        "burden sharing",
        "asymmetric burden sharing",
        "arms buildup",
        "status quo",
        "superpower",
        "alliance",
        "provocation",
    )
    parameters = (
        Parameter("arming_cost", "float", 0.5, (0.01, 100.0), "the ally's unit cost of arms"),
        Parameter(
            "challenger_strength",
            "float",
            2.0,
            (0.0, 1e3),
            "defence needed to deter the challenger",
        ),
        Parameter(
            "unilateral_threshold",
            "float",
            4.0,
            (0.01, 1e3),
            "own forces the ally needs to overturn the status quo alone",
        ),
        Parameter("revision_gain", "float", 1.5, (0.0, 1e3), "ally's gain from overturning"),
        Parameter("attack_loss", "float", 3.0, (0.0, 1e3), "ally's loss when attacked"),
        Parameter("status_quo_value", "float", 4.0, (0.0, 1e3), "superpower's value of status quo"),
        Parameter("force_cost", "float", 0.5, (0.0, 1e3), "superpower's cost per unit of forces"),
        Parameter("alliance_cost", "float", 0.2, (0.0, 1e3), "superpower's fixed alliance cost"),
        Parameter("cost_min", "float", 0.05, (0.01, 100.0), "lowest arming cost in the sweep"),
        Parameter("cost_max", "float", 3.0, (0.01, 100.0), "highest arming cost in the sweep"),
        Parameter("grid_points", "int", 120, (5, 2000), "arming costs in the sweep"),
        Parameter("force_grid", "int", 201, (3, 5000), "force levels the superpower compares"),
    )

    def inconsistencies(self, params: dict[str, Any]) -> list[str]:
        """Acting alone must need more than deterring; the sweep range must be ordered."""
        problems = []
        if params["unilateral_threshold"] <= params["challenger_strength"]:
            problems.append("unilateral_threshold must exceed challenger_strength")
        if params["cost_min"] >= params["cost_max"]:
            problems.append("cost_min must be below cost_max")
        return problems

    @property
    def predictions(self) -> tuple[Prediction, ...]:
        """Restraining and deterrence effects, the gap between them, status quo, provocation."""
        return (
            Prediction(
                "restraining_effect",
                "If the prospective ally's cost of arms buildups is low, the superpower forms an "
                "alliance, shouldering a disproportionately heavy burden to dissuade the ally "
                "from overturning the status quo (the restraining effect).",
                _restraining_effect,
            ),
            Prediction(
                "deterrence_effect",
                "If the ally's cost of arms buildups is high, the superpower forms an alliance to "
                "protect the ally from external threats, providing only the forces sufficient to "
                "make the ally bolster its own capabilities to deter (the deterrence effect).",
                _deterrence_effect,
            ),
            Prediction(
                "no_alliance_in_between",
                "At intermediate arming costs no alliance forms: the ally deters threats alone.",
                _no_alliance_in_between,
            ),
            Prediction(
                "effects_in_separate_parameter_spaces",
                "Alliance burden-sharing may exert deterrence and restraining effects, but at "
                "most one effect at a time, because they occur in separate parameter spaces.",
                _separate_effects,
            ),
            Prediction(
                "burden_sharing_preserves_status_quo",
                "Intra-alliance burden-sharing allows the alliance to preserve the status quo.",
                _preserves_status_quo,
            ),
            Prediction(
                "aggrandizement_without_provocation",
                "The alliance entails power aggrandizement but does not provoke a non-signatory, "
                "as the ally remains too weak to act unilaterally.",
                _no_provocation,
            ),
        )

    def solve(self, params: dict[str, Any]) -> ModelRun:
        """The outcome at the given arming cost and across the arming-cost sweep."""
        costs = np.linspace(params["cost_min"], params["cost_max"], params["grid_points"])
        table = pd.DataFrame(solve_game(float(c), params) for c in costs)
        headline = solve_game(params["arming_cost"], params)
        summary = {key: headline[key] for key in headline if key != "arming_cost"}
        summary["regions"] = _regions(table)
        return ModelRun(self.name, dict(params), table, summary)

    def draw(self, run: ModelRun, figure: Any) -> None:
        """Forces of the superpower and the ally across arming costs, regions shaded."""
        axes = figure.subplots(1, 1)
        table = run.table
        colours = {
            RESTRAINT: "#f4cccc",
            DETERRENCE: "#cfe2f3",
            DETERS_ALONE: "#d9ead3",
            REVISES_ALONE: "#fff2cc",
            ATTACKED_ALONE: "#eeeeee",
        }
        step = float(np.diff(table["arming_cost"]).mean()) if len(table) > 1 else 0.1
        for region in _regions(table):
            axes.axvspan(
                region["from"] - step / 2,
                region["to"] + step / 2,
                color=colours.get(region["outcome"], "#ffffff"),
                label=region["outcome"],
            )
        axes.plot(
            table["arming_cost"],
            table["superpower_forces"],
            "-",
            color="#8b0000",
            label="superpower forces",
        )
        axes.plot(table["arming_cost"], table["ally_arms"], "-", color="#1f4e79", label="ally arms")
        axes.axhline(run.params["unilateral_threshold"], linestyle=":", color="grey")
        axes.set_xlabel("ally's cost of arms buildups")
        axes.set_ylabel("forces")
        axes.set_title("Restraint and deterrence (stylised reconstruction of Iwanami 2024)")
        handles, labels = axes.get_legend_handles_labels()
        unique = dict(zip(labels, handles, strict=True))
        axes.legend(unique.values(), unique.keys(), fontsize="small", loc="upper right")


def _regions(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Consecutive runs of the same outcome along the arming-cost sweep."""
    regions: list[dict[str, Any]] = []
    for cost, outcome in zip(table["arming_cost"], table["outcome"], strict=True):
        if regions and regions[-1]["outcome"] == outcome:
            regions[-1]["to"] = float(cost)
        else:
            regions.append({"outcome": outcome, "from": float(cost), "to": float(cost)})
    return regions


def _costs(table: pd.DataFrame, outcome: str) -> np.ndarray:
    return table.loc[table["outcome"] == outcome, "arming_cost"].to_numpy()


def _restraining_effect(run: ModelRun) -> Evaluation:
    table = run.table
    rows = table[table["outcome"] == RESTRAINT]
    if rows.empty:
        return Evaluation("false", {"restraint_points": 0.0}, "no restraint alliance forms")
    others = table[table["outcome"].isin([DETERRENCE, DETERS_ALONE])]["arming_cost"]
    lowest = others.empty or rows["arming_cost"].max() < others.min()
    # disproportionate: the ally could deter alone, so every unit S provides buys restraint only
    beyond_deterrence = (rows["ally_alone_arms"] >= run.params["challenger_strength"]).all()
    numbers = {
        "restraint_points": float(len(rows)),
        "cost_from": float(rows["arming_cost"].min()),
        "cost_to": float(rows["arming_cost"].max()),
        "mean_superpower_share": float(rows["superpower_share"].mean()),
        "max_superpower_share": float(rows["superpower_share"].max()),
    }
    detail = (
        f"restraint alliance for arming costs {numbers['cost_from']:.3g}-{numbers['cost_to']:.3g}; "
        f"superpower share of forces up to {numbers['max_superpower_share']:.2f}, all beyond "
        "what deterrence requires"
    )
    return Evaluation(share_verdict([bool(lowest), bool(beyond_deterrence)]), numbers, detail)


def _deterrence_effect(run: ModelRun) -> Evaluation:
    table = run.table
    rows = table[table["outcome"] == DETERRENCE]
    if rows.empty:
        return Evaluation("false", {"deterrence_points": 0.0}, "no deterrence alliance forms")
    others = table[table["outcome"].isin([RESTRAINT, DETERS_ALONE])]["arming_cost"]
    highest = others.empty or rows["arming_cost"].min() > others.max()
    minimal = [_just_enough(row, run.params) for row in rows.itertuples()]
    numbers = {
        "deterrence_points": float(len(rows)),
        "cost_from": float(rows["arming_cost"].min()),
        "cost_to": float(rows["arming_cost"].max()),
        "mean_superpower_share": float(rows["superpower_share"].mean()),
        "minimal_forces_points": float(sum(minimal)),
    }
    detail = (
        f"deterrence alliance for arming costs {numbers['cost_from']:.3g}-"
        f"{numbers['cost_to']:.3g}; forces just sufficient for the ally to arm and deter at "
        f"{sum(minimal)}/{len(minimal)} points"
    )
    return Evaluation(share_verdict([bool(highest), all(minimal)]), numbers, detail)


def _just_enough(row: Any, params: dict[str, Any]) -> bool:
    """The ally arms itself, and any smaller force would leave it exposed instead."""
    fewer = row.superpower_forces * (1 - 1e-6) - 1e-9
    response = ally_choice(row.arming_cost, np.array([max(0.0, fewer)]), params)
    return bool(row.ally_arms > 0 and response.attacked[0])


def _no_alliance_in_between(run: ModelRun) -> Evaluation:
    table = run.table
    restraint, deterrence = _costs(table, RESTRAINT), _costs(table, DETERRENCE)
    alone = _costs(table, DETERS_ALONE)
    numbers = {"deters_alone_points": float(len(alone))}
    if not len(restraint) or not len(deterrence):
        return Evaluation("conditional", numbers, "only one alliance type forms in the sweep")
    between = alone[(alone > restraint.max()) & (alone < deterrence.min())]
    numbers["between_points"] = float(len(between))
    detail = f"{len(between)} arming costs between the two alliance types see no alliance"
    return Evaluation("true" if len(between) else "false", numbers, detail)


def _separate_effects(run: ModelRun) -> Evaluation:
    table = run.table
    restraint, deterrence = _costs(table, RESTRAINT), _costs(table, DETERRENCE)
    numbers = {
        "restraint_points": float(len(restraint)),
        "deterrence_points": float(len(deterrence)),
    }
    if not len(restraint) and not len(deterrence):
        return Evaluation("false", numbers, "neither effect appears")
    separate = not len(restraint) or not len(deterrence) or restraint.max() < deterrence.min()
    observed = "both effects" if len(restraint) and len(deterrence) else "one effect"
    detail = f"{observed}, in {'separate' if separate else 'interleaved'} ranges of arming cost"
    return Evaluation("true" if separate else "false", numbers, detail)


def _preserves_status_quo(run: ModelRun) -> Evaluation:
    table = run.table
    allied = table[table["alliance"]]
    if allied.empty:
        return Evaluation("false", {"alliance_points": 0.0}, "no alliance forms")
    rescued = allied["without_alliance"] != DETERS_ALONE
    holds = (allied["status_quo"] & rescued).tolist()
    numbers = {"alliance_points": float(len(holds)), "status_quo_saved": float(sum(holds))}
    detail = f"the alliance saves a status quo that would fall at {sum(holds)}/{len(holds)} points"
    return Evaluation(share_verdict(holds), numbers, detail)


def _no_provocation(run: ModelRun) -> Evaluation:
    table = run.table
    allied = table[table["alliance"]]
    if allied.empty:
        return Evaluation("false", {"alliance_points": 0.0}, "no alliance forms")
    threshold = run.params["unilateral_threshold"]
    holds = [
        bool(row.superpower_forces > 0 and row.ally_arms < threshold and not row.ally_revises)
        for row in allied.itertuples()
    ]
    numbers = {
        "alliance_points": float(len(holds)),
        "max_ally_arms": float(allied["ally_arms"].max()),
        "unilateral_threshold": float(threshold),
    }
    detail = (
        f"allied forces grow while the ally's own arms stay below {threshold:g} "
        f"at {sum(holds)}/{len(holds)} points"
    )
    return Evaluation(share_verdict(holds), numbers, detail)
