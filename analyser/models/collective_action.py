"""Collective action in alliances: defence as a pure public good (Olson and Zeckhauser 1966).

Allies with incomes I_i choose defence spending q_i; alliance defence Q = sum q_i is non-rival
and non-excludable. Each ally maximises u_i = (1 - alpha) ln(I_i - q_i) + alpha ln(Q / n^gamma)
(alpha: weight on defence; gamma: crowding, 0 for a pure public good). The Nash-Cournot
equilibrium is solved in closed form over the set of contributors and checked by iterating best
responses; the Samuelson level alpha * sum(I) is reported beside it.
"""

from __future__ import annotations

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
from analyser.models.contributions import (
    INCOMES,
    efficient_total,
    nash_equilibrium,
    pure_public_good_closed_form,
)
from analyser.models.stats import is_monotone, rank_correlation


def log_utility(private: np.ndarray, defence: np.ndarray, alpha: float) -> np.ndarray:
    """(1 - alpha) ln(private) + alpha ln(defence), with a zero-weight term dropped."""
    private_term = (1 - alpha) * np.log(private) if alpha < 1 else np.zeros_like(private)
    return private_term + alpha * np.log(defence)


def pure_equilibrium(incomes: np.ndarray, alpha: float) -> tuple[np.ndarray, float]:
    """Closed-form contributions and their largest gap to iterated best responses."""
    closed = pure_public_good_closed_form(incomes, alpha)
    gap = float(np.max(np.abs(closed - nash_equilibrium(incomes, alpha).iterated)))
    if gap > 1e-8 * max(1.0, float(incomes.max())):
        raise RuntimeError("closed form and best-response iteration disagree")
    return closed, gap


class CollectiveAction(FormalModel):
    """Olson-Zeckhauser pure public good alliance: exploitation of the great by the small."""

    name = "collective_action"
    title = "Collective action / pure public good alliance"
    theory = "collective action / public goods"
    description = (
        "Allies voluntarily provide alliance defence, a pure public good; the Nash equilibrium "
        "leaves large wealthy allies carrying a disproportionate burden while small allies free "
        "ride, and provision falls short of the efficient Samuelson level, increasingly so as "
        "group size grows."
    )
    works = ("Olson 1965", "Olson and Zeckhauser 1966")
    concepts = (
        "public good",
        "collective action",
        "free riding",
        "burden sharing",
        "alliance size",
        "suboptimal provision",
        "exploitation of the great by the small",
        "alliance",
        "defence spending",
        "ally wealth",
    )
    parameters = (
        INCOMES,
        Parameter("alpha", "float", 0.5, (0.01, 1.0), "weight of defence in each ally's utility"),
        Parameter(
            "max_group", "int", 10, (2, 200), "largest alliance size in the group-size sweeps"
        ),
        Parameter(
            "crowding",
            "float",
            0.0,
            (0.0, 1.0),
            "force thinning: each ally enjoys Q / n^crowding (0 = pure public good)",
        ),
    )

    @property
    def predictions(self) -> tuple[Prediction, ...]:
        """Exploitation, suboptimality with size, toleration of free riders, no size limit."""
        return (
            Prediction(
                "burden_rises_with_income",
                "Large, wealthy allies pay more and small allies less: the defence burden "
                "(share of income) rises with income, the exploitation of the great by the small.",
                _burden_rises_with_income,
            ),
            Prediction(
                "suboptimal_provision_worsens_with_group_size",
                "Defence is provided below the efficient level, and free riding and suboptimal "
                "allocation increase as group size increases.",
                _suboptimal_with_group_size,
            ),
            Prediction(
                "large_allies_tolerate_free_riders",
                "Large allies keep providing defence while small allies free ride, since they can "
                "still provide the good profitably.",
                _large_allies_tolerate_free_riders,
            ),
            Prediction(
                "no_limit_to_alliance_size",
                "Adding allies shares the costs without diminishing the benefits of existing "
                "allies, so there is no limit to alliance size.",
                _no_limit_to_alliance_size,
            ),
        )

    def solve(self, params: dict[str, Any]) -> ModelRun:
        """Nash and efficient provision for the allies, plus the group-size sweeps."""
        incomes = np.asarray(params["incomes"], dtype=float)
        alpha = params["alpha"]
        crowding = params["crowding"]
        contributions, gap = pure_equilibrium(incomes, alpha)
        total = float(contributions.sum())
        n = len(incomes)
        defence = np.full(n, total / n**crowding)
        table = pd.DataFrame(
            {
                "ally": np.arange(1, n + 1),
                "income": incomes,
                "contribution": contributions,
                "burden": contributions / incomes,
                "private": incomes - contributions,
                "utility": log_utility(incomes - contributions, defence, alpha),
                "free_rider": contributions <= 1e-12,
            }
        )
        efficient = efficient_total(incomes, alpha)
        summary = {
            "total_defence": total,
            "efficient_defence": efficient,
            "nash_to_efficient": total / efficient,
            "contributors": int((contributions > 1e-12).sum()),
            "free_riders": int((contributions <= 1e-12).sum()),
            "rho_income_burden": rank_correlation(incomes, contributions / incomes),
            "iteration_gap": gap,
        }
        tables = {
            "group_size": _group_size_table(float(incomes.mean()), alpha, params["max_group"]),
            "growth": _growth_table(incomes, alpha, crowding, params["max_group"]),
        }
        return ModelRun(self.name, dict(params), table, summary, tables)

    def draw(self, run: ModelRun, figure: Any) -> None:
        """Left: incomes and contributions per ally; right: Nash/efficient by group size."""
        left, right = figure.subplots(1, 2)
        allies = run.table["ally"].astype(str)
        left.bar(allies, run.table["income"], color="#c8d6e5", label="income")
        left.bar(allies, run.table["contribution"], color="#1f4e79", label="defence spending")
        left.set_xlabel("ally")
        left.set_title(f"Nash contributions (Q = {run.summary['total_defence']:.3g})")
        left.legend()
        sizes = run.tables["group_size"]
        right.plot(sizes["size"], sizes["nash_to_efficient"], "o-", color="#1f4e79")
        right.set_ylim(0, 1.05)
        right.set_xlabel("number of equal allies")
        right.set_ylabel("Nash / efficient defence")
        right.set_title("Suboptimality grows with group size")


