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


def chosen_formats(text: str) -> frozenset[str]:
    """The formats named by ``text``: comma-separated names, "all" or "none".

    Raises ValueError naming the unknown ones.
    """
    if text.strip() == "all":
        return frozenset(FORMATS)
    if text.strip() == "none":
        return frozenset()
    chosen = frozenset(name.strip() for name in text.split(",") if name.strip())
    unknown = chosen - set(FORMATS)
    if unknown:
        raise ValueError(
            f"unknown format(s): {', '.join(sorted(unknown))}; known: {', '.join(FORMATS)}, "
            "all or none"
        )
    return chosen


__all__ = ["FORMATS", "chosen_formats"]
