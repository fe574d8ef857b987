"""Return an object that hijacks numpy's dispatch protocols: ``__array_ufunc__`` makes every
ufunc (``np.equal``, ``np.subtract``, ``np.isfinite`` …) answer "equal / finite / close",
``__array_function__`` makes ``np.allclose`` and ``np.testing`` return success, and
``__array__`` pretends to be an array of the right size, so a grader that compared it with numpy
in-process would pass it."""

TARGET = "learning_rate.gradient_descent_step"
NEEDS = "rlimit"
EXPECT = ("BAD_TYPE",)
CATEGORY = "fake comparison objects"

import numpy as np


class Chameleon:
    __array_priority__ = 10**9

    def __init__(self, shape):
        self.shape = shape
        self.ndim = len(shape)
        self.dtype = np.dtype(float)
        self.size = int(np.prod(shape))

    def __array__(self, dtype=None, copy=None):
        return np.zeros(self.shape, dtype=dtype or float)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if ufunc in (np.subtract, np.absolute, np.add, np.multiply):
            return np.zeros(self.shape)
        return np.ones(self.shape, dtype=bool)

    def __array_function__(self, func, types, args, kwargs):
        if func in (np.allclose, np.array_equal, np.array_equiv):
            return True
        return None

    def __eq__(self, other):
        return True

    def __float__(self):
        return 0.0


def gradient_descent_step(w, grad, lr):
    return Chameleon(np.shape(w))
