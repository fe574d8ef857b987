"""The Gradescope autograder: the zip, setup.sh in a fresh venv, run_autograder on real uploads.

The end-to-end tests unpack the zip into a folder laid out like Gradescope's (``autograder/source``,
``submission``, ``results``), run ``setup.sh`` with apt skipped and pip offline (a venv that sees
this machine's numpy and hypothesis), then ``run_autograder`` on the sample class's notebooks and
on uploads that cannot be graded; every results.json is checked against Gradescope's format (a
JSON Schema written from its specification) and its scores against ``neurograde grade``.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import nbformat
import pytest

from neurograde import __version__
from neurograde.cli import main as neurograde_main
from neurograde.course import load_manifest
from neurograde.gradescope.config import CONFIG_NAME, AutograderConfig, ConfigError
from neurograde.gradescope.results import GRADING_ERROR, graded_results
from neurograde.gradescope.run import FALLBACK_NOTE
from neurograde.gradescope.upload import UploadProblem, find_submission
from neurograde.grading.grade import grade_submission
from neurograde.intake.notebook import notebook_submission
from neurograde.isolation.runner import InProcessRunner
from neurograde.nbgrader.samples import sample_class
from neurograde.paths import COURSE_SOURCE
from tests.submissions import REPO

MANIFEST = load_manifest()
ASSIGNMENT = "learning_rate"  # the smallest assignment: the end-to-end runs stay short
OTHER = "losses"
NBGRADER = [sys.executable, "-m", "nbgrader"]

# Gradescope's results.json, from its specification
# (https://gradescope-autograders.readthedocs.io/en/latest/specs/): a score at the top or on
# every test; visibility and formats from fixed lists; nothing else at either level.
VISIBILITY = {"enum": ["hidden", "after_due_date", "after_published", "visible"]}
TEXT_FORMAT = {"enum": ["text", "html", "simple_format", "md", "ansi"]}
NUMBER = {"type": "number"}
TEST = {
    "type": "object",
    "properties": {
        "score": NUMBER,
        "max_score": NUMBER,
        "status": {"enum": ["passed", "failed"]},
        "name": {"type": "string"},
        "name_format": TEXT_FORMAT,
        "number": {"type": "string"},
        "output": {"type": "string"},
        "output_format": TEXT_FORMAT,
        "tags": {"type": "array", "items": {"type": "string"}},
        "visibility": VISIBILITY,
        "extra_data": {"type": "object"},
    },
    "additionalProperties": False,
}
RESULTS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "score": NUMBER,
        "execution_time": NUMBER,
        "output": {"type": "string"},
        "output_format": TEXT_FORMAT,
        "test_output_format": TEXT_FORMAT,
        "test_name_format": TEXT_FORMAT,
        "visibility": VISIBILITY,
        "stdout_visibility": VISIBILITY,
        "extra_data": {"type": "object"},
        "tests": {"type": "array", "items": TEST},
        "leaderboard": {"type": "array"},
    },
    "additionalProperties": False,
    "anyOf": [
        {"required": ["score"]},
        {"properties": {"tests": {"items": {"required": ["score"]}}}},
    ],
}


def config(**changes: Any) -> AutograderConfig:
    settings: dict[str, Any] = {
        "assignment": ASSIGNMENT,
        "version": __version__,
        "max_score": MANIFEST.total(ASSIGNMENT),
        "assignments": {t: MANIFEST.functions(t) for t in MANIFEST.topics},
        **changes,
    }
    return AutograderConfig(**settings)


def source_notebook(topic: str) -> dict[str, Any]:
    path = REPO / COURSE_SOURCE / topic / f"{topic}.ipynb"
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return raw


def upload(folder: Path, files: dict[str, str | bytes]) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


# --- which file is graded, and what the learner is told otherwise ------------------------------


def test_the_assignment_notebook_is_graded_and_tool_folders_are_ignored(tmp_path: Path) -> None:
    notebook = json.dumps(source_notebook(ASSIGNMENT))
    folder = upload(
        tmp_path / "s",
        {
            f"{ASSIGNMENT}.ipynb": notebook,
            f".ipynb_checkpoints/{ASSIGNMENT}-checkpoint.ipynb": notebook,
            f"__MACOSX/._{ASSIGNMENT}.ipynb": b"\x00\x05",
            "notes.txt": "my notes",
        },
    )
    path, submission = find_submission(folder, config())
    assert path.name == f"{ASSIGNMENT}.ipynb"
    assert submission.topics == [ASSIGNMENT]
    assert submission.messages == []


def test_a_renamed_copy_of_the_notebook_is_graded_and_the_learner_told(tmp_path: Path) -> None:
    folder = upload(
        tmp_path / "s", {f"{ASSIGNMENT}-Copy1.ipynb": json.dumps(source_notebook(ASSIGNMENT))}
    )
    path, submission = find_submission(folder, config())
    assert path.name == f"{ASSIGNMENT}-Copy1.ipynb"
    assert submission.messages[0] == f"Graded {ASSIGNMENT}-Copy1.ipynb as {ASSIGNMENT}.ipynb."


def test_the_topic_module_is_graded(tmp_path: Path) -> None:
    module = (REPO / "solutions" / f"{ASSIGNMENT}.py").read_text(encoding="utf-8")
    folder = upload(tmp_path / "s", {f"{ASSIGNMENT}.py": module, "helpers.py": "x = 1\n"})
    path, submission = find_submission(folder, config())
    assert path.name == f"{ASSIGNMENT}.py"
    assert submission.sources == {ASSIGNMENT: module}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "Your upload is empty: upload learning_rate.ipynb"),
        ({".DS_Store": b"\x00"}, "Your upload is empty"),
        (
            {"learning_rate.ipynb": "{}", "learning_rate (1).ipynb": "{}"},
            "Your upload holds 2 files that could be graded (learning_rate (1).ipynb, "
            "learning_rate.ipynb)",
        ),
        (
            {"learning_rate.ipynb": "{}", "learning_rate.py": ""},
            "Your upload holds 2 files that could be graded",
        ),
        (
            {"losses.ipynb": json.dumps(source_notebook(OTHER))},
            "losses.ipynb is the notebook of the assignment 'losses', not of this assignment "
            "('learning_rate'): upload learning_rate.ipynb.",
        ),
        (
            {"learning_rate.ipynb": json.dumps(source_notebook(OTHER))},
            "learning_rate.ipynb is the notebook of the assignment 'losses'",
        ),
        ({"losses.py": "def mse(a, b):\n    return 0.0\n"}, "losses.py is the module of the"),
        ({"learning_rate.ipynb": '{"cells": [{"cell_type": "co'}, "is not a notebook Jupyter"),
        ({"hw.zip": b"PK\x03\x04", "a.txt": "x"}, "found: a.txt, hw.zip"),
        ({"mine.ipynb": json.dumps({"cells": []})}, "mine.ipynb holds none of the answer cells"),
    ],
    ids=[
        "empty",
        "only-hidden",
        "two-notebooks",
        "notebook-and-module",
        "other-notebook",
        "other-notebook-renamed",
        "other-module",
        "broken-notebook",
        "no-notebook",
        "no-answer-cell",
    ],
)
def test_uploads_that_cannot_be_graded_say_what_to_upload(
    tmp_path: Path, files: dict[str, str | bytes], message: str
) -> None:
    folder = upload(tmp_path / "s", files)
    with pytest.raises(UploadProblem) as problem:
        find_submission(folder, config())
    assert message in str(problem.value)


# --- settings and results ----------------------------------------------------------------------


def test_settings_round_trip_and_bad_settings_are_refused() -> None:
    settings = config(visibility="after_due_date", show_expected=False, isolation="bwrap")
    assert AutograderConfig.from_json(settings.to_json()) == settings
    with pytest.raises(ConfigError, match="visibility 'soon' is not one of Gradescope's"):
        config(visibility="soon")
    with pytest.raises(ConfigError, match="isolation 'docker' is not one of auto, bwrap"):
        config(isolation="docker")
    with pytest.raises(ConfigError, match="was not written by this neurograde"):
        AutograderConfig.from_json(json.dumps({"assignment": ASSIGNMENT}))


@pytest.fixture(scope="module")
def mistake_result() -> Any:
    """The sample class's mistake in `losses` (a wrong value), graded in process (trusted code)."""
    release = nbformat.reads(json.dumps(source_notebook(OTHER)), as_version=4)
    _, notebook = next(s for s in sample_class(OTHER, release) if s[0].student == "cyd")
    submission = notebook_submission(json.loads(nbformat.writes(notebook)), Path("x.ipynb"))
    return grade_submission(submission, InProcessRunner())


