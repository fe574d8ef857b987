"""``neurograde report``: an instructor's report on one assignment, from the stored results.

Reads what ``neurograde autograde`` stored for each submission (``.neurograde/results`` in the
course: per function the score, status, message codes and the misconceptions named) and, where
they were recorded, the points in nbgrader's gradebook, which are the grades of record (an
instructor's manual grade included). Writes ``report.html`` with PNG plots beside it (the grade
distribution, the pass rate per function, the message codes per function), tables of the most
frequent misconceptions and messages per function and of the submissions that timed out,
crashed or hit a limit, and ``report.csv`` with one row per student and function.

Everything a learner controls (their student id, the details quoted from what their code did) is
escaped in the HTML; the page loads nothing but its own PNGs, by relative path.
"""

from __future__ import annotations

import csv
import html
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neurograde.codes import MESSAGES, Code
from neurograde.course import load_manifest
from neurograde.nbgrader.autograde import RESULTS, CourseError, interpreter_on_path

MANIFEST = load_manifest()
TOPICS = MANIFEST.topics
POINTS = MANIFEST.points

# The codes that mean a submission's code was stopped or could not be graded: worth a look.
PROBLEM_CODES = ("TIMEOUT", "CRASH", "MEMORY", "OUTPUT_TOO_LARGE", "GRADER_ERROR")
STATUSES = ("passed", "partial", "failed", "grader_error")
# Colours of the plots (the page's own CSS uses none of them).
HISTOGRAM_COLOUR = "#1565c0"
STATUS_COLOURS = {
    "passed": "#2e7d32",
    "partial": "#f9a825",
    "failed": "#c62828",
    "grader_error": "#6a1b9a",
}
PLOTS = {
    "grade_distribution": "grade_distribution.png",
    "pass_rate": "pass_rate.png",
    "message_codes": "message_codes.png",
}
DPI = 100
SMALL = (5.6, 3.6)  # inches at DPI: 560 x 360 pixels
WIDE = (11.4, 4.2)  # 1140 x 420 pixels
DETAIL_CHARS = 300  # of a problem's detail, in the HTML table
NAMES_SHOWN = 12  # students named beside a misconception or message before "and N more"
CSV_FIELDS = [
    "assignment",
    "student",
    "function",
    "score",
    "max_score",
    "status",
    "codes",
    "misconceptions",
    "source",
]


@dataclass(frozen=True)
class Problem:
    """A function stopped by a limit, crashed, or not gradable, in one submission."""

    student: str
    function: str
    code: str
    properties: tuple[str, ...]
    detail: str


@dataclass(frozen=True)
class FunctionRow:
    """One student's grade for one function (points from the gradebook when recorded)."""

    student: str
    function: str
    score: float
    max_score: float
    status: str
    codes: tuple[str, ...]
    misconceptions: tuple[str, ...]
    in_gradebook: bool


@dataclass
class StudentGrade:
    """One student's total for the assignment."""

    student: str
    score: float
    max_score: float
    in_gradebook: bool
    messages: str = ""


@dataclass
class ReportData:
    """Everything the report shows, read from the course."""

    assignment: str
    functions: list[str]
    rows: list[FunctionRow] = field(default_factory=list)
    grades: list[StudentGrade] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ungraded: list[str] = field(default_factory=list)  # submitted, but no stored result
    unreadable: list[str] = field(default_factory=list)  # a stored result that cannot be read
    isolation: Counter[str] = field(default_factory=Counter)  # submissions per isolation level


@dataclass(frozen=True)
class Report:
    """Where the report was written."""

    html: Path
    csv: Path
    plots: tuple[Path, ...]
    students: int


# -- reading -----------------------------------------------------------------------------------
def _stored_results(course: Path, assignment: str) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Each student's stored result, and the names of stored files that cannot be read."""
    results: dict[str, dict[str, Any]] = {}
    unreadable: list[str] = []
    folder = course / RESULTS / assignment
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            result = entry["result"]
            if not isinstance(result, dict) or not isinstance(result.get("tests"), list):
                raise ValueError("no tests")
        except (OSError, ValueError, KeyError, TypeError):
            unreadable.append(path.stem)
            continue
        results[path.stem] = {"recorded": bool(entry.get("recorded")), "result": result}
    return results, unreadable


