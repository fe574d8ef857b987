"""Graders of the chain_rule topic: gradients through one hidden layer.

The network: ``X`` (m, n) → z1 = X W1ᵀ + b1 → a1 = f_hidden(z1) → z2 = a1 W2ᵀ + b2 →
ŷ = f_output(z2), loss L = mean((ŷ - y)²).

How the inputs are chosen
- Networks are small (n, h ≤ 5, m ≤ 6) and well scaled (|X| ≤ 2, |W| ≤ 1, |b| ≤ 0.5), so that
  every quantity is of order one and the comparisons with the reference can be tight.
- relu is not differentiable at 0, and whether a pre-activation that is mathematically 0 comes
  out as +1e-17 or -1e-17 depends on the order of the additions. So when relu is in a network,
  its entries are drawn from a dyadic grid (multiples of 1/8): every product and sum of the
  forward pass up to the first smooth activation is then exact in float64, in any order, and
  every correct implementation sees the same side of every kink (ties at exactly 0 included,
  where relu'(0) = 0). A relu *output* after a smooth hidden layer is kept away from its kink.
- The fixed examples run every activation pair (hidden and output among identity, sigmoid,
  tanh, relu), non-square networks (n ≠ h, so that a transposed gradient has the wrong shape),
  a square one, batches of one and of several (with m ≠ n, so that a batch size read from the
  wrong axis shows), default and non-default arguments, int arrays and Python lists.
- Generated networks: Hypothesis draws the sizes, the activation pair and one seed, and numpy
  draws the entries from that seed (on the grid, or with 4 decimals when no relu is involved).
  A few choices shrink quickly to the smallest failing network; one choice per entry made the
  shrinking of a failing mutant take seconds.
- Central differences are compared with their own tolerance: the reference and the learner
  compute the same formula with the same eps, but the rounding of L(θ ± eps) is amplified by
  1 / (2 eps).

``init_params`` is random: its values are graded by reproducibility, randomness, the untouched
global generator and :class:`XavierInit` (zero biases, Xavier-uniform weights), not against the
reference.
"""

from __future__ import annotations

import copy
import itertools
import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from hypothesis import strategies as st
from numpy.typing import NDArray

from neurograde.authoring import (
    ACTIVATIONS,
    Args,
    BadCall,
    Call,
    Distribution,
    Example,
    FunctionSpec,
    GlobalRngUntouched,
    HoeffdingUniform,
    Kwargs,
    Law,
    Misconception,
    Problem,
    Random,
    Reproducible,
    Tolerance,
    Trial,
    describe,
)

Array = NDArray[np.float64]
Params = dict[str, Array]
KEYS = ("W1", "b1", "W2", "b2")
SMOOTH = ("identity", "sigmoid", "tanh")
PAIRS = list(itertools.product(ACTIVATIONS, ACTIVATIONS))

# ---------------------------------------------------------------------------------------------
# Trusted arithmetic of the mistakes (independent of the reference's code)
# ---------------------------------------------------------------------------------------------


def _sigmoid(z: Array) -> Array:
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_slope(z: Array) -> Array:
    e = np.exp(-np.abs(z))
    return e / np.square(1.0 + e)


def _identity(z: Array) -> Array:
    return np.array(z, dtype=np.float64)


def _identity_slope(z: Array) -> Array:
    return np.ones_like(z)


def _tanh(z: Array) -> Array:
    return np.tanh(z)


def _tanh_slope(z: Array) -> Array:
    return 1.0 - np.square(np.tanh(z))


def _relu(z: Array) -> Array:
    return np.maximum(z, 0.0)


def _relu_slope(z: Array) -> Array:
    return np.where(z > 0, 1.0, 0.0)


_F: dict[str, Callable[[Array], Array]] = {
    "identity": _identity,
    "sigmoid": _sigmoid,
    "tanh": _tanh,
    "relu": _relu,
}
_DF: dict[str, Callable[[Array], Array]] = {
    "identity": _identity_slope,
    "sigmoid": _sigmoid_slope,
    "tanh": _tanh_slope,
    "relu": _relu_slope,
}


def _params(params: Mapping[str, Any]) -> Params:
    return {key: np.array(params[key], dtype=np.float64) for key in KEYS}


def _passes(
    X: Any, params: Mapping[str, Any], hidden: str, output: str
) -> tuple[Array, Params, Array, Array, Array, Array]:
    """``X, params, z1, a1, z2 (m,), y_hat (m,)`` as float64 arrays."""
    Xa = np.array(X, dtype=np.float64)
    p = _params(params)
    z1 = Xa @ p["W1"].T + p["b1"]
    a1 = _F[hidden](z1)
    z2 = a1 @ p["W2"][0] + p["b2"][0]
    return Xa, p, z1, a1, z2, _F[output](z2)


def _loss(X: Any, y: Any, params: Mapping[str, Any], hidden: str, output: str) -> float:
    y_hat = _passes(X, params, hidden, output)[-1]
    return float(np.mean(np.square(y_hat - np.asarray(y, dtype=np.float64))))


# forward -------------------------------------------------------------------------------------


def _forward_variant(**options: Any) -> Callable[..., Any]:
    def mistaken(
        X: Any, params: Mapping[str, Any], hidden: str = "sigmoid", output: str = "sigmoid"
    ) -> Any:
        Xa = np.array(X, dtype=np.float64)
        p = _params(params)
        z1 = Xa @ p["W1"].T + (p["b1"] if options.get("bias", True) else 0.0)
        a1 = _F[hidden](z1) if options.get("hidden", True) else z1
        z2 = a1 @ p["W2"].T + (p["b2"] if options.get("bias", True) else 0.0)  # (m, 1)
        y_hat = _F[output](z2) if options.get("output", True) else z2
        return y_hat if options.get("column", False) else y_hat[:, 0]

    return mistaken


