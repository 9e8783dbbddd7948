"""The silhouette measured once per sample and the vectorised cut agree with the direct ones."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster
from sklearn.metrics import silhouette_score

from analyser.positions.clustering import SILHOUETTE_SAMPLE, SilhouetteSample, cut, ward_tree


@pytest.mark.parametrize("n_points", [40, SILHOUETTE_SAMPLE + 150])
def test_silhouette_sample_equals_sklearn_silhouette(n_points: int) -> None:
    points = np.random.default_rng(7).normal(size=(n_points, 6))
    tree = ward_tree(points)
    sample = SilhouetteSample.of(points, seed=3)
    for k in (2, 5, 9):
        labels = cut(tree, k)
        size = SILHOUETTE_SAMPLE if n_points > SILHOUETTE_SAMPLE else None
        direct = silhouette_score(points, labels, metric="cosine", sample_size=size, random_state=3)
        assert sample.silhouette(labels) == pytest.approx(direct, abs=1e-12)


def test_cut_numbers_clusters_in_order_of_first_appearance() -> None:
    points = np.random.default_rng(1).normal(size=(60, 4))
    tree = ward_tree(points)
    for k in (2, 4, 7):
        raw = fcluster(tree, t=k, criterion="maxclust")
        order: dict[int, int] = {}
        expected = [order.setdefault(label, len(order)) for label in raw]
        assert cut(tree, k).tolist() == expected
