"""Mutants of the learning_rate topic: bugs a learner plausibly writes, one per function.

Each body is appended to the reference module, so it may use ``np``, ``math``, ``numbers`` and the
module's private helpers (``_real_scalar``, ``_real_array``, ``_non_negative_int``,
``_mean_square``) and its other public functions, as a learner's own functions call each other.
"""

# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import math
import numbers

import numpy as np

from solutions.learning_rate import (  # what the appended source finds in the module
    _mean_square,
    _non_negative_int,
    _real_array,
    _real_scalar,
    validate_learning_rate,
)
from tests.submissions import mutant

# ------------------------------------------------------------------ validate_learning_rate


@mutant("WRONG_ERROR", costs=("errors",))
def validate_learning_rate__closed_interval(lr):
    """The interval is closed, 0 <= lr <= 1: lr = 0 (no learning) and lr = 1 are accepted."""
    value = _real_scalar(lr, "lr")
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"lr must lie in [0, 1], got {value!r}")
    return value


@mutant("WRONG_ERROR", costs=("errors",))
def validate_learning_rate__assert(lr):
    """The checks are assert statements: AssertionError instead of ValueError/TypeError."""
    assert isinstance(lr, numbers.Real) and not isinstance(lr, bool), "lr must be a number"
    assert 0 < lr < 1, "lr must lie in (0, 1)"
    return float(lr)


@mutant("WRONG_ERROR", costs=("errors",))
def validate_learning_rate__bool_accepted(lr):
    """isinstance(lr, (int, float)) lets a bool through: True is 'out of range' (ValueError)."""
    if not isinstance(lr, (int, float, np.integer, np.floating)):
        raise TypeError(f"lr must be a real number, got {type(lr).__name__}")
    if not 0 < lr < 1:
        raise ValueError(f"lr must lie in (0, 1), got {lr!r}")
    return float(lr)


@mutant("WRONG_ERROR", costs=("errors",))
def validate_learning_rate__nan_accepted(lr):
    """The range check `lr <= 0 or lr >= 1` is False for NaN, so NaN is returned."""
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real):
        raise TypeError(f"lr must be a real number, got {type(lr).__name__}")
    if lr <= 0 or lr >= 1:
        raise ValueError(f"lr must lie in (0, 1), got {lr!r}")
    return float(lr)


@mutant("EXCEPTION")
def validate_learning_rate__numpy_scalars_rejected(lr):
    """type(lr) in (int, float) rejects numpy scalars, which are real numbers too."""
    if type(lr) not in (int, float):
        raise TypeError(f"lr must be an int or a float, got {type(lr).__name__}")
    if not 0 < lr < 1:
        raise ValueError(f"lr must lie in (0, 1), got {lr!r}")
    return float(lr)


@mutant("WRONG_ERROR", costs=("errors",))
def validate_learning_rate__float_first(lr):
    """float(lr) first: the string '0.5' is parsed and accepted, True becomes 1.0."""
    try:
        value = float(lr)
    except (TypeError, ValueError):
        raise TypeError(f"lr must be a real number, got {lr!r}") from None
    if not 0.0 < value < 1.0:
        raise ValueError(f"lr must lie in (0, 1), got {value!r}")
    return value


# ------------------------------------------------------------------ gradient_descent_step


