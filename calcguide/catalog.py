"""Names to things: ingredients and salts to nutrients, medication and condition names to their classes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from typing import Final, NamedTuple

from . import data
from .names import fold, suggest

__all__ = ["fold", "suggest"]  # re-exported: older callers import them from here


class Nutrient(NamedTuple):
    id: str
    label: str
    unit: str
    ul_basis: str  # total | supplemental | preformed | folic_acid
    ul_unit: str | None = None  # the UL's unit where it is not the target's (folate: mcg folic acid, not mcg DFE)


class Ingredient(NamedTuple):
    id: str
    label: str
    nutrient: str
    form: str
    iu_form: str | None
    ul_iu_form: str | None = None  # the IU factor toward the UL, where it is not iu_form's (vitamin E, form unknown)
    compound: bool = False  # a vitamin named by its salt or ester ("sodium ascorbate"): counted as the vitamin


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
    ul_factor: float | None = None  # per IU toward the UL, where it differs (synthetic vitamin E: 0.91, not 0.45)


class MedicationClass(NamedTuple):
    id: str
    label: str
    spacing: str
    evidence: tuple[str, ...]


class ConditionCaution(NamedTuple):
    """A further group of nutrients a condition makes risky, at its own severity (hemochromatosis: vitamin C)."""

    nutrients: tuple[str, ...]
    severity: str
    why: str
    evidence: tuple[str, ...]


class ConditionClass(NamedTuple):
    id: str
    label: str
    nutrients: tuple[str, ...]
    severity: str
    why: str
    evidence: tuple[str, ...]
    also: tuple[ConditionCaution, ...] = ()


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
    not_assessed: Mapping[str, str] = {}  # folded name -> label: recognised, no US reference value (lutein, DHA ...)
    label_forms: Mapping[str, str] = {}  # folded name -> nutrient: a compound named only as a label's "(as ...)" form
    medication_classes: Mapping[str, MedicationClass] = {}  # by class id
    condition_classes: Mapping[str, ConditionClass] = {}  # by condition id

    def ingredient(self, name: str) -> Ingredient | Salt | None:
        return self.ingredients.get(fold(name))

    def not_assessed_label(self, name: str) -> str | None:
        """The label of an ingredient with no US reference value, or None."""
        return self.not_assessed.get(fold(name))

    def ingredient_prefix(self, name: str) -> tuple[str, Ingredient | Salt, str] | None:
        """The longest known ingredient name that opens ``name`` in whole words, its ingredient, and the words after.

        Tells "D3 annualy" (a known ingredient, then words that do not belong) from an unknown ingredient
        ("ashwagandha root"). Only for a name not known in full: "vitamin A palmitate" is one name, not vitamin A.
        """
        words = name.split()
        for size in range(min(len(words) - 1, 12), 0, -1):  # no name runs to 12 words: bounded work on long text
            thing = self.ingredient(" ".join(words[:size]))
            if thing is not None:
                return " ".join(words[:size]), thing, " ".join(words[size:])
        return None

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
        return close_name(name, self.display_names)


_TOKENS: Final = re.compile(r"[a-z]+|[0-9]+")


def _tokens(name: str) -> list[str]:
    """Words and numbers apart: "menaquinone7" and "menaquinone 7" are ["menaquinone", "7"]."""
    return _TOKENS.findall(name.lower().replace("µ", "u").replace("β", "beta"))


def _typo_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from ``a`` to ``b``: optimal string alignment."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _word_close(typed: str, known: str) -> bool:
    """A slip of the keyboard, not another word: numbers and short words must match exactly, a word of 4 letters
    or more may be one edit off (two from 8 letters) and keeps its first letter ("acetate" is not "lactate")."""
    if typed == known:
        return True
    if typed.isdigit() or known.isdigit() or min(len(typed), len(known)) < 4 or typed[0] != known[0]:
        return False
    return _typo_distance(typed, known) <= (2 if min(len(typed), len(known)) >= 8 else 1)


def close_name(name: str, choices: Iterable[str]) -> str | None:
    """The one known ingredient name a misspelt one is a typo of, for a "did you mean"; None unless really close.

    Word by word: "cholecalciferal" -> "cholecalciferol", "magnesuim" -> "magnesium", "zink" -> "zinc"; never
    "vitamin c" -> "vitamin k" (a one-letter word is not misspelt) or "calcium acetate" -> "calcium lactate".
    """
    if isinstance(choices, tuple) and len(name) <= _REMEMBERED_LENGTH:
        return _close_name_remembered(name, choices)
    return _close_name(name, _tokenized(choices) if isinstance(choices, tuple) else _tokenize(choices))


_REMEMBERED_LENGTH: Final = 80  # a longer name is matched each time: a hostile text must not fill the memory


@lru_cache(maxsize=1024)  # a batch meets the same few unknown names in file after file
def _close_name_remembered(name: str, choices: tuple[str, ...]) -> str | None:
    return _close_name(name, _tokenized(choices))


@lru_cache(maxsize=8)  # the catalogue's display names: tokenised once, not at every unknown name
def _tokenized(choices: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return _tokenize(choices)


def _tokenize(choices: Iterable[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((choice, tuple(_tokens(choice))) for choice in choices)


def _close_name(name: str, choices: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    typed = _tokens(name)
    if not typed:
        return None
    scored: dict[int, dict[str, str]] = {}
    for choice, known in choices:
        if len(known) == len(typed) and all(_word_close(t, k) for t, k in zip(typed, known, strict=True)):
            edits = sum(_typo_distance(t, k) for t, k in zip(typed, known, strict=True))
            scored.setdefault(edits, {}).setdefault(fold(choice), choice)
    if not scored:
        return None
    best = scored[min(scored)]  # the fewest edits; two different names as close as each other: no guess
    return next(iter(best.values())) if len(best) == 1 else None


def _names(entry: dict[str, object]) -> list[str]:
    names = entry["names"]
    assert isinstance(names, list)
    return [str(n) for n in names]


@cache
def catalog() -> Catalog:
    dri = data.load("dri_us")["nutrients"]
    nutrients = {
        key: Nutrient(key, str(v["label"]), str(v["unit"]), str(v["ul_basis"]), v.get("ul_unit"))
        for key, v in dri.items()
    }
    nutrient_names = {fold(key): key for key in nutrients}
    nutrient_names.update({fold(n.label): key for key, n in nutrients.items()})

    raw = data.load("ingredients")
    ingredients: dict[str, Ingredient | Salt] = {}
    display: list[str] = []
    for entry in raw["ingredients"]:
        ingredient = Ingredient(
            entry["id"],
            entry["label"],
            entry["nutrient"],
            entry["form"],
            entry.get("iu_form"),
            entry.get("ul_iu_form"),
            bool(entry.get("compound", False)),
        )
        for name in _names(entry):
            ingredients[fold(name)] = ingredient
            display.append(name)
    for entry in raw["salts"]:
        names = _names(entry)
        salt = Salt(entry["id"], names[0], entry["nutrient"], float(entry["elemental_fraction"]), entry["source"])
        for name in names:
            ingredients[fold(name)] = salt
            display.append(name)
    iu = {
        f["form"]: Factor(f["form"], f["unit"], float(f["per_iu"]), f["source"], f.get("ul_per_iu"))
        for f in raw["iu_factors"]
    }
    not_assessed = {fold(name): str(entry["label"]) for entry in raw["not_assessed"] for name in _names(entry)}
    display += [name for entry in raw["not_assessed"] for name in _names(entry)]
    label_forms = {fold(name): str(entry["nutrient"]) for entry in raw["label_forms"] for name in _names(entry)}
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
            tuple(
                ConditionCaution(
                    tuple(more["nutrients"]),
                    str(more["severity"]),
                    " ".join(str(more["why"]).split()),
                    tuple(more["evidence"]),
                )
                for more in entry.get("also") or ()
            ),
        )
        conditions.update({fold(name): cond for name in _names(entry)})
    by_id = {cond.id: cond for cond in conditions.values()}
    return Catalog(
        nutrients,
        nutrient_names,
        ingredients,
        tuple(display),
        iu,
        mass,
        medications,
        conditions,
        not_assessed,
        label_forms,
        classes,
        by_id,
    )
