"""Reference tests for `solutions.losses` (topic 4 of docs/api.md)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.typing import ArrayLike

from solutions import losses
from tests.helpers import FP_ERRORS, central_difference

LN2 = math.log(2.0)
LN3 = math.log(3.0)

# ---------------------------------------------------------------------------------------------
# strategies (all bounded)
# ---------------------------------------------------------------------------------------------

SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=4)


def real_arrays(shape: tuple[int, ...], lo: float, hi: float) -> st.SearchStrategy[np.ndarray]:
    return hnp.arrays(
        np.float64,
        shape,
        elements=st.floats(lo, hi, allow_nan=False, allow_infinity=False),
    )


@st.composite
def pairs(draw: st.DrawFn, lo: float = -10.0, hi: float = 10.0) -> tuple[np.ndarray, np.ndarray]:
    shape = draw(SHAPES)
    return draw(real_arrays(shape, lo, hi)), draw(real_arrays(shape, lo, hi))


@st.composite
def untied_pairs(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    """Predictions and targets at least 0.01 apart everywhere (mae is smooth there)."""
    shape = draw(SHAPES)
    pred = draw(real_arrays(shape, -10.0, 10.0))
    gap = draw(real_arrays(shape, 0.01, 10.0))
    above = draw(hnp.arrays(np.bool_, shape))
    return pred, pred + np.where(above, -gap, gap)


@st.composite
def probability_pairs(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities well inside (eps, 1 - eps), away from the clip edges, and targets in [0, 1]."""
    shape = draw(SHAPES)
    return draw(real_arrays(shape, 0.05, 0.95)), draw(real_arrays(shape, 0.0, 1.0))


@st.composite
def batches(draw: st.DrawFn, bound: float = 20.0) -> tuple[np.ndarray, np.ndarray]:
    m = draw(st.integers(1, 5))
    k = draw(st.integers(1, 5))
    logits = draw(real_arrays((m, k), -bound, bound))
    labels = draw(hnp.arrays(np.int64, (m,), elements=st.integers(0, k - 1)))
    return logits, labels


# ---------------------------------------------------------------------------------------------
# independent formulas (plain Python, no shared code with the reference)
# ---------------------------------------------------------------------------------------------


def flat(x: np.ndarray) -> list[float]:
    return [float(v) for v in np.asarray(x, dtype=np.float64).ravel()]


def naive_mse(pred: np.ndarray, true: np.ndarray) -> float:
    d = [a - b for a, b in zip(flat(pred), flat(true), strict=True)]
    return math.fsum(v * v for v in d) / len(d)


def naive_mae(pred: np.ndarray, true: np.ndarray) -> float:
    d = [a - b for a, b in zip(flat(pred), flat(true), strict=True)]
    return math.fsum(abs(v) for v in d) / len(d)


def naive_bce(p: np.ndarray, y: np.ndarray) -> float:
    """Binary cross-entropy without clipping, for p strictly inside (0, 1)."""
    terms = [
        t * math.log(q) + (1.0 - t) * math.log(1.0 - q)
        for q, t in zip(flat(p), flat(y), strict=True)
    ]
    return -math.fsum(terms) / len(terms)


def naive_softmax_rows(z: np.ndarray) -> np.ndarray:
    """Softmax without the max shift (only for moderate logits)."""
    e = np.exp(np.asarray(z, dtype=np.float64))
    return e / e.sum(axis=-1, keepdims=True)


def naive_cross_entropy(z: np.ndarray, labels: np.ndarray) -> float:
    probs = naive_softmax_rows(z)
    terms = [-math.log(probs[i, int(c)]) for i, c in enumerate(labels)]
    return math.fsum(terms) / len(terms)


# ---------------------------------------------------------------------------------------------
# mse
# ---------------------------------------------------------------------------------------------


def test_mse_hand_examples() -> None:
    assert losses.mse([1, 2], [1, 4]) == 2.0
    assert losses.mse([[1.0, -1.0], [0.5, 0.0]], [[0.0, 1.0], [0.5, 0.0]]) == pytest.approx(1.25)
    assert losses.mse(3, 1) == 4.0  # a scalar pair is a mean over one element


