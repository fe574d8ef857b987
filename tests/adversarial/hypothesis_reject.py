"""Call ``hypothesis.reject()`` so that every generated example is discarded as invalid: an
in-process Hypothesis test whose examples are all rejected never fails. Where Hypothesis cannot
be imported, raise an exception that claims to be Hypothesis's own (same name and module)."""

TARGET = "learning_rate.quadratic_descent"
NEEDS = "rlimit"
EXPECT = ("CONTROL_FLOW",)
CATEGORY = "hypothesis.reject"


def quadratic_descent(curvature, w0, lr, epochs):
    try:
        from hypothesis import reject
    except ImportError:

        class UnsatisfiedAssumption(BaseException):
            pass

        UnsatisfiedAssumption.__module__ = "hypothesis.errors"

        def reject():
            raise UnsatisfiedAssumption

    reject()
