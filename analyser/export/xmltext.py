"""Escaping of XML character data and attribute values for the streamed XML exports, and the
record helpers every streamed export shares (batches, texts made once per distinct record).

The GEXF file keeps the escapes of Python's ElementTree and the GraphML file those of libxml2
(the writer networkx uses), so both files stay what those libraries would write.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from analyser.export.attributes import FlatEdge, Scalar, Values

_MARKUP = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_QUOTES_AND_BREAKS = (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"))
_ELEMENTTREE_TEXT = _MARKUP
_ELEMENTTREE_ATTRIBUTE = (*_MARKUP, *_QUOTES_AND_BREAKS, ("\t", "&#09;"))
_LIBXML_TEXT = (*_MARKUP, ("\r", "&#13;"))
_LIBXML_ATTRIBUTE = (*_MARKUP, *_QUOTES_AND_BREAKS, ("\t", "&#9;"))
T = TypeVar("T")
_BATCH = 4096  # records rendered at once: few enough to hold, many enough to share the work
_SPECIAL = re.compile('[&<>"\r\n\t]')  # every character escaped below


def _replace_all(text: str, replacements: tuple[tuple[str, str], ...]) -> str:
    for char, escaped in replacements:
        text = text.replace(char, escaped)
    return text


# Most values contain nothing to escape: one regex search settles that.


def text_escape(text: str) -> str:
    """Character data as ElementTree writes it (``&``, ``<``, ``>`` escaped)."""
    return text if _SPECIAL.search(text) is None else _replace_all(text, _ELEMENTTREE_TEXT)


def attribute_escape(text: str) -> str:
    """An attribute value as ElementTree writes it (markup, quotes and line breaks escaped)."""
    return text if _SPECIAL.search(text) is None else _replace_all(text, _ELEMENTTREE_ATTRIBUTE)


def libxml_text_escape(text: str) -> str:
    """Character data as libxml2 writes it (markup and carriage returns escaped)."""
    return text if _SPECIAL.search(text) is None else _replace_all(text, _LIBXML_TEXT)


def libxml_attribute_escape(text: str) -> str:
    """An attribute value as libxml2 writes it (markup, quotes and line breaks escaped)."""
    return text if _SPECIAL.search(text) is None else _replace_all(text, _LIBXML_ATTRIBUTE)


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
