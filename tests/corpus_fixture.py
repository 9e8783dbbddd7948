"""A small, realistic Corpus of the security-dilemma and alliance literature, built by hand."""

from __future__ import annotations

import re

from analyser.ingest.paragraphs import document_from_text
from analyser.records import (
    Author,
    Citation,
    Concept,
    ConceptMention,
    CoOccurrence,
    Corpus,
    Definition,
    DocConcept,
    DocResult,
    Document,
    Hypothesis,
    ModelLink,
    PassageAssignment,
    Position,
    Reference,
    Work,
)

WIVEL_TEXT = """Security dilemma

A security dilemma is a situation where the actions taken by a state to increase its own \
security cause reactions from other states, which leads to a decrease rather than an increase \
in the state's security.

The concept was first described by Herbert Butterfield (1949) and named by Herz (1950). In an \
anarchic system each state must take care of its own security. Because of anarchy, other states \
will follow suit if one state arms, and an arms race follows.

Jervis (1978) showed that the security dilemma is less severe when defensive weapons can be \
distinguished from offensive ones. Glaser (1997) revisits the argument.

Further Readings

Butterfield, Herbert (1949) Christianity and History. London: G. Bell and Sons.
Glaser, Charles L. (1997) 'The Security Dilemma Revisited', World Politics 50(1): 171-201.
Herz, John (1950) 'Idealist Internationalism and the Security Dilemma', World Politics \
2(2): 157-180.
Jervis, Robert (1978) 'Cooperation under the Security Dilemma', World Politics 30(2): 167-214.
"""

ALLIANCE_TEXT = """Explaining burden sharing in international security alliances

Alliances are formed to provide security, which Olson and Zeckhauser (1966) treat as a pure \
public good: once provided it benefits every member of the alliance.

Larger allies bear a disproportionate share of the burden of common defence, because smaller \
allies free ride on their contributions (Olson and Zeckhauser 1966).

Sandler (1993) shows that when defence yields ally-specific benefits, free riding declines.

References

Olson, Mancur and Richard Zeckhauser (1966) 'An Economic Theory of Alliances', The Review of \
Economics and Statistics 48(3): 266-279.
Sandler, Todd (1993) 'The Economic Theory of Alliances: A Survey', Journal of Conflict \
Resolution 37(3): 446-483.
"""

OFFENCE_TEXT = """Offence, defence and the security dilemma

When offence has the advantage, the security dilemma intensifies and arms races become more \
likely (Jervis 1978).

Booth and Wheeler (2008) argue that trust can mitigate the security dilemma.
"""

CONCEPTS = {
    "security-dilemma": ("security dilemma", ["defensive realism"]),
    "anarchy": ("anarchy", ["structural realism"]),
    "arms-race": ("arms race", ["defensive realism"]),
    "offence-defence-balance": ("offence-defence balance", ["defensive realism"]),
    "alliance": ("alliance", ["neorealism"]),
    "burden-sharing": ("burden sharing", ["collective action"]),
    "free-riding": ("free riding", ["collective action"]),
    "public-good": ("public good", ["collective action"]),
    "trust": ("trust", ["constructivism"]),
}
SURFACES = {
    "security-dilemma": ["security dilemma"],
    "anarchy": ["anarchy", "anarchic"],
    "arms-race": ["arms race", "arms races"],
    "offence-defence-balance": ["offence has the advantage", "distinguished from offensive"],
    "alliance": ["alliances", "alliance", "allies"],
    "burden-sharing": ["burden sharing", "burden of common defence"],
    "free-riding": ["free ride", "free riding"],
    "public-good": ["public good"],
    "trust": ["trust"],
}

MODELS = [
    {
        "name": "collective_action",
        "label": "Collective action: pure public good (Olson–Zeckhauser)",
        "theory": "collective action",
        "works": ["Olson and Zeckhauser 1966"],
    },
    {
        "name": "joint_product",
        "label": "Joint product model (Sandler)",
        "theory": "collective action",
        "works": ["Sandler 1977"],
    },
    {
        "name": "security_dilemma",
        "label": "Security dilemma game (Jervis)",
        "theory": "defensive realism",
        "works": ["Jervis (1978)"],
    },
]


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _paragraph_of(document: Document, offset: int) -> int:
    return next(p.index for p in document.paragraphs if p.start <= offset < p.end)


