"""The graph's lookup indexes give exactly the answers of a full scan, only faster."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analyser.graph import LabelMatcher, MatcherIndex, WorkIndex, fold, match_work
from analyser.records import Author, Work

# Words with spelling variants, plurals, regex case-equivalents of ASCII letters (dotless ı,
# long ſ, Kelvin sign) and punctuation inside words.
WORDS = (
    "defence",
    "defense",
    "offences",
    "balance",
    "power",
    "powers",
    "colour",
    "color",
    "organise",
    "organizes",
    "politics",
    "polıtics",
    "ſtate",
    "state",
    "arms",
    "race",
    "races",
    "terraces",
    "security",
    "dilemma",
    "\u212aant",
    "kant",
    "o'neill",
    "u.s.",
    "9/11",
    "x-ray",
    "über",
    "of",
    "the",
)
SEPARATORS = (" ", "-", "–", ", ", "'", "(", " ")

labels = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
texts = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=10
).map(lambda pairs: "".join(word + separator for word, separator in pairs))


@settings(max_examples=300, deadline=None)
@given(st.lists(labels, min_size=1, max_size=12, unique=True), texts)
def test_candidates_include_every_concept_whose_label_matches(concept_labels, text):
    index = MatcherIndex({f"c{i}": label for i, label in enumerate(concept_labels)})
    folded = fold(text)
    matching = {concept for concept, m in index.matchers.items() if m.search(folded)}
    assert matching <= index.candidates([folded])


def test_candidates_leave_out_labels_that_cannot_occur():
    index = MatcherIndex(
        {
            "balance-of-power": "balance of power",
            "offence-defence": "offence-defence balance",
            "alliance": "alliance",
            "empty": "–",
        }
    )
    assert index.candidates([fold("Alliance politics and the balance of threat")]) == {"alliance"}
    found = index.candidates([fold("the offense-defense balance"), fold("balances of powers")])
    assert found == {"balance-of-power", "offence-defence"}


def test_candidates_see_case_equivalents_the_regex_accepts():
    index = MatcherIndex({"politics": "politics", "kant": "Kant"})
    text = "domestic pol\u0131tics after \u212aant"  # dotless i, Kelvin sign
    assert LabelMatcher.of("politics").search(text)
    assert index.candidates([text]) == {"politics", "kant"}


def test_surface_matchers_are_built_once():
    index = MatcherIndex({})
    assert index.surface_matcher("arms race") is index.surface_matcher("arms race")
    assert index.surface_matcher("arms race").search("the arms races")


def _work(key: str, family: str, year: str | None) -> Work:
    return Work(key=key, authors=[Author(family=family, given="")], year=year, title=key)


WORKS = [
    _work("herz1950idealist", "Herz", "1950"),
    _work("glaser1997security", "Glaser", "1997"),
    _work("glaser2010rational", "Glaser", "2010"),
    _work("posen2004a", "Posen", "2004a"),
    _work("posen2004b", "Posen", "2004b"),
    _work("olson1966economic", "Olson", "1966"),
    _work("anon", "", None),
    _work("waltz", "Waltz", None),
]


def test_work_index_matches_like_a_scan_of_every_work():
    index = WorkIndex(WORKS)
    for text in (
        "Hertz (1950)",
        "Herz",
        "Glaser",
        "Glaser 2010",
        "Glaser 1950",
        "Posen 2004b",
        "Posen 2004",
        "Olsen and Zeckhauser 1966",
        "Waltz",
        "Waltz 1979",
        "see 1950",
        "",
    ):
        assert index.match(text) == match_work(text, WORKS), text
        assert index.match(text) == match_work(text, WORKS), text  # answered from memory