@given(pairs())
def test_mse_matches_independent_formula(pair: tuple[np.ndarray, np.ndarray]) -> None:
    pred, true = pair
    assert losses.mse(pred, true) == pytest.approx(naive_mse(pred, true), rel=1e-12, abs=1e-12)


@given(pairs())
def test_mse_is_nonnegative_and_zero_at_perfect_prediction(
    pair: tuple[np.ndarray, np.ndarray],
) -> None:
    pred, true = pair
    assert losses.mse(pred, true) >= 0.0
    assert losses.mse(pred, pred.copy()) == 0.0


@given(pairs())
def test_mse_grad_matches_finite_differences(pair: tuple[np.ndarray, np.ndarray]) -> None:
    pred, true = pair
    numeric = central_difference(lambda w: losses.mse(w, true), pred)
    np.testing.assert_allclose(losses.mse_grad(pred, true), numeric, rtol=1e-6, atol=1e-6)


def test_mse_grad_hand_example() -> None:
    np.testing.assert_array_equal(losses.mse_grad([1, 2], [1, 4]), [0.0, -2.0])
    # N counts every element of a 2-D array, not only the rows.
    np.testing.assert_allclose(losses.mse_grad([[1.0, 2.0]], [[0.0, 0.0]]), [[1.0, 2.0]])


# ---------------------------------------------------------------------------------------------
# mae
# ---------------------------------------------------------------------------------------------


def test_mae_hand_examples() -> None:
    assert losses.mae([1, 2], [1, 4]) == 1.0
    assert losses.mae([[1.0, -1.0], [0.5, 0.0]], [[0.0, 1.0], [0.5, 0.0]]) == pytest.approx(0.75)
    assert losses.mae(-2, 1) == 3.0


@given(pairs())
def test_mae_matches_independent_formula(pair: tuple[np.ndarray, np.ndarray]) -> None:
    pred, true = pair
    assert losses.mae(pred, true) == pytest.approx(naive_mae(pred, true), rel=1e-12, abs=1e-12)


@given(pairs())
def test_mae_is_nonnegative_and_zero_at_perfect_prediction(
    pair: tuple[np.ndarray, np.ndarray],
) -> None:
    pred, true = pair
    assert losses.mae(pred, true) >= 0.0
    assert losses.mae(pred, pred.copy()) == 0.0


@given(untied_pairs())
def test_mae_grad_matches_finite_differences_away_from_ties(
    pair: tuple[np.ndarray, np.ndarray],
) -> None:
    pred, true = pair
    numeric = central_difference(lambda w: losses.mae(w, true), pred)
    np.testing.assert_allclose(losses.mae_grad(pred, true), numeric, rtol=1e-6, atol=1e-6)


def test_mae_grad_hand_example_with_a_tie() -> None:
    np.testing.assert_array_equal(
        losses.mae_grad([1, 2, 5, 0], [1, 4, 3, 0]), [0.0, -0.25, 0.25, 0.0]
    )


@given(pairs(), st.data())
def test_mae_grad_is_exactly_zero_at_ties_and_plus_minus_one_over_n(
    pair: tuple[np.ndarray, np.ndarray], data: st.DataObject
) -> None:
    pred, true = pair
    tied = data.draw(hnp.arrays(np.bool_, pred.shape))
    true = np.where(tied, pred, true)
    grad = np.asarray(losses.mae_grad(pred, true))
    n = pred.size
    assert np.all(grad[pred == true] == 0.0)
    assert np.all(grad[pred > true] == 1.0 / n)
    assert np.all(grad[pred < true] == -1.0 / n)


# ---------------------------------------------------------------------------------------------
# binary cross-entropy
# ---------------------------------------------------------------------------------------------


