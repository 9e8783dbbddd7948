"""nodes.csv and edges.csv: the graph as two flat tables (one column per attribute)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

import networkx as nx

from analyser.atomic import atomic_open
from analyser.export.attributes import FlatGraph, Values
from analyser.export.recordtext import RecordTexts, Write, batches, kept

NODE_LEADING = ("id", "kind", "label")
EDGE_LEADING = ("id", "source", "target", "kind", "weight")
_MAY_BE_QUOTED = re.compile('[,"\r\n]')  # the csv module quotes a cell only for some of these


def _csv_cell(text: str) -> str:
    """``text`` as one cell of a line the csv module writes."""
    if _MAY_BE_QUOTED.search(text) is None:
        return text
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([text, None])  # two cells: never a bare ""
    return line.getvalue()[: -len(",\n")]


def _csv_cells(texts: Sequence[str]) -> Sequence[str]:
    """Each of ``texts`` as a cell (as they are where none needs quotes, as is most common)."""
    if _MAY_BE_QUOTED.search("".join(texts)) is None:
        return texts
    return [_csv_cell(text) for text in texts]


def _cell_writer(kind: type) -> Write:
    """How a value of ``kind`` is written as a cell: booleans as "true"/"false", numbers as
    Python writes them."""
    if kind is bool:
        return lambda value: "true" if value else "false"
    return kept(_csv_cell, kind) if kind is str else str


class _Table:
    """The columns of one table and how to write a record's line from its ids and values.

    ``leading`` starts with the ``ids``; an attribute of the same name as an id takes its
    column.
    """

    def __init__(self, leading: Sequence[str], ids: Sequence[str], types: Mapping[str, type]):
        self.columns = [*leading, *sorted(set(types) - set(leading))]
        place = {name: number - len(ids) for number, name in enumerate([*ids, *types])}
        self.head = [place[name] for name in ids]  # < 0: an id, else an attribute
        missing = len(types)  # the place of the None appended to a record's values
        writes = [*map(_cell_writer, types.values()), str]
        self.writes = writes
        picks = [place.get(name, missing) for name in self.columns[len(ids) :]]
        self.tail = [(a, writes[a]) for a in picks]
        self.tails = RecordTexts(self._tail_text)

    def _tail_text(self, values: Values) -> str:
        """The cells after the ids of a record, each after a comma."""
        padded = (*values, None)
        return "".join(
            ["," if (value := padded[a]) is None else f",{write(value)}" for a, write in self.tail]
        )

    def lines(self, ids: Sequence[Sequence[str]], rows: Sequence[Values]) -> str:
        """The lines of records, given each id column and each record's values."""
        head = [
            _csv_cells(ids[len(ids) + a])
            if a < 0
            else ["" if values[a] is None else self.writes[a](values[a]) for values in rows]
            for a in self.head
        ]
        starts = map(",".join, zip(*head, strict=True))
        return "".join(
            [f"{start}{self.tails[values]}\n" for start, values in zip(starts, rows, strict=True)]
        )


def _write(handle: IO[str], table: _Table, lines: Iterable[str]) -> None:
    """A header and the lines of the records."""
    csv.writer(handle, lineterminator="\n").writerow(table.columns)
    for text in lines:
        handle.write(text)


def _node_table(flat: FlatGraph) -> tuple[_Table, Iterator[str]]:
    table = _Table(NODE_LEADING, ("id",), flat.node_types)
    lines = (
        table.lines([[node.id for node in batch]], [node.values for node in batch])
        for batch in batches(flat.nodes)
    )
    return table, lines


def _edge_table(flat: FlatGraph) -> tuple[_Table, Iterator[str]]:
    table = _Table(EDGE_LEADING, ("id", "source", "target"), flat.edge_types)
    lines = (
        table.lines(
            [
                [edge.id for edge in batch],
                [edge.source for edge in batch],
                [edge.target for edge in batch],
            ],
            [edge.values for edge in batch],
        )
        for batch in batches(flat.edges)
    )
    return table, lines


def _text(table: _Table, lines: Iterable[str]) -> str:
    buffer = io.StringIO()
    _write(buffer, table, lines)
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
    for name, (table, lines) in (
        ("nodes.csv", _node_table(flat)),
        ("edges.csv", _edge_table(flat)),
    ):
        with atomic_open(out_dir / name, "w", newline="") as handle:
            _write(handle, table, lines)
        written.append(out_dir / name)
    return written
