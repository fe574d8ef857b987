"""Reference tests for topic 2, `learning_rate`: gradient descent and the size of its step."""

from __future__ import annotations

import math
import time
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solutions import learning_rate as lr_mod
from tests.helpers import FP_ERRORS, central_difference

# ---------------------------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------------------------

learning_rates = st.floats(min_value=0.0, max_value=1.0, exclude_min=True, exclude_max=True)
moderate_lrs = st.floats(min_value=1e-3, max_value=1.0 - 1e-3)
moderate = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
# A subnormal start holds a few significant bits: the iterates that grow from it round at every
# step while the closed form rounds once, so they differ by more than any relative tolerance.
# Starts are normal; iterates that decay into the subnormal range are covered by atol.
normal_starts = st.floats(min_value=-1e3, max_value=1e3, allow_subnormal=False)
curvatures = st.floats(min_value=1e-3, max_value=1e3)
epoch_counts = st.integers(min_value=0, max_value=50)
shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)


@st.composite
def weight_and_gradient(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    shape = draw(shapes)
    w = draw(hnp.arrays(np.float64, shape, elements=moderate))
    grad = draw(hnp.arrays(np.float64, shape, elements=moderate))
    return w, grad


@st.composite
def regression_data(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    m = draw(st.integers(min_value=1, max_value=6))
    n = draw(st.integers(min_value=0, max_value=4))
    x_values = st.floats(min_value=-3.0, max_value=3.0)
    X = draw(hnp.arrays(np.float64, (m, n), elements=x_values))
    y = draw(hnp.arrays(np.float64, (m,), elements=st.floats(min_value=-10.0, max_value=10.0)))
    return X, y


def safe_lr(X: np.ndarray, fraction: float) -> float:
    """A learning rate <= 1/L for the MSE of (X, y), L = (2/m) ||[X, 1]||_F^2 >= lambda_max."""
    m = X.shape[0]
    design = np.column_stack([X, np.ones(m)])
    smoothness = 2.0 / m * float(np.sum(design**2))
    return fraction / max(1.0, smoothness)


def gd_on_design_matrix(
    X: np.ndarray, y: np.ndarray, lr: float, epochs: int
) -> tuple[np.ndarray, float, np.ndarray]:
    """Independent formulation: theta = (w, b) on the design matrix [X, 1], one gradient."""
    m = X.shape[0]
    design = np.column_stack([X, np.ones(m)])
    theta = np.zeros(design.shape[1])
    residual = design @ theta - y
    losses = [float(residual @ residual) / m]
    for _ in range(epochs):
        theta = theta - lr * (2.0 / m) * (design.T @ residual)
        residual = design @ theta - y
        losses.append(float(residual @ residual) / m)
    return theta[:-1], float(theta[-1]), np.array(losses)


# ---------------------------------------------------------------------------------------------
# validate_learning_rate
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lr", "expected"),
    [
        (0.5, 0.5),
        (0.001, 0.001),
        (np.float32(0.5), 0.5),
        (np.float64(0.25), 0.25),
        (np.float16(0.5), 0.5),
        (np.array(0.75), 0.75),
        (Fraction(1, 4), 0.25),
        (5e-324, 5e-324),
        (math.nextafter(1.0, 0.0), math.nextafter(1.0, 0.0)),
    ],
)
def test_validate_learning_rate_accepts_real_numbers_in_open_interval(
    lr: object, expected: float
) -> None:
    result = lr_mod.validate_learning_rate(lr)
    assert type(result) is float
    assert result == expected


@given(lr=learning_rates)
def test_validate_learning_rate_returns_the_value_as_float(lr: float) -> None:
    result = lr_mod.validate_learning_rate(lr)
    assert type(result) is float
    assert result == lr


@pytest.mark.parametrize(
    "lr",
    [
        "0.5",
        None,
        0.5j,
        complex(0.5, 0.0),
        np.complex128(0.5),
        True,
        False,
        np.bool_(True),
        np.array(True),
        [0.5],
        (0.5,),
        np.array([0.5]),
        np.array([[0.5]]),
        Decimal("0.5"),
        object(),
    ],
)
def test_validate_learning_rate_rejects_non_real_numbers_with_type_error(lr: object) -> None:
    with pytest.raises(TypeError, match="lr must be a real number"):
        lr_mod.validate_learning_rate(lr)


@pytest.mark.parametrize(
    "lr",
    [
        0,
        1,
        2,
        -1,
        0.0,
        -0.0,
        1.0,
        -0.5,
        1.5,
        1e300,
        np.int64(0),
        np.int64(1),
        np.int8(-3),
        np.uint8(5),
        np.float32(1.0),
        np.float64(0.0),
        np.array(1.0),
        np.array(0),
        float("nan"),
        np.float32("nan"),
        float("inf"),
        -float("inf"),
        np.float64("inf"),
        10**400,
        -(10**400),
        Fraction(3, 2),
    ],
)
def test_validate_learning_rate_rejects_values_outside_open_interval(lr: object) -> None:
    with pytest.raises(ValueError, match="lr must"):
        lr_mod.validate_learning_rate(lr)


def test_validate_learning_rate_message_says_what_is_expected() -> None:
    with pytest.raises(ValueError, match=r"open interval \(0, 1\).*got 1\.5"):
        lr_mod.validate_learning_rate(1.5)
    with pytest.raises(ValueError, match=r"finite.*nan"):
        lr_mod.validate_learning_rate(float("nan"))
    with pytest.raises(TypeError, match="got str"):
        lr_mod.validate_learning_rate("0.1")


@given(
    lr=st.one_of(
        st.floats(max_value=0.0),
        st.floats(min_value=1.0),
        st.just(float("nan")),
    )
)
def test_validate_learning_rate_rejects_any_float_outside(lr: float) -> None:
    with pytest.raises(ValueError, match="lr must"):
        lr_mod.validate_learning_rate(lr)


# ---------------------------------------------------------------------------------------------
# gradient_descent_step
# ---------------------------------------------------------------------------------------------


def test_gradient_descent_step_hand_example() -> None:
    out = lr_mod.gradient_descent_step(np.array([1.0, 2.0]), np.array([2.0, -4.0]), 0.5)
    assert isinstance(out, np.ndarray)
    assert out.dtype == np.float64
    assert out.shape == (2,)
    np.testing.assert_array_equal(out, [0.0, 4.0])


def test_gradient_descent_step_accepts_int_and_list_inputs() -> None:
    out = lr_mod.gradient_descent_step([[1, 2], [3, 4]], [[1, 0], [0, -2]], 0.25)
    assert isinstance(out, np.ndarray)
    assert out.dtype == np.float64
    assert out.shape == (2, 2)
    np.testing.assert_array_equal(out, [[0.75, 2.0], [3.0, 4.5]])
    int_array = lr_mod.gradient_descent_step(np.array([4, 8]), np.array([4, 8], np.int32), 0.5)
    assert isinstance(int_array, np.ndarray)
    assert int_array.dtype == np.float64
    np.testing.assert_array_equal(int_array, [2.0, 4.0])


def test_gradient_descent_step_float32_inputs_give_float64() -> None:
    w = np.array([1.0, -1.0], dtype=np.float32)
    grad = np.array([0.5, 0.5], dtype=np.float32)
    out = lr_mod.gradient_descent_step(w, grad, 0.1)
    assert isinstance(out, np.ndarray)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, [0.95, -1.05], rtol=1e-7)


