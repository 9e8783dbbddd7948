"""The joint product model of alliances (Sandler 1977; Murdoch and Sandler 1982; Sandler 1993).

Each unit of an ally's defence yields three joint products: deterrence (a pure public good),
damage limitation (an impure public good that spills over to other allies at rate theta) and
an ally-specific private benefit (share ``private_share``). Ally i therefore receives
D_i = q_i + b Q_{-i} with b = (1 - s)(delta + (1 - delta) theta). Allies differ in income and in
exposure e_i, which scales how much they value the private product: the odds of ally i's
weight on defence are (1 - s + s e_i) times the base odds alpha / (1 - alpha). Benefits
received are measured by each ally's own demand for defence, w_i I_i. Nash contributions come
from the linear best responses; the efficient benchmark maximises the allies' summed utility
given their incomes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from analyser.models.base import (
    Evaluation,
    FormalModel,
    ModelRun,
    Parameter,
    Prediction,
    share_verdict,
)
from analyser.models.contributions import INCOMES, nash_equilibrium
from analyser.models.stats import is_monotone, rank_correlation, shares


def defence_weights(exposure: np.ndarray, alpha: float, private_share: float) -> np.ndarray:
    """Each ally's weight on defence: exposure raises the odds through the private product."""
    odds = ((1 - private_share) + private_share * exposure) * alpha / (1 - alpha)
    return odds / (1 + odds)


def spill_in_weight(private_share: float, deterrence_share: float, spillover: float) -> float:
    """How much one unit of another ally's defence is worth to an ally (b)."""
    return (1 - private_share) * (deterrence_share + (1 - deterrence_share) * spillover)


def efficient_given_incomes(incomes: np.ndarray, weights: np.ndarray, spill: float) -> np.ndarray:
    """Contributions maximising the sum of utilities, each ally paying from its own income."""

    def negative_welfare(q: np.ndarray) -> tuple[float, np.ndarray]:
        received = q + spill * (q.sum() - q)
        left = incomes - q
        value = np.sum((1 - weights) * np.log(left) + weights * np.log(received))
        marginal = weights / received
        gradient = -(1 - weights) / left + (1 - spill) * marginal + spill * marginal.sum()
        return -value, -gradient

    start = np.clip(nash_equilibrium(incomes, weights, spill).contributions, 1e-6, None)
    bounds = [(1e-12, income * (1 - 1e-9)) for income in incomes]
    result = minimize(
        negative_welfare,
        np.minimum(start, incomes * 0.99),
        jac=True,
        method="SLSQP",
        bounds=bounds,
        options={"ftol": 1e-14, "maxiter": 1_000},
    )
    return result.x


def solve_alliance(params: dict[str, Any], private_share: float) -> dict[str, Any]:
    """Nash and efficient provision at one private share; per-ally arrays and aggregates."""
    incomes = np.asarray(params["incomes"], dtype=float)
    exposure = np.asarray(params["exposure"], dtype=float)
    weights = defence_weights(exposure, params["alpha"], private_share)
    spill = spill_in_weight(private_share, params["deterrence_share"], params["spillover"])
    equilibrium = nash_equilibrium(incomes, weights, spill)
    q = equilibrium.contributions
    efficient = efficient_given_incomes(incomes, weights, spill).sum()
    return {
        "incomes": incomes,
        "exposure": exposure,
        "weights": weights,
        "spill": spill,
        "contributions": q,
        "spill_in": spill * (q.sum() - q),
        "benefits": weights * incomes,
        "efficient": float(efficient),
        "iteration_gap": equilibrium.iteration_gap,
    }


