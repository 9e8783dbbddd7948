"""Definitions found in real texts, and copular claims that are not definitions."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyser.extract.definitions import find_definitions
from analyser.ingest.paragraphs import document_from_text
from analyser.nlp import load_pipeline, parse_paragraphs

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _definitions(path: Path):
    document = document_from_text(
        path.read_text(encoding="utf-8"), doc_id=path.stem, path=str(path)
    )
    return document, find_definitions(document, parse_paragraphs(load_pipeline(), document))


def _text_definitions(text: str):
    document = document_from_text(text, "t", "t.txt")
    return find_definitions(document, parse_paragraphs(load_pipeline(), document))


@pytest.fixture(scope="module")
def alliance_essay():
    return _definitions(CORPUS / "000_fa9ae7463e456142.txt")


@pytest.fixture(scope="module")
def encyclopedia():
    return _definitions(CORPUS / "002_9faa3276b9245754.txt")


def _covering(definitions, document, sentence: str):
    start = document.text.index(sentence)
    end = start + len(sentence)
    return [d for d in definitions if d.start < end and start < d.end]


def test_quoted_definition_under_its_heading(alliance_essay):
    document, definitions = alliance_essay
    quote = "‘A formal or informal relationship of security cooperation between two or more states"
    found = _covering(definitions, document, quote)
    assert [d.term for d in found] == ["alliance"]
    assert found[0].text.endswith("(Barnett and Levy 1991, p. 370).")


def test_copular_definitions(encyclopedia):
    document, definitions = encyclopedia
    dilemma = _covering(definitions, document, "A security dilemma is a situation where")
    spiral = _covering(definitions, document, "A security spiral is an action-reaction process")
    assert [d.term for d in dilemma] == ["security dilemma"]
    assert [d.term for d in spiral] == ["security spiral"]
    assert dilemma[0].text.startswith("A security dilemma is a situation where")
    for definition in definitions:
        assert document.text[definition.start : definition.end] == definition.text


def test_copular_claim_is_not_a_definition(encyclopedia):
    document, definitions = encyclopedia
    claim = "the security dilemma is the most important source of conflict"
    assert _covering(definitions, document, claim) == []
    assert _text_definitions("The security dilemma is the most important source of conflict.") == []


@pytest.mark.parametrize(
    "claim",
    [
        "The security dilemma is the most important source of conflict in world politics.",
        "This focus is a typical feature of the literature.",
        "If all states are status quo powers, war is rare.",
        "NATO is an alliance that has lasted since 1949.",
        "The security dilemma was a problem for the Soviet Union.",
        "Deterrence is not a strategy that works against fanatics.",
    ],
)
def test_claims_are_not_definitions(claim):
    assert _text_definitions(claim) == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Buck-passing refers to the attempt to get another state to deter an aggressor.",
         "buck-passing"),
        ("Extended deterrence is defined as the threat to use force to protect an ally.",
         "extended deterrence"),
        ("Chain-ganging occurs when allies are dragged into war by reckless partners.",
         "chain-ganging"),
        ("A commitment problem is a situation in which a state cannot credibly promise restraint.",
         "commitment problem"),
        ("Proponents of offensive realism argue that states maximise relative power.",
         "offensive realism"),
        ("States free ride on the great power ( the exploitation effect ).", "exploitation effect"),
        ("Defence is treated as a 'pure public good' by early models.", "pure public good"),
        ("They study audience costs – i.e. the domestic price of backing down.", "audience costs"),
    ],
)  # fmt: skip
def test_definition_forms(text, term):
    assert [d.term for d in _text_definitions(text)] == [term]
