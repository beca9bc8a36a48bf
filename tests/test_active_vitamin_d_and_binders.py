"""Active vitamin D drugs are medicines, never vitamin D; phosphate binders are calcium taken with meals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Cli, check_text, check_yaml, total

from calcguide.interaction_catalog import active_vitamin_d, binders, interactions

ACTIVE = interactions()[[e.id for e in interactions()].index("active-vitamin-d-supplements")]
ACTIVE_TAIL = f"{ACTIVE.why} {ACTIVE.advice}"
BINDER = binders()
CALCITRIOL_WHAT = active_vitamin_d()["calcitriol"].what


@pytest.mark.parametrize(
    ("line", "drug"),
    [
        ("0.25 mcg calcitriol", "calcitriol"),
        ("0.5 mcg Rocaltrol", "calcitriol"),
        ("1 mcg alfacalcidol", "alfacalcidol"),
        ("2 mcg paricalcitol", "paricalcitol"),
        ("1 mcg Zemplar", "paricalcitol"),
        ("2.5 mcg doxercalciferol", "doxercalciferol"),
        ("1 mcg Hectorol", "doxercalciferol"),
        ("30 mcg calcifediol", "calcifediol"),
        ("30 mcg Rayaldee", "calcifediol"),
        ("0.2 mg dihydrotachysterol", "dihydrotachysterol"),
    ],
)
def test_an_active_vitamin_d_item_is_a_medicine_not_vitamin_d(line: str, drug: str) -> None:
    report = check_text(line)
    assert report.totals == ()  # nothing added to vitamin D
    ((medicine),) = report.medicines
    assert [d.drug for d in medicine.drugs] == [drug]
    assert not [f for f in report.findings if f.rule == "unrecognized-ingredient"]
    assert f"{line}: {active_vitamin_d()[drug].what}; not counted toward any nutrient's total" in report.notes


def test_calcitriol_with_vitamin_d_is_a_warning() -> None:
    report = check_text("0.25 mcg calcitriol + 1000 IU D3 + 100 mcg MK-7", select=["drug-nutrient"])
    assert total(report, "vitamin_d").amount_per_day == 25.0  # only the D3: 1,000 IU / 40
    ((finding),) = report.findings
    assert (finding.rule, finding.code, finding.severity.value, finding.nutrient) == (
        "drug-nutrient", "CG305", "warning", "vitamin_d",
    )  # fmt: skip
    assert finding.message == (
        f"calcitriol (active vitamin D drug) with 25 mcg (1,000 IU) of vitamin D a day. {ACTIVE_TAIL}"
    )
    assert [e.url for e in finding.evidence] == ["https://www.rocaltrol.us/pro/safety_precautions.php"]


def test_calcitriol_in_the_medication_list_with_calcium() -> None:
    report = check_text(
        "500 mg calcium (as citrate)", select=["drug-nutrient"], medications=["Rocaltrol 0.25 mcg daily"]
    )
    ((finding),) = report.findings
    assert (
        finding.message == f"Rocaltrol (calcitriol; active vitamin D drug) with 500 mg of calcium a day. {ACTIVE_TAIL}"
    )


def test_calcitriol_alone_fires_nothing() -> None:
    assert check_text("0.25 mcg calcitriol", select=["drug-nutrient"]).findings == ()


def test_json_says_what_the_medicine_is(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("name: r\nitems:\n  - 0.25 mcg calcitriol\n  - 1000 IU D3\n", encoding="utf-8")
    (report,) = json.loads(cli("check", str(path), "--format", "json").stdout)
    assert report["medicines"] == [
        {
            "item": "0.25 mcg calcitriol",
            "dose": "0.25 mcg calcitriol",
            "drugs": [{"drug": "calcitriol", "class": "active_vitamin_d"}],
            "what": CALCITRIOL_WHAT,
            "counted": False,
        }
    ]
    assert [t["nutrient"] for t in report["totals"]] == ["vitamin_d"]
    assert report["totals"][0]["amount_per_day"] == 25.0


def test_calcium_acetate_in_ckd_is_a_binder_counted_at_25_percent() -> None:
    # 667 mg x 25 % = 166.75 mg per capsule; 2 capsules 3 times daily = 1,000.5 mg a day
    report = check_text("1334 mg calcium acetate three times daily", conditions=["CKD stage 3b"])
    assert total(report, "calcium").amount_per_day == 1000.5
    assert [f.rule for f in report.findings if f.rule in ("calcium-single-dose", "calcium-without-d")] == []
    (finding,) = [f for f in report.findings if f.rule == "phosphate-binder"]
    assert (finding.code, finding.severity.value) == ("CG306", "info")
    assert finding.message == (
        "1334 mg calcium acetate three times daily is a calcium-based phosphate binder: 1,001 mg of calcium a day, "
        f"counted in the totals. {BINDER.says}"
    )
    assert "Binders are taken with meals" in finding.message and "KDIGO 2017" in finding.message


def test_a_binder_is_never_split_even_above_500_mg_an_intake() -> None:
    # 2,001 mg calcium acetate x 25 % = 500.25 mg in one intake: a supplement would be told to split it
    as_binder = check_text("2001 mg calcium acetate three times daily", conditions=["ESRD on hemodialysis"])
    assert "calcium-single-dose" not in [f.rule for f in as_binder.findings]
    plain = check_text("2001 mg calcium acetate + 1000 IU D3")  # no kidney disease, no purpose: plain calcium
    assert ("calcium-single-dose", "info") in [(f.rule, f.severity.value) for f in plain.findings]
    assert "phosphate-binder" not in [f.rule for f in plain.findings]


def test_other_calcium_on_top_of_a_binder_is_a_warning() -> None:
    report = check_text(
        "667 mg PhosLo three times daily + 500 mg calcium (as citrate)", select=["phosphate-binder"], conditions=["CKD"]
    )
    (finding,) = report.findings
    assert finding.severity.value == "warning"
    # 667 x 0.25 = 166.75 mg x 3 = 500.25 mg a day
    assert finding.message == (
        "667 mg PhosLo three times daily is a calcium-based phosphate binder: 500 mg of calcium a day, counted in the "
        f"totals. {BINDER.says} The regimen adds 500 mg of calcium a day from other items. {BINDER.others}"
    )


def test_one_mg_of_other_calcium_on_top_of_a_binder_is_a_warning() -> None:
    report = check_text(
        "667 mg PhosLo three times daily + 1 mg calcium", select=["phosphate-binder"], conditions=["CKD"]
    )
    (finding,) = report.findings
    assert finding.severity.value == "warning"
    assert finding.message.endswith(f"The regimen adds 1 mg of calcium a day from other items. {BINDER.others}")


def test_calcium_carbonate_with_purpose_phosphate_binder() -> None:
    report = check_yaml(
        "name: binder\nitems:\n  - dose: 1250 mg calcium carbonate\n    frequency: 3 times daily\n"
        "    purpose: phosphate binder\n",
        select=["phosphate-binder", "calcium-single-dose", "calcium-without-d"],
    )
    (finding,) = report.findings
    # 1,250 mg x 40 % = 500 mg per intake, 1,500 mg a day
    assert finding.message.startswith(
        "1250 mg calcium carbonate is a calcium-based phosphate binder: 1,500 mg of calcium a day, counted in the "
        "totals. "
    )


def test_binders_in_the_medication_list_supply_what_the_totals_cannot_count() -> None:
    report = check_text(
        "1000 IU D3", select=["phosphate-binder"], medications=["PhosLo 667 mg TID", "sevelamer 800 mg"]
    )
    (finding,) = report.findings
    assert finding.message == (
        "PhosLo (calcium acetate; calcium-based phosphate binder) in the medication list "
        f"{BINDER.listed['calcium acetate'].says}."
    )
    assert report.unmatched == ()
