"""Reference tests for topic 1, `neuron`: what a neuron computes."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from solutions import neuron
from tests.helpers import FP_ERRORS, elementwise_derivative

# --------------------------------------------------------------------------------------------
# Independent scalar references (math module, never the code under test)
# --------------------------------------------------------------------------------------------


def ref_sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))  # callers keep z >= -700 so math.exp does not overflow


REF_ACTIVATIONS: dict[str, Callable[[float], float]] = {
    "identity": lambda z: z,
    "sigmoid": ref_sigmoid,
    "tanh": math.tanh,
    "relu": lambda z: max(z, 0.0),
}
ACTIVATION_NAMES = ["identity", "sigmoid", "tanh", "relu"]

ELEMENTWISE = {
    "sigmoid": neuron.sigmoid,
    "sigmoid_derivative": neuron.sigmoid_derivative,
    "tanh": neuron.tanh,
    "tanh_derivative": neuron.tanh_derivative,
    "relu": neuron.relu,
    "relu_derivative": neuron.relu_derivative,
    "identity": neuron.identity,
    "identity_derivative": neuron.identity_derivative,
}
# (function, its derivative) pairs
DERIVATIVES = [
    ("sigmoid", neuron.sigmoid, neuron.sigmoid_derivative),
    ("tanh", neuron.tanh, neuron.tanh_derivative),
    ("relu", neuron.relu, neuron.relu_derivative),
    ("identity", neuron.identity, neuron.identity_derivative),
]
ACTIVATIONS = {
    "identity": neuron.identity,
    "sigmoid": neuron.sigmoid,
    "tanh": neuron.tanh,
    "relu": neuron.relu,
}
BAD_ACTIVATIONS: list[Any] = [
    "Sigmoid",
    "RELU",
    "softmax",
    "linear",
    "",
    " relu",
    b"relu",
    None,
    1,
    neuron.sigmoid,
    ["relu"],
]
FLOAT_MAX = float(np.finfo(np.float64).max)


def case_id(value: Any) -> str:
    """A test id that is the same in every process (a function's repr holds its address)."""
    return f"function {value.__name__}" if callable(value) else repr(value)


def apply(f: Callable[[float], float], z: np.ndarray) -> np.ndarray:
    """Apply a scalar reference entry by entry."""
    return np.array([f(float(v)) for v in z.ravel()], dtype=np.float64).reshape(z.shape)


def as_array(value: Any) -> np.ndarray:
    """The result of a function under test as an ndarray, for comparisons."""
    return np.asarray(value, dtype=np.float64)


def floats(bound: float) -> st.SearchStrategy[float]:
    return st.floats(-bound, bound, allow_nan=False, allow_infinity=False)


def arrays(bound: float, min_dims: int = 0, max_dims: int = 3, min_side: int = 0):
    return hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=4),
        elements=floats(bound),
    )


# arrays away from relu's kink at 0
away_from_zero = st.one_of(st.floats(1e-3, 10.0), st.floats(-10.0, -1e-3))
kinkless_arrays = hnp.arrays(
    np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=4), elements=away_from_zero
)


def check_message_names(error: pytest.ExceptionInfo[BaseException], *parts: str) -> None:
    message = str(error.value)
    for part in parts:
        assert part in message, f"{part!r} not in error message {message!r}"


# --------------------------------------------------------------------------------------------
# Elementwise functions: types, shapes, inputs
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(ELEMENTWISE))
@given(z=arrays(100.0, min_dims=1))
def test_elementwise_returns_new_float64_array_of_same_shape(name: str, z: np.ndarray) -> None:
    f = ELEMENTWISE[name]
    before = z.copy()
    result = f(z)
    assert isinstance(result, np.ndarray)
    assert result.dtype == np.float64
    assert result.shape == z.shape
    assert result is not z
    assert not np.shares_memory(result, z)
    np.testing.assert_array_equal(z, before)  # input untouched


@pytest.mark.parametrize("name", list(ELEMENTWISE))
@pytest.mark.parametrize(
    "scalar",
    [0.5, -2, 0, 3.0, np.float64(-0.25), np.float32(1.5), np.int64(-3), np.array(1.25)],
    ids=repr,
)
def test_elementwise_scalar_gives_python_float(name: str, scalar: Any) -> None:
    f = ELEMENTWISE[name]
    result = f(scalar)
    assert isinstance(result, float)
    assert not isinstance(result, np.ndarray)
    # same value as the one-element array
    expected = f(np.array([float(scalar)]))
    assert isinstance(expected, np.ndarray)
    assert result == expected[0]


