"""Records to JSON-ready dicts and back, driven by the dataclasses' own type hints.

Each record class gets one encoder and one decoder, made from its type hints the first time
they are needed: fields whose Python value already is its JSON value (texts, numbers, flags)
are taken as they are, nested records are converted, and on the way back short texts (ids,
labels, surface forms, which recur across records and documents) are held once in memory.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
Decoder = Callable[[Any], Any]
Encoder = Callable[[Any], Any]
PLAIN_TYPES = (str, int, float, bool)  # their values are their own JSON values
SHARED_TEXT_MAX = 64  # characters: longer texts (sentences, paragraphs) rarely recur


def _shared_text(value: str) -> str:
    """``value``, held once in memory with every equal short text."""
    return sys.intern(value) if len(value) <= SHARED_TEXT_MAX else value


def _optional_of(kind: Any) -> Any | None:
    """The one type an ``X | None`` hint allows besides None; None for any other hint."""
    if typing.get_origin(kind) not in (typing.Union, types.UnionType):
        return None
    options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
    return options[0] if len(options) == 1 else None


def _each(convert: Callable[[Any], Any]) -> Callable[[list[Any]], list[Any]]:
    """A converter of lists applying ``convert`` to each item that is not None."""
    return lambda value: [None if each is None else convert(each) for each in value]


def _decoder(kind: Any) -> Decoder | None:
    """How to turn a JSON value (not None) into an instance of the annotated type ``kind``;
    None when the JSON value already is one."""
    if kind is str:
        return _shared_text
    if (optional := _optional_of(kind)) is not None:
        return _decoder(optional)
    origin = typing.get_origin(kind)
    if origin is list:
        decode_item = _decoder(typing.get_args(kind)[0])
        return None if decode_item is None else _each(decode_item)
    if origin is dict:
        key_kind, item = typing.get_args(kind)
        decode_key = _decoder(key_kind) or (lambda key: key)
        decode_value = _decoder(item) or (lambda each: each)
        return lambda value: {
            decode_key(key): None if each is None else decode_value(each)
            for key, each in value.items()
        }
    if dataclasses.is_dataclass(kind):
        return _record_decoder(kind)
    return None


@functools.cache
def _record_decoder(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    """The decoder of one record class: its init fields, each decoded by its type hint (None
    stays None), other keys ignored."""
    hints = typing.get_type_hints(cls)
    names = frozenset(field.name for field in dataclasses.fields(cls) if field.init)
    nested = {name: _decoder(hints[name]) for name in names}
    nested = {name: decode for name, decode in nested.items() if decode is not None}

    def decode(data: dict[str, Any]) -> T:
        if not names.issuperset(data):
            data = {name: value for name, value in data.items() if name in names}
        elif nested:
            data = dict(data)  # the caller's dict stays as it was
        for name, decode_field in nested.items():
            value = data.get(name)
            if value is not None:
                data[name] = decode_field(value)
        return cls(**data)

    return decode


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """A record of type ``cls`` rebuilt from ``to_dict`` (or ``dataclasses.asdict``) output."""
    return _record_decoder(cls)(data)


def _any_value(value: Any) -> Any:
    """A value of unannotated type converted as ``dataclasses.asdict`` converts it."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _record_encoder(type(value))(value)
    if isinstance(value, list | tuple):
        return type(value)(_any_value(each) for each in value)
    if isinstance(value, dict):
        return {_any_value(key): _any_value(each) for key, each in value.items()}
    return copy.deepcopy(value)


def _encoder(kind: Any) -> Encoder | None:
    """How to turn a value (not None) of the annotated type ``kind`` into its JSON-ready
    form; None when it already is one."""
    if kind in PLAIN_TYPES:
        return None
    if (optional := _optional_of(kind)) is not None:
        return _encoder(optional)
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        return _any_value
    if origin is list:
        encode_item = _encoder(typing.get_args(kind)[0])
        return list if encode_item is None else _each(encode_item)
    if origin is dict and all(arg in PLAIN_TYPES for arg in typing.get_args(kind)):
        return dict
    if dataclasses.is_dataclass(kind):
        return _record_encoder(kind)
    return _any_value


@functools.cache
def _record_encoder(cls: type[T]) -> Callable[[T], dict[str, Any]]:
    """The encoder of one record class: every field in declaration order, each encoded by
    its type hint (None stays None)."""
    hints = typing.get_type_hints(cls)
    fields = [(field.name, _encoder(hints[field.name])) for field in dataclasses.fields(cls)]

    def encode(record: T) -> dict[str, Any]:
        data = {}
        for name, encode_field in fields:
            value = getattr(record, name)
            data[name] = value if encode_field is None or value is None else encode_field(value)
        return data

    return encode


def to_dict(record: Any) -> dict[str, Any]:
    """``record`` (a dataclass instance) as a JSON-ready dict, equal to what
    ``dataclasses.asdict`` gives."""
    return _record_encoder(type(record))(record)
