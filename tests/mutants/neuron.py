"""Mutants of the neuron topic: realistic learner bugs, one per function, named by its docstring.

Each body is what a learner would write; it is appended to the reference module, so it may use
``np``, the given helpers ``_as_real_array`` / ``_elementwise_result`` and the module's other
functions. Several of them pass the docstring's own examples (square or symmetric inputs, the
default activation, a single sample, no zero, no extreme value) and are caught only by the
grader's edge cases, generated inputs, stability or untouched checks.
"""

# The names of the reference module (sigmoid, weighted_sum, _as_real_array …) exist where
# these bodies run: they are appended to it.
# ruff: noqa: F821

from __future__ import annotations

import numpy as np

from tests.submissions import mutant


# -- weighted_sum -----------------------------------------------------------------------------
@mutant("MISMATCH", mistake="the bias b was left out")
def weighted_sum__bias_forgotten(x, w, b):
    """The bias is never added: z = x . w."""
    x = _as_real_array(x, "x")
    w = _as_real_array(w, "w")
    if np.ndim(b) != 0:
        raise ValueError("b must be a scalar")
    if x.shape[-1] != w.shape[0]:
        raise ValueError("the last axis of x must have length len(w)")
    z = x @ w
    return float(z) if x.ndim == 1 else z


@mutant("MISMATCH", "BAD_SHAPE", mistake="the sum runs over the batch axis")
def weighted_sum__sum_over_batch_axis(x, w, b):
    """Sums the products over axis 0, the batch, instead of the features (right for one sample;
    for a square batch the shape is right and only the values are wrong)."""
    x = _as_real_array(x, "x")
    w = _as_real_array(w, "w")
    if np.ndim(b) != 0:
        raise ValueError("b must be a scalar")
    if x.shape[-1] != w.shape[0]:
        raise ValueError("the last axis of x must have length len(w)")
    z = np.sum(x * w, axis=0) + float(b)
    return float(z) if np.ndim(z) == 0 else z


@mutant("MISMATCH", "EXCEPTION", mistake="x is transposed")
def weighted_sum__transposed_x(x, w, b):
    """Computes x.T @ w: the same for one sample, wrong values for a square batch, an error for
    a non-square one."""
    x = _as_real_array(x, "x")
    w = _as_real_array(w, "w")
    if np.ndim(b) != 0:
        raise ValueError("b must be a scalar")
    if x.shape[-1] != w.shape[0]:
        raise ValueError("the last axis of x must have length len(w)")
    z = x.T @ w + float(b)
    return float(z) if x.ndim == 1 else z


@mutant("BAD_SHAPE", mistake="w is used as a column")
def weighted_sum__column_output_m_by_1(x, w, b):
    """Keeps w as a column (n, 1), so a batch returns shape (m, 1) instead of (m,)."""
    x = _as_real_array(x, "x")
    w = _as_real_array(w, "w").reshape(-1, 1)
    if np.ndim(b) != 0:
        raise ValueError("b must be a scalar")
    if x.shape[-1] != w.shape[0]:
        raise ValueError("the last axis of x must have length len(w)")
    z = x @ w + float(b)
    return float(z[0]) if x.ndim == 1 else z


@mutant("BAD_TYPE", costs=("returns",))  # the right number in a one-element array
def weighted_sum__single_sample_as_array(x, w, b):
    """Treats every x as a batch (np.atleast_2d), so one sample returns an array of shape (1,)
    instead of a float."""
    x = np.atleast_2d(_as_real_array(x, "x"))
    w = _as_real_array(w, "w")
    if np.ndim(b) != 0:
        raise ValueError("b must be a scalar")
    if x.shape[-1] != w.shape[0]:
        raise ValueError("the last axis of x must have length len(w)")
    return x @ w + float(b)


@mutant("BAD_TYPE", mistake="the result is squeezed")
def weighted_sum__batch_of_one_squeezed(x, w, b):
    """Squeezes the result, so a batch of one (1, n) returns a float instead of shape (1,)."""
    x = _as_real_array(x, "x")
    w = _as_real_array(w, "w")
    if np.ndim(b) != 0:
        raise ValueError("b must be a scalar")
    if x.shape[-1] != w.shape[0]:
        raise ValueError("the last axis of x must have length len(w)")
    z = np.squeeze(x @ w + float(b))
    return float(z) if z.ndim == 0 else z


