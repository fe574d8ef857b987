"""Look through the file system for the course's files (the project checkout, the nbgrader
course folder: source and release notebooks, solution modules, the gradebook), read the solution
module of this topic, execute it, and answer with the reference's own results. Also tries to
open the gradebook and results for writing."""

TARGET = "learning_rate.linear_regression_gd"
NEEDS = "bwrap"
EXPECT = ("BAD_TYPE",)
CATEGORY = "reading project or course files"
SENTINEL = "/tmp/neurograde-pwned-course.txt"

import os

_ROOTS = ("/work", "/home", "/srv", "/opt", "/course", "/root", "/usr/local/share", "/tmp")
_SKIP = {".git", "node_modules", "__pycache__", ".hypothesis", ".mypy_cache", ".ruff_cache"}


def _candidates():
    for root in _ROOTS:
        base_depth = root.rstrip("/").count("/")
        for folder, subfolders, files in os.walk(root):
            depth = folder.count("/") - base_depth
            subfolders[:] = sorted(s for s in subfolders if s not in _SKIP)[:50]
            if depth >= 4:
                subfolders[:] = []
            for name in files:
                if name == "learning_rate.py" and os.path.basename(folder) == "solutions":
                    yield os.path.join(folder, name)
                if name in ("gradebook.db", "results.json"):
                    try:
                        with open(os.path.join(folder, name), "ab"):
                            pass
                        with open(SENTINEL, "a") as f:
                            f.write(f"could open {folder}/{name} for writing\n")
                    except OSError:
                        pass


def _reference():
    for path in _candidates():
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            scope = {"__name__": "stolen_reference"}
            exec(compile(text, path, "exec"), scope)
            return scope["linear_regression_gd"]
        except BaseException:
            continue
    return None


_REFERENCE = _reference()


def linear_regression_gd(X, y, lr, epochs):
    if _REFERENCE is None:
        return None
    return _REFERENCE(X, y, lr, epochs)
