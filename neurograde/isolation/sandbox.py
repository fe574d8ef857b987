"""The trusted side of the sandbox: learner code runs only in disposable worker processes.

Isolation levels, the strongest available chosen automatically:

``bwrap``
    bubblewrap: new user, PID, network, IPC and UTS namespaces (no network at all), an
    unprivileged uid (65534), a read-only system with only the Python installation and numpy
    visible (every site-packages folder is hidden behind an empty tmpfs, so the reference, the
    graders, the course and the gradebook cannot be read), a private ``/tmp``, and every process
    killed with the sandbox.
``rlimit``
    a plain subprocess in its own session with resource limits: crashes, hangs, memory hogs,
    forged output and runaway printing are contained, but the file system and the network are
    those of the grading user.

In both, a *zygote* imports numpy once and forks a fresh child per function
(:mod:`neurograde.isolation.worker`); learner code never runs in the zygote. A crashed or timed-out
child, or one that ran out of memory, is replaced by a fresh one for the next call. Only
length-prefixed JSON crosses the boundary, and the arguments' arrays in memory shared per call.

The zygote sets its own resource limits before anything else (:func:`worker.apply_limits`), so no
code of ours runs between ``fork`` and ``exec`` (``preexec_fn`` is unsafe when the grading process
has threads, as Dask workers do).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import signal
import site
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from neurograde.codes import Code
from neurograde.isolation import protocol, worker
from neurograde.isolation.runner import Unavailable, learner_filename, parameter_names
from neurograde.isolation.seam import (
    CallOutcome,
    CallReport,
    Candidate,
    GraderFault,
    LearnerAbort,
    LearnerRaised,
    SharedArrays,
    SharedLayout,
    load_problem,
    value_from_reply,
)

LEVELS = ("bwrap", "rlimit")  # strongest first
UNREADABLE = "the process running it sent a reply that could not be read"
SANDBOX_UID = 65534  # "nobody"
DIED = (
    "the process running it died (a segmentation fault, os._exit, a signal, or running out of "
    "memory)"
)


class IsolationUnavailable(RuntimeError):
    """The isolation level asked for cannot be used on this machine."""


# The time budget of one function: this many calls' worth, and never less than MIN_FUNCTION_BUDGET
# seconds (a function is called some 50 to 200 times; most calls take well under a millisecond).
CALLS_PER_BUDGET = 6
MIN_FUNCTION_BUDGET = 60.0


def function_budget(call_timeout: float) -> float:
    """Wall-clock seconds all the calls grading one function may take: max(60, 6 * call)."""
    return max(MIN_FUNCTION_BUDGET, CALLS_PER_BUDGET * call_timeout)


@dataclass(frozen=True)
class Limits:
    """Limits on learner code (every one documented where the sandbox enforces it).

    Build them with :meth:`for_timeout` from a call timeout: ``grade``, ``autograde`` and plain
    ``nbgrader autograde`` all do, so a function gets the same time budget everywhere.
    """

    call_timeout: float = 10.0  # wall-clock seconds for one call
    # Wall-clock seconds for all the calls grading one function: function_budget(call_timeout).
    function_timeout: float = function_budget(10.0)
    load_timeout: float = 10.0  # wall-clock seconds to import the learner's module
    memory_bytes: int = 2 * 1024**3  # address space of each worker process (RLIMIT_AS)
    cpu_seconds: int = 60  # CPU seconds of each child (RLIMIT_CPU)
    file_bytes: int = 1024**2  # largest file a worker may write (RLIMIT_FSIZE)
    open_files: int = 64  # RLIMIT_NOFILE
    processes: int = 256  # RLIMIT_NPROC (not enforced for root outside a user namespace)
    tmp_bytes: int = 16 * 1024**2  # size of the sandbox's private /tmp (bwrap; it is RAM)

    @classmethod
    def for_timeout(cls, call_timeout: float) -> Limits:
        """The default limits with ``call_timeout`` per call and the function budget it gives."""
        return cls(call_timeout=call_timeout, function_timeout=function_budget(call_timeout))

    def worker_config(self) -> dict[str, int]:
        """The limits the worker applies to itself (:func:`worker.apply_limits`)."""
        fields = dataclasses.asdict(self)
        names = ("memory_bytes", "cpu_seconds", "file_bytes", "open_files", "processes")
        return {name: int(fields[name]) for name in names}


def _environment(token: str) -> dict[str, str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NEUROGRADE_SANDBOX": token,
    }
    # Some processors need these for OpenBLAS to compute correctly: keep them when they are set.
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def _both(path: Path) -> set[Path]:
    """``path`` as named and as resolved: a prefix reached through a symbolic link has both."""
    return {path, path.resolve()}


def _site_folders() -> list[Path]:
    folders = [Path(f) for f in [*site.getsitepackages(), site.getusersitepackages()]]
    return sorted(set().union(*(_both(f) for f in folders if f.is_dir())))


def _numpy_dirs() -> list[Path]:
    return sorted(_both(Path(np.__file__).parent))


def numpy_folders() -> list[str]:
    """The folders numpy is imported from (the worker runs ``python -I``, which may omit them)."""
    return [str(Path(np.__file__).parent.parent)]


def bwrap_executable() -> str | None:
    """The bubblewrap this process uses: the first ``bwrap`` on ``PATH``."""
    return shutil.which("bwrap")


@cache
def _bwrap_bounds_tmpfs(bwrap: str) -> bool:
    """Whether this bubblewrap can bound the size of a tmpfs (``--size``, since 0.7)."""
    try:
        result = subprocess.run(
            [bwrap, "--help"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "--size" in result.stdout + result.stderr


def bwrap_arguments(worker_dir: Path, tmp_bytes: int = Limits.tmp_bytes) -> list[str]:
    """The options of bubblewrap: what the sandbox can see and do.

    Order matters: a mount hides whatever an earlier one put at or below its path. The private
    ``/tmp`` comes first, so that an interpreter or a numpy installed under ``/tmp`` (a virtual
    environment there, say) is bound on top of it rather than hidden by it; then the system,
    the interpreter's prefixes, the empty folders over every site-packages, and numpy last.
    """
    bwrap = bwrap_executable() or "bwrap"
    args = [
        bwrap,
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--uid",
        str(SANDBOX_UID),
        "--gid",
        str(SANDBOX_UID),
        "--cap-drop",
        "ALL",
    ]
    # Files in a tmpfs are memory that RLIMIT_AS does not count (a learner could fill the root,
    # /dev/shm or the folders below with 1 MiB files up to half the machine's RAM each). The only
    # writable one is /tmp, of bounded size (read-only where bubblewrap cannot bound it); the
    # rest is remounted read-only once everything is mounted.
    if _bwrap_bounds_tmpfs(bwrap):
        args += ["--size", str(tmp_bytes), "--tmpfs", "/tmp"]
    else:
        args += ["--tmpfs", "/tmp"]
    args += ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    args += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    # The interpreter: its prefixes (a virtual environment's and the one it was made from),
    # and the real file behind a symbolic link to it, wherever that is.
    folders = {sys.base_prefix, sys.prefix, sys.exec_prefix}
    folders.add(str(Path(sys.executable).resolve().parent.parent))
    for prefix in sorted(folders):
        if prefix not in ("/", "/usr") and not prefix.startswith("/usr/"):
            args += ["--ro-bind", prefix, prefix]
    # Hide every installed package but numpy: the project itself may be installed there.
    sites = _site_folders()
    for folder in sites:
        args += ["--tmpfs", str(folder)]
    for numpy_dir in _numpy_dirs():
        args += ["--ro-bind", str(numpy_dir), str(numpy_dir)]
        libs = numpy_dir.parent / "numpy.libs"
        if libs.is_dir():
            args += ["--ro-bind", str(libs), str(libs)]
    args += ["--proc", "/proc", "--dev", "/dev"]
    args += ["--ro-bind", str(worker_dir), "/opt/neurograde", "--remount-ro", "/dev"]
    for folder in sites:
        args += ["--remount-ro", str(folder)]
    if not _bwrap_bounds_tmpfs(bwrap):
        args += ["--remount-ro", "/tmp"]
    args += ["--remount-ro", "/", "--chdir", "/tmp"]
    return args


def copy_worker(folder: Path) -> Path:
    """The two files a sandbox sees: the worker and the protocol, world-readable."""
    folder.mkdir(parents=True, exist_ok=True)
    for module in (worker, protocol):
        target = folder / Path(str(module.__file__)).name
        shutil.copyfile(str(module.__file__), target)
        target.chmod(0o644)
    folder.chmod(0o755)
    return folder


def marked_processes(token: str) -> list[int]:
    """Every process whose environment carries the sandbox marker ``token``."""
    marker = f"NEUROGRADE_SANDBOX={token}\0".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker in (entry / "environ").read_bytes() + b"\0":
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def kill_marked_processes(token: str) -> int:
    """SIGKILL every process whose environment carries ``token`` (escaped descendants)."""
    pids = marked_processes(token)
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return len(pids)


BWRAP_ADVICE = (
    "fix bubblewrap (it needs unprivileged user namespaces: check the sysctls "
    "user.max_user_namespaces and kernel.apparmor_restrict_unprivileged_userns, and in a "
    "container a security profile that allows them), or choose --isolation rlimit knowingly"
)
DOCTOR = "`neurograde doctor` shows what this machine can enforce"


@cache
def _bwrap_problem(bwrap: str | None, python: str) -> str | None:
    if bwrap is None:
        return "bubblewrap is not installed (Debian: apt-get install bubblewrap)"
    with tempfile.TemporaryDirectory() as folder:
        worker_dir = copy_worker(Path(folder) / "worker")
        probe = f"import sys; sys.path[:0] = {numpy_folders()!r}; import numpy"
        command = [*bwrap_arguments(worker_dir), python, "-I", "-c", probe]
        try:
            result = subprocess.run(command, capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"bubblewrap ({bwrap}) could not start: {error}"
    if result.returncode != 0:
        said = result.stderr.decode(errors="replace").strip()
        said = " / ".join(said.splitlines()[-3:])[-500:] or f"exit status {result.returncode}"
        return f"bubblewrap ({bwrap}) is installed but fails here: {said}"
    return None


def bwrap_problem() -> str | None:
    """``None`` when bubblewrap works here, else why not, in its own words (checked once)."""
    return _bwrap_problem(bwrap_executable(), sys.executable)


def available_levels() -> dict[str, str | None]:
    """Each isolation level and why it is unavailable (``None`` when it is available)."""
    rlimit = None if sys.platform.startswith("linux") else "needs Linux"
    return {"bwrap": bwrap_problem(), "rlimit": rlimit}


def downgrade_notice(asked: str, level: str) -> str | None:
    """What to tell the instructor when ``auto`` chose a weaker level than the strongest."""
    if asked != "auto" or level == LEVELS[0]:
        return None
    problem = available_levels()[LEVELS[0]]
    return (
        f"warning: grading at isolation level {level!r}, not {LEVELS[0]!r}: {problem}. "
        f"Learner code can then read the grading user's files and use the network: "
        f"{BWRAP_ADVICE}; {DOCTOR}."
    )


def resolve_isolation(asked: str) -> str:
    """The level to use for ``asked`` (``auto`` picks the strongest available)."""
    levels = available_levels()
    if asked == "auto":
        for level in LEVELS:
            if levels[level] is None:
                return level
        raise IsolationUnavailable(f"no isolation level works here: {levels}")
    if asked not in levels:
        raise IsolationUnavailable(f"unknown isolation level {asked!r}: use auto, bwrap or rlimit")
    problem = levels[asked]
    if problem is not None:
        raise IsolationUnavailable(
            f"isolation level {asked!r} is not available: {problem}. Install it, or choose "
            f"another level with --isolation (never a silent downgrade); {DOCTOR}."
        )
    return asked


class Zygote:
    """One sandbox: a worker process that forks a fresh child per function."""

    def __init__(self, isolation: str, limits: Limits, worker_dir: Path) -> None:
        self.isolation = isolation
        self.limits = limits
        self.worker_dir = worker_dir
        self.token = os.urandom(8).hex()
        self.process: subprocess.Popen[bytes] | None = None
        self.control: socket.socket | None = None
        self.ahead = False  # a spawn was asked for and its child not taken yet
        self.took_ahead = False  # the last child spawn returned was forked ahead

    def start(self) -> None:
        """Start the zygote process (inside bubblewrap at that level)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        fd = theirs.fileno()
        python = [sys.executable, "-I"]
        if self.isolation == "bwrap":
            sandbox = bwrap_arguments(self.worker_dir, self.limits.tmp_bytes)
            command = [*sandbox, *python, "/opt/neurograde/worker.py"]
        else:
            command = [*python, str(self.worker_dir / "worker.py")]
        config = {"limits": self.limits.worker_config(), "path": numpy_folders()}
        command += ["zygote", str(fd), json.dumps(config)]
        # No preexec_fn: the worker applies its limits itself, before any learner code runs.
        self.process = subprocess.Popen(
            command,
            pass_fds=(fd,),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_environment(self.token),
            start_new_session=True,
        )
        theirs.close()
        self.control = ours

    def alive(self) -> bool:
        """Whether the zygote is still running."""
        return self.process is not None and self.process.poll() is None

    def spawn(self) -> tuple[int, socket.socket]:
        """A fresh child process and the socket to talk to it (restarting a dead zygote once).

        The child asked for by :meth:`spawn_ahead`, when there is one: it forked meanwhile.
        """
        for attempt in range(2):
            if not self.alive():
                self.close()
                self.start()
            assert self.control is not None
            try:
                self.control.settimeout(self.limits.load_timeout + 30)
                if not self.ahead:
                    self.control.send(json.dumps({"op": "spawn"}).encode())
                self.took_ahead, self.ahead = self.ahead, False
                message, fds, _, _ = socket.recv_fds(self.control, 4096, 1)
                if not fds:
                    raise ConnectionError("the zygote sent no socket")
                return int(json.loads(message)["pid"]), socket.socket(fileno=fds[0])
            except (OSError, ValueError, KeyError) as error:
                if attempt:
                    raise GraderFault(f"the sandbox could not start a worker: {error}") from error
                self.close()
        raise GraderFault("unreachable")

    def spawn_ahead(self) -> None:
        """Ask for the next child now, so that it forks while the current one works.

        The zygote never runs learner code, so the child is as fresh as one forked later; an
        unused one dies with the zygote.
        """
        if self.ahead or self.control is None or not self.alive():
            return
        try:
            self.control.send(json.dumps({"op": "spawn"}).encode())
            self.ahead = True
        except OSError:
            pass  # the next spawn finds the zygote dead and starts another

    def kill(self, pid: int) -> None:
        """Kill a child and everything it forked."""
        if self.control is not None and self.alive():
            with contextlib.suppress(OSError):
                self.control.send(json.dumps({"op": "kill", "pid": pid}).encode())

    def close(self) -> None:
        """Kill the whole sandbox: the zygote, its children and anything they left running."""
        if self.control is not None:
            self.control.close()
            self.control = None
        self.ahead = False
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
            self.process.wait()
            self.process = None
        # Descendants that left the process group (setsid) carry the marker: kill them and wait
        # until they are gone, so that nothing of the sandbox outlives this call.
        deadline = time.monotonic() + 5.0
        while kill_marked_processes(self.token) and time.monotonic() < deadline:
            time.sleep(0.01)


