"""The adversarial suite: attack submissions graded in the sandbox at both isolation levels.

Every file in ``tests/adversarial/`` is one attack on one function (its module docstring says
what it tries) with its expectation at the top, as module-level constants read here without
executing the file:

``TARGET``
    ``"<topic>.<function>"``, the function attacked.
``NEEDS``
    The weakest isolation level whose defence suffices: ``"rlimit"`` or ``"bwrap"``.
``EXPECT``
    Message codes; the attacked function must report at least one of them.
``CATEGORY``
    Which attack of the issue's list it is (see :data:`CATEGORIES`).
``HONEST`` (optional)
    The honest wrong version of the function, the attack's yardstick (default: returns None).
``SENTINEL`` (optional)
    A path the attack tries to write; it must not exist after the run.
``BWRAP_ONLY`` (optional, with ``NEEDS = "bwrap"``)
    The checks (:data:`CHECKS`) that only bubblewrap is expected to pass; by default the score,
    the codes and what was written.
``UNDEFENDED`` and ``KNOWN_LIMIT`` (optional)
    Checks that no isolation level passes, and why: a known limit of the design, documented in
    the README's security section. They are recorded at both levels, never asserted; every
    other check still is.

The attack's text is appended to the reference module of its topic (as ``tests/submissions.py`` does
for mutants), so every other function of the topic is the reference's. The topic is graded through
:class:`~neurograde.isolation.sandbox.SandboxRunner` at the level under test, in a forked copy of
this process (an attack that kills the grading process kills only that copy), and the honest version
of the function the same way. Then:

- the run completes, within :data:`RUN_BOUND` seconds, without a grading error;
- the attacked function scores no more than its honest version and reports one of ``EXPECT``;
- every other function of the topic gets its full points;
- no process survives: none carries the sandbox marker of the run, and none is left among this
  process's children (it is a child subreaper while the suite runs, so every descendant that
  loses its parent, however it hid, is adopted here);
- nothing was written: ``SENTINEL`` does not exist and no System V shared memory segment is
  left in this machine's IPC namespace (memory that outlives every process).

An attack that only bubblewrap can stop still runs at ``rlimit``; the checks it names in
``BWRAP_ONLY`` are then recorded (a user property of the test, as ``record_property`` makes, and
a printed line "rlimit does not defend against …", visible with ``-rA`` and in the junit report)
instead of asserted.
"""

from __future__ import annotations

import ast
import contextlib
import ctypes
import errno
import json
import os
import select
import shutil
import signal
import socket
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from neurograde.grading.grade import grade_entry, grade_submission
from neurograde.grading.registry import entries
from neurograde.grading.results import FunctionResult
from neurograde.grading.settings import HYPOTHESIS, GradingSettings
from neurograde.intake.submission import Submission
from neurograde.isolation.sandbox import Limits, SandboxRunner, Zygote, available_levels
from tests.submissions import with_replacement

ATTACKS_DIR = Path(__file__).resolve().parent / "adversarial"
LEVELS = ("rlimit", "bwrap")
LIMITS = Limits(call_timeout=1.0, function_timeout=5.0, load_timeout=5.0)
SETTINGS = GradingSettings(hypothesis=settings(HYPOTHESIS, max_examples=8))
RUN_BOUND = 60.0  # seconds for grading one topic under attack, far above the limits' worst case
GRACE = 3.0  # seconds that killed processes get to disappear before they count as survivors
MARKER = b"NEUROGRADE_SANDBOX="
ACCOMPLICE = ("127.0.0.1", 47311)  # tests/adversarial/open_socket.py tries to reach it
ENTRIES = {entry.qualified_name: entry for entry in entries()}

