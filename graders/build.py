"""``neurograde build``: generate every learner-facing file from ``solutions/``.

The build is a list of targets, each a path and the text it must hold. ``build`` writes the
targets that differ; ``check`` writes nothing and names every stale file (a hand edit to a
generated file, a solution edited without a rebuild, a generated file whose source is gone).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graders.markers import MarkerError, clear_solutions, find_regions

REPO_ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = "solutions"
EXERCISES = "exercises"
COURSE_SOURCE = "course/source"


def banner(source: str) -> str:
    """The two comment lines that open every generated Python file."""
    return (
        f"# Generated from {source} by `neurograde build`: edit the source, not this file.\n"
        "# Regenerate with `neurograde build`; `neurograde build --check` finds stale files.\n"
    )


@dataclass(frozen=True)
class Target:
    """A generated file: where it goes, what it must contain and what it is made from."""

    path: Path
    text: str
    source: str


def _check_public_functions_are_marked(text: str, source: str) -> None:
    """Every function in ``__all__`` must have its whole body inside one solution region."""
    tree = ast.parse(text, filename=source)
    public: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            public = {ast.literal_eval(elt) for elt in getattr(node.value, "elts", [])}
    regions = find_regions(text, source)
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or node.name not in public:
            continue
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]
        if not body:
            raise MarkerError(f"{source}:{node.lineno}: public function {node.name} has no body")
        first, last = body[0].lineno, body[-1].end_lineno or body[-1].lineno
        if not any(r.begin < first and last < r.end for r in regions):
            raise MarkerError(
                f"{source}:{node.lineno}: the body of public function {node.name} is not "
                "enclosed in one '### BEGIN SOLUTION' / '### END SOLUTION' region"
            )


def exercise_targets(root: Path) -> Iterator[Target]:
    """Learner stubs: ``exercises/<stem>.py`` for every ``solutions/<stem>.py``."""
    for source_path in sorted((root / SOLUTIONS).glob("*.py")):
        source = f"{SOLUTIONS}/{source_path.name}"
        text = source_path.read_text(encoding="utf-8")
        _check_public_functions_are_marked(text, source)
        stub = banner(source) + clear_solutions(text, source)
        yield Target(root / EXERCISES / source_path.name, stub, source)


def notebook_targets(root: Path) -> Iterator[Target]:
    """Source notebooks of the nbgrader course, for every topic with a prose spec."""
    import nbformat

    from graders.course.lesson import PROSE, lesson_notebook

    for prose in sorted((root / PROSE).glob("*.md")):
        topic = prose.stem
        if not (root / SOLUTIONS / f"{topic}.py").is_file():
            raise MarkerError(f"{PROSE}/{prose.name}: no solutions/{topic}.py to make it from")
        text = nbformat.writes(lesson_notebook(topic, root)) + "\n"
        path = root / COURSE_SOURCE / topic / f"{topic}.ipynb"
        yield Target(path, text, f"{SOLUTIONS}/{topic}.py and {PROSE}/{prose.name}")


def targets(root: Path = REPO_ROOT) -> list[Target]:
    """Every generated file of the project."""
    return [*exercise_targets(root), *notebook_targets(root)]


def _orphans(root: Path, expected: list[Target]) -> list[Path]:
    """Generated files whose source no longer exists."""
    wanted = {t.path for t in expected}
    stubs = [
        path
        for path in sorted((root / EXERCISES).glob("*.py"))
        if path.read_text(encoding="utf-8").startswith("# Generated from ")
    ]
    notebooks = sorted((root / COURSE_SOURCE).glob("*/*.ipynb"))
    return [path for path in [*stubs, *notebooks] if path not in wanted]


def stale(root: Path = REPO_ROOT) -> list[str]:
    """Describe every generated file that does not match its source (empty when all is fresh)."""
    expected = targets(root)
    problems = []
    for target in expected:
        relative = target.path.relative_to(root)
        if not target.path.exists():
            problems.append(f"{relative}: missing (made from {target.source})")
        elif target.path.read_text(encoding="utf-8") != target.text:
            problems.append(f"{relative}: differs from what {target.source} generates")
    problems.extend(
        f"{path.relative_to(root)}: its source is gone" for path in _orphans(root, expected)
    )
    return problems


def build(root: Path = REPO_ROOT) -> list[Path]:
    """Write every stale generated file, remove orphans, and return the paths written."""
    expected = targets(root)
    written = []
    for target in expected:
        if not target.path.exists() or target.path.read_text(encoding="utf-8") != target.text:
            target.path.parent.mkdir(parents=True, exist_ok=True)
            target.path.write_text(target.text, encoding="utf-8")
            written.append(target.path)
    for path in _orphans(root, expected):
        path.unlink()
        written.append(path)
    return written
