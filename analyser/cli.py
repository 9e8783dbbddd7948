"""The ``analyser`` command line: thin wrappers from options to pipeline calls to rich output."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from analyser import __version__
from analyser.config import Settings
from analyser.engines import ENGINES
from analyser.ingest import DEFAULT_MAX_FILE_SIZE
from analyser.lock import OutputLocked
from analyser.nlp import ModelNotInstalled
from analyser.pipeline import RunSummary, run

app = typer.Typer(
    name="analyser",
    help="Map a security-studies literature: citations, works, concepts, hypotheses, "
    "positions, and the formal models behind them.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)
out_console = Console()

Jobs = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction.")]
Model = Annotated[
    str | None,
    typer.Option("--model", help="Installed spaCy pipeline to use (default: en_core_web_sm)."),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show full tracebacks on errors.")]


def _version(value: bool) -> None:
    """Print the version and stop."""
    if value:
        out_console.print(f"analyser {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Map a security-studies literature from its full texts."""


def _summary_table(summary: RunSummary) -> Table:
    """The end-of-run table of counts."""
    table = Table(title="analyser run", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    for label in ("documents", "paragraphs", "citations", "references", "concepts", "hypotheses"):
        table.add_row(label, str(getattr(summary, label)))
    table.add_row("problems", str(summary.problems), style="yellow" if summary.problems else None)
    table.add_row("re-used from the store", str(summary.reused))
    table.add_row("extracted now", str(summary.extracted))
    return table


def _fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error and return the exit to raise."""
    console.print(f"[red]error:[/red] {message}")
    return typer.Exit(code)


@app.command("run")
def run_command(
    corpus: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("outputs"),
    jobs: Jobs = 1,
    model: Model = None,
    seed: Annotated[int, typer.Option(help="Seed for every random step.")] = 0,
    engine: Annotated[
        str, typer.Option(help="Where extraction runs: 'local' processes or a 'dask' cluster.")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); default: a local cluster."),
    ] = None,
    max_file_size: Annotated[
        int, typer.Option(help="Largest file read, in bytes; larger ones become problem rows.")
    ] = DEFAULT_MAX_FILE_SIZE,
    debug: Debug = False,
) -> None:
    """Analyse CORPUS into the output folder: tables, graph exports, map and report.

    Exit codes: 0 done (even with problem rows), 1 nothing could be processed, 2 usage error.
    """
    if engine not in ENGINES:
        raise _fail(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}", code=2)
    settings = Settings(
        model=model,
        jobs=jobs,
        seed=seed,
        engine=engine,
        scheduler=scheduler,
        max_file_size=max_file_size,
    )
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    try:
        with Progress(*columns, console=console, transient=True) as progress:
            bar = progress.add_task("extracting", total=None)
            summary = run(
                corpus,
                out,
                settings,
                lambda _, done, total: progress.update(bar, completed=done, total=total),
            )
    except (ModelNotInstalled, OutputLocked) as error:
        raise _fail(str(error)) from None
    except KeyboardInterrupt:
        console.print(
            f"[yellow]interrupted[/yellow]: every document finished so far is saved in "
            f"{out / 'analyser.sqlite'}; run the same command again to resume"
        )
        raise typer.Exit(130) from None
    except Exception as error:
        if debug:
            raise
        raise _fail(
            f"{type(error).__name__}: {error} (run with --debug for the traceback)"
        ) from None
    out_console.print(_summary_table(summary))
    out_console.print(f"outputs written to [bold]{summary.out_dir}[/bold]")
    if summary.problems:
        out_console.print(f"{summary.problems} file(s) could not be analysed: see problems.csv")
    if summary.documents == 0:
        raise _fail("no document could be processed")
