"""Graph and bibliography exports: readable by their tools, well-formed, byte-deterministic."""

from __future__ import annotations

import copy
import csv
import gc
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from corpus_fixture import HOSTILE_STRINGS, MODELS, hostile_corpus, security_dilemma_corpus

import analyser.export.writers as writers_module
from analyser.atomic import atomic_open, write_bytes, write_text
from analyser.export import FORMATS
from analyser.export.bibliography import bibtex_text, csl_items, ris_text
from analyser.export.cytoscape import cytoscape_data
from analyser.export.gexf import GEXF_NS, VIZ_NS, gexf_bytes
from analyser.export.graphml import graphml_bytes
from analyser.export.tables import edges_csv, nodes_csv
from analyser.export.vosviewer import vosviewer_map
from analyser.export.writers import write_exports
from analyser.graph import build_graph
from analyser.heap import collector_paused
from analyser.records import Author, Work

ALL_FILES = sorted(name for names in FORMATS.values() for name in names)


@pytest.fixture(scope="module")
def corpus():
    return security_dilemma_corpus()


@pytest.fixture(scope="module")
def graph(corpus):
    return build_graph(corpus, MODELS)


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory, corpus):
    folder = tmp_path_factory.mktemp("exports")
    write_exports(corpus, folder, models=MODELS)
    return folder


# --- entry point and determinism ---------------------------------------------------------


def test_write_exports_writes_every_format_and_no_temporary_files(out_dir, corpus, tmp_path):
    assert sorted(os.listdir(out_dir)) == ALL_FILES
    written = write_exports(corpus, tmp_path, formats={"bibtex", "csv"})
    assert [p.name for p in written] == ["nodes.csv", "edges.csv", "references.bib"]
    with pytest.raises(ValueError, match="unknown export formats"):
        write_exports(corpus, tmp_path, formats={"pdf"})
    with pytest.raises(ValueError, match="VOSviewer"):
        write_exports(corpus, tmp_path, vosviewer="authors")


def test_bibliographies_alone_do_not_build_the_graph(corpus, tmp_path, monkeypatch):
    def no_graph(*_):
        raise AssertionError("the graph was built for the bibliographies alone")

    monkeypatch.setattr(writers_module, "build_graph", no_graph)
    written = write_exports(corpus, tmp_path, formats={"ris", "csl"})
    assert [p.name for p in written] == ["references.csl.json", "references.ris"]
    assert write_exports(corpus, tmp_path / "none", formats=set()) == []


def test_the_graph_is_freed_without_the_cycle_collector(corpus, tmp_path):
    def graphs_with_edges() -> int:
        return sum(
            1 for o in gc.get_objects() if isinstance(o, nx.MultiDiGraph) and o.number_of_edges()
        )

    before = graphs_with_edges()
    with collector_paused():
        write_exports(corpus, tmp_path, models=MODELS)
        assert graphs_with_edges() == before


def test_two_exports_of_the_same_corpus_are_byte_identical(out_dir, tmp_path):
    shuffled = copy.deepcopy(security_dilemma_corpus())
    for name in ("results", "works", "concepts", "cooccurrences", "positions", "links"):
        getattr(shuffled, name).reverse()
    write_exports(shuffled, tmp_path, models=list(reversed(MODELS)))
    for name in ALL_FILES:
        assert (tmp_path / name).read_bytes() == (out_dir / name).read_bytes(), name


# --- GraphML -------------------------------------------------------------------------------


