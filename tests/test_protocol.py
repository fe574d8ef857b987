"""Plain data across the trust boundary: what may cross, and what is refused."""

from __future__ import annotations

import json

import numpy as np
import pytest

from neurograde.isolation.protocol import (
    ForeignArray,
    ProtocolError,
    Unsupported,
    decode,
    encode,
    roundtrip,
)


def test_plain_values_round_trip_exactly() -> None:
    value = (
        np.arange(6.0).reshape(2, 3),
        np.array([1, 2], dtype=np.int32),
        np.array([True, False]),
        1.5,
        float("nan"),
        3,
        True,
        None,
        "text",
        [1.0, (2, 3)],
        {"W1": np.ones((2, 1))},
        np.float32(0.25),
    )
    back = decode(json.loads(json.dumps(encode(value), allow_nan=True)))
    assert type(back) is tuple
    assert back[0].dtype == np.float64
    np.testing.assert_array_equal(back[0], value[0])
    assert back[1].dtype == np.int32
    assert back[2].dtype == np.bool_
    assert back[3] == 1.5
    assert np.isnan(back[4])
    assert back[5:9] == (3, True, None, "text")
    assert back[9] == [1.0, (2, 3)]
    assert isinstance(back[10]["W1"], np.ndarray)
    assert type(back[11]) is np.float32


def test_generator_travels_as_its_state() -> None:
    rng = np.random.default_rng(5)
    rng.normal(size=3)
    copy = roundtrip(rng)
    assert copy is not rng
    assert copy.normal() == rng.normal()


class FakeArray(np.ndarray):
    """An ndarray subclass that could override comparisons."""


class Liar:
    def __eq__(self, other: object) -> bool:
        return True

    def __array__(self, dtype: object = None, copy: object = None) -> np.ndarray:
        return np.zeros(3)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Liar(), Unsupported("tests.test_protocol.Liar")),
        (np.zeros(3).view(FakeArray), Unsupported("tests.test_protocol.FakeArray")),
        (np.zeros(2, dtype=complex), ForeignArray("<c16", (2,))),
        (np.array(["a"], dtype=object), ForeignArray("|O", (1,))),
        ({1: 2.0}, Unsupported("dict with non-string keys")),
    ],
)
def test_objects_that_may_not_cross_become_descriptions(value: object, expected: object) -> None:
    assert roundtrip(value) == expected


def test_too_many_numbers_are_refused() -> None:
    with pytest.raises(ProtocolError, match="more numbers than allowed"):
        encode(np.zeros(1001), max_elements=1000)


def test_too_deep_nesting_is_refused() -> None:
    value: list[object] = []
    for _ in range(40):
        value = [value]
    with pytest.raises(ProtocolError, match="nested too deeply"):
        encode(value)


@pytest.mark.parametrize(
    "message",
    [
        {"__ndarray__": {"dtype": "<f8", "shape": [3], "data": [1.0, 2.0]}},
        {"__ndarray__": {"dtype": "<f8", "shape": [1], "data": ["1"]}},
        {"__ndarray__": {"dtype": "<f8", "shape": [-1], "data": []}},
        {"__evil__": 1},
        {"__generator__": {"bit_generator": "os.system"}},
        {"__tuple__": [], "extra": 1},
    ],
)
def test_malformed_messages_are_rejected(message: object) -> None:
    with pytest.raises(ProtocolError):
        decode(message)
