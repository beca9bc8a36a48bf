"""The drug-nutrient catalogue of data/interactions.yaml as records, and the amounts its thresholds compare.

Every interaction is data: which drugs, which nutrients (narrowed to a form, above a threshold), the kind, the
severity, what happens and what to do, the source and the basis of the evidence. The rules mineral-drug-spacing and
drug-nutrient read these records; adding an interaction is adding an entry (and its test case). No I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Final, NamedTuple

from . import data
from .catalog import Ingredient, Salt, catalog, fold
from .doses import parse_dose
from .errors import InputError
from .medications import DrugMatch
from .normalize import NutrientDose
from .regimen import Regimen

KINDS: Final = (
    "spacing",
    "absorption",
    "depletion",
    "hypercalcemia",
    "hyperkalemia",
    "bleeding",
    "additive_toxicity",
    "efficacy",
    "lab_interference",
)
BASES: Final = ("label", "fact sheet", "guideline", "trial")
UNSTATED: Final = "unstated"  # a form filter value: the nutrient named with no compound ("500 mg calcium")


class Threshold(NamedTuple):
    amount: float
    unit: str  # the nutrient's unit, another mass unit, "IU" (vitamin E), or mg of beta-carotene
    per: str  # day | intake


class NutrientFilter(NamedTuple):
    """One nutrient of an entry: the forms it concerns (empty: any) and the amount from which it counts."""

    nutrient: str
    forms: tuple[str, ...] = ()
    threshold: Threshold | None = None
    label: str | None = None  # how messages name it when narrowed ("calcium as carbonate")


class Hours(NamedTuple):
    """How far apart: the drug ``before`` hours before the mineral, or ``after`` hours after it.

    ``after`` None with ``before`` set: the drug comes first. Neither: ``apart`` says how ("at a different time of
    day"), or no interval is safe.
    """

    before: float | None
    after: float | None
    apart: str | None = None


class Interaction(NamedTuple):
    id: str
    kind: str
    classes: tuple[str, ...]
    drugs: tuple[str, ...]
    unless: tuple[str, ...]
    nutrients: tuple[NutrientFilter, ...]
    always: bool
    severity: str
    why: str
    advice: str
    hours: Hours | None
    source: tuple[str, ...]
    basis: str
    year: int

    def concerns(self, drug: str, drug_class: str) -> bool:
        return drug in self.drugs or drug_class in self.classes


class ActiveVitaminD(NamedTuple):
    """A prescription vitamin D hormone or analogue: a medicine, never counted as vitamin D."""

    drug: str
    what: str
    source: tuple[str, ...]


def _text(value: object) -> str:
    return " ".join(str(value or "").split())


def _filter(raw: object) -> NutrientFilter:
    if isinstance(raw, str):
        return NutrientFilter(raw)
    assert isinstance(raw, dict), raw
    threshold = raw.get("threshold")
    return NutrientFilter(
        str(raw["nutrient"]),
        tuple(raw.get("forms") or ()),
        Threshold(float(threshold["amount"]), str(threshold["unit"]), str(threshold["per"])) if threshold else None,
        raw.get("label"),
    )


@cache
def interactions() -> tuple[Interaction, ...]:
    """Every entry of the catalogue, in the data's order."""
    entries = []
    for raw in data.load("interactions")["interactions"]:
        hours = raw.get("hours")
        entries.append(
            Interaction(
                str(raw["id"]),
                str(raw["kind"]),
                tuple(raw.get("classes") or ()),
                tuple(raw.get("drugs") or ()),
                tuple(raw.get("unless") or ()),
                tuple(_filter(n) for n in raw.get("nutrients") or ()),
                bool(raw.get("always", False)),
                str(raw["severity"]),
                _text(raw["why"]),
                _text(raw.get("advice")),
                Hours(hours.get("before"), hours.get("after"), hours.get("apart")) if hours is not None else None,
                tuple(raw["source"]),
                str(raw["basis"]),
                int(raw["year"]),
            )
        )
    return tuple(entries)


def spacing() -> tuple[Interaction, ...]:
    return tuple(entry for entry in interactions() if entry.kind == "spacing")


def drug_nutrient() -> tuple[Interaction, ...]:
    return tuple(entry for entry in interactions() if entry.kind != "spacing")


@cache
def active_vitamin_d() -> dict[str, ActiveVitaminD]:
    """The active vitamin D drugs by generic name (data/interactions.yaml ``medicines``)."""
    return {
        str(raw["drug"]): ActiveVitaminD(str(raw["drug"]), _text(raw["what"]), tuple(raw["source"]))
        for raw in data.load("interactions").get("medicines", {}).get("active_vitamin_d", ())
    }


def _hours(hours: float) -> str:
    if hours < 1:
        return f"{hours * 60:g} minutes"
    return f"{hours:g} hour" if hours == 1 else f"{hours:g} hours"


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def timing(drug: str, minerals: list[str], hours: Hours | None) -> str:
    """The interval of a spacing entry as a sentence, from its hours (so the words cannot drift from the data)."""
    if hours is None:
        return ""
    them = _listed(minerals)
    before, after = hours.before, hours.after
    if before is not None and after is not None:
        if before == after:
            return f"Take {drug} at least {_hours(before)} apart from {them}."
        return f"Take {drug} at least {_hours(before)} before or {_hours(after)} after {them}."
    if before is not None:
        return f"Take {drug} first and {them} at least {_hours(before)} later."
    if after is not None:
        return f"Take {them} first and {drug} at least {_hours(after)} later."
    return f"Take {them} {hours.apart}." if hours.apart else ""


# --- amounts -------------------------------------------------------------------------------------------------

_MASS: Final = {"mcg": 1.0, "mg": 1000.0, "g": 1_000_000.0}


@cache
def _ingredients_by_id() -> dict[str, Ingredient | Salt]:
    return {thing.id: thing for thing in catalog().ingredients.values()}


def compound(dose: NutrientDose) -> str | None:
    """The compound a dose names, by ingredient id: the salt itself ("1250 mg calcium carbonate") or its
    "(as ...)" form ("500 mg calcium (as carbonate)"); None when the dose names only the nutrient."""
    thing = _ingredients_by_id().get(dose.ingredient)
    if isinstance(thing, Salt):
        return thing.id
    try:
        form = parse_dose(dose.dose).form
    except InputError:
        return None
    if not form:
        return None
    known = catalog()
    label = known.nutrients[dose.nutrient].label
    for candidate in (known.ingredient(f"{label} {form}"), known.ingredient(form)):
        if candidate is not None and candidate.nutrient == dose.nutrient:
            return candidate.id
    return fold(form)


def has_form(dose: NutrientDose, forms: Iterable[str]) -> bool:
    """Whether a dose is one of ``forms``: a form tag (preformed, beta_carotene, folic_acid), an ingredient or
    compound id (calcium_carbonate), or ``unstated`` (the nutrient named with no compound)."""
    named = compound(dose)
    for form in forms:
        if form in (dose.form, dose.ingredient) or (named is not None and form == named):
            return True
        if form == UNSTATED and named is None and dose.ingredient == dose.nutrient:
            return True
    return False


def in_unit(dose: NutrientDose, amount: float, unit: str) -> float:
    """``amount`` of the dose's nutrient (in the nutrient's unit) expressed in ``unit``.

    IU goes back through the dose's own IU factor (400 IU of synthetic vitamin E is 180 mg, of natural 268 mg: both
    are 400 IU); mg of vitamin A means mg of beta-carotene (2 mcg supplemental beta-carotene = 1 mcg RAE).
    """
    known = catalog()
    nutrient_unit = known.nutrients[dose.nutrient].unit
    if unit == nutrient_unit:
        return amount
    if unit == "IU":
        thing = _ingredients_by_id().get(dose.ingredient)
        factor = known.iu_factors.get(thing.iu_form or "") if isinstance(thing, Ingredient) else None
        if factor is None:
            raise ValueError(f"{dose.ingredient} has no IU")
        return amount / factor.factor
    if nutrient_unit == "mcg RAE":
        per_mcg = known.mass_factors["beta_carotene"].factor
        return amount / per_mcg / _MASS[unit]
    return amount * _MASS[nutrient_unit] / _MASS[unit]


def matching(doses: Iterable[NutrientDose], wanted: NutrientFilter) -> list[NutrientDose]:
    return [d for d in doses if d.nutrient == wanted.nutrient and (not wanted.forms or has_form(d, wanted.forms))]


def per_day(doses: Iterable[NutrientDose], unit: str) -> float:
    return sum(in_unit(d, d.per_day, unit) for d in doses)


def describe(drugs: Iterable[DrugMatch]) -> str:
    """What medicines are, for reports: the data's words for an active vitamin D drug, else the class."""
    known = catalog().medication_classes
    active = active_vitamin_d()
    parts = []
    for drug in drugs:
        if drug.drug in active:
            parts.append(active[drug.drug].what)
        else:
            label = known[drug.drug_class].label
            parts.append(f"{drug.drug}, a medication" + ("" if drug.drug == label else f" ({label})"))
    return "; ".join(parts)


class ListedBinder(NamedTuple):
    drug: str
    nutrient: str
    says: str
    source: tuple[str, ...]


class Binders(NamedTuple):
    purposes: frozenset[str]  # folded
    ckd_salts: frozenset[str]
    conditions: frozenset[str]
    says: str
    others: str
    source: tuple[str, ...]
    listed: dict[str, ListedBinder]


@cache
def binders() -> Binders:
    raw = data.load("interactions")["binders"]
    return Binders(
        frozenset(fold(p) for p in raw["purposes"]),
        frozenset(raw["ckd_salts"]),
        frozenset(raw["conditions"]),
        _text(raw["says"]),
        _text(raw["others"]),
        tuple(raw["source"]),
        {
            str(entry["drug"]): ListedBinder(
                str(entry["drug"]), str(entry["nutrient"]), _text(entry["says"]), tuple(entry["source"])
            )
            for entry in raw["listed"]
        },
    )


def binder_items(regimen: Regimen, doses: Iterable[NutrientDose], conditions: Iterable[str]) -> frozenset[int]:
    """The items that are calcium-based phosphate binders: ``purpose: phosphate binder`` on a calcium item, or
    calcium acetate in a kidney-disease profile. Their calcium counts; their timing (with meals) is not advice's."""
    known = binders()
    ckd = bool(known.conditions & set(conditions))
    found = set()
    for dose in doses:
        if dose.nutrient != "calcium":
            continue
        purpose = regimen.items[dose.item_index].purpose
        if (purpose is not None and fold(purpose) in known.purposes) or (ckd and dose.ingredient in known.ckd_salts):
            found.add(dose.item_index)
    return frozenset(found)


class NutrientPair(NamedTuple):
    """Two supplements (or one and the profile) that work against each other; ``check`` names how to test it."""

    id: str
    check: str  # separate_items | ratio | profile
    nutrients: tuple[str, ...]
    forms: tuple[str, ...]
    conditions: tuple[str, ...]
    thresholds: dict[str, float]
    severity: str
    why: str
    advice: str
    source: tuple[str, ...]
    basis: str
    year: int


@cache
def nutrient_pairs() -> tuple[NutrientPair, ...]:
    return tuple(
        NutrientPair(
            str(raw["id"]),
            str(raw["check"]),
            tuple(raw["nutrients"]),
            tuple(raw.get("forms") or ()),
            tuple(raw.get("conditions") or ()),
            {str(k): float(v) for k, v in raw["thresholds"].items()},
            str(raw["severity"]),
            _text(raw["why"]),
            _text(raw.get("advice")),
            tuple(raw["source"]),
            str(raw["basis"]),
            int(raw["year"]),
        )
        for raw in data.load("interactions")["nutrient_pairs"]
    )
