"""Mutants of the initializers topic: realistic learner bugs, each named by its docstring.

Each body is what a learner would write; it is appended to the reference module, so it may use
``np``, ``math`` and the module's given helpers and other functions. Many of them pass the
docstring's own examples: a fan swap is invisible on square shapes, a forgotten receptive field on
2-D ones, an ignored ``std`` or ``gain`` at its default, the variance passed as a std when it is
1, the global ``np.random`` state on a single call. The random ones are caught by the
distribution of a large non-square or 4-D sample, or by the rng properties.
"""

from __future__ import annotations

import math

import numpy as np

from tests.submissions import mutant


# -- fan_in_and_fan_out -----------------------------------------------------------------------
@mutant("MISMATCH", mistake="fan_in and fan_out are swapped")
def fan_in_and_fan_out__keras_layout_swapped(shape):
    """Reads the shape as Keras's (in, out): fan_in = shape[0], fan_out = shape[1] (times the
    receptive field). Right on every square shape."""
    if len(shape) < 2:
        raise ValueError("shape needs at least 2 dimensions")
    receptive_field = math.prod(shape[2:])
    return shape[0] * receptive_field, shape[1] * receptive_field


@mutant("MISMATCH", mistake="the receptive field was forgotten")
def fan_in_and_fan_out__receptive_field_forgotten(shape):
    """Returns (shape[1], shape[0]) for every shape: right for matrices, wrong for conv kernels."""
    if len(shape) < 2:
        raise ValueError("shape needs at least 2 dimensions")
    return shape[1], shape[0]


@mutant("BAD_TYPE", costs=("returns",))
def fan_in_and_fan_out__np_prod_gives_floats(shape):
    """np.prod(()) is the float 1.0, so for a matrix both fans come back as floats, not ints."""
    if len(shape) < 2:
        raise ValueError("shape needs at least 2 dimensions")
    receptive_field = np.prod(shape[2:])
    return shape[1] * receptive_field, shape[0] * receptive_field


@mutant("WRONG_ERROR", costs=("errors",))
def fan_in_and_fan_out__one_dim_accepted(shape):
    """A 1-D shape is treated as one layer of shape[0] inputs instead of raising ValueError."""
    if len(shape) == 1:
        return shape[0], 1
    receptive_field = math.prod(shape[2:])
    return shape[1] * receptive_field, shape[0] * receptive_field


# -- zeros, ones, constant --------------------------------------------------------------------
@mutant("BAD_DTYPE", costs=("returns",))
def zeros__int_dtype(shape):
    """Asks numpy for an int array: np.zeros(shape, dtype=int)."""
    return np.zeros(shape, dtype=int)


@mutant("EXCEPTION")
def ones__matlab_style_arguments(shape):
    """Passes the dimensions one by one, as MATLAB's ones(2, 3): np.ones(*shape) reads the second
    dimension as a dtype (and a 1-D shape happens to work)."""
    return np.ones(*shape)


@mutant("BAD_TYPE", costs=("returns",))
def constant__python_list(shape, value):
    """Builds nested Python lists instead of an array."""
    result = float(value)
    for n in reversed(shape):
        result = [result] * n
    return result


@mutant("MISMATCH", mistake="the value was ignored and ones returned")
def constant__value_ignored(shape, value):
    """Forgets the value: returns ones."""
    return np.ones(shape)


@mutant("BAD_DTYPE", costs=("returns",))
def constant__np_full_keeps_int_dtype(shape, value):
    """np.full(shape, value) takes the dtype of the value: an int value gives an int array."""
    return np.full(shape, value)


# -- normal -----------------------------------------------------------------------------------
@mutant("NOT_REPRODUCIBLE", costs=("global_rng",))
def normal__global_rng(shape, rng, mean=0.0, std=1.0):
    """Draws from numpy's global state, np.random.normal, and ignores rng."""
    if std < 0:
        raise ValueError("std must be >= 0")
    return np.random.normal(mean, std, size=shape)


@mutant("NOT_RANDOM", costs=("random",))
def normal__reseeded_generator(shape, rng, mean=0.0, std=1.0):
    """Makes its own generator with a fixed seed, np.random.default_rng(0), so every call returns
    the same numbers whatever rng it is given."""
    if std < 0:
        raise ValueError("std must be >= 0")
    rng = np.random.default_rng(0)
    return rng.normal(mean, std, size=shape)


@mutant("WRONG_DISTRIBUTION", mistake="the std argument was ignored")
def normal__std_ignored(shape, rng, mean=0.0, std=1.0):
    """Shifts standard normal draws by the mean but never scales them by std."""
    if std < 0:
        raise ValueError("std must be >= 0")
    return rng.standard_normal(shape) + mean


