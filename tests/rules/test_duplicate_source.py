"""CG401 duplicate-source: one nutrient from two or more items."""

from __future__ import annotations

import pytest
from conftest import check_text, check_yaml

RULE = "duplicate-source"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2000 IU D3 + 1000 IU vitamin D3", [("vitamin_d", "info")]),
        ("2000 IU D3 + 100 mcg MK-7", []),
        ("1000 IU D3 + 1000 IU D2 + 25 mcg vitamin D", [("vitamin_d", "info")]),  # one finding for three items
        ("500 mg calcium + 1500 mg calcium carbonate", [("calcium", "info")]),
        ("1000 IU D3 + 500 mg calcium + 1000 IU D2 + 200 mg calcium", [("vitamin_d", "info"), ("calcium", "info")]),
        ("100 mcg MK-7 + 100 mcg vitamin K1", [("vitamin_k", "info")]),  # different forms, same nutrient
        ("5000 IU D3 + 100 mcg MK-9", []),  # unknown ingredients are not counted
    ],
)
def test_cases(line: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.nutrient, f.severity.value) for f in check_text(line, select=[RULE]).findings] == expected


def test_exact_message() -> None:
    (finding,) = check_text("2000 IU D3 + 1000 IU vitamin D3", select=[RULE]).findings
    assert (finding.rule, finding.code, finding.severity.value) == (RULE, "CG401", "info")
    # (2,000 + 1,000) / 40 = 75 mcg
    assert (
        finding.message
        == "Vitamin D comes from 2 items (2000 IU D3; 1000 IU vitamin D3), together 75 mcg (3,000 IU) a day."
    )
    assert [e.url for e in finding.evidence] == ["https://ods.od.nih.gov/factsheets/WYNTK-Consumer/"]


def test_message_for_a_salt_and_three_items() -> None:
    (calcium,) = check_text("500 mg calcium + 1500 mg calcium carbonate", select=[RULE]).findings
    # 500 + 1,500 x 0.40 = 1,100 mg
    assert calcium.message == (
        "Calcium comes from 2 items (500 mg calcium; 1500 mg calcium carbonate), together 1,100 mg a day."
    )
    (d,) = check_text("1000 IU D3 + 1000 IU D2 + 25 mcg vitamin D", select=[RULE]).findings
    # 25 + 25 + 25 = 75 mcg
    assert d.message == (
        "Vitamin D comes from 3 items (1000 IU D3; 1000 IU D2; 25 mcg vitamin D), together 75 mcg (3,000 IU) a day."
    )


def test_ingredients_of_one_product_are_one_source() -> None:
    report = check_yaml("items:\n  - product: D drops\n    ingredients: [1000 IU D3, 1000 IU D2]\n", select=[RULE])
    assert report.findings == ()


def test_the_diet_is_not_an_item() -> None:
    report = check_yaml("profile: {diet: {calcium: 700 mg}}\nitems: [500 mg calcium]\n", select=[RULE])
    assert report.findings == ()


def test_a_multivitamin_plus_a_single_product() -> None:
    report = check_yaml(
        "items:\n  - product: Multi\n    ingredients: [1000 IU D3, 100 mg magnesium]\n  - 400 mg magnesium citrate\n",
        select=[RULE],
    )
    (finding,) = report.findings
    # 100 + 400 x 0.16 = 164 mg
    assert finding.message == "Magnesium comes from 2 items (Multi; 400 mg magnesium citrate), together 164 mg a day."
