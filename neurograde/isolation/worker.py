"""The untrusted side: loads learner source and answers calls with plain data.

This file and :mod:`neurograde.isolation.protocol` are the only project files a sandbox sees;
they import nothing else from the project. The same functions serve the in-process seam
(:func:`execute_call`, :func:`load_module`), so both isolation levels compute identical replies.

Process layout in a sandbox: a *zygote* imports numpy once and, for every function to grade,
forks a fresh *child* that loads the learner's module and answers that function's calls. Learner
code never runs in the zygote. Messages are length-prefixed JSON on private sockets; what
learner code prints goes to a capped buffer, never to those sockets.

The zygote applies the resource limits to itself first thing (its children inherit them), so the
trusted side starts it with no code of its own between ``fork`` and ``exec``: safe from threads.

Arrays passed to a call may live in memory the trusted side shares with the child (one mapping
per call, or per batch with each call in its own region): the child's arguments are views on it,
so the trusted side reads back what the call did to them from memory the child cannot forge (see
:func:`place_arrays`).

A *batch* request carries many calls of the function; the child answers each with its own
reply frame as soon as the call is done, so that the trusted side keeps a time limit per call
and knows which call a crash or a timeout interrupted.

Usage (by the sandbox only): ``python -I worker.py zygote CONTROL_FD CONFIG_JSON``, where the
configuration holds the ``limits`` and the ``path`` folders that hold numpy.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import json
import mmap
import os
import resource
import signal
import socket
import sys
import traceback
import types
import warnings
from typing import Any

if __name__ == "__main__":  # the sandbox's worker: only this file's folder is importable
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    # numpy's folder, wherever it is installed (``-I`` leaves out the user site, for one).
    for _folder in json.loads(sys.argv[3]).get("path", []) if len(sys.argv) == 4 else []:
        if _folder not in sys.path:
            sys.path.append(_folder)
    import protocol  # type: ignore[import-not-found, no-redef, unused-ignore]
else:
    from neurograde.isolation import protocol

import numpy as np

# Captured before any learner code runs, so that patching numpy or builtins cannot change them.
_ndarray = np.ndarray
_Generator = np.random.Generator
_get_state = np.random.get_state
# The legacy global RandomState's bit generator (what ``np.random.rand`` and friends draw from).
_global_generator: Any = getattr(getattr(np.random.mtrand, "_rand", None), "_bit_generator", None)
_shares_memory = np.shares_memory
_catch_warnings = warnings.catch_warnings
_simplefilter = warnings.simplefilter
_extract_tb = traceback.extract_tb
_format_list = traceback.format_list

OUTPUT_CAP = 4_000  # characters of learner output returned per call
OUTPUT_LIMIT = 1_000_000  # characters a single call may print before it is stopped
ALIGN = 64  # bytes: where each shared argument array starts


class OutputTooLarge(BaseException):
    """Learner code printed more than OUTPUT_LIMIT characters in one call."""


class CappedOutput(io.TextIOBase):
    """A text stream that keeps the first OUTPUT_CAP characters and stops runaway printing."""

    def __init__(self) -> None:
        self.kept: list[str] = []
        self.size = 0

    def writable(self) -> bool:
        """Always: it is an output stream."""
        return True

    def write(self, text: str) -> int:
        """Keep the start of ``text``; stop the call when too much was printed."""
        text = str(text)
        if self.size < OUTPUT_CAP:
            self.kept.append(text[: OUTPUT_CAP - self.size])
        self.size += len(text)
        if self.size > OUTPUT_LIMIT:
            raise OutputTooLarge
        return len(text)

    def value(self) -> str:
        """What was kept."""
        return "".join(self.kept)


# -- what a call did, measured without trusting anything learner code can reach ----------------
def _snapshot(value: Any, path: str, out: dict[str, Any]) -> None:
    kind = type(value)
    if kind is _ndarray:
        out[path] = ("array", value.dtype.str, value.shape, value.tobytes())
    elif kind in (list, tuple):
        out[path] = (kind.__name__, len(value))
        for i, item in enumerate(value):
            _snapshot(item, f"{path}[{i}]", out)
    elif kind is dict:
        out[path] = ("dict", tuple(value))
        for key, item in value.items():
            _snapshot(item, f"{path}[{key!r}]", out)
    elif kind is _Generator:
        return  # drawing from the rng it was given is the point
    else:
        out[path] = ("value", repr(value))


def snapshot(names: list[str], values: list[Any]) -> dict[str, Any]:
    """A byte-level picture of the arguments, to tell afterwards what a call changed."""
    out: dict[str, Any] = {}
    for name, value in zip(names, values, strict=True):
        _snapshot(value, name, out)
    return out


def _arrays(value: Any) -> list[Any]:
    kind = type(value)
    if kind is _ndarray:
        return [value]
    if kind in (list, tuple):
        return [a for item in value for a in _arrays(item)]
    if kind is dict:
        return [a for item in value.values() for a in _arrays(item)]
    return []


def _objects(value: Any) -> list[Any]:
    kind = type(value)
    if kind in (list, tuple):
        return [value, *(o for item in value for o in _objects(item))]
    if kind is dict:
        return [value, *(o for item in value.values() for o in _objects(item))]
    return [value] if kind is _ndarray else []


def returns_an_input(result: Any, arguments: list[Any]) -> bool:
    """Whether the result is (or contains) an input object, or a view of an input array."""
    inputs = [o for argument in arguments for o in _objects(argument)]
    outputs = _objects(result)
    if any(out is item for out in outputs for item in inputs):
        return True
    input_arrays = [a for argument in arguments for a in _arrays(argument)]
    return any(_shares_memory(out, item) for out in _arrays(result) for item in input_arrays)


def argument_names(names: list[str], count: int, keywords: list[str]) -> list[str]:
    """How the arguments of a call are named in feedback: the API's names, then keywords."""
    positional = [names[i] if i < len(names) else f"argument {i + 1}" for i in range(count)]
    return positional + keywords


