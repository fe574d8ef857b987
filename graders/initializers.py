"""Graders of the initializers topic: fans, constant arrays, and random initialisers.

The deterministic functions (``fan_in_and_fan_out``, ``zeros``, ``ones``, ``constant``) are
compared with the reference as usual. The random ones (``normal``, ``uniform``, ``xavier_*``,
``he_*``, ``init_network``) cannot be: two correct samplers draw different numbers from the same
seed (``rng.standard_normal(shape) * std + mean`` against ``rng.normal(mean, std, shape)``,
``a * (2 * rng.random(shape) - 1)`` against ``rng.uniform(-a, a, shape)``). They are graded by
what the API promises about them instead:

- ``returns`` / ``untouched``: a new float64 array of exactly ``shape`` (for ``init_network``,
  the list of ``(W, b)`` pairs with ``W`` ``(n_{l+1}, n_l)``: the Keras ``(in, out)`` layout is a
  ``BAD_SHAPE``);
- ``reproducible`` / ``random`` / ``global_rng``: the same seed gives the same numbers, other seeds
  other numbers, and ``np.random``'s global state is neither read nor reseeded;
- ``distribution`` (:class:`~neurograde.grading.statistics.Distribution`): large samples drawn
  with non-default arguments (``mean != 0``, ``std != 1``, ``low`` / ``high`` not 0 / 1,
  ``gain != 1``) on a NON-SQUARE shape (250, 100), where fan_in = 100 != fan_out = 250 so that
  every fan swap changes the scale, and on a 4-D convolution kernel (64, 16, 3, 3) (fan_in = 144,
  fan_out = 576), where forgetting the receptive field divides both fans by 9. Each sample is
  checked for its support (uniform laws: every sample inside, both ends reached), its mean, its
  spread and the shape of the distribution (the share of samples within one standard deviation
  of the mean: 68.3 % for a normal, 57.7 % for a uniform law), within 7 standard errors: the
  bounds and their false-alarm probabilities are worked out in
  :mod:`neurograde.grading.statistics`, the per-grade total beside the trials below.

What hides from fixed examples, and where it is caught: a square shape hides a fan swap (the
strategies and examples of ``fan_in_and_fan_out`` are non-square as well, and the samples are
250 x 100); default arguments hide an ignored ``mean``, ``std``, ``low``, ``high`` or ``gain``
(every sample has non-default ones); 2-D shapes hide a forgotten receptive field (a 4-D kernel is
an example and a sample every time); ``std = 1`` hides the variance passed as a standard
deviation; int values hide ``np.full(shape, value)`` keeping an int dtype; ``low == high`` is
accepted by ``rng.uniform`` and must be rejected.

Misconceptions of the random functions cannot be matched by value: each known mistake predicts a
distribution (the scale a fan_out-He would have, the support of U[0, a) ...), and the one whose
prediction the learner's sample passes, with the same bounds, is named.

Only what the API states is graded: bad calls are ``fewer than 2 dimensions`` (the fans, and so
the four fan-based initialisers), ``std < 0``, ``low >= high``, an unknown ``method``
(``"constant"`` included) and fewer than two layer sizes; the reference's stricter checks (bools,
NaN parameters, list shapes, numpy-int sizes) are not.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from hypothesis import strategies as st
from numpy.typing import NDArray

from neurograde.authoring import (
    Args,
    BadCall,
    Call,
    Distribution,
    Example,
    FunctionSpec,
    GlobalRngUntouched,
    Kwargs,
    Law,
    Misconception,
    Mistake,
    Problem,
    Property,
    Random,
    Reproducible,
    Trial,
    calls,
    describe,
    floats,
    normal_law,
    shapes,
    symmetric_law,
    uniform_law,
)
from solutions import initializers as ref

Array = NDArray[np.float64]
Shape = tuple[int, ...]


class NetworkDistribution(Distribution):
    """The weights of every layer follow the method's law; the biases are zeros."""

    def samples(self, returned: Any) -> list[tuple[str, Array]]:
        """The weight matrices, layer by layer."""
        return [
            (f", the W of layer {i + 1} (shape {pair[0].shape})", np.asarray(pair[0]))
            for i, pair in enumerate(returned)
        ]

    def other_problem(self, returned: Any, expected: Any) -> Problem | None:
        """Every bias must be exactly zero."""
        for i, pair in enumerate(returned):
            bias = np.asarray(pair[1], dtype=np.float64)
            if np.any(bias != 0.0):
                detail = f"the biases of layer {i + 1} are {describe(bias)}; biases start at zeros"
                return Problem(detail)
        return None


# ---------------------------------------------------------------------------------------------
# The laws of the API (trusted side) and the mistakes' laws
# ---------------------------------------------------------------------------------------------


def _fans(shape: Shape) -> tuple[int, int]:
    return ref.fan_in_and_fan_out(shape)


def _raw_fans(shape: Shape) -> tuple[int, int]:
    """The fans without the receptive field (the mistake); only differs for 3+ dimensions."""
    if len(shape) < 3:
        raise ValueError("the receptive field only matters for 3+ dimensions")
    return shape[1], shape[0]


