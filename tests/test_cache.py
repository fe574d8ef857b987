"""No stale grades: stored results are reused only when nothing that decides a grade changed.

In a copy of the project (so that its graders can be edited), a course with two assignments is
autograded; then a grader is fixed, a time limit and the isolation level are changed, and each
rerun grades again exactly the submissions the change affects and reuses the others.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from neurograde.paths import COURSE_SOURCE
from tests.submissions import REPO
from tests.test_course import fill, reference_answers

pytestmark = pytest.mark.slow

TOPICS = ("learning_rate", "neuron")


def run(project: Path, course: Path, command: list[str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=course,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(project)},
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


def autograde(project: Path, course: Path, topic: str, *options: str) -> dict[str, str]:
    """Each student's status (graded or skipped) in one `neurograde autograde` run."""
    log = course / "log.jsonl"
    command = ["neurograde.cli", "autograde", topic, "--quiet", "--log", str(log), *options]
    run(project, course, command)
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return {r["student"]: r["status"] for r in records if r["event"] == "submission"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's code and content, with a course of two released assignments."""
    root = tmp_path_factory.mktemp("project")
    skip = shutil.ignore_patterns("__pycache__")
    for folder in ("neurograde", "graders", "solutions", "exercises"):
        shutil.copytree(REPO / folder, root / folder, ignore=skip)
    course = root / "course"
    course.mkdir()
    shutil.copy(REPO / "course" / "nbgrader_config.py", course / "nbgrader_config.py")
    for topic in TOPICS:
        shutil.copytree(REPO / COURSE_SOURCE / topic, course / "source" / topic)
        run(root, course, ["nbgrader", "generate_assignment", topic, "--force"])
        release = nbformat.read(course / "release" / topic / f"{topic}.ipynb", as_version=4)
        for student, notebook in (
            ("ada", fill(release, reference_answers(topic))),
            ("bob", release),
        ):
            target = course / "submitted" / student / topic / f"{topic}.ipynb"
            target.parent.mkdir(parents=True)
            nbformat.write(notebook, target)
    return root


def test_a_changed_grader_or_setting_regrades_exactly_what_it_affects(project: Path) -> None:
    course = project / "course"
    both = {"ada": "graded", "bob": "graded"}
    reused = {"ada": "skipped", "bob": "skipped"}
    for topic in TOPICS:
        assert autograde(project, course, topic) == both
        assert autograde(project, course, topic) == reused

    # An instructor fixes the learning_rate grader: its submissions are graded again, the
    # neuron ones are reused.
    grader = project / "graders" / "learning_rate.py"
    grader.write_text(grader.read_text(encoding="utf-8") + "\n# fixed\n", encoding="utf-8")
    assert autograde(project, course, "learning_rate") == both
    assert autograde(project, course, "neuron") == reused

    # The reference of neuron changes: neuron is graded again.
    reference = project / "solutions" / "neuron.py"
    reference.write_text(reference.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert autograde(project, course, "neuron") == both

    # Settings that can change a score: the time limit, the isolation level.
    assert autograde(project, course, "learning_rate", "--timeout", "20") == both
    assert autograde(project, course, "learning_rate", "--timeout", "20") == reused
    assert autograde(project, course, "learning_rate", "--isolation", "rlimit") == both
    assert autograde(project, course, "learning_rate", "--isolation", "rlimit") == reused