@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_elementwise_accepts_int_and_list_inputs(name: str) -> None:
    f = ELEMENTWISE[name]
    as_floats = np.array([[-3.0, 0.0, 2.0], [1.0, -1.0, 5.0]])
    expected = f(as_floats)
    for value in (
        [[-3, 0, 2], [1, -1, 5]],
        [[-3.0, 0, 2], [1, -1.0, 5]],
        np.array([[-3, 0, 2], [1, -1, 5]], dtype=np.int64),
        np.array([[-3, 0, 2], [1, -1, 5]], dtype=np.int8),
        np.array([[-3, 0, 2], [1, -1, 5]], dtype=np.float32),
    ):
        result = f(value)
        assert isinstance(result, np.ndarray)
        assert result.dtype == np.float64
        assert result.shape == (2, 3)
        np.testing.assert_array_equal(result, expected)


@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_elementwise_keeps_empty_and_one_element_shapes(name: str) -> None:
    f = ELEMENTWISE[name]
    for shape in [(0,), (1,), (1, 1), (3, 0), (2, 1, 3)]:
        result = f(np.zeros(shape))
        assert isinstance(result, np.ndarray)
        assert result.shape == shape
        assert result.dtype == np.float64


@pytest.mark.parametrize("name", list(ELEMENTWISE))
@pytest.mark.parametrize(
    "bad",
    ["1.0", ["a", "b"], 1 + 2j, np.array([1.0 + 0j]), True, np.array([True, False]), None],
    ids=repr,
)
def test_elementwise_rejects_non_real_input(name: str, bad: Any) -> None:
    with pytest.raises(TypeError, match="real numbers"):
        ELEMENTWISE[name](bad)


@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_elementwise_rejects_ragged_list(name: str) -> None:
    with pytest.raises(ValueError, match="rectangular"):
        ELEMENTWISE[name]([[1.0, 2.0], [3.0]])


@given(z=arrays(100.0, min_dims=1))
def test_identity_result_is_an_independent_copy(z: np.ndarray) -> None:
    before = z.copy()
    result = neuron.identity(z)
    assert isinstance(result, np.ndarray)
    np.testing.assert_array_equal(result, z)
    result[...] = 7.0  # writing into the result leaves the input alone
    np.testing.assert_array_equal(z, before)


# --------------------------------------------------------------------------------------------
# Elementwise functions: values
# --------------------------------------------------------------------------------------------


