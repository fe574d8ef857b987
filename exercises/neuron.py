# Generated from solutions/neuron.py by `neurograde build`: edit the source, not this file.
# Regenerate with `neurograde build`; `neurograde build --check` finds stale files.
"""What a neuron computes.

A neuron combines its inputs ``x`` with weights ``w`` and a bias ``b`` into the
pre-activation ``z = sum_i x_i * w_i + b`` and passes it through an activation
function, ``y = f(z)``. A dense layer is ``n_out`` such neurons reading the same
inputs: ``f(X @ W.T + b)``.

Conventions of this module:

- inputs may be numpy arrays of any int or float dtype, Python lists or scalars;
  the computation is done in float64;
- array results are new float64 arrays; a scalar result is a Python ``float``;
- arguments are never modified;
- the activation names are ``"identity"``, ``"sigmoid"``, ``"tanh"`` and ``"relu"``;
- a wrong shape or an unknown name raises ``ValueError``, a wrong kind of object
  (text, complex numbers, booleans) raises ``TypeError``.

The helpers ``_as_real_array`` and ``_elementwise_result`` are given: use them to
read an argument and to return the result of an elementwise function.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [  # noqa: RUF022 (the order of docs/api.md, as CONTRIBUTING.md asks)
    "weighted_sum",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
    "relu",
    "relu_derivative",
    "identity",
    "identity_derivative",
    "neuron_output",
    "dense_layer",
]

_ACTIVATION_NAMES = ("identity", "sigmoid", "tanh", "relu")


def _as_real_array(value: ArrayLike, name: str) -> NDArray[np.float64]:
    """Read ``value`` as a float64 array (given code, not graded).

    Ints and floats of any dtype, lists of them and scalars are accepted. A
    ragged list is a ``ValueError``; text, complex numbers, booleans and other
    objects are a ``TypeError``. The result may share memory with ``value``:
    never write into it.
    """
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"{name} must be a number or a rectangular array of numbers, got {value!r}"
        ) from error
    if array.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must hold real numbers (int or float), got dtype {array.dtype} from {value!r}"
        )
    return array.astype(np.float64, copy=False)


def _elementwise_result(values: NDArray[np.float64]) -> float | NDArray[np.float64]:
    """Return a 0-d result as a Python float and any other as the array (given code)."""
    if values.ndim == 0:
        return float(values)
    return values


def _neuron_inputs(
    x: ArrayLike, w: ArrayLike, b: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64], float]:
    """Read ``x`` of shape (n,) or (m, n), ``w`` of shape (n,) and the scalar ``b``, or raise."""
    x_arr = _as_real_array(x, "x")
    w_arr = _as_real_array(w, "w")
    b_arr = _as_real_array(b, "b")
    if b_arr.ndim != 0:
        raise ValueError(f"b must be a scalar, got an array of shape {b_arr.shape}")
    if w_arr.ndim != 1:
        raise ValueError(f"w must be 1-D with shape (n,), got shape {w_arr.shape}")
    if x_arr.ndim not in (1, 2):
        raise ValueError(f"x must have shape (n,) or (m, n), got shape {x_arr.shape}")
    if x_arr.shape[-1] != w_arr.shape[0]:
        raise ValueError(
            f"the last axis of x must have length len(w): x has shape {x_arr.shape} "
            f"and w has shape {w_arr.shape}"
        )
    return x_arr, w_arr, float(b_arr)


def _check_activation(activation: object) -> str:
    """Return ``activation`` if it names one of the four activations, else raise ``ValueError``."""
    if not isinstance(activation, str) or activation not in _ACTIVATION_NAMES:
        raise ValueError(f"activation must be one of {_ACTIVATION_NAMES}, got {activation!r}")
    return activation


def _layer_inputs(
    X: ArrayLike, W: ArrayLike, b: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Read ``X`` (m, n_in), ``W`` (n_out, n_in) and ``b`` (n_out,), or raise."""
    X_arr = _as_real_array(X, "X")
    W_arr = _as_real_array(W, "W")
    b_arr = _as_real_array(b, "b")
    if X_arr.ndim != 2:
        raise ValueError(f"X must be 2-D with shape (m, n_in), got shape {X_arr.shape}")
    if W_arr.ndim != 2:
        raise ValueError(f"W must be 2-D with shape (n_out, n_in), got shape {W_arr.shape}")
    if b_arr.ndim != 1:
        raise ValueError(f"b must be 1-D with shape (n_out,), got shape {b_arr.shape}")
    if X_arr.shape[1] != W_arr.shape[1]:
        raise ValueError(
            f"X must have shape (m, n_in) and W shape (n_out, n_in) with the same n_in, "
            f"got X of shape {X_arr.shape} and W of shape {W_arr.shape}"
        )
    if b_arr.shape[0] != W_arr.shape[0]:
        raise ValueError(
            f"b must have shape (n_out,) for W of shape (n_out, n_in), "
            f"got b of shape {b_arr.shape} and W of shape {W_arr.shape}"
        )
    return X_arr, W_arr, b_arr


