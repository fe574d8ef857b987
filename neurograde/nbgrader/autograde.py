"""``neurograde autograde``: grade a class's submissions in sandboxes, in parallel, into nbgrader.

Two overlapping phases. Every changed submission in ``submitted/`` is graded in its own
sandbox, in parallel worker processes, and the result is stored (``.neurograde/results`` in the
course). As each result arrives (while the workers grade the rest), nbgrader's own ``Autograde``
runs for it, one submission after the other, with the course's
:class:`~neurograde.nbgrader.preprocessor.SandboxGrade` in place of ``Execute``: it finds the stored
result and writes the points into the test cells, and nbgrader records them in its gradebook
(only this coordinating process writes to it). One broken submission never stops the class: it
is listed at the end. Submissions graded and recorded before are skipped unless ``force``.

With ``scheduler`` (the address of a Dask distributed scheduler) the first phase runs on the
cluster's workers instead of local processes: each submission is the same independent, pure task
(notebook JSON in, results.json out), the workers need neurograde installed (the same version) and
bubblewrap, and only this process writes the results cache and the gradebook. ``log`` writes a
JSON-lines record of every submission as its outcome is final, then a summary line.

The isolation level is settled once, at the start: ``auto`` picks the strongest level that works
(on every Dask worker), says so when that is not bubblewrap, and the workers grade at exactly that
level. It appears in the summary line, the log and every stored results.json.
"""

from __future__ import annotations

import json
import os
import sys
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from neurograde import __version__
from neurograde.course import load_manifest
from neurograde.isolation.sandbox import (
    IsolationUnavailable,
    Limits,
    downgrade_notice,
    resolve_isolation,
)
from neurograde.nbgrader.cache import ResultCache, submission_key
from neurograde.nbgrader.task import grade_notebook, grading_settings

MANIFEST = load_manifest()
TOPICS = MANIFEST.topics

if TYPE_CHECKING:
    from distributed import Client

RESULTS = Path(".neurograde") / "results"
# Seconds to wait for a Dask scheduler to answer, then for at least one worker to join it.
CONNECT_TIMEOUT = 10.0
WORKERS_TIMEOUT = 30.0

# What grading one submission gave: its result (results.json) or why it failed.
Outcome = dict[str, Any] | Exception


class CourseError(RuntimeError):
    """The course folder cannot be autograded as it is: the message says what to do."""


@dataclass
class AutogradeReport:
    """What one autograde run did."""

    graded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    broken: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    "Wall-clock seconds of the whole run."
    isolation: str = ""
    "The isolation level learner code ran at (``bwrap`` or ``rlimit``)."

    def summary(self, assignment: str) -> str:
        """One line: how many were graded, skipped and not graded, in how long, how isolated."""
        graded = len(self.graded)
        rate = f", {graded / self.seconds:.2f} graded/s" if graded and self.seconds > 0 else ""
        return (
            f"{assignment}: {len(self.graded)} graded, {len(self.skipped)} unchanged (skipped), "
            f"{len(self.broken)} not graded in {self.seconds:.1f} s{rate}; "
            f"isolation {self.isolation}"
        )


class _Log:
    """The JSON-lines log: one line per submission once its outcome is final, then a summary."""

    def __init__(self, stream: IO[str] | None, assignment: str) -> None:
        self.stream = stream
        self.assignment = assignment

    def write(self, record: dict[str, Any]) -> None:
        if self.stream is not None:
            self.stream.write(json.dumps(record, allow_nan=False) + "\n")
            self.stream.flush()

    def submission(
        self,
        student: str,
        status: str,
        *,
        result: dict[str, Any] | None = None,
        reason: str | None = None,
    ) -> None:
        record: dict[str, Any] = {
            "event": "submission",
            "assignment": self.assignment,
            "student": student,
            "status": status,
        }
        if result is not None:
            record["score"] = result.get("score")
            record["max_score"] = result.get("max_score")
            record["seconds"] = result.get("execution_time")
            record["isolation"] = (result.get("extra_data") or {}).get("isolation")
        if reason is not None:
            record["reason"] = reason
        self.write(record)


