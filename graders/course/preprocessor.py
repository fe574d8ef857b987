"""Deprecated: use ``neurograde.nbgrader.preprocessor`` (this shim goes in neurograde 0.3)."""

import warnings

from neurograde.nbgrader.preprocessor import SandboxGrade

warnings.warn(
    "graders.course.preprocessor is deprecated: import SandboxGrade from "
    "neurograde.nbgrader.preprocessor in nbgrader_config.py (the old path goes in 0.3)",
    DeprecationWarning,
    stacklevel=2,
)

__all__ = ["SandboxGrade"]
