"""The nbgrader seam: grade a submitted notebook in the sandbox instead of executing it.

:class:`SandboxGrade` takes the place of nbgrader's ``Execute`` in ``Autograde``. The learner's
notebook is never run: its answer cells are graded by neurograde's sandboxed runner, and each
test cell receives outputs that nbgrader's ``SaveAutoGrades`` turns into points — nothing for
full marks, an ``execute_result`` holding the points for partial credit, an error for zero —
with the feedback text beside them. A grading error raises, so that nbgrader records no score
for the notebook and reports the failure to the instructor.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Float, Unicode

from neurograde.isolation.sandbox import Limits, downgrade_notice, resolve_isolation
from neurograde.nbgrader.cache import ResultCache, submission_key
from neurograde.nbgrader.task import grade_notebook, grading_settings

# Downgrade warnings already logged by this process: each is said once, at the first notebook.
_ANNOUNCED: set[str] = set()


class GradingFailed(RuntimeError):
    """Grading broke down (not the learner's fault): no score may be recorded."""


def test_outputs(test: dict[str, Any], messages: list[str]) -> list[NotebookNode]:
    """The outputs of one test cell, from its function's entry in results.json."""
    score, max_score = float(test["score"]), float(test["max_score"])
    text = f"{test['name']}: {score:g}/{max_score:g} points\n{test['output']}\n"
    if messages:
        text += "\n" + "\n".join(messages) + "\n"
    if score >= max_score:
        return [new_output("stream", name="stdout", text=text)]
    if score > 0:
        return [
            new_output("stream", name="stdout", text=text),
            new_output("execute_result", data={"text/plain": repr(score)}, execution_count=1),
        ]
    summary = test["output"].splitlines()[0] if test["output"] else "no points"
    return [new_output("error", ename="NotPassed", evalue=summary, traceback=text.splitlines())]


class SandboxGrade(NbGraderPreprocessor):  # type: ignore[misc]
    """Grade answer cells in neurograde's sandbox and write the points into the test cells."""

    isolation = Unicode(
        "auto", help="Sandbox isolation: auto (strongest available), bwrap or rlimit."
    ).tag(config=True)
    call_timeout = Float(
        Limits.call_timeout,
        help="Wall-clock seconds one call of learner code may take; all the calls grading one "
        "function get max(60, 6 x this) in all.",
    ).tag(config=True)
    show_expected = Bool(True, help="Show the reference's expected values in feedback.").tag(
        config=True
    )
    results_dir = Unicode(
        "",
        help="Where `neurograde autograde` leaves results graded in parallel; a notebook whose "
        "answers match a stored result is not graded again.",
    ).tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """Grade ``nb`` and fill its test cells' outputs."""
        info = resources.get("nbgrader", {})
        topic = str(info.get("notebook"))
        raw = json.loads(json.dumps(nb))
        report = None
        level = resolve_isolation(self.isolation)  # unavailable: nbgrader records no score
        notice = downgrade_notice(self.isolation, level)
        if notice is not None and notice not in _ANNOUNCED:
            _ANNOUNCED.add(notice)
            self.log.warning(notice)
        cache = ResultCache(Path(self.results_dir)) if self.results_dir else None
        settings = grading_settings(level, self.call_timeout, self.show_expected)
        key = submission_key(raw, topic, settings)
        if cache is not None:
            report = cache.get(str(info.get("assignment")), str(info.get("student")), key)
        if report is None:
            report = grade_notebook(
                raw, f"{topic}.ipynb", topic, level, self.call_timeout, self.show_expected
            )
        errors = report["extra_data"]["grader_errors"]
        if errors:
            raise GradingFailed(
                f"grading error on {', '.join(errors)} (not the learner's fault): no score recorded"
            )
        tests = {t["name"].split(".", 1)[1]: t for t in report["tests"]}
        messages = report["output"].splitlines() if report["output"] else []
        for cell in nb.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
                test = tests.get(grade_id.removeprefix("test_"))
                cell.outputs = (
                    test_outputs(test, messages)
                    if test is not None
                    else [new_output("stream", name="stdout", text="Not a graded test.\n")]
                )
                cell.execution_count = 1
        resources["neurograde"] = report
        return nb, resources
