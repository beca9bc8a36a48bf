"""`--standard nasem|efsa|both`: whose upper limits apply, what the UL counts, and how the report says so.

US values from calcguide/data/dri_us.yaml, EU values from calcguide/data/efsa.yaml; the arithmetic is in the
comments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, Cli

import calcguide

DATA = REPO / "calcguide" / "data"
EFSA_D_URL = "https://doi.org/10.2903/j.efsa.2012.2813"
EFSA_D_INFANT_URL = "https://doi.org/10.2903/j.efsa.2018.5365"
EFSA_SUMMARY_URL = "https://www.efsa.europa.eu/sites/default/files/assets/UL_Summary_tables.pdf"
EFSA_NOTE = "EFSA upper limits; targets are the US RDA/AI"
BOTH_NOTE = "US and EFSA upper limits side by side; the stricter one is applied"


def source(table: str, nutrient: str, key: str = "source") -> dict[str, str]:
    """A nutrient's source as the data file states it (titles are data, not something to copy here)."""
    data = yaml.safe_load((DATA / f"{table}.yaml").read_text(encoding="utf-8"))
    entry: dict[str, str] = data["nutrients"][nutrient][key]
    return {"title": entry["title"], "url": entry["url"]}


def check(cli: Cli, *args: str, code: int = 0) -> dict[str, Any]:
    result = cli("check", "--format", "json", *args)
    assert result.exit_code == code, result.stderr
    (report,) = json.loads(result.stdout)
    assert isinstance(report, dict)
    return report


def total(report: dict[str, Any], nutrient: str) -> dict[str, Any]:
    (match,) = [t for t in report["totals"] if t["nutrient"] == nutrient]
    assert isinstance(match, dict)
    return match


def above(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["rule"] == "above-ul"]


def limit(authority: str, ul: float | None, basis: str, amount: float, percent: float | None) -> dict[str, Any]:
    return {"authority": authority, "ul": ul, "ul_basis": basis, "ul_amount_per_day": amount, "percent_ul": percent}


def test_the_values_used_below_are_those_of_the_data_files() -> None:
    us = yaml.safe_load((DATA / "dri_us.yaml").read_text(encoding="utf-8"))["nutrients"]
    eu = yaml.safe_load((DATA / "efsa.yaml").read_text(encoding="utf-8"))["nutrients"]
    assert (us["vitamin_d"]["values"]["children-4-8y"]["ul"], eu["vitamin_d"]["values"]["children-4-8y"]["ul"]) == (
        75,
        50,
    )
    assert (us["vitamin_d"]["values"]["infants-7-12m"]["ul"], eu["vitamin_d"]["values"]["infants-7-12m"]["ul"]) == (
        38,
        35,
    )
    assert (us["magnesium"]["values"]["males-31-50y"]["ul"], eu["magnesium"]["values"]["males-31-50y"]["ul"]) == (
        350,
        250,
    )
    assert (us["magnesium"]["ul_basis"], eu["magnesium"]["ul_basis"]) == ("supplemental", "supplemental")
    assert (us["vitamin_e"]["values"]["males-31-50y"]["ul"], eu["vitamin_e"]["values"]["males-31-50y"]["ul"]) == (
        1000,
        300,
    )
    assert (us["vitamin_e"]["ul_basis"], eu["vitamin_e"]["ul_basis"]) == ("supplemental", "total")
    assert (us["vitamin_a"]["values"]["children-4-8y"]["ul"], eu["vitamin_a"]["values"]["children-4-8y"]["ul"]) == (
        900,
        1100,
    )
    assert (us["calcium"]["values"]["children-4-8y"]["ul"], eu["calcium"]["values"]["children-4-8y"]["ul"]) == (
        2500,
        None,
    )
    assert source("efsa", "vitamin_d")["url"] == EFSA_D_URL
    assert source("efsa", "vitamin_d", "infant_source")["url"] == EFSA_D_INFANT_URL


