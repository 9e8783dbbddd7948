"""map.html: one self-contained interactive map of the graph (no network access needed).

The graph is embedded as JSON in a ``<script type="application/json">`` block with ``<``, ``>``
and ``&`` escaped, so no corpus text can end the block; the page script renders corpus strings
with ``textContent`` only. A Content-Security-Policy allows nothing but the page's own inline
script and style (by hash): no remote loads, no injected scripts.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from analyser.atomic import write_chunks
from analyser.export.drawing import NO_POSITION_COLOUR, force_layout, node_styles, position_colours
from analyser.export.jsontext import (
    array_chunks,
    compact_json,
    json_array_chunks,
    json_text,
    object_head,
)
from analyser.export.recordtext import batches
from analyser.graph import NODE_KINDS

Layout = Mapping[str, tuple[float, float]]
DEFAULT_TITLE = "Literature map"
_EDGE_EXTRAS = ("role", "verdict", "score")
_NODE_HIDDEN = {"kind", "label", "position", "position_share"}
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header>
<h1 id="title"></h1>
<input type="search" id="search" placeholder="Search nodes…" aria-label="Search nodes"
 autocomplete="off">
<span id="status" role="status"></span>
</header>
<div id="layout">
<aside id="controls">
<h2>Node kinds</h2>
<div id="kind-filters"></div>
<h2>Positions</h2>
<div id="position-filters"></div>
<div class="zoom">
<button type="button" id="zoom-in" aria-label="Zoom in">+</button>
<button type="button" id="zoom-out" aria-label="Zoom out">−</button>
<button type="button" id="zoom-fit">Fit</button>
</div>
<h2>Search results</h2>
<ol id="results"></ol>
</aside>
<main id="stage">
<canvas id="map"
 aria-label="Graph of documents, works, concepts, hypotheses, positions and models"></canvas>
<div id="tooltip" hidden></div>
</main>
<aside id="details" aria-live="polite"></aside>
</div>
<script type="application/json" id="map-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""


def _asset(name: str) -> str:
    return resources.files("analyser.export.assets").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script: str, css: str) -> str:
    """A policy that runs only the given inline script and style and loads nothing remote."""
    return (
        f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(css)}; "
        "img-src 'none'; connect-src 'none'; font-src 'none'; media-src 'none'; "
        "object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def _info(data: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes shown in the details panel (lists stay lists)."""
    return {key: value for key, value in sorted(data.items()) if key not in _NODE_HIDDEN}


def _nodes(graph: nx.MultiDiGraph, layout: Layout) -> Iterator[dict[str, Any]]:
    """Each node with its layout, colour, size and details."""
    styles = node_styles(graph)
    for node, data in graph.nodes(data=True):
        x, y = layout.get(node, (0.0, 0.0))
        yield {
            "id": node,
            "kind": data["kind"],
            "label": str(data["label"]),
            "position": data.get("position", ""),
            "colour": styles[node].colour,
            "r": styles[node].radius,
            "x": x,
            "y": y,
            "info": _info(data),
        }


def _extras(data: Mapping[str, Any]) -> str:
    """The members of an edge's extras, each as ``,"name":value``."""
    text = ""
    for key in _EDGE_EXTRAS:
        if key in data:
            text += f',"{key}":{json_text(data[key])}'
    return text


def _edges(graph: nx.MultiDiGraph) -> Iterator[list[str]]:
    """The JSON text of each edge by the indexes of its nodes, with its kind, weight and
    extras, a few thousand at a time."""
    index = {node: i for i, node in enumerate(graph.nodes)}
    for batch in batches(graph.edges(data=True)):
        yield [
            f'{{"s":{index[source]},"t":{index[target]},"k":{json_text(data["kind"])},'
            f'"w":{json_text(data["weight"])}{_extras(data)}}}'
            for source, target, data in batch
        ]


def _header(graph: nx.MultiDiGraph, title: str) -> dict[str, Any]:
    """Everything the page draws but the nodes and edges."""
    positions = [
        {"id": node, "label": str(graph.nodes[node]["label"]), "colour": colour}
        for node, colour in position_colours(graph).items()
    ]
    return {
        "title": title,
        "kinds": list(NODE_KINDS),
        "positions": positions,
        "no_position_colour": NO_POSITION_COLOUR,
    }


def map_payload(
    graph: nx.MultiDiGraph, layout: Layout | None = None, title: str = DEFAULT_TITLE
) -> dict[str, Any]:
    """The data the page draws: nodes with layout, colour and size, edges by node index."""
    layout = force_layout(graph) if layout is None else layout
    return json.loads("".join(_payload_chunks(graph, layout, title)))


def _payload_chunks(graph: nx.MultiDiGraph, layout: Layout, title: str) -> Iterator[str]:
    """``map_payload`` as compact JSON text, piece by piece."""
    yield object_head(_header(graph, title))
    yield ',"nodes":'
    yield from json_array_chunks(_nodes(graph, layout))
    yield ',"edges":'
    yield from array_chunks(_edges(graph))
    yield "}"


def _script_safe(text: str) -> str:
    """JSON text that cannot close a <script> element (``<``, ``>``, ``&`` as ``\\u003c``
    etc.)."""
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def script_safe_json(value: Any) -> str:
    """JSON that cannot close a <script> element (``<``, ``>``, ``&`` as ``\\u003c`` etc.)."""
    return _script_safe(compact_json(value))


def map_html_chunks(
    graph: nx.MultiDiGraph, layout: Layout | None = None, title: str = DEFAULT_TITLE
) -> Iterator[str]:
    """The complete map.html text, piece by piece."""
    layout = force_layout(graph) if layout is None else layout
    script = _asset("map.js")
    css = _asset("map.css")
    before, after = _PAGE.split("{data}")
    fields = {
        "csp": html.escape(content_security_policy(script, css), quote=False),
        "title": html.escape(title),
        "css": css,
        "script": script,
    }
    yield before.format(**fields)
    yield from map(_script_safe, _payload_chunks(graph, layout, title))
    yield after.format(**fields)


def render_map_html(
    graph: nx.MultiDiGraph, layout: Layout | None = None, title: str = DEFAULT_TITLE
) -> str:
    """The complete map.html text."""
    return "".join(map_html_chunks(graph, layout, title))


def write_map_html(
    graph: nx.MultiDiGraph, path: Path, layout: Layout | None = None, title: str = DEFAULT_TITLE
) -> Path:
    """Write ``map.html`` atomically, streamed (a lone surrogate in corpus text is written as
    its JSON escape)."""
    return write_chunks(path, map_html_chunks(graph, layout, title), errors="backslashreplace")