def test_binary_cross_entropy_hand_examples() -> None:
    assert losses.binary_cross_entropy([0.5, 0.5], [1, 0]) == pytest.approx(LN2, rel=1e-12)
    assert losses.binary_cross_entropy([0.9], [1]) == pytest.approx(-math.log(0.9), rel=1e-12)
    assert losses.binary_cross_entropy(0.25, 0.0) == pytest.approx(-math.log(0.75), rel=1e-12)
    # y in (0, 1) is a valid soft target.
    expected = -(0.3 * math.log(0.8) + 0.7 * math.log(0.2))
    assert losses.binary_cross_entropy([0.8], [0.3]) == pytest.approx(expected, rel=1e-12)


@given(probability_pairs())
def test_binary_cross_entropy_matches_independent_formula(
    pair: tuple[np.ndarray, np.ndarray],
) -> None:
    p, y = pair
    assert losses.binary_cross_entropy(p, y) == pytest.approx(naive_bce(p, y), rel=1e-10)
    assert losses.binary_cross_entropy(p, y) >= 0.0


@given(probability_pairs())
def test_binary_cross_entropy_grad_matches_finite_differences(
    pair: tuple[np.ndarray, np.ndarray],
) -> None:
    p, y = pair
    numeric = central_difference(lambda q: losses.binary_cross_entropy(q, y), p)
    analytic = losses.binary_cross_entropy_grad(p, y)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-6)


def test_binary_cross_entropy_grad_hand_example() -> None:
    np.testing.assert_allclose(losses.binary_cross_entropy_grad([0.5, 0.5], [1, 0]), [-1.0, 1.0])
    # (0.8 - 1) / (0.8 * 0.2) = -1.25, one element
    assert losses.binary_cross_entropy_grad(0.8, 1) == pytest.approx(-1.25, rel=1e-12)


def test_binary_cross_entropy_clips_p_at_zero_and_one() -> None:
    with np.errstate(**FP_ERRORS):
        loss = losses.binary_cross_entropy([0.0, 1.0], [1.0, 0.0])
        grad = losses.binary_cross_entropy_grad([0.0, 1.0], [1.0, 0.0])
        right = losses.binary_cross_entropy([0.0, 1.0], [0.0, 1.0])
        right_grad = losses.binary_cross_entropy_grad([0.0, 1.0], [0.0, 1.0])
    assert math.isfinite(loss)
    assert loss == pytest.approx(-math.log(1e-7), rel=1e-6)
    assert np.all(np.isfinite(grad))
    # p̂ = eps, y = 1: (eps - 1) / (eps (1 - eps)) = -1/eps, over N = 2; symmetrically +1/eps.
    np.testing.assert_allclose(grad, [-0.5e7, 0.5e7], rtol=1e-6)
    # a confident right answer costs about eps, its gradient is about ±1/(1 - eps) / N
    assert 0.0 <= right <= 2e-7
    np.testing.assert_allclose(right_grad, [0.5, -0.5], rtol=1e-6)


def test_binary_cross_entropy_eps_sets_the_clip() -> None:
    with np.errstate(**FP_ERRORS):
        assert losses.binary_cross_entropy([0.0], [1.0], eps=0.1) == pytest.approx(
            -math.log(0.1), rel=1e-12
        )
        assert losses.binary_cross_entropy([1.0], [0.0], eps=0.25) == pytest.approx(
            -math.log(0.25), rel=1e-12
        )
        # (0.1 - 1) / (0.1 * 0.9) = -10
        assert losses.binary_cross_entropy_grad(0.0, 1.0, eps=0.1) == pytest.approx(-10.0)
        # a p inside the clip range is not touched by eps
        assert losses.binary_cross_entropy([0.5], [1.0], eps=0.4) == pytest.approx(LN2)


@given(real_arrays((6,), 0.0, 1.0), real_arrays((6,), 0.0, 1.0))
def test_binary_cross_entropy_is_finite_for_any_probability(p: np.ndarray, y: np.ndarray) -> None:
    p = p.copy()
    p[:2] = [0.0, 1.0]
    with np.errstate(**FP_ERRORS):
        loss = losses.binary_cross_entropy(p, y)
        grad = losses.binary_cross_entropy_grad(p, y)
    assert math.isfinite(loss)
    assert loss >= 0.0
    assert np.all(np.isfinite(grad))


