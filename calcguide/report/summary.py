"""One line per regimen for batch runs: small enough to keep for every regimen while reports stream past."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from ..evaluate import Report

if TYPE_CHECKING:
    from ..totals import NutrientTotal


class SummaryRow(NamedTuple):
    name: str
    source: str
    life_stage: str
    counts: dict[str, int]
    worst: str


def by_concern(totals: Iterable[NutrientTotal]) -> list[NutrientTotal]:
    """Totals as a reader should meet them: over the UL first, then by % of the UL (highest first), then the
    nutrients with no UL, each group in the reference tables' order (the sort is stable)."""
    return sorted(totals, key=lambda total: (total.percent_ul is None, -(total.percent_ul or 0.0)))


def summary_row(report: Report) -> SummaryRow:
    if report.error is not None:
        # Only that it failed: the message itself is printed once, on standard error.
        return SummaryRow(report.name, report.source, "-", dict(report.summary), "input error")
    assert report.standard is not None
    first = report.findings[0] if report.findings else None
    worst = f"{first.severity.value} {first.code} {first.rule}" if first else "no findings"
    return SummaryRow(report.name, report.source, report.standard.life_stage, dict(report.summary), worst)
