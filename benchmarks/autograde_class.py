"""A class autograded two ways, on the same submissions: in the learner's kernel, and sandboxed.

For each assignment the benchmark makes a class of N synthetic submissions from the released
notebook — the reference answers, one realistic mistake (``neurograde.nbgrader.samples.MISTAKES``
and mutants from ``tests/mutants/<topic>.py``), half-done work, untouched stubs and two cheats — and
submits them to two course folders built in a temporary folder (never committed):

(a) ``plain``: plain nbgrader (its default ``Execute`` preprocessor), with hidden tests that run
    the same Hypothesis graders *inside the learner's kernel* and return the points as the test
    cell's result (nbgrader's partial credit) — the insecure way nbgrader courses grade today.
    Its test cells hold only that call (no visible quick checks, which would zero a function
    the grader gives partial credit), so that both ways can give the same scores;
(b) ``sandboxed``: the neurograde course, graded by ``neurograde autograde --jobs J``.

It times ``nbgrader autograde A`` in (a) and ``neurograde autograde A --jobs J --quiet`` in (b)
(wall clock, subprocesses), prints notebooks per second, the ratio, peak memory (the largest
single process, from ``wait4``'s ``ru_maxrss``; with psutil, also the peak of the whole process
tree's summed RSS), and checks that both recorded the same scores for every honest submission
(everything but the cheats; any difference is listed). The cheats' scores are shown beside.

Default: one assignment (losses) with N = 100, about 10 minutes on this 2-core machine, nearly
all of it in (a), which executes each notebook in a fresh kernel (about 4.6 s a notebook); all
five assignments (``--all``) with N = 100 an estimated 45 minutes. ``--breakdown`` then runs (b)
again in this process with timers and prints where its time goes (worker start, IPC, the
trusted side's Hypothesis generation and checks, the gradebook recording).

    python -m benchmarks.autograde_class [--n 100] [--assignments losses neuron ...] [--all]
                                         [--jobs 2] [--keep DIR] [--breakdown]
"""

# nbformat ships no type hints: calls into it are untyped by necessity.
# mypy: disable-error-code="no-untyped-call"
from __future__ import annotations

import argparse
import builtins
import copy
import dis
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from neurograde.build.lessons import lesson_notebook
from neurograde.build.parts import topic_parts
from neurograde.course import load_manifest
from neurograde.nbgrader.demo import read_scores
from neurograde.nbgrader.samples import EXIT_CHEAT, MISTAKES, TRANSFORMER_CHEAT
from tests.submissions import variants

MANIFEST = load_manifest()
TOPICS = MANIFEST.topics
POINTS = MANIFEST.points

REPO = Path(__file__).resolve().parents[1]
NBGRADER = [sys.executable, "-m", "nbgrader"]
NEUROGRADE = [sys.executable, "-m", "neurograde.cli"]

PLAIN_CONFIG = '''"""Plain nbgrader: notebooks run in a kernel (Execute), the graders inside it."""

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "neurograde-plain"
c.Execute.timeout = 300  # one hidden test grades a function with Hypothesis in the kernel
'''

try:
    import psutil  # type: ignore[import-untyped]
except ImportError:  # optional: without it only the largest single process is measured
    psutil = None


# -- the two course folders --------------------------------------------------------------------
def in_kernel_test(topic: str, name: str) -> str:
    """A plain-nbgrader test cell: grade the kernel's function, its points the cell's result."""
    return (
        f"# Tests of {name}\n"
        "### BEGIN HIDDEN TESTS\n"
        "from neurograde.nbgrader.kernel import points_in_kernel\n"
        f'points_in_kernel("{topic}", "{name}", {name})\n'
        "### END HIDDEN TESTS"
    )


