"""Grouping passage vectors: a Ward tree cut at a number of clusters chosen by silhouette."""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.metrics import silhouette_score

SILHOUETTE_SAMPLE = 2000


def ward_tree(points: np.ndarray) -> np.ndarray:
    """The Ward linkage of row vectors (deterministic for a given input)."""
    return linkage(points, method="ward")


def cut(tree: np.ndarray, k: int) -> np.ndarray:
    """Cluster labels 0..k-1 from cutting ``tree`` into at most ``k`` clusters, numbered in
    order of first appearance."""
    raw = fcluster(tree, t=k, criterion="maxclust")
    order: dict[int, int] = {}
    return np.array([order.setdefault(label, len(order)) for label in raw])


def silhouette(points: np.ndarray, labels: np.ndarray, seed: int) -> float:
    """Mean cosine silhouette (sampled, with ``seed``, above SILHOUETTE_SAMPLE rows)."""
    sample = SILHOUETTE_SAMPLE if len(points) > SILHOUETTE_SAMPLE else None
    return float(
        silhouette_score(points, labels, metric="cosine", sample_size=sample, random_state=seed)
    )


def candidate_ks(n_points: int, max_k: int) -> range:
    """Numbers of clusters worth trying: 2 up to half the points, at most ``max_k``."""
    return range(2, max(2, min(max_k, n_points // 2)) + 1)


def choose_k(points: np.ndarray, tree: np.ndarray, max_k: int, seed: int) -> int:
    """The number of clusters with the best silhouette (the smaller one on a tie)."""
    best_k, best_score = 1, -np.inf
    for k in candidate_ks(len(points), max_k):
        labels = cut(tree, k)
        if not 1 < len(set(labels)) < len(points):
            continue
        score = round(silhouette(points, labels, seed), 9)
        if score > best_score:
            best_k, best_score = k, score
    return best_k


def cluster_points(points: np.ndarray, k: int | None, max_k: int, seed: int) -> np.ndarray:
    """Cluster labels for ``points``: ``k`` clusters when given, else the silhouette's choice."""
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
