"""CG203 calcium-single-dose: more than 500 mg of elemental calcium in one intake."""

from __future__ import annotations

import pytest
from conftest import check_text, check_yaml

RULE = "calcium-single-dose"
ADVICE = "absorption is highest at 500 mg or less at a time, so split it into smaller doses."


def severities(line: str, **options: object) -> list[str]:
    return [f.severity.value for f in check_text(line, select=[RULE], **options).findings]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("500 mg calcium (as citrate)", []),
        ("501 mg calcium (as citrate)", ["info"]),
        ("500 mg calcium twice daily", []),  # 1,000 mg a day, but 500 at a time
        ("0.5 g calcium", []),
        ("0.6 g calcium", ["info"]),
        ("1250 mg calcium carbonate", []),  # x 0.40 = 500 mg
        ("1255 mg calcium carbonate", ["info"]),  # x 0.40 = 502 mg
        ("2380 mg calcium citrate", []),  # x 0.21 = 499.8 mg
        ("2400 mg calcium citrate", ["info"]),  # x 0.21 = 504 mg
        ("400 mg calcium + 400 mg calcium", []),  # two items, taken apart
        ("600 mg calcium + 600 mg calcium carbonate", ["info"]),  # 600 elemental; 600 x 0.40 = 240
        ("1000 mg magnesium", []),
    ],
)
def test_cases(line: str, expected: list[str]) -> None:
    assert severities(line) == expected


def test_exact_message() -> None:
    (finding,) = check_text("501 mg calcium (as citrate)", select=[RULE]).findings
    assert (finding.rule, finding.code, finding.severity.value, finding.nutrient) == (RULE, "CG203", "info", "calcium")
    assert finding.message == f"501 mg calcium (as citrate): 501 mg of elemental calcium in one intake; {ADVICE}"


def test_servings_of_a_product_are_one_intake() -> None:
    report = check_yaml(
        "items:\n  - product: Calcium chew\n    servings: 2\n    ingredients: [300 mg calcium (as carbonate)]\n",
        select=[RULE],
    )
    (finding,) = report.findings
    # 2 x 300 mg = 600 mg at once
    assert finding.message == f"Calcium chew: 600 mg of elemental calcium in one intake; {ADVICE}"


def test_finding_points_at_the_item_line() -> None:
    report = check_yaml("items:\n  - 100 mcg MK-7\n  - 1000 mg calcium (as citrate)\n", select=[RULE])
    (finding,) = report.findings
    assert finding.location is not None and finding.location.line == 3


def test_ingredients_of_one_product_add_up() -> None:
    report = check_yaml(
        "items:\n  - product: Bone formula\n    ingredients: [300 mg calcium (as carbonate), 500 mg calcium citrate]\n",
        select=[RULE],
    )
    # 300 + 500 x 0.21 = 405 mg: fine
    assert report.findings == ()


def test_threshold_override() -> None:
    thresholds = {RULE: {"max_mg_per_intake": 600}}
    assert severities("600 mg calcium", thresholds=thresholds) == []
    (finding,) = check_text("601 mg calcium", select=[RULE], thresholds=thresholds).findings
    assert finding.message == (
        "601 mg calcium: 601 mg of elemental calcium in one intake; absorption is highest at 600 mg or less at a "
        "time, so split it into smaller doses."
    )