# The attacks the issue lists; every one needs at least one file.
CATEGORIES = (
    "sys.exit",
    "os._exit",
    "KeyboardInterrupt/SystemExit",
    "hypothesis.reject",
    "pytest.skip",
    "infinite loop",
    "loop ignoring signals",
    "memory hog",
    "fork outliving the call",
    "atexit hook",
    "fake results on stdout",
    "patching numpy or builtins",
    "replacing a code object",
    "frame or gc walking",
    "reading project or course files",
    "socket",
    "fake comparison objects",
    "ndarray subclass",
    "empty broadcasting array",
    "NaN",
    "mutating the input",
    "ctypes segfault",
    "killing the parent",
    "huge output",
)
# Attacks found while writing the suite, beyond the issue's list.
EXTRA_CATEGORIES = ("forged reply",)

# What is checked after every run (the names BWRAP_ONLY may list).
CHECKS = ("completes", "grader_errors", "points", "codes", "others", "survivors", "written")
DEFAULT_BWRAP_ONLY = ("points", "codes", "written")


@dataclass(frozen=True)
class Attack:
    """One attack file and its expectation."""

    name: str
    text: str
    doc: str
    target: str
    needs: str
    expect: tuple[str, ...]
    category: str
    honest: str
    sentinel: str | None
    bwrap_only: tuple[str, ...]
    undefended: tuple[str, ...]
    known_limit: str
    constants: frozenset[str]

    @property
    def topic(self) -> str:
        return self.target.split(".")[0]

    @property
    def function(self) -> str:
        return self.target.split(".")[1]


def load_attack(path: Path) -> Attack:
    """Read an attack's expectation from its text (the attack itself is never run here)."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    constants: dict[str, Any] = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id.isupper()
        ):
            with contextlib.suppress(ValueError, SyntaxError):
                constants[node.targets[0].id] = ast.literal_eval(node.value)
    target = str(constants.get("TARGET", "."))
    function = target.split(".")[-1]
    needs = str(constants.get("NEEDS", ""))
    default_bwrap_only = DEFAULT_BWRAP_ONLY if needs == "bwrap" else ()
    return Attack(
        name=path.stem,
        text=text,
        doc=ast.get_docstring(tree) or "",
        target=target,
        needs=needs,
        expect=tuple(constants.get("EXPECT", ())),
        category=str(constants.get("CATEGORY", "")),
        honest=constants.get("HONEST", f"def {function}(*args, **kwargs):\n    return None\n"),
        sentinel=constants.get("SENTINEL"),
        bwrap_only=tuple(constants.get("BWRAP_ONLY", default_bwrap_only)),
        undefended=tuple(constants.get("UNDEFENDED", ())),
        known_limit=str(constants.get("KNOWN_LIMIT", "")),
        constants=frozenset(constants),
    )


ATTACKS = [load_attack(path) for path in sorted(ATTACKS_DIR.glob("*.py"))]


# -- the suite's own checks -------------------------------------------------------------------
def test_at_least_30_attacks_each_with_its_expectation() -> None:
    assert len(ATTACKS) >= 30
    for attack in ATTACKS:
        assert attack.doc, f"{attack.name}: the module docstring says what the attack tries"
        assert {"TARGET", "NEEDS", "EXPECT", "CATEGORY"} <= attack.constants, attack.name
        assert attack.target in ENTRIES, f"{attack.name}: unknown TARGET {attack.target}"
        assert attack.needs in LEVELS, f"{attack.name}: NEEDS is rlimit or bwrap"
        assert attack.expect, f"{attack.name}: EXPECT names at least one code"
        assert f"def {attack.function}(" in attack.text, f"{attack.name}: defines the function"
        assert f"def {attack.function}(" in attack.honest, f"{attack.name}: HONEST defines it"
        assert set(attack.bwrap_only) <= set(CHECKS), f"{attack.name}: unknown BWRAP_ONLY check"
        assert attack.needs == "bwrap" or not attack.bwrap_only, attack.name
        assert set(attack.undefended) <= set(CHECKS), f"{attack.name}: unknown UNDEFENDED check"
        assert bool(attack.undefended) == bool(attack.known_limit), f"{attack.name}: say why"
        if attack.sentinel is not None:
            assert attack.sentinel.startswith("/tmp/neurograde-pwned-"), attack.name


def test_every_attack_category_of_the_issue_has_an_attack() -> None:
    used = {attack.category for attack in ATTACKS}
    assert used <= set(CATEGORIES) | set(EXTRA_CATEGORIES), used - set(CATEGORIES)
    assert set(CATEGORIES) <= used, f"no attack for {sorted(set(CATEGORIES) - used)}"


# -- processes -------------------------------------------------------------------------------
PR_SET_CHILD_SUBREAPER = 36


def set_child_subreaper(on: bool) -> None:
    """Make this process adopt every orphaned descendant (Linux ``prctl``)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def _proc_entries() -> Iterator[os.DirEntry[str]]:
    with os.scandir("/proc") as found:
        yield from (entry for entry in found if entry.name.isdigit())