def array_paths(names: list[str], values: list[Any]) -> list[str]:
    """The feedback paths of the arrays among ``values``, in :func:`shared_layout`'s order."""
    out: dict[str, Any] = {}
    for name, value in zip(names, values, strict=True):
        _snapshot(value, name, out)
    return [path for path, seen in out.items() if seen[0] == "array"]


def shared_layout(values: list[Any]) -> tuple[list[Any], list[int], int]:
    """The arrays among ``values``, where each starts in the shared memory, and its size."""
    arrays = [a for value in values for a in _arrays(value)]
    offsets, end = [], 0
    for array in arrays:
        offsets.append(end)
        end += -(-array.nbytes // ALIGN) * ALIGN
    return arrays, offsets, end


def _rebuild(value: Any, views: Any) -> Any:
    kind = type(value)
    if kind is _ndarray:
        return next(views)
    if kind is list:
        return [_rebuild(item, views) for item in value]
    if kind is tuple:
        return tuple(_rebuild(item, views) for item in value)
    if kind is dict:
        return {key: _rebuild(item, views) for key, item in value.items()}
    return value


def place_arrays(values: list[Any], shared: Any) -> list[Any]:
    """``values`` with every array replaced by a view on ``shared`` at its offset.

    The trusted side wrote the arrays' bytes there before the call and reads them back after
    it: what the call changed in its inputs is seen from memory the learner's code cannot forge.
    """
    arrays, offsets, _ = shared_layout(values)
    views = iter(
        np.frombuffer(shared, dtype=a.dtype, count=a.size, offset=offset).reshape(a.shape)
        for a, offset in zip(arrays, offsets, strict=True)
    )
    return [_rebuild(value, views) for value in values]


def _word_reader() -> Any:
    """A fast read of the global generator's words (MT19937's key and position), or None.

    numpy's full ``get_state`` copies them into a fresh dict and array: a good part of a call's
    cost. The bit generator's state struct is read in place instead, at the address numpy's
    ``ctypes`` interface gives; checked once against ``get_state``, so that another layout
    (another numpy) falls back to the full read. ``_global_generator`` keeps the object alive,
    so the address stays valid whatever learner code does to ``numpy.random``.
    """
    try:
        address = int(_global_generator.ctypes.state_address)
        inner = _get_state(legacy=False)["state"]
        size = inner["key"].nbytes + 4  # uint32 key[624]; int pos
        expected = inner["key"].tobytes() + int(inner["pos"]).to_bytes(4, sys.byteorder)
        if ctypes.string_at(address, size) != expected:
            return None
    except Exception:  # any other numpy: the full read
        return None
    string_at = ctypes.string_at
    return lambda: string_at(address, size)


_read_words = _word_reader()


def _global_state(known: Any = None) -> Any:
    """The global generator's state: its words, and the normal it keeps for the next draw.

    ``known``: a state read earlier in this process. When the words are unchanged and no normal
    was kept, nothing changed (a legacy normal draw with none kept draws words), and the slow
    full read is skipped.
    """
    words = _read_words() if _read_words is not None else None
    if known is not None and words is not None and words == known[0] and not known[1]:
        return known
    state = _get_state(legacy=False)
    if words is None:
        inner = state["state"]
        words = inner["key"].tobytes() + int(inner["pos"]).to_bytes(4, sys.byteorder)
    return (words, state["has_gauss"], state["gauss"])


def raised_facts(error: BaseException, learner_file: str) -> dict[str, Any]:
    """What the trusted side needs to know about an exception from learner code."""
    kind = type(error)
    try:
        message = str(error)[:500]
    except BaseException:  # a learner's exception whose __str__ fails still has a type
        message = ""
    frames = [f for f in _extract_tb(error.__traceback__) if f.filename == learner_file]
    return {
        "type": kind.__name__,
        "module": str(getattr(kind, "__module__", "")),
        "mro": [k.__name__ for k in kind.__mro__],
        "is_exception": isinstance(error, Exception),
        "message": message,
        "trace": "".join(_format_list(frames))[-2000:],
    }


def execute_call(
    function: Any,
    args_data: Any,
    kwargs_data: Any,
    names: list[str],
    learner_file: str,
    shared: Any = None,
    rng: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Call ``function`` on decoded arguments and describe the outcome as plain data.

    ``shared``: a writable buffer holding the arguments' arrays (:func:`place_arrays`).
    ``rng``: kept across the calls of a batch, it carries the global random state after one
    call over to the next, whose state before it is (nothing runs in between but this file's
    code): reading that state is a good part of a call's cost.
    """
    placeholders = shared is not None  # the arrays' numbers are in the shared memory only
    args = list(protocol.decode(args_data, placeholders=placeholders))
    kwargs = protocol.decode(kwargs_data, placeholders=placeholders)
    if shared is not None:
        placed = place_arrays([*args, *kwargs.values()], shared)
        args, kwargs = placed[: len(args)], dict(zip(kwargs, placed[len(args) :], strict=True))
    values = [*args, *kwargs.values()]
    all_names = argument_names(names, len(args), list(kwargs))
    before = snapshot(all_names, values)
    carried = rng.pop("after", None) if rng is not None else None
    rng_before = _global_state() if carried is None else carried
    captured = CappedOutput()
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = captured
    try:
        with _catch_warnings(record=True) as caught:
            _simplefilter("always")
            try:
                value = function(*args, **kwargs)
            except OutputTooLarge:
                return {
                    "status": "too_large",
                    "detail": "it printed more than 1,000,000 characters",
                }
            except BaseException as error:  # every learner failure is reported, never re-raised
                facts = raised_facts(error, learner_file)
                return {"status": "raised", **facts, "output": captured.value()}
    finally:
        sys.stdout, sys.stderr = saved
    after = snapshot(all_names, values)
    rng_after = _global_state(rng_before)
    report = {
        "mutated": [path for path, seen in before.items() if after.get(path) != seen],
        "aliased": returns_an_input(value, values),
        "global_rng_changed": rng_after != rng_before,
        "warnings": [f"{w.category.__name__}: {w.message}" for w in caught[:10]],
        "output": captured.value(),
    }
    try:
        encoded = protocol.encode(value)
    except protocol.ProtocolError as error:
        return {"status": "too_large", "detail": str(error)}
    if rng is not None and not _holds_generator(value):
        rng["after"] = rng_after  # encoding ran no learner code (a generator's could)
    return {"status": "ok", "value": encoded, "report": report}


def _holds_generator(value: Any, depth: int = 0) -> bool:
    kind = type(value)
    if kind is _Generator or depth > protocol.MAX_DEPTH:
        return True
    if kind in (list, tuple):
        return any(_holds_generator(item, depth + 1) for item in value)
    if kind is dict:
        return any(_holds_generator(item, depth + 1) for item in value.values())
    return False


def load_module(topic: str, source: str, learner_file: str) -> types.ModuleType | dict[str, Any]:
    """Execute the learner's module; return it, or the facts of why it failed to load."""
    module = types.ModuleType(f"submission_{topic}")
    module.__file__ = learner_file
    captured = CappedOutput()
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = captured
    try:
        code = compile(source, learner_file, "exec")
        exec(code, module.__dict__)
    except SyntaxError as error:
        return {"status": "syntax", "line": error.lineno, "message": str(error.msg)}
    except OutputTooLarge:
        return {"status": "too_large", "detail": "it printed more than 1,000,000 characters"}
    except BaseException as error:  # any failure at import is the module's load error
        return {"status": "raised", **raised_facts(error, learner_file)}
    finally:
        sys.stdout, sys.stderr = saved
    return module


# -- the processes ------------------------------------------------------------------------------
def _shared_memory(channel: socket.socket, size: int) -> mmap.mmap:
    """The memory the trusted side shares for one call's arrays (its descriptor comes next)."""
    _, fds, _, _ = socket.recv_fds(channel, 1, 1)
    if len(fds) != 1:
        raise ConnectionError("no shared memory came with the call")
    try:
        return mmap.mmap(fds[0], size)
    finally:
        os.close(fds[0])


PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Have the kernel SIGKILL this process when its parent ends."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def child_main(channel: socket.socket, cpu_seconds: int, zygote: int) -> None:
    """Serve one function: load the module, then answer calls until the channel closes.

    ``zygote`` is the pid of the process that forked this one. The child dies with it (as every
    process of a bubblewrap sandbox does with the sandbox), so that learner code never runs in an
    orphan whose parent is the grading process or whatever adopted it. A child whose zygote died
    before that took hold says so instead of loading, before any learner code runs in it, and the
    grading side starts a fresh sandbox.
    """
    die_with_parent()
    os.setpgid(0, 0)  # its own group: killing it kills whatever it forks too
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    module: types.ModuleType | None = None
    function: Any = None
    names: list[str] = []
    learner_file = ""
    while True:
        try:
            request = protocol.recv_frame(channel)
        except EOFError:
            return
        if request["op"] == "load":
            if os.getppid() != zygote:
                protocol.send_frame(channel, {"status": "orphaned"})
                return
            learner_file = request["file"]
            names = list(request["names"])
            loaded = load_module(request["topic"], request["source"], learner_file)
            if isinstance(loaded, dict):
                protocol.send_frame(channel, loaded)
                continue
            module = loaded
            function = module.__dict__.get(request["function"])
            protocol.send_frame(channel, {"status": "loaded", "found": callable(function)})
        elif request["op"] == "call":
            size = int(request.get("shared", 0))
            shared = _shared_memory(channel, size) if size else None
            reply = execute_call(
                function, request["args"], request["kwargs"], names, learner_file, shared
            )
            protocol.send_frame(channel, reply)
        elif request["op"] == "batch":
            size = int(request.get("shared", 0))
            memory = _shared_memory(channel, size) if size else None
            view = memoryview(memory) if memory is not None else None
            rng: dict[str, Any] = {}
            for call in request["calls"]:
                base, length = int(call.get("base", 0)), int(call.get("shared", 0))
                region = view[base : base + length] if view is not None and length else None
                reply = execute_call(
                    function, call["args"], call["kwargs"], names, learner_file, region, rng
                )
                protocol.send_frame(channel, reply)  # one reply per call, as soon as it is done


# Kernel memory that RLIMIT_AS does not count: System V shared memory and memfd files.
_DENIED_SYSCALLS = {
    "x86_64": (0xC000003E, {"shmget": 29, "memfd_create": 319}),
    "aarch64": (0xC00000B7, {"shmget": 194, "memfd_create": 279}),
}


def deny_uncounted_memory() -> bool:
    """Install a seccomp filter that makes ``shmget`` and ``memfd_create`` fail with EPERM.

    Memory behind those calls is not counted by RLIMIT_AS, so a learner could fill the
    machine's RAM with it. The filter is inherited by every child and cannot be removed.
    Returns False where it cannot be installed (another architecture or kernel).
    """
    import platform

    machine = platform.machine()
    if machine not in _DENIED_SYSCALLS:
        return False
    audit_arch, numbers = _DENIED_SYSCALLS[machine]
    load, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, JMP|JEQ|K, JMP|JGE|K, RET|K
    allow, deny = 0x7FFF0000, 0x00050000 | 1  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EPERM
    program = [(load, 0, 0, 4), (jeq, 1, 0, audit_arch), (ret, 0, 0, allow), (load, 0, 0, 0)]
    program += [(jge, 0, 1, 0x40000000), (ret, 0, 0, deny)]  # the x32 ABI's numbers
    for number in numbers.values():
        program += [(jeq, 0, 1, number), (ret, 0, 0, deny)]
    program.append((ret, 0, 0, allow))

    class Filter(ctypes.Structure):
        _fields_ = [
            ("code", ctypes.c_ushort),
            ("jt", ctypes.c_ubyte),
            ("jf", ctypes.c_ubyte),
            ("k", ctypes.c_uint),
        ]

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(Filter))]

    filters = (Filter * len(program))(*[Filter(*instruction) for instruction in program])
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    if libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0) != 0:
        return False
    prog = Program(len(program), filters)
    return bool(libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.byref(prog), 0, 0) == 0)


