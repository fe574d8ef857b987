"""neurograde's instructor side: the build, the hidden graders, the sandboxed runner and the CLI.

Nothing in this package is shipped to learners.
"""

__version__ = "0.1.0"
