"""The streamed GraphML and GEXF writers and the blocked layout give exactly what the library
writers and the plain formulas give, on hostile strings too."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from corpus_fixture import MODELS, hostile_corpus

from analyser.atomic import write_chunks
from analyser.export.attributes import FlatGraph
from analyser.export.gexf import GEXF_NS, VIZ_NS, XSI_NS, gexf_bytes
from analyser.export.graphml import graphml_bytes
from analyser.graph import build_graph

AWKWARD = 'tab\there, "quoted" & <tagged>\nnew line\r\nreturn, form\x0cfeed, ünïcödé ‘’ 😀'


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    graph = build_graph(hostile_corpus(), MODELS)
    first_node = next(iter(graph.nodes))
    graph.nodes[first_node].update(note=AWKWARD, flag=True, empty="", ratio=0.1)
    source, target, key = next(iter(graph.edges(keys=True)))
    graph.edges[source, target, key].update(note=AWKWARD, mixed=3)
    source, target, key = list(graph.edges(keys=True))[-1]
    graph.edges[source, target, key].update(mixed="three")
    awkward_id = "concept:" + AWKWARD.replace("\x0c", "")  # ids keep XML-safe characters
    graph.add_node(awkward_id, kind="concept", label=AWKWARD)
    graph.add_edge(first_node, awkward_id, key="mentions", kind="mentions", weight=1.0)
    return graph


def _networkx_graphml(flat: FlatGraph) -> bytes:
    scalar = nx.MultiDiGraph(name=flat.name)
    for node in flat.nodes:
        scalar.add_node(node.id, **flat.node_attributes(node.values))
    for edge in flat.edges:
        scalar.add_edge(edge.source, edge.target, key=edge.id, **flat.edge_attributes(edge.values))
    buffer = io.BytesIO()
    nx.write_graphml(scalar, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def test_graphml_is_byte_for_byte_what_networkx_writes(graph):
    flat = FlatGraph(graph)
    assert graphml_bytes(graph, flat) == _networkx_graphml(flat)
    empty = nx.MultiDiGraph(name="")
    assert graphml_bytes(empty) == _networkx_graphml(FlatGraph(empty))


def _elementtree_rewrite(document: bytes) -> bytes:
    """``document`` parsed and written again by ElementTree."""
    for prefix, uri in (("", GEXF_NS), ("viz", VIZ_NS), ("xsi", XSI_NS)):
        ET.register_namespace(prefix, uri)
    root = ET.fromstring(document)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def test_gexf_is_byte_for_byte_what_elementtree_writes(graph):
    layout = {node: (i * 1.25, -i / 3) for i, node in enumerate(graph.nodes)}
    document = gexf_bytes(graph, layout)
    assert AWKWARD.replace("\x0c", "").encode("utf-8") in _attribute_values(document)
    assert _elementtree_rewrite(document) == document
    empty = gexf_bytes(nx.MultiDiGraph(name="nothing"), {})
    assert _elementtree_rewrite(empty) == empty


def _attribute_values(document: bytes) -> bytes:
    root = ET.fromstring(document)
    values = [el.get("value", "") for el in root.iter(f"{{{GEXF_NS}}}attvalue")]
    return "\n".join(values).encode("utf-8")


def test_streamed_text_is_written_whole_and_atomically(tmp_path):
    pieces = [f"{i}:{AWKWARD}\n" for i in range(60_000)]  # more than one write's worth
    target = tmp_path / "streamed.txt"
    write_chunks(target, iter(pieces))
    assert target.read_bytes().decode("utf-8") == "".join(pieces)

    def failing():
        yield "partial"
        raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        write_chunks(target, failing())
    assert target.read_bytes().decode("utf-8") == "".join(pieces)
    assert [p.name for p in tmp_path.iterdir()] == ["streamed.txt"]
