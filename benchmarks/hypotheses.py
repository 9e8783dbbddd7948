"""Benchmark: structured hypothesis extraction.

1. The sample corpus against the seed gold (``shared/gold/seeds_gold.json``): an extracted
   hypothesis is found when its span overlaps the gold sentence; precision, recall and F1,
   direction accuracy of the hypotheses found, and cause/effect token F1 of content words
   compared as lower-case lemmas (as the gold guidelines normalise concepts; the F1 of the
   words as written is printed beside it), with and without the gold items marked borderline.
2. HypothesisReader (``shared/benchdata/hypotheses/hypothesisreader``, MIT): the structurer
   is run on each given hypothesis sentence; direction macro-F1 over pos/neg/non_lin and
   cause (node_1) / effect (node_2) token F1 (lower-cased NFKC word tokens), for the rules
   alone and with the learned effect tagger. The rules were written while reading the
   "development" half of the papers (chosen by a hash of the paper's file name without its
   extension: the data's two files name the same paper "x.txt" and "x.pdf") and the tagger is
   trained on that half only: held-out sentences are read by a tagger trained on the whole
   development half (as the shipped one is), development sentences by taggers trained on the
   other folds' papers (5-fold cross-validation grouped by paper). The "held-out" half was
   never read, and is reported on its own.

Run from the repository root: ``.venv/bin/python benchmarks/hypotheses.py [--verbose]``
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from analyser.extract.citations import find_citations
from analyser.extract.hypotheses import Relation, find_hypotheses
from analyser.extract.hypotheses.refiner import refine
from analyser.extract.train_hypothesis_spans import (
    Annotated,
    development_only,
    fit,
    paper_half,
    paper_name,
    parse_all,
    read_annotations,
    training_sequences,
)
from analyser.ingest.paragraphs import document_from_text
from analyser.nlp import load_pipeline, parse_paragraphs
from analyser.records import Hypothesis

REPOSITORY = Path(__file__).resolve().parents[1]
CORPUS = REPOSITORY / "corpus"
SHARED = REPOSITORY.parent / "shared"
SEEDS_GOLD = SHARED / "gold" / "seeds_gold.json"
HYPOTHESIS_READER = (
    SHARED
    / "benchdata"
    / "hypotheses"
    / "hypothesisreader"
    / "hypotheses_node_direction_causality_642.csv"
)
HR_DIRECTIONS = ("pos", "neg", "non_lin")
LEARNED = "rules + tagger"
FOLDS = 5
_WORD = re.compile(r"\w+")


# ---------------------------------------------------------------------------- scores


def words(text: str | None, content_only: bool) -> list[str]:
    """Lower-case word tokens of ``text`` in NFKC form (the "ﬁ" ligature read as "fi", as the
    extractor reads it); stop words dropped when ``content_only``."""
    found = _WORD.findall(unicodedata.normalize("NFKC", text or "").lower())
    return [w for w in found if not (content_only and w in STOP_WORDS)]


def bag_f1(predicted: Sequence[str], gold: Sequence[str]) -> float:
    """Overlap F1 of two bags of tokens."""
    guess, truth = Counter(predicted), Counter(gold)
    overlap = sum((guess & truth).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(guess.values())
    recall = overlap / sum(truth.values())
    return 2 * precision * recall / (precision + recall)


def token_f1(predicted: str | None, gold: str | None, content_only: bool = False) -> float:
    """Token-overlap F1 between two phrases (bags of lower-case words)."""
    return bag_f1(words(predicted, content_only), words(gold, content_only))


def content_lemmas(nlp: Language, text: str | None) -> list[str]:
    """Lower-case lemmas of the content words of ``text`` ("democracies" -> "democracy")."""
    return [
        t.lemma_.lower()
        for t in nlp(text or "")
        if (t.is_alpha or t.like_num) and not t.is_stop and t.lower_ not in STOP_WORDS
    ]


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float:
    """Unweighted mean of per-label F1."""
    scores = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label and g != label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean (0 for no values)."""
    return sum(values) / len(values) if values else 0.0


# ---------------------------------------------------------------------------- seed gold