def _citation(document: Document, surface: str, authors: list[str], year: str | None, work: str):
    start, end = _span(document.text, surface)
    kind = "parenthetical" if surface.startswith("(") else "narrative"
    return Citation(
        document.id, _paragraph_of(document, start), start, end, surface, authors, year, None, kind,
        None, work,
    )  # fmt: skip


def _mentions(document: Document) -> list[ConceptMention]:
    found = []
    for concept, surfaces in SURFACES.items():
        for surface in surfaces:
            pattern = re.compile(rf"\b{re.escape(surface)}\b", re.IGNORECASE)
            for match in pattern.finditer(document.text):
                paragraph = _paragraph_of(document, match.start())
                found.append(
                    ConceptMention(
                        document.id, paragraph, match.start(), match.end(), concept, match.group()
                    )
                )
    unique = {(m.start, m.end): m for m in found}
    return [unique[key] for key in sorted(unique)]


def _hypothesis(document: Document, number: int, sentence: str, **fields) -> Hypothesis:
    start, end = _span(document.text, sentence)
    return Hypothesis(f"{document.id}#h{number}", document.id, start, end, sentence, **fields)


def _reference(document: Document, index: int, line_start: str, work: Work) -> Reference:
    start = document.text.index(line_start)
    end = document.text.index("\n", start)
    return Reference(
        document.id, index, document.text[start:end], start, end, list(work.authors), [],
        work.year, work.title, work.container, work.volume, work.issue, work.pages,
        work.publisher, work.place, work.doi, work.url, work.type, work.key,
    )  # fmt: skip


def _works() -> dict[str, Work]:
    works = [
        Work("butterfield1949christianity", [Author("Butterfield", "Herbert")], "1949",
             "Christianity and History", publisher="G. Bell and Sons", place="London", type="book"),
        Work("glaser1997security", [Author("Glaser", "Charles L.")], "1997",
             "The Security Dilemma Revisited", "World Politics", "50", "1", "171-201",
             doi="10.1017/S0043887100014763", type="article"),
        Work("herz1950idealist", [Author("Herz", "John H.")], "1950",
             "Idealist Internationalism and the Security Dilemma", "World Politics", "2", "2",
             "157-180", doi="10.2307/2009187", type="article"),
        Work("jervis1978cooperation", [Author("Jervis", "Robert")], "1978",
             "Cooperation under the Security Dilemma", "World Politics", "30", "2", "167-214",
             doi="10.2307/2009958", type="article"),
        Work("olson1966economic", [Author("Olson", "Mancur"), Author("Zeckhauser", "Richard")],
             "1966", "An Economic Theory of Alliances", "The Review of Economics and Statistics",
             "48", "3", "266-279", url="https://www.jstor.org/stable/1927082", type="article"),
        Work("sandler1993economic", [Author("Sandler", "Todd")], "1993",
             "The Economic Theory of Alliances: A Survey", "Journal of Conflict Resolution",
             "37", "3", "446-483", type="article"),
        Work("booth2008security", [Author("Booth", "Ken"), Author("Wheeler", "Nicholas J.")],
             "2008", "The Security Dilemma: Fear, Cooperation and Trust in World Politics",
             publisher="Palgrave Macmillan", place="Houndmills", type="book"),
        Work("glaser2010rational", [Author("Glaser", "Charles L.")], "2010",
             "Realist Theory and the Security Dilemma", "Rational Theory of International "
             "Politics", pages="74-102", publisher="Princeton University Press",
             place="Princeton", type="chapter"),
    ]  # fmt: skip
    return {work.key: work for work in works}


