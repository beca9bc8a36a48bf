"""Property: a strength, a schedule, a route, whitespace or case added to any catalogue name never changes a finding.

A medication list pasted from a chart ("Fosamax 70 mg PO weekly") must give exactly what the bare name gives.
"""

from __future__ import annotations

from conftest import check_text
from hypothesis import given
from hypothesis import strategies as st

import calcguide
from calcguide import data
from calcguide.medications import read_medication

# A regimen that touches every kind of interaction: minerals, fat-soluble vitamins, vitamin K, potassium ...
REGIMEN = "500 mg calcium + 100 mcg MK-7 + 1000 IU D3 + 400 mg magnesium + 800 IU vitamin E + 3000 IU vitamin A"


def _catalogue_names() -> list[str]:
    raw = data.load("interactions")
    names: list[str] = []
    for cls in raw["medications"]:
        names += cls.get("names") or []
        for drug in cls["drugs"]:
            names += [drug["drug"], *drug.get("names", ()), *drug.get("brands", ()), *drug.get("abbreviations", ())]
    for combo in raw["combinations"]:
        names += combo["names"]
    return sorted(set(names))


NAMES = _catalogue_names()
STRENGTHS = ["5 mg", "88 mcg", "20-12.5 mg", "0.25 mcg", "1,000 IU", "500mg", "12.5 MG", "1 tab", "2 tablets", "10 mL"]
SCHEDULES = [
    "daily", "BID", "qAM", "qHS", "weekly", "monthly", "every other day", "q12h", "x 7 days", "PO BID x 10 days",
    "once weekly", "TID", "twice a day", "prn", "with meals", "at bedtime", "q8h", "for 14 days", "once a month",
]  # fmt: skip


def _findings(report: calcguide.Report) -> list[tuple[object, ...]]:
    return [(f.rule, f.code, f.severity, f.nutrient, f.message, f.evidence) for f in report.findings]


@st.composite
def decorated(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(NAMES))
    case = draw(st.sampled_from([str, str.lower, str.upper, str.title]))
    parts = [case(name)]
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(STRENGTHS)))
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(SCHEDULES)))
    space = draw(st.sampled_from([" ", "  ", "\t"]))
    return name, draw(st.sampled_from(["", " ", "\t"])) + space.join(parts) + draw(st.sampled_from(["", " ", "  "]))


@given(decorated())
def test_decorations_never_change_what_a_name_matches(pair: tuple[str, str]) -> None:
    name, written = pair
    assert read_medication(written).drugs == read_medication(name).drugs
    assert read_medication(name).drugs, name


@given(decorated())
def test_decorations_never_change_the_findings(pair: tuple[str, str]) -> None:
    name, written = pair
    assert _findings(check_text(REGIMEN, medications=[written])) == _findings(check_text(REGIMEN, medications=[name]))


def test_the_issue_s_list_gives_the_bare_names_findings() -> None:
    written = ["warfarin 5 mg", "alendronate 70 mg weekly", "levothyroxine 50 mcg daily", "HCTZ 12.5 mg"]
    bare = ["warfarin", "alendronate", "levothyroxine", "HCTZ"]
    report = check_text(REGIMEN, medications=written)
    assert _findings(report) == _findings(check_text(REGIMEN, medications=bare))
    assert report.unmatched == ()
    assert {f.rule for f in report.findings} >= {
        "vitamin-k-anticoagulant",
        "thiazide-hypercalcemia",
        "mineral-drug-spacing",
    }
