"""SIGKILL the parent process (the sandbox's zygote that forks the worker of every function),
hoping that the functions graded after this one find no worker and are skipped or scored 0."""

TARGET = "learning_rate.quadratic_descent"
NEEDS = "rlimit"
EXPECT = ("BAD_TYPE", "CRASH")
CATEGORY = "killing the parent"

import os
import signal

_KILLED = False


def quadratic_descent(curvature, w0, lr, epochs):
    global _KILLED
    if not _KILLED:
        _KILLED = True
        try:
            os.kill(os.getppid(), signal.SIGKILL)
        except OSError:
            pass
    return None
