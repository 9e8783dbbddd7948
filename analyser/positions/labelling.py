"""Naming clusters: distinctive terms, the best-matching known position, a readable label."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from analyser.positions.features import FeatureBlock
from analyser.positions.known import KnownPositions

KNOWN_LABEL_CONFIDENCE = 0.5
LABEL_TERMS = 3


@dataclass(frozen=True)
class KnownMatch:
    """The known position a cluster matches best, with the cosine of the match."""

    position: str | None
    confidence: float


def top_terms(block: FeatureBlock, members: np.ndarray, n: int) -> list[str]:
    """The ``n`` terms most typical of the member rows compared with the other rows.

    A term scores its mean weight inside minus its mean weight outside. A term whose words all
    belong to a term already chosen is skipped; a phrase replaces chosen words it contains.
    """
    if not block.names or not members.any():
        return []
    matrix = sp.csr_matrix(block.matrix)
    inside = np.asarray(matrix[members].mean(axis=0)).ravel()
    outside = np.asarray(matrix[~members].mean(axis=0)).ravel() if (~members).any() else 0.0
    scores = (inside - outside).tolist()
    typical = [index for index, score in enumerate(scores) if score > 0]
    chosen: list[str] = []
    for index in sorted(typical, key=lambda i: (-scores[i], block.names[i])):
        if len(chosen) == n:
            break
        term = block.names[index]
        words = set(term.split())
        if any(words <= set(other.split()) for other in chosen):
            continue
        kept = [other for other in chosen if not set(other.split()) < words]
        chosen = [*kept, term] if len(kept) < len(chosen) else [*chosen, term]
    return chosen


def match_known(concepts: Sequence[str], known: KnownPositions) -> KnownMatch:
    """The known position a cluster's concept mentions point to most.

    The lexicon turns the mentions into a mix over positions (weights summing to 1); the
    confidence is the cosine of that mix with the position's own one-hot profile, 1.0 when
    every mention points to it alone.
    """
    mix = known.mix(concepts)
    if not mix:
        return KnownMatch(None, 0.0)
    norm = float(np.sqrt(sum(weight * weight for _, weight in mix)))
    position, weight = min(mix, key=lambda item: (-item[1], item[0]))
    return KnownMatch(position, round(weight / norm, 4))


def base_label(terms: list[str], match: KnownMatch, known: KnownPositions) -> str:
    """The known position's label when the match is confident, else the leading terms."""
    if match.position is not None and match.confidence >= KNOWN_LABEL_CONFIDENCE:
        return known.labels[match.position]
    return " / ".join(terms[:LABEL_TERMS]) or "unlabelled passages"


def distinct_labels(labels: list[str], terms: list[list[str]]) -> list[str]:
    """Labels made unique: a shared label gets ": " and the first of its cluster's terms it
    lacks, then a running number if still shared."""
    shared = {label for label in labels if labels.count(label) > 1}
    widened = []
    for label, own in zip(labels, terms, strict=True):
        if label in shared:
            extra = next((term for term in own if term not in label), None)
            label = f"{label}: {extra}" if extra else label
        widened.append(label)
    seen: dict[str, int] = {}
    unique = []
    for label in widened:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if widened.count(label) == 1 else f"{label} #{seen[label]}")
    return unique
