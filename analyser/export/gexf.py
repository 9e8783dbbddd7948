"""GEXF 1.2 export for Gephi: typed attributes, colours by position, sizes and layout."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import networkx as nx

from analyser.atomic import write_bytes
from analyser.export.attributes import FlatGraph, Scalar
from analyser.export.drawing import (
    SHAPE,
    force_layout,
    hex_to_rgb,
    node_colour,
    node_radius,
    position_colours,
)
from analyser.export.xmltext import attribute_escape, text_escape

GEXF_NS = "http://www.gexf.net/1.2draft"
VIZ_NS = "http://www.gexf.net/1.2draft/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GEXF_NS} http://www.gexf.net/1.2draft/gexf.xsd"
GEXF_TYPE = {bool: "boolean", int: "long", float: "double", str: "string"}
# Written as XML attributes of <node>/<edge> rather than as attvalues.
_NODE_BUILTINS = {"label"}
_EDGE_BUILTINS = {"weight"}

_INDENT = "  "

Layout = Mapping[str, tuple[float, float]]


def _text(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _tag(depth: int, name: str, attributes: Mapping[str, str], close: bool = True) -> str:
    """One indented start tag, empty (``<name ... />``) when ``close``."""
    pairs = "".join(f' {key}="{attribute_escape(value)}"' for key, value in attributes.items())
    return f"{_INDENT * depth}<{name}{pairs}{' />' if close else '>'}"


def _block(depth: int, name: str, attributes: Mapping[str, str], children: list[str]) -> list[str]:
    """An element with the given child lines, or an empty element without children."""
    if not children:
        return [_tag(depth, name, attributes)]
    return [_tag(depth, name, attributes, close=False), *children, f"{_INDENT * depth}</{name}>"]


def _text_element(depth: int, name: str, text: str) -> str:
    body = f"<{name}>{text_escape(text)}</{name}>" if text else f"<{name} />"
    return _INDENT * depth + body


def _declarations(cls: str, types: Mapping[str, type], skip: set[str]) -> list[str]:
    """The <attributes> block of one class; attribute ids are the attribute names."""
    declared = [
        _tag(3, "attribute", {"id": name, "title": name, "type": GEXF_TYPE[kind]})
        for name, kind in types.items()
        if name not in skip
    ]
    return _block(2, "attributes", {"class": cls, "mode": "static"}, declared)


def _attribute_value(value: Scalar) -> str:
    """``value`` as escaped attribute text (numbers and booleans need no escaping)."""
    return attribute_escape(value) if isinstance(value, str) else _text(value)


class _Attvalues:
    """Writes the <attvalues> of one class; the start of each attvalue line is made once."""

    def __init__(self, names: Iterable[str], skip: set[str]) -> None:
        self.skip = skip
        self.starts = {
            name: f'{_INDENT * 5}<attvalue for="{attribute_escape(name)}" value="' for name in names
        }

    def lines(self, attrs: Mapping[str, Scalar]) -> list[str]:
        """The attvalues block of one node or edge."""
        starts = self.starts
        values = [
            f'{starts[name]}{_attribute_value(value)}" />'
            for name, value in attrs.items()
            if name not in self.skip
        ]
        return _block(4, "attvalues", {}, values)


def _viz(graph: nx.MultiDiGraph, node: str, layout: Layout, colours: dict[str, str]) -> list[str]:
    """Colour, position, size and shape of one node (numbers and names: nothing to escape)."""
    r, g, b = hex_to_rgb(node_colour(graph, node, colours))
    x, y = layout.get(node, (0.0, 0.0))
    indent = _INDENT * 4
    return [
        f'{indent}<viz:color r="{r}" g="{g}" b="{b}" />',
        f'{indent}<viz:position x="{x!r}" y="{-y!r}" z="0.0" />',
        f'{indent}<viz:size value="{node_radius(graph, node)!r}" />',
        f'{indent}<viz:shape value="{SHAPE[graph.nodes[node]["kind"]]}" />',
    ]


def _element(start: str, name: str, children: list[str]) -> list[str]:
    """A node or edge element (``start`` is its start tag without the closing bracket)."""
    if not children:
        return [f"{start} />"]
    return [f"{start}>", *children, f"{_INDENT * 3}</{name}>"]


def gexf_bytes(
    graph: nx.MultiDiGraph, layout: Layout | None = None, flat: FlatGraph | None = None
) -> bytes:
    """The graph as a GEXF 1.2 document (no timestamps: same graph, same bytes).

    Written line by line with two-space indentation, as ElementTree would write it.
    """
    layout = force_layout(graph) if layout is None else layout
    colours = position_colours(graph)
    flat = flat or FlatGraph(graph)
    viz = {"xmlns:viz": VIZ_NS} if flat.nodes else {}  # declared only where used
    root = {
        "xmlns": GEXF_NS,
        **viz,
        "xmlns:xsi": XSI_NS,
        "version": "1.2",
        "xsi:schemaLocation": SCHEMA_LOCATION,
    }
    lines = [
        "<?xml version='1.0' encoding='utf-8'?>",
        _tag(0, "gexf", root, close=False),
        f"{_INDENT}<meta>",
        _text_element(2, "creator", "analyser"),
        _text_element(2, "description", flat.name),
        f"{_INDENT}</meta>",
        _tag(1, "graph", {"defaultedgetype": "directed", "mode": "static"}, close=False),
        *_declarations("node", flat.node_types, _NODE_BUILTINS),
        *_declarations("edge", flat.edge_types, _EDGE_BUILTINS),
    ]
    node_values = _Attvalues(flat.node_types, _NODE_BUILTINS)
    edge_values = _Attvalues(flat.edge_types, _EDGE_BUILTINS)
    esc = attribute_escape
    nodes = []
    for node, attrs in flat.nodes:
        start = f'{_INDENT * 3}<node id="{esc(node)}" label="{esc(str(attrs["label"]))}"'
        children = [*node_values.lines(attrs), *_viz(graph, node, layout, colours)]
        nodes += _element(start, "node", children)
    lines += _block(2, "nodes", {"count": str(len(flat.nodes))}, nodes)
    edges = []
    for eid, source, target, attrs in flat.edges:
        weight = _text(float(attrs.get("weight", 1.0)))
        start = (
            f'{_INDENT * 3}<edge id="{esc(eid)}" source="{esc(source)}" target="{esc(target)}"'
            f' label="{esc(str(attrs["kind"]))}" weight="{weight}"'
        )
        edges += _element(start, "edge", edge_values.lines(attrs))
    lines += _block(2, "edges", {"count": str(len(flat.edges))}, edges)
    lines += [f"{_INDENT}</graph>", "</gexf>", ""]
    return "\n".join(lines).encode("utf-8", "xmlcharrefreplace")


def write_gexf(
    graph: nx.MultiDiGraph,
    path: Path,
    layout: Layout | None = None,
    flat: FlatGraph | None = None,
) -> Path:
    """Write ``graph.gexf`` atomically."""
    return write_bytes(path, gexf_bytes(graph, layout, flat))
