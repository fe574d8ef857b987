"""Dereference a null pointer through ctypes: the worker dies of SIGSEGV in the middle of a
call, hoping to take the grader down with it or to leave the property unrecorded."""

TARGET = "losses.binary_cross_entropy"
NEEDS = "rlimit"
EXPECT = ("CRASH",)
CATEGORY = "ctypes segfault"

import ctypes


def binary_cross_entropy(p, y, eps=1e-7):
    return ctypes.string_at(0)
