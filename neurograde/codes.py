"""The one vocabulary of feedback: a message code and its learner-facing sentence.

Every outcome a grader reports carries one of these codes. The sentences are fixed (the tests
check them word for word); details such as the failing input are added around them.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """Why a property passed or failed."""

    OK = "OK"
    NOT_IMPLEMENTED = "NOT_IMPLEMENTED"
    MISSING = "MISSING"
    LOAD_ERROR = "LOAD_ERROR"
    EXCEPTION = "EXCEPTION"
    CONTROL_FLOW = "CONTROL_FLOW"
    TIMEOUT = "TIMEOUT"
    MEMORY = "MEMORY"
    CRASH = "CRASH"
    BAD_TYPE = "BAD_TYPE"
    BAD_SHAPE = "BAD_SHAPE"
    BAD_DTYPE = "BAD_DTYPE"
    NONFINITE = "NONFINITE"
    MISMATCH = "MISMATCH"
    MUTATED_INPUT = "MUTATED_INPUT"
    UNSTABLE = "UNSTABLE"
    WRONG_ERROR = "WRONG_ERROR"
    NOT_RANDOM = "NOT_RANDOM"
    NOT_REPRODUCIBLE = "NOT_REPRODUCIBLE"
    WRONG_DISTRIBUTION = "WRONG_DISTRIBUTION"
    OUTPUT_TOO_LARGE = "OUTPUT_TOO_LARGE"
    GRADER_ERROR = "GRADER_ERROR"


MESSAGES: dict[Code, str] = {
    Code.OK: "Passed.",
    Code.NOT_IMPLEMENTED: "Not implemented yet: the function still raises NotImplementedError.",
    Code.MISSING: "Not found: the submission has no function (or module) of this name.",
    Code.LOAD_ERROR: "Your code could not be loaded, so this function could not be run.",
    Code.EXCEPTION: "Your function raised an exception on a valid input.",
    Code.CONTROL_FLOW: (
        "Your function tried to stop, skip or steer the grader (exit, skip, assume or reject); "
        "that is not allowed."
    ),
    Code.TIMEOUT: "Your function took too long and was stopped.",
    Code.MEMORY: "Your function used too much memory and was stopped.",
    Code.CRASH: "Your function crashed the process that ran it.",
    Code.BAD_TYPE: "Your function returned the wrong kind of value.",
    Code.BAD_SHAPE: "Your function returned an array of the wrong shape.",
    Code.BAD_DTYPE: "Your function returned an array of the wrong dtype: use float64.",
    Code.NONFINITE: "Your function returned NaN or infinity where the answer is finite.",
    Code.MISMATCH: "Your function returned a wrong value.",
    Code.MUTATED_INPUT: (
        "Your function changed an input it was given, or handed an input back as its result: "
        "the caller's data must stay as it was."
    ),
    Code.UNSTABLE: (
        "Your function is not numerically stable: at extreme inputs it overflows, warns or "
        "loses the answer."
    ),
    Code.WRONG_ERROR: (
        "Your function did not reject a bad argument with the right exception "
        "(ValueError or TypeError with a message)."
    ),
    Code.NOT_RANDOM: (
        "Different random generators gave the same numbers: draw from the rng argument."
    ),
    Code.NOT_REPRODUCIBLE: (
        "The same random generator state gave different numbers: draw only from the rng "
        "argument, never from np.random's global state."
    ),
    Code.WRONG_DISTRIBUTION: "Your samples do not follow the distribution asked for.",
    Code.OUTPUT_TOO_LARGE: "Your function returned or printed far more data than allowed.",
    Code.GRADER_ERROR: (
        "The grader failed on this function (not your fault): no score was recorded and your "
        "instructor has been told."
    ),
}

# Codes that end a function's grading at once: nothing else can be learned by calling it again.
FATAL = frozenset({Code.NOT_IMPLEMENTED, Code.MISSING, Code.LOAD_ERROR, Code.GRADER_ERROR})
