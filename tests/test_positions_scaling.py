"""Clustering at scale: the silhouette measured once per sample and the vectorised cut agree
with the direct ones; large point sets are clustered on a sample."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster
from sklearn.metrics import adjusted_rand_score, silhouette_score

from analyser.positions import clustering
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


def test_large_point_sets_are_clustered_on_a_sample_and_extended(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(0)
    centres = np.array([[5.0, 0.0, 0.0], [0.0, 5.0, 0.0], [0.0, 0.0, 5.0]])
    truth = rng.integers(0, 3, size=600)
    points = centres[truth] + rng.normal(scale=0.3, size=(600, 3))
    monkeypatch.setattr(clustering, "WARD_SAMPLE", 90)
    labels = clustering.cluster_points(points, None, max_k=8, seed=0)
    assert adjusted_rand_score(truth, labels) == 1.0
    assert labels[0] == 0 and set(labels.tolist()) == {0, 1, 2}
    assert (clustering.cluster_points(points, None, max_k=8, seed=0) == labels).all()
