"""What a rule is (a declared unit with its own docs and thresholds), what it finds, and the registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from functools import cache, lru_cache
from typing import Final, NamedTuple

from .. import data
from ..catalog import ConditionClass, MedicationClass, catalog
from ..errors import Location
from ..interaction_catalog import binder_items
from ..medications import DrugMatch, MedicationReading, read, read_condition
from ..normalize import Normalized, NutrientDose
from ..reference import Standard
from ..regimen import Profile, Regimen
from ..totals import NutrientTotal


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS: Final = {severity: ("info", "warning", "error").index(severity.value) for severity in Severity}


class Evidence(NamedTuple):
    title: str
    url: str


@cache  # the catalogue's few citation lists, asked for by every finding that cites them
def evidence(*ids: str) -> tuple[Evidence, ...]:
    """Citations by their id in data/evidence.yaml."""
    table = data.load("evidence")["evidence"]
    return tuple(Evidence(table[key]["title"], table[key]["url"]) for key in ids)


class Hit(NamedTuple):
    """What a rule's check reports; the engine adds the rule's name, code and default severity and evidence."""

    message: str
    nutrient: str | None = None
    severity: Severity | None = None
    evidence: tuple[Evidence, ...] = ()
    location: Location | None = None


class Finding(NamedTuple):
    rule: str
    code: str
    severity: Severity
    nutrient: str | None
    message: str
    evidence: tuple[Evidence, ...]
    location: Location | None = None


class Taken(NamedTuple):
    """One drug of the profile's medication list, with the name reports use for it and the line it came from."""

    match: DrugMatch
    shown: str  # "Synthroid", "hydrochlorothiazide (in Hyzaar)": the catalogue's spelling, never the line's
    line: MedicationReading


class Context:
    """Everything a rule may look at: the regimen, its converted doses, totals and the profile's matches.

    Built once per evaluation; the per-nutrient groupings are computed up front because every rule asks.
    Medications and conditions are matched through calcguide.medications, so "Fosamax 70 mg weekly" is
    alendronate, and messages name drugs by the catalogue's spelling: a strength or a schedule added to a name
    never changes a finding.
    """

    __slots__ = (
        "_by_nutrient",
        "binders",
        "conditions",
        "drugs",
        "medications",
        "normalized",
        "regimen",
        "standard",
        "totals",
    )

    def __init__(
        self, regimen: Regimen, standard: Standard, normalized: Normalized, totals: Mapping[str, NutrientTotal]
    ) -> None:
        self.regimen = regimen
        self.standard = standard
        self.normalized = normalized
        self.totals = totals
        self._by_nutrient: dict[str, list[NutrientDose]] = {}
        for dose in normalized.doses:
            self._by_nutrient.setdefault(dose.nutrient, []).append(dose)
        known = catalog()
        profile = regimen.profile
        #: Every drug the medication list names, in its order; a topical line (a cream, eye drops) is left out:
        #: the catalogue's interactions concern medicines taken by mouth or injection.
        self.drugs = tuple(
            Taken(match, shown, reading)
            for reading in map(read, (*profile.medications, *(m.name for m in normalized.medicines)))
            if reading.route != "topical"
            for match, shown in zip(reading.line.drugs, reading.shown, strict=True)
        )  # a medicine written as a regimen item ("0.25 mcg calcitriol") is taken too
        #: Matched medication classes and conditions by id, with the names reports use for them.
        self.medications: dict[str, tuple[MedicationClass, list[str]]] = {}
        for taken in self.drugs:
            entry = self.medications.setdefault(
                taken.match.drug_class, (known.medication_classes[taken.match.drug_class], [])
            )
            if taken.shown not in entry[1]:
                entry[1].append(taken.shown)
        self.conditions: dict[str, tuple[ConditionClass, list[str]]] = {}
        for line in map(read_condition, profile.conditions):
            for condition, shown in zip(line.conditions, line.shown, strict=True):
                found = self.conditions.setdefault(condition, (known.condition_classes[condition], []))
                if shown not in found[1]:
                    found[1].append(shown)
        #: Items that are calcium-based phosphate binders (taken with meals by design).
        self.binders = binder_items(regimen, normalized.doses, self.conditions)

    def doses(self, nutrient: str) -> list[NutrientDose]:
        return self._by_nutrient.get(nutrient, [])

    def per_day(self, nutrient: str) -> float:
        """The supplements' amount per day (not the diet's)."""
        total = self.totals.get(nutrient)
        return total.amount_per_day if total else 0.0

    def item_doses(self, index: int) -> list[NutrientDose]:
        """Every converted dose of the regimen's item ``index``, whatever its nutrient."""
        return [dose for dose in self.normalized.doses if dose.item_index == index]

    def per_intake_by_item(self, nutrient: str) -> dict[int, list[NutrientDose]]:
        by_item: dict[int, list[NutrientDose]] = {}
        for dose in self.doses(nutrient):
            by_item.setdefault(dose.item_index, []).append(dose)
        return by_item


