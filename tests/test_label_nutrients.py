"""Every nutrient of a whole label: folate in DFE and folic acid, vitamin E toward the UL, niacin, minerals in
mcg, label forms, salts, vitamins named by their salt, ingredients with no US reference value, "did you mean".

Expected numbers are worked by hand from tests/reference/dri-us-all.md, conversions.md and efsa.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Cli, check_text, check_yaml, make_profile, total

import calcguide
from calcguide.catalog import catalog, close_name
from calcguide.doses import parse_dose
from calcguide.regimen import Dose

ADULT = {"age": 40, "sex": "female"}
B12 = " Folic acid above the UL can mask vitamin B12 deficiency, letting its nerve damage progress (IOM 1998)."
FOLIC = "Folic acid (the folate UL counts synthetic folic acid only, in mcg of folic acid, not DFE)"


def evaluate(line: str, standard: str = "nasem", **profile: object) -> calcguide.Report:
    regimen = calcguide.regimen_from_line(line, profile=make_profile(**profile))  # type: ignore[arg-type]
    return calcguide.evaluate(regimen, standard=standard)


def with_folic_acid(text: str, folic_acid_mcg: float) -> calcguide.Report:
    """A label row "667 mcg DFE folate (400 mcg folic acid)" as the dose grammar gives it: DFE and folic acid apart."""
    regimen = calcguide.regimen_from_line(text, profile=make_profile(**ADULT))
    (item,) = regimen.items
    (dose,) = item.doses
    parsed = parse_dose(text)._replace(folic_acid_mcg=folic_acid_mcg)
    item = item._replace(doses=(Dose(parsed, dose.location),))
    return calcguide.evaluate(regimen._replace(items=(item,)))


# --------------------------------------------------------------------------------------------------------------
# Folate: the target counts mcg DFE, the UL mcg of folic acid
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "dfe", "folic_acid"),
    [
        ("400 mcg folic acid", 680.0, 400.0),  # 1 mcg folic acid = 1.7 mcg DFE
        ("1 mg folic acid", 1700.0, 1000.0),
        ("400 mcg folate", 680.0, 400.0),  # plain mcg, no DFE, no form: read as folic acid
        ("680 mcg DFE folic acid", 680.0, 400.0),  # DFE of folic acid: 680 / 1.7 = 400 toward the UL
        ("1 mg L-methylfolate", 1700.0, 0.0),  # 1.7 DFE per mcg, as labels do; no US UL
        ("1700 mcg DFE folate (as L-methylfolate calcium)", 1700.0, 0.0),
        ("1000 mcg DFE folate (as Quatrefolic)", 1000.0, 0.0),
        ("300 mcg food folate", 300.0, 0.0),  # 1 mcg food folate = 1 mcg DFE
    ],
)
def test_folate_target_and_ul_amounts(line: str, dfe: float, folic_acid: float) -> None:
    folate = total(check_text(line, **ADULT), "folate")
    assert (folate.unit, folate.ul_unit, folate.ul_basis) == ("mcg DFE", "mcg", "folic_acid")
    assert folate.total_per_day == pytest.approx(dfe, rel=1e-12)
    assert folate.ul_amount_per_day == pytest.approx(folic_acid, rel=1e-12, abs=1e-12)
    assert (folate.target, folate.ul) == (400, 1000)


def test_a_dfe_row_with_its_folic_acid_counts_each_where_it_belongs() -> None:
    # "667 mcg DFE (400 mcg folic acid)": 667 toward the RDA (400), 400 toward the UL (1,000)
    folate = total(with_folic_acid("667 mcg DFE folate", 400.0), "folate")
    assert (folate.total_per_day, folate.ul_amount_per_day) == (667, 400)
    assert folate.percent_target == pytest.approx(166.75)  # 667 / 400
    assert folate.percent_ul == pytest.approx(40.0)  # 400 / 1,000


def test_folate_notes_say_what_was_assumed() -> None:
    assert "400 mcg folate: folate in mcg with no DFE and no form is read as folic acid: counted as 680 mcg DFE " \
        "(1.7 mcg DFE per mcg)" in check_text("400 mcg folate").notes  # fmt: skip
    assert (
        "667 mcg DFE folate: no folic acid amount given: all 667 mcg DFE counted as folic acid, 392 mcg toward the UL"
        in check_text("667 mcg DFE folate").notes  # 667 / 1.7 = 392.4
    )
    assert (
        "1 mg L-methylfolate: counted as 1,700 mcg DFE (1.7 mcg DFE per mcg, as for folic acid); no US UL applies "
        "to L-methylfolate" in check_text("1 mg L-methylfolate").notes
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1000 mcg folic acid", []),  # exactly the adult UL
        ("1001 mcg folic acid", ["warning"]),
        ("1999 mcg folic acid", ["warning"]),
        ("2000 mcg folic acid", ["error"]),  # twice the UL
        ("5 mg L-methylfolate", []),  # 8,500 mcg DFE, none of it folic acid
        ("801 mcg folic acid", []),
    ],
)
def test_folate_ul_counts_folic_acid(line: str, expected: list[str]) -> None:
    report = check_text(line, select=["above-ul"], **ADULT)
    assert [f.severity.value for f in report.findings] == expected


def test_folate_above_ul_message_warns_of_b12_masking() -> None:
    (finding,) = check_text("1200 mcg folic acid", select=["above-ul"], **ADULT).findings
    # 1,200 / 1,000 = 120 %
    assert finding.message == (
        f"{FOLIC} totals 1,200 mcg a day, 120% of the UL of 1,000 mcg for Females 31-50 years.{B12}"
    )
    # 14-18 years: UL 800 mcg
    (teen,) = check_text("801 mcg folic acid", select=["above-ul"], age=16, sex="female").findings
    assert teen.message.startswith(f"{FOLIC} totals 801 mcg a day, 100% of the UL of 800 mcg for Females 14-18")


def test_diet_folate_is_food_folate_and_not_counted_toward_the_ul() -> None:
    report = check_yaml("profile: {age: 40, sex: female, diet: {folate: 300}}\nitems: [400 mcg folic acid]\n")
    folate = total(report, "folate")
    assert (folate.diet_per_day, folate.total_per_day, folate.ul_amount_per_day) == (300, 980, 400)


def test_folic_acid_taken_twice_daily_counts_twice_toward_the_ul() -> None:
    # 400 mcg folic acid twice daily: 800 mcg folic acid toward the UL, 2 x 680 = 1,360 mcg DFE toward the target
    folate = total(check_text("400 mcg folic acid twice daily", **ADULT), "folate")
    assert (folate.total_per_day, folate.ul_amount_per_day) == (pytest.approx(1360), pytest.approx(800))
    weekly = total(check_text("1400 mcg folic acid weekly", **ADULT), "folate")
    assert weekly.ul_amount_per_day == pytest.approx(200)  # 1,400 / 7


def test_efsa_folate_ul_counts_l_methylfolate_too() -> None:
    # EFSA 2023: folic acid and L-5-MTHF salts combined, adults 1,000 mcg; 1,100 mcg of L-methylfolate is 110 %
    folate = total(evaluate("1100 mcg L-methylfolate", "efsa", **ADULT), "folate")
    assert (folate.ul_basis, folate.ul, folate.ul_amount_per_day) == ("supplemental_folate", 1000, pytest.approx(1100))
    both = total(evaluate("1100 mcg L-methylfolate", "both", **ADULT), "folate")
    assert [(use.authority, use.amount_per_day) for use in both.limits] == [
        ("nasem", 0.0),
        ("efsa", pytest.approx(1100)),
    ]


# --------------------------------------------------------------------------------------------------------------
# Vitamin E: 0.91 mg per IU of synthetic toward the UL
# --------------------------------------------------------------------------------------------------------------


def test_2000_iu_synthetic_vitamin_e_is_a_warning_at_1818_mg() -> None:
    report = check_text("2000 IU dl-alpha-tocopherol", select=["above-ul"], **ADULT)
    vitamin_e = total(report, "vitamin_e")
    # target side 2,000 x 0.45 = 900 mg; UL side 2,000 x 1,000 / 1,100 = 1,818 mg: 1.82 x the UL, under 2
    assert vitamin_e.total_per_day == pytest.approx(900)
    assert vitamin_e.ul_amount_per_day == pytest.approx(1818.18)
    (finding,) = report.findings
    assert finding.severity.value == "warning"
    assert finding.message == (
        "Supplemental vitamin E (the UL applies to supplements and medicines, not food) totals 1,818 mg a day, "
        "182% of the UL of 1,000 mg for Females 31-50 years."
    )


def test_vitamin_e_of_unknown_form_in_iu_takes_the_larger_factor_on_each_side() -> None:
    report = check_text("400 IU vitamin E")
    vitamin_e = total(report, "vitamin_e")
    assert (vitamin_e.total_per_day, vitamin_e.ul_amount_per_day) == (pytest.approx(268), pytest.approx(363.636))
    assert (
        "400 IU vitamin E: vitamin E (form not stated) in IU: 268 mg toward the target and 364 mg toward the UL "
        "(form unknown: 0.91 mg per IU toward the UL, as for synthetic, the larger)" in report.notes
    )


# --------------------------------------------------------------------------------------------------------------
# Niacin: supplements only; EFSA sets nicotinic acid and nicotinamide apart
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("35 mg niacin", []),  # adult UL 35 mg
        ("36 mg niacin", ["warning"]),
        ("70 mg niacinamide", ["error"]),  # the US UL applies to nicotinamide too
        ("500 mg inositol hexanicotinate", ["error"]),
    ],
)
def test_niacin_us_ul(line: str, expected: list[str]) -> None:
    assert [f.severity.value for f in check_text(line, select=["above-ul"], **ADULT).findings] == expected


def test_niacin_ul_does_not_count_food() -> None:
    report = check_yaml("profile: {age: 40, sex: female, diet: {niacin: 20 mg}}\nitems: [30 mg niacin]\n")
    niacin = total(report, "niacin")
    assert (niacin.unit, niacin.total_per_day, niacin.ul_amount_per_day, niacin.ul_basis) == (
        "mg NE",
        50,
        30,
        "supplemental",
    )


def test_efsa_niacin_ul_per_form() -> None:
    # nicotinamide 500 mg against 900 mg (55.6 %); nicotinic acid none of it
    amide = total(evaluate("500 mg niacinamide", "efsa", **ADULT), "niacin")
    assert [(u.basis, u.ul, u.amount_per_day) for u in amide.limits] == [
        ("nicotinic_acid", 10, 0.0),
        ("nicotinamide", 900, 500.0),
    ]
    assert (amide.ul_basis, amide.ul) == ("nicotinamide", 900)
    # 20 mg nicotinic acid: 200 % of 10 mg; "niacin" of no stated form counts as nicotinic acid
    for line in ("20 mg nicotinic acid", "20 mg niacin"):
        acid = total(evaluate(line, "efsa", **ADULT), "niacin")
        assert (acid.ul_basis, acid.ul, acid.percent_ul) == ("nicotinic_acid", 10, 200)


# --------------------------------------------------------------------------------------------------------------
# Minerals, salts and label forms
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "nutrient", "amount"),
    [
        ("2 mg copper", "copper", 2000.0),  # the DRI unit is mcg
        ("18 mg iron (as ferrous fumarate)", "iron", 18.0),  # label form: elemental
        ("325 mg ferrous sulfate", "iron", 65.0),  # heptahydrate, 20 %
        ("100 mg ferrous sulfate dried", "iron", 33.0),
        ("150 mg polysaccharide iron complex", "iron", 150.0),  # labelled as elemental iron
        ("150 mcg potassium iodide", "iodine", 114.0),  # 0.15 mg x 0.76 = 0.114 mg
        ("200 mcg selenomethionine", "selenium", 80.0),  # x 0.40
        ("100 mg potassium chloride", "potassium", 52.0),
        ("667 mg calcium acetate", "calcium", 166.75),  # x 0.25 (PhosLo: 169 mg)
        ("100 mg zinc citrate", "zinc", 32.0),  # dihydrate, 32 %
        ("2 mg manganese (as manganese gluconate)", "manganese", 2.0),
        ("75 mcg molybdenum (as sodium molybdate)", "molybdenum", 75.0),
        ("200 mcg chromium (as chromium picolinate)", "chromium", 200.0),
        ("50 mg vitamin B6 (as pyridoxine HCl)", "vitamin_b6", 50.0),
        ("500 mcg vitamin B12 (as methylcobalamin)", "vitamin_b12", 500.0),
        ("25 mg vitamin B5 (as d-calcium pantothenate)", "pantothenic_acid", 25.0),
        ("1.5 mg thiamine (as thiamine mononitrate)", "thiamin", 1.5),
        ("5 mg nickel", "nickel", 5.0),
        ("1 mg vanadium (as vanadyl sulfate)", "vanadium", 1.0),
    ],
)
def test_minerals_and_forms(line: str, nutrient: str, amount: float) -> None:
    report = check_text(line)
    assert total(report, nutrient).total_per_day == pytest.approx(amount, rel=1e-12)
    assert not [note for note in report.notes if "not one calcguide knows" in note]


def test_a_vitamin_named_by_its_salt_counts_as_the_vitamin_and_says_so() -> None:
    report = check_text("1000 mg sodium ascorbate")
    assert total(report, "vitamin_c").total_per_day == 1000
    assert (
        "1000 mg sodium ascorbate: counted as 1,000 mg of vitamin C, the amount US labels state; if it is the weight "
        "of sodium ascorbate itself, it supplies somewhat less" in report.notes
    )
    # the same salt as a label's form is the label's vitamin amount: nothing to say
    assert not [n for n in check_text("500 mg vitamin C (as sodium ascorbate)").notes if "ascorbate" in n]


def test_nickel_and_vanadium_have_a_ul_and_no_target() -> None:
    nickel = total(check_text("1.1 mg nickel", **ADULT), "nickel")
    assert (nickel.target, nickel.ul, nickel.percent_ul) == (None, 1.0, pytest.approx(110))
    assert total(check_text("1 mg vanadium", age=16, sex="male"), "vanadium").ul is None  # adults only


# --------------------------------------------------------------------------------------------------------------
# Ingredients with no US reference value
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["lutein", "DHA", "EPA", "fish oil", "CoQ10", "ubiquinol", "alpha-lipoic acid", "turmeric", "collagen"]
)
def test_not_assessed_is_not_unknown(name: str) -> None:
    report = check_text(f"100 mg {name}")
    assert report.findings == () and report.totals == ()
    assert [(entry.name, entry.dose) for entry in report.not_assessed] == [(name, f"100 mg {name}")]
    assert f"{name}: no US reference value; not assessed" in report.notes


def test_not_assessed_in_json(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("items:\n  - 1000 IU D3\n  - 10 mg lutein\n  - 100 mg glucosamine\n", encoding="utf-8")
    result = cli("check", "--format", "json", str(path))
    (report,) = json.loads(result.stdout)
    assert report["not_assessed"] == [
        {"item": "10 mg lutein", "dose": "10 mg lutein", "name": "lutein", "line": 3},
        {"item": "100 mg glucosamine", "dose": "100 mg glucosamine", "name": "glucosamine", "line": 4},
    ]
    assert [t["nutrient"] for t in report["totals"]] == ["vitamin_d"]
    assert not [f for f in report["findings"] if f["rule"] == "unrecognized-ingredient"]


def test_unknown_names_stay_unknown() -> None:
    (finding,) = check_text("100 mg unobtanium", select=["unrecognized-ingredient"]).findings
    assert finding.severity.value == "warning"


# --------------------------------------------------------------------------------------------------------------
# "Did you mean": only for a real typo
# --------------------------------------------------------------------------------------------------------------

NAMES = catalog().display_names


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("cholecalciferal", "cholecalciferol"),
        ("magnesuim", "magnesium"),
        ("zink", "zinc"),
        ("calcium citrat", "calcium citrate"),
        ("vitamn d3", "vitamin d3"),
        ("pyridoxin", "pyridoxine"),
        ("luetin", "lutein"),
    ],
)
def test_near_misses_get_a_suggestion(typed: str, meant: str) -> None:
    assert catalog().ingredient(typed) is None and catalog().not_assessed_label(typed) is None
    assert close_name(typed, NAMES) == meant


@pytest.mark.parametrize("typed", ["vitamin d 3", "menaquinone7", "MK-7", "Vitamin B-12"])
def test_spacing_and_punctuation_are_no_typo(typed: str) -> None:
    assert catalog().ingredient(typed) is not None


@pytest.mark.parametrize(
    ("typed", "choices"),
    [
        ("vitamin c", ["vitamin k", "vitamin d"]),  # a one-letter word is not misspelt
        ("calcium acetate", ["calcium lactate"]),  # another word, not a typo of it
        ("vitamin d4", ["vitamin d3", "vitamin d2"]),  # numbers must match
        ("mk9", ["mk7", "mk4"]),
        ("unobtanium", NAMES),
        ("iron oxide", NAMES),
        ("boron citrate", ["boron", "calcium citrate"]),
    ],
)
def test_far_names_get_no_suggestion(typed: str, choices: list[str]) -> None:
    assert close_name(typed, choices) is None
