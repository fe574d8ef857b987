"""Walk up the process tree past the sandbox's own worker processes and SIGKILL the first
ancestor that is not one of them: the trusted grading process, so that the whole run dies and
no result is written. Inside a PID namespace that process is not visible at all.

It kills once: at ``rlimit`` the sandbox of a killed grading process is adopted by the test
process (a child subreaper), and a second kill, from the next call of the batch, would hit the
test runner itself, which no grading run can protect at that level."""

TARGET = "learning_rate.gradient_descent_step"
NEEDS = "bwrap"
BWRAP_ONLY = ("points", "codes", "completes", "others", "survivors")
EXPECT = ("BAD_TYPE",)
CATEGORY = "killing the parent"

import os
import signal


def _parent_of(pid):
    with open(f"/proc/{pid}/stat") as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


def _kill_grader():
    pid = os.getppid()
    while pid > 1:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                command = f.read()
            if b"worker.py" not in command:
                os.kill(pid, signal.SIGKILL)
                return pid
            pid = _parent_of(pid)
        except OSError:
            return None
    return None


_KILLED = False


def gradient_descent_step(w, grad, lr):
    global _KILLED
    if not _KILLED:
        _KILLED = True
        _kill_grader()
    return None
