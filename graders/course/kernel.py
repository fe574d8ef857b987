"""Deprecated: use ``neurograde.nbgrader.kernel`` (this shim goes in neurograde 0.3)."""

import warnings

from neurograde.nbgrader.kernel import check_in_kernel, points_in_kernel

warnings.warn(
    "graders.course.kernel is deprecated: rebuild the course with `neurograde build`, whose "
    "notebooks import neurograde.nbgrader.kernel (the old path goes in 0.3)",
    DeprecationWarning,
    stacklevel=2,
)

__all__ = ["check_in_kernel", "points_in_kernel"]
