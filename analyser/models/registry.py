"""The registry of runnable formal models, by name."""

from __future__ import annotations

from analyser.models.alliance_restraint import AllianceRestraint
from analyser.models.arms_race import ArmsRace
from analyser.models.base import FormalModel
from analyser.models.collective_action import CollectiveAction
from analyser.models.joint_product import JointProduct
from analyser.models.security_dilemma import SecurityDilemma

_MODELS: dict[str, FormalModel] = {
    model.name: model
    for model in (
        CollectiveAction(),
        JointProduct(),
        SecurityDilemma(),
        ArmsRace(),
        AllianceRestraint(),
    )
}


def model_names() -> list[str]:
    """Names of every registered model, sorted."""
    return sorted(_MODELS)


def all_models() -> list[FormalModel]:
    """Every registered model, sorted by name."""
    return [_MODELS[name] for name in model_names()]


def get_model(name: str) -> FormalModel:
    """The model called ``name``; ValueError listing the known models otherwise."""
    try:
        return _MODELS[name]
    except KeyError:
        known = ", ".join(model_names())
        raise ValueError(f"unknown model {name!r} (known: {known})") from None
