"""The pure matching engine: plain Python on frozen dataclasses, no Django import."""

from matching.engine.model import (
    Host,
    Pair,
    Part,
    Problem,
    Result,
    Rules,
    Unmatched,
    Visitor,
    Weights,
)
from matching.engine.solve import ForcedPairError, solve

__all__ = [
    "ForcedPairError",
    "Host",
    "Pair",
    "Part",
    "Problem",
    "Result",
    "Rules",
    "Unmatched",
    "Visitor",
    "Weights",
    "solve",
]
