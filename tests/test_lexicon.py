"""The concept thesaurus: contents, variants, user files, position mixes and spelling keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyser.lexicon import load_lexicon, normalise_term
from analyser.lexicon.normalise import americanise, singular

REQUIRED_POSITIONS = {
    "collective_action",
    "joint_product",
    "alliance_politics",
    "structural_realism",
    "defensive_realism",
    "offensive_realism",
    "offense_defense",
    "balance_of_power",
    "democratic_peace",
    "liberal_institutionalism",
    "constructivism",
    "critical_security",
    "bargaining_war",
    "deterrence",
    "hegemonic_stability",
    "weak_states",
}
MODELS = {
    "collective_action",
    "joint_product",
    "security_dilemma",
    "arms_race",
    "alliance_restraint",
}


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def test_packaged_lexicon_is_large_and_consistent(lexicon):
    assert len(lexicon.concepts) >= 150
    assert set(lexicon.positions) >= REQUIRED_POSITIONS
    for position in lexicon.positions.values():
        assert position.label and position.description and position.signature
        assert set(position.signature) <= set(lexicon.concepts)
    for concept in lexicon.concepts.values():
        assert set(concept.positions) <= set(lexicon.positions)
        assert set(concept.related) <= set(lexicon.concepts)
        assert set(concept.models) <= MODELS
    assert {m for c in lexicon.concepts.values() for m in c.models} == MODELS


def test_every_surface_names_its_own_concept(lexicon):
    for concept in lexicon.concepts.values():
        for surface in concept.surfaces:
            assert lexicon.lookup(surface) == concept.id, surface


@pytest.mark.parametrize(
    ("surfaces", "concept"),
    [
        (["offence–defence balance", "offense-defense balance", "Offence-defence balances"],
         "offense_defense_balance"),
        (["free-riding", "free rider", "free riders", "free ride", "Free Riding"], "free_riding"),
        (["burden-sharing", "burden sharing"], "burden_sharing"),
        (["defence spending", "defense spending", "military expenditures"], "defence_spending"),
        (["securitization", "securitisation"], "securitization"),
        (["weak countries", "failing nations", "weak states"], "weak_states"),
        (["WMD", "weapons of mass destruction"], "weapons_of_mass_destruction"),
    ],
)  # fmt: skip
def test_variants_map_to_one_concept(lexicon, surfaces, concept):
    assert {lexicon.lookup(surface) for surface in surfaces} == {concept}


def test_abbreviations_match_case_sensitively(lexicon):
    assert lexicon.lookup("MAD") == "mutual_assured_destruction"
    assert lexicon.lookup("mad") is None


def test_positions_for_mixes_positions(lexicon):
    mix = lexicon.positions_for(["security_dilemma", "anarchy", "free_riding", "free_riding"])
    assert mix[0][0] == "collective_action"
    assert sum(weight for _, weight in mix) == pytest.approx(1.0)
    assert [w for _, w in mix] == sorted((w for _, w in mix), reverse=True)
    assert {"defensive_realism", "structural_realism"} <= {p for p, _ in mix}
    assert lexicon.positions_for(["peace", "no_such_concept"]) == []


def test_models_for(lexicon):
    assert lexicon.models_for("arms_race") == ["arms_race"]
    assert "joint_product" in lexicon.models_for("private_benefits")
    assert lexicon.models_for("no_such_concept") == []


USER_FILE = """
ignore = ["research design"]

[positions.feminist_ir]
label = "feminist IR"
description = "Gender as a lens on security."
signature = ["gendered_security"]

[concepts.gendered_security]
label = "gendered security"
variants = ["gender and security", "feminism"]
positions = ["feminist_ir"]

[concepts.security_dilemma]
variants = ["SD"]
models = ["arms_race"]
"""


def test_user_lexicon_is_merged(tmp_path: Path):
    path = tmp_path / "mine.toml"
    path.write_text(USER_FILE, encoding="utf-8")
    merged = load_lexicon(path)
    assert merged.lookup("gender and security") == "gendered_security"
    # a variant the user gives to their concept is taken from the packaged one
    assert merged.lookup("feminism") == "gendered_security"
    assert merged.lookup("feminist security studies") == "feminist_security_studies"
    assert merged.lookup("SD") == "security_dilemma"
    assert merged.models_for("security_dilemma") == ["security_dilemma", "arms_race"]
    assert merged.concepts["security_dilemma"].label == "security dilemma"
    assert merged.positions_for(["gendered_security"]) == [("feminist_ir", 1.0)]
    assert merged.is_ignored("Research designs")
    assert len(merged.concepts) == len(load_lexicon().concepts) + 1
    assert load_lexicon().lookup("SD") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[concepts.x\nlabel = 1", "invalid TOML"),
        ('[concepts.new_one]\nvariants = ["a"]', "needs a non-empty 'label'"),
        ('[concepts.new_one]\nlabel = "new"\npositions = ["nowhere"]', "unknown positions"),
        ('[concepts.new_one]\nlabel = "new"\nvariants = "one"', "must be a list of strings"),
        ('[concepts.Bad-Id]\nlabel = "bad"', "not a lower-case slug"),
        ('[concepts.new_one]\nlabel = "new"\ncolour = "red"', "unknown field"),
        ('[concepts.new_one]\nlabel = "anarchy"', "already names concept"),
        ('colour = "red"', "unknown top-level key"),
    ],
)
def test_malformed_user_lexicon_raises_one_line_error(tmp_path: Path, text: str, message: str):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        load_lexicon(path)
    assert "\n" not in str(error.value)
    assert str(path) in str(error.value)


def test_missing_user_lexicon_raises(tmp_path: Path):
    with pytest.raises(ValueError, match="cannot read"):
        load_lexicon(tmp_path / "absent.toml")


def test_spelling_normalisation():
    assert americanise("defence") == "defense"
    assert americanise("behaviour") == "behavior"
    assert americanise("securitisation") == "securitization"
    assert americanise("centre") == "center"
    assert singular("allies") == "ally"
    assert singular("status") == "status"
    assert normalise_term("Offence–defence Balances") == normalise_term("offense-defense balance")
    assert normalise_term("arms races") == normalise_term("arms race")
