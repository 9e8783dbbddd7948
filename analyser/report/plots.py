"""The overview plots as deterministic PNG bytes (Agg canvas, fixed size, no metadata chunks)."""

from __future__ import annotations

import struct
import zlib
from collections import Counter
from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analyser.graph import base_year
from analyser.models.plotting import render_png
from analyser.records import Corpus
from analyser.report.content import Figure as ReportFigure
from analyser.report.sources import excerpt

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_METADATA_CHUNKS = {b"tEXt", b"zTXt", b"iTXt", b"tIME"}
PLOT_SIZE = (7.2, 3.0)
TOP_CONCEPTS = 15
LABEL_CHARS = 38
BAR_COLOUR = "#3b6ea5"


def strip_png_metadata(data: bytes) -> bytes:
    """``data`` without text and time chunks; ValueError unless it is a well-formed PNG."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG image")
    chunks = [PNG_SIGNATURE]
    offset = len(PNG_SIGNATURE)
    kinds = []
    while offset < len(data):
        if offset + 12 > len(data):
            raise ValueError("truncated PNG chunk")
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        end = offset + 12 + length
        body = data[offset + 8 : end - 4]
        if (
            end > len(data)
            or zlib.crc32(kind + body) != struct.unpack(">I", data[end - 4 : end])[0]
        ):
            raise ValueError("corrupt PNG chunk")
        kinds.append(kind)
        if kind not in _METADATA_CHUNKS:
            chunks.append(data[offset:end])
        offset = end
    if not kinds or kinds[0] != b"IHDR" or kinds[-1] != b"IEND":
        raise ValueError("PNG without IHDR or IEND")
    return b"".join(chunks)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG (from its IHDR chunk)."""
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _plain_label(text: str) -> str:
    """A one-line axis label with matplotlib's mathtext switched off (``$`` escaped)."""
    return excerpt(text, LABEL_CHARS).replace("$", r"\$")


def _horizontal_bars(labels: Sequence[str], values: Sequence[int], value_label: str) -> bytes:
    """Horizontal bars for named categories, the first label on top."""

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        positions = range(len(labels))
        axes.barh(positions, values, color=BAR_COLOUR)
        axes.set_yticks(list(positions), [_plain_label(label) for label in labels])
        axes.invert_yaxis()
        axes.set_xlabel(value_label)
        axes.spines[["top", "right"]].set_visible(False)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))

    return render_png(draw, PLOT_SIZE)


def _year_histogram(years: Counter[int], value_label: str) -> bytes:
    """Bars over a numeric year axis, so gaps between years stay visible."""

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        ordered = sorted(years)
        axes.bar(ordered, [years[y] for y in ordered], width=0.8, color=BAR_COLOUR)
        axes.set_ylabel(value_label)
        axes.set_xlabel("publication year")
        axes.spines[["top", "right"]].set_visible(False)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        if len(ordered) == 1:
            axes.set_xlim(ordered[0] - 5, ordered[0] + 5)

    return render_png(draw, PLOT_SIZE)


def works_by_year(corpus: Corpus) -> ReportFigure | None:
    """Bar chart of cited works per publication year; None when no work has a year."""
    years = Counter(int(year) for work in corpus.works if (year := base_year(work.year)))
    if not years:
        return None
    png = _year_histogram(years, "cited works")
    return ReportFigure("works-by-year", "Cited works by publication year", png)


def passages_per_position(corpus: Corpus) -> ReportFigure | None:
    """Horizontal bars of passages per position; None without positions."""
    counts = Counter(passage.position for passage in corpus.passages)
    if not corpus.positions or not counts:
        return None
    positions = sorted(corpus.positions, key=lambda p: (-counts[p.id], p.label, p.id))
    labels = [position.label or position.id for position in positions]
    png = _horizontal_bars(labels, [counts[p.id] for p in positions], "passages")
    return ReportFigure("passages-per-position", "Passages per position", png)


def top_concepts(corpus: Corpus) -> ReportFigure | None:
    """Horizontal bars of the most-mentioned concepts; None without concepts."""
    ranked = sorted(
        (c for c in corpus.concepts if c.count > 0), key=lambda c: (-c.count, c.label, c.id)
    )[:TOP_CONCEPTS]
    if not ranked:
        return None
    labels = [concept.label or concept.id for concept in ranked]
    png = _horizontal_bars(labels, [c.count for c in ranked], "mentions")
    return ReportFigure("top-concepts", f"Top {len(ranked)} concepts by mentions", png)


def overview_figures(corpus: Corpus) -> list[ReportFigure]:
    """The overview plots that the corpus has data for."""
    figures = (works_by_year(corpus), passages_per_position(corpus), top_concepts(corpus))
    return [figure for figure in figures if figure is not None]
