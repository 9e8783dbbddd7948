"""Hypothesis -> model linking on the gold hypotheses: precision and recall by threshold.

Each gold hypothesis of ../shared/gold/seeds_gold.json is turned into a Hypothesis record
(text, cause, effect, direction, condition, attribution; not its theory) and linked. The
expected models per hypothesis are the table EXPECTED in tests/test_models_linking.py.

    .venv/bin/python benchmarks/model_links.py

precision = links to an acceptable model / links made; recall = hypotheses that need a model
and are linked to an acceptable one / hypotheses that need a model; stray = hypotheses with no
model that were linked anyway. The current LINK_THRESHOLD is marked with *.
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyser.models.linking import LINK_THRESHOLD, best_candidates  # noqa: E402
from analyser.records import ModelLink  # noqa: E402


def load_gold_table():  # type: ignore[no-untyped-def]
    """The gold pairs and metric function defined beside the linking tests."""
    path = ROOT / "tests" / "test_models_linking.py"
    spec = importlib.util.spec_from_file_location("gold_model_links", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.gold_hypotheses(), module.link_metrics


def metrics_at(pairs, candidates, link_metrics, threshold: float) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Link metrics when every best candidate scoring at least ``threshold`` is linked."""
    links = [
        ModelLink(c.hypothesis, c.model, c.prediction, c.score, "untested")
        for c in candidates
        if c.score >= threshold
    ]
    m = link_metrics(pairs, links)
    m["f1"] = 2 * m["precision"] * m["recall"] / ((m["precision"] + m["recall"]) or 1)
    return m


def safe_range(pairs, candidates, link_metrics) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """The thresholds (lo, hi] that link no no-model hypothesis at the best recall possible."""
    scores = sorted({c.score for c in candidates})
    cuts = [0.0, *((a + b) / 2 for a, b in itertools.pairwise(scores)), 1.0]
    safe = [(cut, metrics_at(pairs, candidates, link_metrics, cut)) for cut in cuts]
    safe = [(cut, m) for cut, m in safe if m["no_model_linked"] == 0]
    best = max(m["recall"] for _, m in safe)
    chosen = [cut for cut, m in safe if m["recall"] == best]
    below = max((c.score for c in candidates if c.score < min(chosen)), default=0.0)
    above = min(c.score for c in candidates if c.score >= max(chosen))
    return below, above, best


def report(title: str, pairs, link_metrics) -> None:  # type: ignore[no-untyped-def]
    """Print the threshold table, the safe range and the misses for one set of hypotheses."""
    candidates = best_candidates([h for h, _ in pairs])
    thresholds = sorted({round(t, 3) for t in np.arange(0.10, 0.61, 0.025)} | {LINK_THRESHOLD})
    print(f"\n== {title}: {len(pairs)} gold hypotheses")
    print(f"{'threshold':>10} {'links':>6} {'precision':>10} {'recall':>7} {'F1':>6} {'stray':>6}")
    for threshold in thresholds:
        m = metrics_at(pairs, candidates, link_metrics, threshold)
        mark = "*" if threshold == LINK_THRESHOLD else " "
        stray = f"{int(m['no_model_linked']):>3}/{int(m['no_model'])}"
        print(
            f"{threshold:>9.3f}{mark} {int(m['links']):>6} {m['precision']:>10.3f} "
            f"{m['recall']:>7.3f} {m['f1']:>6.3f} {stray}"
        )
    below, above, recall = safe_range(pairs, candidates, link_metrics)
    print(
        f"no stray link at the best recall ({recall:.3f}) for thresholds in ({below:.3f}, "
        f"{above:.3f}]; LINK_THRESHOLD = {LINK_THRESHOLD}"
    )
    print(f"not linked as expected at {LINK_THRESHOLD}:")
    for (hypothesis, expected), candidate in zip(pairs, candidates, strict=True):
        linked = candidate.score >= LINK_THRESHOLD
        wanted = not expected.models or expected.optional
        ok = candidate.model in expected.models if linked else wanted
        if not ok:
            want = "/".join(sorted(expected.models)) or "none"
            got = candidate.model if linked else "none"
            print(
                f"  {hypothesis.id:8} want {want:30} got {got:20} best {candidate.score:.3f}  "
                f"{hypothesis.text[:50]}"
            )


def main() -> None:
    """Score the gold hypotheses as annotated, then with the sentence alone (no cause/effect)."""
    pairs, link_metrics = load_gold_table()
    report("gold fields (text, cause, effect, condition, attribution)", pairs, link_metrics)
    bare = [(replace(h, cause="", effect="", condition=None), expected) for h, expected in pairs]
    report("sentence and attribution only", bare, link_metrics)


if __name__ == "__main__":
    main()
