"""The JSON report is a public contract (schema_version 1): keys and types, one entry per regimen, errors included.

Fields may be added in a schema version, never renamed or removed, so the checks below require keys, not forbid
others.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import REGIMENS, Cli

NUMBER = (int, float)


def is_number(value: object) -> bool:
    return isinstance(value, NUMBER) and not isinstance(value, bool)


def is_optional_number(value: object) -> bool:
    return value is None or is_number(value)


def is_optional_str(value: object) -> bool:
    return value is None or isinstance(value, str)


def assert_report_shape(report: dict[str, Any]) -> None:
    assert {"schema_version", "source", "name", "profile", "totals", "findings", "notes", "summary", "error"} <= set(
        report
    )
    assert report["schema_version"] == 1
    assert isinstance(report["source"], str) and isinstance(report["name"], str)
    assert isinstance(report["notes"], list) and all(isinstance(note, str) for note in report["notes"])
    assert isinstance(report["disclaimer"], str) and "not medical advice" in report["disclaimer"]

    profile = report["profile"]
    assert {"age", "sex", "life_stage", "life_stage_id", "pregnant", "lactating", "medications", "conditions"} <= set(
        profile
    )
    assert is_optional_number(profile["age"])
    assert profile["sex"] in (None, "female", "male")
    assert is_optional_str(profile["life_stage"]) and is_optional_str(profile["life_stage_id"])
    assert isinstance(profile["pregnant"], bool) and isinstance(profile["lactating"], bool)
    assert all(isinstance(name, str) for name in profile["medications"])
    assert all(isinstance(name, str) for name in profile["conditions"])

    summary = report["summary"]
    assert set(summary) == {"error", "warning", "info"}
    assert all(isinstance(count, int) and count >= 0 for count in summary.values())
    assert sum(summary.values()) == len(report["findings"])

    for total in report["totals"]:
        assert {
            "nutrient", "label", "unit", "amount_per_day", "diet_per_day", "total_per_day", "target", "target_type",
            "ul", "ul_basis", "ul_amount_per_day", "percent_ul", "percent_target", "sources",
        } <= set(total)  # fmt: skip
        assert isinstance(total["nutrient"], str) and isinstance(total["label"], str)
        assert total["unit"] in ("mcg", "mg", "mcg RAE")
        for key in ("amount_per_day", "diet_per_day", "total_per_day", "ul_amount_per_day"):
            assert is_number(total[key]), key
        for key in ("target", "ul", "percent_ul", "percent_target"):
            assert is_optional_number(total[key]), key
        assert total["target_type"] in (None, "RDA", "AI")
        assert total["ul_basis"] in ("total", "supplemental", "preformed")
        assert (total["ul"] is None) == (total["percent_ul"] is None)
        assert isinstance(total["sources"], list) and all(isinstance(s, str) for s in total["sources"])

    for finding in report["findings"]:
        assert {"rule", "code", "severity", "nutrient", "message", "line", "evidence"} <= set(finding)
        assert isinstance(finding["rule"], str) and finding["code"].startswith("CG")
        assert finding["severity"] in ("info", "warning", "error")
        assert is_optional_str(finding["nutrient"])
        assert isinstance(finding["message"], str) and finding["message"]
        assert finding["line"] is None or (isinstance(finding["line"], int) and finding["line"] >= 1)
        assert finding["evidence"], finding["rule"]
        for evidence in finding["evidence"]:
            assert isinstance(evidence["title"], str) and evidence["title"]
            assert isinstance(evidence["url"], str) and evidence["url"].startswith("http")

    error = report["error"]
    if error is not None:
        assert {"message", "line", "column"} <= set(error)
        assert isinstance(error["message"], str) and error["message"]
        assert error["line"] is None or isinstance(error["line"], int)
        assert error["column"] is None or isinstance(error["column"], int)
        assert report["totals"] == [] and report["findings"] == []
        assert profile["life_stage"] is None


@pytest.fixture
def run(cli: Cli, tmp_path: Path) -> list[dict[str, Any]]:
    (tmp_path / "bad-dose.yaml").write_text("name: Bad\nitems:\n  - 2000 IU D3\n  - 5000 XU D3\n", encoding="utf-8")
    (tmp_path / "two.yaml").write_text(
        "name: First\nitems: [100 mcg MK-7]\n---\nname: Second\nitems: [5000 IU calcium]\n", encoding="utf-8"
    )
    result = cli(
        "check",
        "--format",
        "json",
        str(REGIMENS / "full-bone-stack.yaml"),
        "missing.yaml",
        "bad-dose.yaml",
        str(REGIMENS / "pregnancy.yaml"),
        "two.yaml",
    )
    assert result.exit_code == 2  # some inputs could not be read
    reports = json.loads(result.stdout)
    assert isinstance(reports, list)
    return reports


def test_one_entry_per_regimen_in_input_order(run: list[dict[str, Any]]) -> None:
    assert [(r["source"], r["name"]) for r in run] == [
        (str(REGIMENS / "full-bone-stack.yaml"), "Bone stack"),
        ("missing.yaml", "missing"),
        ("bad-dose.yaml", "bad-dose"),
        (str(REGIMENS / "pregnancy.yaml"), "Prenatal plus D3"),
        ("two.yaml", "First"),
        ("two.yaml", "Second"),
    ]


def test_every_entry_has_the_contract_shape(run: list[dict[str, Any]]) -> None:
    for report in run:
        assert_report_shape(report)


def test_readable_regimens_are_complete(run: list[dict[str, Any]]) -> None:
    bone, pregnancy, first = run[0], run[3], run[4]
    assert bone["error"] is None and pregnancy["error"] is None and first["error"] is None
    assert bone["profile"] == {
        **bone["profile"],
        "age": 45,
        "sex": "female",
        "life_stage": "Females 31-50 years",
        "life_stage_id": "females-31-50y",
        "pregnant": False,
        "lactating": False,
        "medications": ["levothyroxine"],
        "conditions": ["kidney stones"],
    }
    assert bone["summary"] == {"error": 0, "warning": 4, "info": 4}
    calcium = next(t for t in bone["totals"] if t["nutrient"] == "calcium")
    assert calcium == {
        **calcium,
        "label": "Calcium",
        "unit": "mg",
        "amount_per_day": 3400.0,  # 2 x 2 x 600 + 2,500 x 0.40
        "diet_per_day": 700.0,
        "total_per_day": 4100.0,
        "target": 1000.0,
        "target_type": "RDA",
        "ul": 2500.0,
        "ul_basis": "total",
        "ul_amount_per_day": 4100.0,
        "percent_ul": 164.0,  # 4,100 / 2,500
        "percent_target": 410.0,
        "sources": ["Calcium + D3 tablet", "2500 mg calcium carbonate"],
    }
    assert pregnancy["profile"]["pregnant"] is True
    vitamin_a = next(t for t in pregnancy["totals"] if t["nutrient"] == "vitamin_a")
    assert (vitamin_a["ul_basis"], vitamin_a["ul_amount_per_day"], vitamin_a["total_per_day"]) == (
        "preformed",
        600.0,  # 2,000 IU x 0.3 retinyl acetate
        1200.0,  # + 2,000 IU x 0.3 beta-carotene
    )
    assert first["totals"][0]["nutrient"] == "vitamin_k"


def test_finding_line_points_into_the_file(run: list[dict[str, Any]]) -> None:
    bone = run[0]
    single = [f for f in bone["findings"] if f["rule"] == "calcium-single-dose"]
    assert [f["line"] for f in single] == [20, 22]  # the product's calcium ingredient; "2500 mg calcium carbonate"


def test_unreadable_inputs_keep_their_place_with_the_error(run: list[dict[str, Any]]) -> None:
    missing, bad, second = run[1], run[2], run[5]
    assert missing["error"] == {
        **missing["error"],
        "message": "no such file; check the path",
        "line": None,
        "column": None,
    }
    assert bad["error"] == {
        **bad["error"],
        "message": "unknown unit 'XU'; use IU, mcg, mg, g, mcg RAE or mg elemental",
        "line": 4,
        "column": 5,
    }
    assert second["error"] == {
        **second["error"],
        "message": "IU has no meaning for calcium; give the amount in mg",
        "line": 5,
        "column": 9,
    }
    for report in (missing, bad, second):
        assert report["summary"] == {"error": 0, "warning": 0, "info": 0}
        assert report["profile"]["life_stage"] is None


def test_a_single_file_is_a_list_of_one(cli: Cli) -> None:
    result = cli("check", "--format", "json", str(REGIMENS / "d3-alone.yaml"))
    (report,) = json.loads(result.stdout)
    assert_report_shape(report)
    assert result.exit_code == 0
