"""Where and how graph nodes are drawn: a seeded force layout, colours by position, sizes.

Shared by the GEXF, Cytoscape and HTML map exports so they all show the same picture.
"""

from __future__ import annotations

import colorsys
import functools
import math
from typing import NamedTuple

import networkx as nx
import numpy as np

from analyser.export.barnes_hut import approximate_repulsion

LAYOUT_SEED = 20240601
LAYOUT_EXTENT = 1000.0  # linked nodes lie in [-LAYOUT_EXTENT, LAYOUT_EXTENT]
NO_POSITION_COLOUR = "#9aa0a6"
# Qualitative palette (distinct hues, readable on white); positions beyond it get golden-angle hues.
PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#393b79",
    "#637939",
    "#843c39",
)
BASE_RADIUS = {
    "position": 16.0,
    "model": 12.0,
    "document": 9.0,
    "work": 5.0,
    "concept": 5.0,
    "hypothesis": 5.0,
}
SHAPE = {
    "document": "disc",
    "work": "square",
    "concept": "diamond",
    "hypothesis": "triangle",
    "position": "disc",
    "model": "square",
}
_BLOCK_CELLS = 1 << 17  # pairs of the repulsion computed at once (the work arrays stay in cache)
_BLOCK_MIN_ROWS = 8
EXACT_REPULSION_NODES = 1000  # beyond this the approximate repulsion is the faster
_MIN_SQUARED_DISTANCE = np.float32(1e-6)  # nodes closer than this repel as if this far


def _initial_positions(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).random((n, 2))


def _exact_repulsion(x: np.ndarray, y: np.ndarray, k2: float) -> tuple[np.ndarray, np.ndarray]:
    """The summed pairwise repulsion on each node, every pair computed (quadratic in nodes).

    A few rows at a time in reused buffers small enough to stay in the processor cache; each
    row is summed over all nodes in node order, so the sums do not depend on the block size.
    """
    n = len(x)
    move_x = np.empty(n, dtype=np.float32)
    move_y = np.empty(n, dtype=np.float32)
    block = max(_BLOCK_MIN_ROWS, _BLOCK_CELLS // n)
    dx_buffer, dy_buffer, d2_buffer, dy2_buffer = np.empty((4, block, n), dtype=np.float32)
    for start in range(0, n, block):
        stop = min(start + block, n)
        size = stop - start
        dx, dy, d2, dy2 = dx_buffer[:size], dy_buffer[:size], d2_buffer[:size], dy2_buffer[:size]
        np.subtract(x[start:stop, None], x[None, :], out=dx)
        np.subtract(y[start:stop, None], y[None, :], out=dy)
        np.multiply(dx, dx, out=d2)
        np.multiply(dy, dy, out=dy2)
        np.add(d2, dy2, out=d2)
        np.fmax(d2, _MIN_SQUARED_DISTANCE, out=d2)  # as np.maximum here (no NaN), but faster
        np.divide(k2, d2, out=d2)  # the force
        np.multiply(dx, d2, out=dx)
        np.sum(dx, axis=1, out=move_x[start:stop])
        np.multiply(dy, d2, out=dy)
        np.sum(dy, axis=1, out=move_y[start:stop])
    return move_x, move_y


def _repulsion(x: np.ndarray, y: np.ndarray, k2: float) -> tuple[np.ndarray, np.ndarray]:
    """The summed repulsion on each node: exact up to ``EXACT_REPULSION_NODES`` nodes, else
    the near-linear Barnes–Hut approximation."""
    if len(x) <= EXACT_REPULSION_NODES:
        return _exact_repulsion(x, y, k2)
    return approximate_repulsion(x, y, k2)


def _fruchterman_reingold(
    rows: np.ndarray, cols: np.ndarray, n: int, seed: int, iterations: int
) -> np.ndarray:
    """Fruchterman–Reingold positions for ``n`` nodes and undirected edges ``rows``–``cols``.

    Vectorised with numpy; the repulsion is exact on small graphs and near-linear on large
    ones (see ``_repulsion``). A weak pull to the centre keeps disconnected parts in view.
    """
    pos = _initial_positions(n, seed)
    x, y = pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32)
    k2 = 1.0 / n
    k = math.sqrt(k2)
    gravity = 0.5 * math.sqrt(n) * k
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        move_x, move_y = _repulsion(x, y, k2)
        ex, ey = x[rows] - x[cols], y[rows] - y[cols]
        pull = np.sqrt(ex * ex + ey * ey) / k
        ex *= pull
        ey *= pull
        pull_x = np.bincount(rows, ex, n) - np.bincount(cols, ex, n)
        pull_y = np.bincount(rows, ey, n) - np.bincount(cols, ey, n)
        move_x -= pull_x + gravity * (x - x.mean())
        move_y -= pull_y + gravity * (y - y.mean())
        length = np.maximum(np.sqrt(move_x * move_x + move_y * move_y), 1e-12)
        step = np.minimum(length, temperature) / length
        x += move_x * step
        y += move_y * step
        temperature -= cooling
    return np.column_stack((x, y))


