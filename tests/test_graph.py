"""The citation + concept graph built from a hand-made security-dilemma corpus."""

from __future__ import annotations

import copy

import networkx as nx
import pytest
from corpus_fixture import MODELS, security_dilemma_corpus

from analyser.graph import (
    EDGE_KINDS,
    ID_PREFIX,
    NODE_KINDS,
    build_graph,
    edges_of_kind,
    label_pattern,
    match_work,
    nodes_of_kind,
    parse_author_year,
    work_label,
)
from analyser.records import Author, ModelLink, Work

# Edge kind -> (source kind, target kind), as the design fixes them.
ENDPOINTS = {
    "cites": ("document", "work"),
    "mentions": ("document", "concept"),
    "co_occurs": ("concept", "concept"),
    "states": ("document", "hypothesis"),
    "involves": ("hypothesis", "concept"),
    "attributed_to": ("hypothesis", "work"),
    "formalised_by": ("hypothesis", "model"),
    "implements": ("model", "work"),
}


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return build_graph(security_dilemma_corpus(), MODELS)


def _edge(graph: nx.MultiDiGraph, source: str, target: str, kind: str) -> dict:
    found = [
        d for d in graph.get_edge_data(source, target, default={}).values() if d["kind"] == kind
    ]
    assert found, f"no {kind} edge {source} -> {target}"
    return found[0]


def test_every_node_kind_with_prefixed_ids_kind_and_label(graph):
    counts = {kind: len(nodes_of_kind(graph, kind)) for kind in NODE_KINDS}
    assert counts == {
        "document": 3,
        "work": 8,
        "concept": 9,
        "hypothesis": 5,
        "position": 2,
        "model": 3,
    }
    for node, data in graph.nodes(data=True):
        assert node.startswith(ID_PREFIX[data["kind"]] + ":")
        assert isinstance(data["label"], str) and data["label"]


def test_every_edge_kind_joins_the_right_node_kinds(graph):
    seen = {data["kind"] for _, _, data in graph.edges(data=True)}
    assert seen == set(EDGE_KINDS)
    for source, target, data in graph.edges(data=True):
        kinds = (graph.nodes[source]["kind"], graph.nodes[target]["kind"])
        if data["kind"] == "in_position":
            assert kinds in {("document", "position"), ("hypothesis", "position")}
        else:
            assert kinds == ENDPOINTS[data["kind"]]
        assert isinstance(data["weight"], float)


def test_node_attributes_carry_the_records(graph):
    doc = graph.nodes["doc:wivel2011"]
    assert (doc["title"], doc["year"], doc["authors"]) == (
        "Security Dilemma",
        2011,
        ["Anders Wivel"],
    )
    assert doc["path"] == "corpus/wivel2011.txt"
    work = graph.nodes["work:jervis1978cooperation"]
    assert work["label"] == "Jervis 1978"
    assert (work["container"], work["volume"], work["issue"], work["pages"]) == (
        "World Politics",
        "30",
        "2",
        "167-214",
    )
    assert "Cooperation under the Security Dilemma" in work["reference"]
    concept = graph.nodes["concept:security-dilemma"]
    assert concept["source"] == "lexicon" and concept["n_docs"] == 2
    assert concept["definition"].startswith("A security dilemma is a situation")
    hyp = graph.nodes["hyp:offence-defence#h1"]
    assert hyp["direction"] == "+" and hyp["hedged"] is True and hyp["doc"] == "offence-defence"
    assert hyp["text"].startswith("When offence has the advantage")
    position = graph.nodes["pos:p0"]
    assert position["top_terms"][0] == "security dilemma"
    assert position["known_position"] == "defensive realism"
    assert graph.nodes["model:security_dilemma"]["theory"] == "defensive realism"


def test_cites_and_mentions_are_weighted_by_counts(graph):
    assert _edge(graph, "doc:burden-sharing", "work:olson1966economic", "cites")["weight"] == 2.0
    assert _edge(graph, "doc:wivel2011", "work:herz1950idealist", "cites")["weight"] == 1.0
    assert _edge(graph, "doc:wivel2011", "concept:security-dilemma", "mentions")["weight"] == 6.0
    pair = _edge(graph, "concept:offence-defence-balance", "concept:security-dilemma", "co_occurs")
    assert pair["weight"] == 2.0


def test_involves_roles_come_from_cause_effect_and_condition(graph):
    roles = {
        (target, data["role"])
        for _, target, data in edges_of_kind(graph, "involves")
        if _ == "hyp:wivel2011#h1"
    }
    assert roles == {("concept:anarchy", "condition"), ("concept:arms-race", "effect")}
    sd_roles = {
        data["role"]
        for source, target, data in edges_of_kind(graph, "involves")
        if target == "concept:security-dilemma" and source == "hyp:wivel2011#h2"
    }
    assert sd_roles == {"effect"}


def test_attributed_to_matches_author_year_strings_to_cited_works(graph):
    attributed = {(s, t) for s, t, _ in edges_of_kind(graph, "attributed_to")}
    assert ("hyp:wivel2011#h2", "work:jervis1978cooperation") in attributed
    assert ("hyp:offence-defence#h1", "work:jervis1978cooperation") in attributed
    assert ("hyp:burden-sharing#h1", "work:olson1966economic") in attributed
    assert ("hyp:burden-sharing#h2", "work:sandler1993economic") in attributed


