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


# Coverage (`make test`) traces every Python call while it runs, which on Python 3.11 slows
# Hypothesis-heavy tests by about half. These tests add nothing to the engine's coverage report, so
# pytest-cov's `no_cover` mark leaves them untraced: the reference tests call only `solutions/`
# (not measured), and an alternative that gets full marks takes the same path through the engine as
# the reference submission, which `test_reference_gets_full_marks` grades under coverage.
UNMEASURED_TESTS = ("test_alternative_gets_full_marks",)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.pluginmanager.hasplugin("pytest_cov"):
        return  # pytest-cov is not installed: there is nothing to leave out
    for item in items:
        in_reference = item.path.parent.name == "reference"
        if in_reference or getattr(item, "originalname", item.name) in UNMEASURED_TESTS:
            item.add_marker(pytest.mark.no_cover)
