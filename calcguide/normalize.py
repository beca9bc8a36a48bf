"""Doses as written to amounts of a nutrient in its reference unit, per intake and per day."""

from __future__ import annotations

import math
import re
from typing import Final, NamedTuple

from .catalog import Catalog, Ingredient, Nutrient, Salt, catalog, fold
from .doses import TWO_DOSES_HINT, DoseText, Frequency, form_in, placement_hint
from .errors import InputError, Location, quote
from .medications import MedicineItem, medicine_named
from .memo import remembered
from .quantities import lower_label, number
from .records import record
from .regimen import DietAmount, Dose, Regimen

_MASS_IN_MG: Final = {"mcg": 0.001, "mg": 1.0, "mg elemental": 1.0, "g": 1000.0}
_MASS_IN_MCG: Final = {"mcg": 1.0, "mg": 1000.0, "mg elemental": 1000.0, "g": 1_000_000.0}


def _in_mg(amount: float, unit: str) -> float:
    """Divide for mcg: ``amount * 0.001`` is not exact (9 mcg would become 0.009000000000000001 mg)."""
    return amount / 1000 if unit == "mcg" else amount * _MASS_IN_MG[unit]


class NutrientDose(NamedTuple):
    """One ingredient of one item, converted: ``per_intake`` is in the nutrient's unit, all servings counted.

    ``per_day`` is ``per_intake`` times the frequency's intakes a day, worked out once: totals and rules read it
    many times.
    """

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
    per_day: float
    ul_per_intake: float | None = None  # toward the UL, in the UL's unit, where it differs from per_intake


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
    medicines: tuple[MedicineItem, ...] = ()  # items that name a medication (calcitriol): never counted


def _fmt(value: float) -> str:
    return f"{value:,.4f}".rstrip("0").rstrip(".")


# Folate forms whose weight is folic acid's toward the UL ("folate" with no form is read as folic acid).
_FOLIC_ACID_FORMS: Final = ("folic_acid", "folate")


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
    then, as on US labels, the amount is the nutrient's (mcg RAE), not the form's own weight. Folate in mcg is
    always a weight (of folic acid, L-methylfolate or food folate) and is converted to mcg DFE.
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
    if unit == "mcg DFE":
        if nutrient.unit != "mcg DFE":
            raise InputError(f"mcg DFE is a unit of folate, not of {thing.label}", f"use {nutrient.unit}", where)
        return amount, None
    if unit == "mg elemental" and thing.form != "elemental":
        raise InputError(f"'mg elemental' is for minerals, not {thing.label}", "use mg", where)
    if nutrient.unit in ("mg", "mg NE"):  # 1 mg niacin = 1 mg niacin equivalent
        return _in_mg(amount, unit), None
    mcg = amount * _MASS_IN_MCG[unit]  # straight to mcg: through mg, 2800 mcg would become 2800.0000000000005
    if nutrient.unit == "mcg":
        return mcg, None
    if nutrient.unit == "mcg DFE":
        dfe = known.mass_factors[thing.form]
        counted = f"counted as {number(mcg * dfe.factor)} mcg DFE ({dfe.factor:g} mcg DFE per mcg"
        if thing.form == "folate":
            return mcg * dfe.factor, f"folate in mcg with no DFE and no form is read as folic acid: {counted})"
        if thing.form == "methylfolate":
            return mcg * dfe.factor, f"{counted}, as for folic acid); no US UL applies to L-methylfolate"
        return mcg * dfe.factor, f"{counted})"
    mass = None if label_form else known.mass_factors.get(thing.form)
    if mass is not None:  # mcg of beta-carotene, not mcg RAE
        return mcg * mass.factor, (
            f"{thing.label} in {unit} converted to mcg RAE at {mass.factor:g} mcg RAE per mcg ({mass.source})"
        )
    return mcg, f"{thing.label} in {unit} read as mcg RAE, the label convention for vitamin A"