# ---------------------------------------------------------------------------------------------
# softmax
# ---------------------------------------------------------------------------------------------


def test_softmax_hand_examples() -> None:
    np.testing.assert_allclose(losses.softmax([0.0, LN3]), [0.25, 0.75], rtol=1e-12)
    np.testing.assert_allclose(losses.softmax([[1, 1, 1]]), [[1 / 3, 1 / 3, 1 / 3]], rtol=1e-12)
    np.testing.assert_array_equal(losses.softmax([7.0]), [1.0])
    # rows are independent: each row is normalised on its own
    np.testing.assert_allclose(
        losses.softmax([[0.0, LN3], [LN3, 0.0]]), [[0.25, 0.75], [0.75, 0.25]], rtol=1e-12
    )


@given(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4), st.data())
def test_softmax_matches_unshifted_formula_for_moderate_logits(
    shape: tuple[int, ...], data: st.DataObject
) -> None:
    z = data.draw(real_arrays(shape, -30.0, 30.0))
    np.testing.assert_allclose(losses.softmax(z), naive_softmax_rows(z), rtol=1e-10, atol=1e-300)


@given(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4), st.data())
def test_softmax_rows_sum_to_one_even_for_large_logits(
    shape: tuple[int, ...], data: st.DataObject
) -> None:
    z = data.draw(real_arrays(shape, -1e4, 1e4))
    with np.errstate(**FP_ERRORS):
        probs = losses.softmax(z)
    assert probs.shape == z.shape
    assert np.all((probs >= 0.0) & (probs <= 1.0))
    np.testing.assert_allclose(probs.sum(axis=-1), 1.0, rtol=1e-12)
    # the largest logit of a row gets the largest probability
    np.testing.assert_array_equal(
        np.take_along_axis(probs, np.argmax(z, axis=-1)[..., None], axis=-1)[..., 0],
        probs.max(axis=-1),
    )


@given(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4), st.data())
def test_softmax_is_invariant_to_a_constant_added_per_row(
    shape: tuple[int, ...], data: st.DataObject
) -> None:
    z = data.draw(real_arrays(shape, -50.0, 50.0))
    shift = data.draw(real_arrays((*shape[:-1], 1), -100.0, 100.0))
    np.testing.assert_allclose(losses.softmax(z + shift), losses.softmax(z), rtol=1e-9, atol=1e-15)


def test_softmax_is_stable_for_huge_logits() -> None:
    with np.errstate(**FP_ERRORS):
        np.testing.assert_array_equal(losses.softmax([[1e4, -1e4, 0.0]]), [[1.0, 0.0, 0.0]])
        np.testing.assert_allclose(losses.softmax([1e4, 1e4]), [0.5, 0.5])
        np.testing.assert_allclose(losses.softmax([-1e4, -1e4]), [0.5, 0.5])
        np.testing.assert_allclose(losses.softmax([-1e4, -1e4 + LN3]), [0.25, 0.75], rtol=1e-9)
        # any logits whose gap z - max z is a float (here 1.6e308, near the largest float)
        np.testing.assert_array_equal(losses.softmax([8e307, -8e307]), [1.0, 0.0])
        np.testing.assert_allclose(losses.softmax([-1e308, -1e308]), [0.5, 0.5])


def test_softmax_keeps_an_empty_batch_of_rows() -> None:
    out = losses.softmax(np.zeros((0, 3)))
    assert isinstance(out, np.ndarray)
    assert out.dtype == np.float64
    assert out.shape == (0, 3)


# ---------------------------------------------------------------------------------------------
# cross-entropy
# ---------------------------------------------------------------------------------------------


def test_cross_entropy_hand_examples() -> None:
    assert losses.cross_entropy([[0, 0]], [1]) == pytest.approx(LN2, rel=1e-12)
    assert losses.cross_entropy([[0.0, LN3]], [1]) == pytest.approx(-math.log(0.75), rel=1e-12)
    # two rows, two different labels: row indexing, not column selection
    expected = (math.log(4.0) + math.log(4.0 / 3.0)) / 2
    got = losses.cross_entropy([[0.0, LN3], [0.0, LN3]], [0, 1])
    assert got == pytest.approx(expected, rel=1e-12)
    # one class: softmax is 1, the loss is 0
    assert losses.cross_entropy([[5.0], [-3.0]], [0, 0]) == 0.0