def make_courses(folder: Path, topics: list[str]) -> tuple[Path, Path]:
    """The sandboxed course and the plain one, every topic released in both."""
    sandboxed, plain = folder / "sandboxed", folder / "plain"
    for course in (sandboxed, plain):
        course.mkdir(parents=True)
    shutil.copy(REPO / "course" / "nbgrader_config.py", sandboxed / "nbgrader_config.py")
    (plain / "nbgrader_config.py").write_text(PLAIN_CONFIG, encoding="utf-8")
    for topic in topics:
        notebook = lesson_notebook(topic)
        target = sandboxed / "source" / topic / f"{topic}.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(notebook, target)
        for cell in notebook.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution"):
                cell.source = in_kernel_test(topic, meta["grade_id"].removeprefix("test_"))
        target = plain / "source" / topic / f"{topic}.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(notebook, target)
        for course in (sandboxed, plain):
            run([*NBGRADER, "generate_assignment", topic, "--force"], course)
    return sandboxed, plain


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{done.stderr[-3000:]}")
    return done


# -- the class ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Student:
    """One synthetic submission: who, what kind, what they did, their answer cells."""

    name: str
    kind: str  # correct, mistake, partial, stub, cheat
    description: str
    answers: dict[str, str] = field(default_factory=dict)
    empty_tests: bool = False  # the transformer cheat also empties its test cells


def reference_answers(topic: str) -> dict[str, str]:
    strip = ("### BEGIN SOLUTION", "### END SOLUTION")
    return {
        name: "\n".join(line for line in source.splitlines() if line.strip() not in strip)
        for name, source in topic_parts(topic).functions.items()
    }


def _globals_used(code: types.CodeType) -> set[str]:
    names = {i.argval for i in dis.get_instructions(code) if i.opname == "LOAD_GLOBAL"}
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _globals_used(const)
    return names


def mistakes(topic: str) -> list[tuple[str, str, str]]:
    """(function, description, answer cell) of every realistic mistake a notebook can hold.

    A mutant is kept only when every global name it uses is defined in the notebook (the given
    cell and the answer cells), as a learner's answer cell would be.
    """
    parts = topic_parts(topic)
    defined: dict[str, object] = {}
    exec(compile(parts.given, "<given>", "exec"), defined)  # the trusted given code
    known = set(defined) | set(parts.functions) | set(dir(builtins))
    name, source = MISTAKES[topic]
    found = [(name, "samples.MISTAKES", source)]
    for variant in variants("mutants", topic):
        module = compile(variant.source, "<mutant>", "exec")
        if _globals_used(module) - {variant.function} <= known:
            found.append((variant.function, f"mutant {variant.slug}", variant.source))
    return found


def make_class(topic: str, n: int, seed: int = 0) -> list[Student]:
    """N students: ~35% correct, ~35% one mistake, ~15% half done, the rest stubs; 2 cheats."""
    rng = random.Random(f"{seed}-{topic}")
    reference = reference_answers(topic)
    functions = list(reference)
    first = functions[0]
    pool = mistakes(topic)
    pool = pool[:1] + rng.sample(pool[1:], len(pool) - 1)  # samples.MISTAKES first, then mixed
    cheats = [
        Student("cheat-exit", "cheat", f"{first} calls sys.exit", {
            **reference, first: EXIT_CHEAT.format(name=first)
        }),
        Student("cheat-transformer", "cheat", f"IPython transformer in {first}", {
            **reference, first: TRANSFORMER_CHEAT.format(name=first)
        }, empty_tests=True),
    ]  # fmt: skip
    honest = max(0, n - len(cheats))
    counts = {"correct": round(0.35 * honest), "mistake": round(0.35 * honest)}
    counts["partial"] = round(0.15 * honest)
    counts["stub"] = honest - sum(counts.values())
    students = []
    for index in range(counts["correct"]):
        students.append(Student(f"correct-{index:03d}", "correct", "the reference", reference))
    for index in range(counts["mistake"]):
        function, origin, source = pool[index % len(pool)]
        students.append(
            Student(f"mistake-{index:03d}", "mistake", f"{function}: {origin}", {
                **reference, function: source
            })
        )  # fmt: skip
    for index in range(counts["partial"]):
        done = rng.randint(1, len(functions) - 1)
        students.append(
            Student(f"partial-{index:03d}", "partial", f"first {done} of {len(functions)} done", {
                name: reference[name] for name in functions[:done]
            })
        )  # fmt: skip
    for index in range(counts["stub"]):
        students.append(Student(f"stub-{index:03d}", "stub", "the release, untouched"))
    return students + cheats[: n - honest]


