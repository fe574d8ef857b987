"""Graders of the neuron topic.

The weighted sum, the four activations and their derivatives, one neuron and a dense layer.

What hides bugs here, and where each is caught:

- the bias: every generated call has a bias drawn from [-10, 10], so forgetting it (or adding it
  after the activation) shows up on the first call; the fixed examples all have a non-zero bias;
- the axes: the first example of ``weighted_sum`` and ``dense_layer`` is a *square* batch
  (m = n, or m = n_in = n_out) with a non-symmetric ``x`` / ``W``, so summing over the batch axis,
  ``x.T @ w``, ``X @ W`` (the Keras layout), a bias added per sample or a transposed output all
  return the right shape and a wrong value that the misconception catalogue names; the
  non-square examples and the generated shapes catch the same bugs by their shape;
- a single sample ``(n,)`` must give a float and a batch of one ``(1, n)`` an array ``(1,)``;
- the activation argument: every name runs as an explicit example, the strategies draw it, and
  calls without it check the default (sigmoid);
- kinks and ties at 0 (``relu'(0) = 0``), int and list inputs (float64 results), float64 array
  inputs (mutated in place or handed back), and ``|z|`` up to 1e4 for stability (the naive
  sigmoid overflows at ``z = -1e3``; ``exp(z) / (1 + exp(z))`` is NaN at ``z = 1e3``).

Only what the API states is graded: bad calls are the shape errors it names (last axis of ``x``
against ``len(w)``, a non-scalar bias, a non-2-D ``X``, shapes of ``X``, ``W`` and ``b`` that do
not fit) and unknown activation names; the reference's stricter choices (bools rejected, the
activation checked first) are not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from hypothesis import strategies as st
from numpy.typing import NDArray

from neurograde.authoring import (
    BadCall,
    Call,
    Example,
    FunctionSpec,
    Misconception,
    activations,
    arrays,
    floats,
    shapes,
    sizes,
)
from solutions import neuron as ref

Array = NDArray[np.float64]
Activation = Callable[[Any], Any]

_ACTIVATE: dict[str, Activation] = {
    "identity": ref.identity,
    "sigmoid": ref.sigmoid,
    "tanh": ref.tanh,
    "relu": ref.relu,
}


# -- helpers of the trusted side --------------------------------------------------------------
def _f(value: Any) -> Array:
    """``value`` as a float64 array (a copy: mistakes never touch the grader's inputs)."""
    return np.array(value, dtype=np.float64)


def _result(values: Any) -> float | Array:
    """Return what the API returns: a float for a 0-d result, else the float64 array."""
    array = np.asarray(values, dtype=np.float64)
    return float(array) if array.ndim == 0 else array


# -- strategies -------------------------------------------------------------------------------
def _optional_activation() -> st.SearchStrategy[dict[str, str]]:
    """No ``activation`` (the default, sigmoid) or one of the four names."""
    return st.one_of(st.just({}), st.fixed_dictionaries({"activation": activations()}))


@st.composite
def _weighted_sum_calls(draw: st.DrawFn, with_activation: bool = False) -> Call:
    """``x`` of shape ``(n,)`` or ``(m, n)`` (square and not), ``w`` ``(n,)``, a float ``b``."""
    n = draw(sizes(1, 6))
    m = draw(st.one_of(st.none(), sizes(1, 6)))
    x = draw(arrays((n,) if m is None else (m, n)))
    w = draw(arrays((n,)))
    b = draw(floats())
    kwargs = draw(_optional_activation()) if with_activation else {}
    return (x, w, b), kwargs


@st.composite
def _dense_layer_calls(draw: st.DrawFn) -> Call:
    """``X`` ``(m, n_in)``, ``W`` ``(n_out, n_in)``, ``b`` ``(n_out,)``, any activation."""
    m, n_in, n_out = draw(sizes(1, 5)), draw(sizes(1, 5)), draw(sizes(1, 5))
    X = draw(arrays((m, n_in), -3.0, 3.0))
    W = draw(arrays((n_out, n_in), -3.0, 3.0))
    b = draw(arrays((n_out,), -3.0, 3.0))
    return (X, W, b), draw(_optional_activation())


def _elementwise_calls(low: float = -20.0, high: float = 20.0) -> st.SearchStrategy[Call]:
    """One float64 array of 1 to 3 dimensions (scalars are fixed examples)."""
    return st.tuples(st.tuples(arrays(shapes(1, 3, 4), low, high)), st.just({}))


# -- fixed examples shared by the elementwise functions ---------------------------------------
# The first one is the plain input of the `returns` layer: a float64 array (so that returning it
# or writing into it is seen), 2-D and non-square, with an exact 0 (the kink of relu).
_Z_EXAMPLES = [
    Example(
        "a non-square 2-D float64 array holding an exact 0",
        (np.array([[-2.0, 0.0, 0.5], [3.0, -0.25, 1.0]]),),
    ),
    Example("a list of ints with ties at 0", ([-3, 0, 0, 2],)),
    Example("an int array", (np.array([[1, -1], [0, 4]]),)),
    Example("a batch of one, shape (1, 3)", (np.array([[0.0, -1.5, 2.0]]),)),
    Example("a one-element float64 array holding 0", (np.array([0.0]),)),
    Example("a 3-D float64 array", (np.linspace(-3.0, 3.0, 12).reshape(2, 3, 2),)),
    Example("a Python float", (0.75,)),
    Example("a negative Python float", (-1.5,)),
    Example("the int scalar 0 (the kink of relu)", (0,)),
]

_Z_EXTREMES = [
    Example(
        "|z| = 1e3 and 1e4 in an array",
        (np.array([-1e4, -1e3, -800.0, -40.0, 40.0, 800.0, 1e3, 1e4]),),
    ),
    Example("the scalar z = -1e3", (-1e3,)),
    Example("the scalar z = 1e3", (1e3,)),
]


# -- misconceptions: weighted_sum -------------------------------------------------------------
def _ws_no_bias(x: Any, w: Any, b: Any) -> float | Array:
    return _result(_f(x) @ _f(w))


def _ws_batch_axis(x: Any, w: Any, b: Any) -> float | Array:
    return _result(np.sum(_f(x) * _f(w), axis=0) + float(b))


def _ws_transposed_x(x: Any, w: Any, b: Any) -> float | Array:
    return _result(_f(x).T @ _f(w) + float(b))


def _ws_column_w(x: Any, w: Any, b: Any) -> float | Array:
    if np.ndim(x) != 2:
        raise ValueError("a mistake about batches only")
    return _result(_f(x) @ _f(w)[:, None] + float(b))


def _ws_always_batch(x: Any, w: Any, b: Any) -> float | Array:
    return _result(np.atleast_2d(_f(x)) @ _f(w) + float(b))


def _ws_squeezed(x: Any, w: Any, b: Any) -> float | Array:
    return _result(np.squeeze(_f(x) @ _f(w) + float(b)))


def _ws_bias_on_inputs(x: Any, w: Any, b: Any) -> float | Array:
    return _result((_f(x) + float(b)) @ _f(w))


_WEIGHTED_SUM_MISTAKES = [
    Misconception("the bias b was left out (z = x . w)", _ws_no_bias),
    Misconception(
        "the sum runs over the batch axis (axis 0) instead of the features (axis -1)",
        _ws_batch_axis,
    ),
    Misconception(
        "x is transposed (x.T @ w): the weights multiply samples instead of features",
        _ws_transposed_x,
    ),
    Misconception(
        "w is used as a column (n, 1), so a batch gives shape (m, 1) instead of (m,)", _ws_column_w
    ),
    Misconception(
        "a single sample is turned into a batch of one (np.atleast_2d), giving an array of "
        "shape (1,) instead of a float",
        _ws_always_batch,
    ),
    Misconception(
        "the result is squeezed, so a batch of one gives a float instead of an array of shape (1,)",
        _ws_squeezed,
    ),
    Misconception(
        "the bias is added to every input before weighting ((x + b) . w)", _ws_bias_on_inputs
    ),
]


# -- misconceptions: the elementwise functions ------------------------------------------------
def _sigmoid_of_minus_z(z: Any) -> float | Array:
    return ref.sigmoid(-_f(z))


def _sigmoid_derivative_at_z(z: Any) -> float | Array:
    s = _f(z)
    return _result(s * (1.0 - s))


def _sigmoid_not_differentiated(z: Any) -> float | Array:
    return ref.sigmoid(z)


def _tanh_as_sigmoid(z: Any) -> float | Array:
    return ref.sigmoid(z)


def _tanh_sigmoid_of_z(z: Any) -> float | Array:
    return _result(2.0 * _f(ref.sigmoid(z)) - 1.0)


def _tanh_derivative_at_z(z: Any) -> float | Array:
    return _result(1.0 - _f(z) ** 2)


def _tanh_derivative_no_square(z: Any) -> float | Array:
    return _result(1.0 - np.tanh(_f(z)))


def _tanh_derivative_plus(z: Any) -> float | Array:
    return _result(1.0 + np.tanh(_f(z)) ** 2)


def _relu_reduction(z: Any) -> Any:
    if np.ndim(z) == 0:
        raise ValueError("a scalar has no axis to reduce")
    return np.max(_f(z), axis=0)


def _relu_minimum(z: Any) -> float | Array:
    return _result(np.minimum(_f(z), 0.0))


def _relu_derivative_one_at_zero(z: Any) -> float | Array:
    return _result((_f(z) >= 0).astype(np.float64))


def _relu_derivative_sign(z: Any) -> float | Array:
    return _result(np.sign(_f(z)))


def _relu_derivative_is_relu(z: Any) -> float | Array:
    return ref.relu(z)


def _identity_is_ones(z: Any) -> float | Array:
    return _result(np.ones_like(_f(z)))


def _identity_derivative_is_z(z: Any) -> float | Array:
    return _result(_f(z))


def _identity_derivative_zeros(z: Any) -> float | Array:
    return _result(np.zeros_like(_f(z)))


# -- misconceptions: neuron_output and dense_layer --------------------------------------------
def _name(kwargs: dict[str, Any]) -> str:
    return str(kwargs.get("activation", "sigmoid"))


def _neuron_no_bias(x: Any, w: Any, b: Any, **kwargs: Any) -> Any:
    return _ACTIVATE[_name(kwargs)](_ws_no_bias(x, w, b))


def _neuron_bias_after(x: Any, w: Any, b: Any, **kwargs: Any) -> Any:
    return _result(_f(_ACTIVATE[_name(kwargs)](_ws_no_bias(x, w, b))) + float(b))


def _neuron_always_sigmoid(x: Any, w: Any, b: Any, **kwargs: Any) -> Any:
    return ref.sigmoid(ref.weighted_sum(x, w, b))


def _neuron_default(default: str) -> Callable[..., Any]:
    def mistaken(x: Any, w: Any, b: Any, **kwargs: Any) -> Any:
        if "activation" in kwargs:
            raise ValueError("only calls that rely on the default are this mistake")
        return _ACTIVATE[default](ref.weighted_sum(x, w, b))

    return mistaken


def _dense(z: Any, kwargs: dict[str, Any]) -> Any:
    return _ACTIVATE[_name(kwargs)](z)


def _dense_no_bias(X: Any, W: Any, b: Any, **kwargs: Any) -> Any:
    return _dense(_f(X) @ _f(W).T, kwargs)


def _dense_bias_after(X: Any, W: Any, b: Any, **kwargs: Any) -> Any:
    return _f(_dense(_f(X) @ _f(W).T, kwargs)) + _f(b)


def _dense_always_sigmoid(X: Any, W: Any, b: Any, **kwargs: Any) -> Any:
    return ref.sigmoid(_f(X) @ _f(W).T + _f(b))


def _dense_keras_layout(X: Any, W: Any, b: Any, **kwargs: Any) -> Any:
    return _dense(_f(X) @ _f(W) + _f(b), kwargs)


def _dense_bias_per_sample(X: Any, W: Any, b: Any, **kwargs: Any) -> Any:
    return _dense(_f(X) @ _f(W).T + _f(b)[:, None], kwargs)


def _dense_transposed(X: Any, W: Any, b: Any, **kwargs: Any) -> Any:
    return _f(ref.dense_layer(X, W, b, **kwargs)).T


def _dense_squeezed(X: Any, W: Any, b: Any, **kwargs: Any) -> Any:
    return np.squeeze(_f(ref.dense_layer(X, W, b, **kwargs)))


def _dense_default(default: str) -> Callable[..., Any]:
    def mistaken(X: Any, W: Any, b: Any, **kwargs: Any) -> Any:
        if "activation" in kwargs:
            raise ValueError("only calls that rely on the default are this mistake")
        return _ACTIVATE[default](_f(X) @ _f(W).T + _f(b))

    return mistaken


def _default_mistakes(make: Callable[[str], Callable[..., Any]]) -> list[Misconception]:
    return [
        Misconception(
            f'the default activation is "{name}" (the API\'s default is "sigmoid")', make(name)
        )
        for name in ("relu", "identity", "tanh")
    ]


_NEURON_MISTAKES = [
    Misconception("the bias b was left out (y = f(x . w))", _neuron_no_bias),
    Misconception("the bias is added after the activation (y = f(x . w) + b)", _neuron_bias_after),
    Misconception(
        "the activation argument is ignored and the sigmoid is always applied",
        _neuron_always_sigmoid,
    ),
    *_default_mistakes(_neuron_default),
]

_DENSE_MISTAKES = [
    Misconception("the bias b was left out (Y = f(X @ W.T))", _dense_no_bias),
    Misconception("the bias is added after the activation (Y = f(X @ W.T) + b)", _dense_bias_after),
    Misconception(
        "the activation argument is ignored and the sigmoid is always applied",
        _dense_always_sigmoid,
    ),
    Misconception(
        "W is read as (n_in, n_out), the Keras layout: X @ W instead of X @ W.T "
        "(W has shape (n_out, n_in), one row per neuron)",
        _dense_keras_layout,
    ),
    Misconception(
        "the bias is added per sample (b[:, None], a column) instead of per neuron (a row)",
        _dense_bias_per_sample,
    ),
    Misconception(
        "the output is transposed: (n_out, m), as W @ X.T gives, instead of (m, n_out)",
        _dense_transposed,
    ),
    Misconception(
        "the output is squeezed, so one neuron or one sample loses its axis", _dense_squeezed
    ),
    *_default_mistakes(_dense_default),
]


# -- fixed examples: weighted_sum, neuron_output, dense_layer ---------------------------------
# Square first: the axis mistakes keep the right shape there, and are named by the catalogue.
_X_SQUARE = np.array([[1.0, 2.0], [3.0, 4.0]])
_X_WIDE = np.array([[1.0, 2.0, 3.0], [-4.0, 0.5, 0.0]])
_X_TALL = np.array([[1.0, 2.0], [3.0, -4.0], [0.5, 0.0]])

_WS_EXAMPLES = [
    Example(
        "a square batch (m = n = 2) that is not symmetric",
        (_X_SQUARE, np.array([1.0, -2.0]), 0.5),
    ),
    Example("a non-square batch (m = 3, n = 2)", (_X_TALL, np.array([0.5, -1.0]), 0.25)),
    Example("a non-square batch (m = 2, n = 3)", (_X_WIDE, np.array([1.0, -1.0, 2.0]), -1.5)),
    Example("one sample, shape (n,)", (np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 2.0]), 1.0)),
    Example(
        "a batch of one, shape (1, n)",
        (np.array([[1.0, 2.0, 3.0]]), np.array([0.5, -1.0, 2.0]), 1.0),
    ),
    Example("a single input (n = 1)", (np.array([[2.0], [3.0]]), np.array([1.5]), -2.0)),
    Example("int lists, one sample", ([1, 2, 3], [0, 1, 2], 1)),
    Example("int lists, a batch", ([[1, 2, 3], [4, 5, 6]], [1, 0, -1], 2)),
    Example(
        "a numpy float64 bias",
        (np.array([[0.5, -0.5]]), np.array([2.0, 4.0]), np.float64(-0.75)),
    ),
]

