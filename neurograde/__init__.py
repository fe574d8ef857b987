"""The neurograde engine: its version, read once from the package metadata, and its map.

neurograde grades neural-network exercises in a sandbox against a reference.

The engine, read as the pipeline: :mod:`neurograde.build` makes stubs and lesson notebooks from
``solutions/``; :mod:`neurograde.intake` reads a submission; :mod:`neurograde.grading` grades it
against the reference with the course's graders; :mod:`neurograde.isolation` runs the learner's
code in disposable sandboxed workers; :mod:`neurograde.nbgrader` connects all that to an nbgrader
course. :mod:`neurograde.authoring` is what an instructor imports to write a grader.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("neurograde")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
