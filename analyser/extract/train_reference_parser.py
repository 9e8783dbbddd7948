"""Rebuild the reference-parser CRF from the AnyStyle and GROBID training sets.

Run ``python -m analyser.extract.train_reference_parser`` to write
``analyser/extract/data/reference_parser.crfsuite``. Training is deterministic: fixed file
order, fixed seed for the emphasis augmentation, fixed optimiser settings.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sklearn_crfsuite import CRF

from analyser.extract.reference_parser import (
    LABELS,
    MODEL_PATH,
    featurize,
    tag_reference,
    tokenize,
)

BENCHDATA = Path(__file__).resolve().parents[3] / "shared" / "benchdata" / "references"
ANYSTYLE_TRAIN = ("core.xml", "good.xml")
GROBID_CORPUS = "grobid/grobid_citation_corpus.jsonl"
SEED = 13
EMPHASIS_SHARE = 0.35
CRF_PARAMS = {"algorithm": "lbfgs", "c1": 0.1, "c2": 0.01, "max_iterations": 100}

# AnyStyle's XML tags and GROBID's labels, mapped onto the parser's labels. The issue is
# folded into the volume (as AnyStyle annotates it); parse_volume splits it again.
TAG_LABELS = {
    "date": "year",
    "location": "place",
    "journal": "container",
    "container-title": "container",
    "collection-title": "container",
    "citation-number": "citation_number",
    "source": "note",
    "medium": "genre",
    "director": "author",
    "issue": "volume",
}
_WORD = re.compile(r"\S+")
_EDITOR_MARKERS = frozenset(["ed", "eds", "editor", "editors", "edd", "hrsg", "hg"])


@dataclass(frozen=True)
class LabelledReference:
    """A reference string with its gold spans (label, text) in order."""

    id: str
    text: str
    spans: tuple[tuple[str, str], ...]


def normalise_label(tag: str) -> str:
    """The parser label for an AnyStyle tag or a normalised-corpus label."""
    label = TAG_LABELS.get(tag, tag.replace("-", "_"))
    return label if label in LABELS else "other"


def load_anystyle_xml(path: Path) -> list[LabelledReference]:
    """Reference strings of an AnyStyle training file (``<sequence>`` of tagged spans)."""
    references = []
    for n, sequence in enumerate(ET.parse(path).getroot().iter("sequence")):
        spans = tuple(
            (normalise_label(child.tag), " ".join((child.text or "").split())) for child in sequence
        )
        spans = tuple(span for span in spans if span[1])
        text = " ".join(span_text for _, span_text in spans)
        references.append(LabelledReference(f"{path.stem}:{n}", text, spans))
    return references


def load_jsonl(path: Path) -> list[LabelledReference]:
    """Reference strings of a normalised JSON-lines file (see benchdata README)."""
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [
        LabelledReference(
            row["id"], row["text"], tuple((normalise_label(lab), s) for lab, s in row["spans"])
        )
        for row in rows
    ]


def char_labels(reference: LabelledReference) -> list[str | None]:
    """The gold label of every character of the text (None where no span covers it)."""
    labels: list[str | None] = [None] * len(reference.text)
    position = 0
    for label, span in reference.spans:
        start = reference.text.find(span, position)
        if start < 0:
            continue
        labels[start : start + len(span)] = [label] * len(span)
        position = start + len(span)
    return labels


def token_labels(reference: LabelledReference) -> tuple[list[str], list[str]]:
    """Tokens of the text and one label each, filling uncovered tokens from neighbours.

    A token takes the label of its first covered letter or digit, as AnyStyle labels a whole
    token such as "14:137-166" by its start (here: volume). Uncovered words
    (GROBID leaves "pp.", "Vol.", "In" outside its spans) join the next field, except an
    editor marker after editor names; bare punctuation joins the previous token.
    """
    chars = char_labels(reference)
    tokens = tokenize(reference.text)
    direct: list[str | None] = []
    for token in tokens:
        alnum = [k for k in range(token.start, token.end) if reference.text[k].isalnum()]
        covered = [chars[k] for k in alnum if chars[k]]
        direct.append((chars[alnum[0]] or covered[0]) if covered else None)
    labels: list[str] = []
    for i, token in enumerate(tokens):
        if direct[i]:
            labels.append(direct[i])
            continue
        word = "".join(ch for ch in token.text if ch.isalnum()).lower()
        previous = labels[-1] if labels else None
        following = next((label for label in direct[i + 1 :] if label), None)
        if word and not (word in _EDITOR_MARKERS and previous == "editor"):
            labels.append(following or previous or "other")
        else:
            labels.append(previous or following or "other")
    return [token.text for token in tokens], labels


def emphasise(texts: list[str], labels: list[str]) -> list[str]:
    """Mark the container (or, without one, the title) as Markdown ``*emphasis*``."""
    target = "container" if "container" in labels else "title"
    if target not in labels:
        return texts
    first = labels.index(target)
    last = first
    while last + 1 < len(labels) and labels[last + 1] == target:
        last += 1
    out = list(texts)
    out[first] = "*" + out[first]
    body = out[last].rstrip(".,;:")
    out[last] = body + "*" + out[last][len(body) :]
    return out


def training_sequences(
    references: list[LabelledReference], seed: int = SEED
) -> tuple[list[list[list[str]]], list[list[str]]]:
    """CRF features and labels; a seeded share of references gets emphasis markup."""
    rng = random.Random(seed)
    features, targets = [], []
    for reference in references:
        texts, labels = token_labels(reference)
        if not texts:
            continue
        if rng.random() < EMPHASIS_SHARE:
            texts = emphasise(texts, labels)
        features.append(featurize(texts))
        targets.append(labels)
    return features, targets


@dataclass
class WordScores:
    """Word-level counts per label: true positives, false positives, false negatives."""

    tp: Counter[str]
    fp: Counter[str]
    fn: Counter[str]

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1 of one label, or micro-averaged over all labels."""
        tp = self.tp[label] if label else sum(self.tp.values())
        fp = self.fp[label] if label else sum(self.fp.values())
        fn = self.fn[label] if label else sum(self.fn.values())
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def labels(self) -> list[str]:
        """Labels seen in the gold or the predictions, most frequent gold label first."""
        seen = set(self.tp) | set(self.fp) | set(self.fn)
        return sorted(seen, key=lambda label: (-(self.tp[label] + self.fn[label]), label))


