"""The example regimens written as Supplement Facts panels print them (regimens/label-*.yaml), worked out by hand.

Each total is (total_per_day, ul_amount_per_day, ul) in the nutrient's reference unit, from the label rows and the
US DRI tables (IOM 1997-2011, NASEM 2019, as tabulated in the ODS fact sheets). One tablet, softgel or serving a
day, so a row's amount is its daily amount; "(as ...)" forms are elemental or in the nutrient's unit, as US labels
state them. The UL column is the life stage's; ``ul_amount_per_day`` is the part the UL applies to: supplements
only for magnesium, vitamin E and niacin, preformed vitamin A only, folic acid only for folate.

Most of these nutrients (vitamin C, the B vitamins, choline, iron, iodine, selenium, copper, manganese, chromium,
molybdenum) and the not-assessed ingredients (inositol, lutein, citrus bioflavonoids, rutin, DHA, silicon) come
with the reference data and ingredient names of the full US DRI set; without that data these tests fail.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import REGIMENS, found

import calcguide
from calcguide.normalize import normalize

Total = tuple[float, float, float | None]


@dataclass(frozen=True)
class Expected:
    life_stage: str
    totals: dict[str, Total]
    findings: list[tuple[str, str]]
    not_assessed: list[str]  # names as the rows give them
    unrecognized: list[str]


EXPECTED = {
    "label-multivitamin.yaml": Expected(
        "Females 31-50 years",  # 35, female
        {
            "vitamin_d": (20.0, 20.0, 100.0),  # D2 20 mcg
            "calcium": (100.0, 100.0, 2500.0),
            "magnesium": (40.0, 40.0, 350.0),  # supplements only
            # "(as beta-carotene and vitamin A acetate)" is no one form: counted as preformed, the stricter reading
            "vitamin_a": (1500.0, 1500.0, 3000.0),
            "vitamin_e": (30.0, 30.0, 1000.0),
            "zinc": (14.0, 14.0, 40.0),
            "boron": (1.0, 1.0, 20.0),
            "vitamin_c": (150.0, 150.0, 2000.0),
            "thiamin": (12.0, 12.0, None),  # B1; no UL
            "riboflavin": (13.0, 13.0, None),  # B2; no UL
            "niacin": (50.0, 50.0, 35.0),  # B3 as niacinamide: 50 / 35 = 142.9 % of the supplemental UL
            "vitamin_b6": (12.75, 12.75, 100.0),
            # 400 mcg DFE "(as folic acid)" with no folic acid amount: all of it is folic acid, 400 / 1.7 = 235.29 mcg
            # toward the UL (1 mcg folic acid = 1.7 mcg DFE, ODS Folate fact sheet)
            "folate": (400.0, 400 / 1.7, 1000.0),
            "vitamin_b12": (100.0, 100.0, None),
            "biotin": (75.0, 75.0, None),
            "pantothenic_acid": (25.0, 25.0, None),  # B5
            "choline": (15.0, 15.0, 3500.0),
            "iron": (18.0, 18.0, 45.0),
            "iodine": (150.0, 150.0, 1100.0),
            "selenium": (70.0, 70.0, 400.0),
            "copper": (230.0, 230.0, 10_000.0),  # 0.23 mg = 230 mcg
            "manganese": (2.3, 2.3, 11.0),
            "chromium": (120.0, 120.0, None),
            "molybdenum": (75.0, 75.0, 2000.0),
        },
        [
            ("above-ul", "warning"),  # niacin 142.9 % (< 200 %)
            *[("unrecognized-ingredient", "warning")] * 3,  # the three rows calcguide does not know
            ("d-without-k2", "info"),  # 20 mcg = 800 IU, below 1,000 IU
        ],
        ["Inositol", "Lutein", "Citrus Bioflavonoids", "Rutin"],
        [
            "Apple Pectin",
            "Betaine Hydrochloride",
            "Green Food / Vegetable / Herbal Blend",
        ],
    ),
    "label-prenatal.yaml": Expected(
        "Pregnancy 19-30 years",  # 29, pregnant
        {
            "vitamin_d": (25.0, 25.0, 100.0),  # 25 mcg = 1,000 IU / 40
            "calcium": (200.0, 200.0, 2500.0),
            "magnesium": (50.0, 50.0, 350.0),
            "vitamin_a": (770.0, 0.0, 3000.0),  # beta-carotene: none of it preformed
            "vitamin_e": (15.0, 15.0, 1000.0),
            "zinc": (11.0, 11.0, 40.0),
            "vitamin_c": (85.0, 85.0, 2000.0),
            "thiamin": (1.4, 1.4, None),
            "riboflavin": (1.4, 1.4, None),
            "niacin": (18.0, 18.0, 35.0),
            "vitamin_b6": (1.9, 1.9, 100.0),
            "folate": (1360.0, 800.0, 1000.0),  # 800 mcg folic acid x 1.7 = 1,360 mcg DFE; the UL counts the 800
            "vitamin_b12": (2.6, 2.6, None),
            "biotin": (30.0, 30.0, None),
            "pantothenic_acid": (6.0, 6.0, None),
            "choline": (55.0, 55.0, 3500.0),
            "iron": (27.0, 27.0, 45.0),
            "iodine": (150.0, 150.0, 1100.0),
            "selenium": (60.0, 60.0, 400.0),
            "copper": (1000.0, 1000.0, 10_000.0),  # 1 mg
        },
        [("d-without-k2", "info")],  # 1,000 IU a day, no K2: in pregnancy at most info (no K2 safety data)
        ["DHA"],
        [],
    ),
    "label-bone-formula.yaml": Expected(
        "Females 51-70 years",  # 62, female
        {
            "vitamin_d": (25.0, 25.0, 100.0),
            "vitamin_k": (90.0, 90.0, None),  # MK-7
            "calcium": (600.0, 600.0, 2000.0),
            "magnesium": (300.0, 300.0, 350.0),  # 300 / 350 = 85.7 % of the supplemental UL
            "zinc": (10.0, 10.0, 40.0),
            "boron": (3.0, 3.0, 20.0),
            "copper": (1000.0, 1000.0, 10_000.0),  # 1 mg
            "manganese": (2.0, 2.0, 11.0),
        },
        [("calcium-single-dose", "info")],  # 600 mg at once, above 500 mg; 90 mcg MK-7 >= 10 mcg per 1,000 IU
        ["Silicon"],
        [],
    ),
}


def _report(name: str) -> tuple[calcguide.Regimen, calcguide.Report]:
    path = REGIMENS / name
    (regimen,) = calcguide.load_regimens(path.read_bytes(), f"regimens/{name}")
    return regimen, calcguide.evaluate(regimen)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_totals_per_day(name: str) -> None:
    _, report = _report(name)
    expected = EXPECTED[name].totals
    assert sorted(t.nutrient for t in report.totals) == sorted(expected)
    for t in report.totals:
        per_day, ul_amount, ul = expected[t.nutrient]
        assert t.total_per_day == pytest.approx(per_day, rel=1e-9), t.nutrient
        assert t.ul_amount_per_day == pytest.approx(ul_amount, rel=1e-9, abs=1e-12), t.nutrient
        assert t.ul == ul, t.nutrient


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_and_life_stage(name: str) -> None:
    _, report = _report(name)
    assert found(report) == EXPECTED[name].findings
    assert report.standard is not None and report.standard.life_stage == EXPECTED[name].life_stage


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_what_is_not_counted_is_listed(name: str) -> None:
    regimen, report = _report(name)
    assert [entry.name for entry in report.not_assessed] == EXPECTED[name].not_assessed
    assert [entry.name for entry in normalize(regimen).unrecognized] == EXPECTED[name].unrecognized


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_row_is_accounted_for(name: str) -> None:
    regimen, _ = _report(name)
    (item,) = regimen.items
    counted = len(normalize(regimen).doses)
    assert counted == len(EXPECTED[name].totals)  # one row per nutrient on these panels
    assert counted + len(EXPECTED[name].not_assessed) + len(EXPECTED[name].unrecognized) == len(item.doses)
