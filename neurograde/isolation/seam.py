"""The call seam: how a grader calls the learner's function and learns what the call did.

A grader calls the candidate only as ``candidate(*args, **kwargs)`` and gets a plain value back (see
:mod:`neurograde.isolation.protocol`). After each call, ``candidate.last_call`` reports what the
grader cannot see in the value: inputs the call changed, an input handed back as the result, the
global ``np.random`` state touched, warnings, and what the learner printed. Changes to input
arrays are read back on the trusted side (:class:`SharedArrays`); the rest is measured in the
learner's process.

Both isolation levels produce the same *reply* (plain data, made by
:mod:`neurograde.isolation.worker`) and turn it into a value or an exception here, in
:func:`value_from_reply`, so a submission gets the same grade whether it ran in a sandbox or
(trusted code only) in this process.
"""

from __future__ import annotations

import json
import mmap
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from neurograde.codes import Code
from neurograde.isolation import protocol, worker


@dataclass
class CallReport:
    """What happened during the last call, beyond the value it returned."""

    mutated: list[str] = field(default_factory=list)
    aliased: bool = False
    global_rng_changed: bool = False
    warnings: list[str] = field(default_factory=list)
    output: str = ""


class LearnerRaised(Exception):
    """The learner's function raised an ordinary exception (a failing example, not an abort)."""

    def __init__(self, type_name: str, mro: tuple[str, ...], message: str, trace: str) -> None:
        super().__init__(f"{type_name}: {message}")
        self.type_name = type_name
        self.mro = mro
        self.message = message
        self.trace = trace

    def is_a(self, exception: type[BaseException]) -> bool:
        """Whether the learner's exception is an instance of ``exception`` (by class name)."""
        return exception.__name__ in self.mro


