"""Scalar, consistently typed node and edge attributes for the file exports.

Graph attributes may hold lists and dicts; GraphML, GEXF, CSV and Cytoscape want one scalar
type per attribute name. Lists become "; "-joined strings, dicts sorted JSON, and a name
whose values mix types is written as text everywhere. Ids and strings lose the characters
XML 1.0 cannot carry; each node keeps its graph id for look-ups in the graph and the layout.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from types import NoneType
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


def coerce(value: Scalar, kind: type) -> Scalar:
    """``value`` converted to ``kind`` (bools and numbers become text for a text attribute)."""
    if type(value) is kind:
        return value
    if kind is str and isinstance(value, bool):
        return "true" if value else "false"
    return kind(value)


def to_typed(value: Any, kind: type) -> Scalar:
    """A value (not None) as a scalar of its attribute's type ``kind``."""
    if type(value) is str:  # the common cases first: a str is of a text attribute
        return clean_text(value)
    if type(value) is kind:
        return value
    return coerce(to_scalar(value), kind)


def _typed_column(column: Sequence[Any], kinds: set[type], kind: type) -> Sequence[Scalar | None]:
    """Values of one attribute name (None where missing), of types ``kinds``, as ``kind``."""
    if kinds == {kind} and (
        kind is not str or _NOT_XML.search("".join(filter(None, column))) is None
    ):
        return column  # already of the type, and clean text: nothing to convert
    return [None if value is None else to_typed(value, kind) for value in column]


class _Columns(NamedTuple):
    """Records with the same attribute names: where they are among all records, the values
    of each name, and the types of those values (None aside)."""

    positions: list[int]
    values: dict[str, list[Any]]
    kinds: dict[str, set[type]]


def _by_names(records: Sequence[Mapping[str, Any]]) -> list[_Columns]:
    """The records grouped by their attribute names (in order), as columns."""
    positions: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for position, record in enumerate(records):
        positions[tuple(record)].append(position)
    groups = []
    for names, where in positions.items():
        members = [records[i] for i in where]
        values = {name: list(map(itemgetter(name), members)) for name in names}
        kinds = {name: set(map(type, column)) - {NoneType} for name, column in values.items()}
        groups.append(_Columns(where, values, kinds))
    return groups


def typed_values(records: Sequence[Mapping[str, Any]]) -> tuple[dict[str, type], list[Values]]:
    """The type every value of each attribute name is written as (names sorted; None values
    count as missing) and the values of each record in name order, converted to those types."""
    groups = _by_names(records)
    kinds: dict[str, set[type]] = defaultdict(set)
    for group in groups:
        for name, found in group.kinds.items():
            kinds[name] |= {_scalar_type(kind) for kind in found}
    types = {name: _widest(kinds[name]) for name in sorted(kinds) if kinds[name]}
    values: list[Values] = [()] * len(records)
    shared: dict[Values, Values] = {}
    for group in groups if types else ():
        for position, row in zip(group.positions, _rows(group, types, shared), strict=True):
            values[position] = row
    return types, values


def _rows(group: _Columns, types: Mapping[str, type], shared: dict[Values, Values]) -> list[Values]:
    """The values of each record of ``group``, by name of ``types``, as those types; equal
    rows are one tuple, kept in ``shared`` (unless a float is zero: 0.0 == -0.0, yet they are
    written apart)."""
    missing = (None,) * len(group.positions)
    columns = [
        _typed_column(group.values[name], group.kinds[name], kind)
        if name in group.values
        else missing
        for name, kind in types.items()
    ]
    rows = zip(*columns, strict=True)
    kinds = types.values()
    if any(0.0 in column for column, kind in zip(columns, kinds, strict=True) if kind is float):
        return list(rows)
    return [shared.setdefault(row, row) for row in rows]


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
        self.node_types, node_values = typed_values([data for _, data in graph.nodes(data=True)])
        self.edge_types, edge_values = typed_values([data for *_, data in graph.edges(data=True)])
        written = functools.cache(clean_text)  # ids and keys as written, each cleaned once
        self.nodes = [
            FlatNode(node, written(node), values)
            for node, values in zip(graph.nodes, node_values, strict=True)
        ]
        self.edges = [
            FlatEdge(written(key), written(u), written(v), values)
            for (u, v, key), values in zip(graph.edges(keys=True), edge_values, strict=True)
        ]

    def node_attributes(self, values: Values) -> dict[str, Scalar]:
        """The attributes of one node by name (names in order)."""
        return present(self.node_types, values)

    def edge_attributes(self, values: Values) -> dict[str, Scalar]:
        """The attributes of one edge by name (names in order)."""
        return present(self.edge_types, values)
