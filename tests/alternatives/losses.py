"""Alternatives of the losses topic: correct implementations that differ from the reference.

Loops, np.dot, np.sign vs comparisons, np.minimum/np.maximum for the clip, log-sum-exp written
by hand or with np.logaddexp, softmax as exp(z - logsumexp(z)), a one-hot from np.eye: every one
must get full marks.
"""

from __future__ import annotations

import numpy as np

# --- mse / mse_grad --------------------------------------------------------------------------


def mse__dot_product(y_pred, y_true):
    """mean of squares as a dot product of the flattened difference with itself."""
    pred = np.asarray(y_pred, dtype=np.float64)
    true = np.asarray(y_true, dtype=np.float64)
    if pred.shape != true.shape:
        raise ValueError(f"shapes differ: {pred.shape} and {true.shape}")
    d = (pred - true).ravel()
    return float(np.dot(d, d) / d.size)


def mse__python_loop(y_pred, y_true):
    """A plain Python loop over the flattened elements, math.fsum for the total."""
    import math

    pred = np.asarray(y_pred, dtype=float)
    true = np.asarray(y_true, dtype=float)
    if np.shape(pred) != np.shape(true):
        raise ValueError("shapes must match")
    pairs = zip(pred.ravel().tolist(), true.ravel().tolist(), strict=True)
    squares = [(a - b) ** 2 for a, b in pairs]
    return math.fsum(squares) / len(squares)


def mse_grad__float32_inside(y_pred, y_true):
    """Computes in float32 and converts back to float64 at the end, where the values fit in
    float32 (beyond 1e18 the extreme-input rule asks for float64: their differences would not)."""
    pred64, true64 = np.asarray(y_pred, dtype=np.float64), np.asarray(y_true, dtype=np.float64)
    if pred64.shape != true64.shape:
        raise ValueError("y_pred and y_true must have the same shape")
    fits = max(np.max(np.abs(pred64)), np.max(np.abs(true64))) < 1e18
    kind = np.float32 if fits else np.float64
    pred, true = pred64.astype(kind), true64.astype(kind)
    grad = kind(2.0) * (pred - true) / kind(pred.size)
    return grad.astype(np.float64)


# --- mae / mae_grad --------------------------------------------------------------------------


def mae__einsum_of_abs(y_pred, y_true):
    """The absolute errors summed with einsum over every axis, then divided by N."""
    pred = np.array(y_pred, dtype=np.float64)
    true = np.array(y_true, dtype=np.float64)
    if pred.shape != true.shape:
        raise ValueError("y_pred and y_true must have the same shape")
    a = np.abs(pred - true).ravel()
    return float(np.einsum("i->", a) / a.size)


def mae_grad__comparisons(y_pred, y_true):
    """sign(d) written as (d > 0) - (d < 0), so a tie is 0."""
    pred = np.asarray(y_pred, dtype=np.float64)
    true = np.asarray(y_true, dtype=np.float64)
    if pred.shape != true.shape:
        raise ValueError("y_pred and y_true must have the same shape")
    d = pred - true
    return ((d > 0).astype(np.float64) - (d < 0).astype(np.float64)) / d.size


def mae_grad__np_where(y_pred, y_true):
    """Nested np.where on the difference, multiplied by 1/N."""
    pred = np.asarray(y_pred, dtype=np.float64)
    true = np.asarray(y_true, dtype=np.float64)
    if pred.shape != true.shape:
        raise ValueError("y_pred and y_true must have the same shape")
    d = pred - true
    return np.where(d > 0, 1.0, np.where(d < 0, -1.0, 0.0)) * (1.0 / d.size)


# --- binary cross-entropy --------------------------------------------------------------------


def binary_cross_entropy__minimum_maximum_clip(p, y, eps=1e-7):
    """Clip with np.minimum(np.maximum(p, eps), 1 - eps); np.log(1 - p̂) instead of log1p."""
    probs = np.asarray(p, dtype=np.float64)
    targets = np.asarray(y, dtype=np.float64)
    if probs.shape != targets.shape:
        raise ValueError("p and y must have the same shape")
    p_hat = np.minimum(np.maximum(probs, eps), 1.0 - eps)
    return float(-np.mean(targets * np.log(p_hat) + (1.0 - targets) * np.log(1.0 - p_hat)))


def binary_cross_entropy__loop(p, y, eps=1e-7):
    """An element-by-element loop with math.log and max/min."""
    import math

    probs = np.asarray(p, dtype=float)
    targets = np.asarray(y, dtype=float)
    if probs.shape != targets.shape:
        raise ValueError("p and y must have the same shape")
    total = 0.0
    for pi, yi in zip(probs.ravel().tolist(), targets.ravel().tolist(), strict=True):
        q = min(max(pi, eps), 1.0 - eps)
        total -= yi * math.log(q) + (1.0 - yi) * math.log(1.0 - q)
    return total / probs.size


def binary_cross_entropy_grad__two_fractions(p, y, eps=1e-7):
    """-y/p̂ + (1 - y)/(1 - p̂), the derivative term by term, divided by N."""
    probs = np.asarray(p, dtype=np.float64)
    targets = np.asarray(y, dtype=np.float64)
    if probs.shape != targets.shape:
        raise ValueError("p and y must have the same shape")
    p_hat = np.clip(probs, eps, 1 - eps)
    return (-targets / p_hat + (1 - targets) / (1 - p_hat)) / probs.size


# --- softmax ---------------------------------------------------------------------------------