def _ignored_gain(gain: float) -> float:
    """The gain a learner who ignores ``gain`` uses (1); not a mistake when ``gain`` is 1."""
    if gain == 1:
        raise ValueError("ignoring a gain of 1 changes nothing")
    return 1.0


def _normal_laws(shape: Shape, mean: float = 0.0, std: float = 1.0) -> list[Law]:
    return [normal_law(mean, std)]


def _uniform_laws(shape: Shape, low: float = 0.0, high: float = 1.0) -> list[Law]:
    return [uniform_law(low, high)]


def _xavier_bound(fans: tuple[int, int], gain: float = 1.0) -> float:
    return gain * math.sqrt(6.0 / (fans[0] + fans[1]))


def _xavier_std(fans: tuple[int, int], gain: float = 1.0) -> float:
    return gain * math.sqrt(2.0 / (fans[0] + fans[1]))


def _xavier_uniform_laws(shape: Shape, gain: float = 1.0) -> list[Law]:
    return [symmetric_law(_xavier_bound(_fans(shape), gain))]


def _xavier_normal_laws(shape: Shape, gain: float = 1.0) -> list[Law]:
    return [normal_law(0.0, _xavier_std(_fans(shape), gain))]


def _he_uniform_laws(shape: Shape) -> list[Law]:
    return [symmetric_law(math.sqrt(6.0 / _fans(shape)[0]))]


def _he_normal_laws(shape: Shape) -> list[Law]:
    return [normal_law(0.0, math.sqrt(2.0 / _fans(shape)[0]))]


_METHOD_LAWS: dict[str, Callable[[Shape], list[Law]]] = {
    "normal": _normal_laws,
    "uniform": _uniform_laws,
    "xavier_uniform": _xavier_uniform_laws,
    "xavier_normal": _xavier_normal_laws,
    "he_uniform": _he_uniform_laws,
    "he_normal": _he_normal_laws,
}


def _layer_shapes(layer_sizes: Sequence[int]) -> list[Shape]:
    return [(n_out, n_in) for n_in, n_out in itertools.pairwise(layer_sizes)]


def _network_laws(layer_sizes: Sequence[int], method: str = "xavier_uniform") -> list[Law]:
    return [_METHOD_LAWS[method](shape)[0] for shape in _layer_shapes(layer_sizes)]


def _u_width_mistake(
    bound: Callable[..., float],
) -> Callable[..., list[Law]]:
    """U[0, a) where U[-a, a) was asked."""
    return lambda shape, **kw: [uniform_law(0.0, bound(shape, **kw))]


_NORMAL_MISTAKES = [
    Mistake(
        "the mean argument was ignored (the samples are centred on 0)",
        lambda shape, mean=0.0, std=1.0: [normal_law(0.0, std)],
    ),
    Mistake(
        "the std argument was ignored (the samples have std 1)",
        lambda shape, mean=0.0, std=1.0: [normal_law(mean, 1.0)],
    ),
    Mistake(
        "the variance std² was passed where numpy's normal takes the standard deviation",
        lambda shape, mean=0.0, std=1.0: [normal_law(mean, std**2)],
    ),
    Mistake(
        "std was taken for the variance and its square root passed as the standard deviation",
        lambda shape, mean=0.0, std=1.0: [normal_law(mean, math.sqrt(std))],
    ),
    Mistake(
        "the mean was added before scaling: (z + mean) * std instead of z * std + mean",
        lambda shape, mean=0.0, std=1.0: [normal_law(mean * std, std)],
    ),
    Mistake(
        "a uniform law was drawn where a normal one was asked (the mean and spread are right, "
        "the shape of the distribution is not)",
        lambda shape, mean=0.0, std=1.0: [
            uniform_law(mean - math.sqrt(3.0) * std, mean + math.sqrt(3.0) * std)
        ],
    ),
    Mistake(
        "a uniform law U[mean - std, mean + std) was drawn where a normal one was asked",
        lambda shape, mean=0.0, std=1.0: [uniform_law(mean - std, mean + std)],
    ),
]

_UNIFORM_MISTAKES = [
    Mistake(
        "low and high were ignored: U[0, 1) was drawn",
        lambda shape, low=0.0, high=1.0: [uniform_law(0.0, 1.0)],
    ),
    Mistake(
        "the width high - low was left out: low + r lands in [low, low + 1)",
        lambda shape, low=0.0, high=1.0: [uniform_law(low, low + 1.0)],
    ),
    Mistake(
        "high was used as the width: low + high * r lands in [low, low + high)",
        lambda shape, low=0.0, high=1.0: [uniform_law(low, low + high)],
    ),
    Mistake(
        "low and high were swapped in the width: low + (low - high) * r lands in "
        "(2 low - high, low]",
        lambda shape, low=0.0, high=1.0: [uniform_law(2 * low - high, low)],
    ),
    Mistake(
        "the scaled samples were not shifted by low: (high - low) * r lands in [0, high - low)",
        lambda shape, low=0.0, high=1.0: [uniform_law(0.0, high - low)],
    ),
    Mistake(
        "a normal law was drawn where a uniform one was asked (the mean and spread are right, "
        "the support and shape are not)",
        lambda shape, low=0.0, high=1.0: [
            normal_law((low + high) / 2, (high - low) / math.sqrt(12.0))
        ],
    ),
    Mistake(
        "rng.normal(low, high) was called instead of rng.uniform(low, high)",
        lambda shape, low=0.0, high=1.0: [normal_law(low, high)],
    ),
]


