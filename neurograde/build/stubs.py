"""Learner stubs: each solution module with its solution regions cleared, as nbgrader does."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from neurograde.build.markers import MarkerError, clear_solutions, find_regions
from neurograde.build.target import Target, banner
from neurograde.paths import EXERCISES, SOLUTIONS


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
