"""The models section: each linked model run with its links' parameters, or as the caller ran it.

A caller may pass ``model_runs`` = {model name: {"theory", "summary", "png", "predictions", ...}}
(optionally "label", "params", "works"; "png" as bytes or a file path; predictions as dicts with
"name", "text", "verdict", "detail" or as plain strings). Models not supplied are taken from the
registry of runnable models and run once per distinct parameter set among their links.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from analyser.graph import match_work, work_label
from analyser.models.base import FormalModel
from analyser.models.linking import params_key, run_png, solved_run
from analyser.models.registry import get_model
from analyser.models.serialise import format_value, plain
from analyser.records import Corpus, ModelLink, Work
from analyser.report.content import (
    Claim,
    LinkedClaim,
    ModelRunView,
    ModelSection,
    PredictionResult,
)
from analyser.report.plots import strip_png_metadata
from analyser.report.sources import excerpt

SUMMARY_CHARS = 160
_RUN_ERRORS = (ValueError, RuntimeError, ArithmeticError)
_SCALARS = (str, int, float, bool, type(None))


def compact(value: Any) -> str:
    """A short one-line rendering of a summary value (nested records as ``key=value`` lists)."""
    if isinstance(value, Mapping):
        return ", ".join(f"{key}={compact(item)}" for key, item in value.items())
    if isinstance(value, list) and any(isinstance(item, Mapping | list) for item in value):
        return "; ".join(compact(item) for item in value)
    return format_value(value)


def summary_rows(summary: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A run summary as (quantity, value) rows, long values shortened."""
    return [
        (str(key), excerpt(compact(plain(value)), SUMMARY_CHARS)) for key, value in summary.items()
    ]


def _linked(
    links: Sequence[ModelLink], claims: Mapping[str, Claim], texts: Mapping[str, str]
) -> list[LinkedClaim]:
    """The links as the review shows them; a prediction named by the model shows its text."""
    return [
        LinkedClaim(
            link.hypothesis,
            claims.get(link.hypothesis),
            texts.get(link.prediction, link.prediction),
            float(link.score),
            link.verdict,
        )
        for link in sorted(links, key=lambda k: (k.hypothesis, k.prediction, -k.score))
    ]


def _works(cited: Sequence[str], works: Sequence[Work]) -> list[str]:
    """The works a model formalises, each marked with the corpus work it matches."""
    shown = []
    for text in cited:
        match = match_work(str(text), works)
        shown.append(f"{text} (cited in the corpus as {work_label(match)})" if match else str(text))
    return shown


def _run_view(
    model: FormalModel, params: Mapping[str, Any], linked: list[LinkedClaim]
) -> ModelRunView:
    """Run ``model`` with ``params`` (its defaults when they are rejected) and draw the run."""
    note = None
    try:
        run = solved_run(model.name, params)
    except _RUN_ERRORS as error:
        note = f"the links' parameters were rejected ({error}); the model's defaults were used"
        params = {}
        run = solved_run(model.name, params)
    evaluations = model.evaluate(run)
    return ModelRunView(
        params=dict(plain(run.params)),
        summary=summary_rows(run.summary),
        png=run_png(model.name, params),
        predictions=[
            PredictionResult(
                p.name, p.text, evaluations[p.name].verdict, evaluations[p.name].detail
            )
            for p in model.predictions
        ],
        links=linked,
        note=note,
    )


def _plain_only(value: Any) -> bool:
    """Whether ``value`` holds nothing but dicts keyed by strings, lists and plain scalars:
    values whose repr tells them apart, so that equal reprs mean equal ``params_key``s."""
    kind = type(value)
    if kind is dict:
        return all(type(key) is str and _plain_only(item) for key, item in value.items())
    if kind is list:
        return all(map(_plain_only, value))
    return kind in _SCALARS


def _by_params(links: Sequence[ModelLink]) -> dict[str, list[ModelLink]]:
    """``links`` grouped by ``params_key`` of their parameters, each worked out once per
    distinct set of plain parameters."""
    keys: dict[str, str] = {}
    groups: dict[str, list[ModelLink]] = defaultdict(list)
    for link in links:
        text = repr(link.params) if _plain_only(link.params) else None
        key = keys.get(text) if text is not None else None
        if key is None:
            key = params_key(link.params)
            if text is not None:
                keys[text] = key
        groups[key].append(link)
    return groups


def _registry_section(
    name: str, links: Sequence[ModelLink], claims: Mapping[str, Claim], works: Sequence[Work]
) -> ModelSection:
    try:
        model = get_model(name)
    except ValueError:
        run = ModelRunView({}, [], None, [], _linked(links, claims, {}), "not a registered model")
        return ModelSection(name, name, "unknown", [], [run])
    texts = {p.name: p.text for p in model.predictions}
    groups = _by_params(links)
    runs = [
        _run_view(model, group[0].params, _linked(group, claims, texts))
        for _, group in sorted(groups.items(), key=lambda item: (len(item[1][0].params), item[0]))
    ]
    return ModelSection(name, model.title, model.theory, _works(model.works, works), runs)


def _png(value: Any) -> tuple[bytes | None, str | None]:
    """PNG bytes from bytes or a file path, cleaned of metadata; or a note saying why not."""
    if value is None:
        return None, None
    try:
        data = value if isinstance(value, bytes) else Path(value).read_bytes()
        return strip_png_metadata(data), None
    except (OSError, TypeError, ValueError) as error:
        return None, f"the supplied plot could not be used ({error})"


def _supplied_predictions(items: Sequence[Any]) -> list[PredictionResult]:
    results = []
    for item in items:
        if isinstance(item, Mapping):
            verdict, detail = item.get("verdict"), item.get("detail")
            results.append(
                PredictionResult(
                    str(item.get("name", "")),
                    str(item.get("text", item.get("name", ""))),
                    str(verdict) if verdict is not None else None,
                    str(detail) if detail is not None else None,
                )
            )
        else:
            results.append(PredictionResult("", str(item)))
    return results


def _supplied_section(
    name: str,
    supplied: Mapping[str, Any],
    links: Sequence[ModelLink],
    claims: Mapping[str, Claim],
    works: Sequence[Work],
) -> ModelSection:
    predictions = _supplied_predictions(supplied.get("predictions") or [])
    texts = {p.name: p.text for p in predictions if p.name}
    png, note = _png(supplied.get("png"))
    run = ModelRunView(
        params=dict(plain(dict(supplied.get("params") or {}))),
        summary=summary_rows(supplied.get("summary") or {}),
        png=png,
        predictions=predictions,
        links=_linked(links, claims, texts),
        note=note,
    )
    return ModelSection(
        name,
        str(supplied.get("label") or name),
        str(supplied.get("theory") or "unknown"),
        _works([str(w) for w in supplied.get("works") or []], works),
        [run],
    )


def model_sections(
    corpus: Corpus, claims: Mapping[str, Claim], supplied: Mapping[str, Mapping[str, Any]] | None
) -> list[ModelSection]:
    """A section per linked or supplied model, sorted by name."""
    supplied = supplied or {}
    links: dict[str, list[ModelLink]] = defaultdict(list)
    for link in corpus.links:
        links[link.model].append(link)
    sections = []
    for name in sorted(set(links) | set(supplied)):
        if name in supplied:
            sections.append(
                _supplied_section(name, supplied[name], links[name], claims, corpus.works)
            )
        else:
            sections.append(_registry_section(name, links[name], claims, corpus.works))
    return sections
