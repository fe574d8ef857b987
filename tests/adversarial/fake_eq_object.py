"""Return an object that claims to equal anything: ``__eq__`` and every other comparison are
true, ``__float__`` / ``__abs__`` / ``__sub__`` make ``abs(got - want) <= tol`` hold, and
``__bool__`` is true, so that a grader comparing the returned object itself would pass it."""

TARGET = "losses.mse"
NEEDS = "rlimit"
EXPECT = ("BAD_TYPE",)
CATEGORY = "fake comparison objects"


class AlwaysEqual(float):
    def __new__(cls):
        return super().__new__(cls, 0.0)

    def __eq__(self, other):
        return True

    __le__ = __ge__ = __eq__

    def __ne__(self, other):
        return False

    __lt__ = __gt__ = __ne__

    def __hash__(self):
        return 0

    def __sub__(self, other):
        return AlwaysEqual()

    __rsub__ = __add__ = __radd__ = __mul__ = __rmul__ = __truediv__ = __sub__

    def __abs__(self):
        return 0.0

    def __bool__(self):
        return True

    def __float__(self):
        return 0.0

    def __repr__(self):
        return "0.0"


def mse(y_pred, y_true):
    return AlwaysEqual()