def collapse(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs (NBSP included) as one space, and each kept char's offset."""
    kept: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if kept and kept[-1] == " ":
                continue
            kept.append(" ")
        else:
            kept.append(char)
        offsets.append(index)
    return "".join(kept), offsets


def gold_span(text: str, sentence: str) -> tuple[int, int] | None:
    """Where a gold sentence (verbatim up to whitespace) sits in the document text."""
    collapsed, offsets = collapse(text)
    target = " ".join(sentence.split())
    at = collapsed.find(target)
    if at < 0:
        return None
    return offsets[at], offsets[at + len(target) - 1] + 1


@dataclass
class Match:
    """A gold hypothesis, the extracted hypothesis that overlaps it (if any) and the F1 of
    their causes and effects: content-word lemmas, and surface content words."""

    doc: str
    gold: dict
    found: Hypothesis | None
    cause: float = 0.0
    effect: float = 0.0
    cause_surface: float = 0.0
    effect_surface: float = 0.0


def _match(doc: str, gold: dict, found: Hypothesis | None, nlp: Language) -> Match:
    if found is None:
        return Match(doc, gold, None)
    return Match(
        doc,
        gold,
        found,
        bag_f1(content_lemmas(nlp, found.cause), content_lemmas(nlp, gold["cause"])),
        bag_f1(content_lemmas(nlp, found.effect), content_lemmas(nlp, gold["effect"])),
        token_f1(found.cause, gold["cause"], content_only=True),
        token_f1(found.effect, gold["effect"], content_only=True),
    )


@dataclass
class SeedRun:
    """Every gold item's match and every extracted hypothesis, for one corpus."""

    matches: list[Match] = field(default_factory=list)
    extracted: list[tuple[Hypothesis, str | None]] = field(default_factory=list)  # (h, gold text)


def extract_file(path: Path, nlp: Language) -> list[Hypothesis]:
    """Run the extractor on one corpus file (citations from the citation extractor)."""
    document = document_from_text(
        path.read_text(encoding="utf-8"), doc_id=path.stem, path=str(path)
    )
    parsed = parse_paragraphs(nlp, document)
    citations = find_citations(document, set(), nlp=nlp, parsed=parsed)
    return find_hypotheses(document, parsed, citations, [], nlp=nlp)


def match_document(text: str, gold_items: list[dict], found: list[Hypothesis]) -> tuple:
    """Pair gold items with overlapping extracted hypotheses, each used once."""
    spans = [gold_span(text, item["text"]) for item in gold_items]
    pairs = []
    for g, span in enumerate(spans):
        if span is None:
            raise ValueError(f"gold sentence not in text: {gold_items[g]['text'][:60]}")
        for h, hypothesis in enumerate(found):
            overlap = min(span[1], hypothesis.end) - max(span[0], hypothesis.start)
            if overlap > 0:
                pairs.append((overlap, g, h))
    gold_to_found: dict[int, int] = {}
    used: set[int] = set()
    for _, g, h in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if g not in gold_to_found and h not in used:
            gold_to_found[g] = h
            used.add(h)
    overlapping = {h for _, _, h in pairs}
    return gold_to_found, overlapping


def run_seeds(nlp: Language) -> SeedRun:
    """Extract from each sample text and match against the gold hypotheses."""
    documents = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))["documents"]
    run = SeedRun()
    for name, annotated in sorted(documents.items()):
        path = CORPUS / name
        text = path.read_text(encoding="utf-8")
        found = extract_file(path, nlp)
        gold_items = annotated.get("hypotheses", [])
        gold_to_found, overlapping = match_document(text, gold_items, found)
        found_to_gold = {h: g for g, h in gold_to_found.items()}
        for g, item in enumerate(gold_items):
            h = gold_to_found.get(g)
            run.matches.append(_match(path.stem, item, found[h] if h is not None else None, nlp))
        for h, hypothesis in enumerate(found):
            gold_text = gold_items[found_to_gold[h]]["text"] if h in found_to_gold else None
            if gold_text is None and h in overlapping:
                gold_text = "(overlaps an already matched gold item)"
            run.extracted.append((hypothesis, gold_text))
    return run


