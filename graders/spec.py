"""A function's grader, declared as data: the calls and checks that grade it.

Each topic module of ``graders/`` lists one :class:`FunctionSpec` per function of the API. The
spec says which inputs to try (generated, edge cases, extremes, bad arguments), how close is
close enough, and which mistakes to recognise; :meth:`FunctionSpec.grade` turns that into the
layered properties and grades a candidate against the reference.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from hypothesis.strategies import SearchStrategy

from graders.codes import FATAL, Code
from graders.compare import Tolerance
from graders.properties import (
    Args,
    BadCall,
    Context,
    EdgeCases,
    Example,
    Kwargs,
    MatchesReference,
    Misconception,
    Outcome,
    Property,
    RejectsBadArguments,
    Returns,
    Stability,
    Untouched,
)
from graders.results import FunctionResult
from graders.seam import Candidate, GraderFault, LearnerAbort
from graders.settings import GRADING, PROPERTY_WEIGHTS, GradingSettings


@dataclass(frozen=True)
class FunctionSpec:
    """Everything that grades one function.

    Parameters
    ----------
    name
        The function's name in the API.
    calls
        Hypothesis strategy of valid ``(args, kwargs)``; values are compared with the reference.
    examples
        Fixed valid calls that hide bugs from random inputs (batch of one, ties, kinks, square
        shapes, non-default arguments …). The first one is also the plain input of ``returns``.
    extremes
        Valid calls at extreme magnitudes for the stability property.
    bad_calls
        Calls that must raise (the error contract).
    misconceptions
        Known mistakes recognised on a failing call.
    tolerance
        Overrides the settings' tolerance for this function.
    scalar_may_be_0d
        A scalar result may also come back as a 0-d float array.
    int_slack
        How far an integer result may be from the reference's (a closed form may differ by one).
    compare_values
        False for random functions: their values are graded by ``extra`` properties instead.
    extra
        More properties (the distribution checks of initialisers, for instance).
    """

    name: str
    calls: SearchStrategy[tuple[Args, Kwargs]] | None = None
    examples: Sequence[Example] = ()
    extremes: Sequence[Example] = ()
    bad_calls: Sequence[BadCall] = ()
    misconceptions: Sequence[Misconception] = ()
    tolerance: Tolerance | None = None
    scalar_may_be_0d: bool = False
    int_slack: int = 0
    compare_values: bool = True
    extra: Sequence[Property] = field(default_factory=tuple)

    def properties(self) -> list[Property]:
        """The layered properties, in the order they are checked."""
        layers: list[Property] = []
        if self.examples:
            layers.append(Returns(self.examples[0]))
        if self.compare_values and self.calls is not None:
            layers.append(MatchesReference(self.calls))
        if self.compare_values and self.examples:
            layers.append(EdgeCases(self.examples))
        if self.extremes:
            layers.append(Stability(self.extremes))
        layers.extend(self.extra)
        if self.examples:
            layers.append(Untouched(self.examples))
        if self.bad_calls:
            layers.append(RejectsBadArguments(self.bad_calls))
        return layers

    def grade(
        self,
        candidate: Candidate,
        reference: Callable[..., Any],
        *,
        topic: str,
        points: float,
        settings: GradingSettings = GRADING,
    ) -> FunctionResult:
        """Grade ``candidate`` against ``reference``; never raises."""
        ctx = Context(self, candidate, reference, settings)
        outcomes: list[Outcome] = []
        fatal: LearnerAbort | None = None
        for prop in self.properties():
            if fatal is not None:
                outcomes.append(Outcome(prop.name, prop.weight, fatal.code, fatal.detail))
                continue
            ctx.last_call = None
            try:
                outcomes.append(prop.check(ctx))
            except LearnerAbort as abort:
                outcomes.append(
                    Outcome(prop.name, prop.weight, abort.code, abort.detail, ctx.last_call)
                )
                if abort.code in FATAL:
                    fatal = abort
            except GraderFault as fault:
                return FunctionResult(topic, self.name, points, outcomes, grader_error=str(fault))
            except Exception as error:  # a bug in the grader must never become a learner's zero
                return FunctionResult(
                    topic,
                    self.name,
                    points,
                    outcomes,
                    grader_error=f"{type(error).__name__}: {error}",
                )
        return FunctionResult(topic, self.name, points, outcomes)

    def not_gradable(self, code: Code, detail: str, *, topic: str, points: float) -> FunctionResult:
        """The result for a function that could not be called at all (missing, not loaded)."""
        outcomes = [Outcome(p.name, p.weight, code, detail) for p in self.properties()]
        return FunctionResult(topic, self.name, points, outcomes)


def check_weights() -> None:
    """Every property named in a spec has a weight (called by the registry's self-check)."""
    for prop in (Returns, MatchesReference, EdgeCases, Stability, Untouched, RejectsBadArguments):
        if prop.name not in PROPERTY_WEIGHTS:
            raise RuntimeError(f"property {prop.name!r} has no weight in PROPERTY_WEIGHTS")