def children() -> dict[int, str]:
    """This process's children and their states (``Z`` for a zombie)."""
    me, found = os.getpid(), {}
    for entry in _proc_entries():
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == me:
                found[int(entry.name)] = fields[0]
    return found


def reap_zombies() -> None:
    """Collect the exit status of every child that has ended (adopted orphans included)."""
    for pid, state in children().items():
        if state == "Z":
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)


def marked(tokens: set[str]) -> set[int]:
    """Processes whose environment carries the sandbox marker of one of ``tokens``."""
    markers = [MARKER + token.encode() for token in tokens]
    found = set()
    for entry in _proc_entries():
        try:
            environment = Path(entry.path, "environ").read_bytes()
        except OSError:
            continue
        if any(marker in environment for marker in markers):
            found.add(int(entry.name))
    return found


def describe_process(pid: int) -> str:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").strip()
    except OSError:
        command = b"?"
    return f"{pid} ({command.decode(errors='replace')[:120]})"


def survivors(tokens: set[str], before: set[int]) -> list[str]:
    """Processes left by a run, after a grace period; every one of them is killed."""
    deadline = time.monotonic() + GRACE
    while True:
        reap_zombies()
        left = {pid for pid, state in children().items() if pid not in before and state != "Z"}
        left |= marked(tokens)
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    described = [describe_process(pid) for pid in sorted(left)]
    for pid in left:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    time.sleep(0.1)
    reap_zombies()
    return described


def shared_memory_segments(detached_only: bool = False) -> set[int]:
    """The ids of the System V shared memory segments of this IPC namespace."""
    try:
        rows = [line.split() for line in Path("/proc/sysvipc/shm").read_text().splitlines()[1:]]
    except OSError:
        return set()
    # Columns: key shmid perms size cpid lpid nattch ...
    return {int(row[1]) for row in rows if len(row) > 6 and not (detached_only and int(row[6]))}


def remove_shared_memory(segments: set[int]) -> None:
    """Remove segments once no process has them attached (killed processes detach as they go)."""
    libc = ctypes.CDLL(None, use_errno=True)
    deadline = time.monotonic() + GRACE
    while segments and time.monotonic() < deadline:
        for segment in segments & shared_memory_segments(detached_only=True):
            libc.shmctl(segment, 0, None)  # IPC_RMID
        segments &= shared_memory_segments()
        if segments:
            time.sleep(0.05)


def remove(path: str | None) -> None:
    if path is None:
        return
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


# -- running a grade in a forked copy of this process ------------------------------------------
@dataclass
class Run:
    """What a forked grading run reported."""

    seconds: float
    tokens: set[str] = field(default_factory=set)
    functions: list[dict[str, Any]] | None = None
    error: str | None = None

    def by_name(self) -> dict[str, dict[str, Any]]:
        return {f["name"]: f for f in self.functions or []}


def _send(fd: int, message: dict[str, Any]) -> None:
    data = (json.dumps(message) + "\n").encode()
    with contextlib.suppress(OSError):
        while data:
            data = data[os.write(fd, data) :]


def summarise(result: FunctionResult) -> dict[str, Any]:
    return {
        "name": result.qualified_name,
        "points": result.points,
        "max_points": result.max_points,
        "codes": [str(code) for code in result.codes],
        "grader_error": result.grader_error,
        "summary": result.summary(),
    }


