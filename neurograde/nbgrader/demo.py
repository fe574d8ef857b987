"""``neurograde demo``: the whole course cycle on a sample class, with nbgrader's own tools.

Build the course into a folder, release the five assignments with ``nbgrader
generate_assignment``, submit a sample class (the reference, the stub, a realistic mistake and
two cheats per assignment), autograde it in sandboxes, generate the feedback, export the grades,
and print the grade table.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from neurograde.build import build
from neurograde.course import load_manifest
from neurograde.nbgrader.autograde import (
    RESULTS,
    AutogradeReport,
    CourseError,
    autograde,
    interpreter_on_path,
    nbgrader_api,
)
from neurograde.nbgrader.samples import sample_class
from neurograde.paths import COURSE_SOURCE, REPO_ROOT

MANIFEST = load_manifest()
TOPICS = MANIFEST.topics


@dataclass
class DemoResult:
    """Where the demo left everything, and the grades it recorded."""

    course: Path
    scores: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)
    descriptions: dict[str, dict[str, str]] = field(default_factory=dict)
    reports: dict[str, AutogradeReport] = field(default_factory=dict)

    @property
    def grades_csv(self) -> Path:
        """The grades exported by ``nbgrader export``."""
        return self.course / "grades.csv"

    def feedback(self, student: str, topic: str) -> Path:
        """The feedback page of one student's assignment."""
        return self.course / "feedback" / student / topic / f"{topic}.html"


def make_course(folder: Path) -> Path:
    """Copy the course (its config and generated source notebooks) into ``folder/course``."""
    build(REPO_ROOT)  # the source notebooks are generated: make sure they are current
    course = folder / "course"
    if course.exists():
        raise CourseError(f"{course} already exists: give the demo an empty or new folder")
    course.mkdir(parents=True)
    shutil.copy(REPO_ROOT / "course" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO_ROOT / COURSE_SOURCE, course / "source")
    return course


def read_scores(course: Path) -> dict[str, dict[str, tuple[float, float]]]:
    """Every recorded (score, max score), by student and assignment, from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    interpreter_on_path()  # a new gradebook runs `alembic`
    scores: dict[str, dict[str, tuple[float, float]]] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student in gradebook.students:
            for topic in TOPICS:
                try:
                    submission = gradebook.find_submission(topic, student.id)
                except MissingEntry:
                    continue
                scores.setdefault(student.id, {})[topic] = (
                    float(submission.score),
                    float(submission.max_score),
                )
    return scores


def demo(
    folder: Path | None = None,
    *,
    jobs: int = 2,
    quiet: bool = False,
    console: Console | None = None,
) -> DemoResult:
    """Run the whole cycle; return where everything is and the grades."""
    console = console or Console()
    folder = folder or Path(tempfile.mkdtemp(prefix="neurograde-demo-"))
    course = make_course(folder)
    result = DemoResult(course)
    api = nbgrader_api(course, course / RESULTS)
    for topic in TOPICS:
        released = api.generate_assignment(topic, force=True, create=True)
        if not released.get("success"):
            raise CourseError(f"nbgrader generate_assignment {topic} failed: {released.get('log')}")
        release = nbformat.read(course / "release" / topic / f"{topic}.ipynb", as_version=4)
        for sample, notebook in sample_class(topic, release):
            target = course / "submitted" / sample.student / topic / f"{topic}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, target)
            result.descriptions.setdefault(sample.student, {})[topic] = sample.description
    for topic in TOPICS:
        result.reports[topic] = autograde(topic, course, jobs=jobs, quiet=quiet, console=console)
        feedback = api.generate_feedback(topic, force=True)
        if not feedback.get("success"):
            raise CourseError(f"nbgrader generate_feedback {topic} failed: {feedback.get('log')}")
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "export"],
        cwd=course,
        check=True,
        capture_output=True,
    )
    result.scores = read_scores(course)
    return result


def _points(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def print_demo(result: DemoResult, console: Console) -> None:
    """The grade table, what each student did, the failures, and where to look next."""
    table = Table(title="Grades recorded in the nbgrader gradebook")
    table.add_column("student")
    for topic in TOPICS:
        table.add_column(topic, justify="right")
    for student in sorted(result.scores):
        row = [student]
        for topic in TOPICS:
            score, maximum = result.scores[student].get(topic, (0.0, 0.0))
            row.append(f"{_points(score)}/{_points(maximum)}")
        table.add_row(*row)
    console.print(table)
    for student in sorted(result.descriptions):
        done = sorted(set(result.descriptions[student].values()))
        console.print(f"  {student}: " + escape("; ".join(done)))
    for topic, report in result.reports.items():
        for student, reason in report.broken.items():
            console.print(f"[red]not graded[/red] {topic}/{student}: {escape(reason)}")
    console.print(f"Course folder: {result.course}")
    console.print(f"Feedback pages: {result.feedback('cyd', 'losses').parent.parent.parent} …")
    console.print(f"  e.g. {result.feedback('cyd', 'losses')}")
    console.print(f"Grades CSV: {result.grades_csv}")
