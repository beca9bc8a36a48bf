"""Doses as written to amounts of a nutrient in its reference unit, per intake and per day."""

from __future__ import annotations

from typing import NamedTuple

from .catalog import Catalog, Ingredient, Nutrient, Salt, catalog, fold
from .doses import Frequency
from .errors import InputError, Location, quote
from .regimen import DietAmount, Dose, Regimen

_MASS_IN_MG = {"mcg": 0.001, "mg": 1.0, "mg elemental": 1.0, "g": 1000.0}
_MASS_IN_MCG = {"mcg": 1.0, "mg": 1000.0, "mg elemental": 1000.0, "g": 1_000_000.0}


def _in_mg(amount: float, unit: str) -> float:
    """Divide for mcg: ``amount * 0.001`` is not exact (9 mcg would become 0.009000000000000001 mg)."""
    return amount / 1000 if unit == "mcg" else amount * _MASS_IN_MG[unit]


class NutrientDose(NamedTuple):
    """One ingredient of one item, converted: ``per_intake`` is in the nutrient's unit, all servings counted."""

    item: str
    item_index: int
    dose: str
    ingredient: str
    nutrient: str
    form: str
    per_intake: float
    frequency: Frequency
    counts_toward_ul: bool
    location: Location
    ul_per_intake: float | None = None  # toward the UL, in the UL's unit, where it differs from per_intake

    @property
    def per_day(self) -> float:
        return self.per_intake * self.frequency.per_day


class Unrecognized(NamedTuple):
    item: str
    dose: str
    name: str
    suggestion: str | None
    location: Location


class NotAssessed(NamedTuple):
    """An ingredient calcguide recognises but has no US reference value for (lutein, DHA, CoQ10 ...)."""

    item: str
    dose: str
    name: str
    location: Location


class Normalized(NamedTuple):
    doses: tuple[NutrientDose, ...]
    unrecognized: tuple[Unrecognized, ...]
    diet: dict[str, float]
    notes: tuple[str, ...]
    not_assessed: tuple[NotAssessed, ...] = ()


def _fmt(value: float) -> str:
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _convert(
    amount: float,
    unit: str,
    thing: Ingredient,
    nutrient: Nutrient,
    known: Catalog,
    where: Location,
    label_form: bool = False,
) -> tuple[float, str | None]:
    """``amount unit`` of an ingredient in its nutrient's unit, and a note when a convention was assumed.

    ``label_form`` says the form came from "(as ...)" after the nutrient's name ("vitamin A (as beta-carotene)"):
    then, as on US labels, the amount is the nutrient's (mcg RAE), not the form's own weight.
    """
    if unit == "IU":
        factor = known.iu_factors.get(thing.iu_form or "")
        if factor is None:
            raise InputError(f"IU has no meaning for {thing.label}", f"give the amount in {nutrient.unit}", where)
        return amount * factor.factor, None
    if unit == "mcg RAE":
        if nutrient.unit != "mcg RAE":
            raise InputError(f"mcg RAE is a unit of vitamin A, not of {thing.label}", f"use {nutrient.unit}", where)
        return amount, None
    if unit == "mg elemental" and thing.form != "elemental":
        raise InputError(f"'mg elemental' is for minerals, not {thing.label}", "use mg", where)
    if nutrient.unit == "mg":
        return _in_mg(amount, unit), None
    mcg = amount * _MASS_IN_MCG[unit]  # straight to mcg: through mg, 2800 mcg would become 2800.0000000000005
    if nutrient.unit == "mcg":
        return mcg, None
    mass = None if label_form else known.mass_factors.get(thing.form)
    if mass is not None:  # mcg of beta-carotene, not mcg RAE
        return mcg * mass.factor, (
            f"{thing.label} in {unit} converted to mcg RAE at {mass.factor:g} mcg RAE per mcg ({mass.source})"
        )
    return mcg, f"{thing.label} in {unit} read as mcg RAE, the label convention for vitamin A"


