"""Grade every known submission and keep the results, to prove a change left grades unchanged.

``python -m tests.snapshot OUT`` grades, in process, the whole reference, the whole set of stubs,
every mutant and every alternative (the reference with one function replaced, graded on that
function), and with ``--demo`` the demo class (through nbgrader, sandboxed). It writes one
results.json per submission under ``OUT``, without what varies from run to run (execution time,
versions, and the numbers a non-reproducible function returned).
``python -m tests.snapshot --compare A B`` lists every file that differs and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

VOLATILE_TOP = ("execution_time",)
VOLATILE_EXTRA = ("grader_version", "hypothesis")
RANDOM = "<random numbers>"


def _mask_random(test: dict[str, Any]) -> None:
    """Hide the numbers a non-reproducible function returned: they are random by definition.

    A mutant that draws from an unseeded generator or the global state returns different numbers
    on every run (its score does not change); everything else is kept and compared.
    """
    masked = False
    for prop in test.get("extra_data", {}).get("properties", []):
        if prop.get("code") == "NOT_REPRODUCIBLE" and prop.get("returned") is not None:
            prop["returned"] = RANDOM
            masked = True
    if masked:
        test["output"] = re.sub(
            r"Returned: .*?(?=\n\[|\Z)", f"Returned: {RANDOM}", test["output"], flags=re.DOTALL
        )


def _stable(report: dict[str, Any]) -> dict[str, Any]:
    """``report`` without what changes between two runs of the same grader."""
    report = json.loads(json.dumps(report))
    for test in report.get("tests", []):
        _mask_random(test)
    for key in VOLATILE_TOP:
        report.pop(key, None)
    extra = dict(report.get("extra_data", {}))
    for key in VOLATILE_EXTRA:
        extra.pop(key, None)
    report["extra_data"] = extra
    return report


def _write(out: Path, name: str, report: dict[str, Any]) -> None:
    path = out / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_stable(report), indent=1, sort_keys=True) + "\n", encoding="utf-8")


PARTS = ("submissions", "mutants", "alternatives", "demo")


def snapshot(out: Path, demo: bool = False, parts: tuple[str, ...] = PARTS[:3]) -> int:
    """Grade everything into ``out``; return how many results were written.

    ``parts``: which of :data:`PARTS` to grade (the demo class also with ``demo``), so that a
    test can grade them in parallel.
    """
    if demo and "demo" not in parts:
        parts = (*parts, "demo")
    from neurograde.course import load_manifest
    from neurograde.grading.grade import grade_entry, grade_submission
    from neurograde.grading.registry import entries
    from neurograde.grading.results import SubmissionResult
    from neurograde.intake.submission import Submission
    from neurograde.isolation.runner import InProcessRunner
    from tests.submissions import REPO, variants, with_replacement

    TOPICS = load_manifest().topics
    count = 0
    for kind, folder in (("reference", "solutions"), ("stubs", "exercises")):
        if "submissions" not in parts:
            break
        sources = {t: (REPO / folder / f"{t}.py").read_text(encoding="utf-8") for t in TOPICS}
        result = grade_submission(Submission(list(TOPICS), sources), InProcessRunner())
        _write(out, kind, result.to_gradescope())
        count += 1
    by_name = {entry.qualified_name: entry for entry in entries()}
    for kind in ("mutants", "alternatives"):
        if kind not in parts:
            continue
        for topic in TOPICS:
            for variant in variants(kind, topic):
                entry = by_name[f"{topic}.{variant.function}"]
                session = InProcessRunner().open({topic: with_replacement(topic, variant.source)})
                function = grade_entry(entry, session)
                session.close()
                _write(
                    out,
                    f"{kind}/{variant.id}",
                    SubmissionResult([function], "none").to_gradescope(),
                )
                count += 1
    if "demo" in parts:
        from neurograde.nbgrader.demo import demo as run_demo

        with tempfile.TemporaryDirectory() as folder:
            demo_result = run_demo(Path(folder), quiet=True)
            for cached in sorted((demo_result.course / ".neurograde" / "results").rglob("*.json")):
                entry = json.loads(cached.read_text(encoding="utf-8"))
                name = f"demo/{cached.parent.name}/{cached.stem}"
                _write(out, name, entry["result"])
                count += 1
            _write(out, "demo/gradebook", {"scores": demo_result.scores})
            count += 1
    return count


def compare(first: Path, second: Path) -> list[str]:
    """Every results file that is missing on one side or differs."""
    names = {p.relative_to(first) for p in first.rglob("*.json")}
    names |= {p.relative_to(second) for p in second.rglob("*.json")}
    differences = []
    for name in sorted(names):
        a, b = first / name, second / name
        if not a.exists() or not b.exists():
            differences.append(f"{name}: only in {first if a.exists() else second}")
        elif a.read_text(encoding="utf-8") != b.read_text(encoding="utf-8"):
            differences.append(f"{name}: differs")
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", help="folder to write the results into")
    parser.add_argument("--demo", action="store_true", help="also grade the demo class")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    args = parser.parse_args(argv)
    if args.compare:
        differences = compare(*args.compare)
        total = len(list(args.compare[0].rglob("*.json")))
        for line in differences:
            print(line)
        print(f"{total} results compared, {len(differences)} differ")
        return 1 if differences else 0
    if args.out is None:
        parser.error("give OUT or --compare A B")
    print(f"{snapshot(args.out, demo=args.demo)} results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
