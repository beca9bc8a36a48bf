"""CG201 above-ul: a daily total above the life-stage UL is a warning, at twice the UL an error."""

from __future__ import annotations

import pytest
from conftest import check_text, check_yaml, total

RULE = "above-ul"
PREFORMED = "Preformed vitamin A (retinol and retinyl esters: the UL does not count beta-carotene)"
SUPPLEMENTAL_MG = "Supplemental magnesium (the UL applies to supplements and medicines, not food)"


def found(line: str, **options: object) -> list[tuple[str | None, str]]:
    report = check_text(line, select=[RULE], **options)  # type: ignore[arg-type]
    return [(f.nutrient, f.severity.value) for f in report.findings]


@pytest.mark.parametrize(
    ("line", "profile", "expected"),
    [
        # vitamin D, adult UL 100 mcg = 4,000 IU
        ("4000 IU D3", {}, []),  # exactly at the UL
        ("100 mcg D3", {}, []),
        ("4001 IU D3", {}, [("vitamin_d", "warning")]),
        ("7999 IU D3", {}, [("vitamin_d", "warning")]),  # 199.975 %
        ("8000 IU D3", {}, [("vitamin_d", "error")]),  # 200 %: twice the UL
        ("2000 IU D3 twice daily", {}, []),  # 2 x 50 = 100 mcg
        ("2000 IU D3 + 2001 IU D2", {}, [("vitamin_d", "warning")]),  # items add up
        # children: 4-8 years UL 75 mcg = 3,000 IU
        ("3000 IU D3", {"age": 6}, []),
        ("3001 IU D3", {"age": 6}, [("vitamin_d", "warning")]),
        ("6000 IU D3", {"age": 6}, [("vitamin_d", "error")]),
        # calcium, adult UL 2,500 mg; 51-70 y 2,000 mg
        ("2500 mg calcium", {}, []),
        ("2501 mg calcium", {}, [("calcium", "warning")]),
        ("2001 mg calcium", {"age": 60, "sex": "female"}, [("calcium", "warning")]),
        # magnesium UL 350 mg counts supplements
        ("350 mg magnesium", {}, []),
        ("351 mg magnesium", {}, [("magnesium", "warning")]),
        ("700 mg magnesium", {}, [("magnesium", "error")]),
        ("1000 mg magnesium oxide", {}, [("magnesium", "warning")]),  # x 0.60 = 600 mg: 171 %
        ("1200 mg magnesium oxide", {}, [("magnesium", "error")]),  # x 0.60 = 720 mg: 206 %
        # vitamin A: only preformed counts
        ("3000 mcg RAE retinol", {}, []),
        ("3001 mcg RAE retinol", {}, [("vitamin_a", "warning")]),
        ("10000 IU vitamin A", {}, []),  # 3,000 mcg RAE
        ("20000 IU vitamin A", {}, [("vitamin_a", "error")]),  # 6,000 mcg RAE
        ("20000 IU beta-carotene", {}, []),  # 6,000 mcg RAE, none of it preformed
        ("3000 mcg RAE retinol + 12000 mcg beta-carotene", {}, []),  # preformed 3,000 = UL
        ("2800 mcg retinol", {"age": 15, "sex": "female"}, []),  # exactly the 14-18 UL
        # vitamin E UL 1,000 mg of supplemental alpha-tocopherol
        ("1000 mg vitamin E", {}, []),
        # toward the UL synthetic is 1,000 / 1,100 = 0.90909 mg per IU (all stereoisomers); the RDA side counts 0.45
        ("1500 IU vitamin E", {}, [("vitamin_e", "warning")]),  # form not stated: x 0.90909 = 1,363.6 mg
        ("1100 IU dl-alpha tocopherol", {}, []),  # x 0.90909 = 999.999 mg
        ("1101 IU dl-alpha tocopherol", {}, [("vitamin_e", "warning")]),  # 1,000.9 mg
        ("2200 IU dl-alpha tocopherol", {}, [("vitamin_e", "warning")]),  # 1,999.998 mg: just under twice the UL
        ("2201 IU dl-alpha tocopherol", {}, [("vitamin_e", "error")]),  # 2,000.9 mg
        ("1490 IU d-alpha tocopherol", {}, []),  # natural x 0.67 = 998.3 mg
        ("1500 IU d-alpha tocopherol", {}, [("vitamin_e", "warning")]),  # 1,005 mg
        # no UL: vitamin K
        ("10000 mcg MK-7", {}, []),
        # zinc 40 mg, boron 20 mg
        ("41 mg zinc", {}, [("zinc", "warning")]),
        ("40 mg boron", {}, [("boron", "error")]),
        # two nutrients over: reported in the reference tables' order
        ("6000 IU D3 + 3000 mg calcium", {}, [("vitamin_d", "warning"), ("calcium", "warning")]),
    ],
)
def test_cases(line: str, profile: dict[str, object], expected: list[tuple[str, str]]) -> None:
    assert found(line, **profile) == expected


