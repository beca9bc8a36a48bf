"""The JSON report: a public contract (``schema_version``); fields are only ever added, never renamed."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

import orjson

from ..evaluate import DISCLAIMER, Report
from ..interaction_catalog import describe
from .marked_float import MarkedFloat

if TYPE_CHECKING:  # only for annotations: a plain check need not import compare, suggest or schedule
    from ..comparison import Comparison
    from ..errors import InputError
    from ..lifestages import StageReport
    from ..rules import Evidence, Finding
    from ..schedule import Schedule
    from ..suggest import Suggestions
    from ..totals import NutrientTotal

SCHEMA_VERSION: Final = 1
_DECIMALS: Final = 4  # enough for any label amount; hides binary floating-point noise such as 124.99999999999999
_SCALE: Final = 10_000.0  # 10 ** _DECIMALS
_EXACT_BELOW: Final = 2.0**52  # below it every k + 0.5 is a float: rounding the scaled value cannot cross one


# ``_num`` and ``_plain`` return ``object``, not ``float | None``: compiled code would turn a MarkedFloat it returns
# as a float back into a plain float (see docs/architecture.md, "Compiled modules").
def _num(value: float | None) -> object:
    if value is None:
        return None
    # round(value, 4) in float arithmetic, where that gives the same float. Below 2**52 the halfway points
    # k + 0.5 are floats, and rounding is monotonic, so the scaled value lies strictly on the same side of each
    # as value * 10,000 does exactly (or on it): its nearest integer is the one round() finds from the exact
    # value, and that integer over 10,000 is the float nearest to the rounded decimal, as round() returns it.
    # A scaled value on a halfway point, out of range, infinite or NaN takes round() itself.
    # + 0.0 makes -0.0 print as 0.0, and an int a float.
    scaled = value * _SCALE
    if -_EXACT_BELOW < scaled < _EXACT_BELOW:
        nearest = math.floor(scaled + 0.5)
        if -0.5 < scaled - nearest < 0.5:
            return nearest / _SCALE + 0.0
    rounded = round(value, _DECIMALS) + 0.0
    # Rounded to 4 places nothing is below 1e-4 but zero; inf - inf and nan - nan are nan, never 0.0.
    if rounded - rounded == 0.0:
        return rounded
    return MarkedFloat(rounded)  # returned on its own: in "a if c else b" it would be typed (and compiled) as float


def _plain(value: float | None) -> object:
    """A float the report carries as given (the age): marked where orjson would print it differently."""
    if value is None or value.__class__ is not float or value == 0.0 or (1e-4 <= abs(value) < float("inf")):
        return value
    return MarkedFloat(value)


# How json.dumps writes floats around where formats change (orjson before 3.11.7 wrote 1e16, not 1e+16): an
# orjson that writes any of them otherwise is not used at all.
_FLOAT_PROBE: Final = [
    1e16, -1.5e300, 1e22, 1.2345678901234568e17, 1e15, 9999999999999998.0, 0.0001, 123.4567, 5.0, -0.0
]  # fmt: skip
_FLOAT_PROBE_JSON: Final = (
    b"[1e+16,-1.5e+300,1e+22,1.2345678901234568e+17,1000000000000000.0,9999999999999998.0,0.0001,123.4567,5.0,-0.0]"
)
_ORJSON_AGREES = orjson.dumps(_FLOAT_PROBE) == _FLOAT_PROBE_JSON


def _encoded(data: Any, indent: bool) -> str:
    """``json.dumps(data, ensure_ascii=False)``, compact or with ``indent=2``, byte for byte, made by orjson.

    orjson and json.dumps agree on strings (only quotes, backslashes and control characters escaped, as
    ``\\n`` or ``\\u001f``), key order, ints and every float from 1e-4 up; what orjson cannot give the same way
    (a marked float, an int beyond 64 bits, a lone surrogate, a non-string key) it refuses, and json.dumps
    writes that one.
    """
    if _ORJSON_AGREES:
        try:
            return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0).decode()
        except TypeError:  # orjson.JSONEncodeError is a TypeError
            pass
    import json

    if indent:
        return json.dumps(data, indent=2, ensure_ascii=False)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def dumps_line(data: Any) -> str:
    """``data`` as ``json.dumps(data, ensure_ascii=False, separators=(",", ":"))`` writes it."""
    return _encoded(data, False)


def dumps_indented(data: Any) -> str:
    """``data`` as ``json.dumps(data, indent=2, ensure_ascii=False)`` writes it."""
    return _encoded(data, True)


def _total(total: NutrientTotal) -> dict[str, Any]:
    # Equal values round alike: a total often repeats one (no diet, all of it under the UL, one authority's UL),
    # so each is rounded once. _num is called by its own name: compiled, that is a direct call (through a local
    # alias, a generic one).
    amount, whole, ul_amount, ul = total.amount_per_day, total.total_per_day, total.ul_amount_per_day, total.ul
    percent_ul = total.percent_ul
    amount_out = _num(amount)
    whole_out = amount_out if whole == amount else _num(whole)
    ul_amount_out = whole_out if ul_amount == whole else _num(ul_amount)
    ul_out = _num(ul)
    percent_ul_out = _num(percent_ul)
    limits = []
    for use in total.limits:
        use_percent = use.percent
        limits.append(
            {
                "authority": use.authority,
                "ul": ul_out if use.ul == ul else _num(use.ul),
                "ul_basis": use.basis,
                "ul_amount_per_day": ul_amount_out if use.amount_per_day == ul_amount else _num(use.amount_per_day),
                "percent_ul": percent_ul_out if use_percent == percent_ul else _num(use_percent),
            }
        )
    return {
        "nutrient": total.nutrient,
        "label": total.label,
        "unit": total.unit,
        "amount_per_day": amount_out,
        "diet_per_day": _num(total.diet_per_day),
        "total_per_day": whole_out,
        "target": _num(total.target),
        "target_type": total.target_type,
        "ul": ul_out,
        "ul_basis": total.ul_basis,
        "ul_amount_per_day": ul_amount_out,
        "percent_ul": percent_ul_out,
        "percent_target": _num(total.percent_target),
        "sources": list(total.sources),
        "ul_authority": total.ul_authority,
        "limits": limits,
        "ul_unit": total.ul_unit or total.unit,
    }


# Citations are reference data (a rule's or the interaction catalogue's evidence), the same few for every report:
# each tuple of them is turned into dicts once per process. The dicts are shared; nothing may change them.
_EVIDENCE: Final[dict[tuple[Evidence, ...], list[dict[str, str]]]] = {}
_EVIDENCE_KEPT: Final = 4096  # far more than the catalogues cite; past it (never expected) each is built anew


def _evidence(evidence: tuple[Evidence, ...]) -> list[dict[str, str]]:
    try:
        return list(_EVIDENCE[evidence])
    except KeyError:
        made = [{"title": e.title, "url": e.url} for e in evidence]
        if len(_EVIDENCE) < _EVIDENCE_KEPT:
            _EVIDENCE[evidence] = made
        return list(made)
    except TypeError:  # not hashable (a list of citations): built anew each time
        return [{"title": e.title, "url": e.url} for e in evidence]


def _finding(finding: Finding) -> dict[str, Any]:
    location = finding.location
    return {
        "rule": finding.rule,
        "code": finding.code,
        "severity": str(finding.severity),  # a StrEnum's value (Enum's .value is Python code, run per finding)
        "nutrient": finding.nutrient,
        "message": finding.message,
        "line": location.line if location else None,
        "evidence": _evidence(finding.evidence),
    }


def _error(error: InputError) -> dict[str, Any]:
    return {
        "message": error.text,
        "line": error.location.line if error.location else None,
        "column": error.location.column if error.location else None,
        "text": str(error),
    }


def report_object(report: Report) -> dict[str, Any]:
    profile, standard = report.profile, report.standard
    ignored, not_assessed, unmatched = report.ignored, report.not_assessed, report.unmatched
    medicines = report.medicines
    return {
        "schema_version": SCHEMA_VERSION,
        "source": report.source,
        "name": report.name,
        "profile": {
            "age": _plain(profile.age_years),
            "sex": profile.sex,
            "life_stage": standard.life_stage if standard else None,
            "life_stage_id": standard.life_stage_id if standard else None,
            "standard": standard.standard if standard else None,
            "pregnant": profile.pregnant,
            "lactating": profile.lactating,
            "medications": list(profile.medications),
            "conditions": list(profile.conditions),
        },
        "totals": [_total(total) for total in report.totals],
        "findings": [_finding(finding) for finding in report.findings],
        "notes": list(report.notes),
        "summary": dict(report.summary),
        # Most reports have none of these: the empty ones are built without a loop.
        "ignored": [{"rule": rule, "reason": reason} for rule, reason in ignored] if ignored else [],
        "not_assessed": [
            {"item": entry.item, "dose": entry.dose, "name": entry.name, "line": entry.location.line}
            for entry in not_assessed
        ]
        if not_assessed
        else [],
        "unmatched": [{"kind": u.kind, "text": u.text, "reason": u.reason} for u in unmatched] if unmatched else [],
        "medicines": [
            {
                "item": m.item,
                "dose": m.dose,
                "drugs": [{"drug": d.drug, "class": d.drug_class} for d in m.drugs],
                "what": describe(m.drugs),
                "counted": False,
            }
            for m in medicines
        ]
        if medicines
        else [],
        "error": _error(report.error) if report.error else None,
        "disclaimer": DISCLAIMER,
    }


def render(reports: Iterable[Report]) -> str:
    """A JSON array with one object per regimen, in input order."""
    return dumps_indented([report_object(report) for report in reports]) + "\n"


def line(report: Report) -> str:
    """One report as a single JSON line (``--format jsonl``)."""
    return dumps_line(report_object(report)) + "\n"


def array_element(report: Report) -> str:
    """One element of the JSON array, indented as ``render`` indents it (without the separating comma)."""
    return indented_element(report_object(report))


def indented_element(data: Any) -> str:
    """``data`` indented as an element of a top-level JSON array (without the separating comma)."""
    # split("\n"), not splitlines(): U+0085 and U+2028 inside a string are text, and JSON keeps them raw
    return "\n".join("  " + text for text in dumps_indented(data).split("\n"))


def comparison_object(comparison: Comparison) -> dict[str, Any]:
    """The comparison as data: regimens, per-nutrient cells, per-finding severities, changes and verdicts."""
    return {
        "schema_version": SCHEMA_VERSION,
        "regimens": [
            {
                "source": report.source,
                "name": report.name,
                "life_stage": report.standard.life_stage if report.standard else None,
                "summary": dict(report.summary),
                "worst": report.worst.value if report.worst else None,
                "verdict": comparison.verdict(index),
                "error": _error(report.error) if report.error else None,
                "fixes": list(comparison.changes[index].fixes),
                "introduces": list(comparison.changes[index].introduces),
            }
            for index, report in enumerate(comparison.reports)
        ],
        "nutrients": [
            {
                "nutrient": row.nutrient,
                "label": row.label,
                "unit": row.unit,
                "cells": [
                    None
                    if cell is None
                    else {
                        "total_per_day": _num(cell.total_per_day),
                        "ul": _num(cell.ul),
                        "percent_ul": _num(cell.percent_ul),
                    }
                    for cell in row.cells
                ],
            }
            for row in comparison.nutrients
        ],
        "findings": [
            {
                "rule": row.rule,
                "code": row.code,
                "nutrient": row.nutrient,
                "severities": [None if cell is None else cell.value for cell in row.cells],
            }
            for row in comparison.findings
        ],
        "disclaimer": DISCLAIMER,
    }


def suggestions_object(result: Suggestions) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "source": result.before.source,
        "name": result.before.name,
        "suggestions": [
            {
                "rule": f.rule,
                "code": f.code,
                "nutrient": f.nutrient,
                "severity": f.severity.value,
                "kind": s.kind,
                "suggestion": s.text,
            }
            for f, s in zip(result.before.findings, result.suggestions, strict=True)
        ],
        "resolved": list(result.resolved),
        "introduced": list(result.introduced),
        "before": report_object(result.before),
        "after": report_object(result.after),
    }


def schedule_object(name: str, schedule: Schedule) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "name": name,
        "slots": [
            {"slot": slot, "take": [{"what": e.what, "why": e.why} for e in entries]}
            for slot, entries in schedule.by_slot().items()
        ],
        "notes": list(schedule.notes),
        "disclaimer": DISCLAIMER,
    }


def life_stages_object(name: str, source: str, rows: list[StageReport]) -> dict[str, Any]:
    """Every life stage's report, with the groups whose UL the regimen exceeds named up front."""
    over: dict[str, list[str]] = {}
    for row in rows:
        for total in row.report.totals:
            if total.percent_ul is not None and total.percent_ul > 100:
                over.setdefault(total.nutrient, []).append(row.stage.id)
    return {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "name": name,
        "above_ul": over,
        "life_stages": [
            {"id": row.stage.id, "label": row.stage.label, "report": report_object(row.report)} for row in rows
        ],
        "disclaimer": DISCLAIMER,
    }
