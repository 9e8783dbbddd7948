"""Keeping Python's memory management out of the way of large, long-lived corpus data: the
cycle collector paused or kept off what is already loaded, and freed heap handed back."""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside (memory is still freed by reference counting): for
    steps that make hundreds of thousands of lasting objects, where each collection they set
    off would only re-walk every live object. The collector resumes, if it ran, at the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def loaded_data_frozen() -> Iterator[None]:
    """Keep everything loaded so far out of the collector's passes inside: with a large corpus
    in memory each full pass costs a quarter of a second, and a frozen heap also stays shared
    with forked processes instead of being copied."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """The C library's ``malloc_trim`` (glibc), or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def release_freed_memory() -> None:
    """Return freed heap memory to the system (a no-op without glibc): glibc keeps freed blocks
    of a few tens of MB for reuse, and a next step's large arrays would come on top."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
