"""Accuracy floors for citations, references and linking, measured by benchmarks/citations.py."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from analyser.extract.bibliography import extract_bibliography
from analyser.extract.linking import SURNAME_THRESHOLD

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "citations.py"


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_citations", BENCHMARK)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = load_benchmark()
needs_gold = pytest.mark.skipif(not bench.SEEDS_GOLD.exists(), reason="seed gold not present")
needs_elife = pytest.mark.skipif(not bench.ELIFE.exists(), reason="eLife data not present")


@pytest.fixture(scope="module")
def seeds():
    documents = bench.corpus_documents()
    bibliographies = {d.id: extract_bibliography(d) for d in documents}
    return bench.seed_scores(bibliographies, documents)


@needs_gold
def test_sample_citation_recall_and_precision(seeds) -> None:
    total = seeds.total_citations()
    assert total.gold == 21
    assert total.recall >= 0.95
    assert total.precision >= 0.95


@needs_gold
def test_sample_linking_accuracy(seeds) -> None:
    assert seeds.total_linking().total >= 20
    assert seeds.total_linking().value >= 0.95


@needs_gold
def test_every_sample_reference_is_found(seeds) -> None:
    for doc_id, (gold, found, same) in seeds.references.items():
        assert found == gold == same, doc_id


def test_gold_matching_rules() -> None:
    text = "As summed up by Charles Lipson (Lipson 2003: 72), democracies cooperate."
    merged = [
        bench.Citation("d", 0, 16, 48, "Charles Lipson (Lipson 2003: 72)", ["Lipson"], "2003")
    ]
    gold = [
        {"surface": "Charles Lipson", "authors": ["Lipson"], "year": None, "kind": "name_only"},
        {
            "surface": "(Lipson 2003: 72)",
            "authors": ["Lipson"],
            "year": 2003,
            "kind": "parenthetical",
        },
    ]
    counts, pairs = bench.match_citations(gold, merged, text)
    assert (counts.found, counts.gold, counts.matched, counts.extracted) == (2, 2, 1, 1)
    assert [item["surface"] for item, _ in pairs] == ["(Lipson 2003: 72)"]
    assert bench.locate("a  b a b", "a b", occurrence=2) == 5


@needs_elife
@pytest.mark.slow
def test_elife_callouts_are_found_and_linked() -> None:
    scores = bench.elife_scores()
    assert scores.detection.recall >= 0.95
    assert scores.detection.precision >= 0.95
    assert scores.end_to_end.value >= 0.90


@needs_elife
def test_surname_threshold_is_the_measured_one() -> None:
    calibrations = {c.scorer: c for c in bench.calibrate_surnames()}
    indel, jaro = calibrations["indel"], calibrations["jaro-winkler"]
    assert indel.best[0] == SURNAME_THRESHOLD
    assert indel.best[3] >= jaro.best[3]