def _toward_ul(text: DoseText, thing: Ingredient, amount: float, known: Catalog) -> tuple[float | None, str | None]:
    """The amount of one intake the UL counts, in the UL's unit, where it is not ``amount``; and a note.

    Folate: mcg of folic acid (the UL does not count L-methylfolate or food folate, and is not in DFE). Vitamin E in
    IU: mg of all stereoisomers, 0.91 mg per IU of synthetic (a form not stated is taken as synthetic here).
    """
    if thing.nutrient == "folate":
        if text.folic_acid_mcg is not None:  # "667 mcg DFE (400 mcg folic acid)"
            return text.folic_acid_mcg, None
        if thing.form not in _FOLIC_ACID_FORMS:
            return 0.0, None
        if text.unit != "mcg DFE":  # a weight: folic acid itself
            return amount / known.mass_factors[thing.form].factor, None
        folic = amount / known.mass_factors["folic_acid"].factor
        return folic, (
            f"no folic acid amount given: all {number(amount)} mcg DFE counted as folic acid, "
            f"{number(folic)} mcg toward the UL"
        )
    if text.unit == "IU":
        factor = known.iu_factors.get(thing.ul_iu_form or thing.iu_form or "")
        if factor is None or factor.ul_factor is None:
            return None, None
        ul_amount = text.amount * factor.ul_factor
        if thing.ul_iu_form is None:
            return (None if math.isclose(ul_amount, amount) else ul_amount), None
        return ul_amount, (
            f"{thing.label} in IU: {number(amount)} mg toward the target and {number(ul_amount)} mg toward the UL "
            f"(form unknown: {factor.ul_factor:.2f} mg per IU toward the UL, as for synthetic, the larger)"
        )
    return None, None


def _resolve_form(thing: Ingredient, form: str | None, known: Catalog) -> tuple[Ingredient, str | None]:
    """Apply an "(as X)" form: a more specific ingredient (K2 as MK-7) or a salt already counted as elemental."""
    if not form or fold(form) == "elemental":
        return thing, None
    nutrient_label = known.nutrients[thing.nutrient].label
    for name in (f"{nutrient_label} {form}", form):
        if known.label_forms.get(fold(name)) == thing.nutrient:
            return thing, None  # a compound the label names as the source; the amount is the nutrient's
        candidate = known.ingredient(name)
        if isinstance(candidate, Salt) and candidate.nutrient == thing.nutrient:
            return thing, None  # the label states the elemental amount of this salt
        if isinstance(candidate, Ingredient) and candidate.nutrient == thing.nutrient:
            return candidate, None
    return thing, f"form {quote(form)} of {thing.label} is not one calcguide knows; counted as {thing.label}"


# Per-name lookups against the one catalogue, once per spelling: a batch meets the same few names over and over
# (the cache holds names and forms, never a regimen's amounts, and no name longer than memo.LONGEST_REMEMBERED).
_NAMES_CACHED: Final = 4096


class _Identified(NamedTuple):
    """What a dose's name and "(as ...)" form are, worked out once per spelling (amounts play no part).

    ``thing`` is the salt (made precise by its form) or the ingredient its form resolves to, None for a name
    calcguide does not know; ``named`` is the ingredient or salt the name alone gives.
    """

    thing: Ingredient | Salt | None
    named: Ingredient | Salt | None
    nutrient: Nutrient | None
    form_note: str | None  # a form calcguide does not know: counted as the named ingredient
    elemental_form: bool  # "(as elemental)"


@remembered(_NAMES_CACHED)
def _identified(name: str, form: str | None) -> _Identified:
    known = catalog()
    named = known.ingredient(name)
    if named is None:
        return _Identified(None, None, None, None, False)
    if isinstance(named, Salt):
        salt = _salt_form(named, form, known)
        return _Identified(salt, named, known.nutrients[salt.nutrient], None, _is_elemental(form))
    resolved, note = _resolve_form(named, form, known)
    return _Identified(resolved, named, known.nutrients[resolved.nutrient], note, False)


@remembered(_NAMES_CACHED)
def _not_assessed(name: str) -> bool:
    return catalog().not_assessed_label(name) is not None


@remembered(_NAMES_CACHED)
def _suggestion(name: str) -> str | None:
    """The "did you mean" for an unknown name: a typo search over every known name, the costliest lookup."""
    return catalog().suggest_ingredient(name)


@remembered(_NAMES_CACHED)
def _is_elemental(form: str | None) -> bool:
    return form is not None and fold(form) == "elemental"


def _salt_form(thing: Salt, form: str | None, known: Catalog) -> Salt:
    """ "calcium hydroxyapatite (MCHC)": the form names the salt more precisely than the name does."""
    if form:
        candidate = known.ingredient(form)
        if isinstance(candidate, Salt) and candidate.nutrient == thing.nutrient:
            return candidate
    return thing


def _rounds_to(exact: float, printed: float) -> bool:
    """Whether a label could print ``exact`` as ``printed``: rounded to a whole number or to 2 significant digits.

    Labels round the second unit of a dual-unit row ("50 mcg (2,000 IU)") either way; nothing coarser is rounding.
    """
    slack = 1 + 1e-9  # the conversions' binary rounding, not the label's
    if float(printed).is_integer() and abs(exact - printed) <= 0.5 * slack:
        return True
    step: float = 10.0 ** (math.floor(math.log10(exact)) - 1)  # a unit of the second significant digit
    return abs(exact - printed) <= 0.5 * step * slack


