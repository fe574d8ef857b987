"""The project's documents are true: totals from the manifest, no file outside the repository."""

from __future__ import annotations

import re
import subprocess

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
TOTALS = re.compile(r"(\d+) functions for (\d+) points \(([^)]*)\)")


def readme_totals_problems(readme: str, manifest: Manifest) -> list[str]:
    """Every total the README quotes that the manifest contradicts."""
    found = []
    match = TOTALS.search(readme)
    if match is None:
        return ["the README does not say 'N functions for P points (topic p, …)'"]
    functions, points, per_topic = (
        int(match.group(1)),
        int(match.group(2)),
        " ".join(match.group(3).split()),
    )
    if functions != manifest.function_count:
        found.append(f"{functions} functions in the README, {manifest.function_count} graded")
    if points != manifest.total():
        found.append(f"{points} points in the README, {manifest.total():g} in the manifest")
    expected = ", ".join(f"{t} {manifest.total(t):g}" for t in manifest.topics)
    if per_topic != expected:
        found.append(f"per topic, the README says '{per_topic}', the manifest '{expected}'")
    for other in re.findall(r"(\d+) functions\b", readme):
        if int(other) != manifest.function_count:
            found.append(f"'{other} functions' in the README: the course grades {functions}")
    return found


@pytest.fixture(scope="module")
def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_totals_are_the_manifests(readme: str) -> None:
    assert readme_totals_problems(readme, load_manifest()) == []


def test_a_wrong_readme_total_is_found(readme: str) -> None:
    manifest = load_manifest()
    total = f"for {manifest.total():g} points"
    assert total in readme
    [problem] = readme_totals_problems(readme.replace(total, "for 96 points"), manifest)
    assert "96 points in the README" in problem
    changed = readme.replace(f"losses {manifest.total('losses'):g}", "losses 24")
    assert readme_totals_problems(changed, manifest) != []
