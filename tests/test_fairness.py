"""Meta-tests of fairness: one mistake costs once, and the mistake named is the learner's own.

Every mutant of the project is graded once (``tests/fairness.py``); the tests read the records:
which properties each failed, which mistakes its feedback named. The README quotes the same
figures, and a test keeps them current.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from neurograde.codes import Code
from neurograde.grading.calls import Misconception
from neurograde.grading.compare import Tolerance, compare
from neurograde.grading.diagnosis import Diagnosis, Seen, generic_mistakes
from neurograde.grading.registry import entries
from tests import fairness
from tests.submissions import REPO, Variant

MUTANTS = fairness.mutants()
BY_ID = {v.id: v for v in MUTANTS}


def record(variant_id: str) -> fairness.Record:
    """The record of one mutant (from the session's single grading of every mutant)."""
    return next(r for r in fairness.records() if r.variant.id == variant_id)


# -- 1. one mistake costs once -----------------------------------------------------------------
@pytest.mark.parametrize("variant", [v for v in MUTANTS if v.costs], ids=lambda v: v.id)
def test_a_single_aspect_mistake_fails_exactly_its_property(variant: Variant) -> None:
    found = record(variant.id)
    assert found.failed == variant.costs, found.result.feedback()


def test_single_aspect_mutants_cover_kinds_conventions_validation_and_randomness() -> None:
    costs = {v.costs for v in MUTANTS if v.costs}
    for prop in ("returns", "edge_cases", "errors", "global_rng", "reproducible", "random"):
        assert (prop,) in costs, f"no single-aspect mutant is charged on {prop} alone"


def test_int64_relu_derivative_with_right_values_loses_only_returns() -> None:
    found = record("neuron.relu_derivative__int_output")
    assert found.failed == ("returns",)
    assert found.result.outcomes[0].code is Code.BAD_DTYPE
    assert found.result.points is not None
    assert found.result.points > 0.25
    assert found.result.points == pytest.approx(2 * 7 / 8)  # weight 1 of 8 lost


def test_relu_slope_one_at_zero_in_backward_costs_only_edge_cases() -> None:
    found = record("chain_rule.backward__relu_slope_one_at_zero")
    assert found.failed == ("edge_cases",)
    assert found.named
    assert "relu'(0) was taken as 1" in found.named[0]


def test_distribution_of_properties_failed_is_quoted_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert fairness.distribution_table(fairness.records()) in readme


# -- 2. diagnoses that are right ------------------------------------------------------------------
def test_no_mutant_is_named_after_another_mistake_than_its_own() -> None:
    wrong = {
        r.variant.id: (r.named, r.variant.mistakes)
        for r in fairness.records()
        if not r.named_only_own
    }
    assert not wrong


def test_coinciding_diagnoses_in_backward_are_told_apart() -> None:
    """Where every hidden pre-activation is >= 0 and one is exactly 0, relu'(0) = 1 and "f_hidden'
    left out" give the same gradients; the verdict names only relu'(0) = 1, the one that holds
    where the learner (here, the catalogue's own relu'(0) = 1) was right."""
    spec = next(e for e in entries(["chain_rule"]) if e.name == "backward").spec
    catalogue = {m.description: m for m in spec.misconceptions}
    convention = next(m for d, m in catalogue.items() if "relu'(0) was taken as 1" in d)
    slope_left_out = next(m for d, m in catalogue.items() if "f_hidden'(z1) was left out" in d)
    learner = convention.function
    params = {
        "W1": np.array([[0.5, -0.25], [1.0, 0.5], [-0.75, 0.25]]),
        "b1": np.array([0.0, 0.25, 0.5]),
        "W2": np.array([[0.75, -0.5, 1.0]]),
        "b2": np.array([0.125]),
    }
    coinciding: tuple[Any, ...] = (np.zeros((1, 2)), np.array([1.5]), params, "relu", "identity")
    elsewhere: tuple[Any, ...] = (
        np.array([[1.0, -2.0], [0.5, 1.5]]),
        np.array([0.5, -0.25]),
        params,
        "relu",
        "identity",
    )
    diagnosis = Diagnosis(
        list(spec.misconceptions), [], lambda a, b: compare(a, b, Tolerance()) is None
    )
    returned = learner(*coinciding)
    suspects = diagnosis.suspects(coinciding, {}, returned)
    assert convention in suspects
    assert slope_left_out in suspects
    diagnosis.record(Seen(coinciding, {}, returned), failing=True)
    assert len(diagnosis.verdict([suspects])[0]) >= 2  # nothing else seen: not told apart
    diagnosis.record(Seen(elsewhere, {}, spec_reference("backward")(*elsewhere)), failing=False)
    assert diagnosis.verdict([suspects]) == [(convention.description,)]


def test_backward_with_relu_slope_one_is_not_named_after_a_left_out_derivative() -> None:
    found = record("chain_rule.backward__relu_slope_one_at_zero")
    assert found.named
    assert all("relu'(0) was taken as 1" in text for text in found.named)
    assert "left out" not in found.result.feedback()


def spec_reference(name: str) -> Any:
    """The reference implementation of a chain_rule function."""
    return next(e for e in entries(["chain_rule"]) if e.name == name).reference


def _constant(value: float) -> Misconception:
    return Misconception(f"always {value}", lambda x: value)


def _same(a: Any, b: Any) -> bool:
    return bool(np.isclose(a, b))


def test_a_passing_call_rules_a_suspect_out() -> None:
    square = Misconception("squared", lambda x: x * x)
    double = Misconception("doubled", lambda x: 2 * x)
    diagnosis = Diagnosis([square, double], [], _same)
    # The learner squares: at x = 2 both mistakes give 4; at x = 0 the learner was right (0).
    diagnosis.record(Seen((2.0,), {}, 4.0), failing=True)
    assert diagnosis.suspects((2.0,), {}, 4.0) == [square, double]
    diagnosis.record(Seen((1.0,), {}, 1.0), failing=False)  # right there: 2 * 1 = 2 is ruled out
    assert diagnosis.verdict([[square, double]]) == [("squared",)]


def test_suspects_nothing_tells_apart_are_named_together() -> None:
    one = Misconception("first way", lambda x: x + 1)
    other = Misconception("second way", lambda x: x + 1.0)
    diagnosis = Diagnosis([one, other], [], _same)
    diagnosis.record(Seen((2.0,), {}, 3.0), failing=True)
    assert diagnosis.verdict([[one, other]]) == [("first way", "second way")]


# -- 3. diagnoses that cover ------------------------------------------------------------------
def test_at_least_90_percent_of_wrong_values_are_named_with_their_own_mistake() -> None:
    right, wrong = fairness.diagnosis_rate(fairness.records())
    assert wrong >= 90
    assert right / wrong >= 0.9, (right, wrong)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert fairness.rate_sentence(fairness.records()) in readme


def test_generic_mistakes_come_from_the_signature() -> None:
    def loss(y_pred: Any, y_true: Any, eps: float = 0.5) -> float:
        return float(np.mean(np.asarray(y_pred) - np.asarray(y_true)) * eps)

    mistakes = {m.description: m for m in generic_mistakes("loss", loss)}
    ignored = next(m for d, m in mistakes.items() if "argument eps is ignored" in d)
    y, t = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]]), np.zeros((3, 2))
    assert ignored.function(y, t, eps=0.1) == loss(y, t)
    summed = next(m for d, m in mistakes.items() if "len(y_pred) times too large" in d)
    assert summed.function(y, t) == pytest.approx(3 * loss(y, t))
    flipped = next(m for d, m in mistakes.items() if "sign is flipped" in d)
    assert flipped.function(y, t) == -loss(y, t)
    axis = next(m for d, m in mistakes.items() if "wrong axis" in d)
    assert axis.function(y, t) == pytest.approx(loss(y.T, t.T))


