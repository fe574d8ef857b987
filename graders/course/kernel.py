"""The hidden test of a source notebook: grade a function of the instructor's own kernel.

Only the course's *source* notebooks call this (the release removes hidden tests, and
submissions are graded in a sandbox, never by executing them), so that ``nbgrader validate``
and running the source notebook check that the reference in it gets full marks.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from graders.registry import REGISTRY
from graders.seam import InProcessCandidate


def check_in_kernel(topic: str, name: str, function: Callable[..., Any]) -> None:
    """Grade ``function`` as ``<topic>.<name>``; raise AssertionError unless it gets full marks."""
    entry = next(e for e in REGISTRY[topic] if e.name == name)
    filename = inspect.getsourcefile(function) or "<kernel>"
    parameters = list(inspect.signature(entry.reference).parameters)
    candidate = InProcessCandidate(function, name, filename, parameters)
    result = entry.spec.grade(candidate, entry.reference, topic=topic, points=entry.points)
    if result.points != entry.points:
        raise AssertionError(f"{topic}.{name}: {result.points}/{entry.points}\n{result.feedback()}")
