"""The entry point ``run_autograder`` calls: grade one upload on Gradescope, write results.json.

``python -m neurograde.gradescope.run [--root DIR]`` reads the zip's settings from
``DIR/source``, chooses the isolation level, finds the learner's file in ``DIR/submission``,
grades it in the sandbox and writes ``DIR/results/results.json``. What it prints is the log
instructors see on Gradescope (learners see only results.json). It exits 0 whenever the upload was
graded or turned down with a message, and 1 on a grading error (no score recorded). ``--check``
(run by ``setup.sh``) grades nothing: it checks the installation and reports the isolation levels.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from neurograde import __version__
from neurograde.gradescope.config import AutograderConfig, ConfigError
from neurograde.gradescope.results import (
    graded_results,
    grading_error_results,
    upload_problem_results,
)
from neurograde.gradescope.upload import UploadProblem, find_submission
from neurograde.grading.grade import grade_submission
from neurograde.grading.registry import entries
from neurograde.grading.settings import GradingSettings
from neurograde.grading.table import print_table
from neurograde.isolation.sandbox import (
    IsolationUnavailable,
    Limits,
    SandboxRunner,
    available_levels,
    bwrap_problem,
    downgrade_notice,
    resolve_isolation,
)

ROOT_VARIABLE = "NEUROGRADE_AUTOGRADER_ROOT"
DEFAULT_ROOT = "/autograder"
FALLBACK_NOTE = (
    "Note: the grading machine cannot run bubblewrap, the stronger sandbox, so your code ran at "
    "the rlimit level (limits on time, memory and output). Your score is the same at every level."
)


class GradingError(RuntimeError):
    """The autograder cannot grade (not the learner's fault): no score may be recorded."""


def log(message: str) -> None:
    """One line of the instructors' log (the standard output Gradescope keeps)."""
    print(f"neurograde: {message}", flush=True)


def choose_isolation(config: AutograderConfig) -> tuple[str, list[str]]:
    """The isolation level to grade at, and what the learner is told about it."""
    try:
        if config.isolation != "auto":
            return resolve_isolation(config.isolation), []
        problem = bwrap_problem()
        if problem is None:
            return "bwrap", []
        level = resolve_isolation("rlimit")
    except IsolationUnavailable as error:
        raise GradingError(str(error)) from None
    log(
        f"FALLBACK: bubblewrap cannot run here ({problem}); graded at the rlimit level, and the "
        "learner is told. Build the zip with `--isolation bwrap` to make this a grading error."
    )
    log(downgrade_notice("auto", level) or "")
    return level, [FALLBACK_NOTE]


def _installed(config: AutograderConfig) -> None:
    if config.version != __version__:
        raise GradingError(
            f"the zip was built with neurograde {config.version} but {__version__} is installed: "
            "setup.sh did not install the wheel of the zip"
        )


def grade_upload(root: Path, started: float) -> tuple[dict[str, Any], int]:
    """Grade the upload in ``root``: results.json's content and the exit code."""
    config = AutograderConfig.read(root / "source")
    _installed(config)
    log(
        f"neurograde {__version__}, assignment {config.assignment}: feedback {config.visibility}, "
        f"expected values {'shown' if config.show_expected else 'hidden'}, isolation "
        f"{config.isolation}, timeout {config.timeout:g} s"
    )
    level, notes = choose_isolation(config)
    try:
        path, submission = find_submission(root / "submission", config)
    except UploadProblem as problem:
        log(f"not graded, 0 points: {problem}")
        return upload_problem_results(str(problem), config, time.perf_counter() - started), 0
    uploaded = str(path.relative_to(root / "submission"))
    log(f"grading {uploaded} at the {level} level")
    runner = SandboxRunner(level, Limits.for_timeout(config.timeout))
    try:
        result = grade_submission(
            submission, runner, GradingSettings(show_expected=config.show_expected)
        )
    finally:
        runner.close()
    print_table(result, title=uploaded, console=Console(soft_wrap=False, width=140))
    if result.grader_errors:
        reasons = "; ".join(f"{f.qualified_name}: {f.grader_error}" for f in result.grader_errors)
        raise GradingError(f"the grader failed on {reasons}")
    return graded_results(result, config, notes, uploaded), 0


def check(root: Path) -> int:
    """After setup: the installation matches the zip, the graders load, and the levels work."""
    try:
        config = AutograderConfig.read(root / "source")
        _installed(config)
        functions = entries([config.assignment])
    except (ConfigError, GradingError) as error:
        log(f"error: {error}")
        return 1
    log(
        f"neurograde {__version__} installed in {sys.prefix}; assignment {config.assignment}: "
        f"{len(functions)} functions, {config.max_score:g} points"
    )
    levels = available_levels()
    for level, problem in levels.items():
        log(f"isolation {level}: {'available' if problem is None else problem}")
    if config.isolation != "auto" and levels[config.isolation] is not None:
        log(
            f"error: this zip requires the {config.isolation} level, which cannot run in this "
            "image: every submission would be a grading error. Rebuild the zip with "
            "`--isolation auto` or use an image where it runs."
        )
        return 1
    if levels["bwrap"] is not None:
        log("bubblewrap cannot run here: submissions will be graded at the rlimit level")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Grade the upload (or ``--check`` the installation); the exit code for run_autograder."""
    parser = argparse.ArgumentParser(
        prog="python -m neurograde.gradescope.run",
        description="Grade the upload in ROOT/submission into ROOT/results/results.json.",
    )
    parser.add_argument(
        "--root",
        default=os.environ.get(ROOT_VARIABLE, DEFAULT_ROOT),
        help=f"Gradescope's folder (default: ${ROOT_VARIABLE}, else {DEFAULT_ROOT})",
    )
    parser.add_argument("--check", action="store_true", help="check the installation only")
    args = parser.parse_args(argv)
    root = Path(args.root)
    if args.check:
        return check(root)
    started = time.perf_counter()
    isolation = None
    try:
        results, code = grade_upload(root, started)
        isolation = results.get("extra_data", {}).get("isolation")
    except (ConfigError, GradingError) as error:
        log(f"GRADING ERROR (no score recorded): {error}")
        results, code = grading_error_results(str(error), time.perf_counter() - started), 1
    except Exception as error:  # a failure of the autograder is never the learner's zero
        traceback.print_exc(file=sys.stdout)
        reason = f"{type(error).__name__}: {error}"
        log(f"GRADING ERROR (no score recorded): {reason}")
        results, code = grading_error_results(reason, time.perf_counter() - started), 1
    folder = root / "results"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(
        json.dumps(results, indent=2, allow_nan=False) + "\n", encoding="utf-8"
    )
    if "score" in results:
        log(
            f"results written: {results['score']:g}/{results['extra_data']['max_score']:g} "
            f"(isolation: {isolation or 'none'}, {results['execution_time']:.1f} s)"
        )
    else:
        log("results written: a grading error, no score; regrade once the cause is fixed")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
