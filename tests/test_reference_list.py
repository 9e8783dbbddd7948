"""Finding reference lists and splitting them into entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyser.extract.reference_list import find_reference_entries, heading_label
from analyser.ingest.paragraphs import document_from_text

REPOSITORY = Path(__file__).resolve().parents[1]
SEEDS_GOLD = REPOSITORY.parent / "shared" / "gold" / "seeds_gold.json"

BODY = "Alliances form when threats rise (Walt 1987). Balancing is common (Waltz 1979).\n\n"


def entries(text: str) -> list[str]:
    return [entry.text for entry in find_reference_entries(document_from_text(text)).entries]


@pytest.mark.parametrize(
    "heading",
    [
        "References",
        "### **References**",
        "BIBLIOGRAPHY",
        "Further Readings",
        "Works Cited:",
        "7. Literature",
        "Sources",
        "Notes",
    ],
)
def test_headed_lists(heading: str) -> None:
    text = (
        f"{BODY}{heading}\n\n"
        "Walt, Stephen M. (1987) The Origins of Alliances. Ithaca: Cornell University Press.\n\n"
        "Waltz, Kenneth N. (1979) Theory of International Politics. Reading: Addison-Wesley."
    )
    assert entries(text) == [
        "Walt, Stephen M. (1987) The Origins of Alliances. Ithaca: Cornell University Press.",
        "Waltz, Kenneth N. (1979) Theory of International Politics. Reading: Addison-Wesley.",
    ]


def test_entries_wrapping_over_lines_in_one_block() -> None:
    text = (
        f"{BODY}Bibliography\n\n"
        "Waltz, Kenneth N. (1979) Theory of International\n"
        "    Politics. Reading, MA: Addison-Wesley.\n"
        "Walt, Stephen M. (1987) The Origins of\n"
        "    Alliances. Ithaca: Cornell University Press.\n"
        "Snyder, Glenn H. 1984. “The Security Dilemma in Alliance Politics.” World\n"
        "    Politics 36 (4): 461–95."
    )
    section = find_reference_entries(document_from_text(text))
    assert [e.text for e in section.entries] == [
        "Waltz, Kenneth N. (1979) Theory of International Politics. Reading, MA: Addison-Wesley.",
        "Walt, Stephen M. (1987) The Origins of Alliances. Ithaca: Cornell University Press.",
        "Snyder, Glenn H. 1984. “The Security Dilemma in Alliance Politics.” World Politics "
        "36 (4): 461–95.",
    ]
    document = document_from_text(text)
    for entry in section.entries:
        assert " ".join(document.text[entry.start : entry.end].split()) == entry.text


def test_entries_ending_in_a_doi_or_link() -> None:
    text = (
        f"{BODY}References\n\n"
        "Fearon, J. D. (1995). Rationalist explanations for war. International Organization,\n"
        "    49(3), 379–414. https://doi.org/10.1017/S0020818300033324\n"
        "Keohane, R. O., & Martin, L. L. (1995). The promise of institutionalist theory.\n"
        "    International Security, 20(1), 39–51."
    )
    assert [e.split(",")[0] for e in entries(text)] == ["Fearon", "Keohane"]


def test_numbered_entries() -> None:
    text = (
        f"{BODY}References\n\n"
        "[1] K. Waltz, Theory of International Politics. Addison-Wesley, 1979.\n"
        "[2] S. Walt, The Origins of Alliances. Cornell University Press, 1987."
    )
    assert len(entries(text)) == 2
    assert entries(text)[1].startswith("[2] S. Walt")


def test_list_ends_at_a_block_that_is_no_entry() -> None:
    text = (
        f"{BODY}References\n\n"
        "Walt, Stephen M. (1987) The Origins of Alliances. Ithaca: Cornell University Press.\n\n"
        "About the author\n\n"
        "The author teaches international relations and writes on alliances in Europe."
    )
    section = find_reference_entries(document_from_text(text))
    assert len(section.entries) == 1
    assert section.paragraphs == frozenset({1, 2})


def test_trailing_run_of_entries_without_a_heading() -> None:
    text = (
        f"{BODY}"
        "Snyder, Glenn H. (1984) The Security Dilemma in Alliance Politics. World Politics.\n\n"
        "Walt, Stephen M. (1987) The Origins of Alliances. Ithaca: Cornell University Press.\n\n"
        "Waltz, Kenneth N. (1979) Theory of International Politics. Reading: Addison-Wesley.\n\n"
        "Share this page"
    )
    assert [e.split(",")[0] for e in entries(text)] == ["Snyder", "Walt", "Waltz"]


def test_prose_is_not_a_trailing_list() -> None:
    text = (
        f"{BODY}Waltz argued in 1979 that the system shapes states, and Walt, in 1987, "
        "added threats.\n\nMearsheimer, in 2001, took the offensive view of that debate."
    )
    assert entries(text) == []


def test_suggested_citation_record_with_separate_doi_line() -> None:
    text = (
        "Abstract\n\nAlliances restrain and deter.\n\nSuggested Citation\n\n"
        '  • Yukari Iwanami, 2024. "Asymmetric burden-sharing," Journal of Peace Research, '
        "vol. 61(5), pages 711-725, September.\n"
        "  • Handle: RePEc:sae:joupea:v:61:y:2024:i:5:p:711-725\n"
        "    DOI: 10.1177/00223433231158146\n\n"
        "Download full text from publisher"
    )
    [entry] = find_reference_entries(document_from_text(text)).entries
    assert entry.text.startswith("Yukari Iwanami, 2024.")
    assert entry.text.endswith("September.")
    assert entry.doi == "10.1177/00223433231158146"
    assert entry.self_record


def test_cover_sheet_record_is_no_entry() -> None:
    text = (
        "*Citation for published version (APA):*  \n"
        "Wivel, A. (2011). Security Dilemma. In B. Badie (Eds.), *Encyclopedia*. Sage.\n\n"
        f"{BODY}"
    )
    section = find_reference_entries(document_from_text(text))
    assert section.entries == ()
    assert section.paragraphs == frozenset({0})


def test_heading_label() -> None:
    assert heading_label("### **Further Readings**") == "further readings"
    assert heading_label("**References:**") == "references"
    assert heading_label("2. Bibliography") == "bibliography"


@pytest.mark.skipif(not SEEDS_GOLD.exists(), reason="seed gold not present")
def test_every_sample_reference_is_found_and_split() -> None:
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))["documents"]
    for path in sorted((REPOSITORY / "corpus").glob("*.txt")):
        document = document_from_text(path.read_text(encoding="utf-8"), doc_id=path.stem)
        found = [e.text for e in find_reference_entries(document).entries]
        expected = [" ".join(r["raw"].split()) for r in gold[path.name]["references"]]
        assert found == expected, path.name
