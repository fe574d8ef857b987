"""The registry: every function of the course, its grader, its reference and its points.

Built from the manifest (:mod:`neurograde.course`). It checks itself against ``solutions/`` and
``exercises/`` when first used: a function without a grader, a grader without a function, or
stubs that are stale fail loudly, with what to fix.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from neurograde.course import CourseError, grader_module, load_manifest
from neurograde.grading.settings import PROPERTY_WEIGHTS
from neurograde.grading.spec import FunctionSpec
from neurograde.paths import EXERCISES, SOLUTIONS

__all__ = ["Entry", "RegistryError", "entries", "registry"]


@dataclass(frozen=True)
class Entry:
    """One gradable function: where it lives, its grader, its reference and its points."""

    topic: str
    spec: FunctionSpec
    reference: Callable[..., Any]

    @property
    def name(self) -> str:
        """The function's name."""
        return self.spec.name

    @property
    def points(self) -> float:
        """The function's points, as its spec declares them."""
        return self.spec.points

    @property
    def qualified_name(self) -> str:
        """``<topic>.<function>``."""
        return f"{self.topic}.{self.spec.name}"


class RegistryError(CourseError):
    """The graders, the solutions and the stubs do not agree."""


def _check_weights(spec: FunctionSpec, where: str) -> list[str]:
    return [
        f"{where}: property {prop.name!r} of {spec.name} has no weight in PROPERTY_WEIGHTS"
        for prop in spec.properties()
        if prop.name not in PROPERTY_WEIGHTS
    ]


@cache
def registry() -> dict[str, list[Entry]]:
    """Every topic's entries, checked against the solutions and the stubs."""
    manifest = load_manifest()
    found: dict[str, list[Entry]] = {}
    for topic in manifest.topics:
        solution = importlib.import_module(f"{SOLUTIONS}.{topic}")
        stub = importlib.import_module(f"{EXERCISES}.{topic}")
        specs: list[FunctionSpec] = grader_module(topic).SPECS
        names = [spec.name for spec in specs]
        problems = []
        if names != list(solution.__all__):
            problems.append(
                f"graders/{topic}.py grades {names}; solutions/{topic}.py defines "
                f"{list(solution.__all__)} (same functions, same order)"
            )
        if list(stub.__all__) != list(solution.__all__):
            problems.append(f"exercises/{topic}.py is stale: run `neurograde build`")
        for spec in specs:
            problems.extend(_check_weights(spec, f"graders/{topic}.py"))
        if problems:
            raise RegistryError("; ".join(problems))
        found[topic] = [Entry(topic, spec, getattr(solution, spec.name)) for spec in specs]
    return found


def entries(topics: Sequence[str] | None = None) -> list[Entry]:
    """Every registry entry of ``topics`` (all by default), in API order."""
    table = registry()
    return [entry for topic in (topics or list(table)) for entry in table[topic]]
