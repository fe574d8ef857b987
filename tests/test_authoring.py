"""The authoring API: graders use only ``neurograde.authoring``, and docs/authoring.md is true.

The slow tests follow docs/authoring.md's worked examples in a temporary copy of the project:
they apply its code blocks to the three files of a function (or the files of a topic), run its
commands with the copy's engine, and check that the build, the registry, the grading, the
manifest's counts and the meta-tests' list of functions without variants all pick it up.
"""

from __future__ import annotations

import ast
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import neurograde.authoring as authoring
from neurograde.course import Manifest, load_manifest
from tests.submissions import REPO

MANIFEST = load_manifest()
GUIDE = REPO / "docs" / "authoring.md"
EXAMPLE = re.compile(r"<!-- example: (\w+) ([\w-]+) -->\n(`{3,4})\w*\n(.*?)\n\3\n", re.DOTALL)
# What a copy of the project needs to build, grade and run the meta-tests.
TREES = ("neurograde", "graders", "solutions", "exercises", "notebooks", "course", "tests")
IGNORED = shutil.ignore_patterns(
    "__pycache__", ".hypothesis", ".pytest_cache", "release", "submitted", "autograded",
    "feedback", "gradebook.db", ".neurograde", "reports",
)  # fmt: skip


def _imports(path: Path) -> list[tuple[str, str]]:
    """``(module, name)`` for every import of ``path`` (name empty for ``import module``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found += [(node.module or "", alias.name) for alias in node.names]
    return found


@pytest.mark.parametrize("topic", MANIFEST.topics)
def test_graders_import_only_the_authoring_api(topic: str) -> None:
    allowed_roots = {"numpy", "hypothesis", "__future__"} | set(sys.stdlib_module_names)
    wrong = [
        f"{module} {name}".strip()
        for module, name in _imports(REPO / "graders" / f"{topic}.py")
        if module != "neurograde.authoring"
        and module.split(".")[0] not in allowed_roots
        and (module, name) not in {("solutions", topic), (f"solutions.{topic}", "")}
    ]
    assert wrong == [], f"graders/{topic}.py imports {wrong}: use neurograde.authoring"


def test_the_manifest_imports_nothing() -> None:
    assert _imports(REPO / "graders" / "manifest.py") == []


def test_the_authoring_api_exports_what_it_lists() -> None:
    assert sorted(authoring.__all__) == sorted(set(authoring.__all__))
    missing = [name for name in authoring.__all__ if not hasattr(authoring, name)]
    assert missing == []
    wanted = {"FunctionSpec", "Example", "BadCall", "Misconception", "Property", "Context"}
    wanted |= {"Outcome", "Distribution", "Trial", "Mistake", "normal_law", "calls", "arrays"}
    assert wanted <= set(authoring.__all__)


def test_the_readme_quotes_the_manifest_points() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quoted = re.search(r"\((\d+ in all: [^);]*)", readme)
    assert quoted is not None, "README.md states the points per topic: (N in all: topic n, …)"
    per_topic = ", ".join(f"{t} {MANIFEST.total(t):g}" for t in MANIFEST.topics)
    assert quoted.group(1).split() == f"{MANIFEST.total():g} in all: {per_topic}".split()


def test_the_guide_has_every_example_the_slow_tests_apply() -> None:
    roles = {(kind, role) for kind, role, _, _ in EXAMPLE.findall(GUIDE.read_text("utf-8"))}
    assert roles == {
        ("function", "solution"),
        ("function", "spec"),
        ("function", "prose"),
        ("function", "run"),
        ("function", "mutant"),
        ("function", "alternative"),
        ("function", "run-again"),
        ("topic", "manifest"),
        ("topic", "solution"),
        ("topic", "grader"),
        ("topic", "prose"),
        ("topic", "run"),
    }


# -- the worked examples, in a copy of the project -------------------------------------------
def _examples(kind: str) -> dict[str, str]:
    blocks = EXAMPLE.findall(GUIDE.read_text(encoding="utf-8"))
    return {role: text + "\n" for k, role, _, text in blocks if k == kind}


def _copy_project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    for tree in TREES:
        shutil.copytree(REPO / tree, copy / tree, ignore=IGNORED)
    shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
    return copy


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{path.name} no longer holds {old!r}: update the test's edit"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _run(copy: Path, command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with the copy's engine and content (never the installed ones)."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(copy), "HOME": str(copy)}
    return subprocess.run(
        command, cwd=copy, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _run_guide(copy: Path, commands: str) -> list[str]:
    """Run every command of a bash block of the guide; return their outputs."""
    outputs = []
    for line in commands.splitlines():
        words = shlex.split(line, comments=True)
        if words[0] in ("neurograde", "pytest"):
            words = [sys.executable, "-m", *words]
        result = _run(copy, words)
        assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
        outputs.append(result.stdout)
    return outputs


def _manifest_of(copy: Path) -> dict[str, object]:
    """The copy's manifest and registry, read by the copy's engine."""
    script = (
        "import json\n"
        "from neurograde.course import load_manifest\n"
        "from neurograde.grading.registry import entries\n"
        "m = load_manifest()\n"
        "print(json.dumps({'count': m.function_count, 'total': m.total(), 'topics': m.topics,\n"
        "    'points': m.points, 'registry': [e.qualified_name for e in entries()]}))\n"
    )
    result = _run(copy, [sys.executable, "-c", script])
    assert result.returncode == 0, result.stderr
    loaded: dict[str, object] = json.loads(result.stdout)
    return loaded


def _scores(results: Path) -> dict[str, tuple[float, float]]:
    report = json.loads(results.read_text(encoding="utf-8"))
    return {test["name"]: (test["score"], test["max_score"]) for test in report["tests"]}


def _passed(pytest_output: str) -> int:
    found = re.search(r"(\d+) passed", pytest_output)
    assert found is not None, pytest_output
    assert " failed" not in pytest_output
    return int(found.group(1))


def _cells(notebook: Path) -> dict[str, dict[str, object]]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return {cell["id"]: cell for cell in cells}


def _check_counts(copy: Path, before: Manifest, topic: str, name: str, points: float) -> None:
    after = _manifest_of(copy)
    assert after["count"] == before.function_count + 1
    assert after["total"] == before.total() + points
    assert after["points"][topic][name] == points  # type: ignore[index]
    assert f"{topic}.{name}" in after["registry"]  # type: ignore[operator]
    assert len(after["registry"]) == after["count"]  # type: ignore[arg-type]


@pytest.mark.slow
def test_a_new_function_takes_three_hand_edited_files(tmp_path: Path) -> None:
    copy = _copy_project(tmp_path)
    example = _examples("function")
    # 1. solutions/neuron.py: the function and its place in __all__.
    solution = copy / "solutions" / "neuron.py"
    _edit(solution, '    "dense_layer",\n]', '    "dense_layer",\n    "leaky_relu",\n]')
    solution.write_text(solution.read_text("utf-8") + "\n\n" + example["solution"], "utf-8")
    # 2. graders/neuron.py: its spec with its points, at the end of SPECS.
    grader = copy / "graders" / "neuron.py"
    _edit(grader, "    arrays,\n", "    arrays,\n    calls,\n")
    text = grader.read_text(encoding="utf-8")
    assert text.endswith("\n]\n")
    grader.write_text(text[: -len("]\n")] + example["spec"] + "]\n", encoding="utf-8")
    # 3. notebooks/neuron.md: its prose, before the lesson's summary.
    prose = copy / "notebooks" / "neuron.md"
    _edit(
        prose,
        "<!-- markdown -->\n## What to remember",
        example["prose"] + "\n<!-- markdown -->\n## What to remember",
    )

    outputs = _run_guide(copy, example["run"])

    stub = (copy / "exercises" / "neuron.py").read_text(encoding="utf-8")
    assert "def leaky_relu(z: ArrayLike, slope: float = 0.01)" in stub
    assert "z_arr > 0" not in stub
    cells = _cells(copy / "course" / "source" / "neuron" / "neuron.ipynb")
    assert "np.where(z_arr > 0" in "".join(cells["leaky_relu"]["source"])  # type: ignore[arg-type]
    test_cell = cells["test_leaky_relu"]["metadata"]["nbgrader"]  # type: ignore[index]
    assert test_cell["points"] == 2
    _check_counts(copy, MANIFEST, "neuron", "leaky_relu", 2)
    assert _scores(copy / "reference.json")["neuron.leaky_relu"] == (2, 2)
    assert _scores(copy / "stub.json")["neuron.leaky_relu"] == (0, 2)
    meta = outputs[-1]
    assert "no mutants: neuron.leaky_relu\n" in meta
    assert "no alternatives: neuron.leaky_relu\n" in meta

    # The advised mutant and alternative are picked up (two more tests pass), and the function
    # leaves the list.
    for kind, role in (("mutants", "mutant"), ("alternatives", "alternative")):
        module = copy / "tests" / kind / "neuron.py"
        module.write_text(module.read_text("utf-8") + "\n\n" + example[role], "utf-8")
    again = _run_guide(copy, example["run-again"])[-1]
    assert _passed(again) == _passed(meta) + 2
    assert "no mutants: none\n" in again
    assert "no alternatives: none\n" in again


@pytest.mark.slow
def test_a_new_topic_takes_its_three_files_and_a_manifest_line(tmp_path: Path) -> None:
    copy = _copy_project(tmp_path)
    example = _examples("topic")
    manifest = copy / "graders" / "manifest.py"
    line = next(ln for ln in manifest.read_text("utf-8").splitlines() if ln.startswith("TOPICS"))
    _edit(manifest, line + "\n", example["manifest"])
    (copy / "solutions" / "noise.py").write_text(example["solution"], encoding="utf-8")
    (copy / "graders" / "noise.py").write_text(example["grader"], encoding="utf-8")
    (copy / "notebooks" / "noise.md").write_text(example["prose"], encoding="utf-8")

    outputs = _run_guide(copy, example["run"])

    assert "raise NotImplementedError()" in (copy / "exercises" / "noise.py").read_text("utf-8")
    cells = _cells(copy / "course" / "source" / "noise" / "noise.ipynb")
    assert cells["test_gaussian_noise"]["metadata"]["nbgrader"]["points"] == 2  # type: ignore[index]
    after = _manifest_of(copy)
    assert after["topics"] == [*MANIFEST.topics, "noise"]
    _check_counts(copy, MANIFEST, "noise", "gaussian_noise", 2)
    assert _scores(copy / "reference.json") == {"noise.gaussian_noise": (2, 2)}
    assert "no mutants: noise.gaussian_noise\n" in outputs[-1]
