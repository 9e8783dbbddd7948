"""Voluntary contributions to alliance defence: Nash equilibrium and the efficient level.

Ally i with income I_i spends q_i on defence and keeps x_i = I_i - q_i. It values the defence
it receives, D_i = q_i + b Q_{-i} (every other ally's forces count with the spill-in weight
b in [0, 1]), with Cobb-Douglas utility

    u_i = (1 - w_i) ln x_i + w_i ln D_i,

so w_i is ally i's weight on defence. The pure public good of Olson and Zeckhauser has b = 1 and
a common weight alpha. The best response is linear, q_i = max(0, w_i I_i - (1 - w_i) b Q_{-i});
divided by (1 - w_i) these conditions form a linear complementarity problem with a symmetric
positive definite matrix, so the equilibrium is unique and sequential best responses converge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analyser.models.base import Parameter

TOLERANCE = 1e-12
INCOMES = Parameter(
    "incomes",
    "floats",
    [10.0, 8.0, 6.0, 4.0, 2.0],
    (1e-3, 1e9),
    "allies' incomes (GDP), e.g. 10,5,2",
    length=(1, 50),
)  # the allies of both burden-sharing models
MAX_SWEEPS = 100_000


@dataclass(frozen=True)
class Equilibrium:
    """Nash contributions, solved exactly on the contributor set and checked by iteration."""

    contributions: np.ndarray
    iterated: np.ndarray
    sweeps: int

    @property
    def total(self) -> float:
        """Total defence spending Q."""
        return float(self.contributions.sum())

    @property
    def iteration_gap(self) -> float:
        """Largest difference between the exact solution and iterated best responses."""
        return float(np.max(np.abs(self.contributions - self.iterated)))


def best_response(
    i: int, contributions: np.ndarray, incomes: np.ndarray, weights: np.ndarray, spill: float
) -> float:
    """Ally i's utility-maximising contribution given everyone else's."""
    others = contributions.sum() - contributions[i]
    return max(0.0, weights[i] * incomes[i] - (1.0 - weights[i]) * spill * others)


def iterate_best_responses(
    incomes: np.ndarray, weights: np.ndarray, spill: float
) -> tuple[np.ndarray, int]:
    """Sequential (Gauss-Seidel) best responses from zero until no ally changes its choice."""
    contributions = np.zeros(len(incomes))
    scale = max(1.0, float(incomes.max()))
    for sweep in range(1, MAX_SWEEPS + 1):
        change = 0.0
        for i in range(len(incomes)):
            new = best_response(i, contributions, incomes, weights, spill)
            change = max(change, abs(new - contributions[i]))
            contributions[i] = new
        if change <= TOLERANCE * scale:
            return contributions, sweep
    raise RuntimeError("best-response iteration did not converge")


def solve_on_support(
    incomes: np.ndarray, weights: np.ndarray, spill: float, support: np.ndarray
) -> np.ndarray:
    """Exact contributions when exactly the allies in ``support`` contribute.

    Contributors satisfy q_i + (1 - w_i) b (Q - q_i) = w_i I_i, a linear system.
    """
    contributions = np.zeros(len(incomes))
    if not support.any():
        return contributions
    w = weights[support]
    matrix = np.outer(1.0 - w, np.full(len(w), spill))
    np.fill_diagonal(matrix, 1.0)
    contributions[support] = np.linalg.solve(matrix, w * incomes[support])
    return contributions


def is_equilibrium(
    contributions: np.ndarray, incomes: np.ndarray, weights: np.ndarray, spill: float
) -> bool:
    """Whether every ally is playing a best response (to a relative tolerance)."""
    scale = max(1.0, float(incomes.max()))
    return all(
        abs(best_response(i, contributions, incomes, weights, spill) - contributions[i])
        <= 1e-9 * scale
        for i in range(len(incomes))
    )


def nash_equilibrium(incomes: np.ndarray, weights: np.ndarray, spill: float = 1.0) -> Equilibrium:
    """The unique Nash equilibrium: the contributor set from iterated best responses, then the
    exact linear solution on that set, verified to be an equilibrium."""
    incomes = np.asarray(incomes, dtype=float)
    weights = np.broadcast_to(np.asarray(weights, dtype=float), incomes.shape)
    iterated, sweeps = iterate_best_responses(incomes, weights, spill)
    support = iterated > 1e-9 * max(1.0, float(incomes.max()))
    exact = solve_on_support(incomes, weights, spill, support)
    if not (np.all(exact >= 0) and is_equilibrium(exact, incomes, weights, spill)):
        raise RuntimeError("the exact solution on the contributor set is not an equilibrium")
    return Equilibrium(contributions=exact, iterated=iterated, sweeps=sweeps)


def pure_public_good_closed_form(incomes: np.ndarray, alpha: float) -> np.ndarray:
    """Olson-Zeckhauser contributions in closed form over the set of contributors.

    Contributors satisfy q_i = I_i - c Q with c = (1 - alpha) / alpha, so with the k richest
    allies contributing Q_k = (sum of their incomes) / (1 + k c); the equilibrium k is the one
    where the k-th richest still contributes and the next one would not.
    """
    incomes = np.asarray(incomes, dtype=float)
    order = np.argsort(-incomes, kind="stable")
    ranked = incomes[order]
    ratio = (1.0 - alpha) / alpha
    contributions = np.zeros(len(incomes))
    slack = 1e-12 * max(1.0, float(ranked[0]))  # an ally exactly at the margin gives ~0 either way
    for k in range(1, len(ranked) + 1):
        total = ranked[:k].sum() / (1.0 + k * ratio)
        next_out = k == len(ranked) or ranked[k] <= ratio * total + slack
        if ranked[k - 1] > ratio * total - slack and next_out:
            contributions[order[:k]] = np.maximum(0.0, ranked[:k] - ratio * total)
            return contributions
    raise RuntimeError("no contributor set satisfies the equilibrium conditions")


def efficient_total(incomes: np.ndarray, weights: np.ndarray | float) -> float:
    """The Samuelson (utilitarian, with lump-sum transfers) level of total defence spending.

    The planner gives ally i private consumption (1 - w_i) / lambda; every D_i is homogeneous
    of degree one in the contributions, so the allocation only shifts a constant and the
    optimum total is mean(w) * sum(I): alpha * sum(I) for the pure public good.
    """
    incomes = np.asarray(incomes, dtype=float)
    weights = np.broadcast_to(np.asarray(weights, dtype=float), incomes.shape)
    return float(weights.mean() * incomes.sum())
