"""Alternatives of the learning_rate topic: correct implementations that differ from the reference.

Each body is appended to the reference module, so it may use ``np``, ``math``, ``numbers`` and the
module's other functions. Every one must get full marks.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from solutions.learning_rate import quadratic_descent, validate_learning_rate


def validate_learning_rate__numbers_real(lr):
    """isinstance(lr, numbers.Real) with an explicit bool check, then one chained comparison."""
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real):
        raise TypeError(f"lr must be a real number (not a bool), got {type(lr).__name__}")
    if not 0 < lr < 1:  # False for NaN as well
        raise ValueError(f"lr must be strictly between 0 and 1, got {lr}")
    return float(lr)


def validate_learning_rate__explicit_checks(lr):
    """Separate checks for every kind of bad value, ranges with math.isfinite."""
    if isinstance(lr, (bool, np.bool_)):
        raise TypeError("lr must be a number, not a bool")
    if not isinstance(lr, (int, float, np.integer, np.floating)):
        raise TypeError(f"lr must be an int or a float, got {type(lr).__name__}")
    value = float(lr)
    if not math.isfinite(value):
        raise ValueError(f"lr must be finite, got {value}")
    if value <= 0.0 or value >= 1.0:
        raise ValueError(f"lr must lie in (0, 1), got {value}")
    return value


def gradient_descent_step__copy_then_in_place(w, grad, lr):
    """An explicit copy, then the step in place on the copy (the caller's w is untouched)."""
    step = validate_learning_rate(lr)
    new = np.array(w, dtype=np.float64, copy=True)
    g = np.asarray(grad, dtype=np.float64)
    if new.shape != g.shape:
        raise ValueError(f"w and grad must have the same shape, got {new.shape} and {g.shape}")
    new -= step * g
    if new.ndim == 0:
        return float(new)
    return new


def gradient_descent_step__np_subtract(w, grad, lr):
    """np.subtract and np.multiply; shapes compared with np.shape before any conversion."""
    if np.shape(w) != np.shape(grad):
        raise ValueError(f"shapes differ: w {np.shape(w)} and grad {np.shape(grad)}")
    step = validate_learning_rate(lr)
    new = np.subtract(
        np.asarray(w, dtype=np.float64), np.multiply(step, np.asarray(grad, dtype=np.float64))
    )
    return float(new) if np.ndim(new) == 0 else new


def gradient_descent_step__float32_inside(w, grad, lr):
    """The step computed in float32, converted back to float64 at the end."""
    step = np.float32(validate_learning_rate(lr))
    w32 = np.asarray(w, dtype=np.float32)
    g32 = np.asarray(grad, dtype=np.float32)
    if w32.shape != g32.shape:
        raise ValueError(f"w and grad must have the same shape, got {w32.shape} and {g32.shape}")
    new = (w32 - step * g32).astype(np.float64)
    return float(new) if new.ndim == 0 else new


def quadratic_descent__closed_form(curvature, w0, lr, epochs):
    """The closed form w_t = (1 - lr·c)**t · w0, vectorised over t."""
    if isinstance(curvature, bool) or not isinstance(curvature, numbers.Real):
        raise TypeError("curvature must be a real number")
    if not curvature > 0:
        raise ValueError(f"curvature must be > 0, got {curvature}")
    step = validate_learning_rate(lr)
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)):
        raise TypeError(f"epochs must be an int, got {type(epochs).__name__}")
    if epochs < 0:
        raise ValueError(f"epochs must be >= 0, got {epochs}")
    t = np.arange(int(epochs) + 1)
    return float(w0) * (1.0 - step * float(curvature)) ** t


def quadratic_descent__gradient_loop(curvature, w0, lr, epochs):
    """A preallocated float array filled by the update w - lr * (c * w), gradient spelled out."""
    c = float(curvature)
    if c <= 0:
        raise ValueError(f"curvature must be positive, got {curvature}")
    step = validate_learning_rate(lr)
    if type(epochs) is bool or not isinstance(epochs, numbers.Integral):
        raise TypeError("epochs must be an integer")
    if epochs < 0:
        raise ValueError("epochs must be non-negative")
    trajectory = np.zeros(epochs + 1)
    trajectory[0] = w0
    for t in range(1, epochs + 1):
        gradient = c * trajectory[t - 1]
        trajectory[t] = trajectory[t - 1] - step * gradient
    return trajectory


def quadratic_descent__float32_inside(curvature, w0, lr, epochs):
    """The descent in float32 (factor and weights), returned as float64."""
    if not curvature > 0:
        raise ValueError("curvature must be > 0")
    step = validate_learning_rate(lr)
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)):
        raise TypeError("epochs must be an int")
    if epochs < 0:
        raise ValueError("epochs must be >= 0")
    factor = np.float32(1.0) - np.float32(step) * np.float32(curvature)
    out = np.empty(epochs + 1, dtype=np.float32)
    out[0] = w0
    for t in range(1, epochs + 1):
        out[t] = out[t - 1] * factor
    return out.astype(np.float64)


