"""Run settings, and the fingerprint of those that change per-document results."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from analyser import __version__
from analyser.export import FORMATS, chosen_formats
from analyser.ingest import DEFAULT_MAX_FILE_SIZE


class ModelNotInstalled(RuntimeError):
    """The spaCy pipeline the settings name is not installed."""


EXTRACTION_VERSION = "3"  # bump when an extractor's output changes for the same input


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told; per-document results depend only on ``fingerprint()``."""

    model: str | None = None
    lexicon: Path | None = None
    jobs: int = 1
    engine: str = "local"  # local | dask
    scheduler: str | None = None
    seed: int = 0
    positions: int | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    vosviewer: str = "concepts"  # concepts | citations
    formats: frozenset[str] = frozenset(FORMATS)  # the exports a run writes (see FORMATS)

    def __post_init__(self) -> None:
        """Formats may be given as any collection of names or as text ("graphml,bibtex")."""
        names = self.formats if isinstance(self.formats, str) else ",".join(self.formats)
        object.__setattr__(self, "formats", chosen_formats(names))

    def fingerprint(self) -> str:
        """A hash of the analyser version and the settings that change extraction."""
        lexicon = self.lexicon.read_bytes() if self.lexicon else b""
        parts = {
            "version": __version__,
            "extraction": EXTRACTION_VERSION,
            "model": self.model or "default",
            "lexicon": hashlib.sha256(lexicon).hexdigest(),
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]
