"""Graph and bibliography exports of a Corpus: one module per format.

``analyser.export.writers.write_exports`` builds the graph once, lays it out once, and writes
every requested file atomically into the output folder; ``FORMATS`` names them.
"""

from __future__ import annotations

# Format name -> the files it writes (in the output folder).
FORMATS: dict[str, tuple[str, ...]] = {
    "graphml": ("graph.graphml",),
    "gexf": ("graph.gexf",),
    "cytoscape": ("cytoscape.json",),
    "vosviewer": ("vosviewer.json",),
    "csv": ("nodes.csv", "edges.csv"),
    "bibtex": ("references.bib",),
    "csl": ("references.csl.json",),
    "ris": ("references.ris",),
    "html": ("map.html",),
}

__all__ = ["FORMATS"]
