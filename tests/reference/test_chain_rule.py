"""Reference tests for solutions/chain_rule.py (topic 5: the chain rule through a hidden layer)."""

from __future__ import annotations

import copy
import itertools
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.typing import ArrayLike

from solutions import chain_rule as cr
from tests.helpers import FP_ERRORS, central_difference, elementwise_derivative

ACTIVATIONS = ("identity", "sigmoid", "tanh", "relu")
SMOOTH = ("identity", "sigmoid", "tanh")
PAIRS = list(itertools.product(ACTIVATIONS, ACTIVATIONS))
SMOOTH_PAIRS = list(itertools.product(SMOOTH, SMOOTH))
KEYS = ("W1", "b1", "W2", "b2")
TERM_KEYS = ["dE_dyhat", "dyhat_dz2", "dz2_da1", "da1_dz1", "dz1_dw"]

# The tiny network of the docstrings, checked by hand:
# x = (3, 1): z1 = 3 - 1 = 2, a1 = relu(2) = 2, z2 = 2 * 2 + 1 = 5, y_hat = 5.
HAND_PARAMS: dict[str, ArrayLike] = {"W1": [[1.0, -1.0]], "b1": [0.0], "W2": [[2.0]], "b2": [1.0]}


# ---------------------------------------------------------------------------------------------
# An independent reference: plain Python loops and the math module.
# ---------------------------------------------------------------------------------------------


def act_ref(name: str, z: float) -> float:
    if name == "identity":
        return z
    if name == "sigmoid":
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
    if name == "tanh":
        return math.tanh(z)
    return max(z, 0.0)


def dact_ref(name: str, z: float) -> float:
    if name == "identity":
        return 1.0
    if name == "sigmoid":
        s = act_ref("sigmoid", z)
        return s * (1.0 - s)
    if name == "tanh":
        return 1.0 / math.cosh(z) ** 2
    return 1.0 if z > 0 else 0.0


def pre_activations_ref(x: Any, params: Any, hidden: str) -> tuple[list[float], float]:
    """z1 (one per hidden neuron) and z2 for one sample."""
    W1, b1 = np.asarray(params["W1"], float), np.asarray(params["b1"], float)
    W2, b2 = np.asarray(params["W2"], float), np.asarray(params["b2"], float)
    z1 = [
        math.fsum(float(W1[k, j]) * float(x[j]) for j in range(W1.shape[1])) + float(b1[k])
        for k in range(W1.shape[0])
    ]
    z2 = math.fsum(float(W2[0, k]) * act_ref(hidden, z1[k]) for k in range(len(z1))) + float(b2[0])
    return z1, z2


def forward_ref(X: Any, params: Any, hidden: str, output: str) -> list[float]:
    return [act_ref(output, pre_activations_ref(x, params, hidden)[1]) for x in np.asarray(X)]


def loss_ref(X: Any, y: Any, params: Any, hidden: str, output: str) -> float:
    y_hat = forward_ref(X, params, hidden, output)
    return math.fsum((p - float(t)) ** 2 for p, t in zip(y_hat, y, strict=True)) / len(y_hat)


def fd_gradient(X: Any, y: Any, params: Any, hidden: str, output: str) -> dict[str, Any]:
    """Central differences of the independent loss, one parameter at a time (tests.helpers)."""
    base = {key: np.array(params[key], dtype=np.float64) for key in KEYS}
    grads = {}
    for key in KEYS:

        def loss_of(value: Any, key: str = key) -> float:
            return loss_ref(X, y, {**base, key: value}, hidden, output)

        grads[key] = central_difference(loss_of, base[key])
    return grads


def snapshot(*objects: Any) -> Any:
    return copy.deepcopy(objects)


def assert_unchanged(before: Any, after: Any) -> None:
    """Deep equality of (nested) dicts, lists and arrays, dtype and shape included."""
    if isinstance(before, np.ndarray):
        assert isinstance(after, np.ndarray)
        assert before.dtype == after.dtype
        np.testing.assert_array_equal(before, after, strict=True)
    elif isinstance(before, dict):
        assert isinstance(after, dict)
        assert list(before) == list(after)
        for key in before:
            assert_unchanged(before[key], after[key])
    elif isinstance(before, (list, tuple)):
        assert type(before) is type(after)
        assert len(before) == len(after)
        for b, a in zip(before, after, strict=True):
            assert_unchanged(b, a)
    else:
        assert before == after


def assert_grad_dict(grads: Any, n: int, h: int) -> None:
    assert isinstance(grads, dict)
    assert list(grads) == list(KEYS)
    shapes = {"W1": (h, n), "b1": (h,), "W2": (1, h), "b2": (1,)}
    for key in KEYS:
        assert isinstance(grads[key], np.ndarray)
        assert grads[key].dtype == np.float64
        assert grads[key].shape == shapes[key]


def random_network(
    rng: np.random.Generator, m: int, n: int, h: int, scale: float = 1.0
) -> tuple[Any, Any, dict[str, Any]]:
    X = rng.uniform(-2.0, 2.0, (m, n))
    y = rng.uniform(-1.0, 2.0, m)
    params = {
        "W1": rng.uniform(-scale, scale, (h, n)),
        "b1": rng.uniform(-0.5, 0.5, h),
        "W2": rng.uniform(-scale, scale, (1, h)),
        "b2": rng.uniform(-0.5, 0.5, 1),
    }
    return X, y, params


# ---------------------------------------------------------------------------------------------
# Hypothesis strategies (bounded).
# ---------------------------------------------------------------------------------------------

values = st.floats(-2.0, 2.0, allow_nan=False, allow_infinity=False)


@st.composite
def networks(draw: st.DrawFn, max_m: int = 5) -> tuple[Any, Any, dict[str, Any]]:
    m = draw(st.integers(1, max_m))
    n = draw(st.integers(1, 4))
    h = draw(st.integers(1, 4))
    X = draw(hnp.arrays(np.float64, (m, n), elements=st.floats(-3.0, 3.0)))
    y = draw(hnp.arrays(np.float64, (m,), elements=values))
    params = {
        "W1": draw(hnp.arrays(np.float64, (h, n), elements=values)),
        "b1": draw(hnp.arrays(np.float64, (h,), elements=values)),
        "W2": draw(hnp.arrays(np.float64, (1, h), elements=values)),
        "b2": draw(hnp.arrays(np.float64, (1,), elements=values)),
    }
    return X, y, params


pairs = st.sampled_from(PAIRS)
smooth_pairs = st.sampled_from(SMOOTH_PAIRS)


def away_from_kinks(X: Any, params: Any, hidden: str, output: str, margin: float = 1e-3) -> bool:
    """True when no relu input lies within ``margin`` of 0 (where relu has its kink)."""
    for x in np.asarray(X):
        z1, z2 = pre_activations_ref(x, params, hidden)
        if hidden == "relu" and min(abs(z) for z in z1) <= margin:
            return False
        if output == "relu" and abs(z2) <= margin:
            return False
    return True


