"""Graders of the learning_rate topic: lr, one step, descent on c/2·w², linear regression.

What hides from random inputs here, and so runs every time as a fixed example or bad call:

- the ends of the open interval: ``lr = 0`` and ``lr = 1`` (a closed interval accepts them), NaN
  (``lr <= 0 or lr >= 1`` lets it through), ``True`` (a bool is an int, and 1 is merely out of
  range, so the wrong exception comes back), the string ``"0.5"`` (``float(lr)`` parses it), and
  numpy scalars, which are real numbers and must be accepted;
- ``w`` of shape ``(m,)`` against ``grad`` of shape ``(m, 1)`` or ``(1,)``: numpy broadcasts both
  silently, so they are bad calls that must raise ``ValueError``;
- a step taken in place (``w -= lr * grad`` after ``np.asarray``) and the input handed back when
  the gradient is zero: both are seen on float64 arrays only, so every example set holds some;
- ``curvature = 1``, where the gradient ``w`` and ``curvature · w`` agree: the examples use other
  curvatures too; ``w0`` as an int, which ``np.full(epochs + 1, w0)`` turns into an int
  trajectory;
- ``epochs_to_converge`` when the descent never gets there (diverging, ``lr·c = 2``, too slow,
  ``max_epochs = 0``): the answer is ``None``, not ``-1`` or ``max_epochs``; ``|w0| = tol`` exactly
  (0 steps, also when the descent diverges); ``lr·c = 1`` (one step to 0). Integer counts may
  differ from the reference by one (a closed form with logarithms rounds differently), so
  generated cases keep the real number of steps at least 2 away from ``max_epochs``, where a
  count and ``None`` would disagree;
- linear regression with several samples (a sum instead of a mean hides at ``m = 1``), non-square
  ``X`` (``X.shape[1]`` taken for ``m`` hides on square ones), ``epochs = 0`` with int inputs (a
  weight vector made by ``np.zeros_like`` of an int row stays int), and ``y`` of shape ``(m, 1)``,
  which broadcasts the residual to ``(m, m)`` and must raise ``ValueError``.

Generated learning rates for linear regression are scaled to the data so that the descent
converges (lr ≤ 1/L for the largest curvature L of the loss): a diverging descent amplifies
round-off, and two correct implementations that sum in another order would then disagree.

The catalogue of misconceptions evaluates each known mistake on the failing call; the learner's
value is named when it matches one (within the tolerance, and for counts within one). Where two
mistakes give the same value on the call (a sum and ``X.shape[1]`` with one feature, counts
within 2 of each other), the feedback names both or neither, never the wrong one alone.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import numpy as np
from hypothesis import strategies as st
from numpy.typing import ArrayLike, NDArray

from neurograde.authoring import (
    BadCall,
    Example,
    FunctionSpec,
    Misconception,
    Tolerance,
    arrays,
    calls,
    floats,
    shapes,
    sizes,
)

Array = NDArray[np.float64]
Call = tuple[tuple[Any, ...], dict[str, Any]]

# Tolerance of the functions whose results come out of a subtraction w - lr·grad of inputs up to
# about 10: a learner who computes in float32 (as the contract allows) loses the relative accuracy
# of the difference when it nearly cancels, and is off by up to about 2·10·6e-8 ≈ 1e-6 in absolute
# terms. atol = 1e-5 covers that; every mistake in the catalogue is off by far more on the edge
# cases (0.01 and up).
_FLOAT32_DIFFERENCES = Tolerance(rtol=1e-5, atol=1e-5)

# The API's defaults of epochs_to_converge.
_TOL = 1e-6
_MAX_EPOCHS = 10_000

# ---------------------------------------------------------------------------------------------
# Generated inputs (bounded; extremes are fixed examples)
# ---------------------------------------------------------------------------------------------

# A learning rate strictly inside (0, 1), as a Python float.
_LR = st.floats(0.0, 1.0, exclude_min=True, exclude_max=True, allow_subnormal=False)


def _lr_scalars() -> st.SearchStrategy[Any]:
    """Learning rates in (0, 1) as Python floats, numpy float64 and numpy float32 scalars."""
    float32 = st.floats(
        0.0, 1.0, exclude_min=True, exclude_max=True, allow_subnormal=False, width=32
    ).map(np.float32)
    return st.one_of(_LR, _LR.map(np.float64), float32)


def _step_calls() -> st.SearchStrategy[Call]:
    """``w`` and ``grad`` of one shape (0-d up to 3-D, batches of one included) and an lr."""
    return shapes(min_dims=0, max_dims=3, max_side=5).flatmap(
        lambda shape: calls(arrays(shape), arrays(shape), _LR)
    )


def _quadratic_calls() -> st.SearchStrategy[Call]:
    """Curvature, start, lr and epochs: converging, oscillating and diverging descents."""
    return calls(floats(0.05, 10.0), floats(), _LR, st.integers(0, 20))


def _steps_needed(curvature: float, w0: float, lr: float, tol: float) -> float | None:
    """The real number of steps log(tol / |w0|) / log|1 - lr·c|, when it is positive and finite."""
    factor = 1.0 - lr * curvature
    if abs(w0) <= tol or factor == 0.0 or abs(factor) >= 1.0:
        return None
    return math.log(tol / abs(w0)) / math.log(abs(factor))


def _away_from_max_epochs(call: Call) -> Call:
    """Move ``max_epochs`` when the real number of steps lies within 2 of it.

    There a simulation may give ``max_epochs`` and a closed form ``max_epochs + 1``, that is a
    count against ``None``: both are right, so the grader does not ask.
    """
    (curvature, w0, lr), kwargs = call
    steps = _steps_needed(curvature, w0, lr, kwargs.get("tol", _TOL))
    limit = kwargs.get("max_epochs", _MAX_EPOCHS)
    if steps is not None and abs(steps - limit) < 2.0:
        kwargs = {**kwargs, "max_epochs": limit + 5}
    return (curvature, w0, lr), kwargs


def _converge_calls() -> st.SearchStrategy[Call]:
    """Curvature, start, lr, and the default or another tol and max_epochs."""
    kwargs = st.fixed_dictionaries(
        {}, optional={"tol": floats(1e-8, 1.0), "max_epochs": st.integers(0, 300)}
    )
    args = st.tuples(floats(0.05, 10.0), floats(), _LR)
    return st.tuples(args, kwargs).map(_away_from_max_epochs)


def _stable_lr(data: tuple[Array, Array, float, int]) -> Call:
    """Scale the lr to the data: ``lr = u / L`` with L the largest curvature of the MSE."""
    X, y, u, epochs = data
    augmented = np.hstack([X, np.ones((X.shape[0], 1))])
    curvature = 2.0 / X.shape[0] * float(np.linalg.norm(augmented, 2)) ** 2
    return (X, y, u * min(0.9, 1.0 / curvature), epochs), {}


def _regression_calls() -> st.SearchStrategy[Call]:
    """``X`` ``(m, n)`` (square and not, m = 1 included), ``y`` ``(m,)``, a converging lr."""

    def with_sizes(mn: tuple[int, int]) -> st.SearchStrategy[tuple[Array, Array, float, int]]:
        m, n = mn
        return st.tuples(
            arrays((m, n), -3.0, 3.0), arrays((m,)), floats(0.05, 1.0), st.integers(0, 8)
        )

    return st.tuples(sizes(1, 6), sizes(1, 4)).flatmap(with_sizes).map(_stable_lr)


# ---------------------------------------------------------------------------------------------
# Fixed inputs
# ---------------------------------------------------------------------------------------------


def _f(values: Any) -> Array:
    return np.array(values, dtype=np.float64)


# Bad learning rates, in the order a learner's checks usually fail: range, then kind.
def _bad_lr(before: tuple[Any, ...], after: tuple[Any, ...] = ()) -> list[BadCall]:
    """The lr contract for a function whose lr sits between ``before`` and ``after``."""
    return [
        BadCall("lr = 1 (the interval (0, 1) is open)", (*before, 1.0, *after), ValueError),
        BadCall("lr = 0 (no learning at all)", (*before, 0.0, *after), ValueError),
        BadCall("lr = 1.5", (*before, 1.5, *after), ValueError),
        BadCall("lr = -0.1", (*before, -0.1, *after), ValueError),
        BadCall("lr = nan", (*before, math.nan, *after), ValueError),
        BadCall("lr = True (a bool is not a learning rate)", (*before, True, *after), TypeError),
        BadCall("lr = '0.1' (a string)", (*before, "0.1", *after), TypeError),
        BadCall("lr = None", (*before, None, *after), TypeError),
    ]


_EPOCH_ERRORS = (ValueError, TypeError)


def _bad_epochs(before: tuple[Any, ...]) -> list[BadCall]:
    """The epochs contract: a non-negative int, not a bool or a float."""
    return [
        BadCall("epochs = -1", (*before, -1), _EPOCH_ERRORS),
        BadCall("epochs = 2.0 (a float, even a whole one)", (*before, 2.0), _EPOCH_ERRORS),
        BadCall("epochs = True (a bool is not a count)", (*before, True), _EPOCH_ERRORS),
    ]


_VALIDATE_EXAMPLES = [
    Example("lr = 0.5", (0.5,)),
    Example("lr = 0.1", (0.1,)),
    Example("a numpy float64 scalar", (np.float64(0.3),)),
    Example("a tiny learning rate, 1e-12", (1e-12,)),
    Example("a learning rate just below 1", (0.999999,)),
]

_VALIDATE_BAD_CALLS = [
    BadCall("lr = 1 (the interval (0, 1) is open)", (1.0,), ValueError),
    BadCall("lr = 0 (no learning at all)", (0.0,), ValueError),
    BadCall("the int 1", (1,), ValueError),
    BadCall("the int 0", (0,), ValueError),
    BadCall("a numpy int64 1", (np.int64(1),), ValueError),
    BadCall("lr = 1.5", (1.5,), ValueError),
    BadCall("lr = -0.1", (-0.1,), ValueError),
    BadCall("lr = nan", (math.nan,), ValueError),
    BadCall("lr = inf", (math.inf,), ValueError),
    BadCall("lr = -inf", (-math.inf,), ValueError),
    BadCall("lr = True (a bool is not a learning rate)", (True,), TypeError),
    BadCall("lr = False (a bool is not a learning rate)", (False,), TypeError),
    BadCall("lr = '0.5' (a string, even one that reads as a number)", ("0.5",), TypeError),
    BadCall("lr = None", (None,), TypeError),
]

_STEP_EXAMPLES = [
    Example(
        "a float64 vector",
        (_f([1.0, -2.0, 3.0, 0.5]), _f([0.5, 0.5, -1.0, 2.0]), 0.1),
    ),
    Example("a vector of one weight", (_f([2.0]), _f([-3.0]), 0.25)),
    Example(
        "a non-square (2, 3) matrix",
        (_f([[1.0, 2.0, 3.0], [-4.0, 0.5, 0.0]]), _f([[0.1, -0.2, 0.3], [1.0, 2.0, -3.0]]), 0.5),
    ),
    Example(
        "a square (3, 3) matrix",
        (
            _f([[1.0, 0.0, -2.0], [3.0, 1.5, 0.0], [0.0, -1.0, 4.0]]),
            _f([[0.0, 2.0, 1.0], [1.0, -2.0, 2.0], [0.5, -1.0, 1.0]]),
            0.3,
        ),
    ),
    Example("a (3, 1) column", (_f([[1.0], [2.0], [4.0]]), _f([[1.0], [-1.0], [0.0]]), 0.9)),
    Example("Python floats (a scalar weight)", (3.0, 1.0, 0.5)),
    Example("a 0-d float64 array", (np.array(3.0), np.array(-2.0), 0.25)),
    Example(
        "a zero gradient (the weights stay, in a new array)",
        (_f([1.5, -0.5, 2.0]), np.zeros(3), 0.1),
    ),
    Example("int arrays", (np.array([1, 2, 3]), np.array([1, 0, -1]), 0.5)),
    Example("Python lists", ([[1, 2], [3, 4]], [[0.5, -0.5], [1.0, 2.0]], 0.1)),
    Example("a numpy float64 lr", (_f([1.0, 2.0]), _f([4.0, -4.0]), np.float64(0.75))),
]

_STEP_EXTREMES = [
    Example(
        "weights and gradients of magnitude 1e3 and 1e4",
        (_f([1e4, -1e4, 1e3, -1e3]), _f([1e3, -1e4, -1e4, 1e3]), 0.5),
    ),
]

_W3, _G3 = _f([1.0, 2.0, 3.0]), _f([0.5, -0.5, 1.0])

_STEP_BAD_CALLS = [
    *_bad_lr((_W3, _G3)),
    BadCall(
        "w of shape (3,) against grad of shape (3, 1) (broadcasting would give a (3, 3) result)",
        (_W3, _f([[0.5], [-0.5], [1.0]]), 0.1),
        ValueError,
    ),
    BadCall(
        "w of shape (3, 1) against grad of shape (3,)",
        (_f([[1.0], [2.0], [3.0]]), _G3, 0.1),
        ValueError,
    ),
    BadCall(
        "w of shape (3,) against grad of shape (1,) (one gradient broadcast to every weight)",
        (_W3, _f([0.5]), 0.1),
        ValueError,
    ),
    BadCall("a scalar w against grad of shape (2,)", (1.0, _f([1.0, 2.0]), 0.1), ValueError),
    BadCall("shapes (3,) and (4,)", (_W3, _f([1.0, 2.0, 3.0, 4.0]), 0.1), ValueError),
]

_QUADRATIC_EXAMPLES = [
    Example("curvature 1, w0 = 4, lr = 0.5, 3 epochs", (1.0, 4.0, 0.5, 3)),
    Example("curvature 2 (the gradient is 2w, not w), w0 = -3", (2.0, -3.0, 0.1, 5)),
    Example("an oscillating descent: lr·c = 1.5", (3.0, 4.0, 0.5, 6)),
    Example("a diverging descent: lr·c = 2.5", (5.0, 1.0, 0.5, 6)),
    Example("lr·c = 1: the minimum in one step", (4.0, 2.5, 0.25, 3)),
    Example("epochs = 0 (the start only)", (2.0, 1.5, 0.5, 0)),
    Example("w0 = 0 (already at the minimum)", (3.0, 0.0, 0.2, 4)),
    Example("int curvature, int w0 and numpy int epochs", (2, 3, 0.25, np.int64(4))),
    Example("a small curvature and a numpy float64 lr", (0.1, -7.0, np.float64(0.9), 10)),
]

_QUADRATIC_EXTREMES = [
    Example("w0 = 1e4 and curvature 1e3 (lr·c = 1.5)", (1e3, 1e4, 1.5e-3, 40)),
    Example("w0 = -1e4 and curvature 1e-3", (1e-3, -1e4, 0.5, 20)),
]

_QUADRATIC_BAD_CALLS = [
    BadCall("curvature = 0 (no minimum)", (0.0, 1.0, 0.1, 3), ValueError),
    BadCall("curvature = -1 (a maximum)", (-1.0, 1.0, 0.1, 3), ValueError),
    *_bad_lr((1.0, 1.0), (3,)),
    *_bad_epochs((1.0, 1.0, 0.1)),
]

_CONVERGE_EXAMPLES = [
    Example("curvature 1, w0 = 1, lr = 0.5, tol = 0.2", (1.0, 1.0, 0.5), {"tol": 0.2}),
    Example("the default tol and max_epochs", (2.0, 5.0, 0.1)),
    Example("an oscillating but converging descent: lr·c = 1.5", (3.0, -4.0, 0.5)),
    Example("lr·c = 1: w is 0 after one step", (2.0, 7.0, 0.5)),
    Example("|w0| already below tol: 0 steps", (1.0, 1e-7, 0.3)),
    Example(
        "|w0| exactly tol, with a diverging lr: 0 steps (|w| <= tol, not <)",
        (5.0, 1e-3, 0.9),
        {"tol": 1e-3},
    ),
    Example("w0 = 0", (1.0, 0.0, 0.5)),
    Example("a descent too slow for max_epochs (None)", (1.0, 1.0, 1e-3)),
    Example("a diverging descent, lr·c = 4.5 (None)", (5.0, 2.0, 0.9)),
    Example("lr·c = 2: w oscillates between ±w0 forever (None)", (4.0, 3.0, 0.5)),
    Example("max_epochs = 0 with |w0| > tol (None)", (1.0, 2.0, 0.5), {"max_epochs": 0}),
    Example(
        "tol and max_epochs given, not reached in time (None)",
        (0.5, -2.0, 0.2),
        {"tol": 1e-3, "max_epochs": 50},
    ),
    Example(
        "tol and max_epochs given, reached", (0.5, -2.0, 0.2), {"tol": 1e-3, "max_epochs": 100}
    ),
    Example("int curvature and w0", (2, -3, 0.25), {"tol": 1e-3}),
    Example(
        "a numpy int max_epochs and a numpy float64 lr",
        (1.5, 2.5, np.float64(0.4)),
        {"max_epochs": np.int64(500)},
    ),
]

_CONVERGE_EXTREMES = [
    Example("w0 = 1e4 and curvature 1e3", (1e3, 1e4, 1.5e-3)),
    Example("w0 = -1e4, curvature 1e3 and tol = 1e-9", (1e3, -1e4, 1e-4), {"tol": 1e-9}),
]

_CONVERGE_BAD_CALLS = _bad_lr((1.0, 1.0))

_X32 = _f([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5]])
_Y3 = _f([1.0, -2.0, 0.5])

_REGRESSION_EXAMPLES = [
    Example("a non-square (3, 2) X (float64 arrays)", (_X32, _Y3, 0.05, 4)),
    Example("one sample, one feature", (_f([[1.0]]), _f([2.0]), 0.25, 1)),
    Example("one sample, two features", (_f([[2.0, -1.0]]), _f([3.0]), 0.1, 3)),
    Example(
        "a square (2, 2) X",
        (_f([[1.0, 0.5], [-0.5, 2.0]]), _f([1.0, 0.0]), 0.1, 5),
    ),
    Example(
        "a wide (2, 4) X: more features than samples",
        (_f([[1.0, 0.0, -1.0, 2.0], [0.5, 1.0, 0.0, -1.0]]), _f([2.0, -1.0]), 0.1, 4),
    ),
    Example(
        "a tall (5, 1) X: several samples of one feature",
        (_f([[1.0], [2.0], [-1.0], [0.5], [3.0]]), _f([2.0, 4.5, -1.0, 1.0, 6.0]), 0.05, 6),
    ),
    Example("epochs = 0 (the starting loss only)", (_X32, _Y3, 0.05, 0)),
    Example(
        "int arrays and epochs = 0",
        (np.array([[1, 2], [0, -1], [3, 1]]), np.array([1, -2, 0]), 0.05, 0),
    ),
    Example(
        "int arrays",
        (np.array([[1, 2], [0, -1], [3, 1], [2, 2]]), np.array([1, -2, 0, 3]), 0.02, 3),
    ),
    Example("Python lists", ([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [1, 2, 3], 0.1, 5)),
    Example(
        "a numpy float64 lr and numpy int epochs",
        (_X32, _Y3, np.float64(0.05), np.int64(3)),
    ),
]

_REGRESSION_EXTREMES = [
    Example(
        "X of magnitude 1e3 and y of magnitude 1e4",
        (_f([[1e3, -1e3], [5e2, 1e3], [-1e3, 2e2]]), _f([1e4, -1e4, 5e3]), 1e-7, 5),
    ),
]

_REGRESSION_BAD_CALLS = [
    BadCall(
        "y of shape (3, 1) for X of shape (3, 2) (the residual would broadcast to (3, 3))",
        (_X32, _f([[1.0], [-2.0], [0.5]]), 0.05, 2),
        ValueError,
    ),
    BadCall(
        "y of shape (2, 1) for a square X of shape (2, 2) (nothing fails on the way: the "
        "residual broadcasts to (2, 2), and so does w)",
        (_f([[1.0, 0.5], [-0.5, 2.0]]), _f([[1.0], [0.0]]), 0.1, 2),
        ValueError,
    ),
    BadCall(
        "y of 4 targets for X of 3 samples",
        (_X32, _f([1.0, -2.0, 0.5, 3.0]), 0.05, 2),
        ValueError,
    ),
    *_bad_lr((_X32, _Y3), (2,)),
    *_bad_epochs((_X32, _Y3, 0.05)),
]

# ---------------------------------------------------------------------------------------------
# Misconceptions: what the mistaken learner computes, on the same arguments
# ---------------------------------------------------------------------------------------------


def _step_added(w: ArrayLike, grad: ArrayLike, lr: float) -> Array | float:
    new = np.asarray(w, dtype=np.float64) + float(lr) * np.asarray(grad, dtype=np.float64)
    return float(new) if new.ndim == 0 else new


def _step_without_lr(w: ArrayLike, grad: ArrayLike, lr: float) -> Array | float:
    new = np.asarray(w, dtype=np.float64) - np.asarray(grad, dtype=np.float64)
    return float(new) if new.ndim == 0 else new


def _trajectory(w0: float, factor: float, epochs: int, start: int = 0) -> Array:
    w, out = float(w0), []
    for t in range(int(epochs) + 1):
        if t >= start:
            out.append(w)
        w *= factor
    return np.array(out, dtype=np.float64)


def _quadratic_without_w0(curvature: float, w0: float, lr: float, epochs: int) -> Array:
    return _trajectory(w0, 1.0 - float(lr) * float(curvature), epochs, start=1)


def _quadratic_gradient_w(curvature: float, w0: float, lr: float, epochs: int) -> Array:
    return _trajectory(w0, 1.0 - float(lr), epochs)


def _quadratic_half_gradient(curvature: float, w0: float, lr: float, epochs: int) -> Array:
    return _trajectory(w0, 1.0 - float(lr) * float(curvature) / 2.0, epochs)


def _quadratic_added(curvature: float, w0: float, lr: float, epochs: int) -> Array:
    return _trajectory(w0, 1.0 + float(lr) * float(curvature), epochs)


class _NotThisMistake(ValueError):
    """Raised by a misconception that cannot be told apart on this call (it is then not named)."""


def _count(
    curvature: float,
    w0: float,
    lr: float,
    tol: float,
    max_epochs: int,
    *,
    on_loss: bool = False,
    strict: bool = False,
) -> int | None:
    """The first t <= max_epochs at which |w_t| (or the loss c/2·w_t²) is <= tol (or < tol)."""
    c, w, factor = float(curvature), float(w0), 1.0 - float(lr) * float(curvature)
    for t in range(int(max_epochs) + 1):
        measure = c / 2.0 * w * w if on_loss else abs(w)
        if measure < tol or (measure == tol and not strict):
            return t
        if abs(factor) >= 1.0:
            return None  # |w| never shrinks
        w *= factor
    return None


# What each counting mistake of the catalogue returns; _NotThisMistake where it coincides with
# the right answer by construction or does not apply.
_Count = Callable[[float, float, float, float, int], int | None]


def _count_minus_one(c: float, w0: float, lr: float, tol: float, limit: int) -> int | None:
    if _count(c, w0, lr, tol, limit) is not None:
        raise _NotThisMistake
    return -1


def _count_max_epochs(c: float, w0: float, lr: float, tol: float, limit: int) -> int | None:
    if _count(c, w0, lr, tol, limit) is not None:
        raise _NotThisMistake
    return limit


def _count_on_loss(c: float, w0: float, lr: float, tol: float, limit: int) -> int | None:
    return _count(c, w0, lr, tol, limit, on_loss=True)


def _count_strictly(c: float, w0: float, lr: float, tol: float, limit: int) -> int | None:
    found = _count(c, w0, lr, tol, limit, strict=True)
    if found == _count(c, w0, lr, tol, limit):
        raise _NotThisMistake  # no |w_t| equal to tol on the way: < and <= agree
    return found


def _count_without_w0(c: float, w0: float, lr: float, tol: float, limit: int) -> int | None:
    if _steps_needed(c, w0, lr, tol) is None:
        raise _NotThisMistake  # 0 steps, one step to 0, or never: w0 plays no part
    return _count(c, 1.0, lr, tol, limit)


def _count_mixed_logs(c: float, w0: float, lr: float, tol: float, limit: int) -> int | None:
    if _steps_needed(c, w0, lr, tol) is None:
        raise _NotThisMistake  # no logarithm is taken on this call
    count = max(0, math.ceil(math.log10(tol / abs(w0)) / math.log(abs(1.0 - lr * c))))
    return count if count <= limit else None


_COUNT_MISTAKES: dict[str, _Count] = {
    "minus_one": _count_minus_one,
    "max_epochs": _count_max_epochs,
    "on_loss": _count_on_loss,
    "strictly": _count_strictly,
    "without_w0": _count_without_w0,
    "mixed_logs": _count_mixed_logs,
}


@functools.lru_cache(maxsize=256)
def _all_counts(c: float, w0: float, lr: float, tol: float, limit: int) -> dict[str, int | None]:
    """Every counting mistake that applies to this call, by name."""
    counts: dict[str, int | None] = {}
    for name, mistake in _COUNT_MISTAKES.items():
        try:
            counts[name] = mistake(c, w0, lr, tol, limit)
        except _NotThisMistake:
            continue
    return counts


def _close(a: int | None, b: int | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 2


def _distinct(name: str) -> Callable[..., int | None]:
    """The counting mistake ``name``, claimed only where no other one lands within 2 of it.

    Counts may be off by one (``int_slack``), and so may a learner's version of a mistake: two
    mistakes whose counts are that close cannot be told apart, and neither is named.
    """

    def mistaken(
        curvature: float, w0: float, lr: float, tol: float = _TOL, max_epochs: int = _MAX_EPOCHS
    ) -> int | None:
        counts = _all_counts(float(curvature), float(w0), float(lr), float(tol), int(max_epochs))
        if name not in counts:
            raise _NotThisMistake
        own = counts[name]
        if any(_close(own, value) for other, value in counts.items() if other != name):
            raise _NotThisMistake
        return own

    return mistaken


def _regression(
    X: ArrayLike,
    y: ArrayLike,
    lr: float,
    epochs: int,
    *,
    divide_by: str = "m",
    factor: float = 2.0,
    together: bool = True,
    update_b: bool = True,
    final_loss: bool = True,
) -> tuple[Array, float, Array]:
    """Linear regression by gradient descent, with one of the catalogue's mistakes switched on."""
    inputs, targets = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    m, n = inputs.shape
    scale = {"m": factor / m, "n": factor / n, "1": factor}[divide_by]
    w, b, losses = np.zeros(n), 0.0, []
    for _ in range(int(epochs)):
        residual = inputs @ w + b - targets
        losses.append(float(np.mean(residual**2)))
        w = w - float(lr) * scale * (inputs.T @ residual)
        if not together:
            residual = inputs @ w + b - targets
        if update_b:
            b = b - float(lr) * scale * float(np.sum(residual))
    if final_loss:
        losses.append(float(np.mean((inputs @ w + b - targets) ** 2)))
    return w, float(b), np.array(losses, dtype=np.float64)


