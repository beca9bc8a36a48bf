"""nutrient-pair (CG307) at each of its thresholds, from the sheet (interactions.md, nutrient-nutrient rows):
calcium 300 mg or more in one intake beside a separate iron item; zinc from 40 mg a day with less copper than AREDS's
2 mg per 80 mg (1 mg per 40 mg); supplemental beta-carotene from 20 mg a day for a smoker."""

from __future__ import annotations

import pytest
from conftest import check_text

import calcguide


def _pair(text: str, *, smoker: bool = False) -> list[tuple[str, str]]:
    profile = calcguide.Profile(age_years=40, sex="female", smoker=smoker)
    report = calcguide.evaluate(calcguide.regimen_from_line(text, profile=profile))
    return [(f.severity.value, f.message.split(". ")[0]) for f in report.findings if f.rule == "nutrient-pair"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18 mg iron + 299 mg calcium", []),
        (
            "18 mg iron + 300 mg calcium",
            [("info", "18 mg iron and 300 mg calcium (300 mg of calcium in one intake) are separate items")],
        ),
        ("300 mg calcium", []),  # no iron: nothing to separate
    ],
)
def test_iron_and_calcium_as_separate_items(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pair(text) == expected


def test_iron_and_calcium_inside_one_product_are_not_separated() -> None:
    (regimen,) = calcguide.load_regimens(
        "profile: {age: 40, sex: female}\nitems:\n  - product: Multi\n    ingredients: [18 mg iron, 300 mg calcium]\n",
        "r.yaml",
    )
    assert [f.rule for f in calcguide.evaluate(regimen).findings if f.rule == "nutrient-pair"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("39.9 mg zinc", []),
        (
            "40 mg zinc",
            [("warning", "40 mg of zinc a day with no copper, less than 1 mg of copper per 40 mg of zinc (1 mg)")],
        ),
        ("40 mg zinc + 1 mg copper", []),  # exactly 1 mg per 40 mg
        ("80 mg zinc + 2 mg copper", []),  # AREDS
        (
            "80 mg zinc + 1 mg copper",
            [
                (
                    "warning",
                    "80 mg of zinc a day with only 1,000 mcg of copper, less than 1 mg of copper per 40 mg of zinc (2 mg)",
                )
            ],
        ),
    ],
)
def test_zinc_without_enough_copper(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pair(text) == expected


@pytest.mark.parametrize(
    ("text", "smoker", "expected"),
    [
        ("19.9 mg beta-carotene", True, []),
        (
            "20 mg beta-carotene",
            True,
            [("warning", "20 mg of supplemental beta-carotene a day, and the profile says smoker")],
        ),
        ("20 mg beta-carotene", False, []),
        # In IU: 1 IU = 0.6 mcg beta-carotene (ODS), so 33,333 IU is 19,999.8 mcg and 33,334 IU is 20,000.4 mcg.
        ("33333 IU beta-carotene", True, []),
        (
            "33334 IU beta-carotene",
            True,
            [("warning", "20 mg of supplemental beta-carotene a day, and the profile says smoker")],
        ),
    ],
)
def test_beta_carotene_for_a_smoker(text: str, smoker: bool, expected: list[tuple[str, str]]) -> None:
    assert _pair(text, smoker=smoker) == expected


@pytest.mark.parametrize("condition", ["smoker", "current smoker"])
def test_beta_carotene_for_a_smoker_named_in_the_conditions(condition: str) -> None:
    (finding,) = check_text("20 mg beta-carotene", select=["nutrient-pair"], conditions=[condition]).findings
    assert finding.severity.value == "warning"
    assert finding.message.startswith(
        f"20 mg of supplemental beta-carotene a day, and the conditions name {condition}. "
    )
    assert check_text("19.9 mg beta-carotene", select=["nutrient-pair"], conditions=[condition]).findings == ()
