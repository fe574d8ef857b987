"""What the learner uploaded: the one file to grade, or a message that says what to upload.

Gradescope puts the upload in ``/autograder/submission`` (a zip unpacked, a repository checked
out). The file is chosen by name: the assignment's notebook ``<assignment>.ipynb`` or its topic
module ``<assignment>.py``; a notebook under another name is graded when its answer cells are this
assignment's (a renamed copy). Anything else (nothing, two candidates, another assignment's
notebook or module, a broken notebook) is an :class:`UploadProblem` whose message the learner sees.
"""

from __future__ import annotations

import json
from pathlib import Path

from neurograde.gradescope.config import AutograderConfig
from neurograde.intake import Submission, SubmissionError, load_submission
from neurograde.intake.notebook import notebook_submission

# Folders that tools add beside the learner's files: never the learner's answer.
IGNORED_FOLDERS = {"__MACOSX", "__pycache__", ".ipynb_checkpoints", ".git"}
LISTED = 8  # at most this many file names in a message


class UploadProblem(ValueError):
    """The upload cannot be graded as it is: the message tells the learner what to upload."""


def uploaded_files(folder: Path) -> list[Path]:
    """Every file of the upload, sorted, without hidden files and tools' folders."""
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        hidden = any(p.startswith(".") or p in IGNORED_FOLDERS for p in parts)
        if path.is_file() and not hidden:
            files.append(path)
    return files


def _names(paths: list[Path], folder: Path) -> str:
    names = [str(p.relative_to(folder)) for p in paths[:LISTED]]
    more = f" and {len(paths) - LISTED} more" if len(paths) > LISTED else ""
    return ", ".join(names) + more


def _grade_ids(raw: object) -> set[str]:
    cells = raw.get("cells") if isinstance(raw, dict) else None
    ids = set()
    for cell in cells if isinstance(cells, list) else []:
        meta = cell.get("metadata") if isinstance(cell, dict) else None
        nbgrader = meta.get("nbgrader") if isinstance(meta, dict) else None
        grade_id = nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None
        if isinstance(grade_id, str):
            ids.add(grade_id)
    return ids


def _notebook(path: Path, config: AutograderConfig) -> Submission:
    """The notebook as this assignment's submission, if its answer cells are this assignment's."""
    assignment = config.assignment
    try:
        raw = json.loads(path.read_bytes())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UploadProblem(
            f"{path.name} is not a notebook Jupyter can open (it is not valid JSON: {error}). "
            f"Open {assignment}.ipynb in Jupyter, save it, and upload it again."
        ) from None
    ids = _grade_ids(raw)
    if not ids & set(config.assignments.get(assignment, [])):
        other = [
            a for a, names in config.assignments.items() if a != assignment and ids & set(names)
        ]
        if other:
            raise UploadProblem(
                f"{path.name} is the notebook of the assignment {other[0]!r}, not of this "
                f"assignment ({assignment!r}): upload {assignment}.ipynb."
            )
        if path.name != f"{assignment}.ipynb":
            raise UploadProblem(
                f"{path.name} holds none of the answer cells of {assignment}.ipynb: upload "
                f"{assignment}.ipynb, the notebook of this assignment."
            )
        # The right name with every answer cell gone: graded, and every function scores 0 with
        # a message that names the missing cells.
    try:
        submission = notebook_submission(raw, path, topic=assignment)
    except SubmissionError as error:
        raise UploadProblem(str(error)) from None
    if path.name != f"{assignment}.ipynb":
        submission.messages.insert(0, f"Graded {path.name} as {assignment}.ipynb.")
    return submission


def find_submission(folder: Path, config: AutograderConfig) -> tuple[Path, Submission]:
    """The file of ``folder`` to grade and its submission; :class:`UploadProblem` otherwise."""
    assignment = config.assignment
    files = uploaded_files(folder)
    wanted = f"upload {assignment}.ipynb (or the module {assignment}.py)"
    if not files:
        raise UploadProblem(f"Your upload is empty: {wanted}.")
    notebooks = [p for p in files if p.suffix == ".ipynb"]
    modules = [p for p in files if p.name == f"{assignment}.py"]
    candidates = notebooks + modules
    if len(candidates) > 1:
        raise UploadProblem(
            f"Your upload holds {len(candidates)} files that could be graded "
            f"({_names(candidates, folder)}): {wanted}, one file only."
        )
    if not candidates:
        others = [p for p in files if p.suffix == ".py" and p.stem in config.assignments]
        if others:
            raise UploadProblem(
                f"{others[0].name} is the module of the assignment {others[0].stem!r}, not of "
                f"this assignment ({assignment!r}): {wanted}."
            )
        raise UploadProblem(
            f"Your upload holds no notebook and no {assignment}.py "
            f"(found: {_names(files, folder)}): {wanted}."
        )
    path = candidates[0]
    if path.suffix == ".ipynb":
        return path, _notebook(path, config)
    try:
        return path, load_submission(path)
    except SubmissionError as error:
        raise UploadProblem(str(error)) from None
