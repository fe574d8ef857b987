"""Deprecated import paths of neurograde 0.1, kept for one release (removed in 0.3).

Courses that copied ``course/nbgrader_config.py`` from 0.1 import
``graders.course.preprocessor.SandboxGrade``, and source notebooks built by 0.1 import
``graders.course.kernel.check_in_kernel``. Both still work, with a ``DeprecationWarning`` that
names the new path; nothing else of the old layout is kept.
"""
