"""`neurograde report`: the instructor's HTML report, its plots and its CSV.

Fast tests build stored results by hand (hostile student ids and details included); the slow
test grades a small class through the real path (nbgrader generate_assignment, neurograde
autograde with a short timeout), writes the report, checks the CSV against nbgrader's gradebook
and renders the page in headless Chromium to check that the plots are on screen.
"""

from __future__ import annotations

import csv
import html
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest

from neurograde.cli import main
from neurograde.course import load_manifest
from neurograde.nbgrader.autograde import RESULTS, CourseError
from neurograde.nbgrader.demo import read_scores
from neurograde.nbgrader.report import (
    HISTOGRAM_COLOUR,
    PLOTS,
    STATUS_COLOURS,
    report,
)
from neurograde.paths import COURSE_SOURCE
from tests.submissions import REPO
from tests.test_course import fill, reference_answers

MANIFEST = load_manifest()
POINTS = MANIFEST.points

TOPIC = "learning_rate"
FUNCTIONS = list(POINTS[TOPIC])
NBGRADER = [sys.executable, "-m", "nbgrader"]
NEUROGRADE = [sys.executable, "-m", "neurograde.cli"]
HOSTILE = "<img src=x onerror=alert(1)>"
MISTAKE = "the step is added instead of subtracted (w + lr·grad climbs the loss)"


# -- fast: stored results made by hand ---------------------------------------------------------
def _test(
    function: str,
    score: float,
    status: str,
    codes: list[str],
    misconception: str | None = None,
    detail: str = "",
) -> dict[str, Any]:
    properties = [
        {"name": "values", "weight": 3, "code": code, "passed": False, "detail": detail,
         "call": None, "returned": None, "expected": None, "misconception": misconception}
        for code in codes
    ]  # fmt: skip
    return {
        "name": f"{TOPIC}.{function}",
        "score": score,
        "max_score": POINTS[TOPIC][function],
        "status": "passed" if status == "passed" else "failed",
        "output": detail,
        "extra_data": {"status": status, "codes": codes, "grader_error": None,
                       "properties": properties},
    }  # fmt: skip


def _store(course: Path, student: str, tests: list[dict[str, Any]]) -> None:
    path = course / RESULTS / TOPIC / f"{student}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "score": sum(t["score"] for t in tests),
        "max_score": sum(t["max_score"] for t in tests),
        "output": "",
        "tests": tests,
        "extra_data": {"grader_errors": []},
    }
    path.write_text(json.dumps({"key": "k", "recorded": False, "result": result}), "utf-8")


