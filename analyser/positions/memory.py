"""Handing heap memory that has been freed back to the operating system between large steps."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import lru_cache


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
    """Return freed heap memory to the system (a no-op without glibc).

    glibc keeps freed blocks of a few tens of MB (the work arrays of the SVD) for reuse, and
    the Ward tree's distance matrices, too large for them, would otherwise come on top.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
