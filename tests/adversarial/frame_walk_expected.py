"""Walk up the call stack from inside the function (``sys._getframe``) looking in every frame's
locals and globals for the grader's expected value or the reference function, and return what
it finds (a grader that calls the learner from the frame holding ``expected`` would leak it)."""

TARGET = "learning_rate.gradient_descent_step"
NEEDS = "rlimit"
EXPECT = ("BAD_TYPE",)
CATEGORY = "frame or gc walking"

import sys

_NAMES = ("expected", "want", "reference", "ref", "solution", "ctx", "context")


def _leak(w, grad, lr):
    frame = sys._getframe(2)
    while frame is not None:
        for scope in (frame.f_locals, frame.f_globals):
            for name in _NAMES:
                value = scope.get(name)
                if value is None:
                    continue
                for inner in ("expected", "reference"):
                    value = getattr(value, inner, value)
                if callable(value):
                    try:
                        return True, value(w, grad, lr)
                    except Exception:
                        continue
                return True, value
        frame = frame.f_back
    for name, module in list(sys.modules.items()):
        if name.startswith(("solutions", "graders", "tests")):
            reference = getattr(module, "gradient_descent_step", None)
            if callable(reference):
                return True, reference(w, grad, lr)
    return False, None


def gradient_descent_step(w, grad, lr):
    found, value = _leak(w, grad, lr)
    return value if found else None