def _xu_bound(shape: Shape, gain: float = 1.0) -> float:
    return _xavier_bound(_fans(shape), gain)


_XAVIER_UNIFORM_MISTAKES = [
    Mistake(
        "the gain was ignored: a = √(6 / (fan_in + fan_out)) without the factor gain",
        lambda shape, gain=1.0: [symmetric_law(_xavier_bound(_fans(shape), _ignored_gain(gain)))],
    ),
    Mistake(
        "the receptive field was forgotten: for a kernel (out, in, *k) both fans are "
        "multiplied by prod(k)",
        lambda shape, gain=1.0: [symmetric_law(_xavier_bound(_raw_fans(shape), gain))],
    ),
    Mistake(
        "U[0, a) was drawn instead of U[-a, a)",
        _u_width_mistake(_xu_bound),
    ),
    Mistake(
        "the Xavier normal std gain * √(2 / (fan_in + fan_out)) was used as the bound a",
        lambda shape, gain=1.0: [symmetric_law(_xavier_std(_fans(shape), gain))],
    ),
    Mistake(
        "only fan_in was used: a = gain * √(6 / fan_in) (He's bound, not Xavier's)",
        lambda shape, gain=1.0: [symmetric_law(gain * math.sqrt(6.0 / _fans(shape)[0]))],
    ),
    Mistake(
        "only fan_in was used, as the average fan: a = gain * √(3 / fan_in)",
        lambda shape, gain=1.0: [symmetric_law(gain * math.sqrt(3.0 / _fans(shape)[0]))],
    ),
    Mistake(
        "only fan_out was used: a = gain * √(6 / fan_out)",
        lambda shape, gain=1.0: [symmetric_law(gain * math.sqrt(6.0 / _fans(shape)[1]))],
    ),
    Mistake(
        "the square root covers only the 6: a = gain * √6 / (fan_in + fan_out)",
        lambda shape, gain=1.0: [symmetric_law(gain * math.sqrt(6.0) / sum(_fans(shape)))],
    ),
    Mistake(
        "the Xavier bound was used as the std of a normal law: N(0, a²) instead of U[-a, a)",
        lambda shape, gain=1.0: [normal_law(0.0, _xu_bound(shape, gain))],
    ),
    Mistake(
        "a normal law was drawn where a uniform one was asked (the Xavier normal law "
        "N(0, s²), with the right variance but the wrong shape and support)",
        lambda shape, gain=1.0: [normal_law(0.0, _xavier_std(_fans(shape), gain))],
    ),
]

_XAVIER_NORMAL_MISTAKES = [
    Mistake(
        "the variance s² = gain² * 2 / (fan_in + fan_out) was passed as the std s",
        lambda shape, gain=1.0: [normal_law(0.0, _xavier_std(_fans(shape), gain) ** 2)],
    ),
    Mistake(
        "the Xavier bound a = gain * √(6 / (fan_in + fan_out)) of the uniform law was used as "
        "the std (it is √3 times too large)",
        lambda shape, gain=1.0: [normal_law(0.0, _xu_bound(shape, gain))],
    ),
    Mistake(
        "the gain was ignored: s = √(2 / (fan_in + fan_out)) without the factor gain",
        lambda shape, gain=1.0: [normal_law(0.0, _xavier_std(_fans(shape), _ignored_gain(gain)))],
    ),
    Mistake(
        "the receptive field was forgotten: for a kernel (out, in, *k) both fans are "
        "multiplied by prod(k)",
        lambda shape, gain=1.0: [normal_law(0.0, _xavier_std(_raw_fans(shape), gain))],
    ),
    Mistake(
        "only fan_in was used: s = gain * √(2 / fan_in) (He's std, not Xavier's)",
        lambda shape, gain=1.0: [normal_law(0.0, gain * math.sqrt(2.0 / _fans(shape)[0]))],
    ),
    Mistake(
        "only fan_in was used, as the average fan: s = gain * √(1 / fan_in)",
        lambda shape, gain=1.0: [normal_law(0.0, gain * math.sqrt(1.0 / _fans(shape)[0]))],
    ),
    Mistake(
        "only fan_out was used: s = gain * √(2 / fan_out)",
        lambda shape, gain=1.0: [normal_law(0.0, gain * math.sqrt(2.0 / _fans(shape)[1]))],
    ),
    Mistake(
        "the 2 was left out: s = gain * √(1 / (fan_in + fan_out))",
        lambda shape, gain=1.0: [normal_law(0.0, gain * math.sqrt(1.0 / sum(_fans(shape))))],
    ),
    Mistake(
        "a uniform law was drawn where a normal one was asked (Xavier uniform U[-a, a): the "
        "variance is right, the shape of the distribution is not)",
        lambda shape, gain=1.0: [symmetric_law(_xu_bound(shape, gain))],
    ),
    Mistake(
        "a uniform law U[-s, s) was drawn where the normal N(0, s²) was asked",
        lambda shape, gain=1.0: [symmetric_law(_xavier_std(_fans(shape), gain))],
    ),
]