@given(batches())
def test_cross_entropy_matches_independent_log_softmax(
    batch: tuple[np.ndarray, np.ndarray],
) -> None:
    logits, labels = batch
    got = losses.cross_entropy(logits, labels)
    assert got == pytest.approx(naive_cross_entropy(logits, labels), rel=1e-9, abs=1e-12)
    assert got >= 0.0


@given(batches())
def test_cross_entropy_grad_matches_finite_differences(
    batch: tuple[np.ndarray, np.ndarray],
) -> None:
    logits, labels = batch
    numeric = central_difference(lambda z: losses.cross_entropy(z, labels), logits)
    grad = losses.cross_entropy_grad(logits, labels)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)


def test_cross_entropy_grad_hand_example() -> None:
    np.testing.assert_allclose(
        losses.cross_entropy_grad([[0.0, LN3], [0.0, LN3]], [0, 1]),
        [[(0.25 - 1.0) / 2, 0.75 / 2], [0.25 / 2, (0.75 - 1.0) / 2]],
        rtol=1e-12,
    )


@given(batches(bound=1e4))
def test_cross_entropy_is_stable_for_large_logits(batch: tuple[np.ndarray, np.ndarray]) -> None:
    logits, labels = batch
    with np.errstate(**FP_ERRORS):
        loss = losses.cross_entropy(logits, labels)
        grad = losses.cross_entropy_grad(logits, labels)
        shifted = losses.cross_entropy(logits - logits.max(axis=1, keepdims=True), labels)
    assert math.isfinite(loss)
    assert loss >= 0.0
    assert np.all(np.isfinite(grad))
    assert loss == pytest.approx(shifted, rel=1e-9, abs=1e-9)


def test_cross_entropy_huge_logits_hand_values() -> None:
    with np.errstate(**FP_ERRORS):
        assert losses.cross_entropy([[1e4, -1e4]], [0]) == 0.0
        assert losses.cross_entropy([[1e4, -1e4]], [1]) == pytest.approx(2e4, rel=1e-12)
        assert losses.cross_entropy([[1e4, 1e4, 1e4]], [2]) == pytest.approx(LN3, rel=1e-12)
        assert losses.cross_entropy([[8e307, -8e307]], [0]) == 0.0
        np.testing.assert_allclose(
            losses.cross_entropy_grad([[1e4, -1e4], [-1e4, 1e4]], [1, 1]),
            [[0.5, -0.5], [0.0, 0.0]],
            atol=1e-15,
        )


def test_integer_valued_float_labels_are_accepted() -> None:
    logits = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -2.0]])
    as_int = losses.cross_entropy(logits, np.array([2, 0]))
    assert losses.cross_entropy(logits, np.array([2.0, 0.0])) == as_int
    assert losses.cross_entropy(logits, [2.0, 0.0]) == as_int
    assert losses.cross_entropy(logits, np.array([2, 0], dtype=np.uint8)) == as_int
    np.testing.assert_array_equal(
        losses.cross_entropy_grad(logits, np.array([2.0, 0.0], dtype=np.float32)),
        losses.cross_entropy_grad(logits, [2, 0]),
    )


# ---------------------------------------------------------------------------------------------
# a mean, not a sum: a batch of identical rows costs what one row costs
# ---------------------------------------------------------------------------------------------


@given(real_arrays((3,), -10.0, 10.0), real_arrays((3,), -10.0, 10.0), st.integers(2, 6))
def test_regression_losses_are_means_over_the_batch(
    pred: np.ndarray, true: np.ndarray, copies: int
) -> None:
    many_pred, many_true = np.tile(pred, (copies, 1)), np.tile(true, (copies, 1))
    for loss in (losses.mse, losses.mae):
        assert loss(many_pred, many_true) == pytest.approx(loss(pred, true), rel=1e-12, abs=1e-14)
    for grad in (losses.mse_grad, losses.mae_grad):
        np.testing.assert_allclose(
            grad(many_pred, many_true), np.tile(grad(pred, true), (copies, 1)) / copies
        )