def interpreter_on_path() -> None:
    """Put this interpreter's script folders first on ``PATH``: nbgrader runs ``alembic`` from it.

    Called by full path from a virtual environment that is not activated (or installed with
    pipx), neurograde would otherwise make nbgrader fail with FileNotFoundError: 'alembic'. The
    base installation's folder counts too: a venv made with ``--system-site-packages`` may use
    its nbgrader (and alembic).
    """
    path = os.environ.get("PATH", "")
    present = path.split(os.pathsep) if path else []
    folders = [str(Path(sys.executable).parent), str(Path(sys.base_prefix) / "bin")]
    missing = [f for f in dict.fromkeys(folders) if f not in present]
    if missing:
        os.environ["PATH"] = os.pathsep.join(missing + present)


def record_quietly(api: Any, assignment: str, student: str) -> dict[str, Any]:
    """Record one stored result with nbgrader's ``autograde``, without SQLAlchemy's noise.

    nbgrader 0.9's gradebook builds a new ``SubmittedAssignment`` (and its notebooks) and reads
    their relationships before adding them to the session; SQLAlchemy 2 warns each time that the
    back-reference "will not proceed" ("Object of type <SubmittedAssignment> not in session").
    nbgrader adds the objects itself right after, so the grades are recorded all the same
    (tests/test_course.py reads them back): exactly those warnings are silenced, nothing else.
    """
    from sqlalchemy.exc import SAWarning

    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore",
            message=r"Object of type <Submitted(Assignment|Notebook)> not in session",
            category=SAWarning,
        )
        outcome: dict[str, Any] = api.autograde(assignment, student, force=True, create=True)
    return outcome


def course_config(course: Path) -> Any:
    """The course's nbgrader configuration (``nbgrader_config.py``)."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()


def nbgrader_api(
    course: Path, results: Path, isolation: str | None = None, timeout: float | None = None
) -> Any:
    """The API of nbgrader on the course, with its own config and the results folder set.

    ``isolation`` and ``timeout`` replace the course's SandboxGrade settings, so that its lookup
    of stored results uses the key the results were stored under.
    """
    from nbgrader.apps import NbGraderAPI

    interpreter_on_path()
    config = course_config(course)
    config.CourseDirectory.root = str(course)
    config.SandboxGrade.results_dir = str(results)
    if isolation is not None:
        config.SandboxGrade.isolation = isolation
    if timeout is not None:
        config.SandboxGrade.call_timeout = timeout
    return NbGraderAPI(config=config)


def _grade_one(raw: dict[str, Any], assignment: str, settings: dict[str, Any]) -> dict[str, Any]:
    """The task: grade one notebook's JSON (on a worker process or machine)."""
    return grade_notebook(
        raw,
        f"{assignment}.ipynb",
        assignment,
        settings["isolation"],
        settings["call_timeout"],
        settings["show_expected"],
    )


def _worker_isolation(asked: str) -> dict[str, str | None]:
    """The level a worker would grade at for ``asked``, and what is wrong with the strongest."""
    try:
        level: str | None = resolve_isolation(asked)
        problem = downgrade_notice(asked, level) if level else None
    except IsolationUnavailable as error:
        level, problem = None, str(error)
    return {"level": level, "problem": problem}


def _worker_version() -> str:
    """The version of neurograde a worker grades with."""
    return __version__


def _outcome(future: Any) -> Outcome:
    try:
        result = future.result()
    except Exception as error:  # a grading failure is listed, never a zero
        return error
    return result if isinstance(result, dict) else TypeError("the task returned no result")


def _in_processes(
    work: dict[str, dict[str, Any]], assignment: str, settings: dict[str, Any], jobs: int
) -> Iterator[tuple[str, Outcome]]:
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures: dict[Future[dict[str, Any]], str] = {
            pool.submit(_grade_one, raw, assignment, settings): student
            for student, raw in work.items()
        }
        for future in as_completed(futures):
            yield futures[future], _outcome(future)


