"""Hog memory that the address-space limit does not count: files in RAM-backed file systems
(tmpfs: /tmp, /dev/shm, and the root of a sandbox), 1 MB at a time (the file size limit) in many
files. A canary: when it manages to store 256 MB, it stands for an attack that succeeded and
answers correctly (its answer key is the function it replaces); when the sandbox bounds it, it
returns None like the honest version."""

TARGET = "learning_rate.gradient_descent_step"
NEEDS = "bwrap"
EXPECT = ("BAD_TYPE",)
CATEGORY = "memory hog"
SENTINEL = "/tmp/neurograde-pwned-tmpfs"

import os

_GOAL = 256 * 2**20
_CHUNK = b"\xa5" * 2**20


def _hog():
    total = 0
    roots = []
    for root in ("/tmp", "/dev/shm", "/", "/var/tmp", os.path.expanduser("~")):
        if os.path.realpath(root) not in roots:
            roots.append(os.path.realpath(root))
    for root in roots:
        folder = os.path.join(root, "neurograde-pwned-tmpfs")
        try:
            os.makedirs(folder, exist_ok=True)
            total += sum(e.stat().st_size for e in os.scandir(folder))
        except OSError:
            continue
        index = 0
        while total < _GOAL:
            path = os.path.join(folder, f"{os.getpid()}-{index}")
            index += 1
            try:
                with open(path, "wb") as f:
                    f.write(_CHUNK)
                total += len(_CHUNK)
            except OSError:
                break
        if total >= _GOAL:
            return True
    return False


# The correct answer stands for what a successful attack buys: here it is the function this file
# replaces (the harness appends attacks to the reference module).
_ANSWER_KEY = globals().get("gradient_descent_step")
_STORED = _hog()  # at import: the load timeout is longer than a call's


def gradient_descent_step(w, grad, lr):
    if not _STORED:
        return None
    return _ANSWER_KEY(w, grad, lr)
