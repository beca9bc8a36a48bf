"""One line per regimen for batch runs: small enough to keep for every regimen while reports stream past."""

from __future__ import annotations

from typing import NamedTuple

from ..evaluate import Report


class SummaryRow(NamedTuple):
    name: str
    source: str
    life_stage: str
    counts: dict[str, int]
    worst: str


def summary_row(report: Report) -> SummaryRow:
    if report.error is not None:
        return SummaryRow(report.name, report.source, "-", dict(report.summary), f"input error: {report.error.text}")
    assert report.standard is not None
    first = report.findings[0] if report.findings else None
    worst = f"{first.severity.value} {first.code} {first.rule}" if first else "no findings"
    return SummaryRow(report.name, report.source, report.standard.life_stage, dict(report.summary), worst)
