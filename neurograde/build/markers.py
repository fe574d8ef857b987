"""Solution regions: the ``### BEGIN SOLUTION`` / ``### END SOLUTION`` markers of nbgrader.

A region's lines are replaced by a stub the way nbgrader's ``ClearSolutions`` does it: a
``# YOUR CODE HERE`` line and ``raise NotImplementedError()``, at the indentation of the BEGIN
marker. Nested or unclosed markers are an error that names the file and the line.
"""

from __future__ import annotations

from dataclasses import dataclass

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STUB_LINES = ("# YOUR CODE HERE", "raise NotImplementedError()")


class MarkerError(ValueError):
    """The solution markers of a source file are malformed."""


@dataclass(frozen=True)
class Region:
    """One solution region: 1-based line numbers of its BEGIN and END markers."""

    begin: int
    end: int
    indent: str


def find_regions(text: str, source: str) -> list[Region]:
    """Return the solution regions of ``text`` in order.

    Parameters
    ----------
    text : str
        Source code with nbgrader solution markers.
    source : str
        The file name used in error messages.

    Raises
    ------
    MarkerError
        For a BEGIN inside a region, an END outside one, or a region left open.
    """
    regions: list[Region] = []
    open_line: int | None = None
    indent = ""
    for number, line in enumerate(text.splitlines(), start=1):
        marker = line.strip()
        if marker == BEGIN:
            if open_line is not None:
                raise MarkerError(
                    f"{source}:{number}: nested '{BEGIN}' (the region opened at line "
                    f"{open_line} is not closed); close it with '{END}' first"
                )
            open_line, indent = number, line[: len(line) - len(line.lstrip())]
        elif marker == END:
            if open_line is None:
                raise MarkerError(f"{source}:{number}: '{END}' without a matching '{BEGIN}'")
            regions.append(Region(open_line, number, indent))
            open_line = None
    if open_line is not None:
        raise MarkerError(f"{source}:{open_line}: '{BEGIN}' is never closed by '{END}'")
    return regions


def clear_solutions(text: str, source: str) -> str:
    """Replace every solution region of ``text`` by the nbgrader stub, keeping indentation."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    position = 0
    for region in find_regions(text, source):
        out.extend(lines[position : region.begin - 1])
        out.extend(f"{region.indent}{stub}\n" for stub in STUB_LINES)
        position = region.end
    out.extend(lines[position:])
    return "".join(out)
