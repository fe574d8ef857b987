"""Mutants of the chain_rule topic: realistic learner bugs, one per function definition.

Each body is appended to solutions/chain_rule.py, so it may use ``np``, ``math``, ``numbers`` and
the module's helpers (``_activation``, ``_as_real_array``, ``_validate_int``,
``_validate_learning_rate``, ``_xavier_uniform``) and the other public functions.
"""

# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import math

import numpy as np

from tests.submissions import mutant


# init_params ----------------------------------------------------------------------------------


@mutant("MISMATCH", mistake="the biases were drawn like the weights")
def init_params__random_biases(n_inputs, n_hidden, rng):
    """The biases are drawn like the weights instead of starting at zero."""
    W1 = _xavier_uniform((n_hidden, n_inputs), rng)
    W2 = _xavier_uniform((1, n_hidden), rng)
    b1 = rng.uniform(-0.1, 0.1, size=n_hidden)
    b2 = rng.uniform(-0.1, 0.1, size=1)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


@mutant("WRONG_DISTRIBUTION")
def init_params__standard_normal_weights(n_inputs, n_hidden, rng):
    """The weights are drawn from normal(0, 1) instead of Xavier-uniform."""
    W1 = rng.normal(0.0, 1.0, size=(n_hidden, n_inputs))
    W2 = rng.normal(0.0, 1.0, size=(1, n_hidden))
    return {"W1": W1, "b1": np.zeros(n_hidden), "W2": W2, "b2": np.zeros(1)}


@mutant("NOT_REPRODUCIBLE", costs=("global_rng",))
def init_params__global_random_state(n_inputs, n_hidden, rng):
    """The weights are drawn from np.random's global state, ignoring the rng argument."""
    a1 = math.sqrt(6.0 / (n_inputs + n_hidden))
    a2 = math.sqrt(6.0 / (n_hidden + 1))
    W1 = np.random.uniform(-a1, a1, size=(n_hidden, n_inputs))
    W2 = np.random.uniform(-a2, a2, size=(1, n_hidden))
    return {"W1": W1, "b1": np.zeros(n_hidden), "W2": W2, "b2": np.zeros(1)}


@mutant("BAD_SHAPE")
def init_params__w2_column(n_inputs, n_hidden, rng):
    """W2 is created with shape (h, 1) instead of (1, h)."""
    W1 = _xavier_uniform((n_hidden, n_inputs), rng)
    W2 = _xavier_uniform((n_hidden, 1), rng)
    return {"W1": W1, "b1": np.zeros(n_hidden), "W2": W2, "b2": np.zeros(1)}


@mutant("WRONG_DISTRIBUTION")
def init_params__half_interval(n_inputs, n_hidden, rng):
    """The weights are drawn from U[0, a) instead of U[-a, a): all positive."""
    a1 = math.sqrt(6.0 / (n_inputs + n_hidden))
    a2 = math.sqrt(6.0 / (n_hidden + 1))
    W1 = rng.uniform(0.0, a1, size=(n_hidden, n_inputs))
    W2 = rng.uniform(0.0, a2, size=(1, n_hidden))
    return {"W1": W1, "b1": np.zeros(n_hidden), "W2": W2, "b2": np.zeros(1)}


@mutant("WRONG_DISTRIBUTION")
def init_params__normal_std_as_bound(n_inputs, n_hidden, rng):
    """The bound is Xavier-normal's std sqrt(2/(fan_in+fan_out)) instead of sqrt(6/(...))."""
    a1 = math.sqrt(2.0 / (n_inputs + n_hidden))
    a2 = math.sqrt(2.0 / (n_hidden + 1))
    W1 = rng.uniform(-a1, a1, size=(n_hidden, n_inputs))
    W2 = rng.uniform(-a2, a2, size=(1, n_hidden))
    return {"W1": W1, "b1": np.zeros(n_hidden), "W2": W2, "b2": np.zeros(1)}


