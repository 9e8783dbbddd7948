"""Turning the user's corpus arguments (files, folders, globs) into a sorted list of files."""

from __future__ import annotations

import glob
import os
from pathlib import Path

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf"}


def shown_path(path: str | Path) -> str:
    """The path as text that can be stored and written anywhere: bytes of a file name that are
    not UTF-8 appear as ``\\xNN`` escapes."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _walk(folder: Path) -> list[Path]:
    """Every supported, non-hidden file below ``folder``; links to folders are not followed."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):  # pipes, sockets: skipped
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            path
            for path in (Path(root, name) for name in files)
            if not path.name.startswith(".")
            and path.suffix.lower() in SUPPORTED_SUFFIXES
            and (path.is_file() or path.is_symlink())
        )
    return found


def discover(inputs: list[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files named by ``inputs`` (sorted, unique) and (input, problem) pairs for bad ones."""
    files: set[Path] = set()
    problems: list[tuple[str, str]] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files.update(_walk(path))
        elif path.is_file() or path.is_symlink():
            files.add(path)
        elif path.exists():
            problems.append((shown_path(item), "not a regular file (device, socket or pipe)"))
        elif glob.has_magic(str(item)):
            matches = [Path(m) for m in glob.glob(str(item), recursive=True)]
            files.update(m for m in matches if m.is_file())
            if not matches:
                problems.append((shown_path(item), "no file matches this pattern"))
        else:
            problems.append((shown_path(item), "no such file or folder"))
    return sorted(files), problems
