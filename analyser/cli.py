"""The ``analyser`` command line: thin wrappers from options to pipeline calls to rich output."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from analyser import __version__
from analyser.codec import to_dict
from analyser.config import ModelNotInstalled, Settings
from analyser.export import FORMATS, chosen_formats
from analyser.ingest import DEFAULT_MAX_FILE_SIZE
from analyser.lock import OutputLocked
from analyser.models.cli import models_app
from analyser.pipeline import FIGURES, RunSummary, run
from analyser.records import Corpus

# The commands import what they run (the NLP stack, the corpus steps, the writers) when they
# run it, so that `analyser --help` and a run that finds nothing changed stay quick.

app = typer.Typer(
    name="analyser",
    help="Map a security-studies literature: citations, works, concepts, hypotheses, "
    "positions, and the formal models behind them.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(models_app, name="models", help="List, inspect and run the formal models.")
console = Console(stderr=True)
out_console = Console()

Jobs = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction.")]
Model = Annotated[
    str | None,
    typer.Option("--model", help="Installed spaCy pipeline to use (default: en_core_web_sm)."),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show full tracebacks on errors.")]


class VosviewerMap(StrEnum):
    """The kinds of VOSviewer map."""

    concepts = "concepts"
    citations = "citations"


class Engine(StrEnum):
    """Where per-document extraction runs."""

    local = "local"
    dask = "dask"


class ReferenceOutput(StrEnum):
    """What `parse-reference` prints."""

    fields = "fields"
    tokens = "tokens"


Formats = Annotated[
    str,
    typer.Option(
        "--format", "-f", help=f"Exports, comma-separated: {', '.join(FORMATS)}; all; none."
    ),
]
VosviewerOption = Annotated[
    VosviewerMap,
    typer.Option(help="VOSviewer map: concept co-occurrence or work co-citation."),
]


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
    for label in FIGURES:
        table.add_row(label, str(getattr(summary, label)))
    table.add_row("problems", str(summary.problems), style="yellow" if summary.problems else None)
    table.add_row("re-used from the store", str(summary.reused))
    table.add_row("extracted now", str(summary.extracted))
    return table


def _formats(text: str) -> frozenset[str]:
    """The export formats named on the command line; a usage error for unknown ones."""
    try:
        return chosen_formats(text)
    except ValueError as error:
        raise _fail(str(error), 2) from None


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
    lexicon: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="Your own concept lexicon (TOML) to merge."),
    ] = None,
    positions: Annotated[
        int | None, typer.Option(min=2, help="Number of positions (default: chosen from the data).")
    ] = None,
    formats: Formats = "all",
    vosviewer: VosviewerOption = VosviewerMap.concepts,
    engine: Annotated[
        Engine, typer.Option(help="Where extraction runs: local processes or a Dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); default: a local cluster."),
    ] = None,
    max_file_size: Annotated[
        int, typer.Option(help="Largest file read, in bytes; larger ones become problem rows.")
    ] = DEFAULT_MAX_FILE_SIZE,
    debug: Debug = False,
) -> None:
    """Analyse CORPUS into the output folder: tables, report, model runs and the chosen exports
    (all by default; exports no longer chosen are removed).

    Exit codes: 0 done (even with problem rows), 1 nothing could be processed, 2 usage error.
    """
    settings = Settings(
        model=model,
        lexicon=lexicon,
        positions=positions,
        formats=_formats(formats),
        vosviewer=str(vosviewer),
        jobs=jobs,
        seed=seed,
        engine=str(engine),
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
    if summary.up_to_date:
        out_console.print(f"nothing changed: outputs in [bold]{summary.out_dir}[/bold] are current")
    else:
        out_console.print(f"outputs written to [bold]{summary.out_dir}[/bold]")
    if summary.problems:
        out_console.print(f"{summary.problems} file(s) could not be analysed: see problems.csv")
    if summary.documents == 0:
        raise _fail("no document could be processed")


@app.command("export")
def export_command(
    out: Annotated[Path, typer.Argument(help="Output folder of an earlier `analyser run`.")],
    formats: Formats = "all",
    vosviewer: VosviewerOption = VosviewerMap.concepts,
) -> None:
    """Re-export the graph and bibliography from the store, without re-running any NLP."""
    chosen = _formats(formats)
    from analyser.export.writers import write_exports
    from analyser.rebuild import load_corpus

    try:
        corpus, _, _ = load_corpus(out)
    except FileNotFoundError as error:
        raise _fail(str(error)) from None
    for path in write_exports(corpus, out, formats=chosen, vosviewer=str(vosviewer)):
        out_console.print(f"wrote {path}")


@app.command("report")
def report_command(
    out: Annotated[Path, typer.Argument(help="Output folder of an earlier `analyser run`.")],
) -> None:
    """Write the literature-review report (report.md, report.html) from the store."""
    from analyser.rebuild import load_corpus
    from analyser.report import write_report

    try:
        corpus, _, _ = load_corpus(out)
    except FileNotFoundError as error:
        raise _fail(str(error)) from None
    for path in write_report(corpus, out):
        out_console.print(f"wrote {path}")


@app.command("parse-reference")
def parse_reference_command(
    reference: Annotated[
        str | None,
        typer.Argument(help="One reference string; read one per line from stdin if absent."),
    ] = None,
    output: Annotated[
        str,
        typer.Option(
            "--format", help="'fields' (parsed fields) or 'tokens' ([token, label] pairs)."
        ),
    ] = "fields",
) -> None:
    """Parse reference strings and print each as one line of JSON."""
    from analyser.extract.reference_parser import parse_reference, tag_reference

    lines = [reference] if reference is not None else [line for line in sys.stdin if line.strip()]
    for line in lines:
        if output == ReferenceOutput.tokens:
            payload: object = [list(pair) for pair in tag_reference(line.strip())]
        else:
            parsed = to_dict(parse_reference(line.strip()))
            payload = {
                k: v for k, v in parsed.items() if k not in {"doc", "index", "start", "end", "work"}
            }
        typer.echo(json.dumps(payload, ensure_ascii=False))


def _corpus_for_display(corpus_args: list[str], out: Path, model: str | None) -> Corpus:
    """Run (re-using the store in ``out``) and return the corpus for a quick look."""
    return run(corpus_args, out, Settings(model=model)).corpus


@app.command("hypotheses")
def hypotheses_command(
    corpus: Annotated[list[str], typer.Argument(help="Files, folders or globs.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder (its store is re-used).")
    ] = Path("outputs"),
    model: Model = None,
) -> None:
    """Print the hypotheses of CORPUS as a readable table."""
    found = _corpus_for_display(corpus, out, model)
    links = {link.hypothesis: link for link in found.links}
    table = Table(title="hypotheses", show_lines=True)
    for column in ("doc", "hypothesis", "cause → effect", "dir", "theory", "model: verdict"):
        table.add_column(column, overflow="fold")
    for result in found.results:
        for h in result.hypotheses:
            link = links.get(h.id)
            table.add_row(
                h.doc,
                h.text,
                f"{h.cause} → {h.effect}" + (f" (if {h.condition})" if h.condition else ""),
                h.direction,
                h.theory or "",
                f"{link.model}: {link.verdict}" if link else "",
            )
    out_console.print(table)


@app.command("concepts")
def concepts_command(
    corpus: Annotated[list[str], typer.Argument(help="Files, folders or globs.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder (its store is re-used).")
    ] = Path("outputs"),
    top: Annotated[int, typer.Option(help="How many concepts to show.")] = 40,
    model: Model = None,
) -> None:
    """Print the corpus's concepts, most widespread first."""
    found = _corpus_for_display(corpus, out, model)
    table = Table(title="concepts")
    for column in ("concept", "source", "documents", "count", "positions"):
        table.add_column(column)
    ranked = sorted(found.concepts, key=lambda c: (-c.n_docs, -c.count, c.label))
    for concept in ranked[:top]:
        table.add_row(
            concept.label,
            concept.source,
            str(concept.n_docs),
            str(concept.count),
            ", ".join(concept.positions),
        )
    out_console.print(table)
