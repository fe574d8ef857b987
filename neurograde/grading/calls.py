"""The calls a spec declares besides its strategy: fixed examples, bad arguments, known mistakes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Args = tuple[Any, ...]
Kwargs = dict[str, Any]


@dataclass(frozen=True)
class Example:
    """A fixed call that runs every time, with a label that says why it matters."""

    label: str
    args: Args
    kwargs: Kwargs = field(default_factory=dict)


@dataclass(frozen=True)
class BadCall:
    """A call with a bad argument that must be rejected with ``raises``."""

    label: str
    args: Args
    raises: type[Exception] | tuple[type[Exception], ...]
    kwargs: Kwargs = field(default_factory=dict)

    @property
    def wanted(self) -> tuple[type[Exception], ...]:
        """The acceptable exception classes."""
        return self.raises if isinstance(self.raises, tuple) else (self.raises,)


@dataclass(frozen=True)
class Misconception:
    """A known mistake: a trusted function that computes what the mistaken learner computes.

    A ``convention`` is a choice the API fixes one way where mathematics allows several (the
    derivative of relu at its kink, for instance): it differs from the reference only at such
    points, so it is accepted on generated and extreme inputs, which land there by chance, and
    judged by the edge cases, which put it there on purpose.
    """

    description: str
    function: Callable[..., Any]
    convention: bool = False
