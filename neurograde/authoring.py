"""Everything an instructor imports to write a grader: ``from neurograde.authoring import …``.

A topic's grader (``graders/<topic>.py``) is content: a list ``SPECS`` of :class:`FunctionSpec`,
one per function of the topic, in API order, each with its points. This module is the whole
surface it may use; the engine behind it can change without touching a grader. See
``docs/authoring.md`` for a worked example.
"""

from neurograde.codes import Code
from neurograde.grading.calls import Args, BadCall, Example, Kwargs, Misconception
from neurograde.grading.compare import Tolerance, compare, describe
from neurograde.grading.properties import (
    Context,
    GlobalRngUntouched,
    Property,
    Random,
    Reproducible,
)
from neurograde.grading.results import Outcome
from neurograde.grading.spec import FunctionSpec
from neurograde.grading.strategies import (
    ACTIVATIONS,
    Call,
    activations,
    arrays,
    calls,
    floats,
    shapes,
    sizes,
)
from neurograde.isolation.seam import LearnerRaised

__all__ = [
    "ACTIVATIONS",
    "Args",
    "BadCall",
    "Call",
    "Code",
    "Context",
    "Example",
    "FunctionSpec",
    "GlobalRngUntouched",
    "Kwargs",
    "LearnerRaised",
    "Misconception",
    "Outcome",
    "Property",
    "Random",
    "Reproducible",
    "Tolerance",
    "activations",
    "arrays",
    "calls",
    "compare",
    "describe",
    "floats",
    "shapes",
    "sizes",
]
