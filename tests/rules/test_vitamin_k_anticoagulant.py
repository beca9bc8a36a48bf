"""CG301 vitamin-k-anticoagulant: any vitamin K supplement with warfarin or another vitamin K antagonist."""

from __future__ import annotations

import pytest
from conftest import check_text

RULE = "vitamin-k-anticoagulant"
TAIL = (
    "Vitamin K counteracts it (MK-7 lowered the INR at 10-20 mcg a day): do not take this without the prescriber, "
    "who may need to adjust the dose and check the INR."
)


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
        f"warfarin is a vitamin K antagonist, and the regimen adds 100 mcg of vitamin K a day (100 mcg MK-7). {TAIL}"
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
        f"(100 mcg MK-7, 45 mcg vitamin K1). {TAIL}"
    )


def test_an_unknown_medication_is_noted() -> None:
    report = check_text("100 mcg MK-7", medications=["amlodipine"])
    assert [tuple(u) for u in report.unmatched] == [("medication", "amlodipine", "not in calcguide's catalogue")]
