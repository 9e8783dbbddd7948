"""Passage feature matrices: content terms, lexicon concepts, known positions and citations."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from analyser.positions.known import KnownPositions
from analyser.positions.passages import Passage
from analyser.records import DocResult


@dataclass
class FeatureBlock:
    """One kind of feature: a row-normalised TF-IDF matrix (passages x names) and its weight."""

    name: str
    matrix: sp.csr_matrix
    names: list[str]
    weight: float

    @property
    def is_empty(self) -> bool:
        """True when no passage has any feature of this kind."""
        return self.matrix.nnz == 0


def tfidf_block(
    name: str, bags: Sequence[Sequence[str]], weight: float, min_df: int = 1
) -> FeatureBlock:
    """A block from one bag of items per passage: sublinear TF-IDF, rows L2-normalised.

    Items in fewer than ``min_df`` passages are dropped, unless that would drop them all.
    """
    for threshold in dict.fromkeys((min_df, 1)):
        vectoriser = TfidfVectorizer(
            analyzer=list, lowercase=False, sublinear_tf=True, min_df=threshold, norm="l2"
        )
        try:
            matrix = vectoriser.fit_transform(bags)  # each bag is read by ``list``
        except ValueError:  # no item left (or none at all)
            continue
        return FeatureBlock(name, matrix.tocsr(), list(vectoriser.get_feature_names_out()), weight)
    return FeatureBlock(name, sp.csr_matrix((len(bags), 0)), [], weight)


class PassageLocator:
    """Finds the passage that holds a character offset of a document."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self._starts: dict[str, list[int]] = {}
        self._rows: dict[str, list[int]] = {}
        for row, passage in sorted(enumerate(passages), key=lambda item: item[1].start):
            self._starts.setdefault(passage.doc, []).append(passage.start)
            self._rows.setdefault(passage.doc, []).append(row)
        self._passages = passages

    def row(self, doc: str, offset: int) -> int | None:
        """Row of the passage of ``doc`` whose span holds ``offset``, if any."""
        starts = self._starts.get(doc, [])
        position = bisect_right(starts, offset) - 1
        if position < 0:
            return None
        row = self._rows[doc][position]
        return row if offset < self._passages[row].end else None


def concept_bags(passages: Sequence[Passage], results: Sequence[DocResult]) -> list[list[str]]:
    """The lexicon concept ids mentioned in each passage (one item per mention)."""
    bags: list[list[str]] = [[] for _ in passages]
    locate = PassageLocator(passages)
    for result in results:
        for mention in result.mentions:
            index = locate.row(mention.doc or result.document.id, mention.start)
            if index is not None:
                bags[index].append(mention.concept)
    return bags


def citation_bags(passages: Sequence[Passage], results: Sequence[DocResult]) -> list[list[str]]:
    """The works cited in each passage: the work key, else the first author's surname."""
    bags: list[list[str]] = [[] for _ in passages]
    locate = PassageLocator(passages)
    for result in results:
        for citation in result.citations:
            key = citation.work or (citation.authors[0].lower() if citation.authors else None)
            index = locate.row(citation.doc or result.document.id, citation.start)
            if key and index is not None:
                bags[index].append(key)
    return bags


def position_block(concepts: FeatureBlock, known: KnownPositions, weight: float) -> FeatureBlock:
    """Each passage's known-position profile: its concept TF-IDF row carried through the
    signature concepts onto the positions they signal, rows L2-normalised."""
    rows = concepts.matrix.shape[0]
    if not concepts.names or not known.ids:
        return FeatureBlock("positions", sp.csr_matrix((rows, len(known.ids))), known.ids, weight)
    signals = sp.csr_matrix(known.signal_matrix(concepts.names))
    profile = normalize(concepts.matrix @ signals).tocsr()
    return FeatureBlock("positions", profile, known.ids, weight)


def combine(blocks: Sequence[FeatureBlock]) -> sp.csr_matrix:
    """Weighted concatenation of the non-empty blocks, rows L2-normalised.

    Each block is scaled by the square root of its weight, so the cosine of two rows is the
    weighted sum of the per-block cosines (before the final normalisation). No columns when no
    passage has any feature.
    """
    used = [block for block in blocks if not block.is_empty and block.weight > 0]
    if not used:
        return sp.csr_matrix((blocks[0].matrix.shape[0] if blocks else 0, 0))
    stacked = sp.hstack([block.matrix * np.sqrt(block.weight) for block in used]).tocsr()
    return normalize(stacked)


def reduce_dimensions(matrix: sp.csr_matrix, seed: int, max_dimensions: int) -> np.ndarray:
    """The rows as dense vectors; when both dimensions exceed ``max_dimensions``, first a
    seeded latent semantic projection to ``max_dimensions`` components (rows re-normalised)."""
    if min(matrix.shape) <= max_dimensions:
        return matrix.toarray()
    svd = TruncatedSVD(n_components=max_dimensions, random_state=seed)
    return normalize(svd.fit_transform(matrix), copy=False)
