"""The command line: arguments in, core called, renderer out, exit code. No rules or arithmetic here."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .errors import InputError
from .evaluate import Report, evaluate, failed
from .loading import default_name, read_regimens
from .rules import Severity

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Check dietary-supplement regimens (vitamin D, K2, calcium, magnesium, vitamin A) like a linter.",
)

EXIT_FINDINGS = 1
EXIT_INPUT = 2


class Format(StrEnum):
    table = "table"
    json = "json"


class FailOn(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"
    never = "never"


@app.callback()
def _root() -> None:
    """calcguide: a linter for supplement regimens. It reports what its rules found; it is not medical advice."""


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", "check the path") from None
    except IsADirectoryError:
        raise InputError("is a directory", "name a regimen file") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", "check the path and its permissions") from None


def _reports(paths: list[str]) -> Iterator[Report]:
    """One report per regimen, in input order; an unreadable input yields a failed report and the rest go on."""
    for path in paths:
        source = "<stdin>" if path == "-" else path
        try:
            data = _read(path)
        except InputError as exc:
            yield failed(source, default_name(source), exc.at(source))
            continue
        for entry in read_regimens(data, source):
            if isinstance(entry, InputError):
                yield failed(source, default_name(source), entry)
                continue
            try:
                yield evaluate(entry)
            except InputError as exc:
                yield failed(source, entry.name, exc.at(source))


def _exit_code(reports: list[Report], fail_on: FailOn) -> int:
    if any(report.error for report in reports):
        return EXIT_INPUT
    if fail_on is FailOn.never:
        return 0
    threshold = Severity(fail_on.value).rank
    failing = any(finding.severity.rank >= threshold for report in reports for finding in report.findings)
    return EXIT_FINDINGS if failing else 0


@app.command()
def check(
    files: Annotated[list[str], typer.Argument(help="Regimen YAML files ('-' reads standard input).")],
    output_format: Annotated[Format, typer.Option("--format", "-f", help="table for people, json for tools.")] = (
        Format.table
    ),
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when a finding is at least this severe (never: always exit 0).")
    ] = FailOn.error,
) -> None:
    """Check regimens: daily totals against life-stage limits, and what the rules find."""
    reports = list(_reports(files))
    for report in reports:
        if report.error is not None:
            print(report.error, file=sys.stderr)
    if output_format is Format.json:
        from .report import json as json_report

        sys.stdout.write(json_report.render(reports))
    else:
        from rich.console import Console

        from .report import table

        console = Console(highlight=False, soft_wrap=False)
        for renderable in table.render_all(reports):
            console.print(renderable)
    raise typer.Exit(_exit_code(reports, fail_on))


def main() -> None:
    """Entry point: a closed pipe or Ctrl-C ends quietly, never with a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        print("calcguide: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