def test_exact_message_for_vitamin_d() -> None:
    (finding,) = check_text("6000 IU D3", select=[RULE]).findings
    assert (finding.rule, finding.code, finding.severity.value) == (RULE, "CG201", "warning")
    # 6,000 IU / 40 = 150 mcg; 150 / 100 = 150 %
    assert finding.message == (
        "Vitamin D totals 150 mcg (6,000 IU) a day, 150% of the UL of 100 mcg (4,000 IU) for Adults 19-50 years."
    )
    assert [(e.title, e.url) for e in finding.evidence] == [
        (
            "NASEM 2011, Dietary Reference Intakes for Calcium and Vitamin D (tables as in the NIH ODS Vitamin D fact sheet)",
            "https://ods.od.nih.gov/factsheets/VitaminD-HealthProfessional/",
        )
    ]


def test_exact_message_for_a_child() -> None:
    (finding,) = check_text("4000 IU D3", select=[RULE], age=6).findings
    # 100 mcg / 75 mcg = 133.3 %
    assert finding.message == (
        "Vitamin D totals 100 mcg (4,000 IU) a day, 133% of the UL of 75 mcg (3,000 IU) for Children 4-8 years."
    )


def test_magnesium_ul_counts_supplements_only_not_diet() -> None:
    yaml = "profile: {{age: 40, sex: female, diet: {{magnesium: 400 mg}}}}\nitems: [{dose}]\n"
    quiet = check_yaml(yaml.format(dose="350 mg magnesium"), select=[RULE])
    assert quiet.findings == ()
    magnesium = total(quiet, "magnesium")
    assert (magnesium.total_per_day, magnesium.ul_amount_per_day, magnesium.percent_ul) == (750, 350, 100)
    (finding,) = check_yaml(yaml.format(dose="400 mg magnesium"), select=[RULE]).findings
    # 400 / 350 = 114.3 %; the 400 mg from food is not counted
    assert finding.message == (
        SUPPLEMENTAL_MG + " totals 400 mg a day, 114% of the UL of 350 mg for Females 31-50 years."
    )


def test_calcium_ul_counts_the_diet_too() -> None:
    report = check_yaml(
        "profile: {age: 40, sex: female, diet: {calcium: 600 mg}}\nitems: [2000 mg calcium]\n", select=[RULE]
    )
    (finding,) = report.findings
    # 2,000 + 600 = 2,600 mg; 2,600 / 2,500 = 104 %
    assert finding.message == "Calcium totals 2,600 mg a day, 104% of the UL of 2,500 mg for Females 31-50 years."
    assert finding.severity.value == "warning"


def test_vitamin_a_ul_ignores_beta_carotene() -> None:
    report = check_text("2000 mcg RAE retinol + 20000 IU beta-carotene", select=[RULE])
    assert report.findings == ()
    vitamin_a = total(report, "vitamin_a")
    # 2,000 + 20,000 x 0.3 = 8,000 mcg RAE in all; 2,000 of it preformed
    assert (vitamin_a.total_per_day, vitamin_a.ul_amount_per_day) == (8000, 2000)
    (finding,) = check_text("3500 mcg RAE retinol + 20000 IU beta-carotene", select=[RULE]).findings
    assert finding.message == (
        PREFORMED + " totals 3,500 mcg RAE a day, 117% of the UL of 3,000 mcg RAE for Adults 19-50 years."
    )


def test_diet_vitamin_a_adds_to_preformed_supplement_vitamin_a() -> None:
    # Diet vitamin A counts in full toward the preformed UL (its preformed share is unknown):
    # 2,000 mcg RAE retinyl palmitate + 1,500 mcg RAE from food = 3,500 mcg RAE; 3,500 / 3,000 = 116.7 %.
    report = check_yaml(
        "profile: {age: 40, sex: female, diet: {vitamin_a: 1500 mcg RAE}}\nitems: [2000 mcg RAE retinyl palmitate]\n",
        select=[RULE],
    )
    vitamin_a = total(report, "vitamin_a")
    assert (vitamin_a.amount_per_day, vitamin_a.diet_per_day, vitamin_a.total_per_day) == (2000, 1500, 3500)
    assert (vitamin_a.ul_basis, vitamin_a.ul_amount_per_day, vitamin_a.ul) == ("preformed", 3500, 3000)
    (finding,) = report.findings
    assert finding.severity.value == "warning"
    assert finding.message == (
        PREFORMED + " totals 3,500 mcg RAE a day, 117% of the UL of 3,000 mcg RAE for Females 31-50 years."
    )


def test_diet_vitamin_a_alone_below_the_ul_is_quiet() -> None:
    # 1,000 mcg RAE retinol + 1,500 mcg RAE from food = 2,500 mcg RAE, below the UL of 3,000.
    report = check_yaml(
        "profile: {age: 40, sex: female, diet: {vitamin_a: 1500 mcg RAE}}\nitems: [1000 mcg RAE retinol]\n",
        select=[RULE],
    )
    assert report.findings == ()
    assert total(report, "vitamin_a").ul_amount_per_day == 2500


