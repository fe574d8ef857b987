"""Assignment notebooks: the parts made from ``solutions/``, and notebook submissions.

Every assignment notebook (woven by :mod:`graders.course.lesson`) has the same skeleton: a
locked *given* cell (imports, constants and the private helpers the learner is given), then per
function an autograded answer cell whose grade id is the function's name and a test cell whose
grade id is ``test_<function>``. A learner's notebook is graded by those grade ids: the given
code comes from the course's own source (never from what the learner sent), and each answer
cell's code from the learner's cell of that grade id. Magics and shell lines are removed, and a
cell with a syntax error costs only its own function.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

from graders.build import REPO_ROOT, SOLUTIONS
from graders.points import POINTS, TOPICS
from graders.submission import Submission, SubmissionError

GIVEN_ID = "given"


@dataclass(frozen=True)
class TopicParts:
    """A solution module cut into the parts a notebook is made of."""

    topic: str
    docstring: str
    given: str  # everything but the public functions: imports, constants, private helpers
    functions: dict[str, str]  # public function name -> its source (with solution markers)


def topic_parts(topic: str, root: Path = REPO_ROOT) -> TopicParts:
    """Cut ``solutions/<topic>.py`` into its docstring, given code and public functions."""
    text = (root / SOLUTIONS / f"{topic}.py").read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    docstring = ast.get_docstring(tree) or ""
    public: set[str] = set(POINTS[topic])
    functions: dict[str, str] = {}
    given: list[str] = []
    body = tree.body[1:] if docstring else tree.body
    for node in body:
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        # A function's region markers are comments after its last statement: take lines up to
        # the next statement (or the end), then drop trailing blank lines.
        end = _segment_end(tree, node, len(lines))
        segment = "\n".join(lines[start - 1 : end]).rstrip()
        if isinstance(node, ast.FunctionDef) and node.name in public:
            functions[node.name] = segment
        else:
            given.append(segment)
    return TopicParts(topic, docstring, "\n\n".join(given), functions)


def _segment_end(tree: ast.Module, node: ast.stmt, last_line: int) -> int:
    following = [n for n in tree.body if n.lineno > (node.end_lineno or node.lineno)]
    if not following:
        return last_line
    nxt = following[0]
    return min([nxt.lineno] + [d.lineno for d in getattr(nxt, "decorator_list", [])]) - 1


def nbgrader_metadata(
    grade_id: str, *, solution: bool, grade: bool, locked: bool, points: float = 0
) -> dict[str, object]:
    """The nbgrader metadata of a cell (schema 3)."""
    meta: dict[str, object] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def notebook_metadata(topic: str) -> dict[str, object]:
    """Stable notebook metadata (the build's output must not change from run to run)."""
    return {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "neurograde": {"assignment": topic},
    }


# -- notebook submissions ---------------------------------------------------------------------
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
    if path.stem in TOPICS:
        return path.stem
    matches = {topic: len(ids & set(POINTS[topic])) for topic in TOPICS}
    best = max(matches, key=lambda t: matches[t])
    if matches[best] == 0:
        raise SubmissionError(
            f"{path.name} is not one of this course's assignment notebooks ({', '.join(TOPICS)}): "
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
    submission = Submission(path, [topic])
    own = {t for t in TOPICS if t != topic and set(by_id) & set(POINTS[t])}
    if own and not set(by_id) & set(POINTS[topic]):
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
