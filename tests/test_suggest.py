"""`calcguide suggest`: the smallest change per finding, the amended regimen re-checked, and `--write`.

Every expected amount below is worked out by hand from the regimen files and calcguide/data (the arithmetic is in
the comments), never taken from the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import REGIMENS, Cli

import calcguide

ADD_K2 = "Add 180 mcg MK-7 a day (the trials used 180 mcg; 90-180 mcg is the usual range)."
RESOLVED = "Resolved by an earlier change."
CLINICIAN = "Not a dose question: talk to the prescriber or clinician before taking this combination."
K2_NOT_ADDED = "Vitamin K2 is not added: with a vitamin K antagonist, any vitamin K needs the prescriber's agreement."
K2_NOT_RAISED = "Vitamin K2 is not raised: with a vitamin K antagonist, any vitamin K needs the prescriber's agreement."
COUNTED_TOGETHER = "Nothing to change on its own: the items are already counted together in the totals."
PRESCRIBER = "calcguide does not lower, split or remove a prescribed dose; confirm the course and its length with the prescriber."
WEEKLY_D2_HELD = (
    "50,000 IU ergocalciferol weekly is prescription strength, so calcguide takes it as prescribed (write "
    f"'prescribed: false' if it is not): {PRESCRIBER}"
)

Row = tuple[str, str | None, str, str, str]  # rule, nutrient, severity, kind, suggestion
Found = tuple[str, str | None, str]  # rule, nutrient, severity


def suggest_json(cli: Cli, *args: str) -> dict[str, Any]:
    result = cli("suggest", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def rows(data: dict[str, Any]) -> list[Row]:
    return [(s["rule"], s["nutrient"], s["severity"], s["kind"], s["suggestion"]) for s in data["suggestions"]]


def findings(report: dict[str, Any]) -> list[Found]:
    return [(f["rule"], f["nutrient"], f["severity"]) for f in report["findings"]]


def per_day(report: dict[str, Any]) -> dict[str, float]:
    return {t["nutrient"]: t["amount_per_day"] for t in report["totals"]}


def regimen(name: str) -> str:
    return str(REGIMENS / f"{name}.yaml")


# Each case: the arguments, the suggestions (in the order of the findings), resolved, introduced, and the findings of
# the amended regimen.
CASES: dict[str, tuple[list[str], list[Row], list[str], list[str], list[Found]]] = {
    # 2000 IU D3 (50 mcg) for a woman of 52: only d-without-k2 (2,000 IU >= 1,000 IU). After adding 180 mcg MK-7
    # the K2 heuristic wants 10 mcg per 1,000 IU = 20 mcg, and 180 >= 20: nothing left.
    "d3-alone": (
        [regimen("d3-alone")],
        [("d-without-k2", "vitamin_d", "warning", "change", ADD_K2)],
        ["d-without-k2 (vitamin_d)"],
        [],
        [],
    ),
    # 50,000 IU D2 weekly = 50,000 / 7 = 7,142.9 IU = 178.57 mcg a day; UL (males 51-70) 100 mcg: 178.6 %, a
    # warning (below 2x). One intake of 50,000 IU less often than daily: bolus info (>= 50,000, < 100,000).
    # 50,000 IU in one intake is prescription strength (the Rx ergocalciferol capsule) and the file does not say
    # 'prescribed: false': the dose is the prescriber's, so neither finding changes it. K2 is added (a man of 58).
    "weekly-d2": (
        [regimen("weekly-d2-repletion")],
        [
            ("d-without-k2", "vitamin_d", "warning", "change", ADD_K2),
            ("above-ul", "vitamin_d", "warning", "clinician", WEEKLY_D2_HELD),
            (
                "vitamin-d-bolus",
                "vitamin_d",
                "info",
                "clinician",
                # 50,000 IU / 7 days = 7,142.9 IU a day
                f"{WEEKLY_D2_HELD} Daily dosing gives the same average (7,143 IU a day) without the intermittent "
                "peak: ask the prescriber whether it would suit.",
            ),
        ],
        ["d-without-k2 (vitamin_d)"],
        [],
        [("above-ul", "vitamin_d", "warning"), ("vitamin-d-bolus", "vitamin_d", "info")],
    ),
    # 500,000 IU yearly: one intake >= 300,000 IU, an error; 500,000 / 365.25 = 1,368.9 IU a day (34.2 mcg, below
    # the UL of 100) and >= 1,000 IU, so d-without-k2 warns. 500,000 IU at once is prescription strength: the
    # course is not rewritten; the daily alternative is only mentioned.
    "yearly": (
        [regimen("yearly-megadose")],
        [
            (
                "vitamin-d-bolus",
                "vitamin_d",
                "error",
                "clinician",
                "500000 IU cholecalciferol yearly is prescription strength, so calcguide takes it as prescribed "
                f"(write 'prescribed: false' if it is not): {PRESCRIBER} Daily dosing gives the same average "
                "(1,369 IU a day) without the intermittent peak: ask the prescriber whether it would suit.",
            ),
            ("d-without-k2", "vitamin_d", "warning", "change", ADD_K2),
        ],
        ["d-without-k2 (vitamin_d)"],
        [],
        [("vitamin-d-bolus", "vitamin_d", "error")],
    ),
    # 600 mg calcium per tablet, one tablet twice daily: 600 mg in one intake (> 500). One tablet is already too
    # much, so halves: 2 parts per tablet x 2 intakes = 4 intakes of 600 x 2 / 4 = 300 mg.
    # Calcium per day stays 1,200 + 600 diet = 1,800 (UL for women 51-70: 2,000); D 800 IU with 90 mcg MK-7.
    "calcium-plus-d": (
        [regimen("calcium-plus-d")],
        [
            (
                "calcium-single-dose",
                "calcium",
                "info",
                "change",
                "Split Calcium 600 + D3 into intakes of 300 mg calcium: 1/2 of a serving 4 times daily. Or choose a "
                "product with at most 500 mg per serving.",
            ),
        ],
        ["calcium-single-dose (calcium)"],
        [],
        [],
    ),
    # Coumadin (a vitamin K antagonist) with 180 mcg MK-7: an error, for a clinician. The calcium product is
    # 2 x 315 = 630 mg at once; one serving (315 mg) is small enough, so: one serving twice daily.
    "warfarin-user": (
        [regimen("warfarin-user")],
        [
            ("vitamin-k-anticoagulant", "vitamin_k", "error", "clinician", CLINICIAN),
            (
                "calcium-single-dose",
                "calcium",
                "info",
                "change",
                "Split Calcium citrate into intakes of 315 mg calcium: one serving twice daily.",
            ),
        ],
        ["calcium-single-dose (calcium)"],
        [],
        [("vitamin-k-anticoagulant", "vitamin_k", "error")],
    ),
    # Woman of 45 (UL: D 100 mcg, calcium 2,500 mg). D: 5,000 IU = 125 mcg + 2 x 2 x 400 IU = 1,600 IU = 40 mcg,
    # 165 mcg. Calcium: 2 x 2 x 600 = 2,400 + 2,500 x 40 % = 1,000 + 700 diet = 4,100 mg.
    # D fix: excess 65 mcg from the only single D item (125 mcg) -> keep 60 mcg = 2,400 IU (D then 60 + 40 = 100).
    # Calcium fix: excess 1,600; the only single calcium item (1,000 mg) goes entirely and 600 mg remain over the UL
    # (2,400 + 700 = 3,100 mg): said so. The product's 1,200 mg at once: 600 per tablet is still > 500, so halves:
    # 2 tablets x 2 parts x 2 intakes = 8 intakes of 1,200 x 2 / 8 = 300 mg. The second single-dose finding (the
    # removed carbonate) is resolved by the removal; levothyroxine spacing is advice, kidney stones a clinician's.
    "full-bone-stack": (
        [regimen("full-bone-stack")],
        [
            ("above-ul", "vitamin_d", "warning", "change", "Lower 5000 IU D3 to 2,400 IU (the UL is 100 mcg a day)."),
            (
                "above-ul",
                "calcium",
                "warning",
                "change",
                "Remove 2500 mg calcium carbonate (the UL is 2,500 mg a day). That is not enough on its own: the "
                "products that remain need lower amounts too.",
            ),
            (
                "mineral-drug-spacing",
                "calcium",
                "warning",
                "advice",
                "Keep the doses and change the timing. Calcium, iron, magnesium and chromium reduce levothyroxine "
                "absorption. Take levothyroxine at least 4 hours apart from calcium. 'calcguide schedule' plans the "
                "day.",
            ),
            ("condition-caution", "calcium", "warning", "clinician", CLINICIAN),
            (
                "calcium-single-dose",
                "calcium",
                "info",
                "change",
                "Split Calcium + D3 tablet into intakes of 300 mg calcium: 1/2 of a serving 8 times daily. Or choose "
                "a product with at most 500 mg per serving.",
            ),
            ("calcium-single-dose", "calcium", "info", "advice", RESOLVED),
            ("duplicate-source", "vitamin_d", "info", "advice", COUNTED_TOGETHER),
            ("duplicate-source", "calcium", "info", "advice", COUNTED_TOGETHER),
        ],
        ["above-ul (vitamin_d)", "calcium-single-dose (calcium)", "duplicate-source (calcium)"],
        [],
        [
            ("above-ul", "calcium", "warning"),
            ("mineral-drug-spacing", "calcium", "warning"),
            ("condition-caution", "calcium", "warning"),
            ("duplicate-source", "vitamin_d", "info"),
        ],
    ),
    # No profile: an adult 19-50 (calcium UL 2,500; D RDA 15 mcg = 600 IU). 1,000 mg at once -> 2 intakes of 500.
    # Adding the RDA of D3 (600 IU) leaves D below 1,000 IU without K2: d-without-k2 as info, introduced.
    "calcium citrate line": (
        ["--text", "1000 mg calcium (as citrate)"],
        [
            (
                "calcium-single-dose",
                "calcium",
                "info",
                "change",
                "Split 1000 mg calcium (as citrate) into intakes of 500 mg calcium: 500 mg calcium (as citrate) "
                "twice daily.",
            ),
            (
                "calcium-without-d",
                "calcium",
                "info",
                "change",
                "Add 600 IU D3 a day (the Adults 19-50 years RDA), unless sunlight or food already provide it.",
            ),
        ],
        ["calcium-single-dose (calcium)", "calcium-without-d (calcium)"],
        ["d-without-k2 (vitamin_d)"],
        [("d-without-k2", "vitamin_d", "info")],
    ),
    # 20,000 IU = 500 mcg: 500 % of the UL, an error (>= 2x). Keep 100 mcg = 4,000 IU. The K2 heuristic wanted
    # 10 x 20 = 200 mcg (100 < 200: info), but next to 4,000 IU it wants 40 and 100 is enough: resolved.
    "D3 and MK-7 line": (
        ["--text", "20000 IU D3 + 100 mcg MK-7"],
        [
            ("above-ul", "vitamin_d", "error", "change", "Lower 20000 IU D3 to 4,000 IU (the UL is 100 mcg a day)."),
            ("low-k2-for-d", "vitamin_k", "info", "advice", RESOLVED),
        ],
        ["above-ul (vitamin_d)", "low-k2-for-d (vitamin_k)"],
        [],
        [],
    ),
    # 4,000 IU wants 10 x 4 = 40 mcg K2; 30 are there: add ceil((40 - 30) / 10) x 10 = 10 mcg as a second item,
    # which makes vitamin K come from two items (duplicate-source, info).
    # A multivitamin (1,000 IU D3, 80 mcg K1, 100 mg magnesium) plus 5,000 IU D3 and 400 mg magnesium citrate, for a
    # man of 40. D: 25 + 125 = 150 mcg, 150 % of the UL. Only the single D3 item can be lowered: excess 50 of its
    # 125 mcg -> keep 75 mcg = 3,000 IU. K1 is not K2, so MK-7 is added, and vitamin K then comes from two items.
    # Magnesium: 100 + 400 x 16 % = 164 mg from two items (UL 350: fine).
    "multivitamin-plus-d": (
        [regimen("multivitamin-plus-d")],
        [
            ("d-without-k2", "vitamin_d", "warning", "change", ADD_K2),
            ("above-ul", "vitamin_d", "warning", "change", "Lower 5000 IU D3 to 3,000 IU (the UL is 100 mcg a day)."),
            ("duplicate-source", "vitamin_d", "info", "advice", COUNTED_TOGETHER),
            ("duplicate-source", "magnesium", "info", "advice", COUNTED_TOGETHER),
        ],
        ["d-without-k2 (vitamin_d)", "above-ul (vitamin_d)"],
        ["duplicate-source (vitamin_k)"],
        [
            ("duplicate-source", "vitamin_d", "info"),
            ("duplicate-source", "vitamin_k", "info"),
            ("duplicate-source", "magnesium", "info"),
        ],
    ),
    "low K2 line": (
        ["--text", "4000 IU D3 + 30 mcg MK-7"],
        [
            (
                "low-k2-for-d",
                "vitamin_k",
                "info",
                "change",
                "Add 10 mcg MK-7 a day, bringing K2 to 40 mcg next to 4,000 IU of D.",
            ),
        ],
        ["low-k2-for-d (vitamin_k)"],
        ["duplicate-source (vitamin_k)"],
        [("duplicate-source", "vitamin_k", "info")],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_suggestions(cli: Cli, case: str) -> None:
    args, expected, resolved, introduced, after = CASES[case]
    data = suggest_json(cli, *args)
    assert rows(data) == expected
    assert data["resolved"] == resolved
    assert data["introduced"] == introduced
    assert findings(data["after"]) == after
    # The suggestions answer the findings of the regimen as given, one for one.
    assert [(r[0], r[1], r[2]) for r in expected] == findings(data["before"])
    assert data["after"]["name"] == f"{data['before']['name']} (suggested)"


NOT_PRESCRIBED_D2 = "name: OTC D2\nprofile: {age: 58, sex: male}\nitems:\n  - dose: 50,000 IU ergocalciferol weekly\n    prescribed: false\n"


def test_prescribed_false_lets_suggest_lower_a_50000_iu_dose(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "otc.yaml").write_text(NOT_PRESCRIBED_D2, encoding="utf-8")
    data = suggest_json(cli, "otc.yaml")
    # Lowering: keep 100 of 178.57 mcg a day -> 50,000 x 100 / 178.57 = 28,000 IU weekly (= 4,000 IU a day, exactly
    # the UL, so above-ul goes, and 28,000 < 50,000 so the bolus finding goes with it).
    assert rows(data) == [
        ("d-without-k2", "vitamin_d", "warning", "change", ADD_K2),
        (
            "above-ul",
            "vitamin_d",
            "warning",
            "change",
            "Lower 50,000 IU ergocalciferol weekly to 28,000 IU (the UL is 100 mcg a day).",
        ),
        ("vitamin-d-bolus", "vitamin_d", "info", "advice", RESOLVED),
    ]
    # Before: 50,000 IU / 7 days = 7,142.857 IU = 178.5714 mcg; after: 28,000 / 7 = 4,000 IU = 100 mcg and 180 MK-7.
    assert per_day(data["before"]) == {"vitamin_d": 178.5714}
    assert per_day(data["after"]) == {"vitamin_d": 100.0, "vitamin_k": 180.0}
    after_d = next(t for t in data["after"]["totals"] if t["nutrient"] == "vitamin_d")
    assert after_d["percent_ul"] == 100.0  # at the UL, not above it
    assert data["after"]["summary"] == {"error": 0, "warning": 0, "info": 0}


def test_prescribed_true_keeps_even_a_small_dose(cli: Cli, tmp_path: Path) -> None:
    # 6,000 IU = 150 mcg a day, 150 % of the UL; prescribed, so not lowered.
    (tmp_path / "rx.yaml").write_text(
        "items:\n  - dose: 6000 IU D3\n    prescribed: true\n  - 100 mcg MK-7\n", encoding="utf-8"
    )
    data = suggest_json(cli, "rx.yaml")
    assert rows(data) == [("above-ul", "vitamin_d", "warning", "clinician", f"6000 IU D3 is prescribed: {PRESCRIBER}")]
    assert data["after"]["totals"] == data["before"]["totals"]


def test_suggest_exits_0_even_with_errors(cli: Cli) -> None:
    result = cli("suggest", regimen("warfarin-user"))
    assert result.exit_code == 0


def test_table_output_ends_with_what_changed(cli: Cli) -> None:
    result = cli("suggest", regimen("weekly-d2-repletion"))
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert text.startswith("Suggestions for Weekly D2 repletion")
    assert "After the changes: resolved d-without-k2 (vitamin_d); introduced nothing" in text


# Interactions are never fixed with doses, and no vitamin K is ever added for someone on a vitamin K antagonist.


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # Warfarin with D3 alone: the K2 fix is withheld and sent to the prescriber.
        (
            ["--text", "2000 IU D3", "--medication", "warfarin"],
            [("d-without-k2", "vitamin_d", "warning", "clinician", K2_NOT_ADDED)],
        ),
        # A brand name, and an overdose too: 6,000 IU = 150 mcg, keep 100 mcg = 4,000 IU; still no K2.
        (
            ["--text", "6000 IU D3", "--medication", "Coumadin"],
            [
                ("d-without-k2", "vitamin_d", "warning", "clinician", K2_NOT_ADDED),
                (
                    "above-ul",
                    "vitamin_d",
                    "warning",
                    "change",
                    "Lower 6000 IU D3 to 4,000 IU (the UL is 100 mcg a day).",
                ),
            ],
        ),
        # 4,000 IU with 30 mcg MK-7 on warfarin: the K2 heuristic is not acted on either.
        (
            ["--text", "4000 IU D3 + 30 mcg MK-7", "--medication", "warfarin"],
            [
                ("vitamin-k-anticoagulant", "vitamin_k", "error", "clinician", CLINICIAN),
                ("low-k2-for-d", "vitamin_k", "info", "clinician", K2_NOT_RAISED),
            ],
        ),
    ],
)
def test_no_vitamin_k_is_added_on_warfarin(cli: Cli, args: list[str], expected: list[Row]) -> None:
    data = suggest_json(cli, *args)
    assert rows(data) == expected
    # Whatever vitamin K there was is there still, and no more.
    assert per_day(data["after"]).get("vitamin_k") == per_day(data["before"]).get("vitamin_k")


def test_on_warfarin_the_d_finding_stays(cli: Cli) -> None:
    data = suggest_json(cli, "--text", "2000 IU D3", "--medication", "warfarin")
    assert data["resolved"] == []
    assert data["introduced"] == []
    assert findings(data["after"]) == [("d-without-k2", "vitamin_d", "warning")]
    assert per_day(data["after"]) == {"vitamin_d": 50.0}  # 2,000 IU / 40 = 50 mcg, nothing added


@pytest.mark.parametrize(
    ("args", "rule", "nutrient"),
    [
        # 1,000 IU D3 (no calcium) with a thiazide: the finding names vitamin D.
        (
            ["--text", "1000 IU D3 + 100 mcg MK-7", "--medication", "hydrochlorothiazide"],
            "thiazide-hypercalcemia",
            "vitamin_d",
        ),
        (
            ["--text", "500 mg calcium (as citrate) + 1000 IU D3 + 100 mcg MK-7", "--medication", "HCTZ"],
            "thiazide-hypercalcemia",
            "calcium",
        ),
        (["--text", "2000 IU D3 + 100 mcg MK-7", "--condition", "sarcoidosis"], "condition-caution", "vitamin_d"),
        (["--text", "2000 IU D3 + 100 mcg MK-7", "--condition", "hypercalcemia"], "condition-caution", "vitamin_d"),
        (["--text", "100 mcg MK-7", "--medication", "warfarin"], "vitamin-k-anticoagulant", "vitamin_k"),
    ],
)
def test_interaction_findings_go_to_a_clinician_and_change_no_dose(
    cli: Cli, args: list[str], rule: str, nutrient: str
) -> None:
    data = suggest_json(cli, *args)
    (only,) = [s for s in data["suggestions"] if s["rule"] == rule]
    assert (only["rule"], only["nutrient"], only["kind"], only["suggestion"]) == (
        rule,
        nutrient,
        "clinician",
        CLINICIAN,
    )
    assert data["after"]["totals"] == data["before"]["totals"]
    assert findings(data["after"]) == findings(data["before"])
    assert data["resolved"] == [] and data["introduced"] == []


def test_clinician_kind_never_changes_the_regimen_in_a_mixed_case(cli: Cli) -> None:
    """Warfarin plus an overdose: the D dose is lowered (a dose question), vitamin K is left exactly as it was."""
    data = suggest_json(cli, "--text", "20000 IU D3 + 100 mcg MK-7", "--medication", "warfarin")
    assert rows(data) == [
        ("above-ul", "vitamin_d", "error", "change", "Lower 20000 IU D3 to 4,000 IU (the UL is 100 mcg a day)."),
        ("vitamin-k-anticoagulant", "vitamin_k", "error", "clinician", CLINICIAN),
        ("low-k2-for-d", "vitamin_k", "info", "advice", RESOLVED),
    ]
    # 4,000 IU = 100 mcg; vitamin K unchanged at 100 mcg.
    assert per_day(data["after"]) == {"vitamin_d": 100.0, "vitamin_k": 100.0}
    assert findings(data["after"]) == [("vitamin-k-anticoagulant", "vitamin_k", "error")]


def test_lowering_5000_iu_to_the_ul_is_enough_on_its_own(cli: Cli) -> None:
    # 5,000 IU = 125 mcg; excess 25 mcg; keep 100 mcg = 4,000 IU, exactly the UL.
    data = suggest_json(cli, "--text", "5000 IU D3 + 100 mcg MK-7")
    assert rows(data) == [
        ("above-ul", "vitamin_d", "warning", "change", "Lower 5000 IU D3 to 4,000 IU (the UL is 100 mcg a day)."),
    ]
    assert data["resolved"] == ["above-ul (vitamin_d)"]
    assert findings(data["after"]) == []


def test_above_ul_in_a_product_only_is_advice(cli: Cli) -> None:
    # k2-liquid: 5,000 IU D3 (125 mcg) only inside a product, which calcguide does not rewrite.
    data = suggest_json(cli, regimen("k2-liquid"))
    assert rows(data) == [
        (
            "above-ul",
            "vitamin_d",
            "warning",
            "advice",
            "No single-ingredient item supplies vitamin D: choose products with less of it.",
        ),
    ]
    assert data["resolved"] == [] and data["introduced"] == []
    assert data["after"]["totals"] == data["before"]["totals"]


# --write


def recheck(path: Path) -> list[Found]:
    (amended,) = calcguide.load_regimens(path.read_text(encoding="utf-8"), str(path))
    report = calcguide.evaluate(amended)
    return [(f.rule, f.nutrient, f.severity.value) for f in report.findings]


def test_write_saves_yaml_that_reads_back(cli: Cli, tmp_path: Path) -> None:
    source = regimen("weekly-d2-repletion")
    result = cli("suggest", source, "--write", "new.yaml")
    assert result.exit_code == 0, result.stderr
    written = (tmp_path / "new.yaml").read_text(encoding="utf-8")
    assert written == (
        f"# Suggested by calcguide from {source}; not medical advice.\n"
        "name: Weekly D2 repletion (suggested)\n"
        "profile:\n"
        "  age: 58\n"
        "  sex: male\n"
        "items:\n"
        "- dose: 50000 IU ergocalciferol\n"
        "  frequency: weekly\n"
        "- 180 mcg MK-7\n"
    )
    # The prescription-strength course is kept as it was; only the K2 finding is resolved.
    assert recheck(tmp_path / "new.yaml") == [
        ("above-ul", "vitamin_d", "warning"),
        ("vitamin-d-bolus", "vitamin_d", "info"),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml"]  # no temporary file left behind


@pytest.mark.parametrize("case", CASES)
def test_written_regimen_rechecks_with_the_expected_findings(cli: Cli, tmp_path: Path, case: str) -> None:
    args, _, _, _, after = CASES[case]
    result = cli("suggest", *args, "--format", "json", "--write", "amended.yaml")
    assert result.exit_code == 0, result.stderr
    assert findings(json.loads(result.stdout)["after"]) == after
    assert recheck(tmp_path / "amended.yaml") == after


def test_written_product_keeps_its_ingredients_and_split(cli: Cli, tmp_path: Path) -> None:
    result = cli("suggest", regimen("calcium-plus-d"), "--write", "split.yaml")
    assert result.exit_code == 0, result.stderr
    (amended,) = calcguide.load_regimens((tmp_path / "split.yaml").read_text(encoding="utf-8"), "split.yaml")
    product = amended.items[0]
    assert (product.label, product.servings, product.frequency.intakes, product.frequency.period_days) == (
        "Calcium 600 + D3",
        0.5,
        4,
        1.0,
    )
    assert [d.dose.text for d in product.doses] == ["600 mg calcium (as carbonate)", "400 IU vitamin D3"]
    report = calcguide.evaluate(amended)
    totals = {t.nutrient: t.total_per_day for t in report.totals}
    # 0.5 x 600 x 4 = 1,200 + 600 diet = 1,800 mg (unchanged); 0.5 x 400 x 4 = 800 IU = 20 mcg; 90 mcg MK-7.
    assert totals == {"vitamin_d": 20.0, "vitamin_k": 90.0, "calcium": 1800.0}
    assert amended.profile.diet[0].nutrient == "calcium" and amended.profile.diet[0].amount == 600


def test_written_split_of_an_every_other_day_item_reads_back(cli: Cli, tmp_path: Path) -> None:
    # 1,000 mg every other day = 500 mg a day on average; split into 500 mg intakes, one a day on average.
    result = cli("suggest", "--text", "1000 mg calcium (as citrate) every other day", "--write", "eod.yaml")
    assert result.exit_code == 0, result.stderr
    (amended,) = calcguide.load_regimens((tmp_path / "eod.yaml").read_text(encoding="utf-8"), "eod.yaml")
    calcium = next(t for t in calcguide.evaluate(amended).totals if t.nutrient == "calcium")
    assert calcium.amount_per_day == 500.0


def test_written_age_keeps_the_life_stage(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "baby.yaml").write_text("name: Baby\nprofile:\n  age: 7 months\nitems:\n  - 1400 IU D3\n")
    result = cli("suggest", "baby.yaml", "--format", "json", "--write", "amended.yaml")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # 1,400 IU = 35 mcg: 92 % of the 7-12 month UL of 38 mcg, so after adding K2 nothing is found.
    assert data["after"]["profile"]["life_stage_id"] == "infants-7-12m"
    assert findings(data["after"]) == []
    (amended,) = calcguide.load_regimens((tmp_path / "amended.yaml").read_text(encoding="utf-8"), "amended.yaml")
    report = calcguide.evaluate(amended)
    assert report.standard is not None and report.standard.life_stage_id == "infants-7-12m"
    assert recheck(tmp_path / "amended.yaml") == []


def test_write_refuses_an_existing_file(cli: Cli, tmp_path: Path) -> None:
    existing = tmp_path / "taken.yaml"
    existing.write_bytes(b"# mine\nitems: [100 mcg MK-7]\n")
    result = cli("suggest", regimen("d3-alone"), "--write", "taken.yaml")
    assert result.exit_code == 2
    assert result.stderr == "calcguide: taken.yaml exists; --write only creates a new file, so choose another name\n"
    assert result.stdout == ""
    assert existing.read_bytes() == b"# mine\nitems: [100 mcg MK-7]\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.yaml"]


@pytest.mark.parametrize(
    ("args", "files"),
    [
        (["--text", "5000 IU D3", "--text", "1000 IU D3"], {}),
        (["two.yaml"], {"two.yaml": "items: [5000 IU D3]\n---\nitems: [1000 IU D3]\n"}),
        ([regimen("d3-alone"), regimen("yearly-megadose")], {}),
    ],
)
def test_more_than_one_regimen_is_refused(cli: Cli, tmp_path: Path, args: list[str], files: dict[str, str]) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = cli("suggest", *args, "--write", "never.yaml")
    assert result.exit_code == 2
    assert result.stderr == "calcguide: this command takes one regimen; the input holds 2\n"
    assert result.stdout == ""
    assert not (tmp_path / "never.yaml").exists()


def test_an_unreadable_regimen_is_exit_2_with_its_place(cli: Cli) -> None:
    result = cli("suggest", "--text", "5000 IU calcium")
    assert result.exit_code == 2
    assert result.stderr == "<text 1>:1:1: IU has no meaning for calcium; give the amount in mg\n"
    assert result.stdout == ""


# Phosphate binders: taken with meals by design, so never split into between-meal intakes; their dose is the
# nephrologist's.
BINDER_NOT_SPLIT = (
    "is a phosphate binder: it works only with meals, so it is not split into between-meal intakes; whether a "
    "smaller dose per meal is right is the nephrologist's call."
)


def test_a_binder_is_never_split(cli: Cli, tmp_path: Path) -> None:
    # 1,500 mg calcium carbonate x 40 % = 600 mg per intake (> 500), with each of 3 meals.
    (tmp_path / "ckd.yaml").write_text(
        "profile: {age: 68, sex: male}\n"
        "items:\n  - dose: 1500 mg calcium carbonate\n    frequency: 3 times daily\n    purpose: phosphate binder\n"
        "  - 1000 IU D3\n  - 100 mcg MK-7\n",
        encoding="utf-8",
    )
    data = suggest_json(cli, "ckd.yaml")
    assert rows(data) == [
        (
            "phosphate-binder",
            "calcium",
            "info",
            "clinician",
            "A phosphate binder is taken with meals as prescribed: any change to it is the nephrologist's decision.",
        ),
    ]
    assert data["after"]["totals"] == data["before"]["totals"]


def test_calcium_acetate_in_ckd_is_a_binder_without_saying_so(cli: Cli, tmp_path: Path) -> None:
    # PhosLo: 667 mg calcium acetate = 169 mg calcium per gelcap (label); 4 gelcaps with a meal = 676 mg at once.
    (tmp_path / "ckd.yaml").write_text(
        "profile: {age: 60, sex: female, conditions: [chronic kidney disease]}\n"
        "items:\n  - product: PhosLo\n    servings: 4\n    frequency: 3 times daily\n"
        "    ingredients: [169 mg calcium (as acetate)]\n  - 1000 IU D3\n  - 100 mcg MK-7\n",
        encoding="utf-8",
    )
    single = next(r for r in rows(suggest_json(cli, "ckd.yaml")) if r[0] == "calcium-single-dose")
    assert single == ("calcium-single-dose", "calcium", "info", "clinician", f"PhosLo {BINDER_NOT_SPLIT}")


def test_whole_servings_are_kept_together_within_500_mg(cli: Cli, tmp_path: Path) -> None:
    # 4 chews of 169 mg = 676 mg at once: 2 intakes of 2 chews (338 mg) rather than 4 of one.
    (tmp_path / "chews.yaml").write_text(
        "items:\n  - product: Calcium chew\n    servings: 4\n    ingredients: [169 mg calcium (as citrate)]\n"
        "  - 1000 IU D3\n  - 100 mcg MK-7\n",
        encoding="utf-8",
    )
    (single,) = [r for r in rows(suggest_json(cli, "chews.yaml")) if r[0] == "calcium-single-dose"]
    assert single[3:] == (
        "change",
        "Split Calcium chew into intakes of 338 mg calcium: 2 servings together twice daily.",
    )


def test_a_stable_vitamin_k_source_on_warfarin_is_kept_as_it_is(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "stable.yaml").write_text(
        "profile: {medications: [warfarin]}\n"
        "items:\n  - product: Daily multivitamin\n    new: false\n    ingredients: [25 mcg vitamin K1, 400 IU D3]\n",
        encoding="utf-8",
    )
    data = suggest_json(cli, "stable.yaml")
    # 400 IU D3 a day is below 1,000 IU: d-without-k2 is info, and no K2 is added on warfarin.
    assert rows(data) == [
        (
            "vitamin-k-anticoagulant",
            "vitamin_k",
            "warning",
            "clinician",
            "Nothing to change: keep the vitamin K intake exactly as it is, every day, and tell the anticoagulation "
            "clinic before changing or stopping it.",
        ),
        ("d-without-k2", "vitamin_d", "info", "clinician", K2_NOT_ADDED),
    ]
    assert data["after"]["totals"] == data["before"]["totals"]


def test_every_rule_has_a_fixer() -> None:
    """A rule added without telling suggest what to do with its findings would crash 'calcguide suggest'."""
    from calcguide.rules import REGISTRY
    from calcguide.suggest import FIXERS

    assert sorted(set(REGISTRY) - set(FIXERS)) == []
