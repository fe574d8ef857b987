"""Raise ``KeyboardInterrupt``: a BaseException that test runners treat as the user stopping the
run, so no failure is recorded for the property that was running."""

TARGET = "learning_rate.epochs_to_converge"
NEEDS = "rlimit"
EXPECT = ("CONTROL_FLOW",)
CATEGORY = "KeyboardInterrupt/SystemExit"


def epochs_to_converge(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    raise KeyboardInterrupt
