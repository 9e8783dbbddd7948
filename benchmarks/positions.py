"""Theoretical positions measured against the gold passage positions of the sample corpus.

Each gold passage is the blank-line block that starts with its ``starts_with`` text (its
``block_index`` among the blocks of ``split_paragraphs``). A block takes the position of the
passage that holds it. A block that no passage holds (too short, read as a reference or as
site chrome) counts as a class of its own, so leaving a passage out can only cost. Gold
passages labelled "other/none" form one gold class like any other position.

Scores: adjusted Rand index (ARI) and normalised mutual information (NMI) of the predicted
against the gold classes over the gold passages; k: the number of positions found; stab: the
mean ARI between the passage assignments (all passages) of runs with seeds 0-4 (Ward's method
draws no random numbers, and the seed only reaches the projection and silhouette sampling of
large corpora, so 1.0 is expected here); resamp: the mean ARI, over the passages both runs
hold, between the full run and five runs (seeds 0-4) that each leave out a random tenth of the
body paragraphs, i.e. how much the clusters depend on the exact passages.

Run: .venv/bin/python benchmarks/positions.py
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from analyser.extract.citations import find_citations
from analyser.extract.concepts import find_mentions
from analyser.ingest.paragraphs import document_from_text
from analyser.lexicon import load_lexicon
from analyser.nlp import load_pipeline, parse_paragraphs
from analyser.positions import PositionOptions, find_positions
from analyser.records import DocResult, PassageAssignment

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT.parent / "shared" / "gold" / "seeds_gold.json"
SEEDS = range(5)
_SPACES = re.compile(r"[\s\u00a0]+")


@dataclass(frozen=True)
class GoldPassage:
    """One gold passage: its document, block (paragraph) index and position."""

    doc: str
    paragraph: int
    position: str


@dataclass(frozen=True)
class Score:
    """Agreement of one run with the gold passages."""

    ari: float
    nmi: float
    k: int


def _collapsed(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def analyse_corpus(mentions: bool = True, citations: bool = True) -> list[DocResult]:
    """The sample texts as DocResults, with lexicon mentions and in-text citations if asked."""
    nlp = load_pipeline()
    lexicon = load_lexicon()
    results = []
    for path in sorted(CORPUS.glob("*.txt")):
        document = document_from_text(path.read_text(encoding="utf-8"), path.stem, str(path))
        parsed = parse_paragraphs(nlp, document)
        result = DocResult(document)
        if mentions:
            result.mentions = find_mentions(document, parsed, lexicon)
        if citations:
            result.citations = find_citations(document, set(), nlp=nlp, parsed=parsed)
        results.append(result)
    return results


def gold_passages(results: list[DocResult], gold: dict | None = None) -> list[GoldPassage]:
    """The gold passages located in ``results`` (checked against their ``starts_with``)."""
    gold = gold or json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
    documents = {result.document.id: result.document for result in results}
    located = []
    for name, entry in sorted(gold.items()):
        document = documents[Path(name).stem]
        for passage in entry["passages"]:
            opening = _collapsed(passage["starts_with"])
            candidates = [document.paragraphs[passage["block_index"]], *document.paragraphs]
            block = next(p for p in candidates if _collapsed(p.text).startswith(opening))
            located.append(GoldPassage(document.id, block.index, passage["position"]))
    return located


def predicted_classes(
    gold: list[GoldPassage], assignments: list[PassageAssignment], results: list[DocResult]
) -> list[str]:
    """The position of the passage holding each gold block; a class of its own if none does."""
    paragraphs = {r.document.id: r.document.paragraphs for r in results}
    classes = []
    for item in gold:
        block = paragraphs[item.doc][item.paragraph]
        holder = next(
            (
                a.position
                for a in assignments
                if a.doc == item.doc and a.start <= block.start and block.end <= a.end
            ),
            f"left out: {item.doc} {item.paragraph}",
        )
        classes.append(holder)
    return classes


def score_run(
    results: list[DocResult],
    options: PositionOptions | None = None,
    k: int | None = None,
    seed: int = 0,
) -> Score:
    """ARI and NMI of one run against the gold passage positions."""
    positions, assignments = find_positions(results, k=k, seed=seed, options=options)
    gold = gold_passages(results)
    truth = [item.position for item in gold]
    predicted = predicted_classes(gold, assignments, results)
    return Score(
        adjusted_rand_score(truth, predicted),
        normalized_mutual_info_score(truth, predicted),
        len(positions),
    )


def _agreement(first: list[PassageAssignment], second: list[PassageAssignment]) -> float:
    """ARI between two assignments over the passages (same span) both of them hold."""
    left = {(a.doc, a.start, a.end): a.position for a in first}
    right = {(a.doc, a.start, a.end): a.position for a in second}
    shared = sorted(left.keys() & right.keys())
    return adjusted_rand_score([left[key] for key in shared], [right[key] for key in shared])


def stability(
    results: list[DocResult], options: PositionOptions | None = None, k: int | None = None
) -> float:
    """Mean ARI between the passage assignments of runs with different seeds."""
    runs = [find_positions(results, k=k, seed=seed, options=options)[1] for seed in SEEDS]
    pairs = [_agreement(first, second) for first, second in combinations(runs, 2)]
    return sum(pairs) / len(pairs)


def resampling_stability(
    results: list[DocResult],
    options: PositionOptions | None = None,
    k: int | None = None,
    left_out: float = 0.1,
) -> float:
    """Mean ARI, over the shared passages, between the full run and runs that leave out a
    random tenth of the body paragraphs (one draw per seed)."""
    _, full = find_positions(results, k=k, options=options)
    body = [
        (result.document.id, paragraph.index)
        for result in results
        for paragraph in result.document.paragraphs
        if paragraph.kind == "body"
    ]
    scores = []
    for seed in SEEDS:
        dropped = set(random.Random(seed).sample(body, round(left_out * len(body))))
        _, run = find_positions(results, k=k, seed=seed, options=options, exclude=dropped)
        scores.append(_agreement(full, run))
    return sum(scores) / len(scores)


def main() -> None:
    """Print ARI, NMI, k and stability for the default settings and a few variants."""
    full = analyse_corpus()
    text_only = analyse_corpus(mentions=False, citations=False)
    no_citations = analyse_corpus(citations=False)
    default = PositionOptions()
    lemmas = replace(default, lemmatise=True)
    n_gold_classes = len({item.position for item in gold_passages(full)})
    variants = [
        ("default (terms + concepts + positions + citations)", full, default, None),
        ("spaCy lemmas instead of the light normaliser", full, lemmas, None),
        ("without citation features", no_citations, default, None),
        ("text only (no lexicon mentions, no citations)", text_only, default, None),
        (f"default, k fixed to the {n_gold_classes} gold classes", full, default, n_gold_classes),
    ]
    print(f"{'variant':58s} {'k':>3s} {'ARI':>6s} {'NMI':>6s} {'stab':>6s} {'resamp':>6s}")
    for name, results, options, k in variants:
        score = score_run(results, options, k)
        seeds = stability(results, options, k)
        resampled = resampling_stability(results, options, k)
        print(
            f"{name:58s} {score.k:3d} {score.ari:6.3f} {score.nmi:6.3f} {seeds:6.3f} "
            f"{resampled:6.3f}"
        )
    print(f"gold passages: {len(gold_passages(full))}; classes: {n_gold_classes}")


if __name__ == "__main__":
    main()
