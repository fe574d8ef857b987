"""The floor of grading the reference submission, beside what grading it actually takes.

The floor is what cannot go away when learner code runs sandboxed:

- starting one sandboxed ``python -I`` that imports numpy (under bubblewrap where it works);
- forking one fresh process per function (43 for the whole course);
- the learner's own computation: the reference's answers to every call the graders make, timed
  in process (each call on its own copies of the arguments, the copying not counted).

Beside it, the actual time to grade the whole reference submission: in process, and at each
isolation level, with the corpus (warm: recorded by an earlier run in this process; and cold:
the first run, which records it) and without it (``NEUROGRADE_CORPUS=off``). The in-process
time is split into the calls (the learner's computation, the worker's bookkeeping around each
call and the arguments and replies crossing the boundary as JSON, which the in-process runner
does too, so that both runners see the same data) and the trusted side's checks of what came
back: none of it is in the floor. Medians of ``--runs``; every figure comes from this one run,
so the ratios compare like with like.

    python -m benchmarks.floor [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.grade_reference import reference_submission
from neurograde.grading import corpus
from neurograde.grading.grade import grade_submission
from neurograde.grading.registry import entries
from neurograde.grading.settings import GRADING
from neurograde.isolation import protocol, seam
from neurograde.isolation.runner import InProcessRunner, Runner
from neurograde.isolation.sandbox import (
    Limits,
    SandboxRunner,
    Zygote,
    available_levels,
    bwrap_arguments,
    copy_worker,
    numpy_folders,
)


def median(measure: Callable[[], float], runs: int) -> float:
    """The median of ``runs`` measurements."""
    return statistics.median(measure() for _ in range(runs))


def start_seconds(level: str, runs: int) -> float:
    """Starting a (sandboxed) ``python -I`` that imports numpy, and its exit."""
    with tempfile.TemporaryDirectory() as folder:
        worker_dir = copy_worker(Path(folder) / "worker")
        probe = f"import sys; sys.path[:0] = {numpy_folders()!r}; import numpy"
        sandbox = bwrap_arguments(worker_dir) if level == "bwrap" else []
        command = [*sandbox, sys.executable, "-I", "-c", probe]

        def once() -> float:
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            return time.perf_counter() - started

        return median(once, runs)


def fork_seconds(level: str, forks: int) -> float:
    """One fresh child of a running zygote (fork, and the socket handed back), median."""
    with tempfile.TemporaryDirectory() as folder:
        zygote = Zygote(level, Limits(), copy_worker(Path(folder) / "worker"))
        zygote.start()
        try:
            zygote.kill(zygote.spawn()[0])  # the zygote has imported numpy once this returns
            times = []
            for _ in range(forks):
                started = time.perf_counter()
                pid, channel = zygote.spawn()
                times.append(time.perf_counter() - started)
                channel.close()
                zygote.kill(pid)
        finally:
            zygote.close()
    return statistics.median(times)


def computation_seconds() -> tuple[float, int]:
    """The reference answering every recorded call, in process; and the number of calls."""
    total, calls = 0.0, 0
    for entry in entries():
        recorded = corpus.corpus_of(entry, GRADING)
        assert recorded is not None, f"the reference fails its own grader: {entry}"
        for args_data, kwargs_data in recorded.requests:
            args, kwargs = protocol.decode(args_data), protocol.decode(kwargs_data)
            args, kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
            started = time.perf_counter()
            # The bad calls of the errors property raise, as they should.
            with contextlib.suppress(Exception):
                entry.reference(*args, **kwargs)
            total += time.perf_counter() - started
            calls += 1
    return total, calls


def grading_seconds(runner: Runner, runs: int, use_corpus: bool) -> float:
    """The median time to grade the whole reference submission (full marks checked)."""
    os.environ[corpus.SWITCH] = "on" if use_corpus else "off"
    submission = reference_submission()

    def once() -> float:
        started = time.perf_counter()
        result = grade_submission(submission, runner)
        seconds = time.perf_counter() - started
        assert result.score == result.max_score, "the reference must get full marks"
        return seconds

    return median(once, runs)


@contextlib.contextmanager
def timed_calls() -> Iterator[dict[str, float]]:
    """Time spent in the in-process runner's batched calls, and in their JSON crossing."""
    spent = {"calls": 0.0, "json": 0.0}
    call_many, through_json = seam.InProcessCandidate.call_many, seam.through_json

    def timed_call_many(self: seam.InProcessCandidate, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return call_many(self, *args, **kwargs)
        finally:
            spent["calls"] += time.perf_counter() - started

    def timed_through_json(message: Any) -> Any:
        started = time.perf_counter()
        try:
            return through_json(message)
        finally:
            spent["json"] += time.perf_counter() - started

    seam.InProcessCandidate.call_many = timed_call_many  # type: ignore[method-assign]
    seam.through_json = timed_through_json
    try:
        yield spent
    finally:
        seam.InProcessCandidate.call_many = call_many  # type: ignore[method-assign]
        seam.through_json = through_json


def in_process_split(runs: int) -> tuple[float, float, float]:
    """The median run's total, time in calls and time crossing as JSON, in process (corpus on)."""
    os.environ[corpus.SWITCH] = "on"
    submission = reference_submission()
    measured = []
    with timed_calls() as spent:
        for _ in range(runs):
            spent["calls"] = spent["json"] = 0.0
            started = time.perf_counter()
            grade_submission(submission, InProcessRunner())
            measured.append((time.perf_counter() - started, spent["calls"], spent["json"]))
    return sorted(measured)[len(measured) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    levels = [level for level, problem in available_levels().items() if problem is None]
    functions = len(entries())
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 and 5 min), {functions} fns")

    os.environ[corpus.SWITCH] = "on"
    started = time.perf_counter()
    grade_submission(reference_submission(), InProcessRunner())
    cold = time.perf_counter() - started  # records the corpus in this process
    computation, calls = computation_seconds()
    in_process = grading_seconds(InProcessRunner(), runs, use_corpus=True)
    in_process_off = grading_seconds(InProcessRunner(), runs, use_corpus=False)
    total, in_calls, crossing = in_process_split(runs)
    print(f"learner's computation: {computation:.3f} s ({calls} calls of the reference)")
    print(
        f"in process: {in_process:.2f} s with the corpus (first run, recording it: {cold:.2f} s), "
        f"{in_process_off:.2f} s without"
    )
    print(
        f"in process, split (median of {runs}, {total:.2f} s): the trusted side's checks "
        f"{total - in_calls:.3f} s; the calls {in_calls:.3f} s = the learner's computation "
        f"{computation:.3f} s + JSON crossing {crossing:.3f} s + per-call bookkeeping "
        f"{in_calls - computation - crossing:.3f} s"
    )
    for level in levels:
        start = start_seconds(level, runs)
        fork = fork_seconds(level, 20)
        floor = start + functions * fork + computation
        with SandboxRunner(level) as runner:
            actual = grading_seconds(runner, runs, use_corpus=True)
            actual_off = grading_seconds(runner, runs, use_corpus=False)
        print(
            f"{level}: floor {floor:.2f} s = start {start:.3f} s + {functions} forks x "
            f"{fork * 1e3:.1f} ms + computation {computation:.3f} s; 1.5x the floor leaves "
            f"{floor / 2:.3f} s for all that is not in it (the trusted checks alone: "
            f"{total - in_calls:.3f} s)"
        )
        print(
            f"{level}: actual {actual:.2f} s with the corpus ({actual / floor:.2f}x the floor, "
            f"{actual / in_process:.2f}x in process), {actual_off:.2f} s without "
            f"({actual_off / floor:.2f}x the floor, {actual_off / in_process_off:.2f}x in process "
            "without)"
        )
    os.environ.pop(corpus.SWITCH, None)


if __name__ == "__main__":
    main()
