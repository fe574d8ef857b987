"""Return NaN everywhere: every comparison with NaN is false, so a check written as
``not (abs(got - want) > tol)`` or ``not np.any(got != want)`` style negations passes it."""

TARGET = "neuron.sigmoid_derivative"
NEEDS = "rlimit"
EXPECT = ("NONFINITE",)
CATEGORY = "NaN"
HONEST = '''
def sigmoid_derivative(z):
    import numpy as np
    out = np.zeros(np.shape(z))
    return float(out) if out.ndim == 0 else out
'''

import numpy as np


def sigmoid_derivative(z):
    out = np.full(np.shape(z), np.nan)
    return float(out) if out.ndim == 0 else out
