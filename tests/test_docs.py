"""The project's documents are true: totals from the manifest, no file outside the repository."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from neurograde.course import Manifest, load_manifest
from tests.api_doc import REPO

# Spelled in two pieces so that this file does not mention what it looks for.
OUTSIDE = ("shared" + "/", ".." + "/shared")


def tracked_files() -> list[str]:
    """Every file git tracks in this checkout (the CI clone included)."""
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout
    return [name for name in listing.decode().split("\0") if name]


def outside_references(files: dict[str, bytes]) -> list[str]:
    """``path:line`` for every line of ``files`` that points at a folder outside the repository."""
    found = []
    for path, content in files.items():
        for number, line in enumerate(content.splitlines(), start=1):
            if any(needle.encode() in line for needle in OUTSIDE):
                found.append(f"{path}:{number}")
    return found


def test_no_tracked_file_points_outside_the_repository() -> None:
    files = {
        path: (REPO / path).read_bytes() for path in tracked_files() if (REPO / path).is_file()
    }
    assert len(files) > 100  # the listing worked: the project has well over a hundred files
    assert outside_references(files) == []


def test_an_outside_reference_is_found() -> None:
    mention = "see " + OUTSIDE[0] + "exercise-api.md"
    files = {"a.md": b"fine\nshared memory is fine\n", "b.py": f"x = 1\n# {mention}\n".encode()}
    assert outside_references(files) == ["b.py:2"]


# The README quotes the course's totals; they are checked against the manifest.
TOTALS = re.compile(r"\((\d+) in all: ([^)]*)\)")


def readme_totals_problems(readme: str, manifest: Manifest) -> list[str]:
    """Every total the README quotes that the manifest contradicts."""
    found = []
    match = TOTALS.search(readme)
    if match is None:
        return ["the README does not say '(P in all: topic p, …)'"]
    points, per_topic = int(match.group(1)), " ".join(match.group(2).split())
    if points != manifest.total():
        found.append(f"{points} points in the README, {manifest.total():g} in the manifest")
    expected = ", ".join(f"{t} {manifest.total(t):g}" for t in manifest.topics)
    if per_topic != expected:
        found.append(f"per topic, the README says '{per_topic}', the manifest '{expected}'")
    counts = re.findall(r"(\d+) functions\b", readme)
    if not counts:
        found.append("the README does not say how many functions the course grades")
    for count in counts:
        if int(count) != manifest.function_count:
            found.append(
                f"'{count} functions' in the README: the course grades {manifest.function_count}"
            )
    return found


@pytest.fixture(scope="module")
def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_totals_are_the_manifests(readme: str) -> None:
    assert readme_totals_problems(readme, load_manifest()) == []


def test_a_wrong_readme_total_is_found(readme: str) -> None:
    manifest = load_manifest()
    total = f"({manifest.total():g} in all:"
    assert total in readme
    [problem] = readme_totals_problems(readme.replace(total, "(96 in all:"), manifest)
    assert "96 points in the README" in problem
    count = f"{manifest.function_count} functions"
    found = readme_totals_problems(readme.replace(count, "42 functions"), manifest)
    assert found
    assert all("'42 functions'" in problem for problem in found)
    changed = readme.replace(f"losses {manifest.total('losses'):g}", "losses 24")
    assert readme_totals_problems(changed, manifest) != []


# docs/architecture.md draws the tree: every entry exists, every engine module is drawn.
ENGINE = "neurograde"


def diagram_paths(page: str) -> list[str]:
    """The paths drawn in the ``text`` block under "## The tree", folders ending in ``/``.

    Each line is a name indented two spaces per level below its folder, then its description.
    """
    section = page.split("## The tree", 1)[1]
    block = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    if block is None:
        raise ValueError("docs/architecture.md: no ```text block under '## The tree'")
    folders: list[str] = []
    paths = []
    for number, line in enumerate(block.group(1).splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" "))
        if indent % 2 or indent // 2 > len(folders):
            raise ValueError(f"diagram line {number}: indent {indent} does not fit {line!r}")
        del folders[indent // 2 :]
        name = line.split()[0]
        path = "".join(folders) + name
        paths.append(path)
        if name.endswith("/"):
            folders.append(name)
    return paths


def engine_tree(root: Path) -> set[str]:
    """Every module and folder of the engine, as the diagram writes them."""
    found = {f"{ENGINE}/"}
    for path in (root / ENGINE).rglob("*"):
        relative = path.relative_to(root).as_posix()
        if "__pycache__" in path.parts:
            continue
        if path.is_dir():
            found.add(relative + "/")
        elif path.suffix == ".py":
            found.add(relative)
    return found


def diagram_problems(page: str, root: Path) -> list[str]:
    """Entries of the diagram that do not exist, and engine modules it does not draw."""
    drawn = diagram_paths(page)
    missing_on_disk = [p for p in drawn if not (root / p.rstrip("/")).exists()]
    not_drawn = sorted(engine_tree(root) - set(drawn))
    return [f"{p}: drawn but absent" for p in missing_on_disk] + [
        f"{p}: absent from the diagram" for p in not_drawn
    ]


@pytest.fixture(scope="module")
def architecture() -> str:
    return (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_the_architecture_diagram_matches_the_folders(architecture: str) -> None:
    assert diagram_problems(architecture, REPO) == []


def test_the_diagram_draws_the_nested_modules(architecture: str) -> None:
    drawn = diagram_paths(architecture)
    assert "neurograde/grading/spec.py" in drawn
    assert "graders/manifest.py" in drawn
    assert "tests/" in drawn


def test_a_wrong_diagram_is_found(tmp_path: Path) -> None:
    (tmp_path / ENGINE / "grading").mkdir(parents=True)
    for name in ("__init__.py", "grading/spec.py", "grading/new.py"):
        (tmp_path / ENGINE / name).write_text("", encoding="utf-8")
    page = (
        "## The tree\n\n```text\n"
        "neurograde/   engine\n  __init__.py   package\n  grading/   grading\n"
        "    spec.py   spec\n    gone.py   removed\n```\n"
    )
    assert diagram_problems(page, tmp_path) == [
        "neurograde/grading/gone.py: drawn but absent",
        "neurograde/grading/new.py: absent from the diagram",
    ]


def test_a_misindented_diagram_is_an_error() -> None:
    page = "## The tree\n\n```text\nneurograde/   engine\n      cli.py   too deep\n```\n"
    with pytest.raises(ValueError, match="indent 6"):
        diagram_paths(page)
