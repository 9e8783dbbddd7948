"""Cytoscape export: the "elements" JSON read by Cytoscape.js and Cytoscape desktop."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from analyser.atomic import write_text
from analyser.export.attributes import FlatGraph
from analyser.export.drawing import force_layout, node_colour, position_colours

Layout = Mapping[str, tuple[float, float]]


def cytoscape_data(
    graph: nx.MultiDiGraph, layout: Layout | None = None, flat: FlatGraph | None = None
) -> dict[str, Any]:
    """Cytoscape JSON: nodes with string ids, a ``name``, a colour and a preset position."""
    layout = force_layout(graph) if layout is None else layout
    colours = position_colours(graph)
    flat = flat or FlatGraph(graph)
    nodes = []
    for node, attrs in flat.nodes:
        x, y = layout.get(node, (0.0, 0.0))
        data = {"id": node, **attrs, "name": str(attrs["label"])}
        data["colour"] = node_colour(graph, node, colours)
        nodes.append({"data": data, "position": {"x": x, "y": y}})
    edges = [
        {"data": {"id": eid, "source": source, "target": target, **attrs}}
        for eid, source, target, attrs in flat.edges
    ]
    return {
        "format_version": "1.0",
        "generated_by": "analyser",
        "target_cytoscapejs_version": "~3.0",
        "data": {"name": flat.name},
        "elements": {"nodes": nodes, "edges": edges},
    }


def cytoscape_text(
    graph: nx.MultiDiGraph, layout: Layout | None = None, flat: FlatGraph | None = None
) -> str:
    """``cytoscape_data`` as compact UTF-8 JSON text (large graphs make large files)."""
    data = cytoscape_data(graph, layout, flat)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_cytoscape(
    graph: nx.MultiDiGraph,
    path: Path,
    layout: Layout | None = None,
    flat: FlatGraph | None = None,
) -> Path:
    """Write ``cytoscape.json`` atomically."""
    return write_text(path, cytoscape_text(graph, layout, flat))
