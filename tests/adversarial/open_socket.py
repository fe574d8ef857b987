"""Open network connections: to an accomplice listening on the grading machine's loopback
(127.0.0.1:47311, which the test harness provides) and to a public DNS server. A canary: when a
connection works, it stands for answers bought from the accomplice and answers correctly (its
answer key is the function it replaces); without a network it returns None like the honest
version."""

TARGET = "learning_rate.gradient_descent_step"
NEEDS = "bwrap"
EXPECT = ("BAD_TYPE",)
CATEGORY = "socket"

import socket

ACCOMPLICE = ("127.0.0.1", 47311)

# The correct answer stands for what a successful attack buys: here it is the function this file
# replaces (the harness appends attacks to the reference module).
_ANSWER_KEY = globals().get("gradient_descent_step")
_REACHED = None


def _reach():
    for address in (ACCOMPLICE, ("1.1.1.1", 53)):
        try:
            with socket.create_connection(address, timeout=0.3):
                return True
        except OSError:
            continue
    return False


def gradient_descent_step(w, grad, lr):
    global _REACHED
    if _REACHED is None:
        _REACHED = _reach()
    if not _REACHED:
        return None
    return _ANSWER_KEY(w, grad, lr)
