"""Print without end (100 MB in 1 MB lines), hoping to fill the grader's memory or disk, or to
flood its log so that real results are lost."""

TARGET = "learning_rate.linear_regression_gd"
NEEDS = "rlimit"
EXPECT = ("OUTPUT_TOO_LARGE",)
CATEGORY = "huge output"


def linear_regression_gd(X, y, lr, epochs):
    line = "x" * 1_000_000
    for _ in range(100):
        print(line)
    return None