@pytest.mark.parametrize(
    ("w", "grad", "lr", "expected"),
    [
        (3.0, 1.0, 0.5, 2.5),
        (3, 1, 0.5, 2.5),
        (np.float32(2.0), np.float64(4.0), 0.25, 1.0),
        (np.array(1.0), np.array(-2.0), 0.5, 2.0),
        (-1, 0, 0.9, -1.0),
    ],
)
def test_gradient_descent_step_scalar_gives_python_float(
    w: object, grad: object, lr: float, expected: float
) -> None:
    out = lr_mod.gradient_descent_step(w, grad, lr)
    assert type(out) is float
    assert out == expected


@given(data=weight_and_gradient(), lr=learning_rates)
def test_gradient_descent_step_values_shape_dtype(
    data: tuple[np.ndarray, np.ndarray], lr: float
) -> None:
    w, grad = data
    w_copy, grad_copy = w.copy(), grad.copy()
    out = lr_mod.gradient_descent_step(w, grad, lr)
    np.testing.assert_array_equal(w, w_copy)
    np.testing.assert_array_equal(grad, grad_copy)
    expected = [
        wi - lr * gi for wi, gi in zip(w.ravel().tolist(), grad.ravel().tolist(), strict=True)
    ]
    if w.ndim == 0:
        assert type(out) is float
        assert out == pytest.approx(expected[0], rel=1e-14, abs=1e-300)
        return
    assert isinstance(out, np.ndarray)
    assert out.dtype == np.float64
    assert out.shape == w.shape
    assert out is not w
    assert not np.shares_memory(out, w)
    np.testing.assert_allclose(out.ravel(), expected, rtol=1e-14, atol=1e-300)


def test_gradient_descent_step_moves_downhill_on_a_quadratic() -> None:
    # f(w) = sum(a * w**2) / 2, its gradient by central differences; a small step lowers f.
    a = np.array([1.0, 3.0, 0.5])

    def f(v: np.ndarray) -> float:
        return float(np.sum(a * v**2) / 2)

    w = np.array([1.0, -2.0, 4.0])
    grad = central_difference(f, w)
    np.testing.assert_allclose(grad, a * w, rtol=1e-7)
    out = lr_mod.gradient_descent_step(w, grad, 0.1)
    assert isinstance(out, np.ndarray)
    np.testing.assert_allclose(out, w - 0.1 * a * w, rtol=1e-7)
    assert f(out) < f(w)


@pytest.mark.parametrize(
    ("w", "grad", "shapes_in_message"),
    [
        (np.zeros(3), np.zeros((3, 1)), r"\(3,\) and \(3, 1\)"),
        (np.zeros((3, 1)), np.zeros(3), r"\(3, 1\) and \(3,\)"),
        (np.zeros(2), np.zeros(3), r"\(2,\) and \(3,\)"),
        (1.0, [1.0], r"\(\) and \(1,\)"),
        ([1.0], 1.0, r"\(1,\) and \(\)"),
        (np.zeros((2, 3)), np.zeros((3, 2)), r"\(2, 3\) and \(3, 2\)"),
        (np.zeros((1, 3)), np.zeros(3), r"\(1, 3\) and \(3,\)"),
    ],
)
def test_gradient_descent_step_rejects_different_shapes(
    w: object, grad: object, shapes_in_message: str
) -> None:
    with pytest.raises(ValueError, match="same shape.*" + shapes_in_message):
        lr_mod.gradient_descent_step(w, grad, 0.5)


