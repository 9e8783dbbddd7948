"""Clustering the passages of a corpus into theoretical positions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from analyser.heap import release_freed_memory
from analyser.lexicon import Lexicon
from analyser.positions.clustering import cluster_points, membership_weights
from analyser.positions.features import (
    FeatureBlock,
    citation_bags,
    combine,
    concept_bags,
    position_block,
    reduce_dimensions,
    tfidf_block,
)
from analyser.positions.known import KnownPositions, known_positions
from analyser.positions.labelling import base_label, distinct_labels, match_known, top_terms
from analyser.positions.passages import Passage, select_passages
from analyser.positions.terms import term_bags
from analyser.records import DocResult, PassageAssignment, Position

DIGITS = 4


@dataclass(frozen=True)
class PositionOptions:
    """Settings of passage selection, features and clustering (defaults as benchmarked)."""

    min_words: int = 12
    merge_below: int = 30
    lemmatise: bool = False
    term_min_df: int = 2
    term_weight: float = 1.0
    concept_weight: float = 0.5
    position_weight: float = 1.5
    citation_weight: float = 0.25
    max_k: int = 30
    max_dimensions: int = 300
    n_top_terms: int = 8


@dataclass
class _Cluster:
    """One cluster while it is being described."""

    members: np.ndarray
    terms: list[str]
    known: str | None
    confidence: float
    label: str


def find_positions(
    results: list[DocResult],
    lexicon: Lexicon | None = None,
    k: int | None = None,
    seed: int = 0,
    *,
    exclude: set[tuple[str, int]] | None = None,
    options: PositionOptions | None = None,
) -> tuple[list[Position], list[PassageAssignment]]:
    """Theoretical positions of a corpus and the passages placed in them.

    Passages are the body paragraphs of each document (short ones merged; references, web-site
    chrome and ``exclude`` (doc id, paragraph index) left out). They are described by content
    terms, lexicon concepts, the known positions those concepts signal and the works they cite,
    clustered by Ward's method into ``k`` groups (chosen by silhouette when None), and each
    group is named by its terms and matched to the known positions of ``lexicon`` (the
    packaged lexicon when None). The same input and ``seed`` always give the same output.
    """
    options = options or PositionOptions()
    ordered = sorted(results, key=lambda result: result.document.id)
    passages = select_passages(ordered, exclude, options.min_words, options.merge_below)
    if not passages:
        return [], []
    known = known_positions(lexicon)
    mentioned = concept_bags(passages, ordered)
    blocks = _feature_blocks(passages, ordered, mentioned, known, options)
    points = reduce_dimensions(combine(blocks), seed, options.max_dimensions)
    release_freed_memory()  # the SVD's work arrays, before the Ward tree's distance matrices
    labels = cluster_points(points, k, options.max_k, seed)
    weights = membership_weights(points, labels)
    clusters = _describe(labels, blocks[0], mentioned, known, options.n_top_terms)
    order = sorted(range(len(clusters)), key=lambda c: _size_then_label(clusters[c]))
    ids = {cluster: f"pos{rank}" for rank, cluster in enumerate(order, start=1)}
    mixes = _document_mixes(passages, labels)
    positions = [
        Position(
            ids[c], clusters[c].label, clusters[c].terms, clusters[c].known,
            clusters[c].confidence, mixes[c],
            int(clusters[c].members.sum()),
        )
        for c in order
    ]  # fmt: skip
    assignments = [
        PassageAssignment(
            passage.doc, passage.paragraph, passage.start, passage.end, passage.text,
            ids[int(label)], round(float(weight), DIGITS),
        )
        for passage, label, weight in zip(passages, labels, weights, strict=True)
    ]  # fmt: skip
    return positions, assignments


def _feature_blocks(
    passages: list[Passage],
    results: list[DocResult],
    mentioned: list[list[str]],
    known: KnownPositions,
    options: PositionOptions,
) -> list[FeatureBlock]:
    """Terms (first), concepts, known-position profiles and citations of the passages."""
    texts = [passage.text for passage in passages]
    terms = term_bags(texts, options.lemmatise)
    concepts = tfidf_block("concepts", mentioned, options.concept_weight)
    return [
        tfidf_block("terms", terms, options.term_weight, options.term_min_df),
        concepts,
        position_block(concepts, known, options.position_weight),
        tfidf_block("citations", citation_bags(passages, results), options.citation_weight),
    ]


def _describe(
    labels: np.ndarray,
    terms: FeatureBlock,
    mentioned: list[list[str]],
    known: KnownPositions,
    n_terms: int,
) -> list[_Cluster]:
    """Top terms, best known position and a unique label for each cluster label 0..k-1."""
    clusters = []
    for cluster in range(int(labels.max()) + 1):
        members = labels == cluster
        chosen = top_terms(terms, members, n_terms)
        bag = [concept for row in np.flatnonzero(members) for concept in mentioned[row]]
        match = match_known(bag, known)
        label = base_label(chosen, match, known)
        clusters.append(_Cluster(members, chosen, match.position, match.confidence, label))
    unique = distinct_labels([c.label for c in clusters], [c.terms for c in clusters])
    for cluster, label in zip(clusters, unique, strict=True):
        cluster.label = label
    return clusters


def _document_mixes(passages: list[Passage], labels: np.ndarray) -> list[dict[str, float]]:
    """For each cluster label 0..k-1 and each document with passages in that cluster: the share
    of the document's passage words there."""
    totals: Counter[str] = Counter()
    inside: list[Counter[str]] = [Counter() for _ in range(int(labels.max()) + 1)]
    for passage, label in zip(passages, labels, strict=True):
        words = passage.n_words
        totals[passage.doc] += words
        inside[int(label)][passage.doc] += words
    return [{doc: round(c[doc] / totals[doc], DIGITS) for doc in sorted(c)} for c in inside]


def _size_then_label(cluster: _Cluster) -> tuple[int, str]:
    """Sort key of a cluster: largest first, then by label."""
    return -int(cluster.members.sum()), cluster.label
