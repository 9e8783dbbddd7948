"""The one interface every runnable formal model implements.

A model has typed, bounded parameters; ``run(params)`` solves it and returns a ``ModelRun``
(a result table, supplementary tables and a summary); its named predictions each evaluate a
run to ``true``, ``false`` or ``conditional`` with the numbers behind the verdict.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

import pandas as pd

Verdict = Literal["true", "false", "conditional"]
ParamKind = Literal["float", "int", "floats"]
VERDICTS: tuple[Verdict, ...] = ("true", "false", "conditional")


@dataclass(frozen=True)
class Parameter:
    """A typed model parameter with a default, inclusive bounds and a help text.

    ``kind`` is ``float``, ``int`` or ``floats`` (a list of floats, each within the bounds,
    whose length lies within ``length``).
    """

    name: str
    kind: ParamKind
    default: Any
    bounds: tuple[float, float]
    help: str
    length: tuple[int, int] = (1, 1)

    def coerce(self, value: Any) -> Any:
        """The value converted to this parameter's type and checked; ValueError when invalid."""
        if self.kind == "floats":
            return self._coerce_list(value)
        number = self._number(value)
        if self.kind == "int":
            if not float(number).is_integer():
                raise ValueError(f"parameter {self.name!r} must be an integer, got {value!r}")
            number = int(number)
        self._check_bounds(number)
        return number

    def describe_type(self) -> str:
        """A short human-readable type, e.g. ``float`` or ``list of 1-12 floats``."""
        if self.kind != "floats":
            return self.kind
        low, high = self.length
        return f"list of {low}-{high} floats"

    def _coerce_list(self, value: Any) -> list[float]:
        items = (
            [part for part in value.split(",") if part.strip()] if isinstance(value, str) else value
        )
        if not isinstance(items, Sequence):
            raise ValueError(f"parameter {self.name!r} must be a list of numbers, got {value!r}")
        numbers = [self._number(item) for item in items]
        low, high = self.length
        if not low <= len(numbers) <= high:
            raise ValueError(
                f"parameter {self.name!r} needs {low} to {high} values, got {len(numbers)}"
            )
        for number in numbers:
            self._check_bounds(number)
        return numbers

    def _number(self, value: Any) -> float:
        if isinstance(value, bool):
            raise ValueError(f"parameter {self.name!r} must be a number, got {value!r}")
        try:
            number = float(value.strip()) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            raise ValueError(f"parameter {self.name!r} must be a number, got {value!r}") from None
        if not math.isfinite(number):
            raise ValueError(f"parameter {self.name!r} must be finite, got {value!r}")
        return number

    def _check_bounds(self, number: float) -> None:
        low, high = self.bounds
        if not low <= number <= high:
            raise ValueError(
                f"parameter {self.name!r} = {number:g} is out of bounds [{low:g}, {high:g}]"
            )


@dataclass
class ModelRun:
    """The result of one model run: the parameters used, a result table and a summary."""

    model: str
    params: dict[str, Any]
    table: pd.DataFrame
    summary: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


@dataclass(frozen=True)
class Evaluation:
    """A prediction's verdict on one run, with the numbers behind it."""

    verdict: Verdict
    numbers: dict[str, float]
    detail: str

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")


@dataclass(frozen=True)
class Prediction:
    """A named proposition of a model, checked against a run by ``evaluate``."""

    name: str
    text: str
    check: Callable[[ModelRun], Evaluation]

    def evaluate(self, run: ModelRun) -> Evaluation:
        """This prediction's verdict on ``run``."""
        return self.check(run)


def share_verdict(holds: Sequence[bool]) -> Verdict:
    """``true`` when a proposition holds at every point, ``false`` at none, else conditional."""
    if not holds:
        return "false"
    if all(holds):
        return "true"
    return "false" if not any(holds) else "conditional"


class FormalModel(ABC):
    """Base class of the runnable models: metadata, validated parameters, run, predictions."""

    name: ClassVar[str]
    title: ClassVar[str]
    theory: ClassVar[str]
    description: ClassVar[str]
    works: ClassVar[tuple[str, ...]]
    concepts: ClassVar[tuple[str, ...]]
    parameters: ClassVar[tuple[Parameter, ...]]

    @property
    @abstractmethod
    def predictions(self) -> tuple[Prediction, ...]:
        """The model's named predictions."""

    @abstractmethod
    def solve(self, params: dict[str, Any]) -> ModelRun:
        """Solve the model for already validated parameters."""

    @abstractmethod
    def draw(self, run: ModelRun, figure: Any) -> None:
        """Draw ``run`` onto a matplotlib figure."""

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name``; ValueError listing the known ones otherwise."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters)
        raise ValueError(f"model {self.name!r} has no parameter {name!r} (known: {known})")

    def defaults(self) -> dict[str, Any]:
        """The default value of every parameter."""
        return {p.name: p.coerce(p.default) for p in self.parameters}

    def resolve(self, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Defaults overridden by ``params``, each validated; ValueError on a bad name or value."""
        resolved = self.defaults()
        for name, value in (params or {}).items():
            resolved[name] = self.parameter(name).coerce(value)
        problems = self.inconsistencies(resolved)
        if problems:
            raise ValueError("; ".join(problems))
        return resolved

    def inconsistencies(self, params: dict[str, Any]) -> list[str]:
        """Cross-parameter problems (e.g. list lengths that must agree); none by default."""
        return []

    def run(self, params: Mapping[str, Any] | None = None) -> ModelRun:
        """Validate ``params`` (missing ones take their defaults) and solve the model."""
        return self.solve(self.resolve(params))

    def prediction(self, name: str) -> Prediction:
        """The prediction called ``name``; ValueError otherwise."""
        for prediction in self.predictions:
            if prediction.name == name:
                return prediction
        raise ValueError(f"model {self.name!r} has no prediction {name!r}")

    def evaluate(self, run: ModelRun) -> dict[str, Evaluation]:
        """Every prediction's verdict on ``run``, by prediction name."""
        return {p.name: p.evaluate(run) for p in self.predictions}

    def plot(self, run: ModelRun, path: str | Path) -> Path:
        """Draw ``run`` and save it as a PNG at ``path`` (written atomically)."""
        from analyser.models.plotting import save_figure

        return save_figure(lambda figure: self.draw(run, figure), path)

    def describe(self) -> dict[str, Any]:
        """The model's metadata as a JSON-ready dict."""
        return {
            "name": self.name,
            "label": self.title,
            "theory": self.theory,
            "description": self.description,
            "works": list(self.works),
            "concepts": list(self.concepts),
            "parameters": [
                {
                    "name": p.name,
                    "type": p.describe_type(),
                    "default": p.default,
                    "bounds": list(p.bounds),
                    "help": p.help,
                }
                for p in self.parameters
            ],
            "predictions": [{"name": p.name, "text": p.text} for p in self.predictions],
        }
