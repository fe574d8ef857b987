"""Build ``autograder.zip`` for one assignment: what Gradescope installs and runs, and no more.

The zip holds, at its root, ``setup.sh`` and ``run_autograder``
(:mod:`neurograde.gradescope.scripts`), the settings (``neurograde-gradescope.json``),
``requirements.txt`` (numpy and the other runtime dependencies pinned at the versions installed
here, so that Gradescope grades with the same numbers) and a wheel of this neurograde built with
``pip wheel`` from a staged copy of the project that holds the engine and *only this
assignment's* reference, stub and graders: if the zip leaked, it would give away nothing beyond
what its hidden graders must contain. Tests, the course folder, its gradebook, releases and
submissions are never staged.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from neurograde import build as build_module
from neurograde.course import CourseError, load_manifest
from neurograde.gradescope.config import CONFIG_NAME, AutograderConfig
from neurograde.gradescope.scripts import RUN_AUTOGRADER, SETUP_SH, render
from neurograde.paths import CONTENT, COURSE_SOURCE, EXERCISES, REPO_ROOT, SOLUTIONS

ENGINE = "neurograde"
# Every entry gets this date, so that the same wheel and settings give the same zip.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
EXECUTABLE = 0o100755 << 16  # a regular file, rwxr-xr-x, in a zip entry's external attributes
REGULAR = 0o100644 << 16
PIP_TIMEOUT = 600  # seconds: building the wheel may fetch setuptools from PyPI


class PackageError(CourseError):
    """The autograder cannot be built: the message says what to fix."""


@dataclass(frozen=True)
class Options:
    """The instructor's choices for one autograder (the options of ``neurograde gradescope``)."""

    visibility: str = "visible"
    show_expected: bool = True
    isolation: str = "auto"
    timeout: float = 10.0


def course_assignments(course: Path) -> list[str]:
    """The course's assignments that neurograde grades, in teaching order."""
    topics = load_manifest().topics
    return [t for t in topics if (course / "source" / t / f"{t}.ipynb").is_file()]


def _grade_ids(path: Path) -> set[str]:
    """The nbgrader grade ids of a course notebook (read as JSON: nothing is executed)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return {
        cell["metadata"]["nbgrader"]["grade_id"]
        for cell in notebook["cells"]
        if "grade_id" in cell.get("metadata", {}).get("nbgrader", {})
    }


def check_assignment(assignment: str, course: Path, root: Path = REPO_ROOT) -> None:
    """Refuse to build for an unknown assignment, a stale project or a course out of step."""
    topics = load_manifest().topics
    if assignment not in topics:
        raise PackageError(
            f"{assignment!r} is not an assignment of this course: choose one of {', '.join(topics)}"
        )
    notebook = course / "source" / assignment / f"{assignment}.ipynb"
    if not notebook.is_file():
        raise PackageError(
            f"{notebook} does not exist: give the nbgrader course folder with --course (the "
            f"folder holding source/), or run `neurograde build` (it writes {COURSE_SOURCE})"
        )
    missing = set(load_manifest().functions(assignment)) - _grade_ids(notebook)
    if missing:
        raise PackageError(
            f"{notebook} has no answer cell for {', '.join(sorted(missing))}: the course is out "
            f"of step with this neurograde; copy {COURSE_SOURCE}/{assignment} into it again"
        )
    if not (root / "pyproject.toml").is_file():
        raise PackageError(
            f"{root} is not a neurograde source checkout (no pyproject.toml): the autograder's "
            "wheel is built from the project, so run `neurograde gradescope` from a clone"
        )
    stale = build_module.stale(root)
    if stale:
        raise PackageError(
            f"{len(stale)} generated file(s) are stale ({stale[0]}, …): run `neurograde build` "
            "first, so that the autograder grades what learners were given"
        )


def _copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def stage_project(assignment: str, root: Path, stage: Path) -> None:
    """Copy what the wheel is built from: the engine and this assignment's content only."""
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, stage / name)
    _copy_tree(root / ENGINE, stage / ENGINE)
    for package in (SOLUTIONS, EXERCISES, CONTENT):
        (stage / package).mkdir()
        shutil.copy(root / package / "__init__.py", stage / package / "__init__.py")
        shutil.copy(root / package / f"{assignment}.py", stage / package / f"{assignment}.py")
    # The manifest of a course of one assignment: the engine loads no other topic.
    (stage / CONTENT / "manifest.py").write_text(
        f'"""The course manifest of the {assignment} autograder: its one assignment."""\n\n'
        f"TOPICS = ({assignment!r},)\n",
        encoding="utf-8",
    )


def build_wheel(stage: Path, out: Path) -> Path:
    """Build the staged project's wheel into ``out`` with ``pip wheel``."""
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out)]
    done = subprocess.run(
        [*command, str(stage)], capture_output=True, text=True, timeout=PIP_TIMEOUT, check=False
    )
    wheels = sorted(out.glob(f"{ENGINE}-*.whl"))
    if done.returncode != 0 or len(wheels) != 1:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise PackageError(
            f"building neurograde's wheel failed (pip exited {done.returncode}; it needs "
            f"setuptools from PyPI, or installed with --no-build-isolation):\n{tail}"
        )
    return wheels[0]


def pinned_requirements(root: Path = REPO_ROOT) -> str:
    """``requirements.txt``: each runtime dependency at the version installed here."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = ["# neurograde's runtime dependencies, at the versions the zip was built with."]
    for requirement in project["dependencies"]:
        match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
        if match is None:
            raise PackageError(f"cannot read the dependency {requirement!r} of pyproject.toml")
        name = match.group(0)
        try:
            lines.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            lines.append(requirement)  # not installed here: the project's own range
    return "\n".join(lines) + "\n"


def _entry(archive: zipfile.ZipFile, name: str, data: bytes, mode: int = REGULAR) -> None:
    info = zipfile.ZipInfo(name, ZIP_DATE)
    info.external_attr = mode
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def build_autograder(
    assignment: str,
    course: Path,
    out: Path,
    options: Options = Options(),
    root: Path = REPO_ROOT,
) -> Path:
    """Write the autograder zip of ``assignment`` to ``out`` and return ``out``."""
    check_assignment(assignment, course, root)
    manifest = load_manifest()
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    config = AutograderConfig(  # checks the options before the slow part
        assignment=assignment,
        version=project["version"],
        max_score=manifest.total(assignment),
        visibility=options.visibility,
        show_expected=options.show_expected,
        isolation=options.isolation,
        timeout=options.timeout,
        assignments={t: manifest.functions(t) for t in manifest.topics},
    )
    with tempfile.TemporaryDirectory(prefix="neurograde-gradescope-") as folder:
        stage = Path(folder) / "project"
        stage.mkdir()
        stage_project(assignment, root, stage)
        wheel = build_wheel(stage, Path(folder) / "wheel")
        if not wheel.name.startswith(f"{ENGINE}-{config.version}-"):
            raise PackageError(f"pip built {wheel.name}, not version {config.version}")
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        with zipfile.ZipFile(partial, "w") as archive:
            for name, template in (("setup.sh", SETUP_SH), ("run_autograder", RUN_AUTOGRADER)):
                script = render(template, version=config.version, wheel=wheel.name)
                _entry(archive, name, script.encode(), EXECUTABLE)
            _entry(archive, CONFIG_NAME, config.to_json().encode())
            _entry(archive, "requirements.txt", pinned_requirements(root).encode())
            _entry(archive, wheel.name, wheel.read_bytes())
        partial.replace(out)  # never a half-written zip under the final name
    return out
