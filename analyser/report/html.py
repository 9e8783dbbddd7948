"""report.html: the review as one self-contained page (inline CSS, plots as PNG data URIs).

All corpus text passes through ``html.escape``; links are either in-page anchors built from
sanitised ids or http(s) URLs that were checked. A Content-Security-Policy allows nothing but
the page's own stylesheet (by hash) and data-URI images: no scripts, no remote loads.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Iterator
from html import escape
from importlib import resources

from analyser.report.content import (
    CitedWork,
    Claim,
    ContestedPassage,
    Gaps,
    ModelRunView,
    ModelSection,
    OpposedClaims,
    Overview,
    PositionSection,
    Quote,
    Review,
    Source,
)
from analyser.report.plots import png_size
from analyser.report.wording import (
    INTRO,
    SECTIONS,
    TITLE,
    claim_qualifiers,
    direction,
    more,
    params_text,
    relation,
    rendered_once,
    run_caption,
)

_DIRECTION_CLASS = {"+": "dir-plus", "-": "dir-minus", "−": "dir-minus", "0": "dir-zero"}
_VERDICT_CLASS = {
    "supported": "verdict-supported",
    "true": "verdict-true",
    "contradicted": "verdict-contradicted",
    "false": "verdict-false",
    "conditional": "verdict-conditional",
}


def stylesheet() -> str:
    """The page's CSS."""
    return resources.files("analyser.report").joinpath("report.css").read_text(encoding="utf-8")


