"""The one settings object for grading: Hypothesis, tolerances, weights and feedback.

Everything that changes a score is fixed here and independent of the environment (the ``CI``
variable and ``HYPOTHESIS_PROFILE`` are ignored), so the same submission always gets the same
score on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import HealthCheck, Phase, Verbosity, settings
from hypothesis.internal.conjecture import providers
from hypothesis.internal.constants_ast import Constants

from neurograde.grading.compare import Tolerance

# Hypothesis as the grading contract asks: derandomised, no example database, no deadline (the
# sandbox adds latency that is not the learner's), a fixed number of examples, one bug reported,
# silent (graders never write to stderr), no health checks (they depend on machine speed).
HYPOTHESIS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=40,
    report_multiple_bugs=False,
    verbosity=Verbosity.quiet,
    suppress_health_check=list(HealthCheck),
    phases=(Phase.explicit, Phase.generate, Phase.shrink),
    print_blob=False,
)


def _no_local_constants() -> Constants:
    return _NO_CONSTANTS


_NO_CONSTANTS = Constants()


def draw_from_hypothesis_constants_only() -> None:
    """Keep the literals of the modules loaded in this process out of Hypothesis's draws.

    Since 6.131, Hypothesis mixes into its draws the literals of every *local* module loaded in
    the process (one outside site-packages and the standard library). Which modules those are
    depends on how neurograde is installed (an editable checkout's modules are local, a wheel's
    are not) and on what else the process imported (a benchmark, a notebook's helper), so the
    derandomised draws, and the grades with them, would differ from one machine or command to
    the next. Hypothesis has no setting for it; its internal pool is kept empty instead, for the
    whole process, as Hypothesis itself does under Pyodide. Called when this module is imported;
    ``tests/test_determinism.py`` fails if a Hypothesis release moves the pool.
    """
    providers._get_local_constants = _no_local_constants
    providers.CONSTANTS_CACHE.cache.clear()  # pools computed before, with local literals


draw_from_hypothesis_constants_only()

# The seed of every generated-values property. Derandomised Hypothesis would otherwise seed from a
# digest of the property's source code, so that editing the grader's code (not its inputs) moved
# grades; this is the digest that source had, pinned so that grades stay where they were.
HYPOTHESIS_SEED = int(
    "10214873388280903637473192944625146559407814602341941626786565866650553472715803633576640147"
    "783155897826752771460537"
)

# How a function's points are split over the properties it is checked for. Only the properties
# a grader declares count, so the weights are relative.
PROPERTY_WEIGHTS: dict[str, int] = {
    "returns": 1,  # implemented, and the right kind, shape and dtype of value on a plain input
    "values": 3,  # equal to the reference on generated inputs (Hypothesis)
    "edge_cases": 2,  # equal to the reference on the inputs that hide bugs from fixed examples
    "stability": 1,  # finite, warning-free and right at extreme inputs
    "untouched": 1,  # inputs left as they were; a new object returned
    "errors": 1,  # bad arguments rejected with the right exception and a message
    "reproducible": 1,  # the same generator state gives the same numbers
    "random": 1,  # different generator states give different numbers
    "global_rng": 1,  # numpy's global random state is left alone
    "distribution": 3,  # support, mean, spread and shape of the samples
}


@dataclass(frozen=True)
class GradingSettings:
    """Everything a grading run may be configured with (instructor-facing)."""

    hypothesis: settings = field(default_factory=lambda: HYPOTHESIS)
    tolerance: Tolerance = field(default_factory=Tolerance)
    # Show the reference's expected value in feedback for hidden properties too? Instructors
    # who reuse assignments may prefer learners not to see it.
    show_expected: bool = True


GRADING = GradingSettings()
