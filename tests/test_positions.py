"""Theoretical positions: passage selection, terms, clustering, labelling, tables, gold floor."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from analyser.ingest.paragraphs import document_from_text
from analyser.lexicon import load_lexicon
from analyser.positions import PositionOptions, find_positions, position_tables
from analyser.positions.known import known_positions
from analyser.positions.labelling import distinct_labels, match_known
from analyser.positions.passages import select_passages
from analyser.positions.terms import fold_word, light_terms
from analyser.records import DocResult, Reference

ROOT = Path(__file__).resolve().parent.parent


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "bench_positions", ROOT / "benchmarks/positions.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    return _benchmark()


@pytest.fixture(scope="module")
def corpus(bench) -> list[DocResult]:
    """The sample texts with lexicon mentions and in-text citations."""
    return bench.analyse_corpus()


@pytest.fixture(scope="module")
def found(corpus):
    return find_positions(corpus, seed=0)


def _result(text: str, doc: str = "d") -> DocResult:
    return DocResult(document_from_text(text, doc, f"{doc}.txt"))


PROSE = (
    "States in an anarchic international system must look after their own security, and the "
    "measures one state takes to feel safe leave its neighbours feeling less safe in turn."
)


# --- gold floor and determinism ---------------------------------------------------------------


def test_passage_clusters_agree_with_gold_positions(bench, corpus):
    score = bench.score_run(corpus)
    assert score.ari >= 0.5, score
    assert score.nmi >= 0.6, score


def test_same_seed_gives_byte_identical_tables(corpus, found):
    again = find_positions(corpus, seed=0)
    assert again == found
    first = [table.to_csv(index=False) for table in position_tables(*found)]
    second = [table.to_csv(index=False) for table in position_tables(*again)]
    assert first == second


def test_result_order_does_not_matter(corpus, found):
    assert find_positions(list(reversed(corpus)), seed=0) == found


# --- records ---------------------------------------------------------------------------------


def test_positions_are_numbered_by_size(found):
    positions, passages = found
    assert [p.id for p in positions] == [f"pos{i}" for i in range(1, len(positions) + 1)]
    sizes = [p.n_passages for p in positions]
    assert sizes == sorted(sizes, reverse=True)
    assert sum(sizes) == len(passages)
    assert len({p.label for p in positions}) == len(positions)


def test_every_passage_has_a_position_and_a_weight(found):
    positions, passages = found
    ids = {p.id for p in positions}
    for passage in passages:
        assert passage.position in ids
        assert 0.0 <= passage.weight <= 1.0
        assert passage.start < passage.end


def test_each_document_mix_sums_to_one(found, corpus):
    positions, _ = found
    totals: dict[str, float] = {}
    for position in positions:
        for doc, weight in position.docs.items():
            totals[doc] = totals.get(doc, 0.0) + weight
    assert set(totals) == {result.document.id for result in corpus}
    assert all(abs(total - 1.0) < 1e-3 for total in totals.values())


def test_clusters_match_known_lexicon_positions(found):
    positions, passages = found
    lexicon = load_lexicon()
    known = {p.known_position for p in positions if p.known_position}
    assert known <= set(lexicon.positions)
    assert {"collective_action", "joint_product", "democratic_peace"} <= known
    for position in positions:
        assert 0.0 <= position.confidence <= 1.0
        assert position.top_terms
    by_doc = {(a.doc, a.paragraph): a.position for a in passages}
    collective = by_doc[("000_fa9ae7463e456142", 9)]
    joint = by_doc[("000_fa9ae7463e456142", 14)]
    assert collective != joint


def test_k_fixes_the_number_of_positions(corpus):
    positions, _ = find_positions(corpus, k=5)
    assert len(positions) == 5


def test_tables_have_the_documented_columns(found):
    positions_df, passages_df = position_tables(*found)
    assert list(positions_df.columns) == [
        "position", "label", "known_position", "confidence", "top_terms", "n_passages", "docs",
    ]  # fmt: skip
    assert list(passages_df.columns) == [
        "doc", "paragraph", "start", "end", "text", "position", "weight",
    ]  # fmt: skip
    assert len(passages_df) == len(found[1])
    assert passages_df["position"].isin(positions_df["position"]).all()


def test_without_mentions_positions_are_named_by_terms(bench):
    positions, passages = find_positions(bench.analyse_corpus(mentions=False, citations=False))
    assert passages
    assert all(p.known_position is None and p.confidence == 0.0 for p in positions)
    assert all(p.label for p in positions)


def test_empty_corpus_has_no_positions():
    assert find_positions([]) == ([], [])
    assert find_positions([_result("Title\n\nToo short to count.")]) == ([], [])


def test_passages_without_any_feature_share_one_position():
    filler = "It is what it is, and that is all there is to it, or so they say it seems to be."
    positions, passages = find_positions([_result(f"{filler}\n\n{filler}\n\n{filler}")])
    assert len(positions) == 1
    assert len(passages) == 2  # the first two short paragraphs merged
    assert {a.position for a in passages} == {"pos1"}
    assert positions[0].label == "unlabelled passages"


# --- passage selection ------------------------------------------------------------------------


def test_reference_sections_and_reference_spans_are_left_out():
    text = (
        f"Introduction\n\n{PROSE}\n\n{PROSE} Second paragraph.\n\nReferences\n\n"
        "Waltz, Kenneth (1979) Theory of International Politics. Reading, MA: Addison-Wesley."
    )
    result = _result(text)
    kept = [p.paragraph for p in select_passages([result])]
    assert kept == [1, 2]
    second = result.document.paragraphs[2]
    result.references = [Reference("d", 0, second.text, second.start, second.end)]
    assert [p.paragraph for p in select_passages([result])] == [1]


def test_excluded_paragraphs_are_left_out():
    result = _result(f"{PROSE}\n\n{PROSE} Again.")
    assert [p.paragraph for p in select_passages([result], exclude={("d", 0)})] == [1]


def test_short_paragraphs_of_a_section_are_merged_and_tiny_ones_dropped():
    short = "Deterrence works when threats are credible and costly to ignore."
    text = f"Section\n\n{short}\n\n{short}\n\n{short}\n\n{PROSE}\n\nNext\n\nToo short here."
    passages = select_passages([_result(text)], min_words=12, merge_below=30)
    assert [p.paragraphs for p in passages] == [[1, 2, 3], [4]]
    assert passages[0].text.startswith(short) and passages[0].text.endswith(short)


def test_site_chrome_is_left_out(corpus):
    repec = next(r for r in corpus if r.document.id.startswith("001"))
    kept = {p.paragraph for p in select_passages([repec])}
    assert 6 in kept  # the abstract
    assert not kept & {13, 14, 15, 16, 17}  # notes to the site's users


# --- terms and known positions ----------------------------------------------------------------


def test_light_terms_fold_plurals_and_keep_phrases():
    terms = light_terms("The regime types of weak states; the theses about democracies.")
    assert "regime type" in terms
    assert "weak state" in terms
    assert "thesis" in terms
    assert "democracy" in terms
    assert "type" not in terms  # too vague on its own
    assert "the" not in terms


def test_contractions_and_quotes_break_phrases():
    terms = light_terms("Arms don't help; the ‘offense-defense balance’ and the states’ security.")
    assert "offense-defense balance" in terms
    assert not any("'" in term for term in terms)
    assert "state security" not in terms


def test_fold_word():
    assert fold_word("States’") == "state"
    assert fold_word("analyses") == "analysis"
    assert fold_word("policies") == "policy"
    assert fold_word("class") == "class"
    assert fold_word("politics") == "politics"


def test_known_match_reads_the_lexicon_mix():
    known = known_positions(load_lexicon())
    match = match_known(["democracy", "democracy", "regime_type"], known)
    assert match.position == "democratic_peace"
    assert match.confidence == pytest.approx(1.0)
    assert match_known([], known).position is None


def test_shared_labels_are_told_apart():
    labels = distinct_labels(["realism", "realism", "x"], [["anarchy"], ["power"], ["y"]])
    assert labels == ["realism: anarchy", "realism: power", "x"]
    assert distinct_labels(["a", "a"], [[], []]) == ["a #1", "a #2"]


def test_lemmatised_terms_are_an_option(corpus):
    positions, passages = find_positions(corpus, options=PositionOptions(lemmatise=True))
    assert positions and passages
