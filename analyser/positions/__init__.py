"""Theoretical positions: clustering passages and naming the clusters."""

from analyser.positions.find import PositionOptions, find_positions
from analyser.positions.tables import position_tables

__all__ = ["PositionOptions", "find_positions", "position_tables"]
