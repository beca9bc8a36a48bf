"""Which DRI life stage a profile gets, at every boundary, and the stricter-of values when age or sex is missing.

Expected values are the NASEM/IOM tables (tests/reference/dri-us.md), typed in here.
"""

from __future__ import annotations

import pytest
from conftest import check_text, check_yaml, make_profile, total

from calcguide.reference import Standard, standard_for


def stage(**profile: object) -> Standard:
    return standard_for(make_profile(**profile))  # type: ignore[arg-type]


def target(standard: Standard, nutrient: str) -> float | None:
    return standard.values[nutrient].target


def ul(standard: Standard, nutrient: str) -> float | None:
    return standard.values[nutrient].ul


# (age, sex, life stage id, {nutrient: (target, UL)}) on both sides of every boundary
BOUNDARIES = [
    # 6 completed months is still 0-6 months; 7 is 7-12 months
    (6 / 12, None, "infants-0-6m", {"vitamin_d": (10, 25), "calcium": (200, 1000), "magnesium": (30, None)}),
    (7 / 12, None, "infants-7-12m", {"vitamin_d": (10, 38), "calcium": (260, 1500), "magnesium": (75, None)}),
    (0.99, None, "infants-7-12m", {"vitamin_d": (10, 38), "vitamin_a": (500, 600)}),
    (1, None, "children-1-3y", {"vitamin_d": (15, 63), "magnesium": (80, 65), "calcium": (700, 2500)}),
    (3.99, None, "children-1-3y", {"vitamin_d": (15, 63), "magnesium": (80, 65), "zinc": (3, 7)}),
    (4, None, "children-4-8y", {"vitamin_d": (15, 75), "magnesium": (130, 110), "zinc": (5, 12)}),
    (8.99, "female", "children-4-8y", {"vitamin_d": (15, 75), "calcium": (1000, 2500), "magnesium": (130, 110)}),
    (9, "female", "females-9-13y", {"vitamin_d": (15, 100), "calcium": (1300, 3000), "magnesium": (240, 350)}),
    (13.99, "female", "females-9-13y", {"vitamin_a": (600, 1700), "vitamin_k": (60, None), "zinc": (8, 23)}),
    (14, "female", "females-14-18y", {"vitamin_a": (700, 2800), "vitamin_k": (75, None), "zinc": (9, 34)}),
    (18.99, "female", "females-14-18y", {"calcium": (1300, 3000), "magnesium": (360, 350), "vitamin_e": (15, 800)}),
    (19, "female", "females-19-30y", {"calcium": (1000, 2500), "magnesium": (310, 350), "vitamin_e": (15, 1000)}),
    (30.99, "male", "males-19-30y", {"magnesium": (400, 350), "calcium": (1000, 2500)}),
    (31, "male", "males-31-50y", {"magnesium": (420, 350), "calcium": (1000, 2500)}),
    (30.99, "female", "females-19-30y", {"magnesium": (310, 350)}),
    (31, "female", "females-31-50y", {"magnesium": (320, 350)}),
    (50.99, "female", "females-31-50y", {"calcium": (1000, 2500)}),
    (51, "female", "females-51-70y", {"calcium": (1200, 2000)}),
    (50.99, "male", "males-31-50y", {"calcium": (1000, 2500)}),
    (51, "male", "males-51-70y", {"calcium": (1000, 2000)}),
    (70.99, "male", "males-51-70y", {"vitamin_d": (15, 100), "calcium": (1000, 2000)}),
    (71, "male", "males-71y+", {"vitamin_d": (20, 100), "calcium": (1200, 2000), "phosphorus": (700, 3000)}),
    (70.99, "female", "females-51-70y", {"vitamin_d": (15, 100), "phosphorus": (700, 4000)}),
    (71, "female", "females-71y+", {"vitamin_d": (20, 100), "phosphorus": (700, 3000)}),
]


@pytest.mark.parametrize(("age", "sex", "stage_id", "values"), BOUNDARIES)
def test_boundary(age: float, sex: str | None, stage_id: str, values: dict[str, tuple[float, float | None]]) -> None:
    standard = stage(age=age, sex=sex)
    assert standard.life_stage_id == stage_id
    assert standard.note == ""
    for nutrient, (expected_target, expected_ul) in values.items():
        assert (target(standard, nutrient), ul(standard, nutrient)) == (expected_target, expected_ul), nutrient