# forward --------------------------------------------------------------------------------------


@mutant("BAD_SHAPE", mistake="was not flattened")
def forward__column_output(X, params, hidden="sigmoid", output="sigmoid"):
    """Returns f_output(z2) of shape (m, 1) instead of the flat (m,)."""
    f_hidden, _ = _activation(hidden)
    f_output, _ = _activation(output)
    X = np.asarray(X, dtype=float)
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    a1 = f_hidden(X @ W1.T + b1)
    return f_output(a1 @ W2.T + b2)


@mutant("MISMATCH", mistake="output activation was left out")
def forward__no_output_activation(X, params, hidden="sigmoid", output="sigmoid"):
    """Ignores the output activation: returns z2 itself."""
    f_hidden, _ = _activation(hidden)
    _activation(output)
    X = np.asarray(X, dtype=float)
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    a1 = f_hidden(X @ W1.T + b1)
    return (a1 @ W2.T + b2)[:, 0]


@mutant("MISMATCH", mistake="biases b1 and b2 were left out")
def forward__no_biases(X, params, hidden="sigmoid", output="sigmoid"):
    """Forgets both biases: z1 = X W1ᵀ, z2 = a1 W2ᵀ."""
    f_hidden, _ = _activation(hidden)
    f_output, _ = _activation(output)
    X = np.asarray(X, dtype=float)
    W1 = np.asarray(params["W1"], dtype=float)
    W2 = np.asarray(params["W2"], dtype=float)
    return f_output(f_hidden(X @ W1.T) @ W2.T)[:, 0]


@mutant("UNSTABLE")
def forward__naive_sigmoid(X, params, hidden="sigmoid", output="sigmoid"):
    """Writes its own sigmoid 1 / (1 + exp(-z)), which overflows (with a warning) at z = -1e3."""

    def act(name):
        if name == "sigmoid":
            return lambda z: 1.0 / (1.0 + np.exp(-z))
        return _activation(name)[0]

    _activation(hidden), _activation(output)
    X = np.asarray(X, dtype=float)
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    return act(output)(act(hidden)(X @ W1.T + b1) @ W2[0] + b2[0])


# chain_rule_terms -----------------------------------------------------------------------------


@mutant("MISMATCH", mistake="taken at the activation a1")
def chain_rule_terms__slope_at_activation(x, y, params, i, j, hidden="sigmoid", output="sigmoid"):
    """da1_dz1 is the hidden derivative evaluated at a1 = f(z1) instead of at z1."""
    x = np.asarray(x, dtype=float)
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = W1 @ x + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    h, n = W1.shape
    i = _validate_int(i, "i", 0, h)
    j = _validate_int(j, "j", 0, n)
    return {
        "dE_dyhat": float(2.0 * (y_hat - y)),
        "dyhat_dz2": float(df_output(z2)),
        "dz2_da1": float(W2[0, i]),
        "da1_dz1": float(df_hidden(a1)[i]),
        "dz1_dw": float(x[j]),
    }


@mutant("MISMATCH", "EXCEPTION", mistake="was read as W2[0, j]")
def chain_rule_terms__w2_wrong_index(x, y, params, i, j, hidden="sigmoid", output="sigmoid"):
    """dz2_da1 is W2[0, j]: the input's index instead of the hidden neuron's."""
    x = np.asarray(x, dtype=float)
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = W1 @ x + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    h, n = W1.shape
    i = _validate_int(i, "i", 0, h)
    j = _validate_int(j, "j", 0, n)
    return {
        "dE_dyhat": float(2.0 * (y_hat - y)),
        "dyhat_dz2": float(df_output(z2)),
        "dz2_da1": float(W2[0, j]),
        "da1_dz1": float(df_hidden(z1)[i]),
        "dz1_dw": float(x[j]),
    }


