"""The faster graph build and flat attribute rows keep their exact results."""

from __future__ import annotations

import gc

import networkx as nx
import pytest
from corpus_fixture import MODELS, security_dilemma_corpus

from analyser.export.attributes import FlatGraph, typed_values
from analyser.graph import MatcherIndex, build_graph, fold


def _graph_with_awkward_values() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="awkward")
    graph.add_node("a", kind="x", label="A\x0cform feed", score=0.0, tags=["p", "q"])
    graph.add_node("b", kind="x", label="B", score=-0.0, flag=True)
    graph.add_node("c", kind="y", label="C", score=2, flag=1, meta={"z": 1, "a": [2]})
    graph.add_edge("a", "b", key="k", kind="e", weight=1.0)
    graph.add_edge("b", "c", key="k", kind="e", weight=1.0)
    graph.add_edge("c", "a", key="k", kind="e", weight=None)
    return graph


def test_values_take_one_type_per_name_and_keep_the_sign_of_zero():
    flat = FlatGraph(_graph_with_awkward_values())
    assert flat.node_types == {
        "flag": str,
        "kind": str,
        "label": str,
        "meta": str,
        "score": float,
        "tags": str,
    }
    rows = {node.node: flat.node_attributes(node.values) for node in flat.nodes}
    assert rows["a"]["label"] == "Aform feed" and rows["a"]["tags"] == "p; q"
    assert str(rows["a"]["score"]) == "0.0" and str(rows["b"]["score"]) == "-0.0"
    assert rows["c"]["score"] == 2.0 and type(rows["c"]["score"]) is float
    assert rows["b"]["flag"] == "true" and rows["c"]["flag"] == "1"
    assert rows["c"]["meta"] == '{"a": [2], "z": 1}'
    assert [flat.edge_attributes(edge.values) for edge in flat.edges][2] == {"kind": "e"}


def test_lists_become_joined_text():
    types, values = typed_values([{"tags": ["p", "q"]}, {"tags": ("r",)}, {}])
    assert types == {"tags": str}
    assert values == [("p; q",), ("r",), (None,)]


def test_equal_rows_share_one_tuple_unless_a_float_is_zero():
    records = [{"w": 1.5}, {"w": 1.5}, {"n": 1, "w": 0.0}, {"n": 1, "w": -0.0}]
    types, values = typed_values(records)
    assert types == {"n": int, "w": float}
    assert values[0] is values[1] and values[0] == (None, 1.5)
    assert str(values[2]) == "(1, 0.0)" and str(values[3]) == "(1, -0.0)"


def test_records_without_values_give_empty_rows():
    assert typed_values([{}, {"a": None}]) == ({}, [(), ()])


def test_concepts_in_is_the_candidates_whose_label_matches():
    labels = {"sd": "security dilemma", "odb": "offence-defence balance", "bp": "balance of power"}
    index = MatcherIndex(labels)
    for text in ("The security dilemmas of the offense-defense balance", "balances of powers", ""):
        folded = fold(text)
        expected = {c for c in index.candidates([folded]) if index.matchers[c].search(folded)}
        assert index.concepts_in(folded) == expected
        assert index.concepts_in(folded) is index.concepts_in(folded)


@pytest.mark.parametrize("enabled", [True, False])
def test_build_graph_leaves_the_garbage_collector_as_it_was(enabled):
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        graph = build_graph(security_dilemma_corpus(), MODELS)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert graph.number_of_edges() > 0


def test_edge_attributes_are_sorted_and_the_graph_owns_them():
    graph = build_graph(security_dilemma_corpus(), MODELS)
    edges = list(graph.edges(keys=True, data=True))
    assert all(list(data) == sorted(data) for *_, data in edges)
    states = [data for _, _, key, data in edges if key == "states"]
    assert len(states) > 1 and type(states[0]) is dict
    states[0]["weight"] = 2.0  # changing one edge changes no other
    assert states[1]["weight"] == 1.0
