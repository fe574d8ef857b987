"""Learner stubs and reference solutions expose exactly the same API."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path
from types import ModuleType

import pytest

from neurograde.course import load_manifest
from tests.api_doc import documented_functions

REPO = Path(__file__).resolve().parents[1]
MANIFEST = load_manifest()
TOPICS = list(MANIFEST.topics)
# The API is read from the manifest (functions in API order, from each topic's specs) and checked
# against docs/api.md below: no test keeps its own copy of the function names.
API = {topic: MANIFEST.functions(topic) for topic in TOPICS}


@pytest.mark.parametrize("topic", TOPICS)
def test_the_manifest_and_the_api_page_agree(topic: str) -> None:
    assert documented_functions(topic) == API[topic]


def _modules(topic: str) -> tuple[ModuleType, ModuleType]:
    return importlib.import_module(f"solutions.{topic}"), importlib.import_module(
        f"exercises.{topic}"
    )


@pytest.mark.parametrize("topic", TOPICS)
def test_public_names_follow_the_api(topic: str) -> None:
    solution, stub = _modules(topic)
    assert solution.__all__ == API[topic]
    assert stub.__all__ == API[topic]


@pytest.mark.parametrize("topic", TOPICS)
def test_signatures_and_docstrings_match(topic: str) -> None:
    solution, stub = _modules(topic)
    assert stub.__doc__ == solution.__doc__
    for name in API[topic]:
        ours, theirs = getattr(solution, name), getattr(stub, name)
        assert inspect.signature(theirs) == inspect.signature(ours), name
        assert theirs.__doc__ == ours.__doc__, name
        for section in ("Parameters", "Returns", "Examples"):
            assert section in (ours.__doc__ or ""), (name, section)


@pytest.mark.parametrize(("topic", "name"), [(t, n) for t in TOPICS for n in API[t]])
def test_every_stub_raises_not_implemented(topic: str, name: str) -> None:
    _, stub = _modules(topic)
    function = getattr(stub, name)
    required = [p for p in inspect.signature(function).parameters.values() if p.default is p.empty]
    with pytest.raises(NotImplementedError):
        function(*[None] * len(required))


@pytest.mark.parametrize("topic", TOPICS)
def test_stub_bodies_hold_no_solution_code(topic: str) -> None:
    tree = ast.parse((REPO / "exercises" / f"{topic}.py").read_text(encoding="utf-8"))
    bodies = {node.name: node.body for node in tree.body if isinstance(node, ast.FunctionDef)}
    for name in API[topic]:
        body = bodies[name][1:]  # after the docstring
        assert len(body) == 1, name
        assert ast.unparse(body[0]) == "raise NotImplementedError()", name
