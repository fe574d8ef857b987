# Generated from solutions/__init__.py by `neurograde build`: edit the source, not this file.
# Regenerate with `neurograde build`; `neurograde build --check` finds stale files.
"""Reference solutions: the single source of every function body of the course."""
