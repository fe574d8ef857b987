"""`neurograde autograde` at scale: on a Dask cluster, with a machine-readable log.

A local Dask cluster (two worker processes) grades the same class as the default process pool:
the gradebooks must agree, and the JSON-lines log must hold one line per submission and a
summary. A scheduler that cannot be reached is a clear usage error (exit 2).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from neurograde.course import load_manifest
from neurograde.nbgrader.autograde import RESULTS
from neurograde.nbgrader.demo import read_scores
from neurograde.nbgrader.samples import sample_class
from neurograde.paths import COURSE_SOURCE
from tests.submissions import REPO

MANIFEST = load_manifest()
POINTS = MANIFEST.points

pytestmark = pytest.mark.slow

TOPIC = "learning_rate"
TOTAL = float(sum(POINTS[TOPIC].values()))
NEUROGRADE = [sys.executable, "-m", "neurograde.cli"]


def run(command: list[str], cwd: Path, code: int = 0) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == code, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course with one assignment released by `nbgrader generate_assignment`."""
    folder = tmp_path_factory.mktemp("released")
    shutil.copy(REPO / "course" / "nbgrader_config.py", folder / "nbgrader_config.py")
    shutil.copytree(REPO / COURSE_SOURCE, folder / "source")
    run([sys.executable, "-m", "nbgrader", "generate_assignment", TOPIC, "--force"], folder)
    return folder


def submitted(released: Path, folder: Path) -> Path:
    """A copy of the released course with three submissions (reference, stub, one mistake)
    and one unreadable notebook."""
    course = folder / "course"
    shutil.copytree(released, course)
    release = nbformat.read(course / "release" / TOPIC / f"{TOPIC}.ipynb", as_version=4)
    for sample, notebook in sample_class(TOPIC, release)[:3]:  # ada, bob, cyd
        target = course / "submitted" / sample.student / TOPIC / f"{TOPIC}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)
    broken = course / "submitted" / "zed" / TOPIC / f"{TOPIC}.ipynb"
    broken.parent.mkdir(parents=True)
    broken.write_text("{ not a notebook", encoding="utf-8")
    return course


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local Dask cluster: two worker processes, one thread each."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def read_log(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def check_log(records: list[dict[str, Any]], course: Path, status: str) -> None:
    """One line per submission (`status` for the three readable ones), then the summary."""
    *submissions, summary = records
    assert [r["event"] for r in submissions] == ["submission"] * 4
    by_student = {r["student"]: r for r in submissions}
    assert sorted(by_student) == ["ada", "bob", "cyd", "zed"]
    assert all(r["assignment"] == TOPIC for r in records)
    assert by_student["zed"]["status"] == "broken"
    assert "cannot be read as a notebook" in by_student["zed"]["reason"]
    scores = read_scores(course)
    for student in ("ada", "bob", "cyd"):
        record = by_student[student]
        assert record["status"] == status, record
        if status == "graded":
            assert (record["score"], record["max_score"]) == scores[student][TOPIC]
            assert record["seconds"] >= 0
    counts = {"graded": 0, "skipped": 0, status: 3, "broken": 1}
    assert summary["event"] == "summary"
    assert {k: summary[k] for k in counts} == counts
    assert summary["total"] == 4
    assert summary["seconds"] > 0


def test_a_dask_cluster_grades_like_the_process_pool(
    released: Path, scheduler: str, tmp_path: Path
) -> None:
    pool = submitted(released, tmp_path / "pool")
    cluster = submitted(released, tmp_path / "cluster")
    base = [*NEUROGRADE, "autograde", TOPIC, "--quiet", "--log"]
    done = run([*base, str(tmp_path / "pool.jsonl"), "--course", str(pool), "--jobs", "2"], pool)
    assert "3 graded, 0 unchanged (skipped), 1 not graded" in done.stdout
    done = run(
        [
            *base,
            str(tmp_path / "cluster.jsonl"),
            "--course",
            str(cluster),
            "--scheduler",
            scheduler,
        ],
        cluster,
    )
    assert "3 graded, 0 unchanged (skipped), 1 not graded" in done.stdout
    assert "zed" in done.stderr

    scores = read_scores(cluster)
    assert scores == read_scores(pool)
    assert scores["ada"][TOPIC] == (TOTAL, TOTAL)
    assert scores["bob"][TOPIC] == (0.0, TOTAL)
    assert 0.0 < scores["cyd"][TOPIC][0] < TOTAL
    for student in ("ada", "bob", "cyd"):  # graded at the same isolation level
        pool_result, cluster_result = (
            json.loads((c / RESULTS / TOPIC / f"{student}.json").read_text(encoding="utf-8"))
            for c in (pool, cluster)
        )
        assert cluster_result["recorded"]
        isolation = cluster_result["result"]["extra_data"]["isolation"]
        assert isolation == pool_result["result"]["extra_data"]["isolation"]
    check_log(read_log(tmp_path / "pool.jsonl"), pool, "graded")
    cluster_log = read_log(tmp_path / "cluster.jsonl")
    check_log(cluster_log, cluster, "graded")
    assert cluster_log[-1]["scheduler"] == scheduler

    # Unchanged submissions are skipped, on the cluster too, and logged as such.
    again = tmp_path / "again.jsonl"
    done = run([*base, str(again), "--course", str(cluster), "--scheduler", scheduler], cluster)
    assert "0 graded, 3 unchanged (skipped), 1 not graded" in done.stdout
    check_log(read_log(again), cluster, "skipped")


def test_an_unreachable_scheduler_is_a_clear_error(
    released: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from neurograde.cli import main
    from neurograde.nbgrader import autograde

    monkeypatch.setattr(autograde, "CONNECT_TIMEOUT", 1.0)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    course = submitted(released, tmp_path)
    log = tmp_path / "log.jsonl"
    code = main(
        ["autograde", TOPIC, "--course", str(course), "--scheduler", address, "--log", str(log)]
    )
    assert code == 2
    error = capsys.readouterr().err
    assert f"cannot reach the Dask scheduler at {address}" in error
    assert "dask scheduler" in error
    assert "dask worker" in error
    assert "leave out --scheduler" in error
    assert not (course / "gradebook.db").exists() or read_scores(course) == {}
    (record,) = read_log(log)
    assert record["event"] == "error"
    assert "cannot reach the Dask scheduler" in record["error"]