_NEURON_EXAMPLES = [
    Example(
        "a square batch (m = n = 2), default activation",
        (_X_SQUARE, np.array([1.0, -2.0]), 0.5),
    ),
    *(
        Example(
            f'a non-square batch (m = 3, n = 2), activation="{name}"',
            (_X_TALL, np.array([0.5, -1.0]), 0.25),
            {"activation": name},
        )
        for name in ("identity", "relu", "tanh", "sigmoid")
    ),
    Example(
        "one sample, shape (n,), default activation",
        (np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 2.0]), -0.5),
    ),
    Example(
        'one sample, activation="relu", z < 0',
        (np.array([1.0, 2.0]), np.array([1.0, -1.0]), 0.5),
        {"activation": "relu"},
    ),
    Example(
        'a batch of one, shape (1, n), activation="tanh"',
        (np.array([[1.0, 2.0, 3.0]]), np.array([0.5, -1.0, 2.0]), 1.0),
        {"activation": "tanh"},
    ),
    Example(
        'int lists, activation="identity"',
        ([[1, 2, 3], [4, 5, 6]], [1, 0, -1], 2),
        {"activation": "identity"},
    ),
    Example("int lists, one sample, default activation", ([1, 2], [3, -1], 0)),
]

_W_SQUARE = np.array([[1.0, -1.0], [2.0, 0.5]])  # not symmetric
_B_TWO = np.array([0.5, -1.0])
_W_WIDE = np.array([[0.5, -1.0, 0.25], [1.0, 0.0, -1.0], [-0.5, 0.5, 2.0], [0.1, 0.2, 0.3]])
_B_FOUR = np.array([0.1, -0.2, 0.3, -0.4])

