"""Near-linear repulsion for large force layouts: Barnes–Hut over a multilevel grid.

The nodes' bounding square is cut into 2^l x 2^l cells at every level l. Nodes in the same or
adjacent cells of the finest level repel each other exactly; every other node acts through the
centre of mass of its cell at the coarsest level where that cell is not adjacent to the
receiving node's cell (the interaction list of the fast multipole method: at most 27 cells a
level). Each sum is taken in a fixed order in one thread, so the forces are deterministic.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

import numpy as np

_MIN_SQUARED_DISTANCE = np.float32(1e-6)  # nodes closer than this repel as if this far
_FIRST_FAR_LEVEL = 2  # on coarser grids every cell is adjacent to every other
_NEAR_PAIR_COST = 3  # one exact near pair takes about as long as three far interactions
_PAIR_BLOCK = 1 << 19  # near pairs handled at once (bounds the memory of dense clusters)
_NEIGHBOURS = tuple((dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1))


def _interaction_steps(column_parity: int, row_parity: int) -> np.ndarray:
    """(column, row) steps to the cells a node meets at one level: the children of its parent's
    neighbours that are not its own neighbours (which side they lie on follows the parity)."""
    columns = range(-2 - column_parity, 4 - column_parity)
    rows = range(-2 - row_parity, 4 - row_parity)
    return np.array([(c, r) for c in columns for r in rows if abs(c) > 1 or abs(r) > 1])


_INTERACTION_STEPS = {(cp, rp): _interaction_steps(cp, rp) for cp in (0, 1) for rp in (0, 1)}
_FAR_CELLS_PER_LEVEL = len(_INTERACTION_STEPS[0, 0])  # 27


def _finest_cells(x: np.ndarray, y: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray]:
    """Each node's (column, row) on the grid of 2**depth cells a side over the bounding square."""
    side = 1 << depth
    x0, y0 = float(x.min()), float(y.min())
    size = max(float(x.max()) - x0, float(y.max()) - y0) or 1.0
    columns = np.minimum(((x - x0) * (side / size)).astype(np.int64), side - 1)
    rows = np.minimum(((y - y0) * (side / size)).astype(np.int64), side - 1)
    return columns, rows


def _coarser(columns: np.ndarray, rows: np.ndarray, levels: int) -> tuple[np.ndarray, np.ndarray]:
    """The nodes' (column, row) on the grid ``levels`` levels coarser."""
    return columns >> levels, rows >> levels


def _near_pair_count(counts: np.ndarray) -> int:
    """Ordered node pairs in the same or adjacent cells of the ``counts`` grid (self pairs too)."""
    padded = np.pad(counts, 1)
    side = counts.shape[0]
    around = sum(padded[1 + dx : 1 + dx + side, 1 + dy : 1 + dy + side] for dx, dy in _NEIGHBOURS)
    return int((counts * around).sum())


def _cheapest_depth(columns: np.ndarray, rows: np.ndarray, max_depth: int) -> int:
    """The finest level (at most ``max_depth``) with the least work: exact near pairs plus one
    far interaction per node, cell and level, counted on the nodes' own grid."""
    side = 1 << max_depth
    counts = np.bincount(columns * side + rows, minlength=side * side).reshape(side, side)
    n = len(columns)
    work: dict[int, int] = {}
    for depth in range(max_depth, _FIRST_FAR_LEVEL - 1, -1):
        far = _FAR_CELLS_PER_LEVEL * n * (depth - _FIRST_FAR_LEVEL + 1)
        work[depth] = _NEAR_PAIR_COST * _near_pair_count(counts) + far
        half = counts.shape[0] // 2
        counts = counts.reshape(half, 2, half, 2).sum(axis=(1, 3))
    return min(work, key=lambda depth: (work[depth], depth))


