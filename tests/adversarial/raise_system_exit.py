"""Raise ``SystemExit(0)`` directly (not through ``sys.exit``), wrapped so that it also escapes a
``finally`` that tries to return a value: the grader should see neither a value nor success."""

TARGET = "learning_rate.linear_regression_gd"
NEEDS = "rlimit"
EXPECT = ("CONTROL_FLOW",)
CATEGORY = "KeyboardInterrupt/SystemExit"


def linear_regression_gd(X, y, lr, epochs):
    try:
        raise SystemExit(0)
    finally:
        print("exiting with status 0: all tests passed")
