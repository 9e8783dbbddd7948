"""GraphML export with scalar, consistently typed attributes.

The file is streamed line by line in the layout of networkx's GraphML writer (keys ``d0``,
``d1``… in order of first use, listed newest first), so readers of networkx GraphML read it
unchanged; building it directly keeps large graphs fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import networkx as nx

from analyser.atomic import write_bytes
from analyser.export.attributes import FlatGraph, Scalar
from analyser.export.xmltext import libxml_attribute_escape as attribute_escape
from analyser.export.xmltext import libxml_text_escape as text_escape

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"
GRAPHML_TYPE = {bool: "boolean", int: "long", float: "double", str: "string"}


class _Keys:
    """GraphML keys (one per attribute name, type and scope) in order of first use."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, type, str], str] = {}
        self.declarations: list[str] = []

    def add(self, scope: str, records: Iterable[Mapping[str, Scalar]]) -> None:
        """Declare the attributes of ``records`` (nodes or edges) not declared yet."""
        for record in records:
            for name, value in record.items():
                if (name, type(value), scope) not in self.ids:
                    self._declare(name, type(value), scope)

    def _declare(self, name: str, kind: type, scope: str) -> None:
        key = f"d{len(self.ids)}"
        self.ids[(name, kind, scope)] = key
        self.declarations.append(
            f'<key id="{key}" for="{scope}" attr.name="{attribute_escape(name)}"'
            f' attr.type="{GRAPHML_TYPE[kind]}"/>'
        )

    def data(self, scope: str, name: str, value: Scalar) -> str:
        """One ``<data>`` element (numbers and booleans as Python writes them)."""
        key = self.ids[(name, type(value), scope)]
        return f'<data key="{key}">{text_escape(str(value))}</data>'


def _element(start: str, name: str, keys: _Keys, scope: str, attrs: Mapping[str, Scalar]) -> str:
    """A node or edge with its data lines (``start`` is its start tag without ``>``)."""
    if not attrs:
        return f"{start}/>\n"
    body = "".join(f"  {keys.data(scope, key, value)}\n" for key, value in attrs.items())
    return f"{start}>\n{body}</{name}>\n"


def graphml_bytes(graph: nx.MultiDiGraph, flat: FlatGraph | None = None) -> bytes:
    """The graph as GraphML; list attributes are "; "-joined, edge ids are readable and unique."""
    flat = flat or FlatGraph(graph)
    keys = _Keys()
    keys.add("graph", [{"name": flat.name}])
    keys.add("node", (attrs for _, attrs in flat.nodes))
    keys.add("edge", (attrs for *_, attrs in flat.edges))
    parts = [
        "<?xml version='1.0' encoding='utf-8'?>\n",
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}"'
        f' xsi:schemaLocation="{SCHEMA_LOCATION}">',
        *(f"{declaration}\n" for declaration in reversed(keys.declarations)),
        f'<graph edgedefault="directed">{keys.data("graph", "name", flat.name)}\n',
    ]
    esc = attribute_escape
    for node, attrs in flat.nodes:
        parts.append(_element(f'<node id="{esc(node)}"', "node", keys, "node", attrs))
    for eid, source, target, attrs in flat.edges:
        start = f'<edge source="{esc(source)}" target="{esc(target)}" id="{esc(eid)}"'
        parts.append(_element(start, "edge", keys, "edge", attrs))
    parts.append("</graph></graphml>")
    return "".join(parts).encode("utf-8")


def write_graphml(graph: nx.MultiDiGraph, path: Path, flat: FlatGraph | None = None) -> Path:
    """Write ``graph.graphml`` atomically."""
    return write_bytes(path, graphml_bytes(graph, flat))
