"""The lessons' own claims, checked: the gradient-check verdict of the chain-rule notebook.

The notebook prints ``_gradient_check(backward(...), numerical_gradient(...))`` for a random
network; a correct learner must never be told that the two disagree.
"""

from __future__ import annotations

import numpy as np

from solutions.chain_rule import _gradient_check, backward, init_params, numerical_gradient

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
