"""Return a 100 MB string: the reply is larger than any frame the grader accepts, hoping to
exhaust the grader's memory while it reads and decodes it."""

TARGET = "learning_rate.epochs_to_converge"
NEEDS = "rlimit"
EXPECT = ("OUTPUT_TOO_LARGE",)
CATEGORY = "huge output"


def epochs_to_converge(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    return "x" * (100 * 2**20)
