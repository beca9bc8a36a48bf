"""CG304 condition-caution: vitamin D, calcium (and in CKD magnesium, phosphorus) with a risky condition."""

from __future__ import annotations

import pytest
from conftest import check_text

RULE = "condition-caution"
GRANULOMA = "Granulomas convert vitamin D to its active form without the usual control, which can cause hypercalcemia."
HYPERCALCEMIA = (
    "Vitamin D and calcium supplements can raise blood calcium further; do not take them without a clinician."
)
CKD = (
    "The kidneys regulate calcium, phosphorus, magnesium, potassium and active vitamin D; doses need nephrology "
    "guidance."
)


@pytest.mark.parametrize(
    ("line", "conditions", "expected"),
    [
        ("2000 IU D3", ["sarcoidosis"], [("vitamin_d", "warning")]),
        ("500 mg calcium", ["sarcoidosis"], []),  # granulomas: vitamin D only
        ("100 mcg MK-7", ["sarcoidosis"], []),
        ("500 mg calcium", ["hypercalcemia"], [("calcium", "error")]),
        ("1000 IU D3", ["high blood calcium"], [("vitamin_d", "error")]),
        ("500 mg calcium", ["kidney stones"], [("calcium", "warning")]),
        ("1000 IU D3", ["primary hyperparathyroidism"], [("vitamin_d", "warning")]),
        ("400 mg magnesium", ["CKD"], [("magnesium", "warning")]),
        ("100 mg phosphorus", ["chronic kidney disease"], [("phosphorus", "warning")]),
        ("400 mg magnesium", ["kidney stones"], []),  # magnesium only matters in kidney disease
        ("2000 IU D3", ["osteoporosis"], []),  # not a condition calcguide checks
        ("2000 IU D3", [], []),
        (
            "500 mg calcium + 1000 IU D3",
            ["hypercalcemia", "sarcoidosis"],
            [("vitamin_d", "error"), ("vitamin_d", "warning")],
        ),
    ],
)
def test_cases(line: str, conditions: list[str], expected: list[tuple[str, str]]) -> None:
    report = check_text(line, select=[RULE], conditions=conditions)
    assert [(f.nutrient, f.severity.value) for f in report.findings] == expected


def test_exact_message_granulomatous_disease() -> None:
    (finding,) = check_text("2000 IU D3", select=[RULE], conditions=["sarcoidosis"]).findings
    assert (finding.rule, finding.code, finding.severity.value) == (RULE, "CG304", "warning")
    # 2,000 IU / 40 = 50 mcg
    assert (
        finding.message == f"sarcoidosis (granulomatous disease) with 50 mcg (2,000 IU) of vitamin D a day. {GRANULOMA}"
    )
    assert [e.url for e in finding.evidence] == [
        "https://ods.od.nih.gov/factsheets/VitaminD-HealthProfessional/",
        "https://doi.org/10.1210/clinem/dgae290",
    ]


def test_exact_message_hypercalcemia_is_an_error() -> None:
    (finding,) = check_text("500 mg calcium + 1000 IU D3", select=[RULE], conditions=["hypercalcemia"]).findings
    assert finding.severity.value == "error"
    assert finding.message == (
        f"hypercalcemia with 25 mcg (1,000 IU) of vitamin D a day and 500 mg of calcium a day. {HYPERCALCEMIA}"
    )


def test_exact_message_kidney_disease() -> None:
    (finding,) = check_text("400 mg magnesium", select=[RULE], conditions=["CKD"]).findings
    assert finding.message == f"CKD (chronic kidney disease) with 400 mg of magnesium a day. {CKD}"
    assert [e.url for e in finding.evidence] == ["https://kdigo.org/guidelines/ckd-mbd/"]


def test_an_unknown_condition_is_noted() -> None:
    report = check_text("2000 IU D3", conditions=["osteoporosis"])
    assert [tuple(u) for u in report.unmatched] == [("condition", "osteoporosis", "not in calcguide's catalogue")]


