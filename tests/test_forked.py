"""A call run in a forked child process: its value, its errors and its death reach the parent."""

from __future__ import annotations

import os

import pytest

from analyser.forked import ChildFailed, ForkedCall, can_fork

needs_fork = pytest.mark.skipif(not can_fork(), reason="this platform cannot fork")


def _pid_and_total(numbers: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def _divide(a: int, b: int) -> float:
    return a / b


def _die() -> None:
    os._exit(3)


@needs_fork
def test_the_child_computes_from_the_parents_memory() -> None:
    numbers = list(range(100_000))
    pid, total = ForkedCall(_pid_and_total, numbers).result()
    assert total == sum(numbers)
    assert pid != os.getpid()


def test_without_fork_the_call_runs_here_at_once() -> None:
    call = ForkedCall(_pid_and_total, [1, 2, 3], fork=False)
    assert call.result() == (os.getpid(), 6)


@needs_fork
def test_an_error_in_the_child_is_one_line_with_its_traceback_attached() -> None:
    with pytest.raises(ChildFailed) as raised:
        ForkedCall(_divide, 1, 0).result()
    assert str(raised.value) == "in a forked process: ZeroDivisionError: division by zero"
    (note,) = raised.value.__notes__
    assert note.startswith("Traceback") and "_divide" in note


@needs_fork
def test_a_child_that_dies_is_reported() -> None:
    with pytest.raises(ChildFailed, match="exited with code 3"):
        ForkedCall(_die).result()