def gold_words(reference: LabelledReference) -> list[tuple[int, str]]:
    """(character offset, label) of every word of the gold spans; punctuation is ignored.

    Words are the whitespace-separated pieces of a span that hold a letter or digit.
    """
    words: list[tuple[int, str]] = []
    position = 0
    for label, span in reference.spans:
        start = reference.text.find(span, position)
        if start < 0:
            continue
        position = start + len(span)
        for word in _WORD.finditer(span):
            first_alnum = next((k for k, ch in enumerate(word.group()) if ch.isalnum()), None)
            if first_alnum is not None:
                words.append((start + word.start() + first_alnum, label))
    return words


def score(references: list[LabelledReference], model_path: Path = MODEL_PATH) -> WordScores:
    """Word-token scores of the parser against gold spans (issue folded into volume)."""
    scores = WordScores(Counter(), Counter(), Counter())
    for reference in references:
        tokens = tokenize(reference.text)
        predicted = [label for _, label in tag_reference(reference.text, str(model_path))]
        ends = [token.end for token in tokens]
        for offset, gold in gold_words(reference):
            guess = normalise_label(predicted[bisect.bisect_right(ends, offset)])
            if guess == gold:
                scores.tp[gold] += 1
            else:
                scores.fn[gold] += 1
                scores.fp[guess] += 1
    return scores


def default_training_set(benchdata: Path = BENCHDATA) -> list[LabelledReference]:
    """AnyStyle core + good and the GROBID citation corpus (never AnyStyle gold)."""
    references: list[LabelledReference] = []
    for name in ANYSTYLE_TRAIN:
        references.extend(load_anystyle_xml(benchdata / "anystyle" / name))
    references.extend(load_jsonl(benchdata / GROBID_CORPUS))
    return references


def train(references: list[LabelledReference], model_path: Path, verbose: bool = False) -> CRF:
    """Train the CRF on ``references`` and write it to ``model_path``."""
    features, targets = training_sequences(references)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    crf = CRF(**CRF_PARAMS, model_filename=str(model_path), verbose=verbose)
    crf.fit(features, targets)
    return crf


def main() -> None:
    """Command line: rebuild the shipped model (or write one elsewhere)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchdata", type=Path, default=BENCHDATA)
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    references = default_training_set(args.benchdata)
    started = time.perf_counter()
    train(references, args.output, verbose=args.verbose)
    size = args.output.stat().st_size / 1e6
    print(
        f"trained on {len(references)} references in {time.perf_counter() - started:.0f} s; "
        f"wrote {args.output} ({size:.1f} MB)"
    )


if __name__ == "__main__":
    main()
