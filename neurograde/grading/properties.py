"""The layered properties a function is graded on, and what each reports.

A property checks one promise of the API (right kind of value, values equal to the reference,
stability, inputs untouched, errors …) and returns an :class:`Outcome` with a message code, the
smallest failing call it found, the expected and the returned value, and the known mistake the
returned value matches, if any. Properties call the learner only through the seam.
"""

from __future__ import annotations

import copy
import typing
import warnings
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np
from hypothesis import given, seed
from hypothesis.strategies import SearchStrategy

from neurograde.codes import Code
from neurograde.grading.calls import Args, BadCall, Example, Kwargs, Misconception
from neurograde.grading.compare import Difference, Tolerance, compare, describe
from neurograde.grading.diagnosis import Diagnosis, Seen, evaluate, generic_mistakes
from neurograde.grading.results import Outcome
from neurograde.grading.settings import HYPOTHESIS_SEED, PROPERTY_WEIGHTS, GradingSettings
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
        catalogue = list(spec.misconceptions)
        self.conventions = [m for m in catalogue if m.convention]
        self.none_is_value = _may_return_none(reference)
        self.diagnosis = Diagnosis(catalogue, generic_mistakes(spec.name, reference), self.same)
        self._suspects: dict[str, Misconception] = {}

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

    def replayed_draws(self) -> list[tuple[Args, Kwargs]] | None:
        """The inputs to check instead of running Hypothesis: ``None`` (run it) but in a replay.

        A replay (:mod:`neurograde.grading.corpus`) gives the inputs Hypothesis drew when every
        call passed, which are the inputs it draws for any function that passes them all.
        """
        return None

    def compare(
        self, returned: Any, expected: Any, *, values_only: bool = True
    ) -> Difference | None:
        """Compare with this function's tolerance and options.

        By default only the values count (ints for floats, a list for an array are compared by
        their numbers): the kind and the dtype are the ``returns`` property's business.
        """
        return compare(
            returned,
            expected,
            self.tolerance,
            scalar_may_be_0d=self.spec.scalar_may_be_0d,
            int_slack=self.spec.int_slack,
            values_only=values_only,
            none_is_value=self.none_is_value,
        )

    def same(self, returned: Any, computed: Any) -> bool:
        """Whether a returned value equals a computed one (a mistake's, a convention's)."""
        return self.compare(returned, computed) is None

    def check_call(
        self,
        prop: Property,
        args: Args,
        kwargs: Kwargs,
        *,
        conventions: bool = False,
        evidence: bool = True,
    ) -> Outcome | None:
        """Call the candidate on a valid input; ``None`` when it agrees with the reference.

        With ``conventions``, a value that one of the API's conventions gives (another side of
        a kink) is accepted too: those are judged by the edge cases only. Without ``evidence``,
        a passing call does not rule out mistakes: at extreme inputs a stable learner passes
        where the catalogue's naive model of a mistake overflows.
        """
        expected = self.expected(args, kwargs)
        try:
            returned = self.call(args, kwargs)
        except LearnerRaised as raised:
            return prop.raised(self, raised, args, kwargs)
        difference = self.compare(returned, expected)
        if difference is not None and conventions:
            for convention in self.conventions:
                applies, value = evaluate(convention, args, kwargs)
                if applies and self.same(returned, value):
                    difference = None
                    break
        if evidence or difference is not None:
            self.diagnosis.record(Seen(args, kwargs, returned), failing=difference is not None)
        if difference is None:
            return None
        # A scalar's difference only restates the Returned and Expected lines: left out.
        restated = not isinstance(expected, np.ndarray | tuple | list | dict) and (
            difference.code in (Code.MISMATCH, Code.NONFINITE)
        )
        outcome = prop.outcome(
            difference.code,
            "" if restated else difference.detail,
            self.describe_call(args, kwargs),
            expected=describe(expected),
            expected_text="" if restated else difference.expected_text,
            returned=describe(returned),
            output=self.candidate.last_call.output,
        )
        # Its suspects are found only if it is reported (shrinking fails many calls, reports one).
        outcome.failing_call = Seen(args, kwargs, returned)
        return outcome

    def suspect(self, outcome: Outcome) -> tuple[str, ...]:
        """The known mistakes that reproduce the value of a failing outcome (found once)."""
        seen, outcome.failing_call = outcome.failing_call, None
        if isinstance(seen, Seen):
            suspects = self.diagnosis.suspects(seen.args, seen.kwargs, seen.returned)
            self._suspects.update((m.description, m) for m in suspects)
            outcome.suspects = tuple(m.description for m in suspects)
        return outcome.suspects

    def settle(self, outcomes: Sequence[Outcome]) -> None:
        """Name, in every failing outcome, the mistakes that best explain every call seen."""
        failing = [o for o in outcomes if not o.passed and self.suspect(o)]
        groups = [[self._suspects[name] for name in o.suspects] for o in failing]
        for outcome, named in zip(failing, self.diagnosis.verdict(groups), strict=True):
            outcome.named = named
            outcome.misconception = _mistake_text(named)