FORWARD_MISTAKES = [
    Misconception(
        "the output column z2 of shape (m, 1) was not flattened: ŷ must have shape (m,)",
        _forward_variant(column=True),
    ),
    Misconception(
        "the output activation was left out (ŷ = z2 instead of f_output(z2))",
        _forward_variant(output=False),
    ),
    Misconception(
        "the hidden activation was left out (a1 = z1 instead of f_hidden(z1))",
        _forward_variant(hidden=False),
    ),
    Misconception("the biases b1 and b2 were left out", _forward_variant(bias=False)),
]

# chain_rule_terms ----------------------------------------------------------------------------


def _terms_variant(**options: Any) -> Callable[..., Any]:
    def mistaken(
        x: Any,
        y: Any,
        params: Mapping[str, Any],
        i: Any,
        j: Any,
        hidden: str = "sigmoid",
        output: str = "sigmoid",
    ) -> Any:
        xa = np.array(x, dtype=np.float64)
        _, p, z1, a1, z2, y_hat = _passes(xa[np.newaxis, :], params, hidden, output)
        i, j = int(i), int(j)
        w_index = j if options.get("w_index_j", False) else i
        x_index = i if options.get("x_index_i", False) else j
        slope_hidden = a1[0] if options.get("hidden_at_a1", False) else z1[0]
        slope_output = y_hat if options.get("output_at_yhat", False) else z2
        error = float(y_hat[0]) - float(y)
        return {
            "dE_dyhat": options.get("factor", 2.0) * options.get("sign", 1.0) * error,
            "dyhat_dz2": float(_DF[output](slope_output)[0]),
            "dz2_da1": float(p["W2"][0, w_index]),
            "da1_dz1": float(_DF[hidden](slope_hidden)[i]),
            "dz1_dw": float(xa[x_index]),
        }

    return mistaken


TERMS_MISTAKES = [
    Misconception(
        "the hidden derivative was taken at the activation a1 instead of at the "
        "pre-activation z1: da1_dz1 = f_hidden'(z1[i])",
        _terms_variant(hidden_at_a1=True),
    ),
    Misconception(
        "the output derivative was taken at the prediction ŷ instead of at z2: "
        "dyhat_dz2 = f_output'(z2)",
        _terms_variant(output_at_yhat=True),
    ),
    Misconception(
        "dz2_da1 was read as W2[0, j]: the hidden neuron's index is i, so dz2_da1 = W2[0, i]",
        _terms_variant(w_index_j=True),
    ),
    Misconception(
        "dz1_dw was read as x[i]: W1[i, j] multiplies the input x[j]",
        _terms_variant(x_index_i=True),
    ),
    Misconception(
        "the factor 2 of d(ŷ - y)²/dŷ = 2(ŷ - y) was left out", _terms_variant(factor=1.0)
    ),
    Misconception("dE_dyhat was written 2(y - ŷ): the sign is 2(ŷ - y)", _terms_variant(sign=-1.0)),
]

# backward ------------------------------------------------------------------------------------


def _backprop(
    X: Any,
    y: Any,
    params: Mapping[str, Any],
    hidden: str,
    output: str,
    *,
    factor: float = 2.0,
    divisor: str = "m",
    sign: float = 1.0,
    hidden_slope: bool = True,
    output_slope: bool = True,
    b1: str = "sum",
    transpose: bool = False,
    relu_slope_at_0: float = 0.0,
) -> Params:
    """The backward pass, with the options that reproduce the catalogued mistakes."""
    Xa, p, z1, a1, z2, y_hat = _passes(X, params, hidden, output)
    m, n = Xa.shape
    scale = {"m": 1.0 / m, "n": 1.0 / n, "m2": 1.0 / m**2, "1": 1.0}[divisor]
    error = sign * (y_hat - np.asarray(y, dtype=np.float64))

    def slope(name: str, z: Array) -> Array:
        if name == "relu":
            return np.where(z > 0, 1.0, np.where(z == 0, relu_slope_at_0, 0.0))
        return _DF[name](z)

    delta2 = factor * scale * error * (slope(output, z2) if output_slope else 1.0)
    delta1 = delta2[:, np.newaxis] * p["W2"] * (slope(hidden, z1) if hidden_slope else 1.0)
    grad_b1 = {"sum": delta1.sum(axis=0), "rows": delta1, "first": delta1[0]}[b1]
    return {
        "W1": Xa.T @ delta1 if transpose else delta1.T @ Xa,
        "b1": grad_b1,
        "W2": (delta2 @ a1)[np.newaxis, :],
        "b2": np.array([delta2.sum()]),
    }


def _backward_variant(**options: Any) -> Callable[..., Any]:
    def mistaken(
        X: Any,
        y: Any,
        params: Mapping[str, Any],
        hidden: str = "sigmoid",
        output: str = "sigmoid",
    ) -> Any:
        return _backprop(X, y, params, hidden, output, **options)

    return mistaken


