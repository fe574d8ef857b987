"""Measure how fairly the graders charge and name the project's mutants.

For every mutant (``tests/mutants/<topic>.py``), graded as the reference with that one function
replaced: which properties it fails, whether it returns a wrong value somewhere (a ``MISMATCH``
or an unstable value a known mistake does not explain), and which mistakes the feedback names.
The meta-tests (``tests/test_fairness.py``) assert on these records; ``python -m tests.fairness``
prints the tables quoted in the README.
"""

from __future__ import annotations

import functools
import sys
from collections import Counter
from dataclasses import dataclass

from neurograde.codes import Code
from neurograde.course import load_manifest
from neurograde.grading.grade import grade_entry
from neurograde.grading.registry import entries
from neurograde.grading.results import FunctionResult
from neurograde.isolation.runner import InProcessRunner
from tests.submissions import Variant, variants, with_replacement


@dataclass(frozen=True)
class Record:
    """What grading one mutant gave."""

    variant: Variant
    failed: tuple[str, ...]  # the names of the properties it failed, in order
    wrong_value: bool  # a property saw a wrong value (not only a kind, an error or a warning)
    named: tuple[str, ...]  # every mistake the feedback names
    result: FunctionResult

    @property
    def named_right(self) -> bool:
        """The feedback names the mutant's own mistakes, and no other."""
        own = self.variant.mistakes
        return (
            bool(own and self.named)
            and self.named_only_own
            and all(any(mistake in text for text in self.named) for mistake in own)
        )

    @property
    def named_only_own(self) -> bool:
        """Every mistake the feedback names is one of the mutant's own."""
        own = self.variant.mistakes
        return all(any(mistake in text for mistake in own) for text in self.named)


def mutants() -> list[Variant]:
    """Every mutant of the project, topic by topic."""
    return [v for topic in load_manifest().topics for v in variants("mutants", topic)]


def grade(variant: Variant) -> Record:
    """Grade one mutant in process and record what it cost and what was named."""
    entry = {e.qualified_name: e for e in entries([variant.topic])}[
        f"{variant.topic}.{variant.function}"
    ]
    session = InProcessRunner().open(
        {variant.topic: with_replacement(variant.topic, variant.source)}
    )
    try:
        result = grade_entry(entry, session)
    finally:
        session.close()
    failed = tuple(o.name for o in result.outcomes if not o.passed)
    wrong_value = any(o.code is Code.MISMATCH for o in result.outcomes)
    named = tuple(sorted({text for o in result.outcomes for text in o.mistakes()}))
    return Record(variant, failed, wrong_value, named, result)


@functools.cache
def records() -> tuple[Record, ...]:
    """Every mutant graded once (cached for the meta-tests of one session)."""
    return tuple(grade(v) for v in mutants())


def distribution(found: tuple[Record, ...]) -> Counter[int]:
    """How many mutants fail 1, 2, 3 … properties."""
    return Counter(len(r.failed) for r in found)


def diagnosis_rate(found: tuple[Record, ...]) -> tuple[int, int]:
    """``(named with their own mistake, returning a wrong value)`` over the mutants."""
    wrong = [r for r in found if r.wrong_value]
    return sum(r.named_right for r in wrong), len(wrong)


def distribution_table(found: tuple[Record, ...]) -> str:
    """The README's table: how many mutants fail 1, 2, 3 … properties."""
    counts = distribution(found)
    rows = ["| properties failed | mutants |", "| --- | --- |"]
    rows += [f"| {n} | {counts[n]} |" for n in sorted(counts)]
    return "\n".join(rows)


def rate_sentence(found: tuple[Record, ...]) -> str:
    """The README's sentence on the diagnosis rate."""
    right, wrong = diagnosis_rate(found)
    return (
        f"{right} of the {wrong} mutants that return a wrong value "
        f"({100 * right / wrong:.1f} %) are named with their own mistake"
    )


def main() -> int:
    """Print the distribution table and the diagnosis rate (Markdown, for the README)."""
    found = records()
    print(distribution_table(found))
    print(f"\n{rate_sentence(found)} ({len(found)} mutants in all).")
    misnamed = [r for r in found if not r.named_only_own]
    for r in misnamed:
        print(f"MISNAMED {r.variant.id}: {r.named} (own: {r.variant.mistake})", file=sys.stderr)
    for r in found:
        if r.wrong_value and not r.named:
            print(f"UNNAMED {r.variant.id}: {r.failed}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
