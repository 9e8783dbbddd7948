"""GEXF 1.2 export for Gephi: typed attributes, colours by position, sizes and layout."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import networkx as nx

from analyser.atomic import write_chunks
from analyser.export.attributes import FlatGraph, Scalar, Values
from analyser.export.drawing import NodeStyle, force_layout, hex_to_rgb, node_styles
from analyser.export.recordtext import (
    Escaped,
    RecordTexts,
    Write,
    batches,
    kept,
    values_writer,
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


def _attribute_text(kind: type) -> Callable[[Scalar], str]:
    """How a value of ``kind`` is written as attribute text (numbers need no escaping)."""
    return attribute_escape if kind is str else _text


def _attvalue(name: str, kind: type) -> Write:
    """How a value of attribute ``name`` is written as an attvalue line."""
    text = _attribute_text(kind)
    start = f'{_INDENT * 5}<attvalue for="{attribute_escape(name)}" value="'
    return kept(lambda value: f'{start}{text(value)}" />\n', kind)


def _attvalues_writer(types: Mapping[str, type], skip: set[str]) -> Callable[[Values], str]:
    """Writes the attvalues block of a record's values (attributes in ``skip`` left out)."""
    lines = values_writer(
        [None if name in skip else _attvalue(name, kind) for name, kind in types.items()]
    )

    def block(values: Values) -> str:
        body = lines(values)
        if not body:
            return f"{_INDENT * 4}<attvalues />\n"
        return f"{_INDENT * 4}<attvalues>\n{body}{_INDENT * 4}</attvalues>\n"

    return block


def _viz(style: NodeStyle, x: float, y: float) -> str:
    """Colour, position, size and shape of one node (numbers and names: nothing to escape)."""
    r, g, b = hex_to_rgb(style.colour)
    indent = _INDENT * 4
    return (
        f'{indent}<viz:color r="{r}" g="{g}" b="{b}" />\n'
        f'{indent}<viz:position x="{x!r}" y="{-y!r}" z="0.0" />\n'
        f'{indent}<viz:size value="{style.radius!r}" />\n'
        f'{indent}<viz:shape value="{style.shape}" />\n'
    )


def _head(flat: FlatGraph) -> list[str]:
    """The lines before the first node: declaration, meta and attribute declarations."""
    viz = {"xmlns:viz": VIZ_NS} if flat.nodes else {}  # declared only where used
    root = {
        "xmlns": GEXF_NS,
        **viz,
        "xmlns:xsi": XSI_NS,
        "version": "1.2",
        "xsi:schemaLocation": SCHEMA_LOCATION,
    }
    return [
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


def _nodes(graph: nx.MultiDiGraph, flat: FlatGraph, layout: Layout) -> Iterator[str]:
    """The node elements, each with its attvalues and drawing, a few thousand at a time."""
    styles = node_styles(graph)
    attvalues = _attvalues_writer(flat.node_types, _NODE_BUILTINS)
    label = list(flat.node_types).index("label") if flat.nodes else 0
    esc = attribute_escape
    for batch in batches(flat.nodes):
        yield "".join(
            f'{_INDENT * 3}<node id="{esc(node.id)}" label="{esc(str(node.values[label]))}">\n'
            f"{attvalues(node.values)}"
            f"{_viz(styles[node.node], *layout.get(node.node, (0.0, 0.0)))}"
            f"{_INDENT * 3}</node>\n"
            for node in batch
        )


def _edge_ends(flat: FlatGraph) -> RecordTexts:
    """The end of an edge element by its values: its kind as label, its weight (1.0 where it
    has none), its attvalues and its end tag."""
    names = list(flat.edge_types)
    kind = names.index("kind") if flat.edges else 0
    weight = names.index("weight") if "weight" in names else None
    attvalues = _attvalues_writer(flat.edge_types, _EDGE_BUILTINS)

    def end(values: Values) -> str:
        given = values[weight] if weight is not None else None
        return (
            f' label="{attribute_escape(str(values[kind]))}"'
            f' weight="{_text(float(1.0 if given is None else given))}">\n'
            f"{attvalues(values)}{_INDENT * 3}</edge>\n"
        )

    return RecordTexts(end)


def _edges(flat: FlatGraph) -> Iterator[str]:
    """The edge elements, each with its kind as label, its weight and its attvalues, a few
    thousand at a time."""
    escaped = Escaped(attribute_escape)  # node ids and edge kinds recur
    ends = _edge_ends(flat)
    for batch in batches(flat.edges):
        columns = zip(*escaped.edge_columns(batch), batch, strict=True)
        yield "".join(
            [
                f'{_INDENT * 3}<edge id="{edge_id}" source="{source}" target="{target}"'
                f"{ends[edge.values]}"
                for source, target, edge_id, edge in columns
            ]
        )


def _list(depth: int, name: str, count: int, elements: Iterator[str]) -> Iterator[str]:
    """A <nodes> or <edges> block with its ``count`` elements, empty when there are none
    (pieces of whole lines)."""
    if not count:
        yield f"{_tag(depth, name, {'count': '0'})}\n"
        return
    yield f"{_tag(depth, name, {'count': str(count)}, close=False)}\n"
    yield from elements
    yield f"{_INDENT * depth}</{name}>\n"


def gexf_chunks(
    graph: nx.MultiDiGraph, layout: Layout | None = None, flat: FlatGraph | None = None
) -> Iterator[str]:
    """The graph as a GEXF 1.2 document, piece by piece (no timestamps: same graph, same text).

    Written with two-space indentation, as ElementTree would write it.
    """
    layout = force_layout(graph) if layout is None else layout
    flat = flat or FlatGraph(graph)
    yield "".join(f"{line}\n" for line in _head(flat))
    yield from _list(2, "nodes", len(flat.nodes), _nodes(graph, flat, layout))
    yield from _list(2, "edges", len(flat.edges), _edges(flat))
    yield f"{_INDENT}</graph>\n</gexf>\n"


def gexf_bytes(
    graph: nx.MultiDiGraph, layout: Layout | None = None, flat: FlatGraph | None = None
) -> bytes:
    """The whole GEXF document as UTF-8 bytes."""
    return "".join(gexf_chunks(graph, layout, flat)).encode("utf-8", "xmlcharrefreplace")


def write_gexf(
    graph: nx.MultiDiGraph,
    path: Path,
    layout: Layout | None = None,
    flat: FlatGraph | None = None,
) -> Path:
    """Write ``graph.gexf`` atomically, streamed."""
    return write_chunks(path, gexf_chunks(graph, layout, flat), errors="xmlcharrefreplace")