@given(real_arrays((3,), 0.05, 0.95), real_arrays((3,), 0.0, 1.0), st.integers(2, 6))
def test_binary_cross_entropy_is_a_mean_over_the_batch(
    p: np.ndarray, y: np.ndarray, copies: int
) -> None:
    many_p, many_y = np.tile(p, (copies, 1)), np.tile(y, (copies, 1))
    assert losses.binary_cross_entropy(many_p, many_y) == pytest.approx(
        losses.binary_cross_entropy(p, y), rel=1e-12
    )
    np.testing.assert_allclose(
        losses.binary_cross_entropy_grad(many_p, many_y),
        np.tile(losses.binary_cross_entropy_grad(p, y), (copies, 1)) / copies,
    )


@given(batches(), st.integers(2, 6))
def test_cross_entropy_is_a_mean_over_samples(
    batch: tuple[np.ndarray, np.ndarray], copies: int
) -> None:
    logits, labels = batch
    row, label = logits[:1], labels[:1]
    many, many_labels = np.repeat(row, copies, axis=0), np.repeat(label, copies)
    assert losses.cross_entropy(many, many_labels) == pytest.approx(
        losses.cross_entropy(row, label), rel=1e-12, abs=1e-15
    )
    np.testing.assert_allclose(
        losses.cross_entropy_grad(many, many_labels),
        np.repeat(losses.cross_entropy_grad(row, label), copies, axis=0) / copies,
    )


# ---------------------------------------------------------------------------------------------
# dtype and shape contracts, int and list inputs
# ---------------------------------------------------------------------------------------------

# Every element-wise loss and gradient takes (predictions, targets) and may return a float.
Loss = Callable[[ArrayLike, ArrayLike], float | np.ndarray]
LOSSES: list[Loss] = [losses.mse, losses.mae, losses.binary_cross_entropy]
GRADS: list[Loss] = [losses.mse_grad, losses.mae_grad, losses.binary_cross_entropy_grad]


@pytest.mark.parametrize("loss", LOSSES)
@given(pair=probability_pairs())
def test_losses_return_python_floats(loss, pair) -> None:
    value = loss(*pair)
    assert isinstance(value, float)
    assert not isinstance(value, np.ndarray)


@pytest.mark.parametrize("grad", GRADS)
@given(pair=probability_pairs())
def test_gradients_have_the_shape_of_the_first_argument(grad, pair) -> None:
    p, y = pair
    out = grad(p, y)
    if p.ndim == 0:
        assert isinstance(out, float)
        assert not isinstance(out, np.ndarray)
    else:
        assert isinstance(out, np.ndarray)
        assert out.dtype == np.float64
        assert out.shape == p.shape
        assert out is not p
        assert not np.shares_memory(out, p)


@pytest.mark.parametrize("grad", GRADS)
def test_gradient_of_a_scalar_pair_is_a_float(grad) -> None:
    out = grad(0.75, 1)
    assert type(out) is float


def test_int_and_list_inputs() -> None:
    assert losses.mse([[1, 2], [3, 4]], [[1, 2], [3, 6]]) == 1.0
    assert losses.mae(np.array([1, 2, 3], dtype=np.int32), np.array([0, 2, 5])) == 1.0
    grad = losses.mse_grad(np.array([1, 2]), [0, 0])
    assert grad.dtype == np.float64
    np.testing.assert_array_equal(grad, [1.0, 2.0])
    grad = losses.mae_grad([1, 2], np.array([2, 2], dtype=np.int8))
    assert grad.dtype == np.float64
    np.testing.assert_array_equal(grad, [-0.5, 0.0])
    with np.errstate(**FP_ERRORS):
        assert math.isfinite(losses.binary_cross_entropy([0, 1, 1], [0, 1, 0]))
        assert losses.binary_cross_entropy_grad([0, 1], [0, 1]).dtype == np.float64
    # bool targets are numbers 0 and 1
    assert losses.binary_cross_entropy([0.5, 0.5], np.array([True, False])) == pytest.approx(LN2)
    probs = losses.softmax([[0, 0], [1, 1]])
    assert probs.dtype == np.float64
    np.testing.assert_array_equal(probs, [[0.5, 0.5], [0.5, 0.5]])
    assert losses.softmax(np.array([3], dtype=np.int64)).dtype == np.float64
    assert losses.cross_entropy([[0, 0]], [0]) == pytest.approx(LN2)
    assert isinstance(losses.cross_entropy(np.array([[1, 2]]), np.array([1])), float)
    ce_grad = losses.cross_entropy_grad([[0, 0, 0]], [2])
    assert isinstance(ce_grad, np.ndarray)
    assert ce_grad.dtype == np.float64
    assert ce_grad.shape == (1, 3)


