"""The registry: every function of the API, its grader and its points, declared once.

At import the registry checks itself against ``solutions/`` and ``exercises/``: a function
without a grader, a grader without a function, or a function without points fails loudly.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from graders.points import POINTS, TOPICS
from graders.spec import FunctionSpec, check_weights

__all__ = ["POINTS", "REGISTRY", "TOPICS", "Entry", "RegistryError", "entries", "total_points"]


@dataclass(frozen=True)
class Entry:
    """One gradable function: where it lives, its grader, its reference and its points."""

    topic: str
    spec: FunctionSpec
    reference: Callable[..., Any]
    points: float

    @property
    def name(self) -> str:
        """The function's name."""
        return self.spec.name

    @property
    def qualified_name(self) -> str:
        """``<topic>.<function>``."""
        return f"{self.topic}.{self.spec.name}"


class RegistryError(RuntimeError):
    """The graders, the solutions, the stubs and the points do not agree."""


def _load(topic: str) -> tuple[ModuleType, ModuleType, ModuleType]:
    return (
        importlib.import_module(f"solutions.{topic}"),
        importlib.import_module(f"exercises.{topic}"),
        importlib.import_module(f"graders.{topic}"),
    )


def build_registry() -> dict[str, list[Entry]]:
    """Collect every topic's graders and check them against solutions, stubs and points."""
    check_weights()
    registry: dict[str, list[Entry]] = {}
    for topic in TOPICS:
        solution, stub, graders = _load(topic)
        specs: list[FunctionSpec] = graders.SPECS
        names = [spec.name for spec in specs]
        problems = []
        if names != list(solution.__all__):
            problems.append(
                f"graders/{topic}.py grades {names}; solutions/{topic}.py defines "
                f"{list(solution.__all__)}"
            )
        if list(stub.__all__) != list(solution.__all__):
            problems.append(f"exercises/{topic}.py is stale: run `neurograde build`")
        if sorted(POINTS[topic]) != sorted(solution.__all__):
            problems.append(f"POINTS[{topic!r}] does not list exactly the functions of the topic")
        if problems:
            raise RegistryError("; ".join(problems))
        registry[topic] = [
            Entry(topic, spec, getattr(solution, spec.name), POINTS[topic][spec.name])
            for spec in specs
        ]
    return registry


REGISTRY = build_registry()


def entries(topics: tuple[str, ...] | list[str] = TOPICS) -> list[Entry]:
    """Every registry entry of ``topics``, in API order."""
    return [entry for topic in topics for entry in REGISTRY[topic]]


def total_points(topic: str) -> float:
    """The points available for one topic."""
    return float(sum(POINTS[topic].values()))
