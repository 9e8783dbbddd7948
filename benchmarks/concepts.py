"""Concept and definition extraction measured on the gold annotations of the sample corpus.

Concepts: a gold concept is found when a concept extracted for the document equals the gold term
or one of its ``concept_surfaces`` after normalisation (case, plural, hyphen/space, British/
American spelling). A document's extracted concepts are its lexicon concepts plus its top
discovered terms; an extracted concept is known by its label, the surfaces that named it in the
text and the candidate terms folded into it. Definitions: found when an extracted definition's
span overlaps the gold definition text.

Run: .venv/bin/python benchmarks/concepts.py [--top N]
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

from analyser.extract.concepts import candidate_terms, find_mentions, parse_headings
from analyser.extract.definitions import find_definitions
from analyser.ingest.paragraphs import document_from_text
from analyser.keyterms import TOP_DISCOVERED, discover_concepts, discovered_id
from analyser.lexicon import Lexicon, load_lexicon, phrase_key
from analyser.nlp import load_pipeline, parse_paragraphs
from analyser.records import DocResult

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT.parent / "shared" / "gold" / "seeds_gold.json"
SWEEP = (0, 10, 20, 40, 60, 1000)
_SPACES = re.compile(r"[\s\u00a0]+")


@dataclass
class ConceptScore:
    """Concept recall and precision of one document."""

    doc: str
    n_gold: int
    found: int
    n_extracted: int
    correct: int

    @property
    def recall(self) -> float:
        return self.found / self.n_gold if self.n_gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.n_extracted if self.n_extracted else 0.0


@dataclass
class DefinitionScore:
    """Definition precision/recall of one document by span overlap."""

    doc: str
    n_gold: int
    found: int
    n_extracted: int
    correct: int


def analyse_corpus(lexicon: Lexicon) -> list[DocResult]:
    """Mentions, candidate terms and definitions of every sample text (body and headings)."""
    nlp = load_pipeline()
    results = []
    for path in sorted(CORPUS.glob("*.txt")):
        document = document_from_text(path.read_text(encoding="utf-8"), path.stem, str(path))
        body = parse_paragraphs(nlp, document)
        parsed = body + parse_headings(nlp, document)
        results.append(
            DocResult(
                document,
                mentions=find_mentions(document, parsed, lexicon),
                definitions=find_definitions(document, body),
                terms=candidate_terms(parsed),
            )
        )
    return results


def extracted_names(
    results: list[DocResult], lexicon: Lexicon, top: int
) -> dict[str, list[set[tuple[str, ...]]]]:
    """Per document, one set of normalised names for each extracted concept."""
    tables = discover_concepts(results, lexicon, top=top)
    labels = {c.id: (c.label, c.source) for c in tables.concepts}
    by_doc: dict[str, list[set[tuple[str, ...]]]] = {}
    for result in results:
        doc = result.document.id
        surfaces: dict[str, set[str]] = {}
        for mention in result.mentions:
            surfaces.setdefault(mention.concept, set()).add(mention.surface)
        for term in result.terms:
            known = lexicon.lookup(term)
            key = known or discovered_id(" ".join(phrase_key(term)), lexicon)
            surfaces.setdefault(key, set()).add(term)
        names = []
        for row in (dc for dc in tables.doc_concepts if dc.doc == doc):
            label, _ = labels[row.concept]
            forms = {label, *surfaces.get(row.concept, set())}
            names.append({phrase_key(form) for form in forms})
        by_doc[doc] = names
    return by_doc


def score_concepts(gold: dict, names: dict[str, list[set[tuple[str, ...]]]]) -> list[ConceptScore]:
    """Recall of each document's gold concepts and precision of its extracted concepts."""
    scores = []
    for file_name, entry in sorted(gold.items()):
        doc = Path(file_name).stem
        extracted = names.get(doc, [])
        all_names = set().union(*extracted) if extracted else set()
        gold_keys = [
            {phrase_key(term), *(phrase_key(s) for s in entry["concept_surfaces"].get(term, []))}
            for term in entry["concepts"]
        ]
        found = sum(1 for keys in gold_keys if keys & all_names)
        every_gold = set().union(*gold_keys) if gold_keys else set()
        correct = sum(1 for concept in extracted if concept & every_gold)
        scores.append(ConceptScore(doc, len(gold_keys), found, len(extracted), correct))
    return scores