# A child of 8 with 2,400 IU D3 = 60 mcg: US UL 75 mcg (80 %), EFSA UL 50 mcg (120 %).
CHILD = ["--text", "2400 IU D3", "--age", "8"]


def test_efsa_fires_above_ul_for_the_child(cli: Cli) -> None:
    report = check(cli, *CHILD, "--standard", "efsa")
    assert report["profile"]["standard"] == "efsa"
    assert report["profile"]["life_stage_id"] == "children-4-8y"
    d = total(report, "vitamin_d")
    assert (d["ul"], d["ul_basis"], d["ul_amount_per_day"], d["percent_ul"], d["ul_authority"]) == (
        50.0,
        "total",
        60.0,
        120.0,
        "efsa",
    )
    assert d["limits"] == [limit("efsa", 50.0, "total", 60.0, 120.0)]
    # Targets stay the US RDA: 15 mcg for 4-8 years; 60 / 15 = 400 %.
    assert (d["target"], d["target_type"], d["percent_target"]) == (15.0, "RDA", 400.0)
    (finding,) = above(report)
    assert finding["severity"] == "warning"  # 1.2 x the UL, below 2 x
    assert finding["message"] == (
        "Vitamin D totals 60 mcg (2,400 IU) a day, 120% of the EFSA UL of 50 mcg (2,000 IU) for Children 4-8 years."
    )
    assert finding["evidence"] == [source("efsa", "vitamin_d")]
    assert finding["evidence"][0]["url"] == EFSA_D_URL
    assert report["notes"] == [EFSA_NOTE]


def test_nasem_does_not_fire_for_the_child(cli: Cli) -> None:
    for args in (CHILD, [*CHILD, "--standard", "nasem"]):
        report = check(cli, *args)
        assert report["profile"]["standard"] == "nasem"
        d = total(report, "vitamin_d")
        assert (d["ul"], d["percent_ul"], d["ul_authority"]) == (75.0, 80.0, "nasem")  # 60 / 75 = 80 %
        assert d["limits"] == [limit("nasem", 75.0, "total", 60.0, 80.0)]
        assert above(report) == []
        assert report["findings"] == []  # and no d-without-k2: the K2 rules are for adults
        assert report["notes"] == []


def test_both_applies_the_stricter_and_lists_both(cli: Cli) -> None:
    report = check(cli, *CHILD, "--standard", "both")
    assert report["profile"]["standard"] == "both"
    d = total(report, "vitamin_d")
    assert d["limits"] == [limit("nasem", 75.0, "total", 60.0, 80.0), limit("efsa", 50.0, "total", 60.0, 120.0)]
    assert (d["ul"], d["percent_ul"], d["ul_authority"]) == (50.0, 120.0, "efsa")
    (finding,) = above(report)
    assert "120% of the EFSA UL of 50 mcg (2,000 IU)" in finding["message"]
    assert finding["evidence"] == [source("efsa", "vitamin_d")]
    assert report["notes"] == [BOTH_NOTE]


def test_both_can_bind_on_the_us_limit(cli: Cli) -> None:
    # 1,000 mcg RAE retinol at 8: US UL 900 (111.1 %), EFSA 1,100 (90.9 %): the US limit binds and is named.
    report = check(cli, "--text", "1000 mcg RAE retinol", "--age", "8", "--standard", "both")
    a = total(report, "vitamin_a")
    assert a["limits"] == [
        limit("nasem", 900.0, "preformed", 1000.0, 111.1111),
        limit("efsa", 1100.0, "preformed", 1000.0, 90.9091),
    ]
    assert (a["ul"], a["ul_authority"]) == (900.0, "nasem")
    (finding,) = above(report)
    assert finding["message"] == (
        "Preformed vitamin A (retinol and retinyl esters: the UL does not count beta-carotene) totals 1,000 mcg RAE a "
        "day, 111% of the NASEM UL of 900 mcg RAE for Children 4-8 years."
    )
    assert finding["evidence"] == [source("dri_us", "vitamin_a")]


