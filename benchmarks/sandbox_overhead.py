"""Sandboxed grading against in-process grading of the reference, in one run.

Prints the median of 5 whole-submission gradings at each level, the ratio to in-process, and
the median round trip of one call through the sandbox.

    python benchmarks/sandbox_overhead.py [--runs 5] [--calls 500]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from benchmarks.grade_reference import reference_submission
from neurograde.grading.grade import grade_submission
from neurograde.isolation.runner import InProcessRunner, Runner, Unavailable
from neurograde.isolation.sandbox import SandboxRunner, available_levels


def median_time(runner: Runner, runs: int) -> float:
    submission = reference_submission()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = grade_submission(submission, runner)
        times.append(time.perf_counter() - started)
        assert result.score == result.max_score, "the reference must get full marks"
    return statistics.median(times)


def round_trip(level: str, calls: int) -> float:
    with SandboxRunner(level) as runner:
        session = runner.open(reference_submission().sources)
        candidate = session.candidate("losses", "mse")
        assert not isinstance(candidate, Unavailable), candidate
        y = np.linspace(0.0, 1.0, 10)
        times = []
        for _ in range(calls):
            started = time.perf_counter()
            candidate(y, y)
            times.append(time.perf_counter() - started)
        session.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--calls", type=int, default=500)
    args = parser.parse_args()
    levels = [level for level, problem in available_levels().items() if problem is None]
    base = median_time(InProcessRunner(), args.runs)
    print(f"in process : {base:6.2f} s (median of {args.runs})")
    for level in levels:
        with SandboxRunner(level) as runner:
            sandboxed = median_time(runner, args.runs)
        trip = round_trip(level, args.calls)
        print(
            f"{level:<11}: {sandboxed:6.2f} s (median of {args.runs}), ratio "
            f"{sandboxed / base:.2f}, one call round trip {trip * 1e3:.3f} ms "
            f"(median of {args.calls})"
        )


if __name__ == "__main__":
    main()
