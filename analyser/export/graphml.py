"""GraphML export (networkx's writer) with scalar, consistently typed attributes."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from analyser.atomic import write_bytes
from analyser.export.attributes import FlatGraph


def graphml_bytes(graph: nx.MultiDiGraph, flat: FlatGraph | None = None) -> bytes:
    """The graph as GraphML; list attributes are "; "-joined, edge ids are readable and unique."""
    flat = flat or FlatGraph(graph)
    scalar = nx.MultiDiGraph(name=flat.name)
    for node, attrs in flat.nodes:
        scalar.add_node(node, **attrs)
    for eid, source, target, attrs in flat.edges:
        scalar.add_edge(source, target, key=eid, **attrs)
    buffer = io.BytesIO()
    nx.write_graphml(scalar, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def write_graphml(graph: nx.MultiDiGraph, path: Path, flat: FlatGraph | None = None) -> Path:
    """Write ``graph.graphml`` atomically."""
    return write_bytes(path, graphml_bytes(graph, flat))
