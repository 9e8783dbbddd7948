"""Scalar, consistently typed node and edge attributes for the file exports.

Graph attributes may hold lists and dicts; GraphML, GEXF, CSV and Cytoscape want one scalar
type per attribute name. Lists become "; "-joined strings, dicts sorted JSON, and a name
whose values mix types is written as text everywhere.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

Scalar = str | int | float | bool
LIST_SEPARATOR = "; "

# Characters XML 1.0 forbids (C0 controls except tab/newline/return, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` without characters that XML 1.0 cannot carry (e.g. form feeds from PDFs)."""
    return text if _NOT_XML.search(text) is None else _NOT_XML.sub("", text)


def to_scalar(value: Any) -> Scalar:
    """A list as a "; "-joined string, a dict as sorted JSON, a string cleaned for XML."""
    if type(value) is str:  # the common case first
        return clean_text(value)
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        items = value if isinstance(value, list | tuple) else sorted(value)
        return clean_text(LIST_SEPARATOR.join(str(item) for item in items))
    if isinstance(value, Mapping):
        return clean_text(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))
    return clean_text(str(value))


def _widest(kinds: set[type]) -> type:
    """The one type that can hold every value: bool, int, float or str."""
    if kinds <= {bool}:
        return bool
    if kinds <= {int}:
        return int
    if kinds <= {int, float}:
        return float
    return str


def attribute_types(records: Iterable[Mapping[str, Scalar]]) -> dict[str, type]:
    """Attribute name -> the Python type all its values are written as, sorted by name."""
    seen: dict[str, set[type]] = defaultdict(set)
    for record in records:
        for name, value in record.items():
            seen[name].add(type(value))
    return {name: _widest(seen[name]) for name in sorted(seen)}


def coerce(value: Scalar, kind: type) -> Scalar:
    """``value`` converted to ``kind`` (bools and numbers become text for a text attribute)."""
    if type(value) is kind:
        return value
    if kind is str and isinstance(value, bool):
        return "true" if value else "false"
    return kind(value)


def edge_id(source: str, target: str, key: str) -> str:
    """A stable, readable, unique id of one edge: ``"<key>:<source>-><target>"``."""
    return f"{key}:{source}->{target}"


class FlatGraph:
    """The nodes and edges of a graph with scalar attributes of one type per name."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        nodes = [(node, _flatten(data)) for node, data in graph.nodes(data=True)]
        edges = [
            (edge_id(u, v, key), u, v, _flatten(data))
            for u, v, key, data in graph.edges(keys=True, data=True)
        ]
        self.node_types = attribute_types(attrs for _, attrs in nodes)
        self.edge_types = attribute_types(attrs for *_, attrs in edges)
        self.nodes: list[tuple[str, dict[str, Scalar]]] = [
            (clean_text(node), _typed(attrs, self.node_types)) for node, attrs in nodes
        ]
        self.edges: list[tuple[str, str, str, dict[str, Scalar]]] = [
            (clean_text(eid), clean_text(u), clean_text(v), _typed(attrs, self.edge_types))
            for eid, u, v, attrs in edges
        ]
        self.name = str(graph.graph.get("name", ""))


def _flatten(data: Mapping[str, Any]) -> dict[str, Scalar]:
    return {name: to_scalar(value) for name, value in data.items() if value is not None}


def _typed(attrs: Mapping[str, Scalar], types: Mapping[str, type]) -> dict[str, Scalar]:
    return {name: coerce(attrs[name], types[name]) for name in sorted(attrs)}
