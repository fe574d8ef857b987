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


class BatchCandidate(Candidate, Protocol):
    """A candidate that also answers many calls in one round trip (both isolation levels)."""

    def call_many(
        self,
        calls: list[tuple[Any, Any]],
        layout: SharedLayout | None = None,
        stop_at_abort: bool = False,
    ) -> list[CallOutcome]:
        """Each call's outcome, in order; ``calls`` holds encoded ``(args, kwargs)`` pairs.

        ``layout``: the calls' :class:`SharedLayout`, when it is known already. With
        ``stop_at_abort``, the outcomes end with the first call that aborts (a crash, a
        timeout, running out of memory): the caller has no use for the rest.

        Every call keeps its own time limit; a crash or a timeout is that call's outcome, and
        the calls after it run in a fresh worker.
        """
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


@dataclass
class SharedLayout:
    """Where each call's input arrays sit in the shared memory, and their bytes before the call.

    The same calls always have the same layout: a replayed batch computes it once.
    """

    paths: list[list[str]] = field(default_factory=list)
    # Each call as sent: its arrays' numbers left out where the shared memory holds them.
    sent: list[tuple[Any, Any]] = field(default_factory=list)
    before: list[list[bytes]] = field(default_factory=list)
    offsets: list[list[int]] = field(default_factory=list)
    bases: list[int] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    size: int = 0

    @classmethod
    def of(cls, calls: list[tuple[Any, Any]], names: list[str]) -> SharedLayout:
        """The layout of ``calls`` (encoded ``(args, kwargs)``), one region per call."""
        layout = cls()
        for call_args, call_kwargs in calls:
            args, kwargs = protocol.decode(call_args), protocol.decode(call_kwargs)
            values = [*args, *kwargs.values()]
            labels = worker.argument_names(names, len(args), list(kwargs))
            layout.paths.append(worker.array_paths(labels, values))
            arrays, offsets, size = worker.shared_layout(values)
            if size:
                call_args = protocol.without_shared_numbers(call_args)
                call_kwargs = protocol.without_shared_numbers(call_kwargs)
            layout.sent.append((call_args, call_kwargs))
            layout.before.append([array.tobytes() for array in arrays])
            layout.offsets.append([layout.size + offset for offset in offsets])
            layout.bases.append(layout.size)
            layout.sizes.append(size)
            layout.size += size
        return layout


class SharedArrays:
    """The arrays of calls' arguments, in memory both sides see (trusted side's view).

    The trusted side writes the arrays' bytes, the worker hands the learner's function views on
    them (:func:`~neurograde.isolation.worker.place_arrays`), and :meth:`changed` reads them back
    after a call: a change to an input array is measured here, where learner code cannot hide
    it. One instance holds one call, or a batch of calls each in its own region (:attr:`bases`,
    :attr:`sizes`). ``in_memory``: a plain buffer of this process (the in-process seam);
    otherwise a memfd whose descriptor :attr:`fd` is passed to the worker with the call.
    """

    def __init__(
        self,
        args_data: Any,
        kwargs_data: Any,
        names: list[str],
        in_memory: bool = False,
        *,
        batch: list[tuple[Any, Any]] | None = None,
        layout: SharedLayout | None = None,
    ) -> None:
        if layout is None:
            calls = batch if batch is not None else [(args_data, kwargs_data)]
            layout = SharedLayout.of(calls, names)
        self.paths, self.before, self.offsets = layout.paths, layout.before, layout.offsets
        self.sent = layout.sent
        self.bases, self.sizes, self.size = layout.bases, layout.sizes, layout.size
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
        for before, offsets in zip(self.before, self.offsets, strict=True):
            for data, offset in zip(before, offsets, strict=True):
                self.buffer[offset : offset + len(data)] = data

    def region(self, index: int = 0) -> memoryview | None:
        """The part of the buffer that holds call ``index``'s arrays (in-process seam)."""
        if self.buffer is None or not self.sizes[index]:
            return None
        base = self.bases[index]
        return memoryview(self.buffer)[base : base + self.sizes[index]]

    def changed(self, index: int = 0) -> list[str]:
        """The paths of call ``index``'s input arrays whose bytes the call changed."""
        if self.buffer is None:
            return []
        return [
            path
            for path, data, offset in zip(
                self.paths[index], self.before[index], self.offsets[index], strict=True
            )
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


@dataclass
class CallOutcome:
    """One call of a batch: the value it returned or what it raised, and its report."""

    value: Any = None
    error: LearnerRaised | LearnerAbort | None = None
    report: CallReport = field(default_factory=CallReport)

    def result(self) -> Any:
        """The value, or raise what the call raised (as a single call would have)."""
        if self.error is not None:
            raise self.error
        return self.value


def outcome_from_reply(reply: dict[str, Any], changed: list[str] | None = None) -> CallOutcome:
    """A batch call's outcome from the worker's reply to it (see :func:`value_from_reply`)."""
    outcome = CallOutcome()
    try:
        outcome.value = value_from_reply(reply, outcome.report, changed)
    except (LearnerRaised, LearnerAbort) as error:
        outcome.error = error
    return outcome


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
        (outcome,) = self.call_many([(request["args"], request["kwargs"])])
        self.last_call = outcome.report
        return outcome.result()

    def call_many(
        self,
        calls: list[tuple[Any, Any]],
        layout: SharedLayout | None = None,
        stop_at_abort: bool = False,
    ) -> list[CallOutcome]:
        """Call the function on each ``(args, kwargs)`` (encoded, :mod:`protocol`), in order."""
        calls = through_json(calls)
        shared = SharedArrays(
            None, None, self.parameters, in_memory=True, batch=calls, layout=layout
        )
        outcomes = []
        rng: dict[str, Any] = {}
        try:
            for index, (args_data, kwargs_data) in enumerate(calls):
                reply = worker.execute_call(
                    self.function,
                    args_data,
                    kwargs_data,
                    self.parameters,
                    self.learner_file,
                    shared.region(index),
                    rng,
                )
                outcomes.append(outcome_from_reply(through_json(reply), shared.changed(index)))
                if stop_at_abort and isinstance(outcomes[-1].error, LearnerAbort):
                    break
        finally:
            shared.close()
        return outcomes
