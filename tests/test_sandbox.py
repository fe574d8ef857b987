"""The sandboxed runner: isolation levels, process hygiene, bad input, determinism."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from neurograde.build.lessons import lesson_notebook
from neurograde.cli import DEFAULT_TIMEOUT, main
from neurograde.codes import Code
from neurograde.course import load_manifest
from neurograde.grading.grade import grade_submission
from neurograde.intake import Submission, SubmissionError, load_submission
from neurograde.isolation import sandbox
from neurograde.isolation.runner import InProcessRunner, Unavailable
from neurograde.isolation.sandbox import (
    IsolationUnavailable,
    Limits,
    SandboxRunner,
    resolve_isolation,
)
from tests.submissions import REPO, reference_source

MANIFEST = load_manifest()
TOPICS = MANIFEST.topics

LEVELS = ["bwrap", "rlimit"]
FAST = Limits(call_timeout=2.0, function_timeout=10.0, load_timeout=5.0)


def survivors(runner: SandboxRunner) -> list[int]:
    """Processes of the runner's sandboxes still alive (there must be none once closed)."""
    return [pid for token in runner.tokens for pid in sandbox.marked_processes(token)]


def test_cli_default_timeout_is_the_sandboxs() -> None:
    assert Limits().call_timeout == DEFAULT_TIMEOUT


def test_both_levels_are_available_here() -> None:
    # CI installs bubblewrap (README, .ci/run): both levels must really run, not be faked.
    assert sandbox.available_levels() == {"bwrap": None, "rlimit": None}
    assert resolve_isolation("auto") == "bwrap"


def test_forcing_an_unavailable_level_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sandbox,
        "available_levels",
        lambda: {"bwrap": "bubblewrap is not installed", "rlimit": None},
    )
    with pytest.raises(IsolationUnavailable, match="'bwrap' is not available: bubblewrap is not"):
        resolve_isolation("bwrap")
    assert resolve_isolation("auto") == "rlimit"


def test_cli_reports_an_unavailable_level_with_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sandbox, "available_levels", lambda: {"bwrap": "not here", "rlimit": None})
    assert main(["grade", str(REPO / "solutions" / "losses.py"), "--isolation", "bwrap"]) == 2
    assert "never a silent downgrade" in capsys.readouterr().err


@pytest.mark.parametrize("level", LEVELS)
def test_worker_sees_neither_reference_nor_graders(level: str) -> None:
    """What the worker process can import: numpy yes; the project's packages never."""
    probe = (
        "import numpy as np\n"
        "def mse(y_pred, y_true):\n"
        "    import importlib.util as u\n"
        "    names = ('solutions', 'graders', 'hypothesis', 'exercises')\n"
        "    seen = [m for m in names if u.find_spec(m)]\n"
        "    raise RuntimeError(','.join(seen) or 'nothing')\n"
    )
    with SandboxRunner(level, FAST) as runner:
        session = runner.open({"losses": probe})
        candidate = session.candidate("losses", "mse")
        assert not isinstance(candidate, Unavailable)
        with pytest.raises(Exception, match="RuntimeError") as raised:
            candidate(1.0, 1.0)
        session.close()
    if level == "bwrap":
        assert "nothing" in str(raised.value)
    else:  # the rlimit level shares the file system: reported, by design (README, security)
        print(f"rlimit worker can import: {raised.value}")


@pytest.mark.parametrize("level", LEVELS)
def test_learner_prints_are_captured_never_parsed(level: str) -> None:
    source = reference_source("losses") + (
        "\n_real_mse = mse\n"
        "def mse(y_pred, y_true):\n"
        "    print('{\"score\": 100}')\n"
        "    return _real_mse(y_pred, y_true)\n"
    )
    with SandboxRunner(level, FAST) as runner:
        session = runner.open({"losses": source})
        candidate = session.candidate("losses", "mse")
        assert not isinstance(candidate, Unavailable)
        assert candidate([1.0, 2.0], [1.0, 4.0]) == 2.0
        assert candidate.last_call.output == '{"score": 100}\n'
        session.close()
        assert survivors(runner) == []


@pytest.mark.parametrize("level", LEVELS)
def test_a_module_that_fails_at_import_costs_only_its_topic(level: str) -> None:
    sources = {
        "losses": "import numpy as np\nraise RuntimeError('boom at import')\n",
        "learning_rate": reference_source("learning_rate"),
    }
    submission = Submission(["losses", "learning_rate"], sources)
    with SandboxRunner(level, FAST) as runner:
        result = grade_submission(submission, runner)
        assert survivors(runner) == []
    by_topic = {f.qualified_name: f for f in result.functions}
    assert by_topic["losses.mse"].codes == [Code.LOAD_ERROR]
    assert "boom at import" in by_topic["losses.mse"].outcomes[0].detail
    assert all(
        f.points == f.max_points for name, f in by_topic.items() if name.startswith("learning_rate")
    )


# -- bad input ---------------------------------------------------------------------------------
def notebook_file(
    tmp_path: Path, topic: str, name: str | None = None
) -> tuple[Path, nbformat.NotebookNode]:
    notebook = lesson_notebook(topic)
    path = tmp_path / f"{name or topic}.ipynb"
    nbformat.write(notebook, path)
    return path, notebook


