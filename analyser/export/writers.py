"""Writing the requested exports of a Corpus: the graph built once, laid out once, and each
file written atomically into the output folder."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from analyser.export import FORMATS
from analyser.export.attributes import FlatGraph
from analyser.export.bibliography import write_bibtex, write_csl_json, write_ris
from analyser.export.cytoscape import write_cytoscape
from analyser.export.drawing import force_layout
from analyser.export.gexf import write_gexf
from analyser.export.graphml import write_graphml
from analyser.export.html_map import write_map_html
from analyser.export.tables import write_tables
from analyser.export.vosviewer import MAP_KINDS, write_vosviewer
from analyser.graph import build_graph
from analyser.records import Corpus

_NEEDS_GRAPH = {"graphml", "gexf", "cytoscape", "vosviewer", "csv", "html"}
_NEEDS_LAYOUT = {"gexf", "cytoscape", "html"}
_NEEDS_FLAT = {"graphml", "gexf", "cytoscape", "csv"}


def write_exports(
    corpus: Corpus,
    out_dir: Path,
    formats: Collection[str] | None = None,
    vosviewer: str = "concepts",
    models: Sequence[Mapping[str, Any]] | None = None,
) -> list[Path]:
    """Write the requested export ``formats`` (default: all of ``FORMATS``) into ``out_dir``.

    ``vosviewer`` picks the VOSviewer map: "concepts" (co-occurrence) or "citations"
    (co-citation). ``models`` describes the runnable models for the graph's model nodes.
    Returns the written paths in ``FORMATS`` order. The graph is built only when a chosen
    format needs it (the bibliographies need only the works).
    """
    chosen = set(FORMATS) if formats is None else set(formats)
    unknown = chosen - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown export formats {sorted(unknown)}; known: {sorted(FORMATS)}")
    if vosviewer not in MAP_KINDS:
        raise ValueError(f"unknown VOSviewer map kind {vosviewer!r}; choose one of {MAP_KINDS}")
    out_dir = Path(out_dir)
    graph = build_graph(corpus, models) if chosen & _NEEDS_GRAPH else nx.MultiDiGraph()
    layout = force_layout(graph) if chosen & _NEEDS_LAYOUT else {}
    flat = FlatGraph(graph) if chosen & _NEEDS_FLAT else None
    writers = {
        "graphml": lambda: [write_graphml(graph, out_dir / "graph.graphml", flat)],
        "gexf": lambda: [write_gexf(graph, out_dir / "graph.gexf", layout, flat)],
        "cytoscape": lambda: [write_cytoscape(graph, out_dir / "cytoscape.json", layout, flat)],
        "vosviewer": lambda: [write_vosviewer(graph, out_dir / "vosviewer.json", vosviewer)],
        "csv": lambda: write_tables(graph, out_dir, flat),
        "bibtex": lambda: [write_bibtex(corpus.works, out_dir / "references.bib")],
        "csl": lambda: [write_csl_json(corpus.works, out_dir / "references.csl.json")],
        "ris": lambda: [write_ris(corpus.works, out_dir / "references.ris")],
        "html": lambda: [write_map_html(graph, out_dir / "map.html", layout)],
    }
    written: list[Path] = []
    for name in FORMATS:
        if name in chosen:
            written.extend(writers[name]())
    graph.clear()  # its views refer back to it: only the cycle collector would free it, late
    return written
