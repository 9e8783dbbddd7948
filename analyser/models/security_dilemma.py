"""The security dilemma as a 2x2 game shaped by the offence-defence balance (Jervis 1978).

Two states choose to cooperate (C: a defensive, non-threatening posture) or defect (D: arm
offensively). Payoffs (R, S, T, P) for (C,C), (C,D), (D,C), (D,D) follow from four variables:

* offence advantage o in [-1, 1] interpolates between a Stag Hunt (4, 1, 3, 2) under defence
  dominance (o = -1), the boundary game (3.5, 0.5, 3.5, 1.5) (o = 0) and a Prisoner's Dilemma
  (3, 0, 5, 1) under offence dominance (o = 1);
* revisionism adds up to 3 to the temptation T (the value of expansion at the other's expense);
* distinguishability d and regime transparency tau let a state see an offensive move in time
  with probability pi = 1 - (1 - d)(1 - tau), turning exploitation into mutual defection:
  T -> T - pi (T - P) and S -> S + pi (P - S);
* with distinguishable weapons in a defence-dominant world, defensive forces suffice on their
  own: S rises by d * max(0, -o) * (R - P) / 2.

Equilibria come from nashpy's support enumeration; the trust threshold
p* = (P - S) / ((R - T) + (P - S)) is the belief in the other's cooperation needed to cooperate.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import nashpy
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
from analyser.models.stats import is_monotone

ANCHOR_BALANCE = (-1.0, 0.0, 1.0)
ANCHOR_PAYOFFS = {  # R, S, T, P at the anchor balances
    "R": (4.0, 3.5, 3.0),
    "S": (1.0, 0.5, 0.0),
    "T": (3.0, 3.5, 5.0),
    "P": (2.0, 1.5, 1.0),
}
REVISIONIST_GAIN = 3.0
DISTINGUISHABLE = 0.5  # distinguishability from which offensive and defensive forces count apart


@dataclass(frozen=True)
class Game:
    """A symmetric 2x2 game with payoffs R (mutual C), S (C vs D), T (D vs C), P (mutual D)."""

    R: float
    S: float
    T: float
    P: float

    def matrix(self) -> np.ndarray:
        """The row player's payoff matrix; rows and columns are (C, D)."""
        return np.array([[self.R, self.S], [self.T, self.P]])

    def kind(self) -> str:
        """Prisoner's Dilemma, Stag Hunt, Harmony, Chicken or other."""
        if self.T > self.R and self.P > self.S:
            return "prisoner's dilemma"
        if self.R > self.T and self.P > self.S:
            return "stag hunt"
        if self.R >= self.T and self.S >= self.P:
            return "harmony"
        if self.T > self.R and self.S > self.P:
            return "chicken"
        return "other"

    def equilibria(self) -> list[tuple[float, float]]:
        """Nash equilibria as (row P(C), column P(C)), sorted, from nashpy."""
        matrix = self.matrix()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            found = nashpy.Game(matrix, matrix.T).support_enumeration()
            pairs = {(round(float(r[0]), 9) + 0.0, round(float(c[0]), 9) + 0.0) for r, c in found}
        return sorted(pairs, reverse=True)

    def trust_needed(self) -> float:
        """The least belief that the other cooperates at which cooperating pays (1 if never)."""
        gain = self.P - self.S
        denominator = (self.R - self.T) + gain
        if gain <= 0 and self.R >= self.T:
            return 0.0
        if denominator <= 0:
            return 1.0
        return float(min(1.0, max(0.0, gain / denominator)))


def describe_equilibria(equilibria: list[tuple[float, float]]) -> str:
    """E.g. ``(C,C); (D,D); mixed p=0.50``."""
    names = []
    for row, column in equilibria:
        if row == column and row in (0.0, 1.0):
            names.append("(C,C)" if row == 1.0 else "(D,D)")
        elif row in (0.0, 1.0) and column in (0.0, 1.0):
            names.append(f"({'C' if row else 'D'},{'C' if column else 'D'})")
        else:
            names.append(
                f"mixed p={row:.2f}/{column:.2f}" if row != column else f"mixed p={row:.2f}"
            )
    return "; ".join(names)


