"""Rendering model plots to PNG with matplotlib's Agg canvas (no GUI, no pyplot state)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analyser.atomic import write_bytes

FIGURE_SIZE = (10.0, 4.2)
DPI = 110


def render_png(draw: Callable[[Figure], None], size: tuple[float, float] = FIGURE_SIZE) -> bytes:
    """The PNG bytes of a fresh figure after ``draw(figure)`` has filled it, printed straight
    from its Agg canvas: cheaper than ``savefig`` (whose ``savefig.*`` settings do not apply)."""
    figure = Figure(figsize=size, dpi=DPI)
    canvas = FigureCanvasAgg(figure)
    draw(figure)
    figure.tight_layout()
    buffer = io.BytesIO()
    canvas.print_png(buffer, metadata={"Software": None})
    return buffer.getvalue()


def save_figure(draw: Callable[[Figure], None], path: str | Path) -> Path:
    """Render ``draw`` to PNG and write it atomically to ``path``."""
    return write_bytes(Path(path), render_png(draw))
