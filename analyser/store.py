"""The SQLite store: per-document results keyed by content and settings, corpus tables, and
rendered files (blobs) keyed by everything they are made from.

A document's result is saved in one transaction as soon as it is extracted, so an
interrupted run loses nothing; a re-run re-uses every result whose key is unchanged.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from analyser.codec import from_dict, to_dict
from analyser.records import DocResult

STORE_NAME = "analyser.sqlite"  # the store's file in an output folder
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    path TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    cache_key TEXT NOT NULL,
    result TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    doc TEXT NOT NULL, paragraph INTEGER, start INTEGER, "end" INTEGER,
    concept TEXT NOT NULL, surface TEXT
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc);
CREATE INDEX IF NOT EXISTS mentions_concept ON mentions (concept);
CREATE TABLE IF NOT EXISTS problems (path TEXT NOT NULL, problem TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS corpus (name TEXT PRIMARY KEY, payload TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS blobs (
    kind TEXT NOT NULL, key TEXT NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (kind, key)
);
"""


class Store:
    """One SQLite file in the output folder holding everything a run has learnt."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        with self._db:
            self._db.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A transaction that commits on success and rolls back on any error."""
        with self._db:
            yield self._db

    def has(self, path: str, cache_key: str) -> bool:
        """Whether a result for ``path`` made with the same ``cache_key`` is stored (cheaper
        than ``cached``: nothing is decoded)."""
        row = self._db.execute(
            "SELECT 1 FROM results WHERE path = ? AND cache_key = ?", (path, cache_key)
        ).fetchone()
        return row is not None

    def save(self, path: str, cache_key: str, result: DocResult) -> None:
        """Save one document's result and its concept mentions in one transaction."""
        doc = result.document.id
        payload = json.dumps(to_dict(result), ensure_ascii=False, sort_keys=True)
        with self._transaction() as db:
            old = db.execute("SELECT doc FROM results WHERE path = ?", (path,)).fetchone()
            for stale in {doc, old[0] if old else doc}:
                db.execute("DELETE FROM mentions WHERE doc = ?", (stale,))
            db.execute(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)",
                (path, doc, cache_key, payload),
            )
            db.executemany(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
                [(doc, m.paragraph, m.start, m.end, m.concept, m.surface) for m in result.mentions],
            )

    def keep_only(self, paths: Iterable[str]) -> int:
        """Drop results of files no longer in the corpus; returns how many were dropped."""
        keep = set(paths)
        gone = [
            row for row in self._db.execute("SELECT path, doc FROM results") if row[0] not in keep
        ]
        with self._transaction() as db:
            for path, doc in gone:
                db.execute("DELETE FROM results WHERE path = ?", (path,))
                db.execute("DELETE FROM mentions WHERE doc = ?", (doc,))
        return len(gone)

    def contents(self) -> list[tuple[str, str]]:
        """Every stored (path, cache key), sorted: what the corpus steps would be built from."""
        return [
            tuple(row)
            for row in self._db.execute("SELECT path, cache_key FROM results ORDER BY path")
        ]

    def results(self) -> list[DocResult]:
        """Every stored result, ordered by document id."""
        rows = self._db.execute("SELECT result FROM results ORDER BY doc, path")
        return [from_dict(DocResult, json.loads(text)) for (text,) in rows]

    def replace_problems(self, problems: list[tuple[str, str]]) -> None:
        """Replace the problem rows with this run's."""
        with self._transaction() as db:
            db.execute("DELETE FROM problems")
            db.executemany("INSERT INTO problems VALUES (?, ?)", sorted(problems))

    def problems(self) -> list[tuple[str, str]]:
        """The problem rows of the last run."""
        return [
            tuple(row)
            for row in self._db.execute("SELECT path, problem FROM problems ORDER BY path")
        ]

    def put(self, name: str, payload: Any) -> None:
        """Save a corpus-level table (JSON-ready) under ``name``."""
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO corpus VALUES (?, ?)", (name, text))

    def get(self, name: str) -> Any:
        """A corpus-level table saved with ``put``, or None."""
        row = self._db.execute("SELECT payload FROM corpus WHERE name = ?", (name,)).fetchone()
        return json.loads(row[0]) if row else None

    def put_blob(self, kind: str, key: str, payload: bytes) -> None:
        """Save bytes of ``kind`` (e.g. model plots) under ``key``, replacing any saved there."""
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO blobs VALUES (?, ?, ?)", (kind, key, payload))

    def blob(self, kind: str, key: str) -> bytes | None:
        """The bytes of ``kind`` saved under ``key`` with ``put_blob``, or None."""
        row = self._db.execute(
            "SELECT payload FROM blobs WHERE kind = ? AND key = ?", (kind, key)
        ).fetchone()
        return bytes(row[0]) if row else None

    def blob_keys(self, kind: str) -> list[str]:
        """The keys of every saved blob of ``kind``, sorted."""
        rows = self._db.execute("SELECT key FROM blobs WHERE kind = ? ORDER BY key", (kind,))
        return [key for (key,) in rows]

    def keep_blobs(self, kind: str, keys: Iterable[str]) -> int:
        """Drop the blobs of ``kind`` whose key is not in ``keys``; returns how many went."""
        gone = sorted(set(self.blob_keys(kind)) - set(keys))
        with self._transaction() as db:
            db.executemany(
                "DELETE FROM blobs WHERE kind = ? AND key = ?", [(kind, k) for k in gone]
            )
        return len(gone)
