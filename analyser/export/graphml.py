"""GraphML export with scalar, consistently typed attributes.

The file is streamed in the layout of networkx's GraphML writer (keys ``d0``, ``d1``… in order
of first use, listed newest first), so readers of networkx GraphML read it unchanged; writing
it directly keeps large graphs fast and never holds the whole file in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import networkx as nx

from analyser.atomic import write_chunks
from analyser.export.attributes import FlatGraph, Scalar, Values
from analyser.export.xmltext import Escaped
from analyser.export.xmltext import libxml_attribute_escape as attribute_escape
from analyser.export.xmltext import libxml_text_escape as text_escape

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"
GRAPHML_TYPE = {bool: "boolean", int: "long", float: "double", str: "string"}


def _first_use(rows: Sequence[Values], width: int) -> list[int]:
    """The attribute numbers in the order records first use them (in name order within one)."""
    first: dict[int, int] = {}
    unseen = set(range(width))
    for number, values in enumerate(rows):
        if not unseen:
            break
        for attribute in sorted(a for a in unseen if values[a] is not None):
            first[attribute] = number
            unseen.discard(attribute)
    return sorted(first, key=lambda attribute: (first[attribute], attribute))


def _data_text(kind: type) -> Callable[[Scalar], str]:
    """How a value of ``kind`` is written as ``<data>`` text (numbers as Python writes them)."""
    return text_escape if kind is str else str


class _Scope:
    """The GraphML keys of one scope (graph, node or edge) and the data lines of a record."""

    def __init__(self, scope: str, types: dict[str, type], rows: Sequence[Values], first: int):
        kinds = list(types.values())
        names = list(types)
        order = _first_use(rows, len(names))
        self.keys = {attribute: f"d{first + n}" for n, attribute in enumerate(order)}
        self.declarations = [
            f'<key id="{self.keys[a]}" for="{scope}" attr.name="{attribute_escape(names[a])}"'
            f' attr.type="{GRAPHML_TYPE[kinds[a]]}"/>'
            for a in order
        ]
        self.starts = [f'<data key="{self.keys[a]}">' for a in range(len(names))]
        self.texts = [_data_text(kind) for kind in kinds]

    def data(self, values: Values) -> list[str]:
        """The ``<data>`` elements of a record's values."""
        return [
            f"{begin}{text(value)}</data>"
            for begin, text, value in zip(self.starts, self.texts, values, strict=True)
            if value is not None
        ]

    def element(self, start: str, name: str, values: Values) -> str:
        """A node or edge with its data lines (``start`` is its start tag without ``>``)."""
        data = self.data(values)
        body = "".join(f"  {element}\n" for element in data)
        return f"{start}>\n{body}</{name}>\n" if body else f"{start}/>\n"


def graphml_chunks(graph: nx.MultiDiGraph, flat: FlatGraph | None = None) -> Iterator[str]:
    """The graph as GraphML text, piece by piece; list attributes are "; "-joined, edge ids
    are readable and unique."""
    flat = flat or FlatGraph(graph)
    meta = _Scope("graph", {"name": str}, [(flat.name,)], 0)
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
    yield f'<graph edgedefault="directed">{"".join(meta.data((flat.name,)))}\n'
    ids = Escaped(attribute_escape)
    for node in flat.nodes:
        yield nodes.element(f'<node id="{ids[node.id]}"', "node", node.values)
    for edge in flat.edges:
        ends = f'source="{ids[edge.source]}" target="{ids[edge.target]}"'
        start = f'<edge {ends} id="{ids.edge_id(edge)}"'
        yield edges.element(start, "edge", edge.values)
    yield "</graph></graphml>"


def graphml_bytes(graph: nx.MultiDiGraph, flat: FlatGraph | None = None) -> bytes:
    """The whole GraphML document as UTF-8 bytes."""
    return "".join(graphml_chunks(graph, flat)).encode("utf-8")


def write_graphml(graph: nx.MultiDiGraph, path: Path, flat: FlatGraph | None = None) -> Path:
    """Write ``graph.graphml`` atomically, streamed."""
    return write_chunks(path, graphml_chunks(graph, flat))