# ---------------------------------------------------------------------------------------------
# The given helpers.
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ACTIVATIONS)
@given(
    z=hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=5), elements=st.floats(-30, 30))
)
def test_activation_values_and_derivatives(name: str, z: Any) -> None:
    f, f_prime = cr._activation(name)
    value, slope = f(z), f_prime(z)
    for result in (value, slope):
        assert isinstance(result, np.ndarray)
        assert result.dtype == np.float64
        assert result.shape == z.shape
    expected = np.vectorize(lambda t: act_ref(name, t), otypes=[float])(z)
    np.testing.assert_allclose(value, expected, rtol=1e-12, atol=1e-15)
    expected_slope = np.vectorize(lambda t: dact_ref(name, t), otypes=[float])(z)
    np.testing.assert_allclose(slope, expected_slope, rtol=1e-9, atol=1e-15)
    smooth = np.abs(z) > 1e-3 if name == "relu" else np.ones(z.shape, dtype=bool)
    numeric = elementwise_derivative(f, z)
    np.testing.assert_allclose(slope[smooth], numeric[smooth], rtol=1e-5, atol=1e-8)


def test_activation_identity_returns_a_new_array() -> None:
    z = np.array([1.0, -2.0])
    f, f_prime = cr._activation("identity")
    assert not np.shares_memory(f(z), z)
    np.testing.assert_array_equal(f_prime(z), [1.0, 1.0])


def test_relu_derivative_is_zero_at_zero() -> None:
    _, f_prime = cr._activation("relu")
    np.testing.assert_array_equal(f_prime(np.array([-1.0, 0.0, -0.0, 1e-300])), [0, 0, 0, 1])


def test_activations_are_stable_far_out() -> None:
    z = np.array([-1e300, -1000.0, -40.0, 40.0, 1000.0, 1e300])
    with np.errstate(**FP_ERRORS):
        for name in ACTIVATIONS:
            f, f_prime = cr._activation(name)
            assert np.all(np.isfinite(f(z)))
            assert np.all(np.isfinite(f_prime(z)))
        sigmoid, sigmoid_prime = cr._activation("sigmoid")
        assert sigmoid(z)[0] == 0.0
        assert sigmoid(z)[-1] == 1.0
        assert sigmoid_prime(z)[0] == 0.0
        assert sigmoid_prime(z)[-1] == 0.0
        assert sigmoid_prime(np.array([0.0]))[0] == 0.25


@pytest.mark.parametrize("name", ["softmax", "Sigmoid", "", " relu", None, 1, ["relu"], b"tanh"])
def test_activation_unknown_name(name: Any) -> None:
    with pytest.raises(ValueError, match="activation must be one of"):
        cr._activation(name)


@pytest.mark.parametrize(
    "lr", [0.5, 1e-12, 0.999, np.float32(0.25), np.float64(0.1), np.array(0.3)]
)
def test_validate_learning_rate_accepts(lr: Any) -> None:
    result = cr._validate_learning_rate(lr)
    assert type(result) is float
    assert result == float(lr)


@pytest.mark.parametrize("lr", [True, np.bool_(False), "0.1", None, 0.1j, [0.1], np.array([0.1])])
def test_validate_learning_rate_type_error(lr: Any) -> None:
    with pytest.raises(TypeError, match="lr must be a real number"):
        cr._validate_learning_rate(lr)


@pytest.mark.parametrize("lr", [0, 1, 0.0, 1.0, -0.5, 1.5, math.nan, math.inf, -math.inf, 10**400])
def test_validate_learning_rate_value_error(lr: Any) -> None:
    with pytest.raises(ValueError, match=r"lr must lie in the open interval \(0, 1\)"):
        cr._validate_learning_rate(lr)


@given(out=st.integers(1, 6), inp=st.integers(1, 6), seed=st.integers(0, 2**32 - 1))
def test_xavier_uniform(out: int, inp: int, seed: int) -> None:
    bound = math.sqrt(6.0 / (inp + out))
    W = cr._xavier_uniform((out, inp), np.random.default_rng(seed))
    assert W.dtype == np.float64
    assert W.shape == (out, inp)
    assert np.all(-bound <= W)
    assert np.all(bound > W)
    expected = np.random.default_rng(seed).uniform(-bound, bound, (out, inp))
    np.testing.assert_array_equal(W, expected)


def test_xavier_uniform_fills_its_interval() -> None:
    W = cr._xavier_uniform((200, 100), np.random.default_rng(0))
    bound = math.sqrt(6.0 / 300)
    assert W.max() > 0.99 * bound
    assert W.min() < -0.99 * bound
    assert abs(W.mean()) < 0.01


# ---------------------------------------------------------------------------------------------
# init_params
# ---------------------------------------------------------------------------------------------


@given(n=st.integers(1, 7), h=st.integers(1, 7), seed=st.integers(0, 2**32 - 1))
def test_init_params_shapes_bounds_and_draw_order(n: int, h: int, seed: int) -> None:
    params = cr.init_params(n, h, np.random.default_rng(seed))
    assert_grad_dict(params, n, h)
    np.testing.assert_array_equal(params["b1"], np.zeros(h))
    np.testing.assert_array_equal(params["b2"], np.zeros(1))
    a1, a2 = math.sqrt(6.0 / (n + h)), math.sqrt(6.0 / (h + 1))
    assert np.all(np.abs(params["W1"]) <= a1)
    assert np.all(np.abs(params["W2"]) <= a2)
    rng = np.random.default_rng(seed)
    W1 = rng.uniform(-a1, a1, (h, n))  # W1 is drawn first ...
    W2 = rng.uniform(-a2, a2, (1, h))  # ... then W2, from the same generator
    np.testing.assert_array_equal(params["W1"], W1)
    np.testing.assert_array_equal(params["W2"], W2)


def test_init_params_same_seed_same_params_and_generator_state_matters() -> None:
    first = cr.init_params(3, 5, np.random.default_rng(7))
    second = cr.init_params(3, 5, np.random.default_rng(7))
    for key in KEYS:
        np.testing.assert_array_equal(first[key], second[key])
    rng = np.random.default_rng(7)
    third, fourth = cr.init_params(3, 5, rng), cr.init_params(3, 5, rng)
    np.testing.assert_array_equal(third["W1"], first["W1"])
    assert not np.array_equal(third["W1"], fourth["W1"])
    assert not np.array_equal(first["W1"], cr.init_params(3, 5, np.random.default_rng(8))["W1"])


def test_init_params_uses_only_the_given_generator() -> None:
    # The legacy global state must not move: randomness comes only from `rng`.
    state = np.random.get_state()  # noqa: NPY002
    cr.init_params(2, 3, np.random.default_rng(1))
    after = np.random.get_state()  # noqa: NPY002
    np.testing.assert_array_equal(after[1], state[1])
    assert after[2] == state[2]


def test_init_params_accepts_numpy_integers() -> None:
    params = cr.init_params(np.int64(2), np.uint8(3), np.random.default_rng(0))
    assert params["W1"].shape == (3, 2)
    assert params["W2"].shape == (1, 3)


@pytest.mark.parametrize("bad", [True, 2.0, np.float64(2.0), "2", None, np.bool_(True)])
def test_init_params_sizes_type_error(bad: Any) -> None:
    with pytest.raises(TypeError, match="n_inputs must be an integer"):
        cr.init_params(bad, 2, np.random.default_rng(0))
    with pytest.raises(TypeError, match="n_hidden must be an integer"):
        cr.init_params(2, bad, np.random.default_rng(0))


