"""Writers that write each distinct record once still write every record as it is: signed
zeros, attributes named like an edge's id, source or target, and quoted CSV cells."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from corpus_fixture import MODELS, hostile_corpus

from analyser.export.attributes import FlatGraph
from analyser.export.cytoscape import cytoscape_chunks
from analyser.export.gexf import gexf_bytes
from analyser.export.graphml import graphml_bytes
from analyser.export.tables import edges_csv, nodes_csv
from analyser.graph import build_graph


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    graph = build_graph(hostile_corpus(), MODELS)
    edges = list(graph.edges(keys=True))
    for number, (source, target, key) in enumerate(edges):
        data = graph.edges[source, target, key]
        data["weight"] = -0.0 if number % 3 == 0 else 0.0  # equal values, written apart
        if number % 2:
            data["source"] = f'other, "{number}"'  # named like the edge's source
    first = next(iter(graph.nodes))
    graph.nodes[first]["note"] = 'a, "quoted"\r\nline'
    return graph


def test_signed_zeros_are_written_as_they_are(graph):
    flat = FlatGraph(graph)
    written = [repr(edge["data"]["weight"]) for edge in _cytoscape_edges(graph, flat)]
    assert written == ["-0.0" if n % 3 == 0 else "0.0" for n in range(len(flat.edges))]
    assert graphml_bytes(graph, flat).count(b">-0.0</data>") == len(range(0, len(written), 3))
    layout = {node: (0.0, 0.0) for node in graph.nodes}
    assert gexf_bytes(graph, layout, flat).count(b'weight="-0.0"') == len(range(0, len(written), 3))


def _cytoscape_edges(graph: nx.MultiDiGraph, flat: FlatGraph) -> list[dict]:
    layout = {node: (0.0, 0.0) for node in graph.nodes}
    text = "".join(cytoscape_chunks(graph, layout, flat))
    return json.loads(text)["elements"]["edges"]


def test_cytoscape_edges_are_what_a_dict_per_edge_gives(graph):
    flat = FlatGraph(graph)
    expected = [
        {
            "data": {
                "id": edge.id,
                "source": edge.source,
                "target": edge.target,
                **flat.edge_attributes(edge.values),
            }
        }
        for edge in flat.edges
    ]
    layout = {node: (0.0, 0.0) for node in graph.nodes}
    text = "".join(cytoscape_chunks(graph, layout, flat))
    edges_text = text[text.index(',"edges":') + len(',"edges":') : -len("}}\n")]
    assert edges_text == json.dumps(expected, ensure_ascii=False, separators=(",", ":"))


def _csv_module_text(text: str, records: list[dict]) -> str:
    """What the csv module writes for ``records`` under the header of ``text``."""
    columns = next(csv.reader(io.StringIO(text)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record.get(name)) for name in columns])
    return buffer.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def test_tables_are_what_the_csv_module_writes(graph):
    flat = FlatGraph(graph)
    edges = [
        {
            "id": edge.id,
            "source": edge.source,
            "target": edge.target,
            **dict(zip(flat.edge_types, edge.values, strict=True)),
        }
        for edge in flat.edges
    ]
    text = edges_csv(graph, flat)
    assert text == _csv_module_text(text, edges)
    nodes = [
        {"id": node.id, **dict(zip(flat.node_types, node.values, strict=True))}
        for node in flat.nodes
    ]
    text = nodes_csv(graph, flat)
    assert text == _csv_module_text(text, nodes)
    assert '"a, ""quoted""\r\nline"' in text
