"""``neurograde build``: generate every learner-facing file from ``solutions/`` and ``notebooks/``.

The build is a list of targets, each a path and the text it must hold: the learner stubs
(:mod:`neurograde.build.stubs`), the lesson notebooks (:mod:`neurograde.build.lessons`) and the
ungraded labs (:mod:`neurograde.build.labs`).
``build`` writes the targets that differ; ``stale`` writes nothing and names every stale file (a
hand edit to a generated file, a solution edited without a rebuild, a generated file whose
source is gone).
"""

from __future__ import annotations

from pathlib import Path

from neurograde.build.labs import lab_targets
from neurograde.build.lessons import notebook_targets
from neurograde.build.markers import MarkerError
from neurograde.build.stubs import exercise_targets
from neurograde.build.target import Target
from neurograde.course import load_manifest
from neurograde.paths import COURSE_SOURCE, EXERCISES, REPO_ROOT

__all__ = ["MarkerError", "Target", "build", "stale", "targets"]


def targets(root: Path = REPO_ROOT) -> list[Target]:
    """Every generated file of the project."""
    return [
        *exercise_targets(root),
        *notebook_targets(root),
        *lab_targets(root, load_manifest().labs),
    ]


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
