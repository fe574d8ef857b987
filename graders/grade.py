"""Grade a whole submission: every function of every topic it is graded on."""

from __future__ import annotations

import time
from pathlib import Path

from graders.registry import entries
from graders.results import FunctionResult, SubmissionResult
from graders.runner import InProcessRunner, Runner, Unavailable
from graders.settings import GRADING, GradingSettings
from graders.submission import Submission, load_submission


def grade_submission(
    submission: Submission, runner: Runner, settings: GradingSettings = GRADING
) -> SubmissionResult:
    """Grade ``submission`` with learner code run by ``runner``; never raises for learner faults."""
    started = time.perf_counter()
    session = runner.open(submission.sources)
    results: list[FunctionResult] = []
    try:
        for entry in entries(submission.topics):
            if entry.topic in submission.problems:
                from graders.codes import Code

                result = entry.spec.not_gradable(
                    Code.LOAD_ERROR,
                    submission.problems[entry.topic],
                    topic=entry.topic,
                    points=entry.points,
                )
            else:
                candidate = session.candidate(entry.topic, entry.name)
                if isinstance(candidate, Unavailable):
                    result = entry.spec.not_gradable(
                        candidate.code, candidate.detail, topic=entry.topic, points=entry.points
                    )
                else:
                    result = entry.spec.grade(
                        candidate,
                        entry.reference,
                        topic=entry.topic,
                        points=entry.points,
                        settings=settings,
                    )
            results.append(result)
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