def _hu_bound(shape: Shape) -> float:
    return math.sqrt(6.0 / _fans(shape)[0])


def _hn_std(shape: Shape) -> float:
    return math.sqrt(2.0 / _fans(shape)[0])


_HE_UNIFORM_MISTAKES = [
    Mistake(
        "fan_out is used where He uses fan_in: a = √(6 / fan_out)",
        lambda shape: [symmetric_law(math.sqrt(6.0 / _fans(shape)[1]))],
    ),
    Mistake(
        "the 2 of He was forgotten (the ReLU gain √2 left out): a = √(3 / fan_in)",
        lambda shape: [symmetric_law(math.sqrt(3.0 / _fans(shape)[0]))],
    ),
    Mistake(
        "the receptive field was forgotten: for a kernel (out, in, *k) fan_in is in * prod(k)",
        lambda shape: [symmetric_law(math.sqrt(6.0 / _raw_fans(shape)[0]))],
    ),
    Mistake(
        "the Xavier bound √(6 / (fan_in + fan_out)) was used; He uses √(6 / fan_in)",
        lambda shape: [symmetric_law(_xavier_bound(_fans(shape)))],
    ),
    Mistake("U[0, a) was drawn instead of U[-a, a)", _u_width_mistake(_hu_bound)),
    Mistake(
        "the He normal std √(2 / fan_in) was used as the bound a",
        lambda shape: [symmetric_law(_hn_std(shape))],
    ),
    Mistake(
        "a normal law was drawn where a uniform one was asked (He normal N(0, 2 / fan_in): the "
        "variance is right, the support and shape are not)",
        lambda shape: [normal_law(0.0, _hn_std(shape))],
    ),
    Mistake(
        "the He bound was used as the std of a normal law: N(0, a²) instead of U[-a, a)",
        lambda shape: [normal_law(0.0, _hu_bound(shape))],
    ),
]

_HE_NORMAL_MISTAKES = [
    Mistake(
        "fan_out is used where He uses fan_in: s = √(2 / fan_out)",
        lambda shape: [normal_law(0.0, math.sqrt(2.0 / _fans(shape)[1]))],
    ),
    Mistake(
        "the 2 of He was forgotten (the ReLU gain √2 left out): s = √(1 / fan_in)",
        lambda shape: [normal_law(0.0, math.sqrt(1.0 / _fans(shape)[0]))],
    ),
    Mistake(
        "the variance 2 / fan_in was passed as the std s = √(2 / fan_in)",
        lambda shape: [normal_law(0.0, 2.0 / _fans(shape)[0])],
    ),
    Mistake(
        "the receptive field was forgotten: for a kernel (out, in, *k) fan_in is in * prod(k)",
        lambda shape: [normal_law(0.0, math.sqrt(2.0 / _raw_fans(shape)[0]))],
    ),
    Mistake(
        "the He uniform bound √(6 / fan_in) was used as the std (it is √3 times too large)",
        lambda shape: [normal_law(0.0, _hu_bound(shape))],
    ),
    Mistake(
        "the Xavier std √(2 / (fan_in + fan_out)) was used; He uses √(2 / fan_in)",
        lambda shape: [normal_law(0.0, _xavier_std(_fans(shape)))],
    ),
    Mistake(
        "a uniform law was drawn where a normal one was asked (He uniform U[-a, a): the "
        "variance is right, the shape of the distribution is not)",
        lambda shape: [symmetric_law(_hu_bound(shape))],
    ),
    Mistake(
        "a uniform law U[-s, s) was drawn where the normal N(0, s²) was asked",
        lambda shape: [symmetric_law(_hn_std(shape))],
    ),
]


def _transposed_laws(layer_sizes: Sequence[int], method: str = "xavier_uniform") -> list[Law]:
    return [_METHOD_LAWS[method](shape[::-1])[0] for shape in _layer_shapes(layer_sizes)]


def _network_default_method(layer_sizes: Any, rng: Any, method: str = "xavier_uniform") -> Any:
    """What init_network draws when it ignores ``method`` (on the same generator)."""
    return ref.init_network(layer_sizes, rng)


