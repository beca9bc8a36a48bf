"""Every example regimen in regimens/: its exact totals, findings and exit codes, worked out by hand.

Totals are (total_per_day, ul, percent_ul) as the JSON report gives them (rounded to 4 decimals); each comes
from the YAML and the DRI tables with the arithmetic in the comment. D: 40 IU per mcg. Percent of UL uses the
amount the UL applies to (magnesium: supplements only; vitamin A: preformed only).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REGIMENS, Cli, regimen_files
from test_label_examples import EXPECTED as LABEL_EXPECTED  # the examples written as label panels

Total = tuple[float, float | None, float | None]


@dataclass(frozen=True)
class Expected:
    life_stage: str
    totals: dict[str, Total]
    findings: list[tuple[str, str]]
    exit_error: int  # --fail-on error (the default)
    exit_warning: int
    exit_info: int


EXPECTED = {
    "calcium-plus-d.yaml": Expected(
        "Females 51-70 years",  # 63, female
        {
            "vitamin_d": (20.0, 100.0, 20.0),  # 2 x 400 IU / 40 = 20 mcg; 20 / 100
            "vitamin_k": (90.0, None, None),  # 90 mcg MK-7; no UL
            "calcium": (1800.0, 2000.0, 90.0),  # 2 x 600 + 600 diet = 1,800 mg; 1,800 / 2,000
        },
        [("calcium-single-dose", "info")],  # 600 mg at a time
        0,
        0,
        1,
    ),
    "child.yaml": Expected(
        "Children 4-8 years",  # 6
        {
            "vitamin_d": (52.5, 75.0, 70.0),  # 2 x 1,000 IU / 40 + 100 IU / 40 = 50 + 2.5 mcg; 52.5 / 75
            "calcium": (200.0, 2500.0, 8.0),  # 200 / 2,500
        },
        # D from two products; no d-without-k2 at 6 (the K2 rules are for adults 19 and over)
        [("duplicate-source", "info")],
        0,
        0,
        1,
    ),
    "d3-alone.yaml": Expected(
        "Females 51-70 years",  # 52, female
        {"vitamin_d": (50.0, 100.0, 50.0)},  # 2,000 IU / 40 = 50 mcg
        [("d-without-k2", "warning")],
        0,
        1,
        1,
    ),
    "full-bone-stack.yaml": Expected(
        "Females 31-50 years",  # 45, female
        {
            "vitamin_d": (165.0, 100.0, 165.0),  # 5,000 IU / 40 + 2 servings x 2 daily x 400 IU / 40 = 125 + 40
            "vitamin_k": (100.0, None, None),  # 100 mcg MK-7
            "calcium": (4100.0, 2500.0, 164.0),  # 2 x 2 x 600 + 2,500 x 0.40 + 700 diet = 2,400 + 1,000 + 700
        },
        [
            ("above-ul", "warning"),  # vitamin D 165 %
            ("above-ul", "warning"),  # calcium 164 % (< 200 %)
            ("mineral-drug-spacing", "warning"),  # levothyroxine + calcium
            ("condition-caution", "warning"),  # kidney stones + calcium and vitamin D
            ("calcium-single-dose", "info"),  # 2 x 600 = 1,200 mg at a time
            ("calcium-single-dose", "info"),  # 2,500 x 0.40 = 1,000 mg at a time
            ("duplicate-source", "info"),  # vitamin D from 2 items
            ("duplicate-source", "info"),  # calcium from 2 items
        ],
        0,
        1,
        1,
    ),
    "k2-liquid.yaml": Expected(
        "Adults 19-50 years",  # no profile
        {
            "vitamin_d": (125.0, 100.0, 125.0),  # 5,000 IU / 40
            "vitamin_k": (600.0, None, None),  # 500 MK-4 + 100 MK-7
        },
        [("above-ul", "warning")],  # K2 is present (no d-without-k2) and 600 >= 50 mcg (no low-k2-for-d)
        0,
        1,
        1,
    ),
    "multivitamin-plus-d.yaml": Expected(
        "Males 31-50 years",  # 40, male
        {
            "vitamin_d": (150.0, 100.0, 150.0),  # 1,000 / 40 + 5,000 / 40 = 25 + 125
            "vitamin_k": (80.0, None, None),  # 80 mcg K1
            "calcium": (200.0, 2500.0, 8.0),  # (as carbonate): elemental
            "magnesium": (164.0, 350.0, 46.8571),  # 100 (as oxide) + 400 x 0.16 citrate = 164; 164 / 350
            "vitamin_a": (900.0, 3000.0, 30.0),  # 900 mcg RAE retinyl palmitate; 900 / 3,000
            "vitamin_e": (15.0, 1000.0, 1.5),  # 15 / 1,000
            "zinc": (11.0, 40.0, 27.5),  # 11 / 40
        },
        [
            ("d-without-k2", "warning"),  # K1 only
            ("above-ul", "warning"),  # vitamin D 150 %
            ("duplicate-source", "info"),  # vitamin D
            ("duplicate-source", "info"),  # magnesium
        ],
        0,
        1,
        1,
    ),
    "pregnancy.yaml": Expected(
        "Pregnancy 31-50 years",  # 31, pregnant
        {
            "vitamin_d": (65.0, 100.0, 65.0),  # 600 / 40 + 2,000 / 40 = 15 + 50
            "calcium": (250.0, 2500.0, 10.0),
            "magnesium": (50.0, 350.0, 14.2857),  # 50 / 350
            "vitamin_a": (1200.0, 3000.0, 20.0),  # 2,000 IU x 0.3 preformed + 2,000 IU x 0.3 beta-carotene;
            # only the 600 preformed counts: 600 / 3,000
        },
        # 2,600 IU a day without K2: in pregnancy the K2 rules are at most info (no safety data on K2 there)
        [("d-without-k2", "info"), ("duplicate-source", "info")],
        0,
        0,
        1,
    ),
    "warfarin-user.yaml": Expected(
        "Males over 70 years",  # 71, male
        {
            "vitamin_d": (50.0, 100.0, 50.0),  # 2,000 / 40
            "vitamin_k": (180.0, None, None),  # 180 mcg MenaQ7 (MK-7)
            "calcium": (630.0, 2000.0, 31.5),  # 2 servings x 315 mg; 630 / 2,000
        },
        [("vitamin-k-anticoagulant", "error"), ("calcium-single-dose", "info")],  # Coumadin; 630 mg at once
        1,
        1,
        1,
    ),
    "weekly-d2-repletion.yaml": Expected(
        "Males 51-70 years",  # 58, male
        {"vitamin_d": (178.5714, 100.0, 178.5714)},  # 50,000 IU / 40 / 7 = 1,250 / 7 = 178.571 mcg
        [
            ("d-without-k2", "warning"),  # 7,143 IU a day
            ("above-ul", "warning"),  # 178.6 % (< 200 %)
            ("vitamin-d-bolus", "info"),  # 50,000 IU in one intake
        ],
        0,
        1,
        1,
    ),
    "ckd-calcitriol.yaml": Expected(
        "Males 51-70 years",  # 66, male
        {
            "vitamin_d": (25.0, 100.0, 25.0),  # 1,000 IU D3 / 40 = 25 mcg; calcitriol is a medicine, not counted
            "calcium": (1000.5, 2000.0, 50.025),  # 1,334 mg calcium acetate x 25 % = 333.5 mg x 3 = 1,000.5 mg
        },
        [
            ("d-without-k2", "warning"),  # 1,000 IU D3, no K2
            ("condition-caution", "warning"),  # CKD stage 3b with calcium and vitamin D
            ("drug-nutrient", "warning"),  # calcitriol with D3 and calcium: hypercalcemia (Rocaltrol label)
            ("phosphate-binder", "info"),  # with meals; KDIGO 2017; never split (no calcium-single-dose)
        ],
        0,
        1,
        1,
    ),
    "hiv-dolutegravir.yaml": Expected(
        "Males 31-50 years",  # 45, male
        {
            "vitamin_d": (25.0, 100.0, 25.0),  # 1,000 IU / 40
            "vitamin_k": (100.0, None, None),
            "calcium": (500.0, 2500.0, 20.0),  # 500 / 2,500
            "iron": (25.0, 45.0, 55.5556),  # 25 mg elemental (as the bisglycinate); 25 / 45
        },
        [
            ("mineral-drug-spacing", "warning"),  # dolutegravir (in Triumeq) with calcium and iron
            ("nutrient-pair", "info"),  # iron and 500 mg calcium as separate items
        ],
        0,
        1,
        1,
    ),
    "medication-list.yaml": Expected(
        "Females 51-70 years",  # 68, female
        {
            "vitamin_d": (25.0, 100.0, 25.0),  # 1,000 IU / 40
            "vitamin_k": (90.0, None, None),
            "calcium": (500.0, 2000.0, 25.0),  # 500 / 2,000
            "magnesium": (250.0, 350.0, 71.4286),  # supplements only: 250 / 350
        },
        [
            ("vitamin-k-anticoagulant", "error"),  # warfarin 5 mg with MK-7
            ("thiazide-hypercalcemia", "warning"),  # HCTZ 12.5 mg with calcium and vitamin D
            ("mineral-drug-spacing", "warning"),  # levothyroxine 50 mcg daily
            ("mineral-drug-spacing", "warning"),  # alendronate 70 mg weekly
            ("drug-nutrient", "info"),  # thiazide: zinc and magnesium losses
        ],
        1,
        1,
        1,
    ),
    "yearly-megadose.yaml": Expected(
        "Females over 70 years",  # 76, female
        {"vitamin_d": (34.2231, 100.0, 34.2231)},  # 500,000 IU / 40 / 365.25 = 12,500 / 365.25 = 34.2231 mcg
        [
            ("vitamin-d-bolus", "error"),  # 500,000 >= 300,000 IU in one intake
            ("d-without-k2", "warning"),  # 1,369 IU a day >= 1,000
        ],
        1,
        1,
        1,
    ),
}


def test_every_example_regimen_has_expectations() -> None:
    assert sorted([*EXPECTED, *LABEL_EXPECTED]) == [path.name for path in regimen_files()]


def json_report(cli: Cli, name: str) -> dict[str, object]:
    result = cli("check", "--format", "json", str(REGIMENS / name))
    (report,) = json.loads(result.stdout)
    assert isinstance(report, dict)
    return report


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_totals(cli: Cli, name: str) -> None:
    report = json_report(cli, name)
    totals = report["totals"]
    assert isinstance(totals, list)
    actual = {t["nutrient"]: (t["total_per_day"], t["ul"], t["percent_ul"]) for t in totals}
    assert actual == EXPECTED[name].totals
    assert list(actual) == list(EXPECTED[name].totals)  # in the reference tables' order


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_in_order(cli: Cli, name: str) -> None:
    report = json_report(cli, name)
    findings = report["findings"]
    assert isinstance(findings, list)
    assert [(f["rule"], f["severity"]) for f in findings] == EXPECTED[name].findings
    profile = report["profile"]
    assert isinstance(profile, dict) and profile["life_stage"] == EXPECTED[name].life_stage
    assert report["error"] is None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exit_codes(cli: Cli, name: str) -> None:
    path = str(REGIMENS / name)
    expected = EXPECTED[name]
    assert cli("check", path).exit_code == expected.exit_error
    assert cli("check", "--fail-on", "error", path).exit_code == expected.exit_error
    assert cli("check", "--fail-on", "warning", path).exit_code == expected.exit_warning
    assert cli("check", "--fail-on", "info", path).exit_code == expected.exit_info
    assert cli("check", "--fail-on", "never", path).exit_code == 0


def test_all_examples_in_one_run(cli: Cli) -> None:
    paths = [str(path) for path in regimen_files()]
    assert cli("check", *paths).exit_code == 1  # warfarin-user, medication-list and yearly-megadose have errors
    assert cli("check", "--fail-on", "never", *paths).exit_code == 0
    result = cli("check", "--format", "json", *paths)
    reports = json.loads(result.stdout)
    assert [report["source"] for report in reports] == paths
    pinned = [r for r in reports if Path(r["source"]).name in EXPECTED]  # the label examples: test_label_examples
    assert [[(f["rule"], f["severity"]) for f in r["findings"]] for r in pinned] == [
        EXPECTED[name].findings for name in sorted(EXPECTED)
    ]
