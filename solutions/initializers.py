"""Weight initialisation: where training starts.

Before the first gradient step every weight needs a value. Zeros make every neuron of a layer
compute the same thing (and receive the same gradient), so weights are drawn at random, with a
spread chosen from the size of the layer so that signals neither explode nor vanish as they pass
through many layers.

A weight matrix has shape ``(out, in)``, as in ``torch.nn.Linear``: ``fan_in = in`` inputs feed
each neuron and ``fan_out = out`` neurons read each input. For more dimensions
``(out, in, *k)`` (a convolution kernel) both are multiplied by the product of ``k``, as in
PyTorch.

- Xavier / Glorot (for sigmoid and tanh) keeps the variance equal to ``2 / (fan_in + fan_out)``.
- He / Kaiming (for ReLU, which zeroes half of its inputs) uses ``2 / fan_in``.

Conventions of this module:

- ``shape`` is a tuple (a list is accepted too) of non-negative Python or numpy ints; any other
  object, or a ``bool`` or ``float`` entry, is a ``TypeError``, a negative entry a ``ValueError``.
  Every initialiser returns a new float64 array of exactly that shape.
- ``rng`` must be a ``numpy.random.Generator`` (``np.random.default_rng(seed)``), else
  ``TypeError``. All randomness comes from it: the global ``np.random`` state is never used, so
  the same seed always gives the same weights.
- Real parameters (``value``, ``mean``, ``std``, ``low``, ``high``, ``gain``) are finite real
  numbers (Python or numpy ints and floats): a ``bool``, ``str``, ``None`` or ``complex`` is a
  ``TypeError``, NaN or an infinity a ``ValueError``.
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

__all__ = [  # noqa: RUF022 (the order of docs/api.md)
    "fan_in_and_fan_out",
    "zeros",
    "ones",
    "constant",
    "normal",
    "uniform",
    "xavier_uniform",
    "xavier_normal",
    "he_uniform",
    "he_normal",
    "init_network",
]

# The method names `init_network` accepts ("constant" needs a value, so it is not one of them).
_INIT_METHODS = (
    "zeros",
    "ones",
    "normal",
    "uniform",
    "xavier_uniform",
    "xavier_normal",
    "he_uniform",
    "he_normal",
)


def _check_shape(shape: object) -> tuple[int, ...]:
    """Return ``shape`` as a tuple of Python ints, or raise ``TypeError`` / ``ValueError``."""
    if not isinstance(shape, (tuple, list)):
        raise TypeError(f"shape must be a tuple of ints, got {type(shape).__name__} {shape!r}")
    dims = []
    for entry in shape:
        if isinstance(entry, (bool, np.bool_)) or not isinstance(entry, numbers.Integral):
            raise TypeError(
                f"shape entries must be ints, got {entry!r} ({type(entry).__name__}) "
                f"in shape {shape!r}"
            )
        if entry < 0:
            raise ValueError(f"shape entries must be non-negative, got shape {shape!r}")
        dims.append(int(entry))
    return tuple(dims)


def _check_rng(rng: object) -> np.random.Generator:
    """Return ``rng`` if it is a ``numpy.random.Generator``, else raise ``TypeError``."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            "rng must be a numpy.random.Generator (e.g. np.random.default_rng(0)), "
            f"got {type(rng).__name__}"
        )
    return rng


