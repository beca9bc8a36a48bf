"""Every salt's elemental fraction, recomputed from its formula with IUPAC standard atomic weights.

A salt in calcguide/data/ingredients.yaml with a `formula` must agree with the fraction that formula gives to within
0.5 percentage points (the data rounds to whole percent where its source does). Hydrates count their water:
FeSO4·7H2O is 20 % iron, FeSO4·H2O 33 %.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "calcguide" / "data"
TOLERANCE = 0.005  # 0.5 percentage points

# IUPAC 2021 abridged standard atomic weights (Prohaska et al., "Standard atomic weights of the elements 2021
# (IUPAC Technical Report)", Pure Appl. Chem. 2022;94(5):573-600; https://iupac.qmul.ac.uk/AtWt/): the elements
# the salts below are made of.
ATOMIC_WEIGHT = {
    "H": 1.0080, "B": 10.81, "C": 12.011, "N": 14.007, "O": 15.999, "Na": 22.990, "Mg": 24.305, "P": 30.974,
    "S": 32.06, "Cl": 35.45, "K": 39.098, "Ca": 40.078, "Cr": 51.996, "Mn": 54.938, "Fe": 55.845, "Cu": 63.546,
    "Zn": 65.38, "Se": 78.971, "Mo": 95.95, "I": 126.90,
}  # fmt: skip
ELEMENT = {"calcium": "Ca", "magnesium": "Mg", "iron": "Fe", "zinc": "Zn", "copper": "Cu", "iodine": "I",
           "selenium": "Se", "chromium": "Cr", "potassium": "K", "manganese": "Mn", "molybdenum": "Mo"}  # fmt: skip

_TOKEN = re.compile(r"([A-Z][a-z]?)(\d*)|(\()|(\))(\d*)")


def composition(formula: str) -> dict[str, float]:
    """Atoms per formula unit: "Ca10(PO4)6(OH)2" -> {Ca: 10, P: 6, O: 26, H: 2}; "·7H2O" adds the water."""
    total: dict[str, float] = {}
    for part in re.split(r"[·.]", formula):
        count = re.match(r"\d+", part)
        factor = int(count.group(0)) if count else 1
        stack: list[dict[str, float]] = [{}]
        position = count.end() if count else 0
        while position < len(part):
            token = _TOKEN.match(part, position)
            assert token, f"unreadable formula {formula!r} at {part[position:]!r}"
            position = token.end()
            element, number, opening, closing, multiplier = token.groups()
            if element:
                assert element in ATOMIC_WEIGHT, f"{formula!r}: no atomic weight for {element}"
                stack[-1][element] = stack[-1].get(element, 0) + int(number or 1)
            elif opening:
                stack.append({})
            else:
                assert closing and len(stack) > 1, f"unbalanced parentheses in {formula!r}"
                group = stack.pop()
                for key, value in group.items():
                    stack[-1][key] = stack[-1].get(key, 0) + value * int(multiplier or 1)
        assert len(stack) == 1, f"unbalanced parentheses in {formula!r}"
        for key, value in stack[0].items():
            total[key] = total.get(key, 0) + value * factor
    return total


def molar_mass(formula: str) -> float:
    return sum(ATOMIC_WEIGHT[element] * count for element, count in composition(formula).items())


def fraction(formula: str, nutrient: str) -> float:
    element = ELEMENT[nutrient]
    atoms = composition(formula).get(element, 0)
    assert atoms, f"{formula!r} has no {element}"
    return ATOMIC_WEIGHT[element] * atoms / molar_mass(formula)


SALTS: list[dict[str, Any]] = yaml.safe_load((DATA / "ingredients.yaml").read_text(encoding="utf-8"))["salts"]
WITH_FORMULA = [salt for salt in SALTS if "formula" in salt]


def test_parser_on_known_molar_masses() -> None:
    # By hand from the table above: CaCO3 = 40.078 + 12.011 + 3 x 15.999 = 100.086.
    assert molar_mass("CaCO3") == pytest.approx(100.086, abs=1e-9)
    # FeSO4·7H2O = 55.845 + 32.06 + 4 x 15.999 + 7 x (2 x 1.008 + 15.999) = 278.006.
    assert molar_mass("FeSO4·7H2O") == pytest.approx(278.006, abs=1e-9)
    assert composition("Ca10(PO4)6(OH)2") == {"Ca": 10, "P": 6, "O": 26, "H": 2}
    assert composition("Zn3(C6H5O7)2·2H2O") == {"Zn": 3, "C": 12, "H": 14, "O": 16}


def test_hydrates_count_their_water() -> None:
    assert fraction("FeSO4·7H2O", "iron") == pytest.approx(0.2009, abs=1e-4)  # 55.845 / 278.006
    assert fraction("FeSO4·H2O", "iron") == pytest.approx(0.3287, abs=1e-4)  # 55.845 / 169.916


def test_most_salts_have_a_formula() -> None:
    assert len(WITH_FORMULA) >= 30, [salt["id"] for salt in WITH_FORMULA]


@pytest.mark.parametrize("salt", WITH_FORMULA, ids=lambda salt: str(salt["id"]))
def test_fraction_agrees_with_formula(salt: dict[str, Any]) -> None:
    computed = fraction(salt["formula"], salt["nutrient"])
    stated = salt["elemental_fraction"]
    assert abs(stated - computed) <= TOLERANCE, (
        f"{salt['id']}: data {stated:.1%} but {salt['formula']} gives {computed:.2%} (off by more than 0.5 points)"
    )


def test_the_old_values_would_fail() -> None:
    """The figures corrected in this data set are off by more than the tolerance, so the check catches them."""
    assert abs(0.20 - fraction("Ca10(PO4)6(OH)2", "calcium")) > TOLERANCE  # hydroxyapatite was 20 % (MCHC's)
    assert abs(0.31 - fraction("Zn3(C6H5O7)2·2H2O", "zinc")) > TOLERANCE  # zinc citrate dihydrate was 31 %