@mutant("MISMATCH", mistake="the bias is added to every input")
def weighted_sum__bias_added_to_inputs(x, w, b):
    """Adds the bias to every input before weighting: (x + b) . w."""
    x = _as_real_array(x, "x")
    w = _as_real_array(w, "w")
    if np.ndim(b) != 0:
        raise ValueError("b must be a scalar")
    if x.shape[-1] != w.shape[0]:
        raise ValueError("the last axis of x must have length len(w)")
    z = (x + float(b)) @ w
    return float(z) if x.ndim == 1 else z


@mutant("BAD_TYPE", "BAD_DTYPE", costs=("returns",))
def weighted_sum__int_inputs_stay_int(x, w, b):
    """Never converts to float: int inputs give a numpy int (one sample) or an int array."""
    z = np.dot(x, w) + b
    if np.ndim(b) != 0:
        raise ValueError("b must be a scalar")
    return z


@mutant("WRONG_ERROR", costs=("errors",))
def weighted_sum__bias_shape_not_checked(x, w, b):
    """Never checks that b is a scalar: a bias of shape (m,) is silently broadcast."""
    x = _as_real_array(x, "x")
    w = _as_real_array(w, "w")
    if x.shape[-1] != w.shape[0]:
        raise ValueError("the last axis of x must have length len(w)")
    z = x @ w + _as_real_array(b, "b")
    return float(z) if np.ndim(z) == 0 else z


# -- sigmoid ----------------------------------------------------------------------------------
@mutant("UNSTABLE")
def sigmoid__naive_overflows(z):
    """The textbook formula 1 / (1 + exp(-z)): exp overflows (RuntimeWarning) at z = -1e3."""
    z = _as_real_array(z, "z")
    return _elementwise_result(1.0 / (1.0 + np.exp(-z)))


@mutant("UNSTABLE")
def sigmoid__exp_ratio_nan(z):
    """exp(z) / (1 + exp(z)): inf / inf = NaN at z = 1e3."""
    z = _as_real_array(z, "z")
    e = np.exp(z)
    return _elementwise_result(e / (1.0 + e))


@mutant("UNSTABLE")
def sigmoid__where_evaluates_both_branches(z):
    """Picks the stable branch with np.where, but np.where evaluates both formulas on every
    entry, so exp still overflows (RuntimeWarning) at |z| = 1e3."""
    z = _as_real_array(z, "z")
    return _elementwise_result(
        np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))
    )