def _check_real(value: object, name: str) -> float:
    """Return ``value`` as a finite Python float, or raise ``TypeError`` / ``ValueError``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    try:
        result = float(value)
    except OverflowError:
        raise ValueError(f"{name} must be a finite real number, got {value!r}") from None
    if not math.isfinite(result):
        raise ValueError(f"{name} must be a finite real number, got {value!r}")
    return result


def _check_fan_shape(shape: object) -> tuple[int, ...]:
    """Return ``shape`` as a tuple of at least 2 ints (out, in, ...), or raise."""
    dims = _check_shape(shape)
    if len(dims) < 2:
        raise ValueError(
            f"fan_in and fan_out need a shape with at least 2 dimensions (out, in, ...), "
            f"got {shape!r}"
        )
    return dims


def _check_non_negative(value: object, name: str) -> float:
    """Return ``value`` as a finite Python float >= 0, or raise."""
    result = _check_real(value, name)
    if result < 0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return result


def _check_bounds(low: object, high: object) -> tuple[float, float]:
    """Return ``(low, high)`` as floats with low < high and a finite width, or raise."""
    lo = _check_real(low, "low")
    hi = _check_real(high, "high")
    if not lo < hi:
        raise ValueError(f"uniform needs low < high, got low={low!r} and high={high!r}")
    if not math.isfinite(hi - lo):
        raise ValueError(
            f"the width high - low must be a finite float, got low={low!r} and high={high!r}"
        )
    return lo, hi


def _check_layer_sizes(layer_sizes: object) -> list[int]:
    """Return ``layer_sizes`` as a list of at least 2 positive ints, or raise."""
    if not isinstance(layer_sizes, (list, tuple)):
        raise TypeError(
            f"layer_sizes must be a list or tuple of ints, got {type(layer_sizes).__name__}"
        )
    sizes: list[int] = []
    for item in layer_sizes:
        size: object = item
        if isinstance(size, (bool, np.bool_)) or not isinstance(size, numbers.Integral):
            raise TypeError(
                f"layer sizes must be ints, got {size!r} ({type(size).__name__}) in {layer_sizes!r}"
            )
        if size <= 0:
            raise ValueError(f"layer sizes must be positive, got {layer_sizes!r}")
        sizes.append(int(size))
    if len(sizes) < 2:
        raise ValueError(
            f"layer_sizes needs at least 2 entries (inputs and one layer), got {layer_sizes!r}"
        )
    return sizes


def _check_method(method: object) -> str:
    """Return ``method`` if `init_network` knows it, else raise ``ValueError``."""
    if not isinstance(method, str) or method not in _INIT_METHODS:
        raise ValueError(f"method must be one of {', '.join(_INIT_METHODS)}; got {method!r}")
    return method


def fan_in_and_fan_out(shape: tuple[int, ...]) -> tuple[int, int]:
    """Count the inputs and outputs of a weight tensor (PyTorch's rule).

    For ``shape = (out, in, *k)`` the receptive field is ``r = prod(k)`` (1 for a matrix) and

        fan_in = in * r,    fan_out = out * r.

    Parameters
    ----------
    shape : tuple of int
        Shape of the weight tensor, at least 2 dimensions: ``(out, in)`` for a dense layer,
        ``(out, in, k1, k2, ...)`` for a convolution kernel.

    Returns
    -------
    tuple of (int, int)
        ``(fan_in, fan_out)`` as Python ints.

    Raises
    ------
    TypeError
        If ``shape`` is not a tuple (or list) of ints.
    ValueError
        If ``shape`` has a negative entry or fewer than 2 dimensions.

    Examples
    --------
    >>> fan_in_and_fan_out((4, 3))
    (3, 4)
    >>> fan_in_and_fan_out((8, 2, 3, 3))
    (18, 72)
    """
    ### BEGIN SOLUTION
    dims = _check_fan_shape(shape)
    receptive_field = math.prod(dims[2:])
    fan_in = dims[1] * receptive_field
    fan_out = dims[0] * receptive_field
    return fan_in, fan_out
    ### END SOLUTION


def zeros(shape: tuple[int, ...]) -> NDArray[np.float64]:
    """Array of zeros: every weight starts at 0.0.

    Parameters
    ----------
    shape : tuple of int
        Shape of the result (any number of dimensions, entries >= 0).

    Returns
    -------
    ndarray of float64, shape ``shape``
        All entries 0.0.

    Raises
    ------
    TypeError
        If ``shape`` is not a tuple (or list) of ints.
    ValueError
        If ``shape`` has a negative entry.

    Examples
    --------
    >>> zeros((2, 3))
    array([[0., 0., 0.],
           [0., 0., 0.]])
    """
    ### BEGIN SOLUTION
    return np.zeros(_check_shape(shape), dtype=np.float64)
    ### END SOLUTION


def ones(shape: tuple[int, ...]) -> NDArray[np.float64]:
    """Array of ones: every weight starts at 1.0.

    Parameters
    ----------
    shape : tuple of int
        Shape of the result (any number of dimensions, entries >= 0).

    Returns
    -------
    ndarray of float64, shape ``shape``
        All entries 1.0.

    Raises
    ------
    TypeError
        If ``shape`` is not a tuple (or list) of ints.
    ValueError
        If ``shape`` has a negative entry.

    Examples
    --------
    >>> ones((2, 2))
    array([[1., 1.],
           [1., 1.]])
    """
    ### BEGIN SOLUTION
    return np.ones(_check_shape(shape), dtype=np.float64)
    ### END SOLUTION


def constant(shape: tuple[int, ...], value: float) -> NDArray[np.float64]:
    """Array filled with one value: every entry is ``float(value)``.

    Parameters
    ----------
    shape : tuple of int
        Shape of the result (any number of dimensions, entries >= 0).
    value : float
        The constant, a finite real number (Python or numpy int or float).

    Returns
    -------
    ndarray of float64, shape ``shape``
        All entries ``float(value)``.

    Raises
    ------
    TypeError
        If ``shape`` is not a tuple (or list) of ints, or ``value`` is not a real number
        (``bool``, ``str``, ``None``, ``complex``, arrays).
    ValueError
        If ``shape`` has a negative entry, or ``value`` is NaN or infinite.

    Examples
    --------
    >>> constant((3,), 0.5)
    array([0.5, 0.5, 0.5])
    """
    ### BEGIN SOLUTION
    dims = _check_shape(shape)
    fill = _check_real(value, "value")
    return np.full(dims, fill, dtype=np.float64)
    ### END SOLUTION


def normal(
    shape: tuple[int, ...], rng: np.random.Generator, mean: float = 0.0, std: float = 1.0
) -> NDArray[np.float64]:
    """Independent samples of the normal distribution N(mean, std²).

    Drawn as ``rng.normal(mean, std, size=shape)``; ``std = 0`` gives the constant ``mean``.

    Parameters
    ----------
    shape : tuple of int
        Shape of the result (any number of dimensions, entries >= 0).
    rng : numpy.random.Generator
        The source of randomness.
    mean : float, default 0.0
        Mean of the distribution, a finite real number.
    std : float, default 1.0
        Standard deviation, a finite real number >= 0.

    Returns
    -------
    ndarray of float64, shape ``shape``
        The samples.

    Raises
    ------
    TypeError
        If ``shape`` is not a tuple (or list) of ints, ``rng`` is not a
        ``numpy.random.Generator``, or ``mean`` / ``std`` is not a real number.
    ValueError
        If ``shape`` has a negative entry, ``mean`` / ``std`` is not finite, or ``std < 0``.

    Examples
    --------
    >>> W = normal((2, 3), np.random.default_rng(0))
    >>> W.shape, str(W.dtype)
    ((2, 3), 'float64')
    >>> normal((2,), np.random.default_rng(0), mean=5.0, std=0.0)
    array([5., 5.])
    """
    ### BEGIN SOLUTION
    dims = _check_shape(shape)
    generator = _check_rng(rng)
    loc = _check_real(mean, "mean")
    scale = _check_non_negative(std, "std")
    return np.asarray(generator.normal(loc, scale, size=dims), dtype=np.float64)
    ### END SOLUTION


def uniform(
    shape: tuple[int, ...], rng: np.random.Generator, low: float = 0.0, high: float = 1.0
) -> NDArray[np.float64]:
    """Independent samples of the uniform distribution U[low, high).

    Drawn as ``rng.uniform(low, high, size=shape)``.

    Parameters
    ----------
    shape : tuple of int
        Shape of the result (any number of dimensions, entries >= 0).
    rng : numpy.random.Generator
        The source of randomness.
    low : float, default 0.0
        Lower bound (included), a finite real number.
    high : float, default 1.0
        Upper bound (excluded), a finite real number with ``low < high``.

    Returns
    -------
    ndarray of float64, shape ``shape``
        The samples, every one in ``[low, high)``.

    Raises
    ------
    TypeError
        If ``shape`` is not a tuple (or list) of ints, ``rng`` is not a
        ``numpy.random.Generator``, or ``low`` / ``high`` is not a real number.
    ValueError
        If ``shape`` has a negative entry, ``low`` / ``high`` is not finite, ``low >= high``,
        or the width ``high - low`` is too large to be a finite float.

    Examples
    --------
    >>> W = uniform((2, 3), np.random.default_rng(0), low=-1.0, high=1.0)
    >>> W.shape, bool(np.all((-1.0 <= W) & (W < 1.0)))
    ((2, 3), True)
    """
    ### BEGIN SOLUTION
    dims = _check_shape(shape)
    generator = _check_rng(rng)
    lo, hi = _check_bounds(low, high)
    return np.asarray(generator.uniform(lo, hi, size=dims), dtype=np.float64)
    ### END SOLUTION


def xavier_uniform(
    shape: tuple[int, ...], rng: np.random.Generator, gain: float = 1.0
) -> NDArray[np.float64]:
    """Xavier (Glorot) uniform initialisation: U[-a, a) with a = gain · √(6 / (fan_in + fan_out)).

    The variance of U[-a, a) is a² / 3 = gain² · 2 / (fan_in + fan_out). Drawn as
    ``rng.uniform(-a, a, size=shape)``; ``gain = 0`` gives zeros.

    Parameters
    ----------
    shape : tuple of int
        Shape ``(out, in, *k)`` of the weights, at least 2 dimensions; fans as in
        ``fan_in_and_fan_out``.
    rng : numpy.random.Generator
        The source of randomness.
    gain : float, default 1.0
        Scale factor, a finite real number >= 0 (1 for sigmoid, 5/3 for tanh in PyTorch).

    Returns
    -------
    ndarray of float64, shape ``shape``
        The weights, every one in ``[-a, a)``.

    Raises
    ------
    TypeError
        If ``shape`` is not a tuple (or list) of ints, ``rng`` is not a
        ``numpy.random.Generator``, or ``gain`` is not a real number.
    ValueError
        If ``shape`` has a negative entry or fewer than 2 dimensions, ``fan_in + fan_out == 0``,
        ``gain`` is negative or not finite, or ``2a`` is too large to be a finite float.

    Examples
    --------
    A (2, 4) matrix has fan_in + fan_out = 6, so a = √(6/6) = 1:

    >>> W = xavier_uniform((2, 4), np.random.default_rng(0))
    >>> W.shape, bool(np.all((-1.0 <= W) & (W < 1.0)))
    ((2, 4), True)
    """
    ### BEGIN SOLUTION
    fan_in, fan_out = fan_in_and_fan_out(shape)
    generator = _check_rng(rng)
    g = _check_non_negative(gain, "gain")
    if fan_in + fan_out == 0:
        raise ValueError(f"xavier_uniform needs fan_in + fan_out > 0, got shape {shape!r}")
    bound = g * math.sqrt(6.0 / (fan_in + fan_out))
    if not math.isfinite(2.0 * bound):
        raise ValueError(f"gain is too large: the bound a = {bound!r} must have a finite 2a")
    dims = _check_shape(shape)
    return np.asarray(generator.uniform(-bound, bound, size=dims), dtype=np.float64)
    ### END SOLUTION


def xavier_normal(
    shape: tuple[int, ...], rng: np.random.Generator, gain: float = 1.0
) -> NDArray[np.float64]:
    """Xavier (Glorot) normal initialisation: N(0, s²) with s = gain · √(2 / (fan_in + fan_out)).

    Drawn as ``rng.normal(0.0, s, size=shape)``; ``gain = 0`` gives zeros.

    Parameters
    ----------
    shape : tuple of int
        Shape ``(out, in, *k)`` of the weights, at least 2 dimensions; fans as in
        ``fan_in_and_fan_out``.
    rng : numpy.random.Generator
        The source of randomness.
    gain : float, default 1.0
        Scale factor, a finite real number >= 0.

    Returns
    -------
    ndarray of float64, shape ``shape``
        The weights.

    Raises
    ------
    TypeError
        If ``shape`` is not a tuple (or list) of ints, ``rng`` is not a
        ``numpy.random.Generator``, or ``gain`` is not a real number.
    ValueError
        If ``shape`` has a negative entry or fewer than 2 dimensions, ``fan_in + fan_out == 0``,
        or ``gain`` is negative or not finite.

    Examples
    --------
    A (1, 1) matrix has fan_in + fan_out = 2, so s = √(2/2) = 1, a standard normal:

    >>> W = xavier_normal((1, 1), np.random.default_rng(0))
    >>> bool(np.array_equal(W, np.random.default_rng(0).normal(0.0, 1.0, size=(1, 1))))
    True
    """
    ### BEGIN SOLUTION
    fan_in, fan_out = fan_in_and_fan_out(shape)
    generator = _check_rng(rng)
    g = _check_non_negative(gain, "gain")
    if fan_in + fan_out == 0:
        raise ValueError(f"xavier_normal needs fan_in + fan_out > 0, got shape {shape!r}")
    std = g * math.sqrt(2.0 / (fan_in + fan_out))
    dims = _check_shape(shape)
    return np.asarray(generator.normal(0.0, std, size=dims), dtype=np.float64)
    ### END SOLUTION


def he_uniform(shape: tuple[int, ...], rng: np.random.Generator) -> NDArray[np.float64]:
    """He (Kaiming) uniform initialisation: U[-a, a) with a = √(6 / fan_in).

    The variance a² / 3 = 2 / fan_in (ReLU gain √2, fan_in mode). Drawn as
    ``rng.uniform(-a, a, size=shape)``.

    Parameters
    ----------
    shape : tuple of int
        Shape ``(out, in, *k)`` of the weights, at least 2 dimensions; fans as in
        ``fan_in_and_fan_out``.
    rng : numpy.random.Generator
        The source of randomness.

    Returns
    -------
    ndarray of float64, shape ``shape``
        The weights, every one in ``[-a, a)``.

    Raises
    ------
    TypeError
        If ``shape`` is not a tuple (or list) of ints, or ``rng`` is not a
        ``numpy.random.Generator``.
    ValueError
        If ``shape`` has a negative entry or fewer than 2 dimensions, or ``fan_in == 0``.

    Examples
    --------
    A (4, 6) matrix has fan_in = 6, so a = √(6/6) = 1:

    >>> W = he_uniform((4, 6), np.random.default_rng(0))
    >>> W.shape, bool(np.all((-1.0 <= W) & (W < 1.0)))
    ((4, 6), True)
    """
    ### BEGIN SOLUTION
    fan_in, _ = fan_in_and_fan_out(shape)
    generator = _check_rng(rng)
    if fan_in == 0:
        raise ValueError(f"he_uniform needs fan_in > 0, got shape {shape!r}")
    bound = math.sqrt(6.0 / fan_in)
    dims = _check_shape(shape)
    return np.asarray(generator.uniform(-bound, bound, size=dims), dtype=np.float64)
    ### END SOLUTION


def he_normal(shape: tuple[int, ...], rng: np.random.Generator) -> NDArray[np.float64]:
    """He (Kaiming) normal initialisation: N(0, s²) with s = √(2 / fan_in).

    Drawn as ``rng.normal(0.0, s, size=shape)``.

    Parameters
    ----------
    shape : tuple of int
        Shape ``(out, in, *k)`` of the weights, at least 2 dimensions; fans as in
        ``fan_in_and_fan_out``.
    rng : numpy.random.Generator
        The source of randomness.

    Returns
    -------
    ndarray of float64, shape ``shape``
        The weights.

    Raises
    ------
    TypeError
        If ``shape`` is not a tuple (or list) of ints, or ``rng`` is not a
        ``numpy.random.Generator``.
    ValueError
        If ``shape`` has a negative entry or fewer than 2 dimensions, or ``fan_in == 0``.

    Examples
    --------
    A (3, 2) matrix has fan_in = 2, so s = √(2/2) = 1, a standard normal:

    >>> W = he_normal((3, 2), np.random.default_rng(0))
    >>> bool(np.array_equal(W, np.random.default_rng(0).normal(0.0, 1.0, size=(3, 2))))
    True
    """
    ### BEGIN SOLUTION
    fan_in, _ = fan_in_and_fan_out(shape)
    generator = _check_rng(rng)
    if fan_in == 0:
        raise ValueError(f"he_normal needs fan_in > 0, got shape {shape!r}")
    std = math.sqrt(2.0 / fan_in)
    dims = _check_shape(shape)
    return np.asarray(generator.normal(0.0, std, size=dims), dtype=np.float64)
    ### END SOLUTION


def init_network(
    layer_sizes: list[int] | tuple[int, ...],
    rng: np.random.Generator,
    method: str = "xavier_uniform",
) -> list[tuple[NDArray[np.float64], NDArray[np.float64]]]:
    """Weights and biases of a fully connected network, drawn layer by layer.

    For ``layer_sizes = [n0, n1, ..., nL]`` layer ``l`` (l = 0, ..., L-1) gets
    ``W = method((n_{l+1}, n_l), rng)`` and ``b = zeros((n_{l+1},))``. The layers are drawn in
    order, first layer first, from the one generator ``rng``. ``"normal"`` and ``"uniform"`` use
    their defaults N(0, 1) and U[0, 1); ``"constant"`` is not a method (it needs a value).

    Parameters
    ----------
    layer_sizes : list or tuple of int
        The number of neurons of each layer, inputs first: at least 2 entries, each a positive
        Python or numpy int.
    rng : numpy.random.Generator
        The source of randomness (required for every method, ``"zeros"`` and ``"ones"`` too).
    method : str, default "xavier_uniform"
        One of ``"zeros"``, ``"ones"``, ``"normal"``, ``"uniform"``, ``"xavier_uniform"``,
        ``"xavier_normal"``, ``"he_uniform"``, ``"he_normal"``.

    Returns
    -------
    list of L tuples (W, b)
        ``W`` float64 of shape ``(n_{l+1}, n_l)``, ``b`` float64 zeros of shape ``(n_{l+1},)``.

    Raises
    ------
    TypeError
        If ``layer_sizes`` is not a list or tuple, one of its entries is not an int (``bool``
        and ``float`` included), or ``rng`` is not a ``numpy.random.Generator``.
    ValueError
        If there are fewer than 2 sizes, a size is not positive, or ``method`` is not one of the
        eight names (any non-string included).

    Examples
    --------
    >>> params = init_network([3, 4, 2], np.random.default_rng(0))
    >>> [(W.shape, b.shape) for W, b in params]
    [((4, 3), (4,)), ((2, 4), (2,))]
    """
    ### BEGIN SOLUTION
    sizes = _check_layer_sizes(layer_sizes)
    generator = _check_rng(rng)
    _check_method(method)
    draws: dict[str, Callable[[tuple[int, ...]], NDArray[np.float64]]] = {
        "zeros": lambda s: zeros(s),
        "ones": lambda s: ones(s),
        "normal": lambda s: normal(s, generator),
        "uniform": lambda s: uniform(s, generator),
        "xavier_uniform": lambda s: xavier_uniform(s, generator),
        "xavier_normal": lambda s: xavier_normal(s, generator),
        "he_uniform": lambda s: he_uniform(s, generator),
        "he_normal": lambda s: he_normal(s, generator),
    }
    draw = draws[method]
    params = []
    for n_in, n_out in itertools.pairwise(sizes):
        params.append((draw((n_out, n_in)), zeros((n_out,))))
    return params
    ### END SOLUTION
