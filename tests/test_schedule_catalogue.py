"""`schedule` and `check` give one interval per drug: the interaction catalogue's.

For every drug (and every class a list can name alone) that a catalogue entry gives hours for, and every nutrient
of that entry, a regimen of one item supplying the nutrient and that medication is checked and planned. The plan
must keep the item the entry's hours from every dose, measured here on the plan's ordinary day (on waking 0,
breakfast 60, lunch 330, dinner 690, bedtime 900 minutes, around the clock), and the plan's wording must name the
same hours, in the same direction, as the finding `check` reports for it. Parametrised over the catalogue, so a new
entry is covered the day it is added.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

import pytest

import calcguide
from calcguide import data
from calcguide.interaction_catalog import Interaction, interactions
from calcguide.medications import DrugMatch, read
from calcguide.schedule import plan

DAY = {"on waking": 0, "breakfast": 60, "lunch": 330, "dinner": 690, "bedtime": 900}
MINUTES_A_DAY = 1440

# One item line per nutrient a spacing can name; a new nutrient needs its line here (the test says which).
LINES = {
    "calcium": "500 mg calcium (as citrate)",
    "magnesium": "200 mg magnesium (as glycinate)",
    "iron": "18 mg iron (as ferrous sulfate)",
    "zinc": "15 mg zinc (as picolinate)",
    "chromium": "200 mcg chromium (as picolinate)",
    "vitamin_a": "900 mcg RAE vitamin A (as retinyl palmitate)",
    "vitamin_d": "1000 IU D3",
    "vitamin_e": "15 mg vitamin E",
    "vitamin_k": "100 mcg vitamin K1",
    "folate": "400 mcg folic acid",
}


class Case(NamedTuple):
    line: str  # the medication line as a list writes it
    match: DrugMatch
    entry: Interaction
    nutrient: str


def _named() -> list[tuple[str, DrugMatch]]:
    """Every drug by its generic name, and every class a list can name alone (by its first name)."""
    found = []
    for cls in data.load("interactions")["medications"]:
        found += [(str(d["drug"]), DrugMatch(str(d["drug"]), str(cls["id"]))) for d in cls["drugs"]]
        if cls.get("names"):
            found.append((str(cls["names"][0]), DrugMatch(str(cls["label"]), str(cls["id"]))))
    return found


def _interval(entry: Interaction) -> bool:
    hours = entry.hours
    return hours is not None and (hours.before is not None or hours.after is not None or bool(hours.apart))


CASES = [
    Case(line, match, entry, wanted.nutrient)
    for line, match in _named()
    for entry in interactions()
    if _interval(entry) and entry.concerns(match.drug, match.drug_class)
    for wanted in entry.nutrients
]


def test_the_cases_cover_both_rules_and_every_spacing_class() -> None:
    """Guards the parametrisation itself: a filter that silently matched nothing would pass every case."""
    assert {case.entry.kind for case in CASES} == {"spacing", "absorption"}
    assert {case.match.drug_class for case in CASES} == {
        "integrase_inhibitor",
        "levothyroxine",
        "tetracycline",
        "fluoroquinolone",
        "bisphosphonate",
        "penicillamine",
        "orlistat",
        "bile_acid_sequestrant",
    }
    assert {case.entry.id for case in CASES} == {e.id for e in interactions() if _interval(e)}


_AMOUNT = r"(\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?) (hours?|minutes)"


def _minutes(amount: str, unit: str) -> tuple[float, float]:
    """ "4-6", "hours" -> (240, 360): a range as the label gives it; a single number is both ends."""
    low, _, high = amount.partition("-")
    factor = 1 if unit == "minutes" else 60
    return float(low) * factor, float(high or low) * factor


Said = tuple[tuple[float, float], tuple[float, float]] | str  # (mineral after the dose, before it), or "apart"
NONE = (0.0, 0.0)


def _from_check(message: str, entry: Interaction) -> Said:
    """The interval `check`'s finding states, as (how long the nutrient comes after the dose, how long before).

    mineral-drug-spacing words it for the drug ("Take X at least 2 hours before or 6 hours after calcium": the
    nutrient 2 hours after the dose, or 6 before it); drug-nutrient's advice words it for the nutrient ("Take the
    vitamins at least 1 hour before or 4-6 hours after cholestyramine").
    """
    if entry.kind == "spacing":
        if m := re.search(rf"at least {_AMOUNT} before or {_AMOUNT} after", message):
            return _minutes(m[1], m[2]), _minutes(m[3], m[4])
        if m := re.search(rf"at least {_AMOUNT} apart from", message):
            return _minutes(m[1], m[2]), _minutes(m[1], m[2])
        if m := re.search(rf"first and .* at least {_AMOUNT} later", message):
            drug_first = message.index("first") < message.index(" and ")
            said = _minutes(m[1], m[2])
            return (said, NONE) if drug_first else (NONE, said)
        if entry.hours is not None and entry.hours.apart and entry.hours.apart in message:
            return "apart"
        raise AssertionError(f"no interval in {message!r}")
    if m := re.search(rf"at least {_AMOUNT} before or after", message):
        return _minutes(m[1], m[2]), _minutes(m[1], m[2])
    if m := re.search(rf"at least {_AMOUNT} before or {_AMOUNT} after", message):
        return _minutes(m[3], m[4]), _minutes(m[1], m[2])
    if m := re.search(rf"at least {_AMOUNT} before", message):
        return NONE, _minutes(m[1], m[2])
    raise AssertionError(f"no interval in {message!r}")


def _from_schedule(why: str, name: str) -> Said:
    """The interval the plan's line for the item states, in the same terms."""
    it = rf"(?:it|{re.escape(name)})"
    if f"at a different time of day from {name}" in why or f"{name}: at a different time of day" in why:
        return "apart"
    if m := re.search(rf"at least {_AMOUNT} after {it} or {_AMOUNT} before it", why):
        return _minutes(m[1], m[2]), _minutes(m[3], m[4])
    if m := re.search(rf"at least {_AMOUNT} apart", why):
        return _minutes(m[1], m[2]), _minutes(m[1], m[2])
    if m := re.search(rf"at least {_AMOUNT} after {it}", why):
        return _minutes(m[1], m[2]), NONE
    if m := re.search(rf"at least {_AMOUNT} before {it}", why):
        return NONE, _minutes(m[1], m[2])
    raise AssertionError(f"no interval in {why!r}")