@mutant("WRONG_DISTRIBUTION", mistake="the mean argument was ignored")
def normal__mean_ignored(shape, rng, mean=0.0, std=1.0):
    """Scales by std but forgets to add the mean."""
    if std < 0:
        raise ValueError("std must be >= 0")
    return std * rng.standard_normal(shape)


@mutant("WRONG_DISTRIBUTION", mistake="the variance std² was passed")
def normal__variance_passed_as_std(shape, rng, mean=0.0, std=1.0):
    """Believes numpy's normal takes the variance: rng.normal(mean, std**2). Right at std = 1."""
    if std < 0:
        raise ValueError("std must be >= 0")
    return rng.normal(mean, std**2, size=shape)


@mutant("WRONG_DISTRIBUTION", mistake="the mean was added before scaling")
def normal__mean_added_before_scaling(shape, rng, mean=0.0, std=1.0):
    """Computes (z + mean) * std: right when std = 1 or mean = 0."""
    if std < 0:
        raise ValueError("std must be >= 0")
    return (rng.standard_normal(shape) + mean) * std


@mutant("WRONG_ERROR", costs=("errors",))
def normal__negative_std_accepted(shape, rng, mean=0.0, std=1.0):
    """No check of std: z * std + mean silently flips the samples for std < 0."""
    return rng.standard_normal(shape) * std + mean


# -- uniform ----------------------------------------------------------------------------------
@mutant("WRONG_DISTRIBUTION", mistake="not shifted by low")
def uniform__not_shifted_by_low(shape, rng, low=0.0, high=1.0):
    """Scales to the width but forgets to add low: (high - low) * r. Right for the default low."""
    if not low < high:
        raise ValueError("low must be < high")
    return (high - low) * rng.random(shape)


@mutant("WRONG_DISTRIBUTION", mistake="low and high were swapped in the width")
def uniform__width_sign_swapped(shape, rng, low=0.0, high=1.0):
    """Writes the width as low - high: low + (low - high) * r falls below low."""
    if not low < high:
        raise ValueError("low must be < high")
    return low + (low - high) * rng.random(shape)


@mutant("WRONG_DISTRIBUTION", mistake="low and high were ignored")
def uniform__bounds_ignored(shape, rng, low=0.0, high=1.0):
    """Validates low and high but then draws rng.random(shape), U[0, 1)."""
    if not low < high:
        raise ValueError("low must be < high")
    return rng.random(shape)


@mutant("WRONG_ERROR", costs=("errors",))
def uniform__low_equal_high_accepted(shape, rng, low=0.0, high=1.0):
    """Checks low > high instead of low >= high, so low == high gives a constant array."""
    if low > high:
        raise ValueError("low must be < high")
    return rng.uniform(low, high, size=shape)


@mutant("NOT_RANDOM", costs=("random",))
def uniform__global_seed(shape, rng, low=0.0, high=1.0):
    """Seeds numpy's global state "for reproducibility" and draws from it: every call returns
    the same numbers, whatever rng it is given."""
    if not low < high:
        raise ValueError("low must be < high")
    np.random.seed(0)
    return np.random.uniform(low, high, size=shape)


# -- xavier_uniform ---------------------------------------------------------------------------
@mutant("WRONG_DISTRIBUTION", mistake="U[0, a) was drawn instead of U[-a, a)")
def xavier_uniform__zero_to_a(shape, rng, gain=1.0):
    """Draws rng.uniform(0, a): only positive weights."""
    fan_in, fan_out = fan_in_and_fan_out(shape)
    a = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(0.0, a, size=shape)


@mutant("WRONG_DISTRIBUTION", mistake="the gain was ignored")
def xavier_uniform__gain_ignored(shape, rng, gain=1.0):
    """Accepts gain but never multiplies by it. Right at the default gain = 1."""
    fan_in, fan_out = fan_in_and_fan_out(shape)
    a = math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=shape)


@mutant("WRONG_DISTRIBUTION", mistake="the receptive field was forgotten")
def xavier_uniform__receptive_field_forgotten(shape, rng, gain=1.0):
    """Counts fans as shape[1] and shape[0] only: right for matrices, too wide for kernels."""
    if len(shape) < 2:
        raise ValueError("shape needs at least 2 dimensions")
    fan_in, fan_out = shape[1], shape[0]
    a = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=shape)


@mutant("WRONG_DISTRIBUTION", mistake="the Xavier bound was used as the std of a normal")
def xavier_uniform__normal_with_the_bound(shape, rng, gain=1.0):
    """Draws rng.normal(0, a) with the uniform bound a: a normal law, and √3 times too wide."""
    fan_in, fan_out = fan_in_and_fan_out(shape)
    a = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return rng.normal(0.0, a, size=shape)


