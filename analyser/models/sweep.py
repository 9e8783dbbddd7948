"""Running a model across a range of one parameter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analyser.models.base import FormalModel
from analyser.models.plotting import save_figure


def parse_range(spec: str) -> tuple[str, np.ndarray]:
    """``"param=start:stop:steps"`` -> (param, evenly spaced values); ValueError if malformed."""
    name, separator, bounds = spec.partition("=")
    parts = bounds.split(":")
    if not separator or not name.strip() or len(parts) != 3:
        raise ValueError(f"sweep must look like param=start:stop:steps, got {spec!r}")
    try:
        start, stop, steps = float(parts[0]), float(parts[1]), int(parts[2])
    except ValueError:
        raise ValueError(f"sweep bounds must be numbers and steps an integer: {spec!r}") from None
    if steps < 2:
        raise ValueError(f"a sweep needs at least 2 steps, got {steps}")
    return name.strip(), np.linspace(start, stop, steps)


def sweep(
    model: FormalModel, params: Mapping[str, Any], name: str, values: Sequence[float]
) -> pd.DataFrame:
    """One row per value of ``name``: the value, the scalar summary numbers and every verdict."""
    parameter = model.parameter(name)
    if parameter.kind == "floats":
        raise ValueError(f"cannot sweep list parameter {name!r}")
    rows = []
    for value in values:
        point = value if parameter.kind == "float" else round(float(value))
        run = model.run({**params, name: point})
        row: dict[str, Any] = {name: run.params[name]}
        row.update(
            {
                key: item
                for key, item in run.summary.items()
                if isinstance(item, int | float | np.number) and not isinstance(item, bool)
            }
        )
        row.update({p: e.verdict for p, e in model.evaluate(run).items()})
        rows.append(row)
    return pd.DataFrame(rows)


def plot_sweep(table: pd.DataFrame, name: str, path: str | Path) -> Path:
    """Save a PNG of every numeric summary column against the swept parameter."""
    numeric = [
        column
        for column in table.columns
        if column != name
        and pd.api.types.is_numeric_dtype(table[column])
        and not pd.api.types.is_bool_dtype(table[column])
    ]

    def draw(figure: Figure) -> None:
        axes = figure.subplots(1, 1)
        for column in numeric:
            axes.plot(table[name], table[column], "o-", label=column, markersize=3)
        axes.set_xlabel(name)
        axes.set_title(f"sweep over {name}")
        if numeric:
            axes.legend(fontsize="small")

    return save_figure(draw, path)
