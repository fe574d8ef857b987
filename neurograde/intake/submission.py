"""A submission as the grader sees it: the learner's source text per topic, never executed here."""

from __future__ import annotations

from dataclasses import dataclass, field


class SubmissionError(ValueError):
    """The path cannot be graded at all (usage error): the message says what to do."""


@dataclass
class Submission:
    """The learner's source text per topic, and what to grade."""

    topics: list[str]
    sources: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