def _features(X: ArrayLike) -> tuple[int, int]:
    shape = np.shape(X)
    return int(shape[0]), int(shape[1])


# Three mistakes in the scale of the gradient, 2/m: 2 (summed), 1/m (no factor 2) and 2/n
# (m taken from X.shape[1]). With one feature 2/n is 2, with n = 2m it is 1/m: there the value
# cannot tell which one was made, and the feedback names both.


def _regression_unscaled_one_feature(X: ArrayLike, y: ArrayLike, lr: float, epochs: int) -> Any:
    if _features(X)[1] != 1:
        raise _NotThisMistake
    return _regression(X, y, lr, epochs, divide_by="1")


def _regression_half_scale_ambiguous(X: ArrayLike, y: ArrayLike, lr: float, epochs: int) -> Any:
    m, n = _features(X)
    if n != 2 * m:
        raise _NotThisMistake
    return _regression(X, y, lr, epochs, factor=1.0)


def _regression_summed(X: ArrayLike, y: ArrayLike, lr: float, epochs: int) -> Any:
    return _regression(X, y, lr, epochs, divide_by="1")


def _regression_without_2(X: ArrayLike, y: ArrayLike, lr: float, epochs: int) -> Any:
    return _regression(X, y, lr, epochs, factor=1.0)


