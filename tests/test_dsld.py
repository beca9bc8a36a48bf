"""DSLD label JSON to regimen product items (calcguide.dsld), on real labels and one synthetic label.

See tests/fixtures/dsld/README.md for where each fixture comes from.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from calcguide import evaluate, load_regimens
from calcguide.dsld import DsldError, label_to_product, product_yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dsld"
ADULT = "profile: {age: 40, sex: female}\n"


def load(name: str) -> dict[str, Any]:
    label: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return label


def unchecked(*words: str) -> list[str]:
    return [f'"{w}": not a nutrient calcguide checks' for w in words]


def no_amount(*words: str) -> list[str]:
    return [f'"{w}": a % Daily Value has no amount' for w in words]


VITAMIN_A_MIX = (
    "a mix of forms (Beta-Carotene, Vitamin A Acetate); counted as vitamin A (form not stated; counted as preformed)"
)
GREENS = ["Alfalfa", "Ashwagandha", "Black Cumin", "Broccoli", "Carrot", "Chamomile", "Chlorella", "Cinnamon"]
GREENS += ["Dandelion", "Ginger", "Parsley", "Rosehips", "Eleuthero", "Spinach"]

EXPECTED: dict[str, tuple[dict[str, Any], list[str]]] = {
    "276336": (
        {
            "product": "DEVA Vegan Multivitamin & Mineral Supplement with Greens",
            "servings": 1,
            "ingredients": [
                "1500 mcg RAE Vitamin A",
                "150 mg Vitamin C (as Ascorbic Acid)",
                "20 mcg Vitamin D2 (as Ergocalciferol)",
                "30 mg Vitamin E",
                "12 mg Vitamin B1 (as Thiamine Mononitrate)",
                "13 mg Vitamin B2 (as Riboflavin)",
                "50 mg Vitamin B3 (as Niacinamide)",
                "12.75 mg Vitamin B6 (as Pyridoxine Hydrochloride)",
                "400 mcg DFE Folate (as Folic Acid)",
                "100 mcg Vitamin B12 (as Cyanocobalamin)",
                "75 mcg Biotin",
                "25 mg Vitamin B5 (as D-Calcium Pantothenate)",
                "100 mg Calcium (as Calcium Carbonate)",
                "18 mg Iron",
                "150 mcg Iodine",
                "40 mg Magnesium (as Magnesium Oxide)",
                "14 mg Zinc (as Zinc Oxide)",
                "70 mcg Selenium",
                "0.23 mg Copper (as Copper Gluconate)",
                "2.3 mg Manganese",
                "120 mcg Chromium",
                "75 mcg Molybdenum",
                "15 mg Choline (as Choline Bitartrate)",
                "1 mg Boron",
            ],
        },
        [
            f'"Vitamin A 1500 mcg RAE": {VITAMIN_A_MIX}',
            *unchecked(
                "Inositol 15 mg",
                "Lutein 50 mcg",
                "Citrus Bioflavonoids 10 mg",
                "Apple Pectin 10 mg",
                "Betaine Hydrochloride 10 mg",
                "Rutin 10 mg",
                "Green Food / Vegetable / Herbal Blend 80 mg",
                "Spirulina",
                *GREENS,
            ),
        ],
    ),
    "249664": (
        {
            "product": "DEVA Iron Free Vegan Multivitamin & Mineral Supplement",
            "servings": 1,
            "ingredients": [
                "5000 IU Vitamin A",
                "150 mg Vitamin C (as Ascorbic Acid)",
                "400 IU Vitamin D2 (as Ergocalciferol)",
                "50 IU Vitamin E",
                "12.5 mg Vitamin B1 (as Thiamine Mononitrate)",
                "12.5 mg Vitamin B2",
                "50 mg Vitamin B3 (as Niacinamide)",
                "12.5 mg Vitamin B6 (as Pyridoxine Hydrochloride)",
                "400 mcg Folate (as Folic Acid)",
                "100 mcg Vitamin B12 (as Cyanocobalamin)",
                "75 mcg Biotin",
                "25 mg Vitamin B5 (as D-Calcium Pantothenate)",
                "100 mg Calcium (as Calcium Carbonate)",
                "150 mcg Iodine",
                "40 mg Magnesium (as Magnesium Oxide)",
                "11 mg Zinc (as Zinc Oxide)",
                "70 mcg Selenium",
                "200 mcg Copper (as Copper Gluconate)",
                "2 mg Manganese",
                "120 mcg Chromium",
                "75 mcg Molybdenum",
                "1 mg Boron",
                "15 mg Choline (as Choline Bitartrate)",
            ],
        },
        [
            f'"Vitamin A 5000 IU": {VITAMIN_A_MIX}',
            *unchecked(
                "Inositol 15 mg",
                "Lutein 50 mcg",
                "Citrus Bioflavonoids 10 mg",
                "Apple Pectin 10 mg",
                "Betaine HCl 10 mg",
                "Rutin 10 mg",
                "Green Food / Vegetable / Herbal Blend 80 mg",
                "Spirulina",
            ),
        ],
    ),
    "15923": (
        {
            "product": "Emergen-C Multi Vitamin+ Cherry-Pomegranate",
            "servings": 1,
            "ingredients": ["38 mg Choline", "150 mcg Boron", "10 mcg Vanadium", "5 mcg Nickel"],
        },
        unchecked("Calories 25 {Calories}", "Total Carbohydrates 6 g", "Sugar 6 g")
        + no_amount(
            "Vitamin A 70 % DV",
            "Vitamin C 833 % DV",
            "Vitamin D 100 % DV",
            "Vitamin E 100 % DV",
            "Vitamin K 31 % DV",
            "Thiamine 100 % DV",
            "Riboflavin 100 % DV",
            "Niacin 100 % DV",
            "Vitamin B6 100 % DV",
            "Folic Acid 125 % DV",
            "Vitamin B12 100 % DV",
            "Biotin 10 % DV",
            "Pantothenic Acid 100 % DV",
            "Calcium 10 % DV",
            "Iron 5 % DV",
            "Phosphorus 2 % DV",
            "Iodine 100 % DV",
            "Magnesium 21 % DV",
            "Zinc 33 % DV",
            "Selenium 79 % DV",
            "Copper 45 % DV",
            "Manganese 25 % DV",
            "Chromium 29 % DV",
            "Molybdenum 60 % DV",
        )
        + unchecked("Chloride 1 % DV", "Sodium 60 mg")
        + no_amount("Potassium 6 % DV")
        + unchecked(
            "Real Fruit Juice Powders 125 mg",
            "N-Acetyl Cysteine 10 mg",
            "Acetyl L-Carnitine HCl 10 mg",
            "Monk Fruit 5 mg",
            "Olive Fruit Extract 5 mg",
            "Alpha Lipoic Acid 1 mg",
            "Quercetin 1 mg",
            "Lutein 250 mcg",
        ),
    ),
    "synthetic-d3-k2": (
        {
            "product": "Example Vitamin D3 + K2 (synthetic test label)",
            "servings": 1,
            "ingredients": [
                "125 mcg Vitamin D3 (as Cholecalciferol)",
                "100 mcg Vitamin K2 (as Menaquinone-7)",
                "500 mcg Vitamin K2 (as Menatetrenone)",
                "0.2 g Calcium (as Calcium Citrate)",
                "15 IU Vitamin E (as dl-Alpha-Tocopheryl Acetate)",
                "5 mg Phosphorus",
            ],
        },
        [
            '"Zinc 50 % DV": a % Daily Value has no amount',
            '"Magnesium 400 IU": IU has no meaning for magnesium',
            '"Total Fat < 1 Gram(s)": not a nutrient calcguide checks',
            '"Phosphorus < 5 mg": the label gives a bound, not an amount; counted as 5 mg',
        ],
    ),
}

# Per day, in each nutrient's unit, once the imported item is evaluated (one serving a day).
# The labels state the vitamin or elemental amount ("(as ...)"); copper 0.23 mg = 230 mcg (the DRI unit).
EXPECTED_TOTALS: dict[str, dict[str, float]] = {
    "276336": {
        "vitamin_a": 1500,
        "vitamin_c": 150,
        "vitamin_d": 20,
        "vitamin_e": 30,
        "thiamin": 12,
        "riboflavin": 13,
        "niacin": 50,
        "vitamin_b6": 12.75,
        "folate": 400,  # 400 mcg DFE
        "vitamin_b12": 100,
        "biotin": 75,
        "pantothenic_acid": 25,
        "calcium": 100,
        "iron": 18,
        "iodine": 150,
        "magnesium": 40,
        "zinc": 14,
        "selenium": 70,
        "copper": 230,
        "manganese": 2.3,
        "chromium": 120,
        "molybdenum": 75,
        "choline": 15,
        "boron": 1,
    },
    # 5000 IU of vitamin A counted as preformed (0.3 mcg RAE/IU); 50 IU vitamin E, form unknown: natural (0.67);
    # 400 mcg folate as folic acid (a weight, not DFE): 400 x 1.7 = 680 mcg DFE
    "249664": {
        "vitamin_a": 1500,
        "vitamin_c": 150,
        "vitamin_d": 10,
        "vitamin_e": 33.5,
        "thiamin": 12.5,
        "riboflavin": 12.5,
        "niacin": 50,
        "vitamin_b6": 12.5,
        "folate": 680,
        "vitamin_b12": 100,
        "biotin": 75,
        "pantothenic_acid": 25,
        "calcium": 100,
        "iodine": 150,
        "magnesium": 40,
        "zinc": 11,
        "selenium": 70,
        "copper": 200,
        "manganese": 2,
        "chromium": 120,
        "molybdenum": 75,
        "boron": 1,
        "choline": 15,
    },
    # 10 mcg vanadium = 0.01 mg, 5 mcg nickel = 0.005 mg (their ULs are in mg)
    "15923": {"choline": 38, "boron": 0.15, "vanadium": 0.01, "nickel": 0.005},
    # 15 IU synthetic vitamin E at 0.45 mg/IU; calcium "as citrate" is the elemental amount (US label convention)
    "synthetic-d3-k2": {"vitamin_d": 125, "vitamin_k": 600, "calcium": 200, "vitamin_e": 6.75, "phosphorus": 5},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_label_to_product(name: str) -> None:
    product, warnings = label_to_product(load(name), f"tests/fixtures/dsld/{name}.json")
    expected_product, expected_warnings = EXPECTED[name]
    assert product == expected_product
    assert warnings == expected_warnings


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_yaml_round_trip_evaluates(name: str) -> None:
    source = f"tests/fixtures/dsld/{name}.json"
    text = product_yaml(load(name), source)
    assert text.startswith(f"# Imported from {source}")
    (regimen,) = load_regimens(ADULT + "items:\n" + text, "<import>")
    (item,) = regimen.items
    product, _ = label_to_product(load(name), source)
    assert item.label == product["product"] and item.servings == 1 and item.is_product
    assert [dose.dose.text for dose in item.doses] == product["ingredients"]
    report = evaluate(regimen)
    totals = {total.nutrient: total.total_per_day for total in report.totals}
    assert totals == pytest.approx(EXPECTED_TOTALS[name])
    assert not [note for note in report.notes if "not one calcguide knows" in note]


def test_yaml_text() -> None:
    text = product_yaml(load("synthetic-d3-k2"), "label.json")
    assert text == (
        "# Imported from label.json; one serving = 1 Softgel(s)\n"
        '# note: "Zinc 50 % DV": a % Daily Value has no amount\n'
        '# note: "Magnesium 400 IU": IU has no meaning for magnesium\n'
        '# note: "Total Fat < 1 Gram(s)": not a nutrient calcguide checks\n'
        '# note: "Phosphorus < 5 mg": the label gives a bound, not an amount; counted as 5 mg\n'
        '- product: "Example Vitamin D3 + K2 (synthetic test label)"\n'
        "  servings: 1\n"
        "  ingredients:\n"
        '    - "125 mcg Vitamin D3 (as Cholecalciferol)"\n'
        '    - "100 mcg Vitamin K2 (as Menaquinone-7)"\n'
        '    - "500 mcg Vitamin K2 (as Menatetrenone)"\n'
        '    - "0.2 g Calcium (as Calcium Citrate)"\n'
        '    - "15 IU Vitamin E (as dl-Alpha-Tocopheryl Acetate)"\n'
        '    - "5 mg Phosphorus"\n'
    )
    assert "(DSLD label 276336)" in product_yaml(load("276336"), "276336.json").splitlines()[0]


def test_awkward_names_and_sources_stay_yaml() -> None:
    label = load("synthetic-d3-k2")
    label["brandName"] = ""
    label["fullName"] = 'Cal: "Max" #1 - [D3] & K2 {x}: 100%'
    text = product_yaml(label, "a\nb: c #d")
    assert text.splitlines()[0] == "# Imported from a b: c #d; one serving = 1 Softgel(s)"
    (regimen,) = load_regimens("items:\n" + text)
    assert regimen.items[0].label == 'Cal: "Max" #1 - [D3] & K2 {x}: 100%'


def test_nested_rows_are_read() -> None:
    label = load("synthetic-d3-k2")
    blend = copy.deepcopy(label["ingredientRows"][7])
    blend["name"] = "Bone Blend"
    blend["quantity"][0].update(operator="=", quantity=300, unit="mg", dailyValueTargetGroup=[])
    blend["nestedRows"] = [copy.deepcopy(label["ingredientRows"][0])]
    label["ingredientRows"] = [blend]
    product, warnings = label_to_product(label, "x")
    assert product["ingredients"] == ["125 mcg Vitamin D3 (as Cholecalciferol)"]
    assert warnings == ['"Bone Blend 300 mg": not a nutrient calcguide checks']


def test_unreadable_units_and_missing_amounts() -> None:
    label = load("synthetic-d3-k2")
    rows = label["ingredientRows"]
    rows[0]["quantity"][0]["unit"] = "mL"
    rows[1]["quantity"] = []
    rows[3]["quantity"][0].update(quantity=0, unit="NP", dailyValueTargetGroup=[])
    rows[4]["quantity"][0]["unit"] = "mcg RAE"
    product, warnings = label_to_product(label, "x")
    assert product["ingredients"] == ["500 mcg Vitamin K2 (as Menatetrenone)", "5 mg Phosphorus"]
    assert warnings[:4] == [
        "\"Vitamin D3 125 mL\": calcguide cannot read the unit 'mL'",
        '"Vitamin K2": the label states no amount',
        '"Calcium": the label states no amount',
        '"Vitamin E 15 mcg RAE": mcg RAE is a unit of vitamin A, not of vitamin E (form not stated)',
    ]


def test_not_a_label() -> None:
    with pytest.raises(DsldError, match="ingredientRows"):
        label_to_product({"hits": []}, "search.json")
    with pytest.raises(DsldError, match="ingredientRows"):
        product_yaml([], "x")  # type: ignore[arg-type]


def test_nothing_calcguide_checks() -> None:
    label = load("15923")
    checked = {"Boron", "Choline", "Vanadium", "Nickel"}
    label["ingredientRows"] = [row for row in label["ingredientRows"] if row["name"] not in checked]
    product, warnings = label_to_product(label, "x")
    assert product["ingredients"] == [] and len(warnings) == len(label["ingredientRows"])
    with pytest.raises(DsldError, match="no ingredient calcguide checks"):
        product_yaml(label, "x")
