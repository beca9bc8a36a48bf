"""The medication-list examples in regimens/: pinned findings, worked out by hand.

medication-list.yaml is a pharmacy profile with strengths and schedules; it must give exactly the findings the bare
drug names give.
"""

from __future__ import annotations

from conftest import REGIMENS

import calcguide
from calcguide.interaction_catalog import binders, interactions, nutrient_pairs

ENTRY = {entry.id: entry for entry in interactions()}
PAIR = {pair.id: pair for pair in nutrient_pairs()}


def _report(name: str, **profile: object) -> calcguide.Report:
    (regimen,) = calcguide.load_regimens((REGIMENS / name).read_bytes(), f"regimens/{name}")
    if profile:
        regimen = regimen._replace(profile=regimen.profile._replace(**profile))
    return calcguide.evaluate(regimen)


def _pinned(report: calcguide.Report) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity.value, f.message) for f in report.findings]


def _tail(entry_id: str) -> str:
    return " ".join(part for part in (ENTRY[entry_id].why, ENTRY[entry_id].advice) if part)


def test_medication_list_findings() -> None:
    report = _report("medication-list.yaml")
    assert _pinned(report) == [
        (
            "vitamin-k-anticoagulant",
            "error",
            # The file does not say whether the MK-7 is new: both cases are said (ODS vitamin K fact sheet).
            "warfarin is a vitamin K antagonist, and the regimen adds 90 mcg of vitamin K a day (90 mcg MK-7); vitamin "
            "K counteracts it. If 90 mcg MK-7 is new, talk to the prescriber before starting it: a new vitamin K "
            "source will move the INR (MK-7 lowered it at 10-20 mcg a day), and the dose or INR checks may need to "
            "change. If it is already part of a stable regimen, keep the intake consistent (the same product and dose "
            "every day) and tell the anticoagulation clinic before changing or stopping it, as the ODS vitamin K fact "
            "sheet advises.",
        ),
        (
            "thiazide-hypercalcemia",
            "warning",
            "hydrochlorothiazide (a thiazide diuretic) reduces urinary calcium; with 500 mg of calcium a day and 25 mcg "
            "(1,000 IU) of vitamin D a day the risk of hypercalcemia rises. Ask the prescriber whether blood calcium "
            "should be checked.",
        ),
        (
            "mineral-drug-spacing",
            "warning",
            "levothyroxine with 500 mg of calcium a day and 250 mg of magnesium a day. "
            f"{ENTRY['levothyroxine-minerals'].why} Take levothyroxine at least 4 hours apart from calcium and "
            "magnesium.",
        ),
        (
            "mineral-drug-spacing",
            "warning",
            "alendronate (bisphosphonate) with 500 mg of calcium a day and 250 mg of magnesium a day. "
            f"{ENTRY['alendronate-minerals'].why} Take alendronate first and calcium and magnesium at least 2 hours "
            f"later. {ENTRY['alendronate-minerals'].advice}",
        ),
        (
            "drug-nutrient",
            "info",
            f"hydrochlorothiazide (thiazide diuretic) with 250 mg of magnesium a day. {_tail('thiazide-zinc-magnesium')}",
        ),
    ]
    assert report.unmatched == ()


def test_medication_list_gives_exactly_the_bare_names_findings() -> None:
    written = _report("medication-list.yaml")
    bare = _report("medication-list.yaml", medications=("warfarin", "alendronate", "levothyroxine", "HCTZ"))
    assert written.findings == bare.findings


def test_ckd_on_calcitriol_and_calcium_acetate() -> None:
    report = _report("ckd-calcitriol.yaml")
    assert [m.drugs[0].drug for m in report.medicines] == ["calcitriol"]
    pinned = _pinned(report)
    assert [rule for rule, _, _ in pinned] == ["d-without-k2", "condition-caution", "drug-nutrient", "phosphate-binder"]
    # 1,334 mg calcium acetate x 25 % x 3 = 1,000.5 mg calcium a day, shown as 1,001 mg; 1,000 IU D3 = 25 mcg
    assert pinned[1:] == [
        (
            "condition-caution",
            "warning",
            "CKD (chronic kidney disease) with 1,001 mg of calcium a day and 25 mcg (1,000 IU) of vitamin D a day. "
            "The kidneys regulate calcium, phosphorus, magnesium, potassium and active vitamin D; doses need "
            "nephrology guidance.",
        ),
        (
            "drug-nutrient",
            "warning",
            "calcitriol (active vitamin D drug) with 25 mcg (1,000 IU) of vitamin D a day and 1,001 mg of calcium a "
            f"day. {_tail('active-vitamin-d-supplements')}",
        ),
        (
            "phosphate-binder",
            "info",
            "1334 mg calcium acetate is a calcium-based phosphate binder: 1,001 mg of calcium a day, counted in the "
            f"totals. {binders().says}",
        ),
    ]


def test_hiv_regimen_on_dolutegravir() -> None:
    """Needs the reference data's iron (a parallel change)."""
    assert _pinned(_report("hiv-dolutegravir.yaml")) == [
        (
            "mineral-drug-spacing",
            "warning",
            "dolutegravir (in Triumeq; HIV integrase inhibitor) with 500 mg of calcium a day and 25 mg of iron a day. "
            f"{ENTRY['dolutegravir-calcium-iron'].why} Take dolutegravir at least 2 hours before or 6 hours after "
            f"calcium and iron. {ENTRY['dolutegravir-calcium-iron'].advice}",
        ),
        (
            "nutrient-pair",
            "info",
            "25 mg iron (as ferrous bisglycinate) and 500 mg calcium (as carbonate) (500 mg of calcium in one intake) "
            f"are separate items. {PAIR['iron-calcium'].why} {PAIR['iron-calcium'].advice}",
        ),
    ]
