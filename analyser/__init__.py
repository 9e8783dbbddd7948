"""analyser: maps a security-studies literature from full text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "analyse"]

if TYPE_CHECKING:
    from analyser.api import Analysis


def analyse(*inputs: Any, **options: Any) -> Analysis:
    """Analyse files, folders or globs; see ``analyser.api.analyse``."""
    from analyser.api import analyse as run_analysis

    return run_analysis(*inputs, **options)