_NETWORK_MISTAKES = [
    Mistake(
        "the method argument was ignored: every layer was drawn with the default xavier_uniform",
        lambda layer_sizes, method="xavier_uniform": _network_laws(layer_sizes),
    ),
    Mistake(
        "each W was drawn for the shape (n_l, n_{l+1}) and then transposed, so its fan_in and "
        "fan_out are swapped: W has shape (n_{l+1}, n_l), fan_in = n_l",
        _transposed_laws,
    ),
    Mistake(
        "the method argument was ignored: every layer was drawn with he_normal",
        lambda layer_sizes, method="xavier_uniform": _network_laws(layer_sizes, "he_normal"),
    ),
]

# ---------------------------------------------------------------------------------------------
# The samples (trials)
# ---------------------------------------------------------------------------------------------
#
# A correct sampler fails one check of a MomentLaw with probability at most 2.5e-10 on these
# samples (the smallest is the 4-D kernel, N = 64*16*3*3 = 9216; the others have N = 25000, and
# 30000 and 15000 for the layers of the network samples). A grade runs 120 such checks on a
# correct submission: 3 samples for each of the six random functions, with 3 checks (mean,
# spread, shape) for a normal law and 5 (two ends, mean, spread, shape; "a sample outside the
# support" never happens) for a uniform one, i.e. 9 + 15 + 15 + 9 + 15 + 9 = 72, plus
# init_network's 6 methods x 2 layers, 48. So a correct submission loses points with probability
# below 120 x 2.5e-10 = 3e-8 < 1e-6 per grade (the CLT estimate is 120 x 2.6e-12 = 3e-10).
#
# The mistakes are far outside these bands: on (250, 100) a He fan swap changes the std by
# sqrt(2.5) (the band is +-3.1 % at N = 25000), forgetting the 2 of He by sqrt(2), the receptive
# field of the 4-D kernel by 3 (band +-5.2 % at N = 9216).

_WIDE = (
    250,
    100,
)  # fan_in = 100, fan_out = 250 (a ratio of 3 would make √(6 / fan_out) = √(2 / fan_in))
_TALL = (100, 250)  # fan_in = 250, fan_out = 100
_KERNEL = (64, 16, 3, 3)  # fan_in = 16 * 9 = 144, fan_out = 64 * 9 = 576
_WIDE_LABEL = "a non-square (250, 100) matrix (fan_in = 100, fan_out = 250)"
_TALL_LABEL = "a non-square (100, 250) matrix (fan_in = 250, fan_out = 100)"
_KERNEL_LABEL = (
    "a conv kernel of shape (64, 16, 3, 3) (fan_in = 16 * 3 * 3 = 144, fan_out = 64 * 3 * 3 = 576)"
)


def _fan_trials(gain: bool) -> list[Trial]:
    """The three samples of a fan-based initialiser (gain != 1 where there is a gain)."""
    if gain:
        return [
            Trial(f"{_WIDE_LABEL}, gain=2.0", (_WIDE,), {"gain": 2.0}, seed=11),
            Trial(f"{_KERNEL_LABEL}, gain=0.5", (_KERNEL,), {"gain": 0.5}, seed=12),
            Trial(f"{_TALL_LABEL}, default gain", (_TALL,), {}, seed=13),
        ]
    return [
        Trial(_WIDE_LABEL, (_WIDE,), seed=11),
        Trial(_KERNEL_LABEL, (_KERNEL,), seed=12),
        Trial(_TALL_LABEL, (_TALL,), seed=13),
    ]


_NORMAL_TRIALS = [
    Trial(
        "a non-square (250, 100) shape, mean=2.5, std=0.5",
        (_WIDE,),
        {"mean": 2.5, "std": 0.5},
        seed=21,
    ),
    Trial(
        "a 4-D (64, 16, 3, 3) shape, int arguments mean=-1, std=3",
        (_KERNEL,),
        {"mean": -1, "std": 3},
        seed=22,
    ),
    Trial("a non-square (100, 250) shape, default mean and std", (_TALL,), {}, seed=23),
]

_UNIFORM_TRIALS = [
    Trial(
        "a non-square (250, 100) shape, low=-2.0, high=3.0",
        (_WIDE,),
        {"low": -2.0, "high": 3.0},
        seed=31,
    ),
    Trial(
        "a 4-D (64, 16, 3, 3) shape, low=1.5, high=2.0",
        (_KERNEL,),
        {"low": 1.5, "high": 2.0},
        seed=32,
    ),
    Trial("a non-square (100, 250) shape, default low and high", (_TALL,), {}, seed=33),
]

_NET = [100, 300, 50]  # W1 (300, 100): fan_in 100, fan_out 300; W2 (50, 300): 300 and 50
_NET_LABEL = "layer_sizes [100, 300, 50] (W1 (300, 100), W2 (50, 300))"
_NETWORK_TRIALS = [
    Trial(f'{_NET_LABEL}, method="he_normal"', (_NET,), {"method": "he_normal"}, seed=41),
    Trial(f"{_NET_LABEL}, default method (xavier_uniform)", (_NET,), {}, seed=42),
    Trial(f'{_NET_LABEL}, method="he_uniform"', (_NET,), {"method": "he_uniform"}, seed=43),
    Trial(f'{_NET_LABEL}, method="normal"', (_NET,), {"method": "normal"}, seed=44),
    Trial(f'{_NET_LABEL}, method="xavier_normal"', (_NET,), {"method": "xavier_normal"}, seed=45),
    Trial(f'{_NET_LABEL}, method="uniform"', (_NET,), {"method": "uniform"}, seed=46),
]


