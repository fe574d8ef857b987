"""bubblewrap wherever Python and numpy live: real interpreters laid out as instructors have them.

Each case makes an interpreter layout for real (a virtual environment under ``/tmp``, ``/home`` or
``/opt``, with ``--system-site-packages``, a prefix reached through a symbolic link as conda's
often are, numpy in the user site), then grades a topic at ``--isolation bwrap`` from it, in a
fresh process, and checks that the worker sees numpy and nothing else installed.
"""

from __future__ import annotations

import json
import shutil
import site
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.submissions import REPO

NUMPY = Path(np.__file__).parent
VERSION = f"python{sys.version_info.major}.{sys.version_info.minor}"

# Run by the interpreter under test: where numpy came from, whether bubblewrap works, the score of
# the reference at bwrap, and what the worker could import besides numpy.
PROBE = """
import json, numpy
from neurograde.grading.grade import grade_submission
from neurograde.intake import Submission
from neurograde.isolation.sandbox import SandboxRunner, bwrap_problem
from tests.submissions import reference_source

out = {"numpy": numpy.__file__, "problem": bwrap_problem()}
if out["problem"] is None:
    source = reference_source("learning_rate") + '''
def quadratic_descent(curvature, w0, lr, epochs):
    import importlib.util as u
    names = ("hypothesis", "nbformat", "rich", "neurograde", "solutions", "graders")
    raise RuntimeError(",".join(m for m in names if u.find_spec(m)) or "nothing")
'''
    with SandboxRunner("bwrap") as runner:
        result = grade_submission(Submission(["learning_rate"], {"learning_rate": source}), runner)
    functions = result.by_name()
    out["seen"] = functions["learning_rate.quadratic_descent"].outcomes[0].detail
    out["others"] = [
        f.points == f.max_points for n, f in functions.items() if not n.endswith("descent")
    ]
print(json.dumps(out))
"""


def copy_numpy(site_packages: Path) -> None:
    """Install this numpy into ``site_packages`` (a copy: numpy then lives there), and make this
    interpreter's other packages (hypothesis, …: the grading side's) importable after it."""
    site_packages.mkdir(parents=True, exist_ok=True)
    shutil.copytree(NUMPY, site_packages / "numpy", symlinks=True)
    libs = NUMPY.parent / "numpy.libs"
    if libs.is_dir():
        shutil.copytree(libs, site_packages / "numpy.libs", symlinks=True)
    # A .pth file appends its folders after site_packages: the copy of numpy comes first.
    ours = [folder for folder in site.getsitepackages() if Path(folder).is_dir()]
    (site_packages / "grading-side.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")


def make_venv(folder: Path) -> Path:
    """A virtual environment with ``--system-site-packages`` and its own numpy; its python."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", str(folder)],
        check=True,
        capture_output=True,
    )
    copy_numpy(folder / "lib" / VERSION / "site-packages")
    return folder / "bin" / "python"


def probe(python: Path, extra_env: dict[str, str] | None = None) -> dict[str, object]:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "HOME": "/tmp"}
    env.update(extra_env or {})
    done = subprocess.run(
        [str(python), "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def check(result: dict[str, object], numpy_under: Path) -> None:
    assert str(result["numpy"]).startswith(str(numpy_under)), result
    assert result["problem"] is None, result
    assert "RuntimeError: nothing" in str(result["seen"]), result  # numpy only, nothing else
    others = result["others"]
    assert isinstance(others, list), result
    assert others, result
    assert all(others), result


@pytest.fixture
def place(request: pytest.FixtureRequest) -> Iterator[Path]:
    """A new folder under the parent named by the test's parameter, removed afterwards."""
    parent = Path(request.param)
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="neurograde-env-", dir=parent))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.parametrize("place", ["/tmp", "/home", "/opt"], indirect=True)
def test_bwrap_from_a_venv_with_system_site_packages(place: Path) -> None:
    python = make_venv(place / "venv")
    check(probe(python), place / "venv")


@pytest.mark.slow
@pytest.mark.parametrize("place", ["/opt"], indirect=True)
def test_bwrap_from_a_prefix_reached_through_a_symbolic_link(place: Path) -> None:
    # conda's layout: the interpreter, its standard library and numpy in one prefix of their
    # own, here reached through a symbolic link as a shared conda install often is.
    prefix = place / "conda"
    prefix.symlink_to(sys.base_prefix, target_is_directory=True)
    check(probe(prefix / "bin" / VERSION), prefix)


@pytest.mark.slow
@pytest.mark.parametrize("place", ["/tmp"], indirect=True)
def test_bwrap_with_numpy_in_the_user_site(place: Path) -> None:
    user_base = place / "userbase"
    copy_numpy(user_base / "lib" / VERSION / "site-packages")
    python = Path(sys.base_prefix) / "bin" / "python3"
    check(probe(python, {"PYTHONUSERBASE": str(user_base)}), user_base)