def weighted_sum(x: ArrayLike, w: ArrayLike, b: ArrayLike) -> float | NDArray[np.float64]:
    """Weighted sum of the inputs plus the bias: the pre-activation of a neuron.

    z = x . w + b = sum_i x_i * w_i + b, for one sample or for every row of a batch.

    Parameters
    ----------
    x : array_like, shape (n,) or (m, n)
        One sample of ``n`` inputs, or a batch of ``m`` samples.
    w : array_like, shape (n,)
        The weights, one per input.
    b : scalar
        The bias (a number or a 0-d array).

    Returns
    -------
    float or ndarray of float64, shape (m,)
        A float for one sample, one value per row for a batch.

    Raises
    ------
    ValueError
        If ``x`` is not 1-D or 2-D, ``w`` is not 1-D, the last axis of ``x`` is
        not ``len(w)``, or ``b`` is not a scalar.
    TypeError
        If an argument does not hold real numbers.

    Examples
    --------
    >>> weighted_sum([1, 2, 3], [0.5, -1.0, 2.0], 1)
    5.5
    >>> weighted_sum([[1, 0], [0, 1]], [2.0, 3.0], 0.5)
    array([2.5, 3.5])
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def sigmoid(z: ArrayLike) -> float | NDArray[np.float64]:
    """Logistic sigmoid, elementwise.

    sigma(z) = 1 / (1 + exp(-z)). It is computed from exp(-|z|), which never
    overflows, so the limits 0 and 1 come out exactly far from 0.

    Parameters
    ----------
    z : array_like, any shape
        The pre-activations.

    Returns
    -------
    float or ndarray of float64, same shape as ``z``
        Values in [0, 1]; a float for a scalar ``z``.

    Raises
    ------
    TypeError
        If ``z`` does not hold real numbers.

    Examples
    --------
    >>> sigmoid(0)
    0.5
    >>> sigmoid([-1000.0, 1000.0])
    array([0., 1.])
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def sigmoid_derivative(z: ArrayLike) -> float | NDArray[np.float64]:
    """Compute the derivative of the sigmoid with respect to the pre-activation, elementwise.

    sigma'(z) = sigma(z) * (1 - sigma(z)) = exp(-|z|) / (1 + exp(-|z|))**2, the
    second form being exact far from 0 (no cancellation, no overflow).

    Parameters
    ----------
    z : array_like, any shape
        The pre-activations.

    Returns
    -------
    float or ndarray of float64, same shape as ``z``
        Values in [0, 0.25]; a float for a scalar ``z``.

    Raises
    ------
    TypeError
        If ``z`` does not hold real numbers.

    Examples
    --------
    >>> sigmoid_derivative(0)
    0.25
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def tanh(z: ArrayLike) -> float | NDArray[np.float64]:
    """Hyperbolic tangent, elementwise.

    tanh(z) = (exp(z) - exp(-z)) / (exp(z) + exp(-z)), with limits -1 and 1.

    Parameters
    ----------
    z : array_like, any shape
        The pre-activations.

    Returns
    -------
    float or ndarray of float64, same shape as ``z``
        Values in [-1, 1]; a float for a scalar ``z``.

    Raises
    ------
    TypeError
        If ``z`` does not hold real numbers.

    Examples
    --------
    >>> tanh(0)
    0.0
    >>> tanh([-1000.0, 1000.0])
    array([-1.,  1.])
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def tanh_derivative(z: ArrayLike) -> float | NDArray[np.float64]:
    """Compute the derivative of tanh with respect to the pre-activation, elementwise.

    tanh'(z) = 1 - tanh(z)**2.

    Parameters
    ----------
    z : array_like, any shape
        The pre-activations.

    Returns
    -------
    float or ndarray of float64, same shape as ``z``
        Values in [0, 1]; a float for a scalar ``z``.

    Raises
    ------
    TypeError
        If ``z`` does not hold real numbers.

    Examples
    --------
    >>> tanh_derivative(0)
    1.0
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def relu(z: ArrayLike) -> float | NDArray[np.float64]:
    """Rectified linear unit, elementwise.

    relu(z) = max(z, 0).

    Parameters
    ----------
    z : array_like, any shape
        The pre-activations.

    Returns
    -------
    float or ndarray of float64, same shape as ``z``
        Non-negative values; a float for a scalar ``z``.

    Raises
    ------
    TypeError
        If ``z`` does not hold real numbers.

    Examples
    --------
    >>> relu([-2, 0, 3])
    array([0., 0., 3.])
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def relu_derivative(z: ArrayLike) -> float | NDArray[np.float64]:
    """Compute the derivative of relu with respect to the pre-activation, elementwise.

    relu'(z) = 1 where z > 0, else 0 (0 at z = 0, as in PyTorch).

    Parameters
    ----------
    z : array_like, any shape
        The pre-activations.

    Returns
    -------
    float or ndarray of float64, same shape as ``z``
        Zeros and ones; a float for a scalar ``z``.

    Raises
    ------
    TypeError
        If ``z`` does not hold real numbers.

    Examples
    --------
    >>> relu_derivative([-2, 0, 3])
    array([0., 0., 1.])
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def identity(z: ArrayLike) -> float | NDArray[np.float64]:
    """Identity activation, elementwise: a new array equal to the input.

    identity(z) = z.

    Parameters
    ----------
    z : array_like, any shape
        The pre-activations.

    Returns
    -------
    float or ndarray of float64, same shape as ``z``
        A copy of ``z`` in float64 (never ``z`` itself); a float for a scalar ``z``.

    Raises
    ------
    TypeError
        If ``z`` does not hold real numbers.

    Examples
    --------
    >>> identity([1, -2])
    array([ 1., -2.])
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def identity_derivative(z: ArrayLike) -> float | NDArray[np.float64]:
    """Compute the derivative of the identity with respect to z, elementwise.

    identity'(z) = 1.

    Parameters
    ----------
    z : array_like, any shape
        The pre-activations.

    Returns
    -------
    float or ndarray of float64, same shape as ``z``
        Ones; a float for a scalar ``z``.

    Raises
    ------
    TypeError
        If ``z`` does not hold real numbers.

    Examples
    --------
    >>> identity_derivative([[5, -3]])
    array([[1., 1.]])
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def neuron_output(
    x: ArrayLike, w: ArrayLike, b: ArrayLike, activation: str = "sigmoid"
) -> float | NDArray[np.float64]:
    """Output of one neuron: the activation of the weighted sum.

    y = f(x . w + b), with f named by ``activation``.

    Parameters
    ----------
    x : array_like, shape (n,) or (m, n)
        One sample of ``n`` inputs, or a batch of ``m`` samples.
    w : array_like, shape (n,)
        The weights, one per input.
    b : scalar
        The bias.
    activation : {"sigmoid", "tanh", "relu", "identity"}, default "sigmoid"
        The activation function f.

    Returns
    -------
    float or ndarray of float64, shape (m,)
        A float for one sample, one value per row for a batch.

    Raises
    ------
    ValueError
        If ``activation`` is not one of the four names (checked first), or the
        shapes are wrong as in `weighted_sum`.
    TypeError
        If an argument does not hold real numbers.

    Examples
    --------
    >>> neuron_output([1, 1], [2.0, -2.0], 0.0)
    0.5
    >>> neuron_output([1, 2], [1.0, -1.0], 0.5, activation="relu")
    0.0
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def dense_layer(
    X: ArrayLike, W: ArrayLike, b: ArrayLike, activation: str = "sigmoid"
) -> NDArray[np.float64]:
    """Output of a dense layer of ``n_out`` neurons for a batch of samples.

    Y = f(X @ W.T + b): row ``k`` of ``W`` and entry ``k`` of ``b`` are the
    weights and bias of neuron ``k``, so ``Y[:, k]`` is that neuron's output.

    Parameters
    ----------
    X : array_like, shape (m, n_in)
        A batch of ``m`` samples (2-D even for one sample).
    W : array_like, shape (n_out, n_in)
        The weights, one row per neuron.
    b : array_like, shape (n_out,)
        The biases, one per neuron.
    activation : {"sigmoid", "tanh", "relu", "identity"}, default "sigmoid"
        The activation function f.

    Returns
    -------
    ndarray of float64, shape (m, n_out)
        The outputs of every neuron for every sample.

    Raises
    ------
    ValueError
        If ``activation`` is not one of the four names (checked first), ``X`` or
        ``W`` is not 2-D, ``b`` is not 1-D, or the shapes do not fit.
    TypeError
        If an argument does not hold real numbers.

    Examples
    --------
    >>> dense_layer([[1, 2]], [[1, 0], [0, 1], [1, 1]], [0, 0, -4], activation="relu")
    array([[1., 2., 0.]])
    """
    # YOUR CODE HERE
    raise NotImplementedError()
