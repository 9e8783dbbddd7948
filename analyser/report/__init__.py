"""The literature-review report: a draft skeleton of a review, as report.md and report.html.

``write_report(corpus, out_dir)`` writes both files (and the Markdown's plot PNGs) atomically;
``build_review(corpus)`` gives the content itself. The same Corpus gives byte-identical files.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from analyser.atomic import write_bytes, write_chunks
from analyser.heap import collector_paused
from analyser.records import Corpus
from analyser.report.content import Review
from analyser.report.debates import find_debates
from analyser.report.html import html_chunks
from analyser.report.markdown import markdown_chunks, markdown_figures
from analyser.report.model_runs import model_sections
from analyser.report.sections import (
    SectionLookup,
    appendix,
    gaps,
    overview,
    position_section,
    review_sources,
)
from analyser.report.sources import ParagraphIndex, all_claims

REPORT_MD = "report.md"
REPORT_HTML = "report.html"
FIGURE_DIR = "report_figures"


def build_review(
    corpus: Corpus, model_runs: Mapping[str, Mapping[str, Any]] | None = None
) -> Review:
    """The review's content: overview, positions, debates, models, gaps and cited paragraphs."""
    index = ParagraphIndex.of(corpus)
    claims = all_claims(corpus, index)
    claims_by_id = {c.id: c for c in claims}
    debates = find_debates(corpus, index, claims_by_id)
    positions = sorted(corpus.positions, key=lambda p: (-p.n_passages, p.label, p.id))
    lookup = SectionLookup.of(corpus, claims)
    review = Review(
        overview=overview(corpus, index),
        positions=[position_section(p, corpus, lookup, index) for p in positions],
        contested=debates.contested,
        more_contested=debates.more_contested,
        opposed=debates.opposed,
        more_opposed=debates.more_opposed,
        models=model_sections(corpus, claims_by_id, model_runs),
        gaps=gaps(corpus, claims, index),
        appendix=[],
    )
    review.appendix = appendix(corpus, review_sources(review), index)
    return review


def write_report(
    corpus: Corpus, out_dir: Path, model_runs: Mapping[str, Mapping[str, Any]] | None = None
) -> list[Path]:
    """Write report.md (with its plots in report_figures/) and report.html into ``out_dir``.

    ``model_runs`` optionally supplies model runs by model name (see ``report.model_runs``);
    linked models not supplied are run from the model registry. Returns the written paths.
    """
    with collector_paused():
        return write_review(build_review(corpus, model_runs), out_dir)


def write_review(review: Review, out_dir: Path) -> list[Path]:
    """Write an already built review as report.md (with its plots) and report.html."""
    out = Path(out_dir)
    written = [write_bytes(out / FIGURE_DIR / name, png) for name, png in markdown_figures(review)]
    written.append(write_chunks(out / REPORT_MD, markdown_chunks(review, FIGURE_DIR)))
    written.append(write_chunks(out / REPORT_HTML, html_chunks(review)))
    return written


__all__ = ["build_review", "write_report", "write_review"]
