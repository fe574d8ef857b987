"""The examples in the reference docstrings are right (learners check them by hand)."""

from __future__ import annotations

import doctest
import importlib

import pytest

from tests.test_parity import TOPICS


@pytest.mark.parametrize("topic", TOPICS)
def test_docstring_examples(topic: str) -> None:
    module = importlib.import_module(f"solutions.{topic}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= len(module.__all__), "every public function has an example"
    assert result.failed == 0
