"""What an engine hands a worker and what the worker hands back, kept apart from the NLP stack
so that planning a run loads none of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from analyser.records import DocResult


@dataclass
class Task:
    """One file to analyse, with the id its document gets."""

    path: str
    doc_id: str
    cache_key: str


@dataclass
class Outcome:
    """What became of a task: a result, or a one-line problem; seconds spent per stage."""

    task: Task
    result: DocResult | None = None
    problem: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
