"""What the profile names that calcguide cannot match is shown in the report and its JSON, never dropped."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Cli, check_text

NOT_IN = "not in calcguide's catalogue"


def test_each_kind_of_unmatched_entry_with_its_reason() -> None:
    report = check_text(
        "500 mg calcium",
        medications=["levo 500 mg", "atorvastatin 20 mg", "amlodipine/benazepril 10-20 mg", "calcium carbonate 500 mg"],
        conditions=["CKD stage 3b", "osteoporosis", "no kidney stones"],
    )
    assert [tuple(u) for u in report.unmatched] == [
        ("medication", "levo 500 mg", "ambiguous: levothyroxine or levofloxacin — say which"),
        ("medication", "atorvastatin 20 mg", NOT_IN),
        ("medication", "amlodipine/benazepril 10-20 mg", f"{NOT_IN}: amlodipine (benazepril is checked)"),
        (
            "medication",
            "calcium carbonate 500 mg",
            "a supplement, not a medication: list it under items with its dose to have it counted and checked",
        ),
        ("condition", "osteoporosis", NOT_IN),
        (
            "condition",
            "no kidney stones",
            "reads as a negation or a relative's history: not applied (list only the person's own conditions)",
        ),
    ]


def test_an_ambiguous_abbreviation_fires_nothing() -> None:
    report = check_text("500 mg calcium", select=["mineral-drug-spacing"], medications=["levo"])
    assert report.findings == ()


def test_a_matched_list_has_nothing_unmatched() -> None:
    report = check_text("500 mg calcium", medications=["Synthroid 88 mcg qAM"], conditions=["ESRD on dialysis"])
    assert report.unmatched == ()


def test_a_cream_is_noted_not_checked() -> None:
    report = check_text("2000 IU D3 + 500 mg calcium", medications=["hydrocortisone cream 1% BID"])
    assert report.unmatched == ()
    assert not [f for f in report.findings if "hydrocortisone" in f.message]
    assert (
        "medication 'hydrocortisone cream 1% BID' is applied to the skin, eyes, ears or airways: calcguide's "
        "interactions concern medicines taken by mouth or injection, so it is not checked"
    ) in report.notes


def test_json_lists_unmatched_entries_as_written(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "name: r\nprofile:\n  medications: [levo 100 mcg, Lipitor 20 mg]\n  conditions: [CKD 3b]\n"
        "items:\n  - 500 mg calcium\n",
        encoding="utf-8",
    )
    result = cli("check", str(path), "--format", "json")
    (report,) = json.loads(result.stdout)
    assert report["unmatched"] == [
        {
            "kind": "medication",
            "text": "levo 100 mcg",
            "reason": "ambiguous: levothyroxine or levofloxacin — say which",
        },
        {"kind": "medication", "text": "Lipitor 20 mg", "reason": NOT_IN},
    ]
