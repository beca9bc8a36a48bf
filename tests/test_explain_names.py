"""`calcguide explain <medication or condition>`: what calcguide checks for it, with sources; and the catalogue's size
in `calcguide rules --format json`."""

from __future__ import annotations

import json

import yaml
from conftest import REPO, Cli

DATA = yaml.safe_load((REPO / "calcguide" / "data" / "interactions.yaml").read_text(encoding="utf-8"))


def test_explain_omeprazole(cli: Cli) -> None:
    result = cli("explain", "omeprazole")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "omeprazole (proton pump inhibitor)",
        "What calcguide checks:",
        "  CG305 drug-nutrient: calcium as carbonate in the regimen (info, absorption)",
    ]
    assert "  CG305 drug-nutrient: magnesium on the drug alone, as monitoring advice (info, depletion)" in lines
    assert "    Evidence (label, 2011):" in lines
    assert "        https://www.fda.gov/drugs/drugsafety/ucm245011.htm" in lines
    assert "        https://ods.od.nih.gov/factsheets/Calcium-HealthProfessional/" in lines


def test_explain_a_brand_with_a_strength(cli: Cli) -> None:
    result = cli("explain", "Synthroid 88 mcg qAM")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Synthroid: levothyroxine",
        "What calcguide checks:",
        "  CG303 mineral-drug-spacing: calcium, magnesium, iron, chromium in the regimen (warning, spacing)",
    ]
    assert lines[3] == (
        "    Calcium, iron, magnesium and chromium reduce levothyroxine absorption. Take levothyroxine at least 4 "
        "hours apart from calcium, magnesium, iron and chromium."
    )


def test_explain_a_combination_explains_each_component(cli: Cli) -> None:
    lines = cli("explain", "Hyzaar").stdout.splitlines()
    assert "losartan (angiotensin receptor blocker), in Hyzaar" in lines
    assert "hydrochlorothiazide (thiazide diuretic), in Hyzaar" in lines
    assert (
        "  CG302 thiazide-hypercalcemia: Calcium and/or vitamin D supplements with a thiazide diuretic. (warning)"
        in lines
    )


def test_explain_a_condition_as_a_chart_writes_it(cli: Cli) -> None:
    lines = cli("explain", "CKD stage 3b").stdout.splitlines()
    assert lines[:3] == [
        "CKD: chronic kidney disease",
        "What calcguide checks:",
        "  CG304 condition-caution: calcium, vitamin D, magnesium, phosphorus, potassium in the regimen (warning)",
    ]


def test_explain_an_active_vitamin_d_drug(cli: Cli) -> None:
    lines = cli("explain", "Rocaltrol").stdout.splitlines()
    assert lines[0] == "Rocaltrol: calcitriol (active vitamin D drug)"
    assert lines[1].endswith("; as a regimen item it is listed, never counted.")


def test_explain_an_ambiguous_or_unknown_name_is_one_line_and_exit_2(cli: Cli) -> None:
    result = cli("explain", "levo")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "calcguide: 'levo' is ambiguous: levothyroxine or levofloxacin; say which drug is meant\n",
    )  # fmt: skip
    result = cli("explain", "Lipitor")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "calcguide: 'Lipitor' is not a rule, medication or condition calcguide knows; run 'calcguide rules' for the "
        "rules\n"
    )


def test_rules_json_includes_the_catalogue_size(cli: Cli) -> None:
    entries = {e["name"]: e for e in json.loads(cli("rules", "--format", "json").stdout)}
    spacing = [e for e in DATA["interactions"] if e["kind"] == "spacing"]
    others = [e for e in DATA["interactions"] if e["kind"] != "spacing"]
    assert entries["mineral-drug-spacing"]["catalogue"]["entries"] == len(spacing) == 23
    assert entries["drug-nutrient"]["catalogue"]["entries"] == len(others) == 23
    assert entries["nutrient-pair"]["catalogue"] == {"entries": len(DATA["nutrient_pairs"])}
    assert entries["condition-caution"]["catalogue"]["entries"] == len(DATA["conditions"])
    assert entries["above-ul"]["catalogue"] is None
    assert entries["drug-nutrient"]["catalogue"]["names"] > 400
