"""The engine's import graph: no cycle, and content and engine depend on each other one way only.

Every import is read with ``ast`` from the source, wherever it is written: at the top of a module,
inside a function (a lazy import) or under ``if TYPE_CHECKING:``. A cycle hidden in one of those
places still says that two modules share one responsibility, so it counts like any other.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

from tests.api_doc import REPO

ENGINE = "neurograde"
CONTENT = "graders"
# The one engine module a grader may import: the authoring API.
AUTHORING = "neurograde.authoring"
# Deprecated import paths of the nbgrader config (`graders.course.kernel`,
# `graders.course.preprocessor`), kept one release for courses that copied the old config: they
# re-export engine modules by design, and go with them in neurograde 0.3.
DEPRECATED_SHIMS = "graders.course"

Graph = dict[str, set[str]]


def modules_of(root: Path, packages: list[str]) -> dict[str, Path]:
    """Every module and package of ``packages`` under ``root``, by dotted name.

    A package folder without ``__init__.py`` (a namespace package) is a node without imports, so
    that ``from pkg.sub import module`` names ``pkg.sub`` and not a parent package.
    """
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
        for folder in sorted((root / package).rglob("*")):
            name = ".".join(folder.relative_to(root).parts)
            if folder.is_dir() and "__pycache__" not in folder.parts and name not in found:
                found[name] = folder
    found.setdefault(package, root / package)
    return found


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The longest known module that ``name`` is or lies in (``a.b.func`` → ``a.b``)."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The known modules that module ``name`` (at ``path``) imports, anywhere in its source."""
    if path.is_dir():
        return set()
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # a relative import, resolved from this module's package
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, base] if base else package)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                # `from pkg import module` imports the module; `from module import name` the module
                targets.append(full if full in known else base)
        for target in targets:
            resolved = _resolve(target, known)
            if resolved is not None and resolved != name:
                found.add(resolved)
    return found


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def import_graph(root: Path, packages: list[str], implied: bool = True) -> Graph:
    """Module → the modules it imports, for every module of ``packages``.

    Importing ``a.b.c`` first runs ``a/__init__.py`` and ``a/b/__init__.py``, so with ``implied``
    those count as imported too, except a module's own ancestors (a package's ``__init__``
    importing its own submodules is how packages are built, not a cycle).
    """
    known = modules_of(root, packages)
    graph: Graph = {}
    for name, path in known.items():
        direct = imports_of(name, path, known)
        parents = {a for t in direct for a in _ancestors(t) if a in known} if implied else set()
        graph[name] = (direct | parents) - {name, *_ancestors(name)}
    return graph


def find_cycle(graph: Graph) -> list[str] | None:
    """One import cycle of ``graph`` as ``[a, b, …, a]``, or None when there is none."""
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        cycle: list[str] = list(error.args[1])
        return cycle[::-1]  # graphlib lists it against the direction of the imports
    return None


@pytest.fixture(scope="module")
def graph() -> Graph:
    return import_graph(REPO, [ENGINE, CONTENT])


@pytest.fixture(scope="module")
def direct() -> Graph:
    """Only the imports written in each module: what the dependency rules are about."""
    return import_graph(REPO, [ENGINE, CONTENT], implied=False)


def test_the_graph_sees_every_kind_of_import(graph: Graph) -> None:
    # A sample of edges of each kind, so that an empty or blind graph cannot pass the tests below.
    assert "neurograde.grading.spec" in graph["neurograde.authoring"]  # top level
    assert "neurograde.nbgrader.autograde" in graph["neurograde.cli"]
    assert AUTHORING in graph["graders.losses"]
    assert len(graph) > 40


def test_no_import_cycle(graph: Graph) -> None:
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_the_engine_never_imports_the_content(direct: Graph) -> None:
    # The engine reads the content by name (`neurograde.course`), never by a static import.
    wrong = {
        module: sorted(t for t in targets if t == CONTENT or t.startswith(f"{CONTENT}."))
        for module, targets in direct.items()
        if module == ENGINE or module.startswith(f"{ENGINE}.")
    }
    assert {module: targets for module, targets in wrong.items() if targets} == {}


def test_the_content_imports_only_the_authoring_api(direct: Graph) -> None:
    wrong = {
        module: sorted(t for t in targets if t.startswith(f"{ENGINE}.") and t != AUTHORING)
        for module, targets in direct.items()
        if module.startswith(f"{CONTENT}.")
        and not (module == DEPRECATED_SHIMS or module.startswith(f"{DEPRECATED_SHIMS}."))
    }
    assert {module: targets for module, targets in wrong.items() if targets} == {}


