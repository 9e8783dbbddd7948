"""Richardson's arms race model (Richardson 1960).

    dx/dt = k y - a x + g,    dy/dt = l x - b y + h

k and l are the reactions to the rival's arms (defence), a and b the fatigue/restraint on one's
own, g and h the standing grievances. The equilibrium is x* = (k h + b g) / (a b - k l),
y* = (l g + a h) / (a b - k l); it is stable iff a b > k l. Trajectories are integrated with
scipy's solve_ivp, stopping when armaments pass a runaway ceiling.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.integrate import solve_ivp

from analyser.models.base import (
    Evaluation,
    FormalModel,
    ModelRun,
    Parameter,
    Prediction,
    share_verdict,
)

RUNAWAY_CEILING = 1e6
POINTS = 201


def richardson_matrix(params: dict[str, Any]) -> np.ndarray:
    """The linear system's matrix [[-a, k], [l, -b]]."""
    return np.array([[-params["a"], params["k"]], [params["l"], -params["b"]]], dtype=float)


def equilibrium(params: dict[str, Any]) -> tuple[float, float] | None:
    """The rest point (x*, y*), or None when a b = k l (no unique rest point)."""
    determinant = params["a"] * params["b"] - params["k"] * params["l"]
    if abs(determinant) < 1e-12:
        return None
    x = (params["k"] * params["h"] + params["b"] * params["g"]) / determinant
    y = (params["l"] * params["g"] + params["a"] * params["h"]) / determinant
    return float(x), float(y)


def simulate(params: dict[str, Any], x0: float, y0: float) -> pd.DataFrame:
    """The trajectory from (x0, y0) up to t_max, or until the runaway ceiling is reached."""
    matrix = richardson_matrix(params)
    drift = np.array([params["g"], params["h"]], dtype=float)

    def rates(_t: float, state: np.ndarray) -> np.ndarray:
        return matrix @ state + drift

    def runaway(_t: float, state: np.ndarray) -> float:
        return RUNAWAY_CEILING - float(np.max(np.abs(state)))

    runaway.terminal = True  # type: ignore[attr-defined]
    times = np.linspace(0.0, params["t_max"], POINTS)
    solution = solve_ivp(
        rates,
        (0.0, params["t_max"]),
        [x0, y0],
        t_eval=times,
        events=runaway,
        rtol=1e-9,
        atol=1e-12,
        method="RK45",
    )
    return pd.DataFrame({"t": solution.t, "x": solution.y[0], "y": solution.y[1]})


class ArmsRace(FormalModel):
    """Richardson's action-reaction arms race: stable equilibrium or runaway spiral."""

    name = "arms_race"
    title = "Richardson arms race"
    theory = "arms race / security spiral"
    description = (
        "Two rivals adjust their armaments in reaction to each other's arms, restrained by the "
        "burden of their own and pushed by grievances. When one state arms the other follows "
        "suit; when mutual reactions outweigh restraint the arms race becomes a runaway "
        "security spiral, otherwise armaments settle at a stable equilibrium."
    )
    works = ("Richardson 1960", "Intriligator 1964")
    concepts = (
        "arms race",
        "security spiral",
        "arms buildup",
        "action-reaction",
        "grievance",
        "escalation",
    )
    parameters = (
        Parameter("k", "float", 0.9, (0.0, 10.0), "X's reaction to Y's armaments"),
        Parameter("l", "float", 0.9, (0.0, 10.0), "Y's reaction to X's armaments"),
        Parameter("a", "float", 0.5, (0.0, 10.0), "X's fatigue (restraint on its own arms)"),
        Parameter("b", "float", 0.5, (0.0, 10.0), "Y's fatigue (restraint on its own arms)"),
        Parameter("g", "float", 1.0, (-100.0, 100.0), "X's grievance (standing drive to arm)"),
        Parameter("h", "float", 1.0, (-100.0, 100.0), "Y's grievance (standing drive to arm)"),
        Parameter("x0", "float", 1.0, (-1000.0, 1000.0), "X's initial armaments"),
        Parameter("y0", "float", 1.0, (-1000.0, 1000.0), "Y's initial armaments"),
        Parameter("t_max", "float", 10.0, (0.1, 100.0), "time horizon"),
    )

    @property
    def predictions(self) -> tuple[Prediction, ...]:
        """Reaction (follow suit), runaway spiral, stable equilibrium."""
        return (
            Prediction(
                "arming_provokes_counter_arming",
                "When one state arms, the other follows suit: each side's armaments rise with "
                "the other's.",
                _follow_suit,
            ),
            Prediction(
                "runaway_security_spiral",
                "Counter-arming produces an escalating security spiral: a runaway arms race when "
                "mutual reactions outweigh restraint.",
                _runaway,
            ),
            Prediction(
                "stable_equilibrium",
                "When restraint outweighs reactions the arms race settles at a stable equilibrium "
                "that rises with grievances.",
                _stable,
            ),
        )

    def solve(self, params: dict[str, Any]) -> ModelRun:
        """The trajectory, the rest point, the eigenvalues and the follow-suit comparisons."""
        trajectory = simulate(params, params["x0"], params["y0"])
        eigenvalues = np.sort(np.linalg.eigvals(richardson_matrix(params)).real)
        rest = equilibrium(params)
        last = trajectory.iloc[-1]
        anchor = np.array(rest if rest is not None else (0.0, 0.0))
        start = np.array([params["x0"], params["y0"]])
        end = np.array([last["x"], last["y"]])
        diverging = np.linalg.norm(end - anchor) > np.linalg.norm(start - anchor)
        escalating = bool(np.all(end > start))
        runaway = bool(eigenvalues[-1] > 0 and diverging and escalating)
        summary = {
            "equilibrium_x": None if rest is None else rest[0],
            "equilibrium_y": None if rest is None else rest[1],
            "eigenvalue_1": float(eigenvalues[0]),
            "eigenvalue_2": float(eigenvalues[1]),
            "stable": bool(params["a"] * params["b"] > params["k"] * params["l"]),
            "runaway": runaway,
            "final_t": float(last["t"]),
            "final_x": float(last["x"]),
            "final_y": float(last["y"]),
        }
        shocks = pd.DataFrame(
            [
                _shock_row(params, "x", trajectory),
                _shock_row(params, "y", trajectory),
            ]
        )
        return ModelRun(self.name, dict(params), trajectory, summary, {"shocks": shocks})

    def draw(self, run: ModelRun, figure: Any) -> None:
        """Left: armaments over time; right: the phase plane with the nullclines."""
        left, right = figure.subplots(1, 2)
        path = run.table
        left.plot(path["t"], path["x"], label="x (state X)")
        left.plot(path["t"], path["y"], label="y (state Y)")
        if run.summary["equilibrium_x"] is not None and run.summary["stable"]:
            left.axhline(run.summary["equilibrium_x"], linestyle="--", color="C0", linewidth=0.8)
            left.axhline(run.summary["equilibrium_y"], linestyle="--", color="C1", linewidth=0.8)
        left.set_xlabel("time")
        left.set_ylabel("armaments")
        left.set_title("runaway spiral" if run.summary["runaway"] else "arms race")
        left.legend()
        p = run.params
        right.plot(path["x"], path["y"], color="#1f4e79", label="trajectory")
        xs = np.linspace(min(path["x"].min(), 0.0), max(path["x"].max(), 1.0), 50)
        if p["k"] > 0:
            right.plot(xs, (p["a"] * xs - p["g"]) / p["k"], "--", label="dx/dt = 0")
        if p["b"] > 0:
            right.plot(xs, (p["l"] * xs + p["h"]) / p["b"], ":", label="dy/dt = 0")
        right.set_ylim(min(path["y"].min(), 0.0), max(path["y"].max(), 1.0) * 1.1)
        right.set_xlabel("x")
        right.set_ylabel("y")
        right.set_title("phase plane")
        right.legend()


