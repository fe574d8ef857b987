"""The one-source build: markers, stubs, ``neurograde build`` and ``--check``."""

from __future__ import annotations

import ast
import shutil
import textwrap
from pathlib import Path
from typing import Any

import nbformat
import pytest

from neurograde import build, course
from neurograde.build.labs import loader_source
from neurograde.build.markers import MarkerError, clear_solutions, find_regions
from neurograde.build.parts import GIVEN_ID, HELPERS_ID, topic_parts
from neurograde.cli import main
from neurograde.course import CourseError, load_manifest
from neurograde.paths import COURSE_SOURCE

REPO = Path(__file__).resolve().parents[1]

SOURCE = textwrap.dedent(
    '''\
    """A tiny topic."""

    __all__ = ["double"]


    def double(x: float) -> float:
        """Twice ``x``."""
        ### BEGIN SOLUTION
        if x:
            return 2 * x
        return 0.0
        ### END SOLUTION
    '''
)


def test_clear_solutions_replaces_the_region_like_nbgrader() -> None:
    stub = clear_solutions(SOURCE, "tiny.py")
    assert "return 2 * x" not in stub
    assert '    """Twice ``x``."""\n    # YOUR CODE HERE\n    raise NotImplementedError()\n' in stub
    assert stub.startswith('"""A tiny topic."""')


