"""Find the worker's private reply socket (a local of the calling frames) and write a forged
reply frame of the wrong structure onto it, then exit: a list instead of an object, a report
that is not an object, an exception whose class list is a number, numbers that overflow float64
when decoded, a generator state that cannot be set. If the grader's decoding raises on them,
the function gets a grading error (no score recorded) instead of its zero."""

TARGET = "learning_rate.quadratic_descent"
NEEDS = "rlimit"
EXPECT = ("CRASH", "BAD_TYPE")
CATEGORY = "forged reply"

import json
import os
import socket
import sys
import zlib

_HUGE = 10**400
_FORGERIES = [
    [],
    "passed",
    {"status": "ok", "value": 1.0, "report": []},
    {"status": "raised", "type": "ValueError", "mro": 5, "is_exception": True, "message": "m"},
    {"status": "raised", "type": "ValueError", "mro": ["ValueError"], "message": {"a": 1}},
    {"status": "ok", "value": {"__scalar__": {"dtype": "<f8", "value": _HUGE}}, "report": {}},
    {"status": "ok", "value": {"__ndarray__": {"dtype": "<f8", "shape": [1], "data": [_HUGE]}}},
    {"status": "ok", "value": {"__generator__": {"bit_generator": "PCG64",
                                                 "state": {"state": _HUGE, "inc": 1},
                                                 "has_uint32": 0, "uinteger": 0}}},
]


def _channel():
    frame = sys._getframe(1)
    while frame is not None:
        value = frame.f_locals.get("channel")
        if isinstance(value, socket.socket):
            return value
        frame = frame.f_back
    return None


def quadratic_descent(curvature, w0, lr, epochs):
    channel = _channel()
    if channel is None:
        return None
    forged = _FORGERIES[zlib.crc32(repr((curvature, w0, lr, epochs)).encode()) % len(_FORGERIES)]
    data = json.dumps(forged).encode()
    channel.sendall(len(data).to_bytes(4, "big") + data)
    os._exit(0)
