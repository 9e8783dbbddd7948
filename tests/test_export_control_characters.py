"""Control characters and other characters XML 1.0 cannot carry in file names and document
ids: every export is still a valid file of its format."""

from __future__ import annotations

import csv
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from analyser.config import Settings
from analyser.export.attributes import clean_text
from analyser.export.writers import write_exports
from analyser.extract.document import extract_document
from analyser.ingest.paragraphs import document_from_text
from analyser.pipeline import run
from analyser.rebuild import build_corpus

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "001_a4f3c64085b8dc39.txt"
AWKWARD_STEM = 'Jervis\x0c1978\x01 "security\x1fdilemma" <&>\x7f'
_MAP_DATA = re.compile(r'<script type="application/json" id="map-data">(.*?)</script>', re.S)


def _assert_valid_exports(out: Path) -> tuple[nx.Graph, nx.Graph, dict]:
    """Every export in ``out`` parses with its format's reader; the graphs and the Cytoscape
    document are returned."""
    graphml = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    gexf = nx.read_gexf(out / "graph.gexf")
    for name in ("graph.graphml", "graph.gexf"):
        ET.parse(out / name)
    cytoscape = json.loads((out / "cytoscape.json").read_text(encoding="utf-8"))
    json.loads((out / "vosviewer.json").read_text(encoding="utf-8"))
    json.loads((out / "references.csl.json").read_text(encoding="utf-8"))
    page = (out / "map.html").read_text(encoding="utf-8")
    json.loads(_MAP_DATA.search(page).group(1))
    for name in ("nodes.csv", "edges.csv"):
        with (out / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert len({len(row) for row in rows}) == 1, name
    assert graphml.number_of_nodes() == gexf.number_of_nodes() > 0
    assert len(cytoscape["elements"]["nodes"]) == graphml.number_of_nodes()
    return graphml, gexf, cytoscape


@pytest.fixture(scope="module")
def awkward_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("awkward") / "in"
    folder.mkdir()
    path = folder / f"{AWKWARD_STEM}.txt"
    shutil.copy(SAMPLE, path)
    return path


def test_a_run_over_a_file_named_with_control_characters_writes_valid_files(awkward_file, tmp_path):
    run([awkward_file.parent], tmp_path)
    graphml, _, _ = _assert_valid_exports(tmp_path)
    paths = [data["path"] for _, data in graphml.nodes(data=True) if data["kind"] == "document"]
    assert paths == [clean_text(str(awkward_file))]


def test_document_ids_with_control_characters_are_written_cleaned(awkward_file, tmp_path):
    text = awkward_file.read_text(encoding="utf-8")
    document = document_from_text(text, doc_id=awkward_file.stem, path=str(awkward_file))
    corpus = build_corpus([extract_document(document, Settings())], Settings())
    write_exports(corpus, tmp_path)
    graphml, gexf, cytoscape = _assert_valid_exports(tmp_path)
    doc = "doc:" + clean_text(AWKWARD_STEM)
    assert doc == 'doc:Jervis1978 "securitydilemma" <&>\x7f'
    assert graphml.nodes[doc]["kind"] == "document"
    assert gexf.nodes[doc]["viz"]["position"]
    assert gexf.out_degree(doc) == graphml.out_degree(doc) > 0  # its edges found their source
    node = next(n for n in cytoscape["elements"]["nodes"] if n["data"]["id"] == doc)
    assert node["data"]["colour"].startswith("#") and node["position"]
