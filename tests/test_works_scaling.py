"""Works built by indexed comparison agree with comparing every pair, on random references."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analyser.extract.linking import best_unique, same_surname
from analyser.ingest.paragraphs import document_from_text
from analyser.records import Author, Citation, DocResult, Reference
from analyser.works import _cluster_references, _Draft, _fit, _SurnameIndex, build_works, same_work

SURNAMES = [
    "Olson",
    "Olsen",
    "Waltz",
    "Walz",
    "Jervis",
    "Glaser",
    "Glazer",
    "van Evera",
    "Evera",
    "",
]
YEARS = ["1965", "1966", "1978", "1978a", "1978b", "n.d.", None]
TITLES = [
    "The Logic of Collective Action",
    "The logic of collective action: public goods",
    "Cooperation under the Security Dilemma",
    "Cooperation Under the Security Dilemmas",
    "Theory of International Politics",
    None,
]
DOIS = [None, None, None, "10.1/abc", "https://doi.org/10.1/ABC", "10.2/xyz"]

references_strategy = st.lists(
    st.tuples(
        st.sampled_from(SURNAMES), st.sampled_from(YEARS), st.sampled_from(TITLES),
        st.sampled_from(DOIS),
    ),
    max_size=25,
)  # fmt: skip
citations_strategy = st.lists(
    st.tuples(st.lists(st.sampled_from(SURNAMES[:-1]), min_size=1, max_size=2),
              st.sampled_from(YEARS)),
    max_size=25,
)  # fmt: skip


def make_references(rows: list[tuple]) -> list[Reference]:
    return [
        Reference(
            doc=f"d{i % 3}", index=i, raw=f"{family} ({year}) {title}.",
            authors=[Author(family)] if family else [], year=year, title=title, doi=doi,
        )
        for i, (family, year, title, doi) in enumerate(rows)
    ]  # fmt: skip


def partition(groups: list[list[Reference]]) -> set[frozenset[int]]:
    return {frozenset(r.index for r in group) for group in groups}


def every_pair_partition(references: list[Reference]) -> set[frozenset[int]]:
    """The connected groups of the graph that joins every pair ``same_work`` accepts."""
    groups = [{i} for i in range(len(references))]
    for i, first in enumerate(references):
        for j in range(i + 1, len(references)):
            if same_work(first, references[j]):
                a = next(g for g in groups if i in g)
                b = next(g for g in groups if j in g)
                if a is not b:
                    a |= b
                    groups.remove(b)
    return {frozenset(group) for group in groups}


@settings(max_examples=200, deadline=None)
@given(references_strategy)
def test_reference_clusters_equal_every_pair_comparison(rows: list[tuple]) -> None:
    references = make_references(rows)
    drafts = _cluster_references(references)
    assert partition([d.references for d in drafts]) == every_pair_partition(references)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SURNAMES), max_size=20), st.sampled_from(SURNAMES))
def test_surname_index_finds_every_alike_surname(names: list[str], query: str) -> None:
    index = _SurnameIndex()
    for item, name in enumerate(names):
        index.add(name, item)
        alike = set(index.alike(query))
        assert {
            i for i, other in enumerate(names[: item + 1]) if same_surname(query, other)
        } <= alike


def place_scanning_every_work(references: list[Reference], citations: list[Citation]) -> dict:
    """Unlinked citations placed by scoring every work, as ``build_works`` describes."""
    drafts = _cluster_references(references)
    for with_year in (True, False):
        for citation in [c for c in citations if bool(c.year) == with_year]:
            scores = {i: _fit(citation, draft, with_year) for i, draft in enumerate(drafts)}
            best = best_unique(scores)
            if best is not None:
                drafts[best].cite(citation)
            elif not any(scores.values()):
                drafts.append(_Draft(citations=[citation]))
    return {
        c.start: frozenset(r.index for r in d.references) | {("c", x.start) for x in d.citations}
        for d in drafts
        for c in d.citations
    }


@settings(max_examples=150, deadline=None)
@given(references_strategy, citations_strategy)
def test_citation_placement_equals_scoring_every_work(rows: list[tuple], cited: list) -> None:
    references = make_references(rows)
    citations = [
        Citation("d0", 0, 10 * i, 10 * i + 5, " ".join(names), names, year,
                 kind="parenthetical" if year else "name_only")
        for i, (names, year) in enumerate(cited)
    ]  # fmt: skip
    expected = place_scanning_every_work(make_references(rows), [c for c in citations])
    result = DocResult(document_from_text("text", doc_id="d0"), citations, references)
    works = build_works([result])
    members: dict[str, set] = {work.key: set() for work in works}
    for reference in references:
        members[reference.work].add(reference.index)
    for citation in citations:
        if citation.work is not None:
            members[citation.work].add(("c", citation.start))
    placed = {c.start: frozenset(members[c.work]) for c in citations if c.work is not None}
    assert placed == expected
