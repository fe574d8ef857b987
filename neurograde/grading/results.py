"""Grading results: per function, per submission, and the Gradescope-format results.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neurograde.codes import MESSAGES, Code


@dataclass
class Outcome:
    """The result of one property: its code and, on failure, everything the learner needs."""

    name: str
    weight: int
    code: Code
    detail: str = ""
    call: str | None = None
    expected: str | None = None
    returned: str | None = None
    misconception: str | None = None
    output: str = ""
    expected_text: str = ""  # the words of ``detail`` that quote the expected value
    # The known mistakes that reproduce the returned value on the failing call, before the
    # function's verdict (:mod:`neurograde.grading.diagnosis`) keeps those that hold everywhere.
    suspects: tuple[str, ...] = ()
    # The verdict: the mistakes that hold on every call seen (more than one: they cannot be told
    # apart); ``misconception`` is their learner-facing text.
    named: tuple[str, ...] = ()
    # The failing call and what the learner returned, kept until its suspects are found (never
    # reported: the learner reads ``call``, ``returned`` and ``expected``).
    failing_call: Any = field(default=None, repr=False, compare=False)

    @property
    def passed(self) -> bool:
        """Whether the property holds."""
        return self.code is Code.OK

    def shown_detail(self, show_expected: bool = True) -> str:
        """``detail`` as the learner sees it: without the expected value when it is hidden."""
        if show_expected or not self.expected_text:
            return self.detail
        return self.detail.replace(self.expected_text, "expected value hidden")

    def mistakes(self) -> tuple[str, ...]:
        """The mistakes this outcome names (several when they cannot be told apart)."""
        if self.named:
            return self.named
        return (self.misconception,) if self.misconception else ()

    def feedback(self, show_expected: bool = True, with_mistake: bool = True) -> str:
        """The learner-facing text of this outcome (empty when it passed).

        ``with_mistake=False`` leaves the likely mistake out, for a function's feedback, which
        names each mistake once with the properties it cost.
        """
        if self.passed:
            return ""
        lines = [MESSAGES[self.code]]
        if self.detail:
            lines.append(self.shown_detail(show_expected))
        if self.call:
            lines.append(f"Smallest failing call: {self.call}")
        if self.returned is not None:
            lines.append(f"Returned: {self.returned}")
        if self.expected is not None and show_expected:
            lines.append(f"Expected: {self.expected}")
        if self.misconception and with_mistake:
            lines.append(likely_mistake(self.misconception))
        if self.output:
            lines.append(f"Your output: {self.output[:500]}")
        return "\n".join(lines)


def likely_mistake(text: str, cost: str = "") -> str:
    """The one line that names a mistake (``cost``: the properties it failed)."""
    return f"Likely mistake{cost}: this is what happens when {text}."


@dataclass
class FunctionResult:
    """One function's grade: each property's outcome, or a grading error (no score)."""

    topic: str
    name: str
    max_points: float
    outcomes: list[Outcome]
    grader_error: str | None = None

    @property
    def qualified_name(self) -> str:
        """``<topic>.<function>``, the test name in results.json."""
        return f"{self.topic}.{self.name}"

    @property
    def points(self) -> float | None:
        """Points earned: the weighted share of properties that hold; ``None`` on grader error."""
        if self.grader_error is not None:
            return None
        total = sum(o.weight for o in self.outcomes)
        earned = sum(o.weight for o in self.outcomes if o.passed)
        return round(self.max_points * earned / total, 4) if total else 0.0

    @property
    def status(self) -> str:
        """``passed``, ``partial``, ``failed`` or ``grader_error``."""
        if self.grader_error is not None:
            return "grader_error"
        if all(o.passed for o in self.outcomes):
            return "passed"
        return "partial" if any(o.passed for o in self.outcomes) else "failed"

    @property
    def codes(self) -> list[Code]:
        """The codes of the failed properties, in order, without repeats."""
        if self.grader_error is not None:
            return [Code.GRADER_ERROR]
        seen: list[Code] = []
        for outcome in self.outcomes:
            if not outcome.passed and outcome.code not in seen:
                seen.append(outcome.code)
        return seen

    @property
    def first_failure(self) -> Outcome | None:
        """The first failed property, whose message leads the feedback."""
        return next((o for o in self.outcomes if not o.passed), None)

    def summary(self) -> str:
        """One line for a table: the first failure's code and its sentence or detail."""
        if self.grader_error is not None:
            return f"{Code.GRADER_ERROR}: {MESSAGES[Code.GRADER_ERROR]}"
        failure = self.first_failure
        if failure is None:
            return "OK"
        text = failure.detail.splitlines()[0] if failure.detail else MESSAGES[failure.code]
        return f"{failure.code}: {text}"

    def feedback(self, show_expected: bool = True) -> str:
        """All the learner-facing text for this function."""
        if self.grader_error is not None:
            return MESSAGES[Code.GRADER_ERROR]
        parts = []
        cost: dict[str, list[str]] = {}  # each mistake named, with the properties it cost
        for outcome in self.outcomes:
            mark = "passed" if outcome.passed else "FAILED"
            parts.append(f"[{mark}] {outcome.name} (weight {outcome.weight})")
            if not outcome.passed:
                text = outcome.feedback(show_expected, with_mistake=False)
                parts.append("  " + text.replace("\n", "\n  "))
                if outcome.misconception:
                    cost.setdefault(outcome.misconception, []).append(outcome.name)
        for text, names in cost.items():
            parts.append(likely_mistake(text, f" (cost {', '.join(names)})"))
        return "\n".join(parts)

    def to_test(self, show_expected: bool = True) -> dict[str, Any]:
        """One Gradescope test entry for this function."""
        return {
            "name": self.qualified_name,
            "score": self.points if self.points is not None else 0.0,
            "max_score": self.max_points,
            "status": "passed" if self.status == "passed" else "failed",
            "output": self.feedback(show_expected),
            "visibility": "visible",
            "extra_data": {
                "status": self.status,
                "codes": [str(code) for code in self.codes],
                "grader_error": self.grader_error,
                "properties": [
                    {
                        "name": o.name,
                        "weight": o.weight,
                        "code": str(o.code),
                        "passed": o.passed,
                        "detail": o.shown_detail(show_expected),
                        "call": o.call,
                        "returned": o.returned,
                        "expected": o.expected if show_expected else None,
                        "misconception": o.misconception,
                    }
                    for o in self.outcomes
                ],
            },
        }