def world(offence_advantage: float, distinguishability: float) -> str:
    """Jervis's four worlds from the offence-defence balance and distinguishability."""
    offence = offence_advantage > 0
    apart = distinguishability >= DISTINGUISHABLE
    if offence and not apart:
        return "doubly dangerous"
    if not offence and not apart:
        return "security dilemma, compatible security requirements"
    if offence and apart:
        return "no security dilemma, aggression possible"
    return "doubly stable"


def build_game(
    offence_advantage: float, distinguishability: float, transparency: float, revisionism: float
) -> Game:
    """The game implied by the balance, distinguishability, transparency and revisionism."""
    base = {
        key: float(np.interp(offence_advantage, ANCHOR_BALANCE, values))
        for key, values in ANCHOR_PAYOFFS.items()
    }
    temptation = base["T"] + REVISIONIST_GAIN * revisionism
    seen = 1.0 - (1.0 - distinguishability) * (1.0 - transparency)
    temptation -= seen * (temptation - base["P"])
    sucker = base["S"] + seen * (base["P"] - base["S"])
    sucker += distinguishability * max(0.0, -offence_advantage) * (base["R"] - base["P"]) / 2
    return Game(R=base["R"], S=sucker, T=temptation, P=base["P"])


def game_row(game: Game, **variables: float) -> dict[str, Any]:
    """One table row: the variables, the payoffs, the game type and its equilibria."""
    equilibria = game.equilibria()
    return {
        **variables,
        "R": game.R,
        "S": game.S,
        "T": game.T,
        "P": game.P,
        "game": game.kind(),
        "equilibria": describe_equilibria(equilibria),
        "mutual_cooperation": (1.0, 1.0) in equilibria,
        "only_mutual_defection": equilibria == [(0.0, 0.0)],
        "trust_needed": game.trust_needed(),
    }


