# Generated from solutions/learning_rate.py by `neurograde build`: edit the source, not this file.
# Regenerate with `neurograde build`; `neurograde build --check` finds stale files.
"""The learning rate: gradient descent and the size of its step.

Gradient descent moves the weights against the gradient of the loss, scaled by the learning rate:

    w_new = w_old - lr * dL/dw

The course takes the learning rate from the open interval (0, 1). A very small learning rate
needs many epochs; a large one takes big steps that can overshoot the minimum, oscillate around
it or even move away from it. The functions below make this visible on the simplest loss there
is, f(w) = c/2 * w**2, and then train a linear regression with the same update rule.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray

# In the order of docs/api.md (CONTRIBUTING.md), not sorted.
__all__ = [  # noqa: RUF022
    "validate_learning_rate",
    "gradient_descent_step",
    "quadratic_descent",
    "epochs_to_converge",
    "linear_regression_gd",
]


def _real_scalar(value: object, name: str) -> float:
    """Return ``value`` as a finite Python float, or raise.

    A real number is a Python ``int``/``float`` (not a ``bool``), a numpy integer or floating
    scalar, or a 0-d numpy array of such a dtype. Anything else is a ``TypeError``; NaN and
    infinity are a ``ValueError``.
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        if value.dtype.kind not in "iuf":
            raise TypeError(f"{name} must be a real number, got a 0-d array of dtype {value.dtype}")
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        shape = f" of shape {value.shape}" if isinstance(value, np.ndarray) else ""
        raise TypeError(
            f"{name} must be a real number (int or float, not bool), "
            f"got {type(value).__name__}{shape}"
        )
    try:
        result = float(value)
    except OverflowError:
        raise ValueError(
            f"{name} must be a finite real number, got an integer too large for float64"
        ) from None
    if not math.isfinite(result):
        raise ValueError(f"{name} must be a finite real number, got {result!r}")
    return result


def _non_negative_int(value: object, name: str) -> int:
    """Return ``value`` as a Python int >= 0, or raise.

    Python and numpy integers are accepted; a ``bool`` or a float (even 3.0) is a ``TypeError``,
    a negative integer a ``ValueError``.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be a non-negative integer (int, not bool or float), "
            f"got {type(value).__name__}"
        )
    result = int(value)
    if result < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {result}")
    return result


def _real_array(value: ArrayLike, name: str) -> NDArray[np.float64]:
    """Return ``value`` as a new float64 array, or raise ``TypeError`` for a non-real dtype.

    Integer and floating dtypes (and lists or scalars of them) are accepted; bool, complex,
    string and object data are not.
    """
    try:
        array = np.asarray(value)
    except ValueError as error:
        raise ValueError(f"{name} must be a rectangular array of real numbers: {error}") from None
    if not np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.complexfloating):
        raise TypeError(
            f"{name} must be an array of real numbers (int or float dtype), got dtype {array.dtype}"
        )
    return np.array(array, dtype=np.float64, copy=True)


def _positive(value: object, name: str) -> float:
    """Return ``value`` as a finite Python float > 0, or raise."""
    result = _real_scalar(value, name)
    if result <= 0.0:
        raise ValueError(f"{name} must be > 0, got {result!r}")
    return result


def _weights_and_gradient(
    w: ArrayLike, grad: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return ``w`` and ``grad`` as new float64 arrays of one shape, or raise."""
    weights = _real_array(w, "w")
    gradient = _real_array(grad, "grad")
    if weights.shape != gradient.shape:
        raise ValueError(
            f"w and grad must have the same shape, got {weights.shape} and {gradient.shape}"
        )
    return weights, gradient


