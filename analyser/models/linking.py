"""Linking hypotheses to the runnable models that formalise them.

Each hypothesis is scored against each model from three kinds of evidence:

* concepts: model concepts (label or a listed variant, longest match first) found in the
  hypothesis text, cause, effect and condition, or among its concept labels; each weighted by
  how few models share it;
* works: a surname in ``Hypothesis.attributed`` that fuzzily matches an author of a work the
  model formalises (``Olsen 1971`` ~ ``Olson 1965``);
* text: TF-IDF cosine between the hypothesis and the model's description and predictions.

The best model scoring at least ``LINK_THRESHOLD`` is linked, with its closest prediction and
that prediction's verdict on the model's default run. The threshold was measured on the gold
hypotheses with ``benchmarks/model_links.py``: 0.30 lies inside the range of thresholds that
links no hypothesis lacking a model while keeping the best recall.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from analyser.atomic import write_bytes, write_text
from analyser.models.base import FormalModel, ModelRun
from analyser.models.plotting import render_key, render_png
from analyser.models.registry import all_models, get_model
from analyser.models.serialise import plain, run_to_dict
from analyser.models.textnorm import phrase_key, tokens
from analyser.records import Hypothesis, ModelLink

if TYPE_CHECKING:
    from analyser.store import Store

LINK_THRESHOLD = 0.30
SOLVED_RUNS_KEPT = 32  # distinct (model, parameters) runs kept for the outputs that share them
WEIGHTS = {"concepts": 0.45, "text": 0.35, "works": 0.20}
SURNAME_SIMILARITY = 80.0
SINGLE_WORD = 0.5
VERDICTS = {"true": "supported", "false": "contradicted", "conditional": "conditional"}
_YEAR = re.compile(r"\b\d{4}[a-z]?\b")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bet al\.?)\s*")

Vector = dict[str, float]


@dataclass(frozen=True)
class LinkCandidate:
    """A hypothesis's best-scoring model and prediction, with the evidence behind the score."""

    hypothesis: str
    model: str
    prediction: str
    score: float
    concepts: float
    text: float
    works: float
    matched: tuple[str, ...]


@lru_cache(maxsize=1)
def concept_terms() -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """Each concept label -> the stem sequences of its label and variants (read-only)."""
    raw = json.loads(
        resources.files("analyser.models").joinpath("concept_terms.json").read_text("utf-8")
    )
    return MappingProxyType(
        {
            label: tuple(sorted({phrase_key(v) for v in (label, *variants)} - {()}))
            for label, variants in raw.items()
        }
    )