@given(batches())
def test_softmax_and_cross_entropy_grad_shapes(batch: tuple[np.ndarray, np.ndarray]) -> None:
    logits, labels = batch
    probs = losses.softmax(logits)
    grad = losses.cross_entropy_grad(logits, labels)
    for out in (probs, grad):
        assert isinstance(out, np.ndarray)
        assert out.dtype == np.float64
        assert out.shape == logits.shape
        assert not np.shares_memory(out, logits)
    assert isinstance(losses.cross_entropy(logits, labels), float)
    assert losses.softmax(logits[0]).shape == logits[0].shape


# ---------------------------------------------------------------------------------------------
# inputs are never modified
# ---------------------------------------------------------------------------------------------


@given(probability_pairs())
def test_elementwise_losses_leave_inputs_untouched(pair: tuple[np.ndarray, np.ndarray]) -> None:
    p, y = pair
    p_before, y_before = p.copy(), y.copy()
    for f in (*LOSSES, *GRADS):
        f(p, y)
        np.testing.assert_array_equal(p, p_before)
        np.testing.assert_array_equal(y, y_before)
    clipped = np.array([0.0, 1.0, 0.5])
    with np.errstate(**FP_ERRORS):
        losses.binary_cross_entropy(clipped, [1.0, 0.0, 1.0])
        losses.binary_cross_entropy_grad(clipped, [1.0, 0.0, 1.0])
    np.testing.assert_array_equal(clipped, [0.0, 1.0, 0.5])


@given(batches())
def test_softmax_and_cross_entropy_leave_inputs_untouched(
    batch: tuple[np.ndarray, np.ndarray],
) -> None:
    logits, labels = batch
    logits_before, labels_before = logits.copy(), labels.copy()
    float_labels = labels.astype(np.float64)
    losses.softmax(logits)
    losses.cross_entropy(logits, labels)
    losses.cross_entropy_grad(logits, labels)
    losses.cross_entropy_grad(logits, float_labels)
    np.testing.assert_array_equal(logits, logits_before)
    np.testing.assert_array_equal(labels, labels_before)
    np.testing.assert_array_equal(float_labels, labels_before)
    assert float_labels.dtype == np.float64


# ---------------------------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------------------------

PAIRWISE = [*LOSSES, *GRADS]


@pytest.mark.parametrize("f", PAIRWISE)
def test_pairwise_shapes_must_be_equal(f) -> None:
    with pytest.raises(ValueError, match=r"same shape.*\(3,\).*\(3, 1\)"):
        f(np.full(3, 0.5), np.full((3, 1), 0.5))
    with pytest.raises(ValueError, match=r"same shape.*\(2, 3\).*\(3, 2\)"):
        f(np.full((2, 3), 0.5), np.full((3, 2), 0.5))
    with pytest.raises(ValueError, match=r"same shape.*\(\).*\(2,\)"):
        f(0.5, [0.5, 0.5])


@pytest.mark.parametrize("f", PAIRWISE)
def test_pairwise_empty_inputs_are_rejected(f) -> None:
    with pytest.raises(ValueError, match="empty"):
        f([], [])
    with pytest.raises(ValueError, match="empty"):
        f(np.zeros((0, 3)), np.zeros((0, 3)))