@pytest.mark.parametrize("lr", [0, 1, 1.0, -0.1, 2.5, float("nan"), float("inf"), np.int64(0)])
def test_gradient_descent_step_validates_lr_value(lr: object) -> None:
    with pytest.raises(ValueError, match="lr must"):
        lr_mod.gradient_descent_step([1.0], [1.0], lr)


@pytest.mark.parametrize("lr", ["0.1", None, True, 0.1j, [0.1], np.array([0.1])])
def test_gradient_descent_step_validates_lr_type(lr: object) -> None:
    with pytest.raises(TypeError, match="lr must be a real number"):
        lr_mod.gradient_descent_step([1.0], [1.0], lr)


@pytest.mark.parametrize(
    ("w", "grad", "name"),
    [
        (["a", "b"], [1.0, 1.0], "w"),
        ([1.0, 1.0], ["a", "b"], "grad"),
        (np.array([1 + 1j]), [1.0], "w"),
        ([1.0], np.array([True]), "grad"),
        (None, 1.0, "w"),
    ],
)
def test_gradient_descent_step_rejects_non_real_arrays(w: object, grad: object, name: str) -> None:
    with pytest.raises(TypeError, match=f"{name} must be an array of real numbers"):
        lr_mod.gradient_descent_step(w, grad, 0.5)


@given(
    w=hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=2, max_side=4),
        elements=st.floats(min_value=-1.7e308, max_value=1.7e308),
    ),
    k=st.floats(min_value=0.0, max_value=1.0),
    lr=learning_rates,
)
def test_gradient_descent_step_is_stable_at_extreme_magnitudes(
    w: np.ndarray, k: float, lr: float
) -> None:
    # grad = k * w with 0 <= k <= 1: the new weights w * (1 - lr * k) are finite.
    grad = k * w
    with np.errstate(**FP_ERRORS):
        out = lr_mod.gradient_descent_step(w, grad, lr)
    assert isinstance(out, np.ndarray)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, w - lr * grad, rtol=1e-14)


# ---------------------------------------------------------------------------------------------
# quadratic_descent
# ---------------------------------------------------------------------------------------------


def test_quadratic_descent_hand_example() -> None:
    out = lr_mod.quadratic_descent(1.0, 4.0, 0.5, 3)
    assert isinstance(out, np.ndarray)
    assert out.dtype == np.float64
    assert out.shape == (4,)
    np.testing.assert_array_equal(out, [4.0, 2.0, 1.0, 0.5])


def test_quadratic_descent_accepts_ints_and_numpy_scalars() -> None:
    out = lr_mod.quadratic_descent(1, 4, 0.5, 3)
    np.testing.assert_array_equal(out, [4.0, 2.0, 1.0, 0.5])
    out = lr_mod.quadratic_descent(np.float32(3.0), np.int64(-2), np.float64(0.5), np.int64(2))
    assert out.dtype == np.float64
    assert out.shape == (3,)
    # factor 1 - 0.5 * 3 = -0.5: the sign alternates.
    np.testing.assert_array_equal(out, [-2.0, 1.0, -0.5])


def test_quadratic_descent_zero_epochs_is_just_the_start() -> None:
    out = lr_mod.quadratic_descent(2.0, -7.5, 0.1, 0)
    assert out.dtype == np.float64
    assert out.shape == (1,)
    assert out[0] == -7.5


@given(c=curvatures, w0=normal_starts, lr=learning_rates, epochs=epoch_counts)
def test_quadratic_descent_matches_closed_form(c: float, w0: float, lr: float, epochs: int) -> None:
    out = lr_mod.quadratic_descent(c, w0, lr, epochs)
    assert isinstance(out, np.ndarray)
    assert out.dtype == np.float64
    assert out.shape == (epochs + 1,)
    assert out[0] == w0
    factor = 1.0 - lr * c
    expected = np.array([factor**t * w0 for t in range(epochs + 1)])
    np.testing.assert_allclose(out, expected, rtol=1e-11, atol=1e-300)


@pytest.mark.parametrize(("c", "w0", "lr"), [(1.0, 2.0, 0.3), (5.0, -1.5, 0.35), (0.2, 10.0, 0.9)])
def test_quadratic_descent_each_step_follows_the_numerical_gradient(
    c: float, w0: float, lr: float
) -> None:
    def f(v: np.ndarray) -> float:
        return float(c / 2 * np.sum(v**2))

    out = lr_mod.quadratic_descent(c, w0, lr, 6)
    for t in range(6):
        grad = central_difference(f, np.array([out[t]]))[0]
        assert out[t + 1] == pytest.approx(out[t] - lr * grad, rel=1e-6, abs=1e-9)


