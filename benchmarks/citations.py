"""Benchmark: in-text citations, reference lists and citation linking.

1. The sample corpus against the seed gold (``shared/gold/seeds_gold.json``): citation
   precision/recall/F1, linking accuracy, reference entries found per document.
2. eLife author–year callouts (``shared/benchdata/intext_elife``): callout detection
   precision/recall/F1 and the share of callouts linked to the right reference.
3. Surname threshold: how well each similarity scorer and threshold separates single-edit
   misspellings of the eLife reference surnames from distinct surnames of one article.

Run from the repository root: ``.venv/bin/python benchmarks/citations.py``
"""

from __future__ import annotations

import copy
import itertools
import json
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.distance import Indel, JaroWinkler

from analyser.extract.bibliography import Bibliography, extract_bibliography
from analyser.extract.citations import find_citations
from analyser.extract.linking import (
    SURNAME_THRESHOLD,
    link_citations,
    normalise_name,
    same_surname,
    year_parts,
)
from analyser.ingest.paragraphs import document_from_text
from analyser.nlp import load_pipeline
from analyser.records import Author, Citation, DocResult, Document, Reference
from analyser.works import build_works

REPOSITORY = Path(__file__).resolve().parents[1]
CORPUS = REPOSITORY / "corpus"
SHARED = REPOSITORY.parent / "shared"
SEEDS_GOLD = SHARED / "gold" / "seeds_gold.json"
ELIFE = SHARED / "benchdata" / "intext_elife"
AUTHOR_YEAR_KINDS = frozenset({"parenthetical", "narrative"})
MERGE_DISTANCE = 300  # characters between a name-only gold and the year citation it merges into


# ---------------------------------------------------------------------------- scores


@dataclass
class Counts:
    """True positives, extracted and gold counts, with precision, recall and F1."""

    matched: int = 0
    extracted: int = 0
    gold: int = 0
    found: int = 0  # gold items found (differs from ``matched`` when name-only golds merge)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.matched += other.matched
        self.extracted += other.extracted
        self.gold += other.gold
        self.found += other.found


