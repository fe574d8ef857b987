"""Submission intake: what the learner sent, read as text and never executed on this side.

A submission is a folder laid out like ``exercises/``, one topic module named after its topic
(:mod:`neurograde.intake.modules`), or one assignment notebook (:mod:`neurograde.intake.notebook`).
Each becomes one :class:`~neurograde.intake.submission.Submission`.
"""

from __future__ import annotations

from pathlib import Path

from neurograde.intake.modules import load_folder, load_module
from neurograde.intake.notebook import load_notebook_submission
from neurograde.intake.submission import Submission, SubmissionError

__all__ = ["Submission", "SubmissionError", "load_submission"]


def load_submission(path: Path) -> Submission:
    """Read a submission folder, topic module or notebook from ``path``."""
    if not path.exists():
        raise SubmissionError(f"{path} does not exist: give a folder, a topic module or a notebook")
    if path.is_dir():
        return load_folder(path)
    if path.suffix == ".ipynb":
        return load_notebook_submission(path)
    if path.suffix == ".py":
        return load_module(path)
    raise SubmissionError(
        f"{path.name}: cannot grade a {path.suffix or 'file without extension'}; give a folder "
        "laid out like exercises/, a topic module (.py) or an assignment notebook (.ipynb)"
    )
