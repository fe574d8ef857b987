"""docs/api.md states the API of the solutions and the manifest: topics, order, signatures."""

from __future__ import annotations

import importlib

import pytest

from neurograde.course import load_manifest
from tests.api_doc import API_DOC, REPO, parse_api_doc, solution_signatures


def problems(text: str) -> list[str]:
    """Every way the API page ``text`` disagrees with the manifest and ``solutions/``."""
    manifest = load_manifest()
    sections = parse_api_doc(text)
    found: list[str] = []
    documented = [section.topic for section in sections]
    if documented != list(manifest.topics):
        found.append(f"topics: the page has {documented}, the manifest {list(manifest.topics)}")
    for section in sections:
        if section.topic not in manifest.topics:
            continue
        expected = manifest.functions(section.topic)
        names = [signature.name for signature in section.signatures]
        if names != expected:
            found.append(f"{section.topic}: the page lists {names}, the manifest {expected}")
        if section.rows != names:
            found.append(f"{section.topic}: the table lists {section.rows}, the signatures {names}")
        source = (REPO / "solutions" / f"{section.topic}.py").read_text(encoding="utf-8")
        reference = {s.name: s for s in solution_signatures(source, expected)}
        for signature in section.signatures:
            if signature.name in reference and signature != reference[signature.name]:
                found.append(
                    f"{section.topic}: the page has `{signature}`, "
                    f"solutions/{section.topic}.py `{reference[signature.name]}`"
                )
    return found


@pytest.fixture(scope="module")
def page() -> str:
    return API_DOC.read_text(encoding="utf-8")


def test_the_page_states_the_api_of_the_solutions(page: str) -> None:
    assert problems(page) == []


def test_every_function_of_the_course_is_on_the_page(page: str) -> None:
    manifest = load_manifest()
    documented = sum(len(section.signatures) for section in parse_api_doc(page))
    assert documented == manifest.function_count


def test_the_solutions_export_the_functions_of_the_page(page: str) -> None:
    for section in parse_api_doc(page):
        module = importlib.import_module(f"solutions.{section.topic}")
        assert module.__all__ == [s.name for s in section.signatures], section.topic


# The checker itself: each kind of disagreement is found and named.


def test_a_changed_default_is_found(page: str) -> None:
    changed = page.replace("max_epochs: int = 10_000", "max_epochs: int = 1000", 1)
    assert changed != page
    [problem] = problems(changed)
    assert "epochs_to_converge" in problem
    assert "max_epochs: int=1000" in problem


def test_a_changed_annotation_is_found(page: str) -> None:
    changed = page.replace("def mse(y_pred: ArrayLike,", "def mse(y_pred: float,", 1)
    assert changed != page
    [problem] = problems(changed)
    assert "losses" in problem
    assert "y_pred: float" in problem


def test_a_missing_function_is_found(page: str) -> None:
    changed = page.replace(
        "def softmax(logits: ArrayLike) -> NDArray[np.float64]: ...\n", "", 1
    ).replace("| `softmax` |", "| softmax |", 1)
    assert changed.count("def softmax") == 0
    [problem] = problems(changed)
    assert "losses" in problem
    assert "softmax" in problem


def test_an_extra_function_is_found(page: str) -> None:
    extra = "def mse(y_pred: ArrayLike, y_true: ArrayLike) -> float: ...\n"
    changed = page.replace(extra, extra + "def rmse(y_pred: ArrayLike) -> float: ...\n", 1)
    assert changed != page
    found = problems(changed)
    assert any("'rmse'" in problem for problem in found)


def test_a_reordered_topic_is_found(page: str) -> None:
    changed = page.replace("## 1. `neuron`", "## 1. `neuron_`", 1)
    found = problems(changed)
    assert any(problem.startswith("topics:") for problem in found)


def test_a_table_out_of_step_with_the_signatures_is_found(page: str) -> None:
    changed = page.replace("| `mae` |", "| `mae_loss` |", 1)
    [problem] = problems(changed)
    assert "the table lists" in problem


def test_a_stray_statement_in_a_signature_block_is_an_error(page: str) -> None:
    changed = page.replace("def zeros(", "ZEROS = 0\ndef zeros(", 1)
    with pytest.raises(ValueError, match=r"initializers.*ZEROS = 0"):
        parse_api_doc(changed)