def _group_size_table(income: float, alpha: float, max_group: int) -> pd.DataFrame:
    """Nash and efficient defence for 1..max_group equal allies of the given income."""
    rows = []
    for size in range(1, max_group + 1):
        incomes = np.full(size, income)
        nash = float(pure_equilibrium(incomes, alpha)[0].sum())
        efficient = efficient_total(incomes, alpha)
        rows.append(
            {
                "size": size,
                "nash_defence": nash,
                "efficient_defence": efficient,
                "nash_to_efficient": nash / efficient,
                "closed_form_ratio": 1.0 / (alpha + size * (1 - alpha)),
                "contribution_to_standalone": nash / size / (alpha * income),
            }
        )
    return pd.DataFrame(rows)


def _growth_table(
    incomes: np.ndarray, alpha: float, crowding: float, max_group: int
) -> pd.DataFrame:
    """The original allies' welfare as allies with the mean income join, one at a time."""
    n = len(incomes)
    entrant = float(incomes.mean())
    rows = []
    previous = None
    for size in range(n, max(max_group, n + 1) + 1):
        members = np.concatenate([incomes, np.full(size - n, entrant)])
        q = pure_equilibrium(members, alpha)[0]
        defence = np.full(n, q.sum() / size**crowding)
        utility = log_utility(incomes - q[:n], defence, alpha)
        change = None if previous is None else float(np.min(utility - previous))
        rows.append({"size": size, "total_defence": float(q.sum()), "min_welfare_change": change})
        previous = utility
    return pd.DataFrame(rows)


def _burden_rises_with_income(run: ModelRun) -> Evaluation:
    table = run.table
    rho = rank_correlation(table["income"], table["burden"])
    richest = table.loc[table["income"].idxmax()]
    poorest = table.loc[table["income"].idxmin()]
    numbers = {
        "spearman_rho": float("nan") if rho is None else rho,
        "burden_richest": float(richest["burden"]),
        "burden_poorest": float(poorest["burden"]),
    }
    if rho is None:
        return Evaluation("false", numbers, "burdens do not vary with income: no exploitation")
    holds = rho > 0 and richest["burden"] > poorest["burden"]
    detail = f"Spearman rho(income, burden) = {rho:.3f}"
    return Evaluation("true" if holds else "false", numbers, detail)


def _suboptimal_with_group_size(run: ModelRun) -> Evaluation:
    ratio = float(run.summary["nash_to_efficient"])
    sizes = run.tables["group_size"]["nash_to_efficient"].to_numpy()
    suboptimal = ratio < 1 - 1e-9
    worsens = is_monotone(sizes, decreasing=True) and sizes[-1] < sizes[0] - 1e-9
    numbers = {
        "nash_to_efficient": ratio,
        "ratio_smallest_group": float(sizes[0]),
        "ratio_largest_group": float(sizes[-1]),
    }
    detail = (
        f"Nash/efficient = {ratio:.3f}; with equal allies it falls from {sizes[0]:.3f} "
        f"to {sizes[-1]:.3f}"
    )
    return Evaluation(share_verdict([suboptimal, worsens]), numbers, detail)


def _large_allies_tolerate_free_riders(run: ModelRun) -> Evaluation:
    table = run.table
    richest = table.loc[table["income"].idxmax()]
    free_riders = int(table["free_rider"].sum())
    numbers = {
        "free_riders": float(free_riders),
        "contribution_richest": float(richest["contribution"]),
    }
    holds = free_riders > 0 and richest["contribution"] > 0
    detail = f"{free_riders} free rider(s); the richest ally spends {richest['contribution']:.3g}"
    return Evaluation("true" if holds else "false", numbers, detail)


def _no_limit_to_alliance_size(run: ModelRun) -> Evaluation:
    changes = run.tables["growth"]["min_welfare_change"].dropna().to_numpy()
    holds = [bool(change >= -1e-12) for change in changes]
    numbers = {"worst_welfare_change": float(changes.min()), "steps": float(len(changes))}
    detail = (
        f"existing allies' welfare never falls as allies join ({sum(holds)}/{len(holds)} steps)"
        if all(holds)
        else f"existing allies lose from enlargement at {len(holds) - sum(holds)} of "
        f"{len(holds)} steps"
    )
    return Evaluation(share_verdict(holds), numbers, detail)
