"""Plain data across the trust boundary: values to JSON-ready structures and back.

Only plain data crosses between the trusted side and learner code: ndarrays (dtype, shape and
a flat list, or their bytes in base64 from :data:`BINARY_FROM` numbers on), numpy scalars,
floats, complex numbers, ints, bools, ``None``, strings, lists, tuples
(kept as tuples), dicts with string keys, and ``numpy.random.Generator`` (sent as its bit
generator's state, rebuilt on the other side). Any other object becomes :class:`Unsupported`
and an array of a non-numeric dtype becomes :class:`ForeignArray`, so that the grader can say
what was returned without ever holding the object itself. The in-process seam and the sandbox
worker use the same two functions, so both see exactly the same values.

Messages travel as frames: a 4-byte big-endian length, then that many bytes of JSON. Both ends
read them with the one :func:`recv_frame` (the trusted side with a deadline, the worker without).
"""

from __future__ import annotations

import base64
import json
import math
import select
import socket
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

MAX_FRAME = 64 * 1024 * 1024  # bytes of one message

# Dtype kinds whose values travel: bool, signed and unsigned int, float.
NUMERIC_KINDS = frozenset("biuf")
MAX_DEPTH = 16
# Arrays of at least this many numbers travel as their bytes (base64), smaller ones as a list.
BINARY_FROM = 64
_NUMBER_TYPES = frozenset({bool, int, float})


class ProtocolError(ValueError):
    """A value is too large or too deep to send, or a message is malformed."""


@dataclass(frozen=True)
class Unsupported:
    """An object of a type that may not cross the boundary; only its type name does."""

    type_name: str


@dataclass(frozen=True)
class ForeignArray:
    """An ndarray whose dtype does not travel (complex, object, str): dtype and shape only."""

    dtype: str
    shape: tuple[int, ...]


def _type_name(value: object) -> str:
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


# Captured at import, before any learner code runs in the same process, so that reassigning
# numpy's attributes cannot change what is recognised.
_NUMPY_SCALARS = (np.bool_, np.integer, np.floating)
_NDARRAY = np.ndarray
_GENERATOR = np.random.Generator


