"""CG302 thiazide-hypercalcemia: calcium and/or vitamin D supplements with a thiazide diuretic."""

from __future__ import annotations

import pytest
from conftest import check_text, check_yaml

RULE = "thiazide-hypercalcemia"
TAIL = " the risk of hypercalcemia rises. Ask the prescriber whether blood calcium should be checked."


@pytest.mark.parametrize(
    ("line", "medications", "expected"),
    [
        ("600 mg calcium (as carbonate)", ["hydrochlorothiazide"], [("calcium", "warning")]),
        ("600 mg calcium", ["HCTZ"], [("calcium", "warning")]),
        ("2000 IU D3", ["chlorthalidone"], [("vitamin_d", "warning")]),
        ("500 mg calcium + 1000 IU D3", ["indapamide"], [("calcium", "warning")]),
        ("100 mcg MK-7", ["hydrochlorothiazide"], []),
        ("400 mg magnesium", ["metolazone"], []),
        ("600 mg calcium", [], []),
        ("600 mg calcium", ["furosemide"], []),  # a loop diuretic, not a thiazide
    ],
)
def test_cases(line: str, medications: list[str], expected: list[tuple[str, str]]) -> None:
    report = check_text(line, select=[RULE], medications=medications)
    assert [(f.nutrient, f.severity.value) for f in report.findings] == expected


def test_exact_message() -> None:
    (finding,) = check_text(
        "600 mg calcium (as carbonate)", select=[RULE], medications=["hydrochlorothiazide"]
    ).findings
    assert (finding.rule, finding.code) == (RULE, "CG302")
    assert finding.message == (
        "hydrochlorothiazide (a thiazide diuretic) reduces urinary calcium; with 600 mg of calcium a day" + TAIL
    )


def test_message_with_calcium_and_vitamin_d() -> None:
    (finding,) = check_text("500 mg calcium + 1000 IU D3", select=[RULE], medications=["indapamide"]).findings
    assert finding.message == (
        "indapamide (a thiazide diuretic) reduces urinary calcium; with 500 mg of calcium a day and 25 mcg "
        "(1,000 IU) of vitamin D a day" + TAIL
    )


def test_the_class_name_is_not_repeated() -> None:
    # once read "thiazide diuretic (a thiazide diuretic) reduces urinary calcium"
    (finding,) = check_text("600 mg calcium", select=[RULE], medications=["thiazide diuretic"]).findings
    assert finding.message == "thiazide diuretic reduces urinary calcium; with 600 mg of calcium a day" + TAIL


def test_calcium_from_the_diet_alone_does_not_fire() -> None:
    report = check_yaml(
        "profile: {medications: [hydrochlorothiazide], diet: {calcium: 1200 mg}}\nitems: [100 mcg MK-7]\n",
        select=[RULE],
    )
    assert report.findings == ()


def test_one_mcg_of_vitamin_d_alone_fires() -> None:
    # 40 IU / 40 = 1 mcg of vitamin D: any vitamin D supplied counts, with no calcium at all.
    (finding,) = check_text("40 IU D3", select=[RULE], medications=["hydrochlorothiazide"]).findings
    assert (finding.nutrient, finding.severity.value) == ("vitamin_d", "warning")
    assert finding.message == (
        "hydrochlorothiazide (a thiazide diuretic) reduces urinary calcium; with 1 mcg (40 IU) of vitamin D a day"
        + TAIL
    )


def test_one_mg_of_calcium_alone_fires() -> None:
    (finding,) = check_text("1 mg calcium", select=[RULE], medications=["hydrochlorothiazide"]).findings
    assert (finding.nutrient, finding.severity.value) == ("calcium", "warning")
    assert finding.message == (
        "hydrochlorothiazide (a thiazide diuretic) reduces urinary calcium; with 1 mg of calcium a day" + TAIL
    )
