"""GitHub Actions workflow commands, one per finding, so a pull request shows each finding on its line.

The syntax, ``::warning file={name},line={line},col={col},title={title}::{message}``, is GitHub's documented
"workflow commands" form (docs.github.com, "Workflow commands for GitHub Actions": error, warning and notice
messages). Escaping follows the runner's own toolkit, actions/toolkit ``packages/core/src/command.ts``:
``escapeData`` turns ``%`` into ``%25``, CR into ``%0D`` and LF into ``%0A`` in the message, and
``escapeProperty`` does the same and also ``:`` into ``%3A`` and ``,`` into ``%2C`` in property values.

Severities map to the three annotation levels: error -> ``::error``, warning -> ``::warning``, info ->
``::notice``. An input error is an ``::error`` titled ``CG000 input-error``. Text regimens (``--text``) and standard
input have no file in the repository, so their commands carry no ``file``/``line`` and annotate the run instead.
"""

from __future__ import annotations

from ..errors import Location
from ..evaluate import Report
from ..rules import Severity
from .concise import INPUT_ERROR_CODE, INPUT_ERROR_NAME

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A message, escaped as actions/toolkit's ``escapeData`` does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value, escaped as actions/toolkit's ``escapeProperty`` does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, report: Report, location: Location | None, title: str, message: str) -> str:
    """One workflow command: the file and place when the regimen came from a file, then the title."""
    properties = []
    if not report.source.startswith("<"):  # "<text 1>", "<stdin>": nothing in the repository to point at
        properties.append(f"file={escape_property(report.source)}")
        where = location or report.location
        if where is not None and where.line > 0:
            properties.append(f"line={where.line}")
            if where.column > 0:
                properties.append(f"col={where.column}")
    properties.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(properties)}::{escape_data(message)}"


def lines(report: Report) -> list[str]:
    """The report's workflow commands, without line ends."""
    if report.error is not None:
        title = f"{INPUT_ERROR_CODE} {INPUT_ERROR_NAME}"
        return [command("error", report, report.error.location, title, report.error.text)]
    out = [command(LEVEL[f.severity], report, f.location, f"{f.code} {f.rule}", f.message) for f in report.findings]
    out += [
        command("notice", report, None, "not checked", f"Not checked: {entry.text} ({entry.reason})")
        for entry in report.unmatched
    ]
    out += [
        command("notice", report, entry.location, "not assessed", f"Not assessed (no US reference value): {entry.dose}")
        for entry in report.not_assessed
    ]
    return out


def render(report: Report) -> str:
    """The report's commands, each ending in a newline."""
    return "".join(line + "\n" for line in lines(report))
