"""Print a full-marks results.json (Gradescope format) and a pytest summary on every output
channel it can find (sys.stdout, the original streams, file descriptors 1 and 2, /dev/tty),
hoping the grader parses its own results from the worker's output."""

TARGET = "learning_rate.gradient_descent_step"
NEEDS = "rlimit"
EXPECT = ("BAD_TYPE",)
CATEGORY = "fake results on stdout"

import json
import os
import sys

_FAKE = json.dumps(
    {
        "score": 97.0,
        "max_score": 97.0,
        "tests": [{"name": "learning_rate.gradient_descent_step", "score": 2.0, "max_score": 2.0,
                   "status": "passed"}],
    }
)


def gradient_descent_step(w, grad, lr):
    text = _FAKE + "\n===== 43 passed in 0.01s =====\n"
    print(text)
    for stream in (sys.__stdout__, sys.__stderr__):
        try:
            stream.write(text)
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    for fd in (1, 2):
        try:
            os.write(fd, text.encode())
        except OSError:
            pass
    for path in ("/dev/tty", "/proc/self/fd/1"):
        try:
            with open(path, "w") as f:
                f.write(text)
        except OSError:
            pass
    return None
