"""Records survive the JSON round trip the store makes, nested records and None included."""

from __future__ import annotations

import dataclasses
import json

from corpus_fixture import hostile_corpus, security_dilemma_corpus

from analyser.codec import from_dict, to_dict
from analyser.records import Author, DocResult, ModelLink, Reference


def _round_trip(record):
    return from_dict(type(record), json.loads(json.dumps(to_dict(record))))


def test_document_results_round_trip_exactly():
    for corpus in (security_dilemma_corpus(), hostile_corpus()):
        for result in corpus.results:
            back = _round_trip(result)
            assert back == result
            assert type(back.document.paragraphs[0]) is type(result.document.paragraphs[0])


def test_nested_records_none_values_and_unknown_keys():
    reference = Reference("d", 0, "raw", authors=[Author("Olson", "Mancur")], year=None)
    data = to_dict(reference) | {"added_later": 1}
    back = from_dict(Reference, data)
    assert back == reference and isinstance(back.authors[0], Author) and back.year is None
    link = ModelLink("h", "m", "p", 0.5, "supported", params={"n": [1, 2], "k": None})
    assert _round_trip(link) == link
    assert from_dict(DocResult, to_dict(DocResult(reference_document()))).references == []


def reference_document():
    """A real document of the fixture corpus."""
    return security_dilemma_corpus().results[0].document


def test_short_texts_of_decoded_records_are_held_once():
    result = security_dilemma_corpus().results[0]
    result.terms = {"security dilemma": 2}
    first, second = (_round_trip(result) for _ in range(2))
    mention, again = first.mentions[0], second.mentions[0]
    assert mention.concept == again.concept and mention.concept is again.concept
    assert mention.doc is second.hypotheses[0].doc
    assert next(iter(first.terms)) is next(iter(second.terms))
    long_text = first.document.text
    assert long_text == second.document.text and long_text is not second.document.text


def test_to_dict_equals_dataclasses_asdict():
    corpus = security_dilemma_corpus()
    assert to_dict(corpus) == dataclasses.asdict(corpus)
    link = ModelLink(
        "h", "m", "p", 0.5, "supported", params={"n": (1, [2]), "r": reference_document()}
    )
    encoded = to_dict(link)
    assert encoded == dataclasses.asdict(link) and isinstance(encoded["params"]["r"], dict)
    assert encoded["params"]["n"] is not link.params["n"]
