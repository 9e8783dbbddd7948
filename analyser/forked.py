"""Running one function in a forked child process while the parent goes on with other work.

The child inherits the parent's memory (nothing is pickled on the way in, so large corpora
cost nothing to hand over); only the return value travels back. Where the platform cannot
fork, or forking is not wanted, the call runs in the parent at once.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

Result = TypeVar("Result")


class ChildFailed(RuntimeError):
    """The forked call raised or its process died: a one-line message; the child's traceback
    is attached as a note."""


def can_fork() -> bool:
    """Whether this platform starts processes by forking."""
    return "fork" in multiprocessing.get_all_start_methods()


def _call_and_send(send: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """The child's work: call ``function`` and send back (True, result) or (False, (one-line
    summary of the error, its traceback))."""
    try:
        outcome: tuple[bool, Any] = (True, function(*args))
    except BaseException as error:  # everything the child raised goes back to the parent
        summary = f"{type(error).__name__}: {error}".splitlines()[0]
        outcome = (False, (summary, traceback.format_exc()))
    send.send(outcome)
    send.close()


class ForkedCall(Generic[Result]):
    """``function(*args)`` started in a forked child when ``fork`` is true and the platform
    can fork, else run here and now; ``result()`` gives its value either way."""

    def __init__(self, function: Callable[..., Result], *args: Any, fork: bool = True) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        if fork and can_fork():
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_call_and_send, args=(send, function, args))
            self._process.start()
            send.close()
        else:
            self._value = function(*args)

    def result(self) -> Result:
        """The function's return value; raises ``ChildFailed`` if it raised or its process died."""
        if self._process is None:
            return self._value
        try:
            succeeded, value = self._receive.recv()
        except EOFError:
            self._process.join()
            raise ChildFailed(f"child process exited with code {self._process.exitcode}") from None
        finally:
            self._receive.close()
        self._process.join()
        if not succeeded:
            summary, child_traceback = value
            failure = ChildFailed(f"in a forked process: {summary}")
            failure.add_note(child_traceback)  # shown with the traceback (--debug), not in str()
            raise failure
        return value
