"""nodes.csv and edges.csv: the graph as two flat tables (one column per attribute)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

import networkx as nx

from analyser.atomic import write_text
from analyser.export.attributes import FlatGraph, Scalar

NODE_LEADING = ("id", "kind", "label")
EDGE_LEADING = ("id", "source", "target", "kind", "weight")


def _columns(leading: Sequence[str], names: Iterable[str]) -> list[str]:
    return [*leading, *sorted(set(names) - set(leading))]


def _csv(columns: Sequence[str], rows: Iterable[dict[str, Scalar]]) -> str:
    """A header and one line per row; a column a row lacks is left empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(row.get(name, "")) for name in columns] for row in rows)
    return buffer.getvalue()


def _cell(value: Scalar) -> Scalar:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def nodes_csv(graph: nx.MultiDiGraph, flat: FlatGraph | None = None) -> str:
    """One row per node: id, kind, label, then every other attribute in name order."""
    flat = flat or FlatGraph(graph)
    columns = _columns(NODE_LEADING, flat.node_types)
    return _csv(columns, ({"id": node, **attrs} for node, attrs in flat.nodes))


def edges_csv(graph: nx.MultiDiGraph, flat: FlatGraph | None = None) -> str:
    """One row per edge: id, source, target, kind, weight, then the other attributes."""
    flat = flat or FlatGraph(graph)
    columns = _columns(EDGE_LEADING, flat.edge_types)
    rows = ({"id": eid, "source": u, "target": v, **attrs} for eid, u, v, attrs in flat.edges)
    return _csv(columns, rows)


def write_tables(
    graph: nx.MultiDiGraph, out_dir: Path, flat: FlatGraph | None = None
) -> list[Path]:
    """Write ``nodes.csv`` and ``edges.csv`` atomically into ``out_dir``."""
    flat = flat or FlatGraph(graph)
    return [
        write_text(out_dir / "nodes.csv", nodes_csv(graph, flat)),
        write_text(out_dir / "edges.csv", edges_csv(graph, flat)),
    ]
