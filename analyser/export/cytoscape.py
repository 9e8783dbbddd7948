"""Cytoscape export: the "elements" JSON read by Cytoscape.js and Cytoscape desktop."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from analyser.atomic import write_chunks
from analyser.export.attributes import FlatGraph
from analyser.export.drawing import force_layout, node_styles
from analyser.export.jsontext import json_array_chunks, object_head

Layout = Mapping[str, tuple[float, float]]


def _nodes(graph: nx.MultiDiGraph, flat: FlatGraph, layout: Layout) -> Iterator[dict[str, Any]]:
    """Nodes with string ids, a ``name``, a colour and a preset position."""
    styles = node_styles(graph)
    for node in flat.nodes:
        attrs = flat.node_attributes(node.values)
        x, y = layout.get(node.node, (0.0, 0.0))
        data = {"id": node.id, **attrs, "name": str(attrs["label"])}
        data["colour"] = styles[node.node].colour
        yield {"data": data, "position": {"x": x, "y": y}}


def _edges(flat: FlatGraph) -> Iterator[dict[str, Any]]:
    for edge in flat.edges:
        attrs = flat.edge_attributes(edge.values)
        yield {"data": {"id": edge.id, "source": edge.source, "target": edge.target, **attrs}}


def cytoscape_data(
    graph: nx.MultiDiGraph, layout: Layout | None = None, flat: FlatGraph | None = None
) -> dict[str, Any]:
    """Cytoscape JSON: nodes with string ids, a ``name``, a colour and a preset position."""
    layout = force_layout(graph) if layout is None else layout
    flat = flat or FlatGraph(graph)
    elements = {"nodes": list(_nodes(graph, flat, layout)), "edges": list(_edges(flat))}
    return {**_header(flat), "elements": elements}


def _header(flat: FlatGraph) -> dict[str, Any]:
    """Everything before the elements."""
    return {
        "format_version": "1.0",
        "generated_by": "analyser",
        "target_cytoscapejs_version": "~3.0",
        "data": {"name": flat.name},
    }


def cytoscape_chunks(
    graph: nx.MultiDiGraph, layout: Layout | None = None, flat: FlatGraph | None = None
) -> Iterator[str]:
    """``cytoscape_data`` as compact UTF-8 JSON text, piece by piece (large graphs make large
    files)."""
    layout = force_layout(graph) if layout is None else layout
    flat = flat or FlatGraph(graph)
    yield object_head(_header(flat)) + ',"elements":{"nodes":'
    yield from json_array_chunks(_nodes(graph, flat, layout))
    yield ',"edges":'
    yield from json_array_chunks(_edges(flat))
    yield "}}\n"


def write_cytoscape(
    graph: nx.MultiDiGraph,
    path: Path,
    layout: Layout | None = None,
    flat: FlatGraph | None = None,
) -> Path:
    """Write ``cytoscape.json`` atomically, streamed."""
    return write_chunks(path, cytoscape_chunks(graph, layout, flat))
