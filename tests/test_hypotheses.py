"""Hypothesis extraction: each construction, each kind of non-hypothesis, and the records."""

from __future__ import annotations

import pytest

from analyser.extract.hypotheses import find_hypotheses, structure_text
from analyser.ingest.paragraphs import document_from_text
from analyser.nlp import load_pipeline, parse_paragraphs
from analyser.records import Citation, ConceptMention, Hypothesis


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def extract(
    nlp,
    text: str,
    citations: list[Citation] | None = None,
    mentions: list[ConceptMention] | None = None,
) -> list[Hypothesis]:
    document = document_from_text(text, doc_id="doc", path="doc.txt")
    parsed = parse_paragraphs(nlp, document)
    return find_hypotheses(document, parsed, citations or [], mentions or [], nlp=nlp)


def only(nlp, text: str) -> Hypothesis:
    found = extract(nlp, text)
    assert len(found) == 1, [h.text for h in found]
    return found[0]


# ---------------------------------------------------------------------------- constructions


def test_conditional_clause_is_the_cause(nlp):
    h = only(nlp, "If the offence has the advantage, states will typically arm more heavily.")
    assert h.direction == "+"
    assert "offence" in h.cause
    assert h.hedged  # "typically"
    assert h.condition is None


def test_conditional_with_means_is_conditional(nlp):
    h = only(
        nlp,
        "If leaders can tell offensive from defensive weapons, states may reassure their "
        "rivals by buying only defensive arms.",
    )
    assert h.direction == "conditional"
    assert "leaders can tell" in h.condition
    assert "buying only defensive arms" in h.cause


def test_proviso_makes_the_relation_conditional(nlp):
    h = only(
        nlp,
        "Small states will align with a great power, so long as it does not threaten "
        "their independence.",
    )
    assert h.direction == "conditional"
    assert "does not threaten their independence" in h.condition


def test_comparative_correlative(nlp):
    h = only(nlp, "The more members an alliance has, the less each member contributes to defence.")
    assert h.direction == "-"
    assert "members" in h.cause


def test_as_covariation(nlp):
    h = only(nlp, "As the number of rival states grows, the risk of miscalculation increases.")
    assert h.direction == "+"
    assert "number of rival states" in h.cause
    assert "risk of miscalculation" in h.effect


def test_expectation_in_accordance_with(nlp):
    h = only(
        nlp,
        "Defence costs are expected to be divided in proportion to the security each member "
        "obtains.",
    )
    assert h.direction == "+"
    assert h.hedged  # "are expected to"
    assert "security each member obtains" in h.cause
    assert "Defence costs" in h.effect


@pytest.mark.parametrize(
    ("sentence", "direction", "cause", "effect"),
    [
        ("Arms races increase the risk of war.", "+", "Arms races", "risk of war"),
        (
            "Nuclear weapons deter large-scale conventional attacks.",
            "-",
            "Nuclear weapons",
            "attacks",
        ),
        ("Alliance commitments provoke counter-alliances.", "+", "Alliance commitments", "counter"),
        ("Rapid power shifts lead to preventive wars.", "+", "power shifts", "preventive wars"),
        (
            "Economic sanctions undermine the legitimacy of the targeted regime.",
            "-",
            "sanctions",
            "legitimacy",
        ),
        ("Transparency ameliorates the security dilemma.", "-", "Transparency", "security dilemma"),
    ],
)
def test_causal_verbs(nlp, sentence, direction, cause, effect):
    h = only(nlp, sentence)
    assert h.direction == direction
    assert cause in h.cause
    assert effect in h.effect
    assert not h.hedged


def test_making_something_less_likely(nlp):
    h = only(nlp, "Nuclear weapons make great-power war less likely.")
    assert h.direction == "-"
    assert h.cause == "Nuclear weapons"
    assert "war" in h.effect


