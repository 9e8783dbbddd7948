"""Command line for the runnable models: ``list``, ``show NAME`` and ``run NAME``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from analyser.models.base import FormalModel, ModelRun
from analyser.models.serialise import format_value, plain, run_to_dict

if TYPE_CHECKING:
    import pandas as pd

# The registry (with the models' numerical stack) and the sweeps (with matplotlib) are imported
# by the commands that use them, so that `analyser --help` stays quick.

models_app = typer.Typer(
    help="Runnable formal models: list them, show one, run one with your parameters.",
    no_args_is_help=True,
)
MAX_ROWS = 25
VERDICT_STYLE = {"true": "green", "false": "red", "conditional": "yellow"}


def _console() -> Console:
    return Console(width=160)


def _model(name: str) -> FormalModel:
    from analyser.models.registry import get_model

    try:
        return get_model(name)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="NAME") from None


def parse_assignments(assignments: list[str]) -> dict[str, str]:
    """``["k=2", "incomes=10,5,2"]`` -> ``{"k": "2", "incomes": "10,5,2"}``."""
    params: dict[str, str] = {}
    for assignment in assignments:
        name, separator, value = assignment.partition("=")
        if not separator or not name.strip():
            raise typer.BadParameter(f"expected name=value, got {assignment!r}", param_hint="--set")
        params[name.strip()] = value.strip()
    return params


@models_app.command("list")
def list_models() -> None:
    """List the models with their theory and the works they formalise."""
    from analyser.models.registry import all_models

    table = Table(title="Runnable models")
    for column in ("name", "theory", "works formalised", "predictions"):
        table.add_column(column)
    for model in all_models():
        table.add_row(model.name, model.theory, "; ".join(model.works), str(len(model.predictions)))
    _console().print(table)


@models_app.command("show")
def show(name: Annotated[str, typer.Argument(help="model name, see `list`")]) -> None:
    """Show a model's parameters, predictions, works and concepts."""
    model = _model(name)
    console = _console()
    console.print(f"[bold]{model.title}[/bold] ({model.name})")
    console.print(f"theory: {model.theory}")
    console.print(model.description)
    console.print(f"works formalised: {'; '.join(model.works)}")
    console.print(f"concepts: {', '.join(model.concepts)}")
    parameters = Table(title="parameters")
    for column in ("name", "type", "default", "bounds", "help"):
        parameters.add_column(column)
    for p in model.parameters:
        bounds = f"[{format_value(p.bounds[0])}, {format_value(p.bounds[1])}]"
        parameters.add_row(p.name, p.describe_type(), format_value(p.default), bounds, p.help)
    console.print(parameters)
    predictions = Table(title="predictions")
    predictions.add_column("name")
    predictions.add_column("text")
    for prediction in model.predictions:
        predictions.add_row(prediction.name, prediction.text)
    console.print(predictions)


@models_app.command("run")
def run(
    name: Annotated[str, typer.Argument(help="model name, see `list`")],
    assignments: Annotated[
        list[str] | None,
        typer.Option("--set", help="parameter value, e.g. --set alpha=0.3 --set incomes=10,5,2"),
    ] = None,
    sweep_spec: Annotated[
        str | None,
        typer.Option("--sweep", help="run across a parameter range: param=start:stop:steps"),
    ] = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="save a PNG plot here")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON instead of tables")] = False,
) -> None:
    """Run a model with default or given parameters and check its predictions."""
    from analyser.models.sweep import parse_range

    model = _model(name)
    params = parse_assignments(assignments or [])
    try:
        if sweep_spec:
            parameter, values = parse_range(sweep_spec)
            _run_sweep(model, params, parameter, values.tolist(), plot, as_json)
            return
        result = model.run(params)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    if plot is not None:
        model.plot(result, plot)
    if as_json:
        typer.echo(json.dumps(run_to_dict(model, result), indent=2))
        return
    _print_run(model, result)
    if plot is not None:
        _console().print(f"plot saved to {plot}")


def _run_sweep(
    model: FormalModel,
    params: dict[str, str],
    parameter: str,
    values: list[float],
    plot: Path | None,
    as_json: bool,
) -> None:
    from analyser.models.sweep import plot_sweep, sweep

    table = sweep(model, params, parameter, values)
    if plot is not None:
        plot_sweep(table, parameter, plot)
    if as_json:
        typer.echo(
            json.dumps({"model": model.name, "sweep": parameter, "rows": plain(table)}, indent=2)
        )
        return
    _console().print(_frame_table(table, f"{model.name}: sweep over {parameter}"))
    if plot is not None:
        _console().print(f"plot saved to {plot}")


def _print_run(model: FormalModel, result: ModelRun) -> None:
    console = _console()
    summary = Table(title=f"{model.name}: summary")
    summary.add_column("quantity")
    summary.add_column("value")
    for key, value in result.params.items():
        summary.add_row(f"param {key}", format_value(value))
    for key, value in result.summary.items():
        summary.add_row(
            key, format_value(value) if not isinstance(value, list) else _regions(value)
        )
    console.print(summary)
    console.print(_frame_table(result.table, f"{model.name}: result table"))
    predictions = Table(title=f"{model.name}: predictions")
    for column in ("prediction", "verdict", "numbers behind it"):
        predictions.add_column(column)
    for prediction_name, evaluation in model.evaluate(result).items():
        style = VERDICT_STYLE[evaluation.verdict]
        predictions.add_row(
            prediction_name, f"[{style}]{evaluation.verdict}[/{style}]", evaluation.detail
        )
    console.print(predictions)


def _regions(value: list[Any]) -> str:
    if value and isinstance(value[0], dict):
        return "; ".join(
            f"{item.get('outcome')} {format_value(item.get('from'))}-{format_value(item.get('to'))}"
            for item in value
        )
    return format_value(value)


def _frame_table(frame: pd.DataFrame, title: str) -> Table:
    """A rich table of at most MAX_ROWS evenly spaced rows of ``frame``."""
    shown = frame
    if len(frame) > MAX_ROWS:
        step = -(-len(frame) // MAX_ROWS)
        shown = frame.iloc[::step]
        title = f"{title} (every {step}th of {len(frame)} rows)"
    table = Table(title=title)
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in shown.itertuples(index=False):
        table.add_row(*(format_value(value) for value in row))
    return table