@pytest.mark.parametrize("f", PAIRWISE)
@pytest.mark.parametrize("bad", [np.array([0.5 + 1j]), np.array(["a"])])
def test_pairwise_non_real_inputs_are_type_errors(f, bad) -> None:
    with pytest.raises(TypeError, match="real numbers"):
        f(bad, [0.5])
    with pytest.raises(TypeError, match="real numbers"):
        f([0.5], bad)


@pytest.mark.parametrize("f", [losses.binary_cross_entropy, losses.binary_cross_entropy_grad])
@pytest.mark.parametrize("eps", [0.0, 0.5, -1e-7, 0.75, 1.0, float("nan"), float("inf")])
def test_eps_out_of_range_is_a_value_error(f, eps) -> None:
    with pytest.raises(ValueError, match=r"eps must satisfy 0 < eps < 0\.5"):
        f([0.5], [1.0], eps=eps)


@pytest.mark.parametrize("f", [losses.binary_cross_entropy, losses.binary_cross_entropy_grad])
@pytest.mark.parametrize("eps", [True, "0.1", None, 1e-7j])
def test_eps_not_a_number_is_a_type_error(f, eps) -> None:
    with pytest.raises(TypeError, match="eps must be a real number"):
        f([0.5], [1.0], eps=eps)


def test_eps_accepts_numpy_scalars_and_ints_in_range() -> None:
    assert losses.binary_cross_entropy([0.0], [1.0], eps=np.float32(0.125)) == pytest.approx(
        -math.log(0.125)
    )


def test_softmax_errors() -> None:
    with pytest.raises(ValueError, match="at least one dimension"):
        losses.softmax(3.0)
    with pytest.raises(ValueError, match="at least one class"):
        losses.softmax([])
    with pytest.raises(ValueError, match="at least one class"):
        losses.softmax(np.zeros((2, 0)))
    with pytest.raises(TypeError, match="real numbers"):
        losses.softmax(np.array([1j, 2j]))


CE_FUNCTIONS = [losses.cross_entropy, losses.cross_entropy_grad]


@pytest.mark.parametrize("f", CE_FUNCTIONS)
@pytest.mark.parametrize(
    ("logits", "labels", "match"),
    [
        ([0.0, 1.0], [0], "2-D"),
        (np.zeros((1, 2, 2)), [0], "2-D"),
        (5.0, [0], "2-D"),
        (np.zeros((0, 3)), np.zeros(0, dtype=int), "at least one sample"),
        (np.zeros((2, 0)), [0, 0], "at least one sample and one class"),
        ([[0.0, 1.0]], np.array([True]), "bool"),
        ([[0.0, 1.0], [1.0, 0.0]], [True, False], "bool"),
        ([[0.0, 1.0]], [0.5], "non-integer"),
        ([[0.0, 1.0]], [np.nan], "non-integer"),
        ([[0.0, 1.0]], [np.inf], "non-integer"),
        ([[0.0, 1.0]], [2], r"\[0, 2\)"),
        ([[0.0, 1.0]], [-1], r"\[0, 2\)"),
        ([[0.0, 1.0]], [2.0], r"\[0, 2\)"),
        ([[0.0, 1.0]], [1e300], r"\[0, 2\)"),
        ([[0.0, 1.0], [1.0, 0.0]], [0], r"shape \(2,\)"),
        ([[0.0, 1.0]], [0, 1], r"shape \(1,\)"),
        ([[0.0, 1.0]], [[0]], r"shape \(1,\)"),
        ([[0.0, 1.0]], 0, r"shape \(1,\)"),
        ([[0.0, 1.0]], ["a"], "integer class indices"),
        ([[0.0, 1.0]], [1j], "integer class indices"),
    ],
)
def test_cross_entropy_value_errors(f, logits, labels, match) -> None:
    with pytest.raises(ValueError, match=match):
        f(logits, labels)


@pytest.mark.parametrize("f", CE_FUNCTIONS)
def test_cross_entropy_non_real_logits_are_type_errors(f) -> None:
    with pytest.raises(TypeError, match="real numbers"):
        f(np.array([[1j, 0.0]]), [0])