def test_tendency_of_a_class_of_actors(nlp):
    h = only(nlp, "Weak states tend to bandwagon with the threatening power.")
    assert h.hedged
    assert h.cause == "Weak states"
    assert "bandwagon" in h.effect


def test_denied_effect_is_zero(nlp):
    h = only(nlp, "Economic interdependence does not prevent war between great powers.")
    assert h.direction == "0"


def test_generalisation_with_rarely_is_not_hedged(nlp):
    h = only(nlp, "Autocracies rarely fight wars against other autocracies.")
    assert h.direction == "-"
    assert not h.hedged


def test_less_likely_is_a_claim_not_a_hedge(nlp):
    h = only(nlp, "Democratic states are less likely to initiate militarised disputes.")
    assert h.direction == "-"
    assert not h.hedged
    assert "Democratic states" in h.cause


def test_modal_hedge(nlp):
    h = only(nlp, "Regime type may affect the intensity of the security dilemma.")
    assert h.hedged
    assert h.direction == "conditional"  # "affect" states no sign


@pytest.mark.parametrize(
    "sentence",
    [
        "H1: Alliance membership reduces national defence spending.",
        "It is hypothesised that enduring rivalries lead to arms build-ups.",
        "Realists predict that rising powers provoke balancing coalitions.",
        "The central hypothesis is that external threats increase alliance cohesion.",
    ],
)
def test_explicit_markers(nlp, sentence):
    h = only(nlp, sentence)
    assert h.direction in {"+", "-"}


def test_causal_noun(nlp):
    h = only(nlp, "Anarchy is the main source of insecurity among states.")
    assert h.direction == "+"
    assert h.cause == "Anarchy"
    assert "insecurity" in h.effect


def test_association(nlp):
    h = only(nlp, "Regime type is negatively associated with the frequency of interstate conflict.")
    assert h.direction == "-"
    assert "frequency of interstate conflict" in h.effect


def test_dependence_without_sign_is_conditional(nlp):
    h = only(nlp, "The severity of the dilemma depends on the balance between offence and defence.")
    assert h.direction == "conditional"
    assert "balance between offence and defence" in h.cause
    assert "severity of the dilemma" in h.effect


def test_reason_clause_is_the_cause(nlp):
    h = only(nlp, "Small allies free ride because the alliance's deterrent protects them anyway.")
    assert "deterrent protects them" in h.cause


def test_restricted_subject_with_modal(nlp):
    h = only(nlp, "Governments that face strong domestic opposition will seek external allies.")
    assert "domestic opposition" in h.cause
    assert "external allies" in h.effect


def test_clause_inside_a_longer_sentence(nlp):
    text = (
        "The report has ignored this debate, even though scholars have long argued that "
        "arms control agreements reduce the risk of accidental war."
    )
    h = only(nlp, text)
    assert h.text.startswith("arms control agreements reduce")
    assert h.direction == "-"


# ---------------------------------------------------------------------------- non-hypotheses


@pytest.mark.parametrize(
    "text",
    [
        # definitions
        "A buffer state is a country that lies between two rival great powers.",
        "Balancing refers to the formation of alliances against a rising power.",
        # historical narration
        "In 1914 the European powers went to war after the assassination in Sarajevo.",
        "The alliance collapsed when the two governments quarrelled over the colonies.",
        # the author's own search
        "I tried to find a model that explains why alliances persist after victory.",
        "We have no data on the defence budgets of the smaller members.",
        # questions
        "Why do weak states join alliances that cannot protect them?",
        # boilerplate
        "If you have questions about this item, please contact us at the address below.",
        # statements about the literature
        "A large number of scholars have applied balance-of-threat theory to the Middle East.",
        "Recent research has explored the logic of the security dilemma in several regions.",
        # present-day reports
        "Today, war between great powers is less frequent than in earlier centuries.",
        # restatements
        "This is rarely the case when both sides are democracies.",
    ],
)
def test_non_hypotheses(nlp, text):
    assert extract(nlp, text) == []


# ---------------------------------------------------------------------------- records


