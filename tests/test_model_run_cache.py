"""Model plots kept in the store: re-used by the next run, re-drawn when what they are made of
changes, dropped when no longer linked."""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from pathlib import Path

import matplotlib
import pytest

from analyser.models.linking import PLOT_BLOBS, RUN_PLOTS, plot_key, write_model_runs
from analyser.models.plotting import code_digest, render_key
from analyser.models.registry import get_model
from analyser.pipeline import RunSummary, run
from analyser.records import ModelLink
from analyser.store import STORE_NAME, Store


def _pngs(out: Path) -> dict[str, bytes]:
    """Every model plot of a run's outputs, by file name."""
    return {path.name: path.read_bytes() for path in sorted((out / "models").glob("*.png"))}


def _blob_keys(out: Path) -> list[str]:
    with Store(out / STORE_NAME) as store:
        return store.blob_keys(PLOT_BLOBS)


def _plot_keys(links: list[ModelLink]) -> list[str]:
    """The plot key of each linked model's run (with its first link's parameters), sorted."""
    first = {link.model: link.params for link in reversed(links)}
    return sorted(plot_key(name, params) for name, params in first.items())


def _fresh_run(inputs: Path, out: Path) -> tuple[RunSummary, int]:
    """A run with no plot held in memory, and how many plots it drew."""
    RUN_PLOTS.clear()
    before = RUN_PLOTS.rendered
    summary = run([inputs], out)
    return summary, RUN_PLOTS.rendered - before


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> tuple[Path, Path]:
    """A writable copy of the sample corpus and the output folder of a cold run over it."""
    root = tmp_path_factory.mktemp("plots")
    corpus = root / "corpus"
    shutil.copytree(corpus_dir, corpus)
    summary, drawn = _fresh_run(corpus, root / "first")
    assert summary.corpus.links and drawn == len(_pngs(root / "first"))
    return corpus, root / "first"


def test_cold_run_stores_one_plot_per_linked_model(first_run: tuple[Path, Path]) -> None:
    _, out = first_run
    links = RunSummary(out).corpus.links
    assert _blob_keys(out) == _plot_keys(links)
    with Store(out / STORE_NAME) as store:
        stored = sorted(store.blob(PLOT_BLOBS, key) for key in _plot_keys(links))
    assert stored == sorted(_pngs(out).values())


def test_run_with_an_added_document_reuses_the_stored_plots(
    first_run: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, first = first_run
    added = corpus / "added.txt"
    added.write_text(sorted(corpus.glob("*.txt"))[0].read_text(encoding="utf-8") + "\nA line.\n")
    incremental = tmp_path / "incremental"
    shutil.copytree(first, incremental)
    try:
        summary, drawn = _fresh_run(corpus, incremental)
        _, cold_drawn = _fresh_run(corpus, tmp_path / "cold")
    finally:
        added.unlink()
    assert summary.extracted == 1 and not summary.up_to_date
    assert drawn == 0
    assert cold_drawn == len(_pngs(tmp_path / "cold")) > 0
    assert _pngs(incremental) == _pngs(tmp_path / "cold")
    report = (tmp_path / "cold" / "report.html").read_bytes()
    assert (incremental / "report.html").read_bytes() == report
    assert _blob_keys(incremental) == _blob_keys(tmp_path / "cold")


def test_parameter_change_redraws_and_unused_plots_are_dropped(
    first_run: tuple[Path, Path], tmp_path: Path
) -> None:
    _, first = first_run
    links = RunSummary(first).corpus.links
    shutil.copy(first / STORE_NAME, tmp_path / STORE_NAME)
    name = "arms_race"  # its plot follows the reaction coefficient k
    changed = [
        replace(link, params={**link.params, "k": 0.0}) for link in links if link.model == name
    ]
    assert changed and all(link.params["k"] != 0.0 for link in links if link.model == name)
    RUN_PLOTS.clear()
    before = RUN_PLOTS.rendered
    with Store(tmp_path / STORE_NAME) as store:
        write_model_runs(changed, tmp_path / "changed", store)
        assert RUN_PLOTS.rendered == before + 1
        assert store.blob_keys(PLOT_BLOBS) == _plot_keys(changed)
    assert _plot_keys(changed)[0] not in _plot_keys(links)
    png = (tmp_path / "changed" / "models" / f"{name}.png").read_bytes()
    assert png != _pngs(first)[f"{name}.png"]
    with Store(tmp_path / STORE_NAME) as store:
        write_model_runs([], tmp_path / "none", store)
        assert store.blob_keys(PLOT_BLOBS) == []


def test_write_model_runs_without_a_store_draws_the_same_plots(
    first_run: tuple[Path, Path], tmp_path: Path
) -> None:
    _, first = first_run
    RUN_PLOTS.clear()
    write_model_runs(RunSummary(first).corpus.links, tmp_path)
    assert _pngs(tmp_path) == _pngs(first)


def test_store_blobs_persist_and_are_kept_by_kind(tmp_path: Path) -> None:
    with Store(tmp_path / STORE_NAME) as store:
        store.put_blob("a", "k1", b"\x89PNG one")
        store.put_blob("a", "k2", b"two")
        store.put_blob("b", "k1", b"other kind")
        store.put_blob("a", "k2", b"two again")
    with Store(tmp_path / STORE_NAME) as store:
        assert store.blob("a", "k1") == b"\x89PNG one" and store.blob("a", "k2") == b"two again"
        assert store.keep_blobs("a", ["k2", "unknown"]) == 1
        assert store.blob_keys("a") == ["k2"] and store.blob("a", "k1") is None
        assert store.blob("b", "k1") == b"other kind"


def test_render_key_follows_size_settings_and_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = type(get_model("arms_race")).__module__
    key = render_key((module,))
    assert key == render_key((module,))
    assert key != render_key((module,), size=(5.0, 4.0))
    assert key != render_key((type(get_model("security_dilemma")).__module__,))
    monkeypatch.setitem(matplotlib.rcParams, "font.size", matplotlib.rcParams["font.size"] + 1)
    assert render_key((module,)) != key


def test_code_digest_follows_the_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    probe = tmp_path / "plot_probe.py"
    probe.write_text("SCALE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        first = code_digest(("plot_probe",))
        probe.write_text("SCALE = 2\n")
        code_digest.cache_clear()
        assert code_digest(("plot_probe",)) != first
    finally:
        sys.modules.pop("plot_probe", None)