def _regression_features_as_m(X: ArrayLike, y: ArrayLike, lr: float, epochs: int) -> Any:
    return _regression(X, y, lr, epochs, divide_by="n")


def _regression_sequential(X: ArrayLike, y: ArrayLike, lr: float, epochs: int) -> Any:
    return _regression(X, y, lr, epochs, together=False)


def _regression_fixed_bias(X: ArrayLike, y: ArrayLike, lr: float, epochs: int) -> Any:
    return _regression(X, y, lr, epochs, update_b=False)


def _regression_losses_before(X: ArrayLike, y: ArrayLike, lr: float, epochs: int) -> Any:
    return _regression(X, y, lr, epochs, final_loss=False)


_ADDED = "the step is added instead of subtracted (w + lr·grad climbs the loss)"

_STEP_MISCONCEPTIONS = [
    Misconception(_ADDED, _step_added),
    Misconception("the learning rate is left out of the step (w - grad)", _step_without_lr),
]

_QUADRATIC_MISCONCEPTIONS = [
    Misconception(
        "the starting weight w0 is left out of the trajectory (it holds epochs + 1 weights: "
        "w0, then one per step)",
        _quadratic_without_w0,
    ),
    Misconception(
        "the gradient is taken as w instead of curvature * w (the derivative of curvature/2 · w²)",
        _quadratic_gradient_w,
    ),
    Misconception(
        "the gradient is taken as curvature/2 * w (the 2 from the derivative of w² is lost)",
        _quadratic_half_gradient,
    ),
    Misconception(_ADDED, _quadratic_added),
]