def gradebook_grades(
    course: Path, assignment: str
) -> dict[str, tuple[float, float, dict[str, tuple[float, float]]]]:
    """From nbgrader's gradebook: by student, (score, max score, by function (score, max))."""
    database = course / "gradebook.db"
    if not database.is_file():
        return {}
    from nbgrader.api import Gradebook, MissingEntry

    grades: dict[str, tuple[float, float, dict[str, tuple[float, float]]]] = {}
    interpreter_on_path()  # a new gradebook runs `alembic`
    with Gradebook(f"sqlite:///{database}") as gradebook:
        for student in gradebook.students:
            try:
                submission = gradebook.find_submission(assignment, student.id)
                notebook = gradebook.find_submission_notebook(assignment, assignment, student.id)
            except MissingEntry:
                continue
            functions = {
                str(grade.name).removeprefix("test_"): (
                    float(grade.score),
                    float(grade.max_score),
                )
                for grade in notebook.grades
            }
            grades[str(student.id)] = (
                float(submission.score),
                float(submission.max_score),
                functions,
            )
    return grades


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= DETAIL_CHARS else line[: DETAIL_CHARS - 1] + "…"


def read_report_data(course: Path, assignment: str) -> ReportData:
    """Read the stored results of ``assignment`` and the gradebook's points."""
    if assignment in MANIFEST.labs:
        raise CourseError(f"{assignment} is an ungraded lab: it has nothing to grade")
    if assignment not in TOPICS:
        raise CourseError(f"unknown assignment {assignment!r}: one of {', '.join(TOPICS)}")
    if not (course / "nbgrader_config.py").is_file():
        raise CourseError(f"{course} is not a neurograde course folder (no nbgrader_config.py)")
    results, unreadable = _stored_results(course, assignment)
    if not results:
        raise CourseError(
            f"no grading results for {assignment!r} in {course / RESULTS / assignment}: run "
            f"`neurograde autograde {assignment}` in {course} first"
        )
    book = gradebook_grades(course, assignment)
    functions = list(POINTS[assignment])
    data = ReportData(assignment, functions, unreadable=unreadable)
    submitted = {p.parent.name for p in (course / "submitted").glob(f"*/{assignment}")}
    data.ungraded = sorted(submitted - set(results))
    for student, entry in results.items():
        result = entry["result"]
        data.isolation[str((result.get("extra_data") or {}).get("isolation", "unknown"))] += 1
        recorded = entry["recorded"] and student in book
        booked = book.get(student, (0.0, 0.0, {}))[2] if recorded else {}
        for test in result["tests"]:
            function = str(test.get("name", "")).split(".", 1)[-1]
            if function not in functions:
                functions.append(function)
            extra = test.get("extra_data") or {}
            properties = extra.get("properties") or []
            codes = _unique([str(c) for c in extra.get("codes") or []])
            score, maximum = float(test.get("score", 0.0)), float(test.get("max_score", 0.0))
            if function in booked:
                score, maximum = booked[function]
            data.rows.append(
                FunctionRow(
                    student=student,
                    function=function,
                    score=score,
                    max_score=maximum,
                    status=str(extra.get("status", test.get("status", "failed"))),
                    codes=codes,
                    misconceptions=_unique([str(p.get("misconception") or "") for p in properties]),
                    in_gradebook=function in booked,
                )
            )
            for code in codes:
                if code not in PROBLEM_CODES:
                    continue
                failing = [p for p in properties if not p.get("passed") and p.get("code") == code]
                detail = (
                    str(extra.get("grader_error") or "")
                    if code == "GRADER_ERROR"
                    else next((str(p.get("detail") or "") for p in failing), "")
                )
                data.problems.append(
                    Problem(
                        student,
                        function,
                        code,
                        tuple(str(p.get("name", "")) for p in failing),
                        _first_line(detail),
                    )
                )
        if recorded:
            score, maximum, _ = book[student]
        else:
            score, maximum = float(result.get("score", 0.0)), float(result.get("max_score", 0.0))
        data.grades.append(
            StudentGrade(student, score, maximum, bool(recorded), str(result.get("output") or ""))
        )
    return data


