"""Linking citations to the references of the same document."""

from __future__ import annotations

from analyser.extract.linking import (
    SURNAME_THRESHOLD,
    find_reference,
    link_citations,
    normalise_name,
    same_surname,
    surname_similarity,
)
from analyser.records import Author, Citation, Reference


def ref(index: int, families: list[str], year: str | None, raw: str = "") -> Reference:
    return Reference(
        doc="d",
        index=index,
        raw=raw or f"{families[0] if families else 'Anon'} ({year}) Title.",
        authors=[Author(family) for family in families],
        year=year,
    )


def citation(
    authors: list[str], year: str | None, kind: str = "parenthetical", surface: str = ""
) -> Citation:
    text = surface or f"({' and '.join(authors)} {year})"
    return Citation("d", 0, 0, len(text), text, authors, year, kind=kind)


SECURITY_DILEMMA = [
    ref(0, ["Booth", "Wheeler"], "2008"),
    ref(1, ["Butterfield"], "1949"),
    ref(2, ["Herz"], "1950"),
    ref(3, ["Jervis"], "1978"),
    ref(4, ["Lipson"], "2003"),
]


def test_surname_and_year() -> None:
    assert find_reference(citation(["Lipson"], "2003"), SECURITY_DILEMMA) == 4
    assert find_reference(citation(["Lipson"], "2004"), SECURITY_DILEMMA) is None
    assert find_reference(citation(["Waltz"], "1979"), SECURITY_DILEMMA) is None


def test_spelling_variants() -> None:
    assert find_reference(citation(["Hertz"], "1950", "narrative"), SECURITY_DILEMMA) == 2
    assert find_reference(citation(["Olsen"], "1965"), [ref(0, ["Olson"], "1965")]) == 0
    assert same_surname("Müller", "Muller") and same_surname("Van Evera", "Evera")
    assert not same_surname("Smith", "Jones")
    assert surname_similarity("Hertz", "Herz") >= SURNAME_THRESHOLD


def test_year_suffix_and_author_count_choose_between_works() -> None:
    references = [
        ref(0, ["Smith"], "2004a"),
        ref(1, ["Smith"], "2004b"),
        ref(2, ["Allmann", "Baldwin"], "2010"),
        ref(3, ["Allmann", "Halitschke", "Kessler"], "2010"),
    ]
    assert find_reference(citation(["Smith"], "2004b"), references) == 1
    assert (
        find_reference(citation(["Allmann"], "2010", surface="Allmann et al., 2010"), references)
        == 3
    )
    assert find_reference(citation(["Allmann", "Baldwin"], "2010"), references) == 2


def test_name_only_by_surname() -> None:
    assert find_reference(citation(["Jervis"], None, "name_only"), SECURITY_DILEMMA) == 3
    pair = citation(["Booth", "Wheeler"], None, "name_only")
    assert find_reference(pair, SECURITY_DILEMMA) == 0
    two_works = [*SECURITY_DILEMMA, ref(5, ["Jervis"], "1976")]
    assert find_reference(citation(["Jervis"], None, "name_only"), two_works) is None
    assert find_reference(citation(["Posen"], None, "name_only"), SECURITY_DILEMMA) is None


def test_numeric_markers() -> None:
    numbered = [
        ref(0, ["Waltz"], "1979", "[1] K. Waltz, Theory, 1979."),
        ref(1, ["Walt"], "1987", "[2] S. Walt, Origins, 1987."),
    ]
    marker = Citation("d", 0, 0, 3, "[2]", [], kind="numeric")
    assert find_reference(marker, numbered) == 1
    plain = [ref(0, ["Waltz"], "1979"), ref(1, ["Walt"], "1987")]
    assert find_reference(marker, plain) == 1
    assert find_reference(Citation("d", 0, 0, 3, "[9]", [], kind="numeric"), plain) is None


def test_link_citations_returns_copies() -> None:
    original = [citation(["Lipson"], "2003"), citation(["Waltz"], "1979")]
    linked = link_citations(original, SECURITY_DILEMMA)
    assert [c.reference for c in linked] == [4, None]
    assert all(c.reference is None for c in original)


def test_normalise_name() -> None:
    assert normalise_name("Ó Tuathail") == "o tuathail"
    assert normalise_name("Ewen-Campen") == "ewencampen"