def test_hand_computed_values() -> None:
    assert neuron.sigmoid(0) == 0.5
    assert neuron.sigmoid(math.log(3.0)) == pytest.approx(0.75, rel=1e-14)
    assert neuron.sigmoid(-math.log(3.0)) == pytest.approx(0.25, rel=1e-14)
    assert neuron.sigmoid_derivative(0) == 0.25
    assert neuron.sigmoid_derivative(math.log(3.0)) == pytest.approx(0.1875, rel=1e-14)
    assert neuron.tanh(0) == 0.0
    assert neuron.tanh(math.log(2.0)) == pytest.approx(0.6, rel=1e-14)  # (2 - 1/2) / (2 + 1/2)
    assert neuron.tanh_derivative(0) == 1.0
    assert neuron.tanh_derivative(math.log(2.0)) == pytest.approx(0.64, rel=1e-14)
    np.testing.assert_array_equal(neuron.relu([-2, 0, 3]), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(neuron.relu_derivative([-2, 0, 3]), [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(neuron.identity([1, -2]), [1.0, -2.0])
    np.testing.assert_array_equal(neuron.identity_derivative([[5, -3]]), [[1.0, 1.0]])


@given(z=arrays(700.0))
def test_sigmoid_matches_the_formula(z: np.ndarray) -> None:
    np.testing.assert_allclose(as_array(neuron.sigmoid(z)), apply(ref_sigmoid, z), rtol=1e-12)


@given(z=arrays(600.0))
def test_sigmoid_derivative_matches_the_formula(z: np.ndarray) -> None:
    # sigma'(z) = 1 / (4 cosh^2(z / 2)): an independent form of sigma (1 - sigma)
    expected = apply(lambda v: 0.25 / math.cosh(v / 2.0) ** 2, z)
    np.testing.assert_allclose(
        as_array(neuron.sigmoid_derivative(z)), expected, rtol=1e-9, atol=1e-15
    )


@given(z=arrays(300.0))
def test_tanh_and_its_derivative_match_the_formula(z: np.ndarray) -> None:
    np.testing.assert_allclose(
        as_array(neuron.tanh(z)), apply(math.tanh, z), rtol=1e-13, atol=1e-300
    )
    expected = apply(lambda v: 1.0 / math.cosh(v) ** 2, z)  # sech^2 = 1 - tanh^2
    np.testing.assert_allclose(as_array(neuron.tanh_derivative(z)), expected, rtol=1e-9, atol=1e-15)


@given(z=arrays(1e6))
def test_relu_identity_and_derivatives_exact_values(z: np.ndarray) -> None:
    np.testing.assert_array_equal(as_array(neuron.relu(z)), apply(lambda v: max(v, 0.0), z))
    np.testing.assert_array_equal(
        as_array(neuron.relu_derivative(z)), apply(lambda v: 1.0 if v > 0 else 0.0, z)
    )
    np.testing.assert_array_equal(as_array(neuron.identity(z)), z)
    np.testing.assert_array_equal(as_array(neuron.identity_derivative(z)), np.ones(z.shape))


@given(z=arrays(30.0))
def test_derivatives_agree_with_their_textbook_forms(z: np.ndarray) -> None:
    s = as_array(neuron.sigmoid(z))
    np.testing.assert_allclose(as_array(neuron.sigmoid_derivative(z)), s * (1 - s), atol=1e-15)
    t = as_array(neuron.tanh(z))
    np.testing.assert_allclose(as_array(neuron.tanh_derivative(z)), 1 - t * t, atol=1e-15)


@pytest.mark.parametrize(("name", "f", "df"), DERIVATIVES, ids=[d[0] for d in DERIVATIVES])
@given(
    z=hnp.arrays(
        np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=4), elements=floats(8.0)
    )
)
def test_derivative_matches_central_differences(
    name: str, f: Callable[..., Any], df: Callable[..., Any], z: np.ndarray
) -> None:
    if name == "relu":
        z = np.where(np.abs(z) < 1e-3, 0.5, z)  # away from the kink at 0
    np.testing.assert_allclose(as_array(df(z)), elementwise_derivative(f, z), rtol=1e-6, atol=1e-8)


@given(z=kinkless_arrays)
def test_relu_derivative_matches_central_differences_away_from_zero(z: np.ndarray) -> None:
    np.testing.assert_allclose(
        as_array(neuron.relu_derivative(z)), elementwise_derivative(neuron.relu, z), atol=1e-8
    )


# --------------------------------------------------------------------------------------------
# Invariants
# --------------------------------------------------------------------------------------------


@given(z=arrays(1e4))
def test_sigmoid_symmetry(z: np.ndarray) -> None:
    # sigma(-z) = 1 - sigma(z)
    np.testing.assert_allclose(
        as_array(neuron.sigmoid(-z)), 1.0 - as_array(neuron.sigmoid(z)), atol=1e-15
    )


@given(z=arrays(1e4))
def test_tanh_is_odd_and_derivatives_are_even(z: np.ndarray) -> None:
    np.testing.assert_allclose(
        as_array(neuron.tanh(-z)), -as_array(neuron.tanh(z)), rtol=1e-15, atol=0
    )
    for df in (neuron.sigmoid_derivative, neuron.tanh_derivative):
        np.testing.assert_allclose(as_array(df(-z)), as_array(df(z)), rtol=1e-12, atol=1e-300)


@given(z=arrays(1e300))
def test_relu_splits_z_into_its_positive_and_negative_parts(z: np.ndarray) -> None:
    pos, neg = as_array(neuron.relu(z)), as_array(neuron.relu(-z))
    assert np.all(pos >= 0)
    np.testing.assert_array_equal(pos - neg, z)


def test_relu_derivative_is_zero_at_zero() -> None:
    assert neuron.relu_derivative(0.0) == 0.0
    assert neuron.relu_derivative(-0.0) == 0.0
    assert neuron.relu_derivative(0) == 0.0
    np.testing.assert_array_equal(neuron.relu_derivative(np.zeros((2, 2))), np.zeros((2, 2)))
    assert neuron.relu_derivative(5e-324) == 1.0  # the smallest positive float is > 0
    assert neuron.relu_derivative(-5e-324) == 0.0


@given(z=arrays(50.0, min_dims=1, max_dims=1))
def test_sigmoid_and_tanh_are_monotone_and_bounded(z: np.ndarray) -> None:
    z = np.sort(z)
    s, t = as_array(neuron.sigmoid(z)), as_array(neuron.tanh(z))
    assert np.all(np.diff(s) >= 0)
    assert np.all(np.diff(t) >= 0)
    assert np.all((s >= 0) & (s <= 1))
    assert np.all((t >= -1) & (t <= 1))
    ds = as_array(neuron.sigmoid_derivative(z))
    dt = as_array(neuron.tanh_derivative(z))
    assert np.all((ds >= 0) & (ds <= 0.25))
    assert np.all((dt >= 0) & (dt <= 1))


# --------------------------------------------------------------------------------------------
# Stability far out
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("big", [40.0, 800.0, 1e4, 1e300, FLOAT_MAX])
def test_exact_limits_far_out(big: float) -> None:
    with np.errstate(**FP_ERRORS):
        assert neuron.sigmoid(big) == 1.0
        assert neuron.tanh(big) == 1.0
        assert neuron.tanh(-big) == -1.0
        if big >= 800:
            assert neuron.sigmoid(-big) == 0.0
            assert neuron.sigmoid_derivative(big) == 0.0
            assert neuron.sigmoid_derivative(-big) == 0.0
            assert neuron.tanh_derivative(big) == 0.0
            assert neuron.tanh_derivative(-big) == 0.0
        zs = np.array([-big, -1.0, 0.0, 1.0, big])
        np.testing.assert_allclose(as_array(neuron.sigmoid(zs))[[0, 4]], [0.0, 1.0], atol=1e-17)
        np.testing.assert_array_equal(as_array(neuron.tanh(zs))[[0, 4]], [-1.0, 1.0])


def test_sigmoid_keeps_relative_accuracy_for_negative_z() -> None:
    with np.errstate(**FP_ERRORS):
        # sigma(-50) = e^-50 / (1 + e^-50)
        assert neuron.sigmoid(-50.0) == pytest.approx(
            math.exp(-50) / (1 + math.exp(-50)), rel=1e-12
        )
        assert neuron.sigmoid(-700.0) == pytest.approx(math.exp(-700), rel=1e-12)


@pytest.mark.parametrize(
    "f",
    [neuron.sigmoid, neuron.sigmoid_derivative, neuron.tanh, neuron.tanh_derivative],
    ids=lambda f: f.__name__,
)
@given(z=arrays(1e4, min_dims=1))
def test_no_floating_point_errors_up_to_1e4(f: Callable[..., Any], z: np.ndarray) -> None:
    with np.errstate(**FP_ERRORS):
        result = as_array(f(z))
    assert np.all(np.isfinite(result))
    assert np.all((result >= -1) & (result <= 1))


@pytest.mark.parametrize(
    "f",
    [neuron.sigmoid, neuron.sigmoid_derivative, neuron.tanh, neuron.tanh_derivative],
    ids=lambda f: f.__name__,
)
@given(
    z=hnp.arrays(
        np.float64, st.integers(1, 6), elements=st.floats(allow_nan=False, allow_infinity=False)
    )
)
def test_no_floating_point_errors_for_any_finite_input(
    f: Callable[..., Any], z: np.ndarray
) -> None:
    with np.errstate(**FP_ERRORS):
        result = as_array(f(z))
    assert np.all(np.isfinite(result))


# --------------------------------------------------------------------------------------------
# weighted_sum
# --------------------------------------------------------------------------------------------


def ref_weighted_sum(x: np.ndarray, w: np.ndarray, b: float) -> float:
    return math.fsum([float(a) * float(c) for a, c in zip(x, w, strict=True)] + [float(b)])


def test_weighted_sum_hand_examples() -> None:
    z = neuron.weighted_sum([1, 2, 3], [0.5, -1.0, 2.0], 1)  # 0.5 - 2 + 6 + 1
    assert isinstance(z, float)
    assert z == 5.5
    batch = neuron.weighted_sum([[1, 0], [0, 1], [1, 1]], [2.0, 3.0], 0.5)
    assert isinstance(batch, np.ndarray)
    assert batch.dtype == np.float64
    assert batch.shape == (3,)
    np.testing.assert_array_equal(batch, [2.5, 3.5, 5.5])


@st.composite
def sample_and_weights(draw: st.DrawFn, batch: bool) -> tuple[np.ndarray, np.ndarray, float]:
    n = draw(st.integers(1, 6))
    shape = (draw(st.integers(1, 5)), n) if batch else (n,)
    x = draw(hnp.arrays(np.float64, shape, elements=floats(100.0)))
    w = draw(hnp.arrays(np.float64, (n,), elements=floats(100.0)))
    b = draw(floats(100.0))
    return x, w, b


@given(args=sample_and_weights(batch=False))
def test_weighted_sum_of_one_sample(args: tuple[np.ndarray, np.ndarray, float]) -> None:
    x, w, b = args
    copies = x.copy(), w.copy()
    z = neuron.weighted_sum(x, w, b)
    assert isinstance(z, float)
    assert z == pytest.approx(ref_weighted_sum(x, w, b), rel=1e-9, abs=1e-9)
    np.testing.assert_array_equal(x, copies[0])
    np.testing.assert_array_equal(w, copies[1])


@given(args=sample_and_weights(batch=True))
def test_weighted_sum_of_a_batch(args: tuple[np.ndarray, np.ndarray, float]) -> None:
    x, w, b = args
    copies = x.copy(), w.copy()
    z = neuron.weighted_sum(x, w, b)
    assert isinstance(z, np.ndarray)
    assert z.dtype == np.float64
    assert z.shape == (x.shape[0],)
    expected = [ref_weighted_sum(row, w, b) for row in x]
    np.testing.assert_allclose(z, expected, rtol=1e-9, atol=1e-9)
    np.testing.assert_array_equal(x, copies[0])
    np.testing.assert_array_equal(w, copies[1])


@pytest.mark.parametrize(
    "b", [2, 2.0, np.int8(2), np.int64(2), np.float32(2.0), np.array(2), np.array(2.0)], ids=repr
)
def test_weighted_sum_accepts_int_list_and_0d_inputs(b: Any) -> None:
    for x, w in [
        ([1, 2, 3], [4, 5, 6]),
        (np.array([1, 2, 3], dtype=np.int32), np.array([4, 5, 6], dtype=np.int64)),
        ((1, 2, 3), np.array([4.0, 5.0, 6.0], dtype=np.float32)),
    ]:
        z = neuron.weighted_sum(x, w, b)
        assert isinstance(z, float)
        assert z == 34.0  # 4 + 10 + 18 + 2
    batch = neuron.weighted_sum([[1, 2, 3], [0, 0, 1]], [4, 5, 6], b)
    assert isinstance(batch, np.ndarray)
    assert batch.dtype == np.float64
    np.testing.assert_array_equal(batch, [34.0, 8.0])


def test_weighted_sum_batch_of_one_and_empty_batch() -> None:
    one = neuron.weighted_sum([[1.0, 2.0]], [3.0, 4.0], 0.0)
    assert isinstance(one, np.ndarray)
    assert one.shape == (1,)
    np.testing.assert_array_equal(one, [11.0])
    empty = neuron.weighted_sum(np.zeros((0, 2)), [3.0, 4.0], 1.0)
    assert isinstance(empty, np.ndarray)
    assert empty.shape == (0,)
    assert empty.dtype == np.float64


@pytest.mark.parametrize(
    "b", [[1.0], np.array([1.0]), np.ones((1, 1)), [1.0, 2.0], np.zeros(0)], ids=repr
)
def test_weighted_sum_rejects_a_non_scalar_bias(b: Any) -> None:
    with pytest.raises(ValueError, match=r"b must be a scalar") as error:
        neuron.weighted_sum([1.0, 2.0], [3.0, 4.0], b)
    check_message_names(error, str(np.shape(b)))


@pytest.mark.parametrize(
    "x", [3.0, np.array(3.0), np.ones((2, 2, 2)), np.ones((1, 1, 2))], ids=repr
)
def test_weighted_sum_rejects_x_of_the_wrong_dimension(x: Any) -> None:
    with pytest.raises(ValueError, match=r"x must have shape \(n,\) or \(m, n\)") as error:
        neuron.weighted_sum(x, [1.0, 2.0], 0.0)
    check_message_names(error, str(np.shape(x)))


@pytest.mark.parametrize("w", [2.0, [[1.0, 2.0]], np.ones((2, 1))], ids=repr)
def test_weighted_sum_rejects_w_that_is_not_1d(w: Any) -> None:
    with pytest.raises(ValueError, match=r"w must be 1-D") as error:
        neuron.weighted_sum([1.0, 2.0], w, 0.0)
    check_message_names(error, str(np.shape(w)))


@pytest.mark.parametrize(
    ("x_shape", "w_shape"),
    [((3,), (2,)), ((2,), (3,)), ((4, 3), (2,)), ((1, 2), (3,)), ((2, 0), (1,))],
)
def test_weighted_sum_rejects_mismatched_lengths(
    x_shape: tuple[int, ...], w_shape: tuple[int, ...]
) -> None:
    with pytest.raises(ValueError, match="len") as error:
        neuron.weighted_sum(np.ones(x_shape), np.ones(w_shape), 0.0)
    check_message_names(error, str(x_shape), str(w_shape))


@pytest.mark.parametrize(
    ("x", "w", "b"),
    [
        (["1", "2"], [1.0, 2.0], 0.0),
        ([1.0, 2.0], [1j, 2.0], 0.0),
        ([1.0, 2.0], [1.0, 2.0], "0"),
        ([1.0, 2.0], [1.0, 2.0], True),
        ([1.0, 2.0], [1.0, 2.0], None),
        ([1.0, 2.0], [1.0, 2.0], 1 + 0j),
        ([True, False], [1.0, 2.0], 0.0),
    ],
    ids=repr,
)
def test_weighted_sum_rejects_non_real_arguments(x: Any, w: Any, b: Any) -> None:
    with pytest.raises(TypeError, match="real numbers"):
        neuron.weighted_sum(x, w, b)


# --------------------------------------------------------------------------------------------
# neuron_output
# --------------------------------------------------------------------------------------------


def test_neuron_output_hand_examples() -> None:
    assert neuron.neuron_output([1, 1], [2.0, -2.0], 0.0) == 0.5  # default sigmoid of 0
    assert neuron.neuron_output([math.log(3.0)], [1.0], 0.0) == pytest.approx(0.75, rel=1e-14)
    assert neuron.neuron_output([1, 2], [1.0, -1.0], 0.5, activation="relu") == 0.0
    assert neuron.neuron_output([1, 2], [1.0, 1.0], 0.5, activation="relu") == 3.5
    assert neuron.neuron_output([1, 2], [3, 4], 0.5, activation="identity") == 11.5
    assert neuron.neuron_output([1, 2], [3, 4], -11, activation="tanh") == 0.0
    batch = neuron.neuron_output([[1, 2], [-1, -2]], [3, 4], 0, activation="relu")
    assert isinstance(batch, np.ndarray)
    np.testing.assert_array_equal(batch, [11.0, 0.0])


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@given(args=st.one_of(sample_and_weights(batch=False), sample_and_weights(batch=True)))
def test_neuron_output_is_the_activation_of_the_weighted_sum(
    activation: str, args: tuple[np.ndarray, np.ndarray, float]
) -> None:
    x, w, b = args
    x, w = x / 10, w / 10  # |z| stays within math.exp's range
    copies = x.copy(), w.copy()
    y = neuron.neuron_output(x, w, b, activation=activation)
    f = REF_ACTIVATIONS[activation]
    if x.ndim == 1:
        assert isinstance(y, float)
        assert y == pytest.approx(f(ref_weighted_sum(x, w, b)), rel=1e-9, abs=1e-12)
    else:
        assert isinstance(y, np.ndarray)
        assert y.dtype == np.float64
        assert y.shape == (x.shape[0],)
        expected = [f(ref_weighted_sum(row, w, b)) for row in x]
        np.testing.assert_allclose(y, expected, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(x, copies[0])
    np.testing.assert_array_equal(w, copies[1])


@given(args=st.one_of(sample_and_weights(batch=False), sample_and_weights(batch=True)))
def test_neuron_output_defaults_to_sigmoid(args: tuple[np.ndarray, np.ndarray, float]) -> None:
    x, w, b = args
    np.testing.assert_array_equal(
        as_array(neuron.neuron_output(x, w, b)),
        as_array(neuron.neuron_output(x, w, b, activation="sigmoid")),
    )
    np.testing.assert_allclose(
        as_array(neuron.neuron_output(x, w, b)),
        as_array(neuron.sigmoid(neuron.weighted_sum(x, w, b))),
        rtol=1e-12,
    )


@pytest.mark.parametrize("activation", BAD_ACTIVATIONS, ids=case_id)
def test_neuron_output_rejects_unknown_activation(activation: Any) -> None:
    with pytest.raises(ValueError, match="activation"):
        neuron.neuron_output([1.0, 2.0], [3.0, 4.0], 0.0, activation=activation)


@pytest.mark.parametrize(
    ("x", "w", "b"),
    [
        ([1.0, 2.0, 3.0], [1.0, 2.0], 0.0),  # lengths differ
        ([1.0, 2.0], [1.0, 2.0], [0.0]),  # b not a scalar
        (np.ones((2, 2, 2)), [1.0, 2.0], 0.0),  # x 3-D
        ("abc", [1.0, 2.0], 0.0),  # x not numbers
    ],
)
def test_neuron_output_checks_the_activation_before_computing(x: Any, w: Any, b: Any) -> None:
    with pytest.raises(ValueError, match="activation"):
        neuron.neuron_output(x, w, b, activation="softmax")


def test_neuron_output_passes_on_shape_errors() -> None:
    with pytest.raises(ValueError, match="len") as error:
        neuron.neuron_output([1.0, 2.0, 3.0], [1.0, 2.0], 0.0, activation="relu")
    check_message_names(error, "(3,)", "(2,)")
    with pytest.raises(ValueError, match="b must be a scalar"):
        neuron.neuron_output([1.0, 2.0], [1.0, 2.0], [0.0])


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_neuron_output_is_stable_for_large_pre_activations(activation: str) -> None:
    with np.errstate(**FP_ERRORS):
        y = neuron.neuron_output([[1e3], [-1e3]], [1e3], 0.0, activation=activation)
    low = 0.0 if activation == "sigmoid" else -1.0
    np.testing.assert_array_equal(y, [1.0, low])


# --------------------------------------------------------------------------------------------
# dense_layer
# --------------------------------------------------------------------------------------------


def test_dense_layer_hand_examples() -> None:
    y = neuron.dense_layer([[1, 2]], [[1, 0], [0, 1], [1, 1]], [0, 0, -4], activation="relu")
    assert isinstance(y, np.ndarray)
    assert y.dtype == np.float64
    assert y.shape == (1, 3)
    np.testing.assert_array_equal(y, [[1.0, 2.0, 0.0]])
    # two samples, two neurons, identity: X @ W.T + b by hand
    y = neuron.dense_layer([[1, 2], [3, 4]], [[1, 1], [2, -1]], [0.5, 0], activation="identity")
    np.testing.assert_array_equal(y, [[3.5, 0.0], [7.5, 2.0]])
    y = neuron.dense_layer([[1, -1]], [[1, 1]], [0])  # default sigmoid of 0
    np.testing.assert_array_equal(y, [[0.5]])


@st.composite
def layers(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m, n_in, n_out = draw(st.integers(1, 4)), draw(st.integers(1, 4)), draw(st.integers(1, 4))
    X = draw(hnp.arrays(np.float64, (m, n_in), elements=floats(10.0)))
    W = draw(hnp.arrays(np.float64, (n_out, n_in), elements=floats(10.0)))
    b = draw(hnp.arrays(np.float64, (n_out,), elements=floats(10.0)))
    return X, W, b


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@given(layer=layers())
def test_dense_layer_is_n_out_neurons(
    activation: str, layer: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> None:
    X, W, b = layer
    copies = X.copy(), W.copy(), b.copy()
    Y = neuron.dense_layer(X, W, b, activation=activation)
    assert isinstance(Y, np.ndarray)
    assert Y.dtype == np.float64
    assert Y.shape == (X.shape[0], W.shape[0])
    for k in range(W.shape[0]):
        column = neuron.neuron_output(X, W[k], b[k], activation=activation)
        np.testing.assert_allclose(Y[:, k], as_array(column), rtol=1e-12, atol=1e-12)
    f = REF_ACTIVATIONS[activation]
    expected = [[f(ref_weighted_sum(x, w, bk)) for w, bk in zip(W, b, strict=True)] for x in X]
    np.testing.assert_allclose(Y, expected, rtol=1e-9, atol=1e-12)
    for array, copy in zip((X, W, b), copies, strict=True):
        np.testing.assert_array_equal(array, copy)


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize(
    ("m", "n_in", "n_out"), [(3, 2, 4), (2, 5, 1), (1, 3, 2), (1, 1, 1), (4, 1, 3)]
)
def test_dense_layer_non_square_and_batch_of_one(
    activation: str, m: int, n_in: int, n_out: int
) -> None:
    rng = np.random.default_rng(m * 100 + n_in * 10 + n_out)
    X = rng.normal(size=(m, n_in))
    W = rng.normal(size=(n_out, n_in))
    b = rng.normal(size=n_out)
    Y = neuron.dense_layer(X, W, b, activation=activation)
    assert isinstance(Y, np.ndarray)
    assert Y.shape == (m, n_out)
    for k in range(n_out):
        np.testing.assert_allclose(
            Y[:, k],
            as_array(neuron.neuron_output(X, W[k], b[k], activation=activation)),
            rtol=1e-12,
            atol=1e-14,
        )
    for i in range(m):  # one sample at a time, as a batch of one
        row = neuron.dense_layer(X[i : i + 1], W, b, activation=activation)
        assert row.shape == (1, n_out)
        np.testing.assert_allclose(row[0], Y[i], rtol=1e-12, atol=1e-14)


def test_dense_layer_accepts_int_and_list_inputs() -> None:
    expected = neuron.dense_layer(
        np.array([[1.0, 2.0]]),
        np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]),
        np.array([0.0, 0.0, -4.0]),
        "tanh",
    )
    for X, W, b in [
        ([[1, 2]], [[1, 0], [0, 1], [1, 1]], [0, 0, -4]),
        (np.array([[1, 2]], dtype=np.int32), np.array([[1, 0], [0, 1], [1, 1]]), (0, 0, -4)),
        (
            ((1, 2),),
            np.array([[1, 0], [0, 1], [1, 1]], dtype=np.float32),
            np.array([0, 0, -4], dtype=np.int8),
        ),
    ]:
        Y = neuron.dense_layer(X, W, b, activation="tanh")
        assert isinstance(Y, np.ndarray)
        assert Y.dtype == np.float64
        np.testing.assert_array_equal(Y, expected)


def test_dense_layer_returns_a_new_array() -> None:
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    Y = neuron.dense_layer(X, np.eye(2), np.zeros(2), activation="identity")
    np.testing.assert_array_equal(Y, X)
    assert Y is not X
    assert not np.shares_memory(Y, X)


@pytest.mark.parametrize("X", [[1.0, 2.0], 1.0, np.ones((1, 1, 2))], ids=repr)
def test_dense_layer_requires_2d_X(X: Any) -> None:
    with pytest.raises(ValueError, match=r"X must be 2-D") as error:
        neuron.dense_layer(X, np.ones((3, 2)), np.zeros(3))
    check_message_names(error, str(np.shape(X)))


@pytest.mark.parametrize("W", [[1.0, 2.0], 1.0, np.ones((3, 2, 1))], ids=repr)
def test_dense_layer_requires_2d_W(W: Any) -> None:
    with pytest.raises(ValueError, match=r"W must be 2-D") as error:
        neuron.dense_layer(np.ones((4, 2)), W, np.zeros(3))
    check_message_names(error, str(np.shape(W)))


@pytest.mark.parametrize("b", [0.0, np.zeros((1, 3)), np.zeros((3, 1))], ids=repr)
def test_dense_layer_requires_1d_b(b: Any) -> None:
    with pytest.raises(ValueError, match=r"b must be 1-D") as error:
        neuron.dense_layer(np.ones((4, 2)), np.ones((3, 2)), b)
    check_message_names(error, str(np.shape(b)))


@pytest.mark.parametrize(
    ("X_shape", "W_shape"), [((4, 2), (3, 3)), ((1, 3), (3, 2)), ((2, 3), (2, 2))]
)
def test_dense_layer_rejects_mismatched_inputs(
    X_shape: tuple[int, int], W_shape: tuple[int, int]
) -> None:
    with pytest.raises(ValueError, match="n_in") as error:
        neuron.dense_layer(np.ones(X_shape), np.ones(W_shape), np.zeros(W_shape[0]))
    check_message_names(error, str(X_shape), str(W_shape))


@pytest.mark.parametrize(("W_shape", "b_len"), [((3, 2), 2), ((3, 2), 4), ((1, 2), 3), ((2, 2), 1)])
def test_dense_layer_rejects_mismatched_bias(W_shape: tuple[int, int], b_len: int) -> None:
    with pytest.raises(ValueError, match="n_out") as error:
        neuron.dense_layer(np.ones((4, 2)), np.ones(W_shape), np.zeros(b_len))
    check_message_names(error, f"({b_len},)", str(W_shape))


@pytest.mark.parametrize("activation", BAD_ACTIVATIONS, ids=case_id)
def test_dense_layer_rejects_unknown_activation(activation: Any) -> None:
    with pytest.raises(ValueError, match="activation"):
        neuron.dense_layer(np.ones((2, 2)), np.ones((3, 2)), np.zeros(3), activation=activation)


def test_dense_layer_checks_the_activation_before_the_shapes() -> None:
    with pytest.raises(ValueError, match="activation"):
        neuron.dense_layer([1.0, 2.0], np.ones((3, 3)), np.zeros(1), activation="Relu")
    with pytest.raises(ValueError, match="activation"):
        neuron.dense_layer([["a"]], np.ones((3, 3)), np.zeros(1), activation="softmax")


def test_dense_layer_rejects_non_real_arguments() -> None:
    with pytest.raises(TypeError, match="real numbers"):
        neuron.dense_layer([["1", "2"]], np.ones((3, 2)), np.zeros(3))
    with pytest.raises(TypeError, match="real numbers"):
        neuron.dense_layer(np.ones((1, 2)), np.ones((3, 2)) * 1j, np.zeros(3))
    with pytest.raises(TypeError, match="real numbers"):
        neuron.dense_layer(np.ones((1, 2)), np.ones((3, 2)), [True, False, True])


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_dense_layer_is_stable_for_large_pre_activations(activation: str) -> None:
    with np.errstate(**FP_ERRORS):
        Y = neuron.dense_layer(
            [[1e2, -1e2]], [[1e2, 0.0], [0.0, 1e2]], [0.0, 0.0], activation=activation
        )
    low = 0.0 if activation == "sigmoid" else -1.0
    np.testing.assert_array_equal(Y, [[1.0, low]])