def _far_field(
    x: np.ndarray, y: np.ndarray, k2: float, columns: np.ndarray, rows: np.ndarray, level: int
) -> tuple[np.ndarray, np.ndarray]:
    """The repulsion on each node from the centres of mass of its interaction cells at ``level``
    (``columns``/``rows`` are the nodes' cells at that level)."""
    width = (1 << level) + 6  # three empty cells each side: every step lands in the grid
    cells = (columns + 3) * width + rows + 3
    mass = np.bincount(cells, minlength=width * width)
    occupied = np.maximum(mass, 1)
    centre_x = (np.bincount(cells, x, width * width) / occupied).astype(np.float32)
    centre_y = (np.bincount(cells, y, width * width) / occupied).astype(np.float32)
    weight = (k2 * mass).astype(np.float32)
    force_x = np.empty_like(x)
    force_y = np.empty_like(y)
    for (column_parity, row_parity), steps in _INTERACTION_STEPS.items():
        nodes = np.flatnonzero(((columns & 1) == column_parity) & ((rows & 1) == row_parity))
        targets = (steps[:, 0] * width + steps[:, 1])[:, None] + cells[nodes]  # (27, nodes)
        dx = x[nodes] - centre_x[targets]
        dy = y[nodes] - centre_y[targets]
        push = weight[targets] / np.maximum(dx * dx + dy * dy, _MIN_SQUARED_DISTANCE)
        force_x[nodes] = (dx * push).sum(axis=0)  # row after row: a fixed order per node
        force_y[nodes] = (dy * push).sum(axis=0)
    return force_x, force_y


def _blocks(sizes: np.ndarray, budget: int) -> Iterator[slice]:
    """Consecutive slices of ``sizes`` summing to about ``budget`` at most (one item may exceed)."""
    ends = np.cumsum(sizes)
    total = int(ends[-1]) if len(ends) else 0
    cuts = np.searchsorted(ends, np.arange(budget, total, budget), side="right")
    bounds = np.unique(np.concatenate(([0], cuts, [len(sizes)])))
    for start, stop in itertools.pairwise(bounds):
        yield slice(int(start), int(stop))


def _near_field(
    x: np.ndarray, y: np.ndarray, k2: float, columns: np.ndarray, rows: np.ndarray, depth: int
) -> tuple[np.ndarray, np.ndarray]:
    """The exact repulsion on each node from every node in its own and the adjacent cells."""
    n = len(x)
    width = (1 << depth) + 2  # one empty cell each side
    cells = (columns + 1) * width + rows + 1
    members = np.argsort(cells, kind="stable")  # the nodes, cell by cell
    count = np.bincount(cells, minlength=width * width)
    first = np.cumsum(count) - count
    steps = np.array([dx * width + dy for dx, dy in _NEIGHBOURS])
    receivers = np.tile(np.arange(n), len(steps))
    sources = (steps[:, None] + cells).ravel()  # each node's neighbour cells, step by step
    force_x = np.zeros(n, dtype=np.float32)
    force_y = np.zeros(n, dtype=np.float32)
    for block in _blocks(count[sources], _PAIR_BLOCK):
        sizes = count[sources[block]]
        i = np.repeat(receivers[block], sizes)
        start_in_block = np.cumsum(sizes) - sizes
        j = members[np.repeat(first[sources[block]] - start_in_block, sizes) + np.arange(len(i))]
        dx = x[i] - x[j]
        dy = y[i] - y[j]
        push = k2 / np.maximum(dx * dx + dy * dy, _MIN_SQUARED_DISTANCE)
        np.add.at(force_x, i, dx * push)  # pair after pair: the same sums whatever the blocks
        np.add.at(force_y, i, dy * push)
    return force_x, force_y


def approximate_repulsion(x: np.ndarray, y: np.ndarray, k2: float) -> tuple[np.ndarray, np.ndarray]:
    """The summed repulsion ``k2 * d / |d|²`` on each node from all others, mostly within 1%.

    Takes time and memory linear in the number of nodes for any layout that is not a few dense
    clumps. Works in float32, as the exact sum does.
    """
    x, y = x.astype(np.float32, copy=False), y.astype(np.float32, copy=False)
    k2 = np.float32(k2)
    max_depth = max(_FIRST_FAR_LEVEL, math.ceil(math.log(len(x), 4)) + 1)  # >= 4 cells a node
    columns, rows = _finest_cells(x, y, max_depth)
    depth = _cheapest_depth(columns, rows, max_depth)
    force_x, force_y = _near_field(x, y, k2, *_coarser(columns, rows, max_depth - depth), depth)
    for level in range(_FIRST_FAR_LEVEL, depth + 1):
        far_x, far_y = _far_field(x, y, k2, *_coarser(columns, rows, max_depth - level), level)
        force_x += far_x
        force_y += far_y
    return force_x, force_y
