"""The chain rule: gradients through one hidden layer.

The network of the course text has ``n`` inputs, one hidden layer of ``h`` neurons and one
output neuron. Its parameters are a dict ``params`` with

- ``"W1"``, shape (h, n), and ``"b1"``, shape (h,): the hidden layer;
- ``"W2"``, shape (1, h), and ``"b2"``, shape (1,): the output neuron.

For a batch ``X`` of shape (m, n) (one sample per row) the network computes

    z1 = X @ W1.T + b1        shape (m, h)
    a1 = f_hidden(z1)         shape (m, h)
    z2 = a1 @ W2.T + b2       shape (m, 1)
    y_hat = f_output(z2)      shape (m,)   (the single column)

and the loss is the mean squared error L = mean((y_hat - y)**2). For one sample the error is
E = (y_hat - y)**2, and the chain rule writes the derivative with respect to one hidden weight
as a product of five local derivatives:

    dE/dW1[i, j] = dE/dy_hat * dy_hat/dz2 * dz2/da1_i * da1_i/dz1_i * dz1_i/dW1[i, j]
                 = 2 (y_hat - y) * f_output'(z2) * W2[0, i] * f_hidden'(z1_i) * x_j

Backpropagation computes all of these products at once, for every weight and every sample; the
central differences of :func:`numerical_gradient` check it.

Conventions of this module:

- inputs may be numpy arrays of any int or float dtype, Python lists or scalars; the
  computation is done in float64;
- array results are new float64 arrays; a scalar result is a Python ``float``;
- arguments (arrays and the ``params`` dict) are never modified;
- the activation names are ``"identity"``, ``"sigmoid"``, ``"tanh"`` and ``"relu"``;
- a wrong value, shape or name raises ``ValueError``; a wrong kind of object (text, complex
  numbers, booleans, a float where an integer is needed) raises ``TypeError``.

The helpers ``_as_real_array``, ``_validate_int``, ``_activation`` (with the table
``_ACTIVATIONS``), ``_validate_learning_rate`` and ``_xavier_uniform`` are given: earlier
topics taught them, use them here.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [  # noqa: RUF022 (the order of docs/api.md, as CONTRIBUTING.md asks)
    "init_params",
    "forward",
    "chain_rule_terms",
    "backward",
    "numerical_gradient",
    "relative_error",
    "train",
]

_Function = Callable[[NDArray[np.float64]], NDArray[np.float64]]


def _as_real_array(value: object, name: str) -> NDArray[np.float64]:
    """Read ``value`` as a float64 array (given code, not graded).

    Ints and floats of any dtype, lists of them and scalars are accepted. A ragged list is a
    ``ValueError``; text, complex numbers, booleans and other objects are a ``TypeError``. The
    result may share memory with ``value``: never write into it.
    """
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be a number or a rectangular array of numbers") from error
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers (int or float), got dtype {array.dtype}")
    return array.astype(np.float64, copy=False)


def _validate_int(value: object, name: str, low: int, high: int | None = None) -> int:
    """Return ``value`` as an int with ``low <= value < high`` (given code, not graded).

    Python and numpy integers are accepted; a bool or a float (even 3.0) is a ``TypeError``, a
    value out of range a ``ValueError``. ``high=None`` means no upper bound.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(
            f"{name} must be an integer (not bool or float), got {type(value).__name__}"
        )
    result = int(value)
    if result < low or (high is not None and result >= high):
        expected = f">= {low}" if high is None else f"in [{low}, {high})"
        raise ValueError(f"{name} must be an integer {expected}, got {result}")
    return result


def _sigmoid(z: NDArray[np.float64]) -> NDArray[np.float64]:
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_derivative(z: NDArray[np.float64]) -> NDArray[np.float64]:
    e = np.exp(-np.abs(z))  # sigma(z) (1 - sigma(z)) = e / (1 + e)**2, symmetric in z
    return e / np.square(1.0 + e)


def _tanh_derivative(z: NDArray[np.float64]) -> NDArray[np.float64]:
    return 1.0 - np.square(np.tanh(z))


