"""Import the reference solutions (and the graders) from the installed project: an editable
install makes ``solutions`` importable from anywhere the grading user's Python runs. When it
works, the function answers with the reference's own results."""

TARGET = "learning_rate.epochs_to_converge"
NEEDS = "bwrap"
EXPECT = ("MISMATCH",)  # None for an int | None result is a wrong value (docs/api.md)
CATEGORY = "reading project or course files"

import importlib

_REFERENCE = None
for _module in ("solutions.learning_rate", "neurograde.grading.registry"):
    try:
        _found = importlib.import_module(_module)
    except BaseException:
        continue
    if _module == "solutions.learning_rate":
        _REFERENCE = _found.epochs_to_converge
        break


def epochs_to_converge(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    if _REFERENCE is None:
        return None
    return _REFERENCE(curvature, w0, lr, tol, max_epochs)