def test_quadratic_descent_regimes() -> None:
    # lr * c < 1: |w| shrinks monotonically, no sign change.
    slow = lr_mod.quadratic_descent(1.0, 1.0, 0.2, 20)
    assert np.all(slow > 0)
    assert np.all(np.diff(slow) < 0)
    # lr * c = 1: the minimum in one step.
    exact = lr_mod.quadratic_descent(2.0, 3.0, 0.5, 4)
    np.testing.assert_array_equal(exact, [3.0, 0.0, 0.0, 0.0, 0.0])
    # 1 < lr * c < 2: oscillates around 0 with shrinking amplitude.
    oscillating = lr_mod.quadratic_descent(3.0, 1.0, 0.5, 10)
    assert np.all(np.sign(oscillating[1:]) == -np.sign(oscillating[:-1]))
    assert np.all(np.abs(oscillating[1:]) < np.abs(oscillating[:-1]))
    # lr * c = 2: oscillates forever between +w0 and -w0.
    bouncing = lr_mod.quadratic_descent(4.0, 1.0, 0.5, 4)
    np.testing.assert_array_equal(bouncing, [1.0, -1.0, 1.0, -1.0, 1.0])
    # lr * c > 2: diverges.
    diverging = lr_mod.quadratic_descent(10.0, 1.0, 0.5, 5)
    np.testing.assert_array_equal(diverging, [1.0, -4.0, 16.0, -64.0, 256.0, -1024.0])


def test_quadratic_descent_is_stable_at_extreme_magnitudes() -> None:
    # c * w0 alone would overflow, but lr * c = 0.5 exactly, so w_t = 1e308 / 2**t is finite.
    c, lr = 2.0**900, 2.0**-901
    with np.errstate(**FP_ERRORS):
        out = lr_mod.quadratic_descent(c, 1e308, lr, 5)
    np.testing.assert_array_equal(out, [1e308 / 2**t for t in range(6)])
    with np.errstate(**FP_ERRORS):
        tiny = lr_mod.quadratic_descent(1e-300, -1e-300, 0.5, 3)
    np.testing.assert_allclose(tiny, [-1e-300] * 4, rtol=1e-15)
    with np.errstate(**FP_ERRORS):
        underflow = lr_mod.quadratic_descent(1.0, 1e-300, 0.999, 200)
    assert np.all(np.isfinite(underflow))
    assert underflow[-1] == 0.0


@pytest.mark.parametrize("curvature", [0, 0.0, -1.0, -1e-300, float("nan"), float("inf"), 10**400])
def test_quadratic_descent_rejects_bad_curvature_value(curvature: object) -> None:
    with pytest.raises(ValueError, match="curvature must"):
        lr_mod.quadratic_descent(curvature, 1.0, 0.1, 3)


@pytest.mark.parametrize("curvature", ["1.0", None, True, 1j, [1.0], np.array([1.0])])
def test_quadratic_descent_rejects_non_real_curvature(curvature: object) -> None:
    with pytest.raises(TypeError, match="curvature must be a real number"):
        lr_mod.quadratic_descent(curvature, 1.0, 0.1, 3)


@pytest.mark.parametrize("w0", [float("nan"), float("inf"), -float("inf")])
def test_quadratic_descent_rejects_non_finite_w0(w0: float) -> None:
    with pytest.raises(ValueError, match="w0 must be a finite"):
        lr_mod.quadratic_descent(1.0, w0, 0.1, 3)


@pytest.mark.parametrize("w0", ["1.0", None, False, 1j, [1.0]])
def test_quadratic_descent_rejects_non_real_w0(w0: object) -> None:
    with pytest.raises(TypeError, match="w0 must be a real number"):
        lr_mod.quadratic_descent(1.0, w0, 0.1, 3)


@pytest.mark.parametrize(
    ("lr", "error"),
    [(0.0, ValueError), (1, ValueError), (1.5, ValueError), ("0.1", TypeError), (True, TypeError)],
)
def test_quadratic_descent_validates_lr(lr: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="lr must"):
        lr_mod.quadratic_descent(1.0, 1.0, lr, 3)


@pytest.mark.parametrize("epochs", [-1, np.int64(-5)])
def test_quadratic_descent_rejects_negative_epochs(epochs: object) -> None:
    with pytest.raises(ValueError, match="epochs must be a non-negative integer"):
        lr_mod.quadratic_descent(1.0, 1.0, 0.1, epochs)


@pytest.mark.parametrize("epochs", [3.0, True, False, np.bool_(True), "3", None, [3]])
def test_quadratic_descent_rejects_non_integer_epochs(epochs: object) -> None:
    with pytest.raises(TypeError, match="epochs must be a non-negative integer"):
        lr_mod.quadratic_descent(1.0, 1.0, 0.1, epochs)


# ---------------------------------------------------------------------------------------------
# epochs_to_converge
# ---------------------------------------------------------------------------------------------