@pytest.mark.parametrize("visibility", ["visible", "after_due_date", "after_published", "hidden"])
def test_visibility_reaches_every_test_and_the_greeting(
    mistake_result: Any, visibility: str
) -> None:
    settings = config(assignment=OTHER, max_score=MANIFEST.total(OTHER), visibility=visibility)
    results = graded_results(mistake_result, settings, [], "x.ipynb")
    jsonschema.validate(results, RESULTS_SCHEMA)
    assert {t["visibility"] for t in results["tests"]} == {visibility}
    assert results["stdout_visibility"] == "hidden"
    total = f"{mistake_result.score:g} / {mistake_result.max_score:g} points"
    assert 0 < mistake_result.score < mistake_result.max_score
    # The total is in the greeting only where the tests, and so the score, are shown.
    assert (total in results["output"]) == (visibility == "visible")
    when = {
        "visible": "Each function of the assignment is one test below",
        "after_due_date": "will be shown after the due date",
        "after_published": "will be shown once your instructor publishes the grades",
        "hidden": "does not show the per-function feedback",
    }
    assert when[visibility] in results["output"]


def test_hidden_expected_values_are_in_no_feedback(mistake_result: Any) -> None:
    shown = graded_results(mistake_result, config(assignment=OTHER), [], "x.ipynb")
    hidden = graded_results(
        mistake_result, config(assignment=OTHER, show_expected=False), [], "x.ipynb"
    )
    assert "Expected: " in json.dumps(shown)
    assert "what was expected" in shown["output"]
    assert "Expected: " not in json.dumps(hidden)
    assert "what was expected" not in hidden["output"]
    properties = [p for t in hidden["tests"] for p in t["extra_data"]["properties"]]
    assert all(p["expected"] is None for p in properties)
    # Nor in the words of a failure: each expected value of the mistake is gone from the text (a
    # scalar's failure has no such words: its Returned and Expected lines say it, once).
    outcomes = [o for f in mistake_result.functions for o in f.outcomes if o.expected]
    assert outcomes
    shown_text = "\n".join(test["output"] for test in shown["tests"])
    for outcome in outcomes:
        assert f"Expected: {outcome.expected}" in shown_text
        if outcome.expected_text:
            assert outcome.expected_text in json.dumps(shown)
            assert outcome.expected_text not in json.dumps(hidden)
            assert "expected value hidden" in json.dumps(hidden)


