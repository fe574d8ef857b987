"""Time to grade the complete reference submission in process (median of 5 runs).

python benchmarks/grade_reference.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from neurograde.course import load_manifest
from neurograde.grading.grade import grade_submission
from neurograde.intake.submission import Submission
from neurograde.isolation.runner import InProcessRunner

MANIFEST = load_manifest()
TOPICS = MANIFEST.topics

REPO = Path(__file__).resolve().parents[1]


def reference_submission() -> Submission:
    sources = {t: (REPO / "solutions" / f"{t}.py").read_text(encoding="utf-8") for t in TOPICS}
    return Submission(list(TOPICS), sources)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    submission = reference_submission()
    times, score = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = grade_submission(submission, InProcessRunner())
        times.append(time.perf_counter() - started)
        score = f"{result.score:g}/{result.max_score:g}"
    print(f"graded the reference in process: score {score}, {len(result.functions)} functions")
    print(f"runs: {', '.join(f'{t:.2f}' for t in times)} s")
    print(f"median of {runs}: {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
