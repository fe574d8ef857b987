"""Return a fully masked ``numpy.ma`` array: every comparison with it is masked, so
``np.ma.allclose``, ``(out == expected).all()`` and ``assert_array_equal`` pass vacuously."""

TARGET = "neuron.relu_derivative"
NEEDS = "rlimit"
EXPECT = ("BAD_TYPE",)
CATEGORY = "ndarray subclass"
HONEST = '''
def relu_derivative(z):
    import numpy as np
    out = np.zeros(np.shape(z))
    return float(out) if out.ndim == 0 else out
'''

import numpy as np


def relu_derivative(z):
    return np.ma.masked_all(np.shape(z), dtype=float)