# -- xavier_normal ----------------------------------------------------------------------------
@mutant("WRONG_DISTRIBUTION", mistake="was passed as the std s")
def xavier_normal__variance_as_std(shape, rng, gain=1.0):
    """Computes the variance s² = gain² * 2 / (fan_in + fan_out) and passes it as the std."""
    fan_in, fan_out = fan_in_and_fan_out(shape)
    variance = gain**2 * 2.0 / (fan_in + fan_out)
    return rng.normal(0.0, variance, size=shape)


@mutant("WRONG_DISTRIBUTION", mistake="of the uniform law was used as the std")
def xavier_normal__bound_as_std(shape, rng, gain=1.0):
    """Copies the Xavier uniform bound √(6 / (fan_in + fan_out)) as the std of the normal."""
    fan_in, fan_out = fan_in_and_fan_out(shape)
    std = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return rng.normal(0.0, std, size=shape)


@mutant("WRONG_DISTRIBUTION", mistake="a uniform law was drawn where a normal one was asked")
def xavier_normal__uniform_drawn(shape, rng, gain=1.0):
    """Draws Xavier uniform U[-a, a) instead: the variance is right, the law is not normal."""
    fan_in, fan_out = fan_in_and_fan_out(shape)
    a = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=shape)


@mutant("EXCEPTION")
def xavier_normal__size_keyword_misnamed(shape, rng, gain=1.0):
    """Passes the shape as shape=..., a keyword numpy's rng.normal does not have (it is size=):
    every call raises TypeError."""
    fan_in, fan_out = fan_in_and_fan_out(shape)
    s = gain * math.sqrt(2.0 / (fan_in + fan_out))
    return rng.normal(0.0, s, shape=shape)


# -- he_uniform -------------------------------------------------------------------------------
@mutant("WRONG_DISTRIBUTION", mistake="fan_out is used where He uses fan_in")
def he_uniform__fan_out(shape, rng):
    """Uses fan_out for the bound: a = √(6 / fan_out). Right on square shapes."""
    _, fan_out = fan_in_and_fan_out(shape)
    a = math.sqrt(6.0 / fan_out)
    return rng.uniform(-a, a, size=shape)


@mutant("EXCEPTION")
def he_uniform__unpacks_two_dimensions(shape, rng):
    """Unpacks the shape as (fan_out, fan_in) = shape, which fails for a 4-D kernel."""
    fan_out, fan_in = shape
    a = math.sqrt(6.0 / fan_in)
    return rng.uniform(-a, a, size=shape)


@mutant("WRONG_DISTRIBUTION", mistake="the 2 of He was forgotten")
def he_uniform__without_the_2(shape, rng):
    """Uses the LeCun bound √(3 / fan_in): the ReLU factor 2 is missing."""
    fan_in, _ = fan_in_and_fan_out(shape)
    a = math.sqrt(3.0 / fan_in)
    return rng.uniform(-a, a, size=shape)


# -- he_normal --------------------------------------------------------------------------------
@mutant("WRONG_DISTRIBUTION", mistake="fan_out is used where He uses fan_in")
def he_normal__fan_out(shape, rng):
    """Uses fan_out for the std: s = √(2 / fan_out). Right on square shapes."""
    _, fan_out = fan_in_and_fan_out(shape)
    return rng.normal(0.0, math.sqrt(2.0 / fan_out), size=shape)


@mutant("WRONG_DISTRIBUTION", mistake="the 2 of He was forgotten")
def he_normal__without_the_2(shape, rng):
    """Uses s = √(1 / fan_in) (LeCun's std): forgot the 2 in He."""
    fan_in, _ = fan_in_and_fan_out(shape)
    return rng.normal(0.0, math.sqrt(1.0 / fan_in), size=shape)


@mutant("WRONG_DISTRIBUTION", mistake="the receptive field was forgotten")
def he_normal__receptive_field_forgotten(shape, rng):
    """Takes fan_in = shape[1]: right for matrices, √9 = 3 times too wide for a 3 x 3 kernel."""
    if len(shape) < 2:
        raise ValueError("shape needs at least 2 dimensions")
    return rng.normal(0.0, math.sqrt(2.0 / shape[1]), size=shape)


@mutant("WRONG_DISTRIBUTION", mistake="the variance 2 / fan_in was passed as the std")
def he_normal__variance_as_std(shape, rng):
    """Passes the variance 2 / fan_in where numpy wants the standard deviation."""
    fan_in, _ = fan_in_and_fan_out(shape)
    return rng.normal(0.0, 2.0 / fan_in, size=shape)


@mutant("NOT_REPRODUCIBLE", costs=("global_rng",))
def he_normal__global_randn(shape, rng):
    """Draws with np.random.randn from numpy's global state."""
    fan_in, _ = fan_in_and_fan_out(shape)
    return np.random.randn(*shape) * math.sqrt(2.0 / fan_in)


