"""Lesson notebooks: the prose spec of an assignment woven around its generated cells.

``notebooks/<topic>.md`` is a sequence of blocks, each opened by a marker line:

``<!-- markdown -->``
    the text up to the next marker becomes a markdown cell;
``<!-- code -->``
    one fenced ``python`` block becomes a read-only code cell (a plot, a worked example);
``<!-- given -->``
    the locked given cells go here: the imports and the list of helpers, then the helpers' code
    in a cell whose source Jupyter keeps folded (``metadata.jupyter.source_hidden``);
``<!-- function: NAME -->``
    the answer cell of ``NAME`` and its test cell go here;
``<!-- checks: NAME -->``
    one fenced ``python`` block: the visible quick checks at the top of ``NAME``'s test cell.

Every public function of the topic is placed once and has checks; anything else is an error
that names the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from neurograde.build.markers import MarkerError
from neurograde.build.parts import GIVEN_ID, HELPERS_ID, topic_parts
from neurograde.build.target import Target
from neurograde.course import load_manifest
from neurograde.paths import COURSE_SOURCE, PROSE, REPO_ROOT, SOLUTIONS

MARKER = re.compile(r"^<!-- (markdown|code|given|function: (\w+)|checks: (\w+)) -->\s*$")
FENCE = re.compile(r"\A\s*```python\n(.*?)\n```\s*\Z", re.DOTALL)


@dataclass
class Block:
    """One block of a prose spec."""

    kind: str  # markdown, code, given, function, checks
    name: str = ""
    text: str = ""
    line: int = 0


@dataclass
class Prose:
    """A parsed prose spec: the blocks in order and the checks per function."""

    blocks: list[Block] = field(default_factory=list)
    checks: dict[str, str] = field(default_factory=dict)


def parse_prose(text: str, source: str, functions: list[str]) -> Prose:
    """Parse and check a prose spec against the topic's public functions."""
    blocks: list[Block] = []
    for number, line in enumerate(text.splitlines(), start=1):
        found = MARKER.match(line)
        if found:
            kind = found.group(1).split(":")[0]
            blocks.append(Block(kind, found.group(2) or found.group(3) or "", "", number))
        elif blocks:
            blocks[-1].text += line + "\n"
        elif line.strip():
            raise MarkerError(f"{source}:{number}: text before the first block marker")
    prose = Prose()
    placed: list[str] = []
    for block in blocks:
        where = f"{source}:{block.line}"
        if block.kind in ("code", "checks"):
            fenced = FENCE.match(block.text)
            if not fenced:
                raise MarkerError(f"{where}: a {block.kind} block holds one ```python fence")
            block.text = fenced.group(1)
        if block.kind in ("function", "checks") and block.name not in functions:
            raise MarkerError(f"{where}: {block.name} is not a function of this topic")
        if block.kind == "checks":
            if block.name in prose.checks:
                raise MarkerError(f"{where}: a second checks block for {block.name}")
            prose.checks[block.name] = block.text
            continue
        if block.kind in ("function", "given") and block.text.strip():
            raise MarkerError(f"{where}: a {block.kind} marker takes no text")
        if block.kind == "function":
            placed.append(block.name)
        prose.blocks.append(block)
    if placed != functions:
        raise MarkerError(
            f"{source}: functions placed {placed}; expected each once, in {functions}"
        )
    if set(prose.checks) != set(functions):
        missing = sorted(set(functions) - set(prose.checks))
        raise MarkerError(f"{source}: no checks block for {missing}")
    givens = [i for i, b in enumerate(prose.blocks) if b.kind == "given"]
    if len(givens) != 1:
        raise MarkerError(f"{source}: exactly one given block is needed, found {len(givens)}")
    first_code = next(i for i, b in enumerate(prose.blocks) if b.kind in ("code", "function"))
    if givens[0] > first_code:
        raise MarkerError(f"{source}: the given block must come before any code")
    return prose


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


