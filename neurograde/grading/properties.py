"""The layered properties a function is graded on, and what each reports.

A property checks one promise of the API (right kind of value, values equal to the reference,
stability, inputs untouched, errors …) and returns an :class:`Outcome` with a message code, the
smallest failing call it found, the expected and the returned value, and the known mistake the
returned value matches, if any. Properties call the learner only through the seam.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np
from hypothesis import given
from hypothesis.strategies import SearchStrategy

from neurograde.codes import Code
from neurograde.grading.calls import Args, BadCall, Example, Kwargs, Misconception
from neurograde.grading.compare import Difference, Tolerance, compare, describe
from neurograde.grading.results import Outcome
from neurograde.grading.settings import PROPERTY_WEIGHTS, GradingSettings
from neurograde.isolation.seam import Candidate, GraderFault, LearnerRaised


class Graded(Protocol):
    """What a property reads of the function it grades (a :class:`FunctionSpec` is one)."""

    @property
    def name(self) -> str:
        """The function's name in the API."""

    @property
    def tolerance(self) -> Tolerance | None:
        """Its own tolerance, if the settings' default does not fit."""

    @property
    def scalar_may_be_0d(self) -> bool:
        """Whether a scalar result may come back as a 0-d array."""

    @property
    def int_slack(self) -> int:
        """How far an integer result may be from the reference's."""

    @property
    def misconceptions(self) -> Sequence[Misconception]:
        """The known mistakes to recognise in a wrong value."""


class _Failed(Exception):
    """Raised inside a Hypothesis property so that it shrinks to the smallest failing call."""


class Context:
    """Everything a property needs: the spec, the candidate, the reference and the settings."""

    def __init__(
        self,
        spec: Graded,
        candidate: Candidate,
        reference: Callable[..., Any],
        settings: GradingSettings,
    ) -> None:
        self.spec = spec
        self.candidate = candidate
        self.reference = reference
        self.settings = settings
        self.tolerance: Tolerance = spec.tolerance or settings.tolerance
        self._last_call: tuple[Args, Kwargs] | None = None

    @property
    def last_call(self) -> str | None:
        """The last call made, described for an abort message (only when one is needed)."""
        return None if self._last_call is None else self.describe_call(*self._last_call)

    @last_call.setter
    def last_call(self, value: None) -> None:
        self._last_call = value

    # -- calls ---------------------------------------------------------------------------
    def describe_call(self, args: Args, kwargs: Kwargs) -> str:
        """``name(arg, …, key=value)`` with every value shown as the learner would write it."""
        parts = [describe(a) for a in args] + [f"{k}={describe(v)}" for k, v in kwargs.items()]
        return f"{self.spec.name}({', '.join(parts)})"

    def call(self, args: Args, kwargs: Kwargs) -> Any:
        """Call the candidate (remembering the call for abort messages).

        The arguments are described only when a message needs them: describing every call
        (numpy's array printing) was a tenth of grading time. The candidate receives copies
        (through JSON), so what is described later is what was passed.
        """
        self._last_call = (args, kwargs)
        return self.candidate(*args, **kwargs)

    def expected(self, args: Args, kwargs: Kwargs) -> Any:
        """The reference's answer, computed on copies; its failure is a grader failure."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                return self.reference(*copy.deepcopy(args), **copy.deepcopy(kwargs))
        except Exception as error:
            raise GraderFault(
                f"the reference failed on {self.describe_call(args, kwargs)}: {error!r}"
            ) from error

    def compare(self, returned: Any, expected: Any) -> Difference | None:
        """Compare with this function's tolerance and options."""
        return compare(
            returned,
            expected,
            self.tolerance,
            scalar_may_be_0d=self.spec.scalar_may_be_0d,
            int_slack=self.spec.int_slack,
        )

    def diagnose(self, args: Args, kwargs: Kwargs, returned: Any) -> str | None:
        """The description of the first known mistake that reproduces ``returned`` exactly."""
        for mistake in self.spec.misconceptions:
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    mistaken = mistake.function(*copy.deepcopy(args), **copy.deepcopy(kwargs))
                if self.compare(returned, mistaken) is None:
                    return mistake.description
            except Exception:
                continue
        return None

    def check_call(self, name: str, args: Args, kwargs: Kwargs) -> Outcome | None:
        """Call the candidate on a valid input; ``None`` when it agrees with the reference."""
        expected = self.expected(args, kwargs)
        try:
            returned = self.call(args, kwargs)
        except LearnerRaised as raised:
            return Outcome(
                name,
                0,
                Code.EXCEPTION,
                detail=f"{raised.type_name}: {raised.message}"
                + (f"\n{raised.trace.rstrip()}" if raised.trace else ""),
                call=self.describe_call(args, kwargs),
                output=self.candidate.last_call.output,
            )
        difference = self.compare(returned, expected)
        if difference is None:
            return None
        return Outcome(
            name,
            0,
            difference.code,
            detail=difference.detail,
            call=self.describe_call(args, kwargs),
            expected=describe(expected),
            expected_text=difference.expected_text,
            returned=describe(returned),
            misconception=self.diagnose(args, kwargs, returned),
            output=self.candidate.last_call.output,
        )


