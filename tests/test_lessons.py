"""The lessons' own promises, checked: visible quick checks and the gradient-check verdict.

- Every mutant (``tests/mutants/``) that computes a wrong value fails the visible quick checks of
  its function (the ``<!-- checks: NAME -->`` blocks of ``notebooks/<topic>.md``); validation,
  dtype and aliasing mistakes may pass them and are left to the hidden grader. The reference and
  every alternative pass them. Each checks block runs in process, in the namespace of the
  reference module with the one function replaced, as the notebook runs it after the answer.
- The chain-rule notebook prints ``_gradient_check(backward(...), numerical_gradient(...))`` for a
  random network; a correct learner must never be told that the two disagree.
- Each notebook's introduction states the property weights the grader uses.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from functools import cache

import numpy as np
import pytest

from neurograde.build.lessons import parse_prose
from neurograde.course import load_manifest
from neurograde.grading.settings import PROPERTY_WEIGHTS
from neurograde.paths import PROSE, REPO_ROOT
from solutions.chain_rule import _gradient_check, backward, init_params, numerical_gradient
from tests.submissions import Variant, reference_source, variants, with_replacement

MANIFEST = load_manifest()
# Mistakes the visible checks need not catch: input validation, the kind or dtype of the result,
# and aliasing. Every other code (MISMATCH, UNSTABLE, WRONG_DISTRIBUTION, NOT_RANDOM, ...) is a
# wrong value.
HIDDEN_ONLY = frozenset({"WRONG_ERROR", "BAD_TYPE", "BAD_DTYPE", "MUTATED_INPUT"})


@cache
def checks(topic: str) -> dict[str, str]:
    """The visible quick checks of each function of a topic."""
    text = (REPO_ROOT / PROSE / f"{topic}.md").read_text(encoding="utf-8")
    return parse_prose(text, f"{topic}.md", list(MANIFEST.functions(topic))).checks


def passes_checks(topic: str, function: str, source: str) -> bool:
    """Whether ``source`` (a whole topic module) passes the visible checks of ``function``."""
    namespace: dict[str, object] = {"__name__": f"visible_checks_{topic}"}
    exec(compile(source, f"<{topic}>", "exec"), namespace)
    with warnings.catch_warnings():
        # Some mutants warn (overflow); the checks that matter turn warnings into errors.
        warnings.simplefilter("ignore")
        try:
            exec(compile(checks(topic)[function], f"<checks {function}>", "exec"), namespace)
        except Exception:  # any failure of a check is a caught mutant
            return False
    return True


def is_value_mistake(variant: Variant) -> bool:
    return not set(variant.expect) <= HIDDEN_ONLY


def test_visible_checks_catch_every_mutant_with_a_wrong_value() -> None:
    caught: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    missed = []
    for topic in MANIFEST.topics:
        for variant in variants("mutants", topic):
            kind = variant.expect[0]  # the first expected code names the kind of mistake
            if passes_checks(topic, variant.function, with_replacement(topic, variant.source)):
                passed[kind] += 1
                if is_value_mistake(variant):
                    missed.append(variant.id)
            else:
                caught[kind] += 1
    summary = ", ".join(
        f"{kind} {caught[kind]}/{caught[kind] + passed[kind]}" for kind in sorted(caught | passed)
    )
    total = sum(caught.values()) + sum(passed.values())
    print(f"{sum(caught.values())} of {total} mutants fail a visible check; by kind: {summary}")
    assert missed == [], f"value mistakes that pass the visible checks: {missed}"
    assert sum(caught.values()) > 0


@pytest.mark.parametrize("topic", MANIFEST.topics)
def test_reference_and_alternatives_pass_every_visible_check(topic: str) -> None:
    for function in MANIFEST.functions(topic):
        assert passes_checks(topic, function, reference_source(topic)), function
    for variant in variants("alternatives", topic):
        source = with_replacement(topic, variant.source)
        assert passes_checks(topic, variant.function, source), variant.id


@pytest.mark.parametrize("topic", MANIFEST.topics)
def test_the_introduction_states_the_property_weights(topic: str) -> None:
    text = (REPO_ROOT / PROSE / f"{topic}.md").read_text(encoding="utf-8")
    intro = text.split("<!-- markdown -->")[1]
    stated = dict(re.findall(r"\(`(\w+)`, (?:weight )?(\d+)\)", intro))
    assert stated, f"{topic}: the introduction does not say how the points split"
    for name, weight in stated.items():
        assert PROPERTY_WEIGHTS[name] == int(weight), (topic, name, weight)


PAIRS = (("sigmoid", "sigmoid"), ("tanh", "identity"), ("relu", "sigmoid"), ("identity", "tanh"))


def notebook_case(seed: int) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """The random network of the notebook's gradient check, for one seed."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(5, 3))
    y = rng.uniform(size=5)
    params = init_params(3, 4, rng)
    params["b1"] = rng.normal(size=4)
    return X, y, params


def test_correct_functions_never_get_the_bad_verdict() -> None:
    verdicts: dict[str, int] = {}
    for seed in range(1000):
        X, y, params = notebook_case(seed)
        for hidden, output in PAIRS:
            verdict = _gradient_check(
                backward(X, y, params, hidden, output),
                numerical_gradient(X, y, params, hidden, output),
            )
            assert not verdict.startswith("backward and numerical_gradient disagree"), (
                seed, hidden, output, verdict,
            )  # fmt: skip
            band = verdict.split(" (")[0]
            verdicts[band] = verdicts.get(band, 0) + 1
    assert verdicts["agree"] > 0.97 * 4000, verdicts  # the middle band stays the exception


def test_a_wrong_backward_gets_the_bad_verdict_naming_the_entry() -> None:
    X, y, params = notebook_case(0)
    right = backward(X, y, params, "tanh", "sigmoid")
    numeric = numerical_gradient(X, y, params, "tanh", "sigmoid")
    wrong = {**right, "W1": right["W1"] * 2}
    wrong["W1"][1, 2] = right["W1"][1, 2]  # every entry but one doubled: the worst is elsewhere
    verdict = _gradient_check(wrong, numeric)
    assert verdict.startswith("backward and numerical_gradient disagree"), verdict
    assert " at W1[" in verdict, verdict
    single = {**right, "b2": right["b2"] + 1e-3}
    verdict = _gradient_check(single, numeric)
    assert "disagree" in verdict, verdict
    assert "at b2[0]: backward" in verdict, verdict
    assert _gradient_check(right, numeric).startswith("agree"), _gradient_check(right, numeric)
