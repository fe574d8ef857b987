"""The statistical checks of random functions: correct samples pass, wrong ones are named."""

from __future__ import annotations

import math

import numpy as np
import pytest

from neurograde.grading.statistics import (
    HoeffdingUniform,
    MomentLaw,
    Trial,
    normal_law,
    summary,
    symmetric_law,
    uniform_law,
)

N = 9216  # the smallest sample the graders draw (a (64, 16, 3, 3) kernel)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _xavier(fans: int) -> HoeffdingUniform:
    return HoeffdingUniform(math.sqrt(6.0 / fans), "W", "sqrt(6 / fans)", f"sqrt(6 / {fans})")


@pytest.mark.parametrize("seed", range(50))
def test_correct_samples_pass_every_moment_check(seed: int) -> None:
    rng = _rng(seed)
    assert normal_law(2.5, 0.5).judge(rng.normal(2.5, 0.5, N)) is None
    assert uniform_law(-2.0, 3.0).judge(rng.uniform(-2.0, 3.0, N)) is None
    # Another correct way to draw the same law passes too.
    assert symmetric_law(0.3).judge(0.3 * (2 * rng.random(N) - 1)) is None


@pytest.mark.parametrize(
    ("law", "draw", "names"),
    [
        (normal_law(0.0, 1.0), lambda r: r.normal(0.5, 1.0, N), "sample mean"),
        (normal_law(0.0, 1.0), lambda r: r.normal(0.0, 1.1, N), "standard deviation"),
        (
            normal_law(0.0, 1.0),
            lambda r: r.uniform(-math.sqrt(3.0), math.sqrt(3.0), N),
            "shape of the distribution",
        ),
        (uniform_law(0.0, 1.0), lambda r: r.uniform(0.0, 1.2, N), "above the upper end"),
        (uniform_law(0.0, 1.0), lambda r: r.uniform(0.1, 1.0, N), "near the lower end"),
        (uniform_law(0.0, 1.0), lambda r: r.uniform(0.0, 0.9, N), "near the upper end"),
        (normal_law(1.0, 0.0), lambda r: r.normal(1.0, 1e-3, N), "all should be 1"),
    ],
)
def test_wrong_samples_are_caught_by_the_statistic_that_is_off(
    law: MomentLaw, draw: object, names: str
) -> None:
    verdict = law.judge(draw(_rng(1)))  # type: ignore[operator]
    assert verdict is not None
    assert names in verdict


def test_a_constant_law_accepts_exactly_its_value() -> None:
    assert normal_law(1.0, 0.0).judge(np.ones(10)) is None


def test_laws_describe_themselves_for_feedback() -> None:
    assert str(normal_law(2.5, -0.5)) == "N(2.5, 0.5²)"
    assert uniform_law(-1, 1).describe().startswith("samples of U[-1, 1): every sample in [-1, 1)")
    assert "mean 0, std 1" in summary(np.array([-1.0, 1.0]))


def test_bad_laws_are_rejected_with_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="low must be below high"):
        uniform_law(1.0, 1.0)
    with pytest.raises(ValueError, match="'normal' or 'uniform'"):
        MomentLaw("gamma", 0.0, 1.0)


@pytest.mark.parametrize("seed", range(50))
@pytest.mark.parametrize(("size", "fans"), [(40, 41), (2400, 100), (100_000, 1004)])
def test_correct_samples_pass_every_hoeffding_check(seed: int, size: int, fans: int) -> None:
    law = _xavier(fans)
    assert law.judge(_rng(seed).uniform(-law.a, law.a, size)) is None


@pytest.mark.parametrize(
    ("draw", "names"),
    [
        (lambda r, a: r.normal(0.0, 1.0, 2400), "outside the bound"),
        (lambda r, a: r.uniform(0.0, a, 2400), "not centred"),
        (lambda r, a: r.uniform(-0.5 * a, 0.5 * a, 2400), "do not fill"),
        (lambda r, a: np.repeat([a, -a, 0.0], [300, 300, 1800]), "do not spread"),
    ],
)
def test_hoeffding_names_the_check_that_fails(draw: object, names: str) -> None:
    law = _xavier(100)
    verdict = law.judge(draw(_rng(3), law.a))  # type: ignore[operator]
    assert verdict is not None
    assert names in verdict
    assert law.summarize(np.array([0.0, law.a])).startswith("W: max |entry| = 0.2449")


def test_a_trial_gives_the_same_fresh_generator_every_time() -> None:
    trial = Trial("a (2, 3) shape", ((2, 3),), {"std": 2.0}, seed=5)
    (shape, first), kwargs = trial.call()
    (_, second), _ = trial.call()
    assert shape == (2, 3)
    assert kwargs == {"std": 2.0}
    assert first is not second
    assert first.random() == second.random()
