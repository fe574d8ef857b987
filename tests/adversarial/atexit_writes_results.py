"""Register every kind of exit hook (``atexit``, a ``weakref.finalize``, threading's exit hooks,
handlers for SIGTERM/SIGHUP/SIGINT) that writes a full-marks results.json when the worker
shuts down, hoping it lands where the grader reads its results."""

TARGET = "learning_rate.linear_regression_gd"
NEEDS = "rlimit"
EXPECT = ("BAD_TYPE",)
CATEGORY = "atexit hook"
SENTINEL = "/tmp/neurograde-pwned-atexit.json"

import atexit
import json
import signal
import threading
import weakref

_FAKE = {"score": 97.0, "tests": [{"name": "learning_rate.linear_regression_gd", "score": 4.0}]}


def _write(*_):
    with open(SENTINEL, "w") as f:
        json.dump(_FAKE, f)


class _Anchor:
    pass


_anchor = _Anchor()


def linear_regression_gd(X, y, lr, epochs):
    atexit.register(_write)
    weakref.finalize(_anchor, _write)
    try:
        threading._register_atexit(_write)
    except (AttributeError, RuntimeError):
        pass
    for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGUSR1):
        signal.signal(number, _write)
    return None
