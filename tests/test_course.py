"""The nbgrader course end to end, with nbgrader's real command line.

build → generate_assignment → submissions in submitted/ → neurograde autograde →
generate_feedback → export; the release and the feedback hold no hidden source; tampered
notebooks earn nothing; plain `nbgrader autograde` on this course never executes learner code.
"""

from __future__ import annotations

import copy
import csv
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from neurograde.build.parts import topic_parts
from neurograde.course import load_manifest
from neurograde.nbgrader.demo import read_scores
from neurograde.nbgrader.samples import EXIT_CHEAT
from neurograde.paths import COURSE_SOURCE
from tests.submissions import REPO

MANIFEST = load_manifest()
TOPICS = MANIFEST.topics
POINTS = MANIFEST.points

pytestmark = pytest.mark.slow

TAMPER_TOPIC = "learning_rate"
NBGRADER = [sys.executable, "-m", "nbgrader"]
NEUROGRADE = [sys.executable, "-m", "neurograde.cli"]


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


def is_test(cell: nbformat.NotebookNode) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def answers(notebook: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    return {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in notebook.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }


def reference_answers(topic: str) -> dict[str, str]:
    strip = ("### BEGIN SOLUTION", "### END SOLUTION")
    return {
        name: "\n".join(line for line in source.splitlines() if line.strip() not in strip)
        for name, source in topic_parts(topic).functions.items()
    }


def fill(release: nbformat.NotebookNode, sources: dict[str, str]) -> nbformat.NotebookNode:
    notebook = copy.deepcopy(release)
    for name, cell in answers(notebook).items():
        if name in sources:
            cell.source = sources[name]
    return notebook


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course folder with every assignment released by `nbgrader generate_assignment`."""
    folder = tmp_path_factory.mktemp("course")
    shutil.copy(REPO / "course" / "nbgrader_config.py", folder / "nbgrader_config.py")
    shutil.copytree(REPO / COURSE_SOURCE, folder / "source")
    for topic in [*TOPICS, *MANIFEST.labs]:
        run([*NBGRADER, "generate_assignment", topic, "--force"], folder)
    return folder


def release_of(course: Path, topic: str) -> nbformat.NotebookNode:
    return nbformat.read(course / "release" / topic / f"{topic}.ipynb", as_version=4)


def test_release_holds_no_solution_no_hidden_test_no_grader(course: Path) -> None:
    for topic in TOPICS:
        text = (course / "release" / topic / f"{topic}.ipynb").read_text(encoding="utf-8")
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "check_in_kernel", "graders"):
            assert marker not in text, (topic, marker)
        given = topic_parts(topic).given
        for name, body in reference_answers(topic).items():
            # Every line of a reference body longer than a trivial statement stays hidden
            # (unless the given code, which learners receive, holds the same line).
            code = [line.strip() for line in body.split('"""')[-1].splitlines()]
            for line in code:
                if len(line) > 25 and not line.startswith(("#", "def ")) and line not in given:
                    assert json.dumps(line)[1:-1] not in text, (topic, name, line)
        release = release_of(course, topic)
        assert list(answers(release)) == list(POINTS[topic])
        assert all("raise NotImplementedError()" in c.source for c in answers(release).values())


def test_a_lab_is_released_unchanged_apart_from_nbgrader_locks(course: Path) -> None:
    """An ungraded lab: nbgrader releases it, with nothing hidden, nothing to grade."""
    for lab in MANIFEST.labs:
        source = nbformat.read(course / "source" / lab / f"{lab}.ipynb", as_version=4)
        release = nbformat.read(course / "release" / lab / f"{lab}.ipynb", as_version=4)
        assert [c.source for c in release.cells] == [c.source for c in source.cells]
        grading = [c.metadata.get("nbgrader", {}) for c in release.cells]
        assert not any(meta.get("grade") or meta.get("solution") for meta in grading)
        given = release.cells[[m.get("grade_id") for m in grading].index("given")]
        assert given.metadata["editable"] is False  # the loader is locked


@pytest.fixture(scope="module")
def graded(course: Path) -> Path:
    """A class submitted to every assignment, autograded, with feedback and exported grades."""
    for topic in TOPICS:
        release = release_of(course, topic)
        reference = reference_answers(topic)
        first = next(iter(reference))
        students = {
            "ada": fill(release, reference),
            "bob": release,
            "dee": fill(release, {**reference, first: EXIT_CHEAT.format(name=first)}),
        }
        for student, notebook in students.items():
            target = course / "submitted" / student / topic / f"{topic}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, target)
        broken = course / "submitted" / "zed" / topic / f"{topic}.ipynb"
        broken.parent.mkdir(parents=True, exist_ok=True)
        broken.write_text("{ not a notebook", encoding="utf-8")
        done = run([*NEUROGRADE, "autograde", topic, "--course", str(course), "--quiet"], course)
        assert "3 graded, 0 unchanged (skipped), 1 not graded" in done.stdout
        assert "zed" in done.stderr
        run([*NBGRADER, "generate_feedback", topic, "--force"], course)
    run([*NBGRADER, "export"], course)
    return course


def test_scores_reach_the_gradebook_and_the_csv(graded: Path) -> None:
    scores = read_scores(graded)
    with (graded / "grades.csv").open(encoding="utf-8") as grades:
        rows = list(csv.DictReader(grades))
    for topic in TOPICS:
        total = float(sum(POINTS[topic].values()))
        assert scores["ada"][topic] == (total, total)
        assert scores["bob"][topic] == (0.0, total)
        assert scores["dee"][topic][0] < total
        csv_scores = {r["student_id"]: float(r["score"]) for r in rows if r["assignment"] == topic}
        assert csv_scores["ada"] == total
        assert csv_scores["bob"] == 0.0


def test_feedback_teaches_and_hides_the_hidden_tests(graded: Path) -> None:
    for topic in TOPICS:
        page = (graded / "feedback" / "dee" / topic / f"{topic}.html").read_text(encoding="utf-8")
        assert "CONTROL_FLOW" in page or "steer the grader" in page
        for secret in ("BEGIN HIDDEN TESTS", "check_in_kernel", "graders."):
            assert secret not in page, (topic, secret)


def test_autograde_is_idempotent_and_force_regrades(graded: Path) -> None:
    topic = "losses"
    again = run([*NEUROGRADE, "autograde", topic, "--course", str(graded), "--quiet"], graded)
    assert "0 graded, 3 unchanged (skipped), 1 not graded" in again.stdout
    forced = run(
        [*NEUROGRADE, "autograde", topic, "--course", str(graded), "--quiet", "--force"], graded
    )
    assert "3 graded, 0 unchanged (skipped), 1 not graded" in forced.stdout
    assert read_scores(graded)["ada"][topic][0] == float(sum(POINTS[topic].values()))


# -- tampering ---------------------------------------------------------------------------------
def _tamper_cases(release: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    """Each a stub submission (worth 0) with one kind of tampering."""
    cases: dict[str, nbformat.NotebookNode] = {}

    def case(name: str) -> nbformat.NotebookNode:
        cases[name] = copy.deepcopy(release)
        return cases[name]

    for cell in case("edited-tests").cells:
        if is_test(cell):
            cell.source = "print('all good')"
    deleted = case("deleted-tests")
    deleted.cells = [c for c in deleted.cells if not is_test(c)]
    duplicated = case("duplicated-tests")
    extra = [copy.deepcopy(c) for c in duplicated.cells if is_test(c)]
    for index, cell in enumerate(extra):
        cell.id = f"copy-{index}"
    duplicated.cells.extend(extra)
    for cell in case("markdown-tests").cells:
        if is_test(cell):
            cell.cell_type = "markdown"
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
    for cell in case("renamed-and-repointed").cells:
        if is_test(cell):
            cell.metadata["nbgrader"]["points"] = 1000
            cell.metadata["nbgrader"]["grade_id"] += "_mine"
    added = case("added-grade-cell")
    added.cells.append(
        nbformat.v4.new_code_cell(
            "print('free points')",
            id="free",
            metadata={
                "nbgrader": {
                    "grade": True, "solution": False, "locked": False, "points": 50,
                    "grade_id": "free_points", "schema_version": 3, "task": False,
                }
            },
        )
    )  # fmt: skip
    first = next(iter(answers(release)))
    transformer = case("input-transformer")
    answers(transformer)[first].source = (
        "ip = get_ipython()\n"
        "ip.input_transformers_cleanup.append(lambda lines: ['pass\\n'])\n"
        "import ast\n"
        "class Nop(ast.NodeTransformer):\n"
        "    def visit_Assert(self, node):\n"
        "        return None\n"
        "ip.ast_transformers.append(Nop())\n"
    )
    patched = case("numpy-patched")
    answers(patched)[first].source = (
        "import numpy as np\nimport builtins\n"
        "np.allclose = lambda *a, **k: True\nnp.isclose = lambda *a, **k: True\n"
        "builtins.AssertionError = type('Never', (Exception,), {})\n"
    )
    background = case("background-process")
    answers(background)[first].source = (
        "import subprocess\nsubprocess.Popen(['sleep', '300'])\n"
        "import os\nif os.fork() == 0:\n    os.setsid()\n    import time\n    time.sleep(300)\n"
    )
    return cases


def sleepers() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "cmdline").read_bytes().startswith(b"sleep\x00300"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.parametrize("command", ["neurograde", "nbgrader"])
def test_tampering_earns_nothing(course: Path, command: str) -> None:
    topic = TAMPER_TOPIC
    before = sleepers()
    cases = _tamper_cases(release_of(course, topic))
    for name, notebook in cases.items():
        target = course / "submitted" / f"{command}-{name}" / topic / f"{topic}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target, version=4)
    if command == "neurograde":
        run([*NEUROGRADE, "autograde", topic, "--course", str(course), "--quiet"], course)
    else:  # plain nbgrader, as an instructor might run it: the course config routes it
        for name in cases:
            subprocess.run(
                [*NBGRADER, "autograde", topic, "--student", f"{command}-{name}", "--force"],
                cwd=course, capture_output=True, text=True, timeout=600, check=False,
            )  # fmt: skip
    scores = read_scores(course)
    total = float(sum(POINTS[topic].values()))
    for name in cases:
        score = scores.get(f"{command}-{name}", {}).get(topic, (0.0, total))
        assert score[0] == 0.0, (name, score)
        assert score[1] in (total, 0.0), (name, score)  # points as declared, never the learner's
    # SIGKILL is delivered asynchronously: a process killed as the grading ended may still be
    # exiting for a moment; one that is still there seconds later has survived it.
    deadline = time.monotonic() + 10
    while sleepers() != before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sleepers() == before, "a background process outlived the grading"


def test_source_notebooks_validate_and_stubs_report_failures(course: Path) -> None:
    topic = TAMPER_TOPIC
    source = course / "source" / topic / f"{topic}.ipynb"
    done = run([*NBGRADER, "validate", str(source)], course)
    assert "Success! Your notebook passes all the tests." in done.stdout
    stub = subprocess.run(
        [*NBGRADER, "validate", str(course / "release" / topic / f"{topic}.ipynb")],
        cwd=course, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert "VALIDATION FAILED" in stub.stdout
    assert "Traceback" not in stub.stderr


@pytest.mark.parametrize("topic", [*TOPICS, *MANIFEST.labs])
def test_source_notebook_runs_top_to_bottom_and_renders_with_plots(topic: str) -> None:
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    folder = REPO / COURSE_SOURCE / topic
    notebook = nbformat.read(folder / f"{topic}.ipynb", as_version=4)
    # A lab runs where Jupyter runs it, in its own folder: it reads the notebooks next to it.
    start = time.monotonic()
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={
        "metadata": {"path": str(folder if topic in MANIFEST.labs else REPO)}
    }).execute()  # fmt: skip
    if topic in MANIFEST.labs:
        assert time.monotonic() - start < 60, "a lab must run in under a minute"
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    html, _ = HTMLExporter().from_notebook_node(notebook)
    assert html.count("data:image/png") >= 1, "the lesson's plots are rendered"
    json.dumps(notebook)  # the executed notebook is still plain JSON
