"""Per-token values worked out once per distinct token shape and looked up a document at a time.

A shape is a tuple of token attributes (say the word, its tag and its morphology) from which
a value follows; most tokens of a text repeat a shape seen before, so the work is done once and
every token of a document is then answered by one array look-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from spacy.tokens import Doc, Token

MAX_REMEMBERED_SHAPES = 200_000  # distinct shapes kept before starting afresh


class ShapeTable:
    """Rows of ``width`` integers, one per distinct shape of the attributes ``attrs``; a row is
    made by ``work_out`` from the first token seen with that shape."""

    def __init__(
        self, attrs: Sequence[int], width: int, work_out: Callable[[Token], Sequence[int]]
    ) -> None:
        self.attrs = list(attrs)
        self.work_out = work_out
        self.ids: dict[tuple[int, ...], int] = {}
        self.table = np.zeros((64, width), dtype=np.uint64)

    def rows(self, doc: Doc) -> np.ndarray:
        """The row of each token of ``doc``, in token order."""
        if len(self.ids) >= MAX_REMEMBERED_SHAPES:
            self.ids.clear()
        shapes = list(map(tuple, doc.to_array(self.attrs).reshape(len(doc), -1).tolist()))
        ids = list(map(self.ids.get, shapes))
        if None in ids:
            ids = [self._id_of(shape, doc[i]) for i, shape in enumerate(shapes)]
        return self.table[ids]

    def _id_of(self, shape: tuple[int, ...], token: Token) -> int:
        """The row number of ``shape``, worked out from ``token`` when it is new."""
        known = self.ids.get(shape)
        if known is not None:
            return known
        new = len(self.ids)
        if new == len(self.table):
            self.table = np.concatenate([self.table, np.zeros_like(self.table)])
        self.table[new] = self.work_out(token)
        self.ids[shape] = new
        return new