BACKWARD_MISTAKES = [
    Misconception(
        "relu'(0) was taken as 1 (z >= 0) at a pre-activation exactly 0; the API, like PyTorch, "
        "uses relu'(0) = 0 (z > 0)",
        _backward_variant(relu_slope_at_0=1.0),
        convention=True,
    ),
    Misconception(
        "the bias gradient was not summed over the batch: dL/db1 is delta1.sum(axis=0), "
        "shape (h,), not delta1 of shape (m, h)",
        _backward_variant(b1="rows"),
    ),
    Misconception(
        "dL/dW1 was computed as X.T @ delta1, of shape (n, h): a gradient has the shape of its "
        "parameter, W1's (h, n), so it is delta1.T @ X",
        _backward_variant(transpose=True),
    ),
    Misconception(
        "the derivative of the hidden activation f_hidden'(z1) was left out of delta1",
        _backward_variant(hidden_slope=False),
    ),
    Misconception(
        "the derivative of the output activation f_output'(z2) was left out of delta2",
        _backward_variant(output_slope=False),
    ),
    Misconception(
        "the factor 2 of d(ŷ - y)²/dŷ = 2(ŷ - y) was left out", _backward_variant(factor=1.0)
    ),
    Misconception(
        "the gradients were summed over the batch instead of averaged: L is a mean, so every "
        "gradient carries a factor 1/m",
        _backward_variant(divisor="1"),
    ),
    Misconception(
        "the gradients were divided by m twice (once in delta2 and once more at the end)",
        _backward_variant(divisor="m2"),
    ),
    Misconception(
        "the batch size m was read from X.shape[1] (the number of features n) instead of "
        "X.shape[0]",
        _backward_variant(divisor="n"),
    ),
    Misconception(
        "the bias gradient dL/db1 kept only the first sample's delta1[0] instead of summing "
        "over the batch",
        _backward_variant(b1="first"),
    ),
    Misconception(
        "the error was written (y - ŷ) instead of (ŷ - y): every gradient has the wrong sign",
        _backward_variant(sign=-1.0),
    ),
]

# numerical_gradient --------------------------------------------------------------------------


def _numerical_variant(**options: Any) -> Callable[..., Any]:
    def mistaken(
        X: Any,
        y: Any,
        params: Mapping[str, Any],
        hidden: str = "sigmoid",
        output: str = "sigmoid",
        eps: float = 1e-6,
    ) -> Any:
        theta = _params(params)
        m = np.asarray(X).shape[0]
        total = m if options.get("summed", False) else 1

        def loss() -> float:
            return total * _loss(X, y, theta, hidden, output)

        grads = {}
        for key, value in theta.items():
            grad = np.zeros_like(value)
            for index in np.ndindex(value.shape):
                original = value[index]
                value[index] = original + eps
                plus = loss()
                value[index] = original - eps
                minus = loss()
                value[index] = original
                if options.get("one_sided", False):
                    grad[index] = (plus - loss()) / eps
                else:
                    grad[index] = (plus - minus) / (options.get("width", 2.0) * eps)
            grads[key] = grad
        return grads

    return mistaken


NUMERICAL_MISTAKES = [
    Misconception(
        "a one-sided difference (L(θ + eps) - L(θ)) / eps was used: the central difference "
        "(L(θ + eps) - L(θ - eps)) / (2 eps) is far more accurate",
        _numerical_variant(one_sided=True),
    ),
    Misconception(
        "the central difference was divided by eps instead of 2 eps: θ + eps and θ - eps are "
        "2 eps apart",
        _numerical_variant(width=1.0),
    ),
    Misconception(
        "the loss was summed over the samples instead of averaged (L is a mean)",
        _numerical_variant(summed=True),
    ),
]

# relative_error ------------------------------------------------------------------------------


def _ratios(a: Mapping[str, Any], b: Mapping[str, Any], floor: float, absolute: bool) -> Array:
    parts = []
    for key in a:
        aa = np.asarray(a[key], dtype=np.float64)
        bb = np.asarray(b[key], dtype=np.float64)
        difference = np.abs(aa - bb) if absolute else aa - bb
        parts.append((difference / np.maximum(floor, np.abs(aa) + np.abs(bb))).ravel())
    return np.concatenate(parts)


def _relative_variant(*, reduce: str = "max", floor: float = 1e-8, absolute: bool = True) -> Any:
    def mistaken(a: Mapping[str, Any], b: Mapping[str, Any]) -> float:
        every = _ratios(a, b, floor, absolute)
        return float(np.mean(every) if reduce == "mean" else np.max(every))

    return mistaken


RELATIVE_MISTAKES = [
    Misconception(
        "the mean over the entries was taken instead of the largest ratio (the max)",
        _relative_variant(reduce="mean"),
    ),
    Misconception(
        "the floor of 1e-8 was left out of the denominator max(1e-8, |a| + |b|): where both "
        "entries are 0 that divides 0 by 0",
        _relative_variant(floor=0.0),
    ),
    Misconception(
        "the absolute value of a - b was left out of the numerator |a - b|",
        _relative_variant(absolute=False),
    ),
]

# train ---------------------------------------------------------------------------------------


def _train_variant(**options: Any) -> Callable[..., Any]:
    def mistaken(
        X: Any,
        y: Any,
        params: Mapping[str, Any],
        lr: float,
        epochs: int,
        hidden: str = "sigmoid",
        output: str = "sigmoid",
    ) -> Any:
        p = _params(params)
        ya = np.asarray(y, dtype=np.float64)
        step = options.get("sign", 1.0) * float(lr)
        losses = [_loss(X, ya, p, hidden, output)]
        for _ in range(int(epochs)):
            Xa, _p, z1, a1, z2, y_hat = _passes(X, p, hidden, output)
            delta2 = 2.0 / Xa.shape[0] * (y_hat - ya) * _DF[output](z2)
            grad_w2 = (delta2 @ a1)[np.newaxis, :]
            grad_b2 = np.array([delta2.sum()])
            if options.get("w2_first", False):
                p["W2"] = p["W2"] - step * grad_w2
            delta1 = delta2[:, np.newaxis] * p["W2"] * _DF[hidden](z1)
            if not options.get("w2_first", False):
                p["W2"] = p["W2"] - step * grad_w2
            p["b2"] = p["b2"] - step * grad_b2
            p["W1"] = p["W1"] - step * (delta1.T @ Xa)
            p["b1"] = p["b1"] - step * delta1.sum(axis=0)
            losses.append(_loss(X, ya, p, hidden, output))
        if not options.get("initial", True):
            losses = losses[1:]
        return p, np.array(losses)

    return mistaken