class SecurityDilemma(FormalModel):
    """Jervis's security dilemma: offence-defence balance, distinguishability, transparency."""

    name = "security_dilemma"
    title = "Security dilemma game (offence-defence balance)"
    theory = "security dilemma / offense-defense theory"
    description = (
        "Under anarchy two status-quo states choose defensive cooperation or offensive arming. "
        "When conquest is easy (offence dominance) the game is a Prisoner's Dilemma and the "
        "security dilemma is intense: mutual defection and war even among states seeking only "
        "security. When defence dominates, or offensive and defensive weapons can be told "
        "apart, or transparent (democratic) regimes reduce uncertainty and fear, mutual "
        "cooperation and trust become attainable. Revisionist states seeking power drive "
        "conflict whatever the balance."
    )
    works = (
        "Herz 1950",
        "Butterfield 1951",
        "Jervis 1978",
        "Glaser 1997",
        "Van Evera 1999",
        "Schweller 1996",
        "Kydd 2005",
        "Lipson 2003",
    )
    concepts = (
        "security dilemma",
        "offense-defense balance",
        "offense dominance",
        "defense dominance",
        "distinguishability",
        "ease of conquest",
        "uncertainty",
        "trust",
        "cooperation",
        "transparency",
        "regime type",
        "democratic peace",
        "status quo power",
        "revisionist state",
        "war",
    )
    parameters = (
        Parameter(
            "offence_advantage",
            "float",
            0.5,
            (-1.0, 1.0),
            "offence-defence balance: -1 defence dominant, 0 neutral, 1 offence dominant",
        ),
        Parameter(
            "distinguishability",
            "float",
            0.0,
            (0.0, 1.0),
            "how well offensive and defensive weapons can be told apart",
        ),
        Parameter(
            "transparency",
            "float",
            0.0,
            (0.0, 1.0),
            "mutual regime transparency (1 = open democratic dyad, 0 = secretive autocracies)",
        ),
        Parameter("revisionism", "float", 0.0, (0.0, 1.0), "both states' appetite for expansion"),
        Parameter("grid_points", "int", 21, (3, 401), "points in each sweep"),
    )

    @property
    def predictions(self) -> tuple[Prediction, ...]:
        """Arming hurts others; offence/defence dominance; transparency; distinguishability;
        revisionism."""
        return (
            Prediction(
                "arming_reduces_others_security",
                "Measures a state takes to increase its own security, such as arming and new "
                "military technology, decrease the security of others even without any intention "
                "to harm them.",
                _arming_reduces_others_security,
            ),
            Prediction(
                "offence_dominance_mutual_defection",
                "When offence dominates and conquest is easy, the security dilemma is intense: "
                "mutual defection (arming, conflict) is the only equilibrium even among "
                "status-quo states.",
                _offence_dominance,
            ),
            Prediction(
                "defence_dominance_allows_cooperation",
                "When defence dominates and conquest is difficult, the security dilemma is "
                "ameliorated: mutual cooperation is an equilibrium.",
                _defence_dominance,
            ),
            Prediction(
                "transparency_lowers_trust_needed",
                "Regime transparency (democracies) reduces uncertainty and lowers the trust "
                "needed for cooperation, ameliorating the security dilemma.",
                _transparency,
            ),
            Prediction(
                "distinguishability_enables_signalling",
                "When offensive and defensive weapons can be distinguished, states can signal "
                "benign intentions with defensive weapons and cooperate.",
                _distinguishability,
            ),
            Prediction(
                "revisionism_drives_conflict",
                "Conflict results from revisionist states seeking power rather than from "
                "status-quo states' insecurity: status-quo states can cooperate, revisionist "
                "ones end in mutual defection.",
                _revisionism,
            ),
        )

    def solve(self, params: dict[str, Any]) -> ModelRun:
        """The game at the given variables and sweeps over each of them."""
        o, d, tau, rev = (
            params["offence_advantage"],
            params["distinguishability"],
            params["transparency"],
            params["revisionism"],
        )
        grid = np.linspace(0.0, 1.0, params["grid_points"])
        balance = pd.DataFrame(
            game_row(build_game(x, d, tau, rev), offence_advantage=float(x))
            for x in np.linspace(-1.0, 1.0, params["grid_points"])
        )
        game = build_game(o, d, tau, rev)
        row = game_row(game)
        summary = {
            "R": game.R,
            "S": game.S,
            "T": game.T,
            "P": game.P,
            "game": row["game"],
            "world": world(o, d),
            "equilibria": row["equilibria"],
            "trust_needed": row["trust_needed"],
        }
        tables = {
            "transparency": _sweep("transparency", grid, lambda v: build_game(o, d, v, rev)),
            "distinguishability": _sweep(
                "distinguishability", grid, lambda v: build_game(o, v, tau, rev)
            ),
            "revisionism": _sweep("revisionism", grid, lambda v: build_game(o, d, tau, v)),
        }
        return ModelRun(self.name, dict(params), balance, summary, tables)

    def draw(self, run: ModelRun, figure: Any) -> None:
        """Left: trust needed across the offence-defence balance; right: across transparency."""
        left, right = figure.subplots(1, 2)
        balance = run.table
        left.plot(balance["offence_advantage"], balance["trust_needed"], "o-", color="#8b0000")
        cooperative = balance[balance["mutual_cooperation"]]
        left.scatter(
            cooperative["offence_advantage"],
            cooperative["trust_needed"],
            s=60,
            facecolors="none",
            edgecolors="#1f4e79",
            label="(C,C) is an equilibrium",
        )
        left.axvline(0.0, color="grey", linewidth=0.8)
        left.set_xlabel("offence advantage (defence dominant  ←  →  offence dominant)")
        left.set_ylabel("trust needed to cooperate p*")
        left.set_title(f"Security dilemma: {run.summary['world']}")
        left.legend()
        for variable, style in (("transparency", "o-"), ("distinguishability", "s--")):
            sweep = run.tables[variable]
            right.plot(sweep[variable], sweep["trust_needed"], style, label=variable, alpha=0.8)
        right.set_xlabel("level (0 to 1)")
        right.set_ylabel("trust needed p*")
        right.set_title("Trust needed as uncertainty falls")
        right.legend()


