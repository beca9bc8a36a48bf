"""CG101 d-without-k2: vitamin D with no K2 form; info below 1,000 IU a day, warning from 1,000 IU."""

from __future__ import annotations

import pytest
from conftest import check_text, check_yaml

RULE = "d-without-k2"
WHY = (
    ": vitamin K2 activates osteocalcin, which binds calcium into bone, and matrix Gla-protein, which keeps it out "
    "of arteries."
)
ADVICE = " No official D:K2 requirement exists; consider adding 90-180 mcg MK-7 a day."


def severities(line: str, **profile: object) -> list[str]:
    return [f.severity.value for f in check_text(line, select=[RULE], **profile).findings]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("999 IU D3", ["info"]),  # below 1,000 IU a day
        ("1000 IU D3", ["warning"]),  # at the threshold
        ("5000 IU D3", ["warning"]),
        ("25 mcg D3", ["warning"]),  # 25 mcg = 1,000 IU
        ("24.9 mcg D3", ["info"]),  # 996 IU
        ("1998 IU D3 every other day", ["info"]),  # 999 IU a day on average
        ("2000 IU D3 every other day", ["warning"]),  # 1,000 IU a day
        ("7000 IU D3 weekly", ["warning"]),  # 1,000 IU a day
        ("500 IU D3 + 500 IU D2", ["warning"]),  # items add up: 1,000 IU
        ("5000 IU D3 + 100 mcg MK-7", []),
        ("5000 IU D3 + 100 mcg MK-4", []),
        ("5000 IU D3 + 100 mcg menaquinone-7", []),
        ("5000 IU D3 + 100 mcg vitamin K2", []),  # K2, form not stated, still K2
        ("5000 IU D3 + 100 mcg vitamin K2 (as MK-7)", []),
        ("5000 IU D3 + 100 mcg vitamin K1", ["warning"]),  # K1 is not K2
        ("5000 IU D3 + 100 mcg vitamin K", ["warning"]),  # nor is vitamin K of unstated form
        ("100 mcg MK-7", []),  # no vitamin D at all
        ("600 mg calcium", []),
        ("5000 IU D3 + 100 mcg MK-9", ["warning"]),  # an unknown ingredient is not assumed to be K2
    ],
)
def test_cases(line: str, expected: list[str]) -> None:
    assert severities(line) == expected


def test_exact_messages_below_and_at_the_threshold() -> None:
    (below,) = check_text("999 IU D3", select=[RULE]).findings
    # 999 IU / 40 = 24.975 mcg, shown as 25
    assert below.message == (
        "Vitamin D at 999 IU (25 mcg) a day with no vitamin K2 (MK-4 or MK-7), below 1,000 IU a day." + ADVICE
    )
    assert (below.rule, below.code, below.severity.value, below.nutrient) == (RULE, "CG101", "info", "vitamin_d")
    (at,) = check_text("1000 IU D3", select=[RULE]).findings
    assert at.message == "Vitamin D at 1,000 IU (25 mcg) a day with no vitamin K2 (MK-4 or MK-7)" + WHY + ADVICE


def test_message_names_the_vitamin_k_that_is_not_k2() -> None:
    (finding,) = check_text("5000 IU D3 + 90 mcg vitamin K1", select=[RULE]).findings
    # 5,000 IU / 40 = 125 mcg
    assert finding.message == (
        "Vitamin D at 5,000 IU (125 mcg) a day with no vitamin K2 (MK-4 or MK-7)"
        + WHY
        + " The regimen has vitamin K (90 mcg vitamin K1) but not as K2, which this rule asks for."
        + ADVICE
    )


def test_servings_of_a_product_count() -> None:
    report = check_yaml(
        "items:\n  - product: Kids gummy\n    servings: 2\n    ingredients: [500 IU D3]\n", select=[RULE]
    )
    assert [f.severity.value for f in report.findings] == ["warning"]  # 2 x 500 IU = 1,000 IU


def test_vitamin_d_from_the_diet_is_not_a_supplement() -> None:
    diet_only = check_yaml("profile: {diet: {vitamin D: 2000 IU}}\nitems: [600 mg calcium]\n", select=[RULE])
    assert diet_only.findings == ()
    small_supplement = check_yaml("profile: {diet: {vitamin D: 2000 IU}}\nitems: [500 IU D3]\n", select=[RULE])
    assert [f.severity.value for f in small_supplement.findings] == ["info"]  # 500 IU from supplements


def test_threshold_override() -> None:
    thresholds = {RULE: {"warning_iu_per_day": 2000}}
    assert [f.severity.value for f in check_text("1999 IU D3", thresholds=thresholds).findings if f.rule == RULE] == [
        "info"
    ]
    (finding,) = check_text("1000 IU D3", select=[RULE], thresholds=thresholds).findings
    assert finding.message == (
        "Vitamin D at 1,000 IU (25 mcg) a day with no vitamin K2 (MK-4 or MK-7), below 2,000 IU a day." + ADVICE
    )
    assert [f.severity.value for f in check_text("2000 IU D3", select=[RULE], thresholds=thresholds).findings] == [
        "warning"
    ]
    # the default is untouched for the next evaluation
    assert severities("1000 IU D3") == ["warning"]


def test_evidence() -> None:
    (finding,) = check_text("5000 IU D3", select=[RULE]).findings
    assert [e.url for e in finding.evidence] == [
        "https://doi.org/10.3390/nu13041222",
        "https://pubmed.ncbi.nlm.nih.gov/?term=Persy+D%27Haese+calcification+paradox+2009",
        "https://doi.org/10.1007/s00198-013-2325-6",
    ]


def test_one_mcg_of_vitamin_d_is_info() -> None:
    # 40 IU = 1 mcg: vitamin D is supplied (more than 0), far below 1,000 IU a day.
    (finding,) = check_text("40 IU D3", select=[RULE]).findings
    assert (finding.severity.value, finding.nutrient) == ("info", "vitamin_d")
    assert finding.message == (
        "Vitamin D at 40 IU (1 mcg) a day with no vitamin K2 (MK-4 or MK-7), below 1,000 IU a day." + ADVICE
    )


@pytest.mark.parametrize(
    ("medications", "named"),
    [(["warfarin 5 mg daily"], "warfarin"), (["Coumadin 2.5 mg", "warfarin"], "Coumadin and warfarin")],
)
def test_with_a_vitamin_k_antagonist_no_k2_is_advised_without_the_prescriber(
    medications: list[str], named: str
) -> None:
    # The imbalance is still named, but "consider adding MK-7" would move the INR of a warfarin patient.
    (finding,) = check_text("5000 IU D3", select=[RULE], medications=medications).findings
    assert finding.message == (
        "Vitamin D at 5,000 IU (125 mcg) a day with no vitamin K2 (MK-4 or MK-7)"
        + WHY
        + f" No official D:K2 requirement exists; with {named}, add vitamin K2 only with the prescriber's agreement:"
        " a new vitamin K source moves the INR."
    )
    assert finding.severity.value == "warning"


def test_a_direct_oral_anticoagulant_keeps_the_advice() -> None:
    # Apixaban does not work through vitamin K: the K2 advice stands.
    (finding,) = check_text("5000 IU D3", select=[RULE], medications=["apixaban 5 mg BID"]).findings
    assert finding.message.endswith(ADVICE)
