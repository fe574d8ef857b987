"""The corpus and batched calls change no grade: every submission graded with and without them.

Fast tests: batched calls give each call the outcome a single call gives (values, exceptions,
mutations, output), attribute a crash or a timeout to its call and go on in a fresh worker; the
replay of the reference is exactly its ordinary result; a wrong function falls back to the
ordinary path. Slow tests: the snapshot of every mutant, alternative, the reference, the stubs
and the demo class, and every attack of ``tests/test_adversarial.py`` at each isolation level,
graded with the corpus on and off, compared file by file.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from neurograde.codes import Code
from neurograde.grading import corpus
from neurograde.grading.grade import grade_entry, grade_function
from neurograde.grading.registry import entries
from neurograde.grading.settings import GRADING
from neurograde.isolation import protocol
from neurograde.isolation.runner import InProcessRunner, Unavailable
from neurograde.isolation.sandbox import Limits, SandboxRunner, available_levels
from neurograde.isolation.seam import CallOutcome, LearnerAbort, LearnerRaised
from tests import snapshot
from tests.submissions import reference_source, variants, with_replacement

LEVELS = [level for level, problem in available_levels().items() if problem is None]
ENTRIES = entries()
BY_NAME = {entry.qualified_name: entry for entry in ENTRIES}

SOURCE = """
import numpy as np

def mse(y_pred, y_true):
    n = y_pred.shape[0]
    if n == 3:
        import os
        os._exit(3)
    if n == 4:
        while True:
            pass
    if n == 5:
        y_pred += 1
    if n == 6:
        raise ValueError("six")
    print("n =", n)
    return float(np.mean((y_pred - y_true) ** 2))
"""


def _calls(sizes: list[int]) -> list[tuple[object, object]]:
    return [(protocol.encode((np.ones(n), np.zeros(n))), protocol.encode({})) for n in sizes]


def _summary(outcome: CallOutcome) -> tuple[object, ...]:
    error = outcome.error
    code = error.code if isinstance(error, LearnerAbort) else None
    raised = error.type_name if isinstance(error, LearnerRaised) else None
    return (outcome.value, code, raised, outcome.report.mutated, outcome.report.output)


@pytest.fixture
def switch(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Turns the corpus on and off for one test (the environment is restored after it)."""
    return monkeypatch


@pytest.mark.parametrize("level", LEVELS)
def test_a_batch_gives_each_call_its_own_outcome(level: str) -> None:
    with SandboxRunner(level, Limits.for_timeout(1.0)) as runner:
        session = runner.open({"losses": SOURCE})
        candidate = session.candidate("losses", "mse")
        assert not isinstance(candidate, Unavailable)
        batch = corpus.batch_candidate(candidate)
        assert batch is not None
        outcomes = batch.call_many(_calls([1, 2, 3, 2, 4, 5, 6, 2]))
        session.close()
    got = [_summary(outcome) for outcome in outcomes]
    assert got[0] == (1.0, None, None, [], "n = 1\n")
    assert got[1] == (1.0, None, None, [], "n = 2\n")
    assert got[2][1] is Code.CRASH  # os._exit: this call, not the batch
    assert got[3] == (1.0, None, None, [], "n = 2\n")  # the rest went on in a fresh worker
    assert got[4][1] is Code.TIMEOUT
    assert got[5] == (4.0, None, None, ["y_pred"], "n = 5\n")  # the mutation, seen per call
    assert got[6][2] == "ValueError"
    assert got[7] == (1.0, None, None, [], "n = 2\n")


@pytest.mark.parametrize("runner", ["none", *LEVELS])
def test_a_batch_can_stop_at_the_first_abort(runner: str) -> None:
    source = SOURCE.replace("import os", "raise MemoryError  #")  # in process too
    made = InProcessRunner() if runner == "none" else SandboxRunner(runner)
    session = made.open({"losses": source})
    candidate = session.candidate("losses", "mse")
    assert not isinstance(candidate, Unavailable)
    batch = corpus.batch_candidate(candidate)
    assert batch is not None
    outcomes = batch.call_many(_calls([1, 6, 3, 2, 2]), stop_at_abort=True)
    session.close()
    if isinstance(made, SandboxRunner):
        made.close()
    assert [_summary(o)[1:3] for o in outcomes] == [
        (None, None),
        (None, "ValueError"),  # an exception is an answer: the batch goes on
        (Code.MEMORY, None),
    ]


@pytest.mark.parametrize("level", LEVELS)
def test_a_batch_matches_single_calls(level: str) -> None:
    calls = _calls([1, 2, 5, 6, 2])
    with SandboxRunner(level) as runner:
        session = runner.open({"losses": SOURCE})
        candidate = session.candidate("losses", "mse")
        assert not isinstance(candidate, Unavailable)
        batch = corpus.batch_candidate(candidate)
        assert batch is not None
        batched = [_summary(outcome) for outcome in batch.call_many(calls)]
        single = []
        for args, kwargs in calls:
            outcome = CallOutcome()
            try:
                outcome.value = candidate(*protocol.decode(args), **protocol.decode(kwargs))
            except (LearnerRaised, LearnerAbort) as error:
                outcome.error = error
            outcome.report = candidate.last_call
            single.append(_summary(outcome))
        session.close()
    assert batched == single