@mutant("MISMATCH", mistake="factor 2")
def chain_rule_terms__no_factor_two(x, y, params, i, j, hidden="sigmoid", output="sigmoid"):
    """dE_dyhat is (ŷ - y) without the factor 2 of the square's derivative."""
    x = np.asarray(x, dtype=float)
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = W1 @ x + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    h, n = W1.shape
    i = _validate_int(i, "i", 0, h)
    j = _validate_int(j, "j", 0, n)
    return {
        "dE_dyhat": float(y_hat - y),
        "dyhat_dz2": float(df_output(z2)),
        "dz2_da1": float(W2[0, i]),
        "da1_dz1": float(df_hidden(z1)[i]),
        "dz1_dw": float(x[j]),
    }


@mutant("MISMATCH", mistake="the sign is 2(ŷ - y)")
def chain_rule_terms__flipped_error(x, y, params, i, j, hidden="sigmoid", output="sigmoid"):
    """dE_dyhat is 2(y - ŷ): the error's sign is flipped."""
    x = np.asarray(x, dtype=float)
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = W1 @ x + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    h, n = W1.shape
    i = _validate_int(i, "i", 0, h)
    j = _validate_int(j, "j", 0, n)
    return {
        "dE_dyhat": float(2.0 * (y - y_hat)),
        "dyhat_dz2": float(df_output(z2)),
        "dz2_da1": float(W2[0, i]),
        "da1_dz1": float(df_hidden(z1)[i]),
        "dz1_dw": float(x[j]),
    }


@mutant("BAD_TYPE")
def chain_rule_terms__one_element_arrays(x, y, params, i, j, hidden="sigmoid", output="sigmoid"):
    """Keeps z2 = a1 @ W2.T + b2 as a 1-element array, so two factors are arrays, not floats."""
    x = np.asarray(x, dtype=float)
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    h, n = W1.shape
    i = _validate_int(i, "i", 0, h)
    j = _validate_int(j, "j", 0, n)
    z1 = W1 @ x + b1
    z2 = f_hidden(z1) @ W2.T + b2
    y_hat = f_output(z2)
    return {
        "dE_dyhat": 2.0 * (y_hat - y),
        "dyhat_dz2": df_output(z2),
        "dz2_da1": float(W2[0, i]),
        "da1_dz1": float(df_hidden(z1)[i]),
        "dz1_dw": float(x[j]),
    }


@mutant("WRONG_ERROR", costs=("errors",))
def chain_rule_terms__negative_index_accepted(
    x, y, params, i, j, hidden="sigmoid", output="sigmoid"
):
    """Does not check i and j: i = -1 silently picks the last hidden neuron."""
    x = np.asarray(x, dtype=float)
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = W1 @ x + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    return {
        "dE_dyhat": float(2.0 * (y_hat - y)),
        "dyhat_dz2": float(df_output(z2)),
        "dz2_da1": float(W2[0, i]),
        "da1_dz1": float(df_hidden(z1)[i]),
        "dz1_dw": float(x[j]),
    }


# backward -------------------------------------------------------------------------------------


@mutant("MISMATCH", mistake="f_hidden'(z1) was left out")
def backward__no_hidden_derivative(X, y, params, hidden="sigmoid", output="sigmoid"):
    """Backpropagates to the hidden layer without multiplying by f_hidden'(z1)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = X @ W1.T + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    m = X.shape[0]
    delta2 = 2.0 / m * (y_hat - y) * df_output(z2)
    delta1 = delta2[:, None] * W2
    return {
        "W1": delta1.T @ X,
        "b1": delta1.sum(axis=0),
        "W2": (delta2 @ a1)[None, :],
        "b2": np.array([delta2.sum()]),
    }


@mutant("MISMATCH", mistake="f_output'(z2) was left out")
def backward__no_output_derivative(X, y, params, hidden="sigmoid", output="sigmoid"):
    """Forgets the output activation's derivative: delta2 = 2 (ŷ - y) / m."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = X @ W1.T + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    m = X.shape[0]
    delta2 = 2.0 / m * (y_hat - y)
    delta1 = delta2[:, None] * W2 * df_hidden(z1)
    return {
        "W1": delta1.T @ X,
        "b1": delta1.sum(axis=0),
        "W2": (delta2 @ a1)[None, :],
        "b2": np.array([delta2.sum()]),
    }


