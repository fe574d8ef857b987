"""Allocate and touch memory until the machine runs out, hoping to take the grader (or the whole
machine) down with it."""

TARGET = "learning_rate.linear_regression_gd"
NEEDS = "rlimit"
EXPECT = ("MEMORY", "TIMEOUT", "CRASH")
CATEGORY = "memory hog"

import numpy as np


def linear_regression_gd(X, y, lr, epochs):
    hoard = []
    while True:
        hoard.append(np.ones(25_000_000))  # 200 MB, every page written
