"""Return an array with every dimension of size 1 (or shape (0,)): it broadcasts against the
expected array, so an elementwise comparison checks only one number (or none) against all of
the expected ones."""

TARGET = "learning_rate.gradient_descent_step"
NEEDS = "rlimit"
EXPECT = ("BAD_SHAPE",)
CATEGORY = "empty broadcasting array"
HONEST = '''
def gradient_descent_step(w, grad, lr):
    import numpy as np
    out = np.zeros(np.shape(w))
    return float(out) if out.ndim == 0 else out
'''

import numpy as np


def gradient_descent_step(w, grad, lr):
    w = np.asarray(w, dtype=float)
    if w.ndim == 0:
        return np.zeros((0,))
    return np.full((1,) * w.ndim, float(np.mean(w)))