def connect(scheduler: str) -> Client:
    """A client of the Dask scheduler at ``scheduler`` with neurograde on every worker."""
    try:
        from distributed import Client
    except ImportError as error:
        raise CourseError(
            "--scheduler needs Dask distributed: pip install 'neurograde[course]'"
        ) from error
    hint = (
        f"start a scheduler with `dask scheduler` and workers with `dask worker {scheduler}` "
        "on machines with neurograde installed, or leave out --scheduler to grade in local "
        "processes"
    )
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except Exception as error:  # refused, timed out, bad address, not a Dask scheduler
        raise CourseError(
            f"cannot reach the Dask scheduler at {scheduler} ({type(error).__name__}: {error}): "
            + hint
        ) from error
    try:
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
        except Exception as error:
            raise CourseError(
                f"the Dask scheduler at {scheduler} has no worker after {WORKERS_TIMEOUT:g} s: "
                + hint
            ) from error
        try:
            versions: dict[str, str] = client.run(_worker_version)
        except Exception as error:
            raise CourseError(
                f"the Dask workers of {scheduler} cannot run neurograde "
                f"({type(error).__name__}: {error}): install neurograde {__version__} "
                "(pip install 'neurograde[course]') on every worker machine"
            ) from error
        other = sorted(f"{worker} has {v}" for worker, v in versions.items() if v != __version__)
        if other:
            raise CourseError(
                f"Dask workers grade with another neurograde version than this one "
                f"({__version__}): {'; '.join(other)}; install the same version everywhere"
            )
    except BaseException:
        client.close()
        raise
    return client


def cluster_isolation(client: Client, asked: str) -> tuple[str, str | None]:
    """The one level every Dask worker grades at for ``asked``, and the downgrade notice."""
    found: dict[str, dict[str, str | None]] = client.run(_worker_isolation, asked)
    failing = sorted(f"{w}: {f['problem']}" for w, f in found.items() if f["level"] is None)
    if failing:
        raise CourseError("Dask workers cannot grade at that level: " + "; ".join(failing))
    levels = {str(f["level"]) for f in found.values()}
    if len(levels) > 1:
        raise CourseError(
            f"the Dask workers would grade at different isolation levels ({sorted(levels)}): "
            "install bubblewrap on every worker, or pass --isolation rlimit knowingly"
        )
    notices = sorted({str(f["problem"]) for f in found.values() if f["problem"]})
    return levels.pop(), "; ".join(notices) or None


def _on_cluster(
    client: Client, work: dict[str, dict[str, Any]], assignment: str, settings: dict[str, Any]
) -> Iterator[tuple[str, Outcome]]:
    from distributed import as_completed as completed

    # pure=False: two identical notebooks are still two tasks, each with its own student.
    futures = {
        client.submit(_grade_one, raw, assignment, settings, pure=False): student
        for student, raw in work.items()
    }
    try:
        for future in completed(futures, loop=client.loop):
            yield futures[future], _outcome(future)
    finally:
        client.cancel(list(futures))


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
    timeout: float = Limits.call_timeout,
    quiet: bool = False,
    console: Console | None = None,
    scheduler: str | None = None,
    log: IO[str] | None = None,
) -> AutogradeReport:
    """Grade every submission of ``assignment`` in ``course/submitted`` and record the points.

    ``scheduler``: the address of a Dask distributed scheduler to grade on instead of ``jobs``
    local processes. ``log``: where to write the JSON-lines log.
    """
    start = time.monotonic()
    console = console or Console(stderr=True)
    if assignment in MANIFEST.labs:
        raise CourseError(f"{assignment} is an ungraded lab: it has nothing to grade")
    if assignment not in TOPICS:
        raise CourseError(f"unknown assignment {assignment!r}: one of {', '.join(TOPICS)}")
    if not (course / "nbgrader_config.py").is_file():
        raise CourseError(f"{course} is not a neurograde course folder (no nbgrader_config.py)")
    if not (course / "release" / assignment).is_dir():
        raise CourseError(
            f"assignment {assignment!r} has not been released: run `nbgrader generate_assignment "
            f"{assignment}` in {course} first"
        )
    client = connect(scheduler) if scheduler else None
    try:
        if client is None:
            level = resolve_isolation(isolation)
            notice = downgrade_notice(isolation, level)
        else:
            level, notice = cluster_isolation(client, isolation)
        if notice is not None:  # never a silent downgrade: said before anything is graded
            console.print(f"[yellow]{escape(notice)}[/yellow]")
        show = bool(course_config(course).get("SandboxGrade", {}).get("show_expected", True))
        settings = grading_settings(level, timeout, show)
        report = _autograde(assignment, course, jobs, force, settings, quiet, console, client, log)
    finally:
        if client is not None:
            client.close()
    report.seconds = time.monotonic() - start
    report.isolation = level
    _Log(log, assignment).write(
        {
            "event": "summary",
            "assignment": assignment,
            "graded": len(report.graded),
            "skipped": len(report.skipped),
            "broken": len(report.broken),
            "total": len(report.graded) + len(report.skipped) + len(report.broken),
            "seconds": round(report.seconds, 3),
            "scheduler": scheduler,
            "isolation": level,
        }
    )
    return report


