"""CG202 vitamin-d-bolus: one intake of >= 50,000 IU taken less often than daily (info / warning / error)."""

from __future__ import annotations

import pytest
from conftest import check_text, check_yaml

RULE = "vitamin-d-bolus"
WHY = (
    " Intermittent large doses were linked to more falls and fractures (500,000 IU yearly: falls +15 %, "
    "fractures +26 %); daily lower doses are preferred unless a clinician prescribed this course."
)


def severities(line: str, **options: object) -> list[str]:
    return [f.severity.value for f in check_text(line, select=[RULE], **options).findings]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("49999 IU D3 weekly", []),
        ("50000 IU D3 weekly", ["info"]),
        ("50,000 IU ergocalciferol weekly", ["info"]),
        ("1250 mcg D3 weekly", ["info"]),  # 1,250 mcg = 50,000 IU
        ("99999 IU D3 weekly", ["info"]),
        ("100000 IU D3 weekly", ["warning"]),
        ("100000 IU D3 monthly", ["warning"]),
        ("299999 IU D3 monthly", ["warning"]),
        ("300000 IU D3 monthly", ["error"]),
        ("300000 IU D3 every 3 months", ["error"]),
        ("500000 IU D3 yearly", ["error"]),
        ("50000 IU D3 every other day", ["info"]),
        ("50000 IU D3 twice weekly", ["info"]),
        ("25000 IU D3 every 2 weeks", []),  # below 50,000 in one intake
        ("50000 IU D3 daily", []),  # daily is not intermittent (above-ul reports it)
        ("50000 IU D3", []),
        ("25000 IU D3 weekly + 25000 IU D2 weekly", []),  # two items, each one intake below 50,000
    ],
)
def test_cases(line: str, expected: list[str]) -> None:
    assert severities(line) == expected


def test_exact_message_weekly() -> None:
    (finding,) = check_text("50000 IU D3 weekly", select=[RULE]).findings
    assert (finding.rule, finding.code, finding.severity.value, finding.nutrient) == (
        RULE,
        "CG202",
        "info",
        "vitamin_d",
    )
    # 50,000 / 7 = 7,142.9 IU a day
    assert finding.message == (
        "50000 IU D3 weekly: 50,000 IU of vitamin D in one intake, weekly (7,143 IU a day on average)." + WHY
    )


def test_exact_message_yearly() -> None:
    (finding,) = check_text("500000 IU cholecalciferol yearly", select=[RULE]).findings
    # 500,000 / 365.25 = 1,368.9 IU a day
    assert finding.message == (
        "500000 IU cholecalciferol yearly: 500,000 IU of vitamin D in one intake, yearly (1,369 IU a day on average)."
        + WHY
    )
    assert [e.url for e in finding.evidence] == [
        "https://doi.org/10.1001/jama.2010.594",
        "https://doi.org/10.1210/clinem/dgae290",
    ]


def test_one_intake_counts_every_serving_and_ingredient_of_a_product() -> None:
    report = check_yaml(
        "items:\n"
        "  - product: Repletion capsule\n"
        "    servings: 2\n"
        "    frequency: weekly\n"
        "    ingredients: [12500 IU D3, 12500 IU D2]\n",
        select=[RULE],
    )
    (finding,) = report.findings
    # 2 servings x (12,500 + 12,500) IU = 50,000 IU in one intake
    assert finding.severity.value == "info"
    assert finding.message == (
        "Repletion capsule: 50,000 IU of vitamin D in one intake, weekly (7,143 IU a day on average)." + WHY
    )


def test_finding_points_at_the_item_line() -> None:
    report = check_yaml("items:\n  - 100 mcg MK-7\n  - 50000 IU D3 weekly\n", select=[RULE])
    (finding,) = report.findings
    assert finding.location is not None and finding.location.line == 3


def test_threshold_override() -> None:
    thresholds = {RULE: {"info_iu": 20000, "warning_iu": 25000}}
    assert severities("25000 IU D3 every 2 weeks", thresholds=thresholds) == ["warning"]
    assert severities("20000 IU D3 every 2 weeks", thresholds=thresholds) == ["info"]
    assert severities("19999 IU D3 every 2 weeks", thresholds=thresholds) == []
