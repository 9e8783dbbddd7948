"""Runnable formal models of security-studies theories, their registry and hypothesis links."""

from analyser.models.base import Evaluation, FormalModel, ModelRun, Parameter, Prediction
from analyser.models.registry import all_models, get_model, model_names

__all__ = [
    "Evaluation",
    "FormalModel",
    "ModelRun",
    "Parameter",
    "Prediction",
    "all_models",
    "get_model",
    "model_names",
]
