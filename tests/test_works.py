"""Corpus-wide works: deduplication, keys, and the sample corpus's shared works."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from analyser.extract.bibliography import extract_bibliography
from analyser.ingest.paragraphs import document_from_text
from analyser.records import Author, Citation, DocResult, Reference, Work
from analyser.works import build_works, same_work

REPOSITORY = Path(__file__).resolve().parents[1]


def reference(doc: str, index: int, family: str, year: str, title: str, **fields) -> Reference:
    return Reference(
        doc=doc,
        index=index,
        raw=f"{family} ({year}) {title}.",
        authors=[Author(family)],
        year=year,
        title=title,
        **fields,
    )


def citation(
    doc: str, start: int, authors: list[str], year: str | None, ref: int | None
) -> Citation:
    kind = "name_only" if year is None else "parenthetical"
    return Citation(
        doc, 0, start, start + 5, " ".join(authors), authors, year, kind=kind, reference=ref
    )


def result(doc: str, references: list[Reference], citations: list[Citation]) -> DocResult:
    return DocResult(document_from_text("text", doc_id=doc), citations, references)


def by_key(works: list[Work]) -> dict[str, Work]:
    return {work.key: work for work in works}


@pytest.fixture(scope="module")
def corpus() -> list[DocResult]:
    results = []
    for path in sorted((REPOSITORY / "corpus").glob("*.txt")):
        document = document_from_text(path.read_text(encoding="utf-8"), path.stem, str(path))
        bibliography = extract_bibliography(document)
        results.append(DocResult(document, bibliography.citations, bibliography.references))
    return results


def test_sample_corpus_shares_works_across_documents(corpus: list[DocResult]) -> None:
    results = copy.deepcopy(corpus)
    works = by_key(build_works(results))
    wivel, spun = "002_9faa3276b9245754", "003_95ca6040556f8fe2"
    lipson = works["lipson2003reliable"]
    assert lipson.docs == [wivel, spun]
    assert lipson.n_citations == 3
    assert works["butterfield1949christianity"].docs == [wivel, spun]
    assert works["herz1950idealist"].docs == [wivel, spun]
    assert works["jervis1978cooperation"].docs == [wivel, spun]
    assert works["sandler1993economic"].n_citations == 2
    assert works["olsen1971"].n_citations == 2  # cited with a year and by name, not listed
    spun_citations = next(r for r in results if r.document.id == spun).citations
    assert {c.work for c in spun_citations} == {
        "butterfield1949christianity",
        "herz1950idealist",
        "lipson2003reliable",
        "jervis1978cooperation",
    }
    assert all(r.work for res in results for r in res.references)


def test_keys_are_unique_sorted_and_stable(corpus: list[DocResult]) -> None:
    first = build_works(copy.deepcopy(corpus))
    second = build_works(copy.deepcopy(list(reversed(corpus))))
    keys = [work.key for work in first]
    assert keys == sorted(set(keys))
    assert first == second
    assert all(work.docs == sorted(work.docs) for work in first)


def test_doi_joins_and_separates() -> None:
    a = reference("a", 0, "Iwanami", "2024", "Asymmetric burden-sharing", doi="10.1177/0022")
    b = reference("b", 0, "Iwanami", "2024", "Burden sharing", doi="https://doi.org/10.1177/0022")
    c = reference("c", 0, "Iwanami", "2024", "Asymmetric burden-sharing", doi="10.1177/9999")
    assert same_work(a, b)
    assert not same_work(a, c)


def test_variant_surnames_and_titles_join() -> None:
    results = [
        result(
            "a",
            [
                reference(
                    "a", 0, "Herz", "1950", "Idealist Internationalism and the Security Dilemma"
                )
            ],
            [],
        ),
        result(
            "b",
            [
                reference(
                    "b", 0, "Hertz", "1950", "Idealist internationalism and the security dilemma."
                )
            ],
            [],
        ),
        result(
            "c", [reference("c", 0, "Herz", "1950", "Political Realism and Political Idealism")], []
        ),
    ]
    works = build_works(results)
    assert [(w.key, w.docs) for w in works] == [
        ("herz1950idealist", ["a", "b"]),
        ("herz1950political", ["c"]),
    ]
    assert [r.references[0].work for r in results] == ["herz1950idealist"] * 2 + [
        "herz1950political"
    ]


def test_key_clashes_take_more_title_words_then_numbers() -> None:
    references = [
        reference("a", 0, "Smith", "2001", "Security Dilemmas in Europe"),
        reference("a", 1, "Smith", "2001", "Security Dilemmas in Asia"),
        reference("a", 2, "Smith", "2001", "Security", doi="10.1/x"),
        reference("a", 3, "Smith", "2001", "Security", doi="10.1/y"),
        reference("b", 0, "Smith", "2001", "Security Dilemmas in Asia: A Survey"),
    ]
    works = build_works([result("a", references[:4], []), result("b", references[4:], [])])
    assert [(w.key, w.docs) for w in works] == [
        ("smith2001security", ["a"]),
        ("smith2001security-2", ["a"]),
        ("smith2001securitydilemmas", ["a"]),
        ("smith2001securitydilemmasasia", ["a", "b"]),
    ]
    assert [r.work for r in references] == [
        "smith2001securitydilemmas",
        "smith2001securitydilemmasasia",
        "smith2001security",
        "smith2001security-2",
        "smith2001securitydilemmasasia",
    ]


def test_unresolved_and_name_only_citations() -> None:
    listed = [reference("a", 0, "Jervis", "1978", "Cooperation under the Security Dilemma")]
    results = [
        result("a", listed, [citation("a", 0, ["Jervis"], "1978", 0)]),
        result(
            "b",
            [],
            [
                citation("b", 0, ["Jervis"], None, None),
                citation("b", 10, ["Waltz"], "1979", None),
                citation("b", 20, ["Waltz"], None, None),
                citation("b", 30, ["Mearsheimer"], None, None),
            ],
        ),
        result("c", [], [citation("c", 0, ["Waltz"], "1979", None)]),
    ]
    works = by_key(build_works(results))
    assert works["jervis1978cooperation"].docs == ["a", "b"]
    assert works["waltz1979"].docs == ["b", "c"]
    assert works["waltz1979"].n_citations == 3
    assert works["mearsheimer"].authors == [Author("Mearsheimer")]


def test_ambiguous_name_only_citation_gets_no_work() -> None:
    listed = [
        reference("a", 0, "Jervis", "1978", "Cooperation under the Security Dilemma"),
        reference("a", 1, "Jervis", "1976", "Perception and Misperception"),
    ]
    name_only = citation("b", 0, ["Jervis"], None, None)
    build_works([result("a", listed, []), result("b", [], [name_only])])
    assert name_only.work is None