# -- plots -------------------------------------------------------------------------------------
def _save(figure: Any, path: Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    figure.savefig(path, dpi=DPI, metadata={"Software": None})


def plot_grade_distribution(data: ReportData, path: Path) -> None:
    """A histogram of the students' totals, in percent of the assignment's points."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=SMALL, dpi=DPI, layout="constrained")
    axes = figure.subplots()
    percents = [100 * g.score / g.max_score if g.max_score else 0.0 for g in data.grades]
    axes.hist(
        percents,
        bins=[10.0 * k for k in range(11)],
        color=HISTOGRAM_COLOUR,
        edgecolor="white",
    )
    maximum = max((g.max_score for g in data.grades), default=0.0)
    axes.set_xlim(0, 100)
    axes.set_xlabel(f"score, % of {maximum:g} points")
    axes.set_ylabel("students")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(f"Grade distribution ({len(data.grades)} submissions)")
    _save(figure, path)


def _status_counts(data: ReportData) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {f: Counter() for f in data.functions}
    for row in data.rows:
        counts[row.function][row.status] += 1
    return counts


def plot_pass_rate(data: ReportData, path: Path) -> None:
    """Per function, the share of submissions that passed, partly passed, failed."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=SMALL, dpi=DPI, layout="constrained")
    axes = figure.subplots()
    counts = _status_counts(data)
    names = list(reversed(data.functions))  # the first function at the top
    left = [0.0] * len(names)
    for status in STATUSES:
        shares = [100 * counts[n][status] / max(1, sum(counts[n].values())) for n in names]
        if any(shares):
            axes.barh(
                names,
                shares,
                left=left,
                color=STATUS_COLOURS[status],
                label=status.replace("_", " "),
            )
        left = [a + b for a, b in zip(left, shares, strict=True)]
    axes.set_xlim(0, 100)
    axes.set_xlabel("% of submissions")
    axes.set_title("Pass rate per function")
    figure.legend(loc="outside lower center", ncols=len(STATUSES), fontsize="small")
    axes.tick_params(axis="y", labelsize="small")
    _save(figure, path)


def plot_message_codes(data: ReportData, path: Path) -> None:
    """Per function, how many submissions got each message code, stacked."""
    from matplotlib import colormaps
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=WIDE, dpi=DPI, layout="constrained")
    axes = figure.subplots()
    per_code: dict[str, Counter[str]] = {}
    for row in data.rows:
        for code in row.codes:
            per_code.setdefault(code, Counter())[row.function] += 1
    order = [c for c in Code if str(c) in per_code] + sorted(
        c for c in per_code if c not in set(Code)
    )
    palette = colormaps["tab20"]
    bottom = [0] * len(data.functions)
    for index, code in enumerate(order):
        heights = [per_code[str(code)][f] for f in data.functions]
        axes.bar(data.functions, heights, bottom=bottom, color=palette(index % 20), label=str(code))
        bottom = [a + b for a, b in zip(bottom, heights, strict=True)]
    if not order:
        axes.text(0.5, 0.5, "no failures", ha="center", va="center", transform=axes.transAxes)
    else:
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    axes.set_ylabel("submissions")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title("Message codes per function (a submission counts once per code)")
    axes.tick_params(axis="x", labelsize="small")
    _save(figure, path)


