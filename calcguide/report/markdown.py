"""The report as GitHub-flavoured Markdown, for pasting into notes and tickets."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import one_line
from ..evaluate import DISCLAIMER, Report
from ..quantities import amount, number
from ..rules import Evidence
from .summary import SummaryRow, by_concern


def _cell(text: str) -> str:
    return one_line(text.replace("|", "\\|").replace("\n", " "))


def render(report: Report) -> str:
    lines = [f"## {_cell(report.name)}", "", f"Source: `{report.source}`", ""]
    if report.error is not None:
        # Only where: calcguide prints the message itself once, on standard error.
        place = "" if report.location is None else f" (line {report.location.line})"
        return "\n".join([*lines, f"**Could not be read{place}**: the error is printed on standard error.", ""]) + "\n"
    assert report.standard is not None
    lines += [f"Life stage: **{report.standard.life_stage}**", ""]
    lines += [f"**Not checked:** {_cell(entry.text)} ({_cell(entry.reason)})" for entry in report.unmatched]
    lines += [""] if report.unmatched else []
    if report.totals:
        lines += ["| Nutrient | Per day | Target | UL | % of UL |", "|---|---:|---:|---:|---:|"]
        for total in by_concern(report.totals):
            target = "not set" if total.target is None else f"{number(total.target)} {total.unit} {total.target_type}"
            ul = "not set" if total.ul is None else f"{number(total.ul)} {total.ul_unit or total.unit}"
            if total.ul is not None and total.ul_basis != "total":
                ul += f" ({total.ul_basis})"
            percent = "" if total.percent_ul is None else f"{number(total.percent_ul)}%"
            per_day = amount(total.total_per_day, total.unit, total.nutrient)
            lines.append(f"| {total.label} | {per_day} | {target} | {ul} | {percent} |")
        lines.append("")
    if report.not_assessed:
        written = ", ".join(dict.fromkeys(_cell(entry.dose) for entry in report.not_assessed))
        lines += [f"**Not assessed (no US reference value):** {written}", ""]
    numbering: dict[Evidence, int] = {}
    for finding in report.findings:
        for item in finding.evidence:
            numbering.setdefault(item, len(numbering) + 1)
    if report.findings:
        lines += ["| Severity | Code | Rule | Message |", "|---|---|---|---|"]
        for finding in report.findings:
            refs = "".join(f"[{n}]" for n in sorted(numbering[e] for e in finding.evidence))
            message = f"{_cell(finding.message)} {refs}"
            lines.append(f"| **{finding.severity.value}** | {finding.code} | `{finding.rule}` | {message} |")
        lines += ["", "Evidence:", ""]
        lines += [f"{n}. [{_cell(e.title)}]({e.url})" for e, n in numbering.items()]
        lines.append("")
    else:
        lines += ["No findings.", ""]
    if report.ignored:
        lines += ["Ignored rules:", ""]
        lines += [f"- `{rule}`: {_cell(reason) or '(no reason given)'}" for rule, reason in report.ignored]
        lines.append("")
    if report.notes:
        lines += ["Notes:", ""] + [f"- {_cell(note)}" for note in report.notes] + [""]
    lines += [f"_{DISCLAIMER}_", ""]
    return "\n".join(lines) + "\n"


def summary(rows: Iterable[SummaryRow]) -> str:
    """A table of many regimens: name, life stage, counts by severity, worst finding."""
    lines = [
        "## Summary",
        "",
        "| Regimen | Life stage | Errors | Warnings | Info | Worst finding |",
        "|---|---|--:|--:|--:|---|",
    ]
    for row in rows:
        counts = row.counts
        lines.append(
            f"| {_cell(row.name)} | {_cell(row.life_stage)} | {counts.get('error', 0)} | {counts.get('warning', 0)} | "
            f"{counts.get('info', 0)} | {_cell(row.worst)} |"
        )
    return "\n".join(lines) + "\n"