def test_epochs_to_converge_hand_examples() -> None:
    # w_t = 2**-t: 1, 0.5, 0.25, 0.125 <= 0.2 at t = 3.
    assert lr_mod.epochs_to_converge(1.0, 1.0, 0.5, tol=0.2) == 3
    # default tol 1e-6: 2**-19 = 1.9e-6 > 1e-6 >= 2**-20 = 9.5e-7.
    result = lr_mod.epochs_to_converge(1.0, 1.0, 0.5)
    assert type(result) is int
    assert result == 20
    # |w_t| == tol counts as converged: w_2 = 0.25 exactly.
    assert lr_mod.epochs_to_converge(1.0, 1.0, 0.5, tol=0.25) == 2
    assert lr_mod.epochs_to_converge(1.0, -8.0, 0.75, tol=0.5) == 2
    # negative start, same magnitude.
    assert lr_mod.epochs_to_converge(1.0, -1.0, 0.5, tol=0.2) == 3
    # lr * c = 1: the minimum in one step.
    assert lr_mod.epochs_to_converge(2.0, 5.0, 0.5) == 1
    # oscillating with factor -0.5 converges as fast as factor 0.5.
    assert lr_mod.epochs_to_converge(3.0, 1.0, 0.5, tol=0.2) == 3


@pytest.mark.parametrize(("w0", "tol"), [(0.0, 1e-6), (1e-7, 1e-6), (-0.5, 0.5), (0.5, 0.5)])
def test_epochs_to_converge_zero_when_already_within_tol(w0: float, tol: float) -> None:
    result = lr_mod.epochs_to_converge(1.0, w0, 0.5, tol=tol)
    assert type(result) is int
    assert result == 0
    assert lr_mod.epochs_to_converge(1.0, w0, 0.5, tol=tol, max_epochs=0) == 0


def test_epochs_to_converge_none_when_not_converging() -> None:
    # lr * c = 2: bounces between +1 and -1 forever.
    assert lr_mod.epochs_to_converge(4.0, 1.0, 0.5) is None
    # lr * c > 2: diverges.
    assert lr_mod.epochs_to_converge(10.0, 1.0, 0.5) is None
    assert lr_mod.epochs_to_converge(1e6, -3.0, 0.9) is None
    # too slow: factor 0.99999 needs about 1.4 million epochs.
    assert lr_mod.epochs_to_converge(1e-3, 1.0, 0.01) is None
    # no epochs allowed and not there yet.
    assert lr_mod.epochs_to_converge(1.0, 1.0, 0.5, max_epochs=0) is None
    # exactly one epoch short.
    assert lr_mod.epochs_to_converge(1.0, 1.0, 0.5, tol=0.2, max_epochs=2) is None
    assert lr_mod.epochs_to_converge(1.0, 1.0, 0.5, tol=0.2, max_epochs=3) == 3


def test_epochs_to_converge_default_max_epochs_is_ten_thousand() -> None:
    # Choose lr so that about 9000 (resp. 11000) epochs are needed from w0 = 1 to tol = 1e-6.
    lr_9000 = -math.expm1(math.log(1e-6) / 9000.5)
    lr_11000 = -math.expm1(math.log(1e-6) / 11000.5)
    result = lr_mod.epochs_to_converge(1.0, 1.0, lr_9000)
    assert result is not None
    assert abs(result - 9001) <= 1
    assert lr_mod.epochs_to_converge(1.0, 1.0, lr_11000) is None
    assert lr_mod.epochs_to_converge(1.0, 1.0, lr_11000, max_epochs=12_000) is not None


def test_epochs_to_converge_is_fast() -> None:
    start = time.perf_counter()
    for _ in range(5):
        lr_mod.epochs_to_converge(1.0, 1.0, 1e-4)  # runs the full 10_000 epochs
        lr_mod.epochs_to_converge(5.0, 1.0, 0.9)  # diverging
    assert time.perf_counter() - start < 2.0


@given(
    c=st.floats(min_value=0.1, max_value=10.0),
    lr=moderate_lrs,
    magnitude=st.floats(min_value=1e-3, max_value=1e3),
    negative=st.booleans(),
    log_tol=st.floats(min_value=-9.0, max_value=-2.0),
    max_epochs=st.integers(min_value=0, max_value=2000),
)
def test_epochs_to_converge_matches_closed_form(
    c: float, lr: float, magnitude: float, negative: bool, log_tol: float, max_epochs: int
) -> None:
    w0 = -magnitude if negative else magnitude
    tol = 10.0**log_tol
    rate = abs(1.0 - lr * c)
    assume(abs(rate - 1.0) > 1e-3)  # away from the converge/oscillate boundary
    result = lr_mod.epochs_to_converge(c, w0, lr, tol=tol, max_epochs=max_epochs)
    if magnitude <= tol:
        assert result == 0
        return
    if rate >= 1.0:
        assert result is None
        return
    if rate == 0.0:
        expected = 1
    else:
        t_real = math.log(tol / magnitude) / math.log(rate)
        assume(abs(t_real - max_epochs) > 1.5)  # away from the max_epochs boundary
        expected = math.ceil(t_real)
    if expected > max_epochs:
        assert result is None
        return
    assert type(result) is int
    assert abs(result - expected) <= 1
    # And it is the smallest such t, up to rounding of the simulated product.
    assert rate**result * magnitude <= tol * (1 + 1e-9)
    if result > 0:
        assert rate ** (result - 1) * magnitude > tol * (1 - 1e-9)


