"""The hidden test of a source notebook: grade a function of the instructor's own kernel.

Only the course's *source* notebooks call :func:`check_in_kernel` (the release removes hidden
tests, and submissions are graded in a sandbox, never by executing them), so that ``nbgrader
validate`` and running the source notebook check that the reference in it gets full marks.
:func:`points_in_kernel` serves only the benchmark of the insecure way (grading in the kernel).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from neurograde.grading.grade import grade_entry
from neurograde.grading.registry import entries
from neurograde.grading.results import FunctionResult
from neurograde.isolation.runner import Unavailable, parameter_names
from neurograde.isolation.seam import Candidate, InProcessCandidate


class KernelSession:
    """The one function defined in this kernel, handed to the grader as a session would."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function = function

    def candidate(self, topic: str, name: str) -> Candidate | Unavailable:
        """The kernel's function behind the in-process seam."""
        filename = inspect.getsourcefile(self.function) or "<kernel>"
        return InProcessCandidate(self.function, name, filename, parameter_names(topic, name))

    def close(self) -> None:
        """Nothing to release."""


def _grade_in_kernel(
    topic: str, name: str, function: Callable[..., Any]
) -> tuple[FunctionResult, float]:
    entry = next(e for e in entries([topic]) if e.name == name)
    return grade_entry(entry, KernelSession(function)), entry.points


def check_in_kernel(topic: str, name: str, function: Callable[..., Any]) -> None:
    """Grade ``function`` as ``<topic>.<name>``; raise AssertionError unless it gets full marks."""
    result, points = _grade_in_kernel(topic, name, function)
    if result.points != points:
        raise AssertionError(f"{topic}.{name}: {result.points}/{points}\n{result.feedback()}")


def points_in_kernel(topic: str, name: str, function: Callable[..., Any]) -> float:
    """Grade ``function`` in this kernel and return its points, for nbgrader's partial credit.

    The *insecure* way, kept only for ``benchmarks/autograde_class.py``: a test cell whose last
    expression is this call shows the points as its ``execute_result``, which nbgrader reads as
    partial credit. No points raise AssertionError instead (an error output is nbgrader's zero).
    """
    result, points = _grade_in_kernel(topic, name, function)
    earned = result.points
    if earned is None:
        raise RuntimeError(f"{topic}.{name}: grading error (not the learner's fault)")
    print(f"{topic}.{name}: {earned:g}/{points:g} points\n{result.feedback()}")
    if earned <= 0:
        raise AssertionError(f"{topic}.{name}: 0/{points:g} points")
    return float(earned)
