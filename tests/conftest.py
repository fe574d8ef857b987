"""Test-suite settings shared by every test module."""

import pytest
from hypothesis import settings

from tests.submissions import without_variants

# Reference tests are deterministic like the graders: the same run on every machine.
settings.register_profile(
    "neurograde-tests",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=60,
)
settings.load_profile("neurograde-tests")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """After the graders' meta-tests, name the functions that have no mutants or alternatives.

    Both are strongly advised for every function (a mutant proves the grader catches a mistake,
    an alternative that it accepts another correct solution) but not required to add one, so
    they are listed here rather than failed.
    """
    ran = (
        getattr(report, "nodeid", "")
        for reports in terminalreporter.stats.values()
        for report in reports
    )
    if not any(nodeid.startswith("tests/test_graders.py") for nodeid in ran):
        return
    terminalreporter.section("functions without mutants or alternatives (advised, not required)")
    for kind in ("mutants", "alternatives"):
        missing = without_variants(kind)
        terminalreporter.write_line(f"no {kind}: {', '.join(missing) if missing else 'none'}")
