"""Gradescope's results.json as the autograder writes it: graded, not gradable, or a grading error.

A graded upload gets neurograde's results (:meth:`SubmissionResult.to_gradescope`) with the
assignment's visibility on every test and a greeting that gives the total and says how to read
the feedback. An upload that cannot be graded (empty, another assignment, a broken notebook)
scores 0 with a message that says what to upload. A grading error (not the learner's fault)
carries no score at all: Gradescope records nothing and the instructor regrades once the cause,
named in the log, is fixed.
"""

from __future__ import annotations

from typing import Any

from neurograde.gradescope.config import AutograderConfig
from neurograde.grading.results import SubmissionResult

WHEN = {
    "after_due_date": "after the due date",
    "after_published": "once your instructor publishes the grades",
}
READING = (
    "Each function of the assignment is one test below, with its points. Under it, every "
    "property the hidden tests check is [passed] or [FAILED]; a failure gives the smallest input "
    "on which your function went wrong, what it returned{expected} and, when the grader "
    "recognises it, the likely mistake. Fix the first failure of a function first: the later "
    "ones often follow from it."
)
GRADING_ERROR = (
    "Grading error: your submission could not be graded, and this is not your fault. No score "
    "was recorded; your instructor can see why and will regrade it. You do not need to submit "
    "again."
)


def _points(value: float) -> str:
    return f"{value:g}"


def greeting(result: SubmissionResult, config: AutograderConfig, notes: list[str]) -> str:
    """The top-level output: the total (when feedback is shown), how to read it, and notes."""
    lines = []
    if config.visibility == "visible":
        lines.append(
            f"Your score on {config.assignment}: {_points(result.score)} / "
            f"{_points(result.max_score)} points."
        )
        expected = ", what was expected" if config.show_expected else ""
        lines += ["", READING.format(expected=expected)]
    elif config.visibility == "hidden":
        lines.append(
            f"Your {config.assignment} submission was graded. Your instructor does not show the "
            "per-function feedback of this assignment."
        )
    else:
        lines.append(
            f"Your {config.assignment} submission was graded. Your score and the feedback on "
            f"each function will be shown {WHEN[config.visibility]}."
        )
    if result.messages:
        lines += ["", "About your upload:", *(f"- {m}" for m in result.messages)]
    if notes:
        lines += ["", *notes]
    lines += [
        "",
        f"Graded by neurograde {config.version} in a sandbox (isolation level: "
        f"{result.isolation}) in {result.execution_time:.1f} s.",
    ]
    return "\n".join(lines)


def graded_results(
    result: SubmissionResult, config: AutograderConfig, notes: list[str], uploaded: str
) -> dict[str, Any]:
    """The results.json of a graded upload (``notes``: what the learner should know besides)."""
    results = result.to_gradescope(show_expected=config.show_expected)
    for test in results["tests"]:
        test["visibility"] = config.visibility
    results["output"] = greeting(result, config, notes)
    results["visibility"] = "visible"  # the greeting; each test carries its own visibility
    results["stdout_visibility"] = "hidden"  # the log is for instructors
    # Not a key of Gradescope's format (it takes the maximum from the tests and the assignment).
    max_score = results.pop("max_score")
    results["extra_data"].update(
        {
            "assignment": config.assignment,
            "max_score": max_score,
            "uploaded": uploaded,
            "visibility": config.visibility,
        }
    )
    return results


def upload_problem_results(
    message: str, config: AutograderConfig, execution_time: float
) -> dict[str, Any]:
    """The results.json of an upload that cannot be graded: 0 points and what to upload."""
    return {
        "score": 0.0,
        "execution_time": round(execution_time, 3),
        "output": f"Your upload could not be graded: {message}\nSubmit again with the right file.",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [],
        "extra_data": {
            "assignment": config.assignment,
            "grader_version": config.version,
            "max_score": config.max_score,
            "upload_problem": message,
        },
    }


def grading_error_results(reason: str, execution_time: float) -> dict[str, Any]:
    """The results.json of a grading error: the learner's message, and no score at all."""
    return {
        "execution_time": round(execution_time, 3),
        "output": GRADING_ERROR,
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [],
        "extra_data": {"grading_error": reason},
    }
