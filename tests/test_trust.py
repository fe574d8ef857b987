"""Runs an instructor can trust: no silent downgrade, `doctor`, thread-safe sandbox starts, one time
budget, memory limits, trusted-side mutation checks, one frame reader, shared CLI defaults, and
the course tools found (or named) wherever neurograde is installed."""

from __future__ import annotations

import argparse
import inspect
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import cast

import pytest

from neurograde import cli
from neurograde.codes import Code
from neurograde.grading.grade import grade_submission
from neurograde.intake import Submission
from neurograde.isolation import protocol, sandbox
from neurograde.isolation.runner import InProcessRunner, Unavailable
from neurograde.isolation.sandbox import Limits, SandboxRunner
from neurograde.isolation.seam import LearnerAbort
from neurograde.nbgrader import autograde as autograde_module
from neurograde.nbgrader import demo as demo_module
from tests.submissions import REPO, reference_source

LEVELS = ["bwrap", "rlimit"]
FAST = Limits(call_timeout=2.0, function_timeout=10.0, load_timeout=5.0)
FAKE_ERROR = "bwrap: setting up uid map: Permission denied"


@pytest.fixture
def failing_bwrap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `bwrap` first on PATH that is installed but fails, as on a machine without user
    namespaces; the real checks are run again for it (they are cached per executable)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    fake = folder / "bwrap"
    fake.write_text(f"#!/bin/sh\necho '{FAKE_ERROR}' >&2\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return fake


# -- never a silent downgrade ------------------------------------------------------------------
def test_a_failing_bwrap_is_reported_in_its_own_words(failing_bwrap: Path) -> None:
    problem = sandbox.bwrap_problem()
    assert problem is not None
    assert FAKE_ERROR in problem
    assert str(failing_bwrap) in problem
    assert sandbox.resolve_isolation("auto") == "rlimit"
    notice = sandbox.downgrade_notice("auto", "rlimit")
    assert notice is not None
    assert FAKE_ERROR in notice
    assert "neurograde doctor" in notice
    assert sandbox.downgrade_notice("rlimit", "rlimit") is None  # asked for: no surprise


def test_grade_says_so_at_the_start_and_in_results_json(
    failing_bwrap: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results.json"
    module = REPO / "solutions" / "learning_rate.py"
    assert cli.main(["grade", str(module), "--json", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("warning: grading at isolation level 'rlimit'")
    assert FAKE_ERROR in captured.err
    assert "isolation: rlimit" in captured.out
    assert json.loads(out.read_text(encoding="utf-8"))["extra_data"]["isolation"] == "rlimit"


def test_doctor_on_this_machine(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["doctor"]) == 0
    out = capsys.readouterr().out
    for line in ("isolation bwrap:   available", "isolation rlimit:  available", "auto chooses:"):
        assert line in out
    assert "seccomp:           installed: shmget and memfd_create are denied" in out
    assert "user namespaces:" in out
    assert "2 GiB address space" in out
    assert "nbgrader:          0." in out
    assert "chromium:          Chromium" in out
    assert "OK: learner code is graded at bwrap" in out


def test_doctor_exits_1_and_explains_when_bwrap_fails(
    failing_bwrap: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert f"isolation bwrap:   NOT AVAILABLE: bubblewrap ({failing_bwrap})" in out
    assert FAKE_ERROR in out
    assert "auto chooses:      rlimit" in out
    assert "MISSING: the strongest isolation level (bwrap)" in out


# -- thread-safe starts --------------------------------------------------------------------------
def test_sandboxes_start_without_preexec_fn(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, object]] = []
    real = subprocess.Popen

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(kwargs)
        return real(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "Popen", spy)  # the module sandbox.py calls
    with SandboxRunner("rlimit", FAST) as runner:
        session = runner.open({"losses": reference_source("losses")})
        candidate = session.candidate("losses", "mse")
        assert not isinstance(candidate, Unavailable)
        assert candidate([1.0, 2.0], [1.0, 4.0]) == 2.0
        session.close()
    assert seen
    assert all(kwargs.get("preexec_fn") is None for kwargs in seen)


LIMITS_PROBE = """
def mse(y_pred, y_true):
    import resource
    names = ("RLIMIT_AS", "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_CORE", "RLIMIT_CPU")
    return [resource.getrlimit(getattr(resource, n))[0] for n in names]
"""


@pytest.mark.parametrize("level", LEVELS)
def test_the_worker_applies_the_limits_itself(level: str) -> None:
    with SandboxRunner(level, FAST) as runner:
        session = runner.open({"losses": LIMITS_PROBE})
        candidate = session.candidate("losses", "mse")
        assert not isinstance(candidate, Unavailable)
        found = candidate(1.0, 1.0)
        session.close()
    assert found == [FAST.memory_bytes, FAST.file_bytes, FAST.open_files, 0, FAST.cpu_seconds]


@pytest.mark.slow
@pytest.mark.parametrize("level", LEVELS)
def test_grading_from_many_threads_at_once(level: str) -> None:
    submission = Submission(["learning_rate"], {"learning_rate": reference_source("learning_rate")})
    expected = grade_submission(submission, InProcessRunner()).to_gradescope()
    results: list[dict[str, object]] = []
    errors: list[BaseException] = []
    with SandboxRunner(level) as runner:

        def grade() -> None:
            try:
                results.append(grade_submission(submission, runner).to_gradescope())
            except BaseException as error:  # reported below, with the thread's failure
                errors.append(error)

        threads = [threading.Thread(target=grade) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        assert not errors
        assert [pid for t in runner.tokens for pid in sandbox.marked_processes(t)] == []
    assert len(results) == 8
    assert all(r["tests"] == expected["tests"] for r in results)


# -- one time budget -----------------------------------------------------------------------------
def test_one_time_budget_everywhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    made: list[Limits] = []

    class Spy(SandboxRunner):
        def __init__(self, isolation: str = "auto", limits: Limits | None = None) -> None:
            made.append(limits or Limits())
            super().__init__(isolation, limits)

    from neurograde.nbgrader import task

    monkeypatch.setattr(sandbox, "SandboxRunner", Spy)
    monkeypatch.setattr(task, "SandboxRunner", Spy)
    module = tmp_path / "learning_rate.py"
    module.write_text("", encoding="utf-8")
    assert cli.main(["grade", str(module), "--isolation", "rlimit", "--timeout", "20"]) == 0
    raw = json.loads((REPO / "course" / "source" / "losses" / "losses.ipynb").read_text())
    raw["cells"] = []  # nothing to grade: only the limits matter here
    task.grade_notebook(raw, "losses.ipynb", "losses", "rlimit", 20.0, True)
    assert made[0] == made[1] == Limits.for_timeout(20.0)
    assert made[0].function_timeout == 120.0
    assert Limits() == Limits.for_timeout(Limits.call_timeout)
    assert Limits.for_timeout(2.0).function_timeout == 60.0
    from neurograde.nbgrader.preprocessor import SandboxGrade

    assert SandboxGrade().call_timeout == Limits.call_timeout


# -- memory ----------------------------------------------------------------------------------------
MEMORY_HOG = """
_calls = []

def mse(y_pred, y_true):
    _calls.append(1)
    if y_pred == 0:
        _calls.append(bytearray(8 * 1024**3))  # far beyond the address-space limit
    return float(len(_calls))
"""


@pytest.mark.parametrize("level", LEVELS)
def test_a_memory_error_is_a_limit_and_the_worker_is_replaced(level: str) -> None:
    with SandboxRunner(level, FAST) as runner:
        session = runner.open({"losses": MEMORY_HOG})
        candidate = session.candidate("losses", "mse")
        assert not isinstance(candidate, Unavailable)
        try:
            with pytest.raises(LearnerAbort) as aborted:
                candidate(0.0, 1.0)
            assert aborted.value.code is Code.MEMORY
            assert "ran out of memory" in aborted.value.detail
            assert "2 GiB" in aborted.value.detail
            # A fresh process: the first call's globals are gone.
            assert candidate(1.0, 1.0) == 1.0
        finally:
            session.close()


# -- input mutation measured on the trusted side --------------------------------------------------
HIDDEN_MUTATION = """
import sys
import numpy as np

for _module in list(sys.modules.values()):
    if hasattr(_module, "execute_call") and hasattr(_module, "snapshot"):
        _module.snapshot = lambda names, values: {}

def mse_grad(y_pred, y_true):
    y_pred[...] = 0.0  # changes the caller's array; the worker's own check is disabled above
    return np.zeros_like(y_true)
"""


@pytest.mark.parametrize("level", LEVELS)
def test_a_mutation_hidden_from_the_worker_is_seen_by_the_trusted_side(level: str) -> None:
    import numpy as np

    with SandboxRunner(level, FAST) as runner:
        session = runner.open({"losses": HIDDEN_MUTATION})
        candidate = session.candidate("losses", "mse_grad")
        assert not isinstance(candidate, Unavailable)
        candidate(np.ones((2, 3)), np.ones((2, 3)))
        assert candidate.last_call.mutated == ["y_pred"]
        candidate(y_pred=np.ones(3), y_true=np.zeros(3))
        assert candidate.last_call.mutated == ["y_pred"]
        candidate(np.zeros(3), np.zeros(3))  # written, but to the same values: unchanged
        assert candidate.last_call.mutated == []
        session.close()


# -- one frame reader ------------------------------------------------------------------------------
def test_one_frame_reader_for_both_sides() -> None:
    from neurograde.isolation import worker

    source = inspect.getsource(worker) + inspect.getsource(sandbox)
    assert "def recv_frame" not in source
    assert "def _receive" not in source
    ours, theirs = socket.socketpair()
    with ours, theirs:
        protocol.send_frame(ours, {"a": [1, 2.5, None]})
        assert protocol.recv_frame(theirs) == {"a": [1, 2.5, None]}
        with pytest.raises(TimeoutError):
            protocol.recv_frame(theirs, deadline=0.0)
        ours.sendall((100).to_bytes(4, "big"))
        with pytest.raises(protocol.FrameTooLarge):
            protocol.recv_frame(theirs, limit=99)
        ours.close()
        with pytest.raises(EOFError):
            protocol.recv_frame(theirs)


# -- the command line ------------------------------------------------------------------------------
def test_cli_defaults_are_the_python_apis() -> None:
    parser = cli.make_parser()
    # argparse keeps its subcommands in a private action whose choices are typed loosely.
    actions = parser._subparsers._group_actions  # type: ignore[union-attr]
    commands = cast("dict[str, argparse.ArgumentParser]", actions[0].choices)
    autograde = commands["autograde"].parse_args(["losses"])
    signature = inspect.signature(autograde_module.autograde).parameters
    assert autograde.jobs == signature["jobs"].default
    assert autograde.timeout == signature["timeout"].default
    assert autograde.isolation == signature["isolation"].default
    demo = commands["demo"].parse_args([])
    assert demo.jobs == inspect.signature(demo_module.demo).parameters["jobs"].default
    grade = commands["grade"].parse_args(["x"])
    assert grade.timeout == Limits.call_timeout


def _without_nbgrader(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys; sys.modules['nbgrader'] = None\n"  # as if the course extra were missing
        "from neurograde.cli import main\n"
        f"sys.exit(main({command!r}))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("command", [["demo", "DIR"], ["autograde", "losses", "--course", "."]])
def test_without_the_course_extra_the_command_names_it(command: list[str], tmp_path: Path) -> None:
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    (tmp_path / "release" / "losses").mkdir(parents=True)
    command = [str(tmp_path / "demo") if part == "DIR" else part for part in command]
    done = _without_nbgrader(command, tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "pip install 'neurograde[course]'" in done.stderr
    assert "no module 'nbgrader'" in done.stderr


def test_nbgrader_finds_alembic_without_an_activated_environment(tmp_path: Path) -> None:
    # A new gradebook runs `alembic` from PATH: a PATH without this interpreter's folder is what
    # a venv's `neurograde` called by its full path (or pipx) sees.
    code = (
        "from pathlib import Path\n"
        "from neurograde.nbgrader.demo import read_scores\n"
        f"print(read_scores(Path({str(tmp_path)!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "HOME": str(tmp_path)},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "{}"
    assert (tmp_path / "gradebook.db").is_file()