def softmax__exp_minus_logsumexp(logits):
    """exp(z - logsumexp(z)) with the log-sum-exp written by hand."""
    z = np.asarray(logits, dtype=np.float64)
    m = np.max(z, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    return np.exp(z - lse)


def softmax__logaddexp_reduce(logits):
    """The log-normaliser with np.logaddexp.reduce along the last axis."""
    z = np.asarray(logits, dtype=np.float64)
    lse = np.logaddexp.reduce(z, axis=-1, keepdims=True)
    return np.exp(z - lse)


def softmax__row_loop(logits):
    """A loop over the rows of the array reshaped to (rows, k)."""
    z = np.asarray(logits, dtype=np.float64)
    flat = z.reshape(-1, z.shape[-1])
    out = np.empty_like(flat)
    for i, row in enumerate(flat):
        e = np.exp(row - row.max())
        out[i] = e / e.sum()
    return out.reshape(z.shape)


# --- cross-entropy ---------------------------------------------------------------------------


def cross_entropy__logaddexp_reduce(logits, labels):
    """log Σ exp(z) by np.logaddexp.reduce, minus the label's logit."""
    z = np.asarray(logits, dtype=np.float64)
    k = z.shape[1]
    raw = np.asarray(labels)
    if raw.dtype.kind not in "iuf" or raw.shape != (z.shape[0],):
        raise ValueError("labels must be one integer class per row of logits")
    if np.any(raw != np.floor(raw)) or np.any(raw < 0) or np.any(raw >= k):
        raise ValueError(f"labels must be integers in [0, {k})")
    classes = raw.astype(int)
    lse = np.logaddexp.reduce(z, axis=1)
    return float(np.mean(lse - z[np.arange(z.shape[0]), classes]))


def cross_entropy__loop_with_take_along_axis(logits, labels):
    """Per-sample loop for the log-sum-exp and take_along_axis for the label's logit."""
    import math

    z = np.asarray(logits, dtype=np.float64)
    k = z.shape[1]
    raw = np.asarray(labels)
    if raw.dtype.kind not in "iuf" or raw.shape != (z.shape[0],):
        raise ValueError("labels must be one integer class per row of logits")
    if np.any(raw != np.floor(raw)) or np.any(raw < 0) or np.any(raw >= k):
        raise ValueError(f"labels must be integers in [0, {k})")
    classes = raw.astype(int)
    picked = np.take_along_axis(z, classes[:, None], axis=1)[:, 0]
    losses = []
    for row, zl in zip(z, picked, strict=True):
        m = row.max()
        losses.append(m + math.log(float(np.sum(np.exp(row - m)))) - zl)
    return sum(losses) / len(losses)


def cross_entropy_grad__eye_onehot(logits, labels):
    """One-hot from np.eye(k)[labels], its own stable softmax, divided by m."""
    z = np.asarray(logits, dtype=np.float64)
    k = z.shape[1]
    raw = np.asarray(labels)
    if raw.dtype.kind not in "iuf" or raw.shape != (z.shape[0],):
        raise ValueError("labels must be one integer class per row of logits")
    if np.any(raw != np.floor(raw)) or np.any(raw < 0) or np.any(raw >= k):
        raise ValueError(f"labels must be integers in [0, {k})")
    classes = raw.astype(int)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return (p - np.eye(z.shape[1])[classes]) / z.shape[0]


def cross_entropy__float32_logsumexp(logits, labels):
    """float32 inside: logsumexp(z) - z_label with the full log-sum-exp (m + log Σ exp(z - m))."""
    z = np.asarray(logits, dtype=np.float32)
    raw = np.asarray(labels)
    if raw.dtype.kind not in "iuf" or raw.shape != (z.shape[0],):
        raise ValueError("labels must be one integer class per row of logits")
    if np.any(raw != np.round(raw)) or np.any(raw < 0) or np.any(raw >= z.shape[1]):
        raise ValueError(f"labels must be integers in [0, {z.shape[1]})")
    classes = raw.astype(np.int64)
    m = z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.exp(z - m).sum(axis=1, keepdims=True)))[:, 0]
    return float(np.mean(lse - z[np.arange(z.shape[0]), classes]))


def cross_entropy_grad__float32_row_loop(logits, labels):
    """float32 inside, one row at a time, converted to float64 at the end."""
    z = np.asarray(logits, dtype=np.float32)
    raw = np.asarray(labels)
    if raw.dtype.kind not in "iuf" or raw.shape != (z.shape[0],):
        raise ValueError("labels must be one integer class per row of logits")
    if np.any(raw != np.round(raw)) or np.any(raw < 0) or np.any(raw >= z.shape[1]):
        raise ValueError(f"labels must be integers in [0, {z.shape[1]})")
    grad = np.zeros(z.shape, dtype=np.float32)
    for i, row in enumerate(z):
        e = np.exp(row - row.max())
        grad[i] = e / e.sum()
        grad[i, int(raw[i])] -= 1.0
    return grad.astype(np.float64) / z.shape[0]


def mae_grad__float32_sign(y_pred, y_true):
    """float32 inside: np.sign of the float32 difference, divided by N, where the values fit in
    float32 (beyond 1e18 the extreme-input rule asks for float64: their differences would not)."""
    pred64, true64 = np.asarray(y_pred, dtype=np.float64), np.asarray(y_true, dtype=np.float64)
    if pred64.shape != true64.shape:
        raise ValueError("y_pred and y_true must have the same shape")
    fits = max(np.max(np.abs(pred64)), np.max(np.abs(true64))) < 1e18
    kind = np.float32 if fits else np.float64
    pred, true = pred64.astype(kind), true64.astype(kind)
    return (np.sign(pred - true) / kind(pred.size)).astype(np.float64)
