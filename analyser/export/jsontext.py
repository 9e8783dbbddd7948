"""Compact JSON text for the streamed JSON exports."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from json.encoder import encode_basestring  # a str as JSONEncoder writes it, ensure_ascii off
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


def json_text(value: Any) -> str:
    """``value`` as compact JSON text, quickly for a string or a plain number."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int or (kind is float and math.isfinite(value)):
        return repr(value)  # as the encoder writes them
    return compact_json(value)


Column = tuple[Sequence[Any], type | None]  # an object member's values and their kind


def member_texts(name: str, values: Sequence[Any], kind: type | None) -> list[str]:
    """Each of ``values`` as the object member ``,"name":value``, "" where it is None.

    ``kind`` tells what each value is: a str, a number or bool, or None for anything (each
    then encoded alone). Each distinct text is made once.
    """
    prefix = f",{compact_json(name)}:"
    if kind is None:
        return ["" if value is None else prefix + compact_json(value) for value in values]
    if kind is str:
        texts = {value: prefix + encode_basestring(value) for value in set(values) - {None}}
        texts[None] = ""
        return list(map(texts.__getitem__, values))
    # Numbers and booleans hold no comma: all are encoded as one list, None as null.
    encoded = compact_json(list(values))[1:-1].split(",") if values else []
    texts = {text: prefix + text for text in set(encoded)}
    texts["null"] = ""
    return list(map(texts.__getitem__, encoded))


def object_texts(members: Mapping[str, Column], count: int) -> list[str]:
    """The JSON object of each of ``count`` records, given each member's values and kind (a
    member is left out where its value is None)."""
    texts = [
        member_texts(name, values, kind)
        for name, (values, kind) in members.items()
        if values.count(None) < count
    ]
    if not texts:
        return ["{}"] * count
    return ["{" + "".join(row)[1:] + "}" for row in zip(*texts, strict=True)]


def array_chunks(pieces: Iterable[Sequence[str]]) -> Iterator[str]:
    """A JSON array of items already written as JSON text, a few thousand items per piece."""
    yield "["
    separator = ""
    for texts in pieces:
        if texts:
            yield separator + ",".join(texts)
            separator = ","
    yield "]"