def run_forked(job: Callable[[], list[dict[str, Any]]], bound: float) -> Run:
    """Run ``job`` in a forked child that adopts its orphans; report tokens and results."""
    read_end, write_end = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the grading process
        try:
            os.close(read_end)
            set_child_subreaper(True)
            original_start = Zygote.start

            def announced_start(zygote: Zygote) -> None:
                _send(write_end, {"token": zygote.token})
                original_start(zygote)

            # Patched in this forked child only, to announce each zygote's token to the test.
            Zygote.start = announced_start  # type: ignore[method-assign, assignment]
            _send(write_end, {"functions": job()})
        except BaseException:
            _send(write_end, {"error": traceback.format_exc()})
        finally:
            os._exit(0)
    os.close(write_end)
    run, data = Run(0.0), b""
    with os.fdopen(read_end, "rb", buffering=0) as stream:
        while True:
            left = started + bound - time.monotonic()
            if left <= 0:
                run.error = f"the grading run did not finish within {bound:g} s"
                os.kill(pid, signal.SIGKILL)
                break
            if not select.select([stream], [], [], left)[0]:
                continue
            chunk = stream.read(1 << 16)
            if not chunk:
                break
            data += chunk
    _, status = os.waitpid(pid, 0)
    run.seconds = time.monotonic() - started
    for line in data.decode(errors="replace").splitlines():
        with contextlib.suppress(ValueError):
            message = json.loads(line)
            if "token" in message:
                run.tokens.add(message["token"])
            if "functions" in message:
                run.functions = message["functions"]
            if "error" in message:
                run.error = message["error"]
    if run.functions is None and run.error is None:
        run.error = f"the grading process ended without a result (wait status {status})"
    return run


# -- fixtures ----------------------------------------------------------------------------------
@pytest.fixture(scope="module", autouse=True)
def adopt_orphans() -> Iterator[None]:
    set_child_subreaper(True)
    yield
    set_child_subreaper(False)
    reap_zombies()


@pytest.fixture(scope="module")
def runners() -> Iterator[dict[str, SandboxRunner | str]]:
    """A runner per level, or why the level is unavailable."""
    made: dict[str, SandboxRunner | str] = {}
    for level, problem in available_levels().items():
        made[level] = SandboxRunner(level, LIMITS) if problem is None else problem
    yield made
    for runner in made.values():
        if isinstance(runner, SandboxRunner):
            runner.close()


@pytest.fixture
def record(request: pytest.FixtureRequest) -> Callable[[str, object], None]:
    """``record_property`` without its warning under junit_family xunit2 (warnings are errors
    here); pytest writes user properties to the junit report under either family."""

    def append(name: str, value: object) -> None:
        request.node.user_properties.append((name, value))

    return append


@pytest.fixture(scope="module")
def accomplice() -> Iterator[None]:
    """A listener on the grading machine's loopback that a networked attack could reach."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(ACCOMPLICE)
        listener.listen(128)
    except OSError as error:  # another run of this suite is listening there: just as good
        if error.errno != errno.EADDRINUSE:
            raise
    yield
    listener.close()


# -- the attacks -------------------------------------------------------------------------------
_honest_points: dict[tuple[str, str, str], dict[str, Any]] = {}


def grade_honest(attack: Attack, runner: SandboxRunner) -> dict[str, Any]:
    """The honest version's grade for the attacked function (cached per target and level)."""
    key = (attack.target, attack.honest, runner.isolation)
    if key not in _honest_points:
        entry = ENTRIES[attack.target]
        session = runner.open({attack.topic: with_replacement(attack.topic, attack.honest)})
        try:
            result = grade_entry(entry, session, SETTINGS)
        finally:
            session.close()
        _honest_points[key] = summarise(result)
        reap_zombies()
    return _honest_points[key]


def grade_attack(attack: Attack, runner: SandboxRunner) -> Callable[[], list[dict[str, Any]]]:
    def job() -> list[dict[str, Any]]:
        source = with_replacement(attack.topic, attack.text)
        submission = Submission([attack.topic], {attack.topic: source})
        result = grade_submission(submission, runner, SETTINGS)
        return [summarise(function) for function in result.functions]

    return job