def locate(text: str, needle: str) -> tuple[int, int] | None:
    """The span of ``needle`` in ``text``, comparing with whitespace runs collapsed."""
    positions = []
    collapsed = []
    previous_space = False
    for index, char in enumerate(text):
        is_space = bool(_SPACES.match(char))
        if is_space and previous_space:
            continue
        collapsed.append(" " if is_space else char)
        positions.append(index)
        previous_space = is_space
    flat = "".join(collapsed)
    start = flat.find(_SPACES.sub(" ", needle.strip()))
    if start < 0:
        return None
    end = start + len(_SPACES.sub(" ", needle.strip()))
    return positions[start], positions[end - 1] + 1


def score_definitions(gold: dict, results: list[DocResult]) -> list[DefinitionScore]:
    """Definitions found (span overlap) per document."""
    scores = []
    by_doc = {r.document.id: r for r in results}
    for file_name, entry in sorted(gold.items()):
        result = by_doc[Path(file_name).stem]
        spans = [locate(result.document.text, d["text"]) for d in entry["definitions"]]
        spans = [span for span in spans if span]
        extracted = [(d.start, d.end) for d in result.definitions]

        def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
            return a[0] < b[1] and b[0] < a[1]

        found = sum(1 for g in spans if any(overlaps(g, e) for e in extracted))
        correct = sum(1 for e in extracted if any(overlaps(g, e) for g in spans))
        scores.append(
            DefinitionScore(result.document.id, len(entry["definitions"]), found, len(extracted),
                            correct)
        )  # fmt: skip
    return scores


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> None:
    """Print the concept and definition tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--top", type=int, default=TOP_DISCOVERED, help="discovered terms kept")
    top = parser.parse_args().top
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
    lexicon = load_lexicon()
    results = analyse_corpus(lexicon)

    print(f"Concepts (lexicon concepts + top {top} discovered terms per document)")
    print(f"{'document':<24}{'gold':>6}{'found':>7}{'recall':>8}{'extracted':>11}{'precision':>11}")
    scores = score_concepts(gold, extracted_names(results, lexicon, top))
    for s in scores:
        print(f"{s.doc:<24}{s.n_gold:>6}{s.found:>7}{s.recall:>8.3f}{s.n_extracted:>11}"
              f"{s.precision:>11.3f}")  # fmt: skip
    recall = sum(s.recall for s in scores) / len(scores)
    precision = sum(s.precision for s in scores) / len(scores)
    print(f"{'mean':<24}{'':>6}{'':>7}{recall:>8.3f}{'':>11}{precision:>11.3f}")

    print("\nCut of discovered terms per document (mean over documents)")
    print(f"{'top':>6}{'min recall':>12}{'mean recall':>13}{'precision':>11}{'extracted':>11}")
    for cut in SWEEP:
        swept = score_concepts(gold, extracted_names(results, lexicon, cut))
        n = len(swept)
        print(f"{cut:>6}{min(s.recall for s in swept):>12.3f}"
              f"{sum(s.recall for s in swept) / n:>13.3f}"
              f"{sum(s.precision for s in swept) / n:>11.3f}"
              f"{sum(s.n_extracted for s in swept) / n:>11.1f}")  # fmt: skip

    print("\nDefinitions (span overlap with the gold definition text)")
    print(f"{'document':<24}{'gold':>6}{'found':>7}{'extracted':>11}{'correct':>9}"
          f"{'P':>7}{'R':>7}{'F1':>7}")  # fmt: skip
    for d in score_definitions(gold, results):
        p = d.correct / d.n_extracted if d.n_extracted else 0.0
        r = d.found / d.n_gold if d.n_gold else 1.0
        print(f"{d.doc:<24}{d.n_gold:>6}{d.found:>7}{d.n_extracted:>11}{d.correct:>9}"
              f"{p:>7.3f}{r:>7.3f}{_f1(p, r):>7.3f}")  # fmt: skip
    totals = score_definitions(gold, results)
    gold_n = sum(d.n_gold for d in totals)
    p = sum(d.correct for d in totals) / max(1, sum(d.n_extracted for d in totals))
    r = sum(d.found for d in totals) / max(1, gold_n)
    print(f"{'all (micro)':<24}{gold_n:>6}{sum(d.found for d in totals):>7}"
          f"{sum(d.n_extracted for d in totals):>11}{sum(d.correct for d in totals):>9}"
          f"{p:>7.3f}{r:>7.3f}{_f1(p, r):>7.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
