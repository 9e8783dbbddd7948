"""The literature-review report: content, debates, escaping, determinism and the page in Chromium.

Two corpora feed it: the hand-built security-dilemma corpus of ``corpus_fixture`` and the four
sample texts annotated with their gold records (real text, real paragraphs, gold hypotheses,
definitions, citations, references and passage positions).
"""

from __future__ import annotations

import html
import json
import re
import struct
import zlib
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ARTIFACTS
from corpus_fixture import HOSTILE_STRINGS, hostile_corpus, security_dilemma_corpus

from analyser.ingest.paragraphs import document_from_text
from analyser.models.plotting import render_png
from analyser.records import (
    Author,
    Citation,
    Concept,
    ConceptMention,
    Corpus,
    Definition,
    DocResult,
    Document,
    Hypothesis,
    ModelLink,
    PassageAssignment,
    Position,
    Reference,
    Work,
)
from analyser.report import build_review, write_report, write_review
from analyser.report.html import render_html
from analyser.report.plots import PNG_SIGNATURE, strip_png_metadata
from analyser.report.sources import doc_slug

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD_PATH = ROOT.parent / "shared" / "gold" / "seeds_gold.json"

# --- a Corpus of the sample texts from their gold annotations -------------------------------

# (document, start of the hypothesis, model, prediction, verdict, parameters)
GOLD_LINKS = [
    ("000_fa9ae7463e456142", "Large, wealthy allies will pay more", "collective_action",
     "burden_rises_with_income", "supported", {}),
    ("000_fa9ae7463e456142", "Nevertheless, as group size increases", "collective_action",
     "suboptimal_provision_worsens_with_group_size", "supported", {}),
    ("000_fa9ae7463e456142", "The main hypothesis of the Joint Product Model", "joint_product",
     "burdens_follow_benefits", "conditional", {"private_share": 0.5}),
    ("002_9faa3276b9245754", "If conquest is easy", "security_dilemma",
     "offence_dominance_mutual_defection", "supported", {"offence_advantage": 0.8}),
    ("002_9faa3276b9245754", "Other scholars argue", "security_dilemma",
     "revisionism_drives_conflict", "contradicted", {"offence_advantage": 0.8}),
]  # fmt: skip


