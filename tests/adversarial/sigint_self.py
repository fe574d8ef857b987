"""Send SIGINT to its own process, so that Python raises KeyboardInterrupt from the signal
handler (a control-flow exception that does not come from the function's own ``raise``)."""

TARGET = "learning_rate.gradient_descent_step"
NEEDS = "rlimit"
EXPECT = ("CONTROL_FLOW",)
CATEGORY = "KeyboardInterrupt/SystemExit"

import os
import signal
import time


def gradient_descent_step(w, grad, lr):
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.5)
    return None