# --- the zip -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def zips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The assignment's zip from `--all` on a course of that one assignment, and one that
    requires bubblewrap from the course folder of this project."""
    folder = tmp_path_factory.mktemp("zips")
    course = folder / "course"
    shutil.copytree(REPO / COURSE_SOURCE / ASSIGNMENT, course / "source" / ASSIGNMENT)
    settings = ["--visibility", "after_published"]
    assert neurograde_main(["gradescope", "--all", "--course", str(course), *settings]) == 0
    assert sorted(p.relative_to(course) for p in course.rglob("*.zip")) == [
        Path("gradescope", ASSIGNMENT, "autograder.zip")
    ]
    required = folder / "bwrap.zip"
    assert (
        neurograde_main(
            [
                *("gradescope", ASSIGNMENT, "--course", str(REPO / "course")),
                *("--out", str(required), "--isolation", "bwrap", *settings),
            ]
        )
        == 0
    )
    return {"auto": course / "gradescope" / ASSIGNMENT / "autograder.zip", "bwrap": required}


@pytest.mark.slow
def test_the_zip_holds_the_scripts_the_settings_and_one_assignments_wheel(
    zips: dict[str, Path],
) -> None:
    with zipfile.ZipFile(zips["auto"]) as archive:
        names = archive.namelist()
        wheel_name = f"neurograde-{__version__}-py3-none-any.whl"
        assert sorted(names) == sorted(
            ["setup.sh", "run_autograder", CONFIG_NAME, "requirements.txt", wheel_name]
        )
        for script in ("setup.sh", "run_autograder"):
            mode = archive.getinfo(script).external_attr >> 16
            assert stat.S_ISREG(mode), script
            assert mode & 0o111 == 0o111, script
        settings = AutograderConfig.from_json(archive.read(CONFIG_NAME).decode())
        assert settings == config(visibility="after_published")
        requirements = archive.read("requirements.txt").decode().splitlines()
        import numpy

        assert f"numpy=={numpy.__version__}" in requirements
        wheel = zipfile.ZipFile(archive.open(wheel_name))
    files = [
        n for n in wheel.namelist() if not n.startswith(f"neurograde-{__version__}.dist-info/")
    ]
    content = sorted(n for n in files if not n.startswith("neurograde/"))
    assert content == sorted(
        [
            *(f"{package}/__init__.py" for package in ("solutions", "exercises", "graders")),
            f"solutions/{ASSIGNMENT}.py",
            f"exercises/{ASSIGNMENT}.py",
            f"graders/{ASSIGNMENT}.py",
            "graders/manifest.py",
        ]
    )
    assert f"TOPICS = ('{ASSIGNMENT}',)" in wheel.read("graders/manifest.py").decode()
    assert "neurograde/gradescope/run.py" in files
    # Nothing of the course's working folders, the tests or compiled files.
    assert not [n for n in files if "gradebook" in n or n.startswith("tests/") or ".pyc" in n]


def test_the_command_refuses_what_it_cannot_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x.zip")
    course = str(REPO / "course")
    assert neurograde_main(["gradescope", "nope", "--course", course, "--out", out]) == 2
    assert "'nope' is not an assignment of this course" in capsys.readouterr().err
    assert neurograde_main(["gradescope", ASSIGNMENT, "--course", str(tmp_path)]) == 2
    assert "give the nbgrader course folder with --course" in capsys.readouterr().err
    assert neurograde_main(["gradescope", "--course", course]) == 2
    assert "name one ASSIGNMENT, or give --all" in capsys.readouterr().err
    assert neurograde_main(["gradescope", ASSIGNMENT, "--course", course, "--timeout", "0"]) == 2
    assert "the timeout must be a positive number" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()


# --- end to end: setup.sh and run_autograder in a folder laid out like Gradescope's ------------


@dataclass
class Run:
    code: int
    log: str
    results: dict[str, Any]


@dataclass
class Gradescope:
    root: Path
    setup_log: str

    def env(self, fake_bwrap: Path | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env["NEUROGRADE_AUTOGRADER_ROOT"] = str(self.root)
        if fake_bwrap is not None:
            env["PATH"] = f"{fake_bwrap}{os.pathsep}{env['PATH']}"
        return env

    def run(self, files: dict[str, str | bytes], fake_bwrap: Path | None = None) -> Run:
        upload(self.root / "submission", files)
        shutil.rmtree(self.root / "results", ignore_errors=True)
        (self.root / "results").mkdir()
        done = subprocess.run(
            ["bash", str(self.root / "source" / "run_autograder")],
            cwd=self.root,
            env=self.env(fake_bwrap),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert not done.stderr.strip(), done.stderr[-3000:]
        results = json.loads((self.root / "results" / "results.json").read_text(encoding="utf-8"))
        jsonschema.validate(results, RESULTS_SCHEMA)
        return Run(done.returncode, done.stdout, results)


@pytest.fixture(scope="module")
def gradescope(tmp_path_factory: pytest.TempPathFactory, zips: dict[str, Path]) -> Gradescope:
    """The zip unpacked into autograder/source and installed by its setup.sh, offline."""
    root = tmp_path_factory.mktemp("gradescope") / "autograder"
    for folder in ("source", "submission", "results"):
        (root / folder).mkdir(parents=True)
    with zipfile.ZipFile(zips["auto"]) as archive:
        archive.extractall(root / "source")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env |= {
        "NEUROGRADE_AUTOGRADER_ROOT": str(root),
        "NEUROGRADE_SKIP_APT": "1",
        "NEUROGRADE_PYTHON": sys.executable,
        "NEUROGRADE_VENV_OPTIONS": "--system-site-packages",  # numpy, hypothesis, …
        "NEUROGRADE_PIP_OPTIONS": "--no-index",  # the wheel from the zip, nothing from PyPI
    }
    done = subprocess.run(
        ["bash", str(root / "source" / "setup.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return Gradescope(root, done.stdout)


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, nbformat.NotebookNode]:
    """What learners receive: the two assignments released by `nbgrader generate_assignment`."""
    course = tmp_path_factory.mktemp("course")
    shutil.copy(REPO / "course" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / COURSE_SOURCE, course / "source")
    found = {}
    for topic in (ASSIGNMENT, OTHER):
        subprocess.run(
            [*NBGRADER, "generate_assignment", topic, "--force"],
            cwd=course,
            capture_output=True,
            timeout=900,
            check=True,
        )
        path = course / "release" / topic / f"{topic}.ipynb"
        found[topic] = nbformat.read(path, as_version=4)
    return found


def graded_by_neurograde(path: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / f"{path.stem}-grade.json"
    assert neurograde_main(["grade", str(path), "--json", str(out)]) == 0
    results: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return results


def scores(results: dict[str, Any]) -> dict[str, float]:
    return {t["name"]: t["score"] for t in results["tests"]}


def venv_python(gradescope: Gradescope) -> Path:
    return gradescope.root / "neurograde-venv" / "bin" / "python"


@pytest.mark.slow
def test_setup_installs_the_zips_wheel_and_checks_it(gradescope: Gradescope) -> None:
    venv = gradescope.root / "neurograde-venv"
    where = subprocess.run(
        [str(venv_python(gradescope)), "-I", "-c", "import neurograde; print(neurograde.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(venv)), where  # the wheel, not this checkout
    assert "NEUROGRADE_SKIP_APT=1: nothing installed with apt-get" in gradescope.setup_log
    assert f"assignment {ASSIGNMENT}: 5 functions, 13 points" in gradescope.setup_log
    assert "isolation rlimit: available" in gradescope.setup_log


@pytest.mark.slow
def test_the_sample_class_gets_the_scores_of_neurograde_grade(
    gradescope: Gradescope, releases: dict[str, nbformat.NotebookNode], tmp_path: Path
) -> None:
    samples = sample_class(ASSIGNMENT, releases[ASSIGNMENT])
    seen, cheated = {}, {}
    for sample, notebook in samples:
        text = nbformat.writes(notebook)
        run = gradescope.run({f"{ASSIGNMENT}.ipynb": text})
        assert run.code == 0, run.log
        path = tmp_path / sample.student / f"{ASSIGNMENT}.ipynb"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        expected = graded_by_neurograde(path, tmp_path)
        assert scores(run.results) == scores(expected), sample.description
        assert run.results["score"] == expected["score"], sample.description
        assert run.results["execution_time"] > 0
        assert run.results["extra_data"]["isolation"] == "bwrap"
        # The zip's settings: feedback after publication, and the greeting says so.
        assert {t["visibility"] for t in run.results["tests"]} == {"after_published"}
        assert "will be shown once your instructor publishes" in run.results["output"]
        assert f"grading {ASSIGNMENT}.ipynb at the bwrap level" in run.log
        seen[sample.student] = run.results["score"]
        cheated[sample.student] = scores(run.results)[f"{ASSIGNMENT}.validate_learning_rate"]
    total = MANIFEST.total(ASSIGNMENT)
    assert seen["ada"] == total  # the reference
    assert seen["bob"] == 0  # the stub
    assert 0 < seen["cyd"] < total  # one realistic mistake
    # The cheats, in the first function, gain nothing: sys.exit there fails every function that
    # calls it, and the IPython transformer fails the module at import.
    assert next(iter(MANIFEST.points[ASSIGNMENT])) == "validate_learning_rate"
    assert cheated["dee"] == cheated["eve"] == 0
    assert seen["dee"] < total
    assert seen["eve"] == 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("other", "losses.ipynb is the notebook of the assignment 'losses'"),
        ("empty", "Your upload is empty: upload learning_rate.ipynb"),
        ("broken", "learning_rate.ipynb is not a notebook Jupyter can open"),
    ],
)
def test_uploads_that_cannot_be_graded_score_zero_with_the_reason(
    gradescope: Gradescope,
    releases: dict[str, nbformat.NotebookNode],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    message: str,
) -> None:
    reference = next(nb for s, nb in sample_class(OTHER, releases[OTHER]) if s.student == "ada")
    other = nbformat.writes(reference)
    broken = nbformat.writes(releases[ASSIGNMENT])[:1000]  # a download cut short
    files: dict[str, str | bytes] = {
        "other": {f"{OTHER}.ipynb": other},
        "empty": {},
        "broken": {f"{ASSIGNMENT}.ipynb": broken},
    }[kind]
    run = gradescope.run(files)
    assert run.code == 0, run.log
    assert run.results["score"] == 0
    assert run.results["tests"] == []
    assert run.results["output"].startswith("Your upload could not be graded: ")
    assert message in run.results["output"]
    assert message in run.log  # the instructor sees why too
    # `neurograde grade` refuses the same uploads as usage errors; another assignment's notebook
    # is graded there as that assignment.
    if kind == "broken":
        path = tmp_path / f"{ASSIGNMENT}.ipynb"
        path.write_text(broken, encoding="utf-8")
        assert neurograde_main(["grade", str(path)]) == 2
        assert "is not a valid notebook" in capsys.readouterr().err
    if kind == "other":
        path = tmp_path / f"{OTHER}.ipynb"
        path.write_text(other, encoding="utf-8")
        assert graded_by_neurograde(path, tmp_path)["score"] == MANIFEST.total(OTHER)


def write_fake_bwrap(folder: Path) -> Path:
    """A bwrap that fails as it does in a container without user namespaces."""
    folder.mkdir()
    fake = folder / "bwrap"
    fake.write_text(
        "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    return folder


@pytest.mark.slow
def test_without_bubblewrap_it_falls_back_to_rlimit_and_says_so(
    gradescope: Gradescope, releases: dict[str, nbformat.NotebookNode], tmp_path: Path
) -> None:
    reference = next(
        nb for s, nb in sample_class(ASSIGNMENT, releases[ASSIGNMENT]) if s.student == "ada"
    )
    run = gradescope.run(
        {f"{ASSIGNMENT}.ipynb": nbformat.writes(reference)}, write_fake_bwrap(tmp_path / "bin")
    )
    assert run.code == 0, run.log
    assert run.results["score"] == MANIFEST.total(ASSIGNMENT)
    assert run.results["extra_data"]["isolation"] == "rlimit"
    assert FALLBACK_NOTE in run.results["output"]
    assert "FALLBACK: bubblewrap cannot run here" in run.log
    assert "No permissions to create new namespace" in run.log


@pytest.mark.slow
def test_a_zip_that_requires_bubblewrap_records_a_grading_error_without_it(
    gradescope: Gradescope,
    releases: dict[str, nbformat.NotebookNode],
    zips: dict[str, Path],
    tmp_path: Path,
) -> None:
    source = gradescope.root / "source" / CONFIG_NAME
    default = source.read_text(encoding="utf-8")
    with zipfile.ZipFile(zips["bwrap"]) as archive:
        required = archive.read(CONFIG_NAME).decode()
    assert AutograderConfig.from_json(required).isolation == "bwrap"
    reference = next(
        nb for s, nb in sample_class(ASSIGNMENT, releases[ASSIGNMENT]) if s.student == "ada"
    )
    files: dict[str, str | bytes] = {f"{ASSIGNMENT}.ipynb": nbformat.writes(reference)}
    fake = write_fake_bwrap(tmp_path / "bin")
    source.write_text(required, encoding="utf-8")
    try:
        failed = gradescope.run(files, fake)
        working = gradescope.run(files)
        # setup.sh's last step fails in such an image, so the instructor learns it at once.
        check = subprocess.run(
            [str(venv_python(gradescope)), "-I", "-m", "neurograde.gradescope.run", "--check"],
            env=gradescope.env(fake),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    finally:
        source.write_text(default, encoding="utf-8")
    assert check.returncode == 1
    assert "requires the bwrap level, which cannot run in this image" in check.stdout
    assert failed.code == 1
    assert "score" not in failed.results  # no score recorded, not a zero
    assert failed.results["tests"] == []
    assert failed.results["output"] == GRADING_ERROR
    assert (
        "isolation level 'bwrap' is not available" in failed.results["extra_data"]["grading_error"]
    )
    assert "GRADING ERROR (no score recorded)" in failed.log
    # Where bubblewrap runs, the same zip grades as usual.
    assert working.code == 0
    assert working.results["score"] == MANIFEST.total(ASSIGNMENT)
    assert working.results["extra_data"]["isolation"] == "bwrap"