@given(c=curvatures, w0=moderate, lr=learning_rates, log_tol=st.floats(-8.0, 0.0))
def test_epochs_to_converge_agrees_with_the_trajectory(
    c: float, w0: float, lr: float, log_tol: float
) -> None:
    tol = 10.0**log_tol
    result = lr_mod.epochs_to_converge(c, w0, lr, tol=tol, max_epochs=300)
    trajectory = lr_mod.quadratic_descent(c, w0, lr, 300)
    within = np.flatnonzero(np.abs(trajectory) <= tol)
    if within.size == 0:
        assert result is None
    else:
        assert result == int(within[0])


def test_epochs_to_converge_accepts_ints_and_numpy_scalars() -> None:
    assert lr_mod.epochs_to_converge(1, 1, 0.5, tol=1, max_epochs=np.int64(5)) == 0
    assert lr_mod.epochs_to_converge(np.float32(1.0), np.int32(1), np.float64(0.5), tol=0.2) == 3
    result = lr_mod.epochs_to_converge(1.0, 1.0, 0.5, tol=np.float64(0.2), max_epochs=np.int8(3))
    assert type(result) is int
    assert result == 3


@pytest.mark.parametrize("tol", [0, 0.0, -1e-6, float("nan"), float("inf")])
def test_epochs_to_converge_rejects_bad_tol_value(tol: object) -> None:
    with pytest.raises(ValueError, match="tol must"):
        lr_mod.epochs_to_converge(1.0, 1.0, 0.5, tol=tol)


@pytest.mark.parametrize("tol", ["1e-6", None, True, 1e-6j, [1e-6]])
def test_epochs_to_converge_rejects_non_real_tol(tol: object) -> None:
    with pytest.raises(TypeError, match="tol must be a real number"):
        lr_mod.epochs_to_converge(1.0, 1.0, 0.5, tol=tol)


def test_epochs_to_converge_rejects_negative_max_epochs() -> None:
    with pytest.raises(ValueError, match="max_epochs must be a non-negative integer"):
        lr_mod.epochs_to_converge(1.0, 1.0, 0.5, max_epochs=-1)


@pytest.mark.parametrize("max_epochs", [100.0, True, "100", None])
def test_epochs_to_converge_rejects_non_integer_max_epochs(max_epochs: object) -> None:
    with pytest.raises(TypeError, match="max_epochs must be a non-negative integer"):
        lr_mod.epochs_to_converge(1.0, 1.0, 0.5, max_epochs=max_epochs)


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"curvature": 0.0}, ValueError, "curvature must"),
        ({"curvature": -2.0}, ValueError, "curvature must"),
        ({"curvature": float("inf")}, ValueError, "curvature must"),
        ({"curvature": "1"}, TypeError, "curvature must be a real number"),
        ({"w0": float("nan")}, ValueError, "w0 must be a finite"),
        ({"w0": None}, TypeError, "w0 must be a real number"),
        ({"lr": 1.0}, ValueError, "lr must"),
        ({"lr": 0}, ValueError, "lr must"),
        ({"lr": False}, TypeError, "lr must be a real number"),
    ],
)
def test_epochs_to_converge_validates_the_descent_arguments(
    kwargs: dict[str, object], error: type[Exception], pattern: str
) -> None:
    arguments: dict[str, object] = {"curvature": 1.0, "w0": 1.0, "lr": 0.5}
    arguments.update(kwargs)
    with pytest.raises(error, match=pattern):
        lr_mod.epochs_to_converge(**arguments)


def test_epochs_to_converge_is_stable_at_extreme_magnitudes() -> None:
    with np.errstate(**FP_ERRORS):
        # factor 1/2 exactly (c * w0 alone would overflow): 1e308 / 2**t <= 1 from t = 1024.
        assert lr_mod.epochs_to_converge(2.0**900, 1e308, 2.0**-901, tol=1.0) == math.ceil(
            math.log2(1e308)
        )
        assert lr_mod.epochs_to_converge(1e300, 1e300, 0.9) is None
        # from 1e308 down to 1e-300 by halving: log2(1e608) = 2019.7 -> 2020 epochs.
        assert lr_mod.epochs_to_converge(1.0, 1e308, 0.5, tol=1e-300) == 2020
        # lr * c = 5e-301: the factor rounds to 1, w never moves.
        assert lr_mod.epochs_to_converge(1e-300, 1.0, 0.5) is None


# ---------------------------------------------------------------------------------------------
# linear_regression_gd
# ---------------------------------------------------------------------------------------------


def test_linear_regression_gd_hand_example_one_sample() -> None:
    # gradient at w = b = 0 is -4 for both; lr = 0.25 gives w = b = 1 and ŷ = 2 = y.
    w, b, losses = lr_mod.linear_regression_gd([[1.0]], [2.0], 0.25, 1)
    np.testing.assert_array_equal(w, [1.0])
    assert type(b) is float
    assert b == 1.0
    np.testing.assert_array_equal(losses, [4.0, 0.0])


