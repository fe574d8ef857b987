"""Statistical checks for random functions: does a large sample plausibly follow its law.

Two correct samplers draw different numbers from the same seed, so a random function cannot be
compared with the reference. It is graded on what its law promises instead: a :class:`Law`
judges one sampled array, with bounds that a correct sampler misses only with a stated, tiny
probability (worked out beside each bound below), and :class:`Distribution` is the property that
draws the samples through the seam, judges them and names the known :class:`Mistake` whose law
a wrong sample follows.

Two laws are provided:

- :class:`MomentLaw` (``normal_law``, ``uniform_law``, ``symmetric_law``): a normal or uniform
  law judged on the sample's support, mean, spread and shape, each within :data:`Z` standard
  errors;
- :class:`HoeffdingUniform`: ``U[-a, a)`` judged with distribution-free bounds (no entry beyond
  ``a``, the entries fill the interval, centred, the right root mean square), each missed with
  probability at most its ``delta``.

A grader adds up how many checks one grade runs and states the per-grade false-alarm
probability (a union bound) beside its trials.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from neurograde.codes import Code
from neurograde.grading.calls import Args, Kwargs
from neurograde.grading.compare import Tolerance, compare
from neurograde.grading.properties import Context, Property
from neurograde.grading.results import Outcome
from neurograde.isolation.seam import LearnerRaised

__all__ = [
    "FLOAT_SLACK",
    "REACH",
    "WITHIN_ONE_STD",
    "Distribution",
    "HoeffdingUniform",
    "Law",
    "LawsOf",
    "Mistake",
    "MomentLaw",
    "Problem",
    "Trial",
    "Z",
    "normal_law",
    "summary",
    "symmetric_law",
    "uniform_law",
]

Array = NDArray[np.float64]

# ---------------------------------------------------------------------------------------------
# The bounds of MomentLaw, and the probability that a correct sampler misses each of them
# ---------------------------------------------------------------------------------------------
#
# Every statistic is accepted within Z = 7 standard errors of its target. A correct sampler
# fails one such check with probability at most 2.5e-10 (worked out below, without
# approximations) for any sample of N >= 9216 draws (the CLT estimate is 2.6e-12).
#
# - Sample mean of N iid draws: standard error sigma / sqrt(N). For a normal law the sample mean
#   is exactly normal, so P(|z| > 7) = 2.6e-12; a uniform law is strictly sub-Gaussian (variance
#   proxy sigma^2), so P <= 2 exp(-7^2 / 2) = 4.6e-11.
# - Sample variance s^2 (around the sample mean): standard error sqrt((mu4 - sigma^4) / N), with
#   the fourth central moment mu4 = 3 sigma^4 for the normal (se = sigma^2 sqrt(2 / N)) and
#   mu4 = a^4 / 5 = 9 sigma^4 / 5 for U[-a, a) (sigma^2 = a^2 / 3, so mu4 - sigma^4 = 4 a^4 / 45 =
#   0.8 sigma^4 and se = sigma^2 sqrt(0.8 / N)). Two-sided CLT tail at 7 se: 2.6e-12. Rigorous
#   bounds: for the normal, X = (N-1) s^2 / sigma^2 is chi^2(k), k = N - 1, and Laurent-Massart's
#   P(X - k >= 2 sqrt(kx) + 2x) <= e^-x, P(k - X >= 2 sqrt(kx)) <= e^-x give, at 7 se =
#   7 sqrt(2k), x = 22.2 above (2.3e-10) and x = 24.5 below (2.3e-11) for k = 9215; for the
#   uniform, Y = (x - mu)^2 lies in [0, a^2] (|Y - EY| <= 2 sigma^2), and Bernstein's
#   P(|Ybar - EY| >= t) <= 2 exp(-N t^2 / (2 (v + R t / 3))) with v = 0.8 sigma^4, R = 2 sigma^2,
#   t = 7 sqrt(v / N) gives 2 exp(-24.5 / (1 + 5.22 / sqrt(N))) = 2 exp(-23.2) = 1.6e-10 at
#   N = 9216. (Centring on the sample mean moves s^2 by (xbar - mu)^2 <= 49 sigma^2 / N, 0.5 %
#   of the band at N = 9216.) The band on s is about +-5.2 % at N = 9216, +-3.1 % at N = 25000.
# - Share of samples within one sigma of the mean (the shape of the law): binomial with
#   p = erf(1 / sqrt 2) = 0.6827 (normal) or 1 / sqrt 3 = 0.5774 (uniform), standard error
#   sqrt(p (1 - p) / N). CLT: 2.6e-12; Bernstein (v = p (1 - p) >= 0.2166, R <= 0.69):
#   2 exp(-24.5 / (1 + 0.69 * 7 / (3 sqrt(0.2166 N)))) = 2 exp(-23.6) = 1.1e-10 at N = 9216. The
#   two laws are 0.105 apart, 21 standard errors at N = 9216, so a normal drawn for a uniform (or
#   the converse) with the right mean and variance is still caught.
# - Support of U[low, high): every sample in [low, high] (numpy documents that rounding in
#   low + (high - low) * u may reach high) up to a relative slack of 1e-6 of the width for learners
#   who compute in float32; and both ends reached: the largest sample is below high - delta * w
#   with probability (1 - delta)^N <= exp(-delta N), so delta = REACH / N with REACH = 23 gives
#   e^-23 = 1.0e-10 per end (P(max < a (1 - d)) = (1 - d / 2)^N for U[-a, a), with d = 2 delta).
Z = 7.0
REACH = 23.0
FLOAT_SLACK = 1e-6
WITHIN_ONE_STD = {"normal": math.erf(1.0 / math.sqrt(2.0)), "uniform": 1.0 / math.sqrt(3.0)}
FOURTH_MOMENT = {"normal": 3.0, "uniform": 9.0 / 5.0}  # mu4 / sigma^4


def _num(value: float) -> str:
    """A number for feedback: 4 significant digits, and no "-0"."""
    text = f"{value:.4g}"
    return "0" if text in ("-0", "0", "-0.0") else text


def summary(sample: Array) -> str:
    """What a sample looks like, for the feedback's "Returned" line.

    Parameters
    ----------
    sample
        The sampled array (any shape; its entries are the draws).

    Returns
    -------
    str
        Its size, mean, standard deviation, extremes and share within one std of its mean.
    """
    x = np.asarray(sample, dtype=np.float64).ravel()
    if x.size == 0:
        return "no samples"
    mean, std = float(x.mean()), float(x.std())
    share = float(np.mean(np.abs(x - mean) < std)) if std > 0 else 1.0
    return (
        f"{x.size} samples with mean {_num(mean)}, std {_num(std)}, smallest "
        f"{_num(float(x.min()))}, largest {_num(float(x.max()))}, {share:.1%} within one std "
        f"of their mean"
    )


class Law(ABC):
    """A law a sampled array must follow: how to judge a sample and how to describe the law."""

    @abstractmethod
    def judge(self, sample: Array) -> str | None:
        """``None`` when ``sample`` is plausibly drawn from this law, else what is off.

        Parameters
        ----------
        sample
            The sampled array; every entry is one draw.

        Returns
        -------
        str or None
            The first statistic that is off, as a clause without a final period.
        """

    @abstractmethod
    def describe(self) -> str:
        """The law and the statistics a correct sample has (the feedback's "Expected" line)."""

    def summarize(self, sample: Array) -> str:
        """What ``sample`` looks like (the feedback's "Returned" line)."""
        return summary(sample)


@dataclass(frozen=True)
class MomentLaw(Law):
    """``N(mean, std²)`` or ``U[low, high)``, judged within :data:`Z` standard errors.

    Build one with :func:`normal_law`, :func:`uniform_law` or :func:`symmetric_law`. A sample is
    judged on its support (uniform laws: every draw inside, both ends reached), its mean, its
    spread and its shape (the share of draws within one std of the mean: 68.3 % for a normal,
    57.7 % for a uniform law), in that order. The bounds hold for samples of 9216 draws or more.

    Parameters
    ----------
    kind
        ``"normal"`` or ``"uniform"``.
    mean, std
        The law's mean and standard deviation (``std = 0``: every draw equals ``mean``).
    low, high
        The support of a uniform law.
    """

    kind: str
    mean: float
    std: float
    low: float = -math.inf
    high: float = math.inf

    def __post_init__(self) -> None:
        if self.kind not in WITHIN_ONE_STD:
            raise ValueError(f"kind must be 'normal' or 'uniform', not {self.kind!r}")

    def __str__(self) -> str:
        if self.kind == "normal":
            return f"N({_num(self.mean)}, {_num(self.std)}²)"
        return f"U[{_num(self.low)}, {_num(self.high)})"

    def describe(self) -> str:
        """The law and the statistics a correct sample has."""
        share = f"{WITHIN_ONE_STD[self.kind]:.1%} of the samples within one std of the mean"
        moments = f"mean {_num(self.mean)}, std {_num(self.std)}"
        if self.kind == "normal":
            return f"samples of {self}: {moments}, {share}"
        return (
            f"samples of {self}: every sample in [{_num(self.low)}, {_num(self.high)}), "
            f"{moments}, {share}"
        )

    def judge(self, sample: Array) -> str | None:
        """Support (uniform laws), mean, spread, shape: the first that is off, or ``None``."""
        x = np.asarray(sample, dtype=np.float64).ravel()
        n = x.size
        if n == 0:
            return None
        smallest, largest = float(x.min()), float(x.max())
        if self.std == 0.0:
            if smallest == largest == self.mean:
                return None
            spread = f"[{_num(smallest)}, {_num(largest)}]"
            return f"the samples range over {spread}; all should be {_num(self.mean)}"
        if self.kind == "uniform":
            problem = self._support(smallest, largest, n)
            if problem is not None:
                return problem
        mean = float(x.mean())
        band = Z * self.std / math.sqrt(n)
        if abs(mean - self.mean) > band:
            return (
                f"the sample mean is {_num(mean)}, expected {_num(self.mean)} (the mean of {n} "
                f"draws of {self} lands within ±{band:.2g} of it)"
            )
        variance = float(np.mean((x - mean) ** 2))
        target = self.std**2
        var_band = Z * target * math.sqrt((FOURTH_MOMENT[self.kind] - 1.0) / n)
        if abs(variance - target) > var_band:
            low = math.sqrt(max(target - var_band, 0.0))
            high = math.sqrt(target + var_band)
            return (
                f"the sample standard deviation is {_num(math.sqrt(variance))}, expected "
                f"{_num(self.std)} (the std of {n} draws of {self} lands in [{_num(low)}, "
                f"{_num(high)}])"
            )
        share = float(np.mean(np.abs(x - self.mean) < self.std))
        p = WITHIN_ONE_STD[self.kind]
        share_band = Z * math.sqrt(p * (1.0 - p) / n)
        if abs(share - p) > share_band:
            return (
                f"the shape of the distribution is wrong: {share:.1%} of the samples lie within "
                f"one standard deviation of the mean, where {self} has {p:.1%} (a normal law has "
                f"{WITHIN_ONE_STD['normal']:.1%}, a uniform one {WITHIN_ONE_STD['uniform']:.1%})"
            )
        return None

    def _support(self, smallest: float, largest: float, n: int) -> str | None:
        """Every draw inside ``[low, high]`` and both ends reached, or what is off."""
        width = self.high - self.low
        slack = FLOAT_SLACK * width
        support = f"the support [{_num(self.low)}, {_num(self.high)})"
        if smallest < self.low - slack:
            return f"a sample is {_num(smallest)}, below the lower end of {support}"
        if largest > self.high + slack:
            return f"a sample is {_num(largest)}, above the upper end of {support}"
        reach = REACH / n * width
        if smallest > self.low + reach:
            return (
                f"no sample comes near the lower end of {support}: the smallest is "
                f"{_num(smallest)}, while {n} draws of {self} go below {_num(self.low + reach)} "
                f"(except with probability 1e-10)"
            )
        if largest < self.high - reach:
            return (
                f"no sample comes near the upper end of {support}: the largest is "
                f"{_num(largest)}, while {n} draws of {self} go above {_num(self.high - reach)} "
                f"(except with probability 1e-10)"
            )
        return None


def normal_law(mean: float, std: float) -> MomentLaw:
    """``N(mean, std²)`` (a negative ``std`` counts as its absolute value)."""
    return MomentLaw("normal", float(mean), abs(float(std)))


def uniform_law(low: float, high: float) -> MomentLaw:
    """``U[low, high)``; ``low < high``, else ``ValueError`` (a mistake that does not apply)."""
    low, high = float(low), float(high)
    if not low < high:
        raise ValueError(f"U[{low}, {high}) is not a uniform law: low must be below high")
    return MomentLaw("uniform", (low + high) / 2.0, (high - low) / math.sqrt(12.0), low, high)


def symmetric_law(bound: float) -> MomentLaw:
    """``U[-bound, bound)``."""
    return uniform_law(-bound, bound)


# ---------------------------------------------------------------------------------------------
# The bounds of HoeffdingUniform, and the probability that a correct sampler misses each of them
# ---------------------------------------------------------------------------------------------
#
# For N entries drawn from U[-a, a), each check below fails a correct sampler with probability at
# most delta, whatever N (no normal approximation):
# - no entry beyond a: never fails (a relative 1e-12 of slack for rounding);
# - spread: |W_k| is uniform on [0, a], so P(max |W| < q·a) = q^N. With q = min(0.9, delta^(1/N))
#   this is <= delta. For delta = 5e-8: N = 2400 gives q = 0.9 (0.9^2400 ≈ 1e-110); N = 40 gives
#   q = (5e-8)^(1/40) ≈ 0.66.
# - centre (Hoeffding, W_k in [-a, a], range 2a): P(|mean W| >= t) <= 2 exp(-2N t² / (2a)²) <=
#   delta for t = a · sqrt(2 ln(2/delta) / N); N = 2400: t ≈ 0.121 a (U[0, a) has mean 0.5 a).
# - scale (Hoeffding on W_k² in [0, a²], E W_k² = a²/3): P(|mean W² - a²/3| >= t) <=
#   2 exp(-2N t² / a⁴) <= delta for t = a² · sqrt(ln(2/delta) / (2N)); N = 2400: t ≈ 0.060 a²,
#   so the root mean square must lie in [0.523 a, 0.628 a] around a/√3 ≈ 0.577 a.
# Together with the hard bound these catch normal(0, 1) entries, a bound of the wrong size and
# U[0, a).
DELTA = 5e-8


@dataclass(frozen=True)
class HoeffdingUniform(Law):
    """``U[-a, a)`` judged with Hoeffding's distribution-free bounds, for samples of any size.

    Every check (no entry beyond ``a``, the entries fill ``[-a, a)``, centred on 0, root mean
    square ``a/√3``) fails a correct sampler with probability at most ``delta``.

    Parameters
    ----------
    a
        The bound.
    sample
        What the sampled array is called in feedback (``"W1"``).
    formula
        How ``a`` is computed, in symbols (``"sqrt(6 / (fan_in + fan_out))"``).
    worked
        The same with this call's numbers (``"sqrt(6 / 100)"``).
    called
        What the bound is called in feedback (``"the Xavier bound"``).
    delta
        The false-alarm probability of each check.
    """

    a: float
    sample: str
    formula: str
    worked: str
    called: str = "the bound"
    delta: float = DELTA

    def describe(self) -> str:
        """The law and the statistics a correct sample has."""
        a = self.a
        return (
            f"{self.sample} ~ U[-a, a) with a = {self.formula} = {self.worked} = {a:.4g}: "
            f"every |entry| ≤ a, mean ≈ 0, root mean square ≈ a/√3 = {a / math.sqrt(3):.4g}"
        )

    def summarize(self, sample: Array) -> str:
        """The largest entry, the mean and the root mean square of ``sample``."""
        x = np.asarray(sample, dtype=np.float64)
        largest = float(np.max(np.abs(x)))
        rms = float(np.sqrt(np.mean(np.square(x))))
        return (
            f"{self.sample}: max |entry| = {largest:.4g}, mean = {float(np.mean(x)):.4g}, "
            f"root mean square = {rms:.4g}"
        )

    def judge(self, sample: Array) -> str | None:
        """Bound, spread, centre, scale: the first that is off, or ``None``."""
        x = np.asarray(sample, dtype=np.float64)
        a, name, size = self.a, self.sample, x.size
        largest = float(np.max(np.abs(x)))
        centre = float(np.mean(x))
        rms = float(np.sqrt(np.mean(np.square(x))))
        bound = f"{self.called} a = {self.formula} = {a:.4g}"
        if largest > a * (1 + 1e-12):
            return f"{name} has an entry of size {largest:.4g}, outside {bound}"
        spread = min(0.9, self.delta ** (1.0 / size))
        if largest < spread * a:
            return (
                f"Every entry of {name} is smaller than {spread:.2f}·a: the samples do not fill "
                f"[-a, a) with {bound}"
            )
        if abs(centre) > a * math.sqrt(2.0 * math.log(2.0 / self.delta) / size):
            return f"The entries of {name} are not centred on 0: U[-a, a) is symmetric about 0"
        if abs(rms**2 - a**2 / 3.0) > a**2 * math.sqrt(math.log(2.0 / self.delta) / (2.0 * size)):
            return (
                f"The entries of {name} do not spread like U[-a, a) with {bound}: their root "
                f"mean square should be a/√3"
            )
        return None


# ---------------------------------------------------------------------------------------------
# The distribution property
# ---------------------------------------------------------------------------------------------

LawsOf = Callable[..., list[Law]]
"""The laws a call should draw, one per sampled array: ``laws(*trial.args, **trial.kwargs)``."""


@dataclass(frozen=True)
class Mistake:
    """A known mistake of a random function: the laws the mistaken learner draws from.

    ``laws`` takes the call's arguments (without the generator) like the target's; it raises
    ``ValueError`` (or ``ZeroDivisionError``, ``IndexError``) when the mistake does not apply to
    the call (for instance a gain ignored when ``gain = 1``).
    """

    description: str
    laws: LawsOf


@dataclass(frozen=True)
class Trial:
    """One large sample: ``function(*args, rng, **kwargs)`` with ``rng`` seeded with ``seed``.

    ``label`` says what the call shows (non-square shape, non-default arguments …); it opens the
    feedback's message (``On <label>: …``), and an empty label opens none.
    """

    label: str
    args: Args
    kwargs: Kwargs = field(default_factory=dict)
    seed: int = 0

    def call(self) -> tuple[Args, Kwargs]:
        """The arguments, with a fresh generator after ``args``."""
        return (*self.args, np.random.default_rng(self.seed)), dict(self.kwargs)


@dataclass(frozen=True)
class Problem:
    """A fault of a result that is not about its distribution (biases that are not zero)."""

    detail: str
    expected: str | None = None
    returned: str | None = None
    mistake: str | None = None  # the known mistake that explains it, if any


# Compares kind, length, shape, dtype and finiteness, and accepts every finite value.
_STRUCTURE_ONLY = Tolerance(rtol=0.0, atol=math.inf)


class Distribution(Property):
    """Large samples follow the laws the API asks for.

    Each trial's result is first checked for its kind, shape and dtype against the reference's
    (values aside), then for :meth:`other_problem`; then every sampled array
    (:meth:`samples`) is judged against its law, and on failure the mistakes are tried on the
    same arrays to name the one whose laws they follow. Override :meth:`samples` and
    :meth:`other_problem` for results that are not one array (a network's weights and biases).

    Parameters
    ----------
    trials
        The large samples to draw.
    laws
        The laws of a correct result, one per sampled array, from a trial's arguments.
    mistakes
        Known mistakes, tried in order when a sample fails.
    """

    name = "distribution"

    def __init__(self, trials: Sequence[Trial], laws: LawsOf, mistakes: Sequence[Mistake] = ()):
        self.trials = trials
        self.laws = laws
        self.mistakes = mistakes

    def samples(self, returned: Any) -> list[tuple[str, Array]]:
        """The sampled arrays of a structurally right result, each with where it is.

        ``where`` follows the trial's label in feedback (``", the W of layer 1"``).
        """
        return [("", np.asarray(returned, dtype=np.float64))]

    def other_problem(self, returned: Any, expected: Any) -> Problem | None:
        """A non-distributional fault of a structurally right result (none by default)."""
        return None

    def diagnose(self, trial: Trial, arrays: list[tuple[str, Array]]) -> str | None:
        """The first mistake whose laws every sampled array follows."""
        for mistake in self.mistakes:
            try:
                laws = mistake.laws(*trial.args, **trial.kwargs)
            except (ValueError, ZeroDivisionError, IndexError):
                continue
            if len(laws) == len(arrays) and all(
                law.judge(array) is None for (_, array), law in zip(arrays, laws, strict=True)
            ):
                return mistake.description
        return None

    def check(self, ctx: Context) -> Outcome:
        """Draw each trial's sample through the seam and judge it."""
        for trial in self.trials:
            args, kwargs = trial.call()
            described = ctx.describe_call(args, kwargs)
            expected = ctx.expected(*trial.call())
            on = f"On {trial.label}: " if trial.label else ""
            try:
                returned = ctx.call(args, kwargs)
            except LearnerRaised as raised:
                return self.raised(ctx, raised, args, kwargs, where=on)
            difference = compare(returned, expected, _STRUCTURE_ONLY)
            if difference is not None:
                return self.outcome(
                    difference.code,
                    on + difference.detail,
                    described,
                    expected_text=difference.expected_text,
                )
            problem = self.other_problem(returned, expected)
            if problem is not None:
                return self.outcome(
                    Code.MISMATCH,
                    on + problem.detail,
                    described,
                    expected=problem.expected,
                    returned=problem.returned,
                    misconception=problem.mistake,
                )
            arrays = self.samples(returned)
            laws = self.laws(*trial.args, **trial.kwargs)
            for (where, array), law in zip(arrays, laws, strict=True):
                verdict = law.judge(array)
                if verdict is None:
                    continue
                opening = f"On {trial.label}{where}: " if trial.label or where else ""
                return self.outcome(
                    Code.WRONG_DISTRIBUTION,
                    f"{opening}{verdict}.",
                    described,
                    expected=law.describe(),
                    returned=law.summarize(array),
                    misconception=self.diagnose(trial, arrays),
                )
        return self.ok()
