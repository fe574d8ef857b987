"""Write a forged reply frame onto the worker's private reply socket that is valid JSON nested
200,000 levels deep: parsing it on the grader's side raises RecursionError, which is neither an
OSError nor a ValueError. If it escapes, the function gets a grading error (no score recorded)
instead of its zero."""

TARGET = "learning_rate.linear_regression_gd"
NEEDS = "rlimit"
EXPECT = ("CRASH", "BAD_TYPE")
CATEGORY = "forged reply"

import os
import socket
import sys


def _channel():
    frame = sys._getframe(1)
    while frame is not None:
        value = frame.f_locals.get("channel")
        if isinstance(value, socket.socket):
            return value
        frame = frame.f_back
    return None


def linear_regression_gd(X, y, lr, epochs):
    channel = _channel()
    if channel is None:
        return None
    data = b"[" * 200_000 + b"]" * 200_000
    channel.sendall(len(data).to_bytes(4, "big") + data)
    os._exit(0)