def test_records_are_in_text_order_with_stable_ids_and_true_offsets(nlp):
    text = (
        "Alliances form against threats.\n\n"
        "Arms races increase the risk of war. Alliances are groups of states. "
        "Nuclear weapons deter conventional attacks.\n"
    )
    document = document_from_text(text, doc_id="essay", path="essay.txt")
    parsed = parse_paragraphs(nlp, document)
    found = find_hypotheses(document, parsed, [], [], nlp=nlp)
    assert [h.id for h in found] == [f"essay:h{n}" for n in range(1, len(found) + 1)]
    assert [h.start for h in found] == sorted(h.start for h in found)
    for h in found:
        assert " ".join(document.text[h.start : h.end].split()) == h.text
    assert "Nuclear weapons deter conventional attacks." in [h.text for h in found]
    again = find_hypotheses(document, parse_paragraphs(nlp, document), [], [], nlp=nlp)
    assert again == found


def test_attribution_from_sentence_paragraph_and_heading(nlp):
    text = (
        "**The Joint Product Model: (Sandler 1993)**\n\n"
        "Allies that receive large private benefits will pay a larger share of the burden.\n\n"
        "Economic sanctions undermine the legitimacy of the targeted regime (Drezner 2003)."
    )
    document = document_from_text(text, doc_id="d", path="d.txt")
    parsed = parse_paragraphs(nlp, document)
    at = text.index("Drezner")
    citation = Citation(
        "d", 2, at - 1, at + len("Drezner 2003") + 1, "(Drezner 2003)", ["Drezner"], "2003"
    )
    first, second = find_hypotheses(document, parsed, [citation], [], nlp=nlp)
    assert first.attributed == ["Sandler 1993"]
    assert first.theory == "Joint Product Model"
    assert second.attributed == ["Drezner 2003"]


def test_a_heading_that_names_a_theory_attributes_its_section(nlp):
    text = "Deterrence theory\n\nNuclear weapons deter large-scale conventional attacks."
    (h,) = extract(nlp, text)
    assert h.theory == "Deterrence theory"
    assert h.attributed == ["Deterrence theory"]


def test_concepts_are_the_mentions_inside_the_sentence(nlp):
    text = "Anarchy is the main source of insecurity among states. Alliances matter."
    start = text.index("insecurity")
    mentions = [
        ConceptMention("doc", 0, 0, 7, "anarchy", "Anarchy"),
        ConceptMention("doc", 0, start, start + 10, "insecurity", "insecurity"),
        ConceptMention(
            "doc", 0, text.index("Alliances"), text.index("Alliances") + 9, "alliance", "Alliances"
        ),
    ]
    (h,) = extract(nlp, text, mentions=mentions)
    assert h.concepts == ["anarchy", "insecurity"]
    assert h.theory is None


def test_sentence_cut_by_a_page_break_is_read_whole(nlp):
    text = (
        "Thus, even if all the states of the international system wished only for peace and\n\n"
        "security, war may occur because of the fear that anarchy breeds."
    )
    (h,) = extract(nlp, text)
    assert h.start == 0
    assert h.text.startswith("Thus, even if all the states") and h.text.endswith("anarchy breeds.")
    assert "fear that anarchy breeds" in h.cause
    assert h.condition is not None and "wished only for peace" in h.condition


def test_structure_text_reads_a_labelled_hypothesis(nlp):
    (relation,) = structure_text(nlp, "Hypothesis 2: Firm size is positively related to exports.")
    assert relation.cause == "Firm size"
    assert relation.effect == "exports"
    assert relation.direction == "+"


def test_the_tagger_refines_effects_and_keeps_the_rules_causes(nlp):
    text = "H3: Firms that invest more in training will have lower rates of employee turnover."
    refined = structure_text(nlp, text)
    rules = structure_text(nlp, text, refined=False)
    assert [r.cause for r in refined] == [r.cause for r in rules]
    assert all("turnover" in r.effect for r in refined)
