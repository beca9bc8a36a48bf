"""Per-day totals of each nutrient across all items, with the amount the UL applies to."""

from __future__ import annotations

from functools import cache
from typing import Final, NamedTuple

from .catalog import catalog
from .normalize import Normalized, NutrientDose
from .records import record
from .reference import Standard

# What the UL counts, beyond the doses themselves: food too for a "total" UL and for preformed vitamin A (diet
# vitamin A counts in full: its preformed share is unknown); supplements only for the others.
_WITH_DIET: Final = ("total", "preformed")


class LimitUse(NamedTuple):
    """One authority's UL applied to the regimen: the amount it counts and the share of the UL that is."""

    authority: str
    ul: float | None
    basis: str
    amount_per_day: float
    source_title: str
    source_url: str

    @property
    def percent(self) -> float | None:
        return None if not self.ul else 100 * self.amount_per_day / self.ul


class NutrientTotal(NamedTuple):
    """What a regimen supplies of one nutrient per day, next to its life-stage target and UL.

    ``ul_amount_per_day`` is the part the UL applies to: everything (total), supplements only (magnesium,
    vitamin E, niacin), preformed vitamin A only, or folic acid only (folate; in mcg of folic acid, ``ul_unit``).
    """

    nutrient: str
    label: str
    unit: str
    amount_per_day: float
    diet_per_day: float
    total_per_day: float
    ul_basis: str
    ul_amount_per_day: float
    target: float | None
    target_type: str | None
    ul: float | None
    sources: tuple[str, ...]
    ul_authority: str = "nasem"
    limits: tuple[LimitUse, ...] = ()
    ul_unit: str | None = None  # the UL's unit where it is not ``unit`` (folate: mcg folic acid, target mcg DFE)

    @property
    def percent_ul(self) -> float | None:
        return None if not self.ul else 100 * self.ul_amount_per_day / self.ul

    @property
    def percent_target(self) -> float | None:
        return None if not self.target else 100 * self.total_per_day / self.target


def _toward_ul(dose: NutrientDose) -> float:
    """Per day, what one dose adds toward its nutrient's UL, in the UL's unit."""
    if dose.ul_per_intake is not None:
        return dose.ul_per_intake * dose.frequency.per_day
    return dose.per_day if dose.counts_toward_ul else 0.0


def counted(basis: str, forms: tuple[str, ...], doses: list[NutrientDose], diet: float) -> float:
    """The amount a UL of ``basis`` counts; ``forms`` (EFSA's niacin ULs) keeps only the doses of those forms.

    EFSA's folate UL (2023) counts L-methylfolate as well as folic acid: its weight is its DFE over the same 1.7.
    """
    chosen = [dose for dose in doses if not forms or dose.form in forms]
    amount: float = sum(_toward_ul(dose) for dose in chosen)  # typed: sum() of nothing is the int 0
    if basis == "supplemental_folate":
        per_mcg = catalog().mass_factors["methylfolate"].factor
        amount += sum(dose.per_day / per_mcg for dose in chosen if dose.form == "methylfolate")
    return amount + (diet if basis in _WITH_DIET else 0.0)


@cache
def _nutrient_order() -> dict[str, int]:
    return {key: position for position, key in enumerate(catalog().nutrients)}


def compute_totals(normalized: Normalized, standard: Standard) -> dict[str, NutrientTotal]:
    """Totals for every nutrient the regimen or the diet supplies, in the reference tables' order."""
    by_nutrient: dict[str, list[NutrientDose]] = {}
    for dose in normalized.doses:
        by_nutrient.setdefault(dose.nutrient, []).append(dose)
    diets = normalized.diet
    limits = standard.limits
    values = standard.values
    nutrients = catalog().nutrients
    supplied = by_nutrient.keys() | diets.keys() if diets else by_nutrient.keys()
    totals = {}
    for key in sorted(supplied, key=_nutrient_order().__getitem__):
        nutrient = nutrients[key]
        doses = by_nutrient.get(key, [])
        diet = diets.get(key, 0.0)
        if not doses and not diet:
            continue
        if len(doses) == 1:  # most nutrients come from one dose: no sums to set up
            only = doses[0]
            supplements = only.per_day
            formless = _toward_ul(only)
            sources: tuple[str, ...] = (only.item,)
        else:
            supplements = sum([dose.per_day for dose in doses])
            formless = sum([_toward_ul(dose) for dose in doses])  # what every UL without forms counts
            sources = tuple({dose.item_index: dose.item for dose in doses}.values())
        uses = []
        for limit in limits.get(key, ()):
            if limit.forms or limit.basis == "supplemental_folate":
                amount = counted(limit.basis, limit.forms, doses, diet)
            else:
                amount = formless + (diet if limit.basis in _WITH_DIET else 0.0)
            uses.append(
                record(LimitUse, limit.authority, limit.ul, limit.basis, amount, limit.source_title, limit.source_url)
            )
        if not uses:  # a Standard built without limits: the US UL from its values
            ul = values[key].ul
            uses.append(LimitUse("nasem", ul, nutrient.ul_basis, counted(nutrient.ul_basis, (), doses, diet), "", ""))
        # The binding limit is the one the regimen comes closest to (or goes furthest past): the stricter.
        binding = uses[0] if len(uses) == 1 else max(uses, key=_closeness)
        reference = values[key]
        totals[key] = record(
            NutrientTotal,
            key,
            nutrient.label,
            nutrient.unit,
            supplements,
            diet,
            supplements + diet,
            binding.basis,
            binding.amount_per_day,
            reference.target,
            reference.target_type,
            binding.ul,
            sources,
            binding.authority,
            tuple(uses),
            nutrient.ul_unit,
        )
    return totals


def _closeness(use: LimitUse) -> float:
    return -1.0 if use.percent is None else use.percent