class SandboxCandidate:
    """A proxy for the learner's function in a sandboxed child process."""

    def __init__(self, zygote: Zygote, topic: str, name: str, source: str, limits: Limits) -> None:
        self.zygote = zygote
        self.topic = topic
        self.name = name
        self.source = source
        self.limits = limits
        self.parameters = parameter_names(topic, name)
        self.last_call = CallReport()
        self.child: tuple[int, socket.socket] | None = None
        self.spent = 0.0

    def _request(self, message: dict[str, Any], timeout: float, fd: int | None = None) -> Any:
        """Send a request (and ``fd``) to the child and wait for its reply; end it on failure."""
        assert self.child is not None
        _, channel = self.child
        started = time.monotonic()
        try:
            protocol.send_frame(channel, message)
            if fd is not None:
                socket.send_fds(channel, [b"F"], [fd])
            return protocol.recv_frame(channel, started + timeout)
        except TimeoutError:
            self.stop()
            raise LearnerAbort(Code.TIMEOUT, f"it ran for more than {timeout:g} s") from None
        except protocol.FrameTooLarge:
            self.stop()
            raise LearnerAbort(Code.OUTPUT_TOO_LARGE, "its reply was over 64 MiB") from None
        except (EOFError, OSError, ValueError, RecursionError):  # RecursionError: deep JSON
            self.stop()
            raise LearnerAbort(
                Code.CRASH,
                DIED,
            ) from None
        finally:
            self.spent += time.monotonic() - started

    def start(self) -> Unavailable | None:
        """Start a fresh child and load the learner's module in it.

        A child forked ahead dies with its zygote inside bubblewrap, and outlives it as an orphan
        at ``rlimit``, when learner code of the function before killed the zygote. Neither is
        this function's doing: its module is then loaded once more, in a fresh sandbox.
        """
        for fresh in (False, True):
            if fresh:
                self.zygote.close()  # the next spawn starts another zygote
            self.child = self.zygote.spawn()
            ahead = self.zygote.took_ahead
            self.zygote.spawn_ahead()  # the next function's child forks while this one works
            try:
                reply = self._request(self._load_request(), self.limits.load_timeout)
            except LearnerAbort as abort:
                if ahead and abort.code is Code.CRASH and not fresh:
                    continue
                return Unavailable(Code.LOAD_ERROR, f"{self.topic}.py at import: {abort.detail}")
            if isinstance(reply, dict) and reply.get("status") == "orphaned":
                self.stop()  # sent before any learner code ran: never forged
                if fresh:
                    raise GraderFault("the sandbox's zygote died while it started a worker")
                continue
            return self._loaded(reply)
        raise GraderFault("unreachable")

    def _load_request(self) -> dict[str, Any]:
        return {
            "op": "load",
            "topic": self.topic,
            "function": self.name,
            "source": self.source,
            "file": learner_filename(self.topic),
            "names": self.parameters,
        }

    def _loaded(self, reply: Any) -> Unavailable | None:
        """Whether the module loaded and defines the function, from the child's reply."""
        try:
            if reply.get("status") == "loaded":
                if reply.get("found"):
                    return None
                return Unavailable(
                    Code.MISSING, f"{self.topic}.py defines no function {self.name}."
                )
            return Unavailable(*load_problem(self.topic, reply))
        except Exception:  # learner code forged the reply: its fault, never a grading error
            self.stop()
            return Unavailable(Code.LOAD_ERROR, f"{self.topic}.py at import: {UNREADABLE}")

    def stop(self) -> None:
        """End the child (and its descendants)."""
        if self.child is not None:
            pid, channel = self.child
            channel.close()
            self.zygote.kill(pid)
            self.child = None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call the learner's function with plain arguments; return a plain value."""
        self.last_call = CallReport()
        remaining = self.limits.function_timeout - self.spent
        if remaining <= 0:
            raise LearnerAbort(
                Code.TIMEOUT,
                f"grading this function took more than {self.limits.function_timeout:g} s in all",
            )
        if self.child is None:
            problem = self.start()
            if problem is not None:  # it loaded before, so this is the process failing
                raise LearnerAbort(Code.CRASH, problem.detail)
        try:
            request = {
                "op": "call",
                "args": protocol.encode(args),
                "kwargs": protocol.encode(kwargs),
            }
        except protocol.ProtocolError as error:
            raise GraderFault(f"the grader's arguments could not be sent: {error}") from error
        shared = SharedArrays(request["args"], request["kwargs"], self.parameters)
        try:
            if shared.size:
                request["shared"] = shared.size
                request["args"], request["kwargs"] = shared.sent[0]
            reply = self._request(request, min(self.limits.call_timeout, remaining), shared.fd)
            changed = shared.changed()
        finally:
            shared.close()
        return self._value(reply, self.last_call, changed)

    def _value(self, reply: Any, report: CallReport, changed: list[str]) -> Any:
        """Decode a reply into ``report`` and a value; raise the seam's exceptions."""
        try:
            return value_from_reply(reply, report, changed)
        except LearnerRaised:
            raise
        except LearnerAbort as abort:
            if abort.code is not Code.MEMORY:
                raise
            # Out of memory: what the call left behind (memory, globals) must not reach later
            # calls, so the process is replaced, as after a crash.
            self.stop()
            limit = self.limits.memory_bytes / 1024**3
            raise LearnerAbort(
                Code.MEMORY, f"it ran out of memory (MemoryError at the {limit:g} GiB limit)"
            ) from None
        except Exception:  # learner code forged the reply: its fault, never a grading error
            if isinstance(reply, dict) and reply.get("status") == "ok":
                raise LearnerAbort(Code.BAD_TYPE, "the returned value could not be read") from None
            self.stop()
            raise LearnerAbort(Code.CRASH, UNREADABLE) from None

    def call_many(
        self,
        calls: list[tuple[Any, Any]],
        layout: SharedLayout | None = None,
        stop_at_abort: bool = False,
    ) -> list[CallOutcome]:
        """Each call's outcome, in order: one request and one round trip for the whole batch.

        ``calls``: encoded ``(args, kwargs)`` pairs. The child answers each call as soon as it is
        done, so every call keeps its own time limit (``call_timeout``, and what is left of the
        function's budget). A call that crashes, times out or runs out of memory gets that
        outcome; the calls after it are sent again to a fresh child, as single calls would be.
        ``layout``: the calls' :class:`SharedLayout`, when it is known already. With
        ``stop_at_abort``, the outcomes end with the first call that aborts.
        """
        outcomes: list[CallOutcome] = []
        while len(outcomes) < len(calls):
            if stop_at_abort and any(isinstance(o.error, LearnerAbort) for o in outcomes[-1:]):
                break
            pending = calls[len(outcomes) :]
            remaining = self.limits.function_timeout - self.spent
            if remaining <= 0:
                over = LearnerAbort(
                    Code.TIMEOUT,
                    f"grading this function took more than {self.limits.function_timeout:g} s "
                    "in all",
                )
                outcomes += [CallOutcome(error=over) for _ in pending]
                break
            if self.child is None:
                problem = self.start()
                if problem is not None:  # it loaded before, so this is the process failing
                    outcomes.append(CallOutcome(error=LearnerAbort(Code.CRASH, problem.detail)))
                    continue
            sent = layout if layout is not None and not outcomes else None
            outcomes += self._batch(pending, sent)
        return outcomes

    def _batch(
        self, calls: list[tuple[Any, Any]], layout: SharedLayout | None
    ) -> list[CallOutcome]:
        """Send ``calls`` to the current child; their outcomes up to the first that ends it."""
        assert self.child is not None
        _, channel = self.child
        shared = SharedArrays(None, None, self.parameters, batch=calls, layout=layout)
        outcomes: list[CallOutcome] = []
        try:
            request: dict[str, Any] = {
                "op": "batch",
                "shared": shared.size,
                "calls": [
                    {"args": a, "kwargs": k, "base": base, "shared": size}
                    for (a, k), base, size in zip(
                        shared.sent, shared.bases, shared.sizes, strict=True
                    )
                ],
            }
            try:
                protocol.send_frame(channel, request)
                if shared.fd is not None:
                    socket.send_fds(channel, [b"F"], [shared.fd])
            except OSError:
                self.stop()
                return [CallOutcome(error=LearnerAbort(Code.CRASH, DIED))]
            for index in range(len(calls)):
                remaining = self.limits.function_timeout - self.spent
                if remaining <= 0:
                    self.stop()  # the rest goes to a fresh child, which reports the budget
                    break
                timeout = min(self.limits.call_timeout, remaining)
                started = time.monotonic()
                abort: LearnerAbort | None = None
                try:
                    reply = protocol.recv_frame(channel, started + timeout)
                except TimeoutError:
                    abort = LearnerAbort(Code.TIMEOUT, f"it ran for more than {timeout:g} s")
                except protocol.FrameTooLarge:
                    abort = LearnerAbort(Code.OUTPUT_TOO_LARGE, "its reply was over 64 MiB")
                except (EOFError, OSError, ValueError, RecursionError):  # RecursionError: JSON
                    abort = LearnerAbort(Code.CRASH, DIED)
                finally:
                    self.spent += time.monotonic() - started
                if abort is not None:
                    self.stop()
                    outcomes.append(CallOutcome(error=abort))
                    break
                outcome = self._outcome(reply, shared.changed(index))
                outcomes.append(outcome)
                if not self.has_child():  # out of memory, or a forged reply: a fresh child next
                    break
        finally:
            shared.close()
        return outcomes

    def has_child(self) -> bool:
        """Whether a child process serves this function now (a failure ends it)."""
        return self.child is not None

    def _outcome(self, reply: Any, changed: list[str]) -> CallOutcome:
        """A call's outcome from its reply, as :meth:`__call__` would have raised or returned."""
        outcome = CallOutcome()
        try:
            outcome.value = self._value(reply, outcome.report, changed)
        except (LearnerRaised, LearnerAbort) as error:
            outcome.error = error
        return outcome


