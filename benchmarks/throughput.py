"""Throughput and memory of `analyser run` against raw spaCy on the same texts.

Builds a scaled corpus by recombining the sample texts' paragraphs, then measures, each in
a fresh process so that peak RSS is its own: (a) raw spaCy `nlp.pipe` with the full
pipeline over the same texts; (b) `analyser run` end to end, cold. Then an unchanged
re-run, --jobs 1 vs --jobs 2, one added document (with every export, then another with
none), and cold runs (seconds, words/second, peak RSS) at two more corpus sizes, each
followed by one added document with no exports (the corpus steps' peak RSS without the
export graph).

    .venv/bin/python benchmarks/throughput.py [--docs 2000] [--small 500] [--large 5000]
        [--repeat 1]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def build_corpus(folder: Path, n_docs: int, seed: int = 0) -> int:
    """Write ``n_docs`` texts of recombined sample paragraphs; returns the word count."""
    paragraphs = [
        block.strip()
        for path in sorted(CORPUS.glob("*.txt"))
        for block in path.read_text(encoding="utf-8").split("\n\n")
        if len(block.split()) >= 8
    ]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for index in range(n_docs):
        chosen = rng.sample(paragraphs, k=min(12, len(paragraphs)))
        text = "\n\n".join(chosen) + "\n"
        words += len(text.split())
        (folder / f"doc{index:05d}.txt").write_text(text, encoding="utf-8")
    return words


def _peak_rss_mb() -> float:
    """Peak resident memory of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _raw_spacy(folder: str) -> None:
    """Baseline: spaCy's own full pipeline, as installed, over every text, nothing else."""
    import spacy

    from analyser.nlp import default_model_name

    nlp = spacy.load(default_model_name())
    texts = (path.read_text(encoding="utf-8") for path in sorted(Path(folder).glob("*.txt")))
    for _ in nlp.pipe(texts, batch_size=32):
        pass


def _analyser_run(folder: str, out: str, jobs: int, formats: str = "all") -> dict[str, float]:
    """`analyser run` end to end (writing the exports ``formats``); its seconds per stage."""
    from analyser.config import Settings
    from analyser.pipeline import run

    return run([folder], out, Settings(jobs=jobs, formats=formats)).seconds


def _add_document(corpus: Path, name: str) -> None:
    """A new document in ``corpus``: the first one with a line added."""
    text = (corpus / "doc00000.txt").read_text(encoding="utf-8")
    (corpus / name).write_text(f"{text}\nA new line, in {name}.\n", encoding="utf-8")


def _cold_run(folder: str, out: str, jobs: int) -> dict[str, float]:
    """`analyser run` into an emptied ``out``: a cold run."""
    shutil.rmtree(out, ignore_errors=True)
    return _analyser_run(folder, out, jobs)


def _child(target: Callable[..., object], args: tuple, queue: multiprocessing.Queue) -> None:
    """Run ``target`` and report (seconds, peak RSS MB, what it returned)."""
    start = time.perf_counter()
    returned = target(*args)
    queue.put((time.perf_counter() - start, _peak_rss_mb(), returned))


def measure(target: Callable[..., object], *args: object) -> tuple[float, float, object]:
    """Seconds, peak RSS (MB) and return value of ``target(*args)`` in a fresh process."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(target, args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def fastest(
    repeat: int, target: Callable[..., object], *args: object
) -> tuple[float, float, object]:
    """``measure`` repeated: the fastest run's seconds and return value, the largest peak RSS
    (the fastest of several is the least disturbed by other work on a shared machine)."""
    runs = [measure(target, *args) for _ in range(repeat)]
    seconds, _, returned = min(runs, key=lambda run: run[0])
    return seconds, max(run[1] for run in runs), returned


def print_stages(seconds: dict[str, float], total: float) -> None:
    """Each stage's seconds and share of ``total``, largest first."""
    print(f"\nstages of the cold --jobs 1 run ({total:.1f} s in all)")
    for name, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"  {name:43} {spent:9.1f}  {spent / total:6.1%}")
    print(f"  {'(start-up, discovery, other)':43} {total - sum(seconds.values()):9.1f}")


def main() -> None:
    """Print the throughput table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--large", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each cold run; fastest kept")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="analyser-bench-"))
    try:
        corpus = work / "corpus"
        words = build_corpus(corpus, options.docs)
        rows: list[tuple[str, float, str]] = []
        raw_s, raw_rss, _ = fastest(options.repeat, _raw_spacy, str(corpus))
        rows.append(("(a) raw spaCy nlp.pipe, full pipeline", raw_s, f"{words / raw_s:,.0f} w/s"))
        cold_s, cold_rss, stages = fastest(
            options.repeat, _cold_run, str(corpus), str(work / "out1"), 1
        )
        rows.append(("(b) analyser run, cold, --jobs 1", cold_s, f"{words / cold_s:,.0f} w/s"))
        rerun_s, _, _ = measure(_analyser_run, str(corpus), str(work / "out1"), 1)
        rows.append(("unchanged re-run", rerun_s, f"{rerun_s / cold_s:.1%} of cold"))
        two_s, _, _ = fastest(options.repeat, _cold_run, str(corpus), str(work / "out2"), 2)
        rows.append(("analyser run, cold, --jobs 2", two_s, f"{cold_s / two_s:.2f}x --jobs 1"))
        for name, formats in (("added.txt", "all"), ("added_too.txt", "none")):
            _add_document(corpus, name)
            added_s, added_rss, _ = measure(
                _analyser_run, str(corpus), str(work / "out1"), 1, formats
            )
            figure = f"{added_s / cold_s:.1%} of cold, {added_rss:.0f} MB"
            rows.append((f"one added document, --format {formats}", added_s, figure))
        print(f"corpus: {options.docs} documents, {words:,} words")
        print(f"{'measurement':45} {'seconds':>9}  figure")
        for label, seconds, figure in rows:
            print(f"{label:45} {seconds:9.1f}  {figure}")
        print(f"{'ratio b/a (throughput)':45} {'':9}  {raw_s / cold_s:.2f}x")
        print(
            f"{'peak RSS raw spaCy / analyser cold':45} {'':9}  {raw_rss:.0f} / {cold_rss:.0f} MB"
        )
        for size in (options.small, options.large):
            folder = work / f"corpus{size}"
            size_words = build_corpus(folder, size, seed=size)
            seconds, rss, _ = measure(_analyser_run, str(folder), str(work / f"out{size}"), 1)
            figure = f"{rss:.0f} MB peak RSS, {size_words / seconds:,.0f} w/s"
            print(f"{f'cold run at {size} documents':45} {seconds:9.1f}  {figure}")
            _add_document(folder, "added.txt")
            seconds, rss, _ = measure(
                _analyser_run, str(folder), str(work / f"out{size}"), 1, "none"
            )
            label = "  + one added document, --format none"
            print(f"{label:45} {seconds:9.1f}  {rss:.0f} MB peak RSS")
        print_stages(stages, cold_s)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