def test_clear_solutions_keeps_deeper_indentation() -> None:
    text = "class A:\n  def f(self):\n    ### BEGIN SOLUTION\n    pass\n    ### END SOLUTION\n"
    assert clear_solutions(text, "a.py") == (
        "class A:\n  def f(self):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\n",
            r"bad\.py:2: nested .* line 1",
        ),
        ("x = 1\n### BEGIN SOLUTION\nx = 2\n", r"bad\.py:2: .* never closed"),
        ("x = 1\n### END SOLUTION\n", r"bad\.py:2: .* without a matching"),
    ],
)
def test_malformed_markers_name_file_and_line(text: str, message: str) -> None:
    with pytest.raises(MarkerError, match=message):
        find_regions(text, "bad.py")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of this project's solutions/ and exercises/, to build in without touching the repo."""
    for folder in ("solutions", "exercises"):
        shutil.copytree(
            REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    return tmp_path


def test_repository_is_fresh() -> None:
    assert build.stale(REPO) == []
    assert main(["build", "--check"]) == 0


def test_build_writes_a_stub_per_solution_with_the_banner(project: Path) -> None:
    shutil.rmtree(project / "exercises")
    written = build.build(project)
    sources = sorted(p.name for p in (project / "solutions").glob("*.py"))
    assert sorted(p.name for p in written) == sources
    for name in sources:
        stub = (project / "exercises" / name).read_text(encoding="utf-8")
        first, second = stub.splitlines()[:2]
        assert first.startswith(f"# Generated from solutions/{name} by `neurograde build`")
        assert "neurograde build --check" in second
    assert build.stale(project) == []
    assert build.build(project) == []


def test_check_fails_after_a_hand_edit_to_exercises(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub = project / "exercises" / "losses.py"
    stub.write_text(stub.read_text(encoding="utf-8") + "\nx = 1\n", encoding="utf-8")
    assert main(["build", "--check", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "exercises/losses.py: differs from what solutions/losses.py generates" in err
    assert "neurograde build" in err


def test_check_fails_after_a_solution_edit_without_rebuild(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = project / "solutions" / "neuron.py"
    source.write_text(
        source.read_text(encoding="utf-8").replace('"""', '"""Edited. ', 1), encoding="utf-8"
    )
    assert main(["build", "--check", "--root", str(project)]) == 1
    assert "exercises/neuron.py: differs" in capsys.readouterr().err
    assert main(["build", "--root", str(project)]) == 0
    assert main(["build", "--check", "--root", str(project)]) == 0


def test_check_names_every_stale_file_missing_and_orphaned(project: Path) -> None:
    (project / "exercises" / "losses.py").unlink()
    (project / "exercises" / "chain_rule.py").write_text("# hand-made\n", encoding="utf-8")
    shutil.copy(project / "exercises" / "neuron.py", project / "exercises" / "old_topic.py")
    problems = build.stale(project)
    assert problems == [
        "exercises/chain_rule.py: differs from what solutions/chain_rule.py generates",
        "exercises/losses.py: missing (made from solutions/losses.py)",
        "exercises/old_topic.py: its source is gone",
    ]
    build.build(project)
    assert not (project / "exercises" / "old_topic.py").exists()
    assert build.stale(project) == []


def test_public_function_outside_a_region_is_a_build_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "solutions" / "tiny.py").write_text(
        SOURCE.replace("    ### BEGIN SOLUTION\n", "").replace("    ### END SOLUTION\n", ""),
        encoding="utf-8",
    )
    assert main(["build", "--root", str(project)]) == 2
    assert "solutions/tiny.py:6: the body of public function double" in capsys.readouterr().err


def test_unclosed_marker_in_a_solution_is_a_build_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "solutions" / "tiny.py").write_text(
        SOURCE.replace("    ### END SOLUTION\n", ""), encoding="utf-8"
    )
    assert main(["build", "--check", "--root", str(project)]) == 2
    assert "solutions/tiny.py:8: '### BEGIN SOLUTION' is never closed" in capsys.readouterr().err


# -- labs ----------------------------------------------------------------------------------------
def test_a_prose_file_of_no_topic_and_no_lab_is_a_build_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "notebooks").mkdir()
    (project / "notebooks" / "extra.md").write_text("<!-- markdown -->\nHello\n", "utf-8")
    assert main(["build", "--root", str(project)]) == 2
    assert "notebooks/extra.md: extra is neither a topic (TOPICS) nor a lab" in (
        capsys.readouterr().err
    )


def test_a_lab_is_made_from_its_prose_with_the_loader_first(project: Path) -> None:
    (project / "notebooks").mkdir()
    shutil.copy(REPO / "notebooks" / "lab.md", project / "notebooks" / "lab.md")
    build.build(project)
    notebook = nbformat.read(project / "course" / "source" / "lab" / "lab.ipynb", as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code[0].metadata["nbgrader"]["locked"] is True
    assert code[0].source == loader_source(load_manifest().labs["lab"])
    assert all("nbgrader" not in c.metadata for c in code[1:])  # experiments stay editable
    assert build.stale(project) == []


def _notebook_with(cells: list[nbformat.NotebookNode]) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=cells)


def _cell(source: str, grade_id: str, **flags: bool) -> nbformat.NotebookNode:
    meta = {"grade_id": grade_id, "solution": False, "grade": False, "locked": True, **flags}
    return nbformat.v4.new_code_cell(source, metadata={"nbgrader": meta})


def test_the_lab_loader_runs_given_and_answer_cells_of_the_saved_notebooks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The loader reads ../<topic>/<topic>.ipynb: given code and answers, never tests or plots."""
    (tmp_path / "alpha").mkdir()
    nbformat.write(
        _notebook_with(
            [
                _cell("SCALE = 3", "given"),
                nbformat.v4.new_code_cell("raise SystemExit('a lesson cell ran')"),
                _cell("def triple(x):\n    return SCALE * x", "triple", solution=True),
                _cell("raise SystemExit('a test ran')", "test_triple", grade=True),
                _cell("def broken(:\n    pass", "broken", solution=True),
                _cell("def double(x):\n    return triple(x) - x", "double", solution=True),
            ]
        ),
        tmp_path / "alpha" / "alpha.ipynb",
    )
    (tmp_path / "lab").mkdir()
    monkeypatch.chdir(tmp_path / "lab")
    namespace: dict[str, object] = {}
    exec(loader_source(("alpha",)), namespace)
    alpha: Any = namespace["alpha"]
    assert alpha.triple(2) == 6
    assert alpha.double(2) == 4
    assert not hasattr(alpha, "broken")
    assert "alpha.ipynb, cell broken: SyntaxError" in capsys.readouterr().out
    with pytest.raises(FileNotFoundError, match="keep this folder next to the beta folder"):
        exec(loader_source(("beta",)), {})


@pytest.mark.parametrize(
    ("labs", "message"),
    [
        ('{"alpha": ("alpha",)}', "the lab 'alpha' needs a name of its own"),
        ('{"lab": ("beta",)}', r"must name a tuple of topics it uses, from alpha; got \('beta',\)"),
        ('{"lab": "alpha"}', "must name a tuple of topics it uses"),
        ('["lab"]', "LABS must be a dict"),
    ],
)
def test_a_lab_of_the_manifest_names_topics_of_the_course(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, labs: str, message: str
) -> None:
    name = "content_" + "".join(c if c.isalnum() else "_" for c in tmp_path.name)  # one per case
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("", "utf-8")
    (package / "manifest.py").write_text(f'TOPICS = ("alpha",)\nLABS = {labs}\n', "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(CourseError, match=message):
        course._labs(name, ("alpha",))


@pytest.mark.parametrize("topic", load_manifest().topics)
def test_the_given_cells_a_learner_reads_are_short_and_plain(topic: str) -> None:
    """Imports and a list of helpers in sight; the helpers' code locked, run and folded away."""
    notebook = nbformat.read(REPO / COURSE_SOURCE / topic / f"{topic}.ipynb", as_version=4)
    cells = {cell.id: cell for cell in notebook.cells}
    visible, hidden = cells[GIVEN_ID], cells[HELPERS_ID]
    assert [c.id for c in notebook.cells].index(HELPERS_ID) == [c.id for c in notebook.cells].index(
        GIVEN_ID
    ) + 1
    assert len(visible.source.splitlines()) <= 25  # it was 47 to 142 lines of code
    assert hidden.metadata["jupyter"] == {"source_hidden": True}
    assert hidden.metadata["nbgrader"]["locked"] is True
    for cell in (visible, hidden):
        for noise in ("__all__", "noqa", "type: ignore", "__future__", ".md", "CONTRIBUTING"):
            assert noise not in cell.source, (cell.id, noise)
    parts = topic_parts(topic)
    documented = [
        node.name
        for node in ast.parse(parts.helpers).body
        if isinstance(node, ast.FunctionDef) and ast.get_docstring(node)
    ]
    assert documented
    for helper in documented:
        assert f"#   {helper}(" in visible.source, helper
