"""What an item is for, beyond its dose: a prescription (stated, or implied by its strength) or a phosphate binder.

Rules word their findings and ``suggest`` and ``schedule`` keep their hands off by these: a prescribed dose and a
binder's dose are the prescriber's and the nephrologist's to change, and a binder is taken with meals by design.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from . import data
from .catalog import catalog, fold
from .memo import remembered
from .normalize import NutrientDose
from .quantities import vitamin_d_iu
from .regimen import Item, Profile


def prescription_iu() -> float:
    """The single vitamin D intake from which a dose is prescription strength in the US (advice.yaml)."""
    return float(data.load("advice")["prescription"]["vitamin_d_iu"])


def prescribed(item: Item, doses: Iterable[NutrientDose]) -> bool:
    """Whether ``item`` is taken under a prescription: the file says so, or (unless it says ``prescribed: false``)
    one intake holds prescription-strength vitamin D. ``doses`` are the item's converted doses."""
    if item.prescribed is not None:
        return item.prescribed
    d_mcg = sum(dose.per_intake for dose in doses if dose.nutrient == "vitamin_d")
    return d_mcg > 0 and vitamin_d_iu(d_mcg) >= prescription_iu()


@cache
def _binder_words() -> tuple[frozenset[str], frozenset[str]]:
    binders = data.load("advice")["binders"]
    return frozenset(fold(p) for p in binders["purposes"]), frozenset(fold(n) for n in binders["calcium_salts"])


def has_ckd(profile: Profile) -> bool:
    return _names_ckd(tuple(profile.conditions))


@remembered(1024)  # per condition list as written: the same few lines recur across a batch
def _names_ckd(conditions: tuple[str, ...]) -> bool:
    known = catalog()
    return any(
        (condition := known.condition(name)) is not None and condition.id == "chronic_kidney_disease"
        for name in conditions
    )


def is_binder(item: Item, profile: Profile) -> bool:
    """A phosphate binder: ``purpose: phosphate binder``, or a calcium acetate product taken in kidney disease."""
    purposes, salts = _binder_words()
    if item.purpose is not None:
        return fold(item.purpose) in purposes
    if not has_ckd(profile):
        return False
    named = {fold(item.label)} | {fold(f"{dose.dose.name} {dose.dose.form or ''}") for dose in item.doses}
    return any(salt in name for name in named for salt in salts)