def test_linear_regression_gd_hand_example_updates_w_and_b_together() -> None:
    # X = [[1], [2]], y = [2, 3]: residual -y = [-2, -3]; dL/dw = (2/2)(-2 - 6) = -8,
    # dL/db = (2/2)(-5) = -5; lr = 0.1 gives w = 0.8, b = 0.5 (updating b from the residual
    # after the new w would give b = 0.26). Then ŷ = [1.3, 2.1], loss (0.49 + 0.81) / 2 = 0.65.
    w, b, losses = lr_mod.linear_regression_gd([[1], [2]], [2, 3], 0.1, 1)
    assert isinstance(w, np.ndarray)
    assert w.dtype == np.float64
    assert w.shape == (1,)
    np.testing.assert_allclose(w, [0.8], rtol=1e-15)
    assert b == pytest.approx(0.5, rel=1e-15)
    assert losses.dtype == np.float64
    assert losses.shape == (2,)
    np.testing.assert_allclose(losses, [6.5, 0.65], rtol=1e-14)


def test_linear_regression_gd_zero_epochs() -> None:
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    y = np.array([1.0, -2.0, 3.0])
    w, b, losses = lr_mod.linear_regression_gd(X, y, 0.5, 0)
    assert isinstance(w, np.ndarray)
    assert w.dtype == np.float64
    assert w.shape == (2,)
    np.testing.assert_array_equal(w, [0.0, 0.0])
    assert type(b) is float
    assert b == 0.0
    assert losses.dtype == np.float64
    assert losses.shape == (1,)
    assert losses[0] == pytest.approx(14.0 / 3.0, rel=1e-15)