class Property:
    """One promise a function is graded on; ``name`` is its key in the weight table."""

    name = "property"

    @property
    def weight(self) -> int:
        """The share of the function's points this property carries."""
        return PROPERTY_WEIGHTS[self.name]

    def check(self, ctx: Context) -> Outcome:
        """Check the promise and report."""
        raise NotImplementedError

    def ok(self) -> Outcome:
        """A passing outcome."""
        return Outcome(self.name, self.weight, Code.OK)

    def failed(self, outcome: Outcome) -> Outcome:
        """A failing outcome stamped with this property's name and weight."""
        outcome.name, outcome.weight = self.name, self.weight
        return outcome


class Returns(Property):
    """Implemented, and returns the right kind, shape and dtype of value on a plain input."""

    name = "returns"

    def __init__(self, example: Example) -> None:
        self.example = example

    def check(self, ctx: Context) -> Outcome:
        """Values are left to the other properties: only the first three layers count here."""
        failure = ctx.check_call(self.name, self.example.args, self.example.kwargs)
        if failure is None or failure.code in (Code.MISMATCH, Code.NONFINITE):
            return self.ok()
        return self.failed(failure)


class MatchesReference(Property):
    """Equal to the reference on inputs that Hypothesis generates and shrinks."""

    name = "values"

    def __init__(self, calls: SearchStrategy[tuple[Args, Kwargs]]) -> None:
        self.calls = calls

    def check(self, ctx: Context) -> Outcome:
        """Run the Hypothesis property; report the shrunk failing call."""
        failures: list[Outcome] = []

        @ctx.settings.hypothesis
        @given(self.calls)
        def values_match(call: tuple[Args, Kwargs]) -> None:
            failure = ctx.check_call(self.name, *call)
            if failure is not None:
                failures.append(failure)
                raise _Failed

        try:
            values_match()
        except _Failed:
            return self.failed(failures[-1])
        except Exception as error:
            if failures:  # e.g. Hypothesis found the learner's function flaky
                return self.failed(failures[-1])
            raise GraderFault(f"Hypothesis could not run the property: {error!r}") from error
        return self.ok()


class EdgeCases(Property):
    """Equal to the reference on fixed inputs that hide bugs from random examples."""

    name = "edge_cases"

    def __init__(self, examples: Sequence[Example]) -> None:
        self.examples = examples

    def check(self, ctx: Context) -> Outcome:
        """The first failing edge case is reported with its label."""
        for example in self.examples:
            failure = ctx.check_call(self.name, example.args, example.kwargs)
            if failure is not None:
                failure.detail = f"Fails on {example.label}: {failure.detail}"
                return self.failed(failure)
        return self.ok()


class Stability(Property):
    """Right, finite and free of warnings at extreme inputs."""

    name = "stability"

    def __init__(self, examples: Sequence[Example]) -> None:
        self.examples = examples

    def check(self, ctx: Context) -> Outcome:
        """Any failure at an extreme input is reported as ``UNSTABLE`` with its specific detail."""
        for example in self.examples:
            failure = ctx.check_call(self.name, example.args, example.kwargs)
            if failure is None and ctx.candidate.last_call.warnings:
                failure = Outcome(
                    self.name,
                    0,
                    Code.UNSTABLE,
                    call=ctx.describe_call(example.args, example.kwargs),
                    detail=f"It warned: {ctx.candidate.last_call.warnings[0]}",
                )
            if failure is not None:
                failure.detail = f"On {example.label}: {failure.detail}"
                if failure.code in (Code.NONFINITE, Code.EXCEPTION) or (
                    failure.code is Code.MISMATCH and failure.misconception is None
                ):
                    # Overflow, NaN, an exception or lost precision at extreme inputs; a wrong
                    # value that a known mistake explains keeps its own code.
                    failure.code = Code.UNSTABLE
                return self.failed(failure)
        return self.ok()


class Untouched(Property):
    """Inputs are left as they were and the result is a new object, not an input."""

    name = "untouched"

    def __init__(self, examples: Sequence[Example]) -> None:
        self.examples = examples

    def check(self, ctx: Context) -> Outcome:
        """Calls each example and reads the seam's report of what the call changed."""
        for example in self.examples:
            described = ctx.describe_call(example.args, example.kwargs)
            try:
                ctx.call(example.args, example.kwargs)
            except LearnerRaised:
                continue  # a wrong answer is another property's business
            report = ctx.candidate.last_call
            if report.mutated:
                changed = ", ".join(report.mutated)
                return self.failed(
                    Outcome(self.name, 0, Code.MUTATED_INPUT, f"It changed {changed}.", described)
                )
            if report.aliased:
                return self.failed(
                    Outcome(
                        self.name,
                        0,
                        Code.MUTATED_INPUT,
                        "It returned an input array itself (or a view of it) instead of a new "
                        "array, so changing the result would change the caller's input.",
                        described,
                    )
                )
        return self.ok()


