"""Compact JSON text for the streamed JSON exports."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from typing import Any

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_ITEMS_PER_PIECE = 2048


def compact_json(value: Any) -> str:
    """``value`` as compact JSON text (no spaces, non-ASCII characters as they are)."""
    return _ENCODER.encode(value)


def object_head(value: dict[str, Any]) -> str:
    """The JSON text of a non-empty ``value`` without its closing brace, so that more members
    can follow (each written as ``,"name":value``)."""
    return compact_json(value)[:-1]


def json_array_chunks(items: Iterable[Any]) -> Iterator[str]:
    """The compact JSON text of a list of ``items``, a few thousand items per piece."""
    pieces = iter(items)
    yield "["
    separator = ""
    while batch := list(itertools.islice(pieces, _ITEMS_PER_PIECE)):
        yield separator + compact_json(batch)[1:-1]
        separator = ","
    yield "]"
