"""Reference tests for `solutions.initializers` (topic 3 of docs/api.md).

The statistical tests draw one large non-square sample (300 x 100: fan_in = 100, fan_out = 300)
and accept it when its sample mean and sample standard deviation lie within 6 standard errors of
their targets, and (for uniform draws) when the sample fills its support [-a, a) up to its ends.
A correct sampler fails such a check with probability far below 1e-8, while a sampler that swaps
fan_in and fan_out, or forgets the receptive field of a 4-D kernel, lands far outside the band:
`test_checkers_reject_wrong_fans` runs those wrong samplers to prove it.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from solutions import initializers as ini
from tests.helpers import FP_ERRORS

Array = np.ndarray[Any, np.dtype[np.float64]]

SHAPE = (300, 100)  # fan_in = 100, fan_out = 300: a fan swap changes every He scale
FAN_IN, FAN_OUT = 100, 300
SHAPE_4D = (64, 16, 3, 3)  # fan_in = 16 * 9 = 144, fan_out = 64 * 9 = 576
FAN_IN_4D, FAN_OUT_4D = 144, 576
SEEDS = (0, 1, 2, 3, 4)
METHODS = (
    "zeros",
    "ones",
    "normal",
    "uniform",
    "xavier_uniform",
    "xavier_normal",
    "he_uniform",
    "he_normal",
)
P_WITHIN_ONE_SIGMA = math.erf(1 / math.sqrt(2))  # P(|Z| < 1) for a normal, 0.6827

# Every function that draws from `rng`, as f(shape, rng).
RANDOM_INITS: dict[str, Callable[[Any, Any], Array]] = {
    "normal": lambda shape, rng: ini.normal(shape, rng),
    "uniform": lambda shape, rng: ini.uniform(shape, rng),
    "xavier_uniform": lambda shape, rng: ini.xavier_uniform(shape, rng),
    "xavier_normal": lambda shape, rng: ini.xavier_normal(shape, rng),
    "he_uniform": lambda shape, rng: ini.he_uniform(shape, rng),
    "he_normal": lambda shape, rng: ini.he_normal(shape, rng),
}
FAN_INITS = ("xavier_uniform", "xavier_normal", "he_uniform", "he_normal")


def _with_seeded_rng(init: Callable[[Any, Any], Array], shape: Any) -> Array:
    return init(shape, np.random.default_rng(0))


# Every function that takes a shape, as f(shape).
SHAPE_FUNCS: dict[str, Callable[[Any], Any]] = {
    "fan_in_and_fan_out": ini.fan_in_and_fan_out,
    "zeros": ini.zeros,
    "ones": ini.ones,
    "constant": lambda shape: ini.constant(shape, 2.0),
    **{name: functools.partial(_with_seeded_rng, f) for name, f in RANDOM_INITS.items()},
}
ANY_DIM_FUNCS = ("zeros", "ones", "constant", "normal", "uniform")
TWO_DIM_FUNCS = ("fan_in_and_fan_out", *FAN_INITS)


def rng_of(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def expected_fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """Fans counted as weights: those feeding one output W[o], those reading one input W[:, i]."""
    return np.empty(shape[1:]).size, np.empty((shape[0], *shape[2:])).size


def assert_float_array(result: object, shape: tuple[int, ...]) -> None:
    assert isinstance(result, np.ndarray)
    assert result.dtype == np.float64
    assert result.shape == shape


# ---------------------------------------------------------------------------------------------
# Statistical checkers (6 standard errors everywhere) and the wrong samplers they must reject
# ---------------------------------------------------------------------------------------------


def normal_sample_ok(sample: Array, mean: float, std: float) -> bool:
    """Whether `sample` is plausibly iid N(mean, std²) (false-alarm probability << 1e-8)."""
    x = sample.ravel()
    n = x.size
    mean_ok = abs(x.mean() - mean) <= 6 * std / math.sqrt(n)
    # sd of the sample std of a normal: std / sqrt(2n)
    std_ok = abs(x.std(ddof=1) - std) <= 6 * std / math.sqrt(2 * n)
    p = P_WITHIN_ONE_SIGMA
    within = np.mean(np.abs(x - mean) < std)
    shape_ok = abs(within - p) <= 6 * math.sqrt(p * (1 - p) / n)
    distinct = np.unique(x).size == n
    return bool(mean_ok and std_ok and shape_ok and distinct)


def uniform_sample_ok(sample: Array, low: float, high: float) -> bool:
    """Whether `sample` is plausibly iid U[low, high) (false-alarm probability << 1e-8)."""
    x = sample.ravel()
    n = x.size
    width = high - low
    sigma = width / math.sqrt(12)
    support_ok = bool(np.all(x >= low) and np.all(x < high))
    mean_ok = abs(x.mean() - (low + high) / 2) <= 6 * sigma / math.sqrt(n)
    # uniform kurtosis 9/5: sd of the sample std is sigma * sqrt((9/5 - 1) / (4n))
    std_ok = abs(x.std(ddof=1) - sigma) <= 6 * sigma * math.sqrt(0.2 / n)
    # P(no sample within delta of an end) = (1 - delta / width)^n ~ e^-40
    delta = 40 * width / n
    ends_ok = x.min() - low <= delta and high - x.max() <= delta
    middle = np.mean(np.abs(x - (low + high) / 2) < width / 4)
    shape_ok = abs(middle - 0.5) <= 6 * math.sqrt(0.25 / n)
    distinct = np.unique(x).size == n
    return bool(support_ok and mean_ok and std_ok and ends_ok and shape_ok and distinct)


def test_checkers_accept_numpy_samples() -> None:
    # The checkers themselves, on numpy's own samplers: they must not reject correct draws.
    for seed in SEEDS:
        rng = rng_of(seed)
        assert normal_sample_ok(rng.normal(0.3, 0.05, size=SHAPE), 0.3, 0.05)
        assert uniform_sample_ok(rng.uniform(-0.2, 0.2, size=SHAPE), -0.2, 0.2)
        assert not normal_sample_ok(rng.normal(0.3, 0.06, size=SHAPE), 0.3, 0.05)
        assert not uniform_sample_ok(rng.uniform(-0.2, 0.21, size=SHAPE), -0.2, 0.2)
        # a normal with the variance of U[-a, a) is not uniform, and vice versa
        a = 0.2
        assert not uniform_sample_ok(rng.normal(0, a / math.sqrt(3), size=SHAPE), -a, a)
        assert not normal_sample_ok(rng.uniform(-a, a, size=SHAPE), 0.0, a / math.sqrt(3))


def test_wrong_fan_values_lie_outside_the_bands() -> None:
    # For the 300 x 100 sample, the value a fan swap produces is far outside the 6-sigma band.
    n = math.prod(SHAPE)
    he_std, swapped_std = math.sqrt(2 / FAN_IN), math.sqrt(2 / FAN_OUT)
    assert abs(swapped_std - he_std) > 6 * he_std / math.sqrt(2 * n)
    he_a, swapped_a = math.sqrt(6 / FAN_IN), math.sqrt(6 / FAN_OUT)
    # the sample max of U[-a, a) must come within 40 * 2a / n of a; the swapped bound cannot
    assert he_a - swapped_a > 40 * 2 * he_a / n
    # Xavier uses fan_in + fan_out (symmetric): the wrong rules are a single fan, or no kernel
    xavier_std = math.sqrt(2 / (FAN_IN + FAN_OUT))
    for wrong_fan_sum in (2 * FAN_IN, 2 * FAN_OUT, FAN_IN, FAN_OUT):
        assert abs(math.sqrt(2 / wrong_fan_sum) - xavier_std) > 6 * xavier_std / math.sqrt(2 * n)


WRONG_SAMPLERS: dict[str, tuple[Callable[[tuple[int, ...], np.random.Generator], Array], str]] = {
    # name: (wrong sampler, which reference it imitates)
    "he_normal_fan_out": (lambda s, r: r.normal(0, math.sqrt(2 / s[0]), size=s), "he_normal"),
    "he_uniform_fan_out": (
        lambda s, r: r.uniform(-math.sqrt(6 / s[0]), math.sqrt(6 / s[0]), size=s),
        "he_uniform",
    ),
    "xavier_normal_fan_in_only": (
        lambda s, r: r.normal(0, math.sqrt(1 / s[1]), size=s),
        "xavier_normal",
    ),
    "xavier_normal_fan_out_only": (
        lambda s, r: r.normal(0, math.sqrt(1 / s[0]), size=s),
        "xavier_normal",
    ),
    "xavier_uniform_fan_in_only": (
        lambda s, r: r.uniform(-math.sqrt(3 / s[1]), math.sqrt(3 / s[1]), size=s),
        "xavier_uniform",
    ),
    "xavier_uniform_variance_as_bound": (
        lambda s, r: r.uniform(-math.sqrt(2 / sum(s)), math.sqrt(2 / sum(s)), size=s),
        "xavier_uniform",
    ),
    "xavier_uniform_as_normal": (
        lambda s, r: r.normal(0, math.sqrt(2 / (s[0] + s[1])), size=s),
        "xavier_uniform",
    ),
    "he_normal_as_uniform": (
        lambda s, r: r.uniform(-math.sqrt(6 / s[1]), math.sqrt(6 / s[1]), size=s),
        "he_normal",
    ),
    # 4-D kernels: forgetting the receptive field (fans = shape[1], shape[0] only)
    "he_normal_no_receptive_field": (
        lambda s, r: r.normal(0, math.sqrt(2 / s[1]), size=s),
        "he_normal",
    ),
    "xavier_normal_no_receptive_field": (
        lambda s, r: r.normal(0, math.sqrt(2 / (s[0] + s[1])), size=s),
        "xavier_normal",
    ),
    "he_uniform_no_receptive_field": (
        lambda s, r: r.uniform(-math.sqrt(6 / s[1]), math.sqrt(6 / s[1]), size=s),
        "he_uniform",
    ),
    "xavier_uniform_no_receptive_field": (
        lambda s, r: r.uniform(-math.sqrt(6 / (s[0] + s[1])), math.sqrt(6 / (s[0] + s[1])), size=s),
        "xavier_uniform",
    ),
}


def sample_ok(name: str, sample: Array, fan_in: int, fan_out: int) -> bool:
    """The statistical check of the reference initialiser `name` for the given fans."""
    if name == "xavier_uniform":
        a = math.sqrt(6 / (fan_in + fan_out))
        return uniform_sample_ok(sample, -a, a)
    if name == "xavier_normal":
        return normal_sample_ok(sample, 0.0, math.sqrt(2 / (fan_in + fan_out)))
    if name == "he_uniform":
        a = math.sqrt(6 / fan_in)
        return uniform_sample_ok(sample, -a, a)
    assert name == "he_normal"
    return normal_sample_ok(sample, 0.0, math.sqrt(2 / fan_in))


@pytest.mark.parametrize("wrong", sorted(WRONG_SAMPLERS))
def test_checkers_reject_wrong_fans(wrong: str) -> None:
    sampler, name = WRONG_SAMPLERS[wrong]
    shape, fans = (
        (SHAPE_4D, (FAN_IN_4D, FAN_OUT_4D)) if "receptive" in wrong else (SHAPE, (FAN_IN, FAN_OUT))
    )
    for seed in SEEDS:
        assert not sample_ok(name, sampler(shape, rng_of(seed)), *fans)


# ---------------------------------------------------------------------------------------------
# fan_in_and_fan_out
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "fans"),
    [
        ((300, 100), (100, 300)),
        ((4, 3), (3, 4)),
        ((1, 7), (7, 1)),
        ((64, 16, 3, 3), (144, 576)),
        ((8, 2, 3, 3), (18, 72)),
        ((5, 4, 2), (8, 10)),
        ((0, 3), (3, 0)),
        ((3, 0), (0, 3)),
        ((2, 3, 0), (0, 0)),
        ((2, 3, 4, 0, 5), (0, 0)),
    ],
)
def test_fan_in_and_fan_out_hand_examples(shape: tuple[int, ...], fans: tuple[int, int]) -> None:
    result = ini.fan_in_and_fan_out(shape)
    assert isinstance(result, tuple)
    assert result == fans
    assert all(type(fan) is int for fan in result)


@given(
    dims=st.lists(st.integers(1, 6), min_size=2, max_size=5),
    kind=st.sampled_from([int, np.int64, np.int32, np.uint8]),
    as_list=st.booleans(),
)
def test_fan_in_and_fan_out_counts_weights(dims: list[int], kind: type, as_list: bool) -> None:
    shape = [kind(d) for d in dims] if as_list else tuple(kind(d) for d in dims)
    before = list(shape)
    fan_in, fan_out = ini.fan_in_and_fan_out(shape)
    assert (fan_in, fan_out) == expected_fans(tuple(dims))
    assert type(fan_in) is int
    assert type(fan_out) is int
    assert list(shape) == before


@pytest.mark.parametrize("shape", [(), (5,), [7], (0,)])
def test_fan_in_and_fan_out_needs_two_dimensions(shape: Any) -> None:
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        ini.fan_in_and_fan_out(shape)


# ---------------------------------------------------------------------------------------------
# zeros, ones, constant
# ---------------------------------------------------------------------------------------------

shapes_any = st.lists(st.integers(0, 5), min_size=0, max_size=4)


@given(dims=shapes_any, as_list=st.booleans())
def test_zeros_ones_values_shape_dtype(dims: list[int], as_list: bool) -> None:
    shape = list(dims) if as_list else tuple(dims)
    for func, value in ((ini.zeros, 0.0), (ini.ones, 1.0)):
        result = func(shape)
        assert_float_array(result, tuple(dims))
        assert np.all(result == value)
    assert shape == (list(dims) if as_list else tuple(dims))


@given(
    dims=shapes_any,
    value=st.one_of(
        st.floats(-1e300, 1e300, allow_nan=False),
        st.integers(-(10**6), 10**6),
        st.integers(-100, 100).map(np.int8),
        st.floats(-1e6, 1e6, width=32).map(np.float32),
    ),
)
def test_constant_values_shape_dtype(dims: list[int], value: Any) -> None:
    result = ini.constant(tuple(dims), value)
    assert_float_array(result, tuple(dims))
    assert np.all(result == float(value))


def test_constant_hand_examples() -> None:
    np.testing.assert_array_equal(ini.constant((3,), 0.5), [0.5, 0.5, 0.5])
    np.testing.assert_array_equal(ini.constant([2, 2], -3), [[-3.0, -3.0], [-3.0, -3.0]])
    np.testing.assert_array_equal(ini.constant((2,), Fraction(1, 4)), [0.25, 0.25])
    assert ini.constant((), 7).shape == ()
    assert float(ini.constant((), 7)) == 7.0
    assert_float_array(ini.constant((0, 3), 1.5), (0, 3))


def test_zeros_and_ones_hand_examples() -> None:
    np.testing.assert_array_equal(ini.zeros((2, 3)), [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    np.testing.assert_array_equal(ini.ones([3]), [1.0, 1.0, 1.0])
    assert_float_array(ini.zeros((0, 3)), (0, 3))
    assert_float_array(ini.ones((0, 3)), (0, 3))
    assert_float_array(ini.zeros(()), ())
    assert_float_array(ini.ones((np.int64(2), np.uint8(1))), (2, 1))


def test_results_are_new_arrays() -> None:
    first, second = ini.zeros((2, 2)), ini.zeros((2, 2))
    first[0, 0] = 5.0
    assert second[0, 0] == 0.0
    assert ini.zeros((2, 2))[0, 0] == 0.0
    assert ini.ones((2,)) is not ini.ones((2,))


# ---------------------------------------------------------------------------------------------
# normal and uniform
# ---------------------------------------------------------------------------------------------


@given(
    dims=shapes_any,
    seed=st.integers(0, 2**32 - 1),
    mean=st.floats(-100, 100),
    std=st.floats(0, 100),
)
def test_normal_is_rng_normal(dims: list[int], seed: int, mean: float, std: float) -> None:
    result = ini.normal(tuple(dims), rng_of(seed), mean=mean, std=std)
    assert_float_array(result, tuple(dims))
    np.testing.assert_array_equal(result, rng_of(seed).normal(mean, std, size=tuple(dims)))


@given(
    dims=shapes_any,
    seed=st.integers(0, 2**32 - 1),
    low=st.floats(-100, 100),
    width=st.floats(1e-6, 100),
)
def test_uniform_is_rng_uniform(dims: list[int], seed: int, low: float, width: float) -> None:
    high = low + width
    result = ini.uniform(tuple(dims), rng_of(seed), low=low, high=high)
    assert_float_array(result, tuple(dims))
    np.testing.assert_array_equal(result, rng_of(seed).uniform(low, high, size=tuple(dims)))
    # [low, high) up to the rounding of low + width * u, which numpy documents may reach high
    assert np.all((low <= result) & (result <= high))


def test_normal_defaults_and_statistics() -> None:
    for seed in SEEDS:
        assert normal_sample_ok(ini.normal(SHAPE, rng_of(seed)), 0.0, 1.0)
        assert normal_sample_ok(ini.normal(SHAPE, rng_of(seed), mean=2.5, std=0.3), 2.5, 0.3)
        assert normal_sample_ok(ini.normal(SHAPE, rng_of(seed), -1, 2), -1.0, 2.0)


def test_uniform_defaults_and_statistics() -> None:
    for seed in SEEDS:
        assert uniform_sample_ok(ini.uniform(SHAPE, rng_of(seed)), 0.0, 1.0)
        assert uniform_sample_ok(ini.uniform(SHAPE, rng_of(seed), low=-2.0, high=5.0), -2.0, 5.0)
        assert uniform_sample_ok(ini.uniform(SHAPE, rng_of(seed), -3, -1), -3.0, -1.0)


def test_normal_with_zero_std_is_the_mean() -> None:
    np.testing.assert_array_equal(
        ini.normal((2, 3), rng_of(), mean=5.0, std=0.0), np.full((2, 3), 5.0)
    )
    np.testing.assert_array_equal(ini.normal((4,), rng_of(), mean=-1, std=0), np.full(4, -1.0))


def test_normal_and_uniform_accept_numpy_and_int_parameters() -> None:
    expected = rng_of(3).normal(2.0, 0.5, size=(4, 2))
    np.testing.assert_array_equal(
        ini.normal((4, 2), rng_of(3), mean=np.int64(2), std=np.float32(0.5)), expected
    )
    np.testing.assert_array_equal(
        ini.uniform([4, 2], rng_of(3), low=np.int8(-1), high=np.float64(2.0)),
        rng_of(3).uniform(-1.0, 2.0, size=(4, 2)),
    )


@pytest.mark.parametrize("shape", [(), (5,), (0,), (0, 3), (2, 0, 4)])
def test_normal_and_uniform_any_dimension(shape: tuple[int, ...]) -> None:
    assert_float_array(ini.normal(shape, rng_of()), shape)
    assert_float_array(ini.uniform(shape, rng_of()), shape)


# ---------------------------------------------------------------------------------------------
# Xavier and He
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FAN_INITS)
@pytest.mark.parametrize(
    ("shape", "fans"), [(SHAPE, (FAN_IN, FAN_OUT)), (SHAPE_4D, (FAN_IN_4D, FAN_OUT_4D))]
)
def test_fan_initialisers_statistics(
    name: str, shape: tuple[int, ...], fans: tuple[int, int]
) -> None:
    for seed in SEEDS:
        result = RANDOM_INITS[name](shape, rng_of(seed))
        assert_float_array(result, shape)
        assert sample_ok(name, result, *fans)


@pytest.mark.parametrize("name", FAN_INITS)
def test_fan_initialisers_statistics_transposed_shape(name: str) -> None:
    # (100, 300): fan_in = 300 now; a He sampler on the wrong axis fails here instead
    for seed in SEEDS:
        assert sample_ok(name, RANDOM_INITS[name]((100, 300), rng_of(seed)), 300, 100)


def uniform_bound(name: str, shape: tuple[int, ...], gain: float) -> float:
    fan_in, fan_out = expected_fans(shape)
    if name == "xavier_uniform":
        return gain * math.sqrt(6 / (fan_in + fan_out))
    return math.sqrt(6 / fan_in)


def normal_scale(name: str, shape: tuple[int, ...], gain: float) -> float:
    fan_in, fan_out = expected_fans(shape)
    if name == "xavier_normal":
        return gain * math.sqrt(2 / (fan_in + fan_out))
    return math.sqrt(2 / fan_in)


@given(
    dims=st.lists(st.integers(1, 6), min_size=2, max_size=4),
    seed=st.integers(0, 2**32 - 1),
    gain=st.floats(0, 10),
)
def test_fan_initialisers_are_rng_draws(dims: list[int], seed: int, gain: float) -> None:
    # Drawn as rng.uniform(-a, a, size=shape) and rng.normal(0, s, size=shape).
    shape = tuple(dims)
    for name in ("xavier_uniform", "he_uniform"):
        a = uniform_bound(name, shape, gain)
        result = (
            ini.xavier_uniform(shape, rng_of(seed), gain=gain)
            if name == "xavier_uniform"
            else ini.he_uniform(shape, rng_of(seed))
        )
        assert_float_array(result, shape)
        np.testing.assert_allclose(
            result, rng_of(seed).uniform(-a, a, size=shape), rtol=1e-12, atol=1e-300
        )
        assert np.all((-a <= result) & (result <= a))
    for name in ("xavier_normal", "he_normal"):
        s = normal_scale(name, shape, gain)
        result = (
            ini.xavier_normal(shape, rng_of(seed), gain=gain)
            if name == "xavier_normal"
            else ini.he_normal(shape, rng_of(seed))
        )
        assert_float_array(result, shape)
        np.testing.assert_allclose(
            result, rng_of(seed).normal(0.0, s, size=shape), rtol=1e-12, atol=1e-300
        )


def test_fan_initialisers_hand_bounds() -> None:
    # (2, 4): a = sqrt(6 / 6) = 1 for Xavier; (4, 6): a = sqrt(6 / 6) = 1 for He
    for seed in SEEDS:
        w = ini.xavier_uniform((2, 4), rng_of(seed))
        assert np.all((w >= -1.0) & (w < 1.0))
        w = ini.he_uniform((4, 6), rng_of(seed))
        assert np.all((w >= -1.0) & (w < 1.0))
    # gain scales the Xavier bound: gain 5 on (200, 100) gives a = 5 * sqrt(6 / 300) = 1/sqrt(2)
    a = 1 / math.sqrt(2)
    big = ini.xavier_uniform((200, 100), rng_of(), gain=5)
    # 20000 draws: the extremes come within 40 * 2a / n of +-a
    assert big.max() < a
    assert big.max() > a * (1 - 80 / big.size)
    assert big.min() >= -a
    assert big.min() < -a * (1 - 80 / big.size)


def test_xavier_gain_scales_the_draw() -> None:
    base_u = ini.xavier_uniform((30, 20), rng_of(5))
    np.testing.assert_allclose(ini.xavier_uniform((30, 20), rng_of(5), gain=5 / 3), 5 / 3 * base_u)
    base_n = ini.xavier_normal((30, 20), rng_of(5))
    np.testing.assert_allclose(ini.xavier_normal((30, 20), rng_of(5), gain=3), 3 * base_n)
    for seed in SEEDS:
        scaled = ini.xavier_normal(SHAPE, rng_of(seed), gain=np.float32(0.5))
        assert normal_sample_ok(scaled, 0.0, 0.5 * math.sqrt(2 / (FAN_IN + FAN_OUT)))


def test_xavier_zero_gain_gives_zeros() -> None:
    for func in (ini.xavier_uniform, ini.xavier_normal):
        result = func((4, 3), rng_of(), gain=0)
        assert_float_array(result, (4, 3))
        np.testing.assert_array_equal(result, np.zeros((4, 3)))


@given(dims=st.lists(st.integers(0, 4), min_size=2, max_size=4), seed=st.integers(0, 100))
def test_fan_initialisers_zero_fans(dims: list[int], seed: int) -> None:
    # A zero-size shape is fine as long as the fan each rule divides by is not 0.
    shape = tuple(dims)
    fan_in, fan_out = expected_fans(shape)
    for name in ("xavier_uniform", "xavier_normal"):
        if fan_in + fan_out == 0:
            with pytest.raises(ValueError, match=r"fan_in \+ fan_out"):
                RANDOM_INITS[name](shape, rng_of(seed))
        else:
            assert_float_array(RANDOM_INITS[name](shape, rng_of(seed)), shape)
    for name in ("he_uniform", "he_normal"):
        if fan_in == 0:
            with pytest.raises(ValueError, match="fan_in"):
                RANDOM_INITS[name](shape, rng_of(seed))
        else:
            assert_float_array(RANDOM_INITS[name](shape, rng_of(seed)), shape)


@pytest.mark.parametrize("name", FAN_INITS)
def test_fan_initialisers_empty_shapes(name: str) -> None:
    assert_float_array(RANDOM_INITS[name]((0, 3), rng_of()), (0, 3))
    assert_float_array(RANDOM_INITS[name]((0, 3, 2, 2), rng_of()), (0, 3, 2, 2))
    if name.startswith("xavier"):
        assert_float_array(RANDOM_INITS[name]((3, 0), rng_of()), (3, 0))
        with pytest.raises(ValueError, match=r"fan_in \+ fan_out"):
            RANDOM_INITS[name]((0, 0), rng_of())
        with pytest.raises(ValueError, match=r"fan_in \+ fan_out"):
            RANDOM_INITS[name]((3, 4, 0), rng_of())
    else:
        with pytest.raises(ValueError, match="fan_in"):
            RANDOM_INITS[name]((3, 0), rng_of())
        with pytest.raises(ValueError, match="fan_in"):
            RANDOM_INITS[name]((3, 4, 0), rng_of())


@pytest.mark.parametrize("name", FAN_INITS)
@pytest.mark.parametrize("shape", [(), (5,), [7], (0,)])
def test_fan_initialisers_need_two_dimensions(name: str, shape: Any) -> None:
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        RANDOM_INITS[name](shape, rng_of())


# ---------------------------------------------------------------------------------------------
# Randomness: seeds, generator state, global state
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(RANDOM_INITS))
def test_same_seed_same_arrays_different_seed_different(name: str) -> None:
    func = RANDOM_INITS[name]
    shape = (30, 20)
    np.testing.assert_array_equal(func(shape, rng_of(7)), func(shape, rng_of(7)))
    assert not np.array_equal(func(shape, rng_of(7)), func(shape, rng_of(8)))
    rng = rng_of(7)
    first, second = func(shape, rng), func(shape, rng)
    assert not np.array_equal(first, second)  # the generator's state moved on
    np.testing.assert_array_equal(first, func(shape, rng_of(7)))


def test_global_random_state_untouched() -> None:
    before = np.random.get_state()  # noqa: NPY002 (reads the global state)
    for func in RANDOM_INITS.values():
        func((20, 10), rng_of(1))
    ini.normal((5,), rng_of(), 1.0, 2.0)
    ini.uniform((5,), rng_of(), -1.0, 1.0)
    ini.xavier_uniform((4, 3, 2), rng_of(), gain=2.0)
    for method in METHODS:
        ini.init_network([4, 3, 2], rng_of(2), method=method)
    ini.zeros((2, 2))
    ini.ones((2, 2))
    ini.constant((2, 2), 3.0)
    after = np.random.get_state()  # noqa: NPY002 (reads the global state)
    assert before[0] == after[0]
    np.testing.assert_array_equal(before[1], after[1])
    assert before[2:] == after[2:]


# ---------------------------------------------------------------------------------------------
# Errors shared by the shape-taking functions
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SHAPE_FUNCS))
@pytest.mark.parametrize(
    "shape", [5, np.int64(5), "3,4", None, np.array([3, 4]), {3, 4}, range(2), 3.0]
)
def test_shape_not_a_tuple_is_type_error(name: str, shape: Any) -> None:
    with pytest.raises(TypeError, match="shape must be a tuple"):
        SHAPE_FUNCS[name](shape)


@pytest.mark.parametrize("name", sorted(SHAPE_FUNCS))
@pytest.mark.parametrize(
    "shape",
    [(3.0, 4), (3, 4.0), (True, 4), (3, False), (3, None), (np.float64(3), 4), ("3", 4), [2, 2.5]],
)
def test_shape_entry_not_an_int_is_type_error(name: str, shape: Any) -> None:
    with pytest.raises(TypeError, match="shape entries must be ints"):
        SHAPE_FUNCS[name](shape)


@pytest.mark.parametrize("name", sorted(SHAPE_FUNCS))
@pytest.mark.parametrize("shape", [(-1, 3), (3, -2), [4, np.int64(-1)], (2, 3, -1)])
def test_negative_shape_entry_is_value_error(name: str, shape: Any) -> None:
    with pytest.raises(ValueError, match="non-negative"):
        SHAPE_FUNCS[name](shape)


@pytest.mark.parametrize("name", ANY_DIM_FUNCS)
@pytest.mark.parametrize("shape", [(), (4,), [3], (0,), (2, 3, 4)])
def test_any_dimension_functions_accept_every_rank(name: str, shape: Any) -> None:
    assert_float_array(SHAPE_FUNCS[name](shape), tuple(shape))


@pytest.mark.parametrize("name", TWO_DIM_FUNCS)
def test_shape_list_is_not_mutated(name: str) -> None:
    shape = [6, 4, 2]
    SHAPE_FUNCS[name](shape)
    assert shape == [6, 4, 2]


BAD_RNGS = [None, 0, 42, np.random.RandomState(0), np.random.PCG64(0), np.random, "rng"]


@pytest.mark.parametrize("name", sorted(RANDOM_INITS))
@pytest.mark.parametrize("rng", BAD_RNGS, ids=lambda r: type(r).__name__)
def test_rng_not_a_generator_is_type_error(name: str, rng: Any) -> None:
    with pytest.raises(TypeError, match=r"numpy\.random\.Generator"):
        RANDOM_INITS[name]((3, 2), rng)


BAD_REAL_TYPES = [True, np.bool_(False), "1.0", None, 1 + 0j, np.array(1.0), [1.0]]
NON_FINITE = [math.nan, math.inf, -math.inf, np.float64(np.nan), 10**400]


@pytest.mark.parametrize("value", BAD_REAL_TYPES, ids=repr)
def test_real_parameters_of_wrong_type_are_type_errors(value: Any) -> None:
    with pytest.raises(TypeError, match="value must be a real number"):
        ini.constant((2,), value)
    with pytest.raises(TypeError, match="mean must be a real number"):
        ini.normal((2,), rng_of(), mean=value)
    with pytest.raises(TypeError, match="std must be a real number"):
        ini.normal((2,), rng_of(), std=value)
    with pytest.raises(TypeError, match="low must be a real number"):
        ini.uniform((2,), rng_of(), low=value)
    with pytest.raises(TypeError, match="high must be a real number"):
        ini.uniform((2,), rng_of(), high=value)
    with pytest.raises(TypeError, match="gain must be a real number"):
        ini.xavier_uniform((2, 2), rng_of(), gain=value)
    with pytest.raises(TypeError, match="gain must be a real number"):
        ini.xavier_normal((2, 2), rng_of(), gain=value)


@pytest.mark.parametrize("value", NON_FINITE, ids=repr)
def test_non_finite_real_parameters_are_value_errors(value: Any) -> None:
    with pytest.raises(ValueError, match="value must be a finite"):
        ini.constant((2,), value)
    with pytest.raises(ValueError, match="mean must be a finite"):
        ini.normal((2,), rng_of(), mean=value)
    with pytest.raises(ValueError, match="std must be a finite"):
        ini.normal((2,), rng_of(), std=value)
    with pytest.raises(ValueError, match="low must be a finite"):
        ini.uniform((2,), rng_of(), low=value, high=2.0)
    with pytest.raises(ValueError, match="high must be a finite"):
        ini.uniform((2,), rng_of(), low=0.0, high=value)
    with pytest.raises(ValueError, match="gain must be a finite"):
        ini.xavier_uniform((2, 2), rng_of(), gain=value)
    with pytest.raises(ValueError, match="gain must be a finite"):
        ini.xavier_normal((2, 2), rng_of(), gain=value)


@pytest.mark.parametrize("std", [-1.0, -1e-300, -5, np.float32(-0.5)])
def test_negative_std_is_value_error(std: Any) -> None:
    with pytest.raises(ValueError, match="std must be >= 0"):
        ini.normal((3,), rng_of(), std=std)


@pytest.mark.parametrize(("low", "high"), [(1.0, 1.0), (2.0, 1.0), (0, 0), (-1e-300, -1e-300)])
def test_uniform_needs_low_below_high(low: Any, high: Any) -> None:
    with pytest.raises(ValueError, match="low < high"):
        ini.uniform((3,), rng_of(), low=low, high=high)


def test_uniform_width_must_be_finite() -> None:
    with pytest.raises(ValueError, match="high - low must be a finite"):
        ini.uniform((3,), rng_of(), low=-1e308, high=1e308)


@pytest.mark.parametrize("gain", [-1.0, -1e-300, -2, np.float64(-0.1)])
def test_negative_gain_is_value_error(gain: Any) -> None:
    for func in (ini.xavier_uniform, ini.xavier_normal):
        with pytest.raises(ValueError, match="gain must be >= 0"):
            func((3, 2), rng_of(), gain=gain)


def test_xavier_uniform_gain_too_large_is_value_error() -> None:
    # a = 1e308 * sqrt(3): the width 2a of U[-a, a) is not a finite float
    with pytest.raises(ValueError, match="gain is too large"):
        ini.xavier_uniform((1, 1), rng_of(), gain=1e308)


def test_extreme_valid_parameters_are_stable() -> None:
    with np.errstate(**FP_ERRORS):
        big = ini.uniform((1000,), rng_of(), low=-8e307, high=8e307)
        assert np.all(np.isfinite(big))
        assert np.all((big >= -8e307) & (big < 8e307))
        tiny = ini.uniform((1000,), rng_of(), low=0.0, high=5e-324)
        # (a subnormal width: numpy's low + width * u may round up to high itself)
        assert np.all((tiny == 0.0) | (tiny == 5e-324))
        shifted = ini.normal((1000,), rng_of(), mean=1e300, std=1e290)
        assert np.all(np.isfinite(shifted))
        assert abs(shifted.mean() / 1e300 - 1) < 1e-6
        wide = ini.xavier_uniform((1, 1), rng_of(), gain=1e307)
        assert np.all(np.isfinite(wide))
        small = ini.xavier_normal((3, 2), rng_of(), gain=1e-300)
        assert np.all(np.isfinite(small))
        assert np.all(np.abs(small) < 1e-298)
        assert np.all(ini.constant((3,), 1.7e308) == 1.7e308)
        assert np.all(ini.constant((3,), -(10**300)) == -1e300)
        he = ini.he_normal((1, 10**6), rng_of())
        assert np.all(np.isfinite(he))


# ---------------------------------------------------------------------------------------------
# init_network
# ---------------------------------------------------------------------------------------------

REFERENCE_DRAW: dict[str, Callable[[tuple[int, ...], np.random.Generator], Array]] = {
    "zeros": lambda s, r: ini.zeros(s),
    "ones": lambda s, r: ini.ones(s),
    **RANDOM_INITS,
}


@given(
    sizes=st.lists(st.integers(1, 8), min_size=2, max_size=5),
    seed=st.integers(0, 2**32 - 1),
    method=st.sampled_from(METHODS),
    as_tuple=st.booleans(),
)
def test_init_network_layers_in_order(
    sizes: list[int], seed: int, method: str, as_tuple: bool
) -> None:
    layer_sizes = tuple(sizes) if as_tuple else list(sizes)
    params = ini.init_network(layer_sizes, rng_of(seed), method=method)
    assert layer_sizes == (tuple(sizes) if as_tuple else sizes)
    assert isinstance(params, list)
    assert len(params) == len(sizes) - 1
    rng = rng_of(seed)  # the same generator, drawn layer by layer, first layer first
    for layer, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
        pair = params[layer]
        assert isinstance(pair, tuple)
        assert len(pair) == 2
        weights, bias = pair
        assert_float_array(weights, (n_out, n_in))
        assert_float_array(bias, (n_out,))
        np.testing.assert_array_equal(bias, np.zeros(n_out))
        np.testing.assert_array_equal(weights, REFERENCE_DRAW[method]((n_out, n_in), rng))


def test_init_network_hand_example() -> None:
    params = ini.init_network([3, 4, 2], rng_of())
    assert [(w.shape, b.shape) for w, b in params] == [((4, 3), (4,)), ((2, 4), (2,))]
    # default method xavier_uniform: a = sqrt(6 / 7) for layer 1, sqrt(6 / 6) = 1 for layer 2
    assert np.all(np.abs(params[0][0]) <= math.sqrt(6 / 7))
    assert np.all(np.abs(params[1][0]) <= 1.0)
    ones = ini.init_network((2, 1), rng_of(), method="ones")
    np.testing.assert_array_equal(ones[0][0], [[1.0, 1.0]])
    np.testing.assert_array_equal(ones[0][1], [0.0])
    zeros = ini.init_network([np.int64(2), np.int32(3)], rng_of(), method="zeros")
    np.testing.assert_array_equal(zeros[0][0], np.zeros((3, 2)))


def test_init_network_default_is_xavier_uniform() -> None:
    default = ini.init_network([5, 4, 3], rng_of(9))
    explicit = ini.init_network([5, 4, 3], rng_of(9), method="xavier_uniform")
    for (w1, b1), (w2, b2) in zip(default, explicit, strict=True):
        np.testing.assert_array_equal(w1, w2)
        np.testing.assert_array_equal(b1, b2)


@pytest.mark.parametrize("method", ["he_normal", "he_uniform", "xavier_normal", "xavier_uniform"])
def test_init_network_statistics(method: str) -> None:
    # a 100 -> 300 layer has W of shape (300, 100): fan_in 100, fan_out 300
    for seed in SEEDS:
        ((weights, bias),) = ini.init_network([100, 300], rng_of(seed), method=method)
        assert weights.shape == SHAPE
        assert sample_ok(method, weights, FAN_IN, FAN_OUT)
        np.testing.assert_array_equal(bias, np.zeros(300))


@pytest.mark.parametrize("method", ["normal", "uniform", "he_normal"])
def test_init_network_same_seed_same_params(method: str) -> None:
    first = ini.init_network([6, 5, 4], rng_of(11), method=method)
    second = ini.init_network([6, 5, 4], rng_of(11), method=method)
    other = ini.init_network([6, 5, 4], rng_of(12), method=method)
    for (w1, _), (w2, _), (w3, _) in zip(first, second, other, strict=True):
        np.testing.assert_array_equal(w1, w2)
        assert not np.array_equal(w1, w3)
    # the two layers are different draws, not one draw reused
    assert not np.array_equal(first[0][0][:4, :4], first[1][0][:4, :4])


@pytest.mark.parametrize(
    "method", ["constant", "Xavier_uniform", "xavier", "kaiming", "", " zeros", None, 3, ["zeros"]]
)
def test_init_network_unknown_method_is_value_error(method: Any) -> None:
    with pytest.raises(ValueError, match="method must be one of") as excinfo:
        ini.init_network([3, 2], rng_of(), method=method)
    message = str(excinfo.value)
    for name in METHODS:
        assert name in message


@pytest.mark.parametrize(
    "layer_sizes", [5, "34", None, np.array([3, 4]), {3, 4}, range(2, 5), (x for x in (3, 4))]
)
def test_init_network_layer_sizes_not_a_sequence_is_type_error(layer_sizes: Any) -> None:
    with pytest.raises(TypeError, match="layer_sizes must be a list or tuple"):
        ini.init_network(layer_sizes, rng_of())


@pytest.mark.parametrize(
    "layer_sizes",
    [[3.0, 4], [3, 4.0], [True, 2], [3, False], [3, None], (np.float64(3), 2), ["3", 2]],
)
def test_init_network_size_not_an_int_is_type_error(layer_sizes: Any) -> None:
    with pytest.raises(TypeError, match="layer sizes must be ints"):
        ini.init_network(layer_sizes, rng_of())


@pytest.mark.parametrize("layer_sizes", [[3, 0], [0, 3], [3, -1], (4, 2, 0), [np.int64(-2), 3]])
def test_init_network_size_not_positive_is_value_error(layer_sizes: Any) -> None:
    with pytest.raises(ValueError, match="positive"):
        ini.init_network(layer_sizes, rng_of())


@pytest.mark.parametrize("layer_sizes", [[], [3], (7,), [np.int64(2)]])
def test_init_network_fewer_than_two_sizes_is_value_error(layer_sizes: Any) -> None:
    with pytest.raises(ValueError, match="at least 2 entries"):
        ini.init_network(layer_sizes, rng_of())


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("rng", BAD_RNGS, ids=lambda r: type(r).__name__)
def test_init_network_rng_not_a_generator_is_type_error(method: str, rng: Any) -> None:
    with pytest.raises(TypeError, match=r"numpy\.random\.Generator"):
        ini.init_network([3, 2], rng, method=method)


def test_init_network_does_not_mutate_layer_sizes() -> None:
    sizes = [4, np.int64(3), 2]
    ini.init_network(sizes, rng_of(), method="he_normal")
    assert sizes == [4, 3, 2]
    assert type(sizes[1]) is np.int64
