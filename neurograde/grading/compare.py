"""The trusted comparison of a returned value with the reference's, layer by layer.

Layers, each with its own code: kind of value (``BAD_TYPE``) → exact shape, no broadcasting
(``BAD_SHAPE``) → a real floating dtype (``BAD_DTYPE``) → finite wherever the reference is
(``NONFINITE``) → ``|returned - expected| <= atol + rtol * |expected|`` (``MISMATCH``).

The ``returns`` property owns the kind and the dtype; the properties that judge values compare
with ``values_only=True``, which first turns a value of another kind that carries the same
numbers (ints or a list for a float array, an int or a 0-d array for a float, a whole float for
an int) into the expected kind, so that one mistake of kind is charged once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from neurograde.codes import Code
from neurograde.isolation.protocol import ForeignArray, Unsupported


@dataclass(frozen=True)
class Tolerance:
    """How close a value must be to the reference's.

    The reference computes in float64. ``rtol = 1e-5`` leaves room for a learner who computes in
    float32 (about 7 significant digits, with a few roundings) or sums in another order, and is
    still far tighter than any mistake in the catalogue, whose errors are of order one; ``atol``
    covers results that should be 0 but come out as round-off (for example ``1e-17``).
    """

    rtol: float = 1e-5
    atol: float = 1e-8


@dataclass(frozen=True)
class Difference:
    """Why a value failed, at which part of it (``path``), in words for the learner."""

    code: Code
    detail: str
    path: str = ""
    # The words of ``detail`` that quote the reference's value ("expected 0.25"): left out of the
    # feedback when the instructor hides expected values.
    expected_text: str = ""


def describe(value: Any) -> str:
    """A short, learner-facing description of a returned or expected value."""
    if isinstance(value, Unsupported):
        return f"an object of type {value.type_name}"
    if isinstance(value, ForeignArray):
        return f"an array of dtype {np.dtype(value.dtype).name} and shape {value.shape}"
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=8, separator=", ", threshold=40, edgeitems=4)
        suffix = "" if value.dtype == np.float64 else f", dtype={value.dtype.name}"
        return f"array({text}{suffix})"
    if isinstance(value, np.generic):
        return f"numpy.{type(value).__name__}({value.item()!r})"
    if isinstance(value, tuple):
        inner = ", ".join(describe(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(describe(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {describe(v)}" for k, v in value.items()) + "}"
    if isinstance(value, np.random.Generator):
        return "numpy.random.Generator(...)"
    return repr(value)


def _kind(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, (Unsupported, ForeignArray)):
        return describe(value)
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, bool | np.bool_):
        return f"a bool ({value!r})"
    if isinstance(value, np.generic):
        return f"a numpy {value.dtype.name} scalar"
    return f"a {type(value).__name__}"


def _at(path: str) -> str:
    return f" (at result{path})" if path else ""


def _is_real_float(value: Any) -> bool:
    return isinstance(value, float | np.floating) and not isinstance(value, bool)


def _is_int(value: Any) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def _compare_float(returned: Any, expected: float, tol: Tolerance, path: str) -> Difference | None:
    if not math.isfinite(expected):
        if returned == expected or (math.isnan(expected) and math.isnan(returned)):
            return None
        want = f"expected {expected!r}"
        return Difference(Code.MISMATCH, f"returned {returned!r}; {want}", path, want)
    if not math.isfinite(returned):
        want = f"expected {expected!r}"
        return Difference(Code.NONFINITE, f"returned {returned!r}; {want}", path, want)
    if abs(float(returned) - expected) <= tol.atol + tol.rtol * abs(expected):
        return None
    want = f"expected {expected!r}"
    return Difference(Code.MISMATCH, f"returned {float(returned)!r}; {want}", path, want)


def _compare_array(
    returned: Any, expected: np.ndarray[Any, Any], tol: Tolerance, path: str
) -> Difference | None:
    if isinstance(returned, ForeignArray):
        return Difference(
            Code.BAD_DTYPE,
            f"returned an array of dtype {np.dtype(returned.dtype).name}; expected float64",
            path,
        )
    if not isinstance(returned, np.ndarray):
        hint = "; return a numpy array" if isinstance(returned, list | tuple) else ""
        return Difference(
            Code.BAD_TYPE,
            f"returned {_kind(returned)}{_at(path)}; expected an array of shape "
            f"{expected.shape}{hint}",
            path,
        )
    if returned.shape != expected.shape:
        return Difference(
            Code.BAD_SHAPE,
            f"returned shape {returned.shape}{_at(path)}; expected shape {expected.shape}",
            path,
        )
    if returned.dtype.kind != "f":
        return Difference(
            Code.BAD_DTYPE,
            f"returned dtype {returned.dtype.name}{_at(path)}; expected float64",
            path,
        )
    got, want = returned.astype(np.float64), expected
    finite = np.isfinite(want)
    bad = finite & ~np.isfinite(got)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        value = f"expected {float(want[index])!r}"
        return Difference(
            Code.NONFINITE,
            f"returned {float(got[index])!r} at index {index}{_at(path)}; {value}",
            path,
            value,
        )
    with np.errstate(invalid="ignore"):
        close = np.where(finite, np.abs(got - want) <= tol.atol + tol.rtol * np.abs(want), True)
    close &= finite | (got == want) | (np.isnan(want) & np.isnan(got))
    if not close.all():
        index = tuple(int(i) for i in np.argwhere(~close)[0])
        where = f" at index {index}" if index else ""
        value = f"expected {float(want[index])!r}"
        return Difference(
            Code.MISMATCH, f"returned {float(got[index])!r}{where}{_at(path)}; {value}", path, value
        )
    return None


def _same_numbers(returned: Any, expected: Any) -> Any:
    """``returned`` in ``expected``'s kind when it carries numbers of another kind, else as is.

    Only conversions that cannot change a value are made: an int or bool array (a mask of 0s and
    1s) or a list of numbers to a float array, a real int, a bool or a one-element array to a
    float, a whole float to an int.
    """
    if isinstance(expected, np.ndarray):
        if expected.size == 1 and (_is_int(returned) or _is_real_float(returned)):
            return np.asarray(returned, dtype=np.float64)  # one number for a one-element array
        if isinstance(returned, list | tuple):
            try:
                as_array = np.asarray(returned)
            except (ValueError, TypeError):
                return returned
            returned = as_array
        if isinstance(returned, np.ndarray) and returned.dtype.kind in "iub":
            returned = returned.astype(np.float64)
        return returned
    if isinstance(expected, float):
        if type(returned) is np.ndarray and returned.size == 1 and returned.dtype.kind in "iufb":
            returned = returned.reshape(())[()]  # a 0-d or one-element array: its one number
        if _is_int(returned) or isinstance(returned, bool | np.bool_):
            return float(returned)  # a bool is the number 0 or 1 (relu' as a mask)
        return returned
    if isinstance(expected, int) and _is_real_float(returned) and float(returned).is_integer():
        return int(returned)
    return returned


def _wrong_shape_values(
    returned: Any, expected: np.ndarray[Any, Any], tol: Tolerance, path: str
) -> Difference | None:
    """A float array of another shape, judged as values (``None`` when the shape is right).

    The same numbers in another shape ((m, 1) for (m,)) keep ``BAD_SHAPE``, the kind that the
    ``returns`` property owns; any other shape (an empty array that broadcasts, a row for a
    matrix) cannot hold the right numbers, so it is a wrong value (``MISMATCH``), never a kind
    mistake that would leave the value properties' share to a wrong answer.
    """
    if (
        type(returned) is not np.ndarray
        or returned.dtype.kind != "f"
        or returned.shape == expected.shape
    ):
        return None
    shape = f"returned shape {returned.shape}{_at(path)}; expected shape {expected.shape}"
    if returned.size == expected.size:
        same = _compare_array(returned.reshape(expected.shape), expected, tol, path)
        if same is None:
            return Difference(Code.BAD_SHAPE, shape, path)
    return Difference(Code.MISMATCH, shape, path)


def compare(
    returned: Any,
    expected: Any,
    tol: Tolerance,
    *,
    scalar_may_be_0d: bool = False,
    int_slack: int = 0,
    values_only: bool = False,
    none_is_value: bool = False,
    path: str = "",
) -> Difference | None:
    """Return ``None`` when ``returned`` is right, else the first layer at which it is wrong.

    With ``values_only``, a value of another kind that carries the same numbers is compared by
    its numbers (the kind is the ``returns`` property's business). With ``none_is_value`` (the
    function returns ``None`` for some inputs, as ``epochs_to_converge`` when it never converges),
    ``None`` instead of a number, or a number instead of ``None``, is a wrong value.
    """
    if none_is_value and (returned is None) != (expected is None):
        return Difference(
            Code.MISMATCH, f"returned {describe(returned)}; expected {describe(expected)}", path
        )
    if values_only:
        returned = _same_numbers(returned, expected)
    if expected is None:
        if returned is None:
            return None
        return Difference(Code.MISMATCH, f"returned {describe(returned)}; expected None", path)
    if isinstance(expected, np.ndarray):
        if values_only:
            wrong_shape = _wrong_shape_values(returned, expected, tol, path)
            if wrong_shape is not None:
                return wrong_shape
        return _compare_array(returned, expected, tol, path)
    if isinstance(expected, float):
        if (
            scalar_may_be_0d
            and isinstance(returned, np.ndarray)
            and returned.shape == ()
            and returned.dtype.kind == "f"
        ):
            returned = returned[()]
        if not _is_real_float(returned):
            return Difference(
                Code.BAD_TYPE, f"returned {_kind(returned)}{_at(path)}; expected a float", path
            )
        return _compare_float(returned, expected, tol, path)
    if isinstance(expected, int):
        if not _is_int(returned):
            return Difference(
                Code.BAD_TYPE, f"returned {_kind(returned)}{_at(path)}; expected an int", path
            )
        if abs(int(returned) - expected) <= int_slack:
            return None
        want = f"expected {expected}"
        return Difference(Code.MISMATCH, f"returned {int(returned)}; {want}", path, want)
    if isinstance(expected, tuple | list):
        if not isinstance(returned, tuple | list):
            return Difference(
                Code.BAD_TYPE,
                f"returned {_kind(returned)}{_at(path)}; expected a {type(expected).__name__} "
                f"of {len(expected)} items",
                path,
            )
        if len(returned) != len(expected):
            return Difference(
                Code.BAD_TYPE,
                f"returned {len(returned)} items{_at(path)}; expected {len(expected)}",
                path,
            )
        for i, (got, want) in enumerate(zip(returned, expected, strict=True)):
            difference = compare(
                got,
                want,
                tol,
                scalar_may_be_0d=scalar_may_be_0d,
                int_slack=int_slack,
                values_only=values_only,
                none_is_value=none_is_value,
                path=f"{path}[{i}]",
            )
            if difference:
                return difference
        return None
    if isinstance(expected, dict):
        if not isinstance(returned, dict):
            return Difference(
                Code.BAD_TYPE, f"returned {_kind(returned)}{_at(path)}; expected a dict", path
            )
        if set(returned) != set(expected):
            return Difference(
                Code.BAD_TYPE,
                f"returned a dict with keys {sorted(returned)}{_at(path)}; expected keys "
                f"{sorted(expected)}",
                path,
            )
        for key, want in expected.items():
            difference = compare(
                returned[key],
                want,
                tol,
                scalar_may_be_0d=scalar_may_be_0d,
                int_slack=int_slack,
                values_only=values_only,
                none_is_value=none_is_value,
                path=f"{path}[{key!r}]",
            )
            if difference:
                return difference
        return None
    raise TypeError(
        f"the reference returned a {type(expected).__name__}, which graders cannot compare"
    )