@pytest.mark.parametrize(
    ("age", "stage_id", "label"),
    [
        ("6 months", "infants-0-6m", "Infants 0-6 months"),
        ("7 months", "infants-7-12m", "Infants 7-12 months"),  # 7 x (1/12) x 12 is 6.999999999999999: still 7
        ("11 months", "infants-7-12m", "Infants 7-12 months"),
        ("12 months", "children-1-3y", "Children 1-3 years"),
        ("30 weeks", "infants-0-6m", "Infants 0-6 months"),  # 210 days: 6.9 months
        ("48 months", "children-4-8y", "Children 4-8 years"),
        ("0.5", "infants-0-6m", "Infants 0-6 months"),
    ],
)
def test_ages_written_in_months_and_weeks(age: str, stage_id: str, label: str) -> None:
    report = check_yaml(f"profile: {{age: {age}}}\nitems: [100 IU D3]\n")
    assert report.standard is not None
    assert (report.standard.life_stage_id, report.standard.life_stage) == (stage_id, label)


@pytest.mark.parametrize(
    ("age", "state", "stage_id", "values"),
    [
        (12, "pregnant", "pregnancy-14-18y", {"calcium": (1300, 3000), "vitamin_a": (750, 2800)}),
        (17, "pregnant", "pregnancy-14-18y", {"calcium": (1300, 3000), "magnesium": (400, 350), "zinc": (12, 34)}),
        (18.99, "pregnant", "pregnancy-14-18y", {"vitamin_a": (750, 2800)}),
        (19, "pregnant", "pregnancy-19-30y", {"vitamin_a": (770, 3000), "magnesium": (350, 350)}),
        (30.99, "pregnant", "pregnancy-19-30y", {"magnesium": (350, 350)}),
        (31, "pregnant", "pregnancy-31-50y", {"magnesium": (360, 350), "calcium": (1000, 2500)}),
        (52, "pregnant", "pregnancy-31-50y", {"magnesium": (360, 350), "calcium": (1000, 2500)}),
        (16, "lactating", "lactation-14-18y", {"vitamin_a": (1200, 2800), "vitamin_e": (19, 800)}),
        (25, "lactating", "lactation-19-30y", {"vitamin_a": (1300, 3000), "magnesium": (310, 350)}),
        (40, "lactating", "lactation-31-50y", {"vitamin_a": (1300, 3000), "magnesium": (320, 350)}),
    ],
)
def test_pregnancy_and_lactation_by_age(
    age: float, state: str, stage_id: str, values: dict[str, tuple[float, float | None]]
) -> None:
    standard = stage(age=age, sex="female", **{state: True})
    assert standard.life_stage_id == stage_id
    for nutrient, expected in values.items():
        assert (target(standard, nutrient), ul(standard, nutrient)) == expected, nutrient


def test_pregnancy_without_sex_still_uses_pregnancy_values() -> None:
    assert stage(age=25, pregnant=True).life_stage_id == "pregnancy-19-30y"


def test_no_profile_is_an_adult_with_the_stricter_of_male_and_female_values() -> None:
    standard = stage()
    assert (standard.life_stage_id, standard.life_stage) == ("adults-19-50y", "Adults 19-50 years")
    assert standard.note == "no profile: an adult 19-50 years, with the stricter of the male and female values"
    # highest target, lowest UL of males and females 19-30 and 31-50
    assert (target(standard, "vitamin_d"), ul(standard, "vitamin_d")) == (15, 100)
    assert (target(standard, "magnesium"), ul(standard, "magnesium")) == (420, 350)  # male 31-50
    assert (target(standard, "calcium"), ul(standard, "calcium")) == (1000, 2500)
    assert (target(standard, "vitamin_k"), ul(standard, "vitamin_k")) == (120, None)  # male AI
    assert (target(standard, "vitamin_a"), ul(standard, "vitamin_a")) == (900, 3000)  # male RDA
    assert (target(standard, "zinc"), ul(standard, "zinc")) == (11, 40)
    assert (target(standard, "boron"), ul(standard, "boron")) == (None, 20)
    assert standard.values["vitamin_k"].target_type == "AI"
    assert standard.values["magnesium"].target_type == "RDA"


