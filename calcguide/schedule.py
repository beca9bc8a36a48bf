"""A time-of-day plan: every dose of every medication and every intake of every item placed in an ordinary day.

Medications go where their labels put them (a bisphosphonate alone on waking, orlistat with meals); every mineral
or vitamin a medication binds is kept the documented hours from every one of its doses, around the clock. Which
nutrients and how many hours come from the interaction catalogue entry `check` reports for that drug
(data/interactions.yaml), so the two never give different intervals.
Within that, the intakes are arranged so that no time of day holds more than 500 mg of calcium when any
arrangement avoids it (and the plan says why when none does), calcium and iron supplements go apart, calcium
carbonate and fat-soluble vitamins go with meals, and binders stay with meals. Weekly and monthly medications get
their own "on ... days" lines. The plan never changes an amount. How each medication is taken and the day:
data/advice.yaml.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, NamedTuple

from . import data
from .catalog import catalog
from .doses import Frequency
from .intent import is_binder, prescribed
from .interaction_catalog import Hours, Interaction, interactions
from .medications import DrugMatch, read
from .normalize import NutrientDose, normalize
from .quantities import lower_label, number
from .regimen import Item, Regimen

SLOTS = ("on waking", "breakfast", "lunch", "dinner", "bedtime")
_ITEM_SLOTS = SLOTS[1:]  # nothing from the regimen is planned on waking: that is the empty-stomach medicines' time
_MEALS = ("breakfast", "lunch", "dinner")
_FAT_SOLUBLE = frozenset(("vitamin_d", "vitamin_k", "vitamin_a", "vitamin_e"))
_MINERALS = frozenset(("calcium", "magnesium", "iron", "zinc"))
# Where each number of daily intakes goes by preference: spread over the meals, then bedtime.
_SPREAD = {1: ("breakfast",), 2: ("breakfast", "dinner"), 3: _MEALS, 4: (*_MEALS, "bedtime")}
# Where doses of a medication taken with meals, or spread over the day, go.
_WITH_MEALS = {1: ("dinner",), 2: ("breakfast", "dinner"), 3: _MEALS}
_SPREAD_DOSES = {1: ("on waking",), 2: ("breakfast", "dinner"), 3: _MEALS, 4: (*_MEALS, "bedtime")}
MAX_CALCIUM_MG = 500  # per time of day: absorption is highest at 500 mg or less (NIH ODS Calcium fact sheet)
_DAY = 1440
_EXACT_LIMIT = 20_000  # arrangements searched exhaustively; beyond, a local search from the greedy plan

FAT = "with a meal that has some fat (vitamins D, K, A and E are fat-soluble)"
WITH_FOOD = "calcium carbonate is absorbed best with food"


class Entry(NamedTuple):
    slot: str
    what: str
    why: str
    day: str = ""  # "" every day; otherwise the days this line is for ("on Boniva days (monthly)")


class Schedule(NamedTuple):
    entries: tuple[Entry, ...]
    notes: tuple[str, ...]

    def by_slot(self) -> dict[str, list[Entry]]:
        """The entries by time of day: the everyday plan first, then each dosing day's own lines."""
        days = list(dict.fromkeys(entry.day for entry in self.entries))
        grouped: dict[str, list[Entry]] = {}
        for day in sorted(days, key=lambda d: d != ""):
            for slot in SLOTS:
                here = [e for e in self.entries if e.day == day and e.slot == slot]
                if here:
                    grouped[f"{slot}, {day}" if day else slot] = here
        return grouped


