"""The fast paths of positions give exactly what the direct computations give: the one-pass
term tokeniser, the silhouette by sparse product, the passages' word counts."""

from __future__ import annotations

import re
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import silhouette_score

from analyser.ingest.paragraphs import document_from_text
from analyser.positions.clustering import SilhouetteSample, cut, ward_tree
from analyser.positions.passages import select_passages
from analyser.positions.terms import fold_word, light_terms, stop_terms, vague_terms
from analyser.records import DocResult

_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”–—/|•*#]|(?<!\w)['‘’]|['‘’](?!\w)|\s-\s|\n\s*\n")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")


def _direct_terms(text: str) -> list[str]:
    """Terms by the plain recipe: split at breaks, then at stopwords and contractions; each
    run gives its non-vague words, then its adjacent pairs with one word not vague."""
    stop, vague = stop_terms(), vague_terms()
    terms: list[str] = []
    for chunk in _BREAK.split(text):
        runs: list[list[str]] = [[]]
        for word in map(fold_word, _WORD.findall(chunk)):
            if word in stop or "'" in word:
                runs.append([])
            else:
                runs[-1].append(word)
        for run in runs:
            words = [word if len(word) >= 3 else None for word in run]
            terms += [word for word in words if word is not None and word not in vague]
            terms += [
                f"{left} {right}"
                for left, right in pairwise(words)
                if left and right and not (left in vague and right in vague)
            ]
    return terms


TRICKY = [
    "Arms don't help; the ‘offense-defense balance’ and the states’ security.",
    "don''t rock-'n'-roll a-'b ab'-c x’’y café's naïve_state 1990s'policy",
    "weak states -- regime types - democratic peace\n \nbalance of power'",
    "'quoted' ’security dilemma’ ‘nuclear deterrence’ power-’s",
]


@pytest.mark.parametrize("text", TRICKY)
def test_light_terms_equal_the_direct_recipe(text: str) -> None:
    assert light_terms(text) == _direct_terms(text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["a", "B", "'", "’", "‘", "-", " ", "\n", "_", "1", "é", ".", "state", "the", "power"]
        ),
        max_size=25,
    )
)
def test_light_terms_equal_the_direct_recipe_on_any_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert light_terms(text) == _direct_terms(text)


@pytest.mark.parametrize("n_points", [60, 2150])
def test_silhouette_equals_sklearn_exactly(n_points: int) -> None:
    points = np.random.default_rng(11).normal(size=(n_points, 8))
    tree = ward_tree(points)
    sample = SilhouetteSample.of(points, seed=4)
    size = 2000 if n_points > 2000 else None
    for k in (2, 3, 7, 15):
        labels = cut(tree, k)
        direct = silhouette_score(points, labels, metric="cosine", sample_size=size, random_state=4)
        assert sample.silhouette(labels) == direct


def test_passage_word_counts_are_those_of_the_text() -> None:
    words = " ".join(["word"] * 8)
    text = f"{words}\n\n{words}.\n\n{' '.join(['long'] * 40)}\n\nshort one\n\nand {words} end"
    result = DocResult(document_from_text(text, "d", "d.txt"))
    passages = select_passages([result], min_words=1, merge_below=30)
    assert len(passages) > 1
    assert all(passage.n_words == len(passage.text.split()) for passage in passages)
