"""Per-day totals of each nutrient across all items, with the amount the UL applies to."""

from __future__ import annotations

from typing import NamedTuple

from .catalog import catalog
from .normalize import Normalized
from .reference import Standard


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
    vitamin E), or preformed vitamin A only.
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

    @property
    def percent_ul(self) -> float | None:
        return None if not self.ul else 100 * self.ul_amount_per_day / self.ul

    @property
    def percent_target(self) -> float | None:
        return None if not self.target else 100 * self.total_per_day / self.target


def compute_totals(normalized: Normalized, standard: Standard) -> dict[str, NutrientTotal]:
    """Totals for every nutrient the regimen or the diet supplies, in the reference tables' order."""
    totals = {}
    for nutrient in catalog().nutrients.values():
        doses = [dose for dose in normalized.doses if dose.nutrient == nutrient.id]
        diet = normalized.diet.get(nutrient.id, 0.0)
        if not doses and not diet:
            continue
        supplements = sum(dose.per_day for dose in doses)
        preformed = sum(dose.per_day for dose in doses if dose.counts_toward_ul)
        # Diet vitamin A counts in full toward the preformed UL: its preformed share is unknown.
        counted = {"supplemental": supplements, "preformed": preformed + diet, "total": supplements + diet}
        uses = tuple(
            LimitUse(limit.authority, limit.ul, limit.basis, counted[limit.basis], limit.source_title, limit.source_url)
            for limit in standard.limits.get(nutrient.id, ())
        )
        if not uses:  # a Standard built without limits: the US UL from its values
            ul = standard.values[nutrient.id].ul
            uses = (LimitUse("nasem", ul, nutrient.ul_basis, counted[nutrient.ul_basis], "", ""),)
        # The binding limit is the one the regimen comes closest to (or goes furthest past): the stricter.
        binding = max(uses, key=lambda use: -1.0 if use.percent is None else use.percent)
        reference = standard.values[nutrient.id]
        totals[nutrient.id] = NutrientTotal(
            nutrient.id,
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
            tuple({dose.item_index: dose.item for dose in doses}.values()),
            binding.authority,
            uses,
        )
    return totals