class Spacing(NamedTuple):
    """Nutrients to keep at least ``after`` minutes after each dose and ``before`` minutes before it; with
    ``apart`` ("at a different time of day"), anywhere but the dose's own time of day."""

    nutrients: tuple[str, ...]  # in the catalogue's order
    after: int
    before: int
    apart: str = ""

    def binds(self, nutrients: frozenset[str]) -> bool:
        return not nutrients.isdisjoint(self.nutrients)

    def allows(self, minute: int, dose: int, same_slot: bool) -> bool:
        return self.shortfall(minute, dose, same_slot) == 0

    def shortfall(self, minute: int, dose: int, same_slot: bool) -> int:
        """How many minutes short of the spacing an intake at ``minute`` is from a dose at ``dose`` (1 for an
        intake at the dose's own time of day when only a different time of day is asked for)."""
        if self.apart:
            return int(same_slot)
        return max(0, self.after - (minute - dose) % _DAY) + max(0, self.before - (dose - minute) % _DAY)

    @property
    def phrase(self) -> str:
        """The interval relative to the dose: "at least 4 hours after it or 2 hours before it"."""
        return self._phrase(None)

    def phrase_from(self, name: str) -> str:
        """The phrase with the medication named: "at least 2 hours apart from orlistat"."""
        return self._phrase(name)

    def _phrase(self, name: str | None) -> str:
        named = f" from {name}" if name else ""
        if self.apart:
            return f"{self.apart}{named}"
        if self.after == self.before:
            return f"at least {_duration(self.after)} apart{named}"
        dose = name or "it"
        if not self.before:
            return f"at least {_duration(self.after)} after {dose}"
        if not self.after:
            return f"at least {_duration(self.before)} before {dose}"
        return f"at least {_duration(self.after)} after {dose} or {_duration(self.before)} before it"


def _from_hours(nutrients: tuple[str, ...], hours: Hours) -> Spacing | None:
    """A catalogue interval as the plan measures it. The catalogue says where the drug goes ("the drug ``before``
    hours before the mineral, or ``after`` hours after it"); the plan says where the mineral goes: at least
    ``before`` hours after each dose and ``after`` hours before it. None: no interval is known to be enough."""
    if hours.before is None and hours.after is None:
        return Spacing(nutrients, 0, 0, hours.apart) if hours.apart else None
    return Spacing(nutrients, round(60 * (hours.before or 0)), round(60 * (hours.after or 0)))


class CatalogueSpacing(NamedTuple):
    """What the catalogue asks of a drug's doses: the spacings, and the entries that give no safe interval."""

    spacing: tuple[Spacing, ...]
    unspaceable: tuple[Interaction, ...]


def catalogue_spacing(
    match: DrugMatch, classes: frozenset[str] = frozenset(), route: str | None = None
) -> CatalogueSpacing:
    """The spacing of one drug from the catalogue entries ``check`` reports for it: the same drug -> entry
    resolution (the drug's own entries; a class named alone gets the class's entry, its drugs' longest interval),
    the entries with hours of both rules (mineral-drug-spacing and drug-nutrient), an entry's ``unless`` classes
    (``classes``: every class the medication list names), and, like mineral-drug-spacing, nothing to bind in the
    gut for a drug given by vein or injection. Entries with the same interval are merged."""
    merged: dict[tuple[int, int, str], dict[str, None]] = {}
    unspaceable = []
    for entry in _interval_entries():
        if not entry.concerns(match.drug, match.drug_class) or set(entry.unless) & classes:
            continue
        if route == "parenteral" and entry.kind == "spacing":
            continue
        assert entry.hours is not None
        nutrients = tuple(dict.fromkeys(n.nutrient for n in entry.nutrients))
        spacing = _from_hours(nutrients, entry.hours)
        if spacing is None:
            unspaceable.append(entry)
            continue
        merged.setdefault((spacing.after, spacing.before, spacing.apart), {}).update(dict.fromkeys(nutrients))
    return CatalogueSpacing(
        tuple(Spacing(tuple(n), after, before, apart) for (after, before, apart), n in merged.items()),
        tuple(unspaceable),
    )


@cache
def _interval_entries() -> tuple[Interaction, ...]:
    return tuple(entry for entry in interactions() if entry.hours is not None)


def _duration(minutes: int) -> str:
    if minutes % 60:
        return f"{minutes} minutes"
    hours = minutes // 60
    return f"{hours} hour" if hours == 1 else f"{hours} hours"


class Medication(NamedTuple):
    """One medication-list drug as the schedule takes it."""

    text: str  # the line as written
    shown: str  # its name as the list gives it ("Boniva")
    drug: str  # generic ("ibandronate")
    take: str
    doses: int  # doses on a day it is taken
    frequency: Frequency | None
    daily: bool
    spacing: tuple[Spacing, ...]  # from the catalogue
    unspaceable: tuple[Interaction, ...]  # catalogue entries that give no safe interval
    wait: int  # minutes with nothing else after it (a bisphosphonate)
    before_breakfast: int
    source: str

    @property
    def name(self) -> str:
        return self.drug if self.shown.lower() == self.drug.lower() else f"{self.drug} ({self.shown})"