def test_the_deprecated_shims_are_the_only_exception(direct: Graph) -> None:
    # If the shims are gone, the exception above goes too.
    shims = [m for m in direct if m.startswith(f"{DEPRECATED_SHIMS}.")]
    assert shims, f"no {DEPRECATED_SHIMS} shims left: remove DEPRECATED_SHIMS from this test"
    assert all(t.startswith(f"{ENGINE}.nbgrader.") for m in shims for t in direct[m])


# The checker itself, on small packages made for the purpose.


def _package(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_cycle_through_lazy_and_type_checking_imports_is_found(tmp_path: Path) -> None:
    _package(
        tmp_path,
        {
            "fake/__init__.py": "",
            "fake/spec.py": "def properties():\n    from fake.properties import P\n    return P\n",
            "fake/properties.py": (
                "from typing import TYPE_CHECKING\n"
                "from fake import results\n"
                "if TYPE_CHECKING:\n    from fake.spec import properties\n"
            ),
            "fake/results.py": "import math\n",
        },
    )
    cycle = find_cycle(import_graph(tmp_path, ["fake"]))
    assert cycle is not None
    assert cycle[0] == cycle[-1]
    assert set(cycle) == {"fake.spec", "fake.properties"}


def test_a_cycle_through_relative_imports_and_a_package_init_is_found(tmp_path: Path) -> None:
    # build/__init__ re-exports lessons; lessons reads notebooks; notebooks import build.markers,
    # which runs build/__init__ first: a cycle that no single import line shows.
    _package(
        tmp_path,
        {
            "fake/__init__.py": "",
            "fake/build/__init__.py": "from .lessons import lesson\n",
            "fake/build/lessons.py": "from ..intake import notebook\n",
            "fake/build/markers.py": "MARK = 1\n",
            "fake/intake/notebook.py": "from fake.build.markers import MARK\n",
        },
    )
    cycle = find_cycle(import_graph(tmp_path, ["fake"]))
    assert cycle is not None
    assert set(cycle) == {"fake.build", "fake.build.lessons", "fake.intake.notebook"}


def test_no_cycle_in_a_package_that_only_imports_its_own_submodules(tmp_path: Path) -> None:
    _package(
        tmp_path,
        {
            "fake/__init__.py": "from fake.a import f\nfrom . import b\n",
            "fake/a.py": "from fake.b import g\n",
            "fake/b.py": "import os\n",
        },
    )
    graph = import_graph(tmp_path, ["fake"])
    assert graph["fake"] == {"fake.a", "fake.b"}
    assert find_cycle(graph) is None


# The layers of docs/architecture.md: a module imports only from its own layer or earlier ones.
LAYERS = [
    ["neurograde", "neurograde.paths", "neurograde.codes", "neurograde.course"],
    ["neurograde.build", "neurograde.isolation"],
    ["neurograde.intake"],
    ["neurograde.grading"],
    ["neurograde.authoring"],
    ["neurograde.nbgrader", "neurograde.gradescope", "neurograde.doctor"],
    ["neurograde.cli", "neurograde.__main__"],
]


def layer_of(module: str) -> int:
    """The index of the layer ``module`` belongs to (its own name or its subpackage's)."""
    for index, layer in enumerate(LAYERS):
        for prefix in layer:
            # The root package is one module of the first layer, not a prefix of everything.
            if module == prefix or (prefix != ENGINE and module.startswith(f"{prefix}.")):
                return index
    raise KeyError(f"{module} is in no layer of LAYERS: add it (and to docs/architecture.md)")


def layering_violations(graph: Graph) -> list[str]:
    """``a → b`` for every engine import of a later layer than the importer's."""
    return sorted(
        f"{module} → {target}"
        for module, targets in graph.items()
        if module.startswith(ENGINE)
        for target in targets
        if target.startswith(ENGINE) and layer_of(target) > layer_of(module)
    )


def test_every_engine_module_imports_only_earlier_layers(direct: Graph) -> None:
    assert layering_violations(direct) == []


def test_an_import_against_the_layers_is_found() -> None:
    graph = {"neurograde.build.stubs": {"neurograde.grading.registry"}, "neurograde.cli": set()}
    assert layering_violations(graph) == ["neurograde.build.stubs → neurograde.grading.registry"]


def test_the_sandbox_files_import_nothing_else_from_the_project(direct: Graph) -> None:
    # A sandbox sees worker.py and protocol.py only (copied beside each other): any other project
    # import would fail there, or widen what the sandbox must be able to read.
    assert direct["neurograde.isolation.worker"] <= {"neurograde.isolation.protocol"}
    assert direct["neurograde.isolation.protocol"] == set()
