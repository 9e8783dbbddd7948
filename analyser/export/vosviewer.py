"""VOSviewer JSON map files: a concept co-occurrence map or a work co-citation map.

Items are clustered by theoretical position (the dominant position of each item); a graph
without positions is clustered by Louvain community detection with a fixed seed.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Mapping
from itertools import combinations
from pathlib import Path
from statistics import mean
from typing import Any

import networkx as nx

from analyser.atomic import write_text
from analyser.graph import base_year, edges_of_kind, nodes_of_kind

MAP_KINDS = ("concepts", "citations")
NO_POSITION_LABEL = "no position"
COMMUNITY_SEED = 7
TERMINOLOGY = {
    "concepts": {
        "item": "concept",
        "items": "concepts",
        "link": "co-occurrence link",
        "links": "co-occurrence links",
        "link_strength": "Co-occurrences",
        "total_link_strength": "Total co-occurrences",
    },
    "citations": {
        "item": "work",
        "items": "works",
        "link": "co-citation link",
        "links": "co-citation links",
        "link_strength": "Co-citations",
        "total_link_strength": "Total co-citation strength",
    },
}

Pair = tuple[str, str]


def _concept_links(graph: nx.MultiDiGraph) -> dict[Pair, float]:
    """Concept pair -> co-occurrence weight."""
    links: dict[Pair, float] = defaultdict(float)
    for source, target, data in edges_of_kind(graph, "co_occurs"):
        links[tuple(sorted((source, target)))] += data["weight"]
    return links


def _citing_documents(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Work -> the documents that cite it."""
    citing: dict[str, set[str]] = defaultdict(set)
    for source, target, _ in edges_of_kind(graph, "cites"):
        citing[target].add(source)
    return citing


def _cocitation_links(graph: nx.MultiDiGraph) -> dict[Pair, float]:
    """Work pair -> number of documents citing both."""
    cited: dict[str, set[str]] = defaultdict(set)
    for source, target, _ in edges_of_kind(graph, "cites"):
        cited[source].add(target)
    links: dict[Pair, float] = defaultdict(float)
    for works in cited.values():
        for pair in combinations(sorted(works), 2):
            links[pair] += 1.0
    return links


def _number(value: float) -> int | float:
    """Whole numbers as ints (VOSviewer shows "3", not "3.0")."""
    return int(value) if float(value).is_integer() else round(value, 4)


def _safe_url(value: str | None) -> str | None:
    """Only web addresses become links (never ``javascript:`` or ``data:``)."""
    if value and value.strip().lower().startswith(("https://", "http://")):
        return value.strip()
    return None


def _mentioning_years(graph: nx.MultiDiGraph) -> dict[str, list[int]]:
    """Concept -> publication years of the documents that mention it."""
    years: dict[str, list[int]] = defaultdict(list)
    published: dict[str, int | None] = {}  # document -> its year (it mentions many concepts)
    for source, target, _ in edges_of_kind(graph, "mentions"):
        if source not in published:
            year = base_year(graph.nodes[source].get("year"))
            published[source] = int(year) if year else None
        if published[source] is not None:
            years[target].append(published[source])
    return years


def _concept_item(graph: nx.MultiDiGraph, node: str, years: Mapping[str, list[int]]) -> dict:
    data = graph.nodes[node]
    parts = [f"Concept ({data.get('source', 'unknown source')})"]
    if data.get("definition"):
        parts.append(f"Definition: {data['definition']}")
    item: dict[str, Any] = {
        "label": data["label"],
        "description": "<br>".join(html.escape(part) for part in parts),
        "weights": {"Occurrences": data.get("count", 0), "Documents": data.get("n_docs", 0)},
        "scores": {},
    }
    if years.get(node):
        item["scores"]["Avg. pub. year"] = round(mean(years[node]), 2)
    return item


def _work_item(graph: nx.MultiDiGraph, node: str, citing: Mapping[str, set[str]]) -> dict:
    data = graph.nodes[node]
    doi = data.get("doi")
    item: dict[str, Any] = {
        "label": data["label"],
        "description": html.escape(data.get("reference", data["label"])),
        "weights": {
            "Citations": data.get("n_citations", 0),
            "Documents": len(citing.get(node, ())),
        },
        "scores": {},
    }
    url = _safe_url(f"https://doi.org/{doi}" if doi else data.get("url"))
    if url:
        item["url"] = url
    year = base_year(data.get("year"))
    if year:
        item["scores"]["Pub. year"] = int(year)
    return item


