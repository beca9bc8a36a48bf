"""Names to things: ingredients and salts to nutrients, medication and condition names to their classes."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import NamedTuple

from . import data

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(name: str) -> str:
    """The matching key of a name: lower case, letters and digits only ("MK-7" and "mk 7" are one name)."""
    return _NOT_ALNUM.sub("", name.lower().replace("µ", "u").replace("β", "beta"))


class Nutrient(NamedTuple):
    id: str
    label: str
    unit: str
    ul_basis: str  # total | supplemental | preformed


class Ingredient(NamedTuple):
    id: str
    label: str
    nutrient: str
    form: str
    iu_form: str | None


class Salt(NamedTuple):
    """A mineral compound whose weight is not the mineral's: ``fraction`` of it is elemental."""

    id: str
    label: str
    nutrient: str
    fraction: float
    source: str


class Factor(NamedTuple):
    form: str
    unit: str
    factor: float
    source: str


class MedicationClass(NamedTuple):
    id: str
    label: str
    spacing: str
    evidence: tuple[str, ...]


class ConditionClass(NamedTuple):
    id: str
    label: str
    nutrients: tuple[str, ...]
    severity: str
    why: str
    evidence: tuple[str, ...]


class Catalog(NamedTuple):
    """Everything the name lookups need, built once from the data files."""

    nutrients: dict[str, Nutrient]
    nutrient_names: dict[str, str]
    ingredients: dict[str, Ingredient | Salt]
    display_names: tuple[str, ...]
    iu_factors: dict[str, Factor]
    mass_factors: dict[str, Factor]
    medications: dict[str, MedicationClass]
    conditions: dict[str, ConditionClass]
    medication_classes: Mapping[str, MedicationClass] = {}  # by class id
    condition_classes: Mapping[str, ConditionClass] = {}  # by condition id

    def ingredient(self, name: str) -> Ingredient | Salt | None:
        return self.ingredients.get(fold(name))

    def nutrient_named(self, name: str) -> Nutrient | None:
        key = self.nutrient_names.get(fold(name))
        return None if key is None else self.nutrients[key]

    def medication(self, name: str) -> MedicationClass | None:
        """The class of the first drug a medication-list line names ("Fosamax 70 mg weekly": bisphosphonate)."""
        from .medications import read_medication

        found = self.medications.get(fold(name))
        if found is not None:
            return found
        drugs = read_medication(name).drugs
        return self.medication_classes[drugs[0].drug_class] if drugs else None

    def condition(self, name: str) -> ConditionClass | None:
        """The first condition a line names, whatever stage or qualifier follows ("CKD stage 3b")."""
        from .medications import read_condition

        found = self.conditions.get(fold(name))
        if found is not None:
            return found
        ids = read_condition(name).conditions
        return self.condition_classes[ids[0]] if ids else None

    def suggest_ingredient(self, name: str) -> str | None:
        return suggest(name, self.display_names)


def suggest(name: str, choices: Iterable[str]) -> str | None:
    """The closest known name to a misspelt one, for a "did you mean"; None when nothing is close."""
    by_key = {fold(choice): choice for choice in choices}
    key = fold(name)
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.75)
    if close:
        return by_key[close[0]]
    # A clipped word ("warn" for "warning") is close in meaning though not in letters.
    clipped = [choice for k, choice in by_key.items() if len(key) >= 3 and k.startswith(key)]
    return clipped[0] if len(clipped) == 1 else None


def _names(entry: dict[str, object]) -> list[str]:
    names = entry["names"]
    assert isinstance(names, list)
    return [str(n) for n in names]


@cache
def catalog() -> Catalog:
    dri = data.load("dri_us")["nutrients"]
    nutrients = {key: Nutrient(key, str(v["label"]), str(v["unit"]), str(v["ul_basis"])) for key, v in dri.items()}
    nutrient_names = {fold(key): key for key in nutrients}
    nutrient_names.update({fold(n.label): key for key, n in nutrients.items()})

    raw = data.load("ingredients")
    ingredients: dict[str, Ingredient | Salt] = {}
    display: list[str] = []
    for entry in raw["ingredients"]:
        ingredient = Ingredient(entry["id"], entry["label"], entry["nutrient"], entry["form"], entry.get("iu_form"))
        for name in _names(entry):
            ingredients[fold(name)] = ingredient
            display.append(name)
    for entry in raw["salts"]:
        names = _names(entry)
        salt = Salt(entry["id"], names[0], entry["nutrient"], float(entry["elemental_fraction"]), entry["source"])
        for name in names:
            ingredients[fold(name)] = salt
            display.append(name)
    iu = {f["form"]: Factor(f["form"], f["unit"], float(f["per_iu"]), f["source"]) for f in raw["iu_factors"]}
    mass = {f["form"]: Factor(f["form"], f["unit"], float(f["per_mcg"]), f["source"]) for f in raw["mass_factors"]}

    links = data.load("interactions")
    medications: dict[str, MedicationClass] = {}
    classes: dict[str, MedicationClass] = {}
    for entry in links["medications"]:
        med = MedicationClass(entry["id"], entry["label"], entry.get("spacing", ""), tuple(entry.get("evidence", ())))
        classes[med.id] = med
        medications.update({fold(name): med for name in _names(entry)})
        for drug in entry["drugs"]:
            spellings = [drug["drug"], *drug.get("names", ()), *drug.get("brands", ()), *drug.get("abbreviations", ())]
            medications.update({fold(name): med for name in spellings})
    conditions: dict[str, ConditionClass] = {}
    for entry in links["conditions"]:
        cond = ConditionClass(
            entry["id"],
            entry["label"],
            tuple(entry["nutrients"]),
            entry["severity"],
            " ".join(str(entry["why"]).split()),
            tuple(entry["evidence"]),
        )
        conditions.update({fold(name): cond for name in _names(entry)})
    by_id = {cond.id: cond for cond in conditions.values()}
    return Catalog(
        nutrients, nutrient_names, ingredients, tuple(display), iu, mass, medications, conditions, classes, by_id
    )
