"""The trusted comparison, layer by layer, and the message vocabulary."""

from __future__ import annotations

import numpy as np
import pytest

from neurograde.codes import MESSAGES, Code
from neurograde.grading.compare import Tolerance, compare
from neurograde.isolation.protocol import ForeignArray, Unsupported

TOL = Tolerance()

CONTRACT_CODES = [
    "NOT_IMPLEMENTED",
    "MISSING",
    "LOAD_ERROR",
    "EXCEPTION",
    "CONTROL_FLOW",
    "TIMEOUT",
    "MEMORY",
    "CRASH",
    "BAD_TYPE",
    "BAD_SHAPE",
    "BAD_DTYPE",
    "NONFINITE",
    "MISMATCH",
    "MUTATED_INPUT",
    "UNSTABLE",
    "WRONG_ERROR",
    "NOT_RANDOM",
    "NOT_REPRODUCIBLE",
    "WRONG_DISTRIBUTION",
    "OUTPUT_TOO_LARGE",
    "GRADER_ERROR",
]


def test_vocabulary_is_the_contracts_and_every_code_has_a_sentence() -> None:
    assert {c.value for c in Code} == {*CONTRACT_CODES, "OK"}
    assert set(MESSAGES) == set(Code)
    assert MESSAGES[Code.NOT_IMPLEMENTED] == (
        "Not implemented yet: the function still raises NotImplementedError."
    )
    assert MESSAGES[Code.GRADER_ERROR] == (
        "The grader failed on this function (not your fault): no score was recorded and your "
        "instructor has been told."
    )


@pytest.mark.parametrize(
    ("returned", "expected", "code"),
    [
        ([1.0, 2.0], np.array([1.0, 2.0]), Code.BAD_TYPE),
        (Unsupported("Liar"), np.array([1.0]), Code.BAD_TYPE),
        (np.array([[1.0, 2.0]]), np.array([1.0, 2.0]), Code.BAD_SHAPE),
        (np.array([[1.0], [2.0]]), np.array([1.0, 2.0]), Code.BAD_SHAPE),
        (np.array([1, 2]), np.array([1.0, 2.0]), Code.BAD_DTYPE),
        (np.array([True]), np.array([1.0]), Code.BAD_DTYPE),
        (ForeignArray("<c16", (2,)), np.array([1.0, 2.0]), Code.BAD_DTYPE),
        (np.array([np.nan, 2.0]), np.array([1.0, 2.0]), Code.NONFINITE),
        (np.array([1.0, 2.1]), np.array([1.0, 2.0]), Code.MISMATCH),
        (np.array(1.0), 1.0, Code.BAD_TYPE),
        (1, 1.0, Code.BAD_TYPE),
        (True, 1.0, Code.BAD_TYPE),
        (float("inf"), 1.0, Code.NONFINITE),
        (1.001, 1.0, Code.MISMATCH),
        (2.0, 1, Code.BAD_TYPE),
        (3, 1, Code.MISMATCH),
        (0, None, Code.MISMATCH),
        ((1.0,), (1.0, 2.0), Code.BAD_TYPE),
        ({"a": 1.0}, {"b": 1.0}, Code.BAD_TYPE),
        ({"a": np.zeros(2)}, {"a": np.ones(2)}, Code.MISMATCH),
    ],
)
def test_each_layer_has_its_code(returned: object, expected: object, code: Code) -> None:
    difference = compare(returned, expected, TOL)
    assert difference is not None
    assert difference.code is code


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        (np.array([1.0, 2.0], dtype=np.float32), np.array([1.0, 2.0])),
        (np.float32(0.1), 0.1),
        (np.float64(0.5), 0.5),
        (1.0 + 1e-7, 1.0),
        (np.array([1e-17]), np.array([0.0])),
        ([np.zeros(1), 2.0], (np.zeros(1), 2.0)),
        (np.array([np.inf]), np.array([np.inf])),
        (None, None),
        (np.int64(4), 4),
    ],
)
def test_right_answers_pass(returned: object, expected: object) -> None:
    assert compare(returned, expected, TOL) is None


def test_zero_d_array_passes_only_where_allowed() -> None:
    assert compare(np.array(0.5), 0.5, TOL, scalar_may_be_0d=True) is None


def test_integer_slack_allows_a_closed_form_off_by_one() -> None:
    assert compare(11, 10, TOL, int_slack=1) is None
    assert compare(12, 10, TOL, int_slack=1) is not None


def test_the_message_names_the_index_and_both_values() -> None:
    difference = compare(np.array([1.0, 5.0]), np.array([1.0, 2.0]), TOL)
    assert difference is not None
    assert difference.detail == "returned 5.0 at index (1,); expected 2.0"
