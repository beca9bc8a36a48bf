"""`calcguide check --all-life-stages`: one report per DRI life stage, the stages over the UL, and exit codes.

Expected stages are derived by hand from the UL columns of calcguide/data/dri_us.yaml, copied below and checked
against the file so the two cannot drift apart silently.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, Cli

# The documented order: infants to over 70, males then females, then pregnancy and lactation.
STAGES = [
    ("infants-0-6m", "Infants 0-6 months"),
    ("infants-7-12m", "Infants 7-12 months"),
    ("children-1-3y", "Children 1-3 years"),
    ("children-4-8y", "Children 4-8 years"),
    ("males-9-13y", "Males 9-13 years"),
    ("males-14-18y", "Males 14-18 years"),
    ("males-19-30y", "Males 19-30 years"),
    ("males-31-50y", "Males 31-50 years"),
    ("males-51-70y", "Males 51-70 years"),
    ("males-71y+", "Males over 70 years"),
    ("females-9-13y", "Females 9-13 years"),
    ("females-14-18y", "Females 14-18 years"),
    ("females-19-30y", "Females 19-30 years"),
    ("females-31-50y", "Females 31-50 years"),
    ("females-51-70y", "Females 51-70 years"),
    ("females-71y+", "Females over 70 years"),
    ("pregnancy-14-18y", "Pregnancy 14-18 years"),
    ("pregnancy-19-30y", "Pregnancy 19-30 years"),
    ("pregnancy-31-50y", "Pregnancy 31-50 years"),
    ("lactation-14-18y", "Lactation 14-18 years"),
    ("lactation-19-30y", "Lactation 19-30 years"),
    ("lactation-31-50y", "Lactation 31-50 years"),
]
IDS = [stage_id for stage_id, _ in STAGES]

# UL of vitamin D (mcg) and preformed vitamin A (mcg RAE) per stage, as in dri_us.yaml.
D_UL = dict(zip(IDS, [25, 38, 63, 75] + [100] * 18, strict=True))
A_UL = dict(
    zip(
        IDS,
        [
            *(600, 600, 600, 900),  # infants, children
            *(1700, 2800, 3000, 3000, 3000, 3000),  # males 9-13 to over 70
            *(1700, 2800, 3000, 3000, 3000, 3000),  # females 9-13 to over 70
            *(2800, 3000, 3000),  # pregnancy
            *(2800, 3000, 3000),  # lactation
        ],
        strict=True,
    )
)


def test_the_copied_uls_are_those_of_the_data_file() -> None:
    table = yaml.safe_load((REPO / "calcguide" / "data" / "dri_us.yaml").read_text(encoding="utf-8"))["nutrients"]
    assert {s: row["ul"] for s, row in table["vitamin_d"]["values"].items()} == D_UL
    assert {s: row["ul"] for s, row in table["vitamin_a"]["values"].items()} == A_UL
    stages = yaml.safe_load((REPO / "calcguide" / "data" / "life_stages.yaml").read_text(encoding="utf-8"))
    assert sorted((s["id"], s["label"]) for s in stages["life_stages"]) == sorted(STAGES)


def stages_json(cli: Cli, *args: str, code: int) -> list[dict[str, Any]]:
    result = cli("check", "--all-life-stages", "--format", "json", *args)
    assert result.exit_code == code, result.stderr
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def test_5000_iu_is_above_the_ul_for_every_stage(cli: Cli) -> None:
    (data,) = stages_json(cli, "--text", "5000 IU D3", code=1)
    # 5,000 IU / 40 = 125 mcg; every vitamin D UL is at most 100 mcg.
    assert all(ul <= 100 for ul in D_UL.values())
    assert data["above_ul"] == {"vitamin_d": IDS}
    assert data["name"] == "5000 IU D3"
    assert data["source"] == "<text 1>"
    assert [(s["id"], s["label"]) for s in data["life_stages"]] == STAGES


def test_percent_of_ul_and_severity_per_stage(cli: Cli) -> None:
    (data,) = stages_json(cli, "--text", "5000 IU D3", code=1)
    for stage in data["life_stages"]:
        report = stage["report"]
        assert report["profile"]["life_stage_id"] == stage["id"]
        (d,) = report["totals"]
        # 125 / UL x 100, to 4 decimals: 500, 328.9474 (125/38), 198.4127 (125/63), 166.6667 (125/75), 125.
        assert d["percent_ul"] == round(100 * 125 / D_UL[stage["id"]], 4)
        # An error from twice the UL (125 >= 2 x 25 and 2 x 38 = 76; 125 < 2 x 63 = 126).
        severity = "error" if 2 * D_UL[stage["id"]] <= 125 else "warning"
        above = [f["severity"] for f in report["findings"] if f["rule"] == "above-ul"]
        assert above == [severity], stage["id"]
    errors = [s["id"] for s in data["life_stages"] if s["report"]["summary"]["error"]]
    assert errors == ["infants-0-6m", "infants-7-12m"]


def test_3000_iu_is_above_the_ul_only_below_75_mcg(cli: Cli) -> None:
    (data,) = stages_json(cli, "--text", "3000 IU D3", code=1)
    # 3,000 IU = 75 mcg: above the ULs of 25, 38 and 63 mcg; children 4-8 (75) are exactly at it, not above.
    assert [s for s in IDS if D_UL[s] < 75] == ["infants-0-6m", "infants-7-12m", "children-1-3y"]
    assert data["above_ul"] == {"vitamin_d": ["infants-0-6m", "infants-7-12m", "children-1-3y"]}
    children = next(s for s in data["life_stages"] if s["id"] == "children-4-8y")
    assert children["report"]["totals"][0]["percent_ul"] == 100.0
    # No d-without-k2 either: the K2 rules are for adults (19 and over).
    assert children["report"]["findings"] == []


def test_nothing_above_any_ul(cli: Cli) -> None:
    # 400 IU = 10 mcg: 40 % of the lowest UL (25 mcg). K2 present: no finding anywhere.
    (data,) = stages_json(cli, "--text", "400 IU D3 + 100 mcg MK-7", code=0)
    assert data["above_ul"] == {}
    assert all(s["report"]["findings"] == [] for s in data["life_stages"])


def test_preformed_vitamin_a_at_the_ul_is_an_error_only_in_pregnancy(cli: Cli) -> None:
    (data,) = stages_json(cli, "--text", "3000 mcg RAE retinol", code=1)
    # Exceeded (UL below 3,000): infants and 1-3 y (600), 4-8 y (900), 9-13 y (1,700), 14-18 y (2,800).
    below = [s for s in IDS if A_UL[s] < 3000]
    assert below == [
        "infants-0-6m",
        "infants-7-12m",
        "children-1-3y",
        "children-4-8y",
        "males-9-13y",
        "males-14-18y",
        "females-9-13y",
        "females-14-18y",
        "pregnancy-14-18y",
        "lactation-14-18y",
    ]
    assert data["above_ul"] == {"vitamin_a": below}
    severities = {s["id"]: [(f["rule"], f["severity"]) for f in s["report"]["findings"]] for s in data["life_stages"]}
    for stage_id in IDS:
        ratio = 3000 / A_UL[stage_id]
        if stage_id.startswith("pregnancy"):
            expected = [("above-ul", "error")]  # at or above the UL in pregnancy: always an error
        elif ratio >= 2:  # 3,000 / 600 = 5, 3,000 / 900 = 3.3
            expected = [("above-ul", "error")]
        elif ratio > 1:  # 3,000 / 1,700 = 1.76, 3,000 / 2,800 = 1.07
            expected = [("above-ul", "warning")]
        else:  # exactly at the UL, outside pregnancy: nothing
            expected = []
        assert severities[stage_id] == expected, stage_id
    pregnancy = next(s for s in data["life_stages"] if s["id"] == "pregnancy-19-30y")
    (finding,) = pregnancy["report"]["findings"]
    assert finding["message"] == (
        "Preformed vitamin A (retinol and retinyl esters: the UL does not count beta-carotene) totals 3,000 mcg RAE "
        "a day, 100% of the UL of 3,000 mcg RAE for Pregnancy 19-30 years. In pregnancy, preformed vitamin A at or "
        "above the UL can cause birth defects."
    )


def test_each_row_is_evaluated_as_its_stage(cli: Cli) -> None:
    (data,) = stages_json(cli, "--text", "100 mcg MK-7", "--medication", "warfarin", "--sex", "male", code=1)
    for stage in data["life_stages"]:
        profile = stage["report"]["profile"]
        group = stage["id"].split("-")[0]
        assert profile["pregnant"] == (group == "pregnancy")
        assert profile["lactating"] == (group == "lactation")
        if group in ("pregnancy", "lactation", "females"):
            assert profile["sex"] == "female"
        elif group == "males":
            assert profile["sex"] == "male"
        # The medication is kept for every stage: the interaction fires everywhere.
        assert profile["medications"] == ["warfarin"]
        assert [(f["rule"], f["severity"]) for f in stage["report"]["findings"]] == [
            ("vitamin-k-anticoagulant", "error")
        ]
    assert data["above_ul"] == {}


# The age each stage is evaluated at: its first month (from_months / 12 in life_stages.yaml), and 14 years for
# pregnancy and lactation 14-18, whose rows start at 0 months (the tables have no pregnancy below 14).
FIRST_AGE = dict(
    zip(
        IDS,
        [
            *(0, 7 / 12, 1, 4),  # infants 0 and 7 months, children 1 and 4 years
            *(9, 14, 19, 31, 51, 71),  # males
            *(9, 14, 19, 31, 51, 71),  # females
            *(14, 19, 31),  # pregnancy
            *(14, 19, 31),  # lactation
        ],
        strict=True,
    )
)


def test_each_stage_is_evaluated_at_its_first_age(cli: Cli) -> None:
    (data,) = stages_json(cli, "--text", "100 mcg MK-7", code=0)
    assert [stage["id"] for stage in data["life_stages"]] == IDS
    assert {stage["id"]: stage["report"]["profile"]["age"] for stage in data["life_stages"]} == FIRST_AGE
    assert {stage["id"]: stage["report"]["profile"]["life_stage_id"] for stage in data["life_stages"]} == {
        stage_id: stage_id for stage_id in IDS
    }


def test_table_has_one_row_per_stage_in_order(cli: Cli) -> None:
    result = cli("check", "--all-life-stages", "--text", "5000 IU D3 + 100 mcg MK-7")
    assert result.exit_code == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "5000 IU D3 + 100 mcg MK-7: every life stage"
    labels = [label for _, label in STAGES]
    rows = [line.strip() for line in lines if line.strip().startswith(tuple(labels))]
    assert [next(label for label in labels if row.startswith(label)) for row in rows] == labels
    # % of UL as README shows it: 125 / 25 = 500 %, 125 / 38 = 329 %, 125 / 63 = 198 %, 125 / 75 = 167 %, 125 %.
    expected = ["500%", "329%", "198%", "167%"] + ["125%"] * 18
    assert [row[len(label) :].split()[0] for row, label in zip(rows, labels, strict=True)] == expected
    assert rows[0].endswith("error above-ul")
    assert rows[2].endswith("warning above-ul")


def test_table_with_two_regimens(cli: Cli) -> None:
    result = cli("check", "--all-life-stages", "--text", "400 IU D3 + 100 mcg MK-7", "--text", "100 mcg MK-7")
    assert result.exit_code == 0, result.stderr
    assert "400 IU D3 + 100 mcg MK-7: every life stage" in result.stdout
    assert "100 mcg MK-7: every life stage" in result.stdout.split("400 IU D3 + 100 mcg MK-7: every life stage")[1]
    assert result.stdout.count("Lactation 31-50 years") == 2


def test_jsonl_has_one_object_per_regimen(cli: Cli) -> None:
    result = cli(
        "check", "--all-life-stages", "-f", "jsonl", "--text", "400 IU D3 + 100 mcg MK-7", "--text", "3000 IU D3"
    )
    assert result.exit_code == 1, result.stderr  # 3,000 IU: 300 % of the 0-6 month UL, an error
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert (first["name"], first["above_ul"]) == ("400 IU D3 + 100 mcg MK-7", {})
    assert second["above_ul"] == {"vitamin_d": ["infants-0-6m", "infants-7-12m", "children-1-3y"]}


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--text", "5000 IU D3"], 1),  # errors for infants
        (["--text", "5000 IU D3", "--fail-on", "never"], 0),
        (["--text", "3000 IU D3", "--fail-on", "warning"], 1),
        (["--text", "400 IU D3 + 100 mcg MK-7", "--fail-on", "warning"], 0),
        (["--text", "400 IU D3", "--fail-on", "info"], 1),  # d-without-k2 below 1,000 IU is info
        (["--text", "400 IU D3"], 0),
    ],
)
def test_exit_codes(cli: Cli, args: list[str], code: int) -> None:
    result = cli("check", "--all-life-stages", "-f", "json", *args)
    assert result.exit_code == code, result.stderr
    assert result.stderr == ""


def test_an_unreadable_regimen_is_exit_2_and_the_rest_is_reported(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", "--all-life-stages", "-f", "json", "--text", "5000 IU calcium", "--text", "100 mcg MK-7")
    assert result.exit_code == 2
    assert result.stderr == "<text 1>:1:1: IU has no meaning for calcium; give the amount in mg\n"
    (data,) = json.loads(result.stdout)
    assert data["name"] == "100 mcg MK-7"
    assert data["source"] == "<text 2>"


def test_only_an_unreadable_regimen_prints_an_empty_array(cli: Cli) -> None:
    result = cli("check", "--all-life-stages", "-f", "json", "--text", "5000 IU calcium")
    assert result.exit_code == 2
    assert result.stdout == "[]\n"


@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_markdown_and_html_are_refused(cli: Cli, output_format: str) -> None:
    result = cli("check", "--all-life-stages", "-f", output_format, "--text", "5000 IU D3")
    assert result.exit_code == 2
    assert result.stderr == "calcguide: --all-life-stages prints table, json or jsonl\n"
    assert result.stdout == ""
