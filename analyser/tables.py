"""The analysis as pandas DataFrames: the tables behind every CSV and the Python API."""

from __future__ import annotations

from operator import attrgetter

import pandas as pd

from analyser.positions import position_tables
from analyser.records import Author, Corpus, ModelLink

DOCUMENT_COLUMNS = [
    "doc", "path", "sha256", "format", "title", "authors", "year", "genre",
    "n_paragraphs", "n_words",
]  # fmt: skip
PROBLEM_COLUMNS = ["path", "problem"]
HYPOTHESIS_FIELDS = ["id", "doc", "start", "end", "text", "cause", "effect", "direction"]


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


def _names(authors: list[Author]) -> str:
    """Authors as "Family, Given; Family, Given"."""
    return _joined([f"{a.family}, {a.given}".rstrip(", ") for a in authors])


def citations_table(corpus: Corpus) -> pd.DataFrame:
    """Every in-text citation with its span, parsed parts and resolution."""
    rows = [
        {
            "doc": c.doc,
            "start": c.start,
            "end": c.end,
            "surface": c.surface,
            "authors": _joined(c.authors),
            "year": c.year or "",
            "locator": c.locator or "",
            "kind": c.kind,
            "reference": c.reference,
            "work": c.work or "",
        }
        for result in corpus.results
        for c in result.citations
    ]
    columns = ["doc", "start", "end", "surface", "authors", "year", "locator", "kind"]
    return pd.DataFrame(rows, columns=[*columns, "reference", "work"]).astype(
        {"reference": "Int64"}
    )


def references_table(corpus: Corpus) -> pd.DataFrame:
    """Every reference-list entry with its parsed fields."""
    fields = [
        "year",
        "title",
        "container",
        "volume",
        "issue",
        "pages",
        "publisher",
        "place",
        "doi",
        "url",
    ]
    rows = [
        {
            "doc": r.doc,
            "index": r.index,
            "raw": r.raw,
            "authors": _names(r.authors),
            "editors": _names(r.editors),
            **{name: getattr(r, name) or "" for name in fields},
            "type": r.type,
            "work": r.work or "",
        }
        for result in corpus.results
        for r in result.references
    ]
    return pd.DataFrame(
        rows, columns=["doc", "index", "raw", "authors", "editors", *fields, "type", "work"]
    )


def works_table(corpus: Corpus) -> pd.DataFrame:
    """Every deduplicated work with the documents that cite it."""
    fields = ["year", "title", "container", "volume", "issue", "pages", "doi"]
    rows = [
        {
            "work": w.key,
            "authors": _names(w.authors),
            **{name: getattr(w, name) or "" for name in fields},
            "n_docs": len(w.docs),
            "docs": _joined(w.docs),
            "n_citations": w.n_citations,
        }
        for w in corpus.works
    ]
    return pd.DataFrame(rows, columns=["work", "authors", *fields, "n_docs", "docs", "n_citations"])


def concepts_table(corpus: Corpus) -> pd.DataFrame:
    """Every concept of the corpus, from the lexicon or discovered."""
    rows = [
        {
            "concept": c.id,
            "label": c.label,
            "source": c.source,
            "positions": _joined(c.positions),
            "n_docs": c.n_docs,
            "count": c.count,
        }
        for c in corpus.concepts
    ]
    return pd.DataFrame(
        rows, columns=["concept", "label", "source", "positions", "n_docs", "count"]
    )


def doc_concepts_table(corpus: Corpus) -> pd.DataFrame:
    """The concepts of each document, ranked by score."""
    rows = [vars(dc) for dc in corpus.doc_concepts]
    return pd.DataFrame(rows, columns=["doc", "concept", "label", "count", "score"])


def definitions_table(corpus: Corpus) -> pd.DataFrame:
    """Every definition found, with its span."""
    rows = [vars(d) for result in corpus.results for d in result.definitions]
    return pd.DataFrame(rows, columns=["doc", "term", "start", "end", "text"])


def hypotheses_table(corpus: Corpus) -> pd.DataFrame:
    """Every hypothesis with its structure and, where linked, its model and verdict."""
    links = {link.hypothesis: link for link in corpus.links}
    fields = attrgetter(*HYPOTHESIS_FIELDS)
    rows = [
        (
            *fields(h),
            h.condition or "",
            h.hedged,
            _joined(h.attributed),
            _joined(h.concepts),
            h.theory or "",
            *_link_cells(links.get(h.id)),
        )
        for result in corpus.results
        for h in result.hypotheses
    ]
    columns = [*HYPOTHESIS_FIELDS, "condition", "hedged", "attributed", "concepts", "theory"]
    return pd.DataFrame(rows, columns=[*columns, "model", "prediction", "score", "verdict"])


def _link_cells(link: ModelLink | None) -> tuple[str, str, float | None, str]:
    """A hypothesis's model, prediction, score and verdict; blank when it is not linked."""
    if link is None:
        return "", "", None, ""
    return link.model, link.prediction, round(link.score, 4), link.verdict


def all_tables(corpus: Corpus, problems: list[tuple[str, str]]) -> dict[str, pd.DataFrame]:
    """Every table of the analysis by its CSV name (without extension)."""
    positions, passages = position_tables(corpus.positions, corpus.passages)
    return {
        "documents": documents_table(corpus),
        "problems": problems_table(problems),
        "citations": citations_table(corpus),
        "references": references_table(corpus),
        "works": works_table(corpus),
        "concepts": concepts_table(corpus),
        "doc_concepts": doc_concepts_table(corpus),
        "definitions": definitions_table(corpus),
        "hypotheses": hypotheses_table(corpus),
        "positions": positions,
        "passages": passages,
    }
