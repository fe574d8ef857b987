"""Fork a daemon that escapes every way of finding it again from the same user: a double fork,
its own session, and ``execve`` with an empty environment (a marker kept in the environment is
gone) and no inherited file descriptors."""

TARGET = "learning_rate.epochs_to_converge"
NEEDS = "bwrap"
BWRAP_ONLY = ("survivors",)
EXPECT = ("MISMATCH",)  # None for an int | None result is a wrong value (docs/api.md)
CATEGORY = "fork outliving the call"

import os
import sys

_FORKED = False


def epochs_to_converge(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    global _FORKED
    if not _FORKED:
        _FORKED = True
        if os.fork() == 0:
            try:
                os.setsid()
                if os.fork() == 0:
                    os.closerange(3, 4096)
                    code = "import time; time.sleep(120)  # neurograde-escaped-daemon"
                    os.execve(sys.executable, [sys.executable, "-I", "-c", code], {})
            finally:
                os._exit(0)
    return None
