"""The stage timer: totals per stage name, summed over entries and merged from workers."""

from __future__ import annotations

import time

import pytest

from analyser.timing import StageTimer


def test_stage_totals_add_up_over_entries_and_merges() -> None:
    timer = StageTimer()
    for _ in range(2):
        with timer.stage("parse"):
            time.sleep(0.01)
    timer.merge({"parse": 1.0, "store": 0.5})
    assert timer.seconds["parse"] >= 1.02
    assert timer.seconds["store"] == 0.5


def test_a_failing_stage_is_still_timed() -> None:
    timer = StageTimer()
    with pytest.raises(ValueError), timer.stage("ingest"):
        raise ValueError("bad file")
    assert timer.seconds["ingest"] >= 0