@pytest.mark.parametrize(
    ("sex", "stage_id", "magnesium_target", "vitamin_a_target", "vitamin_k_target"),
    [("female", "females-19-50y", 320, 700, 90), ("male", "males-19-50y", 420, 900, 120)],
)
def test_age_missing_takes_the_stricter_adult_band(
    sex: str, stage_id: str, magnesium_target: float, vitamin_a_target: float, vitamin_k_target: float
) -> None:
    standard = stage(sex=sex)
    assert standard.life_stage_id == stage_id
    assert standard.note == "age not given: the stricter of the 19-30 and 31-50 values"
    assert target(standard, "magnesium") == magnesium_target  # 19-30 vs 31-50: the higher
    assert target(standard, "vitamin_a") == vitamin_a_target
    assert target(standard, "vitamin_k") == vitamin_k_target
    assert ul(standard, "calcium") == 2500


@pytest.mark.parametrize(
    ("state", "stage_id", "label", "magnesium_target", "vitamin_a_target"),
    [
        ("pregnant", "pregnancy-19-50y", "Pregnancy 19-50 years", 360, 770),
        ("lactating", "lactation-19-50y", "Lactation 19-50 years", 320, 1300),
    ],
)
def test_age_missing_in_pregnancy_and_lactation(
    state: str, stage_id: str, label: str, magnesium_target: float, vitamin_a_target: float
) -> None:
    standard = stage(sex="female", **{state: True})
    assert (standard.life_stage_id, standard.life_stage) == (stage_id, label)
    assert target(standard, "magnesium") == magnesium_target
    assert target(standard, "vitamin_a") == vitamin_a_target
    assert ul(standard, "vitamin_a") == 3000


def test_sex_missing_at_60_takes_the_stricter_of_male_and_female() -> None:
    standard = stage(age=60)
    assert (standard.life_stage_id, standard.life_stage) == ("people-51-70y", "People 51-70 years")
    assert standard.note == "sex not given: the stricter of the male and female values"
    assert (target(standard, "calcium"), ul(standard, "calcium")) == (1200, 2000)  # female 1,200 > male 1,000
    assert target(standard, "magnesium") == 420  # male 420 > female 320
    assert target(standard, "vitamin_k") == 120
    assert target(standard, "zinc") == 11


def test_sex_missing_at_15_and_at_80() -> None:
    teen = stage(age=15)
    assert (teen.life_stage_id, teen.life_stage) == ("people-14-18y", "People 14-18 years")
    assert (target(teen, "magnesium"), ul(teen, "magnesium")) == (410, 350)
    assert (target(teen, "vitamin_a"), ul(teen, "vitamin_a")) == (900, 2800)
    assert target(teen, "zinc") == 11
    old = stage(age=80)
    assert (old.life_stage_id, old.life_stage) == ("people-71y+", "People over 70 years")
    assert target(old, "vitamin_d") == 20


def test_sex_does_not_matter_for_children() -> None:
    assert stage(age=5).life_stage_id == stage(age=5, sex="male").life_stage_id == "children-4-8y"
    assert stage(age=5).note == ""


def test_the_report_uses_the_life_stage_values() -> None:
    child = total(check_text("3000 IU D3", age=6), "vitamin_d")
    assert (child.target, child.ul, child.percent_ul) == (15, 75, 100)  # 3,000 IU = 75 mcg = the 4-8 y UL
    older = total(check_text("3000 IU D3", age=60, sex="female"), "vitamin_d")
    assert (older.target, older.ul, older.percent_ul) == (15, 100, 75)
    infant = check_text("1000 IU D3", age=0.5, select=["above-ul"])
    # 1,000 IU = 25 mcg is exactly the 0-6 month UL: no finding; at 1,001 IU there is
    assert infant.findings == ()
    assert [f.severity.value for f in check_text("1001 IU D3", age=0.5, select=["above-ul"]).findings] == ["warning"]
