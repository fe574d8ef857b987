"""Return a subclass of ``numpy.float64`` that claims to be numpy's own type (``__module__ =
"numpy"``) so that it is sent as a numpy scalar, with an ``item()`` that yields an integer far
outside the float range and an ``__eq__`` that is always true: decoding it on the grader's side
overflows. If that error escapes, the function gets a grading error (no score recorded) instead
of a wrong answer."""

TARGET = "learning_rate.epochs_to_converge"
NEEDS = "rlimit"
EXPECT = ("BAD_TYPE", "CRASH")
CATEGORY = "ndarray subclass"

import numpy as np


class Impostor(np.float64):
    def item(self, *args):
        return 10**400

    def __eq__(self, other):
        return True

    def __hash__(self):
        return 0


Impostor.__module__ = "numpy"


def epochs_to_converge(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    return Impostor(3.0)