@cache
def _settings() -> Mapping[str, Any]:
    settings: Mapping[str, Any] = data.load("advice")["schedule"]
    return settings


def medications(regimen: Regimen) -> tuple[list[Medication], list[str]]:
    """The profile's medications the schedule places, and notes on what it could not place or had to assume."""
    settings = _settings()["medications"]
    found: list[Medication] = []
    notes: list[str] = []
    classes = frozenset(m.drug_class for text in regimen.profile.medications for m in read(text).line.drugs)
    for text in regimen.profile.medications:
        reading = read(text)
        if reading.line.ambiguous:
            notes.append(f"'{text}' could be {' or '.join(reading.line.ambiguous)}: say which to have it placed.")
        for match, shown in zip(reading.line.drugs, reading.shown, strict=True):
            entry = settings.get(match.drug_class)
            if entry is None:
                continue
            own = {**entry, **entry.get("drugs", {}).get(match.drug, {})}
            frequency = reading.line.frequency
            if frequency is None:
                doses = int(own.get("per_day", 1))
                if own.get("say_if_unscheduled"):
                    notes.append(
                        f"'{text}' gives no schedule: planned as {_times(doses)} a day. If it is taken otherwise "
                        f"(weekly, monthly, twice daily), add that to the line, e.g. '{shown} weekly'."
                    )
            else:
                doses = frequency.intakes if frequency.period_days == 1 else max(1, round(frequency.per_day))
            daily = frequency is None or frequency.per_day >= 1
            spacing = catalogue_spacing(match, classes, reading.route)
            found.append(
                Medication(
                    text,
                    shown,
                    match.drug,
                    str(own["take"]),
                    doses,
                    frequency,
                    daily,
                    spacing.spacing,
                    spacing.unspaceable,
                    int(own.get("wait_minutes", 0)),
                    int(own.get("before_breakfast_minutes", 0)),
                    str(own["source"]),
                )
            )
    return found, notes


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


class _Dose(NamedTuple):
    medication: Medication
    slot: str
    minute: int
    why: str


def _place_medications(meds: list[Medication]) -> tuple[list[_Dose], dict[str, int], list[str]]:
    """Every dose of every medication, the times of day that result, and notes on conflicts between them."""
    times = {slot: int(minute) for slot, minute in _settings()["day"].items()}
    doses: list[_Dose] = []
    notes: list[str] = []
    first = [m for m in meds if m.take == "alone on waking"]
    empty = [m for m in meds if m.take == "empty stomach"]
    if len(first) > 1:
        notes.append(
            f"{' and '.join(m.name for m in first)} are all bisphosphonates: taking two is unusual; ask the prescriber."
        )
    minute = 0
    for med in first:
        others = "other medicines, levothyroxine included" if empty else "other medicines"
        doses.append(
            _Dose(
                med,
                "on waking",
                minute,
                f"{med.name}: first, alone on waking, with a full glass of plain water, sitting or standing; nothing "
                f"else (food, drink, {others}) for {med.wait} minutes ({med.drug} label).",
            )
        )
        minute += med.wait
    breakfast = times["breakfast"]
    for med in empty:
        if first:
            why = (
                f"{med.name}: {minute} minutes after {' and '.join(m.name for m in first)}, still on an empty "
                "stomach and at least "
                f"{med.before_breakfast} minutes before breakfast. This order follows the bisphosphonate label "
                f"(nothing, other medicines included, for {first[-1].wait} minutes after it); levothyroxine's label "
                "asks only for an empty stomach before breakfast."
            )
        else:
            why = f"{med.name}: on an empty stomach, at least {med.before_breakfast} minutes before breakfast."
        doses.append(_Dose(med, "on waking", minute, why))
        breakfast = max(breakfast, minute + med.before_breakfast)
    breakfast = max(breakfast, minute)
    if breakfast != times["breakfast"]:
        notes.append(
            f"Breakfast no earlier than {breakfast} minutes after waking that day "
            f"({' then '.join(m.name for m in [*first, *empty])} come first)."
        )
    times["breakfast"] = breakfast
    for med in meds:
        if med.take == "after breakfast":
            why = (
                f"{med.name}: right after breakfast, with at least 4 ounces of plain water; stay upright for 30 "
                "minutes. Calcium and other minerals at another time of day."
            )
            doses.append(_Dose(med, "breakfast", times["breakfast"] + 15, why))
        elif med.take == "with meals":
            slots = _WITH_MEALS.get(med.doses, _MEALS)
            if med.doses > len(_MEALS):
                notes.append(f"{med.text}: {med.doses} doses a day but 3 meals: the plan places one with each meal.")
            for slot in slots:
                doses.append(_Dose(med, slot, times[slot], f"{med.name}: with the meal."))
        elif med.take == "spread":
            slots = _SPREAD_DOSES.get(med.doses, (*_MEALS, "bedtime"))
            if med.doses > len(slots):
                notes.append(f"{med.text}: {med.doses} doses a day; the plan places {len(slots)}: space them evenly.")
            start = minute if first else 0  # after the bisphosphonate's wait
            for slot in slots:
                at = start if slot == "on waking" else times[slot]
                doses.append(_Dose(med, slot, at, ""))
    return [d._replace(why=_dose_why(d)) for d in doses], times, notes