@dataclass
class SeedScores:
    """Detection and structure scores on the seed gold."""

    gold: int
    found: int
    extracted: int
    correct: int
    direction: float
    cause: float
    effect: float
    cause_surface: float
    effect_surface: float
    hedged: float

    @property
    def precision(self) -> float:
        """Share of extracted hypotheses that match a gold one."""
        return self.correct / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        """Share of gold hypotheses found."""
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_seeds(run: SeedRun, with_borderline: bool) -> SeedScores:
    """Scores over all gold items, or leaving borderline ones (and what matches them) out."""
    kept = [m for m in run.matches if with_borderline or not m.gold.get("borderline")]
    left_out = {(m.doc, m.found.id) for m in run.matches if m.found is not None and m not in kept}
    found = [m for m in kept if m.found is not None]
    extracted = [(h, g) for h, g in run.extracted if (h.doc, h.id) not in left_out]
    return SeedScores(
        gold=len(kept),
        found=len(found),
        extracted=len(extracted),
        correct=sum(1 for _, g in extracted if g is not None),
        direction=mean([float(m.found.direction == m.gold["direction"]) for m in found]),
        cause=mean([m.cause for m in found]),
        effect=mean([m.effect for m in found]),
        cause_surface=mean([m.cause_surface for m in found]),
        effect_surface=mean([m.effect_surface for m in found]),
        hedged=mean([float(m.found.hedged == m.gold["hedged"]) for m in found]),
    )


# ---------------------------------------------------------------------------- HypothesisReader


def hr_half(source: str) -> str:
    """ "development" or "held-out", fixed by a hash of the source's paper name."""
    return paper_half(source)


def hr_fold(source: str) -> int:
    """The cross-validation fold of a source's paper (all its sentences in one fold)."""
    return int(hashlib.sha256(f"fold:{paper_name(source)}".encode()).hexdigest(), 16) % FOLDS


def hr_direction(direction: str) -> str:
    """The HypothesisReader label of a direction: signed ones keep their sign."""
    return {"+": "pos", "-": "neg"}.get(direction, "non_lin")


@dataclass
class ReaderRow:
    """One HypothesisReader relation and the structurer's best-matching reading of it."""

    half: str
    method: str
    gold_direction: str
    predicted_direction: str
    cause: float
    effect: float


def _score_row(item: Annotated, relations: Sequence[Relation], method: str) -> ReaderRow:
    best = max(
        relations, key=lambda r: token_f1(r.cause, item.cause) + token_f1(r.effect, item.effect)
    )
    return ReaderRow(
        hr_half(item.source),
        method,
        item.direction,
        hr_direction(best.direction),
        token_f1(best.cause, item.cause),
        token_f1(best.effect, item.effect),
    )


def _learned_rows(
    parsed: dict, training: list[Annotated], tested: list[Annotated]
) -> list[ReaderRow]:
    """Rows of ``tested`` with their effects refined by a span tagger trained on ``training``."""
    tagger = fit(training_sequences(parsed, training))
    rows = []
    for item in tested:
        sentence, relations = parsed[item.sentence]
        refined = [refine(sentence.doc[r.start].sent, r, tagger) for r in relations]
        rows.append(_score_row(item, refined, LEARNED))
    return rows


def run_reader(nlp: Language) -> list[ReaderRow]:
    """Structure each sentence by the rules alone, and with the learned effect tagger. The
    tagger is trained on development-half papers only: held-out sentences are read by a
    tagger trained on the whole development half (as the shipped one is), development
    sentences by taggers trained on the other folds' papers (5-fold cross-validation grouped
    by paper).

    Sentences are read as ``structure_text`` reads them (label dropped, NFKC), parsed once.
    """
    annotations = read_annotations(HYPOTHESIS_READER)
    parsed = parse_all(nlp, annotations)
    rows = [_score_row(item, parsed[item.sentence][1], "rules") for item in annotations]
    development = development_only(annotations)
    held_out = [a for a in annotations if a not in development]
    for fold in range(FOLDS):
        rows.extend(
            _learned_rows(
                parsed,
                [a for a in development if hr_fold(a.source) != fold],
                [a for a in development if hr_fold(a.source) == fold],
            )
        )
    rows.extend(_learned_rows(parsed, development, held_out))
    return rows


@dataclass
class ReaderScores:
    """Direction macro-F1 and cause/effect token F1 on HypothesisReader rows."""

    n: int
    direction_macro_f1: float
    direction_accuracy: float
    cause: float
    effect: float


