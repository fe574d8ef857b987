"""Submission intake: what the learner sent, read as text and never executed here.

A submission is a folder laid out like ``exercises/``, one topic module named after its topic,
or (see :mod:`graders.notebook`) one assignment notebook. Reading it yields the source text of
each topic module present, plus problems found on the way (an unreadable file is a load error for
its topic only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graders.points import TOPICS

MAX_SOURCE_BYTES = 2_000_000  # a topic module larger than this is not a plausible answer


class SubmissionError(ValueError):
    """The path cannot be graded at all (usage error): the message says what to do."""


@dataclass
class Submission:
    """The learner's source text per topic, and what to grade."""

    origin: Path
    topics: list[str]
    sources: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


def _read_source(path: Path) -> tuple[str | None, str | None]:
    """The text of a module, or the reason it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, f"{path.name} could not be read: {error.strerror}"
    if len(data) > MAX_SOURCE_BYTES:
        return None, f"{path.name} is {len(data):,} bytes, more than a topic module can be"
    if b"\x00" in data:
        return None, f"{path.name} is not a text file (it holds NUL bytes)"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return None, f"{path.name} is not UTF-8 text (byte {error.start})"


def load_submission(path: Path) -> Submission:
    """Read a submission folder, topic module or notebook from ``path``."""
    if not path.exists():
        raise SubmissionError(f"{path} does not exist: give a folder, a topic module or a notebook")
    if path.is_dir():
        submission = Submission(path, list(TOPICS))
        found = [t for t in TOPICS if (path / f"{t}.py").is_file()]
        if not found:
            submission.messages.append(
                f"{path} holds none of the topic modules ({', '.join(f'{t}.py' for t in TOPICS)})."
            )
        for topic in TOPICS:
            module = path / f"{topic}.py"
            if not module.is_file():
                continue
            text, problem = _read_source(module)
            if problem is not None:
                submission.problems[topic] = problem
            else:
                submission.sources[topic] = text or ""
        return submission
    if path.suffix == ".ipynb":
        from graders.notebook import load_notebook_submission

        return load_notebook_submission(path)
    if path.suffix == ".py":
        if path.stem not in TOPICS:
            raise SubmissionError(
                f"{path.name} is not a topic module: name it after its topic "
                f"({', '.join(f'{t}.py' for t in TOPICS)}) or submit the whole folder"
            )
        submission = Submission(path, [path.stem])
        text, problem = _read_source(path)
        if problem is not None:
            submission.problems[path.stem] = problem
        else:
            submission.sources[path.stem] = text or ""
        return submission
    raise SubmissionError(
        f"{path.name}: cannot grade a {path.suffix or 'file without extension'}; give a folder "
        "laid out like exercises/, a topic module (.py) or an assignment notebook (.ipynb)"
    )
