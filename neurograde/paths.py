"""Where the project's trees are: every path constant of the engine, in one place."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = "solutions"  # the reference: the single source of every function body
EXERCISES = "exercises"  # learner stubs, generated
PROSE = "notebooks"  # the lesson text woven around the generated cells
COURSE_SOURCE = "course/source"  # the nbgrader course's source notebooks, generated
CONTENT = "graders"  # the course's content package: the manifest and one grader per topic
