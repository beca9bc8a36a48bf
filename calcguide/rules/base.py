"""What a rule is (a declared unit with its own docs and thresholds), what it finds, and the registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TypeVar

from .. import data
from ..catalog import ConditionClass, MedicationClass, catalog
from ..errors import Location
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


@dataclass(frozen=True)
class Evidence:
    title: str
    url: str


def evidence(*ids: str) -> tuple[Evidence, ...]:
    """Citations by their id in data/evidence.yaml."""
    table = data.load("evidence")["evidence"]
    return tuple(Evidence(table[key]["title"], table[key]["url"]) for key in ids)


@dataclass(frozen=True)
class Hit:
    """What a rule's check reports; the engine adds the rule's name, code and default severity and evidence."""

    message: str
    nutrient: str | None = None
    severity: Severity | None = None
    evidence: tuple[Evidence, ...] = ()
    location: Location | None = None


@dataclass(frozen=True)
class Finding:
    rule: str
    code: str
    severity: Severity
    nutrient: str | None
    message: str
    evidence: tuple[Evidence, ...]
    location: Location | None = None


@dataclass(frozen=True)
class Context:
    """Everything a rule may look at: the regimen, its converted doses, totals and the profile's matches."""

    regimen: Regimen
    standard: Standard
    normalized: Normalized
    totals: Mapping[str, NutrientTotal]

    def doses(self, nutrient: str) -> list[NutrientDose]:
        return [dose for dose in self.normalized.doses if dose.nutrient == nutrient]

    def per_day(self, nutrient: str) -> float:
        """The supplements' amount per day (not the diet's)."""
        total = self.totals.get(nutrient)
        return total.amount_per_day if total else 0.0

    def per_intake_by_item(self, nutrient: str) -> dict[int, list[NutrientDose]]:
        by_item: dict[int, list[NutrientDose]] = {}
        for dose in self.doses(nutrient):
            by_item.setdefault(dose.item_index, []).append(dose)
        return by_item

    @cached_property
    def medications(self) -> dict[str, tuple[MedicationClass, list[str]]]:
        """Matched medication classes by id, with the names the profile used for them."""
        return _matched(self.regimen.profile.medications, catalog().medication)

    @cached_property
    def conditions(self) -> dict[str, tuple[ConditionClass, list[str]]]:
        return _matched(self.regimen.profile.conditions, catalog().condition)


_Class = TypeVar("_Class", MedicationClass, ConditionClass)


def _matched(names: tuple[str, ...], lookup: Callable[[str], _Class | None]) -> dict[str, tuple[_Class, list[str]]]:
    found: dict[str, tuple[_Class, list[str]]] = {}
    for name in names:
        match = lookup(name)
        if match is not None:
            found.setdefault(match.id, (match, []))[1].append(name)
    return found


Check = Callable[[Context, Mapping[str, float]], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
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
    thresholds: Mapping[str, float] = field(default_factory=dict)
    profile: Mapping[str, object] = field(default_factory=dict)


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