def _dose_why(dose: _Dose) -> str:
    med = dose.medication
    if med.take != "spread":
        return dose.why
    spacing = "".join(f"; {_nutrient_list(s.nutrients)} {s.phrase}" for s in med.spacing)
    return f"{med.name}: {_times(med.doses)} a day, doses spread over the day{spacing}."


def _nutrient_list(nutrients: Iterable[str]) -> str:
    known = catalog().nutrients
    words = [lower_label(known[n].label) if n in known else n.replace("_", " ") for n in nutrients]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


class _Intake(NamedTuple):
    """What the plan needs to know about one item."""

    item_index: int
    item: Item
    nutrients: frozenset[str]
    calcium: float  # mg per intake
    times: int  # intakes on a day it is taken
    carbonate: bool
    binder: bool
    held: bool  # prescribed: never split
    iron: bool
    daily: bool


def _is_carbonate(item: Item) -> bool:
    """Calcium carbonate (named, or "(as carbonate)"); an unstated salt is treated as carbonate, the common one."""
    for dose in item.doses:
        text = f"{dose.dose.name} {dose.dose.form or ''}".lower()
        if "calcium" in text or "carbonate" in text:
            return "carbonate" in text or not any(salt in text for salt in ("citrate", "acetate", "gluconate"))
    return False


def _intakes(regimen: Regimen, doses: Iterable[NutrientDose]) -> list[_Intake]:
    by_item: dict[int, list[NutrientDose]] = {}
    for dose in doses:
        by_item.setdefault(dose.item_index, []).append(dose)
    found = []
    for index, item in enumerate(regimen.items):
        mine = by_item.get(index, [])
        calcium = sum(d.per_intake for d in mine if d.nutrient == "calcium")
        daily = item.frequency.per_day >= 1
        count = item.frequency.intakes if item.frequency.period_days == 1 else 1
        found.append(
            _Intake(
                index,
                item,
                frozenset(d.nutrient for d in mine),
                calcium,
                count,
                bool(calcium) and _is_carbonate(item),
                bool(calcium) and is_binder(item, regimen.profile),
                prescribed(item, mine),
                any(d.nutrient == "iron" for d in mine),
                daily,
            )
        )
    return found


Arrangement = dict[int, tuple[str, ...]]