@dataclass
class Accuracy:
    """Correct decisions out of a total."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total


# ---------------------------------------------------------------------------- sample corpus


@dataclass
class SeedScores:
    """Per-document scores on the sample corpus."""

    citations: dict[str, Counts] = field(default_factory=dict)
    linking: dict[str, Accuracy] = field(default_factory=dict)
    references: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # gold, found, same

    def total_citations(self) -> Counts:
        total = Counts()
        for counts in self.citations.values():
            total.add(counts)
        return total

    def total_linking(self) -> Accuracy:
        total = Accuracy()
        for accuracy in self.linking.values():
            total.add(accuracy)
        return total


def corpus_documents() -> list[Document]:
    """The sample corpus as Documents, in file order."""
    paths = sorted(CORPUS.glob("*.txt"))
    return [
        document_from_text(path.read_text(encoding="utf-8"), doc_id=path.stem, path=str(path))
        for path in paths
    ]


def load_seed_gold() -> dict[str, dict]:
    """The gold annotations of each sample document, by document id (file stem)."""
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    return {name.removesuffix(".txt"): entry for name, entry in gold["documents"].items()}


def seed_scores(bibliographies: dict[str, Bibliography], documents: list[Document]) -> SeedScores:
    """Citation, linking and reference scores of ``bibliographies`` against the seed gold."""
    gold = load_seed_gold()
    scores = SeedScores()
    for document in documents:
        entry = gold[document.id]
        bibliography = bibliographies[document.id]
        counts, pairs = match_citations(
            entry["in_text_citations"], bibliography.citations, document.text
        )
        scores.citations[document.id] = counts
        scores.linking[document.id] = linking_accuracy(entry["citation_links"], pairs)
        gold_raws = {_collapse(r["raw"]) for r in entry["references"]}
        found_raws = [_collapse(r.raw) for r in bibliography.references]
        same = sum(raw in gold_raws for raw in found_raws)
        scores.references[document.id] = (len(gold_raws), len(found_raws), same)
    return scores


def match_citations(
    gold: Sequence[dict], extracted: Sequence[Citation], text: str
) -> tuple[Counts, list[tuple[dict, Citation]]]:
    """Match gold citations to extracted ones (same first-author surname, same year, nearest
    first); a name-only gold merged into a nearby year citation of its author counts as found."""
    used: set[int] = set()
    pairs: list[tuple[dict, Citation]] = []
    merged = 0
    for item in gold:
        position = locate(text, item["surface"], item.get("occurrence", 1))
        candidates = [
            (abs(c.start - position), i)
            for i, c in enumerate(extracted)
            if i not in used and _same_citation(item, c)
        ]
        if candidates:
            index = min(candidates)[1]
            used.add(index)
            pairs.append((item, extracted[index]))
        elif item["kind"] == "name_only" and _merged(item, extracted, position):
            merged += 1
    counts = Counts(len(used), len(extracted), len(gold), len(pairs) + merged)
    return counts, pairs


def locate(text: str, surface: str, occurrence: int = 1) -> int:
    """The offset of the ``occurrence``-th instance of ``surface`` (whitespace runs collapsed)."""
    pattern = r"\s+".join(re.escape(word) for word in surface.split())
    matches = list(re.finditer(pattern, text))
    return matches[occurrence - 1].start() if len(matches) >= occurrence else -1


def _same_citation(item: dict, citation: Citation) -> bool:
    if not citation.authors or not same_surname(item["authors"][0], citation.authors[0]):
        return False
    gold_year = year_parts(str(item["year"])) if item["year"] is not None else None
    found_year = year_parts(citation.year)
    if gold_year is None or found_year is None:
        return gold_year is None and found_year is None
    return gold_year[0] == found_year[0]


def _merged(item: dict, extracted: Sequence[Citation], position: int) -> bool:
    return any(
        c.year is not None
        and c.authors
        and same_surname(item["authors"][0], c.authors[0])
        and abs(c.start - position) <= MERGE_DISTANCE
        for c in extracted
    )


def linking_accuracy(links: Sequence[dict], pairs: Sequence[tuple[dict, Citation]]) -> Accuracy:
    """Share of matched gold citations whose extracted citation points at the gold reference."""
    expected = {(link["citation_surface"], link.get("occurrence", 1)): link for link in links}
    accuracy = Accuracy()
    for item, citation in pairs:
        link = expected.get((item["surface"], item.get("occurrence", 1)))
        if link is not None:
            accuracy.total += 1
            accuracy.correct += citation.reference == link["reference_index"]
    return accuracy


def cross_document_works(
    bibliographies: dict[str, Bibliography], documents: list[Document]
) -> tuple[int, int]:
    """How many of the gold's works shared by several documents come out as one work that those
    documents cite (matched by first-author surname and year), out of how many."""
    results = [
        DocResult(d, bibliographies[d.id].citations, bibliographies[d.id].references)
        for d in documents
    ]
    works = build_works(copy.deepcopy(results))
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))["cross_document_works"]
    found = 0
    for item in gold:
        surname, year = item["key"].rsplit(" ", 1)
        docs = sorted(name.removesuffix(".txt") for name in item["documents"])
        found += any(
            w.authors
            and same_surname(surname, w.authors[0].family)
            and w.year == year
            and set(docs) <= set(w.docs)
            for w in works
        )
    return found, len(gold)


def _collapse(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------- eLife callouts


@dataclass
class ElifeScores:
    """Callout detection and linking on the eLife paragraphs."""

    detection: Counts = field(default_factory=Counts)
    linking: Accuracy = field(default_factory=Accuracy)  # among detected callouts
    end_to_end: Accuracy = field(default_factory=Accuracy)  # among all callouts
    name_only: int = 0  # scholars named without a year (not annotated as callouts)
    seconds: float = 0.0


def elife_references() -> dict[str, tuple[list[Reference], dict[str, int]]]:
    """Each article's references as Reference records, and its reference ids by index."""
    articles: dict[str, tuple[list[Reference], dict[str, int]]] = {}
    for line in (ELIFE / "refs.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        references, ids = articles.setdefault(row["doc"], ([], {}))
        ids[row["id"]] = len(references)
        references.append(
            Reference(
                doc=row["doc"],
                index=len(references),
                raw="",
                authors=[_elife_author(a) for a in row["authors"]],
                year=row["year"] or None,
                title=row["title"] or None,
                container=row["container"] or None,
                doi=row["doi"] or None,
            )
        )
    return articles


def _elife_author(author: dict) -> Author:
    if "surname" in author:
        return Author(author["surname"], author.get("given", ""))
    return Author(author.get("collab") or author.get("name") or "")


def elife_scores() -> ElifeScores:
    """Run citation finding and linking on the eLife paragraphs (one document per article,
    paragraphs separated by blank lines) and score the callouts."""
    articles = elife_references()
    by_article: dict[str, list[dict]] = defaultdict(list)
    for line in (ELIFE / "callouts.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_article[row["doc"]].append(row)
    nlp = load_pipeline()
    scores = ElifeScores()
    started = time.perf_counter()
    for article, rows in sorted(by_article.items()):
        references, ids = articles[article]
        authors = [[a.family for a in r.authors] for r in references]
        offsets = list(itertools.accumulate((len(r["text"]) + 2 for r in rows[:-1]), initial=0))
        text = "\n\n".join(row["text"] for row in rows)
        document = document_from_text(text, doc_id=article)
        citations = link_citations(find_citations(document, set(), authors, nlp), references)
        scores.name_only += sum(c.kind == "name_only" for c in citations)
        found = [c for c in citations if c.kind in AUTHOR_YEAR_KINDS]
        callouts = [
            {**callout, "start": callout["start"] + offset, "end": callout["end"] + offset}
            for row, offset in zip(rows, offsets, strict=True)
            for callout in row["callouts"]
        ]
        _score_callouts(callouts, found, ids, scores)
    scores.seconds = time.perf_counter() - started
    return scores


def _score_callouts(
    callouts: Sequence[dict], found: Sequence[Citation], ids: dict[str, int], scores: ElifeScores
) -> None:
    """Pair each callout with the unused extracted citation overlapping it most."""
    used: set[int] = set()
    for callout in callouts:
        overlaps = [
            (min(callout["end"], c.end) - max(callout["start"], c.start), -i)
            for i, c in enumerate(found)
            if i not in used and c.start < callout["end"] and callout["start"] < c.end
        ]
        expected = ids.get(callout["rids"][0])
        scores.end_to_end.total += 1
        if not overlaps:
            continue
        index = -max(overlaps)[1]
        used.add(index)
        scores.detection.matched += 1
        scores.linking.total += 1
        correct = found[index].reference == expected
        scores.linking.correct += correct
        scores.end_to_end.correct += correct
    scores.detection.found = scores.detection.matched
    scores.detection.extracted += len(found)
    scores.detection.gold += len(callouts)


# ---------------------------------------------------------------------------- surname threshold

Scorer = Callable[[str, str], float]
SCORERS: dict[str, Scorer] = {
    "indel": Indel.normalized_similarity,
    "jaro-winkler": JaroWinkler.normalized_similarity,
}
THRESHOLDS = [step / 100 for step in range(60, 101)]


@dataclass
class Calibration:
    """Pair-classification scores of one scorer at each threshold, and the best threshold."""

    scorer: str
    rows: list[tuple[float, float, float, float]]  # threshold, recall, false-positive rate, F1
    positives: int
    negatives: int

    @property
    def best(self) -> tuple[float, float, float, float]:
        """The threshold row with the highest F1 (the higher threshold on a tie)."""
        return max(self.rows, key=lambda row: (row[3], row[0]))


def surname_pairs(seed: int = 0) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Positive pairs (a surname and a single-edit misspelling of it: deletion, substitution,
    transposition, insertion) and negative pairs (distinct surnames cited in one article)."""
    by_article: dict[str, set[str]] = defaultdict(set)
    for references, _ in elife_references().values():
        for reference in references:
            people = [a for a in reference.authors if a.given]  # persons, not collaborations
            if people:
                by_article[reference.doc].add(normalise_name(people[0].family))
    rng = random.Random(seed)
    surnames = sorted(set().union(*by_article.values()))
    positives = [(variant, name) for name in surnames for variant in _misspellings(name, rng)]
    negatives = sorted(
        {pair for names in by_article.values() for pair in itertools.combinations(sorted(names), 2)}
    )
    return positives, negatives


def _misspellings(name: str, rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    if len(name) < 3:
        return []
    i, j, k, m = (rng.randrange(1, len(name)) for _ in range(4))
    variants = {
        name[:i] + name[i + 1 :],
        name[:j] + rng.choice(letters) + name[j + 1 :],
        name[: k - 1] + name[k] + name[k - 1] + name[k + 1 :],
        name[:m] + rng.choice(letters) + name[m:],
    }
    return sorted(variants - {name})


def calibrate_surnames() -> list[Calibration]:
    """Score every scorer at every threshold on the surname pairs."""
    positives, negatives = surname_pairs()
    results = []
    for name, scorer in SCORERS.items():
        pos = [_pair_similarity(scorer, a, b) for a, b in positives]
        neg = [_pair_similarity(scorer, a, b) for a, b in negatives]
        rows = []
        for threshold in THRESHOLDS:
            tp = sum(s >= threshold for s in pos)
            fp = sum(s >= threshold for s in neg)
            f1 = 2 * tp / (2 * tp + fp + len(pos) - tp)
            rows.append((threshold, tp / len(pos), fp / len(neg), f1))
        results.append(Calibration(name, rows, len(pos), len(neg)))
    return results


def _pair_similarity(scorer: Scorer, a: str, b: str) -> float:
    """As the linker compares surnames: whole names or last words, whichever is closer."""
    return max(scorer(a, b), scorer(a.split()[-1], b.split()[-1]))


# ---------------------------------------------------------------------------- report


def main() -> None:
    """Print every table of this benchmark."""
    documents = corpus_documents()
    started = time.perf_counter()
    nlp = load_pipeline()
    bibliographies = {d.id: extract_bibliography(d, nlp) for d in documents}
    seconds = time.perf_counter() - started
    seeds = seed_scores(bibliographies, documents)
    print(f"Sample corpus vs seed gold ({seconds:.1f} s for {len(documents)} documents)")
    print(f"{'document':<24}{'gold':>6}{'found':>7}{'P':>7}{'R':>7}{'F1':>7}  link accuracy")
    for doc_id, counts in seeds.citations.items():
        link = seeds.linking[doc_id]
        print(
            f"{doc_id:<24}{counts.gold:>6}{counts.extracted:>7}{counts.precision:>7.3f}"
            f"{counts.recall:>7.3f}{counts.f1:>7.3f}  {_accuracy(link)}"
        )
    total, link = seeds.total_citations(), seeds.total_linking()
    print(
        f"{'all':<24}{total.gold:>6}{total.extracted:>7}{total.precision:>7.3f}"
        f"{total.recall:>7.3f}{total.f1:>7.3f}  {_accuracy(link)}"
    )
    print("\nReference entries per document (gold / found / identical raw strings)")
    for doc_id, (gold, found, same) in seeds.references.items():
        print(f"{doc_id:<24}{gold:>6}{found:>7}{same:>7}")
    shared, total_shared = cross_document_works(bibliographies, documents)
    print(f"\nWorks shared across documents found as one work: {shared}/{total_shared}")

    elife = elife_scores()
    d = elife.detection
    print(f"\neLife callouts ({d.gold} callouts, {elife.seconds:.1f} s)")
    print(f"detection      P {d.precision:.3f}  R {d.recall:.3f}  F1 {d.f1:.3f}")
    print(f"linking        {_accuracy(elife.linking)} of detected callouts")
    print(f"end to end     {_accuracy(elife.end_to_end)} of all callouts linked right")
    print(f"name-only mentions found (not annotated, not scored): {elife.name_only}")

    print(f"\nSurname threshold (current: {SURNAME_THRESHOLD})")
    for calibration in calibrate_surnames():
        threshold, recall, fpr, f1 = calibration.best
        print(
            f"{calibration.scorer:<14} best threshold {threshold:.2f}: recall {recall:.3f}, "
            f"false-positive rate {fpr:.4f}, F1 {f1:.3f} "
            f"({calibration.positives} misspellings, {calibration.negatives} distinct pairs)"
        )


def _accuracy(accuracy: Accuracy) -> str:
    return f"{accuracy.value:.3f} ({accuracy.correct}/{accuracy.total})"


if __name__ == "__main__":
    main()