def _may_return_none(reference: Callable[..., Any]) -> bool:
    """Whether the reference's annotation says it returns ``None`` for some inputs."""
    try:
        returns = typing.get_type_hints(reference).get("return")
    except Exception:  # an annotation that cannot be evaluated says nothing
        return False
    return returns is not None and type(None) in typing.get_args(returns)


def _mistake_text(named: Sequence[str]) -> str | None:
    """The learner-facing text of a verdict: one mistake, or several that cannot be told apart."""
    if not named:
        return None
    if len(named) == 1:
        return named[0]
    return "one of these, which give the same values on every input tried: " + "; or ".join(named)


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

    def outcome(
        self,
        code: Code,
        detail: str = "",
        call: str | None = None,
        *,
        expected: str | None = None,
        expected_text: str = "",
        returned: str | None = None,
        misconception: str | None = None,
        output: str = "",
    ) -> Outcome:
        """An outcome of this property, stamped with its name and weight.

        ``expected_text`` is the part of ``detail`` that quotes the expected value (hidden from
        learners when the instructor hides expected values).
        """
        return Outcome(
            self.name,
            self.weight,
            code,
            detail,
            call,
            expected=expected,
            returned=returned,
            misconception=misconception,
            output=output,
            expected_text=expected_text,
        )

    def ok(self) -> Outcome:
        """A passing outcome."""
        return self.outcome(Code.OK)

    def raised(
        self, ctx: Context, raised: LearnerRaised, args: Args, kwargs: Kwargs, where: str = ""
    ) -> Outcome:
        """The outcome of a valid call that raised: the exception, its trace and the output.

        ``where`` prefixes the detail (``"On <trial>: "``) when the property makes several calls.
        """
        trace = f"\n{raised.trace.rstrip()}" if raised.trace else ""
        return self.outcome(
            Code.EXCEPTION,
            f"{where}{raised.type_name}: {raised.message}{trace}",
            ctx.describe_call(args, kwargs),
            output=ctx.candidate.last_call.output,
        )


# The codes of the kind of a value, which the ``returns`` property owns.
KIND_CODES = frozenset({Code.BAD_TYPE, Code.BAD_SHAPE, Code.BAD_DTYPE})


class Returns(Property):
    """Implemented, and the right kind, shape and dtype of value on every fixed input.

    The fixed inputs are the examples and the extremes. The first example is the plain input: an
    exception there means the function does not run at all. On the others an exception, like a
    wrong value, is the edge cases' or the stability's business; only the kind of what comes
    back counts here.
    """

    name = "returns"

    def __init__(self, examples: Sequence[Example], extremes: Sequence[Example] = ()) -> None:
        self.examples = [*examples, *extremes]

    def check(self, ctx: Context) -> Outcome:
        """The first fixed input whose result has the wrong kind, shape or dtype is reported."""
        for index, example in enumerate(self.examples):
            args, kwargs = example.args, example.kwargs
            expected = ctx.expected(args, kwargs)
            try:
                returned = ctx.call(args, kwargs)
            except LearnerRaised as raised:
                if index == 0:
                    return self.raised(ctx, raised, args, kwargs)
                continue
            difference = ctx.compare(returned, expected, values_only=False)
            if difference is None or difference.code not in KIND_CODES:
                continue
            where = "" if index == 0 else f"On {example.label}: "
            return self.outcome(
                difference.code,
                f"{where}{difference.detail}",
                ctx.describe_call(args, kwargs),
                expected=describe(expected),
                expected_text=difference.expected_text,
                returned=describe(returned),
                output=ctx.candidate.last_call.output,
            )
        return self.ok()


class MatchesReference(Property):
    """Equal to the reference on inputs that Hypothesis generates and shrinks.

    The API's conventions at kinks are accepted here: generated inputs land on a kink by chance,
    and the edge cases judge the convention on purpose.
    """

    name = "values"

    def __init__(self, calls: SearchStrategy[tuple[Args, Kwargs]]) -> None:
        self.calls = calls

    def check(self, ctx: Context) -> Outcome:
        """Run the Hypothesis property; report the shrunk failing call."""
        draws = ctx.replayed_draws()
        if draws is not None:  # a replay: any failure sends the function to the path below
            for call in draws:
                failure = ctx.check_call(self, *call, conventions=True)
                if failure is not None:
                    return failure
            return self.ok()
        failures: list[Outcome] = []

        @seed(HYPOTHESIS_SEED)
        @ctx.settings.hypothesis
        @given(self.calls)
        def values_match(call: tuple[Args, Kwargs]) -> None:
            failure = ctx.check_call(self, *call, conventions=True)
            if failure is not None:
                failures.append(failure)
                raise _Failed

        try:
            values_match()
        except _Failed:
            return failures[-1]
        except Exception as error:
            if failures:  # e.g. Hypothesis found the learner's function flaky
                return failures[-1]
            raise GraderFault(f"Hypothesis could not run the property: {error!r}") from error
        return self.ok()