@pytest.mark.parametrize("bad", [0, -1, np.int64(-3)])
def test_init_params_sizes_value_error(bad: Any) -> None:
    with pytest.raises(ValueError, match="n_inputs must be an integer >= 1"):
        cr.init_params(bad, 2, np.random.default_rng(0))
    with pytest.raises(ValueError, match="n_hidden must be an integer >= 1"):
        cr.init_params(2, bad, np.random.default_rng(0))


@pytest.mark.parametrize("rng", [None, 0, np.random.RandomState(0), np.random.default_rng, "seed"])
def test_init_params_rng_type_error(rng: Any) -> None:
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator"):
        cr.init_params(2, 2, rng)


# ---------------------------------------------------------------------------------------------
# forward
# ---------------------------------------------------------------------------------------------


def test_forward_hand_example_relu_identity() -> None:
    # sample 1: z1 = 3 - 1 = 2, a1 = 2, z2 = 5; sample 2: z1 = 1 - 3 = -2, a1 = 0, z2 = 1
    y_hat = cr.forward([[3, 1], [1, 3]], HAND_PARAMS, hidden="relu", output="identity")
    assert isinstance(y_hat, np.ndarray)
    assert y_hat.dtype == np.float64
    np.testing.assert_array_equal(y_hat, [5.0, 1.0])


def test_forward_hand_example_sigmoid() -> None:
    # a1 = sigmoid(0) = 1/2 whatever x, z2 = 2 * 1/2 - 1 = 0, y_hat = sigmoid(0) = 1/2
    params = {"W1": [[0.0, 0.0]], "b1": [0.0], "W2": [[2.0]], "b2": [-1.0]}
    np.testing.assert_array_equal(cr.forward([[5.0, -7.0]], params), [0.5])


@pytest.mark.parametrize("hidden", ["identity", "relu"])
def test_forward_hand_example_non_square(hidden: str) -> None:
    # n = 2 inputs, h = 3 hidden: z1 = (1, 2, 1 + 2 - 3) = (1, 2, 0), unchanged by relu,
    # z2 = 1 - 2 + 5 * 0 + 0.5 = -0.5, y_hat = tanh(-0.5)
    params = {
        "W1": [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]],
        "b1": [0.0, 0.0, -3.0],
        "W2": [[1.0, -1.0, 5.0]],
        "b2": [0.5],
    }
    y_hat = cr.forward([[1.0, 2.0]], params, hidden=hidden, output="tanh")
    assert y_hat.shape == (1,)
    assert y_hat[0] == pytest.approx(math.tanh(-0.5), rel=1e-15)


def test_forward_default_activations_are_sigmoid() -> None:
    X, _, params = random_network(np.random.default_rng(3), 4, 3, 2)
    np.testing.assert_array_equal(
        cr.forward(X, params), cr.forward(X, params, "sigmoid", "sigmoid")
    )
    np.testing.assert_allclose(cr.forward(X, params), forward_ref(X, params, "sigmoid", "sigmoid"))


@given(network=networks(), pair=pairs)
def test_forward_matches_reference(network: Any, pair: tuple[str, str]) -> None:
    X, _, params = network
    before = snapshot(X, params)
    y_hat = cr.forward(X, params, *pair)
    assert isinstance(y_hat, np.ndarray)
    assert y_hat.dtype == np.float64
    assert y_hat.shape == (X.shape[0],)
    np.testing.assert_allclose(y_hat, forward_ref(X, params, *pair), rtol=1e-10, atol=1e-12)
    assert_unchanged(before, snapshot(X, params))


def test_forward_accepts_int_and_list_inputs() -> None:
    X = [[1, -2, 0], [2, 1, 1]]
    params = {"W1": [[1, 0, -1], [2, 1, 0]], "b1": [0, 1], "W2": [[1, -1]], "b2": [2]}
    params_arrays = {key: np.array(value) for key, value in params.items()}  # int64 arrays
    float_params = {key: np.array(value, dtype=float) for key, value in params.items()}
    expected = forward_ref(X, float_params, "tanh", "sigmoid")
    for p in (params, params_arrays):
        before = snapshot(X, p)
        y_hat = cr.forward(X, p, "tanh", "sigmoid")
        assert y_hat.dtype == np.float64
        np.testing.assert_allclose(y_hat, expected, rtol=1e-12)
        assert_unchanged(before, snapshot(X, p))
    np.testing.assert_allclose(
        cr.forward(np.array(X, dtype=np.int32), params),
        forward_ref(X, float_params, "sigmoid", "sigmoid"),
    )


def test_forward_batch_rows_are_independent() -> None:
    X, _, params = random_network(np.random.default_rng(5), 6, 4, 3)
    batch = cr.forward(X, params, "tanh", "identity")
    for k in range(6):
        np.testing.assert_allclose(
            cr.forward(X[k : k + 1], params, "tanh", "identity"), batch[k : k + 1], rtol=1e-14
        )


@pytest.mark.parametrize(
    "X",
    [[1.0, 2.0], 3.0, [[[1.0, 2.0]]], np.zeros((0, 2)), np.zeros((2, 0)), [[1.0, 2.0], [3.0]]],
)
def test_forward_bad_X_value_error(X: Any) -> None:
    with pytest.raises(ValueError, match="X must be"):
        cr.forward(X, {"W1": [[1.0, 1.0]], "b1": [0.0], "W2": [[1.0]], "b2": [0.0]})


@pytest.mark.parametrize("X", [[["a", "b"]], [[True, False]], [[1j, 2.0]], None])
def test_forward_bad_X_type_error(X: Any) -> None:
    with pytest.raises(TypeError, match="X must hold real numbers"):
        cr.forward(X, {"W1": [[1.0, 1.0]], "b1": [0.0], "W2": [[1.0]], "b2": [0.0]})


@pytest.mark.parametrize("params", [None, [1.0, 2.0], "W1", (("W1", 1),)])
def test_forward_params_not_a_dict(params: Any) -> None:
    with pytest.raises(TypeError, match="params must be a dict"):
        cr.forward([[1.0, 2.0]], params)


def good_params() -> dict[str, Any]:
    # n = 2, h = 3
    return {"W1": np.ones((3, 2)), "b1": np.zeros(3), "W2": np.ones((1, 3)), "b2": np.zeros(1)}


@pytest.mark.parametrize("missing", KEYS)
def test_forward_missing_key(missing: str) -> None:
    params = good_params()
    del params[missing]
    with pytest.raises(ValueError, match="params must have exactly the keys"):
        cr.forward([[1.0, 2.0]], params)