class _Problem:
    """The choices for each item's intakes and what makes one arrangement better than another."""

    def __init__(self, intakes: list[_Intake], doses: list[_Dose], times: Mapping[str, int]) -> None:
        self.intakes = {i.item_index: i for i in intakes}
        self.doses = doses
        self.times = times
        iron_mg = float(_settings()["iron_apart_from_calcium_mg"])
        self.big_calcium = {i.item_index for i in intakes if i.calcium >= iron_mg}
        self.allowed: dict[int, tuple[str, ...]] = {}
        self.unspaced: set[int] = set()
        for intake in intakes:
            fine = tuple(slot for slot in _ITEM_SLOTS if not self.clashes(intake, slot))
            if intake.binder:
                meals = tuple(slot for slot in fine if slot in _MEALS)
                fine = meals if len(meals) >= min(intake.times, 3) else _MEALS
            if not fine:
                fine = _ITEM_SLOTS
                self.unspaced.add(intake.item_index)
            self.allowed[intake.item_index] = fine

    def clashes(self, intake: _Intake, slot: str) -> list[_Dose]:
        minute = self.times[slot]
        return [
            dose
            for dose in self.doses
            if any(
                s.binds(intake.nutrients) and not s.allows(minute, dose.minute, slot == dose.slot)
                for s in dose.medication.spacing
            )
        ]

    def shortfall(self, intake: _Intake, slot: str) -> int:
        """Minutes short of every spacing, summed over the doses an intake at ``slot`` is too close to."""
        minute = self.times[slot]
        return sum(
            spacing.shortfall(minute, dose.minute, slot == dose.slot)
            for dose in self.doses
            for spacing in dose.medication.spacing
            if spacing.binds(intake.nutrients)
        )

    def options(self, index: int) -> list[tuple[str, ...]]:
        intake = self.intakes[index]
        allowed = self.allowed[index]
        if intake.times <= len(allowed):
            return list(itertools.combinations(allowed, intake.times))
        return [tuple(allowed[i % len(allowed)] for i in range(intake.times))]

    def load(self, arrangement: Arrangement) -> dict[str, float]:
        load = dict.fromkeys(_ITEM_SLOTS, 0.0)
        for index, slots in arrangement.items():
            for slot in set(slots):  # intakes sharing a time of day are told to leave hours between them
                load[slot] += self.intakes[index].calcium
        return load

    def own_cost(self, index: int, slots: tuple[str, ...]) -> tuple[int, int, int, int, int]:
        """What one item's placement costs on its own: clashes, shared slots, food, the usual spread, order."""
        intake = self.intakes[index]
        clashes = sum(self.shortfall(intake, slot) for slot in slots)
        shared = len(slots) - len(set(slots))
        off_meal = sum(slot not in _MEALS for slot in slots) if intake.carbonate or intake.binder else 0
        fat = sum(slot not in _MEALS for slot in slots) if intake.nutrients & _FAT_SOLUBLE else 0
        preferred = _SPREAD.get(intake.times, ())
        spread = sum(slot not in preferred for slot in slots)
        return clashes, shared, off_meal + fat, spread, sum(SLOTS.index(slot) for slot in slots)

    def stacked(self, arrangement: Arrangement) -> dict[str, float]:
        """Per time of day, the calcium over 500 mg that comes from putting intakes together (an intake that is
        over 500 mg on its own is over wherever it goes, so it does not count against the arrangement)."""
        load = self.load(arrangement)
        largest = dict.fromkeys(_ITEM_SLOTS, 0.0)
        for index, slots in arrangement.items():
            for slot in slots:
                largest[slot] = max(largest[slot], self.intakes[index].calcium)
        return {
            slot: mg - max(MAX_CALCIUM_MG, largest[slot])
            for slot, mg in load.items()
            if mg > max(MAX_CALCIUM_MG, largest[slot]) + 1e-9
        }

    def cost(self, arrangement: Arrangement) -> tuple[float, ...]:
        load = self.load(arrangement)
        over = list(self.stacked(arrangement).values())
        iron = 0
        for index, slots in arrangement.items():
            if self.intakes[index].iron:
                iron += sum(
                    slot in arrangement[other]
                    for slot in slots
                    for other in self.big_calcium
                    if other != index and other in arrangement
                )
        own = [self.own_cost(index, slots) for index, slots in arrangement.items()]
        return (
            sum(c[0] for c in own),
            sum(c[1] for c in own),
            len(over),
            iron,
            round(sum(over), 6),
            sum(c[2] for c in own),
            sum(c[3] for c in own),
            round(sum(mg * mg for mg in load.values()), 3),
            sum(c[4] for c in own),
        )


def _arrange(problem: _Problem) -> Arrangement:
    """The best arrangement: exhaustive over the items that share calcium or iron, when that is small enough."""
    coupled = [i for i, intake in problem.intakes.items() if intake.calcium or intake.iron]
    arrangement: Arrangement = {}
    for index in problem.intakes:
        if index not in coupled:  # nothing else depends on where it goes
            arrangement[index] = min(problem.options(index), key=lambda slots: problem.own_cost(index, slots))
    choices = [problem.options(index) for index in coupled]
    if math.prod(len(c) for c in choices) <= _EXACT_LIMIT:
        best = min(
            itertools.product(*choices),
            key=lambda combo: problem.cost(dict(zip(coupled, combo, strict=True))),
            default=(),
        )
        arrangement.update(zip(coupled, best, strict=True))
        return arrangement
    for index, options in zip(coupled, choices, strict=True):  # greedy, then improve one item at a time
        arrangement[index] = min(options, key=lambda slots: problem.cost({**arrangement, index: slots}))
    for _ in range(20):
        improved = False
        for index, options in zip(coupled, choices, strict=True):
            best_slots = min(options, key=lambda slots: problem.cost({**arrangement, index: slots}))
            if problem.cost({**arrangement, index: best_slots}) < problem.cost(arrangement):
                arrangement[index] = best_slots
                improved = True
        if not improved:
            break
    return arrangement


