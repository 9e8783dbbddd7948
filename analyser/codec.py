"""Records to JSON-ready dicts and back, driven by the dataclasses' own type hints."""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """Resolved field types of a dataclass."""
    return typing.get_type_hints(cls)


def _decode(kind: Any, value: Any) -> Any:
    """``value`` (from JSON) as an instance of the annotated type ``kind``."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _decode(options[0], value) if len(options) == 1 else value
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_decode(item, element) for element in value]
    if origin is dict:
        _, item = typing.get_args(kind)
        return {key: _decode(item, element) for key, element in value.items()}
    if dataclasses.is_dataclass(kind):
        return from_dict(kind, value)
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """A record of type ``cls`` rebuilt from ``dataclasses.asdict`` output."""
    hints = _hints(cls)
    known = {f.name for f in dataclasses.fields(cls) if f.init}
    return cls(**{k: _decode(hints[k], v) for k, v in data.items() if k in known})


to_dict = dataclasses.asdict
