"""The one-source build: markers, stubs, ``neurograde build`` and ``--check``."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from neurograde import build
from neurograde.build.markers import MarkerError, clear_solutions, find_regions
from neurograde.cli import main

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
