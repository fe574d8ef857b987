"""Alternatives of the neuron topic: correct implementations that differ from the reference.

Each is appended to the reference module (so it may use ``np``, the given helpers and the
module's other functions) and must get full marks: loops, einsum, other stable sigmoid formulas,
float32 inside, np.where / clip / heaviside instead of np.maximum, 0-d arrays for scalars.
"""

# The names of the reference module (sigmoid, weighted_sum, _as_real_array …) exist where
# these bodies run: they are appended to it.
# ruff: noqa: F821

from __future__ import annotations

import numpy as np


# -- weighted_sum -----------------------------------------------------------------------------
def weighted_sum__einsum(x, w, b):
    """np.einsum over the last axis, with its own checks."""
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    if np.ndim(b) != 0:
        raise ValueError(f"b must be a scalar, got shape {np.shape(b)}")
    if w.ndim != 1 or x.ndim not in (1, 2) or x.shape[-1] != w.shape[0]:
        raise ValueError(f"x {x.shape} and w {w.shape} do not fit")
    z = np.einsum("...i,i->...", x, w) + float(b)
    return float(z) if x.ndim == 1 else z


def weighted_sum__python_loops(x, w, b):
    """Plain Python loops over samples and features."""
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    if np.ndim(b) != 0:
        raise ValueError("b must be a scalar")
    if w.ndim != 1 or x.ndim not in (1, 2) or x.shape[-1] != len(w):
        raise ValueError("the last axis of x must have length len(w)")
    rows = [x] if x.ndim == 1 else list(x)
    out = []
    for row in rows:
        total = float(b)
        for xi, wi in zip(row, w, strict=True):
            total += float(xi) * float(wi)
        out.append(total)
    return out[0] if x.ndim == 1 else np.array(out, dtype=np.float64)


def weighted_sum__sum_of_products(x, w, b):
    """np.sum(x * w, axis=-1) + b, a numpy float64 for one sample."""
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    if np.ndim(b) != 0:
        raise ValueError("b must be a scalar")
    if w.ndim != 1 or x.ndim not in (1, 2) or x.shape[-1] != w.shape[0]:
        raise ValueError("the last axis of x must have length len(w)")
    return np.sum(x * w, axis=-1) + np.float64(b)


# -- sigmoid ----------------------------------------------------------------------------------
def sigmoid__boolean_masks(z):
    """Two formulas, each evaluated only where it cannot overflow."""
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def sigmoid__tanh_form(z):
    """sigma(z) = (1 + tanh(z / 2)) / 2, which never overflows."""
    return 0.5 * (1.0 + np.tanh(np.asarray(z, dtype=np.float64) / 2.0))


def sigmoid__float32_inside(z):
    """The stable formula computed in float32, returned as float64."""
    z32 = np.asarray(z, dtype=np.float32)
    e = np.exp(-np.abs(z32))
    s = np.where(z32 >= 0, np.float32(1.0), e) / (np.float32(1.0) + e)
    return np.asarray(s, dtype=np.float64)


def sigmoid__logaddexp(z):
    """sigma(z) = exp(-log(1 + exp(-z))) with np.logaddexp."""
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=np.float64)))


def sigmoid__scalar_math_loop(z):
    """math.exp entry by entry, choosing the safe formula by sign, with np.vectorize."""
    import math

    def one(v):
        if v >= 0:
            return 1.0 / (1.0 + math.exp(-v))
        e = math.exp(v)
        return e / (1.0 + e)

    return np.vectorize(one, otypes=[np.float64])(np.asarray(z, dtype=np.float64))


# -- sigmoid_derivative -----------------------------------------------------------------------
def sigmoid_derivative__s_times_one_minus_s(z):
    """s (1 - s) with the module's stable sigmoid."""
    s = np.asarray(sigmoid(z), dtype=np.float64)
    return s * (1.0 - s)


def sigmoid_derivative__via_tanh(z):
    """sigma'(z) = (1 - tanh(z / 2)**2) / 4."""
    t = np.tanh(np.asarray(z, dtype=np.float64) / 2.0)
    return 0.25 * (1.0 - t * t)


# -- tanh -------------------------------------------------------------------------------------
def tanh__via_sigmoid(z):
    """tanh(z) = 2 sigma(2z) - 1 with the module's stable sigmoid."""
    return 2.0 * np.asarray(sigmoid(2.0 * np.asarray(z, dtype=np.float64))) - 1.0