@pytest.mark.parametrize(
    ("line", "conditions", "expected"),
    [
        ("2000 IU D3", ["history of sarcoidosis"], [("vitamin_d", "warning")]),
        ("400 mg magnesium", ["CKD stage 3b"], [("magnesium", "warning")]),
        ("500 mg calcium", ["ESRD on hemodialysis"], [("calcium", "warning")]),
        ("500 mg calcium", ["h/o nephrolithiasis"], [("calcium", "warning")]),
        ("1000 IU D3", ["PHPT"], [("vitamin_d", "warning")]),
        ("1000 IU D3", ["secondary hyperparathyroidism"], [("vitamin_d", "warning")]),
        ("500 mg calcium", ["no CKD"], []),
        ("500 mg calcium", ["family history of kidney stones"], []),
    ],
)
def test_conditions_as_charts_write_them(line: str, conditions: list[str], expected: list[tuple[str, str]]) -> None:
    report = check_text(line, select=[RULE], conditions=conditions)
    assert [(f.nutrient, f.severity.value) for f in report.findings] == expected


# Need the reference data's new nutrients (iron, copper, potassium):
@pytest.mark.parametrize(
    ("line", "conditions", "expected"),
    [
        ("65 mg iron", ["hereditary hemochromatosis"], [("iron", "error")]),
        ("65 mg iron", ["iron overload"], [("iron", "error")]),
        ("2 mg copper", ["Wilson's disease"], [("copper", "error")]),
        ("99 mg potassium", ["hyperkalemia"], [("potassium", "warning")]),
        ("99 mg potassium", ["CKD stage 4"], [("potassium", "warning")]),
        ("2 mg copper", ["hemochromatosis"], []),
        # vitamin C raises iron absorption: its own caution, at warning (EASL 2022: supplemental vitamin C avoided)
        ("500 mg vitamin C", ["hemochromatosis"], [("vitamin_c", "warning")]),
        ("1 mg vitamin C", ["iron overload"], [("vitamin_c", "warning")]),
        ("65 mg iron + 500 mg vitamin C", ["hemochromatosis"], [("iron", "error"), ("vitamin_c", "warning")]),
        ("500 mg vitamin C", ["Wilson's disease"], []),
    ],
)
def test_iron_copper_and_potassium_conditions(
    line: str, conditions: list[str], expected: list[tuple[str, str]]
) -> None:
    report = check_text(line, select=[RULE], conditions=conditions)
    assert [(f.nutrient, f.severity.value) for f in report.findings] == expected


def test_exact_message_iron_overload() -> None:
    (finding,) = check_text("65 mg iron", select=[RULE], conditions=["hemochromatosis"]).findings
    assert finding.message == (
        "hemochromatosis (iron overload) with 65 mg of iron a day. The body cannot get rid of excess iron: iron "
        "supplements are contraindicated. Ask the treating clinician."
    )


def test_exact_message_vitamin_c_with_iron_overload() -> None:
    (finding,) = check_text("500 mg vitamin C", select=[RULE], conditions=["hemochromatosis"]).findings
    assert finding.message == (
        "hemochromatosis (iron overload) with 500 mg of vitamin C a day. Vitamin C raises the iron absorbed from "
        "meals and mobilises stored iron: supplemental vitamin C is to be avoided in hemochromatosis, above all "
        "before the iron stores are depleted. Ask the treating clinician."
    )
    assert [e.title.split(".")[0] for e in finding.evidence] == [
        "European Association for the Study of the Liver",
        "NIH ODS, Iron fact sheet for health professionals",
    ]


def test_one_mcg_of_vitamin_d_is_vitamin_d_supplied() -> None:
    # 40 IU / 40 = 1 mcg: any amount the supplements supply counts.
    (finding,) = check_text("40 IU D3", select=[RULE], conditions=["sarcoidosis"]).findings
    assert finding.message == f"sarcoidosis (granulomatous disease) with 1 mcg (40 IU) of vitamin D a day. {GRANULOMA}"
    (calcium,) = check_text("1 mg calcium", select=[RULE], conditions=["hypercalcemia"]).findings
    assert calcium.message == f"hypercalcemia with 1 mg of calcium a day. {HYPERCALCEMIA}"