def _labelled(prefix: str, detail: str) -> str:
    return f"{prefix}: {detail}" if detail else f"{prefix}."


class EdgeCases(Property):
    """Equal to the reference on fixed inputs that hide bugs from random examples.

    A result of the wrong kind or shape on these inputs is the ``returns`` property's, which
    checks the same inputs; only the values count here.
    """

    name = "edge_cases"

    def __init__(self, examples: Sequence[Example]) -> None:
        self.examples = examples

    def check(self, ctx: Context) -> Outcome:
        """The first failing edge case is reported with its label."""
        for example in self.examples:
            failure = ctx.check_call(self, example.args, example.kwargs)
            # The right numbers in another shape are the returns property's (and the values')
            # business; anything else that cannot be read as the right numbers fails here too,
            # or a wrong kind of result would earn this share for free.
            if failure is not None and failure.code is not Code.BAD_SHAPE:
                failure.detail = _labelled(f"Fails on {example.label}", failure.detail)
                return failure
        return self.ok()


class Stability(Property):
    """Right, finite and free of warnings at extreme inputs.

    The rule (README, "How a function is graded"): for every finite input whose true result is
    finite and representable in float64, the result is right within the tolerance, finite, and
    computed without a floating-point warning. Conventions at kinks are the edge cases' business.
    """

    name = "stability"

    def __init__(self, examples: Sequence[Example]) -> None:
        self.examples = examples

    def check(self, ctx: Context) -> Outcome:
        """Any failure at an extreme input is reported as ``UNSTABLE`` with its specific detail."""
        for example in self.examples:
            failure = ctx.check_call(
                self, example.args, example.kwargs, conventions=True, evidence=False
            )
            if failure is not None and failure.code is Code.BAD_SHAPE:
                failure = None  # the right numbers in another shape: judged by returns
            if failure is None and ctx.candidate.last_call.warnings:
                failure = self.outcome(
                    Code.UNSTABLE,
                    call=ctx.describe_call(example.args, example.kwargs),
                    detail=f"It warned: {ctx.candidate.last_call.warnings[0]}",
                )
            if failure is not None:
                failure.detail = _labelled(f"On {example.label}", failure.detail)
                if failure.code in (Code.NONFINITE, Code.EXCEPTION) or (
                    failure.code is Code.MISMATCH and not ctx.suspect(failure)
                ):
                    # Overflow, NaN, an exception or lost precision at extreme inputs; a wrong
                    # value that a known mistake explains keeps its own code.
                    failure.code = Code.UNSTABLE
                return failure
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
                return self.outcome(Code.MUTATED_INPUT, f"It changed {changed}.", described)
            if report.aliased:
                return self.outcome(
                    Code.MUTATED_INPUT,
                    "It returned an input array itself (or a view of it) instead of a new "
                    "array, so changing the result would change the caller's input.",
                    described,
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
                return self.outcome(Code.WRONG_ERROR, f"For {bad.label}: {detail}", described)
            return self.outcome(
                Code.WRONG_ERROR,
                f"For {bad.label}: it returned {describe(returned)} instead of raising {wanted}.",
                described,
            )
        return self.ok()


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
            return self.raised(ctx, raised, args, kwargs)
        if compare(second, first, Tolerance(0.0, 0.0)) is None:
            return self.ok()
        if ctx.candidate.last_call.global_rng_changed:
            return self.ok()  # drawn from np.random's global state: the global_rng property's
        return self.outcome(
            Code.NOT_REPRODUCIBLE,
            "Two calls with generators seeded alike returned different numbers.",
            ctx.describe_call(args, kwargs),
            returned=describe(second),
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
            return self.raised(ctx, raised, args, kwargs)
        if compare(second, first, Tolerance(0.0, 0.0)) is not None:
            return self.ok()
        return self.outcome(
            Code.NOT_RANDOM,
            "Generators seeded 1 and 2 gave the same numbers: the rng argument was not used.",
            ctx.describe_call(args, kwargs),
            returned=describe(first),
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
            return self.raised(ctx, raised, args, kwargs)
        if not ctx.candidate.last_call.global_rng_changed:
            return self.ok()
        return self.outcome(
            Code.NOT_REPRODUCIBLE,
            "It used or reseeded np.random's global state; draw from the rng argument only.",
            ctx.describe_call(args, kwargs),
        )
