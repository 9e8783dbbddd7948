"""The positions and passage assignments as tables (positions.csv, passages.csv)."""

from __future__ import annotations

import pandas as pd

from analyser.records import PassageAssignment, Position

POSITION_COLUMNS = [
    "position", "label", "known_position", "confidence", "top_terms", "n_passages", "docs",
]  # fmt: skip
PASSAGE_COLUMNS = ["doc", "paragraph", "start", "end", "text", "position", "weight"]


def _document_mix(docs: dict[str, float]) -> str:
    """``doc:weight`` pairs, heaviest first, joined by "; "."""
    ranked = sorted(docs.items(), key=lambda item: (-item[1], item[0]))
    return "; ".join(f"{doc}:{weight:.4f}" for doc, weight in ranked)


def position_tables(
    positions: list[Position], passages: list[PassageAssignment]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """positions.csv and passages.csv as DataFrames (positions by id, passages by place)."""
    position_rows = [
        [
            p.id, p.label, p.known_position or "", round(p.confidence, 4), "; ".join(p.top_terms),
            p.n_passages, _document_mix(p.docs),
        ]
        for p in positions
    ]  # fmt: skip
    passage_rows = [
        [a.doc, a.paragraph, a.start, a.end, a.text, a.position, round(a.weight, 4)]
        for a in sorted(passages, key=lambda a: (a.doc, a.start, a.end))
    ]
    return (
        pd.DataFrame(position_rows, columns=POSITION_COLUMNS),
        pd.DataFrame(passage_rows, columns=PASSAGE_COLUMNS),
    )
