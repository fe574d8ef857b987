"""The worker's report of what a call did to numpy's global random state, call after call."""

# ruff: noqa: NPY002  # the legacy global random API is what these tests are about

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from neurograde.isolation import protocol, worker


def uses_global_rng(calls: list[Callable[[], Any]]) -> list[bool]:
    """Run ``calls`` as the calls of one batch; whether each changed the global state."""
    carried: dict[str, Any] = {}  # the batch's state carried from one call to the next
    flags = []
    for call in calls:

        def function(call: Callable[[], Any] = call) -> Any:
            call()
            return 0.0

        reply = worker.execute_call(
            function, protocol.encode([]), protocol.encode({}), [], "learner.py", None, carried
        )
        assert reply["status"] == "ok", reply
        flags.append(reply["report"]["global_rng_changed"])
    return flags


def test_the_fast_read_agrees_with_numpy() -> None:
    assert worker._read_words is not None, "this numpy's MT19937 layout was not recognised"
    inner = np.random.get_state(legacy=False)["state"]
    assert worker._read_words()[: inner["key"].nbytes] == inner["key"].tobytes()


def test_every_kind_of_global_draw_is_seen_and_nothing_else() -> None:
    def nothing() -> None:
        pass

    def local_draw() -> None:
        np.random.default_rng(0).normal()  # a generator of its own: allowed

    flags = uses_global_rng(
        [
            nothing,
            np.random.standard_normal,  # draws words, keeps the second normal for later
            nothing,
            np.random.standard_normal,  # uses the kept normal: no word drawn
            local_draw,
            lambda: np.random.seed(1),
            nothing,
            lambda: np.random.set_state(np.random.get_state()),  # the same state again
            np.random.rand,
        ]
    )
    assert flags == [False, True, False, True, False, True, False, False, True]
