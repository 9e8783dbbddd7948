"""Tests of the CRF reference parser (shipped model; nothing is retrained here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyser.extract.reference_parser import (
    MODEL_PATH,
    parse_names,
    parse_pages,
    parse_reference,
    parse_references,
    parse_volume,
    tag_reference,
)
from analyser.extract.train_reference_parser import BENCHDATA, load_jsonl, score
from analyser.records import Author, Reference

SEEDS_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seeds_gold.json"
ANYSTYLE_GOLD = BENCHDATA / "anystyle" / "anystyle_gold_minus_core.jsonl"


def _norm(value: object) -> str | None:
    return " ".join(str(value).split()) if value is not None else None


def _seed_references() -> list[dict]:
    if not SEEDS_GOLD.exists():
        pytest.skip(f"gold annotations not found: {SEEDS_GOLD}")
    documents = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))["documents"]
    chosen = [name for name in documents if name.startswith(("000_", "001_", "002_"))]
    return [ref for name in sorted(chosen) for ref in documents[name]["references"]]


def test_model_ships_with_package_and_is_small() -> None:
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size < 8_000_000
    attribution = MODEL_PATH.parent / "ATTRIBUTION.md"
    assert "AnyStyle" in attribution.read_text(encoding="utf-8")
    assert (MODEL_PATH.parent / "LICENSE.anystyle").exists()
    assert (MODEL_PATH.parent / "LICENSE.grobid").exists()


def test_micro_f1_on_anystyle_gold_minus_core() -> None:
    if not ANYSTYLE_GOLD.exists():
        pytest.skip(f"benchmark data not found: {ANYSTYLE_GOLD}")
    scores = score(load_jsonl(ANYSTYLE_GOLD))
    assert scores.prf()[2] >= 0.96
    for label in ("author", "title", "year", "container", "pages"):
        assert scores.prf(label)[2] >= 0.9, label


def test_sample_text_references_exactly_right() -> None:
    gold = _seed_references()
    assert len(gold) == 14
    parsed = parse_references([ref["raw"] for ref in gold], doc="seeds")
    for ref, got in zip(gold, parsed, strict=True):
        assert got.authors, ref["raw"]
        assert got.authors[0].family == ref["authors"][0]["family"], ref["raw"]
        assert got.year == str(ref["year"]), ref["raw"]
        for name in ("title", "container", "volume", "pages"):
            assert _norm(getattr(got, name)) == _norm(ref[name]), (name, ref["raw"])


def test_sample_text_references_other_fields() -> None:
    gold = _seed_references()
    parsed = parse_references([ref["raw"] for ref in gold])
    for ref, got in zip(gold, parsed, strict=True):
        assert got.type == ref["type"], ref["raw"]
        assert got.issue == ref["issue"], ref["raw"]
        expected = [Author(a["family"], a["given"]) for a in ref["authors"]]
        assert got.authors == expected, ref["raw"]
        if ref["type"] == "book":
            assert (got.publisher, got.place) == (ref["publisher"], ref["place"]), ref["raw"]


def test_chapter_with_editors_and_abbreviated_pages() -> None:
    raw = (
        "Wivel, A. (2011). Security Dilemma. In B. Badie, D. Berg-Schlosser, & L. Morlino "
        "(Eds.), *International Encyclopedia of Political Science* (Vol. 7, pp. 2389-91). "
        "SAGE Publications."
    )
    ref = parse_reference(raw, doc="d", index=4)
    assert (ref.doc, ref.index, ref.raw) == ("d", 4, raw)
    assert ref.authors == [Author("Wivel", "A.")]
    assert ref.editors == [
        Author("Badie", "B."),
        Author("Berg-Schlosser", "D."),
        Author("Morlino", "L."),
    ]
    assert (ref.year, ref.title) == ("2011", "Security Dilemma")
    assert ref.container == "International Encyclopedia of Political Science"
    assert (ref.volume, ref.pages, ref.publisher) == ("7", "2389-2391", "SAGE Publications")
    assert ref.type == "chapter"


def test_doi_url_year_suffix_and_et_al() -> None:
    raw = (
        "Smith, J., Jones, K., et al. (2004a). Alliance politics revisited. "
        "Journal of Strategic Studies, 27(3), 401-425. https://doi.org/10.1080/0140239042000255913."
    )
    ref = parse_reference(raw)
    assert ref.authors == [Author("Smith", "J."), Author("Jones", "K.")]
    assert ref.year == "2004a"
    assert ref.doi == "10.1080/0140239042000255913"
    assert ref.url == "https://doi.org/10.1080/0140239042000255913"
    assert (ref.volume, ref.issue, ref.pages, ref.type) == ("27", "3", "401-425", "article")


def test_tag_reference_labels_every_token() -> None:
    raw = (
        "Waltz, Kenneth N. (1979) *Theory of International Politics*. Reading, MA: Addison-Wesley."
    )
    tagged = tag_reference(raw)
    assert [token for token, _ in tagged] == raw.split()
    labels = dict(tagged)
    assert labels["Waltz,"] == "author"
    assert labels["(1979)"] == "year"
    assert labels["Politics*."] == "title"
    assert labels["Addison-Wesley."] == "publisher"
    assert tag_reference("") == []


def test_batch_is_indexed_and_deterministic() -> None:
    raws = ["Jervis, Robert (1976) *Perception and Misperception*. Princeton: Princeton UP.", ""]
    first = parse_references(raws, doc="x")
    assert [ref.index for ref in first] == [0, 1]
    assert first == parse_references(raws, doc="x")
    assert first[1] == Reference(doc="x", index=1, raw="")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Barnett, Michael N. and Jack S. Levy", [("Barnett", "Michael N."), ("Levy", "Jack S.")]),
        ("Wivel, A.", [("Wivel", "A.")]),
        (
            "Badie, B., Berg-Schlosser, D., & Morlino, L.",
            [("Badie", "B."), ("Berg-Schlosser", "D."), ("Morlino", "L.")],
        ),
        ("Yukari Iwanami,", [("Iwanami", "Yukari")]),
        ("Van Evera, Stephen", [("Van Evera", "Stephen")]),
        ("Pérez-Higueras JJ, Arias A, et al.", [("Pérez-Higueras", "JJ"), ("Arias", "A")]),
        (
            "Lee, L. L., W. E. Howard, and R. E. Marsh.",
            [("Lee", "L. L."), ("Howard", "W. E."), ("Marsh", "R. E.")],
        ),
        ("In Brian L. Job (ed.)", [("Job", "Brian L.")]),
    ],
)
def test_parse_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(a.family, a.given) for a in parse_names(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pp. 369 – 395.", "369-395"),
        ("pages 711-725,", "711-725"),
        ("2389-91", "2389-2391"),
        ("p. 12.", "12"),
        ("S12–S15", "S12-S15"),
    ],
)
def test_parse_pages(text: str, expected: str) -> None:
    assert parse_pages(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50(1):", ("50", "1")),
        ("47:2,", ("47", "2")),
        ("vol. 61(5),", ("61", "5")),
        ("(Vol. 7,", ("7", None)),
        ("vol. 74, no. 3,", ("74", "3")),
        ("No. 134", (None, "134")),
    ],
)
def test_parse_volume(text: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_volume(text) == expected