def test_graphml_reads_back_with_scalar_typed_attributes(out_dir, graph):
    back = nx.read_graphml(out_dir / "graph.graphml", force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    hyp = back.nodes["hyp:offence-defence#h1"]
    assert hyp["hedged"] is True and hyp["kind"] == "hypothesis"
    assert back.nodes["work:olson1966economic"]["authors"] == "Olson, Mancur; Zeckhauser, Richard"
    assert back.nodes["pos:p0"]["confidence"] == pytest.approx(0.82)
    for _, data in back.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
    kinds = {d["kind"] for _, _, d in back.edges(data=True)}
    assert "formalised_by" in kinds and "co_occurs" in kinds


def test_graphml_and_gexf_survive_characters_xml_cannot_carry(corpus):
    dirty = copy.deepcopy(corpus)
    dirty.results[0].document.title = "Security\x0cDilemma\x00 <&> \ud800"
    graph = build_graph(dirty, MODELS)
    back = nx.read_graphml(io.BytesIO(graphml_bytes(graph)), force_multigraph=True)
    assert back.nodes["doc:wivel2011"]["title"] == "SecurityDilemma <&> "
    assert nx.read_gexf(io.BytesIO(gexf_bytes(graph))).nodes["doc:wivel2011"]["label"]


# --- GEXF ----------------------------------------------------------------------------------


def test_gexf_round_trips_with_typed_attributes_and_viz(out_dir, graph):
    back = nx.read_gexf(out_dir / "graph.gexf")
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert sum(1 for _ in back.edges()) == graph.number_of_edges()
    hyp = back.nodes["hyp:wivel2011#h2"]
    assert hyp["hedged"] is False and isinstance(hyp["start"], int)
    assert isinstance(back.nodes["pos:p1"]["confidence"], float)
    assert back.nodes["work:herz1950idealist"]["label"] == "Herz 1950"
    assert back.nodes["doc:burden-sharing"]["viz"]["color"]["r"] == 214  # position p1's colour
    edge_kinds = {d["kind"] for _, _, d in back.edges(data=True)}
    assert edge_kinds == {d["kind"] for _, _, d in graph.edges(data=True)}


def test_gexf_declares_every_attribute_it_uses(out_dir):
    root = ET.parse(out_dir / "graph.gexf").getroot()
    ns = {"g": GEXF_NS, "viz": VIZ_NS}
    assert root.tag == f"{{{GEXF_NS}}}gexf" and root.get("version") == "1.2"
    for cls, element in (("node", "nodes/g:node"), ("edge", "edges/g:edge")):
        block = root.find(f"g:graph/g:attributes[@class='{cls}']", ns)
        declared = {a.get("id"): a.get("type") for a in block.findall("g:attribute", ns)}
        assert set(declared.values()) <= {"string", "long", "double", "boolean"}
        for item in root.findall(f"g:graph/g:{element}", ns):
            used = {v.get("for") for v in item.findall("g:attvalues/g:attvalue", ns)}
            assert used <= set(declared)
    ids = [e.get("id") for e in root.findall("g:graph/g:edges/g:edge", ns)]
    assert len(ids) == len(set(ids))
    assert root.find("g:graph/g:nodes/g:node/viz:position", ns) is not None


# --- Cytoscape -----------------------------------------------------------------------------


def test_cytoscape_elements_have_string_ids_and_valid_endpoints(out_dir, graph):
    data = json.loads((out_dir / "cytoscape.json").read_text(encoding="utf-8"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    node_ids = {n["data"]["id"] for n in nodes}
    assert all(isinstance(i, str) for i in node_ids)
    edge_ids = [e["data"]["id"] for e in edges]
    assert len(set(edge_ids)) == len(edge_ids) and all(isinstance(i, str) for i in edge_ids)
    for edge in edges:
        assert isinstance(edge["data"]["source"], str) and edge["data"]["source"] in node_ids
        assert isinstance(edge["data"]["target"], str) and edge["data"]["target"] in node_ids
    for node in nodes:
        assert set(node["position"]) == {"x", "y"}
        assert node["data"]["name"] == node["data"]["label"]
    model = next(n["data"] for n in nodes if n["data"]["id"] == "model:security_dilemma")
    assert model["model_id"] == "security_dilemma" and model["kind"] == "model"


# --- VOSviewer -----------------------------------------------------------------------------


def _check_vosviewer_structure(vos: dict) -> None:
    assert set(vos["config"]["terminology"]) == {
        "item",
        "items",
        "link",
        "links",
        "link_strength",
        "total_link_strength",
    }
    items, links, clusters = (vos["network"][k] for k in ("items", "links", "clusters"))
    ids = [item["id"] for item in items]
    assert ids == list(range(1, len(items) + 1))
    cluster_numbers = {c["cluster"] for c in clusters}
    assert all(isinstance(c["cluster"], int) and c["label"] for c in clusters)
    for item in items:
        assert isinstance(item["label"], str) and isinstance(item["description"], str)
        assert isinstance(item["cluster"], int) and item["cluster"] in cluster_numbers
        assert {"Links", "Total link strength"} <= set(item["weights"])
        assert all(isinstance(v, int | float) for v in item["weights"].values())
        assert all(isinstance(v, int | float) for v in item["scores"].values())
    for link in links:
        assert link["source_id"] in ids and link["target_id"] in ids
        assert link["source_id"] < link["target_id"] and link["strength"] > 0


def test_vosviewer_concept_map(out_dir):
    vos = json.loads((out_dir / "vosviewer.json").read_text(encoding="utf-8"))
    _check_vosviewer_structure(vos)
    items = {item["label"]: item for item in vos["network"]["items"]}
    assert len(items) == 9
    labels = {c["cluster"]: c["label"] for c in vos["network"]["clusters"]}
    assert labels[items["security dilemma"]["cluster"]] == "defensive realism"
    assert labels[items["free riding"]["cluster"]] == "collective action"
    assert items["security dilemma"]["weights"]["Occurrences"] == 9
    assert "Definition: A security dilemma" in items["security dilemma"]["description"]


def test_vosviewer_cocitation_map(graph):
    vos = vosviewer_map(graph, "citations")
    _check_vosviewer_structure(vos)
    items = {item["label"]: item for item in vos["network"]["items"]}
    by_id = {item["id"]: item["label"] for item in vos["network"]["items"]}
    strengths = {
        frozenset((by_id[link["source_id"]], by_id[link["target_id"]])): link["strength"]
        for link in vos["network"]["links"]
    }
    # wivel2011 co-cites 4 works (6 pairs), burden-sharing 2, offence-defence 2.
    assert len(strengths) == 8
    assert strengths[frozenset(("Herz 1950", "Jervis 1978"))] == 1
    assert strengths[frozenset(("Booth and Wheeler 2008", "Jervis 1978"))] == 1
    assert items["Jervis 1978"]["url"] == "https://doi.org/10.2307/2009958"
    assert items["Jervis 1978"]["weights"]["Documents"] == 2
    assert items["Jervis 1978"]["scores"]["Pub. year"] == 1978


def test_vosviewer_without_positions_clusters_by_community(corpus):
    bare = copy.deepcopy(corpus)
    bare.positions, bare.passages = [], []
    vos = vosviewer_map(build_graph(bare, MODELS))
    _check_vosviewer_structure(vos)
    items = {item["label"]: item["cluster"] for item in vos["network"]["items"]}
    assert items["burden sharing"] == items["free riding"]
    assert items["burden sharing"] != items["security dilemma"]


def test_vosviewer_descriptions_are_escaped_and_urls_are_web_only():
    graph = build_graph(hostile_corpus(), MODELS)
    descriptions = []
    for kind in ("concepts", "citations"):
        items = vosviewer_map(graph, kind)["network"]["items"]
        descriptions += [item["description"] for item in items]
        assert not any(item.get("url", "").startswith("javascript") for item in items)
    assert not any("<script" in text or "<img" in text for text in descriptions)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in text for text in descriptions)
    labels = {item["label"] for item in vosviewer_map(graph)["network"]["items"]}
    assert f"security dilemma {HOSTILE_STRINGS[1]}" in labels  # labels are plain text


# --- CSV tables ----------------------------------------------------------------------------


def test_node_and_edge_tables(out_dir, graph):
    nodes = list(csv.DictReader(io.StringIO((out_dir / "nodes.csv").read_text(encoding="utf-8"))))
    edges = list(csv.DictReader(io.StringIO((out_dir / "edges.csv").read_text(encoding="utf-8"))))
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    assert list(nodes[0])[:3] == ["id", "kind", "label"]
    assert list(edges[0])[:5] == ["id", "source", "target", "kind", "weight"]
    row = next(r for r in nodes if r["id"] == "hyp:offence-defence#h1")
    assert row["hedged"] == "true" and row["direction"] == "+"
    assert nodes_csv(graph) == (out_dir / "nodes.csv").read_text(encoding="utf-8")
    assert edges_csv(graph) == (out_dir / "edges.csv").read_text(encoding="utf-8")


# --- bibliography --------------------------------------------------------------------------

BIBTEX_REQUIRED = {
    "article": {"author", "title", "journal", "year"},
    "book": {"author", "title", "publisher", "year"},
    "incollection": {"author", "title", "booktitle", "publisher", "year"},
    "misc": set(),
}
CSL_TYPES = {"article-journal", "book", "chapter", "document"}
CSL_VARIABLES = {
    "id",
    "type",
    "author",
    "issued",
    "title",
    "container-title",
    "volume",
    "issue",
    "page",
    "publisher",
    "publisher-place",
    "DOI",
    "URL",
}


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """(type, key, fields) of each entry; fails on unbalanced braces."""
    entries = []
    for chunk in re.split(r"\n(?=@)", text.strip()):
        head = re.match(r"@(\w+)\{([^,\s]+),\n", chunk)
        assert head, chunk
        depth = 0
        for ch in chunk:
            depth += {"{": 1, "}": -1}.get(ch, 0)
            assert depth >= 0, chunk
        assert depth == 0, chunk
        fields = dict(re.findall(r"^  (\w+) = \{(.*)\},$", chunk, re.MULTILINE))
        entries.append((head.group(1), head.group(2), fields))
    return entries


def test_bibtex_entries_parse_back_with_required_fields(out_dir, corpus):
    entries = parse_bibtex((out_dir / "references.bib").read_text(encoding="utf-8"))
    assert [key for _, key, _ in entries] == sorted(work.key for work in corpus.works)
    for entry_type, key, fields in entries:
        assert BIBTEX_REQUIRED[entry_type] <= set(fields), key
    by_key = {key: (entry_type, fields) for entry_type, key, fields in entries}
    assert by_key["jervis1978cooperation"][0] == "article"
    assert by_key["jervis1978cooperation"][1]["pages"] == "167--214"
    assert by_key["glaser2010rational"][0] == "incollection"
    assert by_key["olson1966economic"][1]["author"] == "Olson, Mancur and Zeckhauser, Richard"


def test_bibtex_escapes_latex_specials_and_keeps_braces_balanced():
    work = Work(
        "odd{key}, 1",
        [Author("Smith & Sons, Ltd"), Author("O'Neill", "J_P")],
        "2001a",
        "NATO {and} 100% of $x^2~ #1 \\ end}",
        url="http://example.org/a_{b}%20c",
        type="other",
    )
    (entry_type, key, fields), *_ = parse_bibtex(bibtex_text([work]))
    assert (entry_type, key) == ("misc", "oddkey1")
    assert fields["title"].startswith("{NATO} \\textbraceleft{}and\\textbraceright{} 100\\%")
    assert (
        "\\$x\\textasciicircum{}2\\textasciitilde{} \\#1 \\textbackslash{} end" in fields["title"]
    )
    assert fields["author"] == "{Smith \\& Sons, Ltd} and O'Neill, J\\_P"
    assert fields["year"] == "2001"
    assert fields["url"] == "http://example.org/a_%7Bb%7D%20c"


def test_csl_json_items_are_valid(out_dir, corpus):
    items = json.loads((out_dir / "references.csl.json").read_text(encoding="utf-8"))
    assert isinstance(items, list) and len(items) == len(corpus.works)
    assert len({item["id"] for item in items}) == len(items)
    for item in items:
        assert set(item) <= CSL_VARIABLES
        assert item["type"] in CSL_TYPES
        for name in item.get("author", []):
            assert set(name) <= {"family", "given"} and name["family"]
        parts = item["issued"]["date-parts"]
        assert isinstance(parts[0][0], int)
        assert all(isinstance(item[k], str) for k in set(item) - {"author", "issued"})
    jervis = next(item for item in items if item["id"] == "jervis1978cooperation")
    assert jervis["type"] == "article-journal"
    assert jervis["container-title"] == "World Politics" and jervis["DOI"] == "10.2307/2009958"
    assert next(i for i in items if i["id"] == "glaser2010rational")["type"] == "chapter"
    assert csl_items([]) == []


def test_ris_records(out_dir, corpus):
    text = (out_dir / "references.ris").read_bytes().decode("utf-8")
    records = [r for r in text.split("ER  - \r\n") if r.strip()]
    assert len(records) == len(corpus.works)
    assert all(r.lstrip("\r\n").startswith("TY  - ") for r in records)
    assert "\n" not in text.replace("\r\n", "")
    assert "SP  - 167\r\nEP  - 214" in text
    assert ris_text([]) == ""


# --- hostile text in files -----------------------------------------------------------------


def test_hostile_strings_round_trip_literally_through_xml_and_json(tmp_path):
    write_exports(
        hostile_corpus(), tmp_path, models=MODELS, formats={"graphml", "gexf", "cytoscape"}
    )
    graphml = nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True)
    assert graphml.nodes["doc:wivel2011"]["title"].endswith(HOSTILE_STRINGS[0])
    gexf = nx.read_gexf(tmp_path / "graph.gexf")
    assert gexf.nodes["concept:security-dilemma"]["label"].endswith(HOSTILE_STRINGS[1])
    elements = cytoscape_data(build_graph(hostile_corpus(), MODELS))["elements"]
    work = next(n for n in elements["nodes"] if n["data"]["id"] == "work:jervis1978cooperation")
    assert work["data"]["url"] == HOSTILE_STRINGS[2]


# --- atomic writing ------------------------------------------------------------------------


def test_atomic_writers_replace_whole_files_and_clean_up(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    write_text(target, "first\r\nline\n")
    assert target.read_bytes() == b"first\r\nline\n"
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
    write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    with pytest.raises(RuntimeError), atomic_open(target, "w") as handle:
        handle.write("half a file")
        raise RuntimeError("interrupted")
    assert target.read_bytes() == b"second"
    assert os.listdir(target.parent) == ["out.txt"]
    with pytest.raises(ValueError):
        atomic_open(Path(tmp_path / "x"), "a").__enter__()


def test_editors_of_a_chapter_reach_bibtex_csl_and_ris():
    from analyser.export.bibliography import bibtex_entry, csl_item, ris_record
    from analyser.records import Author, Work

    chapter = Work(
        key="job1992insecurity",
        authors=[Author("Job", "Brian L.")],
        editors=[Author("Azar", "Edward E."), Author("Moon", "Chung-in")],
        year="1992",
        title="The Insecurity Dilemma",
        container="National Security in the Third World",
        type="chapter",
    )
    assert "editor = {Azar, Edward E. and Moon, Chung-in}" in bibtex_entry(chapter, chapter.key)
    assert csl_item(chapter, chapter.key)["editor"] == [
        {"family": "Azar", "given": "Edward E."},
        {"family": "Moon", "given": "Chung-in"},
    ]
    assert "ED  - Azar, Edward E." in ris_record(chapter, chapter.key)
