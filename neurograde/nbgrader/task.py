"""The grading task of an nbgrader course: one notebook's JSON in, its results.json out.

``neurograde autograde`` (in local processes or on Dask workers) and the course's
:class:`~neurograde.nbgrader.preprocessor.SandboxGrade` (plain ``nbgrader autograde``) both grade
through :func:`grade_notebook` and key stored results with :func:`grading_settings`, so a
notebook gets the same limits, the same time budget and the same feedback either way. Nothing
here imports nbgrader, so that the task runs on any machine with neurograde installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from neurograde.grading.grade import grade_submission
from neurograde.grading.settings import GradingSettings
from neurograde.intake.notebook import notebook_submission
from neurograde.isolation.sandbox import Limits, SandboxRunner


def grading_settings(isolation: str, timeout: float, show_expected: bool) -> dict[str, Any]:
    """Every setting that can change a notebook's score or feedback (part of its cache key).

    ``isolation`` is the level actually used (``bwrap`` or ``rlimit``, never ``auto``).
    """
    limits = Limits.for_timeout(timeout)
    return {
        "isolation": isolation,
        "call_timeout": limits.call_timeout,
        "function_timeout": limits.function_timeout,
        "load_timeout": limits.load_timeout,
        "memory_bytes": limits.memory_bytes,
        "show_expected": show_expected,
    }


def grade_notebook(
    raw: dict[str, Any], name: str, topic: str, isolation: str, timeout: float, show_expected: bool
) -> dict[str, Any]:
    """Grade one notebook's JSON in the sandbox; the Gradescope-format result."""
    submission = notebook_submission(raw, Path(name), topic)
    with SandboxRunner(isolation, Limits.for_timeout(timeout)) as runner:
        result = grade_submission(submission, runner, GradingSettings(show_expected=show_expected))
    return result.to_gradescope(show_expected)
