"""The JSON report: a public contract (``schema_version``); fields are only ever added, never renamed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..errors import InputError
from ..evaluate import DISCLAIMER, Report
from ..rules import Finding
from ..totals import NutrientTotal

SCHEMA_VERSION = 1
_DECIMALS = 4  # enough for any label amount; hides binary floating-point noise such as 124.99999999999999


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, _DECIMALS) + 0.0


def _total(total: NutrientTotal) -> dict[str, Any]:
    return {
        "nutrient": total.nutrient,
        "label": total.label,
        "unit": total.unit,
        "amount_per_day": _num(total.amount_per_day),
        "diet_per_day": _num(total.diet_per_day),
        "total_per_day": _num(total.total_per_day),
        "target": _num(total.target),
        "target_type": total.target_type,
        "ul": _num(total.ul),
        "ul_basis": total.ul_basis,
        "ul_amount_per_day": _num(total.ul_amount_per_day),
        "percent_ul": _num(total.percent_ul),
        "percent_target": _num(total.percent_target),
        "sources": list(total.sources),
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "code": finding.code,
        "severity": finding.severity.value,
        "nutrient": finding.nutrient,
        "message": finding.message,
        "line": finding.location.line if finding.location else None,
        "evidence": [{"title": e.title, "url": e.url} for e in finding.evidence],
    }


def _error(error: InputError) -> dict[str, Any]:
    return {
        "message": error.text,
        "line": error.location.line if error.location else None,
        "column": error.location.column if error.location else None,
        "text": str(error),
    }


def report_object(report: Report) -> dict[str, Any]:
    profile = report.profile
    return {
        "schema_version": SCHEMA_VERSION,
        "source": report.source,
        "name": report.name,
        "profile": {
            "age": profile.age_years,
            "sex": profile.sex,
            "life_stage": report.standard.life_stage if report.standard else None,
            "life_stage_id": report.standard.life_stage_id if report.standard else None,
            "pregnant": profile.pregnant,
            "lactating": profile.lactating,
            "medications": list(profile.medications),
            "conditions": list(profile.conditions),
        },
        "totals": [_total(total) for total in report.totals],
        "findings": [_finding(finding) for finding in report.findings],
        "notes": list(report.notes),
        "summary": dict(report.summary),
        "error": _error(report.error) if report.error else None,
        "disclaimer": DISCLAIMER,
    }


def render(reports: Iterable[Report]) -> str:
    """A JSON array with one object per regimen, in input order."""
    return json.dumps([report_object(report) for report in reports], indent=2, ensure_ascii=False) + "\n"
