"""Meta-tests of the graders: the reference gets full marks, stubs get 0, every mutant loses
points with the right message, every alternative gets full marks, grading is deterministic."""

from __future__ import annotations

import pytest

from neurograde.codes import Code
from neurograde.course import load_manifest
from neurograde.grading.grade import grade_entry, grade_submission
from neurograde.grading.registry import Entry, entries, registry
from neurograde.grading.results import FunctionResult
from neurograde.intake.submission import Submission
from neurograde.isolation.runner import InProcessRunner
from tests.submissions import REPO, Variant, reference_source, variants, with_replacement

MANIFEST = load_manifest()
TOPICS = MANIFEST.topics

ENTRIES = {entry.qualified_name: entry for entry in entries()}
MUTANTS = [v for topic in TOPICS for v in variants("mutants", topic)]
ALTERNATIVES = [v for topic in TOPICS for v in variants("alternatives", topic)]


def grade_one(entry: Entry, source: str) -> FunctionResult:
    session = InProcessRunner().open({entry.topic: source})
    result = grade_entry(entry, session)
    assert Code.MISSING not in result.codes, result.feedback()
    return result


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_reference_gets_full_marks(name: str) -> None:
    entry = ENTRIES[name]
    result = grade_one(entry, reference_source(entry.topic))
    assert result.grader_error is None
    assert result.points == entry.points, result.feedback()


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_bad_calls_are_rejected_by_the_reference_as_declared(name: str) -> None:
    entry = ENTRIES[name]
    for bad in entry.spec.bad_calls:
        with pytest.raises(bad.raises):
            entry.reference(*bad.args, **bad.kwargs)


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_stub_gets_zero_with_not_implemented(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    entry = ENTRIES[name]
    stub = (REPO / "exercises" / f"{entry.topic}.py").read_text(encoding="utf-8")
    result = grade_one(entry, stub)
    assert result.points == 0
    assert result.codes == [Code.NOT_IMPLEMENTED]
    assert capsys.readouterr().err == ""


def test_at_least_80_mutants_across_all_topics() -> None:
    # Mutants are strongly advised, not required: the functions without any are listed in the
    # terminal summary (tests/conftest.py), not failed.
    assert len(MUTANTS) >= 80
    assert all(v.doc and v.expect for v in MUTANTS), "every mutant has a docstring and codes"


@pytest.mark.parametrize("variant", MUTANTS, ids=lambda v: v.id)
def test_mutant_loses_points_with_the_right_message(variant: Variant) -> None:
    entry = ENTRIES[f"{variant.topic}.{variant.function}"]
    result = grade_one(entry, with_replacement(variant.topic, variant.source))
    assert result.grader_error is None, result.grader_error
    assert result.points is not None
    assert result.points < entry.points, variant.doc
    assert set(result.codes) & set(variant.expect), (variant.expect, result.feedback())
    for mistake in variant.mistakes:
        diagnosed = [o.misconception or "" for o in result.outcomes]
        assert any(mistake in text for text in diagnosed), result.feedback()


def test_at_least_15_alternatives() -> None:
    assert len(ALTERNATIVES) >= 15


@pytest.mark.parametrize("variant", ALTERNATIVES, ids=lambda v: v.id)
def test_alternative_gets_full_marks(variant: Variant) -> None:
    entry = ENTRIES[f"{variant.topic}.{variant.function}"]
    result = grade_one(entry, with_replacement(variant.topic, variant.source))
    assert result.points == entry.points, result.feedback()


def test_registry_covers_every_function_of_every_topic() -> None:
    assert list(registry()) == list(TOPICS)
    assert len(ENTRIES) == MANIFEST.function_count
    for topic, found in registry().items():
        assert [entry.name for entry in found] == MANIFEST.functions(topic)
        assert sum(entry.points for entry in found) == MANIFEST.total(topic)


@pytest.mark.slow
def test_same_submission_graded_twice_gives_identical_results() -> None:
    sources = {topic: reference_source(topic) for topic in TOPICS}
    # One mutant per topic, so that failing properties (and their shrinking) are compared too.
    for variant in [variants("mutants", topic)[0] for topic in TOPICS]:
        sources[variant.topic] = with_replacement(variant.topic, variant.source)
    submission = Submission(list(TOPICS), sources)
    first = grade_submission(submission, InProcessRunner()).to_gradescope()
    second = grade_submission(submission, InProcessRunner()).to_gradescope()
    for report in (first, second):
        report.pop("execution_time")
    assert first == second
    assert first["score"] < first["max_score"]
