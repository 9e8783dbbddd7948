"""Cytoscape export: the "elements" JSON read by Cytoscape.js and Cytoscape desktop."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from json.encoder import encode_basestring  # a str as JSONEncoder writes it, ensure_ascii off
from pathlib import Path
from typing import Any

import networkx as nx

from analyser.atomic import write_chunks
from analyser.export.attributes import FlatEdge, FlatGraph, FlatNode, Values, edge_id
from analyser.export.drawing import NodeStyle, force_layout, node_styles
from analyser.export.jsontext import (
    Column,
    array_chunks,
    compact_json,
    object_head,
    object_texts,
)
from analyser.export.recordtext import Escaped, RecordTexts, batches

Layout = Mapping[str, tuple[float, float]]
_EDGE_LEADING = ("id", "source", "target")


def _update(members: dict[str, Column], name: str, column: Column) -> None:
    """Add a member to every record as ``dict.update`` would: one already there keeps its place
    and takes the new value where the record has one."""
    if name in members:
        old, old_kind = members[name]
        new, kind = column
        merged = [
            old_value if value is None else value for old_value, value in zip(old, new, strict=True)
        ]
        column = (merged, kind if kind is old_kind else None)
    members[name] = column


def _attribute_members(types: Mapping[str, type], rows: Sequence[Values]) -> dict[str, Column]:
    """The attribute members of records, as columns, in name order."""
    columns = zip(*rows, strict=True)
    return {
        name: (values, kind) for (name, kind), values in zip(types.items(), columns, strict=True)
    }


def _node_texts(
    flat: FlatGraph, nodes: Sequence[FlatNode], styles: Mapping[str, NodeStyle], layout: Layout
) -> list[str]:
    """The JSON text of each node: its id, attributes, ``name`` and colour, and its position."""
    members: dict[str, Column] = {"id": ([node.id for node in nodes], str)}
    for name, column in _attribute_members(
        flat.node_types, [node.values for node in nodes]
    ).items():
        _update(members, name, column)
    label = list(flat.node_types).index("label")
    _update(members, "name", ([str(node.values[label]) for node in nodes], str))
    _update(members, "colour", ([styles[node.node].colour for node in nodes], str))
    places = [layout.get(node.node, (0.0, 0.0)) for node in nodes]
    xs, ys = zip(*places, strict=True)
    positions = object_texts({"x": (xs, float), "y": (ys, float)}, len(nodes))
    return [
        f'{{"data":{data},"position":{position}}}'
        for data, position in zip(object_texts(members, len(nodes)), positions, strict=True)
    ]


def _members_writer(types: Mapping[str, type], skip: Collection[str]) -> Callable[[Values], str]:
    """Writes a record's attributes as JSON object members ``,"name":value`` (missing ones and
    those named in ``skip`` left out)."""
    prefixes = [None if name in skip else f",{compact_json(name)}:" for name in types]

    def write(values: Values) -> str:
        return "".join(
            [
                f"{prefix}{compact_json(value)}"
                for prefix, value in zip(prefixes, values, strict=True)
                if value is not None and prefix is not None
            ]
        )

    return write


def _edge_texts(
    flat: FlatGraph, edges: Sequence[FlatEdge], inner: Escaped, members: RecordTexts
) -> list[str]:
    """The JSON text of each edge: its id, source and target, then its other attributes
    (``members``); an attribute named like one of the first three gives its value where it has
    one, as ``dict.update`` would. ``inner`` gives the JSON text of a string without quotes."""
    keys, sources, targets, rows = zip(*edges, strict=True)
    sources, targets = list(map(inner.__getitem__, sources)), list(map(inner.__getitem__, targets))
    ids = map(edge_id, sources, targets, map(inner.__getitem__, keys))  # escaped in parts
    leading = {
        "id": [f'"{text}"' for text in ids],
        "source": [f'"{text}"' for text in sources],
        "target": [f'"{text}"' for text in targets],
    }
    names = list(flat.edge_types)
    for name, texts in leading.items():
        if name in flat.edge_types:
            a = names.index(name)
            texts[:] = [
                text if values[a] is None else compact_json(values[a])
                for text, values in zip(texts, rows, strict=True)
            ]
    return [
        f'{{"data":{{"id":{edge_id},"source":{source},"target":{target}{members[values]}}}}}'
        for edge_id, source, target, values in zip(*leading.values(), rows, strict=True)
    ]


def cytoscape_data(
    graph: nx.MultiDiGraph, layout: Layout | None = None, flat: FlatGraph | None = None
) -> dict[str, Any]:
    """Cytoscape JSON: nodes with string ids, a ``name``, a colour and a preset position."""
    return json.loads("".join(cytoscape_chunks(graph, layout, flat)))


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
    styles = node_styles(graph)
    yield object_head(_header(flat)) + ',"elements":{"nodes":'
    yield from array_chunks(
        _node_texts(flat, batch, styles, layout) for batch in batches(flat.nodes)
    )
    yield ',"edges":'
    inner = Escaped(lambda text: encode_basestring(text)[1:-1])  # ids recur in many edges
    members = RecordTexts(_members_writer(flat.edge_types, _EDGE_LEADING))
    yield from array_chunks(
        _edge_texts(flat, batch, inner, members) for batch in batches(flat.edges)
    )
    yield "}}\n"


def write_cytoscape(
    graph: nx.MultiDiGraph,
    path: Path,
    layout: Layout | None = None,
    flat: FlatGraph | None = None,
) -> Path:
    """Write ``cytoscape.json`` atomically, streamed."""
    return write_chunks(path, cytoscape_chunks(graph, layout, flat))