class _Encoder:
    def __init__(self, max_elements: int) -> None:
        self.budget = max_elements

    def spend(self, count: int) -> None:
        self.budget -= count
        if self.budget < 0:
            raise ProtocolError("the value holds more numbers than allowed")

    def encode(self, value: Any, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise ProtocolError("the value is nested too deeply")
        kind = type(value)
        if value is None or kind in (bool, int, str):
            self.spend(1 if kind is not str else 1 + len(value) // 64)
            return value
        if kind is float:
            self.spend(1)
            return value
        if kind is complex:
            self.spend(1)
            return {"__complex__": [value.real, value.imag]}
        if kind is _NDARRAY:
            return self._array(value)
        if isinstance(value, _NUMPY_SCALARS) and kind.__module__ == "numpy":
            self.spend(1)
            return {"__scalar__": {"dtype": value.dtype.str, "value": value.item()}}
        if kind is list:
            self.spend(1)
            return [self.encode(item, depth + 1) for item in value]
        if kind is tuple:
            self.spend(1)
            return {"__tuple__": [self.encode(item, depth + 1) for item in value]}
        if kind is dict:
            self.spend(1)
            if not all(type(key) is str for key in value):
                return {"__unsupported__": "dict with non-string keys"}
            return {"__dict__": [[k, self.encode(v, depth + 1)] for k, v in value.items()]}
        if kind is _GENERATOR:
            return {"__generator__": value.bit_generator.state}
        return {"__unsupported__": _type_name(value)}

    def _array(self, array: np.ndarray[Any, Any]) -> Any:
        self.spend(1 + array.size)
        header = {"dtype": array.dtype.str, "shape": list(array.shape)}
        if array.dtype.kind not in NUMERIC_KINDS:
            return {"__ndarray__": {**header, "data": None}}
        if array.size >= BINARY_FROM:  # the bytes themselves: exact, and far faster than text
            raw = np.ascontiguousarray(array).tobytes()
            return {"__ndarray__": {**header, "bytes": base64.b64encode(raw).decode("ascii")}}
        return {"__ndarray__": {**header, "data": array.ravel().tolist()}}


def encode(value: Any, max_elements: int = 2_000_000) -> Any:
    """Turn ``value`` into JSON-ready plain data, or raise :class:`ProtocolError` when too large."""
    return _Encoder(max_elements).encode(value)


def without_shared_numbers(data: Any) -> Any:
    """``data`` (from :func:`encode`) with the numbers of its numeric arrays left out.

    For a call whose arrays travel in memory shared with the worker, which puts views on that
    memory in their place (``worker.place_arrays``): the request then carries each array's
    dtype and shape only, and the worker decodes it (``placeholders=True``) as zeros.
    """
    if type(data) is list:
        return [without_shared_numbers(item) for item in data]
    if type(data) is not dict or len(data) != 1:
        return data
    ((tag, body),) = data.items()
    if tag == "__tuple__":
        return {tag: [without_shared_numbers(item) for item in body]}
    if tag == "__dict__":
        return {tag: [[key, without_shared_numbers(value)] for key, value in body]}
    if tag == "__ndarray__" and np.dtype(body["dtype"]).kind in NUMERIC_KINDS:
        return {tag: {"dtype": body["dtype"], "shape": body["shape"], "shared": True}}
    return data


def _decode_array(spec: Any, placeholders: bool = False) -> np.ndarray[Any, Any] | ForeignArray:
    dtype = np.dtype(spec["dtype"])
    shape = tuple(int(n) for n in spec["shape"])
    if any(n < 0 for n in shape):
        raise ProtocolError(f"negative array dimension in {shape}")
    if placeholders and spec.get("shared") is True and dtype.kind in NUMERIC_KINDS:
        return np.zeros(shape, dtype=dtype)  # its view on the shared memory replaces it
    if "bytes" in spec and dtype.kind in NUMERIC_KINDS:
        if type(spec["bytes"]) is not str:
            raise ProtocolError("array bytes are not text")
        try:
            raw = base64.b64decode(spec["bytes"], validate=True)
        except ValueError as error:
            raise ProtocolError(f"array bytes are not base64: {error}") from None
        if len(raw) != math.prod(shape) * dtype.itemsize:
            raise ProtocolError("array bytes do not match its shape")
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    data = spec.get("data")
    if data is None or dtype.kind not in NUMERIC_KINDS:
        return ForeignArray(dtype.str, shape)
    if not isinstance(data, list) or len(data) != math.prod(shape):
        raise ProtocolError("array data does not match its shape")
    if not set(map(type, data)) <= _NUMBER_TYPES:
        raise ProtocolError("array data holds something that is not a number")
    return np.array(data, dtype=dtype).reshape(shape)


def decode(data: Any, depth: int = 0, placeholders: bool = False) -> Any:
    """Rebuild a value from :func:`encode`'s output, checking every part of it.

    ``placeholders``: the worker's reading of a request made by :func:`without_shared_numbers`
    (never the trusted side's: a reply could otherwise ask it for zeros of any size).
    """
    if depth > MAX_DEPTH + 1:
        raise ProtocolError("the message is nested too deeply")
    if data is None or type(data) in (bool, int, float, str):
        return data
    if type(data) is list:
        return [decode(item, depth + 1, placeholders) for item in data]
    if type(data) is not dict or len(data) != 1:
        raise ProtocolError(f"unexpected {type(data).__name__} in a message")
    ((tag, body),) = data.items()
    if tag == "__tuple__" and type(body) is list:
        return tuple(decode(item, depth + 1, placeholders) for item in body)
    if tag == "__dict__" and type(body) is list:
        pairs = [(str(k), decode(v, depth + 1, placeholders)) for k, v in body]
        return dict(pairs)
    if tag == "__ndarray__" and type(body) is dict:
        return _decode_array(body, placeholders)
    if tag == "__scalar__" and type(body) is dict:
        dtype = np.dtype(body["dtype"])
        if dtype.kind not in NUMERIC_KINDS or type(body["value"]) not in (bool, int, float):
            raise ProtocolError("malformed numpy scalar")
        return dtype.type(body["value"])
    if tag == "__generator__" and type(body) is dict:
        name = body.get("bit_generator")
        if name not in ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"):
            raise ProtocolError(f"unknown bit generator {name!r}")
        bit_generator = getattr(np.random, str(name))()
        bit_generator.state = body
        return np.random.Generator(bit_generator)
    if tag == "__complex__" and type(body) is list and len(body) == 2:
        if not all(type(part) in (int, float) for part in body):
            raise ProtocolError("malformed complex number")
        return complex(body[0], body[1])
    if tag == "__unsupported__" and type(body) is str:
        return Unsupported(body)
    raise ProtocolError(f"unknown tag {tag!r} in a message")


def roundtrip(value: Any, max_elements: int = 2_000_000) -> Any:
    """What the other side of the boundary receives when ``value`` is sent."""
    return decode(encode(value, max_elements))


# -- framing --------------------------------------------------------------------------------------
class FrameTooLarge(OverflowError):
    """A frame announced more bytes than the reader accepts."""


def send_frame(sock: socket.socket, message: Any) -> None:
    """Send one length-prefixed JSON message."""
    data = json.dumps(message, allow_nan=True, separators=(",", ":")).encode()
    sock.sendall(len(data).to_bytes(4, "big") + data)


def _read(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    chunks, remaining = [], size
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([sock], [], [], left)[0]:
                raise TimeoutError
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def recv_frame(sock: socket.socket, deadline: float | None = None, limit: int = MAX_FRAME) -> Any:
    """Receive one message, waiting until ``deadline`` (``time.monotonic()``) or for ever.

    Raises :class:`EOFError` when the stream ends, :class:`TimeoutError` past the deadline,
    :class:`FrameTooLarge` when the frame is over ``limit`` bytes, and ``ValueError`` (or
    ``RecursionError``) when its JSON cannot be read.
    """
    size = int.from_bytes(_read(sock, 4, deadline), "big")
    if size > limit:
        raise FrameTooLarge(f"message of {size} bytes is over the limit of {limit}")
    return json.loads(_read(sock, size, deadline))
