"""Fork a daemon that leaves the worker's process group and session (``setsid`` after a double
fork) and keeps running after the call returns, so that killing the worker's group misses it."""

TARGET = "learning_rate.quadratic_descent"
NEEDS = "rlimit"
EXPECT = ("BAD_TYPE",)
CATEGORY = "fork outliving the call"

import os
import time

_FORKED = False


def quadratic_descent(curvature, w0, lr, epochs):
    global _FORKED
    if not _FORKED:
        _FORKED = True
        if os.fork() == 0:
            try:
                os.setsid()
                if os.fork() == 0:
                    time.sleep(120)
            finally:
                os._exit(0)
    return None
