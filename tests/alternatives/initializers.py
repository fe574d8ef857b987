"""Alternatives of the initializers topic: correct implementations that differ from the reference.

They draw other numbers from the same seed than the reference does (``standard_normal`` scaled,
``2 * random - 1``, Box-Muller, float32 draws), count fans with ``np.prod`` or loops, build
constants with ``np.full`` or arithmetic, and walk the layers with index loops: every one must get
full marks, so the random functions are graded by their distribution, not their values.
"""

from __future__ import annotations

import math

import numpy as np


def fan_in_and_fan_out__np_prod_cast_to_int(shape):
    """Fans with np.prod over the trailing axes, cast back to Python ints."""
    shape = tuple(shape)
    if len(shape) < 2:
        raise ValueError(f"need at least 2 dimensions, got {shape}")
    receptive_field = int(np.prod(shape[2:]))
    return int(shape[1]) * receptive_field, int(shape[0]) * receptive_field


def fan_in_and_fan_out__loop(shape):
    """Counts the weights each output reads and each input feeds with a loop."""
    if len(shape) < 2:
        raise ValueError("shape must have at least 2 dimensions")
    fan_in, fan_out = shape[1], shape[0]
    for k in shape[2:]:
        fan_in *= k
        fan_out *= k
    return int(fan_in), int(fan_out)


def zeros__np_full(shape):
    """np.full with the float 0.0."""
    return np.full(shape, 0.0)


def ones__zeros_plus_one(shape):
    """Zeros plus one."""
    return np.zeros(shape) + 1.0


def constant__np_full_float(shape, value):
    """np.full with float(value), so an int value still gives float64."""
    return np.full(shape, float(value))


def constant__ones_times_value(shape, value):
    """Ones scaled by the value (float64 because ones are)."""
    return np.ones(shape, dtype=np.float64) * value


def normal__standard_normal_scaled(shape, rng, mean=0.0, std=1.0):
    """standard_normal() * std + mean instead of rng.normal(mean, std)."""
    if std < 0:
        raise ValueError(f"std must be non-negative, got {std}")
    return rng.standard_normal(shape) * std + mean


def normal__box_muller(shape, rng, mean=0.0, std=1.0):
    """The Box-Muller transform of two uniform draws."""
    if std < 0:
        raise ValueError("std must be >= 0")
    u1 = 1.0 - rng.random(shape)  # in (0, 1], so the log is finite
    u2 = rng.random(shape)
    z = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)
    return mean + std * z


def uniform__scaled_random(shape, rng, low=0.0, high=1.0):
    """low + (high - low) * rng.random(shape)."""
    if low >= high:
        raise ValueError(f"need low < high, got {low} and {high}")
    return low + (high - low) * rng.random(shape)


def uniform__float32_draws(shape, rng, low=0.0, high=1.0):
    """Draws U[0, 1) in float32 and scales it in float64."""
    if not low < high:
        raise ValueError("low must be smaller than high")
    r = rng.random(shape, dtype=np.float32).astype(np.float64)
    return low + (high - low) * r


def xavier_uniform__two_r_minus_one(shape, rng, gain=1.0):
    """a * (2 * rng.random(shape) - 1), with the fans counted by np.prod."""
    if len(shape) < 2:
        raise ValueError("shape needs at least 2 dimensions")
    fan_in = int(np.prod(shape[1:]))
    fan_out = int(shape[0] * np.prod(shape[2:]))
    a = gain * np.sqrt(6.0 / (fan_in + fan_out))
    return a * (2.0 * rng.random(shape) - 1.0)


def xavier_normal__float32_standard_normal(shape, rng, gain=1.0):
    """Standard normal draws in float32, scaled by s and returned as float64."""
    fan_in, fan_out = fan_in_and_fan_out(shape)
    s = gain * math.sqrt(2.0 / (fan_in + fan_out))
    z = rng.standard_normal(shape, dtype=np.float32)
    return (z * np.float32(s)).astype(np.float64)


def xavier_normal__variance_then_sqrt(shape, rng, gain=1.0):
    """Computes the variance first and takes its square root for numpy's scale."""
    fan_in, fan_out = fan_in_and_fan_out(shape)
    variance = gain**2 * 2.0 / (fan_in + fan_out)
    return rng.normal(loc=0.0, scale=np.sqrt(variance), size=shape)


def he_uniform__rng_uniform_np_prod(shape, rng):
    """rng.uniform(-a, a, size=shape) with fan_in = np.prod(shape[1:])."""
    if len(shape) < 2:
        raise ValueError("he_uniform needs a shape of at least 2 dimensions")
    fan_in = np.prod(shape[1:])
    a = np.sqrt(6.0 / fan_in)
    return rng.uniform(-a, a, size=shape)


def he_uniform__through_uniform(shape, rng):
    """Calls the module's own uniform with the He bound."""
    fan_in, _ = fan_in_and_fan_out(shape)
    a = math.sqrt(6.0 / fan_in)
    return uniform(shape, rng, -a, a)


def he_normal__through_normal(shape, rng):
    """Calls the module's own normal with std = sqrt(2 / fan_in)."""
    fan_in, _ = fan_in_and_fan_out(shape)
    return normal(shape, rng, 0.0, math.sqrt(2.0 / fan_in))


def he_normal__standard_normal_scaled(shape, rng):
    """rng.standard_normal(shape) * sqrt(2 / fan_in)."""
    fan_in, _ = fan_in_and_fan_out(shape)
    return rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)


def init_network__index_loop(layer_sizes, rng, method="xavier_uniform"):
    """An index loop and an if/elif chain over the method names."""
    if len(layer_sizes) < 2:
        raise ValueError("need at least two layer sizes")
    names = ["zeros", "ones", "normal", "uniform", "xavier_uniform", "xavier_normal",
             "he_uniform", "he_normal"]  # fmt: skip
    if method not in names:
        raise ValueError(f"unknown method {method!r}; choose one of {names}")
    params = []
    for l in range(len(layer_sizes) - 1):  # noqa: E741
        shape = (layer_sizes[l + 1], layer_sizes[l])
        if method == "zeros":
            W = zeros(shape)
        elif method == "ones":
            W = ones(shape)
        elif method == "normal":
            W = normal(shape, rng)
        elif method == "uniform":
            W = uniform(shape, rng)
        elif method == "xavier_uniform":
            W = xavier_uniform(shape, rng)
        elif method == "xavier_normal":
            W = xavier_normal(shape, rng)
        elif method == "he_uniform":
            W = he_uniform(shape, rng)
        else:
            W = he_normal(shape, rng)
        params.append((W, np.zeros(layer_sizes[l + 1])))
    return params


def init_network__dict_of_functions(layer_sizes, rng, method="xavier_uniform"):
    """A dict of initialisers and a comprehension over zipped sizes."""
    inits = {
        "zeros": lambda s, r: zeros(s),
        "ones": lambda s, r: ones(s),
        "normal": normal,
        "uniform": uniform,
        "xavier_uniform": xavier_uniform,
        "xavier_normal": xavier_normal,
        "he_uniform": he_uniform,
        "he_normal": he_normal,
    }
    if len(layer_sizes) < 2 or method not in inits:
        raise ValueError(f"bad layer_sizes {layer_sizes!r} or method {method!r}")
    init = inits[method]
    return [
        (init((n_out, n_in), rng), zeros((n_out,)))
        for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])
    ]