def _regression_data(X: ArrayLike, y: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return the inputs ``X`` (m, n), m ≥ 1, and the targets ``y`` (m,) as new arrays, or raise."""
    inputs = _real_array(X, "X")
    if inputs.ndim != 2:
        raise ValueError(
            f"X must be a 2-D array of shape (m, n), got {inputs.ndim}-D shape {inputs.shape}"
        )
    m = inputs.shape[0]
    if m == 0:
        raise ValueError(f"X must have at least one sample (row), got shape {inputs.shape}")
    targets = _real_array(y, "y")
    if targets.shape != (m,):
        raise ValueError(
            f"y must have shape (m,) = ({m},) to match X of shape {inputs.shape}, "
            f"got {targets.shape}"
        )
    return inputs, targets


def _mean_square(r: NDArray[np.float64]) -> float:
    """Mean of ``r**2`` as a float, without overflow when only the squares would overflow."""
    scale = float(np.max(np.abs(r)))
    if scale == 0.0 or not math.isfinite(scale):
        return float(np.mean(np.square(r)))
    # mean((r / scale)**2) lies in [1/size, 1]; Python float products give inf, not a warning.
    return scale * (scale * float(np.mean(np.square(r / scale))))


def validate_learning_rate(lr: float) -> float:
    """Check that a learning rate lies in the open interval (0, 1) and return it as a float.

    The course requires 0 < lr < 1 (both ends excluded).

    Parameters
    ----------
    lr : float
        The learning rate: a real number (Python ``int``/``float``, a numpy integer or floating
        scalar, or a 0-d array of one). ``bool`` is not accepted.

    Returns
    -------
    float
        ``float(lr)``.

    Raises
    ------
    TypeError
        If ``lr`` is not a real number (``str``, ``None``, ``complex``, ``bool``, a list, an
        array with one or more dimensions).
    ValueError
        If ``lr`` is NaN, infinite, or not strictly between 0 and 1.

    Examples
    --------
    >>> validate_learning_rate(0.25)
    0.25
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def gradient_descent_step(w: ArrayLike, grad: ArrayLike, lr: float) -> NDArray[np.float64] | float:
    """Take one gradient descent step: w_new = w - lr * grad.

    Parameters
    ----------
    w : array_like, any shape
        The current weights.
    grad : array_like, same shape as ``w``
        The gradient of the loss with respect to ``w``.
    lr : float
        The learning rate, 0 < lr < 1 (checked as :func:`validate_learning_rate` does).

    Returns
    -------
    ndarray of float64, same shape as ``w``, or float
        The new weights, a new array; a Python float when ``w`` is a scalar (shape ``()``).

    Raises
    ------
    TypeError
        If ``lr`` is not a real number, or ``w`` or ``grad`` does not hold real numbers.
    ValueError
        If ``lr`` is not in (0, 1), or ``w`` and ``grad`` have different shapes.

    Examples
    --------
    >>> gradient_descent_step([1.0, 2.0], [2.0, -4.0], 0.5).tolist()
    [0.0, 4.0]
    >>> gradient_descent_step(3.0, 1.0, 0.5)
    2.5
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def quadratic_descent(curvature: float, w0: float, lr: float, epochs: int) -> NDArray[np.float64]:
    """Run gradient descent on f(w) = curvature/2 * w**2 and return the whole trajectory.

    The gradient is f'(w) = curvature * w, so each step is
    w_{t+1} = w_t - lr * curvature * w_t = (1 - lr * curvature) * w_t, and
    w_t = (1 - lr * curvature)**t * w0. The descent converges to the minimum w = 0 when
    |1 - lr * curvature| < 1, oscillates when 1 - lr * curvature < 0, and diverges when
    lr * curvature > 2.

    Parameters
    ----------
    curvature : float
        The curvature c > 0 of the loss (its second derivative), finite.
    w0 : float
        The starting weight, finite.
    lr : float
        The learning rate, 0 < lr < 1.
    epochs : int
        The number of steps, >= 0.

    Returns
    -------
    ndarray of float64, shape (epochs + 1,)
        ``w0`` followed by the weight after each step.

    Raises
    ------
    TypeError
        If ``curvature``, ``w0`` or ``lr`` is not a real number, or ``epochs`` is not an integer
        (a bool or a float is not).
    ValueError
        If ``curvature`` is not a finite number > 0, ``w0`` is not finite, ``lr`` is not in
        (0, 1), or ``epochs`` is negative.

    Examples
    --------
    >>> quadratic_descent(1.0, 4.0, 0.5, 3).tolist()
    [4.0, 2.0, 1.0, 0.5]
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def epochs_to_converge(
    curvature: float,
    w0: float,
    lr: float,
    tol: float = 1e-6,
    max_epochs: int = 10_000,
) -> int | None:
    """Count the gradient descent steps on f(w) = curvature/2 * w**2 until |w| <= tol.

    The descent is the one of :func:`quadratic_descent`, w_t = (1 - lr * curvature)**t * w0.
    The answer is the smallest t <= max_epochs with |w_t| <= tol, that is about
    log(tol / |w0|) / log|1 - lr * curvature| when |1 - lr * curvature| < 1.

    Parameters
    ----------
    curvature : float
        The curvature c > 0 of the loss, finite.
    w0 : float
        The starting weight, finite.
    lr : float
        The learning rate, 0 < lr < 1.
    tol : float, default 1e-6
        The tolerance, a finite number > 0.
    max_epochs : int, default 10_000
        The largest number of steps tried, >= 0.

    Returns
    -------
    int or None
        The number of steps (0 when |w0| <= tol already), or None when |w_t| > tol for every
        t <= max_epochs (too slow, or |1 - lr * curvature| >= 1: oscillating or diverging).

    Raises
    ------
    TypeError
        If ``curvature``, ``w0``, ``lr`` or ``tol`` is not a real number, or ``max_epochs`` is
        not an integer (a bool or a float is not).
    ValueError
        If ``curvature`` or ``tol`` is not a finite number > 0, ``w0`` is not finite, ``lr`` is
        not in (0, 1), or ``max_epochs`` is negative.

    Examples
    --------
    >>> epochs_to_converge(1.0, 1.0, 0.5, tol=0.2)
    3
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def linear_regression_gd(
    X: ArrayLike, y: ArrayLike, lr: float, epochs: int
) -> tuple[NDArray[np.float64], float, NDArray[np.float64]]:
    """Fit y_hat = X w + b by full-batch gradient descent on the mean squared error.

    The loss is L(w, b) = mean((X w + b - y)**2) over the m samples, with gradients

        dL/dw = (2/m) X^T (y_hat - y),    dL/db = (2/m) sum(y_hat - y).

    Starting from w = 0, b = 0, every epoch updates w and b together, both from the same
    residual y_hat - y: w <- w - lr * dL/dw, b <- b - lr * dL/db.

    Parameters
    ----------
    X : array_like, shape (m, n)
        The inputs, one sample per row, m >= 1.
    y : array_like, shape (m,)
        The targets.
    lr : float
        The learning rate, 0 < lr < 1.
    epochs : int
        The number of gradient descent steps, >= 0.

    Returns
    -------
    w : ndarray of float64, shape (n,)
        The weights after the last step.
    b : float
        The bias after the last step.
    losses : ndarray of float64, shape (epochs + 1,)
        The loss before the first step (``mean(y**2)``), then after each step.

    Raises
    ------
    TypeError
        If ``X`` or ``y`` does not hold real numbers, ``lr`` is not a real number, or ``epochs``
        is not an integer (a bool or a float is not).
    ValueError
        If ``X`` is not 2-D or has no rows, ``y`` is not of shape (m,), ``lr`` is not in (0, 1),
        or ``epochs`` is negative.

    Examples
    --------
    One sample x = 1, y = 2: the gradient at w = b = 0 is -4 for both, so one step with
    lr = 0.25 gives w = b = 1, a perfect fit.

    >>> w, b, losses = linear_regression_gd([[1.0]], [2.0], 0.25, 1)
    >>> w.tolist(), b, losses.tolist()
    ([1.0], 1.0, [4.0, 0.0])
    """
    # YOUR CODE HERE
    raise NotImplementedError()