@pytest.mark.parametrize(
    ("line", "profile", "expected"),
    [
        ("3000 mcg RAE retinol", {"age": 30, "sex": "female", "pregnant": True}, ["error"]),  # AT the UL
        ("10000 IU vitamin A", {"age": 30, "pregnant": True}, ["error"]),  # 3,000 mcg RAE
        ("2999 mcg RAE retinol", {"age": 30, "pregnant": True}, []),
        ("20000 IU beta-carotene", {"age": 30, "pregnant": True}, []),  # not preformed
        ("2800 mcg RAE retinol", {"age": 16, "pregnant": True}, ["error"]),  # 14-18 UL 2,800
        ("3000 mcg RAE retinol", {"age": 30, "lactating": True}, []),  # lactation: at the UL is fine
        ("3001 mcg RAE retinol", {"age": 30, "lactating": True}, ["warning"]),
        ("4001 IU D3", {"age": 30, "pregnant": True}, ["warning"]),  # only vitamin A is teratogenic
    ],
)
def test_pregnancy_preformed_vitamin_a(line: str, profile: dict[str, object], expected: list[str]) -> None:
    assert [severity for _, severity in found(line, **profile)] == expected


def test_pregnancy_message() -> None:
    (finding,) = check_text("3000 mcg RAE retinol", select=[RULE], age=30, sex="female", pregnant=True).findings
    assert finding.severity.value == "error"
    assert finding.message == (
        PREFORMED + " totals 3,000 mcg RAE a day, 100% of the UL of 3,000 mcg RAE for Pregnancy 19-30 years. "
        "In pregnancy, preformed vitamin A at or above the UL can cause birth defects."
    )


def test_error_ratio_override() -> None:
    assert found("6000 IU D3", thresholds={RULE: {"error_ratio": 1.5}}) == [("vitamin_d", "error")]  # 150 %
    assert found("5999 IU D3", thresholds={RULE: {"error_ratio": 1.5}}) == [("vitamin_d", "warning")]


# Prescribed doses: the UL does not apply to doses taken under medical supervision (the message says so).
SUPERVISED = (
    "above the UL; the UL does not apply to doses taken under medical supervision — confirm the course and its "
    "length with the prescriber."
)
IMPLIED = "prescription strength (counted as prescribed unless the regimen says 'prescribed: false'): "
# 49,999 IU / 7 = 7,142.7 IU = 178.6 mcg a day, 179 % of the adult UL of 100 mcg (a warning).
D2_BELOW = "Vitamin D totals 179 mcg (7,143 IU) a day, 179% of the UL of 100 mcg (4,000 IU) for Adults 19-50 years."


def above_message(text: str) -> str:
    (finding,) = check_yaml(text, select=[RULE]).findings
    return finding.message


def test_just_below_prescription_strength_is_not_called_prescribed() -> None:
    assert above_message("items: [49999 IU D2 weekly]\n") == D2_BELOW


def test_prescription_strength_at_50000_iu_in_one_intake() -> None:
    # 50,000 / 7 = 7,142.9 IU = 178.57 mcg a day
    assert above_message("items: [50000 IU D2 weekly]\n") == (
        "Vitamin D totals 179 mcg (7,143 IU) a day, 179% of the UL of 100 mcg (4,000 IU) for Adults 19-50 years. "
        f"50000 IU D2 weekly is {IMPLIED}{SUPERVISED}"
    )


def test_servings_make_one_intake() -> None:
    # 2 capsules of 25,000 IU at once = 50,000 IU in one intake
    text = "items:\n  - dose: 25000 IU D3\n    servings: 2\n    frequency: weekly\n"
    assert above_message(text).endswith(f"25000 IU D3 is {IMPLIED}{SUPERVISED}")


def test_prescribed_false_is_the_file_s_word() -> None:
    text = "items:\n  - dose: 50000 IU D2 weekly\n    prescribed: false\n"
    assert above_message(text) == D2_BELOW


def test_stated_prescription_with_an_otc_item() -> None:
    # 6,000 IU prescribed + 1,000 IU OTC = 7,000 IU = 175 mcg a day, 175 %
    text = "items:\n  - dose: 6000 IU D3\n    prescribed: true\n  - 1000 IU D3\n"
    assert above_message(text) == (
        "Vitamin D totals 175 mcg (7,000 IU) a day, 175% of the UL of 100 mcg (4,000 IU) for Adults 19-50 years. "
        f"6000 IU D3 is prescribed: {SUPERVISED}"
    )


def test_binder_above_the_ul_goes_to_the_nephrologist() -> None:
    # 1,500 mg calcium carbonate x 40 % = 600 mg, with 3 meals = 1,800 mg + 700 mg diet = 2,500 mg; UL at 68: 2,000.
    text = (
        "profile: {age: 68, sex: male, conditions: [CKD stage 4], diet: {calcium: 700 mg}}\n"
        "items:\n  - dose: 1500 mg calcium carbonate\n    frequency: 3 times daily\n    purpose: phosphate binder\n"
    )
    assert above_message(text) == (
        "Calcium totals 2,500 mg a day, 125% of the UL of 2,000 mg for Males 51-70 years. 1500 mg calcium carbonate "
        "is a phosphate binder, taken with meals: its dose is the nephrologist's; ask the nephrologist (KDIGO 2017 "
        "suggests restricting calcium-based binders)."
    )