def test_model_edges_carry_score_verdict_and_implemented_works(graph):
    link = _edge(graph, "hyp:wivel2011#h2", "model:security_dilemma", "formalised_by")
    assert (link["score"], link["verdict"]) == (0.81, "supported")
    implements = {(s, t) for s, t, _ in edges_of_kind(graph, "implements")}
    assert implements == {
        ("model:security_dilemma", "work:jervis1978cooperation"),
        ("model:collective_action", "work:olson1966economic"),
    }  # "Sandler 1977" is not in the corpus (only Sandler 1993), so joint_product has none


def test_positions_of_documents_and_hypotheses(graph):
    assert _edge(graph, "doc:wivel2011", "pos:p0", "in_position")["weight"] == 0.75
    assert _edge(graph, "doc:wivel2011", "pos:p1", "in_position")["weight"] == 0.25
    assert _edge(graph, "hyp:burden-sharing#h1", "pos:p1", "in_position")["weight"] == 0.95
    assert graph.nodes["doc:wivel2011"]["position"] == "pos:p0"
    assert graph.nodes["concept:free-riding"]["position"] == "pos:p1"
    assert graph.nodes["work:jervis1978cooperation"]["position"] == "pos:p0"
    assert graph.nodes["model:collective_action"]["position"] == "pos:p1"
    assert "position" not in graph.nodes["work:glaser2010rational"]  # cited by no document


def test_same_corpus_in_any_order_gives_the_same_graph():
    corpus = security_dilemma_corpus()
    shuffled = copy.deepcopy(corpus)
    for name in ("results", "works", "concepts", "doc_concepts", "cooccurrences", "links"):
        getattr(shuffled, name).reverse()
    first = build_graph(corpus, MODELS)
    second = build_graph(shuffled, list(reversed(MODELS)))
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))
    assert list(first.nodes) == sorted(first.nodes)


def test_without_model_metadata_links_still_make_model_nodes():
    corpus = security_dilemma_corpus()
    corpus.links.append(ModelLink("no-such-hypothesis", "richardson", "arms race", 0.5, "untested"))
    graph = build_graph(corpus, models=[])
    assert nodes_of_kind(graph, "model") == [
        "model:collective_action",
        "model:richardson",
        "model:security_dilemma",
    ]
    assert not edges_of_kind(graph, "implements")
    assert not list(graph.in_edges("model:richardson"))  # the link's hypothesis does not exist


def test_model_registry_is_the_default_model_metadata():
    graph = build_graph(security_dilemma_corpus())
    models = nodes_of_kind(graph, "model")
    assert {"model:security_dilemma", "model:collective_action", "model:arms_race"} <= set(models)
    assert graph.nodes["model:security_dilemma"]["label"].startswith("Security dilemma game")
    implemented = {
        t for s, t, _ in edges_of_kind(graph, "implements") if s == "model:security_dilemma"
    }
    assert {"work:jervis1978cooperation", "work:herz1950idealist"} <= implemented


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Olson and Zeckhauser (1966)", ("Olson", "1966")),
        ("Mancur Olsen 1971", ("Olsen", "1971")),
        ("Booth et al. 2008a", ("Booth", "2008a")),
        ("Jervis", ("Jervis", None)),
        ("see Waltz, 1979", ("Waltz", "1979")),
    ],
)
def test_parse_author_year(text, expected):
    assert parse_author_year(text) == expected


def test_match_work_is_fuzzy_on_surnames_strict_on_years():
    works = security_dilemma_corpus().works
    assert match_work("Hertz (1950)", works).key == "herz1950idealist"  # spelling variant
    assert match_work("Olsen and Zeckhauser 1966", works).key == "olson1966economic"
    assert match_work("Jervis 1976", works) is None
    assert match_work("Herz", works).key == "herz1950idealist"
    assert match_work("Glaser", works) is None  # two Glaser works: ambiguous without a year
    suffixed = [
        Work("x2004a", [Author("Posen")], "2004a"),
        Work("x2004b", [Author("Posen")], "2004b"),
    ]
    assert match_work("Posen 2004b", suffixed).key == "x2004b"


def test_label_pattern_allows_spelling_variants_and_plurals():
    pattern = label_pattern("offence-defence balance")
    assert pattern.search("the offense defense balances shifted")
    assert not pattern.search("offence")
    assert label_pattern("alliance").search("alliances form")
    assert label_pattern("arms race").search("arms races")
    assert not label_pattern("race").search("terraces")


def test_work_label_forms():
    assert work_label(Work("a", [Author("Jervis", "Robert")], "1978")) == "Jervis 1978"
    two = Work("b", [Author("Olson"), Author("Zeckhauser")], "1966")
    assert work_label(two) == "Olson and Zeckhauser 1966"
    three = Work("c", [Author("Booth"), Author("Wheeler"), Author("Smith")], "2008")
    assert work_label(three) == "Booth et al. 2008"
    assert work_label(Work("d", [], None, "Untitled report")) == "Untitled report"