TRAIN_MISTAKES = [
    Misconception(
        "W2 was updated before it was used to propagate delta2 to the hidden layer: every "
        "gradient must be computed with the parameters of the current step, then all are updated",
        _train_variant(w2_first=True),
    ),
    Misconception(
        "the loss before the first step was left out: losses has epochs + 1 entries, the "
        "initial loss and then the loss after each step",
        _train_variant(initial=False),
    ),
    Misconception(
        "the gradient was added instead of subtracted (θ ← θ + lr·∇L climbs the loss)",
        _train_variant(sign=-1.0),
    ),
]

# ---------------------------------------------------------------------------------------------
# Inputs: generated networks and fixed examples
# ---------------------------------------------------------------------------------------------

# Scales of the entries: |X| ≤ 2, |W1|, |W2| ≤ 1, |b1|, |b2| ≤ 0.5. On the dyadic grid they are
# multiples of 1/2 (X), 1/8 (W1, W2, b1, b2): products and sums of a few are exact in float64.
_SCALES = {"X": 2.0, "W1": 1.0, "b1": 0.5, "W2": 1.0, "b2": 0.5}
_GRID_STEPS = {"X": 4, "W1": 8, "b1": 4, "W2": 8, "b2": 4}

Network = tuple[Array, Array, Params, str, str]


def _clear_of_kinks(X: Array, params: Params, hidden: str, output: str) -> bool:
    """A relu output after a smooth hidden layer stays away from its kink at 0.

    (Everything before a smooth activation is exact on the dyadic grid; after one it is not.)
    """
    if output != "relu" or hidden not in ("sigmoid", "tanh"):
        return True
    z2 = _passes(X, params, hidden, output)[4]
    return bool(np.all(np.abs(z2) > 1e-3))


def make_network(
    n: int, h: int, m: int, hidden: str, output: str, seed: int, exact: bool = True
) -> Network:
    """A network and a batch ``(X, y, params, hidden, output)`` drawn from ``seed``.

    On the dyadic grid when ``exact`` (always, when relu is in the network), else 4-decimal
    values; no zero in W2 (so that every hidden neuron matters), and a relu output after a
    smooth layer away from its kink.
    """
    exact = exact or "relu" in (hidden, output)
    shapes = {"X": (m, n), "W1": (h, n), "b1": (h,), "W2": (1, h), "b2": (1,)}
    for attempt in itertools.count(seed):
        rng = np.random.default_rng(attempt)
        values: dict[str, Array] = {}
        for key, shape in shapes.items():
            scale, steps = _SCALES[key], _GRID_STEPS[key]
            if exact:
                grid = rng.integers(-steps, steps + 1, size=shape).astype(np.float64)
                values[key] = grid * (scale / steps)
            else:
                values[key] = np.round(rng.uniform(-scale, scale, size=shape), 4)
        X = values.pop("X")
        params = {key: values[key] for key in KEYS}
        y = np.round(rng.uniform(-1.0, 1.0, size=m), 3)
        if _clear_of_kinks(X, params, hidden, output) and np.all(params["W2"] != 0):
            return X, y, params, hidden, output
    raise AssertionError("unreachable")


# Generated networks draw their sizes, activations and one seed from Hypothesis, and their
# entries from numpy with that seed: a handful of choices that Hypothesis shrinks quickly (to the
# smallest network that fails), instead of one choice per entry, whose shrinking is slow.
@st.composite
def networks(
    draw: st.DrawFn, pairs: tuple[tuple[str, str], ...] = tuple(PAIRS), max_batch: int = 6
) -> Network:
    """``(X, y, params, hidden, output)``: a small, well-scaled network and a batch."""
    hidden, output = draw(st.sampled_from(pairs))
    n, h, m = draw(st.integers(1, 5)), draw(st.integers(1, 5)), draw(st.integers(1, max_batch))
    continuous = draw(st.booleans())
    seed = draw(st.integers(0, 2**32 - 1))
    return make_network(n, h, m, hidden, output, seed, exact=not continuous)


def _acts(network: Network) -> Kwargs:
    return {"hidden": network[3], "output": network[4]}


FORWARD_CALLS = networks().map(lambda net: ((net[0], net[2]), _acts(net)))
BACKWARD_CALLS = networks().map(lambda net: ((net[0], net[1], net[2]), _acts(net)))


@st.composite
def _terms_calls(draw: st.DrawFn) -> Call:
    X, y, params, hidden, output = draw(networks(max_batch=1))
    h, n = params["W1"].shape
    i, j = draw(st.integers(0, h - 1)), draw(st.integers(0, n - 1))
    return (X[0], float(y[0]), params, i, j), {"hidden": hidden, "output": output}


@st.composite
def _numerical_calls(draw: st.DrawFn) -> Call:
    X, y, params, hidden, output = draw(networks())
    eps = draw(st.sampled_from([1e-6, 1e-5, 1e-4, 1e-3]))
    return (X, y, params), {"hidden": hidden, "output": output, "eps": eps}


@st.composite
def _train_calls(draw: st.DrawFn) -> Call:
    smooth = tuple(itertools.product(SMOOTH, SMOOTH))
    X, y, params, hidden, output = draw(networks(pairs=smooth))
    lr = draw(st.sampled_from([0.1, 0.05, 0.02, 0.01]))
    epochs = draw(st.integers(0, 4))
    return (X, y, params, lr, epochs), {"hidden": hidden, "output": output}


