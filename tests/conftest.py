"""Shared fixtures: the sample corpus and the gold annotations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD_PATH = ROOT.parent / "shared" / "gold" / "seeds_gold.json"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The sample corpus shipped with the project."""
    return CORPUS


@pytest.fixture(scope="session")
def gold() -> dict:
    """Gold annotations of the sample texts, by file name."""
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright (``make test`` installs it)."""
    if not CHROMIUM.exists():
        pytest.fail("needs Debian's chromium at /usr/bin/chromium: apt-get install chromium")
    with sync_playwright() as runner:
        chromium = runner.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