class JointProduct(FormalModel):
    """Sandler's joint product model: burdens follow benefits as private benefits grow."""

    name = "joint_product"
    title = "Joint product model of alliances"
    theory = "joint product model"
    description = (
        "Defence yields joint products: pure public deterrence, impure damage limitation and "
        "ally-specific private benefits. The larger the excludable share, the more allies' "
        "burdens follow the benefits they receive rather than their income, and the less free "
        "riding and inefficiency remain."
    )
    works = ("Sandler 1977", "Murdoch and Sandler 1982", "Sandler 1993", "Sandler and Hartley 2001")
    concepts = (
        "joint product",
        "burden sharing",
        "private benefit",
        "impure public good",
        "public good",
        "free riding",
        "deterrence",
        "damage limitation",
        "spillover",
        "alliance",
        "defence spending",
        "benefits received",
        "ally wealth",
    )
    parameters = (
        INCOMES,
        Parameter(
            "exposure",
            "floats",
            [1.0, 1.0, 1.0, 1.0, 4.0],
            (0.0, 100.0),
            "each ally's stake in the private product (1 = typical; one value per ally)",
            length=(1, 50),
        ),
        Parameter("alpha", "float", 0.5, (0.01, 0.99), "base weight of defence in utility"),
        Parameter(
            "private_share", "float", 0.7, (0.0, 1.0), "share of defence output that is private"
        ),
        Parameter(
            "deterrence_share",
            "float",
            0.5,
            (0.0, 1.0),
            "share of the public output that is pure-public deterrence (rest: damage limitation)",
        ),
        Parameter(
            "spillover", "float", 0.5, (0.0, 1.0), "share of damage limitation spilling to allies"
        ),
        Parameter(
            "follow_tolerance",
            "float",
            0.1,
            (0.0, 1.0),
            "largest burden/benefit share distance at which burdens count as following benefits",
        ),
        Parameter("sweep_points", "int", 11, (3, 201), "points in the private-share sweep"),
    )

    def inconsistencies(self, params: dict[str, Any]) -> list[str]:
        """Exactly one exposure per ally."""
        if len(params["exposure"]) == len(params["incomes"]):
            return []
        return [
            f"exposure has {len(params['exposure'])} values but there are "
            f"{len(params['incomes'])} allies (incomes)"
        ]

    @property
    def predictions(self) -> tuple[Prediction, ...]:
        """Burdens follow benefits; excludable benefits; weaker exploitation; fewer spill-ins."""
        return (
            Prediction(
                "burdens_follow_benefits",
                "Burdens of providing security are shared in accordance with the benefits "
                "received.",
                _burdens_follow_benefits,
            ),
            Prediction(
                "excludable_benefits_raise_small_ally_burden",
                "Small allies that receive substantial excludable benefits assume a large burden "
                "despite their wealth position.",
                _excludable_benefits_raise_small_ally_burden,
            ),
            Prediction(
                "private_share_weakens_exploitation",
                "As the private share of defence benefits grows, the income-burden correlation "
                "weakens and the inefficiency of provision shrinks.",
                _private_share_weakens_exploitation,
            ),
            Prediction(
                "private_benefits_reduce_spill_ins",
                "Allies seeking private benefits reduce the public benefits that other allies "
                "receive from their defence.",
                _private_benefits_reduce_spill_ins,
            ),
        )

    def solve(self, params: dict[str, Any]) -> ModelRun:
        """The alliance at the given private share, plus a sweep over the private share."""
        state = solve_alliance(params, params["private_share"])
        q = state["contributions"]
        table = pd.DataFrame(
            {
                "ally": np.arange(1, len(q) + 1),
                "income": state["incomes"],
                "exposure": state["exposure"],
                "defence_weight": state["weights"],
                "contribution": q,
                "burden": q / state["incomes"],
                "burden_share": shares(q),
                "benefit_share": shares(state["benefits"]),
                "income_share": shares(state["incomes"]),
                "spill_in": state["spill_in"],
            }
        )
        summary = {
            "total_defence": float(q.sum()),
            "efficient_defence": state["efficient"],
            "nash_to_efficient": float(q.sum()) / state["efficient"],
            "spill_in_weight": state["spill"],
            "rho_income_burden": rank_correlation(state["incomes"], q / state["incomes"]),
            "burden_benefit_distance": _distance(table["burden_share"], table["benefit_share"]),
            "iteration_gap": state["iteration_gap"],
        }
        sweep = _private_share_sweep(params)
        return ModelRun(self.name, dict(params), table, summary, {"private_share": sweep})

    def draw(self, run: ModelRun, figure: Any) -> None:
        """Left: burden and benefit shares per ally; right: the private-share sweep."""
        left, right = figure.subplots(1, 2)
        allies = run.table["ally"].to_numpy()
        left.bar(allies - 0.2, run.table["burden_share"], 0.4, label="burden share")
        left.bar(allies + 0.2, run.table["benefit_share"], 0.4, label="benefit share")
        left.set_xlabel("ally")
        left.set_title(f"private share = {run.params['private_share']:g}")
        left.legend()
        sweep = run.tables["private_share"]
        right.plot(
            sweep["private_share"], sweep["rho_income_burden"], "o-", label="rho(income, burden)"
        )
        right.plot(sweep["private_share"], sweep["inefficiency"], "s-", label="1 - Nash/efficient")
        right.set_xlabel("private share of defence output")
        right.set_title("Exploitation and inefficiency fade")
        right.legend()