# -- HTML and CSV ------------------------------------------------------------------------------
def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _names(students: list[str]) -> str:
    shown = ", ".join(_e(s) for s in students[:NAMES_SHOWN])
    more = len(students) - NAMES_SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def _table(headers: list[str], rows: list[list[str]], css: str = "") -> str:
    """A table; the cells are HTML already escaped by the caller."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


STYLE = """
body { font-family: sans-serif; margin: 20px; max-width: 1160px; color: #222; }
h1 { font-size: 1.6em; margin: 0 0 0.3em 0; }
h2 { font-size: 1.25em; border-bottom: 1px solid #bbb; margin-top: 1.5em; }
h3 { font-size: 1.05em; margin-bottom: 0.3em; }
.plots img { border: 1px solid #ddd; margin: 0 8px 8px 0; vertical-align: top; }
table { border-collapse: collapse; margin: 0.4em 0 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; }
code { font-size: 0.95em; }
.muted { color: #666; }
.warn { color: #b00; }
"""


def _function_section(data: ReportData, function: str) -> str:
    rows = [r for r in data.rows if r.function == function]
    statuses = Counter(r.status for r in rows)
    parts = [f"<h3><code>{_e(function)}</code></h3>"]
    summary = ", ".join(f"{statuses[s]} {s.replace('_', ' ')}" for s in STATUSES if statuses[s])
    parts.append(f"<p>{_e(len(rows))} submissions: {_e(summary)}.</p>")
    misconceptions: dict[str, list[str]] = {}
    codes: dict[str, list[str]] = {}
    for row in rows:
        for text in row.misconceptions:
            misconceptions.setdefault(text, []).append(row.student)
        for code in row.codes:
            codes.setdefault(code, []).append(row.student)
    if misconceptions:
        ranked = sorted(misconceptions.items(), key=lambda item: (-len(item[1]), item[0]))
        parts.append(
            _table(
                ["misconception named", "submissions", "students"],
                [[_e(text), _e(len(s)), _names(sorted(s))] for text, s in ranked],
                "misconceptions",
            )
        )
    if codes:
        ranked = sorted(codes.items(), key=lambda item: (-len(item[1]), item[0]))
        table_rows = []
        for code, students in ranked:
            sentence = MESSAGES.get(Code(code), "") if code in set(Code) else ""
            table_rows.append(
                [
                    f"<code>{_e(code)}</code>",
                    _e(sentence),
                    _e(len(students)),
                    _names(sorted(students)),
                ]
            )
        parts.append(_table(["code", "message", "submissions", "students"], table_rows, "codes"))
    if not misconceptions and not codes:
        parts.append('<p class="muted">Every submission passed.</p>')
    return "\n".join(parts)


def _isolation_text(data: ReportData) -> str:
    """How learner code was isolated, per level; a level weaker than bubblewrap is flagged."""
    levels = ", ".join(f"{_e(level)} ({n})" for level, n in sorted(data.isolation.items()))
    weaker = sorted(set(data.isolation) - {"bwrap"})
    warning = (
        f' <strong class="warn">Not bubblewrap: {_e(", ".join(weaker))}; run '
        "<code>neurograde doctor</code>.</strong>"
        if weaker
        else ""
    )
    return f"Isolation: {levels}.{warning}"


def render_html(data: ReportData, sizes: dict[str, tuple[int, int]]) -> str:
    """The report page; it references the plots by their file names, beside it."""
    assignment = _e(data.assignment)
    grades = data.grades
    percents = sorted(100 * g.score / g.max_score if g.max_score else 0.0 for g in grades)
    mean = sum(percents) / len(percents) if percents else 0.0
    median = percents[len(percents) // 2] if percents else 0.0
    recorded = sum(g.in_gradebook for g in grades)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src 'self'; style-src 'unsafe-inline'\">",
        f"<title>neurograde report: {assignment}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>Assignment <code>{assignment}</code></h1>",
        f"<p>{_e(len(grades))} submissions graded; mean {mean:.1f}%, median {median:.1f}%; "
        f"{_e(recorded)} recorded in the gradebook (its points are used where recorded). "
        f"{_isolation_text(data)} "
        f'<span class="muted">Generated {_e(stamp)}. Data: <a href="report.csv">report.csv'
        "</a>.</span></p>",
        '<div class="plots">',
    ]
    alts = {
        "grade_distribution": "Grade distribution",
        "pass_rate": "Pass rate per function",
        "message_codes": "Message codes per function",
    }
    for key, name in PLOTS.items():
        width, height = sizes[key]
        out.append(
            f'<img src="{_e(name)}" alt="{_e(alts[key])}" width="{width}" height="{height}">'
        )
    out.append("</div>")

    out.append("<h2>Timeouts, crashes and limits</h2>")
    if data.problems:
        out.append(
            _table(
                ["student", "function", "code", "properties", "detail"],
                [
                    [
                        _e(p.student),
                        f"<code>{_e(p.function)}</code>",
                        f"<code>{_e(p.code)}</code>",
                        _e(", ".join(p.properties)),
                        _e(p.detail),
                    ]
                    for p in sorted(data.problems, key=lambda p: (p.student, p.function, p.code))
                ],
                "problems",
            )
        )
    else:
        out.append('<p class="muted">No submission timed out, crashed or hit a limit.</p>')
    not_recorded = [g.student for g in grades if not g.in_gradebook]
    if not_recorded:
        out.append(
            f"<p>Not in the gradebook (grading error, or autograde did not finish): "
            f"{_names(sorted(not_recorded))}.</p>"
        )
    if data.ungraded:
        out.append(
            f"<p>Submitted but never graded (see <code>neurograde autograde</code>'s list of "
            f"submissions not graded): {_names(data.ungraded)}.</p>"
        )
    if data.unreadable:
        out.append(f"<p>Stored results that cannot be read: {_names(data.unreadable)}.</p>")

    out.append("<h2>Misconceptions and messages per function</h2>")
    out.extend(_function_section(data, f) for f in data.functions)

    out.append("<h2>Students</h2>")
    by_student: dict[str, dict[str, FunctionRow]] = {}
    for row in data.rows:
        by_student.setdefault(row.student, {})[row.function] = row
    student_rows = []
    for grade in sorted(grades, key=lambda g: g.student):
        cells = [_e(grade.student), f"{grade.score:g} / {grade.max_score:g}"]
        for function in data.functions:
            found = by_student.get(grade.student, {}).get(function)
            cells.append(f"{found.score:g}" if found else "")
        cells.append("yes" if grade.in_gradebook else "no")
        student_rows.append(cells)
    out.append(
        _table(["student", "score", *data.functions, "in gradebook"], student_rows, "students")
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _csv_text(value: str) -> str:
    """A text cell a spreadsheet will not run as a formula (a student id may start with =)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_csv(data: ReportData, path: Path) -> None:
    """One row per student and function."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for row in sorted(data.rows, key=lambda r: (r.student, data.functions.index(r.function))):
            writer.writerow(
                {
                    "assignment": data.assignment,
                    "student": _csv_text(row.student),
                    "function": row.function,
                    "score": f"{row.score:g}",
                    "max_score": f"{row.max_score:g}",
                    "status": row.status,
                    "codes": " ".join(row.codes),
                    "misconceptions": _csv_text("; ".join(row.misconceptions)),
                    "source": "gradebook" if row.in_gradebook else "results",
                }
            )


def report(assignment: str, course: Path, out: Path | None = None) -> Report:
    """Write the report of ``assignment`` into ``out`` (default: ``course/reports/assignment``)."""
    course = course.resolve()
    data = read_report_data(course, assignment)
    out = (out or course / "reports" / assignment).resolve()
    out.mkdir(parents=True, exist_ok=True)
    plots = {key: out / name for key, name in PLOTS.items()}
    plot_grade_distribution(data, plots["grade_distribution"])
    plot_pass_rate(data, plots["pass_rate"])
    plot_message_codes(data, plots["message_codes"])
    sizes = {
        "grade_distribution": (round(SMALL[0] * DPI), round(SMALL[1] * DPI)),
        "pass_rate": (round(SMALL[0] * DPI), round(SMALL[1] * DPI)),
        "message_codes": (round(WIDE[0] * DPI), round(WIDE[1] * DPI)),
    }
    page = out / "report.html"
    page.write_text(render_html(data, sizes), encoding="utf-8")
    table = out / "report.csv"
    write_csv(data, table)
    return Report(page, table, tuple(plots.values()), len(data.grades))
