"""The model interface: registry, parameter validation, determinism, plots, serialisation."""

from __future__ import annotations

import json

import pytest

from analyser.models.base import Parameter
from analyser.models.linking import concept_terms
from analyser.models.registry import all_models, get_model, model_names
from analyser.models.serialise import run_to_dict
from analyser.models.sweep import parse_range, sweep
from analyser.models.textnorm import phrase_key, stem, tokens

NAMES = [
    "alliance_restraint",
    "arms_race",
    "collective_action",
    "joint_product",
    "security_dilemma",
]


def test_registry_lists_the_five_models() -> None:
    assert model_names() == NAMES
    assert [m.name for m in all_models()] == NAMES
    with pytest.raises(ValueError, match="unknown model 'nope' \\(known: alliance_restraint"):
        get_model("nope")


@pytest.mark.parametrize("name", NAMES)
def test_model_metadata_is_complete(name: str) -> None:
    model = get_model(name)
    assert model.theory and model.description and model.title
    assert model.works and all(any(ch.isdigit() for ch in work) for work in model.works)
    assert model.concepts and all(c == c.lower() for c in model.concepts)
    assert set(model.concepts) <= set(concept_terms())
    assert len({p.name for p in model.predictions}) == len(model.predictions) >= 3
    model.defaults()  # every default is valid


@pytest.mark.parametrize("name", NAMES)
def test_runs_are_deterministic_and_serialisable(name: str, tmp_path) -> None:
    model = get_model(name)
    first, second = model.run(), model.run()
    assert first.summary == second.summary
    assert first.table.equals(second.table)
    document = run_to_dict(model, first)
    json.dumps(document)  # JSON-ready
    assert {p["verdict"] for p in document["predictions"]} <= {"true", "false", "conditional"}
    path = model.plot(first, tmp_path / f"{name}.png")
    assert path.read_bytes().startswith(b"\x89PNG")
    assert model.plot(second, tmp_path / "again.png").read_bytes() == path.read_bytes()


def test_unknown_parameter_is_rejected_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="has no parameter 'beta' \\(known: incomes, alpha"):
        get_model("collective_action").run({"beta": 1})


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("collective_action", {"alpha": 1.5}, "'alpha' = 1.5 is out of bounds \\[0.01, 1\\]"),
        ("collective_action", {"incomes": "10,-1"}, "'incomes' = -1 is out of bounds"),
        ("collective_action", {"incomes": ""}, "'incomes' needs 1 to 50 values, got 0"),
        ("collective_action", {"alpha": "high"}, "'alpha' must be a number, got 'high'"),
        ("collective_action", {"max_group": 2.5}, "'max_group' must be an integer"),
        ("arms_race", {"k": float("nan")}, "'k' must be finite"),
        ("security_dilemma", {"offence_advantage": True}, "must be a number"),
    ],
)
def test_invalid_values_raise_clear_errors(name: str, params: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        get_model(name).run(params)


def test_parameter_coercion() -> None:
    floats = Parameter("x", "floats", [1.0], (0, 10), "list", length=(1, 3))
    assert floats.coerce("1, 2.5,3") == [1.0, 2.5, 3.0]
    assert floats.coerce([4, 5]) == [4.0, 5.0]
    assert Parameter("n", "int", 3, (1, 9), "count").coerce("4") == 4


def test_sweep_runs_the_model_across_a_range() -> None:
    name, values = parse_range("alpha=0.2:0.8:4")
    assert name == "alpha"
    table = sweep(get_model("collective_action"), {"incomes": "10,5,2"}, name, values)
    assert table["alpha"].tolist() == pytest.approx([0.2, 0.4, 0.6, 0.8])
    assert table["total_defence"].is_monotonic_increasing
    assert set(table["burden_rises_with_income"]) == {"true"}
    with pytest.raises(ValueError, match="param=start:stop:steps"):
        parse_range("alpha=0.2:0.8")
    with pytest.raises(ValueError, match="cannot sweep list parameter 'incomes'"):
        sweep(get_model("collective_action"), {}, "incomes", [1.0, 2.0])


def test_text_normalisation() -> None:
    assert stem("allies") == stem("ally")
    assert stem("sharing") == stem("shared") == stem("share")
    assert stem("deterring") == stem("deter")
    assert tokens("Offence-defence balance") == tokens("offense defense balances")
    assert phrase_key("free-riding") == phrase_key("free riding")
    assert phrase_key("mobilise") == phrase_key("mobilize")


def test_concept_variants_keep_their_content_words() -> None:
    for label, phrases in concept_terms().items():
        assert phrase_key(label) in phrases
        assert all(phrases), label