_DENSE_EXAMPLES = [
    Example(
        "a square layer (m = n_in = n_out = 2, W not symmetric), default activation",
        (np.array([[1.0, 2.0], [-1.0, 0.5]]), _W_SQUARE, _B_TWO),
    ),
    *(
        Example(
            f'a non-square layer (m = 2, n_in = 3, n_out = 4), activation="{name}"',
            (_X_WIDE, _W_WIDE, _B_FOUR),
            {"activation": name},
        )
        for name in ("identity", "relu", "tanh", "sigmoid")
    ),
    Example(
        "a non-square layer (m = 2, n_in = 3, n_out = 4), default activation",
        (_X_WIDE, _W_WIDE, _B_FOUR),
    ),
    Example(
        'a square W that is symmetric, m = 3, activation="identity"',
        (_X_TALL, np.array([[1.0, 2.0], [2.0, -1.0]]), _B_TWO),
        {"activation": "identity"},
    ),
    Example(
        'a batch of one, shape (1, n_in), activation="identity"',
        (np.array([[1.0, 2.0, 3.0]]), _W_WIDE, _B_FOUR),
        {"activation": "identity"},
    ),
    Example(
        'one neuron (n_out = 1), activation="tanh"',
        (_X_WIDE, np.array([[0.5, -1.0, 2.0]]), np.array([0.25])),
        {"activation": "tanh"},
    ),
    Example(
        'a single input (n_in = 1), activation="relu"',
        (np.array([[2.0], [-3.0], [0.0]]), np.array([[1.5], [-0.5]]), np.array([-1.0, 0.5])),
        {"activation": "relu"},
    ),
    Example(
        'int lists, activation="relu"',
        ([[1, 2], [3, 4], [5, 6]], [[1, 0], [0, 1], [1, -1]], [0, 1, -1]),
        {"activation": "relu"},
    ),
]


