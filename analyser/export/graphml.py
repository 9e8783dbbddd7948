"""GraphML export with scalar, consistently typed attributes.

The file is streamed in the layout of networkx's GraphML writer (keys ``d0``, ``d1``… in order
of first use, listed newest first), so readers of networkx GraphML read it unchanged; writing
it directly keeps large graphs fast and never holds the whole file in memory.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from pathlib import Path

import networkx as nx

from analyser.atomic import write_chunks
from analyser.export.attributes import FlatGraph, Scalar, Values
from analyser.export.recordtext import Escaped, RecordTexts, Write, batches, kept, values_writer
from analyser.export.xmltext import libxml_attribute_escape as attribute_escape
from analyser.export.xmltext import libxml_text_escape as text_escape

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"
GRAPHML_TYPE = {bool: "boolean", int: "long", float: "double", str: "string"}


def _first_present(rows: Sequence[Values], attribute: int) -> int | None:
    """The number of the first record with a value of ``attribute``, None if none has one."""
    present = map(operator.is_not, map(itemgetter(attribute), rows), itertools.repeat(None))
    return next(itertools.compress(itertools.count(), present), None)


def _first_use(rows: Sequence[Values], width: int) -> list[int]:
    """The attribute numbers in the order records first use them (in name order within one)."""
    first = {attribute: _first_present(rows, attribute) for attribute in range(width)}
    used = [attribute for attribute, number in first.items() if number is not None]
    return sorted(used, key=lambda attribute: (first[attribute], attribute))


def _data_text(kind: type) -> Callable[[Scalar], str]:
    """How a value of ``kind`` is written as ``<data>`` text (numbers as Python writes them)."""
    return text_escape if kind is str else str


def _data_line(key: str, kind: type, margin: str, end: str) -> Write:
    """How a value of ``kind`` is written as the ``<data>`` element of ``key``, between
    ``margin`` and ``end``."""
    text = _data_text(kind)
    before, after = f'{margin}<data key="{key}">', f"</data>{end}"
    return kept(lambda value: f"{before}{text(value)}{after}", kind)


class _Scope:
    """The GraphML keys of one scope (graph, node or edge) and the data lines of its records
    (each ``<data>`` element between ``margin`` and ``end``)."""

    def __init__(
        self,
        scope: str,
        types: dict[str, type],
        rows: Sequence[Values],
        first: int,
        margin: str = "  ",
        end: str = "\n",
    ):
        kinds = list(types.values())
        names = list(types)
        order = _first_use(rows, len(names))
        self.keys = {attribute: f"d{first + n}" for n, attribute in enumerate(order)}
        self.declarations = [
            f'<key id="{self.keys[a]}" for="{scope}" attr.name="{attribute_escape(names[a])}"'
            f' attr.type="{GRAPHML_TYPE[kinds[a]]}"/>'
            for a in order
        ]
        self.data = values_writer(
            [_data_line(self.keys[a], kind, margin, end) for a, kind in enumerate(kinds)]
        )

    def element_ends(self, name: str) -> RecordTexts:
        """The end of a node or edge element by its values: ``>``, data lines and end tag."""

        def end(values: Values) -> str:
            body = self.data(values)
            return f">\n{body}</{name}>\n" if body else "/>\n"

        return RecordTexts(end)


def graphml_chunks(graph: nx.MultiDiGraph, flat: FlatGraph | None = None) -> Iterator[str]:
    """The graph as GraphML text, piece by piece; list attributes are "; "-joined, edge ids
    are readable and unique."""
    flat = flat or FlatGraph(graph)
    meta = _Scope("graph", {"name": str}, [(flat.name,)], 0, margin="", end="")
    nodes = _Scope("node", flat.node_types, [node.values for node in flat.nodes], 1)
    edges = _Scope(
        "edge", flat.edge_types, [edge.values for edge in flat.edges], 1 + len(nodes.keys)
    )
    declarations = [*meta.declarations, *nodes.declarations, *edges.declarations]
    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield (
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}"'
        f' xsi:schemaLocation="{SCHEMA_LOCATION}">'
    )
    yield from (f"{declaration}\n" for declaration in reversed(declarations))
    yield f'<graph edgedefault="directed">{meta.data((flat.name,))}\n'
    ids = Escaped(attribute_escape)
    node_ends = nodes.element_ends("node")
    for batch in batches(flat.nodes):
        yield "".join([f'<node id="{ids[node.id]}"{node_ends[node.values]}' for node in batch])
    edge_ends = edges.element_ends("edge")
    for batch in batches(flat.edges):
        columns = zip(*ids.edge_columns(batch), batch, strict=True)
        yield "".join(
            [
                f'<edge source="{source}" target="{target}" id="{edge_id}"{edge_ends[edge.values]}'
                for source, target, edge_id, edge in columns
            ]
        )
    yield "</graph></graphml>"


def graphml_bytes(graph: nx.MultiDiGraph, flat: FlatGraph | None = None) -> bytes:
    """The whole GraphML document as UTF-8 bytes."""
    return "".join(graphml_chunks(graph, flat)).encode("utf-8")


def write_graphml(graph: nx.MultiDiGraph, path: Path, flat: FlatGraph | None = None) -> Path:
    """Write ``graph.graphml`` atomically, streamed."""
    return write_chunks(path, graphml_chunks(graph, flat))
