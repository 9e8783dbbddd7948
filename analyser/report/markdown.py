"""report.md: the review as Markdown; sources cite ``doc:paragraph`` and link to the appendix.

Corpus text is escaped twice over: ``& < >`` become HTML entities (no raw HTML reaches a
Markdown renderer) and Markdown's own markup characters are backslash-escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain

from analyser.report.content import (
    CitedWork,
    Claim,
    ContestedPassage,
    Gaps,
    ModelSection,
    OpposedClaims,
    PositionSection,
    Quote,
    Review,
    Source,
)
from analyser.report.sources import one_line
from analyser.report.wording import (
    INTRO,
    SECTIONS,
    TITLE,
    claim_qualifiers,
    figure_files,
    model_figure_name,
    more,
    params_text,
    relation,
    rendered_once,
    run_caption,
)

_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))  # "&" first
_MARKUP = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"[-+*](?=\s)|[=>#]|\d+[.)](?=\s|$)")  # matched at the start only
_BLANK_RUNS = re.compile(r"\n\n\n+")  # not \n{3,}: a literal start lets the scan skip ahead


def md(text: object) -> str:
    """``text`` on one line, safe to place inline in Markdown."""
    flat = one_line(str(text))
    for char, entity in _ENTITIES:  # str.replace scans far faster than str.translate
        flat = flat.replace(char, entity)
    if _MARKUP.search(flat):  # most text has no markup: spare it the substitution's set-up
        flat = _MARKUP.sub(r"\\\1", flat)
    return "\\" + flat if _LINE_START.match(flat) else flat


def cite(item: Source) -> str:
    """A ``doc:paragraph`` link to the appendix."""
    return f"[{md(item.label)}](#{item.anchor})"


def _claim(claim: Claim) -> str:
    qualifiers = "; ".join(claim_qualifiers(claim))
    return f"**{md(relation(claim))}** ({md(qualifiers)}): “{md(claim.text)}” {cite(claim.source)}"


def _list(items: Iterable[str], empty: str) -> list[str]:
    lines = [f"- {item}" for item in items]
    return lines or [f"_{empty}_"]


def _more(count: int, what: str) -> list[str]:
    return [f"- _{md(more(count, what))}_"] if count else []


def _heading(level: int, text: str, anchor: str | None = None) -> list[str]:
    marker = f'<a id="{anchor}"></a>' if anchor else ""
    return ["", f"{'#' * level} {marker}{text}", ""]


def _overview(review: Review, figure_dir: str) -> list[str]:
    view = review.overview
    lines = _heading(2, SECTIONS[0][1], SECTIONS[0][0])
    lines.append(" · ".join(f"{count} {md(name)}" for name, count in view.counts))
    lines.append("")
    lines.append(f"- Years covered by the documents: {md(view.years)}")
    lines.append(f"- Years of the cited works: {md(view.cited_years)}")
    genres = ", ".join(f"{md(genre)} ({count})" for genre, count in view.genres)
    lines.append(f"- Genres: {genres or 'none'}")
    lines += _heading(3, "Documents")
    lines.append("| Document | Title | Year | Genre | Words | Citations | Hypotheses |")
    lines.append("|---|---|---|---|---:|---:|---:|")
    for row in view.documents:
        lines.append(
            f"| [{md(row.id)}](#{row.anchor}) | {md(row.title)} | {md(row.year or '–')} | "
            f"{md(row.genre or '–')} | {row.n_words} | {row.n_citations} | {row.n_hypotheses} |"
        )
    for figure in view.figures:
        lines += _heading(3, md(figure.caption))
        lines.append(f"![{md(figure.caption)}]({figure_dir}/{figure.key}.png)")
    return lines


def _quote(quote: Quote) -> str:
    term = f"*{md(quote.term)}*: " if quote.term else ""
    weight = f" (weight {quote.weight:.2f})" if quote.weight is not None else ""
    return f"{term}“{md(quote.text)}” {cite(quote.source)}{weight}"


def _position(section: PositionSection, number: int) -> list[str]:
    lines = _heading(3, f"2.{number} {md(section.label)}")
    facts = []
    if section.known_position:
        facts.append(f"known position: {md(section.known_position)}")
    facts.append(f"confidence {section.confidence:.2f}")
    lines.append(f"_{'; '.join(facts)}_")
    lines.append("")
    terms = ", ".join(md(term) for term in section.terms) or "none"
    lines.append(f"**Signature concepts:** {terms}")
    lines.append("")
    lines.append("**Documents** (weight in each document's position mix):")
    lines.append("")
    lines += _list(
        (f"{md(title)} ({md(doc)}): {weight:.2f}" for doc, title, weight in section.documents),
        "no documents",
    )
    blocks: list[tuple[str, list[str], str]] = [
        (
            "Passages",
            [_quote(q) for q in section.passages],
            more(section.more_passages, "passages"),
        ),
        ("Most-cited works among its documents", [_work(w) for w in section.works], ""),
        (
            "Hypotheses",
            [_claim(c) for c in section.claims],
            more(section.more_claims, "hypotheses"),
        ),
        ("Definitions of its key concepts", [_quote(q) for q in section.definitions], ""),
    ]
    for title, items, rest in blocks:
        lines += ["", f"**{title}**", ""]
        lines += _list(items, "none found")
        if rest:
            lines.append(f"- _{md(rest)}_")
    return lines


def _work(work: CitedWork) -> str:
    plural = "s" if work.count != 1 else ""
    link = f" <{work.link}>" if work.link else ""
    return f"**{md(work.label)}**, {work.count} citation{plural}: {md(work.reference)}{link}"


def _contested(passage: ContestedPassage, number: int) -> list[str]:
    cues = ", ".join(f"“{md(cue)}”" for cue in passage.cues)
    lines = ["", f"{number}. “{md(passage.sentence)}” {cite(passage.source)} (cues: {cues})", ""]
    lines.append("   Claims raised here:")
    lines += [f"   - {_claim(c)}" for c in passage.raised] or ["   - _no hypothesis found here_"]
    lines.append("   Claims it sets them against:")
    lines += [f"   - {_claim(c)}" for c in passage.answered]
    return lines


def _opposed(pair: OpposedClaims, number: int) -> list[str]:
    shared = ", ".join(md(s) for s in pair.shared) or "–"
    return [
        "",
        f"{number}. {md(pair.reason)} (shared: {shared})",
        f"   - {_claim(pair.first)}",
        f"   - {_claim(pair.second)}",
    ]


def _debates(review: Review) -> list[str]:
    lines = _heading(2, SECTIONS[2][1], SECTIONS[2][0])
    lines += _heading(3, "Disagreement signalled in the texts")
    for number, passage in enumerate(review.contested, start=1):
        lines += _contested(passage, number)
    if not review.contested:
        lines.append("_No passage signals disagreement._")
    lines += _more(review.more_contested, "passages")
    lines += _heading(3, "Opposed hypotheses (same cause and effect, conflicting directions)")
    for number, pair in enumerate(review.opposed, start=1):
        lines += _opposed(pair, number)
    if not review.opposed:
        lines.append("_No two hypotheses on the same variables point in opposite directions._")
    lines += _more(review.more_opposed, "pairs")
    return lines


def _model(section: ModelSection, figure_dir: str) -> list[str]:
    lines = _heading(3, f"{md(section.label)} ({md(section.name)})")
    lines.append(f"- Theory: {md(section.theory)}")
    works = "; ".join(md(w) for w in section.works) or "–"
    lines.append(f"- Formalises: {works}")
    for number, run in enumerate(section.runs, start=1):
        lines += ["", f"**Run {number}:** {md(params_text(run.params))}", ""]
        if run.note:
            lines += [f"_Note: {md(run.note)}_", ""]
        if run.png is not None:
            name = model_figure_name(section, number)
            lines += [f"![{md(run_caption(section, run))}]({figure_dir}/{name})", ""]
        if run.predictions:
            lines.append("| Prediction | Verdict | Numbers behind it |")
            lines.append("|---|---|---|")
            for p in run.predictions:
                text = f"{md(p.name)}: {md(p.text)}" if p.name else md(p.text)
                lines.append(f"| {text} | {md(p.verdict or '–')} | {md(p.detail or '–')} |")
            lines.append("")
        if run.summary:
            summary = "; ".join(f"{md(k)} = {md(v)}" for k, v in run.summary)
            lines += [f"Summary: {summary}", ""]
        lines.append("Hypotheses it formalises:")
        lines.append("")
        shown = rendered_once(md, (text for k in run.links for text in (k.prediction, k.verdict)))
        lines += _list(
            (
                f"{_claim(link.claim) if link.claim else md(link.hypothesis)}. "
                f"Prediction: {shown[link.prediction]}. "
                f"**Verdict: {shown[link.verdict]}** (score {link.score:.2f})"
                for link in run.links
            ),
            "no linked hypotheses",
        )
    return lines


def _gaps(gaps: Gaps) -> list[str]:
    lines = _heading(2, SECTIONS[4][1], SECTIONS[4][0])
    parts: list[tuple[str, list[str], list[str]]] = [
        ("Hypotheses without a model", [_claim(c) for c in gaps.unmodelled],
         _more(gaps.more_unmodelled, "hypotheses")),
        ("Concepts without a definition",
         [f"{md(label)} ({count} mentions)" for label, count in gaps.undefined],
         _more(gaps.more_undefined, "concepts")),
        ("Citations never resolved to a reference",
         [f"{md(c.surface)} {cite(c.source)}"
          + (f" (matched to the work {md(c.work)})" if c.work else "")
          for c in gaps.unresolved],
         _more(gaps.more_unresolved, "citations")),
        ("Positions resting on one source",
         [f"{md(label)}: only {md(title)}" for label, title in gaps.single_source], []),
    ]  # fmt: skip
    for title, items, rest in parts:
        lines += _heading(3, title)
        lines += _list(items, "none")
        lines += rest
    return lines


def _appendix(review: Review) -> Iterator[list[str]]:
    """The appendix's heading, then each document's lines."""
    yield _heading(2, SECTIONS[5][1], SECTIONS[5][0])
    for document in review.appendix:
        lines = _heading(3, f"{md(document.title)} ({md(document.id)})", document.anchor)
        for paragraph in document.paragraphs:
            text = f"**{md(paragraph.text)}**" if paragraph.heading else md(paragraph.text)
            label = md(paragraph.source.label)
            lines += [f'<a id="{paragraph.source.anchor}"></a>**{label}** {text}', ""]
        if not document.paragraphs:
            lines.append("_No paragraph of this document is cited._")
        yield lines


def _positions(review: Review) -> list[str]:
    lines = _heading(2, SECTIONS[1][1], SECTIONS[1][0])
    for number, section in enumerate(review.positions, start=1):
        lines += _position(section, number)
    return lines if review.positions else [*lines, "_No positions were found._"]


def _models(review: Review, figure_dir: str) -> Iterator[list[str]]:
    """The models' heading, then each model's lines."""
    heading = _heading(2, SECTIONS[3][1], SECTIONS[3][0])
    yield heading if review.models else [*heading, "_No hypothesis is linked to a model._"]
    for section in review.models:
        yield _model(section, figure_dir)


def render_markdown(review: Review, figure_dir: str) -> str:
    """The review as Markdown; plots are referenced as ``<figure_dir>/<name>.png``."""
    return "".join(markdown_chunks(review, figure_dir))


def markdown_chunks(review: Review, figure_dir: str) -> Iterator[str]:
    """``render_markdown``'s text in pieces, section by section, model by model and document
    by document of the appendix, so that the whole text is never held at once."""
    sections = chain(
        [[f"# {TITLE}", "", INTRO], _overview(review, figure_dir)],
        [_positions(review), _debates(review)],
        _models(review, figure_dir),
        [_gaps(review.gaps)],
        _appendix(review),
    )
    return _tidied(sections)


def _tidied(parts: Iterable[list[str]]) -> Iterator[str]:
    """The lines of all ``parts`` as one text, each run of blank lines made one, stripped and
    ending in a newline; yielded piece by piece, each piece ending at a character that no
    later line can change (the whitespace after it waits for the next part)."""
    held: str | None = None  # whitespace not yet written; None before the first part
    written = False  # leading whitespace is dropped until some text is written
    for lines in parts:
        if not lines:
            continue
        text = "\n".join(lines) if held is None else f"{held}\n" + "\n".join(lines)
        text = _BLANK_RUNS.sub("\n\n", text)
        if not written:
            text = text.lstrip()
        settled = text.rstrip()
        held = text[len(settled) :]
        if settled:
            written = True
            yield settled
    yield "\n"


def markdown_figures(review: Review) -> list[tuple[str, bytes]]:
    """(file name, PNG) of each plot the Markdown refers to."""
    return [(name, png) for name, _, png in figure_files(review)]
