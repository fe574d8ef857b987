"""The learner's path in a real browser: JupyterLab and nbgrader's pages, driven by Playwright.

Debian's Chromium (``/usr/bin/chromium``, never a downloaded browser) runs headless with a fresh
profile. A course folder holds every assignment released by ``nbgrader generate_assignment`` and,
in ``learner/``, each released notebook with the reference in its answer cells, laid out as
nbgrader fetches assignments (the lab reads its neighbours from there). One ``jupyter lab``, on
127.0.0.1 with a token and rooted in the course folder, serves the learner's notebooks and, through
nbgrader's server extension, formgrader. For every notebook the test runs all cells from the
menu, saves, and checks that no cell errors, that every plot is an image the browser decoded and
that the formulas are typeset by MathJax (no raw ``$…$`` left in the rendered text). Then the
feedback page of an autograded submission and formgrader's view of it. The feedback and
formgrader pages load MathJax from a CDN; the machine running the tests has no network, so those
requests are answered from Debian's ``libjs-mathjax`` (the same MathJax 2.7). A failed check saves
a screenshot and prints its path.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat
import pytest

from neurograde.build.parts import HELPERS_HEADER
from neurograde.course import load_manifest
from neurograde.paths import COURSE_SOURCE
from tests.submissions import REPO, variants
from tests.test_course import NBGRADER, NEUROGRADE, fill, reference_answers, run

pytestmark = pytest.mark.slow

MANIFEST = load_manifest()
NOTEBOOKS = [*MANIFEST.topics, *MANIFEST.labs]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MATHJAX_CDN = "https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/"
MATHJAX_LOCAL = Path("/usr/share/javascript/mathjax")  # Debian's libjs-mathjax
GRADED = "neuron"  # the assignment whose feedback and formgrader view are opened
MISTAKE = "weighted_sum__bias_forgotten"  # the mistake of the second student
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook on screen
RUN_TIMEOUT = 180.0  # seconds for one notebook's cells; the slowest lesson takes about 20
JUPYTERLAB_SETTINGS = {
    # Render every cell, not only those in view: the checks look at the whole notebook.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # No news or update checks: no network, and no pop-up over the cells.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
# Rendered text that still holds TeX: `$…$` or `$$…$$` outside code, which MathJax would replace.
RAW_MATH = r"""
(selector) => {
    const raw = [];
    for (const element of document.querySelectorAll(selector)) {
        const copy = element.cloneNode(true);
        copy.querySelectorAll("code, pre, script, mjx-container, .MathJax_Preview, .mjx-chtml")
            .forEach((node) => node.remove());
        const found = copy.textContent.match(/\$[^$]+\$/g);
        if (found) raw.push(...found.map((text) => text.slice(0, 60)));
    }
    return raw;
}
"""
IMAGES = """
(selector) => Array.from(document.querySelectorAll(selector)).map(
    (img) => img.complete && img.naturalWidth > 0
)
"""

SCORES = """
() => Object.fromEntries(
    Array.from(document.querySelectorAll("input.score")).map((box) => [box.id, box.placeholder])
)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Released assignments, the learner's filled copies, and an autograded class with feedback."""
    if not CHROMIUM.is_file():
        pytest.skip("Debian's Chromium is not installed (apt-get install -y chromium)")
    folder = tmp_path_factory.mktemp("browser-course")
    (folder / "nbgrader_config.py").write_text(
        (REPO / "course" / "nbgrader_config.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for name in NOTEBOOKS:
        source = REPO / COURSE_SOURCE / name / f"{name}.ipynb"
        (folder / "source" / name).mkdir(parents=True)
        (folder / "source" / name / source.name).write_bytes(source.read_bytes())
    for name in NOTEBOOKS:  # one at a time: they all write to the gradebook (SQLite)
        run([*NBGRADER, "generate_assignment", name, "--force"], folder)
    for name in NOTEBOOKS:
        release = nbformat.read(folder / "release" / name / f"{name}.ipynb", as_version=4)
        if name in MANIFEST.topics:
            release = fill(release, reference_answers(name))
        (folder / "learner" / name).mkdir(parents=True)
        nbformat.write(release, folder / "learner" / name / f"{name}.ipynb")
    release = nbformat.read(folder / "release" / GRADED / f"{GRADED}.ipynb", as_version=4)
    mistake = next(v for v in variants("mutants", GRADED) if v.id == f"{GRADED}.{MISTAKE}")
    reference = reference_answers(GRADED)
    for student, answers in {
        "ada": reference,
        "dee": {**reference, mistake.function: mistake.source},
    }.items():
        target = folder / "submitted" / student / GRADED / f"{GRADED}.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(fill(release, answers), target)
    run([*NEUROGRADE, "autograde", GRADED, "--course", str(folder), "--quiet"], folder)
    run([*NBGRADER, "generate_feedback", GRADED, "--force"], folder)
    return folder


@pytest.fixture(scope="module")
def server(course: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``jupyter lab`` on 127.0.0.1 with a token, rooted in the course; yields its base URL."""
    home = tmp_path_factory.mktemp("jupyter-home")
    for name, settings in JUPYTERLAB_SETTINGS.items():
        path = home / "settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings), encoding="utf-8")
    token, port = secrets.token_hex(16), free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),  # none of the user's own configuration
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    log = (home / "server.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={course}",
        ],
        cwd=course, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (home / "server.log").read_text(encoding="utf-8")
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "jupyter lab did not answer within 60 s"
                time.sleep(0.3)
        yield f"{base}|{token}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium with a fresh profile; requests to MathJax's CDN answered locally."""
    from playwright.sync_api import Route, sync_playwright

    assert (MATHJAX_LOCAL / "MathJax.js").is_file(), (
        "the MathJax of the feedback pages is served from Debian's copy in the tests: "
        "apt-get install -y libjs-mathjax"
    )

    def mathjax(route: Route) -> None:
        path, _, query = route.request.url.removeprefix(MATHJAX_CDN).partition("?")
        if path == "latest.js":  # as the CDN's latest.js does: load MathJax.js, same config
            route.fulfill(
                content_type="application/javascript",
                body='var s = document.createElement("script"); '
                f's.src = "{MATHJAX_CDN}MathJax.js?{query}"; document.head.appendChild(s);',
            )
            return
        local = MATHJAX_LOCAL / path
        if local.is_file():
            route.fulfill(path=local)
        else:
            route.fulfill(status=404)

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        context.route(f"{MATHJAX_CDN}**", mathjax)
        try:
            yield context
        finally:
            context.close()


@contextmanager
def screenshot_on_failure(page: Any, name: str) -> Iterator[None]:
    """Save a full-page screenshot when a check inside fails, and say where it is."""
    try:
        yield
    except BaseException:
        # Outside pytest's temporary folders, which later runs rotate away.
        shot = Path(tempfile.mkdtemp(prefix="neurograde-browser-")) / f"{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"screenshot of the failure: {shot}")
        raise


def wait_until(check: Any, timeout: float, what: str) -> Any:
    """Poll ``check()`` until it returns something true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        assert time.monotonic() < deadline, f"timed out after {timeout:.0f} s waiting for {what}"
        time.sleep(0.5)


def prompts(page: Any) -> list[str]:
    texts: list[str] = page.locator(f"{PANEL} .jp-CodeCell .jp-InputPrompt").all_inner_texts()
    return [text.strip() for text in texts]


def typeset(page: Any, selector: str, output: str, timeout: float = 60) -> int:
    """Wait until the formulas in ``selector`` are typeset; the number of typeset formulas.

    Typeset means: no raw ``$…$`` left in the rendered text, some ``output`` elements (MathJax's
    rendering), and as many of them as MathJax 2 found formulas (its ``math/tex`` scripts).
    """
    raw: list[str] = []

    def done() -> int:
        raw[:] = page.evaluate(RAW_MATH, selector)
        found: int = page.locator(output).count()
        pending = page.locator('script[type^="math/tex"]').count()
        return 0 if raw or found < max(pending, 1) else found

    try:
        found: int = wait_until(done, timeout, "MathJax")
    except AssertionError:
        raise AssertionError(
            f"formulas not typeset: raw TeX {raw[:5]}, {page.locator(output).count()} rendered"
        ) from None
    return found


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_notebook_runs_in_jupyterlab_with_plots_and_formulas(
    name: str, course: Path, server: str, browser: Any
) -> None:
    base, token = server.split("|")
    path = course / "learner" / name / f"{name}.ipynb"
    page = browser.new_page()
    with screenshot_on_failure(page, name):
        # A workspace of its own: JupyterLab would otherwise reopen the notebooks opened before.
        page.goto(f"{base}/lab/workspaces/{name}/tree/learner/{name}/{name}.ipynb?token={token}")
        page.wait_for_selector(f"{PANEL} .jp-CodeCell .jp-InputPrompt", timeout=60_000)
        # The kernel first: cells run before it is ready are not queued.
        page.get_by_text(re.compile(r"\| Idle$")).wait_for(timeout=60_000)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        # Run All queues every cell at once ([*]); the first cell always runs ([1]), and a cell
        # after an error never does ([ ]).
        wait_until(
            lambda: (
                (shown := prompts(page))
                and re.fullmatch(r"\[\d+\]:", shown[0])
                and not any("*" in p for p in shown)
            ),
            RUN_TIMEOUT,
            "Run All Cells to finish",
        )
        before = path.stat().st_mtime_ns
        page.keyboard.press("Control+s")
        saved = wait_until(
            lambda: path.stat().st_mtime_ns != before and nbformat.read(path, as_version=4),
            30,
            "the notebook to be saved",
        )
        not_run = [c.id for c in saved.cells if c.cell_type == "code" and not c.execution_count]
        assert not_run == [], f"code cells not run (after an error?): {not_run}"
        if name in MANIFEST.topics:  # the given helpers ran, folded to their first line
            folded = page.locator(f"{PANEL} .jp-InputPlaceholder")
            assert folded.count() == 1
            assert HELPERS_HEADER in folded.inner_text()
        code = [c for c in saved.cells if c.cell_type == "code"]
        errors = [
            f"{o.ename}: {o.evalue}" for c in code for o in c.outputs if o.output_type == "error"
        ]
        assert errors == []
        plots = [c for c in code if "plt.show()" in c.source]
        assert plots, "every lesson draws plots"
        missing = [
            c.id for c in plots if not any("image/png" in o.get("data", {}) for o in c.outputs)
        ]
        assert missing == [], f"cells that draw a plot but show no image: {missing}"
        images = sum("image/png" in o.get("data", {}) for c in code for o in c.outputs)
        shown = wait_until(
            lambda: (
                (found := page.evaluate(IMAGES, f"{PANEL} .jp-OutputArea-output img"))
                and len(found) == images
                and all(found)
                and found
            ),
            30,
            f"{images} decoded images",
        )
        assert len(shown) == images
        markdown = f"{PANEL} .jp-RenderedMarkdown"
        typeset(page, markdown, f"{markdown} mjx-container")
    page.close()
    # Shut the kernel down: the next notebook gets the machine's cores.
    for session in json.load(urllib.request.urlopen(f"{base}/api/sessions?token={token}")):
        request = urllib.request.Request(
            f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE"
        )
        urllib.request.urlopen(request).close()


def test_the_feedback_page_shows_the_grade_the_mistake_and_typeset_formulas(
    course: Path, browser: Any
) -> None:
    page = browser.new_page()
    feedback = course / "feedback" / "dee" / GRADED / f"{GRADED}.html"
    with screenshot_on_failure(page, "feedback"):
        page.goto(feedback.as_uri())
        text = page.inner_text("body")
        total = sum(MANIFEST.points[GRADED].values())
        score = re.search(r"Score: ([\d.]+) / ([\d.]+)", text)
        assert score is not None, text[:500]
        assert float(score.group(2)) == total
        assert 0 < float(score.group(1)) < total
        assert "bias b was left out" in text
        assert "BEGIN HIDDEN TESTS" not in text
        typeset(page, ".text_cell_render, .jp-RenderedMarkdown", ".MathJax_CHTML")
    page.close()


def test_formgrader_shows_the_autograded_submission(
    course: Path, server: str, browser: Any
) -> None:
    from nbgrader.api import Gradebook

    base, token = server.split("|")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission_notebook(GRADED, GRADED, "ada")
        submission_id, score, total = submission.id, submission.score, submission.max_score
    assert score == total == sum(MANIFEST.points[GRADED].values())
    page = browser.new_page()
    with screenshot_on_failure(page, "formgrader"):
        # As an instructor does: log in with the token, then open the submission.
        page.goto(f"{base}/login?next=/formgrader/submissions/{submission_id}/")
        if page.locator("#password_input").count():  # not yet logged in by an earlier test
            page.fill("#password_input", token)
            page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/formgrader/submissions/{submission_id}/")
        expected = {f"test_{name}": points for name, points in MANIFEST.points[GRADED].items()}
        # formgrader shows each grade cell's automatic score (from the gradebook) in its box.
        shown = wait_until(
            lambda: (
                (found := page.evaluate(SCORES))
                and set(found) == set(expected)
                and all(value != "" for value in found.values())
                and found
            ),
            30,
            "formgrader's score boxes",
        )
        assert {grade_id: float(value) for grade_id, value in shown.items()} == expected
        typeset(page, ".text_cell_render, .jp-RenderedMarkdown", ".MathJax_CHTML")
    page.close()