@mutant("BAD_SHAPE", mistake="not summed over the batch")
def backward__bias_not_summed(X, y, params, hidden="sigmoid", output="sigmoid"):
    """dL/db1 is delta1 itself, shape (m, h), instead of its sum over the samples."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = X @ W1.T + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    m = X.shape[0]
    delta2 = 2.0 / m * (y_hat - y) * df_output(z2)
    delta1 = delta2[:, None] * W2 * df_hidden(z1)
    return {
        "W1": delta1.T @ X,
        "b1": delta1,
        "W2": (delta2 @ a1)[None, :],
        "b2": np.array([delta2.sum()]),
    }


@mutant("MISMATCH", mistake="only the first sample")
def backward__bias_first_row(X, y, params, hidden="sigmoid", output="sigmoid"):
    """dL/db1 is delta1[0], the first sample only: right at a batch of one, wrong beyond."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = X @ W1.T + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    m = X.shape[0]
    delta2 = 2.0 / m * (y_hat - y) * df_output(z2)
    delta1 = delta2[:, None] * W2 * df_hidden(z1)
    return {
        "W1": delta1.T @ X,
        "b1": delta1[0],
        "W2": (delta2 @ a1)[None, :],
        "b2": np.array([delta2.sum()]),
    }


@mutant("BAD_SHAPE", "MISMATCH", mistake="X.T @ delta1")
def backward__transposed_w1_gradient(X, y, params, hidden="sigmoid", output="sigmoid"):
    """dL/dW1 = X.T @ delta1, shape (n, h): transposed (only a value error on square nets)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = X @ W1.T + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    m = X.shape[0]
    delta2 = 2.0 / m * (y_hat - y) * df_output(z2)
    delta1 = delta2[:, None] * W2 * df_hidden(z1)
    return {
        "W1": X.T @ delta1,
        "b1": delta1.sum(axis=0),
        "W2": (delta2 @ a1)[None, :],
        "b2": np.array([delta2.sum()]),
    }


@mutant("MISMATCH", mistake="X.shape[1]")
def backward__batch_size_from_features(X, y, params, hidden="sigmoid", output="sigmoid"):
    """Takes m = X.shape[1] (the number of features): right only when m == n."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = X @ W1.T + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    m = X.shape[1]
    delta2 = 2.0 / m * (y_hat - y) * df_output(z2)
    delta1 = delta2[:, None] * W2 * df_hidden(z1)
    return {
        "W1": delta1.T @ X,
        "b1": delta1.sum(axis=0),
        "W2": (delta2 @ a1)[None, :],
        "b2": np.array([delta2.sum()]),
    }


@mutant("MISMATCH", mistake="divided by m twice")
def backward__divided_by_m_twice(X, y, params, hidden="sigmoid", output="sigmoid"):
    """Divides by m in delta2 and again in every gradient: right only at a batch of one."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = X @ W1.T + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    m = X.shape[0]
    delta2 = 2.0 / m * (y_hat - y) * df_output(z2)
    delta1 = delta2[:, None] * W2 * df_hidden(z1)
    return {
        "W1": delta1.T @ X / m,
        "b1": delta1.sum(axis=0) / m,
        "W2": (delta2 @ a1)[None, :] / m,
        "b2": np.array([delta2.sum()]) / m,
    }


@mutant("MISMATCH", mistake="summed over the batch instead of averaged")
def backward__sum_not_mean(X, y, params, hidden="sigmoid", output="sigmoid"):
    """Forgets the 1/m of the mean: right only at a batch of one."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = X @ W1.T + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    delta2 = 2.0 * (y_hat - y) * df_output(z2)
    delta1 = delta2[:, None] * W2 * df_hidden(z1)
    return {
        "W1": delta1.T @ X,
        "b1": delta1.sum(axis=0),
        "W2": (delta2 @ a1)[None, :],
        "b2": np.array([delta2.sum()]),
    }


