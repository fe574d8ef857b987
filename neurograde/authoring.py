"""Everything an instructor imports to write a grader: ``from neurograde.authoring import …``.

A topic's grader (``graders/<topic>.py``) is content: a list ``SPECS`` of :class:`FunctionSpec`,
one per function of the topic, in API order, each with its points. This module is the whole
surface it may use (a test checks that graders import nothing else of the engine); the engine
behind it can change without touching a grader. See ``docs/authoring.md`` for a worked example.

What it offers, by use:

- **the spec**: :class:`FunctionSpec`, :class:`Example`, :class:`BadCall`,
  :class:`Misconception`, :class:`Tolerance`, the types ``Args``, ``Kwargs`` and ``Call``;
- **the shared strategies**: :func:`floats`, :func:`arrays`, :func:`sizes`, :func:`shapes`,
  :func:`calls`, :func:`activations` and ``ACTIVATIONS``;
- **random functions**: :class:`Reproducible`, :class:`Random`, :class:`GlobalRngUntouched`
  and the statistical checks: :class:`Distribution` with its :class:`Trial`, :class:`Mistake`
  and :class:`Problem`, the laws :class:`Law`, :class:`MomentLaw` (:func:`normal_law`,
  :func:`uniform_law`, :func:`symmetric_law`), :class:`HoeffdingUniform`, and :func:`summary`;
- **custom properties**: subclass :class:`Property` (``name`` from the weight table, ``check``
  returning ``self.ok()``, ``self.outcome(code, …)`` or ``self.raised(…)``), read the call
  through the :class:`Context`, catch :class:`LearnerRaised`, report a :class:`Code`;
  :func:`compare` and :func:`describe` are the engine's comparison and the feedback's way of
  showing a value.
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
from neurograde.grading.statistics import (
    Distribution,
    HoeffdingUniform,
    Law,
    LawsOf,
    Mistake,
    MomentLaw,
    Problem,
    Trial,
    normal_law,
    summary,
    symmetric_law,
    uniform_law,
)
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
    "Distribution",
    "Example",
    "FunctionSpec",
    "GlobalRngUntouched",
    "HoeffdingUniform",
    "Kwargs",
    "Law",
    "LawsOf",
    "LearnerRaised",
    "Misconception",
    "Mistake",
    "MomentLaw",
    "Outcome",
    "Problem",
    "Property",
    "Random",
    "Reproducible",
    "Tolerance",
    "Trial",
    "activations",
    "arrays",
    "calls",
    "compare",
    "describe",
    "floats",
    "normal_law",
    "shapes",
    "sizes",
    "summary",
    "symmetric_law",
    "uniform_law",
]
