"""A solution module cut into the parts a notebook is made of: docstring, given code, functions.

Every assignment notebook has the same skeleton (woven by :mod:`neurograde.build.lessons`): a
locked *given* cell (imports, constants and the private helpers the learner is given), then per
function an autograded answer cell whose grade id is the function's name and a test cell whose
grade id is ``test_<function>``. Building a notebook and reading a submitted one both start here.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from neurograde.course import load_manifest
from neurograde.paths import REPO_ROOT, SOLUTIONS

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
    public: set[str] = set(load_manifest().functions(topic))
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
    starts: list[int] = [nxt.lineno] + [d.lineno for d in getattr(nxt, "decorator_list", [])]
    return min(starts) - 1
