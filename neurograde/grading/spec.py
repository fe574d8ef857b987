"""A function's grader, declared as data: the calls and checks that grade it.

Each topic module of ``graders/`` lists one :class:`FunctionSpec` per function of the API. The
spec says which inputs to try (generated, edge cases, extremes, bad arguments), how close is
close enough, and which mistakes to recognise; :meth:`FunctionSpec.properties` turns that into the
layered properties; :mod:`neurograde.grading.grade` grades a candidate with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from hypothesis.strategies import SearchStrategy

from neurograde.grading.calls import Args, BadCall, Example, Kwargs, Misconception
from neurograde.grading.compare import Tolerance
from neurograde.grading.properties import (
    EdgeCases,
    MatchesReference,
    Property,
    RejectsBadArguments,
    Returns,
    Stability,
    Untouched,
)


@dataclass(frozen=True)
class FunctionSpec:
    """Everything that grades one function.

    Parameters
    ----------
    name
        The function's name in the API.
    points
        The function's points: how much there is to get right (the course's total is their sum).
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
    points: float = 1.0
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
            layers.append(Returns(self.examples, self.extremes))
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