def apply_limits(limits: dict[str, int]) -> None:
    """Set the resource limits of this process (inherited by every process it starts)."""
    for name, value in (
        ("RLIMIT_AS", limits["memory_bytes"]),
        ("RLIMIT_FSIZE", limits["file_bytes"]),
        ("RLIMIT_NOFILE", limits["open_files"]),
        ("RLIMIT_NPROC", limits["processes"]),
        ("RLIMIT_CORE", 0),
    ):
        resource.setrlimit(getattr(resource, name), (value, value))


def zygote_main(control_fd: int, limits: dict[str, int]) -> None:
    """Fork a fresh child per request; pass its socket back; kill children on request."""
    apply_limits(limits)  # before any learner code exists in this process tree
    cpu_seconds = int(limits["cpu_seconds"])
    deny_uncounted_memory()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)  # nothing learner code writes to a file descriptor reaches anyone
    control = socket.socket(fileno=control_fd)
    zygote = os.getpid()  # every child's parent, as long as this process lives
    children: set[int] = set()
    while True:
        for pid in list(children):
            try:
                if os.waitpid(pid, os.WNOHANG)[0]:
                    children.discard(pid)
            except ChildProcessError:
                children.discard(pid)
        message = control.recv(4096)
        if not message:
            for pid in children:
                _kill_group(pid)
            return
        request = json.loads(message)
        if request["op"] == "spawn":
            ours, theirs = socket.socketpair()
            pid = os.fork()
            if pid == 0:
                control.close()
                ours.close()
                try:
                    child_main(theirs, cpu_seconds, zygote)
                finally:
                    os._exit(0)
            theirs.close()
            children.add(pid)
            socket.send_fds(control, [json.dumps({"pid": pid}).encode()], [ours.fileno()])
            ours.close()
        elif request["op"] == "kill":
            _kill_group(int(request["pid"]))
            children.discard(int(request["pid"]))


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "zygote":
        sys.exit("usage: python -I worker.py zygote CONTROL_FD CONFIG_JSON")
    zygote_main(int(sys.argv[2]), json.loads(sys.argv[3])["limits"])
