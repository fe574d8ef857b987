"""Naming the mistake behind a wrong value: suspects on one input, the verdict over all inputs.

A *suspect* is a known mistake that reproduces what the learner returned on a failing input: one of
the function's catalogue (its spec's misconceptions) or, when none of those does, one of the
*generic* mistakes derived from the function's signature and its reference (an argument ignored,
the sign flipped, a factor of 2, off by the batch size, a transpose, the wrong axis). Several
suspects may reproduce the same value on one input; the verdict keeps only those that also
agree with the learner on every input where the learner was right (a mistake that changes those
values is not what the learner did) and, of those, the ones that reproduce the most of its wrong
values; when several remain, the feedback says that they cannot be told apart.
"""

from __future__ import annotations

import copy
import inspect
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from neurograde.grading.calls import Args, Kwargs, Misconception

Comparer = Callable[[Any, Any], bool]  # whether a returned value equals a computed one


@dataclass(frozen=True)
class Seen:
    """One valid call the learner answered, and what it returned."""

    args: Args
    kwargs: Kwargs
    returned: Any


def evaluate(mistake: Misconception, args: Args, kwargs: Kwargs) -> tuple[bool, Any]:
    """``(True, value)`` of a mistake on a call, ``(False, None)`` when it does not apply there."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return True, mistake.function(*copy.deepcopy(args), **copy.deepcopy(kwargs))
    except Exception:  # a mistake that cannot be made on this input says nothing about it
        return False, None


# -- generic mistakes ---------------------------------------------------------------------------
def _map_numbers(value: Any, change: Callable[[Any], Any]) -> Any:
    """``change`` applied to every float or float array of a result (dicts, tuples, lists)."""
    if isinstance(value, dict):
        return {key: _map_numbers(item, change) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return type(value)(_map_numbers(item, change) for item in value)
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return change(value)
    if isinstance(value, float):
        result = change(value)
        return float(result) if np.ndim(result) == 0 else result
    raise ValueError("not a numeric result")


def _transpose(value: Any) -> Any:
    if not isinstance(value, np.ndarray) or value.ndim != 2:
        raise ValueError("only a matrix can be transposed")
    return value.T.copy()


def _transpose_back(value: Any) -> Any:
    """A matrix result transposed back; any other result (a reduction) as it is."""
    if isinstance(value, np.ndarray) and value.ndim == 2:
        return value.T.copy()
    return value


def _as_matrix(value: Any) -> np.ndarray[Any, Any] | None:
    if isinstance(value, np.ndarray) and value.ndim == 2 and value.dtype.kind in "iuf":
        return value
    return None


def generic_mistakes(name: str, reference: Callable[..., Any]) -> list[Misconception]:
    """The mistakes any function of this signature can make, computed from its reference.

    Parameters
    ----------
    name
        The function's name in the API (for the descriptions).
    reference
        The reference implementation; every mistake is a transformation of its answer or of the
        arguments it is given.
    """
    signature = inspect.signature(reference)
    params = [
        p
        for p in signature.parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
    ]

    def bound(args: Args, kwargs: Kwargs) -> inspect.BoundArguments:
        return signature.bind(*args, **kwargs)

    def answer(args: Args, kwargs: Kwargs) -> Any:
        return reference(*args, **kwargs)

    mistakes: list[Misconception] = []
    for param in params:
        if param.default is inspect.Parameter.empty:
            continue

        def ignored(*args: Any, _param: inspect.Parameter = param, **kwargs: Any) -> Any:
            call = bound(args, kwargs)
            if _param.name not in call.arguments:
                raise ValueError("the default is used anyway")
            call.arguments.pop(_param.name)
            return reference(*call.args, **call.kwargs)

        mistakes.append(
            Misconception(
                f"the argument {param.name} is ignored: the default {param.name}="
                f"{param.default!r} is used whatever the caller passes",
                ignored,
            )
        )
    mistakes.append(
        Misconception(
            "the sign is flipped: the result is the negative of the right one",
            lambda *a, **k: _map_numbers(answer(a, k), lambda v: -v),
        )
    )
    mistakes.append(
        Misconception(
            "the result is twice the right one (a factor of 2 too many)",
            lambda *a, **k: _map_numbers(answer(a, k), lambda v: 2 * v),
        )
    )
    mistakes.append(
        Misconception(
            "the result is half the right one (a factor of 2 left out)",
            lambda *a, **k: _map_numbers(answer(a, k), lambda v: v / 2),
        )
    )
    for param in params:
        for what, size in (
            ("the batch size len", lambda array: array.shape[0]),
            ("the number of elements, the size of", lambda array: array.size),
        ):

            def factor(args: Args, kwargs: Kwargs, _p: str = param.name, _size: Any = size) -> int:
                value = bound(args, kwargs).arguments.get(_p)
                if not isinstance(value, np.ndarray) or value.ndim == 0:
                    raise ValueError("no batch here")
                n = int(_size(value))
                if n < 2:
                    raise ValueError("a batch of one hides the factor")
                return n

            label = f"{what}({param.name})" if "len" in what else f"{what} {param.name}"
            mistakes.append(
                Misconception(
                    f"a sum where a mean is wanted: the result is {label} times too large",
                    lambda *a, _f=factor, **k: _map_numbers(answer(a, k), lambda v: v * _f(a, k)),
                )
            )
            mistakes.append(
                Misconception(
                    f"the result is divided by {label} once too often (a mean where a sum is "
                    "wanted, or an average taken twice)",
                    lambda *a, _f=factor, **k: _map_numbers(answer(a, k), lambda v: v / _f(a, k)),
                )
            )

    def truncated(*args: Any, **kwargs: Any) -> Any:
        values = bound(args, kwargs).arguments.values()
        if not any(isinstance(v, np.ndarray) and v.dtype.kind in "iu" for v in values):
            raise ValueError("no int array to store the result in")
        return _map_numbers(reference(*args, **kwargs), np.trunc)

    mistakes.append(
        Misconception(
            "the result is stored in an int array (np.empty_like, np.zeros_like or np.full_like "
            "of an int input, or an in-place update of one), so its values are truncated",
            truncated,
        )
    )
    mistakes.append(
        Misconception(
            "the result is rounded down to an integer (integer division // or np.floor)",
            lambda *a, **k: _map_numbers(answer(a, k), np.floor),
        )
    )
    mistakes.append(
        Misconception(
            "the result is transposed", lambda *a, **k: _map_numbers(answer(a, k), _transpose)
        )
    )

    def wrong_axis(*args: Any, **kwargs: Any) -> Any:
        call = bound(args, kwargs)
        matrices = [key for key, value in call.arguments.items() if _as_matrix(value) is not None]
        if not matrices:
            raise ValueError("no axis to confuse")
        for key in matrices:
            call.arguments[key] = np.asarray(call.arguments[key]).T.copy()
        return _map_numbers(reference(*call.args, **call.kwargs), _transpose_back)

    mistakes.append(
        Misconception(
            "the computation runs along the wrong axis (axis 0, the batch, instead of the last "
            "axis)",
            wrong_axis,
        )
    )
    return mistakes


# -- the verdict --------------------------------------------------------------------------------
class Diagnosis:
    """The suspects of one function's failing calls, and the verdict over every call seen.

    Parameters
    ----------
    catalogue
        The function's known mistakes (its spec's misconceptions), tried first.
    generic
        The generic mistakes, tried only when no catalogue mistake reproduces a value.
    same
        Whether a returned value equals a mistake's (the function's own comparison).
    """

    # How many calls are kept to test the suspects against (Hypothesis's shrinking makes many,
    # and the first ones, spread over the input space, separate mistakes best).
    KEEP = 120

    def __init__(
        self, catalogue: Sequence[Misconception], generic: Sequence[Misconception], same: Comparer
    ) -> None:
        self.catalogue = list(catalogue)
        self.generic = list(generic)
        self.same = same
        self.seen: list[Seen] = []
        self.failing: list[Seen] = []

    def record(self, seen: Seen, failing: bool) -> None:
        """Remember a call the learner answered (every failing one, the first passing ones)."""
        if failing:
            self.failing.append(seen)
        elif len(self.seen) < self.KEEP:
            self.seen.append(seen)

    def suspects(self, args: Args, kwargs: Kwargs, returned: Any) -> list[Misconception]:
        """The known mistakes that reproduce ``returned`` on this call (catalogue first)."""
        found = []
        for mistake in [*self.catalogue, *self.generic]:
            applies, value = evaluate(mistake, args, kwargs)
            if applies and self.same(returned, value):
                found.append(mistake)
        return found

    def explains(self, mistake: Misconception) -> tuple[int, int] | None:
        """``(reproduced, tried)`` over the failing calls; ``None`` if a passing call rules it out.

        Where the learner was right, a mistake that gives another value cannot be what the
        learner did. Of the failing calls, those the mistake applies to are tried: a second
        mistake may show on some of them.
        """
        for seen in self.seen:
            applies, value = evaluate(mistake, seen.args, seen.kwargs)
            if applies and not self.same(seen.returned, value):
                return None
        reproduced = tried = 0
        for seen in self.failing:
            applies, value = evaluate(mistake, seen.args, seen.kwargs)
            tried += applies
            reproduced += applies and self.same(seen.returned, value)
        return reproduced, tried

    def _best(self, scores: dict[str, tuple[int, int]]) -> tuple[str, ...]:
        """The names that explain the largest share of the failing calls they apply to.

        On a tie a catalogue mistake goes before a generic one (it says more), then the one that
        reproduces more calls.
        """
        if not scores:
            return ()
        known = {m.description for m in self.catalogue}

        def rank(name: str) -> tuple[float, bool, int]:
            reproduced, tried = scores[name]
            return (reproduced / tried if tried else 0.0, name in known, reproduced)

        top = max(rank(name) for name in scores)
        return tuple(name for name in scores if rank(name) == top)

    def verdict(self, suspects: Sequence[Sequence[Misconception]]) -> list[tuple[str, ...]]:
        """For each failing outcome's suspects, the mistakes to name (several: not told apart).

        A suspect is kept when no passing call rules it out. The function's verdict is the kept
        suspect that reproduces the most failing calls (over every property); an outcome names it
        if it is among its suspects, else the best of its own (a second mistake).
        """
        everyone = {m.description: m for group in suspects for m in group}
        scores = {name: self.explains(m) for name, m in everyone.items()}
        kept = {name: score for name, score in scores.items() if score is not None}
        overall = self._best(kept)
        named = []
        for group in suspects:
            mine = [m.description for m in group]
            shared = tuple(name for name in overall if name in mine)
            named.append(shared or self._best({n: kept[n] for n in mine if n in kept}))
        return named
