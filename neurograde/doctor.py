"""``neurograde doctor``: what this machine can enforce on learner code, and what is missing.

Each isolation level and why it is or is not available (bubblewrap's own error when it fails),
user namespaces, the seccomp filter, the limits, and the versions of the tools around grading
(Python, numpy, nbgrader, Chromium). The verdict is the strongest level: a machine without it
grades with less protection, and ``doctor`` exits non-zero so that a setup script notices.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from neurograde.isolation.sandbox import (
    BWRAP_ADVICE,
    LEVELS,
    Limits,
    available_levels,
    bwrap_executable,
    numpy_folders,
)

# Kernel settings that decide whether an unprivileged process may create a user namespace.
USERNS_SETTINGS = (
    "/proc/sys/user/max_user_namespaces",
    "/proc/sys/kernel/unprivileged_userns_clone",
    "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
)

# Installs the worker's filter in a fresh interpreter, then tries what it denies.
SECCOMP_PROBE = """
import os, sys
sys.path[:0] = sys.argv[1:]
import worker
if not worker.deny_uncounted_memory():
    print("the filter could not be installed (kernel or architecture)")
    raise SystemExit(1)
try:
    os.memfd_create("probe")
except PermissionError:
    print("installed: shmget and memfd_create are denied")
else:
    print("installed, but memfd_create was not denied")
    raise SystemExit(1)
"""


@dataclass
class Diagnosis:
    """What ``doctor`` found: lines to print and whether the strongest level is available."""

    lines: list[str] = field(default_factory=list)
    strongest: bool = False

    def say(self, name: str, text: str) -> None:
        """Add one ``name: text`` line."""
        self.lines.append(f"{name + ':':<18} {text}")


def _read(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def _version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"cannot run {command[0]}: {error}"
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0] if text else f"{command[0]} printed nothing (exit status {done.returncode})"


def _package(name: str, needed_for: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return f"not installed ({needed_for})"


def seccomp_status() -> str:
    """Whether the worker's seccomp filter can be installed here, tried in a fresh process."""
    from neurograde.isolation import worker

    folders = [str(Path(str(worker.__file__)).parent), *numpy_folders()]
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-c", SECCOMP_PROBE, *folders],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"could not be tried: {error}"
    said = ((done.stdout + done.stderr).strip().splitlines() or ["no output"])[-1]
    return said if done.returncode == 0 else f"NOT AVAILABLE: {said}"


def diagnose() -> Diagnosis:
    """Everything ``neurograde doctor`` prints."""
    found = Diagnosis()
    levels = available_levels()
    for level in LEVELS:
        problem = levels[level]
        found.say(
            f"isolation {level}", "available" if problem is None else f"NOT AVAILABLE: {problem}"
        )
    found.strongest = levels[LEVELS[0]] is None
    usable = [level for level in LEVELS if levels[level] is None]
    found.say("auto chooses", usable[0] if usable else "nothing: no level works here")
    found.say("bubblewrap", bwrap_executable() or "not on PATH")
    userns = [f"{Path(p).name}={v}" for p in USERNS_SETTINGS if (v := _read(p)) is not None]
    found.say("user namespaces", ", ".join(userns) or "no setting readable")
    found.say("seccomp", seccomp_status())
    limits = Limits()
    found.say(
        "limits",
        f"{limits.call_timeout:g} s a call, max(60, 6 x call) s a function "
        f"({limits.function_timeout:g} s by default), {limits.load_timeout:g} s to import; "
        f"{limits.memory_bytes / 1024**3:g} GiB address space, {limits.cpu_seconds} CPU s, "
        f"files of {limits.file_bytes // 1024} KiB, {limits.open_files} open files, "
        f"{limits.processes} processes, {limits.tmp_bytes // 1024**2} MiB /tmp (bwrap)",
    )
    if os.geteuid() == 0:
        found.say("processes limit", "not enforced: this user is root (grade as another user)")
    found.say("python", f"{sys.version.split()[0]} at {sys.executable} (prefix {sys.prefix})")
    found.say("numpy", f"{np.__version__} at {Path(np.__file__).parent}")
    found.say("nbgrader", _package("nbgrader", "pip install 'neurograde[course]'"))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    found.say(
        "chromium",
        _version([chromium, "--version"]) if chromium else "not found (only the tests need it)",
    )
    if found.strongest:
        found.lines.append(f"OK: learner code is graded at {LEVELS[0]}, the strongest level.")
    else:
        found.lines.append(
            f"MISSING: the strongest isolation level ({LEVELS[0]}) is not available: "
            f"{levels[LEVELS[0]]}. To grade with it, {BWRAP_ADVICE}."
        )
    return found
