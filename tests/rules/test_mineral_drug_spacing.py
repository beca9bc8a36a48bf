"""CG303 mineral-drug-spacing: calcium or magnesium with drugs they bind in the gut."""

from __future__ import annotations

import pytest
from conftest import check_text

RULE = "mineral-drug-spacing"
LEVOTHYROXINE = "Calcium and magnesium reduce levothyroxine absorption: take them at least 4 hours apart."
ANTIBIOTIC = "Take the antibiotic at least 2 hours before or 4-6 hours after calcium or magnesium."
BISPHOSPHONATE = (
    "Take the bisphosphonate first, on an empty stomach, and calcium or magnesium at least 30 minutes later "
    "(60 minutes for ibandronate), as the drug labels say."
)


@pytest.mark.parametrize(
    ("line", "medications", "expected"),
    [
        ("500 mg calcium (as citrate)", ["levothyroxine"], [("calcium", "warning")]),
        ("400 mg magnesium", ["Synthroid"], [("magnesium", "warning")]),
        ("500 mg calcium", ["alendronate"], [("calcium", "warning")]),
        ("500 mg calcium", ["doxycycline"], [("calcium", "warning")]),
        ("500 mg calcium", ["ciprofloxacin"], [("calcium", "warning")]),
        ("500 mg calcium", ["levothyroxine", "doxycycline"], [("calcium", "warning"), ("calcium", "warning")]),
        ("5000 IU D3", ["levothyroxine"], []),  # no calcium or magnesium
        ("500 mg calcium", ["warfarin"], []),  # no spacing advice for warfarin
        ("500 mg calcium", [], []),
    ],
)
def test_cases(line: str, medications: list[str], expected: list[tuple[str, str]]) -> None:
    report = check_text(line, select=[RULE], medications=medications)
    assert [(f.nutrient, f.severity.value) for f in report.findings] == expected


def test_exact_message_levothyroxine() -> None:
    (finding,) = check_text("500 mg calcium (as citrate)", select=[RULE], medications=["levothyroxine"]).findings
    assert (finding.rule, finding.code) == (RULE, "CG303")
    assert finding.message == f"levothyroxine with 500 mg of calcium a day. {LEVOTHYROXINE}"
    assert [e.url for e in finding.evidence] == ["https://ods.od.nih.gov/factsheets/Calcium-HealthProfessional/"]


def test_brand_name_gets_its_class() -> None:
    (finding,) = check_text("400 mg magnesium", select=[RULE], medications=["Synthroid"]).findings
    assert finding.message == f"Synthroid (levothyroxine) with 400 mg of magnesium a day. {LEVOTHYROXINE}"


def test_calcium_and_magnesium_with_a_bisphosphonate() -> None:
    (finding,) = check_text(
        "500 mg calcium + 1000 mg magnesium citrate", select=[RULE], medications=["alendronate"]
    ).findings
    # 1,000 mg x 0.16 = 160 mg magnesium
    assert finding.message == (
        f"alendronate (bisphosphonate) with 500 mg of calcium a day and 160 mg of magnesium a day. {BISPHOSPHONATE}"
    )
    assert [e.url for e in finding.evidence] == ["https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"]


def test_one_finding_per_drug_in_the_profile_order() -> None:
    report = check_text("500 mg calcium", select=[RULE], medications=["doxycycline", "ciprofloxacin"])
    assert [f.message for f in report.findings] == [
        f"doxycycline (tetracycline antibiotic) with 500 mg of calcium a day. {ANTIBIOTIC}",
        f"ciprofloxacin (fluoroquinolone antibiotic) with 500 mg of calcium a day. {ANTIBIOTIC}",
    ]