class LearnerAbort(BaseException):
    """The call ended in a way that ends the property at once (never shrunk against).

    A ``BaseException`` so that Hypothesis does not treat it as a failing example and shrink
    against a dead worker.
    """

    def __init__(self, code: Code, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


class GraderFault(BaseException):
    """The grading machinery itself failed: a grading error, never the learner's zero."""


class Candidate(Protocol):
    """What a grader calls: the learner's function behind the seam."""

    name: str
    last_call: CallReport

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call the learner's function with plain arguments; return a plain value."""
        ...


# Exceptions that steer a test runner rather than report an error: never a learner's answer.
_CONTROL_MODULES = ("hypothesis", "_pytest", "pytest", "unittest", "nose")


def classify_raised(facts: dict[str, Any]) -> LearnerRaised | LearnerAbort:
    """The seam exception for what learner code raised (``facts`` from the worker)."""
    mro = tuple(str(name) for name in facts.get("mro", ()))
    name = str(facts.get("type", "Exception"))
    module = str(facts.get("module", "")).split(".")[0]
    if "NotImplementedError" in mro:
        return LearnerAbort(Code.NOT_IMPLEMENTED)
    if "MemoryError" in mro:
        return LearnerAbort(Code.MEMORY, "MemoryError was raised")
    if module in _CONTROL_MODULES or not facts.get("is_exception", False):
        return LearnerAbort(Code.CONTROL_FLOW, f"{name} was raised")
    return LearnerRaised(name, mro, str(facts.get("message", "")), str(facts.get("trace", "")))


def load_problem(topic: str, reply: dict[str, Any]) -> tuple[Code, str]:
    """The code and learner-facing detail of a module that failed to load."""
    status = reply.get("status")
    if status == "syntax":
        return (
            Code.LOAD_ERROR,
            f"{topic}.py line {reply.get('line')}: SyntaxError: {reply.get('message')}",
        )
    if status == "too_large":
        return Code.LOAD_ERROR, f"{topic}.py printed far too much at import"
    raised = classify_raised(reply)
    return Code.LOAD_ERROR, f"{topic}.py failed at import: {raised}"


class SharedArrays:
    """The arrays of one call's arguments, in memory both sides see (trusted side's view).

    The trusted side writes the arrays' bytes, the worker hands the learner's function views on
    them (:func:`~neurograde.isolation.worker.place_arrays`), and :meth:`changed` reads them back
    after the call: a change to an input array is measured here, where learner code cannot hide
    it. ``in_memory``: a plain buffer of this process (the in-process seam); otherwise a memfd
    whose descriptor :attr:`fd` is passed to the worker with the call.
    """

    def __init__(
        self, args_data: Any, kwargs_data: Any, names: list[str], in_memory: bool = False
    ) -> None:
        args, kwargs = protocol.decode(args_data), protocol.decode(kwargs_data)
        values = [*args, *kwargs.values()]
        labels = worker.argument_names(names, len(args), list(kwargs))
        self.paths = worker.array_paths(labels, values)
        arrays, self.offsets, self.size = worker.shared_layout(values)
        self.before = [array.tobytes() for array in arrays]
        self.fd: int | None = None
        self.buffer: bytearray | mmap.mmap | None = None
        if self.size == 0:
            return
        if in_memory:
            self.buffer = bytearray(self.size)
        else:
            self.fd = os.memfd_create("neurograde-arguments", os.MFD_CLOEXEC)
            os.ftruncate(self.fd, self.size)
            self.buffer = mmap.mmap(self.fd, self.size)
        for data, offset in zip(self.before, self.offsets, strict=True):
            self.buffer[offset : offset + len(data)] = data

    def changed(self) -> list[str]:
        """The paths of the input arrays whose bytes the call changed."""
        if self.buffer is None:
            return []
        return [
            path
            for path, data, offset in zip(self.paths, self.before, self.offsets, strict=True)
            if self.buffer[offset : offset + len(data)] != data
        ]

    def close(self) -> None:
        """Release the memory (the worker's mapping is its own)."""
        if isinstance(self.buffer, mmap.mmap):
            self.buffer.close()
        self.buffer = None
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def value_from_reply(
    reply: dict[str, Any], report: CallReport, changed: list[str] | None = None
) -> Any:
    """Decode a worker's reply to one call, filling ``report``; raise the seam's exceptions.

    ``changed``: the input arrays the trusted side saw changed (:class:`SharedArrays`); they are
    reported whatever the worker says.
    """
    status = reply.get("status")
    if status == "ok":
        facts = reply.get("report", {})
        report.mutated = [str(p) for p in facts.get("mutated", [])]
        report.mutated += [p for p in changed or [] if p not in report.mutated]
        report.aliased = bool(facts.get("aliased", False))
        report.global_rng_changed = bool(facts.get("global_rng_changed", False))
        report.warnings = [str(w) for w in facts.get("warnings", [])]
        report.output = str(facts.get("output", ""))
        try:
            return protocol.decode(reply.get("value"))
        except (protocol.ProtocolError, KeyError, TypeError, ValueError) as error:
            raise LearnerAbort(
                Code.BAD_TYPE, f"the returned value could not be read: {error}"
            ) from None
    if status == "raised":
        report.output = str(reply.get("output", ""))
        raise classify_raised(reply)
    if status == "too_large":
        raise LearnerAbort(Code.OUTPUT_TOO_LARGE, str(reply.get("detail", "")))
    raise LearnerAbort(Code.CRASH, f"unreadable reply from the worker (status {status!r})")


def through_json(message: Any) -> Any:
    """What the other end of a socket receives: the in-process seam takes the same path."""
    return json.loads(json.dumps(message, allow_nan=True))


class InProcessCandidate:
    """The learner's function called in this process, on copies, with plain values back.

    For trusted code only (the reference, the tests' mutants and alternatives); submissions are
    graded through the sandbox, which replaces this class with a proxy to a worker process.
    """

    def __init__(
        self, function: Callable[..., Any], name: str, learner_file: str, parameters: list[str]
    ) -> None:
        self.function = function
        self.name = name
        self.learner_file = learner_file
        self.parameters = parameters
        self.last_call = CallReport()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call the learner's function with plain arguments; return a plain value."""
        self.last_call = CallReport()
        try:
            request = through_json(
                {"args": protocol.encode(args), "kwargs": protocol.encode(kwargs)}
            )
        except protocol.ProtocolError as error:
            raise GraderFault(f"the grader's arguments could not be sent: {error}") from error
        shared = SharedArrays(request["args"], request["kwargs"], self.parameters, in_memory=True)
        try:
            reply = worker.execute_call(
                self.function,
                request["args"],
                request["kwargs"],
                self.parameters,
                self.learner_file,
                shared.buffer,
            )
            changed = shared.changed()
        finally:
            shared.close()
        return value_from_reply(through_json(reply), self.last_call, changed)