def score_reader(rows: Sequence[ReaderRow]) -> ReaderScores:
    """Direction and phrase scores of a set of rows."""
    gold = [r.gold_direction for r in rows]
    predicted = [r.predicted_direction for r in rows]
    return ReaderScores(
        n=len(rows),
        direction_macro_f1=macro_f1(gold, predicted, HR_DIRECTIONS),
        direction_accuracy=mean([float(g == p) for g, p in zip(gold, predicted, strict=True)]),
        cause=mean([r.cause for r in rows]),
        effect=mean([r.effect for r in rows]),
    )


# ---------------------------------------------------------------------------- report


def _print_seed_table(run: SeedRun) -> None:
    print("Seed gold (found = span overlap; direction as written; cause/effect = token F1 of")
    print("content-word lemmas, and in brackets of content words as written)")
    header = f"{'gold set':<20}{'gold':>5}{'found':>6}{'extr':>5}{'P':>7}{'R':>7}{'F1':>7}"
    print(header + f"{'dir':>7}{'cause':>15}{'effect':>15}{'hedge':>7}")
    for label, borderline in (("with borderline", True), ("without borderline", False)):
        s = score_seeds(run, borderline)
        print(
            f"{label:<20}{s.gold:>5}{s.found:>6}{s.extracted:>5}{s.precision:>7.3f}"
            f"{s.recall:>7.3f}{s.f1:>7.3f}{s.direction:>7.3f}"
            f"{s.cause:>8.3f} ({s.cause_surface:.3f}){s.effect:>8.3f} ({s.effect_surface:.3f})"
            f"{s.hedged:>7.3f}"
        )
    print()
    print(f"{'document':<28}{'gold':>5}{'found':>6}{'extr':>6}{'P':>7}{'R':>7}")
    for doc in sorted({m.doc for m in run.matches}):
        part = SeedRun(
            [m for m in run.matches if m.doc == doc],
            [(h, g) for h, g in run.extracted if h.doc == doc],
        )
        s = score_seeds(part, True)
        print(
            f"{doc:<28}{s.gold:>5}{s.found:>6}{s.extracted:>6}{s.precision:>7.3f}{s.recall:>7.3f}"
        )
    print()


def _print_seed_details(run: SeedRun) -> None:
    print("Missed gold hypotheses:")
    for m in run.matches:
        if m.found is None:
            print(f"  [{m.doc}] {m.gold['text'][:110]}")
    print("Extracted, matching no gold hypothesis:")
    for hypothesis, gold_text in run.extracted:
        if gold_text is None:
            print(f"  [{hypothesis.doc}] {hypothesis.text[:110]}")
    print("Found (gold -> extracted): direction | cause | effect")
    for m in run.matches:
        if m.found is not None:
            h, g = m.found, m.gold
            print(
                f"  {g['direction']:>11} -> {h.direction:<11} | {g['cause'][:40]} -> {h.cause[:40]}"
            )
            print(f"  {'':>26} | {g['effect'][:40]} -> {h.effect[:40]}")
    print()


def _print_reader_table(rows: Sequence[ReaderRow]) -> None:
    print("HypothesisReader (642 relations; direction macro-F1 over pos/neg/non_lin; word F1)")
    print(
        f"{'method':<22}{'half':<13}{'n':>5}{'dir macro-F1':>14}{'dir acc':>9}"
        f"{'cause F1':>10}{'effect F1':>11}"
    )
    for method in ("rules", LEARNED):
        for half in ("development", "held-out", "all"):
            part = [r for r in rows if r.method == method and half in {"all", r.half}]
            s = score_reader(part)
            print(
                f"{method:<22}{half:<13}{s.n:>5}{s.direction_macro_f1:>14.3f}"
                f"{s.direction_accuracy:>9.3f}{s.cause:>10.3f}{s.effect:>11.3f}"
            )
    print()


def main() -> None:
    """Print the seed-gold and HypothesisReader tables."""
    nlp = load_pipeline()
    run = run_seeds(nlp)
    _print_seed_table(run)
    if "--verbose" in sys.argv:
        _print_seed_details(run)
    _print_reader_table(run_reader(nlp))


if __name__ == "__main__":
    main()