def _sweep(variable: str, grid: np.ndarray, make: Any) -> pd.DataFrame:
    """Games along one variable's grid."""
    return pd.DataFrame(game_row(make(float(v)), **{variable: float(v)}) for v in grid)


def _arming_reduces_others_security(run: ModelRun) -> Evaluation:
    summary = run.summary
    # the other state's payoff when this one arms, against when it does not
    facing_cooperator = summary["R"] - summary["S"]
    facing_defector = summary["T"] - summary["P"]
    numbers = {"loss_if_cooperating": facing_cooperator, "loss_if_arming": facing_defector}
    holds = [facing_cooperator > 1e-9, facing_defector > 1e-9]
    detail = (
        f"when one state arms the other loses {facing_cooperator:.2f} if it stays defensive "
        f"and {facing_defector:.2f} if it arms too"
    )
    return Evaluation(share_verdict(holds), numbers, detail)


def _offence_dominance(run: ModelRun) -> Evaluation:
    rows = run.table[run.table["offence_advantage"] > 0]
    holds = rows["only_mutual_defection"].tolist()
    numbers = {"offence_points": float(len(holds)), "only_defection_points": float(sum(holds))}
    detail = (
        f"mutual defection is the only equilibrium at {sum(holds)}/{len(holds)} "
        "offence-dominant points"
    )
    return Evaluation(share_verdict(holds), numbers, detail)


def _defence_dominance(run: ModelRun) -> Evaluation:
    rows = run.table[run.table["offence_advantage"] < 0]
    holds = rows["mutual_cooperation"].tolist()
    numbers = {"defence_points": float(len(holds)), "cooperation_points": float(sum(holds))}
    detail = f"(C,C) is an equilibrium at {sum(holds)}/{len(holds)} defence-dominant points"
    return Evaluation(share_verdict(holds), numbers, detail)


def _lowers_trust(run: ModelRun, variable: str) -> Evaluation:
    sweep = run.tables[variable]
    trust = sweep["trust_needed"].to_numpy()
    lowered = trust[-1] < trust[0] - 1e-9
    cooperation = bool(sweep["mutual_cooperation"].iloc[-1])
    numbers = {
        "trust_at_zero": float(trust[0]),
        "trust_at_one": float(trust[-1]),
        "cooperation_at_one": float(cooperation),
    }
    detail = (
        f"trust needed {trust[0]:.2f} -> {trust[-1]:.2f} as {variable} goes 0 -> 1; "
        f"(C,C) {'is' if cooperation else 'is not'} an equilibrium at full {variable}"
    )
    if not lowered:
        return Evaluation("false", numbers, detail)
    return Evaluation("true" if is_monotone(trust) else "conditional", numbers, detail)


def _transparency(run: ModelRun) -> Evaluation:
    return _lowers_trust(run, "transparency")


def _distinguishability(run: ModelRun) -> Evaluation:
    return _lowers_trust(run, "distinguishability")


def _revisionism(run: ModelRun) -> Evaluation:
    sweep = run.tables["revisionism"]
    status_quo_cooperate = bool(sweep["mutual_cooperation"].iloc[0])
    revisionists_defect = bool(sweep["only_mutual_defection"].iloc[-1])
    numbers = {
        "status_quo_cooperation": float(status_quo_cooperate),
        "revisionist_only_defection": float(revisionists_defect),
    }
    detail = (
        f"status-quo states {'can' if status_quo_cooperate else 'cannot'} cooperate; "
        f"revisionist states {'end' if revisionists_defect else 'need not end'} in mutual defection"
    )
    return Evaluation(share_verdict([status_quo_cooperate, revisionists_defect]), numbers, detail)