@pytest.mark.parametrize("extra", ["W3", "w1", "lr"])
def test_forward_extra_key(extra: str) -> None:
    params = {**good_params(), extra: np.zeros(1)}
    with pytest.raises(ValueError, match="params must have exactly the keys"):
        cr.forward([[1.0, 2.0]], params)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("W1", np.ones((3, 3)), r"W1 must have shape \(h, 2\).*got shape \(3, 3\)"),
        ("W1", np.ones((2, 3)), r"W1 must have shape \(h, 2\).*got shape \(2, 3\)"),
        ("W1", np.ones(2), r"W1 must have shape \(h, 2\).*got shape \(2,\)"),
        ("W1", np.ones((0, 2)), r"W1 must have shape \(h, 2\) with h >= 1"),
        ("W1", np.ones((3, 2, 1)), r"W1 must have shape \(h, 2\)"),
        ("b1", np.zeros(2), r"b1 must have shape \(3,\).*got shape \(2,\)"),
        ("b1", np.zeros((3, 1)), r"b1 must have shape \(3,\).*got shape \(3, 1\)"),
        ("b1", 0.0, r"b1 must have shape \(3,\).*got shape \(\)"),
        ("W2", np.ones((3, 1)), r"W2 must have shape \(1, 3\).*got shape \(3, 1\)"),
        ("W2", np.ones(3), r"W2 must have shape \(1, 3\).*got shape \(3,\)"),
        ("W2", np.ones((1, 2)), r"W2 must have shape \(1, 3\).*got shape \(1, 2\)"),
        ("b2", 0.0, r"b2 must have shape \(1,\).*got shape \(\)"),
        ("b2", np.zeros((1, 1)), r"b2 must have shape \(1,\).*got shape \(1, 1\)"),
        ("b2", np.zeros(2), r"b2 must have shape \(1,\).*got shape \(2,\)"),
    ],
)
def test_forward_param_shape_errors(key: str, value: Any, message: str) -> None:
    params = {**good_params(), key: value}
    with pytest.raises(ValueError, match=message):
        cr.forward([[1.0, 2.0]], params)


@pytest.mark.parametrize("key", KEYS)
def test_forward_param_type_errors(key: str) -> None:
    params = good_params()
    params[key] = params[key].astype(bool)
    with pytest.raises(TypeError, match=f"{key} must hold real numbers"):
        cr.forward([[1.0, 2.0]], params)
    params[key] = np.full(params[key].shape, "x")
    with pytest.raises(TypeError, match=f"{key} must hold real numbers"):
        cr.forward([[1.0, 2.0]], params)


@pytest.mark.parametrize("name", ["softmax", "ReLU", None, 3])
def test_forward_unknown_activation(name: Any) -> None:
    with pytest.raises(ValueError, match="activation must be one of"):
        cr.forward([[1.0, 2.0]], good_params(), hidden=name)
    with pytest.raises(ValueError, match="activation must be one of"):
        cr.forward([[1.0, 2.0]], good_params(), output=name)


@pytest.mark.parametrize("pair", PAIRS)
def test_forward_and_backward_stable_at_extreme_inputs(pair: tuple[str, str]) -> None:
    rng = np.random.default_rng(11)
    X = rng.choice([-1.0, 1.0], (5, 3)) * 10.0 ** rng.uniform(2, 100, (5, 3))
    y = rng.uniform(-1.0, 1.0, 5)
    _, _, params = random_network(rng, 5, 3, 4)
    with np.errstate(**FP_ERRORS):
        y_hat = cr.forward(X, params, *pair)
        grads = cr.backward(X, y, params, *pair)
        if pair[1] in ("sigmoid", "tanh"):  # bounded output: one step keeps the loss finite
            _, losses = cr.train(X, y, params, 1e-3, 1, *pair)
            assert np.all(np.isfinite(losses))
    assert np.all(np.isfinite(y_hat))
    if pair[1] == "sigmoid":
        assert np.all((y_hat >= 0.0) & (y_hat <= 1.0))
    for key in KEYS:
        assert np.all(np.isfinite(grads[key]))


# ---------------------------------------------------------------------------------------------
# chain_rule_terms
# ---------------------------------------------------------------------------------------------


def test_chain_rule_terms_hand_example() -> None:
    # x = (3, 1), y = 4: y_hat = 5 (see HAND_PARAMS), z1 = 2 > 0, z2 = 5
    terms = cr.chain_rule_terms([3, 1], 4, HAND_PARAMS, 0, 1, hidden="relu", output="identity")
    assert list(terms) == TERM_KEYS
    assert all(type(value) is float for value in terms.values())
    assert terms == {
        "dE_dyhat": 2.0,
        "dyhat_dz2": 1.0,
        "dz2_da1": 2.0,
        "da1_dz1": 1.0,
        "dz1_dw": 1.0,
    }
    terms = cr.chain_rule_terms([1, 3], 0.5, HAND_PARAMS, 0, 0, hidden="relu", output="identity")
    # z1 = -2 (relu is flat there), z2 = 1, y_hat = 1
    assert terms == {
        "dE_dyhat": 1.0,
        "dyhat_dz2": 1.0,
        "dz2_da1": 2.0,
        "da1_dz1": 0.0,
        "dz1_dw": 1.0,
    }


def test_chain_rule_terms_hand_example_sigmoid() -> None:
    # z1 = 0, a1 = 1/2, z2 = 2 * 1/2 - 1 = 0, y_hat = 1/2, sigma'(0) = 1/4
    params = {"W1": [[0.0, 0.0]], "b1": [0.0], "W2": [[2.0]], "b2": [-1.0]}
    terms = cr.chain_rule_terms([5.0, -7.0], 1.0, params, 0, 1)
    assert terms == {
        "dE_dyhat": -1.0,
        "dyhat_dz2": 0.25,
        "dz2_da1": 2.0,
        "da1_dz1": 0.25,
        "dz1_dw": -7.0,
    }


@given(network=networks(max_m=1), pair=pairs, data=st.data())
def test_chain_rule_terms_match_formulas_and_backward(
    network: Any, pair: tuple[str, str], data: st.DataObject
) -> None:
    X, y, params = network
    x, target = X[0], float(y[0])
    h, n = params["W1"].shape
    i = data.draw(st.integers(0, h - 1))
    j = data.draw(st.integers(0, n - 1))
    before = snapshot(x, params)
    terms = cr.chain_rule_terms(x, target, params, i, j, *pair)
    assert_unchanged(before, snapshot(x, params))
    assert list(terms) == TERM_KEYS
    assert all(type(value) is float for value in terms.values())
    hidden, output = pair
    z1, z2 = pre_activations_ref(x, params, hidden)
    expected = {
        "dE_dyhat": 2.0 * (act_ref(output, z2) - target),
        "dyhat_dz2": dact_ref(output, z2),
        "dz2_da1": float(params["W2"][0, i]),
        "da1_dz1": dact_ref(hidden, z1[i]),
        "dz1_dw": float(x[j]),
    }
    for key in TERM_KEYS:
        assert terms[key] == pytest.approx(expected[key], rel=1e-9, abs=1e-12), key
    product = math.prod(terms.values())
    single = cr.backward(x[None], [target], params, *pair)["W1"][i, j]
    assert product == pytest.approx(single, rel=1e-9, abs=1e-12)


@given(network=networks(max_m=1), pair=smooth_pairs, data=st.data())
def test_chain_rule_product_is_the_derivative_of_the_error(
    network: Any, pair: tuple[str, str], data: st.DataObject
) -> None:
    X, y, params = network
    h, n = params["W1"].shape
    i = data.draw(st.integers(0, h - 1))
    j = data.draw(st.integers(0, n - 1))
    product = math.prod(cr.chain_rule_terms(X[0], y[0], params, i, j, *pair).values())
    numeric = fd_gradient(X, y, params, *pair)["W1"][i, j]
    assert product == pytest.approx(numeric, rel=1e-5, abs=1e-7)


