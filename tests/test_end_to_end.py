"""`analyser run` end to end on the sample corpus: every output, determinism, safe HTML."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from conftest import ARTIFACTS

from analyser.config import Settings
from analyser.pipeline import run

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
]
OUTPUTS = [
    "documents.csv", "problems.csv", "citations.csv", "references.csv", "works.csv",
    "concepts.csv", "doc_concepts.csv", "definitions.csv", "hypotheses.csv", "positions.csv",
    "passages.csv", "graph.graphml", "graph.gexf", "cytoscape.json", "vosviewer.json",
    "nodes.csv", "edges.csv", "references.bib", "references.csl.json", "map.html",
    "report.md", "report.html", "analyser.sqlite",
]  # fmt: skip


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """The sample corpus analysed once into a folder."""
    out = tmp_path_factory.mktemp("run")
    run([corpus_dir], out, Settings())
    return out


def _comparable(out: Path) -> dict[str, bytes]:
    """Every output file except the store and the lock, by relative path."""
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file()
        and path.name not in {"analyser.sqlite", ".analyser.lock"}
        and not path.name.startswith("analyser.sqlite-")
    }


def test_every_output_is_written(sample_run: Path) -> None:
    for name in OUTPUTS:
        assert (sample_run / name).stat().st_size > 0, name
    models = {p.name for p in (sample_run / "models").iterdir()}
    assert {"collective_action.json", "collective_action.png"} <= models


def test_tables_hold_the_sample_literature(sample_run: Path, gold: dict) -> None:
    works = pd.read_csv(sample_run / "works.csv", keep_default_na=False)
    lipson = works[works["work"].str.startswith("lipson2003")]
    assert len(lipson) == 1 and lipson.iloc[0]["n_docs"] == 2
    hypotheses = pd.read_csv(sample_run / "hypotheses.csv", keep_default_na=False)
    group_size = hypotheses[hypotheses["text"].str.contains("as group size increases")]
    assert group_size.iloc[0]["model"] == "collective_action"
    assert group_size.iloc[0]["verdict"] == "supported"
    citations = pd.read_csv(sample_run / "citations.csv", keep_default_na=False)
    assert len(citations) == sum(len(doc["in_text_citations"]) for doc in gold.values())


def test_graph_and_exports_open(sample_run: Path) -> None:
    graph = nx.read_graphml(sample_run / "graph.graphml")
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert {"document", "work", "concept", "hypothesis", "position", "model"} <= kinds
    gexf = nx.read_gexf(sample_run / "graph.gexf")
    assert gexf.number_of_nodes() == graph.number_of_nodes()
    vos = json.loads((sample_run / "vosviewer.json").read_text(encoding="utf-8"))
    assert vos["network"]["items"] and vos["network"]["links"]
    csl = json.loads((sample_run / "references.csl.json").read_text(encoding="utf-8"))
    assert any(item["id"].startswith("jervis1978") for item in csl)


def test_report_reads_as_a_review(sample_run: Path, gold: dict) -> None:
    report = " ".join((sample_run / "report.md").read_text(encoding="utf-8").split())
    for document in gold.values():
        assert document["title"] in report
    positions = pd.read_csv(sample_run / "positions.csv", keep_default_na=False)
    for label in positions["label"]:
        assert label.replace("&", "&amp;") in report or label in report
    assert "appear to contradict each other" in report
    assert "collective_action" in report and "supported" in report


def test_two_runs_give_byte_identical_outputs(
    sample_run: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    run([corpus_dir], again, Settings())
    assert _comparable(again) == _comparable(sample_run)


@pytest.mark.browser
def test_map_and_report_open_in_chromium(sample_run: Path, browser) -> None:
    graph = nx.read_graphml(sample_run / "graph.graphml")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((sample_run / "map.html").as_uri())
    assert page.evaluate("window.analyserMap.drawnNodes()") == graph.number_of_nodes()
    page.fill("input[type=search]", "security dilemma")
    assert "security dilemma" in page.inner_text("body").lower()
    page.goto((sample_run / "report.html").as_uri())
    widths = page.eval_on_selector_all("img", "images => images.map(i => i.naturalWidth)")
    assert widths and all(width > 0 for width in widths)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-sample.png"))
    assert errors == []
    page.close()


@pytest.mark.browser
def test_hostile_corpus_text_stays_text(tmp_path: Path, corpus_dir: Path, browser) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(corpus_dir / "002_9faa3276b9245754.txt", corpus)
    (corpus / "hostile.md").write_text(
        f"# {HOSTILE[0]} The security dilemma {HOSTILE[1]}\n\n"
        f"If conquest is easy, states will face an intense security dilemma {HOSTILE[0]} "
        f"(Jervis 1978). A {HOSTILE[1]} security spiral is an action-reaction process "
        f"where two states arm more and more heavily. See {HOSTILE[2]}.\n\n"
        "## References\n\n"
        f"Jervis, Robert (1978) '{HOSTILE[0]} Cooperation under the Security Dilemma', "
        f"*World Politics* 30(2): 167-214. {HOSTILE[2]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run([corpus], out, Settings())
    for name in ("map.html", "report.html"):
        page = browser.new_page()
        dialogs: list[str] = []
        errors: list[str] = []
        page.on("dialog", lambda d, seen=dialogs: (seen.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e, seen=errors: seen.append(str(e)))
        page.goto((out / name).as_uri())
        page.wait_for_timeout(300)
        text = page.inner_text("body")
        if name == "map.html":
            page.fill("input[type=search]", "alert")
            text += page.inner_text("body")
        assert dialogs == [] and errors == [], name
        assert HOSTILE[0] in text, name
        assert page.evaluate("document.querySelectorAll('img[src=x], [onerror]').length") == 0
        assert not page.evaluate(
            "[...document.scripts].some(s => !s.type && s.textContent.includes('alert('))"
        )
        page.close()