_ACTIVATIONS: dict[str, tuple[_Function, _Function]] = {
    "identity": (lambda z: np.array(z, dtype=np.float64), np.ones_like),
    "sigmoid": (_sigmoid, _sigmoid_derivative),
    "tanh": (np.tanh, _tanh_derivative),
    "relu": (lambda z: np.maximum(z, 0.0), lambda z: np.where(z > 0, 1.0, 0.0)),
}


def _activation(name: object) -> tuple[_Function, _Function]:
    """Return the pair ``(f, f_prime)`` of an activation by name (given code, not graded).

    Both work elementwise on float64 arrays; ``f_prime`` is the derivative with respect to the
    pre-activation (relu'(0) = 0). Any other name, a non-string included, is a ``ValueError``.
    """
    if not isinstance(name, str) or name not in _ACTIVATIONS:
        raise ValueError(f"activation must be one of {list(_ACTIVATIONS)}, got {name!r}")
    return _ACTIVATIONS[name]


def _validate_learning_rate(lr: object) -> float:
    """Return ``float(lr)`` when 0 < lr < 1 (given code, not graded).

    A real number is a Python int/float, a numpy integer or floating scalar or a 0-d array of
    one; anything else (bool, str, None, complex, ...) is a ``TypeError``. NaN, infinity and
    values outside the open interval (0, 1) are a ``ValueError``.
    """
    if isinstance(lr, np.ndarray) and lr.ndim == 0 and lr.dtype.kind in "iuf":
        lr = lr[()]
    if isinstance(lr, (bool, np.bool_)) or not isinstance(lr, numbers.Real):
        raise TypeError(f"lr must be a real number (int or float, not bool), got {lr!r}")
    try:
        value = float(lr)
    except OverflowError:  # an int too large for a float
        value = math.inf
    if not 0.0 < value < 1.0:  # False for NaN
        raise ValueError(f"lr must lie in the open interval (0, 1), got {lr!r}")
    return value


def _xavier_uniform(shape: tuple[int, int], rng: np.random.Generator) -> NDArray[np.float64]:
    """Draw a weight matrix of shape (out, in) from U[-a, a) (given code, not graded).

    a = sqrt(6 / (fan_in + fan_out)) with fan_in = in and fan_out = out.
    """
    fan_out, fan_in = shape
    bound = math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-bound, bound, size=shape)


def _network(X: object, params: object) -> tuple[NDArray[np.float64], ...]:
    """Read a batch ``X`` (m, n) and the network ``params`` for it; ``(X, W1, b1, W2, b2)``."""
    X_arr = _as_real_array(X, "X")
    if X_arr.ndim != 2 or X_arr.size == 0:
        raise ValueError(
            f"X must be a non-empty 2-D array of shape (m, n), got shape {X_arr.shape}"
        )
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict of arrays, got {type(params).__name__}")
    keys = ("W1", "b1", "W2", "b2")
    if set(params) != set(keys):
        raise ValueError(
            f"params must have exactly the keys {list(keys)}, got {sorted(map(str, params))}"
        )
    W1, b1, W2, b2 = (_as_real_array(params[key], key) for key in keys)
    n = X_arr.shape[1]
    if W1.ndim != 2 or W1.shape[0] < 1 or W1.shape[1] != n:
        raise ValueError(
            f"W1 must have shape (h, {n}) with h >= 1 to match X of shape {X_arr.shape}, "
            f"got shape {W1.shape}"
        )
    h = W1.shape[0]
    for key, value, expected in (("b1", b1, (h,)), ("W2", W2, (1, h)), ("b2", b2, (1,))):
        if value.shape != expected:
            raise ValueError(
                f"{key} must have shape {expected} to match W1 of shape {W1.shape}, "
                f"got shape {value.shape}"
            )
    return X_arr, W1, b1, W2, b2