def _collapsed(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs collapsed to one space, and each character's source offset."""
    chars, offsets = [], []
    for offset, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        offsets.append(offset)
    return "".join(chars), offsets


def _locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets in ``text`` of the ``occurrence``-th match of ``needle`` (whitespace-insensitive)."""
    flat, offsets = _collapsed(text)
    target = " ".join(needle.split())
    position = -1
    for _ in range(occurrence):
        position = flat.index(target, position + 1)
    return offsets[position], offsets[position + len(target) - 1] + 1


def _paragraph(document: Document, offset: int) -> int:
    return max(p.index for p in document.paragraphs if p.start <= offset)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _work_key(reference: dict) -> str:
    family = reference["authors"][0]["family"] if reference["authors"] else "anon"
    first_word = re.findall(r"[a-z]+", (reference["title"] or "").lower()) or ["untitled"]
    return f"{_slug(family)}{reference['year']}{first_word[0]}"


def _gold_result(doc: str, gold: dict) -> DocResult:
    path = CORPUS / f"{doc}.txt"
    document = document_from_text(path.read_text(encoding="utf-8"), doc_id=doc, path=str(path))
    document.title, document.year, document.genre = gold["title"], gold["year"], gold["genre"]
    text = document.text
    references = []
    for index, ref in enumerate(gold["references"]):
        start, end = _locate(text, ref["raw"])
        references.append(
            Reference(
                doc, index, text[start:end], start, end,
                [Author(a["family"], a.get("given") or "") for a in ref["authors"]], [],
                str(ref["year"]), ref["title"], ref["container"], ref["volume"], ref["issue"],
                ref["pages"], ref["publisher"], ref["place"], ref["doi"], None, ref["type"],
                _work_key(ref),
            )
        )  # fmt: skip
    links = {link["citation_surface"]: link["reference_index"] for link in gold["citation_links"]}
    citations = []
    for cit in gold["in_text_citations"]:
        start, end = _locate(text, cit["surface"], cit.get("occurrence") or 1)
        ref_index = links.get(cit["surface"])
        year = str(cit["year"]) if cit["year"] else None
        work = references[ref_index].work if ref_index is not None else None
        citations.append(
            Citation(doc, _paragraph(document, start), start, end, text[start:end],
                     cit["authors"], year, cit["pages"], cit["kind"], ref_index, work)
        )  # fmt: skip
    mentions = []
    for concept, surfaces in gold["concept_surfaces"].items():
        for surface in surfaces:
            pattern = re.compile(rf"\b{re.escape(surface)}\b", re.IGNORECASE)
            for match in pattern.finditer(text):
                mentions.append(
                    ConceptMention(doc, _paragraph(document, match.start()), match.start(),
                                   match.end(), _slug(concept), match.group())
                )  # fmt: skip
    unique_mentions = {(m.start, m.end): m for m in mentions}
    definitions = []
    for definition in gold["definitions"]:
        start, end = _locate(text, definition["text"])
        definitions.append(Definition(doc, definition["term"], start, end, text[start:end]))
    hypotheses = []
    for number, hyp in enumerate(gold["hypotheses"], start=1):
        start, end = _locate(text, hyp["text"])
        hypotheses.append(
            Hypothesis(f"{doc}#h{number}", doc, start, end, text[start:end], hyp["cause"],
                       hyp["effect"], hyp["direction"], hyp["condition"], hyp["hedged"],
                       [hyp["attributed_to"]] if hyp.get("attributed_to") else [], [],
                       hyp["theory"])
        )  # fmt: skip
    return DocResult(
        document, citations, references,
        [unique_mentions[key] for key in sorted(unique_mentions)], definitions, hypotheses,
    )  # fmt: skip


def _gold_passages(results: list[DocResult], gold: dict) -> list[PassageAssignment]:
    passages = []
    for result in results:
        document = result.document
        for passage in gold[f"{document.id}.txt"]["passages"]:
            if passage["position"] == "other/none":
                continue
            start, _ = _locate(document.text, passage["starts_with"])
            paragraph = document.paragraphs[_paragraph(document, start)]
            passages.append(
                PassageAssignment(document.id, paragraph.index, paragraph.start, paragraph.end,
                                  paragraph.text, _slug(passage["position"]), 1.0)
            )  # fmt: skip
    return passages


def _gold_positions(results: list[DocResult], passages: list[PassageAssignment]) -> list[Position]:
    mentions = [m for r in results for m in r.mentions]
    by_position: dict[str, list[PassageAssignment]] = defaultdict(list)
    for passage in passages:
        by_position[passage.position].append(passage)
    per_doc = Counter(p.doc for p in passages)
    positions = []
    for position_id, members in sorted(by_position.items()):
        concepts = Counter(
            m.concept
            for p in members
            for m in mentions
            if m.doc == p.doc and p.start <= m.start < p.end
        )
        docs = Counter(p.doc for p in members)
        label = position_id.replace("-", " ")
        positions.append(
            Position(position_id, label, [c.replace("-", " ") for c, _ in concepts.most_common(5)],
                     label, 1.0, {d: round(n / per_doc[d], 3) for d, n in sorted(docs.items())},
                     len(members))
        )  # fmt: skip
    return positions


def _gold_works(results: list[DocResult]) -> list[Work]:
    works: dict[str, Work] = {}
    for result in results:
        for ref in result.references:
            works.setdefault(
                ref.work,
                Work(ref.work, ref.authors, ref.year, ref.title, ref.container, ref.volume,
                     ref.issue, ref.pages, ref.publisher, ref.place, ref.doi, ref.url, ref.type),
            )  # fmt: skip
    for result in results:
        for citation in result.citations:
            if citation.work in works:
                work = works[citation.work]
                work.n_citations += 1
                work.docs = sorted({*work.docs, result.document.id})
    return [works[key] for key in sorted(works)]


def _gold_concepts(results: list[DocResult]) -> list[Concept]:
    counts = Counter(m.concept for r in results for m in r.mentions)
    docs = Counter(c for r in results for c in {m.concept for m in r.mentions})
    labels = {m.concept: m.concept.replace("-", " ") for r in results for m in r.mentions}
    return [Concept(c, labels[c], "lexicon", [], docs[c], counts[c]) for c in sorted(counts)]


def _gold_links(results: list[DocResult]) -> list[ModelLink]:
    hypotheses = {r.document.id: r.hypotheses for r in results}
    links = []
    for doc, start, model, prediction, verdict, params in GOLD_LINKS:
        hyp = next(h for h in hypotheses[doc] if " ".join(h.text.split()).startswith(start))
        links.append(ModelLink(hyp.id, model, prediction, 0.8, verdict, params))
    return links


def gold_corpus() -> Corpus:
    """The four sample texts with their gold records as extraction results."""
    gold = json.loads(GOLD_PATH.read_text(encoding="utf-8"))["documents"]
    results = [_gold_result(name.removesuffix(".txt"), gold[name]) for name in sorted(gold)]
    passages = _gold_passages(results, gold)
    return Corpus(
        results=results,
        works=_gold_works(results),
        concepts=_gold_concepts(results),
        positions=_gold_positions(results, passages),
        passages=passages,
        links=_gold_links(results),
    )


# --- helpers ----------------------------------------------------------------------------------


class PageStructure(HTMLParser):
    """Every tag, attribute, id and in-page link of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.attributes: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
            if name == "id":
                self.ids.add(value or "")

    @property
    def links(self) -> list[str]:
        return [value for tag, name, value in self.attributes if tag == "a" and name == "href"]


def _structure(page: str) -> PageStructure:
    parser = PageStructure()
    parser.feed(page)
    return parser


def _text(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def gold_review():
    return build_review(gold_corpus())


@pytest.fixture(scope="module")
def gold_report(tmp_path_factory, gold_review) -> Path:
    folder = tmp_path_factory.mktemp("gold-report")
    write_review(gold_review, folder)
    return folder


@pytest.fixture(scope="module")
def fixture_review():
    return build_review(security_dilemma_corpus())


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-report")
    write_report(hostile_corpus(), folder)
    return folder


# --- content ----------------------------------------------------------------------------------


def test_report_names_documents_positions_models_and_verdicts(gold_report):
    corpus = gold_corpus()
    markdown, page = _text(gold_report, "report.md"), _text(gold_report, "report.html")
    for result in corpus.results:
        assert html.escape(result.document.title) in page
        assert result.document.title in markdown
    for position in corpus.positions:
        assert html.escape(position.label) in page
        assert position.label in markdown
    # each linked model with the hypothesis it formalises and the link's verdict
    assert "Collective action / pure public good alliance (collective_action)" in page
    assert "Security dilemma game (offence-defence balance) (security_dilemma)" in page
    models = page[page.index('id="models"') : page.index('id="gaps"')]
    assert "Large, wealthy allies will pay more, small allies less." in models
    assert 'verdict <span class="tag verdict-supported">supported</span>' in models
    assert 'verdict <span class="tag verdict-contradicted">contradicted</span>' in models
    assert "**Verdict: supported**" in markdown
    assert models.count("data:image/png;base64,") == 3  # one plot per model run


def _contested(review, doc: str, paragraph: int):
    return next(
        p for p in review.contested if (p.source.doc, p.source.paragraph) == (doc, paragraph)
    )


def test_debates_found_in_the_sample_texts(gold_review):
    review = gold_review
    essay = _contested(review, "000_fa9ae7463e456142", 9)
    assert "appear to contradict each other" in essay.sentence
    assert any("shared unevenly among allies" in c.text for c in essay.raised)
    assert any("no limits to the size of an alliance" in c.text for c in essay.answered)
    assert any("as group size increases, free riding" in c.text for c in essay.answered)
    entry = _contested(review, "002_9faa3276b9245754", 17)
    assert {"other scholars argue", "largely irrelevant"} <= set(entry.cues)
    assert any("revisionist powers seeking to maximize power" in c.text for c in entry.raised)
    assert "security dilemma is the most important source of conflict" in entry.answered[0].text
    # no passage without a contrast to claims is reported ("However, I did find ...")
    assert all(p.source != essay.source or p is essay for p in review.contested)
    assert not any("I did find a couple" in p.sentence for p in review.contested)


def test_debate_pair_is_rendered_with_both_sides_and_sources(gold_report):
    markdown, page = _text(gold_report, "report.md"), _text(gold_report, "report.html")
    debates = page[page.index('id="debates"') : page.index('id="models"')]
    assert "appear to contradict each other" in debates
    assert "Claims raised here" in debates and "Claims it sets them against" in debates
    assert 'href="#doc-000_fa9ae7463e456142-p9"' in debates
    assert 'href="#doc-002_9faa3276b9245754-p17"' in debates
    assert "[000\\_fa9ae7463e456142:9](#doc-000_fa9ae7463e456142-p9)" in markdown


def _claim_doc(texts: list[tuple[str, str, str, str]]) -> DocResult:
    """A one-paragraph-per-claim document with (sentence, cause, effect, direction) claims."""
    text = "\n\n".join(sentence for sentence, *_ in texts) + "\n"
    document = document_from_text(text, doc_id="claims", path="claims.txt")
    hypotheses = []
    for number, (sentence, cause, effect, sign) in enumerate(texts, start=1):
        start = text.index(sentence)
        hypotheses.append(
            Hypothesis(f"claims#h{number}", "claims", start, start + len(sentence), sentence,
                       cause, effect, sign)
        )  # fmt: skip
    return DocResult(document, hypotheses=hypotheses)


def test_opposed_claims_need_the_same_cause_and_effect_and_opposite_signs():
    result = _claim_doc(
        [
            ("Military alliances reduce the risk of war.", "military alliances", "risk of war",
             "-"),
            ("Military alliances raise the risk of war.", "military alliances", "risk of war",
             "+"),
            ("Military alliances do not affect the risk of war.", "military alliances",
             "risk of war", "0"),
            ("If conquest is easy, the security dilemma is intense.", "ease of conquest",
             "intensity of the security dilemma", "+"),
            ("If conquest is difficult, the security dilemma is mild.", "difficulty of conquest",
             "intensity of the security dilemma", "-"),
            ("Trade lowers the risk of war.", "trade", "risk of war", "-"),
        ]
    )  # fmt: skip
    review = build_review(Corpus(results=[result]))
    pairs = {(p.first.id, p.second.id): p for p in review.opposed}
    assert set(pairs) == {("claims#h1", "claims#h2"), ("claims#h1", "claims#h3"),
                          ("claims#h2", "claims#h3")}  # fmt: skip
    assert "opposite signs" in pairs["claims#h1", "claims#h2"].reason
    assert "denies the effect" in pairs["claims#h1", "claims#h3"].reason
    assert {"alliances", "war"} <= set(pairs["claims#h1", "claims#h2"].shared)


def test_positions_show_terms_documents_passages_works_claims_and_definitions(fixture_review):
    realism = next(s for s in fixture_review.positions if s.id == "p0")
    assert realism.terms == ["security dilemma", "arms race", "anarchy"]
    assert [doc for doc, _, _ in realism.documents] == ["offence-defence", "wivel2011"]
    assert realism.passages[0].source.label == "wivel2011:3"  # the heaviest passage first
    assert realism.works[0].label == "Jervis 1978"
    assert "World Politics 30(2): 167-214" in realism.works[0].reference
    assert realism.works[0].link == "https://doi.org/10.2307/2009958"
    assert {c.id for c in realism.claims} == {"offence-defence#h1", "wivel2011#h1", "wivel2011#h2"}
    assert [q.term for q in realism.definitions] == ["security dilemma"]


def test_gaps_list_unmodelled_claims_undefined_concepts_loose_citations_thin_positions(
    gold_review,
):
    gaps = gold_review.gaps
    linked = {h for _, h, *_ in GOLD_LINKS}
    assert all(not any(c.text.startswith(start) for start in linked) for c in gaps.unmodelled)
    undefined = dict(gaps.undefined)
    assert "alliance formation" in undefined and "security dilemma" not in undefined
    loose = [c.surface for c in gaps.unresolved]
    assert "Mancur Olsen 1971" in loose  # cited, missing from the essay's reference list
    assert "(Barnett and Levy 1991, p. 370)" not in loose
    single = dict(gaps.single_source)
    assert single["alliance formation game theory"].startswith("Asymmetric burden-sharing")
    assert "structural realism" not in single


def test_supplied_model_runs_and_unknown_models(tmp_path):
    corpus = security_dilemma_corpus()
    corpus.links.append(ModelLink("wivel2011#h1", "spiral_model", "arming provokes arming", 0.5,
                                  "untested"))  # fmt: skip
    plot = render_png(lambda figure: figure.add_subplot().plot([0, 1], [1, 0]))
    supplied = {
        "collective_action": {
            "theory": "collective action / public goods",
            "summary": {"total_defence": 6.0, "regions": [{"from": 0.1, "to": 0.2}]},
            "png": plot,
            "predictions": [
                {
                    "name": "burden_rises_with_income",
                    "text": "Burden rises with income.",
                    "verdict": "true",
                    "detail": "rho = 0.89",
                },
                "Provision falls short of the efficient level.",
            ],
        },
        "broken_plot": {"theory": "t", "summary": {}, "png": b"GIF89a", "predictions": []},
    }
    review = build_review(corpus, supplied)
    sections = {section.name: section for section in review.models}
    assert set(sections) == {"broken_plot", "collective_action", "security_dilemma", "spiral_model"}
    supplied_run = sections["collective_action"].runs[0]
    assert supplied_run.png == strip_png_metadata(plot)
    assert ("regions", "from=0.1, to=0.2") in supplied_run.summary
    assert [p.verdict for p in supplied_run.predictions] == ["true", None]
    assert supplied_run.links[0].claim.id == "burden-sharing#h1"
    assert sections["broken_plot"].runs[0].png is None
    assert "not a PNG image" in sections["broken_plot"].runs[0].note
    assert sections["spiral_model"].runs[0].note == "not a registered model"
    # registry runs: one per distinct parameter set, named predictions shown with their text
    runs = sections["security_dilemma"].runs
    assert [run.params["distinguishability"] for run in runs] == [0.0, 0.8]
    assert all(run.png and run.png.startswith(PNG_SIGNATURE) for run in runs)
    assert runs[1].links[0].verdict == "supported"
    written = write_report(corpus, tmp_path, supplied)
    assert {p.name for p in written} >= {
        "report.md",
        "report.html",
        "model-collective_action-1.png",
    }


def test_rejected_link_parameters_fall_back_to_defaults(fixture_review):
    run = next(s for s in fixture_review.models if s.name == "collective_action").runs[0]
    assert "no parameter 'n_allies'" in run.note  # the fixture's link names no real parameter
    assert run.params["incomes"] == [10.0, 8.0, 6.0, 4.0, 2.0] and run.png is not None
    page = render_html(fixture_review)
    assert "no parameter &#x27;n_allies&#x27;" in page
    assert "the model&#x27;s defaults were used" in page


# --- safety, links and determinism ------------------------------------------------------------

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "nav", "ol", "ul", "li", "a",
    "main", "section", "h1", "h2", "h3", "h4", "p", "div", "span", "strong", "br", "table",
    "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "img", "dl", "dt", "dd",
}  # fmt: skip


def test_hostile_corpus_text_is_escaped_everywhere(hostile_report):
    page, markdown = _text(hostile_report, "report.html"), _text(hostile_report, "report.md")
    for text in (page, markdown):
        for hostile in HOSTILE_STRINGS:
            assert hostile not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text  # present, but as text
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    structure = _structure(page)
    assert set(structure.tags) <= ALLOWED_TAGS
    assert structure.tags["script"] == 0
    for tag, name, value in structure.attributes:
        assert not name.startswith("on"), (tag, name)
        assert "javascript:" not in value.lower(), (tag, name, value)
        if name == "src":
            assert value.startswith("data:image/png;base64,")
        if name == "href":
            assert value.startswith(("#", "https://", "http://")), value
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "img-src data:" in csp
    assert "unsafe-inline" not in csp and "script-src" not in csp


def test_every_link_resolves_within_the_file(gold_report):
    page = _text(gold_report, "report.html")
    structure = _structure(page)
    internal = [link for link in structure.links if link.startswith("#")]
    assert len(internal) > 100
    assert {link[1:] for link in internal} <= structure.ids
    assert "doc-000_fa9ae7463e456142-p9" in structure.ids
    markdown = _text(gold_report, "report.md")
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', markdown))
    targets = set(re.findall(r"\]\(#([^)]+)\)", markdown))
    assert targets and targets <= anchors
    for name in re.findall(r"\]\((report_figures/[^)]+\.png)\)", markdown):
        assert (gold_report / name).read_bytes().startswith(PNG_SIGNATURE)


def test_empty_corpus_and_dangling_sources_still_give_a_whole_report(tmp_path):
    written = write_report(Corpus(), tmp_path / "empty")
    assert [p.name for p in written] == ["report.md", "report.html"]
    assert "No positions were found." in _text(tmp_path / "empty", "report.html")
    corpus = security_dilemma_corpus()
    corpus.passages.append(
        PassageAssignment("lost-doc", 4, 0, 10, "A passage of a document not in the corpus.",
                          "p0", 0.4)
    )  # fmt: skip
    write_report(corpus, tmp_path / "dangling")
    structure = _structure(_text(tmp_path / "dangling", "report.html"))
    assert "doc-lost-doc-p4" in structure.ids
    assert {link[1:] for link in structure.links if link.startswith("#")} <= structure.ids


def test_document_ids_that_are_not_html_ids_get_safe_anchors():
    assert doc_slug("000_fa9ae7463e456142") == "000_fa9ae7463e456142"
    odd = doc_slug('a b/"c"')
    assert re.fullmatch(r"[A-Za-z0-9_-]+", odd) and odd != doc_slug("a b c")
    # a document called "essay-p1" must not share an anchor with paragraph 1 of "essay"
    assert doc_slug("essay-p1") != "essay-p1"


def test_two_writes_are_byte_identical(tmp_path, fixture_review):
    first = write_review(fixture_review, tmp_path / "one")
    second = write_report(security_dilemma_corpus(), tmp_path / "two")
    assert [p.relative_to(tmp_path / "one") for p in first] == [
        p.relative_to(tmp_path / "two") for p in second
    ]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    for path in first:
        if path.suffix == ".png":
            assert b"tEXt" not in path.read_bytes() and b"tIME" not in path.read_bytes()


def test_png_metadata_is_stripped_and_non_png_rejected():
    plot = render_png(lambda figure: figure.add_subplot().plot([0, 1]))
    end = plot.index(b"IEND") - 4
    chunk = b"tEXt" + b"Creation Time\x002024-01-01"
    tagged = plot[:33] + struct.pack(">I", len(chunk) - 4) + chunk
    tagged += struct.pack(">I", zlib.crc32(chunk)) + plot[33:]
    assert b"Creation Time" in tagged and end > 0
    assert strip_png_metadata(tagged) == plot
    with pytest.raises(ValueError):
        strip_png_metadata(b"<svg onload=alert(1)>")
    with pytest.raises(ValueError):
        strip_png_metadata(plot[:-5])


# --- in the browser ---------------------------------------------------------------------------


def _load(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    events = {"errors": [], "dialogs": [], "requests": []}
    page.on("console", lambda m: m.type == "error" and events["errors"].append(m.text))
    page.on("pageerror", lambda error: events["errors"].append(str(error)))
    page.on("dialog", lambda dialog: (events["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: events["requests"].append(request.url))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, events


@pytest.mark.browser
def test_report_opens_in_chromium_with_plots_visible(browser, gold_report):
    page, events = _load(browser, gold_report / "report.html")
    sizes = page.evaluate(
        "Array.from(document.images).map(img => [img.complete, img.naturalWidth, img.width])"
    )
    assert len(sizes) == 6
    assert all(complete and natural > 0 and shown > 0 for complete, natural, shown in sizes)
    assert page.locator("#debates .card.debate").count() >= 2
    page.click('a[href="#doc-000_fa9ae7463e456142-p9"] >> nth=0')
    assert page.evaluate("location.hash") == "#doc-000_fa9ae7463e456142-p9"
    assert page.locator("#doc-000_fa9ae7463e456142-p9").is_visible()
    page.evaluate("window.scrollTo(0, 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=False)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert events["errors"] == [] and events["dialogs"] == []
    assert all(url.startswith(("file://", "data:")) for url in events["requests"])
    page.close()


@pytest.mark.browser
def test_hostile_report_fires_no_dialog_in_chromium(browser, hostile_report):
    page, events = _load(browser, hostile_report / "report.html")
    page.wait_for_timeout(200)
    assert events["dialogs"] == [] and events["errors"] == []
    assert page.locator("img").count() == page.evaluate(
        "Array.from(document.images).filter(img => img.naturalWidth > 0).length"
    )
    page.close()
