"""Raise ``unittest.SkipTest`` (an ordinary ``Exception`` subclass from the standard library, so
importable everywhere) so that a unittest-style grader marks the check as skipped."""

TARGET = "learning_rate.gradient_descent_step"
NEEDS = "rlimit"
EXPECT = ("CONTROL_FLOW",)
CATEGORY = "pytest.skip"

import unittest


def gradient_descent_step(w, grad, lr):
    raise unittest.SkipTest("requires a GPU")
