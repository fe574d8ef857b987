"""The ``neurograde`` command: a thin layer over the Python API, sharing its defaults."""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from neurograde import build as build_module
from neurograde.build.markers import MarkerError
from neurograde.gradescope.config import ISOLATIONS, VISIBILITIES
from neurograde.isolation.sandbox import Limits
from neurograde.paths import REPO_ROOT

if TYPE_CHECKING:
    from collections.abc import Callable

    from neurograde.isolation.runner import Runner

# The default wall-clock limit of one call: the sandbox's own.
DEFAULT_TIMEOUT = Limits.call_timeout

# Top-level modules of the `course` extra: a command that needs one says which extra to install.
COURSE_MODULES = frozenset(
    {"nbgrader", "nbconvert", "traitlets", "jupyter_client", "matplotlib", "dask", "distributed"}
)


def default(function: Callable[..., object], parameter: str) -> object:
    """The default of ``function``'s ``parameter``: the command shares the Python API's."""
    return inspect.signature(function).parameters[parameter].default


def _cmd_build(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    try:
        if args.check:
            problems = build_module.stale(root)
            for problem in problems:
                print(f"stale: {problem}", file=sys.stderr)
            if problems:
                print(
                    f"{len(problems)} generated file(s) are stale: run `neurograde build`.",
                    file=sys.stderr,
                )
                return 1
            print("All generated files are up to date.")
            return 0
        written = build_module.build(root)
    except MarkerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    print(f"{len(written)} file(s) written." if written else "Nothing to do: all up to date.")
    return 0


def _runner(args: argparse.Namespace) -> Runner:
    from neurograde.isolation.runner import InProcessRunner
    from neurograde.isolation.sandbox import Limits, SandboxRunner

    if args.isolation == "none":
        return InProcessRunner()
    return SandboxRunner(args.isolation, Limits.for_timeout(args.timeout))


def _cmd_grade(args: argparse.Namespace) -> int:
    from neurograde.grading.grade import grade_submission
    from neurograde.grading.settings import GradingSettings
    from neurograde.grading.table import print_table
    from neurograde.intake import SubmissionError, load_submission
    from neurograde.isolation.sandbox import IsolationUnavailable, SandboxRunner, downgrade_notice

    path = Path(args.path)
    try:
        submission = load_submission(path)
        runner = _runner(args)
    except (SubmissionError, IsolationUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    notice = downgrade_notice(args.isolation, runner.isolation)
    if notice is not None:  # never a silent downgrade: said before grading starts
        print(notice, file=sys.stderr)
    try:
        result = grade_submission(
            submission, runner, GradingSettings(show_expected=not args.hide_expected)
        )
    finally:
        if isinstance(runner, SandboxRunner):
            runner.close()
    print_table(result, title=f"{path.name} — isolation: {result.isolation}")
    if args.json:
        result.write_json(Path(args.json), show_expected=not args.hide_expected)
        print(f"results written to {args.json}")
    if result.grader_errors:
        print(
            f"warning: {len(result.grader_errors)} function(s) could not be graded (grader error, "
            "no score recorded); tell the course's maintainers.",
            file=sys.stderr,
        )
    return 0


def _cmd_autograde(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape

    from neurograde.isolation.sandbox import IsolationUnavailable
    from neurograde.nbgrader.autograde import CourseError, autograde

    console = Console(stderr=True)
    try:
        log = open(args.log, "w", encoding="utf-8") if args.log else None  # noqa: SIM115
    except OSError as error:
        print(f"error: cannot write the log {args.log}: {error}", file=sys.stderr)
        return 2
    try:
        report = autograde(
            args.assignment,
            Path(args.course).resolve(),
            jobs=args.jobs,
            force=args.force,
            isolation=args.isolation,
            timeout=args.timeout,
            quiet=args.quiet,
            console=console,
            scheduler=args.scheduler,
            log=log,
        )
    except (CourseError, IsolationUnavailable) as error:
        if log is not None:
            log.write(json.dumps({"event": "error", "error": str(error)}) + "\n")
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        if log is not None:
            log.close()
    print(report.summary(args.assignment))
    for student, reason in sorted(report.broken.items()):
        console.print(f"[red]not graded[/red] {escape(student)}: {escape(reason)}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from rich.console import Console

    from neurograde.nbgrader.autograde import CourseError
    from neurograde.nbgrader.demo import demo, print_demo

    console = Console()
    try:
        result = demo(Path(args.dir) if args.dir else None, jobs=args.jobs, console=console)
    except CourseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print_demo(result, console)
    return 0


def _cmd_doctor(args: argparse.Namespace) -> int:
    from neurograde.doctor import diagnose

    found = diagnose()
    print("\n".join(found.lines))
    return 0 if found.strongest else 1


def _cmd_report(args: argparse.Namespace) -> int:
    from neurograde.nbgrader.autograde import CourseError
    from neurograde.nbgrader.report import report

    try:
        written = report(
            args.assignment, Path(args.course).resolve(), Path(args.out) if args.out else None
        )
    except CourseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{args.assignment}: report on {written.students} submission(s) in {written.html}")
    print(f"CSV: {written.csv}")
    return 0


def _cmd_gradescope(args: argparse.Namespace) -> int:
    from neurograde.gradescope.config import ConfigError
    from neurograde.gradescope.package import (
        Options,
        PackageError,
        build_autograder,
        course_assignments,
    )

    course = Path(args.course).resolve()
    options = Options(
        visibility=args.visibility,
        show_expected=not args.hide_expected,
        isolation=args.isolation,
        timeout=args.timeout,
    )
    if args.all == (args.assignment is not None):
        print("error: name one ASSIGNMENT, or give --all (not both)", file=sys.stderr)
        return 2
    if args.all:
        assignments = course_assignments(course)
        if not assignments:
            print(f"error: {course} holds no assignment in source/: give --course", file=sys.stderr)
            return 2
        folder = Path(args.out) if args.out else course / "gradescope"
        targets = {a: folder / a / "autograder.zip" for a in assignments}
    else:
        default = course / "gradescope" / args.assignment / "autograder.zip"
        targets = {args.assignment: Path(args.out) if args.out else default}
    for assignment, out in targets.items():
        try:
            build_autograder(assignment, course, out, options)
        except (PackageError, ConfigError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(f"{assignment}: wrote {out}")
    print(
        "Upload each zip in Gradescope (assignment → Configure Autograder → Zip file upload); "
        "see README, 'Grading on Gradescope'."
    )
    return 0


def _assignment_and_course(parser: argparse.ArgumentParser) -> None:
    """The assignment and the nbgrader course folder: report and autograde share them."""
    parser.add_argument("assignment", help="the assignment (neuron, learning_rate, …)")
    parser.add_argument("--course", default=".", help="the nbgrader course folder (default: .)")


def _timeout(parser: argparse.ArgumentParser, default: object, budget: bool = True) -> None:
    """``--timeout``: one call's wall-clock limit (the function's budget follows from it)."""
    whole = "; a function gets max(60, 6 x S) in all" if budget else ""
    parser.add_argument(
        "--timeout",
        type=float,
        default=default,
        metavar="S",
        help=f"wall-clock seconds one call may take{whole} (default: %(default)s)",
    )


def _hide_expected(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--hide-expected",
        action="store_true",
        help="do not show the reference's expected values in feedback",
    )


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of every ``neurograde`` sub-command."""
    # Defaults come from the Python API's signatures; these modules import no course tool.
    from neurograde.nbgrader.autograde import autograde
    from neurograde.nbgrader.demo import demo as demo_function

    parser = argparse.ArgumentParser(
        prog="neurograde", description="Auto-graded neural-network exercises."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser(
        "build", help="generate the learner stubs (and notebooks) from solutions/"
    )
    build.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and name every stale generated file",
    )
    build.add_argument(
        "--root",
        default=str(REPO_ROOT),
        help="the project folder holding solutions/ (default: this checkout)",
    )
    build.set_defaults(handler=_cmd_build)

    grade = commands.add_parser(
        "grade",
        help="grade a submission: a folder like exercises/, one topic module, or a notebook",
        description="Grade a submission in a sandbox and print a table; exit 0 whenever "
        "grading completed, whatever the score.",
    )
    grade.add_argument("path", help="folder, topic module (.py) or assignment notebook (.ipynb)")
    grade.add_argument("--json", metavar="OUT", help="also write Gradescope-format results.json")
    grade.add_argument(
        "--isolation",
        choices=["auto", "bwrap", "rlimit", "none"],
        default="auto",
        help="how learner code is isolated: auto (strongest available), bwrap, rlimit; none "
        "runs it in this process and is for trusted code only (default: auto)",
    )
    _timeout(grade, DEFAULT_TIMEOUT)
    _hide_expected(grade)
    grade.set_defaults(handler=_cmd_grade)

    auto = commands.add_parser(
        "autograde",
        help="grade every submission of an assignment in submitted/ into nbgrader's gradebook",
        description="Grade a class in sandboxes, in parallel, and record the points in the "
        "course's nbgrader gradebook; unchanged submissions are not graded again.",
    )
    _assignment_and_course(auto)
    auto.add_argument(
        "--jobs",
        type=int,
        default=default(autograde, "jobs"),
        help="submissions graded at once (default: %(default)s)",
    )
    auto.add_argument("--force", action="store_true", help="grade unchanged submissions again")
    auto.add_argument(
        "--isolation",
        choices=["auto", "bwrap", "rlimit"],
        default="auto",
        help="how learner code is isolated (default: auto, the strongest available)",
    )
    _timeout(auto, default(autograde, "timeout"))
    auto.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="grade on a Dask distributed cluster (e.g. tcp://host:8786) instead of --jobs "
        "local processes; its workers need neurograde installed",
    )
    auto.add_argument("--quiet", action="store_true", help="no progress bar")
    auto.add_argument(
        "--log",
        metavar="FILE",
        help="write a JSON-lines log: one line per submission, then a summary line",
    )
    auto.set_defaults(handler=_cmd_autograde)

    demo = commands.add_parser(
        "demo",
        help="build the course, release it, autograde a sample class and print the grades",
    )
    demo.add_argument("dir", nargs="?", help="where to put the course (default: a new temp folder)")
    demo.add_argument(
        "--jobs",
        type=int,
        default=default(demo_function, "jobs"),
        help="gradings at once (default: %(default)s)",
    )
    demo.set_defaults(handler=_cmd_demo)

    report = commands.add_parser(
        "report",
        help="write an HTML report (with plots) and a CSV on an autograded assignment",
        description="Report on an assignment from the results `neurograde autograde` stored and "
        "the gradebook: grade distribution, pass rate per function, the most frequent "
        "misconceptions and messages, timeouts and crashes; plus one CSV row per student and "
        "function.",
    )
    _assignment_and_course(report)
    report.add_argument(
        "--out", metavar="DIR", help="where to write it (default: COURSE/reports/ASSIGNMENT)"
    )
    report.set_defaults(handler=_cmd_report)

    gradescope = commands.add_parser(
        "gradescope",
        help="build a Gradescope autograder zip for an assignment",
        description="Write autograder.zip for Gradescope: setup.sh, run_autograder, the "
        "settings and a wheel of this neurograde holding only the assignment's graders.",
    )
    gradescope.add_argument("assignment", nargs="?", help="the assignment (neuron, losses, …)")
    gradescope.add_argument(
        "--all", action="store_true", help="one zip per assignment of the course"
    )
    gradescope.add_argument(
        "--course", default=".", help="the nbgrader course folder, holding source/ (default: .)"
    )
    gradescope.add_argument(
        "--out",
        metavar="PATH",
        help="the zip to write (default: COURSE/gradescope/ASSIGNMENT/autograder.zip); with "
        "--all, the folder that receives ASSIGNMENT/autograder.zip (default: COURSE/gradescope)",
    )
    gradescope.add_argument(
        "--visibility",
        choices=VISIBILITIES,
        default="visible",
        help="when learners see the per-function feedback (default: visible)",
    )
    _hide_expected(gradescope)
    gradescope.add_argument(
        "--isolation",
        choices=ISOLATIONS,
        default="auto",
        help="auto: bubblewrap where it runs on Gradescope, else the rlimit level (and the "
        "results say so); bwrap: bubblewrap or a grading error (default: auto)",
    )
    _timeout(gradescope, DEFAULT_TIMEOUT, budget=False)
    gradescope.set_defaults(handler=_cmd_gradescope)

    doctor = commands.add_parser(
        "doctor",
        help="print what this machine can enforce on learner code; exit 1 without bubblewrap",
        description="Each isolation level and why it is or is not available, user namespaces, "
        "seccomp, the limits, and the nbgrader and Chromium versions. Exits 1 when the "
        "strongest level (bubblewrap) is missing.",
    )
    doctor.set_defaults(handler=_cmd_doctor)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``neurograde`` with ``argv`` (default: the command line) and return its exit code."""
    args = make_parser().parse_args(argv)
    handler = args.handler
    try:
        code: int = handler(args)
    except ModuleNotFoundError as error:
        missing = (error.name or "").split(".")[0]
        if missing not in COURSE_MODULES:
            raise
        print(
            f"error: `neurograde {args.command}` needs the course tools, which are not installed "
            f"here (no module {missing!r}): python -m pip install 'neurograde[course]'",
            file=sys.stderr,
        )
        return 2
    return code


if __name__ == "__main__":
    raise SystemExit(main())
