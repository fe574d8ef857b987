# Generated from solutions/losses.py by `neurograde build`: edit the source, not this file.
# Regenerate with `neurograde build`; `neurograde build --check` finds stale files.
"""Losses: how wrong the predictions are.

A loss turns the predictions of a network and the targets into one number that training makes
smaller. Every loss here is a *mean* over the elements (or, for ``cross_entropy``, over the
samples), so the loss of a batch does not grow with its size, and every gradient is taken with
respect to the first argument and has its shape.

- regression: mean squared error (``mse``) and mean absolute error (``mae``);
- two classes: binary cross-entropy on probabilities ``p`` (``binary_cross_entropy``);
- ``k`` classes: ``softmax`` turns a row of scores (logits) into probabilities, and
  ``cross_entropy`` scores them against integer class labels.

Conventions: inputs are any array-like of real numbers and are never modified; arrays come back as
new float64 arrays, single numbers as Python floats. Where two arrays are compared element by
element their shapes must be equal (no broadcasting of ``(m,)`` against ``(m, 1)``), and a mean
over zero elements is a ``ValueError``. For 0-d (scalar) inputs the elementwise losses use N = 1
and the gradients return a Python float.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [  # noqa: RUF022 (the order of docs/api.md)
    "mse",
    "mse_grad",
    "mae",
    "mae_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "softmax",
    "cross_entropy",
    "cross_entropy_grad",
]


def _as_float_array(x: ArrayLike, name: str) -> NDArray[np.float64]:
    """Return ``x`` as a float64 array; ``TypeError`` unless it holds real numbers."""
    array = np.asarray(x)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers, got an array of dtype {array.dtype}")
    return np.asarray(array, dtype=np.float64)


def _matching_pair(
    a: ArrayLike, b: ArrayLike, names: tuple[str, str]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return both arguments as float64 arrays of one shape with at least one element."""
    first, second = _as_float_array(a, names[0]), _as_float_array(b, names[1])
    if first.shape != second.shape:
        raise ValueError(
            f"{names[0]} and {names[1]} must have the same shape, "
            f"got {first.shape} and {second.shape}"
        )
    if first.size == 0:
        raise ValueError(
            f"{names[0]} and {names[1]} must not be empty (the mean of zero elements is "
            f"undefined), got shape {first.shape}"
        )
    return first, second


def _gradient(grad: NDArray[np.float64]) -> NDArray[np.float64] | float:
    """Return a gradient as it is, or as a Python float for 0-d inputs."""
    return float(grad) if np.ndim(grad) == 0 else grad


def _validated_eps(eps: object) -> float:
    """Return ``eps`` as a float; it must be a real number with 0 < eps < 0.5."""
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real):
        raise TypeError(f"eps must be a real number, got {type(eps).__name__}")
    value = float(eps)
    if not 0.0 < value < 0.5:
        raise ValueError(f"eps must satisfy 0 < eps < 0.5, got {value}")
    return value


def _logit_rows(logits: ArrayLike) -> NDArray[np.float64]:
    """Validate logits for softmax: at least 1-D, at least one class on the last axis."""
    z = _as_float_array(logits, "logits")
    if z.ndim == 0:
        raise ValueError(
            "logits must have at least one dimension (softmax is taken along the last)"
        )
    if z.shape[-1] == 0:
        raise ValueError(f"logits must have at least one class on the last axis, got {z.shape}")
    return z


