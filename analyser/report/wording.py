"""Plain-text wording shared by the Markdown and HTML renderers (no markup, not escaped)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from analyser.models.serialise import format_value
from analyser.report.content import Claim, ModelRunView, ModelSection, Review

TITLE = "Literature review: draft skeleton"
INTRO = (
    "A draft of the review's argument, built from the corpus: what it covers, the positions it "
    "takes, where they disagree, which claims formal models test, and what is still missing. "
    "Every item cites the paragraph it comes from; the appendix gives those paragraphs in full."
)
DIRECTIONS = {
    "+": "raises (+)",
    "-": "lowers (−)",
    "−": "lowers (−)",
    "0": "no effect (0)",
    "conditional": "conditional",
    "non-linear": "non-linear",
}
SECTIONS = (
    ("overview", "1. Overview"),
    ("positions", "2. Positions"),
    ("debates", "3. Debates"),
    ("models", "4. Models"),
    ("gaps", "5. Gaps"),
    ("appendix", "Appendix: cited paragraphs"),
)


def direction(claim: Claim) -> str:
    """The claim's direction in words."""
    return DIRECTIONS.get(claim.direction, claim.direction)


def claim_qualifiers(claim: Claim) -> list[str]:
    """Direction, condition, hedging, attribution and theory of a claim, as short phrases."""
    parts = [direction(claim)]
    if claim.condition:
        parts.append(f"if {claim.condition}")
    if claim.hedged:
        parts.append("hedged")
    if claim.attributed:
        parts.append(f"after {'; '.join(claim.attributed)}")
    if claim.theory:
        parts.append(f"theory: {claim.theory}")
    return parts


def relation(claim: Claim) -> str:
    """``cause → effect``, or the claim's text when it has neither."""
    if claim.cause or claim.effect:
        return f"{claim.cause or '?'} → {claim.effect or '?'}"
    return claim.text


def params_text(params: Mapping[str, Any]) -> str:
    """Model parameters as ``name=value`` pairs, or a note that defaults were used."""
    if not params:
        return "default parameters"
    return ", ".join(f"{key}={format_value(value)}" for key, value in sorted(params.items()))


def more(count: int, what: str) -> str:
    """ "… and N more <what>" (empty when nothing was left out)."""
    return f"… and {count} more {what}" if count else ""


def rendered_once(render: Callable[[str], str], texts: Iterable[str]) -> dict[str, str]:
    """``render`` of each distinct text (a label many items share), made once."""
    return {text: render(text) for text in set(texts)}


def figure_files(review: Review) -> list[tuple[str, str, bytes]]:
    """(file name, caption, PNG) of every plot of the review, in report order."""
    files = [(f"{f.key}.png", f.caption, f.png) for f in review.overview.figures]
    for model in review.models:
        for number, run in enumerate(model.runs, start=1):
            if run.png is not None:
                files.append((model_figure_name(model, number), run_caption(model, run), run.png))
    return files


def model_figure_name(model: ModelSection, number: int) -> str:
    """The file name of a model run's plot."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in model.name)
    return f"model-{safe}-{number}.png"


def run_caption(model: ModelSection, run: ModelRunView) -> str:
    """The caption of a model run's plot."""
    return f"{model.label}: run with {params_text(run.params)}"
