"""Small numerical functions shared by the models' predictions."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.stats import spearmanr


def rank_correlation(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Spearman's rho of ``x`` and ``y``; None when either is constant or has < 2 values."""
    a = np.asarray(x, dtype=float)
    b = np.asarray(y, dtype=float)
    if len(a) < 2 or np.ptp(a) <= 1e-12 or np.ptp(b) <= 1e-12:
        return None
    return float(spearmanr(a, b).statistic)


def is_monotone(values: Sequence[float], decreasing: bool = True, tolerance: float = 1e-9) -> bool:
    """Whether ``values`` never rise (``decreasing``) or never fall, up to ``tolerance``."""
    steps = np.diff(np.asarray(values, dtype=float))
    return bool(np.all(steps <= tolerance) if decreasing else np.all(steps >= -tolerance))


def shares(values: Sequence[float]) -> np.ndarray:
    """Each value's share of the total (equal shares when the total is zero)."""
    array = np.asarray(values, dtype=float)
    total = array.sum()
    return array / total if total > 0 else np.full(len(array), 1.0 / len(array))