def tanh__stable_exp(z):
    """sign(z) (1 - exp(-2|z|)) / (1 + exp(-2|z|)), which never overflows."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-2.0 * np.abs(z))
    return np.sign(z) * (1.0 - e) / (1.0 + e)


# -- tanh_derivative --------------------------------------------------------------------------
def tanh_derivative__factored(z):
    """(1 - t)(1 + t) with t = tanh(z)."""
    t = np.tanh(np.asarray(z, dtype=np.float64))
    return (1.0 - t) * (1.0 + t)


# -- relu -------------------------------------------------------------------------------------
def relu__where(z):
    """np.where(z > 0, z, 0)."""
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, z, 0.0)


def relu__mask_multiply(z):
    """z * (z > 0) on a float copy."""
    z = np.array(z, dtype=np.float64)
    return z * (z > 0)


def relu__clip(z):
    """np.clip(z, 0, None)."""
    return np.clip(np.asarray(z, dtype=np.float64), 0.0, None)


# -- relu_derivative --------------------------------------------------------------------------
def relu_derivative__heaviside(z):
    """np.heaviside(z, 0): the step function with value 0 at 0."""
    return np.heaviside(np.asarray(z, dtype=np.float64), 0.0)


def relu_derivative__where(z):
    """np.where(z > 0, 1.0, 0.0)."""
    return np.where(np.asarray(z, dtype=np.float64) > 0, 1.0, 0.0)


# -- identity ---------------------------------------------------------------------------------
def identity__array_copy(z):
    """np.array(z, dtype=float): always a copy (a 0-d array for a scalar)."""
    return np.array(z, dtype=np.float64)


def identity__plus_zero(z):
    """z + 0.0 on a float64 view: a new array."""
    return np.asarray(z, dtype=np.float64) + 0.0


# -- identity_derivative ----------------------------------------------------------------------
def identity_derivative__ones_of_shape(z):
    """np.ones(np.shape(z)) (a 0-d array for a scalar)."""
    return np.ones(np.shape(z))


def identity_derivative__ones_like_float(z):
    """np.ones_like with the dtype given."""
    return np.ones_like(z, dtype=np.float64)


# -- neuron_output ----------------------------------------------------------------------------
def neuron_output__if_chain(x, w, b, activation="sigmoid"):
    """An if/elif chain on the name, the shape checks left to weighted_sum."""
    z = weighted_sum(x, w, b)
    if activation == "sigmoid":
        return sigmoid(z)
    elif activation == "tanh":
        return tanh(z)
    elif activation == "relu":
        return relu(z)
    elif activation == "identity":
        return identity(z)
    raise ValueError(f"unknown activation {activation!r}")


def neuron_output__inline_math(x, w, b, activation="sigmoid"):
    """The activations written inline with numpy, after its own checks."""
    if activation not in ("identity", "sigmoid", "tanh", "relu"):
        raise ValueError(f"unknown activation {activation!r}")
    z = np.asarray(weighted_sum(x, w, b), dtype=np.float64)
    if activation == "sigmoid":
        y = 0.5 * (1.0 + np.tanh(z / 2.0))
    elif activation == "tanh":
        y = np.tanh(z)
    elif activation == "relu":
        y = np.maximum(z, 0.0)
    else:
        y = z.copy()
    return float(y) if y.ndim == 0 else y


def neuron_output__zero_d_activations(x, w, b, activation="sigmoid"):
    """Activations written with np.where / np.array, which give a 0-d array for one sample."""
    funcs = {
        "identity": lambda z: np.array(z, dtype=np.float64),
        "sigmoid": lambda z: np.where(z >= 0, 1.0, np.exp(-np.abs(z))) / (1.0 + np.exp(-np.abs(z))),
        "tanh": lambda z: np.array(np.tanh(z)),
        "relu": lambda z: np.where(z > 0, z, 0.0),
    }
    if activation not in funcs:
        raise ValueError(f"unknown activation {activation!r}")
    return funcs[activation](np.asarray(weighted_sum(x, w, b), dtype=np.float64))


# -- dense_layer ------------------------------------------------------------------------------
def dense_layer__python_loops(X, W, b, activation="sigmoid"):
    """Loops over samples and neurons, each neuron a weighted_sum."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    X = np.asarray(X, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if X.ndim != 2 or W.ndim != 2 or b.ndim != 1:
        raise ValueError("X and W must be 2-D and b 1-D")
    if X.shape[1] != W.shape[1] or W.shape[0] != b.shape[0]:
        raise ValueError("X (m, n_in), W (n_out, n_in) and b (n_out,) do not fit")
    Z = np.zeros((X.shape[0], W.shape[0]))
    for i in range(X.shape[0]):
        for k in range(W.shape[0]):
            Z[i, k] = weighted_sum(X[i], W[k], b[k])
    return np.asarray(acts[activation](Z), dtype=np.float64)


def dense_layer__einsum(X, W, b, activation="sigmoid"):
    """np.einsum("mi,oi->mo") for X @ W.T."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    X = np.asarray(X, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if X.ndim != 2 or W.ndim != 2 or b.shape != (W.shape[0],) or X.shape[1] != W.shape[1]:
        raise ValueError("X (m, n_in), W (n_out, n_in) and b (n_out,) do not fit")
    return acts[activation](np.einsum("mi,oi->mo", X, W) + b)


def dense_layer__neuron_columns(X, W, b, activation="sigmoid"):
    """One neuron_output per neuron, stacked as columns."""
    X = np.asarray(X, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if activation not in ("identity", "sigmoid", "tanh", "relu"):
        raise ValueError(f"unknown activation {activation!r}")
    if X.ndim != 2 or W.ndim != 2 or b.shape != (W.shape[0],):
        raise ValueError("X and W must be 2-D and b of shape (n_out,)")
    columns = [neuron_output(X, W[k], b[k], activation) for k in range(W.shape[0])]
    return np.column_stack(columns).astype(np.float64)