def test_chain_rule_terms_accepts_numpy_scalars_and_ints() -> None:
    expected = cr.chain_rule_terms([3.0, 1.0], 4.0, HAND_PARAMS, 0, 1, "relu", "identity")
    for target in (4, np.float32(4.0), np.int64(4), np.array(4.0)):
        for i, j in ((0, 1), (np.int64(0), np.int32(1))):
            terms = cr.chain_rule_terms(
                np.array([3, 1]), target, HAND_PARAMS, i, j, "relu", "identity"
            )
            assert terms == expected


def test_chain_rule_terms_default_activations_and_non_square() -> None:
    X, y, params = random_network(np.random.default_rng(4), 1, 2, 5)
    terms = cr.chain_rule_terms(X[0], y[0], params, 4, 1)
    product = math.prod(terms.values())
    assert product == pytest.approx(cr.backward(X, y, params)["W1"][4, 1], rel=1e-12)
    assert terms == cr.chain_rule_terms(X[0], y[0], params, 4, 1, "sigmoid", "sigmoid")


@pytest.mark.parametrize(
    ("x", "message"),
    [([[3.0, 1.0]], "x must be a non-empty 1-D array"), (3.0, "x must be"), ([], "x must be")],
)
def test_chain_rule_terms_bad_x(x: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        cr.chain_rule_terms(x, 1.0, HAND_PARAMS, 0, 0)


def test_chain_rule_terms_x_length_must_fit_W1() -> None:
    with pytest.raises(ValueError, match=r"W1 must have shape \(h, 3\)"):
        cr.chain_rule_terms([1.0, 2.0, 3.0], 1.0, HAND_PARAMS, 0, 0)


@pytest.mark.parametrize("y", [[1.0], np.array([1.0]), [[1.0]]])
def test_chain_rule_terms_y_not_a_scalar(y: Any) -> None:
    with pytest.raises(ValueError, match="y must be a scalar"):
        cr.chain_rule_terms([3.0, 1.0], y, HAND_PARAMS, 0, 0)


@pytest.mark.parametrize("y", ["1", None, 1j, True])
def test_chain_rule_terms_y_type_error(y: Any) -> None:
    with pytest.raises(TypeError, match="y must hold real numbers"):
        cr.chain_rule_terms([3.0, 1.0], y, HAND_PARAMS, 0, 0)


@pytest.mark.parametrize("bad", [True, np.bool_(False), 0.0, np.float64(1.0), "0", None])
def test_chain_rule_terms_index_type_error(bad: Any) -> None:
    with pytest.raises(TypeError, match="i must be an integer"):
        cr.chain_rule_terms([3.0, 1.0], 1.0, HAND_PARAMS, bad, 0)
    with pytest.raises(TypeError, match="j must be an integer"):
        cr.chain_rule_terms([3.0, 1.0], 1.0, HAND_PARAMS, 0, bad)


def test_chain_rule_terms_index_out_of_range() -> None:
    params = good_params()  # h = 3, n = 2
    for i in (3, -1, 100, np.int64(-3)):
        with pytest.raises(ValueError, match=r"i must be an integer in \[0, 3\)"):
            cr.chain_rule_terms([3.0, 1.0], 1.0, params, i, 0)
    for j in (2, -1, -2):
        with pytest.raises(ValueError, match=r"j must be an integer in \[0, 2\)"):
            cr.chain_rule_terms([3.0, 1.0], 1.0, params, 0, j)


def test_chain_rule_terms_unknown_activation_and_bad_params() -> None:
    with pytest.raises(ValueError, match="activation must be one of"):
        cr.chain_rule_terms([3.0, 1.0], 1.0, HAND_PARAMS, 0, 0, hidden="softplus")
    with pytest.raises(ValueError, match="activation must be one of"):
        cr.chain_rule_terms([3.0, 1.0], 1.0, HAND_PARAMS, 0, 0, output="step")
    with pytest.raises(ValueError, match="params must have exactly the keys"):
        cr.chain_rule_terms([3.0, 1.0], 1.0, {"W1": [[1.0, 1.0]]}, 0, 0)


# ---------------------------------------------------------------------------------------------
# backward
# ---------------------------------------------------------------------------------------------


def test_backward_hand_example() -> None:
    # x = (3, 1), y = 4, y_hat = 5: dL/dy_hat = 2, delta2 = 2, dW2 = 2 * a1 = 4, db2 = 2,
    # delta1 = 2 * W2 * relu'(2) = 4, dW1 = 4 * x = (12, 4), db1 = 4
    grads = cr.backward([[3, 1]], [4], HAND_PARAMS, hidden="relu", output="identity")
    assert_grad_dict(grads, 2, 1)
    expected = {"W1": [[12.0, 4.0]], "b1": [4.0], "W2": [[4.0]], "b2": [2.0]}
    for key in KEYS:
        np.testing.assert_array_equal(grads[key], expected[key])


def test_backward_hand_example_batch_mean() -> None:
    # second sample x = (1, 3), y = 0: z1 = -2 (relu flat), y_hat = 1, dE/dy_hat = 2,
    # dW2 = 2 * 0 = 0, db2 = 2, dW1 = db1 = 0. L averages the two samples.
    grads = cr.backward([[3, 1], [1, 3]], [4, 0], HAND_PARAMS, hidden="relu", output="identity")
    expected = {"W1": [[6.0, 2.0]], "b1": [2.0], "W2": [[2.0]], "b2": [2.0]}
    for key in KEYS:
        np.testing.assert_array_equal(grads[key], expected[key])


@given(network=networks(), pair=smooth_pairs)
def test_backward_matches_central_differences(network: Any, pair: tuple[str, str]) -> None:
    X, y, params = network
    before = snapshot(X, y, params)
    grads = cr.backward(X, y, params, *pair)
    assert_unchanged(before, snapshot(X, y, params))
    assert_grad_dict(grads, X.shape[1], params["W1"].shape[0])
    numeric = fd_gradient(X, y, params, *pair)
    for key in KEYS:
        np.testing.assert_allclose(grads[key], numeric[key], rtol=1e-5, atol=1e-7, err_msg=key)


@given(network=networks(), pair=st.sampled_from([p for p in PAIRS if "relu" in p]))
def test_backward_relu_matches_central_differences_away_from_kinks(
    network: Any, pair: tuple[str, str]
) -> None:
    X, y, params = network
    assume(away_from_kinks(X, params, *pair))
    grads = cr.backward(X, y, params, *pair)
    numeric = fd_gradient(X, y, params, *pair)
    for key in KEYS:
        np.testing.assert_allclose(grads[key], numeric[key], rtol=1e-5, atol=1e-7, err_msg=key)


@pytest.mark.parametrize("pair", PAIRS)
def test_backward_equals_numerical_gradient_for_every_activation_pair(
    pair: tuple[str, str],
) -> None:
    rng = np.random.default_rng(2024)
    X, _, params = random_network(rng, 6, 3, 5)  # non-square: n = 3, h = 5
    y = rng.uniform(-3.0, 3.0, 6)  # targets far from the predictions: clear gradients
    # The finite differences are only valid where no relu input is near its kink.
    assert away_from_kinks(X, params, *pair, margin=1e-2)
    z2 = np.array([pre_activations_ref(x, params, pair[0])[1] for x in X])
    if pair[1] == "relu":  # both sides of the output kink are exercised
        assert np.any(z2 > 0)
        assert np.any(z2 < 0)
    grads = cr.backward(X, y, params, *pair)
    numeric = cr.numerical_gradient(X, y, params, *pair)
    assert cr.relative_error(grads, numeric) < 1e-6
    assert any(np.any(grads[key] != 0) for key in KEYS)


def test_backward_is_the_mean_of_single_sample_gradients() -> None:
    X, y, params = random_network(np.random.default_rng(9), 7, 2, 3)
    grads = cr.backward(X, y, params, "tanh", "sigmoid")
    singles = [cr.backward(X[k : k + 1], y[k : k + 1], params, "tanh", "sigmoid") for k in range(7)]
    for key in KEYS:
        mean = np.mean([single[key] for single in singles], axis=0)
        np.testing.assert_allclose(grads[key], mean, rtol=1e-12, atol=1e-15)


def test_backward_batch_of_one_and_int_inputs() -> None:
    X = [[1, 2, 0]]
    y = [1]
    params = {"W1": [[1, 0, -1], [0, 1, 1]], "b1": [0, 1], "W2": [[1, -2]], "b2": [0]}
    float_params = {key: np.array(value, dtype=float) for key, value in params.items()}
    before = snapshot(X, y, params)
    grads = cr.backward(X, y, params, "tanh", "identity")
    assert_unchanged(before, snapshot(X, y, params))
    assert_grad_dict(grads, 3, 2)
    expected = cr.backward(np.array(X, float), np.array(y, float), float_params, "tanh", "identity")
    numeric = fd_gradient(X, y, float_params, "tanh", "identity")
    for key in KEYS:
        np.testing.assert_array_equal(grads[key], expected[key])
        np.testing.assert_allclose(grads[key], numeric[key], rtol=1e-6, atol=1e-8)


def test_backward_defaults_to_sigmoid() -> None:
    X, y, params = random_network(np.random.default_rng(1), 3, 2, 2)
    grads = cr.backward(X, y, params)
    explicit = cr.backward(X, y, params, "sigmoid", "sigmoid")
    numeric = fd_gradient(X, y, params, "sigmoid", "sigmoid")
    for key in KEYS:
        np.testing.assert_array_equal(grads[key], explicit[key])
        np.testing.assert_allclose(grads[key], numeric[key], rtol=1e-6, atol=1e-8)


def test_backward_returns_new_arrays() -> None:
    X, y, params = random_network(np.random.default_rng(6), 3, 2, 2)
    before = snapshot(params)
    grads = cr.backward(X, y, params, "identity", "identity")
    for key in KEYS:
        for value in (*params.values(), X, y):
            assert not np.shares_memory(grads[key], value)
        grads[key] += 1.0
    assert_unchanged(before, snapshot(params))


@pytest.mark.parametrize(
    ("y", "shape"),
    [(np.zeros((3, 1)), r"\(3, 1\)"), (np.zeros(2), r"\(2,\)"), (0.0, r"\(\)"), ([[1, 2, 3]], "")],
)
def test_backward_y_shape_error(y: Any, shape: str) -> None:
    X, _, params = random_network(np.random.default_rng(0), 3, 2, 2)
    with pytest.raises(ValueError, match=r"y must have shape \(3,\) to match X.*" + shape):
        cr.backward(X, y, params)


def test_backward_type_and_value_errors_from_forward() -> None:
    X, y, params = random_network(np.random.default_rng(0), 3, 2, 2)
    with pytest.raises(TypeError, match="y must hold real numbers"):
        cr.backward(X, ["a", "b", "c"], params)
    with pytest.raises(ValueError, match="X must be"):
        cr.backward(X[0], y, params)
    with pytest.raises(ValueError, match="params must have exactly the keys"):
        cr.backward(X, y, {**params, "W3": 1.0})
    with pytest.raises(ValueError, match=r"W2 must have shape \(1, 2\)"):
        cr.backward(X, y, {**params, "W2": params["W2"].T})
    with pytest.raises(ValueError, match="activation must be one of"):
        cr.backward(X, y, params, hidden="Tanh")
    with pytest.raises(TypeError, match="params must be a dict"):
        cr.backward(X, y, list(params.values()))


# ---------------------------------------------------------------------------------------------
# numerical_gradient
# ---------------------------------------------------------------------------------------------


def test_numerical_gradient_hand_example() -> None:
    # The loss is a quadratic in every single parameter here, so central differences are exact
    # up to rounding.
    grads = cr.numerical_gradient([[3, 1]], [4], HAND_PARAMS, hidden="relu", output="identity")
    assert_grad_dict(grads, 2, 1)
    expected = {"W1": [[12.0, 4.0]], "b1": [4.0], "W2": [[4.0]], "b2": [2.0]}
    for key in KEYS:
        np.testing.assert_allclose(grads[key], expected[key], rtol=1e-7)


@given(network=networks(max_m=3), pair=pairs)
def test_numerical_gradient_matches_independent_differences(
    network: Any, pair: tuple[str, str]
) -> None:
    X, y, params = network
    assume(away_from_kinks(X, params, *pair))
    before = snapshot(X, y, params)
    grads = cr.numerical_gradient(X, y, params, *pair)
    assert_unchanged(before, snapshot(X, y, params))
    assert_grad_dict(grads, X.shape[1], params["W1"].shape[0])
    numeric = fd_gradient(X, y, params, *pair)
    for key in KEYS:
        np.testing.assert_allclose(grads[key], numeric[key], rtol=1e-5, atol=1e-7, err_msg=key)


def test_numerical_gradient_uses_eps() -> None:
    # identity hidden, sigmoid output: the loss is not quadratic, so the step size shows.
    X, y, params = random_network(np.random.default_rng(2), 3, 2, 2, scale=2.0)
    exact = cr.backward(X, y, params, "identity", "sigmoid")
    small = cr.numerical_gradient(X, y, params, "identity", "sigmoid", eps=1e-5)
    large = cr.numerical_gradient(X, y, params, "identity", "sigmoid", eps=0.5)
    assert cr.relative_error(exact, small) < 1e-6
    assert cr.relative_error(exact, large) > 1e-4
    # (L(theta + 0.5) - L(theta - 0.5)) / 1 for b2, from the independent loss
    plus = {**params, "b2": params["b2"] + 0.5}
    minus = {**params, "b2": params["b2"] - 0.5}
    expected = loss_ref(X, y, plus, "identity", "sigmoid") - loss_ref(
        X, y, minus, "identity", "sigmoid"
    )
    assert large["b2"][0] == pytest.approx(expected, rel=1e-10)


def test_numerical_gradient_leaves_lists_and_int_arrays_untouched() -> None:
    X = [[1, 2]]
    y = [0]
    params = {"W1": np.array([[1, 0]]), "b1": [0], "W2": np.array([[2]]), "b2": [1.0]}
    before = snapshot(X, y, params)
    grads = cr.numerical_gradient(X, y, params, "identity", "identity")
    assert_unchanged(before, snapshot(X, y, params))
    # y_hat = 2 * (1 * 1 + 0 * 2) + 1 = 3, dL/dy_hat = 6: dW2 = 6 * a1 = 6, dW1 = 6 * 2 * x
    np.testing.assert_allclose(grads["W1"], [[12.0, 24.0]], rtol=1e-7)
    np.testing.assert_allclose(grads["W2"], [[6.0]], rtol=1e-7)


@pytest.mark.parametrize("eps", [0, 0.0, -1e-6, math.nan, math.inf, -math.inf, 10**400])
def test_numerical_gradient_eps_value_error(eps: Any) -> None:
    X, y, params = random_network(np.random.default_rng(0), 2, 2, 2)
    with pytest.raises(ValueError, match="eps must be a finite number > 0"):
        cr.numerical_gradient(X, y, params, eps=eps)


@pytest.mark.parametrize("eps", [True, "1e-6", None, 1e-6j, [1e-6]])
def test_numerical_gradient_eps_type_error(eps: Any) -> None:
    X, y, params = random_network(np.random.default_rng(0), 2, 2, 2)
    with pytest.raises(TypeError, match="eps must be a real number"):
        cr.numerical_gradient(X, y, params, eps=eps)


def test_numerical_gradient_other_errors() -> None:
    X, y, params = random_network(np.random.default_rng(0), 3, 2, 2)
    with pytest.raises(ValueError, match=r"y must have shape \(3,\)"):
        cr.numerical_gradient(X, y[:, None], params)
    with pytest.raises(ValueError, match="params must have exactly the keys"):
        cr.numerical_gradient(X, y, {key: params[key] for key in ("W1", "b1", "W2")})
    with pytest.raises(ValueError, match="activation must be one of"):
        cr.numerical_gradient(X, y, params, output="softmax")
    with pytest.raises(ValueError, match=r"W1 must have shape \(h, 3\)"):
        cr.numerical_gradient(np.ones((3, 3)), y, params)


# ---------------------------------------------------------------------------------------------
# relative_error
# ---------------------------------------------------------------------------------------------


def test_relative_error_hand_examples() -> None:
    assert cr.relative_error({"w": [1.0, 2.0]}, {"w": [1.0, 3.0]}) == pytest.approx(0.2)
    result = cr.relative_error({"w": np.array([1.0, -1.0])}, {"w": np.array([1.0, 1.0])})
    assert type(result) is float
    assert result == 1.0  # opposite signs: |2| / 2
    assert cr.relative_error({"a": [0.0], "b": [[1.0]]}, {"a": [0.0], "b": [[1.0]]}) == 0.0
    # |a| + |b| below 1e-8: the floor 1e-8 is the denominator
    assert cr.relative_error({"w": [1e-9]}, {"w": [0.0]}) == pytest.approx(0.1, rel=1e-12)
    # the maximum over every key
    a = {"W1": [[1.0, 1.0]], "b1": [4.0], "b2": [0.0]}
    b = {"W1": [[1.0, 1.5]], "b1": [6.0], "b2": [0.0]}
    assert cr.relative_error(a, b) == pytest.approx(0.2)


def test_relative_error_key_order_does_not_matter_and_ints_are_accepted() -> None:
    a = {"x": [1, 2], "y": np.array([3])}
    b = {"y": np.array([3]), "x": [1, 6]}
    assert cr.relative_error(a, b) == pytest.approx(0.5)


gradient_values = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@given(
    a=hnp.arrays(np.float64, (2, 3), elements=gradient_values),
    b=hnp.arrays(np.float64, (2, 3), elements=gradient_values),
    c=hnp.arrays(np.float64, (4,), elements=gradient_values),
    d=hnp.arrays(np.float64, (4,), elements=gradient_values),
)
def test_relative_error_matches_formula(a: Any, b: Any, c: Any, d: Any) -> None:
    first, second = {"W": a, "b": c}, {"W": b, "b": d}
    before = snapshot(first, second)
    result = cr.relative_error(first, second)
    assert_unchanged(before, snapshot(first, second))
    assert type(result) is float
    expected = max(
        abs(float(p) - float(q)) / max(1e-8, abs(float(p)) + abs(float(q)))
        for p, q in itertools.chain(
            zip(a.ravel(), b.ravel(), strict=True), zip(c.ravel(), d.ravel(), strict=True)
        )
    )
    assert result == pytest.approx(expected, rel=1e-12, abs=1e-300)
    assert 0.0 <= result <= 1.0
    assert cr.relative_error(second, first) == result


def test_relative_error_is_stable_for_huge_values() -> None:
    with np.errstate(**FP_ERRORS):
        assert cr.relative_error({"w": [1e308]}, {"w": [-1e308]}) == 1.0
        assert cr.relative_error({"w": [1.6e308]}, {"w": [0.8e308]}) == pytest.approx(1 / 3)
        assert cr.relative_error({"w": [5e-324]}, {"w": [0.0]}) <= 1e-300


def test_relative_error_key_mismatch() -> None:
    with pytest.raises(ValueError, match="a and b must have the same keys"):
        cr.relative_error({"W1": [1.0]}, {"W2": [1.0]})
    with pytest.raises(ValueError, match="a and b must have the same keys"):
        cr.relative_error({"W1": [1.0]}, {"W1": [1.0], "b1": [0.0]})


@pytest.mark.parametrize(
    ("a", "b"), [([1.0, 2.0, 3.0], [[1.0], [2.0], [3.0]]), ([1.0], [1.0, 2.0]), ([1.0], 1.0)]
)
def test_relative_error_shape_mismatch(a: Any, b: Any) -> None:
    with pytest.raises(ValueError, match=r"a\['g'\] and b\['g'\] must have the same shape"):
        cr.relative_error({"g": a}, {"g": b})


def test_relative_error_nothing_to_compare() -> None:
    with pytest.raises(ValueError, match="at least one entry"):
        cr.relative_error({}, {})
    with pytest.raises(ValueError, match="at least one entry"):
        cr.relative_error({"w": np.zeros(0)}, {"w": np.zeros(0)})


def test_relative_error_type_errors() -> None:
    with pytest.raises(TypeError, match="a and b must be dicts"):
        cr.relative_error([1.0], {"w": [1.0]})
    with pytest.raises(TypeError, match="a and b must be dicts"):
        cr.relative_error({"w": [1.0]}, None)
    with pytest.raises(TypeError, match="must hold real numbers"):
        cr.relative_error({"w": ["a"]}, {"w": [1.0]})
    with pytest.raises(TypeError, match="must hold real numbers"):
        cr.relative_error({"w": [1.0]}, {"w": [1j]})


# ---------------------------------------------------------------------------------------------
# train
# ---------------------------------------------------------------------------------------------


def test_train_hand_example() -> None:
    # y_hat = b2 (the hidden path is multiplied by W2 = 0): L = b2**2, dL/db2 = 2 b2 and
    # every other gradient is 0. b2: 1 -> 1 - 0.25 * 2 = 0.5 -> 0.25.
    params = {"W1": [[0.0]], "b1": [0.0], "W2": [[0.0]], "b2": [1.0]}
    final, losses = cr.train([[1]], [0], params, 0.25, 2, hidden="identity", output="identity")
    assert isinstance(losses, np.ndarray)
    assert losses.dtype == np.float64
    assert losses.shape == (3,)
    np.testing.assert_array_equal(losses, [1.0, 0.25, 0.0625])
    assert_grad_dict(final, 1, 1)
    np.testing.assert_array_equal(final["b2"], [0.25])
    for key in ("W1", "b1", "W2"):
        np.testing.assert_array_equal(final[key], np.zeros_like(final[key]))


def test_train_learns_xor() -> None:
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    params = cr.init_params(2, 4, np.random.default_rng(0))
    before = snapshot(X, y, params)
    final, losses = cr.train(X, y, params, 0.5, 2000, hidden="tanh", output="sigmoid")
    assert_unchanged(before, snapshot(X, y, params))
    assert losses.shape == (2001,)
    assert losses[0] == pytest.approx(loss_ref(X, y, params, "tanh", "sigmoid"), rel=1e-12)
    assert losses[-1] == pytest.approx(loss_ref(X, y, final, "tanh", "sigmoid"), rel=1e-10)
    assert losses[-1] < 0.1 * losses[0]
    assert losses[-1] < 0.02
    np.testing.assert_array_equal(np.round(cr.forward(X, final, "tanh", "sigmoid")), y)


@pytest.mark.parametrize("pair", [("tanh", "sigmoid"), ("sigmoid", "identity"), ("relu", "tanh")])
def test_train_steps_follow_gradient_descent(pair: tuple[str, str]) -> None:
    X, y, params = random_network(np.random.default_rng(12), 5, 3, 2)
    assert away_from_kinks(X, params, *pair, margin=1e-2)
    lr, epochs = 0.3, 3
    final, losses = cr.train(X, y, params, lr, epochs, *pair)
    assert losses.shape == (epochs + 1,)
    current = {key: np.array(value, dtype=float) for key, value in params.items()}
    expected_losses = [loss_ref(X, y, current, *pair)]
    for _ in range(epochs):
        grads = fd_gradient(X, y, current, *pair)  # independent of backward
        current = {key: current[key] - lr * grads[key] for key in KEYS}
        expected_losses.append(loss_ref(X, y, current, *pair))
    np.testing.assert_allclose(losses, expected_losses, rtol=1e-7)
    for key in KEYS:
        np.testing.assert_allclose(final[key], current[key], rtol=1e-6, atol=1e-9)


@given(network=networks(max_m=4), pair=pairs, epochs=st.integers(0, 5))
def test_train_shapes_losses_and_inputs(network: Any, pair: tuple[str, str], epochs: int) -> None:
    X, y, params = network
    before = snapshot(X, y, params)
    final, losses = cr.train(X, y, params, 0.1, epochs, *pair)
    assert_unchanged(before, snapshot(X, y, params))
    assert_grad_dict(final, X.shape[1], params["W1"].shape[0])
    assert losses.dtype == np.float64
    assert losses.shape == (epochs + 1,)
    assert losses[0] == pytest.approx(loss_ref(X, y, params, *pair), rel=1e-9, abs=1e-12)
    assert losses[-1] == pytest.approx(loss_ref(X, y, final, *pair), rel=1e-9, abs=1e-12)
    for key in KEYS:
        for value in (*params.values(), X, y):
            assert not np.shares_memory(final[key], value)


def test_train_zero_epochs_returns_copies() -> None:
    X, y, params = random_network(np.random.default_rng(3), 4, 2, 3)
    final, losses = cr.train(X, y, params, 0.5, 0, "tanh", "sigmoid")
    assert losses.shape == (1,)
    assert losses[0] == pytest.approx(loss_ref(X, y, params, "tanh", "sigmoid"), rel=1e-12)
    assert final is not params
    assert_grad_dict(final, 2, 3)
    for key in KEYS:
        assert final[key] is not params[key]
        assert not np.shares_memory(final[key], params[key])
        np.testing.assert_array_equal(final[key], params[key])
    before = snapshot(params)
    for key in KEYS:
        final[key] += 1.0
    assert_unchanged(before, snapshot(params))


def test_train_accepts_lists_ints_and_numpy_scalars() -> None:
    X = [[0, 1], [1, 0], [1, 1]]
    y = [1, 1, 0]
    params = {"W1": [[1, -1]], "b1": [0], "W2": [[1]], "b2": [0]}
    float_params = {key: np.array(value, dtype=float) for key, value in params.items()}
    before = snapshot(X, y, params)
    final, losses = cr.train(X, y, params, np.float32(0.5), np.int64(4), "tanh", "sigmoid")
    assert_unchanged(before, snapshot(X, y, params))
    expected_final, expected_losses = cr.train(
        np.array(X, float), np.array(y, float), float_params, 0.5, 4, "tanh", "sigmoid"
    )
    np.testing.assert_array_equal(losses, expected_losses)
    for key in KEYS:
        assert final[key].dtype == np.float64
        np.testing.assert_array_equal(final[key], expected_final[key])


def test_train_defaults_to_sigmoid() -> None:
    X, y, params = random_network(np.random.default_rng(8), 3, 2, 2)
    _, losses = cr.train(X, y, params, 0.2, 3)
    _, explicit = cr.train(X, y, params, 0.2, 3, "sigmoid", "sigmoid")
    np.testing.assert_array_equal(losses, explicit)
    assert losses[0] == pytest.approx(loss_ref(X, y, params, "sigmoid", "sigmoid"), rel=1e-12)


@pytest.mark.parametrize("lr", [0, 1, -0.1, 1.5, math.nan, math.inf])
def test_train_lr_value_error(lr: Any) -> None:
    X, y, params = random_network(np.random.default_rng(0), 2, 2, 2)
    with pytest.raises(ValueError, match=r"lr must lie in the open interval \(0, 1\)"):
        cr.train(X, y, params, lr, 3)


@pytest.mark.parametrize("lr", [True, "0.1", None, 0.1j])
def test_train_lr_type_error(lr: Any) -> None:
    X, y, params = random_network(np.random.default_rng(0), 2, 2, 2)
    with pytest.raises(TypeError, match="lr must be a real number"):
        cr.train(X, y, params, lr, 3)


@pytest.mark.parametrize("epochs", [True, 3.0, np.float64(3.0), "3", None])
def test_train_epochs_type_error(epochs: Any) -> None:
    X, y, params = random_network(np.random.default_rng(0), 2, 2, 2)
    with pytest.raises(TypeError, match="epochs must be an integer"):
        cr.train(X, y, params, 0.1, epochs)


@pytest.mark.parametrize("epochs", [-1, np.int64(-5)])
def test_train_epochs_value_error(epochs: Any) -> None:
    X, y, params = random_network(np.random.default_rng(0), 2, 2, 2)
    with pytest.raises(ValueError, match="epochs must be an integer >= 0"):
        cr.train(X, y, params, 0.1, epochs)


def test_train_other_errors() -> None:
    X, y, params = random_network(np.random.default_rng(0), 3, 2, 2)
    with pytest.raises(ValueError, match=r"y must have shape \(3,\).*\(3, 1\)"):
        cr.train(X, y[:, None], params, 0.1, 0)
    with pytest.raises(ValueError, match="params must have exactly the keys"):
        cr.train(X, y, {**params, "b3": [0.0]}, 0.1, 2)
    with pytest.raises(ValueError, match="activation must be one of"):
        cr.train(X, y, params, 0.1, 2, hidden="leaky_relu")
    with pytest.raises(ValueError, match="X must be"):
        cr.train(np.zeros((0, 2)), np.zeros(0), params, 0.1, 2)
