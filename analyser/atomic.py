"""Atomic file writing: write to a temporary file in the same folder, fsync, then rename.

A reader never sees a half-written file: it sees the old content or the new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

_NEW_FILE_MODE = 0o644
_WRITE_CHARS = 1 << 20  # streamed pieces are joined into writes of about this many characters


def _final_mode(target: Path) -> int:
    """Permission bits for the written file: those of the file it replaces, else rw-r--r--."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return _NEW_FILE_MODE


def _fsync_directory(folder: Path) -> None:
    """Flush a folder's entry table so a completed rename survives a crash (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike[str],
    mode: str = "w",
    encoding: str | None = "utf-8",
    newline: str | None = None,
    errors: str | None = None,
) -> Iterator[IO[Any]]:
    """Open a temporary file for streaming writes; on success it replaces ``path`` atomically.

    ``mode`` is ``"w"`` (text) or ``"wb"`` (binary); ``errors`` is the text encoding's error
    handler. On an exception the temporary file is removed and ``path`` is left untouched.
    """
    if mode not in {"w", "wb"}:
        raise ValueError(f"atomic_open supports modes 'w' and 'wb', not {mode!r}")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        binary = mode == "wb"
        with os.fdopen(
            fd,
            mode,
            encoding=None if binary else encoding,
            newline=None if binary else newline,
            errors=None if binary else errors,
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _final_mode(target))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_directory(target.parent)


def write_text(
    path: str | os.PathLike[str], text: str, encoding: str = "utf-8", errors: str = "strict"
) -> Path:
    """Write ``text`` to ``path`` atomically (newlines written as given) and return the path."""
    with atomic_open(path, "w", encoding=encoding, newline="", errors=errors) as handle:
        handle.write(text)
    return Path(path)


def write_chunks(
    path: str | os.PathLike[str], chunks: Iterable[str], errors: str = "strict"
) -> Path:
    """Write the text ``chunks`` to ``path`` atomically as UTF-8, in order, without ever
    holding the whole text (``errors``: how unencodable characters are written)."""
    with atomic_open(path, "w", newline="", errors=errors) as handle:
        pending: list[str] = []
        size = 0
        for chunk in chunks:
            pending.append(chunk)
            size += len(chunk)
            if size >= _WRITE_CHARS:
                handle.write("".join(pending))
                pending.clear()
                size = 0
        handle.write("".join(pending))
    return Path(path)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)
    return Path(path)