def _reasons(problem: _Problem, intake: _Intake, slot: str, arrangement: Arrangement) -> str:
    reasons = []
    if not intake.daily:
        reasons.append(f"taken {intake.item.frequency.text}: on its days only")
    fat_spacing = [
        d.medication
        for d in problem.doses
        if any(s.binds(intake.nutrients & _FAT_SOLUBLE) for s in d.medication.spacing)
    ]
    described = None  # the medication the fat-soluble reason already names
    if intake.nutrients & _FAT_SOLUBLE:
        if slot in _MEALS:
            reasons.append(FAT)
        elif fat_spacing:
            described = fat_spacing[0]
            phrases = [s.phrase_from(described.name) for s in described.spacing if s.binds(intake.nutrients)]
            reasons.append(
                f"at {slot}, {' and '.join(phrases)}, which reduces the absorption of vitamins A, D, E and K"
            )
        else:
            reasons.append("vitamins D, K, A and E are absorbed best with some fat: take it with a snack")
    if intake.binder:
        reasons.append("a phosphate binder: with the meal by design (it binds the meal's phosphate)")
    elif intake.carbonate:
        reasons.append(WITH_FOOD if slot in _MEALS else f"{WITH_FOOD}: take it with a snack")
    if intake.calcium:
        reasons.append(f"{number(intake.calcium)} mg calcium per intake")
    if intake.iron and any(other != intake.item_index for other in problem.big_calcium):
        reasons.append("apart from calcium (calcium reduces iron absorption)")
    close = {d.medication.name for d in problem.clashes(intake, slot)}
    spaced = {
        d.medication.name: " and ".join(phrases)
        for d in problem.doses
        if d.medication != described
        and (phrases := [s.phrase for s in d.medication.spacing if s.binds(intake.nutrients)])
    }
    reasons += [
        f"too close to {name}, which needs {phrase} (see the notes)"
        if name in close
        else f"spaced from {name}: {phrase}"
        for name, phrase in spaced.items()
    ]
    return "; ".join(reasons) or "any time; with a meal is easiest to remember"


def _calcium_notes(problem: _Problem, arrangement: Arrangement) -> list[str]:
    notes = []
    for index in arrangement:
        intake = problem.intakes[index]
        if intake.calcium <= MAX_CALCIUM_MG + 1e-9:
            continue
        head = f"{intake.item.label}: {number(intake.calcium)} mg calcium in one intake, more than 500 mg at once"
        if intake.binder:
            notes.append(f"{head}; a phosphate binder is taken with meals by design: its dose is the nephrologist's.")
        elif intake.held:
            notes.append(f"{head}; it is prescribed: ask the prescriber whether it can be taken in smaller doses.")
        else:
            notes.append(f"{head}; 'calcguide suggest' splits it.")
    load = problem.load(arrangement)
    stacked = problem.stacked(arrangement)
    for slot in _ITEM_SLOTS:
        here = [i for i, slots in arrangement.items() if slot in slots and problem.intakes[i].calcium]
        if slot not in stacked:
            continue
        calcium = [i for i in arrangement if problem.intakes[i].calcium]
        allowed = [s for s in _ITEM_SLOTS if any(s in problem.allowed[i] for i in calcium)]
        count = sum(problem.intakes[i].times for i in calcium)
        why = []
        if problem.doses and any(problem.clashes(problem.intakes[i], s) for i in calcium for s in _ITEM_SLOTS):
            why.append("spacing from the medications")
        if any(problem.intakes[i].binder for i in calcium):
            why.append("binders with meals")
        notes.append(
            f"{number(load[slot])} mg calcium at {slot} ({'; '.join(problem.intakes[i].item.label for i in here)}): "
            f"more than 500 mg at once, and no arrangement calcguide found avoids it: {count} calcium intakes a day "
            f"can go only at {', '.join(allowed)}{' (' + ', '.join(why) + ')' if why else ''}. 'calcguide suggest' "
            "splits or lowers them."
        )
    return notes