@mutant("MISMATCH", mistake="factor 2")
def backward__no_factor_two(X, y, params, hidden="sigmoid", output="sigmoid"):
    """Forgets the factor 2 of d(ŷ - y)²/dŷ."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = X @ W1.T + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    m = X.shape[0]
    delta2 = (y_hat - y) / m * df_output(z2)
    delta1 = delta2[:, None] * W2 * df_hidden(z1)
    return {
        "W1": delta1.T @ X,
        "b1": delta1.sum(axis=0),
        "W2": (delta2 @ a1)[None, :],
        "b2": np.array([delta2.sum()]),
    }


@mutant("MISMATCH", mistake="relu'(0) was taken as 1", costs=("edge_cases",))
def backward__relu_slope_one_at_zero(X, y, params, hidden="sigmoid", output="sigmoid"):
    """Writes its own relu derivative as (z >= 0), so relu'(0) = 1 instead of 0."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = X @ W1.T + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    y_hat = f_output(z2)
    if hidden == "relu":
        df_hidden = lambda z: (z >= 0).astype(float)
    if output == "relu":
        df_output = lambda z: (z >= 0).astype(float)
    m = X.shape[0]
    delta2 = 2.0 / m * (y_hat - y) * df_output(z2)
    delta1 = delta2[:, None] * W2 * df_hidden(z1)
    return {
        "W1": delta1.T @ X,
        "b1": delta1.sum(axis=0),
        "W2": (delta2 @ a1)[None, :],
        "b2": np.array([delta2.sum()]),
    }


