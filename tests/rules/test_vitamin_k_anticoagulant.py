"""CG301 vitamin-k-anticoagulant: any vitamin K supplement with warfarin or another vitamin K antagonist."""

from __future__ import annotations

import pytest
from conftest import check_text, check_yaml

RULE = "vitamin-k-anticoagulant"
NEW = (
    "talk to the prescriber before starting it: a new vitamin K source will move the INR (MK-7 lowered it at 10-20 mcg "
    "a day), and the dose or INR checks may need to change."
)
STABLE = (
    "keep the intake consistent (the same product and dose every day) and tell the anticoagulation clinic before "
    "changing or stopping it, as the ODS vitamin K fact sheet advises."
)
TAIL = f"If 100 mcg MK-7 is new, {NEW} If it is already part of a stable regimen, {STABLE}"


@pytest.mark.parametrize(
    ("line", "medications", "expected"),
    [
        ("100 mcg MK-7", ["warfarin"], ["error"]),
        ("100 mcg MK-7", ["Warfarin"], ["error"]),
        ("10 mcg vitamin K1", ["Coumadin"], ["error"]),  # even a small dose
        ("100 mcg MK-4", ["Jantoven"], ["error"]),
        ("100 mcg vitamin K2", ["acenocoumarol"], ["error"]),
        ("100 mcg vitamin K", ["phenprocoumon"], ["error"]),
        ("100 mcg MK-7", ["fluindione"], ["error"]),
        ("100 mcg MK-7", ["vitamin K antagonist"], ["error"]),
        ("700 mcg MK-7 weekly", ["warfarin"], ["error"]),
        ("5000 IU D3", ["warfarin"], []),  # no vitamin K
        ("100 mcg MK-7", [], []),
        ("100 mcg MK-7", ["amlodipine"], []),  # not a vitamin K antagonist
        ("100 mcg MK-7", ["levothyroxine"], []),
    ],
)
def test_cases(line: str, medications: list[str], expected: list[str]) -> None:
    report = check_text(line, select=[RULE], medications=medications)
    assert [f.severity.value for f in report.findings] == expected


def test_exact_message() -> None:
    (finding,) = check_text("100 mcg MK-7", select=[RULE], medications=["warfarin"]).findings
    assert (finding.rule, finding.code, finding.severity.value, finding.nutrient) == (
        RULE,
        "CG301",
        "error",
        "vitamin_k",
    )
    assert finding.message == (
        "warfarin is a vitamin K antagonist, and the regimen adds 100 mcg of vitamin K a day (100 mcg MK-7); vitamin K "
        f"counteracts it. {TAIL}"
    )
    assert [e.url for e in finding.evidence] == [
        "https://ods.od.nih.gov/factsheets/VitaminK-HealthProfessional/",
        "https://doi.org/10.1111/jth.12203",
    ]


def test_message_lists_every_vitamin_k_dose_and_every_name() -> None:
    report = check_text(
        "100 mcg MK-7 + 45 mcg vitamin K1 + 5000 IU D3", select=[RULE], medications=["warfarin", "Coumadin"]
    )
    (finding,) = report.findings
    # 100 + 45 = 145 mcg a day
    assert finding.message == (
        "warfarin and Coumadin is a vitamin K antagonist, and the regimen adds 145 mcg of vitamin K a day "
        "(100 mcg MK-7, 45 mcg vitamin K1); vitamin K counteracts it. If 100 mcg MK-7 and 45 mcg vitamin K1 are new, "
        f"{NEW.replace(' it:', ' them:')} If they are already part of a stable regimen, "
        f"{STABLE.replace('stopping it', 'stopping them')}"
    )


def test_an_unknown_medication_is_noted() -> None:
    report = check_text("100 mcg MK-7", medications=["amlodipine"])
    assert [tuple(u) for u in report.unmatched] == [("medication", "amlodipine", "not in calcguide's catalogue")]


# A new vitamin K source (new: true) against a stable one (new: false): the ODS advice for a stable intake is to keep
# it consistent and tell the clinic before changing it, not to stop it.
HEAD = (
    "warfarin is a vitamin K antagonist, and the regimen adds {amount} of vitamin K a day ({forms}); vitamin K "
    "counteracts it."
)


def _finding(items: str) -> tuple[str, str]:
    report = check_yaml(f"profile: {{medications: [warfarin]}}\nitems:\n{items}", select=[RULE])
    (finding,) = report.findings
    return finding.severity.value, finding.message


def test_a_new_k2_product_goes_to_the_prescriber_first() -> None:
    severity, message = _finding("  - dose: 90 mcg MK-7\n    new: true\n")
    assert severity == "error"
    assert message == HEAD.format(amount="90 mcg", forms="90 mcg MK-7") + f" New: 90 mcg MK-7: {NEW}"


def test_a_stable_multivitamin_is_kept_consistent() -> None:
    severity, message = _finding(
        "  - product: Daily multivitamin\n    new: false\n    ingredients: [25 mcg vitamin K1, 400 IU D3]\n"
    )
    assert severity == "warning"
    assert message == (
        HEAD.format(amount="25 mcg", forms="25 mcg vitamin K1") + f" Already taken: Daily multivitamin: {STABLE}"
    )
    assert "do not take" not in message


def test_a_stable_multivitamin_and_a_new_k2_are_told_apart() -> None:
    severity, message = _finding(
        "  - product: Daily multivitamin\n    new: false\n    ingredients: [25 mcg vitamin K1]\n"
        "  - dose: 90 mcg MK-7\n    new: true\n"
    )
    # 25 + 90 = 115 mcg a day
    assert severity == "error"
    assert message == (
        HEAD.format(amount="115 mcg", forms="25 mcg vitamin K1, 90 mcg MK-7")
        + f" New: 90 mcg MK-7: {NEW} Already taken: Daily multivitamin: {STABLE}"
    )


def test_one_mcg_of_vitamin_k_is_a_vitamin_k_source() -> None:
    # The rule asks whether any vitamin K is supplied (more than 0 mcg): 1 mcg MK-7 is, however little.
    (finding,) = check_text("1 mcg MK-7", select=[RULE], medications=["warfarin"]).findings
    assert finding.severity.value == "error"
    assert finding.message == (
        "warfarin is a vitamin K antagonist, and the regimen adds 1 mcg of vitamin K a day (1 mcg MK-7); vitamin K "
        f"counteracts it. {TAIL.replace('100 mcg MK-7', '1 mcg MK-7')}"
    )
