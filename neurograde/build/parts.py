"""A solution module cut into the parts a notebook is made of: docstring, given code, functions.

Every assignment notebook has the same skeleton (woven by :mod:`neurograde.build.lessons`): two
locked *given* cells, one the learner reads (the imports and a list of the helpers: what to call
and what it does) and one that runs out of sight (the helpers' code), then per
function an autograded answer cell whose grade id is the function's name and a test cell whose
grade id is ``test_<function>``. Building a notebook and reading a submitted one both start here.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from neurograde.course import load_manifest
from neurograde.paths import REPO_ROOT, SOLUTIONS

GIVEN_ID = "given"  # the visible given cell: imports and what the helpers do
HELPERS_ID = "given-helpers"  # the given helpers themselves: locked, executed, source hidden
HELPERS_HEADER = "# Given code (locked): the helpers the cell above lists. Run it; do not edit it."
LINE = 99  # the width of a generated comment line


@dataclass(frozen=True)
class TopicParts:
    """A solution module cut into the parts a notebook is made of."""

    topic: str
    docstring: str
    imports: str  # the module's imports (not ``from __future__``), as written
    helpers: str  # everything else but ``__all__`` and the public functions
    summary: str  # one comment line per documented helper: its call and what it does
    functions: dict[str, str]  # public function name -> its source (with solution markers)

    @property
    def visible_given(self) -> str:
        """The visible given cell: the imports, then the list of helpers."""
        return f"{self.imports}\n\n{self.summary}" if self.summary else self.imports

    @property
    def hidden_given(self) -> str:
        """The hidden given cell: the helpers' code."""
        return f"{HELPERS_HEADER}\n{self.helpers}" if self.helpers else ""

    @property
    def given(self) -> str:
        """All the given code, as the notebook runs it before the answers (and grading does)."""
        return "\n\n\n".join(part for part in (self.visible_given, self.hidden_given) if part)


def topic_parts(topic: str, root: Path = REPO_ROOT) -> TopicParts:
    """Cut ``solutions/<topic>.py`` into docstring, imports, helpers and public functions."""
    text = (root / SOLUTIONS / f"{topic}.py").read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    docstring = ast.get_docstring(tree) or ""
    public: set[str] = set(load_manifest().functions(topic))
    functions: dict[str, str] = {}
    imports: list[str] = []
    helpers: list[str] = []
    summary: list[str] = []
    body = tree.body[1:] if docstring else tree.body
    previous_import = 0
    for node in body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue  # annotations are evaluated at definition on every supported Python
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if imports and node.lineno > previous_import + 1:
                imports.append("")  # keep the blank line between import groups
            imports.extend(lines[node.lineno - 1 : node.end_lineno])
            previous_import = node.end_lineno or node.lineno
            continue
        if _is_all(node):
            continue  # the API's order, for the project's tools; nothing a learner needs
        segment = "\n".join(
            lines[_segment_start(node, lines) - 1 : _segment_end(tree, node, lines)]
        )
        if isinstance(node, ast.FunctionDef) and node.name in public:
            functions[node.name] = segment.rstrip()
        else:
            helpers.append(segment.rstrip())
            if isinstance(node, ast.FunctionDef) and ast.get_docstring(node):
                summary.extend(_summary_line(node))
    if summary:
        summary.insert(0, "# Given helpers, in the hidden cell below (click its ··· to read them):")
    return TopicParts(
        topic,
        docstring,
        "\n".join(imports),
        "\n\n\n".join(helpers),
        "\n".join(summary),
        functions,
    )


def _is_all(node: ast.stmt) -> bool:
    return isinstance(node, ast.Assign) and any(
        isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
    )


def _summary_line(node: ast.FunctionDef) -> list[str]:
    """``#   name(arguments): the docstring's first sentence``, wrapped as comment lines."""
    arguments = node.args
    names = [a.arg for a in arguments.args]
    required = len(names) - len(arguments.defaults)
    shown = names[:required] + [
        f"{name}={ast.unparse(default)}"
        for name, default in zip(names[required:], arguments.defaults, strict=True)
    ]
    what = (ast.get_docstring(node) or "").split("\n")[0].replace("``", "`")
    what = re.sub(r" \(given code(, not graded)?\)", "", what)  # all of the list is given
    return textwrap.wrap(
        f"{node.name}({', '.join(shown)}): {what}",
        width=LINE,
        initial_indent="#   ",
        subsequent_indent="#       ",
    )


def _segment_start(node: ast.stmt, lines: list[str]) -> int:
    """The first line of a statement: its decorators and the comment lines right above it."""
    start: int = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    while start > 1 and lines[start - 2].startswith("#"):
        start -= 1
    return start


def _segment_end(tree: ast.Module, node: ast.stmt, lines: list[str]) -> int:
    """The last line of a statement's segment: up to the next statement (and its comments).

    A function's solution markers are comments after its last statement, so a segment runs to
    the next top-level statement.
    """
    following = [n for n in tree.body if n.lineno > (node.end_lineno or node.lineno)]
    if not following:
        return len(lines)
    return _segment_start(following[0], lines) - 1