class RejectsBadArguments(Property):
    """Bad arguments raise the right exception, with a message."""

    name = "errors"

    def __init__(self, bad_calls: Sequence[BadCall]) -> None:
        self.bad_calls = bad_calls

    def check(self, ctx: Context) -> Outcome:
        """The first bad call that is accepted, or rejected wrongly, is reported."""
        for bad in self.bad_calls:
            described = ctx.describe_call(bad.args, bad.kwargs)
            wanted = " or ".join(kind.__name__ for kind in bad.wanted)
            try:
                returned = ctx.call(bad.args, bad.kwargs)
            except LearnerRaised as raised:
                right_kind = any(raised.is_a(kind) for kind in bad.wanted)
                if right_kind and raised.message.strip():
                    continue
                if right_kind:
                    detail = f"It raised {wanted} without a message: say what was wrong."
                elif raised.type_name == "AssertionError":
                    detail = (
                        f"It used assert; raise {wanted} instead (assert statements vanish "
                        "under python -O and say nothing useful)."
                    )
                else:
                    detail = f"It raised {raised.type_name}: {raised.message}; expected {wanted}."
                return self.failed(
                    Outcome(self.name, 0, Code.WRONG_ERROR, f"For {bad.label}: {detail}", described)
                )
            return self.failed(
                Outcome(
                    self.name,
                    0,
                    Code.WRONG_ERROR,
                    f"For {bad.label}: it returned {describe(returned)} "
                    f"instead of raising {wanted}.",
                    described,
                )
            )
        return self.ok()


def _raised(
    prop: Property, ctx: Context, raised: LearnerRaised, args: Args, kwargs: Kwargs
) -> Outcome:
    """The outcome of a property whose valid call raised."""
    return prop.failed(
        Outcome(
            prop.name,
            0,
            Code.EXCEPTION,
            f"{raised.type_name}: {raised.message}"
            + (f"\n{raised.trace.rstrip()}" if raised.trace else ""),
            ctx.describe_call(args, kwargs),
            output=ctx.candidate.last_call.output,
        )
    )


class Reproducible(Property):
    """Two generators in the same state give identical results."""

    name = "reproducible"

    def __init__(self, make_call: Callable[[np.random.Generator], tuple[Args, Kwargs]]) -> None:
        self.make_call = make_call

    def check(self, ctx: Context) -> Outcome:
        """Calls twice with ``default_rng(2024)`` and compares bit for bit."""
        args, kwargs = self.make_call(np.random.default_rng(2024))
        try:
            first = ctx.call(args, kwargs)
            second = ctx.call(*self.make_call(np.random.default_rng(2024)))
        except LearnerRaised as raised:
            return _raised(self, ctx, raised, args, kwargs)
        if compare(second, first, Tolerance(0.0, 0.0)) is None:
            return self.ok()
        return self.failed(
            Outcome(
                self.name,
                0,
                Code.NOT_REPRODUCIBLE,
                "Two calls with generators seeded alike returned different numbers.",
                ctx.describe_call(args, kwargs),
                returned=describe(second),
            )
        )


class Random(Property):
    """Generators in different states give different results."""

    name = "random"

    def __init__(self, make_call: Callable[[np.random.Generator], tuple[Args, Kwargs]]) -> None:
        self.make_call = make_call

    def check(self, ctx: Context) -> Outcome:
        """Calls with two different seeds; the results must differ."""
        args, kwargs = self.make_call(np.random.default_rng(1))
        try:
            first = ctx.call(args, kwargs)
            second = ctx.call(*self.make_call(np.random.default_rng(2)))
        except LearnerRaised as raised:
            return _raised(self, ctx, raised, args, kwargs)
        if compare(second, first, Tolerance(0.0, 0.0)) is not None:
            return self.ok()
        return self.failed(
            Outcome(
                self.name,
                0,
                Code.NOT_RANDOM,
                "Generators seeded 1 and 2 gave the same numbers: the rng argument was not used.",
                ctx.describe_call(args, kwargs),
                returned=describe(first),
            )
        )


class GlobalRngUntouched(Property):
    """numpy's global random state is neither read nor reseeded."""

    name = "global_rng"

    def __init__(self, make_call: Callable[[np.random.Generator], tuple[Args, Kwargs]]) -> None:
        self.make_call = make_call

    def check(self, ctx: Context) -> Outcome:
        """Reads the seam's report of the global state after one call."""
        args, kwargs = self.make_call(np.random.default_rng(7))
        try:
            ctx.call(args, kwargs)
        except LearnerRaised as raised:
            return _raised(self, ctx, raised, args, kwargs)
        if not ctx.candidate.last_call.global_rng_changed:
            return self.ok()
        return self.failed(
            Outcome(
                self.name,
                0,
                Code.NOT_REPRODUCIBLE,
                "It used or reseeded np.random's global state; draw from the rng argument only.",
                ctx.describe_call(args, kwargs),
            )
        )
