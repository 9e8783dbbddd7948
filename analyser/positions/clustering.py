"""Grouping passage vectors: a Ward tree cut at a number of clusters chosen by silhouette."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.metrics import pairwise_distances
from sklearn.utils import check_random_state

SILHOUETTE_SAMPLE = 2000
# Ward's tree needs memory quadratic in its points: above this many passages it is grown on
# a seeded sample and the other passages join the nearest cluster centre (64 MB at 4,000).
WARD_SAMPLE = 4000


def ward_tree(points: np.ndarray) -> np.ndarray:
    """The Ward linkage of row vectors (deterministic for a given input)."""
    return linkage(points, method="ward")


def cut(tree: np.ndarray, k: int) -> np.ndarray:
    """Cluster labels 0..k-1 from cutting ``tree`` into at most ``k`` clusters, numbered in
    order of first appearance."""
    return in_order_of_appearance(fcluster(tree, t=k, criterion="maxclust"))


def in_order_of_appearance(raw: np.ndarray) -> np.ndarray:
    """Labels renumbered 0..n-1 in the order they first appear."""
    values, first = np.unique(raw, return_index=True)
    renumbered = np.empty(len(values), dtype=np.int64)
    renumbered[np.argsort(first)] = np.arange(len(values))
    return renumbered[np.searchsorted(values, raw)]


@dataclass(frozen=True)
class SilhouetteSample:
    """The rows a silhouette is measured on (all, or a seeded sample above SILHOUETTE_SAMPLE)
    and their pairwise cosine distances, computed once for every number of clusters tried and
    kept by column (row j: every sampled point's distance to point j)."""

    rows: np.ndarray
    columns: np.ndarray

    @classmethod
    def of(cls, points: np.ndarray, seed: int) -> SilhouetteSample:
        """The sample of ``points`` that ``silhouette_score`` would draw with ``seed``."""
        rows = np.arange(len(points))
        if len(points) > SILHOUETTE_SAMPLE:
            rows = check_random_state(seed).permutation(len(points))[:SILHOUETTE_SAMPLE]
        distances = pairwise_distances(points[rows], metric="cosine")
        return cls(rows, np.ascontiguousarray(distances.T))

    def silhouette(self, labels: np.ndarray) -> float:
        """Mean cosine silhouette of the sampled rows under cluster ``labels`` (of all rows),
        as ``silhouette_score`` gives it (the same sums in the same order)."""
        _, clusters = np.unique(labels[self.rows], return_inverse=True)
        sizes = np.bincount(clusters)
        if not 1 < len(sizes) < len(clusters):
            raise ValueError(f"{len(sizes)} clusters among {len(clusters)} sampled points")
        own, nearest = _cluster_distances(self.columns, clusters, sizes)
        with np.errstate(divide="ignore", invalid="ignore"):
            own /= sizes[clusters] - 1
            scores = (nearest - own) / np.maximum(own, nearest)
        return float(np.mean(np.nan_to_num(scores)))


def _cluster_distances(
    columns: np.ndarray, clusters: np.ndarray, sizes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each point: the sum of its distances to its own cluster, and its mean distance to
    the nearest other cluster. One sparse product with the distances by column adds each sum
    in point order, as ``np.bincount`` does in ``silhouette_score``."""
    n_points = len(clusters)
    members = sp.csr_matrix(
        (np.ones(n_points), (clusters, np.arange(n_points))), shape=(len(sizes), n_points)
    )
    sums = members @ columns  # clusters x points
    points = np.arange(n_points)
    own = sums[clusters, points]
    sums[clusters, points] = np.inf
    return own, (sums / sizes[:, None]).min(axis=0)


def candidate_ks(n_points: int, max_k: int) -> range:
    """Numbers of clusters worth trying: 2 up to half the points, at most ``max_k``."""
    return range(2, max(2, min(max_k, n_points // 2)) + 1)


def choose_k(points: np.ndarray, tree: np.ndarray, max_k: int, seed: int) -> int:
    """The number of clusters with the best silhouette (the smaller one on a tie)."""
    best_k, best_score = 1, -np.inf
    sample: SilhouetteSample | None = None
    for k in candidate_ks(len(points), max_k):
        labels = cut(tree, k)
        if not 1 < int(labels.max()) + 1 < len(points):
            continue
        sample = sample or SilhouetteSample.of(points, seed)
        score = round(sample.silhouette(labels), 9)
        if score > best_score:
            best_k, best_score = k, score
    return best_k


def cluster_points(points: np.ndarray, k: int | None, max_k: int, seed: int) -> np.ndarray:
    """Cluster labels for ``points``: ``k`` clusters when given, else the silhouette's choice;
    above WARD_SAMPLE points, those of a seeded sample extended to the rest."""
    if len(points) <= WARD_SAMPLE:
        return _cluster_all(points, k, max_k, seed)
    sample = np.sort(check_random_state(seed).permutation(len(points))[:WARD_SAMPLE])
    sampled = _cluster_all(points[sample], k, max_k, seed)
    clusters = np.unique(sampled)
    centres = np.vstack([points[sample[sampled == c]].mean(axis=0) for c in clusters])
    squared = (points**2).sum(axis=1)[:, None] - 2 * points @ centres.T + (centres**2).sum(axis=1)
    labels = clusters[np.argmin(squared, axis=1)]
    labels[sample] = sampled
    return in_order_of_appearance(labels)


def _cluster_all(points: np.ndarray, k: int | None, max_k: int, seed: int) -> np.ndarray:
    """Cluster labels from a Ward tree over every point."""
    if len(points) < 3 or not points.any():
        return np.zeros(len(points), dtype=int)
    tree = ward_tree(points)
    chosen = choose_k(points, tree, max_k, seed) if k is None else max(1, min(k, len(points)))
    return cut(tree, chosen)


def membership_weights(points: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Each point's membership in its cluster: the cosine similarity to the cluster centroid
    (1 at the centre, near 0 at the edge), clipped to [0, 1]."""
    weights = np.zeros(len(points))
    for cluster in sorted(set(labels.tolist())):
        members = labels == cluster
        centroid = points[members].mean(axis=0)
        norm = float(np.linalg.norm(centroid))
        if norm == 0.0:
            continue
        lengths = np.linalg.norm(points[members], axis=1)
        similarity = points[members] @ centroid / (norm * np.where(lengths > 0, lengths, 1.0))
        weights[members] = np.clip(similarity, 0.0, 1.0)
    return weights