def _distance(a: pd.Series, b: pd.Series) -> float:
    """Total-variation distance between two share vectors."""
    return float(0.5 * np.abs(a.to_numpy() - b.to_numpy()).sum())


def _private_share_sweep(params: dict[str, Any]) -> pd.DataFrame:
    """Correlation, inefficiency and spill-ins as the private share runs from 0 to 1."""
    rows = []
    for private_share in np.linspace(0.0, 1.0, params["sweep_points"]):
        state = solve_alliance(params, float(private_share))
        q = state["contributions"]
        rho = rank_correlation(state["incomes"], q / state["incomes"])
        rows.append(
            {
                "private_share": float(private_share),
                "rho_income_burden": 0.0 if rho is None else rho,
                "inefficiency": max(0.0, 1.0 - q.sum() / state["efficient"]),
                "mean_spill_in": float(state["spill_in"].mean()),
            }
        )
    return pd.DataFrame(rows)


def _burdens_follow_benefits(run: ModelRun) -> Evaluation:
    distance = float(run.summary["burden_benefit_distance"])
    tolerance = float(run.params["follow_tolerance"])
    numbers = {
        "share_distance": distance,
        "tolerance": tolerance,
        "income_share_distance": _distance(run.table["burden_share"], run.table["income_share"]),
    }
    holds = distance <= tolerance
    detail = f"burden shares lie {distance:.3f} (total variation) from benefit shares"
    return Evaluation("true" if holds else "false", numbers, detail)


def _excludable_benefits_raise_small_ally_burden(run: ModelRun) -> Evaluation:
    table = run.table
    median = table["income"].median()
    small_exposed = table[(table["income"] < median) & (table["exposure"] > 1)]
    if small_exposed.empty:
        return Evaluation(
            "conditional", {}, "no ally below median income has above-typical exposure"
        )
    outranks = [
        bool((table.loc[table["income"] > row.income, "burden"] < row.burden).any())
        for row in small_exposed.itertuples()
    ]
    numbers = {
        f"burden_ally_{int(row.ally)}": float(row.burden) for row in small_exposed.itertuples()
    }
    detail = (
        f"{sum(outranks)} of {len(outranks)} small exposed allies carry a heavier burden than "
        "some richer ally"
    )
    return Evaluation(share_verdict(outranks), numbers, detail)


def _private_share_weakens_exploitation(run: ModelRun) -> Evaluation:
    sweep = run.tables["private_share"]
    rho = sweep["rho_income_burden"].to_numpy()
    waste = sweep["inefficiency"].to_numpy()
    weakens = is_monotone(rho) and rho[-1] < rho[0] - 1e-9
    shrinks = is_monotone(waste) and waste[-1] < waste[0] - 1e-9
    numbers = {
        "rho_at_zero": float(rho[0]),
        "rho_at_one": float(rho[-1]),
        "inefficiency_at_zero": float(waste[0]),
        "inefficiency_at_one": float(waste[-1]),
    }
    detail = (
        f"rho {rho[0]:.2f} -> {rho[-1]:.2f}, inefficiency {waste[0]:.2f} -> {waste[-1]:.2f} "
        "as the private share goes from 0 to 1"
    )
    return Evaluation(share_verdict([weakens, shrinks]), numbers, detail)


def _private_benefits_reduce_spill_ins(run: ModelRun) -> Evaluation:
    spill = run.tables["private_share"]["mean_spill_in"].to_numpy()
    holds = is_monotone(spill) and spill[-1] < spill[0] - 1e-9
    numbers = {"spill_in_at_zero": float(spill[0]), "spill_in_at_one": float(spill[-1])}
    detail = f"mean spill-in {spill[0]:.3g} -> {spill[-1]:.3g} as the private share goes 0 -> 1"
    return Evaluation("true" if holds else "false", numbers, detail)