def check(
    attack: Attack, run: Run, honest: dict[str, Any], left: list[str], segments: set[int]
) -> dict[str, str]:
    """Every check that failed, by name (see CHECKS), with what happened."""
    problems: dict[str, str] = {}
    if run.error is not None or run.functions is None:
        problems["completes"] = str(run.error)
    elif run.seconds > RUN_BOUND:
        problems["completes"] = f"took {run.seconds:.1f} s"
    results = run.by_name()
    errors = [f"{name}: {r['grader_error']}" for name, r in results.items() if r["grader_error"]]
    if errors:
        problems["grader_errors"] = "; ".join(errors)
    attacked = results.get(attack.target)
    if attacked is not None and attacked["points"] is not None:
        if attacked["points"] > honest["points"]:
            problems["points"] = (
                f"{attacked['points']} points, more than the honest version's {honest['points']}"
            )
        if not set(attacked["codes"]) & set(attack.expect):
            problems["codes"] = f"codes {attacked['codes']}, none of {list(attack.expect)}"
    elif run.functions is not None:
        problems["points"] = f"no score for {attack.target}: {attacked}"
    short = [
        f"{name}: {r['points']}/{r['max_points']} {r['summary']}"
        for name, r in results.items()
        if name != attack.target and r["points"] != r["max_points"]
    ]
    if short or (run.functions is None):
        problems["others"] = "; ".join(short) or "not graded: the run did not complete"
    if left:
        problems["survivors"] = ", ".join(left)
    written = []
    if attack.sentinel is not None and os.path.lexists(attack.sentinel):
        written.append(f"{attack.sentinel} was written")
    if segments:
        written.append(f"{len(segments)} System V shared memory segments were left")
    if written:
        problems["written"] = "; ".join(written)
    return problems


@pytest.mark.slow
@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("attack", ATTACKS, ids=lambda attack: attack.name)
def test_attack_gains_nothing(
    attack: Attack,
    level: str,
    runners: dict[str, SandboxRunner | str],
    accomplice: None,
    record: Callable[[str, object], None],
) -> None:
    runner = runners[level]
    if not isinstance(runner, SandboxRunner):
        pytest.fail(f"isolation level {level} is not available here: {runner}")
    honest = grade_honest(attack, runner)
    assert honest["grader_error"] is None, honest
    remove(attack.sentinel)
    reap_zombies()
    before, segments_before = set(children()), shared_memory_segments()
    try:
        run = run_forked(grade_attack(attack, runner), RUN_BOUND)
        left = survivors(run.tokens, before)
        segments = shared_memory_segments() - segments_before
        problems = check(attack, run, honest, left, segments)
    finally:
        remove(attack.sentinel)
        remove_shared_memory(shared_memory_segments() - segments_before)

    attacked = run.by_name().get(attack.target, {})
    outcome = f"{attacked.get('codes')} {attacked.get('points')} (honest: {honest['points']})"
    record("outcome", f"{level}: {outcome} in {run.seconds:.1f} s")
    recorded = set(attack.bwrap_only) if level == "rlimit" else set()
    if attack.undefended:
        recorded |= set(attack.undefended)
        line = f"known limit at {level}, {attack.name}: {attack.known_limit} ({outcome})"
        print(line)
        record("known_limit", line)
    undefended = {name: text for name, text in problems.items() if name in recorded}
    if attack.needs == "bwrap" and level == "rlimit":
        if undefended:
            line = f"rlimit does not defend against {attack.name}: {outcome}; " + "; ".join(
                f"{name}: {text}" for name, text in undefended.items()
            )
        else:
            line = f"rlimit withstood {attack.name} this time: {outcome}"
        print(line)
        record("rlimit", line)
    failures = {name: text for name, text in problems.items() if name not in recorded}
    assert not failures, f"{attack.name} at {level}: {failures}"