# -- init_network -----------------------------------------------------------------------------
@mutant("MISMATCH", mistake="the biases were set to ones")
def init_network__biases_ones(layer_sizes, rng, method="xavier_uniform"):
    """Starts every bias at 1 instead of 0."""
    if len(layer_sizes) < 2:
        raise ValueError("need at least 2 layer sizes")
    if method not in _INIT_METHODS:
        raise ValueError(f"unknown method {method!r}")
    draw = globals()[method]
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        W = draw((n_out, n_in)) if method in ("zeros", "ones") else draw((n_out, n_in), rng)
        params.append((W, np.ones(n_out)))
    return params


@mutant("BAD_SHAPE")
def init_network__keras_layout(layer_sizes, rng, method="xavier_uniform"):
    """Makes W of shape (n_l, n_{l+1}), the Keras layout, where the API wants (n_{l+1}, n_l)."""
    if len(layer_sizes) < 2:
        raise ValueError("need at least 2 layer sizes")
    if method not in _INIT_METHODS:
        raise ValueError(f"unknown method {method!r}")
    draw = globals()[method]
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        W = draw((n_in, n_out)) if method in ("zeros", "ones") else draw((n_in, n_out), rng)
        params.append((W, np.zeros(n_out)))
    return params


@mutant("WRONG_DISTRIBUTION", mistake="drawn for the shape (n_l, n_{l+1}) and then transposed")
def init_network__transposed_keras_draw(layer_sizes, rng, method="xavier_uniform"):
    """Draws W in the Keras layout (n_l, n_{l+1}) and transposes it: the shape is right but the
    fans are swapped, so He's scale is wrong (Xavier's, symmetric, happens to be right)."""
    if len(layer_sizes) < 2:
        raise ValueError("need at least 2 layer sizes")
    if method not in _INIT_METHODS:
        raise ValueError(f"unknown method {method!r}")
    draw = globals()[method]
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        W = draw((n_in, n_out)) if method in ("zeros", "ones") else draw((n_in, n_out), rng)
        params.append((W.T.copy(), np.zeros(n_out)))
    return params


@mutant("MISMATCH", "WRONG_DISTRIBUTION", mistake="the method argument was ignored")
def init_network__method_ignored(layer_sizes, rng, method="xavier_uniform"):
    """Checks the method name but always draws xavier_uniform."""
    if len(layer_sizes) < 2:
        raise ValueError("need at least 2 layer sizes")
    if method not in _INIT_METHODS:
        raise ValueError(f"unknown method {method!r}")
    return [
        (xavier_uniform((n_out, n_in), rng), zeros((n_out,)))
        for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])
    ]


@mutant("WRONG_ERROR", costs=("errors",))
def init_network__unknown_method_falls_back(layer_sizes, rng, method="xavier_uniform"):
    """Any unknown method name (and "constant") silently falls back to xavier_uniform."""
    if len(layer_sizes) < 2:
        raise ValueError("need at least 2 layer sizes")
    draw = {
        "zeros": lambda s: zeros(s),
        "ones": lambda s: ones(s),
        "normal": lambda s: normal(s, rng),
        "uniform": lambda s: uniform(s, rng),
        "xavier_normal": lambda s: xavier_normal(s, rng),
        "he_uniform": lambda s: he_uniform(s, rng),
        "he_normal": lambda s: he_normal(s, rng),
    }.get(method, lambda s: xavier_uniform(s, rng))
    return [
        (draw((n_out, n_in)), zeros((n_out,)))
        for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])
    ]


@mutant("BAD_TYPE")
def init_network__last_layer_missing(layer_sizes, rng, method="xavier_uniform"):
    """Loops over range(len(layer_sizes) - 2): the output layer is never made."""
    if len(layer_sizes) < 2:
        raise ValueError("need at least 2 layer sizes")
    if method not in _INIT_METHODS:
        raise ValueError(f"unknown method {method!r}")
    draw = globals()[method]
    params = []
    for l in range(len(layer_sizes) - 2):  # noqa: E741
        shape = (layer_sizes[l + 1], layer_sizes[l])
        W = draw(shape) if method in ("zeros", "ones") else draw(shape, rng)
        params.append((W, np.zeros(layer_sizes[l + 1])))
    return params


@mutant("NOT_REPRODUCIBLE", costs=("reproducible",))
def init_network__new_unseeded_generator(layer_sizes, rng, method="xavier_uniform"):
    """Makes a fresh np.random.default_rng() (unseeded) instead of using rng: the same seed no
    longer gives the same network."""
    if len(layer_sizes) < 2:
        raise ValueError("need at least 2 layer sizes")
    if method not in _INIT_METHODS:
        raise ValueError(f"unknown method {method!r}")
    generator = np.random.default_rng()
    draw = globals()[method]
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        W = draw((n_out, n_in)) if method in ("zeros", "ones") else draw((n_out, n_in), generator)
        params.append((W, np.zeros(n_out)))
    return params