def _check_alternate(
    text: DoseText, thing: Ingredient | Salt, known: Catalog, where: Location, label_form: bool = False
) -> None:
    """A dose in two units ("50 mcg (2,000 IU) D3") must state one amount: an input error when the two differ by more
    than the label's rounding of either (see ``_rounds_to``). The first amount is the one counted."""
    if text.alternate is None:
        return
    other, other_unit = text.alternate
    if isinstance(thing, Salt):
        if other_unit not in _MASS_IN_MG:
            hint = "give the compound's weight in mg"
            raise InputError(f"{other_unit} has no meaning for {thing.label}", hint, where)
        elemental = _is_elemental(text.form)
        first = _in_mg(text.amount, text.unit) * (1 if elemental or text.unit == "mg elemental" else thing.fraction)
        second = _in_mg(other, other_unit) * (1 if elemental or other_unit == "mg elemental" else thing.fraction)
    else:
        nutrient = known.nutrients[thing.nutrient]
        first = _convert(text.amount, text.unit, thing, nutrient, known, where, label_form)[0]
        second = _convert(other, other_unit, thing, nutrient, known, where, label_form)[0]
    as_other = other * first / second  # the first amount in the second's unit
    if _rounds_to(as_other, other) or _rounds_to(text.amount * second / first, text.amount):
        return
    if other_unit == text.unit:  # "600 mg (500 mg)": converting one to the other's unit would say nothing
        both = f"{_fmt(text.amount)} {text.unit} and {_fmt(other)} {other_unit} of {thing.label} disagree"
        if isinstance(thing, Salt) and _is_elemental(text.form):
            mineral = known.nutrients[thing.nutrient].label.lower()
            raise InputError(
                f"{both}: '(as elemental)' makes both amounts elemental {mineral}",
                f"mark only the elemental amount, e.g. '{_fmt(text.amount)} mg {thing.label.lower()} "
                f"({_fmt(other)} mg elemental)', or give only one",
                where,
            )
        raise InputError(
            f"{both}: two amounts in the same unit",
            "check the label, then correct the wrong amount or give only one",
            where,
        )
    raise InputError(
        f"{_fmt(text.amount)} {text.unit} and {_fmt(other)} {other_unit} of {thing.label} disagree:"
        f" {_fmt(text.amount)} {text.unit} is {_fmt(as_other)} {other_unit}",
        "check the label, then correct the wrong amount or give only one",
        where,
    )


def _check_placed(text: DoseText, known: Catalog, where: Location) -> None:
    """A name that opens with a known ingredient and goes on with words calcguide cannot place ("D3 annualy",
    "calcium twice a dya") is an input error, never an unknown ingredient quietly left out of the totals."""
    prefix = known.ingredient_prefix(text.name)
    if prefix is None:
        return  # an unknown ingredient ("ashwagandha root"): reported as unrecognised
    name, thing, rest = prefix
    words = rest.split()
    following = " ".join(words[1:] if words[0].lower() in ("and", "with", "plus", "&", "-", "/", ",") else words)
    if words[0].lower() in ("as", "from"):
        hint = f"write the form in parentheses: '{name} ({rest})'"
    elif rest.startswith("(") and (forms := _forms_hint(name, rest)):
        hint = forms
    elif following and (known.ingredient(following) or known.ingredient_prefix(following)):
        hint = TWO_DOSES_HINT
    else:
        nutrient = known.nutrients[thing.nutrient].label
        hint = placement_hint(words) or (
            f"if it is the form, write '{name} (as {rest})' with the amount of {nutrient.lower()} itself;"
            " otherwise remove it"
        )
    raise InputError(f"cannot place '{rest}' after {name} in '{text.text}'", hint, where)


_PARENTHESES: Final = re.compile(r"\((?P<inner>[^()]*)\)\s*")


def _forms_hint(name: str, rest: str) -> str | None:
    """For parentheses after a name that already took its form: "Calcium (as carbonate) (as citrate) 600 mg" gives
    two forms, which belong in one pair; "Calcium (as carbonate) extra 600 mg" has words between form and amount."""
    forms: list[str] = []
    position = 0
    while match := _PARENTHESES.match(rest, position):
        forms.append(form_in(match["inner"]) or "")
        position = match.end()
    after = rest[position:].strip()
    if not forms:
        return None
    if not after:
        return f"give the forms in one pair of parentheses: '{name} (as {', '.join(forms)})'"
    shown = rest[:position].strip()
    return placement_hint(after.split()) or f"remove '{after}': the amount comes after '{name} {shown}'"