Check = Callable[[Context, Mapping[str, float]], Iterator[Hit]]

#: The DRI life-stage groups, in the tables' order.
GROUPS: Final = ("infants", "children", "males", "females", "pregnancy", "lactation")
FULL: Final = "full"
CAPPED: Final = "capped"


def profile_group(profile: Profile) -> str | None:
    """The DRI group a profile falls in; None for an adult of unstated sex (males and females both apply).

    A missing age is an adult's, as the reference values assume; months are counted as in reference.py.
    """
    if profile.pregnant:
        return "pregnancy"
    if profile.lactating:
        return "lactation"
    if profile.age_years is not None:
        months = round(profile.age_years * 12, 9)
        if months < 12:
            return "infants"
        if months < 108:
            return "children"
    return None if profile.sex is None else f"{profile.sex}s"


class Scope(NamedTuple):
    """Who a rule is for: the life-stage groups and minimum age where it speaks, and where it only informs.

    Outside its groups, or below ``min_age_years``, the engine keeps the rule quiet. In the ``info_only`` groups a
    finding is at most info and ends with ``info_only_note`` ("{group}" becomes "pregnancy" or "lactation").
    ``why`` is the reason, printed by ``calcguide explain`` with the scope itself.
    """

    why: str
    groups: tuple[str, ...] = GROUPS
    min_age_years: float = 0.0
    info_only: tuple[str, ...] = ()
    info_only_note: str = ""

    def reach(self, profile: Profile) -> str | None:
        """FULL, CAPPED (at most info) or None (quiet) for ``profile``."""
        return _reach(self, profile.age_years, profile.sex, profile.pregnant, profile.lactating)

    def bound(self, profile: Profile, severity: Severity, message: str) -> tuple[Severity, str]:
        """A finding's severity and message as the scope allows them for ``profile`` (which it reaches)."""
        if self.reach(profile) != CAPPED:
            return severity, message
        note = self.info_only_note.format(group=profile_group(profile))
        return Severity.INFO, f"{message} {note}" if note else message

    @property
    def text(self) -> str:
        """The scope in words, for ``explain``: who, where it is capped, and why."""
        listed = [group for group in GROUPS if group in self.groups]
        if len(listed) == len(GROUPS) and not self.min_age_years and not self.info_only:
            words = "Every life stage (infants, children, adults, pregnancy and lactation)."
        else:
            names = f"{', '.join(listed[:-1])} and {listed[-1]}" if len(listed) > 1 else listed[0]
            age = f"From {self.min_age_years:g} years of age: " if self.min_age_years else "Only "
            words = f"{age}{names}; quiet for everyone else."
            if self.info_only:
                capped = " and ".join(self.info_only)
                words += f" In {capped} at most info, adding: {self.info_only_note.format(group=capped)}"
        return f"{words} Why: {' '.join(self.why.split())}"


@lru_cache(maxsize=1024)  # only these fields decide, and a batch meets the same few life stages over and over
def _reach(scope: Scope, age_years: float | None, sex: str | None, pregnant: bool, lactating: bool) -> str | None:
    profile = Profile(age_years, sex, pregnant, lactating)
    if profile.age_years is not None and round(profile.age_years * 12, 9) < round(scope.min_age_years * 12, 9):
        return None
    group = profile_group(profile)
    if group is None:  # an adult of unstated sex: in scope if either sex is
        return FULL if {"males", "females"} & set(scope.groups) else None
    if group not in scope.groups:
        return None
    return CAPPED if group in scope.info_only else FULL


class Rule(NamedTuple):
    """A declared rule: identity, docs, default thresholds, and one pure check function.

    ``fires`` and ``quiet`` are one-line regimens that must and must not trigger it; the tests run them, so
    the documented examples cannot drift from the behaviour.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    evidence: tuple[Evidence, ...]
    check: Check
    fires: str
    quiet: str
    thresholds: Mapping[str, float] = {}
    profile: Mapping[str, object] = {}
    applies_to: Scope | None = None  # None: not declared (a test requires every rule to declare it)


REGISTRY: Final[dict[str, Rule]] = {}


def rule(
    *,
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    rationale: str,
    evidence: tuple[Evidence, ...],
    fires: str,
    quiet: str,
    thresholds: Mapping[str, float] | None = None,
    profile: Mapping[str, object] | None = None,
    applies_to: Scope | None = None,
) -> Callable[[Check], Check]:
    """Declare ``check`` as a rule and add it to the registry (``profile`` is the examples' profile).

    ``applies_to`` says which life stages the rule is for; every rule must declare it (a test checks).
    """

    def register(check: Check) -> Check:
        if name in REGISTRY or any(existing.code == code for existing in REGISTRY.values()):
            raise ValueError(f"rule {code} {name} is declared twice")
        REGISTRY[name] = Rule(
            code,
            name,
            severity,
            summary,
            " ".join(rationale.split()),
            evidence,
            check,
            fires,
            quiet,
            dict(thresholds or {}),
            dict(profile or {}),
            applies_to,
        )
        return check

    return register
