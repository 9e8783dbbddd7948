"""The force layout: exact repulsion (and the same positions as before) on small graphs, a
deterministic near-linear Barnes–Hut approximation of the same quality on large ones."""

from __future__ import annotations

import hashlib
import json

import networkx as nx
import numpy as np
import pytest
from scipy.spatial import cKDTree

from analyser.export import barnes_hut, drawing
from analyser.export.barnes_hut import approximate_repulsion

# Share of each node's 10 nearest neighbours that the approximate layout of the 3,000-node test
# graph keeps from the exact one: measured 0.27 (0.39 for an exact layout whose start positions
# moved by 1e-7, 0.006 for one from another seed).
SHARED_NEIGHBOURS_FLOOR = 0.2


def citation_like_graph(n: int, seed: int) -> nx.MultiDiGraph:
    """``n`` nodes, each after the first linked to two earlier ones, mostly the oldest (hubs)."""
    rng = np.random.default_rng(seed)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(f"node:{i:06d}" for i in range(n))
    for i in range(1, n):
        for target in (i * rng.random(2) ** 2).astype(int):
            graph.add_edge(f"node:{i:06d}", f"node:{target:06d}", key="cites", kind="cites")
    return graph


def _plain_repulsion(x: np.ndarray, y: np.ndarray, k2: float) -> tuple[np.ndarray, np.ndarray]:
    dx = x[:, None] - x[None, :]
    dy = y[:, None] - y[None, :]
    force = k2 / np.maximum(dx * dx + dy * dy, 1e-6)
    return (dx * force).sum(axis=1), (dy * force).sum(axis=1)


def _digest(layout: dict[str, tuple[float, float]]) -> str:
    return hashlib.sha256(json.dumps(sorted(layout.items())).encode()).hexdigest()


def _positions(layout: dict[str, tuple[float, float]]) -> np.ndarray:
    return np.array([layout[node] for node in sorted(layout)])


def _edge_ratio(graph: nx.MultiDiGraph, layout: dict[str, tuple[float, float]]) -> float:
    """Mean edge length over the mean distance between random node pairs (lower: tighter)."""
    index = {node: i for i, node in enumerate(sorted(layout))}
    pos = _positions(layout)
    ends = np.array([(index[u], index[v]) for u, v in graph.edges()])
    pairs = np.random.default_rng(0).integers(0, len(pos), (2, 50_000))
    edge = np.linalg.norm(pos[ends[:, 0]] - pos[ends[:, 1]], axis=1).mean()
    return float(edge / np.linalg.norm(pos[pairs[0]] - pos[pairs[1]], axis=1).mean())


def _shared_neighbours(first: np.ndarray, second: np.ndarray, k: int = 10) -> float:
    """Mean share of each node's ``k`` nearest neighbours that are nearest in both layouts."""
    near_first = cKDTree(first).query(first, k + 1)[1][:, 1:]
    near_second = cKDTree(second).query(second, k + 1)[1][:, 1:]
    shared = [len(set(a) & set(b)) for a, b in zip(near_first, near_second, strict=True)]
    return float(np.mean(shared)) / k


# --- the exact repulsion, unchanged -------------------------------------------------------


def test_blocked_exact_repulsion_equals_the_full_matrix_bit_for_bit(monkeypatch):
    monkeypatch.setattr(drawing, "_BLOCK_CELLS", 1000)  # many blocks, a short last one
    rng = np.random.default_rng(3)
    n = 700
    x, y = rng.random(n).astype(np.float32), rng.random(n).astype(np.float32)
    x[5], y[5] = x[9], y[9]  # two nodes on top of each other
    move_x, move_y = drawing._exact_repulsion(x, y, 1.0 / n)
    plain_x, plain_y = _plain_repulsion(x, y, 1.0 / n)
    assert move_x.dtype == np.float32
    assert move_x.tobytes() == plain_x.tobytes()
    assert move_y.tobytes() == plain_y.tobytes()


@pytest.mark.parametrize(
    ("n", "digest"),
    [
        (300, "d39d5b93e11980d6210b4b94b5ed9d60a032c6d3fd90fd5f00c16b41ca6ad990"),
        (1000, "a5f6526107e68b9981db534bbb4fe742301c0dc413c87baabc526f32b048d210"),
    ],
)
def test_layouts_up_to_the_threshold_keep_their_positions(n, digest):
    """The digests are of the layouts drawn before large graphs were approximated."""
    assert n <= drawing.EXACT_REPULSION_NODES
    assert _digest(drawing.force_layout(citation_like_graph(n, seed=1))) == digest


