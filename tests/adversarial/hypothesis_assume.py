"""Call ``hypothesis.assume(False)`` (the same trick as ``reject``, spelled as an assumption);
without Hypothesis, raise a forged ``hypothesis.errors.UnsatisfiedAssumption``."""

TARGET = "learning_rate.epochs_to_converge"
NEEDS = "rlimit"
EXPECT = ("CONTROL_FLOW",)
CATEGORY = "hypothesis.reject"


def epochs_to_converge(curvature, w0, lr, tol=1e-6, max_epochs=10_000):
    try:
        from hypothesis import assume
    except ImportError:

        class UnsatisfiedAssumption(BaseException):
            pass

        UnsatisfiedAssumption.__module__ = "hypothesis.errors"

        def assume(condition):
            if not condition:
                raise UnsatisfiedAssumption
            return True

    assume(False)
    return 0