@pytest.fixture
def hand_made(tmp_path: Path) -> Path:
    course = tmp_path / "course"
    course.mkdir()
    (course / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    full = [_test(f, POINTS[TOPIC][f], "passed", []) for f in FUNCTIONS]
    _store(course, "ada", full)
    mistaken = [*full]
    mistaken[1] = _test(FUNCTIONS[1], 1.0, "partial", ["MISMATCH"], MISTAKE, "w + lr*grad")
    _store(course, "cyd", mistaken)
    hostile = [*full]
    hostile[2] = _test(FUNCTIONS[2], 0.0, "failed", ["TIMEOUT"], None, "<script>alert(2)</script>")
    _store(course, HOSTILE, hostile)
    (course / RESULTS / TOPIC / "broken.json").write_text("{ not json", encoding="utf-8")
    return course


def test_report_escapes_learner_text_and_writes_the_csv(hand_made: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = report(TOPIC, hand_made, out)
    assert written.html == out / "report.html"
    assert written.students == 3
    page = written.html.read_text(encoding="utf-8")
    assert HOSTILE not in page
    assert "<script>" not in page
    assert html.escape(HOSTILE) in page
    assert html.escape("<script>alert(2)</script>") in page
    assert html.escape(MISTAKE) in page
    for name in PLOTS.values():
        assert f'src="{name}"' in page
        assert (out / name).read_bytes().startswith(b"\x89PNG")
    assert "broken" in page  # a stored result that cannot be read is named
    with written.csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3 * len(FUNCTIONS)
    by_key = {(r["student"], r["function"]): r for r in rows}
    assert by_key["cyd", FUNCTIONS[1]]["misconceptions"] == MISTAKE
    assert by_key["cyd", FUNCTIONS[1]]["score"] == "1"
    assert by_key[HOSTILE, FUNCTIONS[2]]["codes"] == "TIMEOUT"
    assert {r["source"] for r in rows} == {"results"}  # no gradebook here


def test_csv_cells_never_start_a_formula(hand_made: Path, tmp_path: Path) -> None:
    full = [_test(f, POINTS[TOPIC][f], "passed", []) for f in FUNCTIONS]
    _store(hand_made, "=HYPERLINK(1)", full)
    written = report(TOPIC, hand_made, tmp_path / "out")
    with written.csv.open(encoding="utf-8", newline="") as handle:
        students = {r["student"] for r in csv.DictReader(handle)}
    assert "'=HYPERLINK(1)" in students


def test_no_results_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    with pytest.raises(CourseError, match="run `neurograde autograde learning_rate`"):
        report(TOPIC, tmp_path)
    assert main(["report", TOPIC, "--course", str(tmp_path)]) == 2
    assert "neurograde autograde" in capsys.readouterr().err
    assert main(["report", "nonsense", "--course", str(tmp_path)]) == 2
    assert not (tmp_path / "reports").exists()
    capsys.readouterr()
    for command in ("report", "autograde"):
        assert main([command, "lab", "--course", str(tmp_path)]) == 2
        assert "lab is an ungraded lab: it has nothing to grade" in capsys.readouterr().err


def test_cli_prints_where_the_report_is(
    hand_made: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", TOPIC, "--course", str(hand_made)]) == 0
    page = hand_made / "reports" / TOPIC / "report.html"
    assert str(page) in capsys.readouterr().out
    assert page.is_file()


# -- slow: a class graded through the real path, rendered in Chromium --------------------------
def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small class of learning_rate, autograded with a 1 s timeout, and its report."""
    course = tmp_path_factory.mktemp("report-course")
    shutil.copy(REPO / "course" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / COURSE_SOURCE, course / "source")
    run([*NBGRADER, "generate_assignment", TOPIC, "--force"], course)
    release = nbformat.read(course / "release" / TOPIC / f"{TOPIC}.ipynb", as_version=4)
    reference = reference_answers(TOPIC)
    step = reference["gradient_descent_step"]
    mistake = step.replace("weights - step * gradient", "weights + step * gradient")
    assert mistake != step
    loop = "def quadratic_descent(curvature, w0, lr, epochs):\n    while True:\n        pass\n"
    students = {
        "ada": fill(release, reference),
        "bob": release,
        "cyd": fill(release, {**reference, "gradient_descent_step": mistake}),
        "dan": fill(release, {**reference, "quadratic_descent": loop}),
    }
    for student, notebook in students.items():
        target = course / "submitted" / student / TOPIC / f"{TOPIC}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)
    auto = [*NEUROGRADE, "autograde", TOPIC, "--course", str(course), "--quiet", "--timeout", "1"]
    assert "4 graded" in run(auto, course).stdout
    done = run([*NEUROGRADE, "report", TOPIC, "--course", str(course)], course)
    assert str(course / "reports" / TOPIC / "report.html") in done.stdout
    return course


def gradebook_functions(course: Path) -> dict[tuple[str, str], float]:
    from nbgrader.api import Gradebook

    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student in ("ada", "bob", "cyd", "dan"):
            notebook = gradebook.find_submission_notebook(TOPIC, TOPIC, student)
            for grade in notebook.grades:
                scores[student, grade.name.removeprefix("test_")] = float(grade.score)
    return scores


@pytest.mark.slow
def test_csv_holds_the_gradebook_points_and_the_findings(reported: Path) -> None:
    with (reported / "reports" / TOPIC / "report.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4 * len(FUNCTIONS)
    booked = gradebook_functions(reported)
    assert {(r["student"], r["function"]): float(r["score"]) for r in rows} == booked
    totals = read_scores(reported)
    for student in ("ada", "bob", "cyd", "dan"):
        mine = sum(float(r["score"]) for r in rows if r["student"] == student)
        assert mine == pytest.approx(totals[student][TOPIC][0])
    by_key = {(r["student"], r["function"]): r for r in rows}
    assert all(r["source"] == "gradebook" for r in rows)
    assert by_key["ada", "gradient_descent_step"]["status"] == "passed"
    assert by_key["bob", "quadratic_descent"]["codes"] == "NOT_IMPLEMENTED"
    assert MISTAKE in by_key["cyd", "gradient_descent_step"]["misconceptions"]
    assert by_key["dan", "quadratic_descent"]["codes"] == "TIMEOUT"
    assert float(by_key["dan", "quadratic_descent"]["score"]) == 0.0


@pytest.mark.slow
def test_html_names_functions_misconceptions_and_timeouts(reported: Path) -> None:
    page = (reported / "reports" / TOPIC / "report.html").read_text(encoding="utf-8")
    for function in FUNCTIONS:
        assert f"<code>{function}</code>" in page
    assert html.escape(MISTAKE) in page
    problems = page.split('<table class="problems">', 1)[1].split("</table>", 1)[0]
    assert "dan" in problems
    assert "TIMEOUT" in problems
    assert "quadratic_descent" in problems
    assert "cyd" not in problems
    assert "bob" not in problems


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("headless Chromium is not installed (apt-get install -y chromium)")


def screenshot(page: Path, shot: Path) -> Any:
    """Render ``page`` in headless Chromium; the screenshot as an (h, w, 3) array of ints."""
    import numpy as np
    from PIL import Image

    command = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--hide-scrollbars", f"--user-data-dir={shot.parent / 'profile'}",
        "--window-size=1200,2400", f"--screenshot={shot}", page.as_uri(),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert shot.is_file(), done.stderr[-3000:]
    with Image.open(shot) as image:
        return np.asarray(image.convert("RGB")).astype(int)


def colour_pixels(pixels: Any, colour: str) -> int:
    """How many pixels are ``colour`` (to within 3 per channel)."""
    import numpy as np

    rgb = np.array([int(colour[k : k + 2], 16) for k in (1, 3, 5)])
    return int((np.abs(pixels - rgb).max(axis=2) <= 3).sum())


@pytest.mark.slow
def test_chromium_shows_the_plots(reported: Path, tmp_path: Path) -> None:
    folder = reported / "reports" / TOPIC
    shown = screenshot(folder / "report.html", tmp_path / "shown.png")
    # The same page with the PNGs gone: the plots' colours must disappear from the screen.
    bare = tmp_path / "bare"
    bare.mkdir()
    shutil.copy(folder / "report.html", bare / "report.html")
    missing = screenshot(bare / "report.html", tmp_path / "missing.png")
    assert shown.shape == missing.shape == (2400, 1200, 3)
    colours = {
        "histogram": HISTOGRAM_COLOUR,
        "passed": STATUS_COLOURS["passed"],
        "failed": STATUS_COLOURS["failed"],
        "partial": STATUS_COLOURS["partial"],
    }
    for what, colour in colours.items():
        on_screen, without = colour_pixels(shown, colour), colour_pixels(missing, colour)
        assert on_screen >= 2000, (what, on_screen)  # bars of a plot, not a stray pixel
        assert without <= 20, (what, without)
    changed = (shown != missing).any(axis=2).mean()
    assert changed > 0.08, changed  # the plots cover a good part of the page