def _logits_and_labels(
    logits: ArrayLike, labels: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Validate a batch of logits ``(m, k)`` and its integer class labels ``(m,)``."""
    scores = _as_float_array(logits, "logits")
    if scores.ndim != 2:
        raise ValueError(
            f"logits must be a 2-D array of shape (m, k), got {scores.ndim} dimension(s) "
            f"(shape {scores.shape})"
        )
    m, k = scores.shape
    if m == 0 or k == 0:
        raise ValueError(
            f"logits must have at least one sample and one class, got shape {scores.shape}"
        )
    raw = np.asarray(labels)
    if raw.dtype.kind == "b":
        raise ValueError("labels must be integer class indices, got booleans (dtype bool)")
    if raw.dtype.kind not in "iuf":
        raise ValueError(f"labels must be integer class indices, got dtype {raw.dtype}")
    if raw.shape != (m,):
        raise ValueError(
            f"labels must have shape ({m},), one label per row of logits, got shape {raw.shape}"
        )
    if raw.dtype.kind == "f":
        bad = raw[~(np.isfinite(raw) & (np.floor(raw) == raw))]
        if bad.size:
            raise ValueError(
                f"labels must be integer class indices, got the non-integer value {bad[0].item()}"
            )
    out_of_range = raw[(raw < 0) | (raw >= k)]
    if out_of_range.size:
        raise ValueError(
            f"labels must lie in [0, {k}) for logits with {k} classes, got {out_of_range[0].item()}"
        )
    return scores, raw.astype(np.intp)


def mse(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    """Mean squared error between predictions and targets.

    L = mean((y_pred - y_true)²), the mean over all N elements.

    Parameters
    ----------
    y_pred : array_like, any shape with at least one element
        The predictions.
    y_true : array_like, same shape as ``y_pred``
        The targets.

    Returns
    -------
    float
        The loss, ≥ 0, and 0 exactly when every prediction equals its target.

    Raises
    ------
    ValueError
        If the shapes differ or the inputs are empty.
    TypeError
        If an input does not hold real numbers.

    Examples
    --------
    >>> mse([1, 2], [1, 4])  # ((1 - 1)² + (2 - 4)²) / 2
    2.0
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def mse_grad(y_pred: ArrayLike, y_true: ArrayLike) -> NDArray[np.float64] | float:
    """Gradient of the mean squared error with respect to ``y_pred``.

    ∂L/∂y_pred = 2 (y_pred - y_true) / N, N the number of elements.

    Parameters
    ----------
    y_pred : array_like, any shape with at least one element
        The predictions.
    y_true : array_like, same shape as ``y_pred``
        The targets.

    Returns
    -------
    ndarray of float64, shape of ``y_pred``
        The gradient (a Python float when ``y_pred`` is a scalar).

    Raises
    ------
    ValueError
        If the shapes differ or the inputs are empty.
    TypeError
        If an input does not hold real numbers.

    Examples
    --------
    >>> mse_grad([1, 2], [1, 4])  # 2 * [0, -2] / 2
    array([ 0., -2.])
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def mae(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    """Mean absolute error between predictions and targets.

    L = mean(|y_pred - y_true|), the mean over all N elements.

    Parameters
    ----------
    y_pred : array_like, any shape with at least one element
        The predictions.
    y_true : array_like, same shape as ``y_pred``
        The targets.

    Returns
    -------
    float
        The loss, ≥ 0, and 0 exactly when every prediction equals its target.

    Raises
    ------
    ValueError
        If the shapes differ or the inputs are empty.
    TypeError
        If an input does not hold real numbers.

    Examples
    --------
    >>> mae([1, 2], [1, 4])  # (|1 - 1| + |2 - 4|) / 2
    1.0
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def mae_grad(y_pred: ArrayLike, y_true: ArrayLike) -> NDArray[np.float64] | float:
    """Gradient of the mean absolute error with respect to ``y_pred``.

    ∂L/∂y_pred = sign(y_pred - y_true) / N, N the number of elements; exactly 0 where a
    prediction equals its target (the subgradient PyTorch uses).

    Parameters
    ----------
    y_pred : array_like, any shape with at least one element
        The predictions.
    y_true : array_like, same shape as ``y_pred``
        The targets.

    Returns
    -------
    ndarray of float64, shape of ``y_pred``
        The gradient, entries in {-1/N, 0, 1/N} (a Python float when ``y_pred`` is a scalar).

    Raises
    ------
    ValueError
        If the shapes differ or the inputs are empty.
    TypeError
        If an input does not hold real numbers.

    Examples
    --------
    >>> mae_grad([1, 2, 5, 0], [1, 4, 3, 0])  # sign([0, -2, 2, 0]) / 4
    array([ 0.  , -0.25,  0.25,  0.  ])
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def binary_cross_entropy(p: ArrayLike, y: ArrayLike, eps: float = 1e-7) -> float:
    """Binary cross-entropy of predicted probabilities against targets.

    L = -mean(y log p̂ + (1 - y) log(1 - p̂)) with p̂ = clip(p, eps, 1 - eps), so that p = 0 and
    p = 1 give a large but finite loss instead of log 0.

    Parameters
    ----------
    p : array_like, any shape with at least one element
        Predicted probabilities of the class 1.
    y : array_like, same shape as ``p``
        Targets in [0, 1] (usually 0 or 1; not checked).
    eps : float, default 1e-7
        The clipping margin, 0 < eps < 0.5.

    Returns
    -------
    float
        The loss.

    Raises
    ------
    ValueError
        If the shapes differ, the inputs are empty, or eps is not in (0, 0.5).
    TypeError
        If an input does not hold real numbers, or eps is not a real number.

    Examples
    --------
    >>> round(binary_cross_entropy([0.5, 0.5], [1, 0]), 4)  # -log(0.5) = log 2
    0.6931
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def binary_cross_entropy_grad(
    p: ArrayLike, y: ArrayLike, eps: float = 1e-7
) -> NDArray[np.float64] | float:
    """Gradient of the binary cross-entropy with respect to ``p``.

    ∂L/∂p = (p̂ - y) / (p̂ (1 - p̂)) / N, evaluated at the clipped p̂ = clip(p, eps, 1 - eps),
    N the number of elements.

    Parameters
    ----------
    p : array_like, any shape with at least one element
        Predicted probabilities of the class 1.
    y : array_like, same shape as ``p``
        Targets in [0, 1] (not checked).
    eps : float, default 1e-7
        The clipping margin, 0 < eps < 0.5.

    Returns
    -------
    ndarray of float64, shape of ``p``
        The gradient (a Python float when ``p`` is a scalar).

    Raises
    ------
    ValueError
        If the shapes differ, the inputs are empty, or eps is not in (0, 0.5).
    TypeError
        If an input does not hold real numbers, or eps is not a real number.

    Examples
    --------
    >>> binary_cross_entropy_grad([0.5, 0.5], [1, 0])  # (±0.5 / 0.25) / 2
    array([-1.,  1.])
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def softmax(logits: ArrayLike) -> NDArray[np.float64]:
    """Softmax along the last axis: scores to probabilities.

    softmax(z)ᵢ = exp(zᵢ - max z) / Σⱼ exp(zⱼ - max z), row by row. Subtracting the row maximum
    does not change the result but keeps every exponent ≤ 0, so nothing overflows.

    Parameters
    ----------
    logits : array_like, shape (..., k), at least 1-D, k ≥ 1
        The scores; each slice along the last axis is one row.

    Returns
    -------
    ndarray of float64, shape of ``logits``
        Entries in [0, 1], each row sums to 1.

    Raises
    ------
    ValueError
        If ``logits`` is 0-d or its last axis has length 0.
    TypeError
        If ``logits`` does not hold real numbers.

    Examples
    --------
    >>> softmax([[0, 0], [5, 5]])  # equal scores, equal probabilities
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def cross_entropy(logits: ArrayLike, labels: ArrayLike) -> float:
    """Cross-entropy of a batch of logits against integer class labels.

    L = mean over the m samples of -log softmax(logits)[label], computed as
    log Σⱼ exp(zⱼ - max z) - (z_label - max z) (log-sum-exp), which is finite for large logits.

    Parameters
    ----------
    logits : array_like, shape (m, k), m ≥ 1, k ≥ 1
        One row of class scores per sample.
    labels : array_like, shape (m,)
        The class of each sample, integers in [0, k); an integer-valued float array is accepted,
        booleans are not.

    Returns
    -------
    float
        The loss, ≥ 0.

    Raises
    ------
    ValueError
        If ``logits`` is not 2-D with m ≥ 1 and k ≥ 1, or ``labels`` is not of shape (m,), not
        integers (bools, fractions, non-numbers) or not in [0, k).
    TypeError
        If ``logits`` does not hold real numbers.

    Examples
    --------
    >>> round(cross_entropy([[0, 0]], [1]), 4)  # -log(1/2) = log 2
    0.6931
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def cross_entropy_grad(logits: ArrayLike, labels: ArrayLike) -> NDArray[np.float64]:
    """Gradient of the cross-entropy with respect to the logits.

    ∂L/∂logits = (softmax(logits) - onehot(labels)) / m.

    Parameters
    ----------
    logits : array_like, shape (m, k), m ≥ 1, k ≥ 1
        One row of class scores per sample.
    labels : array_like, shape (m,)
        The class of each sample, integers in [0, k) (integer-valued floats accepted).

    Returns
    -------
    ndarray of float64, shape (m, k)
        The gradient; each row sums to 0.

    Raises
    ------
    ValueError
        As ``cross_entropy``.
    TypeError
        If ``logits`` does not hold real numbers.

    Examples
    --------
    >>> cross_entropy_grad([[0, 0]], [1])  # ([1/2, 1/2] - [0, 1]) / 1
    array([[ 0.5, -0.5]])
    """
    # YOUR CODE HERE
    raise NotImplementedError()
