"""Shared fixtures: the sample corpus and the gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD_PATH = ROOT.parent / "shared" / "gold" / "seeds_gold.json"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The sample corpus shipped with the project."""
    return CORPUS


@pytest.fixture(scope="session")
def gold() -> dict:
    """Gold annotations of the sample texts, by file name."""
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))["documents"]
