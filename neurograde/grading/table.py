"""Print a submission's grade table: the terminal output of ``neurograde grade``."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from neurograde.grading.results import SubmissionResult

STATUS_STYLE = {"passed": "green", "partial": "yellow", "failed": "red", "grader_error": "magenta"}


def print_table(result: SubmissionResult, title: str = "", console: Console | None = None) -> None:
    """Print one row per function (points, status, first message) and the total."""
    console = console or Console(soft_wrap=False, width=140)
    table = Table(title=escape(title) if title else None, show_lines=False)
    table.add_column("function")
    table.add_column("points", justify="right")
    table.add_column("status")
    table.add_column("message", overflow="fold")
    for function in result.functions:
        points = "—" if function.points is None else f"{function.points:g}"
        style = STATUS_STYLE[function.status]
        table.add_row(
            function.qualified_name,
            f"{points}/{function.max_points:g}",
            f"[{style}]{function.status}[/{style}]",
            escape(function.summary()),  # learner text is never rich markup
        )
    console.print(table)
    for message in result.messages:
        console.print(escape(message))
    console.print(
        f"Total: {result.score:g}/{result.max_score:g} "
        f"(isolation: {result.isolation}, {result.execution_time:.1f} s)"
    )