@st.composite
def _gradient_pairs(draw: st.DrawFn) -> Call:
    """Two dicts with the same keys and shapes; some entries equal, some 0 in both, some tiny."""
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4, unique=True))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    a: dict[str, Array] = {}
    b: dict[str, Array] = {}
    for key in keys:
        shape = tuple(int(side) for side in rng.integers(1, 5, size=rng.integers(1, 3)))
        # Mostly of order one, some of order 10, some tiny (below the 1e-8 floor, or near it).
        magnitude = rng.choice([1e-9, 1e-3, 1.0, 1.0, 1.0, 10.0], size=(2, *shape))
        first, second = np.round(rng.uniform(-1, 1, size=(2, *shape)), 2) * magnitude
        second = np.where(rng.random(shape) < 0.3, first, second)
        zero = rng.random(shape) < 0.2
        a[key], b[key] = np.where(zero, 0.0, first), np.where(zero, 0.0, second)
    return (a, b), {}


# Every activation pair, on non-square networks, alternating a batch of 4 and a batch of one
# (n ≠ m in the batches of 4, so that m read from X.shape[1] shows).
_SHAPES = [(3, 2), (2, 5), (5, 3), (1, 3)]
PAIR_NETWORKS = [
    make_network(*_SHAPES[k % 4], 4 if k % 2 == 0 else 1, hidden, output, seed=100 + k)
    for k, (hidden, output) in enumerate(PAIRS)
]
DEFAULT_NET = make_network(3, 2, 4, "sigmoid", "sigmoid", seed=7)
SQUARE_NET = make_network(3, 3, 2, "tanh", "sigmoid", seed=8)
WIDE_NET = make_network(2, 4, 5, "sigmoid", "tanh", seed=9)
HAND_PARAMS = {"W1": [[1.0, -1.0]], "b1": [0.0], "W2": [[2.0]], "b2": [1.0]}

# relu at its kink: the second sample is all zeros and b1[0] = 0, so z1[1, 0] = 0 exactly and
# relu'(0) = 0 (the API's convention, as PyTorch).
KINK_X = np.array([[1.0, -0.5], [0.0, 0.0], [0.5, 1.0]])
KINK_PARAMS = {
    "W1": np.array([[0.5, 0.25], [-0.5, 1.0], [1.0, 0.5]]),
    "b1": np.array([0.0, 0.25, -0.125]),
    "W2": np.array([[0.75, -0.5, 1.0]]),
    "b2": np.array([0.125]),
}
KINK_Y = np.array([0.5, -0.25, 1.0])

# Saturation: |z| = 1e3 in both layers.
BIG_X = np.array([[1e3, -1e3], [-1e3, 1e3]])
BIG_PARAMS = {
    "W1": np.array([[1.0, 0.0], [0.0, 1.0], [0.5, -0.5]]),
    "b1": np.zeros(3),
    "W2": np.array([[1.0, 1.0, 1.0]]),
    "b2": np.array([-1e3]),
}
BIG_PARAMS_UP = {**BIG_PARAMS, "b2": np.array([1e3])}
BIG_Y = np.array([0.0, 1.0])


def _as_ints(params: Params) -> dict[str, Any]:
    return {key: np.rint(value * 8).astype(np.int64) for key, value in params.items()}


def _label(network: Network, what: str = "") -> str:
    X, _, params, hidden, output = network
    m, n = X.shape
    h = params["W1"].shape[0]
    batch = "a batch of one" if m == 1 else f"a batch of {m}"
    shape = "square" if n == h else "non-square"
    return f"{batch}, n = {n} inputs, h = {h} hidden ({shape}), {hidden} → {output}{what}"


# ---------------------------------------------------------------------------------------------
# init_params: Xavier-uniform weights and zero biases
# ---------------------------------------------------------------------------------------------

# Each statistical check of HoeffdingUniform fails a correct sampler with probability at most
# its delta = 5e-8 (worked out in neurograde.grading.statistics); there are 2 calls x 2 weight
# matrices x 3 checks = 12 of them, so by the union bound a correct sampler (any draw order,
# rng.uniform or rng.random() scaled) fails with probability < 12 · 5e-8 < 1e-6. On (n, h) =
# (60, 40), W1 has N = 2400 entries and W2 N = 40. Swapping fan_in and fan_out does not change
# a = sqrt(6 / (fan_in + fan_out)), so it is not a mistake here.
XAVIER_TRIALS = [Trial("", (60, 40), seed=11), Trial("", (3, 1000), seed=12)]


def _xavier_law(key: str, fans: int) -> Law:
    return HoeffdingUniform(
        math.sqrt(6.0 / fans),
        key,
        "sqrt(6 / (fan_in + fan_out))",
        f"sqrt(6 / {fans})",
        called="the Xavier bound",
    )


def _xavier_laws(n: int, h: int) -> list[Law]:
    """W1 (h, n) has fan_in + fan_out = n + h; W2 (1, h) has h + 1."""
    return [_xavier_law("W1", n + h), _xavier_law("W2", h + 1)]


class XavierInit(Distribution):
    """init_params returns zero biases and weights spread over the Xavier bound, and no wider."""

    def samples(self, returned: Any) -> list[tuple[str, Array]]:
        """W1 and W2."""
        return [("", np.asarray(returned[key], np.float64)) for key in ("W1", "W2")]

    def other_problem(self, returned: Any, expected: Any) -> Problem | None:
        """Both biases must be exactly zero."""
        for key in ("b1", "b2"):
            if np.any(returned[key] != 0.0):
                return Problem(
                    f"The biases must start at zero; {key} does not.",
                    expected=f"{key} = zeros({expected[key].shape})",
                    returned=f"{key} = {describe(returned[key])}",
                    mistake="the biases were drawn like the weights instead of starting at zero",
                )
        return None