def _wivel_result(works: dict[str, Work]) -> DocResult:
    doc = document_from_text(WIVEL_TEXT, "wivel2011", "corpus/wivel2011.txt")
    doc.title, doc.authors, doc.year, doc.genre = (
        "Security Dilemma", ["Anders Wivel"], 2011, "encyclopedia",
    )  # fmt: skip
    citations = [
        _citation(doc, "Herbert Butterfield (1949)", ["Butterfield"], "1949",
                  "butterfield1949christianity"),
        _citation(doc, "Herz (1950)", ["Herz"], "1950", "herz1950idealist"),
        _citation(doc, "Jervis (1978)", ["Jervis"], "1978", "jervis1978cooperation"),
        _citation(doc, "Glaser (1997)", ["Glaser"], "1997", "glaser1997security"),
    ]  # fmt: skip
    references = [
        _reference(doc, 0, "Butterfield, Herbert", works["butterfield1949christianity"]),
        _reference(doc, 1, "Glaser, Charles", works["glaser1997security"]),
        _reference(doc, 2, "Herz, John", works["herz1950idealist"]),
        _reference(doc, 3, "Jervis, Robert", works["jervis1978cooperation"]),
    ]
    definition_text = (
        "A security dilemma is a situation where the actions taken by a state to increase its "
        "own security cause reactions from other states, which leads to a decrease rather than "
        "an increase in the state's security."
    )
    start, end = _span(doc.text, definition_text)
    hypotheses = [
        _hypothesis(
            doc, 1, "Because of anarchy, other states will follow suit if one state arms, and an "
            "arms race follows.", cause="one state arms", effect="other states arm (arms race)",
            direction="+", condition="anarchy", theory="structural realism",
        ),
        _hypothesis(
            doc, 2, "Jervis (1978) showed that the security dilemma is less severe when defensive "
            "weapons can be distinguished from offensive ones.",
            cause="distinguishability of defensive from offensive weapons",
            effect="severity of the security dilemma", direction="-",
            attributed=["Jervis 1978"], concepts=["security-dilemma", "offence-defence-balance"],
            theory="defensive realism",
        ),
    ]  # fmt: skip
    return DocResult(
        doc, citations, references, _mentions(doc),
        [Definition(doc.id, "security dilemma", start, end, definition_text)], hypotheses,
    )  # fmt: skip


def _alliance_result(works: dict[str, Work]) -> DocResult:
    doc = document_from_text(ALLIANCE_TEXT, "burden-sharing", "corpus/burden-sharing.txt")
    doc.title, doc.genre = "Explaining burden sharing in international security alliances", "essay"
    citations = [
        _citation(doc, "Olson and Zeckhauser (1966)", ["Olson", "Zeckhauser"], "1966",
                  "olson1966economic"),
        _citation(doc, "(Olson and Zeckhauser 1966)", ["Olson", "Zeckhauser"], "1966",
                  "olson1966economic"),
        _citation(doc, "Sandler (1993)", ["Sandler"], "1993", "sandler1993economic"),
    ]  # fmt: skip
    references = [
        _reference(doc, 0, "Olson, Mancur", works["olson1966economic"]),
        _reference(doc, 1, "Sandler, Todd", works["sandler1993economic"]),
    ]
    hypotheses = [
        _hypothesis(
            doc, 1, "Larger allies bear a disproportionate share of the burden of common defence, "
            "because smaller allies free ride on their contributions (Olson and Zeckhauser 1966).",
            cause="ally size", effect="share of the burden sharing of common defence",
            direction="+", attributed=["Olson and Zeckhauser 1966"], theory="collective action",
        ),
        _hypothesis(
            doc, 2, "Sandler (1993) shows that when defence yields ally-specific benefits, free "
            "riding declines.", cause="ally-specific benefits of defence", effect="free riding",
            direction="-", condition="joint products", hedged=False, attributed=["Sandler 1993"],
            theory="collective action",
        ),
    ]  # fmt: skip
    return DocResult(doc, citations, references, _mentions(doc), [], hypotheses)


def _offence_result() -> DocResult:
    doc = document_from_text(OFFENCE_TEXT, "offence-defence", "corpus/offence-defence.md")
    doc.title, doc.year = "Offence, defence and the security dilemma", 2019
    citations = [
        _citation(doc, "(Jervis 1978)", ["Jervis"], "1978", "jervis1978cooperation"),
        _citation(doc, "Booth and Wheeler (2008)", ["Booth", "Wheeler"], "2008",
                  "booth2008security"),
    ]  # fmt: skip
    hypotheses = [
        _hypothesis(
            doc, 1, "When offence has the advantage, the security dilemma intensifies and arms "
            "races become more likely (Jervis 1978).", cause="offence advantage",
            effect="intensity of the security dilemma; arms races", direction="+",
            hedged=True, attributed=["Jervis 1978"], theory="defensive realism",
        ),
    ]  # fmt: skip
    return DocResult(doc, citations, [], _mentions(doc), [], hypotheses)


def _finish_works(works: dict[str, Work], results: list[DocResult]) -> list[Work]:
    for work in works.values():
        cited_by = [r.document.id for r in results for c in r.citations if c.work == work.key]
        work.docs = sorted(set(cited_by))
        work.n_citations = len(cited_by)
    return [works[key] for key in sorted(works)]