def submit(course: Path, topic: str, students: list[Student], release_from: Path) -> None:
    release = nbformat.read(release_from / "release" / topic / f"{topic}.ipynb", as_version=4)
    for student in students:
        notebook = copy.deepcopy(release)
        for cell in notebook.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution") and meta["grade_id"] in student.answers:
                cell.source = student.answers[meta["grade_id"]]
            if student.empty_tests and meta.get("grade") and not meta.get("solution"):
                cell.source = "pass"
                meta["points"] = 100
        target = course / "submitted" / student.name / topic / f"{topic}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)


# -- timing ------------------------------------------------------------------------------------
@dataclass
class Timing:
    """One timed command."""

    seconds: float
    cpu_seconds: float  # user + system time of the command and every descendant it reaped
    max_process_mib: float  # the largest single process (ru_maxrss of it and its descendants)
    tree_peak_mib: float | None  # the peak of the summed RSS of the process tree (psutil)
    output: str


def _tree_rss(root: int) -> int:
    assert psutil is not None
    try:
        parent = psutil.Process(root)
        processes = [parent, *parent.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            continue
    return total


def timed(command: list[str], cwd: Path, log: Path) -> Timing:
    """Run ``command``; its wall-clock time and peak memory."""
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        peak = [0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.2):
                peak[0] = max(peak[0], _tree_rss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True) if psutil else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        stop.set()
        if sampler:
            sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    output = log.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{output[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Timing(seconds, cpu, usage.ru_maxrss / 1024, peak[0] / 2**20 if psutil else None, output)


# -- where (b)'s time goes ---------------------------------------------------------------------


def _timed_method(cls: type, name: str, phase: str, into: Path) -> None:
    original = getattr(cls, name)

    def wrapper(*args: object, **kwargs: object) -> object:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            with into.open("a", encoding="utf-8") as out:
                out.write(f"{phase}\t{time.perf_counter() - started}\n")

    setattr(cls, name, wrapper)


def breakdown(topic: str, course: Path, jobs: int, logs: Path) -> None:
    """Run (b) again in this process with timers around each phase; print the shares.

    The pool's processes are forked from this one, so the timers reach them; each appends
    ``phase<TAB>seconds`` lines to one file. The trusted side's own work (Hypothesis generation,
    the reference, comparing, feedback) is what grading took beyond worker start and IPC.
    """
    import neurograde.nbgrader.autograde as autograde_module
    from neurograde.isolation import sandbox

    times = logs / f"{topic}-phases.tsv"
    times.unlink(missing_ok=True)
    _timed_method(sandbox.SandboxRunner, "__init__", "worker start", times)
    _timed_method(sandbox.Zygote, "spawn", "worker start", times)
    _timed_method(sandbox.Zygote, "close", "worker start", times)
    _timed_method(sandbox.SandboxCandidate, "_request", "IPC", times)
    _timed_method(sandbox.SandboxCandidate, "stop", "IPC", times)
    grade_one = autograde_module._grade_one

    def timed_grade_one(*args: Any) -> dict[str, Any]:
        started = time.perf_counter()
        try:
            return grade_one(*args)
        finally:
            with times.open("a", encoding="utf-8") as out:
                out.write(f"grading\t{time.perf_counter() - started}\n")

    # The pool pickles the task by name: the forked workers find the timed one under it.
    timed_grade_one.__module__ = grade_one.__module__
    timed_grade_one.__qualname__ = grade_one.__qualname__
    autograde_module._grade_one = timed_grade_one  # type: ignore[assignment]
    api_factory = autograde_module.nbgrader_api

    def timed_api(course: Path, results: Path, *args: Any) -> Any:
        api = api_factory(course, results, *args)
        record = api.autograde

        def timed_record(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return record(*args, **kwargs)
            finally:
                with times.open("a", encoding="utf-8") as out:
                    out.write(f"recording\t{time.perf_counter() - started}\n")

        api.autograde = timed_record
        return api

    # Patched for this timing run only: the same API, with its recording timed.
    autograde_module.nbgrader_api = timed_api  # type: ignore[assignment]
    started = time.perf_counter()
    autograde_module.autograde(topic, course, jobs=jobs, force=True, quiet=True)
    wall = time.perf_counter() - started
    totals: dict[str, float] = {}
    for line in times.read_text(encoding="utf-8").splitlines():
        phase, seconds = line.split("\t")
        totals[phase] = totals.get(phase, 0.0) + float(seconds)
    grading = totals.get("grading", 0.0)
    trusted = grading - totals.get("worker start", 0.0) - totals.get("IPC", 0.0)
    print()
    print(f"where (b)'s time goes ({topic}, run again in process: {wall:.1f} s wall, {jobs} jobs)")
    print(f"  grading, summed over the {jobs} workers        {grading:7.1f} s")
    for label, key in (
        ("worker start (runner, zygote, children)", "worker start"),
        ("IPC round trips (incl. learner code)", "IPC"),
    ):
        value = totals.get(key, 0.0)
        print(f"    {label:<46} {value:7.1f} s  {value / grading:4.0%}")
    print(
        f"    {'trusted side (Hypothesis, reference, compare)':<46} {trusted:7.1f} s  "
        f"{trusted / grading:4.0%}"
    )
    recording = totals.get("recording", 0.0)
    print(
        f"  recording (nbgrader Autograde, gradebook) {recording:7.1f} s in the main process, "
        "overlapping the grading"
    )


# -- the run -----------------------------------------------------------------------------------
@dataclass
class Outcome:
    """What one assignment gave."""

    topic: str
    students: list[Student]
    plain: Timing
    sandboxed: Timing
    differences: list[str]
    cheats: dict[str, tuple[float | None, float | None]]


def score_of(
    scores: dict[str, dict[str, tuple[float, float]]], student: str, topic: str
) -> float | None:
    found = scores.get(student, {}).get(topic)
    return None if found is None else found[0]


def bench(topic: str, n: int, jobs: int, sandboxed: Path, plain: Path, logs: Path) -> Outcome:
    students = make_class(topic, n)
    for course in (sandboxed, plain):
        submit(course, topic, students, sandboxed)
    print(
        f"{topic}: {len(students)} submissions; (a) nbgrader autograde in the kernel …", flush=True
    )
    a = timed([*NBGRADER, "autograde", topic], plain, logs / f"{topic}-plain.log")
    print(f"{topic}: (a) {a.seconds:.1f} s; (b) neurograde autograde --jobs {jobs} …", flush=True)
    b = timed(
        [
            *NEUROGRADE,
            "autograde",
            topic,
            "--course",
            str(sandboxed),
            "--jobs",
            str(jobs),
            "--quiet",
        ],
        sandboxed,
        logs / f"{topic}-sandboxed.log",
    )
    print(f"{topic}: (b) {b.seconds:.1f} s", flush=True)
    scores_a, scores_b = read_scores(plain), read_scores(sandboxed)
    differences, cheats = [], {}
    for student in students:
        pair = (score_of(scores_a, student.name, topic), score_of(scores_b, student.name, topic))
        if student.kind == "cheat":
            cheats[student.name] = pair
        elif pair[0] is None or pair[1] is None or abs(pair[0] - pair[1]) > 1e-6:
            differences.append(
                f"{topic}/{student.name} ({student.description}): in the kernel {pair[0]}, "
                f"sandboxed {pair[1]}"
            )
    return Outcome(topic, students, a, b, differences, cheats)


def mib(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} MiB"


def report(outcomes: list[Outcome], jobs: int) -> None:
    rows = [(
        "assignment", "N", "(a) s", "(a) nb/s", "(b) s", "(b) nb/s", "ratio",
        "(a) CPU s/nb", "(b) CPU s/nb",
    )]  # fmt: skip
    count, a_s, b_s, a_cpu, b_cpu = 0, 0.0, 0.0, 0.0, 0.0
    for o in outcomes:
        n = len(o.students)
        count += n
        a_s, b_s = a_s + o.plain.seconds, b_s + o.sandboxed.seconds
        a_cpu, b_cpu = a_cpu + o.plain.cpu_seconds, b_cpu + o.sandboxed.cpu_seconds
        rows.append((
            o.topic, str(n), f"{o.plain.seconds:.1f}", f"{n / o.plain.seconds:.2f}",
            f"{o.sandboxed.seconds:.1f}", f"{n / o.sandboxed.seconds:.2f}",
            f"{o.plain.seconds / o.sandboxed.seconds:.2f}x",
            f"{o.plain.cpu_seconds / n:.2f}", f"{o.sandboxed.cpu_seconds / n:.2f}",
        ))  # fmt: skip
    if len(outcomes) > 1:
        rows.append((
            "all", str(count), f"{a_s:.1f}", f"{count / a_s:.2f}", f"{b_s:.1f}",
            f"{count / b_s:.2f}", f"{a_s / b_s:.2f}x", f"{a_cpu / count:.2f}",
            f"{b_cpu / count:.2f}",
        ))  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    print()
    print("(a) plain `nbgrader autograde`, graders in the learner's kernel, one at a time")
    print(f"(b) `neurograde autograde --jobs {jobs}`, sandboxed")
    for index, row in enumerate(rows):
        print(
            "  ".join(
                cell.rjust(w) if i else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if index == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print("peak memory: largest single process / whole process tree (summed RSS)")
    for o in outcomes:
        print(
            f"  {o.topic:<14} (a) {mib(o.plain.max_process_mib)} / {mib(o.plain.tree_peak_mib)}"
            f"   (b) {mib(o.sandboxed.max_process_mib)} / {mib(o.sandboxed.tree_peak_mib)}"
        )
    print()
    differences = [d for o in outcomes for d in o.differences]
    honest = sum(1 for o in outcomes for s in o.students if s.kind != "cheat")
    if differences:
        print(f"SCORES DIFFER on {len(differences)} of {honest} honest submissions:")
        for line in differences:
            print(f"  {line}")
    else:
        print(f"same scores: all {honest} honest submissions got the same points both ways")
    for o in outcomes:
        total = float(sum(POINTS[o.topic].values()))
        for student, (a, b) in o.cheats.items():
            print(
                f"  cheat {o.topic}/{student}: in the kernel {a}/{total:g}, sandboxed {b}/{total:g}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100, help="submissions per assignment")
    parser.add_argument(
        "--assignments", nargs="+", choices=TOPICS, default=["losses"], metavar="A",
        help=f"assignments to grade (default: losses; any of {', '.join(TOPICS)})",
    )  # fmt: skip
    parser.add_argument("--all", action="store_true", help="all five assignments")
    parser.add_argument("--jobs", type=int, default=2, help="neurograde autograde --jobs")
    parser.add_argument("--keep", help="build the courses in this (new) folder and keep them")
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="then run (b) again in process with timers and print where its time goes",
    )
    args = parser.parse_args()
    topics = list(TOPICS) if args.all else args.assignments
    if args.keep:
        folder = Path(args.keep).resolve()
        if folder.exists() and any(folder.iterdir()):
            raise SystemExit(f"{folder} is not empty")
        folder.mkdir(parents=True, exist_ok=True)
    else:
        folder = Path(tempfile.mkdtemp(prefix="neurograde-bench-"))
    try:
        print(f"building both courses in {folder} …", flush=True)
        sandboxed, plain = make_courses(folder, topics)
        logs = folder / "logs"
        logs.mkdir()
        outcomes = [bench(t, args.n, args.jobs, sandboxed, plain, logs) for t in topics]
        report(outcomes, args.jobs)
        if args.breakdown:
            breakdown(topics[0], sandboxed, args.jobs, logs)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            print(f"courses kept in {folder}")


if __name__ == "__main__":
    main()