def content_security_policy(css: str) -> str:
    """A policy allowing only this stylesheet (by hash) and data-URI images."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def e(text: object) -> str:
    """Escaped text for element content and attribute values."""
    return escape(str(text), quote=True)


def cite(item: Source) -> str:
    """A link to the cited paragraph in the appendix."""
    return f'<a class="src" href="#{item.anchor}">{e(item.label)}</a>'


def _tag(text: str, css_class: str = "") -> str:
    classes = f"tag {css_class}".strip()
    return f'<span class="{classes}">{e(text)}</span>'


def _verdict(verdict: str | None) -> str:
    text = verdict or "–"
    return _tag(text, _VERDICT_CLASS.get(text.lower(), ""))


def _items(items: Iterable[str], empty: str = "none found") -> str:
    rows = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul class="items">{rows}</ul>' if rows else f'<p class="empty">{e(empty)}</p>'


def _more(count: int, what: str) -> str:
    return f'<p class="empty">{e(more(count, what))}</p>' if count else ""


def _claim(claim: Claim) -> str:
    qualifiers = claim_qualifiers(claim)
    tags = _tag(direction(claim), _DIRECTION_CLASS.get(claim.direction, "dir-other"))
    tags += "".join(" " + _tag(q) for q in qualifiers[1:])
    return (
        f'<span class="relation">{e(relation(claim))}</span> {tags}<br>'
        f'<span class="quote">{e(claim.text)}</span> {cite(claim.source)}'
    )


def _quote(quote: Quote) -> str:
    term = f"<strong>{e(quote.term)}</strong>: " if quote.term else ""
    weight = " " + _tag(f"weight {quote.weight:.2f}") if quote.weight is not None else ""
    return f'{term}<span class="quote">{e(quote.text)}</span> {cite(quote.source)}{weight}'


def _figure(png: bytes, caption: str) -> str:
    width, height = png_size(png)
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" width="{width}" height="{height}" '
        f'alt="{e(caption)}"><figcaption>{e(caption)}</figcaption></figure>'
    )


def _section(key: str, body: str) -> str:
    return f"{_section_start(key)}{body}{_SECTION_END}"


def _section_start(key: str) -> str:
    return f'<section id="{key}"><h2>{e(dict(SECTIONS)[key])}</h2>'


_SECTION_END = "</section>"


def _overview(view: Overview) -> str:
    counts = " · ".join(f"{count} {e(name)}" for name, count in view.counts)
    genres = ", ".join(f"{e(genre)} ({count})" for genre, count in view.genres) or "none"
    facts = (
        f'<dl class="facts"><dt>Years covered</dt><dd>{e(view.years)}</dd>'
        f"<dt>Cited works published</dt><dd>{e(view.cited_years)}</dd>"
        f"<dt>Genres</dt><dd>{genres}</dd></dl>"
    )
    rows = "".join(
        f'<tr><td><a href="#{row.anchor}">{e(row.id)}</a></td><td>{e(row.title)}</td>'
        f"<td>{e(row.year or '–')}</td><td>{e(row.genre or '–')}</td>"
        f'<td class="num">{row.n_words}</td><td class="num">{row.n_citations}</td>'
        f'<td class="num">{row.n_hypotheses}</td></tr>'
        for row in view.documents
    )
    table = (
        "<h3>Documents</h3><table><thead><tr><th>Document</th><th>Title</th><th>Year</th>"
        "<th>Genre</th><th>Words</th><th>Citations</th><th>Hypotheses</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    figures = "".join(_figure(f.png, f.caption) for f in view.figures)
    plots = f'<h3>Plots</h3><div class="figures">{figures}</div>' if figures else ""
    return _section("overview", f'<p class="counts">{counts}</p>{facts}{table}{plots}')


def _work(work: CitedWork) -> str:
    plural = "s" if work.count != 1 else ""
    link = f' <a href="{e(work.link)}" rel="noreferrer">{e(work.link)}</a>' if work.link else ""
    label = f"<strong>{e(work.label)}</strong>, {work.count} citation{plural}"
    return f"{label}: {e(work.reference)}{link}"


def _position(section: PositionSection, number: int) -> str:
    facts = []
    if section.known_position:
        facts.append(f"known position: {e(section.known_position)}")
    facts.append(f"confidence {section.confidence:.2f}")
    terms = ", ".join(e(term) for term in section.terms) or "none"
    documents = _items(
        (f"{e(title)} ({e(doc)}) {_tag(f'weight {weight:.2f}')}"
         for doc, title, weight in section.documents),
        "no documents",
    )  # fmt: skip
    blocks = [
        ("Passages", _items(_quote(q) for q in section.passages)
         + _more(section.more_passages, "passages")),
        ("Most-cited works among its documents", _items(_work(w) for w in section.works)),
        ("Hypotheses", _items(_claim(c) for c in section.claims)
         + _more(section.more_claims, "hypotheses")),
        ("Definitions of its key concepts", _items(_quote(q) for q in section.definitions)),
    ]  # fmt: skip
    body = "".join(f"<h4>{e(title)}</h4>{content}" for title, content in blocks)
    return (
        f'<div class="card" id="position-{number}"><h3>2.{number} {e(section.label)}</h3>'
        f'<p class="counts">{"; ".join(facts)}</p>'
        f"<p><strong>Signature concepts:</strong> {terms}</p>"
        f"<h4>Documents (weight in each document's position mix)</h4>{documents}{body}</div>"
    )


def _contested(passage: ContestedPassage) -> str:
    cues = " ".join(_tag(cue) for cue in passage.cues)
    raised = _items((_claim(c) for c in passage.raised), "no hypothesis found here")
    answered = _items(_claim(c) for c in passage.answered)
    return (
        f'<div class="card debate"><p><span class="quote">{e(passage.sentence)}</span> '
        f"{cite(passage.source)}</p><p>Cues: {cues}</p>"
        f'<div class="sides"><div><h4>Claims raised here</h4>{raised}</div>'
        f"<div><h4>Claims it sets them against</h4>{answered}</div></div></div>"
    )


def _opposed(pair: OpposedClaims) -> str:
    shared = ", ".join(e(s) for s in pair.shared) or "–"
    return (
        f'<div class="card debate"><p><strong>{e(pair.reason)}</strong> '
        f'<span class="counts">shared: {shared}</span></p>'
        f'<div class="sides"><div>{_claim(pair.first)}</div><div>{_claim(pair.second)}</div>'
        "</div></div>"
    )


def _debates(review: Review) -> str:
    contested = "".join(_contested(p) for p in review.contested) or (
        '<p class="empty">No passage signals disagreement.</p>'
    )
    opposed = "".join(_opposed(p) for p in review.opposed) or (
        '<p class="empty">No two hypotheses on the same variables point in opposite directions.</p>'
    )
    return _section(
        "debates",
        f"<h3>Disagreement signalled in the texts</h3>{contested}"
        f"{_more(review.more_contested, 'passages')}"
        "<h3>Opposed hypotheses (same cause and effect, conflicting directions)</h3>"
        f"{opposed}{_more(review.more_opposed, 'pairs')}",
    )


def _run(section: ModelSection, run: ModelRunView, number: int) -> str:
    parts = [f"<h4>Run {number}: {e(params_text(run.params))}</h4>"]
    if run.note:
        parts.append(f'<p class="empty">Note: {e(run.note)}</p>')
    if run.png is not None:
        parts.append(_figure(run.png, run_caption(section, run)))
    if run.predictions:
        rows = "".join(
            f"<tr><td>{f'<strong>{e(p.name)}</strong>: ' if p.name else ''}{e(p.text)}</td>"
            f"<td>{_verdict(p.verdict)}</td><td>{e(p.detail or '–')}</td></tr>"
            for p in run.predictions
        )
        parts.append(
            "<table><thead><tr><th>Prediction</th><th>Verdict</th><th>Numbers behind it</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
    if run.summary:
        summary = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in run.summary)
        parts.append(f'<dl class="facts">{summary}</dl>')
    predictions = rendered_once(e, (link.prediction for link in run.links))
    verdicts = rendered_once(_verdict, (link.verdict for link in run.links))
    links = _items(
        (
            f"{_claim(link.claim) if link.claim else e(link.hypothesis)}<br>"
            f"Prediction: {predictions[link.prediction]} · verdict {verdicts[link.verdict]} "
            f"{_tag(f'score {link.score:.2f}')}"
            for link in run.links
        ),
        "no linked hypotheses",
    )
    parts.append(f"<h4>Hypotheses it formalises</h4>{links}")
    return "".join(parts)


def _model(section: ModelSection) -> str:
    works = "; ".join(e(w) for w in section.works) or "–"
    runs = "".join(_run(section, run, n) for n, run in enumerate(section.runs, start=1))
    return (
        f'<div class="card model"><h3>{e(section.label)} ({e(section.name)})</h3>'
        f'<dl class="facts"><dt>Theory</dt><dd>{e(section.theory)}</dd>'
        f"<dt>Formalises</dt><dd>{works}</dd></dl>{runs}</div>"
    )


def _gaps(gaps: Gaps) -> str:
    unresolved = (
        f"{e(c.surface)} {cite(c.source)}"
        + (f" (matched to the work {e(c.work)})" if c.work else "")
        for c in gaps.unresolved
    )
    parts = [
        ("Hypotheses without a model", _items((_claim(c) for c in gaps.unmodelled), "none")
         + _more(gaps.more_unmodelled, "hypotheses")),
        ("Concepts without a definition",
         _items((f"{e(label)} {_tag(f'{count} mentions')}" for label, count in gaps.undefined),
                "none") + _more(gaps.more_undefined, "concepts")),
        ("Citations never resolved to a reference", _items(unresolved, "none")
         + _more(gaps.more_unresolved, "citations")),
        ("Positions resting on one source",
         _items((f"{e(label)}: only {e(title)}" for label, title in gaps.single_source), "none")),
    ]  # fmt: skip
    return _section("gaps", "".join(f"<h3>{e(title)}</h3>{body}" for title, body in parts))


def _appendix(review: Review) -> Iterator[str]:
    """The appendix section in pieces: its opening, each document, its end."""
    yield _section_start("appendix")
    for document in review.appendix:
        paragraphs = (
            "".join(
                f'<p class="para{" heading" if p.heading else ""}" id="{p.source.anchor}">'
                f"{cite(p.source)} {e(p.text)}</p>"
                for p in document.paragraphs
            )
            or '<p class="empty">No paragraph of this document is cited.</p>'
        )
        yield (
            f'<div class="appendix-doc" id="{document.anchor}">'
            f"<h3>{e(document.title)} ({e(document.id)})</h3>{paragraphs}</div>"
        )
    yield _SECTION_END


def render_html(review: Review) -> str:
    """The review as one self-contained HTML page."""
    return "".join(html_chunks(review))


def html_chunks(review: Review) -> Iterator[str]:
    """``render_html``'s page in pieces, section by section, model by model and document by
    document of the appendix, so that the whole page is never held at once."""
    css = stylesheet()
    toc = "".join(f'<li><a href="#{key}">{e(title)}</a></li>' for key, title in SECTIONS)
    yield (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(css)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(TITLE)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<header><h1>{e(TITLE)}</h1><p class="intro">{e(INTRO)}</p>'
        f'<nav aria-label="Contents"><ol>{toc}</ol></nav></header>\n'
        "<main>\n"
    )
    yield _overview(review.overview)
    positions = "".join(_position(s, n) for n, s in enumerate(review.positions, start=1))
    yield _section("positions", positions or '<p class="empty">No positions were found.</p>')
    yield _debates(review)
    yield _section_start("models")
    yield from map(_model, review.models)
    if not review.models:
        yield '<p class="empty">No hypothesis is linked to a model.</p>'
    yield _SECTION_END
    yield _gaps(review.gaps)
    yield from _appendix(review)
    yield "\n</main>\n</body>\n</html>\n"
