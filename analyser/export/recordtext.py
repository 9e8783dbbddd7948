"""Texts of records shared by every streamed export: records taken a batch at a time, each
recurring string escaped once, and each distinct record's text made once."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from analyser.export.attributes import FlatEdge, Scalar, Values

T = TypeVar("T")
_BATCH = 4096  # records rendered at once: few enough to hold, many enough to share the work


class Escaped(dict[str, str]):
    """Strings that recur (node ids, edge keys), each escaped once by ``escape``."""

    def __init__(self, escape: Callable[[str], str]) -> None:
        super().__init__()
        self.escape = escape

    def __missing__(self, text: str) -> str:
        self[text] = escaped = self.escape(text)
        return escaped

    def edge_columns(self, edges: Sequence[FlatEdge]) -> tuple[list[str], list[str], list[str]]:
        """The escaped source, target and id of each edge (``edge_id`` escaped in parts:
        escaping goes character by character)."""
        keys, sources, targets, _ = zip(*edges, strict=True) if edges else ((), (), (), ())
        escaped_sources = list(map(self.__getitem__, sources))
        escaped_targets = list(map(self.__getitem__, targets))
        ids = [
            f"{key}:{source}-&gt;{target}"  # as edge_id writes it
            for source, target, key in zip(
                escaped_sources, escaped_targets, map(self.__getitem__, keys), strict=True
            )
        ]
        return escaped_sources, escaped_targets, ids


Write = Callable[[Scalar], str]  # how a value of one attribute is written


def kept(write: Write, kind: type) -> Write:
    """``write`` for values of ``kind``, keeping the texts of a few thousand recent values (not
    for floats: 0.0 and -0.0 are equal yet written apart)."""
    return write if kind is float else functools.lru_cache(maxsize=_BATCH)(write)


def values_writer(writes: Sequence[Write | None]) -> Callable[[Values], str]:
    """Writes a record's values, each by the ``Write`` of its attribute, joined (missing values
    and those of an attribute whose write is None are left out)."""

    def write(values: Values) -> str:
        return "".join(
            [
                write_value(value)
                for write_value, value in zip(writes, values, strict=True)
                if value is not None and write_value is not None
            ]
        )

    return write


class RecordTexts(dict[Values, str]):
    """The text ``write`` makes of a record's values, made once for the many records with equal
    values (but each time for a record holding a zero: 0.0 and -0.0 are equal yet written
    apart). Holds at most a few thousand texts."""

    def __init__(self, write: Callable[[Values], str]) -> None:
        super().__init__()
        self.write = write

    def __missing__(self, values: Values) -> str:
        text = self.write(values)
        if 0.0 not in values:
            if len(self) >= _BATCH:
                self.clear()
            self[values] = text
        return text


def batches(records: Iterable[T]) -> Iterator[list[T]]:
    """``records`` a few thousand at a time, in order."""
    remaining = iter(records)
    while batch := list(itertools.islice(remaining, _BATCH)):
        yield batch
