"""In-text citations: each pattern, each non-citation, and the real spaCy pipeline."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from analyser.extract.citations import find_citations, surname_of
from analyser.ingest.paragraphs import document_from_text
from analyser.records import Citation


def cite(
    text: str, references: Sequence[Sequence[str]] = (), authors: Sequence[str] = ()
) -> list[Citation]:
    document = document_from_text(text, doc_id="t")
    document.authors = list(authors)
    return find_citations(document, set(), references)


def summary(citations: list[Citation]) -> list[tuple[str, list[str], str | None]]:
    return [(c.kind, c.authors, c.year) for c in citations]


def test_parenthetical_with_two_authors_and_a_page_locator() -> None:
    text = "A formal relationship of security cooperation (Barnett and Levy 1991, p. 370)."
    [citation] = cite(text)
    assert (citation.kind, citation.authors, citation.year) == (
        "parenthetical",
        ["Barnett", "Levy"],
        "1991",
    )
    assert citation.locator == "370"
    assert citation.surface == "(Barnett and Levy 1991, p. 370)"
    assert text[citation.start : citation.end] == citation.surface


def test_several_works_in_one_bracket_inside_a_markdown_heading() -> None:
    text = (
        "Intro.\n\n**The Theory of Collective Action: Security as a Pure Public Good "
        "(Mancur Olsen 1971; Oneal and Diehl 1994)**\n\nBody."
    )
    citations = cite(text)
    assert summary(citations) == [
        ("parenthetical", ["Olsen"], "1971"),
        ("parenthetical", ["Oneal", "Diehl"], "1994"),
    ]
    assert [c.surface for c in citations] == ["Mancur Olsen 1971", "Oneal and Diehl 1994"]
    assert all(c.paragraph == 1 for c in citations)


def test_narrative_citations() -> None:
    text = (
        "Sandler (1993) argued the opposite. Smith et al. (2004a: 12) disagree, and "
        "Sandler’s (1995) model differs; de Jonge and Ross (1992) agree."
    )
    assert summary(cite(text)) == [
        ("narrative", ["Sandler"], "1993"),
        ("narrative", ["Smith"], "2004a"),
        ("narrative", ["Sandler"], "1995"),
        ("narrative", ["de Jonge", "Ross"], "1992"),
    ]
    assert cite(text)[1].locator == "12"


def test_year_lists_give_one_citation_per_year() -> None:
    text = (
        "As shown before (Smith & Jones, 2008, 2011; Bates et al., 2014a, b; Douady, 1996a; 1996b)."
    )
    assert summary(cite(text)) == [
        ("parenthetical", ["Smith", "Jones"], "2008"),
        ("parenthetical", ["Smith", "Jones"], "2011"),
        ("parenthetical", ["Bates"], "2014a"),
        ("parenthetical", ["Bates"], "2014b"),
        ("parenthetical", ["Douady"], "1996a"),
        ("parenthetical", ["Douady"], "1996b"),
    ]


def test_prefixes_locators_and_particles() -> None:
    text = (
        "Balancing is common (see Waltz 1979: 72; e.g. Mearsheimer 2001, pp. 12–14; "
        "cf. van der Zee et al., 2006) and so is bandwagoning [Walt, 1987]."
    )
    citations = cite(text)
    assert summary(citations) == [
        ("parenthetical", ["Waltz"], "1979"),
        ("parenthetical", ["Mearsheimer"], "2001"),
        ("parenthetical", ["van der Zee"], "2006"),
        ("parenthetical", ["Walt"], "1987"),
    ]
    assert [c.locator for c in citations] == ["72", "12-14", None, None]


def test_sentence_words_are_not_taken_for_authors() -> None:
    assert summary(cite("However, Smith (2001) disagrees.")) == [("narrative", ["Smith"], "2001")]
    assert summary(cite("The same holds (He et al., 1999; AIC, Akaike, 1973).")) == [
        ("parenthetical", ["He"], "1999"),
        ("parenthetical", ["Akaike"], "1973"),
    ]


def test_numeric_markers() -> None:
    citations = cite("Alliances deter [12]. Others disagree [3, 5-7].")
    assert [(c.kind, c.surface) for c in citations] == [
        ("numeric", "[12]"),
        ("numeric", "[3]"),
        ("numeric", "[5]"),
        ("numeric", "[6]"),
        ("numeric", "[7]"),
    ]
    assert cite("Alliances deter [12].")[0].surface == "[12]"


def test_pandoc_keys() -> None:
    citations = cite("Deterrence works [see @levy1988, p. 33; @smith2000]. @waltz1979 disagrees.")
    assert summary(citations) == [
        ("parenthetical", ["Levy"], "1988"),
        ("parenthetical", ["Smith"], "2000"),
        ("narrative", ["Waltz"], "1979"),
    ]
    assert citations[0].locator == "33"
    assert cite("Write to john@example.org or @nato.") == []


def test_scholar_named_with_a_later_year() -> None:
    first = cite("The logic was first described Herbert Butterfield in 1949.")
    second = cite("The term was coined by John Hertz in 1950.")
    third = cite(
        "Herbert Butterfield originally articulated the reasoning behind the problem in 1949."
    )
    assert summary(first) == [("narrative", ["Butterfield"], "1949")]
    assert first[0].surface == "Herbert Butterfield in 1949"
    assert summary(second) == [("narrative", ["Hertz"], "1950")]
    assert third[0].surface.startswith("Herbert Butterfield") and third[0].year == "1949"


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("Jervis argues that openness increases the likelihood of cooperation.", "Jervis"),
        ("This creates what Olsen termed ‘the exploitation of the great by the small’.", "Olsen"),
        ("According to Charles Lipson's summation, democracies cooperate.", "Lipson"),
        ("Security scholars such as Stephen Van Evera, argue that conquest matters.", "Van Evera"),
        ("Brian Job extends the applicability of the dilemma even further.", "Job"),
    ],
)
def test_scholars_named_without_a_year(text: str, surname: str) -> None:
    assert summary(cite(text)) == [("name_only", [surname], None)]


def test_lists_of_scholars_and_coauthors() -> None:
    text = "Some of the most prominent scholars are Robert Jervis, Barry Posen and Charles Glaser."
    assert [c.authors for c in cite(text)] == [["Jervis"], ["Posen"], ["Glaser"]]
    pair = "The logic has been explored by among others Ken Booth and Nicholas Wheeler."
    [citation] = cite(pair, references=[["Booth", "Wheeler"]])
    assert (citation.kind, citation.authors) == ("name_only", ["Booth", "Wheeler"])
    assert citation.surface == "Ken Booth and Nicholas Wheeler"


def test_possessive_of_a_cited_author_and_reference_surnames() -> None:
    text = "Sandler’s Joint Product Model argued that alliances produce private benefits."
    assert summary(cite(text, references=[["Sandler"]])) == [("name_only", ["Sandler"], None)]
    mention = "Some of the most prominent names are Barry Posen and others."
    assert summary(cite(mention, references=[["Posen"]])) == [("name_only", ["Posen"], None)]
    assert cite(mention) == []


def test_bare_author_year_needs_et_al_or_a_reference_surname() -> None:
    assert summary(cite("See DeLano, 2002 for details.", references=[["DeLano"]])) == [
        ("narrative", ["DeLano"], "2002")
    ]
    assert summary(cite("See Koropatnick et al. 2004 for details.")) == [
        ("narrative", ["Koropatnick"], "2004")
    ]
    assert cite("Published in Thousand Oaks: Sage, 2011.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Since 1815, politicians have understood that communicating openly helps.",
        "Ethnic violence in collapsing Yugoslavia in the early 1990s was intense.",
        "In 1949 the alliance was founded, and it grew in 1952.",
        "This was the security competition of the Cold War.",
        "Updated on: 13-Mar-2023",
        "In B. Badie (Eds.), International Encyclopedia (Vol. 7, pp. 2389-91).",
        "The Case of Egypt 1962 – 73 shows this.",
        "[Countries not in the alliance are excluded, making this a club good.]",
        "The reform was announced (January 2001) and applied (Summer 1993).",
        "A photograph reprinted with permission, Copyright 2005.",
        "President Truman visited Berlin in 1945.",
        "Differences were tested with a Kruskal-Wallis test and the Rossmann fold.",
        "Page 45 of the 1990 report lists 2,825,198 cases (the restraining effect).",
        "Some scholars argue that the dilemma is irrelevant; others disagree.",
        "The North Atlantic Treaty (1949) created the alliance; Article 5 states the rest.",
        "Chapter 3 argues the point further, and the Case of Egypt shows it.",
    ],
)
def test_non_citations(text: str) -> None:
    assert cite(text) == []


def test_document_authors_are_not_cited() -> None:
    text = "Anders Wivel argues that the dilemma persists."
    assert cite(text, authors=["Anders Wivel"]) == []
    assert [c.authors for c in cite(text)] == [["Wivel"]]


def test_skipped_paragraphs_and_offsets() -> None:
    text = "Body text (Waltz 1979).\n\nReferences\n\nWaltz, K. (1979) Theory. Reading: Addison."
    document = document_from_text(text, doc_id="t")
    citations = find_citations(document, {1, 2})
    assert [c.surface for c in citations] == ["(Waltz 1979)"]
    assert all(text[c.start : c.end] == c.surface for c in citations)


def test_deterministic() -> None:
    text = "Jervis argues (Waltz 1979; Walt 1987). Sandler (1993) agrees [4]."
    assert cite(text) == cite(text)


def test_surname_of() -> None:
    assert surname_of("Stephen Van Evera") == "Van Evera"
    assert surname_of("Charles Lipson’s") == "Lipson"
    assert surname_of("Mancur Olsen") == "Olsen"
