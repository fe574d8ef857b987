"""Grading results kept between runs, keyed by everything that can change a score or its feedback.

A result is reused only for the same answers, graded by the same code (the topic's grader and
reference, the course manifest, the engine's grading code and version) with the same settings
(time limits, whether expected values are shown, the isolation level). Change any of them (fix a
grader, say) and the affected submissions are graded again; the others are reused.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from neurograde import __version__
from neurograde.intake.notebook import notebook_submission
from neurograde.intake.submission import SubmissionError
from neurograde.paths import CONTENT, REPO_ROOT, SOLUTIONS

# The engine's code that decides a score or writes feedback (relative to the project root).
ENGINE = (
    "neurograde/grading",
    "neurograde/isolation",
    "neurograde/intake",
    "neurograde/codes.py",
    "neurograde/authoring.py",
    "neurograde/course.py",
)


def grading_files(topic: str, root: Path = REPO_ROOT) -> list[Path]:
    """Every file whose content can change the grade of a ``topic`` submission."""
    files = [root / CONTENT / f"{topic}.py", root / CONTENT / "manifest.py"]
    files += [root / CONTENT / "__init__.py", root / SOLUTIONS / f"{topic}.py"]
    for name in ENGINE:
        path = root / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [f for f in files if f.is_file()]


@cache
def code_digest(topic: str, root: Path = REPO_ROOT) -> str:
    """A digest of the code that grades ``topic``: its grader, its reference and the engine."""
    digest = hashlib.sha256(__version__.encode())
    for path in grading_files(topic, root):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def submission_key(raw: Any, topic: str, settings: dict[str, Any]) -> str:
    """The cache key of a notebook's grade.

    A digest of its answers and intake messages, of the code that grades it
    (:func:`code_digest`) and of ``settings``, every setting that can change its score or feedback.
    """
    graded_by = [code_digest(topic), sorted(settings.items())]
    try:
        submission = notebook_submission(raw, Path(f"{topic}.ipynb"), topic)
        text = json.dumps([graded_by, submission.sources, submission.messages])
    except SubmissionError as error:
        text = json.dumps([graded_by, "unreadable", str(error)])
    return hashlib.sha256(text.encode()).hexdigest()


class ResultCache:
    """One JSON file per assignment and student, holding the key and the result."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, assignment: str, student: str) -> Path:
        """Where one student's result for one assignment is kept."""
        return self.folder / assignment / f"{student}.json"

    def load(self, assignment: str, student: str) -> dict[str, Any] | None:
        """The stored entry (key, result, recorded) or ``None``."""
        path = self.path(assignment, student)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None
        return entry if isinstance(entry, dict) else None

    def get(self, assignment: str, student: str, key: str) -> dict[str, Any] | None:
        """The stored result when it was made from exactly these answers."""
        entry = self.load(assignment, student)
        if entry is None or entry.get("key") != key:
            return None
        result = entry.get("result")
        return result if isinstance(result, dict) else None

    def put(
        self, assignment: str, student: str, key: str, result: dict[str, Any], recorded: bool
    ) -> None:
        """Store a result (``recorded``: its points are in the gradebook)."""
        path = self.path(assignment, student)
        path.parent.mkdir(parents=True, exist_ok=True)
        entry = {"key": key, "recorded": recorded, "result": result}
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(entry, indent=1), encoding="utf-8")
        temporary.replace(path)
