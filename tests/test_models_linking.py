"""Linking the gold hypotheses to the runnable models, and writing the linked model runs.

EXPECTED below is the mapping of every gold hypothesis (by document and text opening) to the
model(s) that formalise it, decided from its gold theory:

* "collective action / public goods" -> collective_action; "joint product model" ->
  joint_product; "alliance formation game theory" (Iwanami 2024, doc 001) -> alliance_restraint.
* "offense-defense theory", the security-dilemma claims of "structural realism", the
  "revisionist critique" (modelled by the revisionism variable), the transparency claims of
  "democratic peace / regime type" and "transparency and security cooperation" ->
  security_dilemma (its transparency variable stands for open, democratic regimes).
* Arming that provokes counter-arming and security spirals -> arms_race; where the sentence is
  as much about the security dilemma itself, either of the two is accepted.
* "domestic sources of alignment" and "internal security" -> no model (none formalises
  domestic constraints or internal threats); neither do the anarchy -> self-help premises.

Borderline hypotheses (optional=True) may be linked to the listed models or left unlinked; the
comments say why they are borderline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from analyser.models.linking import (
    best_candidates,
    find_concepts,
    link_hypotheses,
    same_surname,
    score_hypothesis,
    surnames,
    write_model_runs,
)
from analyser.records import Hypothesis, ModelLink

GOLD_PATH = Path(__file__).resolve().parent.parent.parent / "shared" / "gold" / "seeds_gold.json"

CA, JP, SD, AR, AL = (
    "collective_action",
    "joint_product",
    "security_dilemma",
    "arms_race",
    "alliance_restraint",
)


@dataclass(frozen=True)
class Expected:
    """Acceptable models for a hypothesis; optional means leaving it unlinked is also fine."""

    models: frozenset[str]
    optional: bool = False


def must(*models: str) -> Expected:
    return Expected(frozenset(models))


def may(*models: str) -> Expected:
    return Expected(frozenset(models), optional=True)


NO_MODEL = Expected(frozenset())

EXPECTED: dict[tuple[str, str], Expected] = {
    # 000: alliance burden sharing essay
    ("000", "First, defence burdens can be expected"): must(CA),
    ("000", "Large, wealthy allies will pay more"): must(CA),
    ("000", "This creates the likelihood of what Olsen"): must(CA),
    ("000", "In security alliances larger allies put up"): must(CA),
    ("000", "Second, there should be no limits"): must(CA),
    ("000", "Nevertheless, as group size increases"): must(CA),
    ("000", "The main hypothesis of the Joint Product"): must(JP),
    ("000", "Small allies that receive substantial"): must(JP),
    ("000", "the actions taken by some alliance members"): must(JP),
    ("000", "Domestic political and economic constraints"): NO_MODEL,
    # theory "domestic sources of alignment / collective action": the cause is domestic, the
    # effect (free riding) is collective action's, so either answer is defensible
    ("000", "This creates an added incentive to 'free ride'"): may(CA),
    ("000", "Governments may prefer to rely on other"): NO_MODEL,
    ("000", "Internal threats provide additional incentives"): NO_MODEL,
    ("000", "This means that governments that perceive"): NO_MODEL,
    # 001: Iwanami (2024) abstract
    ("001", "intra-alliance burden-sharing allows"): must(AL),
    ("001", "The results suggest that alliance burden-sharing"): must(AL),
    ("001", "If a prospective ally"): must(AL),
    ("001", "Conversely, if the cost is relatively high"): must(AL),
    ("001", "However, to prevent being exploited"): must(AL),
    ("001", "Their alliance entails power aggrandizement"): must(AL),
    # 002: security dilemma encyclopedia entry
    ("002", "Some scholars of international relations find"): must(SD),
    ("002", "They argue that in the international realm"): NO_MODEL,  # anarchy -> self-help
    # "arming lowers others' security" is the dilemma itself and the arms-race mechanism
    ("002", "Even if states focus solely on this goal"): must(SD, AR),
    ("002", "Decreasing the security of others"): must(AR, SD),
    ("002", "For this reason they will either choose"): must(SD, AR),
    ("002", "If they choose the first option"): must(AR, SD),
    # anaphoric ("This" = the spiral) and gold-borderline
    ("002", "This may lead to war in the long run"): may(AR, SD),
    # preemptive attack is not a move of either model
    ("002", "If they choose the last option"): may(SD),
    ("002", "Thus, even if all states are status quo"): must(SD),
    ("002", "Security scholars such as Stephen Van Evera"): must(SD),
    ("002", "If conquest is easy"): must(SD),
    ("002", "Conversely, if conquest is difficult"): must(SD),
    ("002", "If we are able to tell the difference"): must(SD),
    # the causes of the balance (geography, technology, doctrine) are outside the model
    ("002", "Offense and defense dominance vary"): may(SD),
    ("002", "Also, regime type may affect"): must(SD),
    # joint democracy -> peace: the model has transparency, not the full democratic peace
    ("002", "Although democracies often go to war"): may(SD),
    ("002", "When two autocracies face each other"): must(SD, AR),
    # institutional constraints are not transparency, but the claim is about regime type
    ("002", "Second, democracies usually have rules"): may(SD),
    ("002", "Both of these characteristics"): must(SD),
    ("002", "[B]ecause democracies have more accurate"): must(SD),
    ("002", "Other scholars argue that the security dilemma"): must(SD),
    ("002", "If all states are status quo powers"): must(SD),
    ("002", "states wishing to expand their power"): must(SD),
    # case-specific / scope extensions (gold-borderline): internal security dilemmas
    ("002", "For instance, Barry Posen"): may(SD),
    ("002", "Brian Job extends the applicability"): may(SD),
    # 003: unattributed paraphrase of 002
    ("003", "According to some experts in the field"): must(SD),
    ("003", "They believe each country must assume"): NO_MODEL,  # anarchy -> self-help
    ("003", "Nevertheless, many of the steps used"): must(SD, AR),
    # garbled paraphrase ("reduces its security"), gold-borderline
    ("003", "if a state reduces its security"): may(AR, SD),
    ("003", "Some experts see the security problem"): must(SD),
    ("003", "It is argued that since there is no legal"): NO_MODEL,  # anarchy -> self-help
    ("003", "Many of the measures governments take"): must(SD, AR),
    ("003", "in an anarchic system, other governments"): must(AR, SD),
    ("003", "Therefore, conflict may arise even if"): must(SD),
    ("003", "The severity of the security problem"): must(SD),
    ("003", "Even while democracies fight often"): may(SD),
    ("003", "Security spirals may get out of hand"): must(SD, AR),
    ("003", "Second, democratic nations are less likely"): may(SD),
    ("003", "These two features of contemporary"): must(SD),
    ("003", "According to Charles Lipson"): must(SD),
    ("003", "In today's complex foreign relations"): must(SD),
    ("003", "Jervis argues that the high levels"): must(SD),
    # embedded in a historical statement, gold-borderline
    ("003", "communicating openly and honestly"): may(SD),
    ("003", "If all countries were aware"): must(SD),
    ("003", "democratic processes prevent conflict"): must(SD),
    ("003", "For example, some think the security issue"): must(SD),
}


def gold_hypotheses(path: Path = GOLD_PATH) -> list[tuple[Hypothesis, Expected]]:
    """Every gold hypothesis as a Hypothesis record, paired with its expected models."""
    documents = json.loads(path.read_text(encoding="utf-8"))["documents"]
    pairs = []
    for name, document in sorted(documents.items()):
        prefix = name[:3]
        for index, gold in enumerate(document["hypotheses"]):
            keys = [key for key in EXPECTED if key[0] == prefix and gold["text"].startswith(key[1])]
            if len(keys) != 1:
                raise KeyError(f"{prefix}: no single expectation for {gold['text'][:60]!r}")
            attributed = gold.get("attributed_to")
            hypothesis = Hypothesis(
                id=f"{prefix}-h{index}",
                doc=name,
                start=0,
                end=0,
                text=gold["text"],
                cause=gold["cause"],
                effect=gold["effect"],
                direction=gold["direction"],
                condition=gold.get("condition"),
                hedged=bool(gold.get("hedged")),
                attributed=[attributed] if attributed else [],
                theory=None,  # the gold theory is the answer, so it is not given to the linker
            )
            pairs.append((hypothesis, EXPECTED[keys[0]]))
    return pairs


def link_metrics(
    pairs: list[tuple[Hypothesis, Expected]], links: list[ModelLink]
) -> dict[str, float]:
    """Precision of the links made; recall over hypotheses that need a model; stray links."""
    linked = {link.hypothesis: link.model for link in links}
    needed = [(h, e) for h, e in pairs if e.models and not e.optional]
    found = sum(linked.get(h.id) in e.models for h, e in needed)
    correct = sum(linked[h.id] in e.models for h, e in pairs if h.id in linked)
    stray = sum(h.id in linked for h, e in pairs if not e.models)
    return {
        "links": float(len(linked)),
        "precision": correct / len(linked) if linked else 0.0,
        "recall": found / len(needed),
        "needed": float(len(needed)),
        "no_model_linked": float(stray),
        "no_model": float(sum(not e.models for _, e in pairs)),
    }


@pytest.fixture(scope="module")
def pairs() -> list[tuple[Hypothesis, Expected]]:
    return gold_hypotheses()


@pytest.fixture(scope="module")
def links(pairs: list[tuple[Hypothesis, Expected]]) -> list[ModelLink]:
    return link_hypotheses([h for h, _ in pairs])


def test_every_gold_hypothesis_has_an_expectation(pairs: list[tuple[Hypothesis, Expected]]) -> None:
    assert len(pairs) == len(EXPECTED)


def test_recall_on_hypotheses_with_a_model(pairs, links) -> None:
    metrics = link_metrics(pairs, links)
    assert metrics["recall"] >= 0.8, metrics


def test_hypotheses_without_a_model_stay_unlinked(pairs, links) -> None:
    metrics = link_metrics(pairs, links)
    assert metrics["no_model_linked"] == 0, metrics
    assert metrics["precision"] >= 0.9, metrics


def test_olson_hypotheses_link_to_collective_action_and_are_supported(pairs, links) -> None:
    by_id = {link.hypothesis: link for link in links}
    olson = [
        h
        for h, _ in pairs
        if h.doc.startswith("000")
        and h.text.startswith(("First, defence burdens", "Large, wealthy allies", "Nevertheless"))
    ]
    assert len(olson) == 3
    for hypothesis in olson:
        link = by_id[hypothesis.id]
        assert link.model == CA
        assert link.verdict == "supported"
        assert link.params["alpha"] == 0.5
    group_size = by_id[olson[2].id]
    assert group_size.prediction == "suboptimal_provision_worsens_with_group_size"
    wealth = by_id[olson[1].id]
    assert wealth.prediction == "burden_rises_with_income"


def test_links_are_deterministic(pairs) -> None:
    hypotheses = [h for h, _ in pairs]
    assert link_hypotheses(hypotheses) == link_hypotheses(list(hypotheses))


def test_surname_matching_is_fuzzy_but_not_loose() -> None:
    assert surnames("Olson and Zeckhauser 1966") == ["olson", "zeckhauser"]
    assert surnames("Van Evera 1999") == ["van evera"]
    assert same_surname("olsen", "olson")
    assert same_surname("hertz", "herz")
    assert not same_surname("olson", "wilson")
    assert not same_surname("job", "jervis")


def test_concepts_are_found_across_spelling_variants() -> None:
    found = find_concepts(["Offence-defence balance shapes the free-riding of allies"])
    assert {"offense-defense balance", "free riding", "alliance"} <= set(found)
    assert find_concepts([], ["security_dilemma"]) == {"security dilemma": 1.0}


def test_attribution_alone_moves_a_hypothesis_towards_its_model() -> None:
    text = "Allies share the costs of defence unevenly."
    plain = Hypothesis("a", "d", 0, 0, text, "costs", "share", "+")
    cited = Hypothesis("b", "d", 0, 0, text, "costs", "share", "+", attributed=["Olsen 1971"])
    score = {c.model: c.score for c in score_hypothesis(plain)}
    boosted = {c.model: c.score for c in score_hypothesis(cited)}
    assert boosted[CA] > score[CA]
    assert boosted[JP] == score[JP]


def test_unrelated_hypothesis_is_not_linked() -> None:
    hypothesis = Hypothesis(
        "x", "d", 0, 0, "Urbanisation raises household savings.", "urbanisation", "savings", "+"
    )
    assert link_hypotheses([hypothesis]) == []
    assert best_candidates([hypothesis])[0].score < 0.1


def test_write_model_runs_writes_json_and_png_per_linked_model(links, tmp_path) -> None:
    written = write_model_runs(links, tmp_path)
    models = sorted({link.model for link in links})
    assert sorted(p.name for p in written) == sorted(
        [f"{m}.json" for m in models] + [f"{m}.png" for m in models]
    )
    document = json.loads((tmp_path / "models" / f"{CA}.json").read_text(encoding="utf-8"))
    assert document["params"]["incomes"] == [10.0, 8.0, 6.0, 4.0, 2.0]
    verdicts = {p["name"]: p["verdict"] for p in document["predictions"]}
    assert verdicts["burden_rises_with_income"] == "true"
    assert {link["hypothesis"] for link in document["links"]} == {
        link.hypothesis for link in links if link.model == CA
    }
    png = (tmp_path / "models" / f"{CA}.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    assert not list((tmp_path / "models").glob("*.tmp"))