class SandboxSession:
    """One submission's sandbox: a zygote, and one fresh child per function graded."""

    def __init__(self, runner: SandboxRunner, sources: dict[str, str]) -> None:
        self.runner = runner
        self.sources = sources
        self.zygote = Zygote(runner.isolation, runner.limits, runner.worker_dir)
        runner.tokens.append(self.zygote.token)
        self.failed_topics: dict[str, Unavailable] = {}
        self.current: SandboxCandidate | None = None

    def candidate(self, topic: str, name: str) -> Candidate | Unavailable:
        """A proxy in a fresh child, or why there is none."""
        if self.current is not None:
            self.current.stop()
            self.current = None
        if topic not in self.sources:
            return Unavailable(Code.MISSING, f"No {topic}.py in the submission.")
        if topic in self.failed_topics:
            return self.failed_topics[topic]
        proxy = SandboxCandidate(self.zygote, topic, name, self.sources[topic], self.runner.limits)
        problem = proxy.start()
        if problem is not None:
            proxy.stop()
            if problem.code is Code.LOAD_ERROR:
                self.failed_topics[topic] = problem
            return problem
        self.current = proxy
        return proxy

    def close(self) -> None:
        """Kill every process of the sandbox."""
        if self.current is not None:
            self.current.stop()
            self.current = None
        self.zygote.close()


class SandboxRunner:
    """Runs learner code in disposable sandboxed processes (see the module docstring)."""

    def __init__(self, isolation: str = "auto", limits: Limits | None = None) -> None:
        self.isolation = resolve_isolation(isolation)
        self.limits = limits or Limits()
        self.tokens: list[str] = []  # each sandbox's marker, to check that none outlives it
        self._folder = tempfile.TemporaryDirectory(prefix="neurograde-worker-")
        self.worker_dir = copy_worker(Path(self._folder.name) / "worker")
        Path(self._folder.name).chmod(0o755)

    def open(self, sources: dict[str, str]) -> SandboxSession:
        """A sandbox for one submission."""
        return SandboxSession(self, sources)

    def close(self) -> None:
        """Remove the worker's files."""
        self._folder.cleanup()

    def __enter__(self) -> SandboxRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
