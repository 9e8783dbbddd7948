"""map.html in headless Chromium: it draws every node, searches, filters, shows details, stays
offline, and shows hostile corpus text literally without running it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ARTIFACTS
from corpus_fixture import HOSTILE_STRINGS, MODELS, hostile_corpus, security_dilemma_corpus

from analyser.export.html_map import render_map_html, script_safe_json, write_map_html
from analyser.graph import build_graph

# --- the page text, without a browser ------------------------------------------------------


def test_embedded_json_cannot_close_its_script_element():
    text = script_safe_json({"label": "</script><script>alert(1)</script>", "amp": "a&b"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e" in text


def test_page_is_self_contained_and_forbids_remote_loads():
    page = render_map_html(build_graph(hostile_corpus(), MODELS))
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert len(re.findall(r"<script", page)) == 2  # the JSON data block and the page script
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    for hostile in HOSTILE_STRINGS[:2]:
        assert hostile not in page


# --- in the browser ------------------------------------------------------------------------


class PageRun:
    """A loaded map page with everything it logged, asked for, or tried to pop up."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("request", lambda r: self.requests.append(r.url))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def click_node(self, node_id: str) -> None:
        x, y = self.page.evaluate(f"window.analyserMap.screenPosition({node_id!r})")
        box = self.page.locator("#map").bounding_box()
        self.page.mouse.click(box["x"] + x, box["y"] + y)


def _open(browser, corpus, folder: Path) -> tuple[PageRun, int]:
    graph = build_graph(corpus, MODELS)
    path = write_map_html(graph, folder / "map.html")
    page = browser.new_page(viewport={"width": 1400, "height": 850})
    run = PageRun(page)
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.analyserMap && window.analyserMap.drawnNodes() > 0")
    return run, graph.number_of_nodes()


@pytest.mark.browser
def test_map_draws_every_node_searches_and_shows_details(browser, tmp_path):
    run, n_nodes = _open(browser, security_dilemma_corpus(), tmp_path)
    page = run.page
    assert page.evaluate("window.analyserMap.drawnNodes()") == n_nodes
    assert page.inner_text("#status").startswith(f"{n_nodes} of {n_nodes} nodes shown")
    page.fill("#search", "security dilemma")
    first = page.locator("#results button").first
    assert first.get_attribute("data-id") == "concept:security-dilemma"
    run.click_node("concept:security-dilemma")
    details = page.locator("#details")
    assert details.locator("h2").inner_text() == "security dilemma"
    assert "A security dilemma is a situation where" in details.inner_text()
    assert "Offence, defence and the security dilemma" in details.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map.png"))
    assert run.errors == [] and run.dialogs == []
    assert all(url.startswith("file://") for url in run.requests)
    page.close()


@pytest.mark.browser
def test_hypothesis_and_work_details(browser, tmp_path):
    run, _ = _open(browser, security_dilemma_corpus(), tmp_path)
    page = run.page
    run.click_node("hyp:wivel2011#h2")
    text = page.inner_text("#details")
    assert "Jervis (1978) showed that the security dilemma is less severe" in text
    assert "distinguishability of defensive from offensive weapons → severity" in text
    assert "negative (−)" in text
    assert "Security Dilemma game (Jervis)".lower() in text.lower()
    assert "supported, score 0.81" in text
    page.locator("#details button", has_text="Jervis 1978").first.click()
    text = page.inner_text("#details")
    assert "Jervis, Robert (1978). Cooperation under the Security Dilemma." in text
    assert "cited by (2)" in text.lower()  # headings are upper-cased by CSS
    assert "Offence, defence and the security dilemma" in text
    link = page.locator("#details a").first
    assert link.get_attribute("href") == "https://doi.org/10.2307/2009958"
    assert run.errors == []
    page.close()


@pytest.mark.browser
def _drawn_once(page, settled, attempts: int = 50) -> int:
    """The drawn-node count once ``settled(count)`` holds (polled from Python: the page's CSP
    forbids the eval that Playwright's wait_for_function needs), or the last count seen."""
    drawn = page.evaluate("window.analyserMap.drawnNodes()")
    for _ in range(attempts):
        if settled(drawn):
            break
        page.wait_for_timeout(100)
        drawn = page.evaluate("window.analyserMap.drawnNodes()")
    return drawn


def test_filters_hide_kinds_and_positions(browser, tmp_path):
    run, n_nodes = _open(browser, security_dilemma_corpus(), tmp_path)
    page = run.page
    page.locator('input[data-filter="concept"]').uncheck()
    assert _drawn_once(page, lambda drawn: drawn == n_nodes - 9) == n_nodes - 9
    page.locator('input[data-filter="pos:p1"]').uncheck()
    drawn = _drawn_once(page, lambda drawn: drawn < n_nodes - 9)
    assert 0 < drawn < n_nodes - 9
    page.locator('input[data-filter="concept"]').check()
    page.locator('input[data-filter="pos:p1"]').check()
    assert _drawn_once(page, lambda drawn: drawn == n_nodes) == n_nodes
    assert run.errors == []
    page.close()


@pytest.mark.browser
def test_zoom_and_pan_move_the_view(browser, tmp_path):
    run, _ = _open(browser, security_dilemma_corpus(), tmp_path)
    page = run.page
    before = page.evaluate("window.analyserMap.screenPosition('pos:p0')")
    page.click("#zoom-in")
    page.wait_for_timeout(50)
    zoomed = page.evaluate("window.analyserMap.screenPosition('pos:p0')")
    assert zoomed != before
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + 120, box["y"] + 70, steps=5)
    page.mouse.up()
    panned = page.evaluate("window.analyserMap.screenPosition('pos:p0')")
    assert panned[0] == pytest.approx(zoomed[0] + 100, abs=1)
    assert panned[1] == pytest.approx(zoomed[1] + 50, abs=1)
    page.close()


@pytest.mark.browser
def test_hostile_corpus_text_shows_literally_and_runs_nothing(browser, tmp_path):
    run, n_nodes = _open(browser, hostile_corpus(), tmp_path)
    page = run.page
    assert page.evaluate("window.analyserMap.drawnNodes()") == n_nodes
    page.fill("#search", "alert(1)")
    results = page.inner_text("#results")
    assert f"Security Dilemma {HOSTILE_STRINGS[0]}" in results
    assert f"security dilemma {HOSTILE_STRINGS[1]}" in results
    run.click_node("hyp:wivel2011#h2")
    assert HOSTILE_STRINGS[0] in page.inner_text("#details blockquote")
    run.click_node("work:jervis1978cooperation")
    details = page.inner_text("#details")
    assert f"Cooperation under the Security Dilemma {HOSTILE_STRINGS[0]}" in details
    assert HOSTILE_STRINGS[2] in details
    assert page.locator("#details a").count() == 0  # a javascript: URL never becomes a link
    run.click_node("concept:security-dilemma")
    assert page.locator("#details h2").inner_text() == f"security dilemma {HOSTILE_STRINGS[1]}"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 2
    assert page.title() == "Literature map"
    assert run.dialogs == [] and run.errors == []
    assert all(url.startswith("file://") for url in run.requests)
    page.close()
