"""Loop forever, hoping the grader waits for ever (or gives up and records nothing)."""

TARGET = "learning_rate.epochs_to_converge"
NEEDS = "rlimit"
EXPECT = ("TIMEOUT",)
CATEGORY = "infinite loop"


def epochs_to_converge(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    while True:
        pass