def default_iterations(n_nodes: int) -> int:
    """80 layout iterations up to 2,000 nodes, fewer (at least 25) beyond, to bound the time."""
    return max(25, min(80, 160_000 // max(n_nodes, 1)))


def _isolate_grid(isolates: list[str], top: float) -> dict[str, tuple[float, float]]:
    """Unlinked nodes in rows below the linked part (y from ``top`` down), in id order."""
    columns = max(1, math.ceil(math.sqrt(4 * len(isolates))))
    spacing = 2 * LAYOUT_EXTENT / max(columns, 10)
    return {
        node: (-LAYOUT_EXTENT + spacing * (i % columns), top + spacing * (1 + i // columns))
        for i, node in enumerate(isolates)
    }


def _linked_pairs(graph: nx.MultiDiGraph) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The nodes linked to another node, in id order, and each linked pair once as indices
    ``rows[i] < cols[i]`` into them, in order."""
    ends = [(u, v) for u, targets in graph.adj.items() for v in targets if u != v]
    linked = sorted({node for pair in ends for node in pair})
    index = {node: i for i, node in enumerate(linked)}
    first = np.fromiter((index[u] for u, _ in ends), dtype=np.int64, count=len(ends))
    second = np.fromiter((index[v] for _, v in ends), dtype=np.int64, count=len(ends))
    keys = _sorted_unique(np.minimum(first, second) * len(linked) + np.maximum(first, second))
    return linked, keys // len(linked), keys % len(linked)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct ``values`` in order (as ``np.unique``, which hashes, and is slower here)."""
    ordered = np.sort(values)
    first = np.ones(min(1, ordered.size), dtype=bool)  # none for no values
    return ordered[np.concatenate((first, ordered[1:] != ordered[:-1]))]


def force_layout(
    graph: nx.MultiDiGraph, seed: int = LAYOUT_SEED, iterations: int | None = None
) -> dict[str, tuple[float, float]]:
    """Node -> (x, y), rounded to 0.01: same graph and seed, same layout.

    Linked nodes get a force layout scaled into [-1000, 1000]; nodes without links are set
    out in rows below it rather than flung to the rim by the layout's repulsion.
    """
    linked, rows, cols = _linked_pairs(graph)
    isolates = sorted(set(graph.nodes) - set(linked))
    positions: dict[str, tuple[float, float]] = {}
    if linked:
        n_iter = default_iterations(len(linked)) if iterations is None else iterations
        pos = _fruchterman_reingold(rows, cols, len(linked), seed, n_iter).astype(float)
        pos -= pos.mean(axis=0)
        pos *= LAYOUT_EXTENT / (float(np.abs(pos).max()) or 1.0)
        positions = {node: (float(x), float(y)) for node, (x, y) in zip(linked, pos, strict=True)}
    top = max((y for _, y in positions.values()), default=-LAYOUT_EXTENT)
    positions.update(_isolate_grid(isolates, top))
    return {node: (round(x, 2), round(y, 2)) for node, (x, y) in positions.items()}


def position_colours(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Position node -> "#rrggbb", in sorted order of the position ids."""
    positions = sorted(node for node, kind in graph.nodes(data="kind") if kind == "position")
    colours = {}
    for i, position in enumerate(positions):
        if i < len(PALETTE):
            colours[position] = PALETTE[i]
        else:
            hue = (i * 0.618033988749895) % 1.0
            r, g, b = colorsys.hls_to_rgb(hue, 0.45, 0.65)
            colours[position] = f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
    return colours


class NodeStyle(NamedTuple):
    """How one node is drawn: colour "#rrggbb", radius and shape name."""

    colour: str
    radius: float
    shape: str


def _style(colour: str, kind: str, degree: int) -> NodeStyle:
    """How a node of ``kind`` with ``degree`` links is drawn in ``colour``."""
    return NodeStyle(colour, round(BASE_RADIUS[kind] + 1.5 * math.log1p(degree), 2), SHAPE[kind])


def node_styles(graph: nx.MultiDiGraph) -> dict[str, NodeStyle]:
    """Node -> its style: the colour of its dominant position (else grey); a base size by
    kind, growing slowly with the number of links; a shape by kind."""
    colours = position_colours(graph)
    degrees = dict(graph.degree())
    style = functools.cache(_style)  # most nodes share their colour, kind and degree with others
    return {
        node: style(
            colours.get(data.get("position", ""), NO_POSITION_COLOUR), data["kind"], degrees[node]
        )
        for node, data in graph.nodes(data=True)
    }


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """The (r, g, b) of a "#rrggbb" colour."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
