"""Ignore and block every signal that can be ignored, then loop for ever swallowing every
exception, so that neither SIGTERM, SIGINT, SIGALRM nor a timeout exception can stop it."""

TARGET = "learning_rate.quadratic_descent"
NEEDS = "rlimit"
EXPECT = ("TIMEOUT",)
CATEGORY = "loop ignoring signals"

import signal


def quadratic_descent(curvature, w0, lr, epochs):
    for number in range(1, signal.NSIG):
        try:
            signal.signal(number, signal.SIG_IGN)
        except (OSError, ValueError, RuntimeError):
            pass
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, set(range(1, signal.NSIG)))
    except (OSError, ValueError):
        pass
    while True:
        try:
            while True:
                pass
        except BaseException:
            continue