def test_invalid_notebook_json_is_a_clear_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "losses.ipynb"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SubmissionError, match="not a valid notebook"):
        load_submission(path)
    assert main(["grade", str(path), "--isolation", "rlimit"]) == 2


def test_notebook_of_another_assignment_is_named(tmp_path: Path) -> None:
    path, _ = notebook_file(tmp_path, "neuron", name="losses")
    with pytest.raises(SubmissionError, match="answers of assignment neuron, not losses"):
        load_submission(path)


def test_unknown_notebook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "essay.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("hi")]), path)
    with pytest.raises(SubmissionError, match="not one of this course's assignment notebooks"):
        load_submission(path)


def _cell(notebook: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(
        c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id
    )


def test_deleted_duplicated_renamed_and_broken_cells(tmp_path: Path) -> None:
    notebook = lesson_notebook("losses")
    notebook.cells.remove(_cell(notebook, "mae"))  # deleted
    duplicate = nbformat.from_dict(dict(_cell(notebook, "mse")))
    duplicate.id = "mse-again"
    notebook.cells.append(duplicate)  # duplicated
    _cell(notebook, "softmax").metadata["nbgrader"]["grade_id"] = "my_softmax"  # renamed
    broken = _cell(notebook, "cross_entropy")
    broken.source = broken.source.replace("def cross_entropy(", "def cross_entropy(((")  # syntax
    magic = _cell(notebook, "mse_grad")
    magic.source = "%timeit 1\n!ls\n" + magic.source
    _cell(notebook, "binary_cross_entropy").cell_type = "markdown"  # converted
    path = tmp_path / "losses.ipynb"
    nbformat.write(notebook, path)
    submission = load_submission(path)
    assert any("'mae' is not found" in m for m in submission.messages)
    assert any("'mse' appears 2 times" in m for m in submission.messages)
    assert any("'softmax' is not found" in m for m in submission.messages)
    assert any("'cross_entropy' has a syntax error" in m for m in submission.messages)
    assert any("2 IPython magic or shell line(s) removed" in m for m in submission.messages)
    assert any("'binary_cross_entropy' is a markdown cell" in m for m in submission.messages)
    result = grade_submission(submission, InProcessRunner()).by_name()
    for lost in ("mae", "softmax", "cross_entropy", "binary_cross_entropy"):
        assert result[f"losses.{lost}"].codes == [Code.MISSING], lost
    for kept in ("mse", "mse_grad", "mae_grad", "binary_cross_entropy_grad"):
        assert result[f"losses.{kept}"].points == result[f"losses.{kept}"].max_points, kept
    # The reference's cross_entropy_grad calls softmax, whose cell is gone: a NameError, as in
    # the learner's own kernel.
    assert Code.EXCEPTION in result["losses.cross_entropy_grad"].codes


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "defines no function"),
        (b"\x00\x01\x02binary", "not a text file"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_empty_and_binary_modules(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "losses.py"
    path.write_bytes(content)
    result = grade_submission(load_submission(path), InProcessRunner())
    assert result.score == 0
    assert all(message in f.outcomes[0].detail for f in result.functions)


def test_a_syntax_error_in_a_module_is_a_load_error(tmp_path: Path) -> None:
    path = tmp_path / "losses.py"
    path.write_text("def mse(:\n", encoding="utf-8")
    result = grade_submission(load_submission(path), InProcessRunner())
    assert {code for f in result.functions for code in f.codes} == {Code.LOAD_ERROR}
    assert "losses.py line 1: SyntaxError" in result.functions[0].outcomes[0].detail


def test_unknown_file_kinds_and_paths_are_usage_errors(tmp_path: Path) -> None:
    other = tmp_path / "answers.txt"
    other.write_text("x", encoding="utf-8")
    for path in (other, tmp_path / "missing", tmp_path / "not_a_topic.py"):
        if path.name.endswith(".py"):
            path.write_text("", encoding="utf-8")
        assert main(["grade", str(path), "--isolation", "rlimit"]) == 2


@pytest.mark.slow
@pytest.mark.parametrize("level", LEVELS)
def test_fifty_megabytes_of_output_is_stopped_and_the_rest_graded(
    level: str, tmp_path: Path
) -> None:
    source = reference_source("learning_rate") + (
        "\n_real = quadratic_descent\n"
        "def quadratic_descent(curvature, w0, lr, epochs):\n"
        "    print('x' * 50_000_000)\n"
        "    return _real(curvature, w0, lr, epochs)\n"
    )
    (tmp_path / "learning_rate.py").write_text(source, encoding="utf-8")
    with SandboxRunner(level, FAST) as runner:
        result = grade_submission(load_submission(tmp_path / "learning_rate.py"), runner).by_name()
    assert Code.OUTPUT_TOO_LARGE in result["learning_rate.quadratic_descent"].codes
    others = [f for name, f in result.items() if name != "learning_rate.quadratic_descent"]
    assert all(f.points == f.max_points for f in others)


# -- the command and determinism ----------------------------------------------------------------
@pytest.mark.slow
def test_grade_command_exits_0_and_writes_results_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    command = [
        sys.executable,
        "-m",
        "neurograde.cli",
        "grade",
        str(REPO / "exercises"),
        "--json",
        str(out),
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "isolation: bwrap" in done.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["score"] == 0
    assert len(report["tests"]) == MANIFEST.function_count
    assert {t["extra_data"]["codes"][0] for t in report["tests"]} == {"NOT_IMPLEMENTED"}
    assert report["extra_data"]["isolation"] == "bwrap"
    assert set(report["extra_data"]) >= {"grader_version", "isolation", "hypothesis"}
    assert os.listdir(tmp_path) == ["results.json"]  # nothing else written


@pytest.mark.slow
def test_same_scores_at_both_levels_and_across_runs() -> None:
    from tests.submissions import variants, with_replacement

    sources = {topic: reference_source(topic) for topic in TOPICS}
    for topic in TOPICS:  # one mutant per topic: failures and their shrinking compared too
        mutant = variants("mutants", topic)[0]
        sources[topic] = with_replacement(topic, mutant.source)
    submission = Submission(list(TOPICS), sources)
    reports = []
    for level in ["bwrap", "rlimit", "bwrap"]:
        with SandboxRunner(level) as runner:
            report = grade_submission(submission, runner).to_gradescope()
        report.pop("execution_time")
        report["extra_data"].pop("isolation")
        reports.append(report)
    assert reports[0] == reports[1] == reports[2]
    assert reports[0]["score"] < reports[0]["max_score"]


def test_a_sandbox_that_cannot_start_is_a_grading_error_not_a_zero() -> None:
    from neurograde.isolation.seam import GraderFault

    class BrokenSession:
        def candidate(self, topic: str, name: str) -> object:
            raise GraderFault("the sandbox could not start a worker: simulated")

        def close(self) -> None:
            pass

    class BrokenRunner:
        isolation = "bwrap"

        def open(self, sources: dict[str, str]) -> BrokenSession:
            return BrokenSession()

    submission = Submission(["losses"], {"losses": reference_source("losses")})
    result = grade_submission(submission, BrokenRunner())  # type: ignore[arg-type]
    assert all(f.points is None and f.status == "grader_error" for f in result.functions)
    report = result.to_gradescope()
    assert report["extra_data"]["grader_errors"] == [f.qualified_name for f in result.functions]
    assert "not the learner's fault" in report["output"]


def _zygote_pid(token: str) -> int:
    """The pid of the sandbox's zygote: the Python process that runs ``worker.py zygote``."""
    for pid in sandbox.marked_processes(token):
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            arguments = f.read().split(b"\0")
        if arguments[0] == sys.executable.encode() and b"zygote" in arguments:
            return pid
    raise AssertionError("no zygote among the sandbox's processes")


def _stat(pid: int) -> list[str]:
    """The fields of ``/proc/PID/stat`` after the command name: state, parent, …"""
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def _gone(pid: int) -> bool:
    try:
        return _stat(pid)[0] in ("Z", "X")
    except FileNotFoundError:
        return True


@pytest.mark.parametrize("level", LEVELS)
def test_a_zygote_killed_between_functions_costs_the_next_function_nothing(level: str) -> None:
    # The next function's child is forked ahead, while the current one works. Learner code that
    # kills the zygote in between (tests/adversarial/kill_parent.py) leaves that child dead (in
    # bubblewrap, and at rlimit where it dies with its parent) or orphaned: the next function
    # must load in a fresh sandbox, not be charged a load error.
    names = MANIFEST.functions("learning_rate")
    with SandboxRunner(level, FAST) as runner:
        session = runner.open({"learning_rate": reference_source("learning_rate")})
        try:
            first = session.candidate("learning_rate", names[0])
            assert isinstance(first, sandbox.SandboxCandidate), first
            control = session.zygote.control
            assert control is not None
            assert select.select([control], [], [], 10)[0], "the zygote forked no child ahead"
            zygote = _zygote_pid(session.zygote.token)
            os.kill(zygote, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while not _gone(zygote) and time.monotonic() < deadline:
                time.sleep(0.01)
            assert _gone(zygote)
            # The race the grading side cannot close: the zygote still looks alive when the next
            # function starts, and the child forked ahead is taken.
            first.stop()
            looks_alive = iter([True])
            real_alive = session.zygote.alive
            session.zygote.alive = lambda: next(looks_alive, False) or real_alive()  # type: ignore[method-assign]
            second = session.candidate("learning_rate", names[1])
            assert isinstance(second, sandbox.SandboxCandidate), second
            assert second([1.0, 2.0], [0.5, -1.0], 0.1) == pytest.approx([0.95, 2.1])
            assert second.child is not None
            replacement = _zygote_pid(session.zygote.token)
            assert replacement != zygote
            if level == "rlimit":  # the same pid namespace: the worker's parent is visible
                assert int(_stat(second.child[0])[1]) == replacement
        finally:
            session.close()
        assert survivors(runner) == []
