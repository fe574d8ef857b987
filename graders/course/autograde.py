"""``neurograde autograde``: grade a class's submissions in sandboxes, in parallel, into nbgrader.

Two phases. First every changed submission in ``submitted/`` is graded in its own sandbox, in
parallel worker processes, and the result is stored (``.neurograde/results`` in the course).
Then nbgrader's own ``Autograde`` runs for each of them, one after the other, with the course's
:class:`~graders.course.preprocessor.SandboxGrade` in place of ``Execute``: it finds the stored
result and writes the points into the test cells, and nbgrader records them in its gradebook
(only this coordinating process writes to it). One broken submission never stops the class: it
is listed at the end. Submissions graded and recorded before are skipped unless ``force``.
"""

from __future__ import annotations

import json
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from graders.course.cache import ResultCache, submission_key
from graders.course.preprocessor import grade_notebook
from graders.registry import TOPICS

RESULTS = Path(".neurograde") / "results"


class CourseError(RuntimeError):
    """The course folder cannot be autograded as it is: the message says what to do."""


@dataclass
class AutogradeReport:
    """What one autograde run did."""

    graded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    broken: dict[str, str] = field(default_factory=dict)


def nbgrader_api(course: Path, results: Path) -> Any:
    """The API of nbgrader on the course, with its own config and the results folder set."""
    from nbgrader.apps import NbGraderAPI
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    config.SandboxGrade.results_dir = str(results)
    return NbGraderAPI(config=config)


def _grade_one(
    raw: dict[str, Any], assignment: str, isolation: str, timeout: float
) -> dict[str, Any]:
    return grade_notebook(raw, f"{assignment}.ipynb", assignment, isolation, timeout, True)


def _progress(console: Console, quiet: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=quiet,
    )


def autograde(
    assignment: str,
    course: Path,
    *,
    jobs: int = 2,
    force: bool = False,
    isolation: str = "auto",
    timeout: float = 10.0,
    quiet: bool = False,
    console: Console | None = None,
) -> AutogradeReport:
    """Grade every submission of ``assignment`` in ``course/submitted`` and record the points."""
    console = console or Console(stderr=True)
    if assignment not in TOPICS:
        raise CourseError(f"unknown assignment {assignment!r}: one of {', '.join(TOPICS)}")
    if not (course / "nbgrader_config.py").is_file():
        raise CourseError(f"{course} is not a neurograde course folder (no nbgrader_config.py)")
    if not (course / "release" / assignment).is_dir():
        raise CourseError(
            f"assignment {assignment!r} has not been released: run `nbgrader generate_assignment "
            f"{assignment}` in {course} first"
        )
    cache = ResultCache(course / RESULTS)
    report = AutogradeReport()
    todo: dict[str, tuple[dict[str, Any], str]] = {}
    for folder in sorted((course / "submitted").glob(f"*/{assignment}")):
        student = folder.parent.name
        path = folder / f"{assignment}.ipynb"
        try:
            raw = json.loads(path.read_bytes())
            if not isinstance(raw, dict):
                raise ValueError("not a notebook object")
        except (OSError, ValueError) as error:
            report.broken[student] = f"{path.name} cannot be read as a notebook: {error}"
            continue
        key = submission_key(raw, assignment)
        entry = cache.load(assignment, student)
        if not force and entry and entry.get("key") == key and entry.get("recorded"):
            report.skipped.append(student)
            continue
        todo[student] = (raw, key)

    with _progress(console, quiet) as progress:
        task = progress.add_task(f"grading {assignment}", total=len(todo), rate="")
        with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures: dict[Future[dict[str, Any]], str] = {
                pool.submit(_grade_one, raw, assignment, isolation, timeout): student
                for student, (raw, _) in todo.items()
            }
            for done, future in enumerate(as_completed(futures), start=1):
                student = futures[future]
                try:
                    cache.put(assignment, student, todo[student][1], future.result(), False)
                except Exception as error:  # a grading failure is listed, never a zero
                    report.broken[student] = f"grading failed: {type(error).__name__}: {error}"
                elapsed = progress.tasks[task].elapsed or 1e-9
                progress.update(task, completed=done, rate=f"{done / elapsed:.1f}/s")

        api = nbgrader_api(course, course / RESULTS)
        record = progress.add_task("recording in the gradebook", total=len(todo), rate="")
        for student in todo:
            if student not in report.broken:
                outcome = api.autograde(assignment, student, force=True, create=True)
                if outcome.get("success"):
                    raw, key = todo[student]
                    result = cache.get(assignment, student, key)
                    if result is not None:
                        cache.put(assignment, student, key, result, True)
                    report.graded.append(student)
                else:
                    log = (outcome.get("error") or outcome.get("log") or "").strip()
                    report.broken[student] = "nbgrader autograde failed: " + log[-400:]
            progress.advance(record)
    return report
