"""nodes.csv and edges.csv: the graph as two flat tables (one column per attribute)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import IO

import networkx as nx

from analyser.atomic import atomic_open
from analyser.export.attributes import FlatGraph, Scalar

NODE_LEADING = ("id", "kind", "label")
EDGE_LEADING = ("id", "source", "target", "kind", "weight")
_BOOL_TEXT = {True: "true", False: "false", None: None}

Row = tuple[Scalar | None, ...]


class _Table:
    """The columns of one table and how to pick them from a record's (ids…, values…) row."""

    def __init__(self, leading: Sequence[str], ids: Sequence[str], types: Mapping[str, type]):
        self.columns = [*leading, *sorted(set(types) - set(leading))]
        place = {name: number for number, name in enumerate([*ids, *types])}
        missing = len(place)  # the None appended to every row
        self.pick = itemgetter(*(place.get(name, missing) for name in self.columns))
        self.booleans = [
            number for number, name in enumerate(self.columns) if types.get(name) is bool
        ]

    def rows(self, records: Iterable[Row]) -> Iterator[Sequence[Scalar | None]]:
        """Each record's cells in column order; booleans as "true"/"false", missing as None
        (which the csv writer leaves empty)."""
        for record in records:
            cells = self.pick((*record, None))
            if self.booleans:
                cells = list(cells)
                for number in self.booleans:
                    cells[number] = _BOOL_TEXT[cells[number]]
            yield cells


def _write(handle: IO[str], table: _Table, records: Iterable[Row]) -> None:
    """A header and one line per record."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows(records))


def _node_table(flat: FlatGraph) -> tuple[_Table, Iterator[Row]]:
    table = _Table(NODE_LEADING, ("id",), flat.node_types)
    return table, ((node.id, *node.values) for node in flat.nodes)


def _edge_table(flat: FlatGraph) -> tuple[_Table, Iterator[Row]]:
    table = _Table(EDGE_LEADING, ("id", "source", "target"), flat.edge_types)
    return table, ((edge.id, edge.source, edge.target, *edge.values) for edge in flat.edges)


def _text(table: _Table, records: Iterable[Row]) -> str:
    buffer = io.StringIO()
    _write(buffer, table, records)
    return buffer.getvalue()


def nodes_csv(graph: nx.MultiDiGraph, flat: FlatGraph | None = None) -> str:
    """One row per node: id, kind, label, then every other attribute in name order."""
    return _text(*_node_table(flat or FlatGraph(graph)))


def edges_csv(graph: nx.MultiDiGraph, flat: FlatGraph | None = None) -> str:
    """One row per edge: id, source, target, kind, weight, then the other attributes."""
    return _text(*_edge_table(flat or FlatGraph(graph)))


def write_tables(
    graph: nx.MultiDiGraph, out_dir: Path, flat: FlatGraph | None = None
) -> list[Path]:
    """Write ``nodes.csv`` and ``edges.csv`` atomically into ``out_dir``, streamed."""
    flat = flat or FlatGraph(graph)
    written = []
    for name, (table, records) in (
        ("nodes.csv", _node_table(flat)),
        ("edges.csv", _edge_table(flat)),
    ):
        with atomic_open(out_dir / name, "w", newline="") as handle:
            _write(handle, table, records)
        written.append(out_dir / name)
    return written