def test_the_threshold_picks_the_repulsion():
    threshold = drawing.EXACT_REPULSION_NODES
    rng = np.random.default_rng(4)
    for n, repulsion in (
        (threshold, drawing._exact_repulsion),
        (threshold + 1, approximate_repulsion),
    ):
        x, y = rng.random(n).astype(np.float32), rng.random(n).astype(np.float32)
        chosen = drawing._repulsion(x, y, 1.0 / n)
        expected = repulsion(x, y, 1.0 / n)
        assert [a.tobytes() for a in chosen] == [b.tobytes() for b in expected]


# --- the approximation ----------------------------------------------------------------------


def _clustered(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Nodes in a few tight clusters of very different sizes, and a thin spread around them."""
    rng = np.random.default_rng(seed)
    centres = rng.random((8, 2))
    cluster = np.minimum((rng.random(n) ** 3 * 9).astype(int), 8)  # 8: the spread
    spread = np.where(cluster < 8, 0.01, 0.5)[:, None]
    pos = np.vstack((centres, [[0.5, 0.5]]))[cluster] + spread * rng.normal(size=(n, 2))
    return pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32)


@pytest.mark.parametrize("layout", ["uniform", "clustered"])
def test_approximate_repulsion_is_mostly_within_a_percent(layout):
    n = 3000
    if layout == "uniform":
        rng = np.random.default_rng(5)
        x, y = rng.random(n).astype(np.float32), rng.random(n).astype(np.float32)
    else:
        x, y = _clustered(n, seed=5)
    x[7], y[7] = x[11], y[11]  # two nodes on top of each other
    approx_x, approx_y = approximate_repulsion(x, y, 1.0 / n)
    plain_x, plain_y = _plain_repulsion(x.astype(np.float64), y.astype(np.float64), 1.0 / n)
    error = np.hypot(approx_x - plain_x, approx_y - plain_y) / np.hypot(plain_x, plain_y)
    assert approx_x.dtype == np.float32
    assert np.median(error) < 0.005  # measured 0.002 (uniform), 0.0004 (clustered)
    assert np.quantile(error, 0.99) < 0.03  # measured 0.013, 0.008


def test_approximate_repulsion_does_not_depend_on_the_pair_blocks(monkeypatch):
    x, y = _clustered(4000, seed=6)
    first = approximate_repulsion(x, y, 1.0 / 4000)
    monkeypatch.setattr(barnes_hut, "_PAIR_BLOCK", 1000)  # many blocks
    second = approximate_repulsion(x, y, 1.0 / 4000)
    assert [a.tobytes() for a in first] == [b.tobytes() for b in second]


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return citation_like_graph(3000, seed=2)


@pytest.fixture(scope="module")
def exact_layout(graph) -> dict[str, tuple[float, float]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(drawing, "EXACT_REPULSION_NODES", len(graph))
        return drawing.force_layout(graph)


@pytest.fixture(scope="module")
def approximate_layout(graph) -> dict[str, tuple[float, float]]:
    assert len(graph) > drawing.EXACT_REPULSION_NODES
    return drawing.force_layout(graph)


def test_approximate_layout_is_deterministic(graph, approximate_layout):
    assert drawing.force_layout(graph) == approximate_layout
    assert drawing.force_layout(graph, seed=7) != approximate_layout


def test_approximate_layout_keeps_the_quality_of_the_exact_one(
    graph, exact_layout, approximate_layout
):
    assert set(approximate_layout) == set(exact_layout)
    assert _edge_ratio(graph, approximate_layout) < 1.02 * _edge_ratio(graph, exact_layout)
    shared = _shared_neighbours(_positions(exact_layout), _positions(approximate_layout))
    assert shared > SHARED_NEIGHBOURS_FLOOR


def test_a_large_sparse_graph_is_laid_out():
    graph = citation_like_graph(40_000, seed=3)
    graph.add_node("node:isolated")
    layout = drawing.force_layout(graph)
    pos = _positions(layout)
    assert len(layout) == len(graph)
    assert np.isfinite(pos).all()
    assert np.abs(pos[:-1]).max() == drawing.LAYOUT_EXTENT


@pytest.mark.parametrize("n_nodes", [0, 1, 3])
def test_graphs_without_edges_are_laid_out(n_nodes):
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(f"concept:c{index}" for index in range(n_nodes))
    assert sorted(drawing.force_layout(graph)) == sorted(graph.nodes)
