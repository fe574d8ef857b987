"""A generated file: where it goes, what it must hold, and what it is made from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Target:
    """A generated file: where it goes, what it must contain and what it is made from."""

    path: Path
    text: str
    source: str


def banner(source: str) -> str:
    """The two comment lines that open every generated Python file."""
    return (
        f"# Generated from {source} by `neurograde build`: edit the source, not this file.\n"
        "# Regenerate with `neurograde build`; `neurograde build --check` finds stale files.\n"
    )