@mutant("MUTATED_INPUT")
def gradient_descent_step__in_place(w, grad, lr):
    """w -= lr * grad after np.asarray: a float64 w is the caller's array, changed in place."""
    step = validate_learning_rate(lr)
    w = np.asarray(w, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    if w.shape != grad.shape:
        raise ValueError(f"w and grad must have the same shape, got {w.shape} and {grad.shape}")
    w -= step * grad
    return float(w) if w.ndim == 0 else w


@mutant("MISMATCH", mistake="added instead of subtracted")
def gradient_descent_step__step_added(w, grad, lr):
    """w + lr * grad: the step climbs the loss instead of descending it."""
    step = validate_learning_rate(lr)
    w = np.asarray(w, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    if w.shape != grad.shape:
        raise ValueError(f"w and grad must have the same shape, got {w.shape} and {grad.shape}")
    new = w + step * grad
    return float(new) if new.ndim == 0 else new


@mutant("MUTATED_INPUT")
def gradient_descent_step__returns_input_for_zero_gradient(w, grad, lr):
    """A shortcut for a zero gradient returns the input array itself instead of a new one."""
    step = validate_learning_rate(lr)
    w = np.asarray(w, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    if w.shape != grad.shape:
        raise ValueError(f"w and grad must have the same shape, got {w.shape} and {grad.shape}")
    if not np.any(grad):
        return float(w) if w.ndim == 0 else w
    new = w - step * grad
    return float(new) if new.ndim == 0 else new


@mutant("WRONG_ERROR", costs=("errors",))
def gradient_descent_step__broadcasts_shapes(w, grad, lr):
    """No shape check: (m,) against (m, 1) broadcasts to an (m, m) result without an error."""
    step = validate_learning_rate(lr)
    new = np.asarray(w, dtype=np.float64) - step * np.asarray(grad, dtype=np.float64)
    return float(new) if new.ndim == 0 else new


@mutant("WRONG_ERROR", costs=("errors",))
def gradient_descent_step__lr_not_validated(w, grad, lr):
    """lr is used as given: lr = 1.5, 0 or True take a step instead of raising."""
    w = np.asarray(w, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    if w.shape != grad.shape:
        raise ValueError(f"w and grad must have the same shape, got {w.shape} and {grad.shape}")
    new = w - lr * grad
    return float(new) if new.ndim == 0 else new


@mutant("BAD_DTYPE", mistake="stored in an int array")
def gradient_descent_step__empty_like_keeps_int(w, grad, lr):
    """The result is preallocated with np.empty_like(w): an int w gives a truncated int array."""
    step = validate_learning_rate(lr)
    w = np.asarray(w)
    grad = np.asarray(grad, dtype=np.float64)
    if w.shape != grad.shape:
        raise ValueError(f"w and grad must have the same shape, got {w.shape} and {grad.shape}")
    new = np.empty_like(w)
    new[...] = w - step * grad
    return float(new) if new.ndim == 0 else new


@mutant("BAD_TYPE")
def gradient_descent_step__atleast_1d(w, grad, lr):
    """np.atleast_1d to treat every w alike: a scalar w comes back as an array of shape (1,)."""
    step = validate_learning_rate(lr)
    w = np.atleast_1d(np.asarray(w, dtype=np.float64))
    grad = np.atleast_1d(np.asarray(grad, dtype=np.float64))
    if w.shape != grad.shape:
        raise ValueError(f"w and grad must have the same shape, got {w.shape} and {grad.shape}")
    return w - step * grad


@mutant("BAD_TYPE", "EXCEPTION")
def gradient_descent_step__list_comprehension(w, grad, lr):
    """A list comprehension over the weights: a list comes back, not an array."""
    step = validate_learning_rate(lr)
    if np.shape(w) != np.shape(grad):
        raise ValueError(
            f"w and grad must have the same shape, got {np.shape(w)} and {np.shape(grad)}"
        )
    return [wi - step * gi for wi, gi in zip(w, grad)]


# ------------------------------------------------------------------ quadratic_descent


@mutant("BAD_SHAPE", mistake="w0 is left out")
def quadratic_descent__missing_w0(curvature, w0, lr, epochs):
    """The trajectory holds the weight after each step only: w0 is missing, shape (epochs,)."""
    c = _real_scalar(curvature, "curvature")
    if c <= 0:
        raise ValueError(f"curvature must be > 0, got {c!r}")
    step = validate_learning_rate(lr)
    n = _non_negative_int(epochs, "epochs")
    w = float(w0)
    trajectory = []
    for _ in range(n):
        w = w - step * c * w
        trajectory.append(w)
    return np.array(trajectory, dtype=np.float64)


@mutant("MISMATCH", mistake="instead of curvature * w")
def quadratic_descent__gradient_w(curvature, w0, lr, epochs):
    """The gradient of c/2·w² is taken as w (curvature forgotten); invisible at curvature 1."""
    c = _real_scalar(curvature, "curvature")
    if c <= 0:
        raise ValueError(f"curvature must be > 0, got {c!r}")
    step = validate_learning_rate(lr)
    n = _non_negative_int(epochs, "epochs")
    trajectory = [float(w0)]
    for _ in range(n):
        trajectory.append(trajectory[-1] - step * trajectory[-1])
    return np.array(trajectory, dtype=np.float64)


@mutant("MISMATCH", mistake="the 2 from the derivative")
def quadratic_descent__half_gradient(curvature, w0, lr, epochs):
    """The gradient of c/2·w² is taken as c/2·w: the 2 of d(w²)/dw = 2w is lost."""
    c = _real_scalar(curvature, "curvature")
    if c <= 0:
        raise ValueError(f"curvature must be > 0, got {c!r}")
    step = validate_learning_rate(lr)
    n = _non_negative_int(epochs, "epochs")
    trajectory = [float(w0)]
    for _ in range(n):
        trajectory.append(trajectory[-1] - step * (c / 2) * trajectory[-1])
    return np.array(trajectory, dtype=np.float64)


@mutant("BAD_DTYPE")
def quadratic_descent__full_keeps_int(curvature, w0, lr, epochs):
    """np.full(epochs + 1, w0) takes the dtype of w0: an int w0 gives a truncated int trajectory."""
    c = _real_scalar(curvature, "curvature")
    if c <= 0:
        raise ValueError(f"curvature must be > 0, got {c!r}")
    step = validate_learning_rate(lr)
    n = _non_negative_int(epochs, "epochs")
    trajectory = np.full(n + 1, w0)
    for t in range(1, n + 1):
        trajectory[t] = trajectory[t - 1] - step * c * trajectory[t - 1]
    return trajectory


@mutant("BAD_SHAPE")
def quadratic_descent__one_step_too_many(curvature, w0, lr, epochs):
    """range(epochs + 1) steps after w0: epochs + 2 weights."""
    c = _real_scalar(curvature, "curvature")
    if c <= 0:
        raise ValueError(f"curvature must be > 0, got {c!r}")
    step = validate_learning_rate(lr)
    n = _non_negative_int(epochs, "epochs")
    trajectory = [float(w0)]
    for _ in range(n + 1):
        trajectory.append(trajectory[-1] * (1 - step * c))
    return np.array(trajectory)


@mutant("WRONG_ERROR", costs=("errors",))
def quadratic_descent__lr_not_validated(curvature, w0, lr, epochs):
    """lr is used as given: lr = 1 or 1.5 runs the descent instead of raising."""
    c = _real_scalar(curvature, "curvature")
    if c <= 0:
        raise ValueError(f"curvature must be > 0, got {c!r}")
    n = _non_negative_int(epochs, "epochs")
    return float(w0) * (1 - lr * c) ** np.arange(n + 1)


@mutant("WRONG_ERROR", costs=("errors",))
def quadratic_descent__curvature_not_checked(curvature, w0, lr, epochs):
    """curvature <= 0 is not rejected: a loss without a minimum is 'descended'."""
    c = float(curvature)
    step = validate_learning_rate(lr)
    n = _non_negative_int(epochs, "epochs")
    return float(w0) * (1 - step * c) ** np.arange(n + 1)


@mutant("WRONG_ERROR", costs=("errors",))
def quadratic_descent__bool_epochs(curvature, w0, lr, epochs):
    """isinstance(epochs, int) is True for a bool, so epochs = True runs one step."""
    c = _real_scalar(curvature, "curvature")
    if c <= 0:
        raise ValueError(f"curvature must be > 0, got {c!r}")
    step = validate_learning_rate(lr)
    if not isinstance(epochs, (int, np.integer)):
        raise TypeError(f"epochs must be an int, got {type(epochs).__name__}")
    if epochs < 0:
        raise ValueError(f"epochs must be >= 0, got {epochs}")
    trajectory = [float(w0)]
    for _ in range(epochs):
        trajectory.append(trajectory[-1] * (1 - step * c))
    return np.array(trajectory)


# ------------------------------------------------------------------ epochs_to_converge


@mutant("BAD_TYPE", "MISMATCH", mistake="|w| < tol is tested")
def epochs_to_converge__strict_less_than(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    """|w| < tol instead of <= tol: |w0| == tol is not 0 steps (None when the descent diverges)."""
    c = _real_scalar(curvature, "curvature")
    step = validate_learning_rate(lr)
    w = float(w0)
    factor = 1.0 - step * c
    for t in range(max_epochs + 1):
        if abs(w) < tol:
            return t
        if abs(factor) >= 1.0:
            return None
        w = w * factor
    return None


@mutant("MISMATCH", mistake="-1 is returned")
def epochs_to_converge__minus_one(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    """-1 (a C habit) instead of None when the descent does not get to tol."""
    c = _real_scalar(curvature, "curvature")
    step = validate_learning_rate(lr)
    w = float(w0)
    for t in range(max_epochs + 1):
        if abs(w) <= tol:
            return t
        w = w - step * c * w
    return -1


@mutant("MISMATCH", mistake="max_epochs is returned")
def epochs_to_converge__returns_max_epochs(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    """The loop counter is returned after the loop: max_epochs instead of None."""
    c = _real_scalar(curvature, "curvature")
    step = validate_learning_rate(lr)
    w = float(w0)
    t = 0
    while abs(w) > tol and t < max_epochs:
        w = w - step * c * w
        t += 1
    return t


@mutant("MISMATCH", mistake="compared with tol instead of |w|")
def epochs_to_converge__loss_instead_of_w(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    """Convergence is judged on the loss c/2·w² <= tol instead of |w| <= tol."""
    c = _real_scalar(curvature, "curvature")
    step = validate_learning_rate(lr)
    w = float(w0)
    for t in range(max_epochs + 1):
        if c / 2 * w**2 <= tol:
            return t
        w = w - step * c * w
    return None


@mutant("MISMATCH", mistake="w0 is left out of the count")
def epochs_to_converge__closed_form_without_w0(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    """The closed form log(tol) / log|1 - lr·c| forgets w0: right only when |w0| = 1."""
    c = _real_scalar(curvature, "curvature")
    step = validate_learning_rate(lr)
    if abs(w0) <= tol:
        return 0
    factor = abs(1.0 - step * c)
    if factor >= 1.0:
        return None
    if factor == 0.0:
        return 1
    t = max(0, math.ceil(math.log(tol) / math.log(factor)))
    return t if t <= max_epochs else None


@mutant("MISMATCH", mistake="different bases")
def epochs_to_converge__closed_form_mixed_log_bases(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    """math.log10 for the tolerance ratio, math.log for the factor: off by a factor ln 10."""
    c = _real_scalar(curvature, "curvature")
    step = validate_learning_rate(lr)
    if abs(w0) <= tol:
        return 0
    factor = abs(1.0 - step * c)
    if factor >= 1.0:
        return None
    if factor == 0.0:
        return 1
    t = max(0, math.ceil(math.log10(tol / abs(w0)) / math.log(factor)))
    return t if t <= max_epochs else None


@mutant("BAD_TYPE", costs=("returns",))
def epochs_to_converge__numpy_float_count(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    """The closed form with np.ceil: the count comes back as a numpy float, not an int."""
    c = _real_scalar(curvature, "curvature")
    step = validate_learning_rate(lr)
    if abs(w0) <= tol:
        return 0
    factor = abs(1.0 - step * c)
    if factor >= 1.0:
        return None
    if factor == 0.0:
        return 1
    t = np.ceil(np.log(tol / abs(w0)) / np.log(factor))
    return t if t <= max_epochs else None


@mutant("WRONG_ERROR", costs=("errors",))
def epochs_to_converge__lr_not_validated(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    """lr is used as given: lr = 1 or 1.5 with curvature 1 still converges, no error."""
    w = float(w0)
    for t in range(max_epochs + 1):
        if abs(w) <= tol:
            return t
        w = w - lr * curvature * w
        if abs(w) > 1e300:
            return None
    return None


# ------------------------------------------------------------------ linear_regression_gd


@mutant("MISMATCH", mistake="summed over the batch")
def linear_regression_gd__sum_not_mean(X, y, lr, epochs):
    """The gradient sums over the samples (2 Xᵀr) instead of averaging: invisible at m = 1."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must be (m, n) and y (m,), got {X.shape} and {y.shape}")
    step = validate_learning_rate(lr)
    n_epochs = _non_negative_int(epochs, "epochs")
    w, b = np.zeros(X.shape[1]), 0.0
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(n_epochs):
        r = X @ w + b - y
        w, b = w - step * 2 * (X.T @ r), b - step * 2 * np.sum(r)
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)


@mutant("MISMATCH", mistake="factor 2")
def linear_regression_gd__missing_factor_2(X, y, lr, epochs):
    """The gradient is (1/m) Xᵀr: the 2 from the derivative of the square is left out."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must be (m, n) and y (m,), got {X.shape} and {y.shape}")
    step = validate_learning_rate(lr)
    n_epochs = _non_negative_int(epochs, "epochs")
    m = X.shape[0]
    w, b = np.zeros(X.shape[1]), 0.0
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(n_epochs):
        r = X @ w + b - y
        w, b = w - step * (X.T @ r) / m, b - step * np.sum(r) / m
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)


@mutant("MISMATCH", mistake="already-updated w")
def linear_regression_gd__sequential_update(X, y, lr, epochs):
    """b is updated from a residual recomputed with the new w: not a simultaneous update."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must be (m, n) and y (m,), got {X.shape} and {y.shape}")
    step = validate_learning_rate(lr)
    n_epochs = _non_negative_int(epochs, "epochs")
    m = X.shape[0]
    w, b = np.zeros(X.shape[1]), 0.0
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(n_epochs):
        w = w - step * 2 / m * (X.T @ (X @ w + b - y))
        b = b - step * 2 / m * np.sum(X @ w + b - y)
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)


@mutant("BAD_SHAPE", mistake="only the loss before each step")
def linear_regression_gd__losses_before_each_step(X, y, lr, epochs):
    """The loss is recorded at the top of the loop only: epochs losses, the final one missing."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must be (m, n) and y (m,), got {X.shape} and {y.shape}")
    step = validate_learning_rate(lr)
    n_epochs = _non_negative_int(epochs, "epochs")
    m = X.shape[0]
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(n_epochs):
        r = X @ w + b - y
        losses.append(np.mean(r**2))
        w, b = w - step * 2 / m * (X.T @ r), b - step * 2 / m * np.sum(r)
    return w, float(b), np.array(losses, dtype=np.float64)


@mutant("MISMATCH", mistake="X.shape[1]")
def linear_regression_gd__m_from_features(X, y, lr, epochs):
    """m, n = X.shape read the wrong way round: divides by the features; invisible on square X."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must be (m, n) and y (m,), got {X.shape} and {y.shape}")
    step = validate_learning_rate(lr)
    n_epochs = _non_negative_int(epochs, "epochs")
    m = X.shape[1]
    w, b = np.zeros(X.shape[1]), 0.0
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(n_epochs):
        r = X @ w + b - y
        w, b = w - step * 2 / m * (X.T @ r), b - step * 2 / m * np.sum(r)
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)


@mutant("MISMATCH", mistake="never updated")
def linear_regression_gd__bias_never_updated(X, y, lr, epochs):
    """Only w is updated: b stays at 0."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must be (m, n) and y (m,), got {X.shape} and {y.shape}")
    step = validate_learning_rate(lr)
    n_epochs = _non_negative_int(epochs, "epochs")
    m = X.shape[0]
    w, b = np.zeros(X.shape[1]), 0.0
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(n_epochs):
        r = X @ w + b - y
        w = w - step * 2 / m * (X.T @ r)
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)


@mutant("BAD_DTYPE", costs=("returns",))
def linear_regression_gd__zeros_like_int_row(X, y, lr, epochs):
    """w = np.zeros_like(X[0]) takes X's dtype: int X and epochs = 0 return an int w."""
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must be (m, n) and y (m,), got {X.shape} and {y.shape}")
    step = validate_learning_rate(lr)
    n_epochs = _non_negative_int(epochs, "epochs")
    m = X.shape[0]
    w, b = np.zeros_like(X[0]), 0.0
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(n_epochs):
        r = X @ w + b - y
        w, b = w - step * 2 / m * (X.T @ r), b - step * 2 / m * np.sum(r)
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses, dtype=np.float64)


@mutant("BAD_TYPE")
def linear_regression_gd__bias_as_array(X, y, lr, epochs):
    """b = np.zeros(1) is kept as a 1-element array and returned as one, not as a float."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must be (m, n) and y (m,), got {X.shape} and {y.shape}")
    step = validate_learning_rate(lr)
    n_epochs = _non_negative_int(epochs, "epochs")
    m = X.shape[0]
    w, b = np.zeros(X.shape[1]), np.zeros(1)
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(n_epochs):
        r = X @ w + b - y
        w, b = w - step * 2 / m * (X.T @ r), b - step * 2 / m * np.sum(r)
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, b, np.array(losses)


@mutant("WRONG_ERROR", costs=("errors",))
def linear_regression_gd__y_column_broadcast(X, y, lr, epochs):
    """No check of y's shape: y of shape (m, 1) broadcasts the residual to (m, m); with a square
    X nothing even fails on the way (w silently becomes (n, m))."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    step = validate_learning_rate(lr)
    n_epochs = _non_negative_int(epochs, "epochs")
    m = X.shape[0]
    w, b = np.zeros(X.shape[1]), 0.0
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(n_epochs):
        r = X @ w + b - y
        w, b = w - step * 2 / m * (X.T @ r), b - step * 2 / m * np.sum(r)
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)


@mutant("WRONG_ERROR", costs=("errors",))
def linear_regression_gd__lr_not_validated(X, y, lr, epochs):
    """lr is used as given: lr = 1, 0 or True run the descent instead of raising."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must be (m, n) and y (m,), got {X.shape} and {y.shape}")
    n_epochs = _non_negative_int(epochs, "epochs")
    m = X.shape[0]
    w, b = np.zeros(X.shape[1]), 0.0
    losses = [np.mean((X @ w + b - y) ** 2)]
    for _ in range(n_epochs):
        r = X @ w + b - y
        w, b = w - lr * 2 / m * (X.T @ r), b - lr * 2 / m * np.sum(r)
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, float(b), np.array(losses)


# -- generic mistakes (no catalogue entry: named from the function's signature) ---------------
@mutant("MISMATCH", mistake="the argument tol is ignored")
def epochs_to_converge__tol_ignored(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    """Checks tol but always stops at the default 1e-6."""
    c = _real_scalar(curvature, "curvature")
    if c <= 0.0:
        raise ValueError(f"curvature must be > 0, got {c!r}")
    w = _real_scalar(w0, "w0")
    step = validate_learning_rate(lr)
    if _real_scalar(tol, "tol") <= 0.0:
        raise ValueError(f"tol must be > 0, got {tol!r}")
    limit = _non_negative_int(max_epochs, "max_epochs")
    if abs(w) <= 1e-6:
        return 0
    factor = 1.0 - step * c
    if abs(factor) >= 1.0:
        return None
    for t in range(1, limit + 1):
        w = w * factor
        if abs(w) <= 1e-6:
            return t
    return None
