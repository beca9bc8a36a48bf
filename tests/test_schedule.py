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
AFTER_LEVOTHYROXINE = "not before lunch: spaced from the medication"
LEVOTHYROXINE = (
    "levothyroxine: on an empty stomach. Calcium and magnesium reduce levothyroxine absorption: take them at least "
    "4 hours apart."
)
BISPHOSPHONATE = (
    "bisphosphonate: on an empty stomach. Take the bisphosphonate first, on an empty stomach, and calcium or "
    "magnesium at least 30 minutes later (60 minutes for ibandronate), as the drug labels say."
)
SPLIT = "more than 500 mg at once; 'calcguide suggest' splits it."

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


def test_full_bone_stack(cli: Cli) -> None:
    data = schedule_json(cli, str(REGIMENS / "full-bone-stack.yaml"))
    assert data["name"] == "Bone stack"
    # Levothyroxine on waking; minerals no earlier than lunch (4 hours later); calcium carbonate only at meals, so
    # lunch and dinner. The tablet: 2 servings x 600 mg = 1,200 mg per intake, twice daily -> lunch and dinner.
    # 2,500 mg calcium carbonate x 40 % = 1,000 mg, once: to the meal with the least calcium so far (lunch and
    # dinner tie at 1,200; the earlier wins) -> lunch holds 1,200 + 1,000 = 2,200 mg, dinner 1,200 mg.
    tablet = f"{FAT}; {WITH_FOOD}; 1,200 mg calcium per intake; {AFTER_LEVOTHYROXINE}"
    assert slots(data) == [
        ("on waking", [("levothyroxine", LEVOTHYROXINE)]),
        ("breakfast", [("5000 IU D3", FAT), ("100 mcg MK-7", FAT)]),
        (
            "lunch",
            [
                ("Calcium + D3 tablet", tablet),
                ("2500 mg calcium carbonate", f"{WITH_FOOD}; 1,000 mg calcium per intake; {AFTER_LEVOTHYROXINE}"),
            ],
        ),
        ("dinner", [("Calcium + D3 tablet", tablet)]),
    ]
    assert data["notes"] == [f"2,200 mg calcium at lunch: {SPLIT}", f"1,200 mg calcium at dinner: {SPLIT}"]


def test_warfarin_user(cli: Cli) -> None:
    data = schedule_json(cli, str(REGIMENS / "warfarin-user.yaml"))
    # Warfarin needs no spacing from minerals, so nothing on waking and minerals may start at breakfast.
    # Calcium citrate is not carbonate: no meal needed. 2 servings x 315 mg = 630 mg in one intake.
    assert slots(data) == [
        (
            "breakfast",
            [("2000 IU D3", FAT), ("180 mcg MenaQ7", FAT), ("Calcium citrate", "630 mg calcium per intake")],
        ),
    ]
    assert data["notes"] == [f"630 mg calcium at breakfast: {SPLIT}"]


def test_bisphosphonate_on_waking_then_calcium_at_breakfast(cli: Cli) -> None:
    data = schedule_json(cli, "--text", "1000 mg calcium carbonate + 5000 IU D3", "--medication", "alendronate")
    # 1,000 mg calcium carbonate x 40 % = 400 mg elemental; a bisphosphonate needs only 30-60 minutes, so minerals
    # may go at breakfast (no "not before" remark).
    assert slots(data) == [
        ("on waking", [("alendronate", BISPHOSPHONATE)]),
        (
            "breakfast",
            [
                ("1000 mg calcium carbonate", f"{WITH_FOOD}; 400 mg calcium per intake"),
                ("5000 IU D3", FAT),
            ],
        ),
    ]
    assert data["notes"] == []


def test_weekly_item_is_noted_as_weekly(cli: Cli) -> None:
    data = schedule_json(cli, str(REGIMENS / "weekly-d2-repletion.yaml"))
    assert slots(data) == [("breakfast", [("50,000 IU ergocalciferol weekly", FAT)])]
    assert data["notes"] == ["50,000 IU ergocalciferol weekly is taken weekly: on that day, with breakfast or later."]


def test_calcium_four_times_daily_uses_bedtime(cli: Cli) -> None:
    data = schedule_json(cli, "--text", "250 mg calcium (as citrate) 4 times daily + 50,000 IU D2 weekly")
    calcium = ("250 mg calcium (as citrate) 4 times daily", "250 mg calcium per intake")
    assert slots(data) == [
        ("breakfast", [calcium, ("50,000 IU D2 weekly", FAT)]),
        ("lunch", [calcium]),
        ("dinner", [calcium]),
        ("bedtime", [calcium]),
    ]
    # 250 mg per slot: no slot over 500 mg.
    assert data["notes"] == ["50,000 IU D2 weekly is taken weekly: on that day, with breakfast or later."]


def test_every_slot_over_500_mg_is_noted(cli: Cli) -> None:
    # 600 mg four times a day: each of the four slots holds 600 mg.
    data = schedule_json(cli, "--text", "600 mg calcium (as citrate) 4 times daily")
    assert [slot for slot, _ in slots(data)] == ["breakfast", "lunch", "dinner", "bedtime"]
    assert data["notes"] == [
        f"600 mg calcium at {slot}: {SPLIT}" for slot in ("breakfast", "lunch", "dinner", "bedtime")
    ]


def test_exactly_500_mg_is_not_noted(cli: Cli) -> None:
    # Each calcium intake goes to the allowed slot with the least calcium so far; on a tie, to the usual spread of
    # a twice-daily item: breakfast (0), then dinner (0; breakfast has 500).
    data = schedule_json(cli, "--text", "500 mg calcium (as citrate) twice daily + 1000 IU D3")
    assert slots(data) == [
        ("breakfast", [("500 mg calcium (as citrate) twice daily", "500 mg calcium per intake"), ("1000 IU D3", FAT)]),
        ("dinner", [("500 mg calcium (as citrate) twice daily", "500 mg calcium per intake")]),
    ]
    assert data["notes"] == []


def test_calcium_and_magnesium_items_are_spread_to_the_emptiest_slot(cli: Cli) -> None:
    # Two single intakes of citrate (300 and 200 mg) and magnesium: each goes where there is least calcium so far:
    # 300 mg to breakfast (all empty), 200 mg to lunch (0 < 300), magnesium to dinner (0 < 200 < 300).
    data = schedule_json(
        cli, "--text", "300 mg calcium (as citrate) + 200 mg calcium (as citrate) + 200 mg magnesium (as citrate)"
    )
    assert slots(data) == [
        ("breakfast", [("300 mg calcium (as citrate)", "300 mg calcium per intake")]),
        ("lunch", [("200 mg calcium (as citrate)", "200 mg calcium per intake")]),
        ("dinner", [("200 mg magnesium (as citrate)", "any time; with a meal is easiest to remember")]),
    ]


def test_every_intake_is_placed_after_levothyroxine(cli: Cli) -> None:
    data = schedule_json(cli, "--text", "500 mg calcium (as carbonate) 4 times daily", "--medication", "levothyroxine")
    placed = sum(1 for _, take in slots(data) for what, _ in take if what.startswith("500 mg calcium"))
    notes = " ".join(data["notes"])
    assert placed == 4 or "4 times daily" in notes


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
        "2,200 mg calcium at lunch",
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
