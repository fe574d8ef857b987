"""Where learner code runs: the runner interface, and the in-process runner.

A runner opens one session per submission; a session hands out a candidate per function. The
in-process runner executes learner code in this process and is for trusted code only (the
reference, the mutants and alternatives of the tests); learner submissions go through the
sandbox (:mod:`neurograde.isolation.sandbox`).
"""

from __future__ import annotations

import importlib
import inspect
import types
from dataclasses import dataclass
from typing import Protocol

from neurograde.codes import Code
from neurograde.isolation import worker
from neurograde.isolation.seam import Candidate, InProcessCandidate, load_problem, through_json


@dataclass(frozen=True)
class Unavailable:
    """Why a function cannot be called at all: missing, or its module failed to load."""

    code: Code
    detail: str


class Session(Protocol):
    """One submission's learner code, loaded and ready to be called."""

    def candidate(self, topic: str, name: str) -> Candidate | Unavailable:
        """The learner's function behind the seam, or why there is none."""
        ...

    def close(self) -> None:
        """Release everything the session holds (processes, files)."""
        ...


class Runner(Protocol):
    """Opens sessions; ``isolation`` names how learner code is kept apart."""

    isolation: str

    def open(self, sources: dict[str, str]) -> Session:
        """Load the learner's source text, one module per topic."""
        ...


def learner_filename(topic: str) -> str:
    """The file name learner code is compiled under (tracebacks keep only its frames)."""
    return f"<submission>/{topic}.py"


def parameter_names(topic: str, name: str) -> list[str]:
    """The API's parameter names of a function (used to name changed arguments in feedback)."""
    reference = getattr(importlib.import_module(f"solutions.{topic}"), name, None)
    return list(inspect.signature(reference).parameters) if callable(reference) else []


class InProcessSession:
    """Learner modules executed in this process (trusted code only)."""

    def __init__(self, sources: dict[str, str]) -> None:
        self.modules: dict[str, types.ModuleType | Unavailable] = {}
        for topic, source in sources.items():
            loaded = worker.load_module(topic, source, learner_filename(topic))
            if isinstance(loaded, dict):
                self.modules[topic] = Unavailable(*load_problem(topic, through_json(loaded)))
            else:
                self.modules[topic] = loaded

    def candidate(self, topic: str, name: str) -> Candidate | Unavailable:
        """The learner's function, or why there is none."""
        module = self.modules.get(topic)
        if module is None:
            return Unavailable(Code.MISSING, f"No {topic}.py in the submission.")
        if isinstance(module, Unavailable):
            return module
        function = module.__dict__.get(name)
        if not callable(function):
            return Unavailable(Code.MISSING, f"{topic}.py defines no function {name}.")
        return InProcessCandidate(
            function, name, learner_filename(topic), parameter_names(topic, name)
        )

    def close(self) -> None:
        """Nothing to release in process."""
        self.modules.clear()


class InProcessRunner:
    """Runs learner code in this process: for trusted code and the graders' own tests."""

    isolation = "none"

    def open(self, sources: dict[str, str]) -> InProcessSession:
        """Load the modules in this process."""
        return InProcessSession(sources)
