"""The nbgrader integration: grade a course's notebooks in the sandbox and record the points.

``neurograde autograde`` grades a class into nbgrader's gradebook
(:mod:`~neurograde.nbgrader.autograde`, with the results cache of
:mod:`~neurograde.nbgrader.cache`); the preprocessor takes the place of nbgrader's ``Execute``
(:mod:`~neurograde.nbgrader.preprocessor`); the source notebooks' hidden tests check the reference
in the kernel (:mod:`~neurograde.nbgrader.kernel`); ``neurograde report`` and ``neurograde demo``
read and exercise the whole cycle (:mod:`~neurograde.nbgrader.report`,
:mod:`~neurograde.nbgrader.demo`, :mod:`~neurograde.nbgrader.samples`).
"""
