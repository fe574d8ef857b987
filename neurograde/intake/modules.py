"""Module submissions: a folder laid out like ``exercises/``, or one topic module.

Each topic module present is read as text (an unreadable file is a load error for its topic
only, never for the others).
"""

from __future__ import annotations

from pathlib import Path

from neurograde.course import load_manifest
from neurograde.intake.submission import Submission, SubmissionError

MAX_SOURCE_BYTES = 2_000_000  # a topic module larger than this is not a plausible answer


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


def load_folder(path: Path) -> Submission:
    """Read every topic module in the folder ``path``."""
    topics = load_manifest().topics
    submission = Submission(list(topics))
    found = [t for t in topics if (path / f"{t}.py").is_file()]
    if not found:
        submission.messages.append(
            f"{path} holds none of the topic modules ({', '.join(f'{t}.py' for t in topics)})."
        )
    for topic in topics:
        module = path / f"{topic}.py"
        if not module.is_file():
            continue
        text, problem = _read_source(module)
        if problem is not None:
            submission.problems[topic] = problem
        else:
            submission.sources[topic] = text or ""
    return submission


def load_module(path: Path) -> Submission:
    """Read one topic module, named after its topic."""
    topics = load_manifest().topics
    if path.stem not in topics:
        raise SubmissionError(
            f"{path.name} is not a topic module: name it after its topic "
            f"({', '.join(f'{t}.py' for t in topics)}) or submit the whole folder"
        )
    submission = Submission([path.stem])
    text, problem = _read_source(path)
    if problem is not None:
        submission.problems[path.stem] = problem
    else:
        submission.sources[path.stem] = text or ""
    return submission
