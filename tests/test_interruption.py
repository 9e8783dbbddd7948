"""Interrupted runs: kill -9 at several points, Ctrl-C, and two runs on one output folder."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyser.cli import app
from analyser.lock import output_lock

N_COPIES = 12  # 48 documents: long enough a run to interrupt it mid-way


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """The sample texts copied many times under distinct names."""
    folder = tmp_path_factory.mktemp("big")
    for copy in range(N_COPIES):
        for path in sorted(corpus_dir.glob("*.txt")):
            text = path.read_text(encoding="utf-8") + f"\n\nCopy {copy}.\n"
            (folder / f"c{copy:02d}_{path.name}").write_text(text, encoding="utf-8")
    return folder


def _start(corpus: Path, out: Path) -> subprocess.Popen:
    """`analyser run` in a subprocess."""
    command = [sys.executable, "-m", "analyser", "run", str(corpus), "-o", str(out)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stored(out: Path) -> int:
    """How many document results the store holds right now (read-only and without waiting, so
    that polling neither creates the file nor falls behind a fast run)."""
    uri = f"{(out / 'analyser.sqlite').as_uri()}?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True, timeout=0.05)
        try:
            return db.execute("SELECT count(*) FROM results").fetchone()[0]
        finally:
            db.close()
    except sqlite3.OperationalError:
        return 0


def _wait_for(process: subprocess.Popen, out: Path, stored: int, limit: float = 120) -> None:
    """Wait until the store holds ``stored`` results (or the run has the lock, for 0)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        ready = (out / ".analyser.lock").exists() if stored == 0 else _stored(out) >= stored
        if ready:
            return
        time.sleep(0.01)


def _outputs(out: Path) -> dict[str, bytes]:
    """Every CSV of an output folder by name."""
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.csv"))}


@pytest.mark.slow
def test_kill_9_at_several_points_then_resume(big_corpus: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    assert _start(big_corpus, reference).wait(timeout=600) == 0
    expected = _outputs(reference)
    out = tmp_path / "killed"
    for stored in (0, 3, 20):
        process = _start(big_corpus, out)
        _wait_for(process, out, stored)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finished = _start(big_corpus, out)
    _, err = finished.communicate(timeout=600)
    assert finished.returncode == 0, err
    assert _outputs(out) == expected
    with sqlite3.connect(out / "analyser.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM results").fetchone()[0] == 4 * N_COPIES
        assert not list(out.glob(".*.tmp"))


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_says_how_to_resume(big_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = _start(big_corpus, out)
    _wait_for(process, out, 2)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "run the same command again to resume" in " ".join(err.split())
    assert "Traceback" not in err


def test_second_run_on_a_locked_output_folder_exits_clearly(
    corpus_dir: Path, tmp_path: Path
) -> None:
    with output_lock(tmp_path):
        result = CliRunner().invoke(app, ["run", str(corpus_dir), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "another analyser run is using" in " ".join(result.output.split())
    assert (tmp_path / ".analyser.lock").exists()