_CONVERGE_MISCONCEPTIONS = [
    Misconception(
        "-1 is returned instead of None when |w| never gets to tol", _distinct("minus_one")
    ),
    Misconception(
        "max_epochs is returned instead of None when |w| never gets to tol",
        _distinct("max_epochs"),
    ),
    Misconception(
        "the loss curvature/2 · w² is compared with tol instead of |w|", _distinct("on_loss")
    ),
    Misconception(
        "|w| < tol is tested instead of |w| <= tol (a weight exactly at tol has converged)",
        _distinct("strictly"),
    ),
    Misconception(
        "w0 is left out of the count, as if the descent started at |w0| = 1 "
        "(the closed form is log(tol / |w0|) / log|1 - lr·curvature|)",
        _distinct("without_w0"),
    ),
    Misconception(
        "the two logarithms of the closed form have different bases (log10 over ln): the "
        "count is about 2.3 times too small",
        _distinct("mixed_logs"),
    ),
]

_REGRESSION_MISCONCEPTIONS = [
    Misconception(
        "the gradient is not divided by m: either it was summed over the batch instead of "
        "averaged, or m was taken from X.shape[1], which is 1 here, instead of X.shape[0]",
        _regression_unscaled_one_feature,
    ),
    Misconception(
        "the gradient is (1/m)·Xᵀ(ŷ - y): either the factor 2 of the derivative of the square "
        "is left out, or m was taken from X.shape[1] (the features, 2m here) instead of "
        "X.shape[0] (the samples)",
        _regression_half_scale_ambiguous,
    ),
    Misconception(
        "the gradient is summed over the batch instead of averaged (the 1/m is missing)",
        _regression_summed,
    ),
    Misconception(
        "the factor 2 of the derivative of the square is left out of the gradient",
        _regression_without_2,
    ),
    Misconception(
        "m is taken from X.shape[1] (the number of features) instead of X.shape[0] (the "
        "number of samples)",
        _regression_features_as_m,
    ),
    Misconception(
        "b is updated with the residual of the already-updated w (w and b must both be updated "
        "from the same residual)",
        _regression_sequential,
    ),
    Misconception("the bias b is never updated", _regression_fixed_bias),
    Misconception(
        "only the loss before each step is recorded (the loss after the last step is missing)",
        _regression_losses_before,
    ),
]