def _init_call(rng: np.random.Generator) -> Call:
    return (6, 4, rng), {}


INIT_EXAMPLES = [
    Example("3 inputs, 2 hidden neurons", (3, 2, np.random.default_rng(0))),
    Example("one input, one hidden neuron", (1, 1, np.random.default_rng(1))),
    Example("a square layer (4 inputs, 4 hidden)", (4, 4, np.random.default_rng(2))),
    Example("numpy integer sizes", (np.int64(2), np.int64(5), np.random.default_rng(3))),
]

# ---------------------------------------------------------------------------------------------
# The specs
# ---------------------------------------------------------------------------------------------


def _forward_examples() -> list[Example]:
    X, _, params, _, _ = DEFAULT_NET
    examples = [Example(_label(DEFAULT_NET, ", default activations"), (X, params))]
    examples += [Example(_label(net), (net[0], net[2]), _acts(net)) for net in PAIR_NETWORKS]
    examples += [
        Example(_label(SQUARE_NET), (SQUARE_NET[0], SQUARE_NET[2]), _acts(SQUARE_NET)),
        Example(_label(WIDE_NET), (WIDE_NET[0], WIDE_NET[2]), _acts(WIDE_NET)),
        Example(
            "relu at its kink (a hidden pre-activation exactly 0)",
            (KINK_X, KINK_PARAMS),
            {"hidden": "relu", "output": "identity"},
        ),
        Example(
            "an int array X and int parameters",
            ((DEFAULT_NET[0] * 2).astype(np.int64), _as_ints(DEFAULT_NET[2])),
            {"hidden": "tanh", "output": "identity"},
        ),
        Example(
            "Python lists",
            ([[3, 1], [1, 3]], HAND_PARAMS),
            {"hidden": "relu", "output": "identity"},
        ),
    ]
    return examples


def _backward_examples() -> list[Example]:
    X, y, params, _, _ = DEFAULT_NET
    examples = [Example(_label(DEFAULT_NET, ", default activations"), (X, y, params))]
    examples += [Example(_label(net), net[:3], _acts(net)) for net in PAIR_NETWORKS]
    examples += [
        Example(_label(SQUARE_NET), SQUARE_NET[:3], _acts(SQUARE_NET)),
        Example(_label(WIDE_NET), WIDE_NET[:3], _acts(WIDE_NET)),
        Example(
            "relu at its kink (a hidden pre-activation exactly 0, where relu'(0) = 0)",
            (KINK_X, KINK_Y, KINK_PARAMS),
            {"hidden": "relu", "output": "identity"},
        ),
        Example(
            "int arrays X, y and int parameters",
            (
                (DEFAULT_NET[0] * 2).astype(np.int64),
                np.array([1, 0, 0, 1]),
                _as_ints(DEFAULT_NET[2]),
            ),
            {"hidden": "sigmoid", "output": "identity"},
        ),
        Example(
            "Python lists",
            ([[3, 1], [1, 3]], [4, 0], HAND_PARAMS),
            {"hidden": "relu", "output": "identity"},
        ),
    ]
    return examples


def _terms_examples() -> list[Example]:
    examples = []
    for k, net in enumerate([DEFAULT_NET, *PAIR_NETWORKS, SQUARE_NET, WIDE_NET]):
        X, y, params, hidden, output = net
        h, n = params["W1"].shape
        # i ≠ j wherever the shapes allow it (a swapped index shows), j < h first.
        i, j = (1, 0) if h > 1 else (0, n - 1)
        if k % 3 == 2 and n > 1:
            i, j = h - 1, n - 1
        kwargs = {} if k == 0 else {"hidden": hidden, "output": output}
        label = _label(net, ", default activations" if k == 0 else "")
        examples.append(
            Example(f"{label}, i = {i}, j = {j}", (X[0], float(y[0]), params, i, j), kwargs)
        )
    examples += [
        Example(
            "relu at its kink (z1[0] = 0 exactly)",
            (KINK_X[1], -0.25, KINK_PARAMS, 0, 1),
            {"hidden": "relu", "output": "identity"},
        ),
        Example(
            "the docstring's network, Python lists and int target",
            ([3, 1], 4, HAND_PARAMS, 0, 1),
            {"hidden": "relu", "output": "identity"},
        ),
        Example(
            "an int array x, numpy int indices",
            (
                (DEFAULT_NET[0][0] * 2).astype(np.int64),
                1.0,
                _as_ints(DEFAULT_NET[2]),
                np.int64(1),
                np.int64(2),
            ),
            {"hidden": "tanh", "output": "sigmoid"},
        ),
    ]
    return examples


def _numerical_examples() -> list[Example]:
    X, y, params, _, _ = DEFAULT_NET
    examples = [Example(_label(DEFAULT_NET, ", default activations and eps"), (X, y, params))]
    examples += [
        Example(_label(net, ", eps = 1e-4"), net[:3], {**_acts(net), "eps": 1e-4})
        for net in PAIR_NETWORKS
    ]
    examples += [
        Example(
            _label(SQUARE_NET, ", eps = 1e-2"), SQUARE_NET[:3], {**_acts(SQUARE_NET), "eps": 1e-2}
        ),
        Example(_label(WIDE_NET, ", eps = 1e-3"), WIDE_NET[:3], {**_acts(WIDE_NET), "eps": 1e-3}),
        Example(
            "int arrays and int parameters",
            (
                (DEFAULT_NET[0] * 2).astype(np.int64),
                np.array([1, 0, 0, 1]),
                _as_ints(DEFAULT_NET[2]),
            ),
            {"hidden": "sigmoid", "output": "identity", "eps": 1e-5},
        ),
        Example(
            "Python lists",
            ([[3, 1], [1, 3]], [4, 0], HAND_PARAMS),
            {"hidden": "tanh", "output": "identity"},
        ),
    ]
    return examples


