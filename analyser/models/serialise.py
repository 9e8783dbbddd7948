"""JSON-ready views of model runs and parameter sweeps."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from analyser.models.base import FormalModel, ModelRun


def plain(value: Any) -> Any:
    """``value`` with numpy scalars, arrays and frames turned into JSON types (NaN -> None)."""
    if isinstance(value, pd.DataFrame):
        return [plain(row) for row in value.to_dict(orient="records")]
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, np.ndarray):
        return [plain(item) for item in value.tolist()]
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [plain(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def format_value(value: Any) -> str:
    """A compact human-readable rendering of a parameter or summary value."""
    if isinstance(value, bool | np.bool_):
        return str(bool(value)).lower()
    if isinstance(value, float | np.floating):
        return f"{float(value):.6g}"
    if isinstance(value, list | tuple):
        return ",".join(format_value(item) for item in value)
    if value is None:
        return "-"
    return str(value)


def run_to_dict(model: FormalModel, run: ModelRun, include_tables: bool = True) -> dict[str, Any]:
    """A run with its parameters, summary, prediction verdicts and (optionally) its tables."""
    evaluations = model.evaluate(run)
    result: dict[str, Any] = {
        "model": model.name,
        "label": model.title,
        "theory": model.theory,
        "works": list(model.works),
        "params": plain(run.params),
        "summary": plain(run.summary),
        "predictions": [
            {
                "name": prediction.name,
                "text": prediction.text,
                "verdict": evaluations[prediction.name].verdict,
                "numbers": plain(evaluations[prediction.name].numbers),
                "detail": evaluations[prediction.name].detail,
            }
            for prediction in model.predictions
        ],
    }
    if include_tables:
        result["table"] = plain(run.table)
        result["tables"] = {name: plain(table) for name, table in run.tables.items()}
    return result
