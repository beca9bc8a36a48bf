"""One line per finding, ``path:line:col: severity CODE rule: message``: the form compilers and linters print and
editors' problem matchers read (``:cfile``, VS Code's ``$gcc``-style matchers, ``grep -n`` habits).

A finding that names no item takes the regimen's own line; a column that is not known is written as 1. An input
error is one line of the same form with the code ``CG000`` and the name ``input-error``, so a matcher that reads
findings reads it too. What calcguide did not check (a medication it does not know, an ingredient with no US
reference value) follows as ``note:`` lines, so nothing the user wrote is dropped without a word.
"""

from __future__ import annotations

from ..errors import Location, one_line
from ..evaluate import Report

INPUT_ERROR_CODE = "CG000"
INPUT_ERROR_NAME = "input-error"
_START = Location(1, 1)


def place(report: Report, location: Location | None) -> tuple[int, int]:
    """The 1-based line and column to cite: the item's, else the regimen's, else the top of the file."""
    where = location or report.location or _START
    return max(1, where.line), max(1, where.column)


def lines(report: Report) -> list[str]:
    """The report's lines, without line ends."""
    source = one_line(report.source)
    if report.error is not None:
        line, col = place(report, report.error.location)
        return [f"{source}:{line}:{col}: error {INPUT_ERROR_CODE} {INPUT_ERROR_NAME}: {report.error.text}"]
    out = []
    for finding in report.findings:
        line, col = place(report, finding.location)
        out.append(
            f"{source}:{line}:{col}: {finding.severity.value} {finding.code} {finding.rule}: "
            + one_line(finding.message)
        )
    line, col = place(report, None)
    out += [
        f"{source}:{line}:{col}: note: Not checked: {one_line(e.text)} ({one_line(e.reason)})" for e in report.unmatched
    ]
    for entry in report.not_assessed:
        line, col = place(report, entry.location)
        out.append(f"{source}:{line}:{col}: note: Not assessed (no US reference value): {one_line(entry.dose)}")
    return out


def render(report: Report) -> str:
    """The report as text: its lines, each ending in a newline (nothing at all for a clean regimen)."""
    return "".join(line + "\n" for line in lines(report))
