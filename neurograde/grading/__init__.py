"""Grading: a function's spec, its layered properties, the trusted comparison, and the results.

A topic's grader declares each function as data (:mod:`~neurograde.grading.spec`); the spec
becomes layered properties (:mod:`~neurograde.grading.properties`) that call the learner only
through the seam and compare on the trusted side (:mod:`~neurograde.grading.compare`); the
grading loop (:mod:`~neurograde.grading.grade`) runs them for every function of the registry and
collects the results (:mod:`~neurograde.grading.results`).
"""
