"""The grading loop: one function through its layered properties, and a whole submission.

A property that the learner's code aborts (a crash, a timeout, a memory limit) ends the
function's grading: the properties after it get the same outcome. A failure of the grader itself
is never the learner's zero: the function gets a grading error and no score.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from neurograde.codes import FATAL, Code
from neurograde.grading.properties import Context
from neurograde.grading.registry import Entry, entries
from neurograde.grading.results import FunctionResult, Outcome, SubmissionResult
from neurograde.grading.settings import GRADING, GradingSettings
from neurograde.grading.spec import FunctionSpec
from neurograde.intake.submission import Submission
from neurograde.isolation.runner import Runner, Session, Unavailable
from neurograde.isolation.seam import Candidate, GraderFault, LearnerAbort


def grade_function(
    spec: FunctionSpec,
    candidate: Candidate,
    reference: Callable[..., Any],
    *,
    topic: str,
    points: float,
    settings: GradingSettings = GRADING,
) -> FunctionResult:
    """Grade ``candidate`` against ``reference`` with ``spec``'s properties; never raises."""
    ctx = Context(spec, candidate, reference, settings)
    outcomes: list[Outcome] = []
    fatal: LearnerAbort | None = None
    for prop in spec.properties():
        if fatal is not None:
            outcomes.append(Outcome(prop.name, prop.weight, fatal.code, fatal.detail))
            continue
        ctx.last_call = None
        try:
            outcomes.append(prop.check(ctx))
        except LearnerAbort as abort:
            outcomes.append(
                Outcome(prop.name, prop.weight, abort.code, abort.detail, ctx.last_call)
            )
            if abort.code in FATAL:
                fatal = abort
        except GraderFault as fault:
            return FunctionResult(topic, spec.name, points, outcomes, grader_error=str(fault))
        except Exception as error:  # a bug in the grader must never become a learner's zero
            return FunctionResult(
                topic, spec.name, points, outcomes, grader_error=f"{type(error).__name__}: {error}"
            )
    try:
        ctx.settle(outcomes)
    except Exception as error:  # a bug in the grader must never become a learner's zero
        return FunctionResult(
            topic, spec.name, points, outcomes, grader_error=f"{type(error).__name__}: {error}"
        )
    return FunctionResult(topic, spec.name, points, outcomes)


def not_gradable(entry: Entry, code: Code, detail: str) -> FunctionResult:
    """The result for a function that could not be called at all (missing, not loaded)."""
    outcomes = [Outcome(p.name, p.weight, code, detail) for p in entry.spec.properties()]
    return FunctionResult(entry.topic, entry.name, entry.points, outcomes)


def grade_entry(
    entry: Entry,
    session: Session,
    settings: GradingSettings = GRADING,
    problem: str | None = None,
) -> FunctionResult:
    """Grade one function of the registry with the learner's code from ``session``.

    ``problem`` says why the function's module could not even be read (a load error). A sandbox
    that cannot start is a grading error for the function, never the learner's zero.
    """
    if problem is not None:
        return not_gradable(entry, Code.LOAD_ERROR, problem)
    try:
        candidate = session.candidate(entry.topic, entry.name)
    except GraderFault as fault:
        return FunctionResult(entry.topic, entry.name, entry.points, [], grader_error=str(fault))
    if isinstance(candidate, Unavailable):
        return not_gradable(entry, candidate.code, candidate.detail)
    return grade_function(
        entry.spec,
        candidate,
        entry.reference,
        topic=entry.topic,
        points=entry.points,
        settings=settings,
    )


def grade_submission(
    submission: Submission, runner: Runner, settings: GradingSettings = GRADING
) -> SubmissionResult:
    """Grade ``submission`` with learner code run by ``runner``; never raises for learner faults."""
    started = time.perf_counter()
    session = runner.open(submission.sources)
    try:
        results = [
            grade_entry(entry, session, settings, submission.problems.get(entry.topic))
            for entry in entries(submission.topics)
        ]
    finally:
        session.close()
    return SubmissionResult(
        results,
        isolation=runner.isolation,
        execution_time=time.perf_counter() - started,
        messages=list(submission.messages),
    )
