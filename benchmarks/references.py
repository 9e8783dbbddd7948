"""Reference-parser benchmark: word-token precision/recall/F1 per field, and speed.

Scoring (benchdata README): every word of a gold span gets the gold label and the parser's
label for the token it falls in; punctuation is ignored and the issue is folded into the
volume. Sets:

* AnyStyle gold minus core (never used for training), with the shipped model.
* GROBID citation corpus, held-out fifth (crc32 of the reference id mod 5 == 0), with a
  model trained here on AnyStyle core + good and the other four fifths of GROBID.

Speed is parsing (tokenising, tagging and field clean-up) on one pinned CPU core.

    .venv/bin/python benchmarks/references.py [--skip-grobid]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import zlib
from pathlib import Path

from analyser.extract import train_reference_parser as trainer
from analyser.extract.reference_parser import MODEL_PATH, parse_references

GOLD = trainer.BENCHDATA / "anystyle" / "anystyle_gold_minus_core.jsonl"


def print_table(title: str, scores: trainer.WordScores) -> None:
    """Per-field and micro-averaged precision, recall and F1."""
    print(f"\n{title}")
    print(f"{'field':<16}{'words':>7}{'P':>8}{'R':>8}{'F1':>8}")
    for label in scores.labels():
        precision, recall, f1 = scores.prf(label)
        words = scores.tp[label] + scores.fn[label]
        print(f"{label:<16}{words:>7}{precision:>8.3f}{recall:>8.3f}{f1:>8.3f}")
    precision, recall, f1 = scores.prf()
    words = sum(scores.tp.values()) + sum(scores.fn.values())
    print(f"{'micro (all)':<16}{words:>7}{precision:>8.3f}{recall:>8.3f}{f1:>8.3f}")


def held_out(reference: trainer.LabelledReference) -> bool:
    """Whether a GROBID reference belongs to the held-out fifth."""
    return zlib.crc32(reference.id.encode("utf-8")) % 5 == 0


def grobid_scores() -> trainer.WordScores:
    """Train without the held-out GROBID fifth, then score that fifth."""
    grobid = trainer.load_jsonl(trainer.BENCHDATA / trainer.GROBID_CORPUS)
    train_part = [ref for ref in grobid if not held_out(ref)]
    test_part = [ref for ref in grobid if held_out(ref)]
    references = [
        ref
        for name in trainer.ANYSTYLE_TRAIN
        for ref in trainer.load_anystyle_xml(trainer.BENCHDATA / "anystyle" / name)
    ]
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "heldout.crfsuite"
        started = time.perf_counter()
        trainer.train(references + train_part, model)
        print(
            f"\nGROBID split: trained on {len(references)} AnyStyle + {len(train_part)} GROBID "
            f"references in {time.perf_counter() - started:.0f} s; testing on {len(test_part)}"
        )
        return trainer.score(test_part, model)


def references_per_second(raws: list[str], rounds: int = 3) -> float:
    """Best-of-``rounds`` parsing throughput of parse_references on one CPU core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    parse_references(raws[:10])  # load the model outside the timing
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        parse_references(raws)
        best = min(best, time.perf_counter() - started)
    return len(raws) / best


def main() -> None:
    """Print the accuracy tables and the speed."""
    parser = argparse.ArgumentParser(description="reference parser benchmark")
    parser.add_argument("--skip-grobid", action="store_true", help="skip the held-out training")
    args = parser.parse_args()
    gold = trainer.load_jsonl(GOLD)
    print(f"model: {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1e6:.1f} MB)")
    print_table(f"AnyStyle gold minus core ({len(gold)} references)", trainer.score(gold))
    if not args.skip_grobid:
        print_table("GROBID held-out fifth", grobid_scores())
    rate = references_per_second([ref.text for ref in gold])
    print(f"\nspeed: {rate:.0f} references/second (one core, {len(gold)} references, best of 3)")


if __name__ == "__main__":
    main()
