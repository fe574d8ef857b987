"""Build submissions for the meta-tests: the reference with one function replaced.

Mutants (``tests/mutants/<topic>.py``) and alternatives (``tests/alternatives/<topic>.py``) are
functions named ``<function>__<what_is_different>``, each with a docstring. A submission for one
of them is the reference module's source with that function's definition appended under the API
name, so that it replaces the reference's (and the module's other functions call it, as a
learner's own functions call each other).
"""

from __future__ import annotations

import importlib
import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neurograde.course import load_manifest

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Variant:
    """One mutant or alternative: which function it replaces and its source."""

    topic: str
    function: str
    slug: str
    doc: str
    source: str
    expect: tuple[str, ...]  # message codes, one of which must be reported (mutants only)
    mistake: str | tuple[str, ...] | None  # substrings of the mistakes its feedback must name
    costs: tuple[str, ...] | None  # exactly the properties it fails (one mistake costs once)

    @property
    def mistakes(self) -> tuple[str, ...]:
        """The substrings of the mistakes to be named (a mutant may make two)."""
        if self.mistake is None:
            return ()
        return (self.mistake,) if isinstance(self.mistake, str) else self.mistake

    @property
    def id(self) -> str:
        return f"{self.topic}.{self.function}__{self.slug}"


def mutant(
    *codes: str,
    mistake: str | tuple[str, ...] | None = None,
    costs: tuple[str, ...] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a mutant with the message codes it must produce (at least one of them).

    ``mistake`` is a substring of the one mistake its feedback must name, and no other (a
    tuple when the mutant makes two mistakes);
    ``costs``, for a mistake of one aspect (a dtype, a convention, validation), the properties
    it must fail, and no others.
    """

    def mark(function: Callable[..., Any]) -> Callable[..., Any]:
        function.expect = codes  # type: ignore[attr-defined]
        function.mistake = mistake  # type: ignore[attr-defined]
        function.costs = costs  # type: ignore[attr-defined]
        return function

    return mark


def variants(kind: str, topic: str) -> list[Variant]:
    """Every variant defined in ``tests/<kind>/<topic>.py`` (none when the file does not exist)."""
    if not (REPO / "tests" / kind / f"{topic}.py").is_file():
        return []
    module = importlib.import_module(f"tests.{kind}.{topic}")
    found = []
    for name, function in vars(module).items():
        if "__" not in name or name.startswith("_") or not inspect.isfunction(function):
            continue
        api_name, slug = name.split("__", 1)
        source = textwrap.dedent(inspect.getsource(function))
        lines = [line for line in source.splitlines() if not line.startswith("@")]
        source = "\n".join(lines).replace(f"def {name}(", f"def {api_name}(", 1)
        found.append(
            Variant(
                topic,
                api_name,
                slug,
                inspect.getdoc(function) or "",
                source + "\n",
                tuple(getattr(function, "expect", ())),
                getattr(function, "mistake", None),
                getattr(function, "costs", None),
            )
        )
    return found


def without_variants(kind: str) -> list[str]:
    """The functions (``topic.function``) that have no variant of ``kind`` (mutants, alternatives).

    Mutants and alternatives are strongly advised for every function, not required: the
    meta-tests list these functions in pytest's terminal summary instead of failing.
    """
    manifest = load_manifest()
    return [
        f"{topic}.{function}"
        for topic in manifest.topics
        for function in manifest.functions(topic)
        if function not in {variant.function for variant in variants(kind, topic)}
    ]


def reference_source(topic: str) -> str:
    """The reference module's source text."""
    return (REPO / "solutions" / f"{topic}.py").read_text(encoding="utf-8")


def with_replacement(topic: str, source: str) -> str:
    """The reference module with ``source`` (a function definition) appended after it."""
    return reference_source(topic) + "\n\n# --- replaced for this test ---\n" + source