def _day(intakes: list[_Intake], meds: list[Medication]) -> tuple[list[Entry], list[str], Arrangement]:
    doses, times, notes = _place_medications(meds)
    problem = _Problem(intakes, doses, times)
    arrangement = _arrange(problem)
    entries = [Entry(d.slot, d.medication.text, d.why) for d in sorted(doses, key=lambda d: d.minute)]
    for intake in intakes:
        for slot in sorted(set(arrangement[intake.item_index]), key=SLOTS.index):
            entries.append(Entry(slot, intake.item.label, _reasons(problem, intake, slot, arrangement)))
        if intake.item_index in problem.unspaced:
            clashing = {d.medication.name for s in arrangement[intake.item_index] for d in problem.clashes(intake, s)}
            notes.append(
                f"{intake.item.label} cannot be spaced from every dose of {' and '.join(sorted(clashing))} in an "
                "ordinary day: ask the pharmacist or prescriber (a mineral can often be paused during a short course)."
            )
        elif intake.binder and any(problem.clashes(intake, s) for s in arrangement[intake.item_index]):
            clashing = {d.medication.name for s in arrangement[intake.item_index] for d in problem.clashes(intake, s)}
            notes.append(
                f"{intake.item.label} is a binder taken with meals, too close to {' and '.join(sorted(clashing))}: "
                "ask the prescriber how to time them."
            )
        if len(set(arrangement[intake.item_index])) < intake.times:
            shared = len(set(arrangement[intake.item_index]))
            notes.append(
                f"{intake.item.label}: {intake.times} intakes share {shared} times of day; leave a few hours "
                "between them."
            )
    notes += _calcium_notes(problem, arrangement)
    entries.sort(key=lambda e: SLOTS.index(e.slot))
    return entries, notes, arrangement


def _unspaceable_notes(meds: list[Medication], intakes: list[_Intake]) -> list[str]:
    """Where the catalogue knows no interval that is enough (raltegravir and magnesium), the plan cannot space
    them: it says so, with the catalogue's advice, rather than invent an interval."""
    notes = []
    for med in meds:
        for entry in med.unspaceable:
            named = tuple(dict.fromkeys(n.nutrient for n in entry.nutrients))
            items = [i.item.label for i in intakes if not i.nutrients.isdisjoint(named)]
            if items:
                supplied = [n for n in named if any(n in i.nutrients for i in intakes)]
                notes.append(
                    f"{' and '.join(items)}: {_nutrient_list(supplied)} with {med.name}, for which no interval is "
                    f"known to be enough, so the plan does not space them. {entry.advice}".rstrip()
                )
    return notes


def plan(regimen: Regimen) -> Schedule:
    """Place every medication dose and every item intake; weekly and monthly medications on their own days."""
    meds, notes = medications(regimen)
    intakes = _intakes(regimen, normalize(regimen).doses)
    notes += _unspaceable_notes(meds, intakes)
    daily = [m for m in meds if m.daily]
    entries, day_notes, arrangement = _day(intakes, daily)
    notes += day_notes
    for intake in intakes:
        if not intake.daily:
            notes.append(f"{intake.item.label} is taken {intake.item.frequency.text}: on its days, as placed above.")
    for med in (m for m in meds if not m.daily):
        assert med.frequency is not None
        label = f"on {med.shown} days ({med.frequency.text})"
        special, special_notes, moved = _day(intakes, [*daily, med])
        extra = [e for e in special if e not in entries]
        for index, slots in moved.items():
            if slots != arrangement[index]:
                item = regimen.items[index].label
                was = " and ".join(sorted(set(arrangement[index]), key=SLOTS.index))
                extra = [
                    e._replace(why=f"that day instead of {was}; {e.why}") if e.what == item and e in extra else e
                    for e in extra
                ]
        entries += [e._replace(day=label) for e in extra]
        notes.append(
            f"{med.name} is taken {med.frequency.text}: its spacing applies on its dosing days only, listed as "
            f"'{label}'; on other days follow the everyday plan."
        )
        notes += [n for n in special_notes if n not in notes]
    return Schedule(tuple(entries), tuple(dict.fromkeys(notes)))
