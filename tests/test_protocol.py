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
    without_shared_numbers,
)
from neurograde.isolation.seam import SharedLayout
from neurograde.isolation.worker import execute_call


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


def test_arrays_in_shared_memory_travel_without_their_numbers() -> None:
    x, y = np.arange(100.0), np.array([[1, 2]], dtype=np.int32)
    call = (encode((x, {"y": y, "n": 3, "labels": np.array(["a"])})), encode({"z": (y, 1.5)}))
    layout = SharedLayout.of([call], ["x", "params"])
    sent = json.dumps(layout.sent[0])
    assert "bytes" not in sent
    assert '"data": [1, 2]' not in sent
    assert sent.count('"shared": true') == 3
    plain = decode(layout.sent[0][0])  # what the trusted side would read: descriptions
    assert plain[1]["n"] == 3
    assert isinstance(plain[0], ForeignArray)
    assert plain[1]["labels"] == ForeignArray("<U1", (1,))  # not shared: sent as before
    # The worker puts the arrays back from the shared memory, exactly.
    memory = bytearray(layout.size)
    for data, offset in zip(layout.before[0], layout.offsets[0], strict=True):
        memory[offset : offset + len(data)] = data

    def echo(x: object, params: object, z: object) -> object:
        return [x, params, z]

    reply = execute_call(echo, *layout.sent[0], ["x", "params"], "f.py", memoryview(memory))
    assert reply["status"] == "ok", reply
    assert json.dumps(reply["value"]) == json.dumps(
        encode([*decode(call[0]), decode(call[1])["z"]])
    )


def test_only_the_worker_reads_placeholders() -> None:
    # A reply that asks the trusted side for a huge array of zeros gets a description instead.
    huge = {"__ndarray__": {"dtype": "<f8", "shape": [10**6, 10**6], "shared": True}}
    assert decode(huge) == ForeignArray("<f8", (10**6, 10**6))
    assert without_shared_numbers(encode(np.array(["a"]))) == encode(np.array(["a"]))
    small = without_shared_numbers(encode(np.ones(2)))
    assert np.array_equal(decode(small, placeholders=True), np.zeros(2))
