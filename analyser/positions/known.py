"""The known theoretical positions of the lexicon, seen through their signature concepts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from analyser.lexicon import Lexicon, load_lexicon


@dataclass(frozen=True)
class KnownPositions:
    """Known positions (id -> label); per signature concept, its weight for each position it
    is a signature of; and the lexicon's position mix of a list of concept ids."""

    labels: Mapping[str, str]
    signals: Mapping[str, Mapping[str, float]]
    mix: Callable[[Iterable[str]], list[tuple[str, float]]]

    @property
    def ids(self) -> list[str]:
        """Position ids in sorted order (the columns of every position profile)."""
        return sorted(self.labels)

    def signal_matrix(self, concepts: list[str]) -> np.ndarray:
        """Concepts x positions: each concept's signature weights (rows of zeros elsewhere)."""
        ids = self.ids
        column = {position: index for index, position in enumerate(ids)}
        matrix = np.zeros((len(concepts), len(ids)))
        for row, concept in enumerate(concepts):
            for position, weight in self.signals.get(concept, {}).items():
                matrix[row, column[position]] = weight
        return matrix


def known_positions(lexicon: Lexicon | None) -> KnownPositions:
    """The positions of ``lexicon`` (the packaged lexicon when None).

    The lexicon's ``positions_for`` gives the position mix of a set of concept mentions. For
    features, a concept splits one vote among all the positions it signals, but only the
    shares of the positions it is a signature of (the concepts that signal a position most
    strongly) are kept: a concept that many positions share says little about any of them.
    """
    if lexicon is None:
        lexicon = load_lexicon()
    positions, concepts = lexicon.positions, lexicon.concepts
    signature_of: dict[str, set[str]] = {}
    for position_id, position in positions.items():
        for concept in position.signature:
            signature_of.setdefault(concept, set()).add(position_id)
    signals = {}
    for concept, signed in sorted(signature_of.items()):
        entry = concepts.get(concept)
        signalled = signed | set(entry.positions if entry is not None else ())
        signals[concept] = {position: 1.0 / len(signalled) for position in sorted(signed)}
    labels = {position_id: positions[position_id].label for position_id in sorted(positions)}
    return KnownPositions(labels, signals, lexicon.positions_for)
