"""`calcguide schedule`: where each intake goes in the day, the spacing from medicines, and the notes.

Amounts per intake are worked out by hand from the regimen files (arithmetic in the comments).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import REGIMENS, Cli

from calcguide import DISCLAIMER

FAT = "with a meal that has some fat (vitamins D, K, A and E are fat-soluble)"
WITH_FOOD = "calcium carbonate is absorbed best with food"
SNACK = "calcium carbonate is absorbed best with food: take it with a snack"
FROM_LEVOTHYROXINE = "spaced from levothyroxine: at least 4 hours apart"
LEVOTHYROXINE = "levothyroxine: on an empty stomach, at least 30 minutes before breakfast."
SPLITS = "more than 500 mg at once; 'calcguide suggest' splits it."

Slots = list[tuple[str, list[tuple[str, str]]]]


def schedule_json(cli: Cli, *args: str) -> dict[str, Any]:
    result = cli("schedule", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data: dict[str, Any] = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["disclaimer"] == DISCLAIMER
    return data


def slots(data: dict[str, Any]) -> Slots:
    return [(slot["slot"], [(t["what"], t["why"]) for t in slot["take"]]) for slot in data["slots"]]


# The plan's ordinary day, in minutes after waking (data/advice.yaml): on waking 0, breakfast 60, lunch 330,
# dinner 690, bedtime 900. Spacing is measured around the clock.


def test_full_bone_stack(cli: Cli) -> None:
    data = schedule_json(cli, str(REGIMENS / "full-bone-stack.yaml"))
    assert data["name"] == "Bone stack"
    # Levothyroxine on waking (0): minerals 4 hours (240 minutes) either side -> lunch (330), dinner (690) or
    # bedtime (900, which is 540 minutes before the next waking). The tablet: 2 x 600 mg = 1,200 mg per intake,
    # twice daily; 2,500 mg calcium carbonate x 40 % = 1,000 mg once. Each intake is over 500 mg on its own;
    # putting the carbonate with a tablet would add a time of day holding more than one: so the tablet goes at
    # lunch and dinner (meals, for carbonate) and the carbonate at bedtime, with a snack.
    tablet = f"{FAT}; {WITH_FOOD}; 1,200 mg calcium per intake; {FROM_LEVOTHYROXINE}"
    assert slots(data) == [
        ("on waking", [("levothyroxine", LEVOTHYROXINE)]),
        ("breakfast", [("5000 IU D3", FAT), ("100 mcg MK-7", FAT)]),
        ("lunch", [("Calcium + D3 tablet", tablet)]),
        ("dinner", [("Calcium + D3 tablet", tablet)]),
        ("bedtime", [("2500 mg calcium carbonate", f"{SNACK}; 1,000 mg calcium per intake; {FROM_LEVOTHYROXINE}")]),
    ]
    assert data["notes"] == [
        f"Calcium + D3 tablet: 1,200 mg calcium in one intake, {SPLITS}",
        f"2500 mg calcium carbonate: 1,000 mg calcium in one intake, {SPLITS}",
    ]


def test_warfarin_user(cli: Cli) -> None:
    data = schedule_json(cli, str(REGIMENS / "warfarin-user.yaml"))
    # Warfarin needs no spacing from minerals: everything at breakfast. Calcium citrate is not carbonate: no meal
    # needed. 2 servings x 315 mg = 630 mg in one intake: over 500 on its own.
    assert slots(data) == [
        (
            "breakfast",
            [("2000 IU D3", FAT), ("180 mcg MenaQ7", FAT), ("Calcium citrate", "630 mg calcium per intake")],
        ),
    ]
    assert data["notes"] == [f"Calcium citrate: 630 mg calcium in one intake, {SPLITS}"]


ALENDRONATE_ALONE = (
    "alendronate: first, alone on waking, with a full glass of plain water, sitting or standing; nothing else "
    "(food, drink, other medicines) for 30 minutes (alendronate label)."
)
# The catalogue's alendronate entry: the drug first, minerals at least 2 hours later (NIH ODS Magnesium fact sheet,
# longer than the label's 30 minutes); nothing asks minerals to be hours before it.
FROM_ALENDRONATE = "spaced from alendronate: at least 2 hours after it"


def test_a_daily_bisphosphonate_on_waking_and_minerals_two_hours_later(cli: Cli) -> None:
    data = schedule_json(cli, "--text", "1000 mg calcium carbonate + 5000 IU D3", "--medication", "alendronate")
    # 1,000 mg calcium carbonate x 40 % = 400 mg. Alendronate on waking (0): nothing for 30 minutes (label);
    # minerals at least 2 hours (120 minutes) after it (the catalogue's entry, from the NIH ODS Magnesium fact
    # sheet): not breakfast (60 after), so lunch (330 after), the next meal. The line gives no schedule: planned daily, and the plan says so.
    assert slots(data) == [
        ("on waking", [("alendronate", ALENDRONATE_ALONE)]),
        ("breakfast", [("5000 IU D3", FAT)]),
        ("lunch", [("1000 mg calcium carbonate", f"{WITH_FOOD}; 400 mg calcium per intake; {FROM_ALENDRONATE}")]),
    ]
    assert data["notes"] == [
        "'alendronate' gives no schedule: planned as once a day. If it is taken otherwise (weekly, monthly, twice "
        "daily), add that to the line, e.g. 'alendronate weekly'."
    ]


def test_a_weekly_bisphosphonate_has_its_own_day(cli: Cli) -> None:
    data = schedule_json(
        cli, "--text", "1000 mg calcium carbonate + 5000 IU D3", "--medication", "Fosamax 70 mg weekly"
    )
    # Every day: calcium carbonate with breakfast (400 mg). On the weekly dosing day: Fosamax on waking, and the
    # calcium at lunch instead (2 hours from it).
    day = "on Fosamax days (weekly)"
    assert slots(data) == [
        (
            "breakfast",
            [("1000 mg calcium carbonate", f"{WITH_FOOD}; 400 mg calcium per intake"), ("5000 IU D3", FAT)],
        ),
        (
            f"on waking, {day}",
            [
                (
                    "Fosamax 70 mg weekly",
                    ALENDRONATE_ALONE.replace("alendronate: first", "alendronate (Fosamax): first"),
                )
            ],
        ),
        (
            f"lunch, {day}",
            [
                (
                    "1000 mg calcium carbonate",
                    "that day instead of breakfast; "
                    f"{WITH_FOOD}; 400 mg calcium per intake; spaced from alendronate (Fosamax): at least 2 hours after it",
                )
            ],
        ),
    ]
    assert data["notes"] == [
        f"alendronate (Fosamax) is taken weekly: its spacing applies on its dosing days only, listed as '{day}'; "
        "on other days follow the everyday plan."
    ]


def test_a_weekly_item_says_it_is_weekly(cli: Cli) -> None:
    data = schedule_json(cli, str(REGIMENS / "weekly-d2-repletion.yaml"))
    assert slots(data) == [
        ("breakfast", [("50,000 IU ergocalciferol weekly", f"taken weekly: on its days only; {FAT}")]),
    ]
    assert data["notes"] == ["50,000 IU ergocalciferol weekly is taken weekly: on its days, as placed above."]


def test_calcium_four_times_daily_uses_bedtime(cli: Cli) -> None:
    data = schedule_json(cli, "--text", "250 mg calcium (as citrate) 4 times daily + 1000 IU D3")
    calcium = ("250 mg calcium (as citrate) 4 times daily", "250 mg calcium per intake")
    assert slots(data) == [
        ("breakfast", [calcium, ("1000 IU D3", FAT)]),
        ("lunch", [calcium]),
        ("dinner", [calcium]),
        ("bedtime", [calcium]),
    ]
    assert data["notes"] == []  # 250 mg per time of day


def test_an_intake_over_500_mg_is_named_once(cli: Cli) -> None:
    # 600 mg four times a day: each intake is over 500 mg on its own; nothing else is added to any of them.
    data = schedule_json(cli, "--text", "600 mg calcium (as citrate) 4 times daily")
    assert [slot for slot, _ in slots(data)] == ["breakfast", "lunch", "dinner", "bedtime"]
    assert data["notes"] == [f"600 mg calcium (as citrate) 4 times daily: 600 mg calcium in one intake, {SPLITS}"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # 300 + 200 = 500 mg: exactly 500 at breakfast is not over, so both stay with breakfast.
        (
            "300 mg calcium (as citrate) + 200 mg calcium (as citrate)",
            [("breakfast", ["300 mg calcium (as citrate)", "200 mg calcium (as citrate)"])],
        ),
        # 300 + 201 = 501 mg would be over: the second goes elsewhere (dinner is tied with lunch on the day's
        # spread of calcium, and lunch comes first).
        (
            "300 mg calcium (as citrate) + 201 mg calcium (as citrate)",
            [("breakfast", ["300 mg calcium (as citrate)"]), ("lunch", ["201 mg calcium (as citrate)"])],
        ),
    ],
)
def test_no_time_of_day_goes_over_500_mg_when_another_arrangement_avoids_it(
    cli: Cli, line: str, expected: list[tuple[str, list[str]]]
) -> None:
    data = schedule_json(cli, "--text", line)
    assert [(slot, [what for what, _ in take]) for slot, take in slots(data)] == expected
    assert data["notes"] == []


def test_two_products_are_not_stacked_into_one_slot(cli: Cli, tmp_path: Path) -> None:
    # Two products of 400 mg calcium carbonate each, levothyroxine on waking: meals after 4 hours are lunch and
    # dinner; one product each (400 mg, not 800 mg at one meal).
    (tmp_path / "two.yaml").write_text(
        "profile: {medications: [levothyroxine]}\n"
        "items:\n  - product: Chew A\n    ingredients: [400 mg calcium (as carbonate)]\n"
        "  - product: Chew B\n    ingredients: [400 mg calcium (as carbonate)]\n",
        encoding="utf-8",
    )
    data = schedule_json(cli, "two.yaml")
    reason = f"{WITH_FOOD}; 400 mg calcium per intake; {FROM_LEVOTHYROXINE}"
    assert slots(data) == [
        ("on waking", [("levothyroxine", LEVOTHYROXINE)]),
        ("lunch", [("Chew A", reason)]),
        ("dinner", [("Chew B", reason)]),
    ]
    assert data["notes"] == []


def test_an_unavoidable_stack_says_why(cli: Cli) -> None:
    # Five once-daily intakes of 500 mg calcium (1,250 mg carbonate x 40 %) after levothyroxine: only lunch,
    # dinner and bedtime are 4 hours or more from it, so some time of day must hold two (1,000 mg).
    line = " + ".join(["1250 mg calcium carbonate"] * 4)
    data = schedule_json(cli, "--text", line, "--medication", "levothyroxine")
    notes = data["notes"]
    assert len(notes) == 1
    assert notes[0] == (
        "1,000 mg calcium at lunch (1250 mg calcium carbonate; 1250 mg calcium carbonate): more than 500 mg at once, "
        "and no arrangement calcguide found avoids it: 4 calcium intakes a day can go only at lunch, dinner, bedtime "
        "(spacing from the medications). 'calcguide suggest' splits or lowers them."
    )


def test_every_intake_is_placed_after_levothyroxine(cli: Cli) -> None:
    data = schedule_json(cli, "--text", "500 mg calcium (as carbonate) 4 times daily", "--medication", "levothyroxine")
    # Only 3 times of day are 4 hours from levothyroxine (lunch, dinner, bedtime): one is shared, and said so.
    placed = [slot for slot, take in slots(data) for what, _ in take if what.startswith("500 mg calcium")]
    assert placed == ["lunch", "dinner", "bedtime"]
    assert (
        "500 mg calcium (as carbonate) 4 times daily: 4 intakes share 3 times of day; leave a few hours between them."
        in data["notes"]
    )


def test_schedule_table(cli: Cli) -> None:
    result = cli("schedule", str(REGIMENS / "full-bone-stack.yaml"))
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    for phrase in (
        "on waking",
        "levothyroxine",
        "breakfast",
        "5000 IU D3",
        "lunch",
        "dinner",
        "1,200 mg calcium in one intake",
    ):
        assert phrase in text
    assert text.index("on waking") < text.index("breakfast") < text.index("lunch") < text.index("dinner")


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["--text", "5000 IU D3", "--text", "1000 IU D3"],
            "calcguide: this command takes one regimen; the input holds 2\n",
        ),
        (["--text", "5000 IU calcium"], "<text 1>:1:1: IU has no meaning for calcium; give the amount in mg\n"),
        ([], "calcguide: nothing to check: give regimen files, directories, '-' for standard input, or --text\n"),
        (["missing.yaml"], "missing.yaml: no such file; check the path\n"),
    ],
)
def test_schedule_input_errors(cli: Cli, tmp_path: Path, args: list[str], stderr: str) -> None:
    result = cli("schedule", *args)
    assert result.exit_code == 2
    assert result.stderr == stderr
    assert result.stdout == ""


# Medications taken several times a day: every dose placed, every mineral spaced from every dose. The dose line names
# the minerals the catalogue's entry names (tetracycline-minerals: calcium, magnesium, iron and zinc).

DOXYCYCLINE = (
    "doxycycline: twice a day, doses spread over the day; calcium, magnesium, iron and zinc at least 2 hours after "
    "it or 6 hours before it."
)
FROM_DOXYCYCLINE = "spaced from doxycycline: at least 2 hours after it or 6 hours before it"


def test_twice_daily_doxycycline_every_dose_spaced(cli: Cli) -> None:
    data = schedule_json(
        cli, "--text", "500 mg calcium (as carbonate) + 1000 IU D3", "--medication", "doxycycline 100 mg BID"
    )
    # Doses at breakfast (60) and dinner (690). A mineral must be 120 minutes after a dose and 360 before the next:
    # lunch (330): 270 after the morning dose, 360 before the evening one -> allowed; bedtime (900): 210 after the
    # evening dose, 600 before the next morning's -> allowed. Carbonate wants a meal: lunch.
    assert slots(data) == [
        ("breakfast", [("doxycycline 100 mg BID", DOXYCYCLINE), ("1000 IU D3", FAT)]),
        ("lunch", [("500 mg calcium (as carbonate)", f"{WITH_FOOD}; 500 mg calcium per intake; {FROM_DOXYCYCLINE}")]),
        ("dinner", [("doxycycline 100 mg BID", DOXYCYCLINE)]),
    ]
    assert data["notes"] == []


def test_four_times_daily_tetracycline_leaves_no_time_and_says_so(cli: Cli) -> None:
    data = schedule_json(cli, "--text", "500 mg calcium (as citrate)", "--medication", "tetracycline 500 mg qid")
    # Doses at breakfast, lunch, dinner and bedtime: no time of day is 2 hours after one dose and 6 before the next.
    assert data["notes"] == [
        "500 mg calcium (as citrate) cannot be spaced from every dose of tetracycline in an ordinary day: ask the "
        "pharmacist or prescriber (a mineral can often be paused during a short course)."
    ]
    (calcium,) = [why for _, take in slots(data) for what, why in take if what.startswith("500 mg")]
    assert (
        "too close to tetracycline, which needs at least 2 hours after it or 6 hours before it (see the notes)"
        in calcium
    )


ORLISTAT = "orlistat: with the meal."


def test_orlistat_with_meals_and_fat_soluble_vitamins_at_bedtime(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "mv.yaml").write_text(
        "profile: {medications: [Xenical 120 mg TID]}\n"
        "items:\n  - product: Multivitamin\n    ingredients: [1000 IU vitamin D3, 15 mg vitamin E, 200 mg magnesium]\n",
        encoding="utf-8",
    )
    data = schedule_json(cli, "mv.yaml")
    # Orlistat with each of the three meals; the multivitamin's D and E at least 2 hours from every dose: only
    # bedtime (900) is 210 minutes after dinner (690) and 600 before breakfast (60 the next day).
    assert slots(data) == [
        ("breakfast", [("Xenical 120 mg TID", "orlistat (Xenical): with the meal.")]),
        ("lunch", [("Xenical 120 mg TID", "orlistat (Xenical): with the meal.")]),
        ("dinner", [("Xenical 120 mg TID", "orlistat (Xenical): with the meal.")]),
        (
            "bedtime",
            [
                (
                    "Multivitamin",
                    "at bedtime, at least 2 hours apart from orlistat (Xenical), which reduces the absorption of "
                    "vitamins A, D, E and K",
                )
            ],
        ),
    ]
    assert data["notes"] == []


def test_bile_acid_sequestrant_by_its_label(cli: Cli) -> None:
    data = schedule_json(cli, "--text", "1000 IU D3", "--medication", "Questran 4 g twice daily")
    # The Questran label: other drugs at least 1 hour before or 4-6 hours after cholestyramine; the catalogue uses
    # the label's 4 hours after (its minimum) and 1 hour before (it was 4 hours either side). Doses at breakfast
    # (60) and dinner (690). Lunch (330): 270 after the morning dose (4 hours: 240) and 360 before the evening one
    # (1 hour: 60) -> allowed; bedtime (900): 210 after the evening dose -> not. So lunch, with a meal for D3.
    assert slots(data) == [
        ("breakfast", [("Questran 4 g twice daily", "cholestyramine (Questran): with the meal.")]),
        (
            "lunch",
            [
                (
                    "1000 IU D3",
                    f"{FAT}; spaced from cholestyramine (Questran): at least 4 hours after it or 1 hour before it",
                )
            ],
        ),
        ("dinner", [("Questran 4 g twice daily", "cholestyramine (Questran): with the meal.")]),
    ]


def test_atelvia_after_breakfast_and_calcium_at_another_time(cli: Cli) -> None:
    data = schedule_json(cli, "--text", "600 mg calcium (as citrate)", "--medication", "Atelvia 35 mg daily")
    atelvia = (
        "risedronate delayed-release (Atelvia): right after breakfast, with at least 4 ounces of plain water; stay "
        "upright for 30 minutes. Calcium and other minerals at another time of day."
    )
    # Atelvia 15 minutes after breakfast (75). The Atelvia label (and the catalogue): calcium at a different time
    # of day, no hours (it was 2 hours either side, borrowed from the bisphosphonates taken on waking): not
    # breakfast; lunch, dinner and bedtime all qualify, and lunch is the first.
    assert slots(data) == [
        ("breakfast", [("Atelvia 35 mg daily", atelvia)]),
        (
            "lunch",
            [
                (
                    "600 mg calcium (as citrate)",
                    "600 mg calcium per intake; spaced from risedronate delayed-release (Atelvia): at a different time "
                    "of day",
                )
            ],
        ),
    ]


BONIVA = (
    "ibandronate (Boniva): first, alone on waking, with a full glass of plain water, sitting or standing; nothing "
    "else (food, drink, other medicines, levothyroxine included) for 60 minutes (ibandronate label)."
)


def test_monthly_boniva_and_daily_levothyroxine(cli: Cli) -> None:
    data = schedule_json(
        cli,
        "--text",
        "500 mg calcium (as citrate) + 1000 IU D3",
        "--medication",
        "Boniva 150 mg monthly",
        "--medication",
        "Synthroid 88 mcg qAM",
    )
    day = "on Boniva days (monthly)"
    synthroid = "levothyroxine (Synthroid): on an empty stomach, at least 30 minutes before breakfast."
    calcium = "500 mg calcium per intake; spaced from levothyroxine (Synthroid): at least 4 hours apart"
    # Every day: Synthroid on waking, calcium 4 hours later at lunch. On the monthly Boniva day: Boniva first, then
    # Synthroid 60 minutes later (the Boniva label: no other medicine for 60 minutes), breakfast 30 minutes after
    # that (90); calcium at lunch (330) is 270 minutes after Synthroid (4 hours apart) and 330 after Boniva (the
    # catalogue's ibandronate entry: minerals at least 2 hours after it).
    assert slots(data) == [
        ("on waking", [("Synthroid 88 mcg qAM", synthroid)]),
        ("breakfast", [("1000 IU D3", FAT)]),
        ("lunch", [("500 mg calcium (as citrate)", calcium)]),
        (
            f"on waking, {day}",
            [
                ("Boniva 150 mg monthly", BONIVA),
                (
                    "Synthroid 88 mcg qAM",
                    "levothyroxine (Synthroid): 60 minutes after ibandronate (Boniva), still on an empty stomach and "
                    "at least 30 minutes before breakfast. This order follows the bisphosphonate label (nothing, other "
                    "medicines included, for 60 minutes after it); levothyroxine's label asks only for an empty "
                    "stomach before breakfast.",
                ),
            ],
        ),
        (
            f"lunch, {day}",
            [
                (
                    "500 mg calcium (as citrate)",
                    "500 mg calcium per intake; spaced from ibandronate (Boniva): at least 2 hours after it; spaced "
                    "from levothyroxine (Synthroid): at least 4 hours apart",
                )
            ],
        ),
    ]
    assert data["notes"] == [
        f"ibandronate (Boniva) is taken monthly: its spacing applies on its dosing days only, listed as '{day}'; on "
        "other days follow the everyday plan.",
        "Breakfast no earlier than 90 minutes after waking that day (ibandronate (Boniva) then levothyroxine "
        "(Synthroid) come first).",
    ]


# Each drug's own label interval, as `check` reports it (the interaction catalogue), not its class's.


def test_moxifloxacin_spaces_magnesium_but_not_calcium(cli: Cli) -> None:
    data = schedule_json(
        cli,
        "--text",
        "500 mg calcium (as citrate) + 200 mg magnesium (as glycinate)",
        "--medication",
        "moxifloxacin 400 mg daily",
    )
    # The moxifloxacin label names magnesium, iron and zinc, not calcium (calcium had no significant effect): 4 hours
    # before or 8 hours after them. Once a day on waking (0). Calcium citrate is not spaced: breakfast. Magnesium at
    # least 240 minutes after the dose and 480 before the next: not breakfast (60 after); lunch (330 after, 1,110
    # before) is the first that qualifies. (Before, the class's 2/6 hours spaced calcium too.)
    moxifloxacin = (
        "moxifloxacin: once a day, doses spread over the day; magnesium, iron and zinc at least 4 hours after it or "
        "8 hours before it."
    )
    assert slots(data) == [
        ("on waking", [("moxifloxacin 400 mg daily", moxifloxacin)]),
        ("breakfast", [("500 mg calcium (as citrate)", "500 mg calcium per intake")]),
        (
            "lunch",
            [
                (
                    "200 mg magnesium (as glycinate)",
                    "spaced from moxifloxacin: at least 4 hours after it or 8 hours before it",
                )
            ],
        ),
    ]


def test_levofloxacin_leaves_calcium_with_breakfast(cli: Cli) -> None:
    data = schedule_json(cli, "--text", "500 mg calcium (as citrate)", "--medication", "Levaquin 500 mg daily")
    # The levofloxacin label: 2 hours from magnesium, iron and zinc; calcium is not named. The calcium goes where
    # it would without the drug: breakfast, the first choice for one intake a day.
    assert [(slot, take) for slot, take in slots(data) if slot != "on waking"] == [
        ("breakfast", [("500 mg calcium (as citrate)", "500 mg calcium per intake")]),
    ]


def test_cabotegravir_by_its_own_label(cli: Cli) -> None:
    data = schedule_json(cli, "--text", "500 mg calcium (as citrate)", "--medication", "Vocabria 30 mg daily")
    # The Vocabria label: antacids and polyvalent cations 2 hours before or 4 hours after cabotegravir, so calcium at
    # least 4 hours (240 minutes) after the dose and 2 hours before the next (the class's 2/6 gave 2 hours after).
    # Once a day on waking (0): breakfast is 60 after -> not; lunch (330 after, 1,110 before).
    assert slots(data) == [
        (
            "on waking",
            [
                (
                    "Vocabria 30 mg daily",
                    "cabotegravir (Vocabria): once a day, doses spread over the day; calcium, magnesium, iron and "
                    "zinc at least 4 hours after it or 2 hours before it.",
                )
            ],
        ),
        (
            "lunch",
            [
                (
                    "500 mg calcium (as citrate)",
                    "500 mg calcium per intake; spaced from cabotegravir (Vocabria): at least 4 hours after it or 2 "
                    "hours before it",
                )
            ],
        ),
    ]


def test_omadacycline_four_hours_either_side(cli: Cli) -> None:
    data = schedule_json(cli, "--text", "200 mg magnesium (as glycinate)", "--medication", "Nuzyra 300 mg daily")
    # The Nuzyra label: after a 4-hour fast, and no dairy, antacids or multivitamins for 4 hours after: 4 hours
    # either side (the tetracyclines' 2/6 before). Once a day on waking (0): lunch (330 after, 1,110 before).
    (magnesium,) = [take for slot, take in slots(data) if slot == "lunch"]
    assert magnesium == [
        ("200 mg magnesium (as glycinate)", "spaced from omadacycline (Nuzyra): at least 4 hours apart")
    ]


def test_a_bisphosphonate_does_not_space_zinc(cli: Cli) -> None:
    data = schedule_json(cli, "--text", "15 mg zinc (as picolinate)", "--medication", "alendronate 70 mg weekly")
    # The catalogue's bisphosphonate entries name calcium, magnesium and iron (the labels and the ODS Magnesium fact
    # sheet), not zinc: the zinc keeps its everyday place, breakfast, on the dosing day too (the alendronate's 30
    # minutes alone are over by breakfast at 60).
    assert slots(data) == [
        ("breakfast", [("15 mg zinc (as picolinate)", "any time; with a meal is easiest to remember")]),
        (
            "on waking, on alendronate days (weekly)",
            [("alendronate 70 mg weekly", ALENDRONATE_ALONE)],
        ),
    ]


def test_advice_holds_no_second_copy_of_the_intervals() -> None:
    """How a drug is taken is advice.yaml's; which nutrients and how many hours are the catalogue's only."""
    from calcguide import data as reference

    for name, entry in reference.load("advice")["schedule"]["medications"].items():
        assert "spacing" not in entry, name
        assert all("spacing" not in own for own in entry.get("drugs", {}).values()), name