def _rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def _rng_properties(
    make_call: Callable[[np.random.Generator], tuple[Args, Kwargs]],
) -> list[Property]:
    """Same seed, same numbers; other seeds, other numbers; np.random's global state untouched."""
    return [Reproducible(make_call), Random(make_call), GlobalRngUntouched(make_call)]


# ---------------------------------------------------------------------------------------------
# fan_in_and_fan_out, zeros, ones, constant: compared with the reference
# ---------------------------------------------------------------------------------------------


def _fans_swapped(shape: Shape) -> tuple[int, int]:
    fan_in, fan_out = ref.fan_in_and_fan_out(shape)
    return fan_out, fan_in


def _fans_no_receptive_field(shape: Shape) -> tuple[int, int]:
    return int(shape[1]), int(shape[0])


def _fans_no_receptive_field_swapped(shape: Shape) -> tuple[int, int]:
    return int(shape[0]), int(shape[1])


def _fans_receptive_field_in_only(shape: Shape) -> tuple[int, int]:
    return ref.fan_in_and_fan_out(shape)[0], int(shape[0])


def _fans_receptive_field_out_only(shape: Shape) -> tuple[int, int]:
    return int(shape[1]), ref.fan_in_and_fan_out(shape)[1]


def _fans_total(shape: Shape) -> tuple[int, int]:
    return ref.fan_in_and_fan_out(shape)[0], math.prod(shape)


_FAN_MISTAKES = [
    Misconception(
        "fan_in and fan_out are swapped (the Keras (in, out) layout): here a weight matrix is "
        "(out, in), as in torch.nn.Linear, so fan_in = shape[1] and fan_out = shape[0]",
        _fans_swapped,
    ),
    Misconception(
        "the receptive field was forgotten: for a kernel (out, in, *k) both fans are "
        "multiplied by prod(k)",
        _fans_no_receptive_field,
    ),
    Misconception(
        "the receptive field was forgotten and fan_in and fan_out are swapped",
        _fans_no_receptive_field_swapped,
    ),
    Misconception(
        "the receptive field was counted in fan_in only; fan_out = out * prod(k) too",
        _fans_receptive_field_in_only,
    ),
    Misconception(
        "the receptive field was counted in fan_out only; fan_in = in * prod(k) too",
        _fans_receptive_field_out_only,
    ),
    Misconception(
        "fan_out was taken as the total number of weights; it is out * prod(k)",
        _fans_total,
    ),
]


def _constant_of(value: float) -> Callable[..., Array]:
    return lambda shape, *rest: np.full(shape, value, dtype=np.float64)


def _constant_truncated(shape: Shape, value: float) -> Array:
    return np.full(shape, float(int(value)), dtype=np.float64)


def _fan_shape_calls() -> st.SearchStrategy[Call]:
    """Shapes of 2 to 4 dimensions, sides 1 to 6 (square and not)."""
    return calls(shapes(min_dims=2, max_dims=4, max_side=6))


def _plain_shape_calls() -> st.SearchStrategy[Call]:
    """Shapes of 1 to 3 dimensions, sides 1 to 5."""
    return calls(shapes(min_dims=1, max_dims=3, max_side=5))


def _constant_calls() -> st.SearchStrategy[Call]:
    """A shape and a float or int value."""
    value = st.one_of(floats(-10.0, 10.0), st.integers(-10, 10))
    return calls(shapes(min_dims=1, max_dims=3, max_side=5), value)


_SHAPE_EXAMPLES = [
    Example("a non-square (2, 3) shape", ((2, 3),)),
    Example("a square (3, 3) shape", ((3, 3),)),
    Example("a batch of one, (1, 4)", ((1, 4),)),
    Example("a 1-D (5,) shape", ((5,),)),
    Example("a 3-D (2, 3, 4) shape", ((2, 3, 4),)),
    Example("a 4-D conv kernel (4, 2, 3, 3)", ((4, 2, 3, 3),)),
]

_FAN_EXAMPLES = [
    Example("a non-square (4, 3) matrix", ((4, 3),)),
    Example("a non-square (300, 100) matrix", ((300, 100),)),
    Example("a non-square (2, 5) matrix (more inputs than outputs)", ((2, 5),)),
    Example("a square (3, 3) matrix", ((3, 3),)),
    Example("one output, (1, 7)", ((1, 7),)),
    Example("one input, (6, 1)", ((6, 1),)),
    Example("a 4-D conv kernel (8, 2, 3, 3)", ((8, 2, 3, 3),)),
    Example("a 4-D conv kernel (64, 16, 3, 3)", ((64, 16, 3, 3),)),
    Example("a 3-D kernel (5, 4, 2)", ((5, 4, 2),)),
    Example("a 4-D kernel with 1 x 1 taps (2, 3, 1, 1)", ((2, 3, 1, 1),)),
    Example("a 5-D kernel (2, 3, 2, 2, 2)", ((2, 3, 2, 2, 2),)),
]