def _autograde(
    assignment: str,
    course: Path,
    jobs: int,
    force: bool,
    settings: dict[str, Any],
    quiet: bool,
    console: Console,
    client: Client | None,
    stream: IO[str] | None,
) -> AutogradeReport:
    cache = ResultCache(course / RESULTS)
    report = AutogradeReport()
    log = _Log(stream, assignment)
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
            log.submission(student, "broken", reason=report.broken[student])
            continue
        key = submission_key(raw, assignment, settings)
        entry = cache.load(assignment, student)
        if not force and entry and entry.get("key") == key and entry.get("recorded"):
            report.skipped.append(student)
            log.submission(student, "skipped")
            continue
        todo[student] = (raw, key)

    with _progress(console, quiet) as progress:
        where = " on the Dask cluster" if client is not None else ""
        task = progress.add_task(f"grading {assignment}{where}", total=len(todo), rate="")
        work = {student: raw for student, (raw, _) in todo.items()}
        # Each result is recorded as soon as it arrives, while the workers grade the rest: the
        # recording (nbgrader's Autograde, one notebook at a time in this process) overlaps the
        # grading instead of following it.
        api = nbgrader_api(
            course, course / RESULTS, settings["isolation"], settings["call_timeout"]
        )
        record = progress.add_task("recording in the gradebook", total=len(todo), rate="")

        def record_one(student: str) -> None:
            if student not in report.broken:
                outcome = record_quietly(api, assignment, student)
                if outcome.get("success"):
                    key = todo[student][1]
                    result = cache.get(assignment, student, key)
                    if result is not None:
                        cache.put(assignment, student, key, result, True)
                    report.graded.append(student)
                    log.submission(student, "graded", result=result)
                else:
                    text = (outcome.get("error") or outcome.get("log") or "").strip()
                    report.broken[student] = "nbgrader autograde failed: " + text[-400:]
                    log.submission(student, "broken", reason=report.broken[student])
            progress.advance(record)

        outcomes = (
            _on_cluster(client, work, assignment, settings)
            if client is not None
            else _in_processes(work, assignment, settings, jobs)
        )
        for done, (student, outcome) in enumerate(outcomes, start=1):
            if isinstance(outcome, Exception):
                report.broken[student] = f"grading failed: {type(outcome).__name__}: {outcome}"
            elif outcome.get("extra_data", {}).get("grader_version") != __version__:
                report.broken[student] = (
                    "grading failed: graded by another neurograde version than this one "
                    f"({__version__}): install the same version on every worker"
                )
            else:
                cache.put(assignment, student, todo[student][1], outcome, False)
            if student in report.broken:
                log.submission(student, "broken", reason=report.broken[student])
            elapsed = progress.tasks[task].elapsed or 1e-9
            progress.update(task, completed=done, rate=f"{done / elapsed:.1f}/s")
            record_one(student)
    report.graded.sort()
    return report
