"""`neurograde demo`: the whole course cycle on the sample class, as the README's first command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from neurograde.course import load_manifest
from neurograde.nbgrader.demo import read_scores

MANIFEST = load_manifest()
TOPICS = MANIFEST.topics
POINTS = MANIFEST.points


@pytest.mark.slow
def test_demo_prints_the_grade_table_and_where_everything_is(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "neurograde.cli", "demo", str(tmp_path)],
        capture_output=True, text=True, timeout=1500, check=False,
        # A table as wide as a terminal's; a PATH without this interpreter's folder, as when a
        # venv's `neurograde` is called by its full path without activating the venv.
        env={**os.environ, "COLUMNS": "120", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Warning" not in done.stdout + done.stderr  # a clean console
    assert "not in session" not in done.stdout + done.stderr
    course = tmp_path / "course"
    scores = read_scores(course)
    for topic in TOPICS:
        total = float(sum(POINTS[topic].values()))
        assert scores["ada"][topic] == (total, total)  # the reference
        assert scores["bob"][topic][0] == 0.0  # the stub
        assert 0.0 < scores["cyd"][topic][0] < total  # one realistic mistake
        assert scores["dee"][topic][0] < total  # sys.exit earns nothing
        assert scores["eve"][topic][0] == 0.0  # the transformer cheat on a stub
    assert "Grades recorded in the nbgrader gradebook" in done.stdout
    # The first topic's column, whatever its width (the widest score sets it).
    first = TOPICS[0]
    points = f"{sum(POINTS[first].values()):g}"
    assert re.search(rf"│ ada +│ +{points}/{points} │", done.stdout), done.stdout
    assert str(course / "grades.csv") in done.stdout
    assert (course / "grades.csv").is_file()
    assert (course / "feedback" / "cyd" / "losses" / "losses.html").is_file()
    assert "not graded" not in done.stdout