def _concept_statistics(results: list[DocResult]) -> tuple[list[Concept], list[DocConcept]]:
    per_doc: dict[tuple[str, str], int] = {}
    for result in results:
        for mention in result.mentions:
            key = (result.document.id, mention.concept)
            per_doc[key] = per_doc.get(key, 0) + 1
    concepts = []
    for concept_id, (label, positions) in sorted(CONCEPTS.items()):
        docs = [doc for (doc, concept) in per_doc if concept == concept_id]
        count = sum(n for (_, concept), n in per_doc.items() if concept == concept_id)
        concepts.append(Concept(concept_id, label, "lexicon", positions, len(docs), count))
    doc_concepts = [
        DocConcept(doc, concept, CONCEPTS[concept][0], count, round(count / 10, 2))
        for (doc, concept), count in sorted(per_doc.items())
    ]
    return concepts, doc_concepts


def _cooccurrences(results: list[DocResult]) -> list[CoOccurrence]:
    counts: dict[tuple[str, str], int] = {}
    for result in results:
        by_paragraph: dict[int, set[str]] = {}
        for mention in result.mentions:
            by_paragraph.setdefault(mention.paragraph, set()).add(mention.concept)
        for concepts in by_paragraph.values():
            ordered = sorted(concepts)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    counts[(a, b)] = counts.get((a, b), 0) + 1
    return [CoOccurrence(a, b, weight) for (a, b), weight in sorted(counts.items())]


def _passages(results: list[DocResult], assignment: dict[tuple[str, int], tuple[str, float]]):
    passages = []
    for result in results:
        for paragraph in result.document.paragraphs:
            key = (result.document.id, paragraph.index)
            if key in assignment:
                position, weight = assignment[key]
                passages.append(
                    PassageAssignment(
                        key[0], paragraph.index, paragraph.start, paragraph.end, paragraph.text,
                        position, weight,
                    )
                )  # fmt: skip
    return passages


def security_dilemma_corpus() -> Corpus:
    """Three documents, eight works, nine concepts, five hypotheses, two positions, two links."""
    works = _works()
    results = [_wivel_result(works), _alliance_result(works), _offence_result()]
    concepts, doc_concepts = _concept_statistics(results)
    positions = [
        Position(
            "p0", "defensive realism", ["security dilemma", "arms race", "anarchy"],
            "defensive realism", 0.82, {"offence-defence": 0.9, "wivel2011": 0.75}, 4,
        ),
        Position(
            "p1", "collective action", ["burden sharing", "public good", "free riding"],
            "collective action", 0.77, {"burden-sharing": 0.95, "wivel2011": 0.25}, 3,
        ),
    ]  # fmt: skip
    passages = _passages(
        results,
        {
            ("wivel2011", 1): ("p0", 0.7),
            ("wivel2011", 2): ("p0", 0.8),
            ("wivel2011", 3): ("p0", 0.9),
            ("burden-sharing", 1): ("p1", 0.8),
            ("burden-sharing", 2): ("p1", 0.95),
            ("burden-sharing", 3): ("p1", 0.6),
            ("offence-defence", 1): ("p0", 0.85),
        },
    )
    links = [
        ModelLink("wivel2011#h2", "security_dilemma", "cooperation is easier when defence is "
                  "distinguishable", 0.81, "supported", {"distinguishability": 0.8}),
        ModelLink("burden-sharing#h1", "collective_action", "burden share rises with income",
                  0.9, "supported", {"n_allies": 2}),
        ModelLink("offence-defence#h1", "security_dilemma", "arming rises with offence advantage",
                  0.62, "conditional"),
    ]  # fmt: skip
    return Corpus(
        results,
        _finish_works(works, results),
        concepts,
        doc_concepts,
        _cooccurrences(results),
        positions,
        passages,
        links,
    )


HOSTILE_STRINGS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
)


def hostile_corpus() -> Corpus:
    """The fixture corpus with script-injection strings in titles, labels, text and references."""
    corpus = security_dilemma_corpus()
    script, image, scheme = HOSTILE_STRINGS
    corpus.results[0].document.title = f"Security Dilemma {script}"
    concept = next(c for c in corpus.concepts if c.id == "security-dilemma")
    concept.label = f"security dilemma {image}"
    hypothesis = corpus.results[0].hypotheses[1]
    hypothesis.text = f"{hypothesis.text} {script} {image}"
    hypothesis.cause = f"{hypothesis.cause} {image}"
    work = next(w for w in corpus.works if w.key == "jervis1978cooperation")
    work.title = f"Cooperation under the Security Dilemma {script}"
    work.url = scheme
    work.doi = None
    work.container = f"World Politics {image}"
    corpus.positions[0].label = f"defensive realism {script}"
    return corpus
