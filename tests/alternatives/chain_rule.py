"""Alternatives of the chain_rule topic: correct implementations that differ from the reference.

Each body is appended to solutions/chain_rule.py, so it may use ``np``, ``math``, ``numbers`` and
the module's helpers (``_activation``, ``_as_real_array``, ``_validate_int``,
``_validate_learning_rate``, ``_xavier_uniform``) and the other public functions. Every one of
them must get full marks.
"""
# ruff: noqa: F821 (the helpers come from the reference module these bodies are appended to)
# mypy: ignore-errors

from __future__ import annotations

import math

import numpy as np


def init_params__scaled_random_w2_first(n_inputs, n_hidden, rng):
    """Draws W2 before W1, as (2 u - 1) a with u = rng.random() instead of rng.uniform."""
    n = _validate_int(n_inputs, "n_inputs", 1)
    h = _validate_int(n_hidden, "n_hidden", 1)
    a2 = math.sqrt(6.0 / (h + 1))
    a1 = math.sqrt(6.0 / (n + h))
    W2 = (2.0 * rng.random((1, h)) - 1.0) * a2
    W1 = (2.0 * rng.random((h, n)) - 1.0) * a1
    return {"W1": W1, "b1": np.zeros(h), "W2": W2, "b2": np.zeros(1)}


def forward__explicit_loops(X, params, hidden="sigmoid", output="sigmoid"):
    """Every sum written as a Python loop over samples, neurons and inputs."""
    f_hidden, _ = _activation(hidden)
    f_output, _ = _activation(output)
    X = np.asarray(X, dtype=float)
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    m, n = X.shape
    h = W1.shape[0]
    y_hat = np.empty(m)
    for s in range(m):
        a1 = np.empty(h)
        for i in range(h):
            z = b1[i]
            for j in range(n):
                z += W1[i, j] * X[s, j]
            a1[i] = f_hidden(np.array(z))
        z2 = b2[0]
        for i in range(h):
            z2 += W2[0, i] * a1[i]
        y_hat[s] = f_output(np.array(z2))
    return y_hat


def chain_rule_terms__scalar_loops(x, y, params, i, j, hidden="sigmoid", output="sigmoid"):
    """Computes z1[i] and z2 with scalar loops, and each derivative on a scalar."""
    x = np.asarray(x, dtype=float)
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    h, n = W1.shape
    if x.shape != (n,):
        raise ValueError("x must have shape (n,)")
    i = _validate_int(i, "i", 0, h)
    j = _validate_int(j, "j", 0, n)
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = [b1[k] + sum(W1[k, col] * x[col] for col in range(n)) for k in range(h)]
    a1 = [float(f_hidden(np.array(z))) for z in z1]
    z2 = b2[0] + sum(W2[0, k] * a1[k] for k in range(h))
    y_hat = float(f_output(np.array(z2)))
    return {
        "dE_dyhat": 2.0 * (y_hat - float(y)),
        "dyhat_dz2": float(df_output(np.array(z2))),
        "dz2_da1": float(W2[0, i]),
        "da1_dz1": float(df_hidden(np.array(z1[i]))),
        "dz1_dw": float(x[j]),
    }


def backward__einsum(X, y, params, hidden="sigmoid", output="sigmoid"):
    """Every product written with np.einsum; delta2 kept as an (m, 1) column."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    m = X.shape[0]
    if y.shape != (m,):
        raise ValueError(f"y must have shape ({m},), got {y.shape}")
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = np.einsum("mn,hn->mh", X, W1) + b1
    a1 = f_hidden(z1)
    z2 = np.einsum("mh,oh->mo", a1, W2) + b2  # (m, 1)
    delta2 = 2.0 * (f_output(z2) - y[:, None]) * df_output(z2) / m  # (m, 1)
    delta1 = np.einsum("mo,oh->mh", delta2, W2) * df_hidden(z1)
    return {
        "W1": np.einsum("mh,mn->hn", delta1, X),
        "b1": np.einsum("mh->h", delta1),
        "W2": np.einsum("mo,mh->oh", delta2, a1),
        "b2": np.einsum("mo->o", delta2),
    }


def backward__loop_over_samples(X, y, params, hidden="sigmoid", output="sigmoid"):
    """Accumulates the gradient of each sample's error (ŷ - y)², then divides by m."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    m = X.shape[0]
    if y.shape != (m,):
        raise ValueError(f"y must have shape ({m},), got {y.shape}")
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    grads = {
        key: np.zeros_like(value)
        for key, value in zip(("W1", "b1", "W2", "b2"), (W1, b1, W2, b2), strict=True)
    }
    for x, target in zip(X, y, strict=True):
        z1 = W1 @ x + b1
        a1 = f_hidden(z1)
        z2 = W2[0] @ a1 + b2[0]
        dz2 = 2.0 * (f_output(z2) - target) * df_output(z2)
        dz1 = dz2 * W2[0] * df_hidden(z1)
        grads["W2"][0] += dz2 * a1
        grads["b2"][0] += dz2
        grads["W1"] += np.outer(dz1, x)
        grads["b1"] += dz1
    return {key: value / m for key, value in grads.items()}


