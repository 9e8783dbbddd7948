"""The Python API: ``analyse(...)`` returns the analysis as pandas DataFrames."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analyser.config import Settings
from analyser.pipeline import RunSummary, run


@dataclass
class Analysis:
    """The tables of a finished run, read back from its output folder."""

    summary: RunSummary
    tables: dict[str, pd.DataFrame]

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"no table {name!r}; tables: {', '.join(sorted(tables))}")


def analyse(*inputs: str | Path, out: str | Path | None = None, **settings: object) -> Analysis:
    """Analyse files, folders or globs; tables are DataFrames (``result.documents`` …).

    ``out`` keeps the outputs (CSV, exports, store) in a folder; by default a temporary one,
    into which no export is written unless ``formats`` asks for some. Keyword settings are
    those of ``analyser.config.Settings`` (model, jobs, seed, formats, …).
    """
    if out is None:
        settings.setdefault("formats", "none")  # exports in a folder deleted unseen
    options = Settings(**settings)  # type: ignore[arg-type]
    if out is None:
        with tempfile.TemporaryDirectory(prefix="analyser-") as folder:
            return _analyse_into(inputs, Path(folder), options)
    return _analyse_into(inputs, Path(out), options)


def _analyse_into(inputs: tuple[str | Path, ...], out: Path, settings: Settings) -> Analysis:
    """Run into ``out`` and keep the run's tables."""
    summary = run(list(inputs), out, settings)
    return Analysis(summary, summary.tables)
