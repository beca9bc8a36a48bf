"""CG303 mineral-drug-spacing: calcium, magnesium, iron, zinc or chromium with drugs they bind in the gut."""

from __future__ import annotations

import pytest
from conftest import check_text

from calcguide.interaction_catalog import interactions

RULE = "mineral-drug-spacing"
WHY = {entry.id: entry.why for entry in interactions()}
ADVICE = {entry.id: entry.advice for entry in interactions()}


@pytest.mark.parametrize(
    ("line", "medications", "expected"),
    [
        ("500 mg calcium (as citrate)", ["levothyroxine"], [("calcium", "warning")]),
        ("400 mg magnesium", ["Synthroid"], [("magnesium", "warning")]),
        ("500 mg calcium", ["alendronate"], [("calcium", "warning")]),
        ("500 mg calcium", ["doxycycline"], [("calcium", "warning")]),
        ("500 mg calcium", ["ciprofloxacin"], [("calcium", "warning")]),
        ("500 mg calcium", ["levothyroxine", "doxycycline"], [("calcium", "warning"), ("calcium", "warning")]),
        ("5000 IU D3", ["levothyroxine"], []),  # no mineral
        ("500 mg calcium", ["warfarin"], []),  # no spacing for warfarin
        ("500 mg calcium", ["moxifloxacin"], []),  # the label: calcium had no significant effect
        ("500 mg calcium", ["levofloxacin"], []),  # the label names magnesium, iron and zinc, not calcium
        ("500 mg calcium", ["ciprofloxacin 400 mg IV q12h"], []),  # by vein: nothing to bind in the gut
        ("500 mg calcium", ["levo"], []),  # ambiguous: asked, not guessed
        ("500 mg calcium", [], []),
    ],
)
def test_cases(line: str, medications: list[str], expected: list[tuple[str, str]]) -> None:
    report = check_text(line, select=[RULE], medications=medications)
    assert [(f.nutrient, f.severity.value) for f in report.findings] == expected


def test_exact_message_levothyroxine() -> None:
    (finding,) = check_text("500 mg calcium (as citrate)", select=[RULE], medications=["levothyroxine"]).findings
    assert (finding.rule, finding.code) == (RULE, "CG303")
    assert finding.message == (
        "levothyroxine with 500 mg of calcium a day. Calcium, iron, magnesium and chromium reduce levothyroxine "
        "absorption. Take levothyroxine at least 4 hours apart from calcium."
    )
    assert [e.url for e in finding.evidence] == [
        "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=1e11ad30-1041-4520-10b0-8f9d30d30fcc",
        "https://ods.od.nih.gov/factsheets/Calcium-HealthProfessional/",
        "https://ods.od.nih.gov/factsheets/Iron-HealthProfessional/",
        "https://ods.od.nih.gov/factsheets/Chromium-HealthProfessional/",
    ]


def test_brand_name_says_its_drug() -> None:
    (finding,) = check_text("400 mg magnesium", select=[RULE], medications=["Synthroid 88 mcg qAM"]).findings
    assert finding.message.startswith("Synthroid (levothyroxine) with 400 mg of magnesium a day. ")


def test_calcium_and_magnesium_with_a_bisphosphonate() -> None:
    (finding,) = check_text(
        "500 mg calcium + 1000 mg magnesium citrate", select=[RULE], medications=["alendronate"]
    ).findings
    # 1,000 mg x 0.16 = 160 mg magnesium
    assert finding.message == (
        "alendronate (bisphosphonate) with 500 mg of calcium a day and 160 mg of magnesium a day. "
        f"{WHY['alendronate-minerals']} Take alendronate first and calcium and magnesium at least 2 hours later. "
        f"{ADVICE['alendronate-minerals']}"
    )
    assert [e.url for e in finding.evidence] == [
        "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=14e931fd-2c5f-4d90-b7db-5980706f4a56",
        "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/",
    ]


def test_one_finding_per_drug() -> None:
    report = check_text("500 mg calcium", select=[RULE], medications=["doxycycline", "ciprofloxacin"])
    assert [f.message for f in report.findings] == [
        f"doxycycline (tetracycline antibiotic) with 500 mg of calcium a day. {WHY['tetracycline-minerals']} "
        f"Take doxycycline at least 2 hours before or 6 hours after calcium. {ADVICE['tetracycline-minerals']}",
        f"ciprofloxacin (fluoroquinolone antibiotic) with 500 mg of calcium a day. {WHY['ciprofloxacin-minerals']} "
        "Take ciprofloxacin at least 2 hours before or 6 hours after calcium.",
    ]


def test_one_drug_written_twice_is_one_finding() -> None:
    (finding,) = check_text("500 mg calcium", select=[RULE], medications=["levothyroxine", "Synthroid"]).findings
    assert finding.message.startswith("levothyroxine and Synthroid with 500 mg of calcium a day. ")
