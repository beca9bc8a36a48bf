"""CG102 low-k2-for-d: K2 below 10 mcg per 1,000 IU of vitamin D a day (a heuristic, labelled as one)."""

from __future__ import annotations

import pytest
from conftest import check_text

RULE = "low-k2-for-d"
TAIL = ", the lowest ratio commonly claimed; no official D:K2 ratio exists."


def severities(line: str, **options: object) -> list[str]:
    return [f.severity.value for f in check_text(line, select=[RULE], **options).findings]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("20000 IU D3 + 100 mcg MK-7", ["info"]),  # needs 200 mcg
        ("10000 IU D3 + 100 mcg MK-7", []),  # exactly 10 mcg per 1,000 IU
        ("10000 IU D3 + 99 mcg MK-7", ["info"]),  # 99 < 100
        ("250 mcg D3 + 100 mcg MK-7", []),  # 250 mcg = 10,000 IU
        ("10000 IU D3 + 50 mcg MK-4 + 50 mcg MK-7", []),  # both K2 forms add up to 100
        ("10000 IU D3 + 100 mcg vitamin K2", []),  # K2 of unstated form counts as K2
        ("10000 IU D3 + 50 mcg MK-7 + 1000 mcg vitamin K1", ["info"]),  # K1 is not K2: 50 < 100
        ("10000 IU D3 + 1000 mcg vitamin K1", []),  # no K2 at all: d-without-k2's business
        ("10000 IU D3", []),
        ("100 mcg MK-7", []),  # no vitamin D
        ("70000 IU D3 weekly + 100 mcg MK-7", []),  # 10,000 IU a day on average
        ("70000 IU D3 weekly + 99 mcg MK-7", ["info"]),
        ("5000 IU D3 + 343 mcg MK-7 weekly", ["info"]),  # 343 / 7 = 49 mcg a day; 5,000 IU needs 50
    ],
)
def test_cases(line: str, expected: list[str]) -> None:
    assert severities(line) == expected


def test_k2_taken_weekly_at_exactly_the_ratio() -> None:
    assert severities("5000 IU D3 + 350 mcg MK-7 weekly") == []  # 350 / 7 = 50 mcg a day; 5,000 IU needs 50


def test_exact_message() -> None:
    (finding,) = check_text("20000 IU D3 + 100 mcg MK-7", select=[RULE]).findings
    assert (finding.rule, finding.code, finding.severity.value, finding.nutrient) == (
        RULE,
        "CG102",
        "info",
        "vitamin_k",
    )
    assert finding.message == (
        "Heuristic: 100 mcg of vitamin K2 a day next to 20,000 IU of vitamin D is below 10 mcg per 1,000 IU "
        "(200 mcg)" + TAIL
    )


def test_threshold_override() -> None:
    thresholds = {RULE: {"k2_mcg_per_1000_iu": 20}}
    assert severities("5000 IU D3 + 100 mcg MK-7", thresholds=thresholds) == []  # needs exactly 100
    (finding,) = check_text("5000 IU D3 + 90 mcg MK-7", select=[RULE], thresholds=thresholds).findings
    assert finding.message == (
        "Heuristic: 90 mcg of vitamin K2 a day next to 5,000 IU of vitamin D is below 20 mcg per 1,000 IU "
        "(100 mcg)" + TAIL
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1000 IU D3 + 1 mcg MK-7", ["info"]),  # 1 mcg of K2 is K2; 1,000 IU needs 10
        ("40 IU D3 + 0.3 mcg MK-7", ["info"]),  # 40 IU = 1 mcg of D needs 0.4 mcg
        ("40 IU D3 + 0.4 mcg MK-7", []),  # exactly the ratio
        ("10000 IU D3 + 99.95 mcg MK-7", ["info"]),  # just below 100: the ratio is per 1,000 IU exactly
    ],
)
def test_small_amounts_at_the_ratio(line: str, expected: list[str]) -> None:
    assert severities(line) == expected