def numerical_gradient__own_forward(X, y, params, hidden="sigmoid", output="sigmoid", eps=1e-6):
    """Its own forward pass for the loss; θ ± eps as perturbed copies of the whole parameter."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    m = X.shape[0]
    if y.shape != (m,):
        raise ValueError(f"y must have shape ({m},), got {y.shape}")
    f_hidden, _ = _activation(hidden)
    f_output, _ = _activation(output)
    theta = {k: np.array(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2")}

    def loss(p):
        a1 = f_hidden(X @ p["W1"].T + p["b1"])
        y_hat = f_output(a1 @ p["W2"].T + p["b2"])[:, 0]
        return np.sum((y_hat - y) ** 2) / m

    grads = {}
    for key, value in theta.items():
        grad = np.empty_like(value)
        for index in np.ndindex(value.shape):
            step = np.zeros_like(value)
            step[index] = eps
            plus = loss({**theta, key: value + step})
            minus = loss({**theta, key: value - step})
            grad[index] = (plus - minus) / (2 * eps)
        grads[key] = grad
    return grads


def relative_error__concatenate(a, b):
    """Flattens both dicts into one vector each with np.concatenate, then one vectorised max."""
    if set(a) != set(b):
        raise ValueError("a and b must have the same keys")
    keys = sorted(a)
    first = [np.asarray(a[k], dtype=float) for k in keys]
    second = [np.asarray(b[k], dtype=float) for k in keys]
    for k, p, q in zip(keys, first, second, strict=True):
        if p.shape != q.shape:
            raise ValueError(f"a[{k!r}] has shape {p.shape} but b[{k!r}] has shape {q.shape}")
    p = np.concatenate([v.ravel() for v in first])
    q = np.concatenate([v.ravel() for v in second])
    return float(np.max(np.abs(p - q) / np.maximum(1e-8, np.abs(p) + np.abs(q))))


def relative_error__nested_loops(a, b):
    """Plain Python: a loop over the keys and over every entry, with max() and abs()."""
    worst = 0.0
    for key in a:
        p = np.asarray(a[key], dtype=float)
        q = np.asarray(b[key], dtype=float)
        if p.shape != q.shape:
            raise ValueError(f"shapes differ under {key!r}: {p.shape} and {q.shape}")
        for u, v in zip(p.ravel().tolist(), q.ravel().tolist(), strict=True):
            worst = max(worst, abs(u - v) / max(1e-8, abs(u) + abs(v)))
    return worst


def train__inline_backprop(X, y, params, lr, epochs, hidden="sigmoid", output="sigmoid"):
    """Backpropagation written inside the loop; all gradients first, then all updates."""
    lr = _validate_learning_rate(lr)
    epochs = _validate_int(epochs, "epochs", 0)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    m = X.shape[0]
    if y.shape != (m,):
        raise ValueError(f"y must have shape ({m},), got {y.shape}")
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    W1, b1, W2, b2 = (np.array(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    losses = np.zeros(epochs + 1)
    for epoch in range(epochs + 1):
        z1 = X @ W1.T + b1
        a1 = f_hidden(z1)
        z2 = a1 @ W2[0] + b2[0]
        error = f_output(z2) - y
        losses[epoch] = np.mean(error**2)
        if epoch == epochs:
            break
        delta2 = 2.0 / m * error * df_output(z2)
        delta1 = np.outer(delta2, W2[0]) * df_hidden(z1)
        gW1, gb1 = delta1.T @ X, delta1.sum(axis=0)
        gW2, gb2 = (delta2 @ a1)[None, :], np.array([delta2.sum()])
        W1, b1, W2, b2 = W1 - lr * gW1, b1 - lr * gb1, W2 - lr * gW2, b2 - lr * gb2
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, losses


def forward__float32_inside(X, params, hidden="sigmoid", output="sigmoid"):
    """Computes the linear parts in float32 (the activations in float64), returns float64."""
    f_hidden, _ = _activation(hidden)
    f_output, _ = _activation(output)
    X = np.asarray(X, dtype=np.float32)
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=np.float32) for k in ("W1", "b1", "W2", "b2"))
    z1 = X @ W1.T + b1
    a1 = f_hidden(z1.astype(np.float64)).astype(np.float32)
    z2 = a1 @ W2[0] + b2[0]
    return f_output(z2.astype(np.float64))


def backward__float32_inside(X, y, params, hidden="sigmoid", output="sigmoid"):
    """Backpropagation with float32 matrices (the activations' derivatives in float64)."""
    X = np.asarray(X, dtype=np.float32)
    y = np.asarray(y, dtype=np.float32)
    m = X.shape[0]
    if y.shape != (m,):
        raise ValueError(f"y must have shape ({m},), got {y.shape}")
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=np.float32) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = X @ W1.T + b1
    a1 = f_hidden(z1.astype(np.float64)).astype(np.float32)
    z2 = (a1 @ W2[0] + b2[0]).astype(np.float64)
    delta2 = (2.0 / m * (f_output(z2) - y) * df_output(z2)).astype(np.float32)
    delta1 = delta2[:, None] * W2 * df_hidden(z1.astype(np.float64)).astype(np.float32)
    grads = {
        "W1": delta1.T @ X,
        "b1": delta1.sum(axis=0),
        "W2": (delta2 @ a1)[None, :],
        "b2": np.array([delta2.sum()]),
    }
    return {key: value.astype(np.float64) for key, value in grads.items()}