def test_the_reference_replayed_is_its_ordinary_result() -> None:
    session = InProcessRunner().open({t: reference_source(t) for t in {e.topic for e in ENTRIES}})
    for entry in ENTRIES:
        candidate = session.candidate(entry.topic, entry.name)
        assert not isinstance(candidate, Unavailable)
        batch = corpus.batch_candidate(candidate)
        assert batch is not None
        replayed = corpus.replay(entry, batch, GRADING)
        assert replayed is not None, entry.qualified_name
        again = session.candidate(entry.topic, entry.name)
        assert not isinstance(again, Unavailable)
        ordinary = grade_function(
            entry.spec,
            again,
            entry.reference,
            topic=entry.topic,
            points=entry.points,
        )
        assert replayed == ordinary, entry.qualified_name
    session.close()


def test_a_wrong_function_is_graded_the_ordinary_way(switch: pytest.MonkeyPatch) -> None:
    topic = "losses"
    variant = next(iter(variants("mutants", topic)))
    entry = BY_NAME[f"{topic}.{variant.function}"]
    results = {}
    for state in ("on", "off"):
        switch.setenv(corpus.SWITCH, state)
        session = InProcessRunner().open({topic: with_replacement(topic, variant.source)})
        results[state] = grade_entry(entry, session)
        session.close()
    points = results["on"].points
    assert points is not None
    assert points < results["on"].max_points
    assert results["on"] == results["off"]


# -- everything, both ways ---------------------------------------------------------------------
def _files(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.json"))
    }


# How many results each part writes at least: the reference and the stubs, the mutants, the
# alternatives, the demo class's notebooks and its gradebook.
AT_LEAST = {"submissions": 2, "mutants": 200, "alternatives": 90, "demo": 26}


@pytest.mark.slow
@pytest.mark.parametrize("part", snapshot.PARTS)
def test_every_known_submission_and_the_demo_class_grade_the_same_both_ways(
    part: str, tmp_path: Path, switch: pytest.MonkeyPatch
) -> None:
    written = {}
    for state in ("on", "off"):
        switch.setenv(corpus.SWITCH, state)
        written[state] = snapshot.snapshot(tmp_path / state, parts=(part,))
    assert written["on"] == written["off"] >= AT_LEAST[part]
    on, off = _files(tmp_path / "on"), _files(tmp_path / "off")
    assert sorted(on) == sorted(off)
    assert [name for name in on if on[name] != off[name]] == []
    if part == "demo":
        assert json.loads(on["demo/gradebook.json"])["scores"]  # the demo class was graded


# Attacks whose grade races with the kernel, with or without the corpus: killing the zygote kills
# the child with it, before or after its reply; a 2 GiB memory hog hits the memory limit or the
# 1 s time limit first, depending on the machine's load (two runs without the corpus differ too).
# huge_return builds and encodes a 100 MB reply per call (0.3 s on a quiet machine): under CI's
# load it reaches the frame limit or the 1 s call limit first (graded differently on and off in
# 2 of 5 clean-clone CI runs, never on a quiet machine; its points are 0 either way, and
# test_adversarial checks its codes). For them, every function but the attacked one is compared.
RACY = {"kill_parent", "memory_hog", "huge_return"}


# The attacks' per-call limit with a function budget that the machine's load cannot exhaust. In
# one CI run, huge_return (a 100 MB reply per call, 0.3 s each on a quiet machine) was graded
# differently with and without the corpus; with a budget of 1.2 s or 2 s its codes become
# OUTPUT_TOO_LARGE and TIMEOUT, both ways, every time, against OUTPUT_TOO_LARGE alone with 5 s
# (test_adversarial.LIMITS) on a quiet machine. The comparison is about the corpus, not the load.
COMPARED_FUNCTION_BUDGET = 20.0


@pytest.mark.slow
@pytest.mark.parametrize("level", LEVELS)
def test_every_attack_grades_the_same_both_ways(level: str, switch: pytest.MonkeyPatch) -> None:
    from tests.test_adversarial import ATTACKS, LIMITS, RUN_BOUND, grade_attack, run_forked

    def graded(attack: Any, runner: SandboxRunner, state: str) -> list[dict[str, Any]]:
        switch.setenv(corpus.SWITCH, state)
        functions = run_forked(grade_attack(attack, runner), RUN_BOUND).functions
        assert functions is not None, attack.name
        if attack.name in RACY:
            return [f for f in functions if f["name"] != attack.target]
        return functions

    differ = []
    limits = dataclasses.replace(LIMITS, function_timeout=COMPARED_FUNCTION_BUDGET)
    with SandboxRunner(level, limits) as runner:
        for attack in ATTACKS:
            if attack.needs == "bwrap" and level != "bwrap":
                continue
            on, off = graded(attack, runner, "on"), graded(attack, runner, "off")
            if on != off:
                differ.append(f"{attack.name}: {on} != {off}")
    assert differ == []
