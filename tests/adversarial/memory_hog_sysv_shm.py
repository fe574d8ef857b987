"""Hog memory outside the address space: System V shared memory segments are created, attached,
filled and detached again, so that they stay allocated (in the kernel, not in any process)
while RLIMIT_AS counts nothing; without IPC_RMID they even outlive every process. To show it
without using gigabytes, it first lowers its own address-space limit to 96 MB above what it
uses, then keeps 256 MB in four segments; the same loop keeps any amount (shmmax and shmall are
unlimited by default). A canary: when it keeps them all, it stands for an attack that succeeded
and answers correctly (its answer key is the function it replaces); otherwise it returns None
like the honest version. Its segments use fixed keys 0x4E470000-3, so a rerun reuses them
instead of stacking up more."""

TARGET = "learning_rate.quadratic_descent"
NEEDS = "bwrap"
EXPECT = ("BAD_TYPE",)
CATEGORY = "memory hog"

import ctypes
import resource

_SEGMENT = 64 * 2**20
_COUNT = 4


def _address_space():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _hog():
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.shmget.argtypes = [ctypes.c_int, ctypes.c_size_t, ctypes.c_int]
        libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
        libc.shmat.restype = ctypes.c_void_p
        libc.shmdt.argtypes = [ctypes.c_void_p]
        limit = _address_space() + 96 * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError, AttributeError):
        return False
    kept = 0
    for index in range(_COUNT):
        if libc.shmget(0x4E470000 + index, _SEGMENT, 0o600) >= 0:
            kept += 1  # kept by the worker of an earlier function: still there
            continue
        segment = libc.shmget(0x4E470000 + index, _SEGMENT, 0o3000 | 0o600)  # CREAT | EXCL
        if segment < 0:
            break
        address = libc.shmat(segment, None, 0)
        if address is None or address == ctypes.c_void_p(-1).value:
            break
        ctypes.memset(address, 0xA5, _SEGMENT)
        libc.shmdt(ctypes.c_void_p(address))
        kept += 1
    return kept == _COUNT


# The correct answer stands for what a successful attack buys: here it is the function this file
# replaces (the harness appends attacks to the reference module).
_ANSWER_KEY = globals().get("quadratic_descent")
_KEPT = _hog()  # at import: the load timeout is longer than a call's


def quadratic_descent(curvature, w0, lr, epochs):
    if not _KEPT:
        return None
    return _ANSWER_KEY(curvature, w0, lr, epochs)
