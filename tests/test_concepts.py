"""Concept mentions, key-term candidates and corpus concept tables on real texts."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from analyser.extract.concepts import (
    candidate_terms,
    concept_matcher,
    find_abbreviations,
    find_mentions,
    parse_headings,
)
from analyser.ingest.paragraphs import document_from_text
from analyser.keyterms import discover_concepts
from analyser.lexicon import load_lexicon, phrase_key
from analyser.nlp import load_pipeline, parse_paragraphs
from analyser.records import DocResult

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold" / "seeds_gold.json"
# Words that mark site navigation, bibliographic apparatus or page furniture.
BOILERPLATE = {
    "site", "download", "citation", "cite", "correction", "bibliography", "bibliographic",
    "copyright", "url", "author", "publisher", "library", "subscription", "item", "repec",
    "ideas", "page", "article", "print", "career", "course", "certified", "version",
    "publication", "department", "university", "email", "contact", "doi", "handle", "service",
    "profile", "tab", "link", "file", "text", "week", "error", "omission", "material", "journal",
}  # fmt: skip


def _benchmark():
    spec = importlib.util.spec_from_file_location("bench_concepts", ROOT / "benchmarks/concepts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _parse(text: str, doc_id: str = "t"):
    document = document_from_text(text, doc_id, f"{doc_id}.txt")
    nlp = load_pipeline()
    return document, parse_paragraphs(nlp, document) + parse_headings(nlp, document)


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.fixture(scope="module")
def results(lexicon) -> list[DocResult]:
    nlp = load_pipeline()
    found = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        document = document_from_text(path.read_text(encoding="utf-8"), path.stem, str(path))
        parsed = parse_paragraphs(nlp, document) + parse_headings(nlp, document)
        found.append(
            DocResult(
                document,
                mentions=find_mentions(document, parsed, lexicon),
                terms=candidate_terms(parsed),
            )
        )
    return found


@pytest.fixture(scope="module")
def tables(results, lexicon):
    return discover_concepts(results, lexicon)


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))["documents"]


def test_spelling_and_hyphenation_variants_are_one_concept(lexicon):
    text = (
        "The offence–defence balance shapes arming. Scholars of the offense-defense balance "
        "disagree.\n\nSmall allies are free riders; free-riding is common.\n\n"
        "Weak and failing countries face an insecurity dilemma. Weapons of mass destruction "
        "(WMD) spread, but mad leaders are rare."
    )
    document, parsed = _parse(text)
    mentions = find_mentions(document, parsed, lexicon)
    by_surface = {m.surface: m.concept for m in mentions}
    assert by_surface["offence–defence balance"] == "offense_defense_balance"
    assert by_surface["offense-defense balance"] == "offense_defense_balance"
    assert by_surface["free riders"] == by_surface["free-riding"] == "free_riding"
    assert by_surface["Weak and failing countries"] == "weak_states"
    assert by_surface["WMD"] == "weapons_of_mass_destruction"
    assert "mutual_assured_destruction" not in by_surface.values()
    for mention in mentions:
        assert document.text[mention.start : mention.end] == mention.surface
        assert document.paragraphs[mention.paragraph].start <= mention.start
    assert mentions == sorted(mentions, key=lambda m: (m.start, m.end, m.concept))


def test_matcher_is_built_once_per_lexicon(lexicon):
    assert concept_matcher(lexicon) is concept_matcher(lexicon)


def test_mentions_are_deterministic(results, lexicon):
    first = results[2]
    document = first.document
    nlp = load_pipeline()
    parsed = parse_paragraphs(nlp, document) + parse_headings(nlp, document)
    assert find_mentions(document, parsed, lexicon) == first.mentions
    assert candidate_terms(parsed) == first.terms


def test_candidate_terms_are_clean_lemmas():
    _, parsed = _parse(
        "The two great powers built weapons of mass destruction (WMD). Their WMDs deterred "
        "the other states. My own theory of the balance of power is new.\n\n"
        "These alliances impose heavy defence burdens on 3 small allies."
    )
    terms = candidate_terms(parsed)
    assert find_abbreviations(parsed) == {"WMD": "weapon of mass destruction"}
    assert terms["weapon of mass destruction"] == 2
    assert terms["balance of power"] == 1
    assert "defence burden" in terms
    for term in terms:
        assert term == term.lower() and 1 <= len(term.replace("-", " ").split()) <= 5
        assert not re.search(r"\b(the|my|their|these|3|two|other)\b", term), term


def test_heading_terms_are_counted():
    _, parsed = _parse("Asymmetric Burden-Sharing and Alliance Restraint\n\nAllies share burdens.")
    assert "asymmetric burden-sharing" in candidate_terms(parsed)


def test_web_furniture_is_not_a_candidate():
    _, parsed = _parse(
        "Download full text from publisher\n\nAll material on this site has been provided by the "
        "respective publishers and authors. You can help correct errors and omissions.\n\n"
        "Deterrence failed because the credibility of the commitment was low."
    )
    terms = candidate_terms(parsed)
    assert "credibility of commitment" in terms or "commitment" in terms
    assert not any(word in BOILERPLATE for term in terms for word in term.split())


def test_sample_concept_recall_floor(results, lexicon, gold):
    bench = _benchmark()
    scores = bench.score_concepts(gold, bench.extracted_names(results, lexicon, 40))
    assert len(scores) == 4
    for score in scores:
        assert score.recall >= 0.80, (score.doc, score.recall)


def test_no_boilerplate_in_any_top_20(tables, gold, results):
    """No top-20 concept is web furniture, or named only inside the gold boilerplate passages."""
    for file_name, entry in gold.items():
        result = next(r for r in results if r.document.id == Path(file_name).stem)
        prose = re.sub(r"\s+", " ", result.document.text)
        for example in entry["boilerplate_examples"]:
            prose = prose.replace(example, " ")
        prose_keys = _keys(prose)
        top = [dc for dc in tables.doc_concepts if dc.doc == result.document.id][:20]
        assert len(top) == 20
        for concept in top:
            words = set(concept.label.lower().replace("-", " ").split())
            assert not BOILERPLATE & words, (result.document.id, concept.label)
            names = {m.surface for m in result.mentions if m.concept == concept.concept}
            names = names or {concept.label}
            assert any(_contains(prose_keys, _keys(name)) for name in names), concept.label


def _keys(text: str) -> tuple[str, ...]:
    return phrase_key(" ".join(re.findall(r"[^\W_]+", text)))


def _contains(words: tuple[str, ...], key: tuple[str, ...]) -> bool:
    return any(words[i : i + len(key)] == key for i in range(len(words) - len(key) + 1))


def test_concept_tables(tables, results, lexicon):
    concepts = {c.id: c for c in tables.concepts}
    assert concepts["security_dilemma"].source == "lexicon"
    assert concepts["security_dilemma"].n_docs == 2
    assert "defensive_realism" in concepts["security_dilemma"].positions
    assert concepts["alliance"].n_docs == 2
    assert any(c.source == "discovered" for c in concepts.values())
    assert {dc.concept for dc in tables.doc_concepts} <= set(concepts)
    for doc in {r.document.id for r in results}:
        scores = [dc.score for dc in tables.doc_concepts if dc.doc == doc]
        assert scores == sorted(scores, reverse=True)
        discovered = [
            dc
            for dc in tables.doc_concepts
            if dc.doc == doc and concepts[dc.concept].source == "discovered"
        ]
        assert 0 < len(discovered) <= 40
    pairs = {(c.a, c.b): c.weight for c in tables.cooccurrences}
    assert all(a < b and weight > 0 for (a, b), weight in pairs.items())
    assert pairs[("anarchy", "security_dilemma")] >= 2
    assert pairs[("alliance", "burden_sharing")] >= 2
    assert discover_concepts(results, lexicon) == tables
