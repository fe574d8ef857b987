"""Bounded Hypothesis strategies the specs draw their valid calls from.

Inputs stay where float64 is exact enough to compare with a relative tolerance: magnitudes
bounded, no subnormals, no NaN or infinity (extremes are tested separately, on fixed inputs).
Shapes include batches of one and of several, and non-square matrices.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

Call = tuple[tuple[Any, ...], dict[str, Any]]


def floats(low: float = -10.0, high: float = 10.0) -> st.SearchStrategy[float]:
    """Finite floats in ``[low, high]``, no subnormals."""
    return st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def arrays(
    shape: tuple[int, ...] | st.SearchStrategy[tuple[int, ...]],
    low: float = -10.0,
    high: float = 10.0,
) -> st.SearchStrategy[np.ndarray[Any, Any]]:
    """float64 arrays of ``shape`` with entries in ``[low, high]``."""
    return hnp.arrays(np.float64, shape, elements=floats(low, high))


def sizes(low: int = 1, high: int = 6) -> st.SearchStrategy[int]:
    """A dimension: batch sizes and feature counts, 1 included."""
    return st.integers(low, high)


def shapes(
    min_dims: int = 0, max_dims: int = 3, max_side: int = 5
) -> st.SearchStrategy[tuple[int, ...]]:
    """Array shapes with at least one element."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=max_side)


def calls(
    *args: st.SearchStrategy[Any], **kwargs: st.SearchStrategy[Any]
) -> st.SearchStrategy[Call]:
    """A strategy of ``(args, kwargs)`` from one strategy per argument."""
    return st.tuples(st.tuples(*args), st.fixed_dictionaries(kwargs))


ACTIVATIONS = ("identity", "sigmoid", "tanh", "relu")


def activations() -> st.SearchStrategy[str]:
    """One of the four activation names."""
    return st.sampled_from(ACTIVATIONS)
