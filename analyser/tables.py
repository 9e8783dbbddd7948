"""The analysis as pandas DataFrames: the tables behind every CSV and the Python API."""

from __future__ import annotations

import pandas as pd

from analyser.records import Corpus

DOCUMENT_COLUMNS = [
    "doc", "path", "sha256", "format", "title", "authors", "year", "genre",
    "n_paragraphs", "n_words",
]  # fmt: skip
PROBLEM_COLUMNS = ["path", "problem"]


def _joined(values: list[str]) -> str:
    """A list cell as one "; "-separated string."""
    return "; ".join(values)


def documents_table(corpus: Corpus) -> pd.DataFrame:
    """One row per document with its metadata and size."""
    rows = [
        {
            "doc": d.id,
            "path": d.path,
            "sha256": d.sha256,
            "format": d.format,
            "title": d.title or "",
            "authors": _joined(d.authors),
            "year": d.year,
            "genre": d.genre or "",
            "n_paragraphs": len(d.paragraphs),
            "n_words": d.n_words,
        }
        for d in (result.document for result in corpus.results)
    ]
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS).astype({"year": "Int64"})


def problems_table(problems: list[tuple[str, str]]) -> pd.DataFrame:
    """One row per file that could not be analysed, with the reason."""
    return pd.DataFrame(sorted(problems), columns=PROBLEM_COLUMNS)


def all_tables(corpus: Corpus, problems: list[tuple[str, str]]) -> dict[str, pd.DataFrame]:
    """Every table of the analysis by its CSV name (without extension)."""
    return {"documents": documents_table(corpus), "problems": problems_table(problems)}
