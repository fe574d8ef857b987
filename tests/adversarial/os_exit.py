"""Call ``os._exit(0)``: the process ends at once with status 0 (no exception, no cleanup, no
atexit hooks), which a runner reading only the exit status takes for success."""

TARGET = "learning_rate.quadratic_descent"
NEEDS = "rlimit"
EXPECT = ("CRASH",)
CATEGORY = "os._exit"

import os


def quadratic_descent(curvature, w0, lr, epochs):
    os._exit(0)
