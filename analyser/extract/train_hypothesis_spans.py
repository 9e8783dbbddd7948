"""Train the span tagger of the hypothesis structurer (used to refine effect phrases).

Training data: the HypothesisReader hypothesis sentences with their cause (node_1) and
effect (node_2) phrases (github.com/canfielder/HypothesisReader @ f83e1bf, MIT licence,
© 2021 CausalityExtraction authors). Each sentence is read by the rules first; the tagger
learns to label each token C / E / O given the rules' reading. The shipped model is trained
on every relation; ``benchmarks/hypotheses.py`` measures the recipe on the held-out half of
the papers (``paper_half``) with taggers trained on the development half only.

Run from the repository root::

    .venv/bin/python -m analyser.extract.train_hypothesis_spans [path/to/hypotheses.csv]

The model is written to ``analyser/extract/data/hypothesis_spans.crfsuite``.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn_crfsuite import CRF
from spacy.language import Language
from spacy.tokens import Span

from analyser.extract.hypotheses.clauses import strip_label
from analyser.extract.hypotheses.phrases import text_of
from analyser.extract.hypotheses.refiner import MODEL_PATH, token_features
from analyser.extract.hypotheses.structure import Relation, rule_relations
from analyser.nlp import load_pipeline

DEFAULT_DATA = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "benchdata"
    / "hypotheses"
    / "hypothesisreader"
    / "hypotheses_node_direction_causality_642.csv"
)
_WORD = re.compile(r"\w+")
_EXTRA_WIDTH = 4  # how much longer than the gold phrase an aligned token window may be


@dataclass(frozen=True)
class Annotated:
    """One annotated relation: sentence, cause and effect phrases, direction, source file."""

    sentence: str
    cause: str
    effect: str
    direction: str  # pos | neg | non_lin
    source: str


def read_annotations(path: Path = DEFAULT_DATA) -> list[Annotated]:
    """The HypothesisReader relations of ``path`` (columns sentence, node_1, node_2); the
    phrases in NFKC form, as the sentences are read ("ﬁ" as "fi")."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Annotated(
                row["sentence"],
                unicodedata.normalize("NFKC", row["node_1"]),
                unicodedata.normalize("NFKC", row["node_2"]),
                row["direction"],
                row["file_name"],
            )
            for row in csv.DictReader(handle)
        ]


def paper_name(source: str) -> str:
    """The paper a source file holds: its name without the extension (the data's two files
    name the same paper "x.txt" and "x.pdf")."""
    return Path(source).stem


def paper_half(source: str) -> str:
    """ "development" or "held-out", fixed by a hash of the source's paper name: only the
    development half is read to train; the held-out half measures the models."""
    digest = int(hashlib.sha256(paper_name(source).encode("utf-8")).hexdigest(), 16)
    return "development" if digest % 2 == 0 else "held-out"


def development_only(annotations: Iterable[Annotated]) -> list[Annotated]:
    """The relations whose paper lies in the development half."""
    return [item for item in annotations if paper_half(item.source) == "development"]


def word_f1(predicted: str, gold: str) -> float:
    """Token-overlap F1 of lower-cased words."""
    guess = Counter(_WORD.findall(predicted.lower()))
    truth = Counter(_WORD.findall(gold.lower()))
    overlap = sum((guess & truth).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(guess.values()), overlap / sum(truth.values())
    return 2 * precision * recall / (precision + recall)


Reading = tuple[Span, list[Relation]]


def parse_annotated(nlp: Language, sentence: str) -> Reading:
    """The parsed text of an annotated sentence (label removed) and the rules' relations."""
    doc = nlp(strip_label(unicodedata.normalize("NFKC", sentence))[0])
    return doc[:], rule_relations(doc)


def best_relation(relations: Sequence[Relation], cause: str, effect: str) -> Relation:
    """The rule relation that best matches an annotated cause and effect."""
    return max(relations, key=lambda r: word_f1(r.cause, cause) + word_f1(r.effect, effect))


def _aligned_window(sentence: Span, phrase: str) -> range:
    """The token window of ``sentence`` that best matches ``phrase`` (empty when none does)."""
    tokens = list(sentence)
    width = len(_WORD.findall(phrase)) + _EXTRA_WIDTH
    best, window = 0.0, range(0)
    for first in range(len(tokens)):
        for last in range(first + 1, min(len(tokens), first + width) + 1):
            score = word_f1(text_of(tokens[first:last]), phrase)
            if score > best:
                best, window = score, range(first, last)
    return window


def labelled_sequence(
    sentence: Span, relation: Relation, cause: str, effect: str
) -> tuple[list[dict], list[str]]:
    """Features of a sentence's tokens and their gold labels C / E / O."""
    features = token_features(sentence, relation)
    labels = ["O"] * len(features)
    for label, phrase in (("C", cause), ("E", effect)):
        for position in _aligned_window(sentence, phrase):
            labels[position] = label
    return features, labels


def parse_all(nlp: Language, annotations: Iterable[Annotated]) -> dict[str, Reading]:
    """The parse and rule relations of each distinct annotated sentence."""
    parsed: dict[str, Reading] = {}
    for item in annotations:
        if item.sentence not in parsed:
            parsed[item.sentence] = parse_annotated(nlp, item.sentence)
    return parsed


def training_sequences(
    parsed: dict[str, Reading], annotations: Iterable[Annotated]
) -> list[tuple[list[dict], list[str]]]:
    """One labelled sequence per annotated relation (sentences parsed by ``parse_all``)."""
    sequences = []
    for item in annotations:
        sentence, relations = parsed[item.sentence]
        relation = best_relation(relations, item.cause, item.effect)
        own_sentence = sentence.doc[relation.start].sent
        sequences.append(labelled_sequence(own_sentence, relation, item.cause, item.effect))
    return sequences


def fit(sequences: Sequence[tuple[list[dict], list[str]]], model_path: Path | None = None) -> CRF:
    """A CRF trained on ``sequences`` (written to ``model_path`` when given)."""
    tagger = CRF(
        algorithm="lbfgs",
        c1=0.1,
        c2=0.1,
        max_iterations=200,
        model_filename=str(model_path) if model_path else None,
    )
    tagger.fit([f for f, _ in sequences], [labels for _, labels in sequences])
    return tagger


def main(arguments: Sequence[str]) -> None:
    """Train on every relation of the HypothesisReader file given (default: the shared copy)
    and save; the benchmark measures the same recipe trained on the development half."""
    data = Path(arguments[0]) if arguments else DEFAULT_DATA
    annotations = read_annotations(data)
    sequences = training_sequences(parse_all(load_pipeline(), annotations), annotations)
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    fit(sequences, MODEL_PATH)
    print(f"trained on {len(sequences)} relations from {data.name}; wrote {MODEL_PATH}")


if __name__ == "__main__":
    main(sys.argv[1:])