def test_efsa_infant_limit_cites_the_infant_opinion(cli: Cli) -> None:
    # 7 months: Infants 7-12 months. 1,500 IU = 37.5 mcg: US 38 (98.7 %, quiet), EFSA 35 (107.1 %).
    quiet = check(cli, "--text", "1500 IU D3", "--age", "7 months")
    assert above(quiet) == []
    report = check(cli, "--text", "1500 IU D3", "--age", "7 months", "--standard", "efsa")
    (finding,) = above(report)
    assert finding["message"] == (
        "Vitamin D totals 37.5 mcg (1,500 IU) a day, 107% of the EFSA UL of 35 mcg (1,400 IU) for Infants 7-12 months."
    )
    assert finding["evidence"] == [source("efsa", "vitamin_d", "infant_source")]


# A man of 40 (Males 31-50) with 400 mg magnesium and 100 mg vitamin E from food, and supplements of 300 mg
# magnesium and 250 mg vitamin E.
MG_E = """\
name: Magnesium and E
profile:
  age: 40
  sex: male
  diet:
    magnesium: 400 mg
    vitamin E: 100 mg
items:
  - 300 mg magnesium
  - 250 mg vitamin E
"""


@pytest.fixture
def mg_e(tmp_path: Path) -> str:
    (tmp_path / "mg-e.yaml").write_text(MG_E, encoding="utf-8")
    return "mg-e.yaml"


def test_magnesium_us_350_supplemental(cli: Cli, mg_e: str) -> None:
    report = check(cli, mg_e, "--standard", "nasem")
    mg = total(report, "magnesium")
    # Only the 300 mg from supplements counts: 300 / 350 = 85.7143 %; food is left out of the UL.
    assert (mg["amount_per_day"], mg["diet_per_day"], mg["total_per_day"]) == (300.0, 400.0, 700.0)
    assert mg["limits"] == [limit("nasem", 350.0, "supplemental", 300.0, 85.7143)]
    # Vitamin E, US: supplemental only, 250 / 1,000 = 25 %.
    e = total(report, "vitamin_e")
    assert e["limits"] == [limit("nasem", 1000.0, "supplemental", 250.0, 25.0)]
    assert above(report) == []


def test_magnesium_efsa_250_supplemental_and_vitamin_e_total(cli: Cli, mg_e: str) -> None:
    report = check(cli, mg_e, "--standard", "efsa")
    mg = total(report, "magnesium")
    # 300 / 250 = 120 %: the EFSA limit also counts supplements only (the 400 mg of food are not in it).
    assert mg["limits"] == [limit("efsa", 250.0, "supplemental", 300.0, 120.0)]
    e = total(report, "vitamin_e")
    # EFSA counts all vitamin E, food included: 250 + 100 = 350 mg, 350 / 300 = 116.6667 %.
    assert e["limits"] == [limit("efsa", 300.0, "total", 350.0, 116.6667)]
    assert (e["ul_basis"], e["ul_amount_per_day"]) == ("total", 350.0)
    messages = [(f["nutrient"], f["severity"], f["message"]) for f in above(report)]
    assert messages == [
        (
            "magnesium",
            "warning",
            "Supplemental magnesium (the UL applies to supplements and medicines, not food) totals 300 mg a day, 120% "
            "of the EFSA UL of 250 mg for Males 31-50 years.",
        ),
        ("vitamin_e", "warning", "Vitamin E totals 350 mg a day, 117% of the EFSA UL of 300 mg for Males 31-50 years."),
    ]
    assert all(
        f["evidence"] == [{"title": source("efsa", "magnesium")["title"], "url": EFSA_SUMMARY_URL}]
        for f in above(report)
    )
    assert report["notes"] == [EFSA_NOTE]