def _relative_examples() -> list[Example]:
    grads = {key: np.asarray(value) for key, value in DEFAULT_NET[2].items()}
    other = {
        key: value * np.linspace(0.9, 1.3, value.size).reshape(value.shape)
        for key, value in grads.items()
    }
    return [
        Example("two gradient dicts of a 3-input, 2-hidden network", (grads, other)),
        Example(
            "several keys: the largest ratio is not the typical one",
            (
                {"W1": np.array([[1.0, 2.0], [3.0, 4.0]]), "b1": np.array([1.0, -1.0])},
                {"W1": np.array([[1.0, 2.0], [3.0, 4.5]]), "b1": np.array([1.0, 1.0])},
            ),
        ),
        Example(
            "entries that are 0 in both dicts (the 1e-8 floor)",
            (
                {"W1": np.array([[0.0, 1.0], [0.0, 2.0]]), "b1": np.array([0.0])},
                {"W1": np.array([[0.0, 1.5], [0.0, 2.0]]), "b1": np.array([0.0])},
            ),
        ),
        Example("identical dicts", (grads, copy.deepcopy(grads))),
        Example(
            "a difference only in the negative direction",
            ({"w": np.array([1.0, 3.0])}, {"w": np.array([1.0, 5.0])}),
        ),
        Example(
            "entries below the floor", ({"w": np.array([1e-9, 0.0])}, {"w": np.array([3e-9, 0.0])})
        ),
        Example("the docstring's example, Python lists", ({"w": [1.0, 2.0]}, {"w": [1.0, 3.0]})),
        Example("int arrays", ({"W2": np.array([[1, 2, 0]])}, {"W2": np.array([[1, -2, 0]])})),
    ]


def _train_examples() -> list[Example]:
    X, y, params, _, _ = DEFAULT_NET
    examples = [
        Example(_label(DEFAULT_NET, ", default activations, 3 epochs"), (X, y, params, 0.5, 3))
    ]
    for k, net in enumerate(PAIR_NETWORKS):
        if k % 3 == 0:
            examples.append(Example(_label(net, ", 2 epochs"), (*net[:3], 0.3, 2), _acts(net)))
    examples += [
        Example(_label(SQUARE_NET, ", 4 epochs"), (*SQUARE_NET[:3], 0.2, 4), _acts(SQUARE_NET)),
        Example(_label(WIDE_NET, ", 1 epoch"), (*WIDE_NET[:3], 0.9, 1), _acts(WIDE_NET)),
        Example(
            "0 epochs: the initial loss only",
            (*WIDE_NET[:3], 0.1, 0),
            _acts(WIDE_NET),
        ),
        Example(
            "relu at its kink, numpy int epochs",
            (KINK_X, KINK_Y, KINK_PARAMS, 0.25, np.int64(3)),
            {"hidden": "relu", "output": "identity"},
        ),
        Example(
            "int arrays and int parameters, a numpy float lr",
            (
                (DEFAULT_NET[0] * 2).astype(np.int64),
                np.array([1, 0, 0, 1]),
                _as_ints(DEFAULT_NET[2]),
                np.float64(0.125),
                2,
            ),
            {"hidden": "tanh", "output": "sigmoid"},
        ),
        Example(
            "the docstring's example, Python lists",
            ([[1]], [0], {"W1": [[0.0]], "b1": [0.0], "W2": [[0.0]], "b2": [1.0]}, 0.25, 2),
            {"hidden": "identity", "output": "identity"},
        ),
    ]
    return examples


def _unknown_activations(args: Args) -> list[BadCall]:
    return [
        BadCall("an unknown hidden activation name", args, ValueError, {"hidden": "softmax"}),
        BadCall("an unknown output activation name", args, ValueError, {"output": "Sigmoid"}),
    ]


def _bad_targets() -> list[BadCall]:
    X, y, params = DEFAULT_NET[:3]
    return [
        BadCall(
            "y of shape (m, 1) instead of (m,) (no broadcasting)",
            (X, y[:, np.newaxis], params),
            ValueError,
        ),
        BadCall("y with one target fewer than X has samples", (X, y[:-1], params), ValueError),
    ]


def _train_bad_calls() -> list[BadCall]:
    X, y, params = DEFAULT_NET[:3]
    calls = [
        BadCall(f"lr = {lr!r}, outside (0, 1)", (X, y, params, lr, 2), ValueError)
        for lr in (0.0, 1.0, -0.1, 1.5, math.nan)
    ]
    calls += [
        BadCall(f"lr = {lr!r}, not a real number", (X, y, params, lr, 2), TypeError)
        for lr in ("0.1", None, True)
    ]
    calls += [
        BadCall(f"epochs = {epochs!r}", (X, y, params, 0.1, epochs), (ValueError, TypeError))
        for epochs in (-1, 2.0, True)
    ]
    calls += [
        BadCall(
            "y of shape (m, 1) instead of (m,) (no broadcasting)",
            (X, y[:, np.newaxis], params, 0.1, 2),
            ValueError,
        ),
    ]
    calls += _unknown_activations((X, y, params, 0.1, 2))
    return calls


def _terms_bad_calls() -> list[BadCall]:
    X, y, params = DEFAULT_NET[:3]
    h, n = params["W1"].shape
    x, target = X[0], float(y[0])
    return [
        BadCall(f"i = {h} = h, out of range", (x, target, params, h, 0), ValueError),
        BadCall("i = -1, out of range", (x, target, params, -1, 0), ValueError),
        BadCall(f"j = {n} = n, out of range", (x, target, params, 0, n), ValueError),
        BadCall("j = -1, out of range", (x, target, params, 0, -1), ValueError),
        *_unknown_activations((x, target, params, 0, 0)),
    ]


