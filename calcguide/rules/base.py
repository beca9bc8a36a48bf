"""What a rule is (a declared unit with its own docs and thresholds), what it finds, and the registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from typing import NamedTuple

from .. import data
from ..catalog import ConditionClass, MedicationClass, catalog
from ..errors import Location
from ..interaction_catalog import binder_items
from ..medications import DrugMatch, MedicationReading, read, read_condition
from ..normalize import Normalized, NutrientDose
from ..reference import Standard
from ..regimen import Regimen
from ..totals import NutrientTotal


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)


class Evidence(NamedTuple):
    title: str
    url: str


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

    def per_intake_by_item(self, nutrient: str) -> dict[int, list[NutrientDose]]:
        by_item: dict[int, list[NutrientDose]] = {}
        for dose in self.doses(nutrient):
            by_item.setdefault(dose.item_index, []).append(dose)
        return by_item


Check = Callable[[Context, Mapping[str, float]], Iterator[Hit]]


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


REGISTRY: dict[str, Rule] = {}


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
) -> Callable[[Check], Check]:
    """Declare ``check`` as a rule and add it to the registry (``profile`` is the examples' profile)."""

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
        )
        return check

    return register