@given(
    data=regression_data(), fraction=st.floats(min_value=0.01, max_value=1.0), epochs=epoch_counts
)
def test_linear_regression_gd_matches_design_matrix_formulation(
    data: tuple[np.ndarray, np.ndarray], fraction: float, epochs: int
) -> None:
    X, y = data
    X_copy, y_copy = X.copy(), y.copy()
    lr = safe_lr(X, fraction)
    w, b, losses = lr_mod.linear_regression_gd(X, y, lr, epochs)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)
    n = X.shape[1]
    assert isinstance(w, np.ndarray)
    assert w.dtype == np.float64
    assert w.shape == (n,)
    assert type(b) is float
    assert isinstance(losses, np.ndarray)
    assert losses.dtype == np.float64
    assert losses.shape == (epochs + 1,)
    exp_w, exp_b, exp_losses = gd_on_design_matrix(X, y, lr, epochs)
    scale = 1.0 + float(np.max(np.abs(y)))
    np.testing.assert_allclose(w, exp_w, rtol=1e-9, atol=1e-9 * scale)
    assert b == pytest.approx(exp_b, rel=1e-9, abs=1e-9 * scale)
    np.testing.assert_allclose(losses, exp_losses, rtol=1e-9, atol=1e-9 * scale**2)
    # losses[0] is the loss at w = 0, b = 0; the last one is the loss at the returned (w, b).
    assert losses[0] == pytest.approx(float(np.mean(y**2)), rel=1e-12, abs=1e-300)
    final = float(np.mean((X @ w + b - y) ** 2))
    assert losses[-1] == pytest.approx(final, rel=1e-9, abs=1e-12 * scale**2)
    # With lr <= 1/L the loss never goes up.
    assert np.all(np.diff(losses) <= 1e-12 * scale**2)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_linear_regression_gd_recovers_least_squares(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = 40, 3
    # Orthonormal columns scaled by sqrt(m): (1/m) X^T X = I, a well-conditioned problem.
    q, _ = np.linalg.qr(rng.standard_normal((m, n)))
    X = q * np.sqrt(m) + rng.normal(0.0, 0.1, size=(m, n))
    y = X @ rng.normal(size=n) + 1.5 + rng.normal(0.0, 0.3, size=m)
    design = np.column_stack([X, np.ones(m)])
    theta, *_ = np.linalg.lstsq(design, y, rcond=None)
    w, b, losses = lr_mod.linear_regression_gd(X, y, 0.1, 2000)
    np.testing.assert_allclose(w, theta[:n], rtol=0, atol=1e-8)
    assert b == pytest.approx(theta[n], abs=1e-8)
    best = float(np.mean((design @ theta - y) ** 2))
    assert losses[-1] == pytest.approx(best, rel=1e-10)
    assert np.all(np.diff(losses) <= 1e-14)
    assert losses[0] == pytest.approx(float(np.mean(y**2)), rel=1e-14)


def test_linear_regression_gd_without_features_fits_the_mean() -> None:
    X = np.zeros((3, 0))
    y = [1.0, 2.0, 6.0]
    w, b, losses = lr_mod.linear_regression_gd(X, y, 0.25, 100)
    assert w.shape == (0,)
    assert w.dtype == np.float64
    assert b == pytest.approx(3.0, rel=1e-12)
    assert losses[-1] == pytest.approx(np.var(y), rel=1e-12)


def test_linear_regression_gd_accepts_int_and_list_inputs() -> None:
    w, b, losses = lr_mod.linear_regression_gd([[1], [2]], [2, 3], 0.1, 1)
    w_arr, b_arr, losses_arr = lr_mod.linear_regression_gd(
        np.array([[1], [2]], dtype=np.int64), np.array([2, 3], dtype=np.int32), np.float32(0.1), 1
    )
    assert w_arr.dtype == np.float64
    assert losses_arr.dtype == np.float64
    np.testing.assert_allclose(w_arr, w, rtol=1e-7)
    assert b_arr == pytest.approx(b, rel=1e-7)
    np.testing.assert_allclose(losses_arr, losses, rtol=1e-6)
    _, _, losses_np_epochs = lr_mod.linear_regression_gd([[1], [2]], [2, 3], 0.1, np.int64(1))
    np.testing.assert_array_equal(losses_np_epochs, losses)


def test_linear_regression_gd_large_learning_rate_diverges() -> None:
    # lr = 0.9 with features of size 3: lr * L is far above 2, the loss grows every step.
    X = np.array([[3.0], [-3.0], [3.0]])
    y = np.array([1.0, 0.0, 2.0])
    _, _, losses = lr_mod.linear_regression_gd(X, y, 0.9, 10)
    assert np.all(np.isfinite(losses))
    assert losses[-1] > 1e6 * losses[0]


def test_linear_regression_gd_is_stable_at_extreme_magnitudes() -> None:
    # Targets near 1.3e154: the squares sum past the float64 range, their mean does not.
    X = np.array([[1e-3], [-1e-3]])
    y = np.array([1.3e154, 1.3e154])
    with np.errstate(**FP_ERRORS):
        w, b, losses = lr_mod.linear_regression_gd(X, y, 0.1, 3)
    assert np.all(np.isfinite(losses))
    assert np.all(np.isfinite(w))
    assert math.isfinite(b)
    assert losses[0] == pytest.approx(1.3e154 * 1.3e154, rel=1e-14)
    # b follows b <- b + 0.2 * (y - b) on the mean, w stays tiny: (1 - 0.8**3) * 1.3e154.
    assert b == pytest.approx((1 - 0.8**3) * 1.3e154, rel=1e-6)
    # Tiny targets: no underflow trouble either.
    with np.errstate(**FP_ERRORS):
        w, b, losses = lr_mod.linear_regression_gd([[1.0], [2.0]], [1e-300, 2e-300], 0.1, 50)
    assert np.all(np.isfinite(losses))
    assert np.all(np.diff(losses) <= 0)


@pytest.mark.parametrize(
    ("X", "y", "pattern"),
    [
        (np.array([1.0, 2.0]), np.array([1.0, 2.0]), r"X must be a 2-D array.*\(2,\)"),
        (np.ones((2, 1, 1)), np.ones(2), r"X must be a 2-D array.*\(2, 1, 1\)"),
        (5.0, np.ones(1), r"X must be a 2-D array.*\(\)"),
        (np.ones((0, 2)), np.ones(0), r"at least one sample.*\(0, 2\)"),
        (np.ones((3, 2)), np.ones((3, 1)), r"y must have shape \(m,\) = \(3,\).*got \(3, 1\)"),
        (np.ones((3, 2)), np.ones(2), r"y must have shape \(m,\) = \(3,\).*got \(2,\)"),
        (np.ones((3, 2)), np.ones((1, 3)), r"got \(1, 3\)"),
        (np.ones((1, 2)), 1.0, r"y must have shape \(m,\) = \(1,\).*got \(\)"),
    ],
)
def test_linear_regression_gd_rejects_bad_shapes(X: object, y: object, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        lr_mod.linear_regression_gd(X, y, 0.1, 5)


@pytest.mark.parametrize(
    ("X", "y", "name"),
    [
        ([["a", "b"]], [1.0], "X"),
        (np.array([[True, False]]), [1.0], "X"),
        (np.array([[1 + 2j]]), [1.0], "X"),
        ([[1.0]], ["1"], "y"),
        ([[1.0]], np.array([1j]), "y"),
        (None, [1.0], "X"),
    ],
)
def test_linear_regression_gd_rejects_non_real_data(X: object, y: object, name: str) -> None:
    with pytest.raises(TypeError, match=f"{name} must be an array of real numbers"):
        lr_mod.linear_regression_gd(X, y, 0.1, 5)


@pytest.mark.parametrize(
    ("lr", "epochs", "error", "pattern"),
    [
        (0.0, 5, ValueError, "lr must"),
        (1.0, 5, ValueError, "lr must"),
        (np.int64(1), 5, ValueError, "lr must"),
        (float("nan"), 5, ValueError, "lr must"),
        ("0.1", 5, TypeError, "lr must be a real number"),
        (True, 5, TypeError, "lr must be a real number"),
        (0.1, -1, ValueError, "epochs must be a non-negative integer"),
        (0.1, 5.0, TypeError, "epochs must be a non-negative integer"),
        (0.1, True, TypeError, "epochs must be a non-negative integer"),
        (0.1, None, TypeError, "epochs must be a non-negative integer"),
    ],
)
def test_linear_regression_gd_validates_lr_and_epochs(
    lr: object, epochs: object, error: type[Exception], pattern: str
) -> None:
    with pytest.raises(error, match=pattern):
        lr_mod.linear_regression_gd([[1.0], [2.0]], [1.0, 2.0], lr, epochs)


def test_linear_regression_gd_returns_new_arrays() -> None:
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    y = np.array([1.0, 2.0])
    w, _, losses = lr_mod.linear_regression_gd(X, y, 0.1, 3)
    assert not np.shares_memory(w, X)
    assert not np.shares_memory(w, y)
    assert not np.shares_memory(losses, y)
