"""Graders of the losses topic: mse, mae, binary cross-entropy, softmax, cross-entropy.

What hides from random inputs here, and so runs every time as a fixed example:

- a mean replaced by a sum, or a gradient without its ``/ N``: invisible for one element, so the
  examples hold batches of several elements (and of one, non-square and square);
- ``(m,)`` against ``(m, 1)``: numpy broadcasts it to an ``(m, m)`` difference, so it is a bad call
  that must raise ``ValueError``, as is ``(2, 3)`` against ``(3, 2)`` (same size, other shape);
- ties ``y_pred == y_true``, where the MAE gradient is 0 and not ±1/N;
- ``eps`` other than the default (0.1): an ``eps`` added inside the log, or ignored, or a clip to
  ``[0, 1]`` only shows up there; ``p`` exactly 0 and 1 catches the missing clip (log 0);
- softmax on square batches (the wrong axis and a sum without ``keepdims`` both broadcast
  silently there), on one row (the wrong axis hides), on 1-D and 3-D inputs (the last axis);
- cross-entropy on several samples with different labels (``p[:, labels]`` selects an
  ``(m, m)`` block) and on integer-valued float labels;
- logits of ±1e3 and 1e4: ``exp`` without the max shift overflows, and ``log(softmax)`` gives
  ``-log 0 = inf`` where log-sum-exp gives a finite loss.

The catalogue of misconceptions evaluates each known mistake on the failing call; the learner's
value is named when it matches one exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
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

# The settings' rtol with a larger atol. Every result here is, or contains, a difference of
# inputs (y_pred - y_true, log-sum-exp - z_label, softmax - 1) that can be close to 0: a learner
# who computes in float32 rounds each input of magnitude ≤ 30 by up to 2e-6 and so carries an
# absolute error of up to about 2e-6 into such results (measured on 20 000 random calls: at most
# 1.8e-6 beyond rtol for mse_grad, 1e-6 for cross_entropy). atol = 1e-5 leaves a margin of five,
# and every mistake of the catalogue changes at least one fixed example by 1e-2 or more.
_TOLERANCE = Tolerance(rtol=1e-5, atol=1e-5)

# ---------------------------------------------------------------------------------------------
# Generated inputs (bounded; extremes are fixed examples)
# ---------------------------------------------------------------------------------------------

# Any shape with at least one element, up to 3-D, sides up to 5 (batches of one included).
_SHAPES = shapes(min_dims=1, max_dims=3, max_side=5)


def _pair_calls(low: float, high: float) -> st.SearchStrategy[Call]:
    """Two arrays of one shape: predictions and targets."""
    return _SHAPES.flatmap(lambda shape: calls(arrays(shape, low, high), arrays(shape, low, high)))


def _untied_pair_calls() -> st.SearchStrategy[Call]:
    """Predictions and targets that are either equal or at least 1e-3 apart, element by element.

    Exact ties are where the MAE gradient is 0; near-ties (1e-9 apart) are left out because a
    learner computing in float32 cannot tell them from ties.
    """
    gaps = st.one_of(st.just(0.0), floats(1e-3, 10.0), floats(-10.0, -1e-3))

    def with_shape(shape: tuple[int, ...]) -> st.SearchStrategy[Call]:
        offsets = hnp.arrays(np.float64, shape, elements=gaps)
        return calls(arrays(shape), offsets).map(lambda c: ((c[0][0], c[0][0] + c[0][1]), {}))

    return _SHAPES.flatmap(with_shape)


def _bce_calls() -> st.SearchStrategy[Call]:
    """Probabilities in [0, 1] (0 and 1 included), targets in [0, 1], default or other eps."""

    def with_shape(shape: tuple[int, ...]) -> st.SearchStrategy[Call]:
        p, y = arrays(shape, 0.0, 1.0), arrays(shape, 0.0, 1.0)
        return st.one_of(calls(p, y), calls(p, y, eps=st.sampled_from([1e-3, 0.1, 0.25])))

    return _SHAPES.flatmap(with_shape)


def _logit_calls() -> st.SearchStrategy[Call]:
    """Logits ``(m, k)`` and integer labels ``(m,)`` in ``[0, k)``."""

    def with_sizes(mk: tuple[int, int]) -> st.SearchStrategy[Call]:
        m, k = mk
        labels = st.lists(st.integers(0, k - 1), min_size=m, max_size=m).map(
            lambda values: np.array(values, dtype=np.int64)
        )
        return calls(arrays((m, k), -30.0, 30.0), labels)

    return st.tuples(sizes(1, 5), sizes(1, 5)).flatmap(with_sizes)


# ---------------------------------------------------------------------------------------------
# Fixed inputs
# ---------------------------------------------------------------------------------------------


def _f(values: Any) -> Array:
    return np.array(values, dtype=np.float64)


# Predictions and targets for mse, mae and their gradients: several elements with a tie.
_PAIR_EXAMPLES = [
    Example(
        "a batch of four elements, one of them a tie (float64 arrays)",
        (_f([0.5, -1.0, 2.0, 3.0]), _f([1.0, 1.0, -1.0, 3.0])),
    ),
    Example("a batch of one element", (_f([2.5]), _f([-1.0]))),
    Example(
        "a non-square (2, 3) batch",
        (_f([[1.0, 2.0, 3.0], [-4.0, 0.5, 0.0]]), _f([[0.0, 2.5, 1.0], [-1.0, 0.5, 2.0]])),
    ),
    Example(
        "a square (3, 3) batch",
        (
            _f([[1.0, 0.0, -2.0], [3.0, 1.5, 0.0], [0.0, -1.0, 4.0]]),
            _f([[0.0, 0.0, 1.0], [1.0, 2.0, -2.0], [0.5, -1.0, 1.0]]),
        ),
    ),
    Example(
        "columns of shape (3, 1) on both sides",
        (_f([[1.0], [2.0], [4.0]]), _f([[0.0], [3.0], [1.0]])),
    ),
    Example(
        "ties y_pred == y_true next to positive and negative differences (the kink of |d| at 0)",
        (_f([0.0, 1.0, -2.0, 5.0, 0.0]), _f([0.0, 0.0, -2.0, 5.0, 1.0])),
    ),
    Example("every prediction equal to its target", (_f([1.0, -2.0, 3.0]), _f([1.0, -2.0, 3.0]))),
    Example("int arrays", (np.array([1, 2, 3, 7]), np.array([3, 2, 0, 1]))),
    Example("Python lists", ([[1.5, 2.0], [0.0, -1.0]], [[0, 2], [1, 1]])),
]

_PAIR_EXTREMES = [
    Example(
        "values of magnitude 1e3 and 1e4",
        (_f([1e4, -1e4, 1e3, -1e3]), _f([-1e4, 1e4, 0.0, -1e3])),
    ),
]

# The gradients are finite far beyond the magnitudes whose squares overflow (1e155² > 1e308):
# the extreme-input rule asks for the right, finite, warning-free result wherever it is
# representable, so they are probed there too (the losses themselves overflow there: not asked).
_PAIR_GRAD_EXTREMES = [
    *_PAIR_EXTREMES,
    Example(
        "values of magnitude 1e155, whose squares overflow",
        (_f([1e155, -1e155, 3e154, 0.0]), _f([-1e155, 1e155, 0.0, 2e154])),
    ),
    Example(
        "values of magnitude 1e300 (their differences still fit in float64)",
        (_f([1e300, -1e300, 0.5, 0.0]), _f([-1e300, 1e300, 0.0, 1e300])),
    ),
]

_PAIR_BAD_CALLS = [
    BadCall(
        "y_pred of shape (3,) against y_true of shape (3, 1) (broadcasting would compare every "
        "prediction with every target and average a (3, 3) table)",
        (_f([1.0, 2.0, 3.0]), _f([[1.0], [2.0], [4.0]])),
        ValueError,
    ),
    BadCall(
        "y_pred of shape (3, 1) against y_true of shape (3,)",
        (_f([[1.0], [2.0], [3.0]]), _f([1.0, 2.0, 4.0])),
        ValueError,
    ),
    BadCall(
        "shapes (2, 3) and (3, 2): the same number of elements, but not the same shape",
        (np.zeros((2, 3)), np.ones((3, 2))),
        ValueError,
    ),
    BadCall("shapes (3,) and (4,)", (_f([1.0, 2.0, 3.0]), _f([1.0, 2.0, 3.0, 4.0])), ValueError),
]

# Probabilities and targets for binary cross-entropy and its gradient.
_BCE_EXAMPLES = [
    Example(
        "a batch of four probabilities (float64 arrays)",
        (_f([0.9, 0.2, 0.6, 0.5]), _f([1.0, 0.0, 0.0, 1.0])),
    ),
    Example("a batch of one element", (_f([0.3]), _f([1.0]))),
    Example(
        "eps=0.1 with probabilities inside and outside [eps, 1 - eps]",
        (_f([0.05, 0.5, 0.97, 0.3, 0.8]), _f([0.0, 1.0, 1.0, 0.0, 0.0])),
        {"eps": 0.1},
    ),
    Example(
        "p exactly 0 and 1 with eps=0.1",
        (_f([0.0, 1.0, 0.0, 1.0]), _f([0.0, 1.0, 1.0, 0.0])),
        {"eps": 0.1},
    ),
    Example(
        "soft targets in (0, 1) with eps=0.25",
        (_f([0.1, 0.4, 0.9]), _f([0.3, 0.7, 0.5])),
        {"eps": 0.25},
    ),
    Example(
        "a non-square (2, 3) batch",
        (_f([[0.1, 0.7, 0.4], [0.95, 0.5, 0.2]]), _f([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]])),
    ),
    Example("a square (2, 2) batch", (_f([[0.2, 0.6], [0.7, 0.1]]), _f([[1.0, 1.0], [0.0, 0.0]]))),
    Example("int arrays (p exactly 0 and 1)", (np.array([0, 1, 1, 0]), np.array([0, 1, 0, 1]))),
    Example("Python lists", ([[0.1, 0.8], [0.5, 0.99]], [[0, 1], [1, 1]])),
]

_BCE_EXTREMES = [
    Example(
        "p exactly 0 and 1 (default eps), right and wrong",
        (_f([0.0, 1.0, 0.0, 1.0]), _f([0.0, 1.0, 1.0, 0.0])),
    ),
    Example(
        "p exactly 0 and 1 with eps=0.1",
        (_f([0.0, 1.0, 1.0, 0.0]), _f([1.0, 0.0, 1.0, 0.0])),
        {"eps": 0.1},
    ),
]

# A tiny eps, where a formula that cancels (p̂ - p̂², 1 - p̂ - ...) loses the digits of 1 - p̂. At
# the clip, 1 - p̂ is eps in exact arithmetic but 1 - fl(1 - eps) in the textbook formula
# (off by up to ulp(1) / eps: 1e-4 at 1e-12, 11 % at 1e-15): both are right (the convention
# below), anything further off is not.
_BCE_GRAD_EXTREMES = [
    *_BCE_EXTREMES,
    Example(
        "p exactly 0 and 1 with eps=1e-12",
        (_f([0.0, 1.0, 1.0, 0.0, 0.5]), _f([1.0, 0.0, 1.0, 0.0, 1.0])),
        {"eps": 1e-12},
    ),
    Example(
        "p exactly 0 and 1 with eps=1e-15",
        (_f([0.0, 1.0, 1.0, 0.0, 0.5]), _f([1.0, 0.0, 1.0, 0.0, 1.0])),
        {"eps": 1e-15},
    ),
]

_BCE_BAD_CALLS = [
    BadCall(
        "p of shape (3,) against y of shape (3, 1) (broadcasting would pair every probability "
        "with every target)",
        (_f([0.1, 0.5, 0.9]), _f([[0.0], [1.0], [1.0]])),
        ValueError,
    ),
    BadCall(
        "p of shape (3, 1) against y of shape (3,)",
        (_f([[0.1], [0.5], [0.9]]), _f([0.0, 1.0, 1.0])),
        ValueError,
    ),
    BadCall(
        "shapes (2, 3) and (3, 2)",
        (np.full((2, 3), 0.5), np.ones((3, 2))),
        ValueError,
    ),
]

_SOFTMAX_EXAMPLES = [
    Example(
        "a (3, 4) batch of rows (float64)",
        (_f([[1.0, 2.0, 0.5, -1.0], [0.0, 0.0, 3.0, 1.0], [-2.0, 4.0, 1.0, 1.0]]),),
    ),
    Example("a batch of one row, shape (1, 3)", (_f([[1.0, 3.0, -0.5]]),)),
    Example("a 1-D vector of logits", (_f([2.0, -1.0, 0.5, 0.0]),)),
    Example(
        "a square (3, 3) batch",
        (_f([[1.0, 2.0, 3.0], [0.0, -1.0, 5.0], [2.0, 2.0, -3.0]]),),
    ),
    Example("a non-square (4, 2) batch", (_f([[1.0, 0.0], [2.0, 5.0], [-1.0, -3.0], [0.0, 0.5]]),)),
    Example(
        "a 3-D (2, 2, 3) array (softmax along the last axis)",
        (np.arange(12.0).reshape(2, 2, 3) % 5,),
    ),
    Example("equal logits in a row (ties)", (_f([[0.0, 0.0], [5.0, 5.0]]),)),
    Example("one class, shape (3, 1)", (_f([[2.0], [-1.0], [0.0]]),)),
    Example("an int array", (np.array([[1, 2, 3], [0, 0, 4]]),)),
    Example("a Python list", ([[0.5, 1.5, -1.0], [2.0, 0.0, 1.0]],)),
]

_SOFTMAX_EXTREMES = [
    Example("logits of ±1e3", (_f([[1e3, 0.0, -1e3], [-1e3, -1e3, -1e3], [1e3, 1e3, 999.0]]),)),
    Example("logits of 1e4", (_f([[1e4, 1e4 - 1.0, -1e4], [-1e4, -1e4 + 2.0, 0.0]]),)),
    Example("a 1-D vector of logits of 1e3", (_f([1e3, 1e3, 0.0]),)),
]

_CE_EXAMPLES = [
    Example(
        "three samples with different labels (float64 logits, int labels)",
        (
            _f([[1.0, 2.0, 0.5, -1.0], [0.0, 0.0, 3.0, 1.0], [-2.0, 4.0, 1.0, 1.0]]),
            np.array([0, 3, 1]),
        ),
    ),
    Example("a batch of one sample", (_f([[1.0, 2.0, 0.5]]), np.array([2]))),
    Example(
        "a square (3, 3) batch",
        (_f([[1.0, 2.0, 3.0], [0.0, -1.0, 5.0], [2.0, 2.0, -3.0]]), np.array([2, 0, 1])),
    ),
    Example(
        "a non-square (2, 5) batch",
        (_f([[0.5, 1.0, -1.0, 2.0, 0.0], [3.0, 0.0, 0.0, 1.0, -2.0]]), np.array([4, 0])),
    ),
    Example(
        "integer-valued float labels",
        (_f([[1.0, 0.0, 2.0], [0.5, 0.5, -1.0]]), _f([2.0, 0.0])),
    ),
    Example("one class, shape (2, 1)", (_f([[3.0], [-1.0]]), np.array([0, 0]))),
    Example("int logits", (np.array([[1, 2, 0], [0, 0, 4], [2, 1, 1]]), np.array([1, 2, 0]))),
    Example("Python lists", ([[0.5, 1.5, -1.0], [2.0, 0.0, 1.0]], [1, 0])),
]

_CE_EXTREMES = [
    Example(
        "logits of ±1e3, the label on a very unlikely class",
        (_f([[1e3, -1e3], [-1e3, 1e3], [1e3, 1e3]]), np.array([1, 1, 0])),
    ),
    Example(
        "logits of 1e4",
        (_f([[1e4, 0.0, -1e4], [-1e4, -1e4, -1e4 + 5.0]]), np.array([2, 2])),
    ),
]

_CE_BAD_CALLS = [
    BadCall(
        "a label equal to k (labels lie in [0, k))",
        (_f([[1.0, 2.0], [0.0, 1.0]]), np.array([0, 2])),
        ValueError,
    ),
    BadCall(
        "a negative label (numpy would silently index from the end)",
        (_f([[1.0, 2.0, 0.0], [0.0, 1.0, 3.0]]), np.array([-1, 0])),
        ValueError,
    ),
    BadCall(
        "a label that is not an integer (1.5)",
        (_f([[1.0, 2.0, 0.0], [0.0, 1.0, 3.0]]), _f([1.5, 0.0])),
        (ValueError, TypeError),
    ),
]


# ---------------------------------------------------------------------------------------------
# Misconceptions: what the mistaken learner computes, on the same arguments
# ---------------------------------------------------------------------------------------------


def _d(y_pred: ArrayLike, y_true: ArrayLike) -> Array:
    return np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)


def _rows(d: Array) -> int:
    """The number of rows, when dividing by it differs from every other mistake here."""
    if d.ndim < 2 or len(d) in (1, d.size):
        raise ValueError("for this shape, dividing by the rows is no different")
    return len(d)


def _mse_per_row(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    d = _d(y_pred, y_true)
    return float(np.sum(d**2) / _rows(d))


def _mse_grad_per_row(y_pred: ArrayLike, y_true: ArrayLike) -> Array:
    d = _d(y_pred, y_true)
    return 2.0 * d / _rows(d)


def _mae_per_row(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    d = _d(y_pred, y_true)
    return float(np.sum(np.abs(d)) / _rows(d))


def _mae_grad_per_row(y_pred: ArrayLike, y_true: ArrayLike) -> Array:
    d = _d(y_pred, y_true)
    return np.sign(d) / _rows(d)


def _mse_summed(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    return float(np.sum(_d(y_pred, y_true) ** 2))


def _mse_halved(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    return float(np.mean(_d(y_pred, y_true) ** 2) / 2)


def _mse_root(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    return float(np.sqrt(np.mean(_d(y_pred, y_true) ** 2)))


def _mse_grad_without_2(y_pred: ArrayLike, y_true: ArrayLike) -> Array:
    d = _d(y_pred, y_true)
    return d / d.size


def _mse_grad_without_n(y_pred: ArrayLike, y_true: ArrayLike) -> Array:
    return 2.0 * _d(y_pred, y_true)


def _mse_grad_plain_difference(y_pred: ArrayLike, y_true: ArrayLike) -> Array:
    return _d(y_pred, y_true)


def _mse_grad_flipped(y_pred: ArrayLike, y_true: ArrayLike) -> Array:
    d = _d(y_pred, y_true)
    return -2.0 * d / d.size


def _mae_summed(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    return float(np.sum(np.abs(_d(y_pred, y_true))))


def _mae_without_abs(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    return float(np.mean(_d(y_pred, y_true)))


def _mae_grad_tie_plus(y_pred: ArrayLike, y_true: ArrayLike) -> Array:
    d = _d(y_pred, y_true)
    return np.where(d >= 0, 1.0, -1.0) / d.size


def _mae_grad_tie_minus(y_pred: ArrayLike, y_true: ArrayLike) -> Array:
    d = _d(y_pred, y_true)
    return np.where(d > 0, 1.0, -1.0) / d.size


def _mae_grad_without_n(y_pred: ArrayLike, y_true: ArrayLike) -> Array:
    return np.sign(_d(y_pred, y_true))


def _mae_grad_flipped(y_pred: ArrayLike, y_true: ArrayLike) -> Array:
    d = _d(y_pred, y_true)
    return -np.sign(d) / d.size


def _bce_terms(p: ArrayLike, y: ArrayLike, low: float, high: float) -> tuple[Array, Array]:
    probs = np.clip(np.asarray(p, dtype=np.float64), low, high)
    return probs, np.asarray(y, dtype=np.float64)


def _bce_eps_inside_log(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> float:
    probs, targets = np.asarray(p, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return float(-np.mean(targets * np.log(probs + eps) + (1 - targets) * np.log(1 - probs + eps)))


def _bce_default_eps(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> float:
    probs, targets = _bce_terms(p, y, 1e-7, 1 - 1e-7)
    return float(-np.mean(targets * np.log(probs) + (1 - targets) * np.log1p(-probs)))


def _bce_unclipped(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> float:
    probs, targets = np.asarray(p, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return float(-np.mean(targets * np.log(probs) + (1 - targets) * np.log(1 - probs)))


def _bce_per_row(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> float:
    probs, targets = _bce_terms(p, y, eps, 1 - eps)
    total = np.sum(targets * np.log(probs) + (1 - targets) * np.log1p(-probs))
    return float(-total / _rows(probs))


def _bce_grad_per_row(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> Array:
    probs, targets = _bce_terms(p, y, eps, 1 - eps)
    return _bce_grad_formula(probs, targets, _rows(probs))


def _bce_summed(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> float:
    probs, targets = _bce_terms(p, y, eps, 1 - eps)
    return float(-np.sum(targets * np.log(probs) + (1 - targets) * np.log1p(-probs)))


def _bce_without_minus(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> float:
    probs, targets = _bce_terms(p, y, eps, 1 - eps)
    return float(np.mean(targets * np.log(probs) + (1 - targets) * np.log1p(-probs)))


def _bce_grad_formula(probs: Array, targets: Array, size: int) -> Array:
    return (probs - targets) / (probs * (1 - probs)) / size


def _bce_grad_unclipped(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> Array:
    probs, targets = np.asarray(p, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return _bce_grad_formula(probs, targets, probs.size)


def _bce_grad_default_eps(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> Array:
    probs, targets = _bce_terms(p, y, 1e-7, 1 - 1e-7)
    return _bce_grad_formula(probs, targets, probs.size)


def _bce_grad_exact_complement(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> Array:
    """The gradient with 1 - p̂ taken as clip(1 - p, eps, 1 - eps): exact at the clip."""
    probs, targets = np.asarray(p, dtype=np.float64), np.asarray(y, dtype=np.float64)
    p_hat = np.clip(probs, eps, 1.0 - eps)
    q_hat = np.clip(1.0 - probs, eps, 1.0 - eps)
    result: Array = (p_hat - targets) / (p_hat * q_hat) / probs.size
    return result


def _bce_grad_eps_inside(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> Array:
    probs, targets = np.asarray(p, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return (-targets / (probs + eps) + (1 - targets) / (1 - probs + eps)) / probs.size


def _bce_grad_without_n(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> Array:
    probs, targets = _bce_terms(p, y, eps, 1 - eps)
    return _bce_grad_formula(probs, targets, 1)


def _bce_grad_flipped(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> Array:
    probs, targets = _bce_terms(p, y, eps, 1 - eps)
    return -_bce_grad_formula(probs, targets, probs.size)


def _stable_softmax(z: Array, axis: int | None = -1) -> Array:
    shifted = np.exp(z - np.max(z, axis=axis, keepdims=True))
    result: Array = shifted / np.sum(shifted, axis=axis, keepdims=True)
    return result


def _one_column(z: Array) -> bool:
    """Whether z is a single column (m, 1, …), where axis 0 and the whole array are the same."""
    return z.ndim >= 2 and z.size == z.shape[0] > 1


def _softmax_down_one_column(logits: ArrayLike) -> Array:
    z = np.asarray(logits, dtype=np.float64)
    if not _one_column(z):
        raise ValueError("not a single column")
    return _stable_softmax(z, axis=None)


def _softmax_first_axis(logits: ArrayLike) -> Array:
    z = np.asarray(logits, dtype=np.float64)
    if _one_column(z):
        raise ValueError("a single column: see _softmax_down_one_column")
    return _stable_softmax(z, axis=0)


def _softmax_whole_array(logits: ArrayLike) -> Array:
    z = np.asarray(logits, dtype=np.float64)
    if _one_column(z):
        raise ValueError("a single column: see _softmax_down_one_column")
    return _stable_softmax(z, axis=None)


def _softmax_sum_without_keepdims(logits: ArrayLike) -> Array:
    exps = np.exp(np.asarray(logits, dtype=np.float64))
    result: Array = exps / np.sum(exps, axis=-1)
    return result


def _softmax_without_shift(logits: ArrayLike) -> Array:
    exps = np.exp(np.asarray(logits, dtype=np.float64))
    result: Array = exps / np.sum(exps, axis=-1, keepdims=True)
    return result


def _ce_probs(logits: ArrayLike, labels: ArrayLike) -> tuple[Array, NDArray[np.intp]]:
    z = np.asarray(logits, dtype=np.float64)
    return _stable_softmax(z), np.asarray(labels).astype(np.intp)


def _ce_without_shift(logits: ArrayLike, labels: ArrayLike) -> float:
    probs = _softmax_without_shift(logits)
    classes = np.asarray(labels).astype(np.intp)
    return float(-np.mean(np.log(probs[np.arange(len(classes)), classes])))


def _ce_log_probs(logits: ArrayLike, labels: ArrayLike) -> tuple[Array, NDArray[np.intp]]:
    """Log softmax by log-sum-exp (finite for large logits) and the labels as indices."""
    z = np.asarray(logits, dtype=np.float64)
    shifted = z - np.max(z, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return log_probs, np.asarray(labels).astype(np.intp)


def _ce_column_selection(logits: ArrayLike, labels: ArrayLike) -> float:
    log_probs, classes = _ce_log_probs(logits, labels)
    return float(-np.mean(log_probs[:, classes]))


def _ce_log_of_softmax(logits: ArrayLike, labels: ArrayLike) -> float:
    probs, classes = _ce_probs(logits, labels)
    return float(-np.mean(np.log(probs[np.arange(len(classes)), classes])))


def _ce_summed(logits: ArrayLike, labels: ArrayLike) -> float:
    log_probs, classes = _ce_log_probs(logits, labels)
    return float(-np.sum(log_probs[np.arange(len(classes)), classes]))


def _ce_mean_over_every_entry(logits: ArrayLike, labels: ArrayLike) -> float:
    log_probs, classes = _ce_log_probs(logits, labels)
    return float(-np.sum(log_probs[np.arange(len(classes)), classes]) / log_probs.size)


def _ce_grad_parts(logits: ArrayLike, labels: ArrayLike) -> tuple[Array, Array]:
    probs, classes = _ce_probs(logits, labels)
    onehot = np.zeros_like(probs)
    onehot[np.arange(len(classes)), classes] = 1.0
    return probs, onehot


def _ce_grad_without_shift(logits: ArrayLike, labels: ArrayLike) -> Array:
    probs = _softmax_without_shift(logits)
    classes = np.asarray(labels).astype(np.intp)
    probs[np.arange(len(classes)), classes] -= 1.0
    return probs / len(probs)


def _ce_grad_without_m(logits: ArrayLike, labels: ArrayLike) -> Array:
    probs, onehot = _ce_grad_parts(logits, labels)
    return probs - onehot


def _ce_grad_minus_one_everywhere(logits: ArrayLike, labels: ArrayLike) -> Array:
    probs, _ = _ce_grad_parts(logits, labels)
    return (probs - 1.0) / len(probs)


def _ce_grad_flipped(logits: ArrayLike, labels: ArrayLike) -> Array:
    probs, onehot = _ce_grad_parts(logits, labels)
    return (onehot - probs) / len(probs)


def _ce_grad_over_every_entry(logits: ArrayLike, labels: ArrayLike) -> Array:
    probs, onehot = _ce_grad_parts(logits, labels)
    return (probs - onehot) / probs.size


def _ce_grad_column_onehot(logits: ArrayLike, labels: ArrayLike) -> Array:
    probs, classes = _ce_probs(logits, labels)
    if len(np.unique(classes)) == probs.shape[1]:
        raise ValueError("every class is a label: the same value as p - 1 everywhere")
    grad = probs.copy()
    grad[:, classes] -= 1.0
    return grad / len(probs)


_SUMMED = "the losses were summed over the batch instead of averaged (mean = sum / N)"
_PER_ROW = (
    "the sum was divided by len(y_pred), the number of rows, instead of N, the number of elements"
)
_PER_ROW_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "mse": _mse_per_row,
    "mse_grad": _mse_grad_per_row,
    "mae": _mae_per_row,
    "mae_grad": _mae_grad_per_row,
    "binary_cross_entropy": _bce_per_row,
    "binary_cross_entropy_grad": _bce_grad_per_row,
}
_PER_ROW_MISTAKE = {name: Misconception(_PER_ROW, f) for name, f in _PER_ROW_FUNCTIONS.items()}

_MSE_MISTAKES = [
    _PER_ROW_MISTAKE["mse"],
    Misconception(_SUMMED, _mse_summed),
    Misconception("the mean was halved (the ½·MSE convention; the API has no ½)", _mse_halved),
    Misconception("the square root was taken (that is the RMSE, not the MSE)", _mse_root),
]

_MSE_GRAD_MISTAKES = [
    _PER_ROW_MISTAKE["mse_grad"],
    Misconception(
        "the factor 2 from the derivative of the square was left out", _mse_grad_without_2
    ),
    Misconception(
        "the gradient was not divided by N, the number of elements (the loss is a mean)",
        _mse_grad_without_n,
    ),
    Misconception(
        "both the factor 2 and the division by N were left out (just y_pred - y_true)",
        _mse_grad_plain_difference,
    ),
    Misconception(
        "the sign is flipped: the derivative is taken with respect to y_true, not y_pred",
        _mse_grad_flipped,
    ),
]

_MAE_MISTAKES = [
    _PER_ROW_MISTAKE["mae"],
    Misconception(_SUMMED, _mae_summed),
    Misconception(
        "the absolute value was left out, so positive and negative errors cancel",
        _mae_without_abs,
    ),
]

_MAE_GRAD_MISTAKES = [
    _PER_ROW_MISTAKE["mae_grad"],
    Misconception(
        "a tie y_pred == y_true was counted as +1/N (as np.where(d >= 0, 1, -1)); sign(0) is 0",
        _mae_grad_tie_plus,
    ),
    Misconception(
        "a tie y_pred == y_true was counted as -1/N (as np.where(d > 0, 1, -1)); sign(0) is 0",
        _mae_grad_tie_minus,
    ),
    Misconception(
        "the gradient was not divided by N, the number of elements (the loss is a mean)",
        _mae_grad_without_n,
    ),
    Misconception(
        "the sign is flipped: the derivative is taken with respect to y_true, not y_pred",
        _mae_grad_flipped,
    ),
]

_BCE_MISTAKES = [
    _PER_ROW_MISTAKE["binary_cross_entropy"],
    Misconception(
        "eps is added inside the log (log(p + eps)) instead of clipping p to [eps, 1 - eps]",
        _bce_eps_inside_log,
    ),
    Misconception(
        "the eps argument is ignored: p is not clipped to [eps, 1 - eps] with the eps given "
        "(no clip at all, or a fixed margin such as 1e-7)",
        _bce_default_eps,
    ),
    Misconception(
        "p is not clipped to [eps, 1 - eps] before the logs, so p = 0 or 1 gives log 0 "
        "(inf, or 0 · inf = NaN)",
        _bce_unclipped,
    ),
    Misconception(_SUMMED, _bce_summed),
    Misconception("the minus sign in front of the mean was left out", _bce_without_minus),
]

_BCE_GRAD_MISTAKES = [
    Misconception(
        "1 - p̂ is taken as clip(1 - p, eps, 1 - eps) (exact at the clip) instead of "
        "1 - clip(p, eps, 1 - eps): both are right",
        _bce_grad_exact_complement,
        convention=True,
    ),
    _PER_ROW_MISTAKE["binary_cross_entropy_grad"],
    Misconception(
        "the eps argument is ignored: p is not clipped to [eps, 1 - eps] with the eps given "
        "(no clip at all, or a fixed margin such as 1e-7)",
        _bce_grad_default_eps,
    ),
    Misconception(
        "the gradient is evaluated at the unclipped p instead of p̂ = clip(p, eps, 1 - eps), "
        "so p = 0 or 1 divides by 0",
        _bce_grad_unclipped,
    ),
    Misconception(
        "eps is added inside the formula (p + eps) instead of clipping p to [eps, 1 - eps]",
        _bce_grad_eps_inside,
    ),
    Misconception(
        "the gradient was not divided by N, the number of elements (the loss is a mean)",
        _bce_grad_without_n,
    ),
    Misconception(
        "the sign is flipped: it should be (p̂ - y), not (y - p̂), over p̂(1 - p̂)",
        _bce_grad_flipped,
    ),
]

_SOFTMAX_MISTAKES = [
    Misconception(
        "softmax is taken down the column (over axis 0, or over the whole array) instead of "
        "along each row: with one class every probability is 1",
        _softmax_down_one_column,
    ),
    Misconception(
        "softmax is taken over the first axis (axis=0, down the columns) instead of the last",
        _softmax_first_axis,
    ),
    Misconception(
        "the whole array is normalised at once instead of each row (a sum without axis=-1)",
        _softmax_whole_array,
    ),
    Misconception(
        "the row sums are taken without keepdims=True, so they broadcast along the wrong axis",
        _softmax_sum_without_keepdims,
    ),
    Misconception(
        "the row maximum is not subtracted before exp, so exp overflows for large logits",
        _softmax_without_shift,
    ),
]

_CE_MISTAKES = [
    # The two numerical mistakes first: at logits of 1e3 the column selection is inf as well.
    Misconception(
        "log(softmax(...)) is computed directly: a probability that underflows to 0 gives "
        "-log 0 = inf; use log-sum-exp instead",
        _ce_log_of_softmax,
    ),
    Misconception(
        "exp is taken of the raw logits, without subtracting the row maximum: exp(1e3) "
        "overflows to inf and inf / inf is NaN",
        _ce_without_shift,
    ),
    Misconception(
        "the probabilities are picked with p[:, labels], an (m, m) block of every sample "
        "against every label, instead of p[np.arange(m), labels]",
        _ce_column_selection,
    ),
    Misconception(
        "the losses were summed over the samples instead of averaged (mean = sum / m)",
        _ce_summed,
    ),
    Misconception(
        "the sum was divided by m·k, every entry of the logits, instead of by m samples",
        _ce_mean_over_every_entry,
    ),
]

_CE_GRAD_MISTAKES = [
    Misconception(
        "exp is taken of the raw logits, without subtracting the row maximum: exp(1e3) "
        "overflows to inf and inf / inf is NaN",
        _ce_grad_without_shift,
    ),
    Misconception(
        "the gradient was not divided by m, the number of samples (the loss is a mean)",
        _ce_grad_without_m,
    ),
    Misconception(
        "1 is subtracted with grad[:, labels], whole columns, instead of "
        "grad[np.arange(m), labels]",
        _ce_grad_column_onehot,
    ),
    Misconception(
        "1 is subtracted from every entry (p - 1) instead of only at each sample's label "
        "(p - onehot(labels))",
        _ce_grad_minus_one_everywhere,
    ),
    Misconception(
        "the sign is flipped: it is softmax - onehot, not onehot - softmax", _ce_grad_flipped
    ),
    Misconception(
        "the gradient was divided by m·k, every entry, instead of by m samples",
        _ce_grad_over_every_entry,
    ),
]

# ---------------------------------------------------------------------------------------------
# The specs, in the order of solutions/losses.__all__
# ---------------------------------------------------------------------------------------------

SPECS = [
    FunctionSpec(
        "mse",
        points=2,
        calls=_pair_calls(-10.0, 10.0),
        examples=_PAIR_EXAMPLES,
        extremes=_PAIR_EXTREMES,
        bad_calls=_PAIR_BAD_CALLS,
        tolerance=_TOLERANCE,
        misconceptions=_MSE_MISTAKES,
    ),
    FunctionSpec(
        "mse_grad",
        points=2,
        calls=_pair_calls(-10.0, 10.0),
        examples=_PAIR_EXAMPLES,
        extremes=_PAIR_GRAD_EXTREMES,
        bad_calls=_PAIR_BAD_CALLS,
        tolerance=_TOLERANCE,
        misconceptions=_MSE_GRAD_MISTAKES,
    ),
    FunctionSpec(
        "mae",
        points=2,
        calls=_pair_calls(-10.0, 10.0),
        examples=_PAIR_EXAMPLES,
        extremes=_PAIR_EXTREMES,
        bad_calls=_PAIR_BAD_CALLS,
        tolerance=_TOLERANCE,
        misconceptions=_MAE_MISTAKES,
    ),
    FunctionSpec(
        "mae_grad",
        points=2,
        calls=_untied_pair_calls(),
        examples=_PAIR_EXAMPLES,
        extremes=_PAIR_GRAD_EXTREMES,
        bad_calls=_PAIR_BAD_CALLS,
        tolerance=_TOLERANCE,
        misconceptions=_MAE_GRAD_MISTAKES,
    ),
    FunctionSpec(
        "binary_cross_entropy",
        points=3,
        calls=_bce_calls(),
        examples=_BCE_EXAMPLES,
        extremes=_BCE_EXTREMES,
        bad_calls=_BCE_BAD_CALLS,
        tolerance=_TOLERANCE,
        misconceptions=_BCE_MISTAKES,
    ),
    FunctionSpec(
        "binary_cross_entropy_grad",
        points=3,
        calls=_bce_calls(),
        examples=_BCE_EXAMPLES,
        extremes=_BCE_GRAD_EXTREMES,
        bad_calls=_BCE_BAD_CALLS,
        tolerance=_TOLERANCE,
        misconceptions=_BCE_GRAD_MISTAKES,
    ),
    FunctionSpec(
        "softmax",
        points=3,
        calls=calls(
            shapes(min_dims=1, max_dims=3, max_side=5).flatmap(
                lambda shape: arrays(shape, -30.0, 30.0)
            )
        ),
        examples=_SOFTMAX_EXAMPLES,
        extremes=_SOFTMAX_EXTREMES,
        tolerance=_TOLERANCE,
        misconceptions=_SOFTMAX_MISTAKES,
    ),
    FunctionSpec(
        "cross_entropy",
        points=3,
        calls=_logit_calls(),
        examples=_CE_EXAMPLES,
        extremes=_CE_EXTREMES,
        bad_calls=_CE_BAD_CALLS,
        tolerance=_TOLERANCE,
        misconceptions=_CE_MISTAKES,
    ),
    FunctionSpec(
        "cross_entropy_grad",
        points=3,
        calls=_logit_calls(),
        examples=_CE_EXAMPLES,
        extremes=_CE_EXTREMES,
        bad_calls=_CE_BAD_CALLS,
        tolerance=_TOLERANCE,
        misconceptions=_CE_GRAD_MISTAKES,
    ),
]
