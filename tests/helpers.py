"""Small numerical helpers shared by the tests (not by the graders)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, TypedDict

import numpy as np
from numpy.typing import NDArray


def central_difference(
    f: Callable[[NDArray[np.float64]], float], x: NDArray[np.float64], eps: float = 1e-6
) -> NDArray[np.float64]:
    """Gradient of the scalar function ``f`` at ``x`` by central differences, entry by entry."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[index] += eps
        minus[index] -= eps
        grad[index] = (f(plus) - f(minus)) / (2 * eps)
    return grad


def elementwise_derivative(
    f: Callable[[NDArray[np.float64]], float | NDArray[np.float64]],
    z: NDArray[np.float64],
    eps: float = 1e-6,
) -> NDArray[np.float64]:
    """Derivative of an elementwise function at every entry of ``z`` by central differences."""
    z = np.asarray(z, dtype=np.float64)
    return (np.asarray(f(z + eps)) - np.asarray(f(z - eps))) / (2 * eps)


_Action = Literal["ignore", "warn", "raise", "call", "print", "log"]


class FloatingPointErrors(TypedDict):
    """The keyword arguments of ``np.errstate``, typed so that ``**FP_ERRORS`` type-checks."""

    over: _Action
    divide: _Action
    invalid: _Action
    under: _Action


# Floating-point errors that signal a real problem; underflow to 0 is the correct answer far out.
FP_ERRORS: FloatingPointErrors = {
    "over": "raise",
    "divide": "raise",
    "invalid": "raise",
    "under": "ignore",
}