@mutant("WRONG_ERROR")
def backward__column_targets_broadcast(X, y, params, hidden="sigmoid", output="sigmoid"):
    """Does not check y's shape: y of shape (m, 1) broadcasts against ŷ (m,) to (m, m)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    z1 = X @ W1.T + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    m = X.shape[0]
    delta2 = np.mean(2.0 / m * (f_output(z2) - y) * df_output(z2), axis=0) * np.ones(m)
    delta1 = delta2[:, None] * W2 * df_hidden(z1)
    return {
        "W1": delta1.T @ X,
        "b1": delta1.sum(axis=0),
        "W2": (delta2 @ a1)[None, :],
        "b2": np.array([delta2.sum()]),
    }


# numerical_gradient ---------------------------------------------------------------------------


@mutant("MISMATCH", mistake="one-sided difference")
def numerical_gradient__one_sided(X, y, params, hidden="sigmoid", output="sigmoid", eps=1e-6):
    """Uses the forward difference (L(θ + eps) - L(θ)) / eps."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError("y must have shape (m,)")
    theta = {k: np.array(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2")}

    def loss():
        return np.mean((forward(X, theta, hidden, output) - y) ** 2)

    base = loss()
    grads = {}
    for key, value in theta.items():
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            old = value[index]
            value[index] = old + eps
            grad[index] = (loss() - base) / eps
            value[index] = old
        grads[key] = grad
    return grads


@mutant("MUTATED_INPUT")
def numerical_gradient__perturbs_params_in_place(
    X, y, params, hidden="sigmoid", output="sigmoid", eps=1e-6
):
    """Perturbs the caller's arrays in place and never puts the entries back."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError("y must have shape (m,)")
    grads = {}
    for key in ("W1", "b1", "W2", "b2"):
        value = np.asarray(params[key], dtype=float)  # the caller's own array when it is float
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            theta = {**params, key: value}
            value[index] += eps
            plus = np.mean((forward(X, theta, hidden, output) - y) ** 2)
            value[index] -= 2 * eps
            minus = np.mean((forward(X, theta, hidden, output) - y) ** 2)
            grad[index] = (plus - minus) / (2 * eps)
        grads[key] = grad
    return grads


@mutant("MISMATCH", mistake="divided by eps instead of 2 eps")
def numerical_gradient__half_width(X, y, params, hidden="sigmoid", output="sigmoid", eps=1e-6):
    """Divides the central difference by eps instead of 2 eps."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError("y must have shape (m,)")
    theta = {k: np.array(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2")}
    grads = {}
    for key, value in theta.items():
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            old = value[index]
            value[index] = old + eps
            plus = np.mean((forward(X, theta, hidden, output) - y) ** 2)
            value[index] = old - eps
            minus = np.mean((forward(X, theta, hidden, output) - y) ** 2)
            value[index] = old
            grad[index] = (plus - minus) / eps
        grads[key] = grad
    return grads


@mutant("MISMATCH", mistake="summed over the samples")
def numerical_gradient__summed_loss(X, y, params, hidden="sigmoid", output="sigmoid", eps=1e-6):
    """Differentiates the summed squared error instead of the mean: right at a batch of one."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError("y must have shape (m,)")
    theta = {k: np.array(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2")}
    grads = {}
    for key, value in theta.items():
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            old = value[index]
            value[index] = old + eps
            plus = np.sum((forward(X, theta, hidden, output) - y) ** 2)
            value[index] = old - eps
            minus = np.sum((forward(X, theta, hidden, output) - y) ** 2)
            value[index] = old
            grad[index] = (plus - minus) / (2 * eps)
        grads[key] = grad
    return grads


# relative_error -------------------------------------------------------------------------------


@mutant("MISMATCH", mistake="mean over the entries")
def relative_error__mean_not_max(a, b):
    """Averages the ratios instead of taking the largest one."""
    ratios = []
    for key in a:
        x = np.asarray(a[key], dtype=float)
        z = np.asarray(b[key], dtype=float)
        if x.shape != z.shape:
            raise ValueError("shapes differ")
        ratios.append((np.abs(x - z) / np.maximum(1e-8, np.abs(x) + np.abs(z))).ravel())
    return float(np.mean(np.concatenate(ratios)))


@mutant("NONFINITE", mistake="floor of 1e-8 was left out")
def relative_error__no_floor(a, b):
    """Divides by |a| + |b| without the 1e-8 floor: 0 / 0 = NaN where both entries are 0."""
    ratios = []
    for key in a:
        x = np.asarray(a[key], dtype=float)
        z = np.asarray(b[key], dtype=float)
        if x.shape != z.shape:
            raise ValueError("shapes differ")
        ratios.append((np.abs(x - z) / (np.abs(x) + np.abs(z))).ravel())
    return float(np.max(np.concatenate(ratios)))


@mutant("MISMATCH", mistake="absolute value of a - b")
def relative_error__signed_difference(a, b):
    """Uses a - b instead of |a - b| in the numerator, so b > a never counts."""
    worst = -math.inf
    for key in a:
        x = np.asarray(a[key], dtype=float)
        z = np.asarray(b[key], dtype=float)
        if x.shape != z.shape:
            raise ValueError("shapes differ")
        worst = max(worst, float(np.max((x - z) / np.maximum(1e-8, np.abs(x) + np.abs(z)))))
    return worst


# train ----------------------------------------------------------------------------------------


@mutant("MISMATCH", mistake="W2 was updated before it was used")
def train__w2_updated_before_backprop(
    X, y, params, lr, epochs, hidden="sigmoid", output="sigmoid"
):
    """Updates W2 and only then propagates delta2 to the hidden layer with the new W2."""
    lr = _validate_learning_rate(lr)
    epochs = _validate_int(epochs, "epochs", 0)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError("y must have shape (m,)")
    f_hidden, df_hidden = _activation(hidden)
    f_output, df_output = _activation(output)
    W1, b1, W2, b2 = (np.array(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    m = X.shape[0]

    def loss():
        return np.mean((f_output(f_hidden(X @ W1.T + b1) @ W2[0] + b2[0]) - y) ** 2)

    losses = [loss()]
    for _ in range(epochs):
        z1 = X @ W1.T + b1
        a1 = f_hidden(z1)
        z2 = a1 @ W2[0] + b2[0]
        delta2 = 2.0 / m * (f_output(z2) - y) * df_output(z2)
        W2 = W2 - lr * (delta2 @ a1)[None, :]
        b2 = b2 - lr * delta2.sum()
        delta1 = delta2[:, None] * W2 * df_hidden(z1)
        W1 = W1 - lr * delta1.T @ X
        b1 = b1 - lr * delta1.sum(axis=0)
        losses.append(loss())
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, np.array(losses)


@mutant("MUTATED_INPUT")
def train__updates_params_in_place(X, y, params, lr, epochs, hidden="sigmoid", output="sigmoid"):
    """Does not copy params: the caller's arrays are updated in place (and returned)."""
    lr = _validate_learning_rate(lr)
    epochs = _validate_int(epochs, "epochs", 0)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError("y must have shape (m,)")
    losses = [np.mean((forward(X, params, hidden, output) - y) ** 2)]
    for _ in range(epochs):
        grads = backward(X, y, params, hidden, output)
        for key in grads:
            params[key] -= lr * grads[key]
        losses.append(np.mean((forward(X, params, hidden, output) - y) ** 2))
    return params, np.array(losses)


@mutant("BAD_SHAPE", mistake="loss before the first step was left out")
def train__no_initial_loss(X, y, params, lr, epochs, hidden="sigmoid", output="sigmoid"):
    """Records the loss after each step only: losses has epochs entries, not epochs + 1."""
    lr = _validate_learning_rate(lr)
    epochs = _validate_int(epochs, "epochs", 0)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError("y must have shape (m,)")
    current = {k: np.array(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2")}
    losses = []
    for _ in range(epochs):
        grads = backward(X, y, current, hidden, output)
        current = {k: current[k] - lr * grads[k] for k in current}
        losses.append(np.mean((forward(X, current, hidden, output) - y) ** 2))
    return current, np.array(losses, dtype=float)


@mutant("MISMATCH", mistake="added instead of subtracted")
def train__gradient_ascent(X, y, params, lr, epochs, hidden="sigmoid", output="sigmoid"):
    """Steps along the gradient (θ + lr·∇L) instead of against it."""
    lr = _validate_learning_rate(lr)
    epochs = _validate_int(epochs, "epochs", 0)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError("y must have shape (m,)")
    current = {k: np.array(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2")}
    losses = [np.mean((forward(X, current, hidden, output) - y) ** 2)]
    for _ in range(epochs):
        grads = backward(X, y, current, hidden, output)
        current = {k: current[k] + lr * grads[k] for k in current}
        losses.append(np.mean((forward(X, current, hidden, output) - y) ** 2))
    return current, np.array(losses)


@mutant("WRONG_ERROR", costs=("errors",))
def train__learning_rate_only_positive(
    X, y, params, lr, epochs, hidden="sigmoid", output="sigmoid"
):
    """Only checks lr > 0, so lr = 1 or 1.5 is accepted (the course takes lr from (0, 1))."""
    if not isinstance(lr, (int, float)) or isinstance(lr, bool):
        raise TypeError("lr must be a number")
    if not lr > 0:
        raise ValueError("lr must be positive")
    epochs = _validate_int(epochs, "epochs", 0)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != (X.shape[0],):
        raise ValueError("y must have shape (m,)")
    current = {k: np.array(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2")}
    losses = [np.mean((forward(X, current, hidden, output) - y) ** 2)]
    for _ in range(epochs):
        grads = backward(X, y, current, hidden, output)
        current = {k: current[k] - lr * grads[k] for k in current}
        losses.append(np.mean((forward(X, current, hidden, output) - y) ** 2))
    return current, np.array(losses)
