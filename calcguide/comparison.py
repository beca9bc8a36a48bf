"""Several evaluated regimens side by side: amounts per nutrient, findings, and what each alternative changes."""

from __future__ import annotations

from typing import NamedTuple

from .catalog import catalog
from .evaluate import Report
from .rules import Severity
from .totals import NutrientTotal


class NutrientRow(NamedTuple):
    nutrient: str
    label: str
    unit: str
    cells: tuple[NutrientTotal | None, ...]


class FindingRow(NamedTuple):
    """One rule (and nutrient) across the regimens: the severity each has, or None where it does not fire."""

    rule: str
    code: str
    nutrient: str | None
    cells: tuple[Severity | None, ...]


class Change(NamedTuple):
    """What a regimen fixes and introduces relative to the first one (the baseline)."""

    fixes: tuple[str, ...]
    introduces: tuple[str, ...]


class Comparison(NamedTuple):
    reports: tuple[Report, ...]
    nutrients: tuple[NutrientRow, ...]
    findings: tuple[FindingRow, ...]
    changes: tuple[Change, ...]

    def verdict(self, index: int) -> str:
        report = self.reports[index]
        if report.error is not None:
            return "could not be read"
        worst = report.worst
        return "no findings" if worst is None else f"worst: {worst.value}"


def _key(rule: str, nutrient: str | None) -> str:
    return f"{rule} ({nutrient})" if nutrient else rule


def compare(reports: list[Report]) -> Comparison:
    """Line up the reports; the first is the baseline the others' changes are measured against."""
    order = list(catalog().nutrients)
    present = {total.nutrient for report in reports for total in report.totals}
    nutrients = []
    for nutrient in (n for n in order if n in present):
        cells = tuple(next((t for t in report.totals if t.nutrient == nutrient), None) for report in reports)
        first = next(cell for cell in cells if cell is not None)
        nutrients.append(NutrientRow(nutrient, first.label, first.unit, cells))
    keyed: dict[tuple[str, str | None], list[Severity | None]] = {}
    codes: dict[str, str] = {}
    for index, report in enumerate(reports):
        for finding in report.findings:
            found = keyed.setdefault((finding.rule, finding.nutrient), [None] * len(reports))
            previous = found[index]
            if previous is None or finding.severity.rank > previous.rank:
                found[index] = finding.severity
            codes[finding.rule] = finding.code
    rows = tuple(
        FindingRow(rule, codes[rule], nutrient, tuple(severities))
        for (rule, nutrient), severities in sorted(keyed.items(), key=lambda kv: (codes[kv[0][0]], kv[0][1] or ""))
    )
    changes = []
    for index, report in enumerate(reports):
        if report.error is not None or reports[0].error is not None:  # nothing to measure against
            changes.append(Change((), ()))
            continue
        fixes = tuple(_key(r.rule, r.nutrient) for r in rows if r.cells[0] is not None and r.cells[index] is None)
        new = tuple(_key(r.rule, r.nutrient) for r in rows if r.cells[0] is None and r.cells[index] is not None)
        changes.append(Change(fixes, new))
    return Comparison(tuple(reports), tuple(nutrients), rows, tuple(changes))