def hidden_test(topic: str, name: str) -> str:
    """The hidden part of a test cell: in the source notebook it grades the kernel's function."""
    return (
        "### BEGIN HIDDEN TESTS\n"
        "from neurograde.nbgrader.kernel import check_in_kernel\n"
        f'check_in_kernel("{topic}", "{name}", {name})\n'
        "### END HIDDEN TESTS"
    )


def test_cell_source(topic: str, name: str, checks: str) -> str:
    """A test cell: the visible quick checks, then the hidden grader call."""
    return (
        f"# Quick checks of {name}: run this cell after your answer. Your grade comes from\n"
        "# hidden tests run in a sandbox when you submit.\n"
        f"{checks.rstrip()}\n"
        f"{hidden_test(topic, name)}"
    )


def lesson_notebook(topic: str, root: Path = REPO_ROOT) -> nbformat.NotebookNode:
    """The source notebook of one assignment: prose, given code, answers with solutions, tests."""
    parts = topic_parts(topic, root)
    functions = list(parts.functions)
    source = f"{PROSE}/{topic}.md"
    prose = parse_prose((root / source).read_text(encoding="utf-8"), source, functions)
    cells = []
    counters = {"markdown": 0, "code": 0}
    for block in prose.blocks:
        if block.kind in counters:
            counters[block.kind] += 1
            cell_id = f"{block.kind}-{counters[block.kind]}"
            if block.kind == "markdown":
                cells.append(nbformat.v4.new_markdown_cell(block.text.strip(), id=cell_id))
            else:
                meta = nbgrader_metadata(cell_id, solution=False, grade=False, locked=True)
                cells.append(nbformat.v4.new_code_cell(block.text, id=cell_id, metadata=meta))
        elif block.kind == "given":
            meta = nbgrader_metadata(GIVEN_ID, solution=False, grade=False, locked=True)
            cells.append(nbformat.v4.new_code_cell(parts.visible_given, id=GIVEN_ID, metadata=meta))
            if parts.hidden_given:
                # Run with the rest, folded away in Jupyter: the learner reads the list above.
                meta = nbgrader_metadata(HELPERS_ID, solution=False, grade=False, locked=True)
                meta["jupyter"] = {"source_hidden": True}
                cells.append(
                    nbformat.v4.new_code_cell(parts.hidden_given, id=HELPERS_ID, metadata=meta)
                )
        else:
            name = block.name
            answer = nbgrader_metadata(name, solution=True, grade=False, locked=False)
            cells.append(nbformat.v4.new_code_cell(parts.functions[name], id=name, metadata=answer))
            test_id = f"test_{name}"
            test = nbgrader_metadata(
                test_id,
                solution=False,
                grade=True,
                locked=True,
                points=load_manifest().points[topic][name],
            )
            cells.append(
                nbformat.v4.new_code_cell(
                    test_cell_source(topic, name, prose.checks[name]), id=test_id, metadata=test
                )
            )
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = notebook_metadata(topic)
    return notebook


def notebook_targets(root: Path) -> Iterator[Target]:
    """Source notebooks of the nbgrader course, for every topic with a prose spec."""
    manifest = load_manifest()
    for prose in sorted((root / PROSE).glob("*.md")):
        topic = prose.stem
        if topic in manifest.labs:
            continue  # a lab: neurograde.build.labs makes it
        if topic not in manifest.topics:
            raise MarkerError(
                f"{PROSE}/{prose.name}: {topic} is neither a topic (TOPICS) nor a lab (LABS) of "
                "the course manifest: add it there or remove the file"
            )
        if not (root / SOLUTIONS / f"{topic}.py").is_file():
            raise MarkerError(f"{PROSE}/{prose.name}: no solutions/{topic}.py to make it from")
        text = nbformat.writes(lesson_notebook(topic, root)) + "\n"
        path = root / COURSE_SOURCE / topic / f"{topic}.ipynb"
        yield Target(path, text, f"{SOLUTIONS}/{topic}.py and {PROSE}/{prose.name}")