def _resolve_form(thing: Ingredient, form: str | None, known: Catalog) -> tuple[Ingredient, str | None]:
    """Apply an "(as X)" form: a more specific ingredient (K2 as MK-7) or a salt already counted as elemental."""
    if not form or fold(form) == "elemental":
        return thing, None
    nutrient_label = known.nutrients[thing.nutrient].label
    for candidate in (known.ingredient(f"{nutrient_label} {form}"), known.ingredient(form)):
        if isinstance(candidate, Salt) and candidate.nutrient == thing.nutrient:
            return thing, None  # the label states the elemental amount of this salt
        if isinstance(candidate, Ingredient) and candidate.nutrient == thing.nutrient:
            return candidate, None
    return thing, f"form {quote(form)} of {thing.label} is not one calcguide knows; counted as {thing.label}"


def _nutrient_dose(
    dose: Dose, item_label: str, index: int, servings: float, frequency: Frequency, known: Catalog
) -> tuple[NutrientDose | None, Unrecognized | None, list[str]]:
    text = dose.dose
    thing = known.ingredient(text.name)
    notes: list[str] = []
    if thing is None:
        return (
            None,
            Unrecognized(item_label, text.text, text.name, known.suggest_ingredient(text.name), dose.location),
            [],
        )
    if isinstance(thing, Salt):
        nutrient = known.nutrients[thing.nutrient]
        if text.unit not in _MASS_IN_MG:
            raise InputError(
                f"{text.unit} has no meaning for {thing.label}", "give the compound's weight in mg", dose.location
            )
        mg = _in_mg(text.amount, text.unit)
        elemental = text.unit == "mg elemental" or (text.form is not None and fold(text.form) == "elemental")
        amount = mg if elemental else mg * thing.fraction
        if not elemental:
            notes.append(
                f"{text.text}: counted as {_fmt(amount)} mg {nutrient.label.lower()}"
                f" ({thing.fraction:.0%} elemental; {thing.source})"
            )
        ingredient_id, form = thing.id, "elemental"
    else:
        resolved, note = _resolve_form(thing, text.form, known)
        if note:
            notes.append(f"{text.text}: {note}")
        nutrient = known.nutrients[resolved.nutrient]
        amount, convention = _convert(
            text.amount, text.unit, resolved, nutrient, known, dose.location, label_form=resolved is not thing
        )
        if convention:
            notes.append(f"{text.text}: {convention}")
        ingredient_id, form = resolved.id, resolved.form
    counts = nutrient.ul_basis != "preformed" or form == "preformed"
    return (
        NutrientDose(
            item_label,
            index,
            text.text,
            ingredient_id,
            nutrient.id,
            form,
            amount * servings,
            frequency,
            counts,
            dose.location,
        ),
        None,
        notes,
    )


def _diet_amount(entry: DietAmount, known: Catalog) -> float:
    thing = known.ingredient(known.nutrients[entry.nutrient].label)
    assert isinstance(thing, Ingredient)
    nutrient = known.nutrients[entry.nutrient]
    return _convert(entry.amount, entry.unit, thing, nutrient, known, entry.location)[0]


def normalize(regimen: Regimen) -> Normalized:
    """Convert every dose; raises InputError (with its place) for a unit that does not fit the nutrient."""
    known = catalog()
    doses: list[NutrientDose] = []
    unrecognized: list[Unrecognized] = []
    notes: list[str] = []
    for index, item in enumerate(regimen.items):
        for dose in item.doses:
            converted, unknown, dose_notes = _nutrient_dose(
                dose, item.label, index, item.servings, item.frequency, known
            )
            if converted is not None:
                doses.append(converted)
            if unknown is not None:
                unrecognized.append(unknown)
            notes.extend(dose_notes)
    diet: dict[str, float] = {}
    for entry in regimen.profile.diet:
        diet[entry.nutrient] = diet.get(entry.nutrient, 0.0) + _diet_amount(entry, known)
    return Normalized(tuple(doses), tuple(unrecognized), diet, tuple(dict.fromkeys(notes)))
