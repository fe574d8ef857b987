"""The settings an autograder zip carries: which assignment, who sees what, how to isolate.

Written by the build as ``neurograde-gradescope.json`` beside ``setup.sh`` and read back by
``run_autograder``; the instructor chooses them with the options of ``neurograde gradescope``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

CONFIG_NAME = "neurograde-gradescope.json"
# Gradescope's visibility settings of a test: shown at once, after the due date, once grades are
# published, or never.
VISIBILITIES = ("visible", "after_due_date", "after_published", "hidden")
# auto: bubblewrap where it runs, else the rlimit level (and the results say so); bwrap: bubblewrap
# or a grading error; rlimit: never try bubblewrap.
ISOLATIONS = ("auto", "bwrap", "rlimit")
FORMAT = 1  # the version of this file's layout


class ConfigError(ValueError):
    """The autograder's settings are unusable: the message says what to fix."""


@dataclass(frozen=True)
class AutograderConfig:
    """Everything ``run_autograder`` needs to know besides the learner's upload."""

    assignment: str
    version: str  # the neurograde version of the wheel in the zip
    max_score: float
    visibility: str = "visible"
    show_expected: bool = True
    isolation: str = "auto"
    timeout: float = 10.0
    # Every assignment of the course and its functions (names only, as in the released
    # notebooks), to recognise an upload meant for another assignment.
    assignments: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.visibility not in VISIBILITIES:
            raise ConfigError(
                f"visibility {self.visibility!r} is not one of Gradescope's: "
                f"{', '.join(VISIBILITIES)}"
            )
        if self.isolation not in ISOLATIONS:
            raise ConfigError(f"isolation {self.isolation!r} is not one of {', '.join(ISOLATIONS)}")
        if not self.timeout > 0:
            raise ConfigError(
                f"the timeout must be a positive number of seconds, not {self.timeout}"
            )

    def to_json(self) -> str:
        """The file's text (sorted keys, so that the same settings give the same bytes)."""
        return json.dumps({"format": FORMAT, **asdict(self)}, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> AutograderConfig:
        """Read the settings back; a file of another layout or with bad values is an error."""
        try:
            data: dict[str, Any] = json.loads(text)
        except json.JSONDecodeError as error:
            raise ConfigError(f"{CONFIG_NAME} is not JSON: {error}") from None
        if not isinstance(data, dict) or data.pop("format", None) != FORMAT:
            raise ConfigError(
                f"{CONFIG_NAME} was not written by this neurograde (format {FORMAT}): "
                "rebuild the zip with `neurograde gradescope`"
            )
        try:
            return cls(**data)
        except TypeError as error:
            raise ConfigError(f"{CONFIG_NAME} has unexpected settings: {error}") from None

    @classmethod
    def read(cls, source: Path) -> AutograderConfig:
        """The settings stored in the folder ``source`` (Gradescope's ``/autograder/source``)."""
        path = source / CONFIG_NAME
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise ConfigError(f"cannot read {path}: {error.strerror}") from None
        return cls.from_json(text)
