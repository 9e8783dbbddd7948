"""GEXF 1.2 export for Gephi: typed attributes, colours by position, sizes and layout."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
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

GEXF_NS = "http://www.gexf.net/1.2draft"
VIZ_NS = "http://www.gexf.net/1.2draft/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GEXF_NS} http://www.gexf.net/1.2draft/gexf.xsd"
GEXF_TYPE = {bool: "boolean", int: "long", float: "double", str: "string"}
# Written as XML attributes of <node>/<edge> rather than as attvalues.
_NODE_BUILTINS = {"label"}
_EDGE_BUILTINS = {"weight"}

Layout = Mapping[str, tuple[float, float]]


def _text(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _declare(graph_el: ET.Element, cls: str, types: Mapping[str, type], skip: set[str]) -> None:
    """The <attributes> block of one class; attribute ids are the attribute names."""
    block = ET.SubElement(graph_el, "attributes", {"class": cls, "mode": "static"})
    for name, kind in types.items():
        if name not in skip:
            ET.SubElement(block, "attribute", {"id": name, "title": name, "type": GEXF_TYPE[kind]})


def _attvalues(parent: ET.Element, attrs: Mapping[str, Scalar], skip: set[str]) -> None:
    values = ET.SubElement(parent, "attvalues")
    for name, value in attrs.items():
        if name not in skip:
            ET.SubElement(values, "attvalue", {"for": name, "value": _text(value)})


def _viz(node_el: ET.Element, graph: nx.MultiDiGraph, node: str, layout: Layout, colours) -> None:
    r, g, b = hex_to_rgb(node_colour(graph, node, colours))
    ET.SubElement(node_el, f"{{{VIZ_NS}}}color", {"r": str(r), "g": str(g), "b": str(b)})
    x, y = layout.get(node, (0.0, 0.0))
    ET.SubElement(node_el, f"{{{VIZ_NS}}}position", {"x": repr(x), "y": repr(-y), "z": "0.0"})
    ET.SubElement(node_el, f"{{{VIZ_NS}}}size", {"value": repr(node_radius(graph, node))})
    ET.SubElement(node_el, f"{{{VIZ_NS}}}shape", {"value": SHAPE[graph.nodes[node]["kind"]]})


def gexf_bytes(
    graph: nx.MultiDiGraph, layout: Layout | None = None, flat: FlatGraph | None = None
) -> bytes:
    """The graph as a GEXF 1.2 document (no timestamps: same graph, same bytes)."""
    layout = force_layout(graph) if layout is None else layout
    colours = position_colours(graph)
    flat = flat or FlatGraph(graph)
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    ET.register_namespace("xsi", XSI_NS)
    root = ET.Element(
        f"{{{GEXF_NS}}}gexf", {"version": "1.2", f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION}
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "analyser"
    ET.SubElement(meta, "description").text = flat.name
    graph_el = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    _declare(graph_el, "node", flat.node_types, _NODE_BUILTINS)
    _declare(graph_el, "edge", flat.edge_types, _EDGE_BUILTINS)
    nodes_el = ET.SubElement(graph_el, "nodes", {"count": str(len(flat.nodes))})
    for node, attrs in flat.nodes:
        node_el = ET.SubElement(nodes_el, "node", {"id": node, "label": str(attrs["label"])})
        _attvalues(node_el, attrs, _NODE_BUILTINS)
        _viz(node_el, graph, node, layout, colours)
    edges_el = ET.SubElement(graph_el, "edges", {"count": str(len(flat.edges))})
    for eid, source, target, attrs in flat.edges:
        edge_el = ET.SubElement(
            edges_el,
            "edge",
            {
                "id": eid,
                "source": source,
                "target": target,
                "label": str(attrs["kind"]),
                "weight": _text(float(attrs.get("weight", 1.0))),
            },
        )
        _attvalues(edge_el, attrs, _EDGE_BUILTINS)
    _qualify(root)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _qualify(element: ET.Element) -> None:
    """Put every unqualified element in the GEXF namespace."""
    for child in element.iter():
        if not child.tag.startswith("{"):
            child.tag = f"{{{GEXF_NS}}}{child.tag}"


def write_gexf(
    graph: nx.MultiDiGraph,
    path: Path,
    layout: Layout | None = None,
    flat: FlatGraph | None = None,
) -> Path:
    """Write ``graph.gexf`` atomically."""
    return write_bytes(path, gexf_bytes(graph, layout, flat))
