"""Isolation: where learner code runs, and the plain data that crosses back to the grader.

The grader calls a candidate through the seam (:mod:`~neurograde.isolation.seam`); a runner
provides the candidates, in this process for trusted code (:mod:`~neurograde.isolation.runner`)
or in disposable sandboxed workers for submissions (:mod:`~neurograde.isolation.sandbox`, whose
untrusted side is :mod:`~neurograde.isolation.worker`); only the JSON-ready values of
:mod:`~neurograde.isolation.protocol` cross between them.
"""