_CONSTANT_EXAMPLES = [
    Example("a non-square (2, 3) shape, value 0.5", ((2, 3), 0.5)),
    Example("a square (3, 3) shape, value -2.5", ((3, 3), -2.5)),
    Example("an int value 3", ((2, 3), 3)),
    Example("an int value 0, a batch of one (1, 4)", ((1, 4), 0)),
    Example("a 1-D (5,) shape, value 1e3", ((5,), 1e3)),
    Example("a 3-D (2, 3, 4) shape, int value -7", ((2, 3, 4), -7)),
    Example("a numpy float64 value 1.75", ((4, 2), np.float64(1.75))),
]

# ---------------------------------------------------------------------------------------------
# init_network: values with the deterministic methods, distribution with the random ones
# ---------------------------------------------------------------------------------------------


def _network_biases_ones(layer_sizes: list[int], rng: Any, method: str = "xavier_uniform") -> Any:
    return [(W, np.ones_like(b)) for W, b in ref.init_network(layer_sizes, rng, method)]


@st.composite
def _network_calls(draw: st.DrawFn) -> Call:
    """2 to 4 layer sizes of 1 to 6 (list or tuple), a seeded rng, method zeros or ones."""
    sizes = draw(st.lists(st.integers(1, 6), min_size=2, max_size=4))
    layer_sizes = tuple(sizes) if draw(st.booleans()) else sizes
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    method = draw(st.sampled_from(["zeros", "ones"]))
    return (layer_sizes, rng), {"method": method}


_NETWORK_EXAMPLES = [
    Example('layer_sizes [5, 3, 4], method="zeros"', ([5, 3, 4], _rng(0)), {"method": "zeros"}),
    Example('layer_sizes [5, 3, 4], method="ones"', ([5, 3, 4], _rng(1)), {"method": "ones"}),
    Example(
        'square layers [3, 3, 3] given as a tuple, method="ones"',
        ((3, 3, 3), _rng(2)),
        {"method": "ones"},
    ),
    Example('one layer, [2, 6], method="zeros"', ([2, 6], _rng(3)), {"method": "zeros"}),
    Example(
        'four layers [4, 1, 5, 2, 3], method="ones"',
        ([4, 1, 5, 2, 3], _rng(4)),
        {"method": "ones"},
    ),
    Example('one-neuron layers [1, 1], method="ones"', ([1, 1], _rng(5)), {"method": "ones"}),
]


def _keywords(kwargs: Kwargs) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in kwargs.items()) or "default arguments"


def _random_examples(wide: Kwargs, other: Kwargs, any_dims: bool) -> list[Example]:
    """Plain calls of a random function: non-square first (the input of ``returns``)."""
    examples = [
        Example(f"a non-square (3, 5) shape, {_keywords(wide)}", ((3, 5), _rng(0)), wide),
        Example("a non-square (4, 2) shape, default arguments", ((4, 2), _rng(1))),
        Example(f"a square (3, 3) shape, {_keywords(other)}", ((3, 3), _rng(2)), other),
        Example(f"a batch of one, (1, 4), {_keywords(wide)}", ((1, 4), _rng(3)), wide),
        Example(
            f"a 4-D conv kernel (4, 2, 3, 3), {_keywords(other)}", ((4, 2, 3, 3), _rng(4)), other
        ),
    ]
    if any_dims:
        examples.append(Example(f"a 1-D (6,) shape, {_keywords(wide)}", ((6,), _rng(5)), wide))
        examples.append(
            Example(f"a 3-D (2, 3, 4) shape, {_keywords(other)}", ((2, 3, 4), _rng(6)), other)
        )
    return examples


def _fewer_than_two_dims(name: str, kwargs: Kwargs | None = None) -> list[BadCall]:
    return [
        BadCall(
            f"the 1-D shape (5,): {name} needs fan_in and fan_out",
            ((5,), _rng()),
            ValueError,
            kwargs or {},
        ),
    ]


