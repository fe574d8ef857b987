"""The results cache: grading results kept between runs, keyed by what was graded.

A result is reused only for the same answers graded by the same grader version, so an
unchanged submission is not graded again and a changed one always is.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from neurograde import __version__
from neurograde.intake.notebook import notebook_submission
from neurograde.intake.submission import SubmissionError


def submission_key(raw: Any, topic: str) -> str:
    """A digest of the module a notebook grades as, its intake messages and the grader version."""
    try:
        submission = notebook_submission(raw, Path(f"{topic}.ipynb"), topic)
        text = json.dumps([__version__, submission.sources, submission.messages])
    except SubmissionError as error:
        text = json.dumps([__version__, "unreadable", str(error)])
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