def test_magnesium_and_vitamin_e_side_by_side(cli: Cli, mg_e: str) -> None:
    report = check(cli, mg_e, "--standard", "both")
    mg = total(report, "magnesium")
    assert mg["limits"] == [
        limit("nasem", 350.0, "supplemental", 300.0, 85.7143),
        limit("efsa", 250.0, "supplemental", 300.0, 120.0),
    ]
    assert (mg["ul"], mg["ul_authority"], mg["percent_ul"]) == (250.0, "efsa", 120.0)
    e = total(report, "vitamin_e")
    assert e["limits"] == [
        limit("nasem", 1000.0, "supplemental", 250.0, 25.0),
        limit("efsa", 300.0, "total", 350.0, 116.6667),
    ]
    # The binding limit brings its basis along: EFSA counts the total, 350 mg.
    assert (e["ul"], e["ul_authority"], e["ul_basis"], e["ul_amount_per_day"]) == (300.0, "efsa", "total", 350.0)
    assert [f["nutrient"] for f in above(report)] == ["magnesium", "vitamin_e"]


def test_efsa_sets_no_calcium_ul_for_children(cli: Cli) -> None:
    args = ["--text", "3000 mg calcium (as citrate) + 1000 IU D3 + 100 mcg MK-7", "--age", "8", "--select", "above-ul"]
    # US: 3,000 / 2,500 = 120 %.
    us = check(cli, *args)
    assert [(f["nutrient"], f["severity"]) for f in above(us)] == [("calcium", "warning")]
    eu = check(cli, *args, "--standard", "efsa")
    ca = total(eu, "calcium")
    assert (ca["ul"], ca["percent_ul"], ca["limits"]) == (None, None, [limit("efsa", None, "total", 3000.0, None)])
    assert above(eu) == []
    both = check(cli, *args, "--standard", "both")
    ca = total(both, "calcium")
    assert (ca["ul"], ca["ul_authority"]) == (2500.0, "nasem")
    assert [(f["nutrient"], f["severity"]) for f in above(both)] == [("calcium", "warning")]


def test_notes_without_a_profile(cli: Cli) -> None:
    stricter = "no profile: an adult 19-50 years, with the stricter of the male and female values"
    assert check(cli, "--text", "100 mcg MK-7")["notes"] == [stricter]
    assert check(cli, "--text", "100 mcg MK-7", "--standard", "efsa")["notes"] == [f"{stricter}; {EFSA_NOTE}"]
    assert check(cli, "--text", "100 mcg MK-7", "--standard", "both")["notes"] == [f"{stricter}; {BOTH_NOTE}"]


def test_table_shows_both_limits(cli: Cli) -> None:
    result = cli("check", *CHILD, "--standard", "both")
    assert result.exit_code == 0, result.stderr
    # Both limits in the UL cell, one per line; the EU one (50 mcg) binds: 60 mcg is 120 % of it.
    lines = result.stdout.splitlines()
    row = next(index for index, line in enumerate(lines) if line.startswith("Vitamin D "))
    assert lines[row].split()[7:11] == ["RDA", "US", "75", "120%"] and lines[row + 1].split() == ["EU", "50"]
    text = " ".join(result.stdout.split())
    assert "Life stage: Children 4-8 years (US and EFSA upper limits side by side; the stricter one is applied)" in text


def test_api_standard_argument() -> None:
    regimen = calcguide.regimen_from_line("2400 IU D3", profile=calcguide.Profile(age_years=8.0))
    for standard, fires in (("nasem", False), ("efsa", True), ("both", True)):
        report = calcguide.evaluate(regimen, standard=standard)
        assert report.standard is not None and report.standard.standard == standard
        assert any(f.rule == "above-ul" for f in report.findings) is fires


def test_unknown_standard_is_a_usage_error(cli: Cli) -> None:
    result = cli("check", "--text", "100 mcg MK-7", "--standard", "who")
    assert result.exit_code == 2
    assert "--standard" in result.stderr