def _within(value: tuple[float, float], said: tuple[float, float]) -> bool:
    return said[0] <= value[0] <= value[1] <= said[1]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.line}-{c.entry.id}-{c.nutrient}" for c in CASES])
def test_schedule_keeps_the_catalogue_interval_check_reports(case: Case) -> None:
    assert case.nutrient in LINES, f"add an item line for {case.nutrient} to LINES"
    assert read(case.line).line.drugs == (case.match,), case.line
    item = LINES[case.nutrient]
    yaml = f"profile: {{medications: [{json.dumps(case.line)}]}}\nitems:\n  - {json.dumps(item)}\n"
    (regimen,) = calcguide.load_regimens(yaml, "case.yaml")

    rule = "mineral-drug-spacing" if case.entry.kind == "spacing" else "drug-nutrient"
    own = case.entry.why if case.entry.kind == "spacing" else case.entry.advice
    (finding,) = [f for f in calcguide.evaluate(regimen).findings if f.rule == rule and own in f.message]
    checked = _from_check(finding.message, case.entry)

    schedule = plan(regimen)
    doses = [DAY[e.slot] for e in schedule.entries if e.what == case.line]
    intakes = [e for e in schedule.entries if e.what == item]
    assert doses and intakes
    assert not [n for n in schedule.notes if "cannot be spaced" in n]
    hours = case.entry.hours
    assert hours is not None
    dose_slots = {e.slot for e in schedule.entries if e.what == case.line}
    for intake in intakes:
        if hours.before is None and hours.after is None:  # "at a different time of day"
            assert intake.slot not in dose_slots
        else:
            at = DAY[intake.slot]
            for dose in doses:
                # The catalogue: the drug at least `before` hours before the nutrient (the nutrient that long after
                # the dose) or `after` hours after it (the nutrient that long before the next dose).
                assert (at - dose) % MINUTES_A_DAY >= 60 * (hours.before or 0), (intake.slot, dose)
                assert (dose - at) % MINUTES_A_DAY >= 60 * (hours.after or 0), (intake.slot, dose)
        name = case.match.drug
        planned = _from_schedule(intake.why, name)
        if planned == "apart" or checked == "apart":
            assert planned == checked
            continue
        assert not isinstance(checked, str)
        after, before = planned
        assert after == (60 * (hours.before or 0),) * 2 and before == (60 * (hours.after or 0),) * 2
        assert _within(after, checked[0]) and _within(before, checked[1]), (intake.why, finding.message)


def test_raltegravir_has_no_safe_interval_and_the_plan_says_so() -> None:
    # The catalogue gives raltegravir no interval (spacing alone may not be enough: DHHS, Liverpool): the plan does
    # not invent one, and names the minerals and the catalogue's advice.
    (regimen,) = calcguide.load_regimens(
        "profile: {medications: [Isentress 400 mg BID]}\nitems:\n  - 200 mg magnesium (as glycinate)\n", "r.yaml"
    )
    schedule = plan(regimen)
    assert schedule.notes == (
        "200 mg magnesium (as glycinate): magnesium with raltegravir (Isentress), for which no interval is known to be "
        "enough, so the plan does not space them. Ask the HIV prescriber before taking these minerals; spacing alone "
        "may not be enough.",
    )
    (magnesium,) = [e for e in schedule.entries if e.what.startswith("200 mg")]
    assert "spaced from" not in magnesium.why


def test_an_injected_drug_is_not_spaced_like_check() -> None:
    # mineral-drug-spacing skips a drug given by vein (nothing to bind in the gut); so does the plan: the calcium
    # stays at breakfast with the dose rather than 2 hours before or 6 after it.
    (regimen,) = calcguide.load_regimens(
        "profile: {medications: [ciprofloxacin 400 mg IV BID]}\nitems:\n  - 500 mg calcium (as citrate)\n", "iv.yaml"
    )
    assert not [f for f in calcguide.evaluate(regimen).findings if f.rule == "mineral-drug-spacing"]
    (calcium,) = [e for e in plan(regimen).entries if e.what.startswith("500 mg")]
    assert (calcium.slot, calcium.why) == ("breakfast", "500 mg calcium per intake")
