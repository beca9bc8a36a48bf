"""CG402 unrecognized-ingredient: reported, never guessed, and left out of every total."""

from __future__ import annotations

import pytest
from conftest import check_text, check_yaml, total

RULE = "unrecognized-ingredient"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("100 mcg MK-9", ["warning"]),
        ("100 mcg MK-7", []),
        ("5000 IU vitamn D3", ["warning"]),
        ("5000 IU unobtanium", ["warning"]),  # IU of something unknown is not an input error: it is unknown
        ("100 mg unobtanium + 50 mg phlogiston", ["warning", "warning"]),
        ("100 mg quercetin + 50 mg rutin", []),  # recognised, no US reference value: not assessed, not unknown
        ("100 mcg K2-MK7", []),  # spelling variants fold to a known name
        ("100 mcg menaquinone 7", []),
        ("5000 IU COLECALCIFEROL", []),
    ],
)
def test_cases(line: str, expected: list[str]) -> None:
    assert [f.severity.value for f in check_text(line, select=[RULE]).findings] == expected


def test_exact_message_without_a_suggestion() -> None:
    (finding,) = check_text("100 mcg MK-9", select=[RULE]).findings
    assert (finding.rule, finding.code, finding.severity.value, finding.nutrient) == (RULE, "CG402", "warning", None)
    assert finding.message == "'MK-9' (100 mcg MK-9) is not an ingredient calcguide knows; it is not counted."
    assert [e.url for e in finding.evidence] == ["https://dsld.od.nih.gov/"]


def test_exact_message_with_a_suggestion() -> None:
    (finding,) = check_text("5000 IU vitamn D3", select=[RULE]).findings
    assert finding.message == (
        "'vitamn D3' (5000 IU vitamn D3) is not an ingredient calcguide knows; it is not counted. "
        "Did you mean 'vitamin d3'?"
    )


def test_it_is_left_out_of_the_totals() -> None:
    report = check_text("5000 IU vitamn D3 + 1000 IU D3")
    assert total(report, "vitamin_d").total_per_day == 25  # only the 1,000 IU / 40
    assert "above-ul" not in {f.rule for f in report.findings}
    assert check_text("5000 IU vitamn D3").totals == ()


def test_finding_points_at_the_line() -> None:
    report = check_yaml("items:\n  - 100 mcg MK-7\n  - 200 mg phlogiston\n", select=[RULE])
    (finding,) = report.findings
    assert finding.location is not None and finding.location.line == 3
