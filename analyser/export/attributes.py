"""Scalar, consistently typed node and edge attributes for the file exports.

Graph attributes may hold lists and dicts; GraphML, GEXF, CSV and Cytoscape want one scalar
type per attribute name. Lists become "; "-joined strings, dicts sorted JSON, and a name
whose values mix types is written as text everywhere. Ids and strings lose the characters
XML 1.0 cannot carry; each node keeps its graph id for look-ups in the graph and the layout.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import networkx as nx

Scalar = str | int | float | bool
Values = tuple[Scalar | None, ...]  # one per attribute name, None where a record lacks it
LIST_SEPARATOR = "; "

# Characters XML 1.0 forbids (C0 controls except tab/newline/return, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` without characters that XML 1.0 cannot carry (e.g. form feeds from PDFs)."""
    if text.isprintable() or _NOT_XML.search(text) is None:  # the first test is the quicker
        return text
    return _NOT_XML.sub("", text)


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


def _scalar_type(kind: type) -> type:
    """The type ``to_scalar`` gives a value of type ``kind``."""
    return kind if issubclass(kind, bool | int | float) else str


def _widest(kinds: set[type]) -> type:
    """The one type that can hold every value: bool, int, float or str."""
    if kinds <= {bool}:
        return bool
    if kinds <= {int}:
        return int
    if kinds <= {int, float}:
        return float
    return str


def attribute_types(records: Iterable[Mapping[str, Any]]) -> dict[str, type]:
    """Attribute name -> the Python type all its values are written as, sorted by name.

    None values count as missing.
    """
    seen: set[tuple[str, type]] = set()
    for record in records:
        seen.update(zip(record, map(type, record.values()), strict=True))
    kinds: dict[str, set[type]] = {}
    for name, kind in seen:
        if kind is not type(None):
            kinds.setdefault(name, set()).add(_scalar_type(kind))
    return {name: _widest(kinds[name]) for name in sorted(kinds)}


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


class FlatNode(NamedTuple):
    """One node: its graph id, its id as written, and its attribute values."""

    node: str
    id: str
    values: Values


class FlatEdge(NamedTuple):
    """One edge: its key, source and target as written, and its attribute values."""

    key: str
    source: str
    target: str
    values: Values

    @property
    def id(self) -> str:
        """The edge's id (see ``edge_id``)."""
        return edge_id(self.source, self.target, self.key)


def present(names: Iterable[str], values: Values) -> dict[str, Scalar]:
    """The attributes a record has by name, in name order."""
    return {name: value for name, value in zip(names, values, strict=True) if value is not None}


class FlatGraph:
    """The nodes and edges of a graph with scalar attributes of one type per name, made once
    and shared by every file export.

    ``node_types``/``edge_types`` map each attribute name (sorted) to its type; the ``values``
    of each node and edge follow that order.
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.name = str(graph.graph.get("name", ""))
        self.node_types = attribute_types(data for _, data in graph.nodes(data=True))
        self.edge_types = attribute_types(data for *_, data in graph.edges(data=True))
        ids = {node: clean_text(node) for node in graph.nodes}
        to_node_values = _Typed(self.node_types)
        to_edge_values = _Typed(self.edge_types)
        self.nodes = [
            FlatNode(node, ids[node], to_node_values(data)) for node, data in graph.nodes(data=True)
        ]
        self.edges = [
            FlatEdge(clean_text(key), ids[u], ids[v], to_edge_values(data))
            for u, v, key, data in graph.edges(keys=True, data=True)
        ]

    def node_attributes(self, values: Values) -> dict[str, Scalar]:
        """The attributes of one node by name (names in order)."""
        return present(self.node_types, values)

    def edge_attributes(self, values: Values) -> dict[str, Scalar]:
        """The attributes of one edge by name (names in order)."""
        return present(self.edge_types, values)


class _Typed:
    """Turns an attribute dict into the values of its names, each converted to its type."""

    def __init__(self, types: Mapping[str, type]) -> None:
        self.types = types
        self.index = {name: number for number, name in enumerate(types)}

    def __call__(self, data: Mapping[str, Any]) -> Values:
        values: list[Scalar | None] = [None] * len(self.index)
        for name, value in data.items():
            kind = self.types.get(name)
            if type(value) is str:  # the common cases first: a str is of a text attribute
                values[self.index[name]] = clean_text(value)
            elif type(value) is kind:
                values[self.index[name]] = value
            elif value is not None:
                values[self.index[name]] = coerce(to_scalar(value), kind)
        return tuple(values)
