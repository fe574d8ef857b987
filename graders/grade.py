"""Grade a whole submission: every function of every topic it is graded on."""

from __future__ import annotations

import time
from pathlib import Path

from graders.codes import Code
from graders.registry import Entry, entries
from graders.results import FunctionResult, SubmissionResult
from graders.runner import InProcessRunner, Runner, Session, Unavailable
from graders.seam import GraderFault
from graders.settings import GRADING, GradingSettings
from graders.submission import Submission, load_submission


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
        return entry.spec.not_gradable(
            Code.LOAD_ERROR, problem, topic=entry.topic, points=entry.points
        )
    try:
        candidate = session.candidate(entry.topic, entry.name)
    except GraderFault as fault:
        return FunctionResult(entry.topic, entry.name, entry.points, [], grader_error=str(fault))
    if isinstance(candidate, Unavailable):
        return entry.spec.not_gradable(
            candidate.code, candidate.detail, topic=entry.topic, points=entry.points
        )
    return entry.spec.grade(
        candidate, entry.reference, topic=entry.topic, points=entry.points, settings=settings
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


def grade_path(
    path: Path, runner: Runner | None = None, settings: GradingSettings = GRADING
) -> SubmissionResult:
    """Read and grade the submission at ``path`` (folder, topic module or notebook)."""
    return grade_submission(load_submission(path), runner or InProcessRunner(), settings)
