"""`calcguide compare`: regimens side by side, as JSON (the whole structure) and as a table."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import REGIMENS, Cli

from calcguide.evaluate import DISCLAIMER

ARGS = [
    "compare",
    "regimens/d3-alone.yaml",
    "regimens/calcium-plus-d.yaml",
    "--text",
    "2000 IU D3 + 180 mcg MK-7",
    "--age",
    "63",
    "--sex",
    "female",
]
WIDE = {"COLUMNS": "200"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(REGIMENS, tmp_path / "regimens")
    return tmp_path


def _known(actual: dict[str, object], expected: dict[str, object]) -> dict[str, object]:
    """The fields of ``actual`` that ``expected`` names (the JSON contract only ever adds fields)."""
    return {key: actual.get(key, "<missing>") for key in expected}


def test_compare_json_whole_structure(cli: Cli, repo: Path) -> None:
    result = cli(*ARGS, "--format", "json")
    assert result.exit_code == 0  # compare's --fail-on defaults to never
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["disclaimer"] == DISCLAIMER

    expected_regimens = [
        {
            "source": "regimens/d3-alone.yaml",
            "name": "D3 alone",
            "life_stage": "Females 51-70 years",
            "summary": {"error": 0, "warning": 1, "info": 0},
            "worst": "warning",
            "verdict": "worst: warning",
            "error": None,
            "fixes": [],
            "introduces": [],
        },
        {
            "source": "regimens/calcium-plus-d.yaml",
            "name": "Calcium + D3 tablets",
            "life_stage": "Females 51-70 years",
            "summary": {"error": 0, "warning": 0, "info": 1},
            "worst": "info",
            "verdict": "worst: info",
            "error": None,
            "fixes": ["d-without-k2 (vitamin_d)"],
            "introduces": ["calcium-single-dose (calcium)"],
        },
        {
            "source": "<text 1>",
            "name": "2000 IU D3 + 180 mcg MK-7",
            "life_stage": "Females 51-70 years",
            "summary": {"error": 0, "warning": 0, "info": 0},
            "worst": None,
            "verdict": "no findings",
            "error": None,
            "fixes": ["d-without-k2 (vitamin_d)"],
            "introduces": [],
        },
    ]
    assert [_known(r, e) for r, e in zip(data["regimens"], expected_regimens, strict=True)] == expected_regimens

    # 2000 IU = 50 mcg; the tablets: 400 IU twice daily = 20 mcg; 600 mg calcium twice daily + 600 mg from food
    assert data["nutrients"] == [
        {
            "nutrient": "vitamin_d",
            "label": "Vitamin D",
            "unit": "mcg",
            "cells": [
                {"total_per_day": 50.0, "ul": 100.0, "percent_ul": 50.0},
                {"total_per_day": 20.0, "ul": 100.0, "percent_ul": 20.0},
                {"total_per_day": 50.0, "ul": 100.0, "percent_ul": 50.0},
            ],
        },
        {
            "nutrient": "vitamin_k",
            "label": "Vitamin K",
            "unit": "mcg",
            "cells": [
                None,
                {"total_per_day": 90.0, "ul": None, "percent_ul": None},
                {"total_per_day": 180.0, "ul": None, "percent_ul": None},
            ],
        },
        {
            "nutrient": "calcium",
            "label": "Calcium",
            "unit": "mg",
            "cells": [None, {"total_per_day": 1800.0, "ul": 2000.0, "percent_ul": 90.0}, None],
        },
    ]
    assert data["findings"] == [
        {"rule": "d-without-k2", "code": "CG101", "nutrient": "vitamin_d", "severities": ["warning", None, None]},
        {"rule": "calcium-single-dose", "code": "CG203", "nutrient": "calcium", "severities": [None, "info", None]},
    ]


def _rows(stdout: str) -> dict[str, list[str]]:
    """Table rows by their first cell, as cells split at runs of two or more spaces."""
    rows = {}
    for line in stdout.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if cells and cells[0]:
            rows.setdefault(cells[0], cells[1:])
    return rows


def test_compare_table_marks_fixes_new_findings_and_verdicts(cli: Cli, repo: Path) -> None:
    result = cli(*ARGS, env=WIDE)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].rstrip() == "Comparison"
    assert re.split(r"\s{2,}", lines[2].strip()) == [
        "D3 alone (baseline)",
        "Calcium + D3 tablets",
        "2000 IU D3 + 180 mcg MK-7",
    ]
    rows = _rows(result.stdout)
    assert rows["Life stage"] == ["Females 51-70 years"] * 3
    assert rows["Vitamin D"] == ["50 mcg (2,000 IU)", "20 mcg (800 IU)", "50 mcg (2,000 IU)"]
    assert rows["Vitamin K"] == ["-", "90 mcg", "180 mcg"]
    assert rows["Calcium"] == ["-", "1,800 mg", "-"]
    assert rows["CG101 d-without-k2"] == ["warning", "fixed", "fixed"]
    assert rows["CG203 calcium-single-dose"] == ["-", "info (new)", "-"]
    assert rows["Verdict"] == ["worst: warning", "worst: info", "no findings"]
    verdict = next(i for i, line in enumerate(lines) if line.strip().startswith("Verdict"))
    assert re.split(r"\s{2,}", lines[verdict + 1].strip()) == ["fixes 1, introduces 1", "fixes 1, introduces 0"]
    assert lines[-1] == DISCLAIMER


def test_a_profile_flag_applies_to_every_regimen(cli: Cli, repo: Path) -> None:
    # d3-alone is 52 and calcium-plus-d 63 (both female); the --text regimen has no profile at all
    result = cli(
        "compare",
        "regimens/d3-alone.yaml",
        "regimens/calcium-plus-d.yaml",
        "--text",
        "2000 IU D3 + 180 mcg MK-7",
        "--age",
        "75",
        "-f",
        "json",
    )
    data = json.loads(result.stdout)
    assert [r["life_stage"] for r in data["regimens"]] == [
        "Females over 70 years",
        "Females over 70 years",
        "People over 70 years",
    ]
    # over 70 the vitamin D RDA rises, the UL does not
    assert [cell["ul"] for cell in data["nutrients"][0]["cells"]] == [100.0, 100.0, 100.0]


def test_compare_medication_flag_introduces_an_error(cli: Cli, repo: Path) -> None:
    result = cli(
        "compare",
        "regimens/d3-alone.yaml",
        "--text",
        "2000 IU D3 + 180 mcg MK-7",
        "--medication",
        "warfarin",
        "-f",
        "json",
        "--fail-on",
        "error",
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(r["verdict"], r["fixes"], r["introduces"]) for r in data["regimens"]] == [
        ("worst: warning", [], []),
        ("worst: error", ["d-without-k2 (vitamin_d)"], ["vitamin-k-anticoagulant (vitamin_k)"]),
    ]
    assert [(f["code"], f["severities"]) for f in data["findings"]] == [
        ("CG101", ["warning", None]),
        ("CG301", [None, "error"]),
    ]


def test_compare_with_an_unreadable_regimen(cli: Cli, repo: Path) -> None:
    result = cli("compare", "regimens/d3-alone.yaml", "missing.yaml", "-f", "json")
    assert result.exit_code == 2
    assert result.stderr == "missing.yaml: no such file; check the path\n"
    data = json.loads(result.stdout)
    second = data["regimens"][1]
    assert (second["verdict"], second["worst"], second["life_stage"]) == ("could not be read", None, None)
    assert second["error"] == {
        "message": "no such file; check the path",
        "line": None,
        "column": None,
        "text": "missing.yaml: no such file; check the path",
    }


def test_an_unreadable_regimen_fixes_nothing(cli: Cli, repo: Path) -> None:
    result = cli("compare", "regimens/d3-alone.yaml", "missing.yaml", "-f", "json")
    second = json.loads(result.stdout)["regimens"][1]
    assert (second["fixes"], second["introduces"]) == ([], [])
    table = cli("compare", "regimens/d3-alone.yaml", "missing.yaml", env=WIDE)
    assert "fixed" not in table.stdout
    assert "fixes 1" not in table.stdout