def _shock_row(params: dict[str, Any], armed: str, base: pd.DataFrame) -> dict[str, Any]:
    """The rival's largest response along the path when ``armed`` starts one unit higher."""
    rival = "y" if armed == "x" else "x"
    x0 = params["x0"] + (1.0 if armed == "x" else 0.0)
    y0 = params["y0"] + (1.0 if armed == "y" else 0.0)
    shocked = simulate(params, x0, y0)
    steps = min(len(shocked), len(base))  # both runs share t_eval; compare where both exist
    change = shocked[rival].to_numpy()[:steps] - base[rival].to_numpy()[:steps]
    peak = int(np.argmax(np.abs(change)))
    return {
        "armed": armed,
        "rival": rival,
        "t": float(base["t"].iloc[peak]),
        "rival_change": float(change[peak]),
    }


def _follow_suit(run: ModelRun) -> Evaluation:
    shocks = run.tables["shocks"]
    holds = [bool(change > 1e-6) for change in shocks["rival_change"]]
    numbers = {f"{row.rival}_response": float(row.rival_change) for row in shocks.itertuples()}
    detail = ", ".join(
        f"arming {row.armed} by 1 moves {row.rival} by up to {row.rival_change:+.3g}"
        for row in shocks.itertuples()
    )
    return Evaluation(share_verdict(holds), numbers, detail)


def _runaway(run: ModelRun) -> Evaluation:
    summary = run.summary
    numbers = {
        "largest_eigenvalue": summary["eigenvalue_2"],
        "restraint_ab": run.params["a"] * run.params["b"],
        "reaction_kl": run.params["k"] * run.params["l"],
    }
    holds = summary["runaway"]
    detail = (
        f"a*b = {numbers['restraint_ab']:.3g} vs k*l = {numbers['reaction_kl']:.3g}; largest "
        f"eigenvalue {summary['eigenvalue_2']:.3f}: "
        + ("armaments run away" if holds else "no runaway")
    )
    return Evaluation("true" if holds else "false", numbers, detail)


def _stable(run: ModelRun) -> Evaluation:
    summary = run.summary
    params = run.params
    numbers = {"largest_eigenvalue": summary["eigenvalue_2"]}
    if not summary["stable"] or summary["equilibrium_x"] is None:
        return Evaluation("false", numbers, "reactions outweigh restraint: no stable equilibrium")
    distance = float(
        np.hypot(
            summary["final_x"] - summary["equilibrium_x"],
            summary["final_y"] - summary["equilibrium_y"],
        )
    )
    raised = equilibrium({**params, "g": params["g"] + 1.0, "h": params["h"] + 1.0})
    rises = (
        raised is not None
        and raised[0] > summary["equilibrium_x"]
        and raised[1] > summary["equilibrium_y"]
    )
    numbers.update({"distance_to_equilibrium": distance, "rises_with_grievance": float(rises)})
    settled = distance <= 1e-2 * max(
        1.0, abs(summary["equilibrium_x"]), abs(summary["equilibrium_y"])
    )
    detail = (
        f"rest point ({summary['equilibrium_x']:.3f}, {summary['equilibrium_y']:.3f}); "
        f"trajectory ends {distance:.2g} away"
    )
    return Evaluation(share_verdict([settled, rises]), numbers, detail)