# The values of these networks are of order one, but a prediction or a gradient entry can be a
# small difference of such terms. A learner who computes in float32 (about 6e-8 relative) then
# misses rtol = 1e-5 on that entry while being off by only ~1e-7 in absolute terms (seen with
# float32 forward and backward passes): atol = 1e-6 accepts them. Every mistake of the catalogue
# changes the values by a factor or a term of order one, far beyond it.
NETWORK_TOLERANCE = Tolerance(rtol=1e-5, atol=1e-6)
# Training feeds each step's rounding into the next, and a few steps of gradient descent can
# amplify it (a float32 learner was seen 1.4e-4 off, relatively, after 4 steps). The mistakes of
# the catalogue change the trajectory at the first step by terms of order lr, far beyond 1e-4.
TRAINING_TOLERANCE = Tolerance(rtol=1e-4, atol=1e-5)

SPECS = [
    FunctionSpec(
        "init_params",
        points=2,
        examples=INIT_EXAMPLES,
        compare_values=False,
        extra=[
            Reproducible(_init_call),
            Random(_init_call),
            GlobalRngUntouched(_init_call),
            XavierInit(XAVIER_TRIALS, _xavier_laws),
        ],
    ),
    FunctionSpec(
        "forward",
        points=3,
        calls=FORWARD_CALLS,
        examples=_forward_examples(),
        extremes=[
            Example("|z| = 1e3 in both layers (sigmoid)", (BIG_X, BIG_PARAMS)),
            Example(
                "|z| = 1e3 in both layers (tanh → sigmoid)",
                (BIG_X, BIG_PARAMS_UP),
                {"hidden": "tanh", "output": "sigmoid"},
            ),
        ],
        bad_calls=_unknown_activations(DEFAULT_NET[0:3:2]),
        misconceptions=FORWARD_MISTAKES,
        tolerance=NETWORK_TOLERANCE,
    ),
    FunctionSpec(
        "chain_rule_terms",
        points=3,
        calls=_terms_calls(),
        examples=_terms_examples(),
        extremes=[
            Example("|z| = 1e3 in both layers (sigmoid)", (BIG_X[0], 1.0, BIG_PARAMS, 2, 1)),
            Example(
                "|z| = 1e3 in both layers (sigmoid → tanh)",
                (BIG_X[1], 0.0, BIG_PARAMS_UP, 0, 0),
                {"hidden": "sigmoid", "output": "tanh"},
            ),
        ],
        bad_calls=_terms_bad_calls(),
        misconceptions=TERMS_MISTAKES,
        tolerance=NETWORK_TOLERANCE,
    ),
    FunctionSpec(
        "backward",
        points=5,
        calls=BACKWARD_CALLS,
        examples=_backward_examples(),
        extremes=[
            Example("|z| = 1e3 in both layers (sigmoid)", (BIG_X, BIG_Y, BIG_PARAMS)),
            Example(
                "|z| = 1e3 in both layers (tanh → sigmoid)",
                (BIG_X, BIG_Y, BIG_PARAMS_UP),
                {"hidden": "tanh", "output": "sigmoid"},
            ),
        ],
        bad_calls=[*_bad_targets(), *_unknown_activations(DEFAULT_NET[:3])],
        misconceptions=BACKWARD_MISTAKES,
        tolerance=NETWORK_TOLERANCE,
    ),
    FunctionSpec(
        "numerical_gradient",
        points=3,
        calls=_numerical_calls(),
        examples=_numerical_examples(),
        extremes=[
            Example("|z| = 1e3 in both layers (sigmoid)", (BIG_X, BIG_Y, BIG_PARAMS)),
        ],
        bad_calls=[*_bad_targets(), *_unknown_activations(DEFAULT_NET[:3])],
        misconceptions=NUMERICAL_MISTAKES,
        # The reference and a correct learner evaluate the same (L(θ+eps) - L(θ-eps)) / (2 eps),
        # but L(θ ± eps) may be rounded differently (another summation order, another way of
        # adding eps): an error of about 1e-16·L, amplified by 1/(2 eps) to ≲ 1e-8 for these
        # networks (L ≲ 100, eps ≥ 1e-6). The mistakes of the catalogue are off by O(eps) or by
        # a factor of order one, far beyond rtol = 1e-4 at the eps the inputs use.
        tolerance=Tolerance(rtol=1e-4, atol=1e-7),
    ),
    FunctionSpec(
        "relative_error",
        points=2,
        calls=_gradient_pairs(),
        examples=_relative_examples(),
        bad_calls=[
            BadCall(
                "arrays of different shapes (3,) and (1,) under one key",
                ({"w": [1.0, 2.0, 3.0]}, {"w": [1.0]}),
                ValueError,
            ),
            BadCall(
                "arrays of shapes (2,) and (2, 1) under one key (no broadcasting)",
                ({"w": np.array([1.0, 2.0])}, {"w": np.array([[1.0], [2.0]])}),
                ValueError,
            ),
        ],
        misconceptions=RELATIVE_MISTAKES,
    ),
    FunctionSpec(
        "train",
        points=4,
        calls=_train_calls(),
        examples=_train_examples(),
        extremes=[
            Example("|z| = 1e3 in both layers (sigmoid)", (BIG_X, BIG_Y, BIG_PARAMS, 0.5, 2)),
        ],
        bad_calls=_train_bad_calls(),
        misconceptions=TRAIN_MISTAKES,
        tolerance=TRAINING_TOLERANCE,
    ),
]
