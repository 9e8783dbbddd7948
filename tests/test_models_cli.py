"""The models command line (list, show, run) through typer's CliRunner."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from analyser.models.cli import models_app

app = typer.Typer()
app.add_typer(models_app, name="models")
runner = CliRunner()


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["models", *args], env={"COLUMNS": "200"})


def test_list_names_every_model() -> None:
    result = invoke("list")
    assert result.exit_code == 0, result.output
    for name in ("collective_action", "joint_product", "security_dilemma", "arms_race"):
        assert name in result.output
    assert "alliance_restraint" in result.output


def test_show_gives_parameters_predictions_and_works() -> None:
    result = invoke("show", "collective_action")
    assert result.exit_code == 0, result.output
    assert "incomes" in result.output and "10,8,6,4,2" in result.output
    assert "burden_rises_with_income" in result.output
    assert "Olson and Zeckhauser 1966" in result.output


def test_run_with_parameters_prints_tables_and_saves_a_plot(tmp_path) -> None:
    plot = tmp_path / "ca.png"
    result = invoke(
        "run",
        "collective_action",
        "--set",
        "incomes=10,5,2",
        "--set",
        "alpha=0.5",
        "--plot",
        str(plot),
    )
    assert result.exit_code == 0, result.output
    assert "efficient_defence" in result.output and "8.5" in result.output
    assert "burden_rises_with_income" in result.output
    assert plot.read_bytes().startswith(b"\x89PNG")


def test_run_json_reports_params_summary_and_verdicts() -> None:
    result = invoke(
        "run",
        "arms_race",
        "--set",
        "k=2",
        "--set",
        "a=5",
        "--set",
        "g=5",
        "--set",
        "l=2",
        "--set",
        "b=3",
        "--set",
        "h=5",
        "--json",
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["params"]["k"] == 2.0
    assert abs(document["summary"]["equilibrium_x"] - 25 / 11) < 1e-9
    verdicts = {p["name"]: p["verdict"] for p in document["predictions"]}
    assert verdicts["stable_equilibrium"] == "true"


def test_run_sweep_as_json_and_plot(tmp_path) -> None:
    plot = tmp_path / "sweep.png"
    result = invoke(
        "run", "security_dilemma", "--sweep", "transparency=0:1:5", "--json", "--plot", str(plot)
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    assert [row["transparency"] for row in rows] == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert rows[0]["trust_needed"] == 1.0 and rows[-1]["trust_needed"] == 0.0
    assert plot.read_bytes().startswith(b"\x89PNG")


def test_sweep_table_output() -> None:
    result = invoke("run", "collective_action", "--sweep", "alpha=0.2:0.8:3")
    assert result.exit_code == 0, result.output
    assert "sweep over alpha" in result.output


def test_errors_are_clear() -> None:
    unknown = invoke("run", "collective_action", "--set", "beta=1")
    assert unknown.exit_code == 2
    assert "no parameter 'beta'" in unknown.output
    bounds = invoke("run", "collective_action", "--set", "alpha=3")
    assert bounds.exit_code == 2
    assert "out of bounds" in bounds.output
    model = invoke("show", "nope")
    assert model.exit_code == 2
    assert "unknown model" in model.output
    malformed = invoke("run", "arms_race", "--set", "k")
    assert malformed.exit_code == 2
    assert "name=value" in malformed.output
