"""Rendering model plots to PNG with matplotlib's Agg canvas (no GUI, no pyplot state)."""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analyser.atomic import write_bytes

FIGURE_SIZE = (10.0, 4.2)
DPI = 110
_PROJECT = __name__.partition(".")[0]


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


def _origin(value: object) -> str | None:
    """The name of the module ``value`` is, or was defined in, if it says."""
    if isinstance(value, ModuleType):
        return value.__name__
    origin = getattr(value, "__module__", None)
    return origin if isinstance(origin, str) else None


@cache
def code_digest(modules: tuple[str, ...]) -> str:
    """A digest of the source of ``modules``, of every project module they use (followed through
    their globals) and of the versions of the libraries they use: what drawing code runs."""
    sources: dict[str, str] = {}
    libraries: dict[str, str] = {}
    pending = list(modules)
    while pending:
        name = pending.pop()
        if name in sources:
            continue
        module = importlib.import_module(name)
        source = Path(module.__file__).read_bytes() if module.__file__ else b""
        sources[name] = hashlib.sha256(source).hexdigest()
        for origin in filter(None, map(_origin, vars(module).values())):
            root = origin.partition(".")[0]
            if root == _PROJECT:
                pending.append(origin)
            elif isinstance(version := getattr(sys.modules.get(root), "__version__", None), str):
                libraries[root] = version
    return hashlib.sha256(json.dumps([sources, libraries], sort_keys=True).encode()).hexdigest()


def render_key(draw_modules: tuple[str, ...], size: tuple[float, float] = FIGURE_SIZE) -> str:
    """A digest of everything a PNG from ``render_png`` depends on besides the data drawn: the
    figure size and DPI, matplotlib's version and settings, and the code of ``draw_modules``
    and of this module (see ``code_digest``)."""
    settings = sorted(
        (name, repr(value))
        for name, value in dict.items(matplotlib.rcParams)  # raw values: no backend resolution
        if not name.startswith("backend")
    )
    made_from = [
        list(size),
        DPI,
        matplotlib.__version__,
        settings,
        code_digest((*draw_modules, __name__)),
    ]
    return hashlib.sha256(json.dumps(made_from).encode()).hexdigest()