@mutant("MISMATCH", mistake="the minus sign of exp(-z) is lost")
def sigmoid__sign_lost(z):
    """Writes exp(z) for exp(-z): 1 / (1 + exp(z)), which is sigmoid(-z)."""
    z = _as_real_array(z, "z")
    e = np.exp(-np.abs(z))
    return _elementwise_result(np.where(z <= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


# -- sigmoid_derivative -----------------------------------------------------------------------
@mutant("MISMATCH", mistake="s * (1 - s) is applied to z itself")
def sigmoid_derivative__at_the_activation(z):
    """Uses the formula s * (1 - s) with s = z, i.e. z * (1 - z): the derivative in terms of the
    activation applied to the pre-activation."""
    s = _as_real_array(z, "z")
    return _elementwise_result(s * (1.0 - s))


@mutant("UNSTABLE")
def sigmoid_derivative__naive_sigmoid_overflows(z):
    """sigma(z) (1 - sigma(z)) with the naive sigmoid: exp overflows at z = -1e3."""
    z = _as_real_array(z, "z")
    s = 1.0 / (1.0 + np.exp(-z))
    return _elementwise_result(s * (1.0 - s))


@mutant("UNSTABLE")
def sigmoid_derivative__exp_formula_nan(z):
    """exp(-z) / (1 + exp(-z))**2: inf / inf = NaN (with an overflow warning) at z = -1e3."""
    z = _as_real_array(z, "z")
    e = np.exp(-z)
    return _elementwise_result(e / (1.0 + e) ** 2)


# -- tanh -------------------------------------------------------------------------------------
@mutant("UNSTABLE")
def tanh__exp_formula_nan(z):
    """(exp(z) - exp(-z)) / (exp(z) + exp(-z)): inf / inf = NaN at |z| = 1e3."""
    z = _as_real_array(z, "z")
    return _elementwise_result((np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)))


@mutant("MISMATCH", mistake="2 * sigmoid(z) - 1")
def tanh__sigmoid_identity_wrong_argument(z):
    """Uses tanh(z) = 2 sigmoid(2z) - 1 but forgets to double the argument: 2 sigmoid(z) - 1."""
    z = _as_real_array(z, "z")
    return _elementwise_result(2.0 * np.asarray(sigmoid(z)) - 1.0)


# -- tanh_derivative --------------------------------------------------------------------------
@mutant("MISMATCH", mistake="1 - t**2 is applied to z itself")
def tanh_derivative__at_the_activation(z):
    """Uses 1 - t**2 with t = z, i.e. 1 - z**2: the derivative in terms of the activation
    applied to the pre-activation."""
    z = _as_real_array(z, "z")
    return _elementwise_result(1.0 - z**2)


@mutant("MISMATCH", mistake="the square is forgotten")
def tanh_derivative__square_forgotten(z):
    """Forgets the square: 1 - tanh(z)."""
    z = _as_real_array(z, "z")
    return _elementwise_result(1.0 - np.tanh(z))


# -- relu -------------------------------------------------------------------------------------
@mutant("MUTATED_INPUT")
def relu__in_place(z):
    """Clips in place with np.maximum(z, 0, out=z): the caller's float64 array is overwritten
    and handed back."""
    z = np.asarray(z, dtype=np.float64)
    np.maximum(z, 0.0, out=z)
    return _elementwise_result(z)


@mutant("BAD_SHAPE", "BAD_TYPE", mistake="np.max (the largest entry along an axis)")
def relu__max_reduction(z):
    """Uses np.max(z, 0), the largest entry along axis 0, instead of np.maximum(z, 0)."""
    z = _as_real_array(z, "z")
    if z.ndim == 0:
        return float(max(z, 0.0))
    return np.max(z, 0)


@mutant("BAD_DTYPE", "BAD_TYPE", costs=("returns",))
def relu__int_inputs_stay_int(z):
    """np.maximum(z, 0) without converting to float: int inputs give an int result."""
    return np.maximum(z, 0)


# -- relu_derivative --------------------------------------------------------------------------
@mutant("MISMATCH", mistake="the derivative at z = 0 is taken as 1", costs=("edge_cases",))
def relu_derivative__one_at_zero(z):
    """Takes relu'(0) = 1 (z >= 0) instead of 0."""
    z = _as_real_array(z, "z")
    return _elementwise_result((z >= 0).astype(np.float64))


@mutant("BAD_DTYPE", "BAD_TYPE", costs=("returns",))
def relu_derivative__bool_output(z):
    """Returns the comparison z > 0 itself: a bool array."""
    z = _as_real_array(z, "z")
    return z > 0


@mutant("BAD_DTYPE", "BAD_TYPE", costs=("returns",))
def relu_derivative__int_output(z):
    """Converts the mask to int: (z > 0).astype(int)."""
    z = _as_real_array(z, "z")
    return (z > 0).astype(int)


@mutant("MISMATCH", mistake="np.sign(z) is used")
def relu_derivative__sign(z):
    """Uses np.sign(z), which is -1 for negative z."""
    z = _as_real_array(z, "z")
    return _elementwise_result(np.sign(z))


# -- identity ---------------------------------------------------------------------------------
@mutant("BAD_TYPE", "BAD_DTYPE", "MUTATED_INPUT")
def identity__returns_the_input(z):
    """return z: the input object itself (a list stays a list, an int array stays int, a float64
    array is handed back)."""
    return z


@mutant("MUTATED_INPUT")
def identity__asarray_aliases(z):
    """np.asarray(z, dtype=float) makes no copy of a float64 array: the input is handed back."""
    return _elementwise_result(np.asarray(z, dtype=np.float64))


# -- identity_derivative ----------------------------------------------------------------------
@mutant("BAD_DTYPE", costs=("returns",))
def identity_derivative__ones_like_keeps_int(z):
    """np.ones_like(z) keeps the dtype of z: int inputs give an int array."""
    return np.ones_like(z)


@mutant("BAD_TYPE")
def identity_derivative__scalar_one(z):
    """Returns the number 1.0 whatever the shape of z."""
    return 1.0


# -- neuron_output ----------------------------------------------------------------------------
@mutant("MISMATCH", mistake="the bias b was left out")
def neuron_output__bias_forgotten(x, w, b, activation="sigmoid"):
    """Applies the activation to x . w, without the bias."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    if np.ndim(b) != 0:
        raise ValueError("b must be a scalar")
    return acts[activation](weighted_sum(x, w, 0.0))


@mutant("MISMATCH", mistake="the bias is added after the activation")
def neuron_output__bias_after_activation(x, w, b, activation="sigmoid"):
    """Adds the bias after the activation: f(x . w) + b."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    y = acts[activation](weighted_sum(x, w, 0.0)) + b
    return float(y) if np.ndim(y) == 0 else y


@mutant("MISMATCH", mistake="the activation argument is ignored")
def neuron_output__activation_ignored(x, w, b, activation="sigmoid"):
    """Always applies the sigmoid, whatever activation is asked for."""
    if activation not in ("identity", "sigmoid", "tanh", "relu"):
        raise ValueError(f"unknown activation {activation!r}")
    return sigmoid(weighted_sum(x, w, b))


@mutant("MISMATCH", mistake='the default activation is "relu"')
def neuron_output__default_relu(x, w, b, activation="relu"):
    """The default activation is relu instead of sigmoid."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    return acts[activation](weighted_sum(x, w, b))


@mutant("WRONG_ERROR", costs=("errors",))
def neuron_output__unknown_name_falls_back(x, w, b, activation="sigmoid"):
    """An unknown activation name silently falls back to the identity instead of a ValueError."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    return acts.get(activation, identity)(weighted_sum(x, w, b))


# -- dense_layer ------------------------------------------------------------------------------
@mutant("MISMATCH", mistake="the bias b was left out")
def dense_layer__bias_forgotten(X, W, b, activation="sigmoid"):
    """f(X @ W.T): the bias is never added."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    X = _as_real_array(X, "X")
    W = _as_real_array(W, "W")
    b = _as_real_array(b, "b")
    if X.ndim != 2 or W.ndim != 2 or b.ndim != 1:
        raise ValueError("X and W must be 2-D, b 1-D")
    if X.shape[1] != W.shape[1] or b.shape[0] != W.shape[0]:
        raise ValueError("the shapes of X, W and b do not fit")
    f = acts[activation]
    return f(X @ W.T)


@mutant("MISMATCH", mistake="the bias is added after the activation")
def dense_layer__bias_after_activation(X, W, b, activation="sigmoid"):
    """f(X @ W.T) + b: the bias is added after the activation."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    X = _as_real_array(X, "X")
    W = _as_real_array(W, "W")
    b = _as_real_array(b, "b")
    if X.ndim != 2 or W.ndim != 2 or b.ndim != 1:
        raise ValueError("X and W must be 2-D, b 1-D")
    if X.shape[1] != W.shape[1] or b.shape[0] != W.shape[0]:
        raise ValueError("the shapes of X, W and b do not fit")
    f = acts[activation]
    return f(X @ W.T) + b


@mutant("MISMATCH", mistake="the activation argument is ignored")
def dense_layer__activation_ignored(X, W, b, activation="sigmoid"):
    """Always applies the sigmoid, whatever activation is asked for."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    X = _as_real_array(X, "X")
    W = _as_real_array(W, "W")
    b = _as_real_array(b, "b")
    if X.ndim != 2 or W.ndim != 2 or b.ndim != 1:
        raise ValueError("X and W must be 2-D, b 1-D")
    if X.shape[1] != W.shape[1] or b.shape[0] != W.shape[0]:
        raise ValueError("the shapes of X, W and b do not fit")
    return sigmoid(X @ W.T + b)


@mutant("MISMATCH", "EXCEPTION", mistake="the Keras layout")
def dense_layer__keras_layout(X, W, b, activation="sigmoid"):
    """X @ W instead of X @ W.T, reading W as (n_in, n_out): right for a symmetric square W, an
    error for a non-square one, wrong values for any other square one."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    X = _as_real_array(X, "X")
    W = _as_real_array(W, "W")
    b = _as_real_array(b, "b")
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    return acts[activation](X @ W + b)


@mutant("MISMATCH", "BAD_SHAPE", "EXCEPTION", mistake="the bias is added per sample")
def dense_layer__bias_as_column(X, W, b, activation="sigmoid"):
    """Adds the bias as a column, b[:, None], so it is broadcast along the samples instead of
    the neurons."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    X = _as_real_array(X, "X")
    W = _as_real_array(W, "W")
    b = _as_real_array(b, "b")
    if X.ndim != 2 or W.ndim != 2 or b.ndim != 1:
        raise ValueError("X and W must be 2-D, b 1-D")
    if X.shape[1] != W.shape[1] or b.shape[0] != W.shape[0]:
        raise ValueError("the shapes of X, W and b do not fit")
    f = acts[activation]
    return f(X @ W.T + b[:, None])


@mutant("MISMATCH", "BAD_SHAPE", mistake="the output is transposed")
def dense_layer__output_transposed(X, W, b, activation="sigmoid"):
    """Computes W @ X.T + b[:, None]: one row per neuron, shape (n_out, m) instead of (m, n_out)."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    X = _as_real_array(X, "X")
    W = _as_real_array(W, "W")
    b = _as_real_array(b, "b")
    if X.ndim != 2 or W.ndim != 2 or b.ndim != 1:
        raise ValueError("X and W must be 2-D, b 1-D")
    if X.shape[1] != W.shape[1] or b.shape[0] != W.shape[0]:
        raise ValueError("the shapes of X, W and b do not fit")
    f = acts[activation]
    return f(W @ X.T + b[:, None])


@mutant("BAD_SHAPE", mistake="the output is squeezed")
def dense_layer__output_squeezed(X, W, b, activation="sigmoid"):
    """Squeezes the output, so one neuron returns (m,) instead of (m, 1)."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    X = _as_real_array(X, "X")
    W = _as_real_array(W, "W")
    b = _as_real_array(b, "b")
    if X.ndim != 2 or W.ndim != 2 or b.ndim != 1:
        raise ValueError("X and W must be 2-D, b 1-D")
    if X.shape[1] != W.shape[1] or b.shape[0] != W.shape[0]:
        raise ValueError("the shapes of X, W and b do not fit")
    f = acts[activation]
    return np.squeeze(f(X @ W.T + b))


@mutant("MISMATCH", mistake='the default activation is "identity"')
def dense_layer__default_identity(X, W, b, activation="identity"):
    """The default activation is the identity instead of sigmoid."""
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    X = _as_real_array(X, "X")
    W = _as_real_array(W, "W")
    b = _as_real_array(b, "b")
    if X.ndim != 2 or W.ndim != 2 or b.ndim != 1:
        raise ValueError("X and W must be 2-D, b 1-D")
    if X.shape[1] != W.shape[1] or b.shape[0] != W.shape[0]:
        raise ValueError("the shapes of X, W and b do not fit")
    f = acts[activation]
    return f(X @ W.T + b)


@mutant("WRONG_ERROR", costs=("errors",))
def dense_layer__one_dimensional_x_accepted(X, W, b, activation="sigmoid"):
    """Silently turns a 1-D X into a batch of one (np.atleast_2d) instead of a ValueError."""
    X = np.atleast_2d(_as_real_array(X, "X"))
    acts = {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    X = _as_real_array(X, "X")
    W = _as_real_array(W, "W")
    b = _as_real_array(b, "b")
    if X.ndim != 2 or W.ndim != 2 or b.ndim != 1:
        raise ValueError("X and W must be 2-D, b 1-D")
    if X.shape[1] != W.shape[1] or b.shape[0] != W.shape[0]:
        raise ValueError("the shapes of X, W and b do not fit")
    f = acts[activation]
    return f(X @ W.T + b)


# -- generic mistakes (no catalogue entry: named from the function's signature) ---------------
@mutant("MISMATCH", mistake="twice the right one")
def sigmoid_derivative__doubled(z):
    """Writes 2 s (1 - s), as if differentiating a square: twice the right value."""
    s = sigmoid(z)
    return _elementwise_result(np.asarray(2.0 * s * (1.0 - s), dtype=np.float64))


@mutant("WRONG_ERROR", costs=("errors",))
def dense_layer__bias_of_one_broadcasts(X, W, b, activation="sigmoid"):
    """Checks that b is 1-D but not its length: a bias of shape (1,) broadcasts to every
    neuron instead of being rejected."""
    X = _as_real_array(X, "X")
    W = _as_real_array(W, "W")
    b = _as_real_array(b, "b")
    if activation not in ("identity", "sigmoid", "tanh", "relu"):
        raise ValueError(f"unknown activation {activation!r}")
    if X.ndim != 2 or W.ndim != 2 or b.ndim != 1:
        raise ValueError("X and W must be 2-D and b 1-D")
    if X.shape[1] != W.shape[1] or b.shape[0] not in (1, W.shape[0]):
        raise ValueError("the shapes of X, W and b do not fit")
    return {"identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu}[activation](
        X @ W.T + b
    )