SPECS = [
    FunctionSpec(
        "fan_in_and_fan_out",
        points=2,
        calls=_fan_shape_calls(),
        examples=_FAN_EXAMPLES,
        bad_calls=[
            BadCall("the 1-D shape (5,)", ((5,),), ValueError),
            BadCall("the empty shape ()", ((),), ValueError),
        ],
        misconceptions=_FAN_MISTAKES,
    ),
    FunctionSpec(
        "zeros",
        points=1,
        calls=_plain_shape_calls(),
        examples=_SHAPE_EXAMPLES,
        misconceptions=[Misconception("ones were returned instead of zeros", _constant_of(1.0))],
    ),
    FunctionSpec(
        "ones",
        points=1,
        calls=_plain_shape_calls(),
        examples=_SHAPE_EXAMPLES,
        misconceptions=[Misconception("zeros were returned instead of ones", _constant_of(0.0))],
    ),
    FunctionSpec(
        "constant",
        points=1,
        calls=_constant_calls(),
        examples=_CONSTANT_EXAMPLES,
        misconceptions=[
            Misconception("the value was ignored and zeros returned", _constant_of(0.0)),
            Misconception("the value was ignored and ones returned", _constant_of(1.0)),
            Misconception(
                "the value was truncated to an int; every entry is float(value)",
                _constant_truncated,
            ),
        ],
    ),
    FunctionSpec(
        "normal",
        points=2,
        examples=_random_examples({"mean": 2.0, "std": 0.5}, {"mean": -1, "std": 3}, True),
        bad_calls=[
            BadCall("std = -1.0 (std < 0)", ((3, 2), _rng()), ValueError, {"std": -1.0}),
            BadCall(
                "std = -0.5 with mean = 2.0", ((4,), _rng()), ValueError, {"mean": 2.0, "std": -0.5}
            ),
        ],
        compare_values=False,
        extra=[
            Distribution(_NORMAL_TRIALS, _normal_laws, _NORMAL_MISTAKES),
            *_rng_properties(lambda rng: (((4, 3), rng), {"mean": 1.0, "std": 2.0})),
        ],
    ),
    FunctionSpec(
        "uniform",
        points=2,
        examples=_random_examples({"low": -1.0, "high": 2.0}, {"low": 1, "high": 4}, True),
        bad_calls=[
            BadCall("low == high == 1.0", ((3, 2), _rng()), ValueError, {"low": 1.0, "high": 1.0}),
            BadCall(
                "low = 2.0 > high = 1.0", ((3, 2), _rng()), ValueError, {"low": 2.0, "high": 1.0}
            ),
            BadCall("low == high == 0 (ints)", ((4,), _rng()), ValueError, {"low": 0, "high": 0}),
        ],
        compare_values=False,
        extra=[
            Distribution(_UNIFORM_TRIALS, _uniform_laws, _UNIFORM_MISTAKES),
            *_rng_properties(lambda rng: (((4, 3), rng), {"low": -1.0, "high": 2.0})),
        ],
    ),
    FunctionSpec(
        "xavier_uniform",
        points=2,
        examples=_random_examples({"gain": 2.0}, {"gain": 0.5}, False),
        bad_calls=_fewer_than_two_dims("xavier_uniform"),
        compare_values=False,
        extra=[
            Distribution(_fan_trials(gain=True), _xavier_uniform_laws, _XAVIER_UNIFORM_MISTAKES),
            *_rng_properties(lambda rng: (((4, 3), rng), {"gain": 2.0})),
        ],
    ),
    FunctionSpec(
        "xavier_normal",
        points=2,
        examples=_random_examples({"gain": 2.0}, {"gain": 0.5}, False),
        bad_calls=_fewer_than_two_dims("xavier_normal"),
        compare_values=False,
        extra=[
            Distribution(_fan_trials(gain=True), _xavier_normal_laws, _XAVIER_NORMAL_MISTAKES),
            *_rng_properties(lambda rng: (((4, 3), rng), {"gain": 2.0})),
        ],
    ),
    FunctionSpec(
        "he_uniform",
        points=2,
        examples=_random_examples({}, {}, False),
        bad_calls=_fewer_than_two_dims("he_uniform"),
        compare_values=False,
        extra=[
            Distribution(_fan_trials(gain=False), _he_uniform_laws, _HE_UNIFORM_MISTAKES),
            *_rng_properties(lambda rng: (((4, 3), rng), {})),
        ],
    ),
    FunctionSpec(
        "he_normal",
        points=2,
        examples=_random_examples({}, {}, False),
        bad_calls=_fewer_than_two_dims("he_normal"),
        compare_values=False,
        extra=[
            Distribution(_fan_trials(gain=False), _he_normal_laws, _HE_NORMAL_MISTAKES),
            *_rng_properties(lambda rng: (((4, 3), rng), {})),
        ],
    ),
    FunctionSpec(
        "init_network",
        points=3,
        calls=_network_calls(),
        examples=_NETWORK_EXAMPLES,
        bad_calls=[
            BadCall(
                'the unknown method "glorot"', ([3, 2], _rng()), ValueError, {"method": "glorot"}
            ),
            BadCall(
                'the method "constant" (it needs a value, so it is not a method)',
                ([3, 2], _rng()),
                ValueError,
                {"method": "constant"},
            ),
            BadCall("one layer size, [4]", ([4], _rng()), ValueError),
            BadCall("no layer sizes, []", ([], _rng()), ValueError),
        ],
        misconceptions=[
            Misconception(
                "the biases were set to ones; biases start at zeros", _network_biases_ones
            ),
            Misconception(_NETWORK_MISTAKES[0].description, _network_default_method),
        ],
        extra=[
            NetworkDistribution(_NETWORK_TRIALS, _network_laws, _NETWORK_MISTAKES),
            *_rng_properties(lambda rng: (([4, 3, 2], rng), {"method": "he_normal"})),
        ],
    ),
]