def epochs_to_converge__closed_form(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    """The count from logarithms: ceil(log(tol / |w0|) / log|1 - lr·c|) (within one of a loop)."""
    c = float(curvature)
    if c <= 0:
        raise ValueError("curvature must be positive")
    step = validate_learning_rate(lr)
    if abs(w0) <= tol:
        return 0
    factor = abs(1.0 - step * c)
    if factor >= 1.0:
        return None  # oscillates with constant amplitude or diverges
    if factor == 0.0:
        return 1 if max_epochs >= 1 else None  # the minimum in one step
    t = math.ceil(math.log(tol / abs(w0)) / math.log(factor))
    return t if t <= max_epochs else None


def epochs_to_converge__while_loop(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    """A while loop with the update w - lr·c·w, stopped when |w| grows instead of shrinking."""
    step = validate_learning_rate(lr)
    w = float(w0)
    t = 0
    while abs(w) > tol:
        if t == max_epochs:
            return None
        new = w - step * curvature * w
        if abs(new) >= abs(w):
            return None  # |1 - lr·c| >= 1: never closer
        w = new
        t += 1
    return t


def epochs_to_converge__from_trajectory(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    """The first index of the quadratic_descent trajectory with |w| <= tol."""
    validate_learning_rate(lr)
    if abs(1.0 - lr * curvature) >= 1.0:
        return 0 if abs(w0) <= tol else None
    trajectory = quadratic_descent(curvature, w0, lr, int(max_epochs))
    hits = np.flatnonzero(np.abs(trajectory) <= tol)
    return int(hits[0]) if hits.size else None


def linear_regression_gd__explicit_loops(X, y, lr, epochs):
    """Every sum written as a Python loop over samples and features."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    m, n = X.shape
    if y.shape != (m,):
        raise ValueError(f"y must have shape ({m},), got {y.shape}")
    step = validate_learning_rate(lr)
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError("epochs must be a non-negative int")

    def predictions(w, b):
        out = []
        for i in range(m):
            total = b
            for j in range(n):
                total += X[i, j] * w[j]
            out.append(total)
        return out

    def loss(w, b):
        pred = predictions(w, b)
        return sum((pred[i] - y[i]) ** 2 for i in range(m)) / m

    w = [0.0] * n
    b = 0.0
    losses = [loss(w, b)]
    for _ in range(epochs):
        pred = predictions(w, b)
        residual = [pred[i] - y[i] for i in range(m)]
        grad_w = [2.0 / m * sum(X[i, j] * residual[i] for i in range(m)) for j in range(n)]
        grad_b = 2.0 / m * sum(residual)
        w = [w[j] - step * grad_w[j] for j in range(n)]
        b = b - step * grad_b
        losses.append(loss(w, b))
    return np.array(w, dtype=float), float(b), np.array(losses, dtype=float)


def linear_regression_gd__augmented_column(X, y, lr, epochs):
    """A column of ones appended to X: b is the last weight, one matrix update for both."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(f"X must be (m, n) and y (m,); got {X.shape} and {y.shape}")
    step = validate_learning_rate(lr)
    if isinstance(epochs, bool) or not isinstance(epochs, numbers.Integral):
        raise TypeError("epochs must be an int")
    if epochs < 0:
        raise ValueError("epochs must be >= 0")
    m = X.shape[0]
    A = np.hstack([X, np.ones((m, 1))])
    theta = np.zeros(A.shape[1])
    losses = np.empty(epochs + 1)
    for t in range(epochs + 1):
        residual = A @ theta - y
        losses[t] = residual @ residual / m
        if t < epochs:
            theta = theta - step * (2.0 / m) * (A.T @ residual)
    return theta[:-1].copy(), float(theta[-1]), losses


def linear_regression_gd__mean_square_plain(X, y, lr, epochs):
    """The textbook version: np.mean of the squared residual, gradients with np.mean."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError("X must be a 2-D array")
    if y.shape != (X.shape[0],):
        raise ValueError("y must have one target per row of X")
    step = validate_learning_rate(lr)
    if type(epochs) is bool or not isinstance(epochs, (int, np.integer)):
        raise TypeError("epochs must be an integer")
    if epochs < 0:
        raise ValueError("epochs must be >= 0")
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(epochs):
        error = X @ w + b - y
        dw = 2 * np.mean(error[:, None] * X, axis=0)
        db = 2 * np.mean(error)
        w, b = w - step * dw, b - step * db
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)


def linear_regression_gd__float32_inside(X, y, lr, epochs):
    """The whole descent in float32; w and the losses converted to float64 at the end."""
    X = np.asarray(X, dtype=np.float32)
    y = np.asarray(y, dtype=np.float32)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must be (m, n) and y (m,), got {X.shape} and {y.shape}")
    step = np.float32(validate_learning_rate(lr))
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)):
        raise TypeError("epochs must be an int")
    if epochs < 0:
        raise ValueError("epochs must be >= 0")
    scale = np.float32(2.0 / X.shape[0])
    w = np.zeros(X.shape[1], dtype=np.float32)
    b = np.float32(0.0)
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(epochs):
        r = X @ w + b - y
        w, b = w - step * scale * (X.T @ r), b - step * scale * r.sum()
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w.astype(np.float64), float(b), np.array(losses, dtype=np.float64)
