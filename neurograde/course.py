"""The course the engine grades: topics, functions in API order and points, from the manifest.

The engine never imports the content package by a static import: it reads the manifest module
(``graders.manifest``) and each topic's grader module by name, so content depends on the engine
and never the other way round. Every count and total (how many functions, how many points)
derives from here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType

from neurograde.paths import CONTENT


class CourseError(RuntimeError):
    """The course's content is not usable: a message that says what to fix."""


@dataclass(frozen=True)
class Manifest:
    """The course: topics in teaching order, per topic its functions' points in API order, labs.

    ``labs`` maps each ungraded lab to the topics whose functions it loads from the learner's
    notebooks.
    """

    topics: tuple[str, ...]
    points: dict[str, dict[str, float]]
    labs: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def functions(self, topic: str) -> list[str]:
        """The functions of ``topic``, in API order."""
        return list(self.points[topic])

    def total(self, topic: str | None = None) -> float:
        """The points available for one topic, or for the whole course."""
        topics = self.topics if topic is None else (topic,)
        return float(sum(sum(self.points[t].values()) for t in topics))

    @property
    def function_count(self) -> int:
        """How many functions the course grades."""
        return sum(len(self.points[t]) for t in self.topics)


def grader_module(topic: str, package: str = CONTENT) -> ModuleType:
    """The content module that grades ``topic`` (``graders.<topic>``)."""
    return importlib.import_module(f"{package}.{topic}")


@cache
def load_manifest(package: str = CONTENT) -> Manifest:
    """Read the manifest and every topic's specs from the content package ``package``."""
    try:
        topics = tuple(importlib.import_module(f"{package}.manifest").TOPICS)
    except (ImportError, AttributeError) as error:
        raise CourseError(f"{package}/manifest.py must define TOPICS: {error}") from error
    points: dict[str, dict[str, float]] = {}
    for topic in topics:
        specs = getattr(grader_module(topic, package), "SPECS", None)
        if not isinstance(specs, list) or not specs:
            raise CourseError(f"{package}/{topic}.py must define SPECS, a list of FunctionSpec")
        points[topic] = {spec.name: spec.points for spec in specs}
    return Manifest(topics, points, _labs(package, topics))


def _labs(package: str, topics: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The manifest's ``LABS`` (none when it has none), checked against its topics."""
    declared = getattr(importlib.import_module(f"{package}.manifest"), "LABS", {})
    if not isinstance(declared, dict):
        raise CourseError(f"{package}/manifest.py: LABS must be a dict of lab name -> topics")
    labs: dict[str, tuple[str, ...]] = {}
    for name, uses in declared.items():
        if not isinstance(name, str) or not name.isidentifier() or name in topics:
            raise CourseError(
                f"{package}/manifest.py: the lab {name!r} needs a name of its own (an identifier "
                "that is not a topic)"
            )
        unknown = [t for t in uses if t not in topics]
        if isinstance(uses, str) or unknown:
            raise CourseError(
                f"{package}/manifest.py: the lab {name!r} must name a tuple of topics it uses, "
                f"from {', '.join(topics)}; got {uses!r}"
            )
        labs[name] = tuple(uses)
    return labs