@dataclass(frozen=True)
class _PhraseIndex:
    """Concept phrases for matching: stem sequence -> label, the longest phrase's length, and
    each label's own stem sequence."""

    by_phrase: Mapping[tuple[str, ...], str]
    longest: int
    own_keys: Mapping[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _phrase_index() -> _PhraseIndex:
    """The concept phrases of ``concept_terms``, indexed once (the first label sorted wins)."""
    by_phrase: dict[tuple[str, ...], str] = {}
    for label, phrases in sorted(concept_terms().items()):
        for phrase in phrases:
            by_phrase.setdefault(phrase, label)
    own_keys = {label: phrase_key(label) for label in set(by_phrase.values())}
    longest = max(len(phrase) for phrase in by_phrase)
    return _PhraseIndex(MappingProxyType(by_phrase), longest, MappingProxyType(own_keys))


def find_concepts(texts: Iterable[str], labels: Iterable[str] = ()) -> dict[str, float]:
    """Concepts named in ``texts`` (longest phrase wins) or given as ``labels``, each with the
    strength of its best evidence: 1 for a label or multi-word phrase, ``SINGLE_WORD`` for a
    lone word such as "conflict" or "arms"."""
    index = _phrase_index()
    label_keys = {phrase_key(label.replace("_", " ")) for label in labels}
    found = {label: 1.0 for phrase, label in index.by_phrase.items() if phrase in label_keys}
    for text in texts:
        words = tokens(text)
        i = 0
        while i < len(words):
            for width in range(min(index.longest, len(words) - i), 0, -1):
                label = index.by_phrase.get(tuple(words[i : i + width]))
                if label is not None:
                    own_word = width == 1 and index.own_keys[label] == (words[i],)
                    strength = 1.0 if width > 1 or own_word else SINGLE_WORD
                    found[label] = max(found.get(label, 0.0), strength)
                    i += width
                    break
            else:
                i += 1
    return found


def surnames(citation: str) -> list[str]:
    """Lower-case author surnames of a short citation such as ``Olson and Zeckhauser 1966``."""
    names = _AUTHOR_SPLIT.split(_YEAR.sub(" ", citation))
    return [name.strip().lower() for name in names if name.strip()]


def same_surname(a: str, b: str) -> bool:
    """Equal, or fuzzily equal for names of four letters or more (Olsen ~ Olson)."""
    if a == b:
        return True
    return min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= SURNAME_SIMILARITY


class TfIdf:
    """TF-IDF vectors over stems, with document frequencies from a fixed set of documents.

    Words unseen in those documents keep the largest IDF, so they still lengthen a vector.
    """

    def __init__(self, documents: Sequence[list[str]]) -> None:
        counts = Counter(word for document in documents for word in set(document))
        total = len(documents)
        self._idf = {word: math.log((1 + total) / (1 + df)) + 1 for word, df in counts.items()}
        self._unseen = math.log(1 + total) + 1

    def vector(self, words: list[str]) -> Vector:
        """The L2-normalised sublinear TF-IDF vector of a token list."""
        weights = {
            word: (1 + math.log(count)) * self._idf.get(word, self._unseen)
            for word, count in Counter(words).items()
        }
        norm = math.sqrt(sum(value * value for value in weights.values()))
        return {word: value / norm for word, value in weights.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(word, 0.0) for word, value in a.items())


@dataclass(frozen=True)
class ModelProfile:
    """What a model offers for matching: weighted concepts, author surnames, text vectors."""

    model: FormalModel
    concepts: frozenset[str]
    surnames: frozenset[str]
    profile: Vector
    predictions: tuple[tuple[str, Vector, frozenset[str]], ...]


def _profile_words(model: FormalModel) -> list[str]:
    return tokens(" ".join([model.title, model.theory, model.description, *model.concepts]))


@lru_cache(maxsize=1)
def model_profiles() -> tuple[tuple[ModelProfile, ...], TfIdf, Mapping[str, float]]:
    """Profiles of every registered model, the shared TF-IDF space and the concept weights."""
    models = all_models()
    documents = [_profile_words(m) for m in models]
    documents += [tokens(p.text) for m in models for p in m.predictions]
    space = TfIdf(documents)
    frequency = Counter(concept for m in models for concept in set(m.concepts))
    weights = MappingProxyType({c: math.log(len(models) / df) for c, df in frequency.items()})
    profiles = tuple(
        ModelProfile(
            model=m,
            concepts=frozenset(m.concepts),
            surnames=frozenset(name for work in m.works for name in surnames(work)),
            profile=space.vector(_profile_words(m)),
            predictions=tuple(
                (p.name, space.vector(tokens(p.text)), frozenset(find_concepts([p.text])))
                for p in m.predictions
            ),
        )
        for m in models
    )
    return profiles, space, weights


def _saturate(mass: float) -> float:
    """Evidence mass mapped into [0, 1): m / (m + 1)."""
    return mass / (mass + 1.0)


def _closest_prediction(
    profile: ModelProfile, vector: Vector, found: dict[str, float], weights: Mapping[str, float]
) -> tuple[str, float]:
    """The prediction that fits best (text similarity plus shared concepts) and the highest
    text similarity among the model's predictions."""
    similarities = [cosine(vector, text) for _, text, _ in profile.predictions]
    fit = [
        similarity + _saturate(sum(weights.get(c, 0.0) * found[c] for c in set(found) & named))
        for similarity, (_, _, named) in zip(similarities, profile.predictions, strict=True)
    ]
    best = max(range(len(fit)), key=lambda i: (fit[i], -i))
    return profile.predictions[best][0], max(similarities)


def score_hypothesis(hypothesis: Hypothesis) -> list[LinkCandidate]:
    """The hypothesis scored against every model (best prediction each), best first."""
    profiles, space, weights = model_profiles()
    parts = [hypothesis.text, hypothesis.cause, hypothesis.effect, hypothesis.condition or ""]
    found = find_concepts(parts, hypothesis.concepts)
    vector = space.vector(tokens(" ".join([*parts, *hypothesis.concepts])))
    cited = [name for work in hypothesis.attributed for name in surnames(work)]
    candidates = []
    for profile in profiles:
        matched = tuple(sorted(set(found) & profile.concepts))
        concept_score = _saturate(sum(weights[concept] * found[concept] for concept in matched))
        work_score = float(any(same_surname(a, b) for a in cited for b in profile.surnames))
        best_prediction, similarity = _closest_prediction(profile, vector, found, weights)
        text_score = 0.5 * cosine(vector, profile.profile) + 0.5 * similarity
        score = (
            WEIGHTS["concepts"] * concept_score
            + WEIGHTS["text"] * text_score
            + WEIGHTS["works"] * work_score
        )
        candidates.append(
            LinkCandidate(
                hypothesis=hypothesis.id,
                model=profile.model.name,
                prediction=best_prediction,
                score=round(score, 6),
                concepts=concept_score,
                text=text_score,
                works=work_score,
                matched=matched,
            )
        )
    return sorted(candidates, key=lambda c: (-c.score, c.model))


def _evidence(hypothesis: Hypothesis) -> tuple[object, ...]:
    """Everything of a hypothesis that its score depends on (all but its id)."""
    return (
        hypothesis.text, hypothesis.cause, hypothesis.effect, hypothesis.condition,
        tuple(hypothesis.concepts), tuple(hypothesis.attributed),
    )  # fmt: skip


def _scored_once(hypotheses: Sequence[Hypothesis]) -> Iterator[tuple[str, LinkCandidate]]:
    """Each hypothesis's id and best-scoring model, whatever the score; hypotheses with the same
    evidence are scored once and share one candidate (whose ``hypothesis`` is the first's)."""
    scored: dict[tuple[object, ...], LinkCandidate] = {}
    for hypothesis in hypotheses:
        key = _evidence(hypothesis)
        if key not in scored:
            scored[key] = score_hypothesis(hypothesis)[0]
        yield hypothesis.id, scored[key]


def best_candidates(hypotheses: Sequence[Hypothesis]) -> list[LinkCandidate]:
    """Each hypothesis's best-scoring model, whatever the score (hypotheses with the same
    evidence are scored once)."""
    return [replace(best, hypothesis=id_) for id_, best in _scored_once(hypotheses)]


class _DefaultRuns:
    """Each model's default parameters, and the verdict of its default run (solved once, and
    shared with ``solved_run``) on each prediction, checked once."""

    def __init__(self) -> None:
        self._params: dict[str, dict[str, object]] = {}
        self._verdicts: dict[tuple[str, str], str] = {}

    def params(self, model: str) -> dict[str, object]:
        """A fresh copy of the JSON-ready default parameters of ``model``."""
        if model not in self._params:
            self._params[model] = plain(get_model(model).resolve())
        return dict(self._params[model])

    def verdict(self, model: str, prediction: str) -> str:
        """The verdict (supported, contradicted, conditional) of ``prediction`` on the run."""
        key = (model, prediction)
        if key not in self._verdicts:
            run = solved_run(model, self.params(model))
            verdict = get_model(model).prediction(prediction).evaluate(run).verdict
            self._verdicts[key] = VERDICTS[verdict]
        return self._verdicts[key]


def link_hypotheses(
    hypotheses: list[Hypothesis], threshold: float = LINK_THRESHOLD
) -> list[ModelLink]:
    """One link per hypothesis whose best model scores at least ``threshold``, with the verdict
    of that model's default run on the linked prediction."""
    runs = _DefaultRuns()
    return [
        ModelLink(
            hypothesis=id_,
            model=best.model,
            prediction=best.prediction,
            score=best.score,
            verdict=runs.verdict(best.model, best.prediction),
            params=runs.params(best.model),
        )
        for id_, best in _scored_once(hypotheses)
        if best.score >= threshold
    ]


def params_key(params: Mapping[str, object]) -> str:
    """The canonical JSON text of a run's parameters: equal parameters, equal keys."""
    return json.dumps(plain(dict(params)), sort_keys=True, ensure_ascii=False)


@lru_cache(maxsize=SOLVED_RUNS_KEPT)
def _solved(name: str, key: str) -> ModelRun:
    return get_model(name).run(json.loads(key))


def solved_run(name: str, params: Mapping[str, object]) -> ModelRun:
    """The run of the registered model ``name`` with ``params``, solved once for every output
    that shows it (model files and report); treat it as read-only."""
    return _solved(name, params_key(params))


def plot_key(name: str, params: Mapping[str, object]) -> str:
    """What the plot of ``solved_run(name, params)`` is made from, as a digest: the model, its
    parameters and everything ``render_key`` covers for the model's module."""
    made_from = [name, params_key(params), render_key((type(get_model(name)).__module__,))]
    return hashlib.sha256(json.dumps(made_from).encode()).hexdigest()


class RunPlots:
    """PNG plots of model runs by ``plot_key``, the ``kept`` most recently used held in memory;
    ``rendered`` counts the plots this process has drawn."""

    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._pngs: OrderedDict[str, bytes] = OrderedDict()
        self.rendered = 0

    def png(self, name: str, params: Mapping[str, object], key: str | None = None) -> bytes:
        """The plot of ``solved_run(name, params)`` (whose ``plot_key`` is ``key``), drawn
        unless held."""
        key = key or plot_key(name, params)
        png = self._pngs.get(key)
        if png is None:
            model, run = get_model(name), solved_run(name, params)
            png = render_png(lambda figure: model.draw(run, figure))
            self.rendered += 1
        self.hold(key, png)
        return png

    def hold(self, key: str, png: bytes) -> None:
        """Hold ``png`` as the plot keyed ``key``, dropping the least recently used beyond
        ``kept``."""
        self._pngs[key] = png
        self._pngs.move_to_end(key)
        while len(self._pngs) > self._kept:
            self._pngs.popitem(last=False)

    def clear(self) -> None:
        """Forget every held plot."""
        self._pngs.clear()


RUN_PLOTS = RunPlots(SOLVED_RUNS_KEPT)
PLOT_BLOBS = "model plot"  # the kind of the store's blobs holding model plots


def run_png(name: str, params: Mapping[str, object]) -> bytes:
    """The PNG plot of ``solved_run(name, params)``, drawn once."""
    return RUN_PLOTS.png(name, params)


def _stored_png(name: str, params: Mapping[str, object], store: Store) -> tuple[str, bytes]:
    """The ``plot_key`` and PNG plot of ``solved_run(name, params)``: the bytes ``store``
    holds under that key, else drawn (or held) and saved there."""
    key = plot_key(name, params)
    png = store.blob(PLOT_BLOBS, key)
    if png is None:
        png = RUN_PLOTS.png(name, params, key)
        store.put_blob(PLOT_BLOBS, key, png)
    else:
        RUN_PLOTS.hold(key, png)
    return key, png


def write_model_runs(
    links: Sequence[ModelLink], out_dir: str | Path, store: Store | None = None
) -> list[Path]:
    """For each linked model write ``models/<name>.json`` and ``models/<name>.png`` under
    ``out_dir`` (atomically), running the model with the parameters its links used. With a
    ``store``, plots it holds are re-used, new ones saved and those of models no longer linked
    dropped."""
    folder = Path(out_dir) / "models"
    written: list[Path] = []
    plots: list[str] = []
    for name in sorted({link.model for link in links}):
        model = get_model(name)
        own = [link for link in links if link.model == name]
        run = solved_run(name, own[0].params)
        document = run_to_dict(model, run)
        document["links"] = [
            {
                "hypothesis": link.hypothesis,
                "prediction": link.prediction,
                "score": link.score,
                "verdict": link.verdict,
            }
            for link in sorted(own, key=lambda link: link.hypothesis)
        ]
        written.append(
            write_text(folder / f"{name}.json", json.dumps(document, indent=2, sort_keys=True))
        )
        if store is None:
            png = run_png(name, own[0].params)
        else:
            key, png = _stored_png(name, own[0].params, store)
            plots.append(key)
        written.append(write_bytes(folder / f"{name}.png", png))
    if store is not None:
        store.keep_blobs(PLOT_BLOBS, plots)
    return written