def _targets(y: object, X: NDArray[np.float64]) -> NDArray[np.float64]:
    """Read the targets ``y``, one per row of ``X`` (shape (m,)), or raise ``ValueError``."""
    y_arr = _as_real_array(y, "y")
    m = X.shape[0]
    if y_arr.shape != (m,):
        raise ValueError(
            f"y must have shape ({m},) to match X of shape {X.shape}, got shape {y_arr.shape}"
        )
    return y_arr


def _sample(x: object, y: object) -> tuple[NDArray[np.float64], float]:
    """Read one sample ``x`` (n,) and its scalar target ``y``, or raise ``ValueError``."""
    x_arr = _as_real_array(x, "x")
    if x_arr.ndim != 1 or x_arr.size == 0:
        raise ValueError(f"x must be a non-empty 1-D array of shape (n,), got shape {x_arr.shape}")
    y_arr = _as_real_array(y, "y")
    if y_arr.ndim != 0:
        raise ValueError(f"y must be a scalar target, got an array of shape {y_arr.shape}")
    return x_arr, float(y_arr)


def _check_rng(rng: object) -> np.random.Generator:
    """Return ``rng`` if it is a ``numpy.random.Generator``, else raise ``TypeError``."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    return rng


def _positive_step(eps: object) -> float:
    """Return ``eps`` as a float when it is a finite number > 0, else raise."""
    if isinstance(eps, (bool, np.bool_)) or not isinstance(eps, numbers.Real):
        raise TypeError(f"eps must be a real number (int or float, not bool), got {eps!r}")
    try:
        step = float(eps)
    except OverflowError:  # an int too large for a float
        step = math.inf
    if not 0.0 < step < math.inf:  # False for NaN
        raise ValueError(f"eps must be a finite number > 0, got {eps!r}")
    return step


# The three bands of a gradient check (relative error of the worst entry), and the absolute
# difference below which a disagreement is rounding noise of the central difference (about
# 1e-16 / eps = 1e-10 for eps = 1e-6), not a bug: a tiny entry such as 4e-8 may differ by 4e-5
# relatively with no mistake anywhere.
_AGREE, _DISAGREE, _NOISE = 1e-6, 1e-3, 1e-7


def _gradient_check(backprop: Mapping[str, ArrayLike], numeric: Mapping[str, ArrayLike]) -> str:
    """The verdict of a gradient check: agree, look closer, or disagree, naming the worst entry."""
    worst: tuple[float, str, tuple[int, ...], float, float] = (-1.0, "", (), 0.0, 0.0)
    for key in backprop:
        a = np.asarray(backprop[key], dtype=float)
        b = np.asarray(numeric[key], dtype=float)
        errors = np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))
        if errors.size and errors.max() > worst[0]:
            at = np.unravel_index(int(np.argmax(errors)), errors.shape)
            worst = (
                float(errors.max()),
                key,
                tuple(int(i) for i in at),
                float(a[at]),
                float(b[at]),
            )
    error, key, index, a_entry, b_entry = worst
    where = f"{key}[{', '.join(map(str, index))}]: backward {a_entry:.6g}, numerical {b_entry:.6g}"
    if error < _AGREE:
        return f"agree (relative error {error:.1e})"
    if error >= _DISAGREE and abs(a_entry - b_entry) >= _NOISE:
        return f"backward and numerical_gradient disagree (relative error {error:.1e}) at {where}"
    return f"look closer (relative error {error:.1e}) at {where}: tiny entry or ReLU corner?"


def init_params(
    n_inputs: int, n_hidden: int, rng: np.random.Generator
) -> dict[str, NDArray[np.float64]]:
    """Initialise the parameters of the network: Xavier-uniform weights and zero biases.

    W1 ~ U[-a1, a1) with a1 = sqrt(6 / (n + h)), W2 ~ U[-a2, a2) with a2 = sqrt(6 / (h + 1)),
    b1 = 0, b2 = 0. W1 is drawn before W2.

    Parameters
    ----------
    n_inputs : int
        n, the number of inputs, >= 1.
    n_hidden : int
        h, the number of hidden neurons, >= 1.
    rng : numpy.random.Generator
        The only source of randomness.

    Returns
    -------
    dict of str to ndarray of float64
        ``"W1"`` shape (h, n), ``"b1"`` shape (h,), ``"W2"`` shape (1, h), ``"b2"`` shape (1,).

    Raises
    ------
    TypeError
        If a size is not an integer (a bool or a float), or ``rng`` is not a Generator.
    ValueError
        If a size is < 1.

    Examples
    --------
    >>> params = init_params(3, 2, np.random.default_rng(0))
    >>> {key: value.shape for key, value in params.items()}
    {'W1': (2, 3), 'b1': (2,), 'W2': (1, 2), 'b2': (1,)}
    >>> params["b1"].tolist(), params["b2"].tolist()
    ([0.0, 0.0], [0.0])
    """
    ### BEGIN SOLUTION
    n = _validate_int(n_inputs, "n_inputs", 1)
    h = _validate_int(n_hidden, "n_hidden", 1)
    generator = _check_rng(rng)
    W1 = _xavier_uniform((h, n), generator)
    W2 = _xavier_uniform((1, h), generator)
    return {"W1": W1, "b1": np.zeros(h), "W2": W2, "b2": np.zeros(1)}
    ### END SOLUTION


def forward(
    X: ArrayLike, params: Mapping[str, ArrayLike], hidden: str = "sigmoid", output: str = "sigmoid"
) -> NDArray[np.float64]:
    """Compute the network's predictions for a batch (the forward pass).

    z1 = X @ W1.T + b1, a1 = f_hidden(z1), z2 = a1 @ W2.T + b2, y_hat = f_output(z2)[:, 0].

    Parameters
    ----------
    X : array_like, shape (m, n)
        The batch, one sample per row (m >= 1, n >= 1).
    params : dict
        Exactly the keys ``"W1"`` (h, n), ``"b1"`` (h,), ``"W2"`` (1, h), ``"b2"`` (1,), h >= 1.
    hidden, output : str
        The activations of the hidden layer and of the output neuron.

    Returns
    -------
    ndarray of float64, shape (m,)
        The prediction for every sample.

    Raises
    ------
    ValueError
        If ``X`` is not a non-empty 2-D array, ``params`` lacks a key or has an extra one, a
        parameter's shape does not fit ``X`` or the others, or an activation name is unknown.
    TypeError
        If ``params`` is not a dict or an array does not hold real numbers.

    Examples
    --------
    >>> params = {"W1": [[1.0, -1.0]], "b1": [0.0], "W2": [[2.0]], "b2": [1.0]}
    >>> forward([[3, 1], [1, 3]], params, hidden="relu", output="identity").tolist()
    [5.0, 1.0]
    """
    ### BEGIN SOLUTION
    X_arr, W1, b1, W2, b2 = _network(X, params)
    f_hidden, _ = _activation(hidden)
    f_output, _ = _activation(output)
    z1 = X_arr @ W1.T + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2.T + b2
    return np.asarray(f_output(z2[:, 0]), dtype=np.float64)
    ### END SOLUTION


def chain_rule_terms(
    x: ArrayLike,
    y: float,
    params: Mapping[str, ArrayLike],
    i: int,
    j: int,
    hidden: str = "sigmoid",
    output: str = "sigmoid",
) -> dict[str, float]:
    """Return the five factors of the chain rule for dE/dW1[i, j], for one sample.

    E = (y_hat - y)**2 and dE/dW1[i, j] is the product of

    - ``"dE_dyhat"`` = 2 (y_hat - y),
    - ``"dyhat_dz2"`` = f_output'(z2),
    - ``"dz2_da1"`` = W2[0, i],
    - ``"da1_dz1"`` = f_hidden'(z1[i]),
    - ``"dz1_dw"`` = x[j].

    Parameters
    ----------
    x : array_like, shape (n,)
        One sample.
    y : float
        Its target, a real scalar.
    params : dict
        The parameters, as :func:`forward` takes them (W1 of shape (h, n)).
    i : int
        The hidden neuron, 0 <= i < h.
    j : int
        The input, 0 <= j < n.
    hidden, output : str
        The activations of the hidden layer and of the output neuron.

    Returns
    -------
    dict of str to float
        The five factors, under the keys above, in that order.

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty 1-D array, ``y`` is not a scalar, ``i`` or ``j`` is out of
        range, or for what :func:`forward` rejects.
    TypeError
        If ``i`` or ``j`` is not an integer (a bool or a float), or an array does not hold real
        numbers.

    Examples
    --------
    >>> params = {"W1": [[1.0, -1.0]], "b1": [0.0], "W2": [[2.0]], "b2": [1.0]}
    >>> chain_rule_terms([3, 1], 4, params, 0, 1, hidden="relu", output="identity")
    {'dE_dyhat': 2.0, 'dyhat_dz2': 1.0, 'dz2_da1': 2.0, 'da1_dz1': 1.0, 'dz1_dw': 1.0}
    """
    ### BEGIN SOLUTION
    x_arr, target = _sample(x, y)
    y_hat = float(forward(x_arr[np.newaxis, :], params, hidden, output)[0])  # validates params
    W1, b1, W2, b2 = (_as_real_array(params[key], key) for key in ("W1", "b1", "W2", "b2"))
    h, n = W1.shape
    i = _validate_int(i, "i", 0, h)
    j = _validate_int(j, "j", 0, n)
    f_hidden, df_hidden = _activation(hidden)
    _, df_output = _activation(output)
    z1 = W1 @ x_arr + b1
    z2 = f_hidden(z1) @ W2[0] + b2[0]
    return {
        "dE_dyhat": 2.0 * (y_hat - target),
        "dyhat_dz2": float(df_output(np.asarray(z2))),
        "dz2_da1": float(W2[0, i]),
        "da1_dz1": float(df_hidden(z1)[i]),
        "dz1_dw": float(x_arr[j]),
    }
    ### END SOLUTION


def backward(
    X: ArrayLike,
    y: ArrayLike,
    params: Mapping[str, ArrayLike],
    hidden: str = "sigmoid",
    output: str = "sigmoid",
) -> dict[str, NDArray[np.float64]]:
    """Gradient of the loss L = mean((y_hat - y)**2) by backpropagation.

    With delta2 = (2 / m) (y_hat - y) * f_output'(z2), shape (m,), and
    delta1 = delta2[:, None] * W2 * f_hidden'(z1), shape (m, h):

    dL/dW2 = delta2 @ a1 (as a (1, h) row), dL/db2 = [sum(delta2)],
    dL/dW1 = delta1.T @ X, dL/db1 = delta1 summed over the samples.

    Parameters
    ----------
    X : array_like, shape (m, n)
        The batch.
    y : array_like, shape (m,)
        The targets (a column (m, 1) is a ``ValueError``).
    params : dict
        The parameters, as :func:`forward` takes them.
    hidden, output : str
        The activations of the hidden layer and of the output neuron.

    Returns
    -------
    dict of str to ndarray of float64
        ``"W1"`` (h, n), ``"b1"`` (h,), ``"W2"`` (1, h), ``"b2"`` (1,): dL with respect to each.

    Raises
    ------
    ValueError
        If ``y`` does not have shape (m,), or for what :func:`forward` rejects.
    TypeError
        For what :func:`forward` rejects, or ``y`` not holding real numbers.

    Examples
    --------
    >>> params = {"W1": [[1.0, -1.0]], "b1": [0.0], "W2": [[2.0]], "b2": [1.0]}
    >>> grads = backward([[3, 1]], [4], params, hidden="relu", output="identity")
    >>> {key: value.tolist() for key, value in grads.items()}
    {'W1': [[12.0, 4.0]], 'b1': [4.0], 'W2': [[4.0]], 'b2': [2.0]}
    """
    ### BEGIN SOLUTION
    y_hat = forward(X, params, hidden, output)  # validates X, params and the names
    X_arr = _as_real_array(X, "X")
    y_arr = _targets(y, X_arr)
    W1, b1, W2, b2 = (_as_real_array(params[key], key) for key in ("W1", "b1", "W2", "b2"))
    m = X_arr.shape[0]
    f_hidden, df_hidden = _activation(hidden)
    _, df_output = _activation(output)
    z1 = X_arr @ W1.T + b1
    a1 = f_hidden(z1)
    z2 = a1 @ W2[0] + b2[0]
    delta2 = (2.0 / m) * (y_hat - y_arr) * df_output(z2)  # dL/dz2, shape (m,)
    delta1 = delta2[:, np.newaxis] * W2 * df_hidden(z1)  # dL/dz1, shape (m, h)
    return {
        "W1": delta1.T @ X_arr,
        "b1": delta1.sum(axis=0),
        "W2": (delta2 @ a1)[np.newaxis, :],
        "b2": np.array([delta2.sum()]),
    }
    ### END SOLUTION


def numerical_gradient(
    X: ArrayLike,
    y: ArrayLike,
    params: Mapping[str, ArrayLike],
    hidden: str = "sigmoid",
    output: str = "sigmoid",
    eps: float = 1e-6,
) -> dict[str, NDArray[np.float64]]:
    """Gradient of the loss L = mean((y_hat - y)**2) by central differences.

    For every entry theta of every parameter, on a copy of the parameters:
    dL/dtheta ~ (L(theta + eps) - L(theta - eps)) / (2 eps).

    Parameters
    ----------
    X : array_like, shape (m, n)
        The batch.
    y : array_like, shape (m,)
        The targets.
    params : dict
        The parameters, as :func:`forward` takes them; left untouched.
    hidden, output : str
        The activations of the hidden layer and of the output neuron.
    eps : float
        The step, a finite real number > 0.

    Returns
    -------
    dict of str to ndarray of float64
        The keys and shapes of ``params``.

    Raises
    ------
    ValueError
        If ``eps`` is not finite and > 0, ``y`` does not have shape (m,), or for what
        :func:`forward` rejects.
    TypeError
        If ``eps`` is not a real number (a bool, a str, None), or for what :func:`forward`
        rejects.

    Examples
    --------
    >>> params = {"W1": [[1.0, -1.0]], "b1": [0.0], "W2": [[2.0]], "b2": [1.0]}
    >>> grads = numerical_gradient([[3, 1]], [4], params, hidden="relu", output="identity")
    >>> {key: np.round(value, 6).tolist() for key, value in grads.items()}
    {'W1': [[12.0, 4.0]], 'b1': [4.0], 'W2': [[4.0]], 'b2': [2.0]}
    """
    ### BEGIN SOLUTION
    h_step = _positive_step(eps)
    forward(X, params, hidden, output)  # validates X, params and the names
    X_arr = _as_real_array(X, "X")
    y_arr = _targets(y, X_arr)
    theta = {key: np.array(params[key], dtype=np.float64) for key in ("W1", "b1", "W2", "b2")}

    def loss() -> float:
        return float(np.mean(np.square(forward(X_arr, theta, hidden, output) - y_arr)))

    grads = {}
    for key, value in theta.items():
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            original = value[index]
            value[index] = original + h_step
            loss_plus = loss()
            value[index] = original - h_step
            loss_minus = loss()
            value[index] = original
            grad[index] = (loss_plus - loss_minus) / (2.0 * h_step)
        grads[key] = grad
    return grads
    ### END SOLUTION


def relative_error(a: Mapping[str, ArrayLike], b: Mapping[str, ArrayLike]) -> float:
    """Largest relative difference between two gradient dicts.

    max over every entry of |a - b| / max(1e-8, |a| + |b|); 0 for identical dicts, at most 1.

    Parameters
    ----------
    a, b : dict of str to array_like
        The same keys, and for every key arrays of the same shape (at least one entry in all).

    Returns
    -------
    float
        The largest relative difference.

    Raises
    ------
    ValueError
        If the keys differ, the shapes of a key differ, or there is no entry at all.
    TypeError
        If ``a`` or ``b`` is not a dict, or an array does not hold real numbers.

    Examples
    --------
    >>> relative_error({"w": [1.0, 2.0]}, {"w": [1.0, 3.0]})
    0.2
    """
    ### BEGIN SOLUTION
    if not isinstance(a, Mapping) or not isinstance(b, Mapping):
        raise TypeError(
            f"a and b must be dicts of arrays, got {type(a).__name__} and {type(b).__name__}"
        )
    if set(a) != set(b):
        raise ValueError(
            f"a and b must have the same keys, got {sorted(map(str, a))} and {sorted(map(str, b))}"
        )
    ratios = []
    for key in a:
        a_arr = _as_real_array(a[key], f"a[{key!r}]")
        b_arr = _as_real_array(b[key], f"b[{key!r}]")
        if a_arr.shape != b_arr.shape:
            raise ValueError(
                f"a[{key!r}] and b[{key!r}] must have the same shape, "
                f"got {a_arr.shape} and {b_arr.shape}"
            )
        # Halving both sides leaves the ratio unchanged and keeps |a - b| and |a| + |b| finite.
        a_half, b_half = 0.5 * a_arr, 0.5 * b_arr
        denominator = np.maximum(0.5e-8, np.abs(a_half) + np.abs(b_half))
        ratios.append((np.abs(a_half - b_half) / denominator).ravel())
    every = np.concatenate(ratios) if ratios else np.zeros(0)
    if every.size == 0:
        raise ValueError("a and b must hold at least one entry to compare")
    return float(np.max(every))
    ### END SOLUTION


def train(
    X: ArrayLike,
    y: ArrayLike,
    params: Mapping[str, ArrayLike],
    lr: float,
    epochs: int,
    hidden: str = "sigmoid",
    output: str = "sigmoid",
) -> tuple[dict[str, NDArray[np.float64]], NDArray[np.float64]]:
    """Train the network by full-batch gradient descent on L = mean((y_hat - y)**2).

    From a copy of ``params``, ``epochs`` times: theta <- theta - lr * backward(X, y, theta).

    Parameters
    ----------
    X : array_like, shape (m, n)
        The batch.
    y : array_like, shape (m,)
        The targets.
    params : dict
        The starting parameters, as :func:`forward` takes them; left untouched.
    lr : float
        The learning rate, 0 < lr < 1.
    epochs : int
        The number of steps, >= 0.
    hidden, output : str
        The activations of the hidden layer and of the output neuron.

    Returns
    -------
    final_params : dict of str to ndarray of float64
        New arrays with the keys and shapes of ``params``, after the last step.
    losses : ndarray of float64, shape (epochs + 1,)
        The loss before the first step, then after each step.

    Raises
    ------
    ValueError
        If ``lr`` is not in (0, 1), ``epochs`` is negative, ``y`` does not have shape (m,), or
        for what :func:`forward` rejects.
    TypeError
        If ``lr`` is not a real number, ``epochs`` is not an integer (a bool or a float), or for
        what :func:`forward` rejects.

    Examples
    --------
    >>> params = {"W1": [[0.0]], "b1": [0.0], "W2": [[0.0]], "b2": [1.0]}
    >>> final, losses = train([[1]], [0], params, 0.25, 2, hidden="identity", output="identity")
    >>> losses.tolist(), final["b2"].tolist()
    ([1.0, 0.25, 0.0625], [0.25])
    """
    ### BEGIN SOLUTION
    step = _validate_learning_rate(lr)
    n_epochs = _validate_int(epochs, "epochs", 0)
    y_hat = forward(X, params, hidden, output)  # validates X, params and the names
    X_arr = _as_real_array(X, "X")
    y_arr = _targets(y, X_arr)
    current = {key: np.array(params[key], dtype=np.float64) for key in ("W1", "b1", "W2", "b2")}
    losses = np.empty(n_epochs + 1)
    losses[0] = np.mean(np.square(y_hat - y_arr))
    for epoch in range(1, n_epochs + 1):
        grads = backward(X_arr, y_arr, current, hidden, output)
        current = {key: value - step * grads[key] for key, value in current.items()}
        losses[epoch] = np.mean(np.square(forward(X_arr, current, hidden, output) - y_arr))
    return current, losses
    ### END SOLUTION
