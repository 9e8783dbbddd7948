"""The command line, through typer's runner and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fresh_process import ANALYSIS_STACK, modules_after
from typer.testing import CliRunner

import analyser.cli as cli
from analyser.cli import app

runner = CliRunner()


def _commands() -> list[str]:
    """Names of every registered command."""
    return [command.name or command.callback.__name__ for command in app.registered_commands]


def test_help_for_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in _commands():
        assert name in result.output
        sub = runner.invoke(app, [name, "--help"])
        assert sub.exit_code == 0, name
        assert "Usage" in sub.output


def test_help_loads_no_analysis_stack() -> None:
    assert not ANALYSIS_STACK & modules_after("import analyser.cli")


def test_run_through_runner(corpus_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(corpus_dir), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "documents" in result.output
    assert (tmp_path / "documents.csv").exists()


def test_nothing_processed_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["run", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no document could be processed" in result.output


def test_usage_error_exits_2() -> None:
    assert runner.invoke(app, ["run", "--jobs", "zero"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2


@pytest.mark.slow
def test_run_as_subprocess(corpus_dir: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "analyser", "run", str(corpus_dir), "-o", str(tmp_path)]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, completed.stderr
    assert "outputs written to" in completed.stdout
    lines = (tmp_path / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5


def test_parse_reference_fields_tokens_and_stdin() -> None:
    reference = (
        "Posen, Barry (1993) 'The Security Dilemma and Ethnic Conflict', *Survival* 35(1): 27-47."
    )
    fields = json.loads(runner.invoke(app, ["parse-reference", reference]).output)
    assert fields["authors"] == [{"family": "Posen", "given": "Barry"}]
    assert (fields["title"], fields["container"], fields["pages"]) == (
        "The Security Dilemma and Ethnic Conflict",
        "Survival",
        "27-47",
    )
    tokens = json.loads(
        runner.invoke(app, ["parse-reference", reference, "--format", "tokens"]).output
    )
    assert tokens[0] == ["Posen,", "author"]
    lines = runner.invoke(app, ["parse-reference"], input=f"{reference}\n\n{reference}\n").output
    assert len(lines.strip().splitlines()) == 2


def test_export_report_and_quick_looks(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli.out_console, "width", 200)  # tables unwrapped, whatever the terminal
    assert runner.invoke(app, ["run", str(corpus_dir), "-o", str(tmp_path)]).exit_code == 0
    (tmp_path / "graph.gexf").unlink()
    exported = runner.invoke(app, ["export", str(tmp_path), "--format", "gexf,bibtex"])
    assert exported.exit_code == 0 and (tmp_path / "graph.gexf").exists()
    refused = runner.invoke(app, ["export", str(tmp_path), "--format", "pdf"])
    assert refused.exit_code == 2 and "unknown format(s): pdf" in refused.output
    refused = runner.invoke(app, ["run", str(corpus_dir), "-o", str(tmp_path), "-f", "gephi"])
    assert refused.exit_code == 2 and "unknown format(s): gephi" in refused.output
    assert runner.invoke(app, ["export", str(tmp_path / "none")]).exit_code == 1
    (tmp_path / "report.html").unlink()
    assert runner.invoke(app, ["report", str(tmp_path)]).exit_code == 0
    assert (tmp_path / "report.html").exists()
    hypotheses = runner.invoke(app, ["hypotheses", str(corpus_dir), "-o", str(tmp_path)])
    assert hypotheses.exit_code == 0 and "collective_action" in hypotheses.output
    concepts = runner.invoke(app, ["concepts", str(corpus_dir), "-o", str(tmp_path), "--top", "10"])
    assert concepts.exit_code == 0 and "security dilemma" in concepts.output
