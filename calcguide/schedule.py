"""A time-of-day plan: fat-soluble vitamins and calcium carbonate with meals, calcium split into well-absorbed
doses, and minerals spaced from interacting medications by the documented hours.

The plan places whole intakes into the slots of an ordinary day; it never changes an amount.
"""

from __future__ import annotations

from typing import NamedTuple

from .catalog import catalog
from .normalize import normalize
from .quantities import number
from .regimen import Regimen

SLOTS = ("on waking", "breakfast", "lunch", "dinner", "bedtime")
_MEALS = ("breakfast", "lunch", "dinner")
_FAT_SOLUBLE = ("vitamin_d", "vitamin_k", "vitamin_a", "vitamin_e")
_MINERALS = ("calcium", "magnesium")
# Where each number of daily intakes goes: spread over the meals, then bedtime.
_SPREAD = {1: ("breakfast",), 2: ("breakfast", "dinner"), 3: _MEALS, 4: (*_MEALS, "bedtime")}
# Drugs taken on waking that minerals must follow by hours: the first slot minerals may use.
_FIRST_MINERAL_SLOT = {"levothyroxine": "lunch", "bisphosphonate": "breakfast", "tetracycline": "lunch",
                       "fluoroquinolone": "lunch"}  # fmt: skip


class Entry(NamedTuple):
    slot: str
    what: str
    why: str


class Schedule(NamedTuple):
    entries: tuple[Entry, ...]
    notes: tuple[str, ...]

    def by_slot(self) -> dict[str, list[Entry]]:
        grouped: dict[str, list[Entry]] = {slot: [] for slot in SLOTS}
        for entry in self.entries:
            grouped[entry.slot].append(entry)
        return {slot: entries for slot, entries in grouped.items() if entries}


def _is_carbonate(regimen: Regimen, index: int) -> bool:
    """Calcium carbonate (named, or "(as carbonate)"); an unstated salt is treated as carbonate, the common one."""
    for dose in regimen.items[index].doses:
        text = f"{dose.dose.name} {dose.dose.form or ''}".lower()
        if "calcium" in text or "carbonate" in text:
            return "carbonate" in text or "citrate" not in text
    return False


def plan(regimen: Regimen) -> Schedule:
    """Place every intake of every item, and each spacing medication, into the day."""
    known = catalog()
    meds = {m.id: (m, name) for name in regimen.profile.medications if (m := known.medication(name)) is not None}
    entries: list[Entry] = []
    notes: list[str] = []
    earliest = "breakfast"
    for med_id, (med, name) in meds.items():
        if med_id in _FIRST_MINERAL_SLOT:
            entries.append(Entry("on waking", name, f"{med.label}: on an empty stomach. {med.spacing}"))
            if SLOTS.index(_FIRST_MINERAL_SLOT[med_id]) > SLOTS.index(earliest):
                earliest = _FIRST_MINERAL_SLOT[med_id]
    mineral_slots = [slot for slot in SLOTS[1:] if SLOTS.index(slot) >= SLOTS.index(earliest)]
    calcium_at = dict.fromkeys(SLOTS, 0.0)
    doses = normalize(regimen).doses
    for index, item in enumerate(regimen.items):
        mine = [d for d in doses if d.item_index == index]
        nutrients = {d.nutrient for d in mine}
        calcium = sum(d.per_intake for d in mine if d.nutrient == "calcium")
        count = 1 if item.frequency.per_day < 1 else item.frequency.intakes
        if item.frequency.per_day < 1:
            notes.append(f"{item.label} is taken {item.frequency.text}: on that day, with breakfast or later.")
        if count > 4:
            notes.append(f"{item.label} is taken {item.frequency.text}: spread it evenly through the day.")
        if nutrients & set(_MINERALS):
            # Each intake to the allowed slot with the least calcium so far; ties go to the usual spread of the
            # day (breakfast and dinner for two). More intakes than slots share the least-loaded ones.
            carbonate = bool(calcium) and _is_carbonate(regimen, index)
            meals = [slot for slot in mineral_slots if slot in _MEALS]
            usable = meals if carbonate and len(meals) >= min(count, 3) else mineral_slots
            preferred = _SPREAD.get(count, (*_MEALS, "bedtime"))
            load = {slot: calcium_at[slot] for slot in usable}
            slots: list[str] = []
            for _ in range(count):
                slot = min(
                    usable,
                    key=lambda s: (
                        slots.count(s),
                        load[s],
                        preferred.index(s) if s in preferred else 9,
                        SLOTS.index(s),
                    ),
                )
                slots.append(slot)
                load[slot] += calcium
            if len(set(slots)) < count:
                notes.append(
                    f"{item.label}: {count} intakes share {len(set(slots))} times of day after the medication; "
                    "leave a few hours between them."
                )
        else:
            slots = list(_SPREAD.get(count, (*_MEALS, "bedtime")))
        fat = "with a meal that has some fat (vitamins D, K, A and E are fat-soluble)"
        spaced = f"not before {earliest}: spaced from the medication"
        carbonate_note = bool(calcium) and _is_carbonate(regimen, index)
        for slot in sorted(slots, key=SLOTS.index):
            calcium_at[slot] += calcium
            reasons = [fat] if nutrients & set(_FAT_SOLUBLE) else []
            if carbonate_note and slot in _MEALS:
                reasons.append("calcium carbonate is absorbed best with food")
            if calcium:
                reasons.append(f"{number(calcium)} mg calcium per intake")
            if nutrients & set(_MINERALS) and earliest != "breakfast":
                reasons.append(spaced)
            entries.append(
                Entry(slot, item.label, "; ".join(reasons) or "any time; with a meal is easiest to remember")
            )
    entries.sort(key=lambda e: SLOTS.index(e.slot))
    for slot, mg in calcium_at.items():
        if mg > 500:
            notes.append(f"{number(mg)} mg calcium at {slot}: more than 500 mg at once; 'calcguide suggest' splits it.")
    return Schedule(tuple(entries), tuple(notes))