@pytest.mark.parametrize(
    ("variant_id", "generic"),
    [
        ("neuron.sigmoid_derivative__doubled", "twice the right one"),
        ("losses.cross_entropy_grad__transposed", "the result is transposed"),
        ("learning_rate.epochs_to_converge__tol_ignored", "the argument tol is ignored"),
        ("learning_rate.gradient_descent_step__empty_like_keeps_int", "stored in an int array"),
    ],
)
def test_mistakes_without_a_catalogue_entry_get_a_generic_name(
    variant_id: str, generic: str
) -> None:
    found = record(variant_id)
    assert found.named
    assert all(generic in text for text in found.named)


# -- 5. feedback that says each thing once ----------------------------------------------------
def test_feedback_names_each_mistake_once_with_the_properties_it_cost() -> None:
    found = record("losses.mae__without_abs")
    text = found.result.feedback()
    assert text.count("Likely mistake") == 1
    assert "Likely mistake (cost values, edge_cases, stability)" in text
    assert "; expected" not in text  # the Returned and Expected lines say it once


def test_a_scalar_difference_is_not_restated() -> None:
    found = record("losses.mae__without_abs")
    values = next(o for o in found.result.outcomes if o.name == "values")
    assert values.detail == ""
    assert values.returned
    assert values.expected
