"""Per-day totals of each nutrient across all items, with the amount the UL applies to."""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import catalog
from .normalize import Normalized
from .reference import Standard


@dataclass(frozen=True)
class NutrientTotal:
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
        if nutrient.ul_basis == "supplemental":
            ul_amount = supplements
        elif nutrient.ul_basis == "preformed":  # diet vitamin A counts in full: its preformed share is unknown
            ul_amount = sum(dose.per_day for dose in doses if dose.counts_toward_ul) + diet
        else:
            ul_amount = supplements + diet
        reference = standard.values[nutrient.id]
        totals[nutrient.id] = NutrientTotal(
            nutrient.id,
            nutrient.label,
            nutrient.unit,
            supplements,
            diet,
            supplements + diet,
            nutrient.ul_basis,
            ul_amount,
            reference.target,
            reference.target_type,
            reference.ul,
            tuple(dict.fromkeys(dose.item for dose in doses)),
        )
    return totals