# ---------------------------------------------------------------------------------------------
# The specs, in the order of solutions/learning_rate.__all__
# ---------------------------------------------------------------------------------------------

SPECS = [
    FunctionSpec(
        "validate_learning_rate",
        points=2,
        calls=calls(_lr_scalars()),
        examples=_VALIDATE_EXAMPLES,
        bad_calls=_VALIDATE_BAD_CALLS,
    ),
    FunctionSpec(
        "gradient_descent_step",
        points=2,
        calls=_step_calls(),
        examples=_STEP_EXAMPLES,
        extremes=_STEP_EXTREMES,
        bad_calls=_STEP_BAD_CALLS,
        misconceptions=_STEP_MISCONCEPTIONS,
        tolerance=_FLOAT32_DIFFERENCES,
    ),
    FunctionSpec(
        "quadratic_descent",
        points=2,
        calls=_quadratic_calls(),
        examples=_QUADRATIC_EXAMPLES,
        extremes=_QUADRATIC_EXTREMES,
        bad_calls=_QUADRATIC_BAD_CALLS,
        misconceptions=_QUADRATIC_MISCONCEPTIONS,
        tolerance=_FLOAT32_DIFFERENCES,
    ),
    FunctionSpec(
        "epochs_to_converge",
        points=3,
        calls=_converge_calls(),
        examples=_CONVERGE_EXAMPLES,
        extremes=_CONVERGE_EXTREMES,
        bad_calls=_CONVERGE_BAD_CALLS,
        misconceptions=_CONVERGE_MISCONCEPTIONS,
        int_slack=1,
    ),
    FunctionSpec(
        "linear_regression_gd",
        points=4,
        calls=_regression_calls(),
        examples=_REGRESSION_EXAMPLES,
        extremes=_REGRESSION_EXTREMES,
        bad_calls=_REGRESSION_BAD_CALLS,
        misconceptions=_REGRESSION_MISCONCEPTIONS,
        tolerance=_FLOAT32_DIFFERENCES,
    ),
]