@dataclass
class SubmissionResult:
    """A whole submission's grade, with how it was made."""

    functions: list[FunctionResult]
    isolation: str
    execution_time: float = 0.0
    messages: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        """Points earned over every function that was graded (grading errors count nothing)."""
        return round(sum(f.points or 0.0 for f in self.functions), 4)

    @property
    def max_score(self) -> float:
        """Points available."""
        return round(sum(f.max_points for f in self.functions), 4)

    @property
    def grader_errors(self) -> list[FunctionResult]:
        """Functions whose grading failed (not the learner's fault): no score is recorded."""
        return [f for f in self.functions if f.grader_error is not None]

    def by_name(self) -> dict[str, FunctionResult]:
        """Results keyed by ``<topic>.<function>``."""
        return {f.qualified_name: f for f in self.functions}

    def to_gradescope(self, show_expected: bool = True) -> dict[str, Any]:
        """The results.json of Gradescope's autograder format."""
        from hypothesis import __version__ as hypothesis_version

        from neurograde import __version__

        output = list(self.messages)
        if self.grader_errors:
            names = ", ".join(f.qualified_name for f in self.grader_errors)
            output.append(f"Grading error (not the learner's fault, no score recorded): {names}")
        return {
            "score": self.score,
            "max_score": self.max_score,
            "execution_time": round(self.execution_time, 3),
            "output": "\n".join(output),
            "tests": [f.to_test(show_expected) for f in self.functions],
            "extra_data": {
                "grader_version": __version__,
                "isolation": self.isolation,
                "hypothesis": hypothesis_version,
                "grader_errors": [f.qualified_name for f in self.grader_errors],
            },
        }

    def write_json(self, path: Path, show_expected: bool = True) -> None:
        """Write results.json (UTF-8, indented)."""
        path.write_text(
            json.dumps(self.to_gradescope(show_expected), indent=2, allow_nan=False) + "\n",
            encoding="utf-8",
        )
