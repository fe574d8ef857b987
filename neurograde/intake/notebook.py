"""Notebook submissions: a learner's assignment notebook read into its topic module.

A learner's notebook (its skeleton: :mod:`neurograde.build.parts`) is graded by its grade ids: the
given code comes from the course's own source (never from what the learner sent), and each answer
cell's code from the learner's cell of that grade id. Magics and shell lines are removed, and a cell
with a syntax error costs only its own function.
"""

from __future__ import annotations

import json
from pathlib import Path

from neurograde.build.parts import topic_parts
from neurograde.course import load_manifest
from neurograde.intake.submission import Submission, SubmissionError


def strip_magics(source: str) -> tuple[str, int]:
    """Remove IPython magics (``%``, ``%%``) and shell lines (``!``); count what was removed."""
    kept, removed = [], 0
    for line in source.splitlines():
        if line.lstrip().startswith(("%", "!")):
            kept.append("")  # keep line numbers of the learner's cell
            removed += 1
        else:
            kept.append(line)
    return "\n".join(kept), removed


def _grade_id(cell: dict[str, object]) -> str | None:
    metadata = cell.get("metadata")
    if not isinstance(metadata, dict):
        return None
    nbgrader = metadata.get("nbgrader")
    if not isinstance(nbgrader, dict):
        return None
    grade_id = nbgrader.get("grade_id")
    return grade_id if isinstance(grade_id, str) else None


def _cell_source(cell: dict[str, object]) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        return "".join(str(s) for s in source)
    return str(source)


def _which_topic(path: Path, ids: set[str]) -> str:
    manifest = load_manifest()
    if path.stem in manifest.topics:
        return path.stem
    matches = {t: len(ids & set(manifest.functions(t))) for t in manifest.topics}
    best = max(matches, key=lambda t: matches[t])
    if matches[best] == 0:
        raise SubmissionError(
            f"{path.name} is not one of this course's assignment notebooks "
            f"({', '.join(manifest.topics)}): "
            "no answer cell of any assignment was found in it"
        )
    return best


def load_notebook_submission(path: Path) -> Submission:
    """Read a learner's notebook file into a topic module (answer cells by grade id)."""
    try:
        raw = json.loads(path.read_bytes())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SubmissionError(f"{path.name} is not a valid notebook (not JSON): {error}") from None
    return notebook_submission(raw, path)


def notebook_submission(raw: object, path: Path, topic: str | None = None) -> Submission:
    """A submission from a notebook's JSON (``topic`` when the assignment is known already)."""
    cells = raw.get("cells") if isinstance(raw, dict) else None
    if not isinstance(cells, list):
        raise SubmissionError(f"{path.name} is not a valid notebook: it has no list of cells")
    by_id: dict[str, list[dict[str, object]]] = {}
    for cell in cells:
        if isinstance(cell, dict) and (grade_id := _grade_id(cell)) is not None:
            by_id.setdefault(grade_id, []).append(cell)
    topic = topic or _which_topic(path, set(by_id))
    submission = Submission([topic])
    manifest = load_manifest()
    own = {t for t in manifest.topics if t != topic and set(by_id) & set(manifest.functions(t))}
    if own and not set(by_id) & set(manifest.functions(topic)):
        raise SubmissionError(
            f"{path.name} holds the answers of assignment {sorted(own)[0]}, not {topic}: "
            "submit it under its own name"
        )
    parts = topic_parts(topic)
    module = [parts.given]
    for name in parts.functions:
        found = [c for c in by_id.get(name, []) if c.get("cell_type") == "code"]
        if not found:
            kind = "a markdown cell" if by_id.get(name) else "not found"
            submission.messages.append(
                f"The answer cell '{name}' is {kind} (deleted or renamed?): {name} scores 0."
            )
            continue
        if len(found) > 1:
            submission.messages.append(
                f"The answer cell '{name}' appears {len(found)} times: the first one is graded."
            )
        code, removed = strip_magics(_cell_source(found[0]))
        if removed:
            submission.messages.append(
                f"{removed} IPython magic or shell line(s) removed from the cell '{name}'."
            )
        try:
            compile(code, f"<cell {name}>", "exec")
        except SyntaxError as error:
            submission.messages.append(
                f"The cell '{name}' has a syntax error (line {error.lineno}: {error.msg}): "
                f"{name} scores 0; the other cells are graded."
            )
            continue
        module.append(code)
    submission.sources[topic] = "\n\n\n".join(module) + "\n"
    return submission