def _community_clusters(items: list[str], links: Mapping[Pair, float]) -> dict[str, int]:
    """Item -> cluster number of its Louvain community (largest first); used without positions."""
    network = nx.Graph()
    network.add_nodes_from(items)
    network.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(links.items()))
    communities = nx.community.louvain_communities(network, seed=COMMUNITY_SEED)
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    return {item: number for number, members in enumerate(ordered, 1) for item in members}


def _position_clusters(graph: nx.MultiDiGraph, items: list[str]) -> dict[str, int]:
    """Item -> cluster number of its dominant position; items without one share the last cluster."""
    numbers = {position: i for i, position in enumerate(nodes_of_kind(graph, "position"), 1)}
    spare = len(numbers) + 1
    return {item: numbers.get(graph.nodes[item].get("position", ""), spare) for item in items}


def _cluster_labels(
    graph: nx.MultiDiGraph, clusters: Mapping[str, int], strength: Mapping[str, float]
) -> list[dict[str, Any]]:
    """One ``{"cluster", "label"}`` per cluster: the position label, else its strongest items."""
    positions = nodes_of_kind(graph, "position")
    result = []
    for number in sorted(set(clusters.values())):
        if positions:
            label = (
                graph.nodes[positions[number - 1]]["label"]
                if number <= len(positions)
                else NO_POSITION_LABEL
            )
        else:
            members = [item for item, n in clusters.items() if n == number]
            top = sorted(members, key=lambda item: (-strength.get(item, 0.0), item))[:3]
            label = ", ".join(graph.nodes[item]["label"] for item in top)
        result.append({"cluster": number, "label": label})
    return result


def vosviewer_map(graph: nx.MultiDiGraph, kind: str = "concepts") -> dict[str, Any]:
    """A VOSviewer JSON map: "concepts" (co-occurrence) or "citations" (co-citation)."""
    if kind not in MAP_KINDS:
        raise ValueError(f"unknown VOSviewer map kind {kind!r}; choose one of {MAP_KINDS}")
    if kind == "concepts":
        items = nodes_of_kind(graph, "concept")
        links = _concept_links(graph)
        years = _mentioning_years(graph)
        bodies = {node: _concept_item(graph, node, years) for node in items}
    else:
        items = nodes_of_kind(graph, "work")
        links = _cocitation_links(graph)
        citing = _citing_documents(graph)
        bodies = {node: _work_item(graph, node, citing) for node in items}
    numbers = {node: i for i, node in enumerate(items, 1)}
    degree: dict[str, int] = defaultdict(int)
    strength: dict[str, float] = defaultdict(float)
    for (a, b), weight in links.items():
        for node in (a, b):
            degree[node] += 1
            strength[node] += weight
    has_positions = bool(nodes_of_kind(graph, "position"))
    clusters = (
        _position_clusters(graph, items) if has_positions else _community_clusters(items, links)
    )
    vos_items = []
    for node in items:
        body = bodies[node]
        share = graph.nodes[node].get("position_share")
        if share is not None:
            body["scores"]["Position share"] = share
        body["weights"] = {
            "Links": degree[node],
            "Total link strength": _number(strength[node]),
            **body["weights"],
        }
        vos_items.append({"id": numbers[node], **body, "cluster": clusters[node]})
    vos_links = [
        {"source_id": numbers[a], "target_id": numbers[b], "strength": _number(weight)}
        for (a, b), weight in sorted(
            links.items(), key=lambda e: (numbers[e[0][0]], numbers[e[0][1]])
        )
        if a in numbers and b in numbers
    ]
    return {
        "config": {"terminology": TERMINOLOGY[kind]},
        "network": {
            "items": vos_items,
            "links": vos_links,
            "clusters": _cluster_labels(graph, clusters, strength),
        },
    }


def vosviewer_text(graph: nx.MultiDiGraph, kind: str = "concepts") -> str:
    """``vosviewer_map`` as indented UTF-8 JSON text."""
    return json.dumps(vosviewer_map(graph, kind), ensure_ascii=False, indent=1) + "\n"


def write_vosviewer(graph: nx.MultiDiGraph, path: Path, kind: str = "concepts") -> Path:
    """Write ``vosviewer.json`` atomically (a lone surrogate in corpus text is written as its
    JSON escape)."""
    return write_text(path, vosviewer_text(graph, kind), errors="backslashreplace")