# -- the specs --------------------------------------------------------------------------------
def _elementwise(name: str, points: float, misconceptions: list[Misconception]) -> FunctionSpec:
    return FunctionSpec(
        name,
        points=points,
        calls=_elementwise_calls(),
        examples=_Z_EXAMPLES,
        extremes=_Z_EXTREMES,
        misconceptions=misconceptions,
        scalar_may_be_0d=True,
    )


SPECS = [
    FunctionSpec(
        "weighted_sum",
        points=3,
        calls=_weighted_sum_calls(),
        examples=_WS_EXAMPLES,
        bad_calls=[
            BadCall(
                "x of shape (2, 3) with w of shape (2,)",
                (np.ones((2, 3)), np.ones(2), 0.0),
                ValueError,
            ),
            BadCall(
                "x of shape (3,) with w of shape (2,)", (np.ones(3), np.ones(2), 0.0), ValueError
            ),
            BadCall(
                "x of shape (2, 2) with w of shape (3,)",
                (np.ones((2, 2)), np.ones(3), 0.0),
                ValueError,
            ),
            BadCall(
                "a bias of shape (m,) = (2,), not a scalar",
                (np.ones((2, 3)), np.ones(3), np.array([0.5, 1.0])),
                ValueError,
            ),
            BadCall(
                "a bias given as a list of two numbers for one sample",
                (np.ones(3), np.ones(3), [0.5, 1.0]),
                ValueError,
            ),
        ],
        misconceptions=_WEIGHTED_SUM_MISTAKES,
    ),
    _elementwise(
        "sigmoid",
        2,
        [
            Misconception(
                "the minus sign of exp(-z) is lost: 1 / (1 + exp(z)) is sigmoid(-z)",
                _sigmoid_of_minus_z,
            ),
        ],
    ),
    _elementwise(
        "sigmoid_derivative",
        2,
        [
            Misconception(
                "s * (1 - s) is applied to z itself instead of to s = sigmoid(z): it is the "
                "derivative written in terms of the activation, not of z",
                _sigmoid_derivative_at_z,
            ),
            Misconception(
                "the sigmoid itself is returned instead of its derivative",
                _sigmoid_not_differentiated,
            ),
        ],
    ),
    _elementwise(
        "tanh",
        1,
        [
            Misconception(
                "tanh(z) is written as 2 * sigmoid(z) - 1; the identity is 2 * sigmoid(2 z) - 1",
                _tanh_sigmoid_of_z,
            ),
            Misconception("the sigmoid is used in place of tanh", _tanh_as_sigmoid),
        ],
    ),
    _elementwise(
        "tanh_derivative",
        1,
        [
            Misconception(
                "1 - t**2 is applied to z itself instead of to t = tanh(z): it is the derivative "
                "written in terms of the activation, not of z",
                _tanh_derivative_at_z,
            ),
            Misconception(
                "the square is forgotten: 1 - tanh(z) instead of 1 - tanh(z)**2",
                _tanh_derivative_no_square,
            ),
            Misconception(
                "the sign is wrong: 1 + tanh(z)**2 instead of 1 - tanh(z)**2", _tanh_derivative_plus
            ),
        ],
    ),
    _elementwise(
        "relu",
        1,
        [
            Misconception(
                "np.max (the largest entry along an axis) is used instead of np.maximum "
                "(elementwise max(z, 0))",
                _relu_reduction,
            ),
            Misconception("min(z, 0) is taken instead of max(z, 0)", _relu_minimum),
        ],
    ),
    _elementwise(
        "relu_derivative",
        2,
        [
            Misconception(
                "the derivative at z = 0 is taken as 1 (z >= 0); the API, like PyTorch, uses 0 "
                "(z > 0)",
                _relu_derivative_one_at_zero,
                convention=True,
            ),
            Misconception(
                "np.sign(z) is used: it gives -1, not 0, for z < 0", _relu_derivative_sign
            ),
            Misconception(
                "relu itself is returned instead of its derivative", _relu_derivative_is_relu
            ),
        ],
    ),
    _elementwise(
        "identity",
        1,
        [Misconception("the derivative (ones) is returned instead of z itself", _identity_is_ones)],
    ),
    _elementwise(
        "identity_derivative",
        1,
        [
            Misconception(
                "z itself (the identity) is returned instead of its derivative, ones",
                _identity_derivative_is_z,
            ),
            Misconception(
                "zeros are returned; the derivative of z is 1", _identity_derivative_zeros
            ),
        ],
    ),
    FunctionSpec(
        "neuron_output",
        points=2,
        calls=_weighted_sum_calls(with_activation=True),
        examples=_NEURON_EXAMPLES,
        extremes=[
            Example("z = -1e3, default activation", (np.array([1e3]), np.array([-1.0]), 0.0)),
            Example(
                'z = 1e3 and -1e3 in a batch, activation="sigmoid"',
                (np.array([[1e3], [-1e3]]), np.array([1.0]), 0.0),
                {"activation": "sigmoid"},
            ),
            Example(
                'z = 1e3 and -1e3 in a batch, activation="tanh"',
                (np.array([[1e3], [-1e3]]), np.array([1.0]), 0.0),
                {"activation": "tanh"},
            ),
        ],
        bad_calls=[
            BadCall(
                'the unknown activation "softmax"',
                (np.ones((2, 3)), np.ones(3), 0.0),
                ValueError,
                {"activation": "softmax"},
            ),
            BadCall(
                'the unknown activation "step"',
                (np.ones(3), np.ones(3), 0.0),
                ValueError,
                {"activation": "step"},
            ),
            BadCall(
                "x of shape (2, 3) with w of shape (2,)",
                (np.ones((2, 3)), np.ones(2), 0.0),
                ValueError,
            ),
        ],
        misconceptions=_NEURON_MISTAKES,
        # f(weighted_sum(...)) with an elementwise f that returns a 0-d array for a scalar (which
        # the API allows) is a correct neuron: its 0-d result is accepted like a float.
        scalar_may_be_0d=True,
    ),
    FunctionSpec(
        "dense_layer",
        points=3,
        calls=_dense_layer_calls(),
        examples=_DENSE_EXAMPLES,
        extremes=[
            Example(
                "pre-activations of 1e3 and -1e3, default activation",
                (np.array([[1e3, -1e3]]), np.eye(2), np.zeros(2)),
            ),
            Example(
                'pre-activations of 1e3 and -1e3, activation="tanh"',
                (np.array([[1e3, -1e3]]), np.eye(2), np.zeros(2)),
                {"activation": "tanh"},
            ),
        ],
        bad_calls=[
            BadCall(
                'the unknown activation "softmax"',
                (np.ones((2, 3)), np.ones((4, 3)), np.zeros(4)),
                ValueError,
                {"activation": "softmax"},
            ),
            BadCall(
                "X of shape (3,): one sample must be 2-D, (1, 3)",
                (np.ones(3), np.ones((2, 3)), np.zeros(2)),
                ValueError,
            ),
            BadCall(
                "X of shape (1, 2, 3), not 2-D",
                (np.ones((1, 2, 3)), np.ones((2, 3)), np.zeros(2)),
                ValueError,
            ),
            BadCall(
                "X of shape (2, 3) with W of shape (4, 2)",
                (np.ones((2, 3)), np.ones((4, 2)), np.zeros(4)),
                ValueError,
            ),
            BadCall(
                "b of shape (1,) for W of shape (4, 3): one bias would broadcast to every neuron",
                (np.ones((2, 3)), np.ones((4, 3)), np.zeros(1)),
                ValueError,
            ),
            BadCall(
                "b of shape (3,) for W of shape (4, 3)",
                (np.ones((2, 3)), np.ones((4, 3)), np.zeros(3)),
                ValueError,
            ),
        ],
        misconceptions=_DENSE_MISTAKES,
    ),
]