def _nutrient_dose(
    dose: Dose, item_label: str, index: int, servings: float, frequency: Frequency, known: Catalog
) -> tuple[NutrientDose | NotAssessed | Unrecognized, list[str]]:
    text = dose.dose
    identified = _identified(text.name, text.form)
    thing = identified.thing
    notes: list[str] = []
    if thing is None or identified.nutrient is None:
        if _not_assessed(text.name):
            return NotAssessed(item_label, text.text, text.name, dose.location), [
                f"{text.name}: no US reference value; not assessed"
            ]
        _check_placed(text, known, dose.location)
        return Unrecognized(item_label, text.text, text.name, _suggestion(text.name), dose.location), []
    ul_amount: float | None = None
    nutrient = identified.nutrient
    if isinstance(thing, Salt):
        if text.unit not in _MASS_IN_MG:
            raise InputError(
                f"{text.unit} has no meaning for {thing.label}", "give the compound's weight in mg", dose.location
            )
        elemental = text.unit == "mg elemental" or identified.elemental_form
        amount = _in_mg(text.amount, text.unit) if elemental else _in_mg(text.amount, text.unit) * thing.fraction
        if nutrient.unit == "mcg":  # iodine, selenium, copper, chromium: the table's unit is mcg
            amount *= 1000
        if not elemental:
            notes.append(
                f"{text.text}: counted as {_fmt(amount)} {nutrient.unit} {nutrient.label.lower()}"
                f" ({_fmt(100 * thing.fraction)}% elemental; {thing.source})"
            )
        _check_alternate(text, thing, known, dose.location)
        ingredient_id, form = thing.id, "elemental"
    else:
        resolved, note, label_form = thing, identified.form_note, thing is not identified.named
        if note:
            notes.append(f"{text.text}: {note}")
        amount, convention = _convert(text.amount, text.unit, resolved, nutrient, known, dose.location, label_form)
        if convention:
            notes.append(f"{text.text}: {convention}")
        _check_alternate(text, resolved, known, dose.location, label_form)
        if not label_form and resolved.compound:
            notes.append(
                f"{text.text}: counted as {_fmt(amount)} {nutrient.unit} of {lower_label(nutrient.label)}, the amount "
                f"US labels state; if it is the weight of {text.name} itself, it supplies somewhat less"
            )
        ul_amount, ul_note = _toward_ul(text, resolved, amount, known)
        if ul_note:
            notes.append(f"{text.text}: {ul_note}")
        ingredient_id, form = resolved.id, resolved.form
    counts = (nutrient.ul_basis != "preformed" or form == "preformed") and ul_amount != 0.0
    per_intake = amount * servings
    return (
        record(
            NutrientDose,
            item_label,
            index,
            text.text,
            ingredient_id,
            nutrient.id,
            form,
            per_intake,
            frequency,
            counts,
            dose.location,
            per_intake * frequency.per_day,
            None if ul_amount is None else ul_amount * servings,
        ),
        notes,
    )


def _diet_amount(entry: DietAmount, known: Catalog) -> float:
    nutrient = known.nutrients[entry.nutrient]
    # Diet folate is food folate (1 mcg = 1 mcg DFE), not the folic acid "folate" on a label stands for.
    thing = known.ingredient("food folate" if nutrient.id == "folate" else nutrient.label)
    assert isinstance(thing, Ingredient)
    return _convert(entry.amount, entry.unit, thing, nutrient, known, entry.location)[0]


def normalize(regimen: Regimen) -> Normalized:
    """Convert every dose; raises InputError (with its place) for a unit that does not fit the nutrient."""
    known = catalog()
    doses: list[NutrientDose] = []
    unrecognized: list[Unrecognized] = []
    not_assessed: list[NotAssessed] = []
    medicines: list[MedicineItem] = []
    notes: list[str] = []
    for index, item in enumerate(regimen.items):
        for dose in item.doses:
            converted, dose_notes = _nutrient_dose(dose, item.label, index, item.servings, item.frequency, known)
            if isinstance(converted, NutrientDose):
                doses.append(converted)
            elif isinstance(converted, NotAssessed):
                not_assessed.append(converted)
            elif drugs := medicine_named(converted.name):
                medicines.append(
                    MedicineItem(converted.item, converted.dose, converted.name, drugs, converted.location)
                )
            else:
                unrecognized.append(converted)
            notes.extend(dose_notes)
    diet: dict[str, float] = {}
    for entry in regimen.profile.diet:
        diet[entry.nutrient] = diet.get(entry.nutrient, 0.0) + _diet_amount(entry, known)
    return Normalized(
        tuple(doses),
        tuple(unrecognized),
        diet,
        tuple(dict.fromkeys(notes)),
        tuple(not_assessed),
        medicines=tuple(medicines),
    )
