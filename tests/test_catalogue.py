"""The interaction catalogue: every entry fires on a regimen that should trigger it, and not on one that should not.

Each case gives, by hand, the medication list, the regimen, the start of the message (how the drug is named and what
the regimen supplies, worked out from the doses) and for spacing entries the interval sentence (from the drug's
label or fact sheet); the entry's own `why` and `advice` come from the data. The exact finding is asserted: rule,
code, severity and the whole message.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from conftest import check_text

from calcguide import data
from calcguide.catalog import catalog
from calcguide.interaction_catalog import BASES, KINDS, Hours, interactions, timing
from calcguide.medications import lookups
from calcguide.rules import REGISTRY

ENTRIES = {entry.id: entry for entry in interactions()}
# The contract's nutrient ids (the reference data adds the B vitamins, iron, potassium ... in a parallel change).
CONTRACT_NUTRIENTS = {
    "vitamin_d", "vitamin_k", "calcium", "magnesium", "vitamin_a", "vitamin_e", "zinc", "phosphorus", "boron",
    "vitamin_c", "thiamin", "riboflavin", "niacin", "vitamin_b6", "folate", "vitamin_b12", "biotin",
    "pantothenic_acid", "choline", "iron", "iodine", "selenium", "copper", "manganese", "chromium", "molybdenum",
    "fluoride", "potassium", "nickel", "vanadium",
}  # fmt: skip


class Case(NamedTuple):
    entry: str
    medications: list[str]
    line: str
    head: str  # how the finding starts: the drug and what the regimen supplies
    timing: str = ""  # spacing entries: the interval sentence
    quiet_line: str | None = None  # the same list with a regimen that must not trigger the entry
    quiet_medications: list[str] | None = None  # or: the same regimen with a list that must not trigger it


CASES = [
    # --- spacing (CG303) ---
    Case("dolutegravir-calcium-iron", ["Tivicay 50 mg daily"], "500 mg calcium",
         "Tivicay (dolutegravir; HIV integrase inhibitor) with 500 mg of calcium a day.",
         "Take dolutegravir at least 2 hours before or 6 hours after calcium.", quiet_line="5000 IU D3"),
    Case("dolutegravir-magnesium-zinc", ["dolutegravir"], "400 mg magnesium",
         "dolutegravir (HIV integrase inhibitor) with 400 mg of magnesium a day.",
         "Take dolutegravir at least 2 hours before or 6 hours after magnesium.", quiet_line="5000 IU D3"),
    Case("bictegravir-calcium-iron", ["Biktarvy 1 tab daily"], "500 mg calcium",
         "bictegravir (in Biktarvy; HIV integrase inhibitor) with 500 mg of calcium a day.",
         "Take bictegravir at least 2 hours before or 6 hours after calcium.", quiet_line="100 mcg MK-7"),
    Case("bictegravir-magnesium-zinc", ["bictegravir"], "25 mg zinc",
         "bictegravir (HIV integrase inhibitor) with 25 mg of zinc a day.",
         "Take bictegravir at least 2 hours before or 6 hours after zinc.", quiet_line="5000 IU D3"),
    Case("cabotegravir-minerals", ["Vocabria 30 mg daily"], "400 mg magnesium",
         "Vocabria (cabotegravir; HIV integrase inhibitor) with 400 mg of magnesium a day.",
         "Take cabotegravir at least 4 hours before or 2 hours after magnesium.", quiet_line="5000 IU D3"),
    Case("elvitegravir-minerals", ["Genvoya"], "500 mg calcium",
         "elvitegravir (in Genvoya; HIV integrase inhibitor) with 500 mg of calcium a day.",
         "Take elvitegravir at least 4 hours apart from calcium.", quiet_line="5000 IU D3"),
    Case("raltegravir-minerals", ["Isentress 400 mg BID"], "500 mg calcium",
         "Isentress (raltegravir; HIV integrase inhibitor) with 500 mg of calcium a day.", quiet_line="5000 IU D3"),
    Case("integrase-inhibitor-minerals", ["integrase inhibitor"], "500 mg calcium",
         "HIV integrase inhibitor with 500 mg of calcium a day.",
         "Take the HIV integrase inhibitor at least 4 hours before or 6 hours after calcium.", quiet_line="5000 IU D3"),
    Case("levothyroxine-minerals", ["T4 100 mcg qAM"], "500 mg calcium",
         "levothyroxine with 500 mg of calcium a day.",
         "Take levothyroxine at least 4 hours apart from calcium.", quiet_line="5000 IU D3"),
    Case("tetracycline-minerals", ["doxy 100 mg BID"], "500 mg calcium",
         "doxycycline (tetracycline antibiotic) with 500 mg of calcium a day.",
         "Take doxycycline at least 2 hours before or 6 hours after calcium.", quiet_line="5000 IU D3"),
    Case("tetracycline-class-minerals", ["tetracyclines"], "400 mg magnesium",
         "tetracycline antibiotic with 400 mg of magnesium a day.",
         "Take the tetracycline antibiotic at least 4 hours before or 6 hours after magnesium.",
         quiet_line="5000 IU D3"),
    Case("omadacycline-minerals", ["Nuzyra"], "400 mg magnesium",
         "Nuzyra (omadacycline; tetracycline antibiotic) with 400 mg of magnesium a day.",
         "Take omadacycline at least 4 hours apart from magnesium.", quiet_line="5000 IU D3"),
    Case("ciprofloxacin-minerals", ["cipro 500 mg BID x 7 days"], "500 mg calcium",
         "Cipro (ciprofloxacin; fluoroquinolone antibiotic) with 500 mg of calcium a day.",
         "Take ciprofloxacin at least 2 hours before or 6 hours after calcium.", quiet_line="5000 IU D3"),
    Case("levofloxacin-minerals", ["Levaquin 750 mg daily"], "400 mg magnesium",
         "Levaquin (levofloxacin; fluoroquinolone antibiotic) with 400 mg of magnesium a day.",
         "Take levofloxacin at least 2 hours apart from magnesium.", quiet_line="500 mg calcium"),
    Case("moxifloxacin-minerals", ["moxifloxacin 400 mg daily"], "25 mg zinc",
         "moxifloxacin (fluoroquinolone antibiotic) with 25 mg of zinc a day.",
         "Take moxifloxacin at least 4 hours before or 8 hours after zinc.", quiet_line="500 mg calcium"),
    Case("delafloxacin-minerals", ["Baxdela"], "400 mg magnesium",
         "Baxdela (delafloxacin; fluoroquinolone antibiotic) with 400 mg of magnesium a day.",
         "Take delafloxacin at least 2 hours before or 6 hours after magnesium.", quiet_line="500 mg calcium"),
    Case("ofloxacin-minerals", ["ofloxacin 200 mg BID"], "500 mg calcium",
         "ofloxacin (fluoroquinolone antibiotic) with 500 mg of calcium a day.",
         "Take ofloxacin at least 2 hours before or 6 hours after calcium.", quiet_line="5000 IU D3"),
    Case("fluoroquinolone-minerals", ["fluoroquinolone"], "500 mg calcium",
         "fluoroquinolone antibiotic with 500 mg of calcium a day.",
         "Take the fluoroquinolone antibiotic at least 4 hours before or 8 hours after calcium.",
         quiet_line="5000 IU D3"),
    Case("alendronate-minerals", ["alendronate 70 mg weekly"], "500 mg calcium",
         "alendronate (bisphosphonate) with 500 mg of calcium a day.",
         "Take alendronate first and calcium at least 2 hours later.", quiet_line="5000 IU D3"),
    Case("alendronate-minerals", ["bisphosphonate"], "500 mg calcium",
         "bisphosphonate with 500 mg of calcium a day.",
         "Take the bisphosphonate first and calcium at least 2 hours later.", quiet_line="5000 IU D3"),
    Case("risedronate-minerals", ["Actonel 35 mg weekly"], "500 mg calcium",
         "Actonel (risedronate; bisphosphonate) with 500 mg of calcium a day.",
         "Take risedronate first and calcium at least 2 hours later.", quiet_line="5000 IU D3"),
    Case("atelvia-minerals", ["Atelvia 35 mg weekly"], "500 mg calcium",
         "Atelvia (risedronate delayed-release; bisphosphonate) with 500 mg of calcium a day.",
         "Take calcium at a different time of day.", quiet_line="5000 IU D3"),
    Case("ibandronate-minerals", ["Boniva 150 mg monthly"], "500 mg calcium",
         "Boniva (ibandronate; bisphosphonate) with 500 mg of calcium a day.",
         "Take ibandronate first and calcium at least 2 hours later.", quiet_line="5000 IU D3"),
    Case("penicillamine-minerals", ["Cuprimine 250 mg QID"], "25 mg zinc",
         "Cuprimine (penicillamine) with 25 mg of zinc a day.",
         "Take penicillamine at least 2 hours apart from zinc.", quiet_line="500 mg calcium"),
    # --- drug-nutrient (CG305) ---
    Case("acid-suppressant-calcium-carbonate", ["Prilosec 20 mg daily"], "1250 mg calcium carbonate",
         # 1,250 mg x 40 % = 500 mg calcium
         "Prilosec (omeprazole; proton pump inhibitor) with 500 mg of calcium as carbonate a day.",
         quiet_line="500 mg calcium (as citrate)"),
    Case("acid-suppressant-calcium-carbonate", ["Pepcid"], "600 mg calcium (as carbonate)",
         "Pepcid (famotidine; H2 blocker) with 600 mg of calcium as carbonate a day.",
         quiet_line="2500 mg calcium citrate"),
    Case("ppi-magnesium", ["Nexium 40 mg daily"], "5000 IU D3",
         "Nexium (esomeprazole; proton pump inhibitor):", quiet_medications=["famotidine"]),
    Case("ppi-magnesium", ["pantoprazole"], "400 mg magnesium",
         "pantoprazole (proton pump inhibitor) with 400 mg of magnesium a day.", quiet_medications=["Pepcid"]),
    Case("acid-suppressant-b12-iron", ["famotidine 20 mg BID"], "5000 IU D3",
         "famotidine (H2 blocker):", quiet_medications=["aspirin"]),
    Case("metformin-vitamin-b12", ["Glucophage 500 mg BID"], "5000 IU D3",
         "Glucophage (metformin):", quiet_medications=["lisinopril"]),
    Case("orlistat-fat-soluble-vitamins", ["Alli 60 mg TID"], "1000 IU D3",
         "Alli (orlistat) with 25 mcg (1,000 IU) of vitamin D a day.", quiet_line="500 mg calcium"),
    Case("cholestyramine-vitamins-iron", ["Questran 4 g BID"], "1000 IU D3",
         "Questran (cholestyramine; bile-acid sequestrant) with 25 mcg (1,000 IU) of vitamin D a day.",
         quiet_line="500 mg calcium"),
    Case("colestipol-vitamins-iron", ["Colestid"], "100 mcg K1",
         "Colestid (colestipol; bile-acid sequestrant) with 100 mcg of vitamin K a day.", quiet_line="500 mg calcium"),
    Case("colesevelam-vitamins", ["Welchol 625 mg"], "3000 IU vitamin A",
         # 3,000 IU x 0.3 = 900 mcg RAE
         "Welchol (colesevelam; bile-acid sequestrant) with 900 mcg RAE of vitamin A a day.",
         quiet_line="500 mg calcium"),
    Case("glucocorticoid-bone", ["prednisone 5 mg daily"], "500 mg calcium",
         "prednisone (glucocorticoid) with 500 mg of calcium a day.", quiet_medications=["hydrocortisone cream 1%"]),
    Case("glucocorticoid-bone", ["Medrol"], "100 mcg MK-7",
         "Medrol (methylprednisolone; glucocorticoid):", quiet_medications=["amlodipine"]),
    Case("anticonvulsant-vitamin-d", ["Dilantin 100 mg TID"], "100 mcg MK-7",
         "Dilantin (phenytoin; enzyme-inducing anticonvulsant):", quiet_medications=["levetiracetam"]),
    Case("anticoagulant-vitamin-e", ["Eliquis 5 mg BID"], "400 IU vitamin E",
         "Eliquis (apixaban; direct oral anticoagulant) with 400 IU of vitamin E a day.", quiet_line="399 IU vitamin E"),
    Case("anticoagulant-vitamin-e", ["warfarin 5 mg"], "400 IU dl-alpha tocopherol",
         # synthetic: 400 IU x 0.45 = 180 mg, still 400 IU
         "warfarin (vitamin K antagonist) with 400 IU of vitamin E a day.", quiet_line="399 IU dl-alpha tocopherol"),
    Case("anticoagulant-vitamin-e", ["aspirin 81 mg daily", "Plavix 75 mg"], "268 mg vitamin E",
         # 268 mg / 0.67 mg per IU = 400 IU
         "aspirin (antiplatelet drug) and Plavix (clopidogrel; antiplatelet drug) with 400 IU of vitamin E a day.",
         quiet_line="267 mg vitamin E"),
    Case("retinoid-vitamin-a", ["Accutane 40 mg BID"], "3000 IU retinyl palmitate",
         "Accutane (isotretinoin; oral retinoid) with 900 mcg RAE of preformed vitamin A a day.",
         quiet_line="10000 IU beta carotene"),
    Case("loop-diuretic-depletion", ["Lasix 40 mg daily"], "5000 IU D3",
         "Lasix (furosemide; loop diuretic):", quiet_medications=["HCTZ"]),
    Case("thiazide-zinc-magnesium", ["HCTZ 25 mg"], "100 mcg MK-7",
         "hydrochlorothiazide (thiazide diuretic):", quiet_medications=["furosemide"]),
    Case("digoxin-calcium", ["Lanoxin 0.125 mg daily"], "500 mg calcium",
         "Lanoxin (digoxin) with 500 mg of calcium a day.", quiet_line="3999 IU D3"),
    Case("digoxin-calcium", ["digoxin"], "4000 IU D3",
         "digoxin with 100 mcg (4,000 IU) of vitamin D a day.", quiet_line="100 mcg MK-7"),
    Case("active-vitamin-d-supplements", ["calcitriol 0.25 mcg daily"], "1000 IU D3",
         "calcitriol (active vitamin D drug) with 25 mcg (1,000 IU) of vitamin D a day.", quiet_line="100 mcg MK-7"),
    Case("active-vitamin-d-supplements", ["Zemplar 1 mcg three times weekly"], "500 mg calcium",
         "Zemplar (paricalcitol; active vitamin D drug) with 500 mg of calcium a day.",
         quiet_medications=["ergocalciferol"]),
    Case("lithium-calcium", ["lithium carbonate 300 mg BID"], "500 mg calcium",
         "lithium with 500 mg of calcium a day.", quiet_line="100 mcg MK-7"),
]  # fmt: skip

# Entries whose nutrient (iron, potassium, B6, folate, B12 in a regimen, biotin, chromium) comes with the
# reference data's new nutrients: these cases need that data.
NEEDS_NEW_NUTRIENTS = [
    Case("levothyroxine-minerals", ["levothyroxine 50 mcg daily"], "65 mg iron",
         "levothyroxine with 65 mg of iron a day.", "Take levothyroxine at least 4 hours apart from iron.",
         quiet_line="5000 IU D3"),
    Case("levothyroxine-minerals", ["Synthroid"], "200 mcg chromium",
         "Synthroid (levothyroxine) with 200 mcg of chromium a day.",
         "Take levothyroxine at least 4 hours apart from chromium.", quiet_line="5000 IU D3"),
    Case("dolutegravir-calcium-iron", ["Triumeq"], "65 mg iron",
         "dolutegravir (in Triumeq; HIV integrase inhibitor) with 65 mg of iron a day.",
         "Take dolutegravir at least 2 hours before or 6 hours after iron.", quiet_line="5000 IU D3"),
    Case("tetracycline-minerals", ["doxycycline"], "65 mg iron",
         "doxycycline (tetracycline antibiotic) with 65 mg of iron a day.",
         "Take doxycycline at least 2 hours before or 6 hours after iron.", quiet_line="5000 IU D3"),
    Case("ciprofloxacin-minerals", ["ciprofloxacin"], "65 mg iron",
         "ciprofloxacin (fluoroquinolone antibiotic) with 65 mg of iron a day.",
         "Take ciprofloxacin at least 2 hours before or 6 hours after iron.", quiet_line="5000 IU D3"),
    Case("penicillamine-minerals", ["penicillamine"], "65 mg iron",
         "penicillamine with 65 mg of iron a day.", "Take penicillamine at least 2 hours apart from iron.",
         quiet_line="5000 IU D3"),
    Case("levodopa-vitamin-b6", ["levodopa 500 mg TID"], "5 mg vitamin B6",
         "levodopa with 5 mg of vitamin B6 a day.", quiet_line="4.9 mg vitamin B6"),
    Case("levodopa-vitamin-b6", ["levodopa"], "25 mg vitamin B6",
         "levodopa with 25 mg of vitamin B6 a day.", quiet_medications=["Sinemet 25/100 TID"]),
    Case("levodopa-iron", ["Sinemet 25/100 TID"], "65 mg iron",
         "levodopa (in Sinemet) with 65 mg of iron a day.", quiet_line="5000 IU D3"),
    Case("acid-suppressant-b12-iron", ["omeprazole"], "65 mg iron",
         "omeprazole (proton pump inhibitor) with 65 mg of iron a day.", quiet_medications=["metformin"]),
    Case("cholestyramine-vitamins-iron", ["cholestyramine"], "65 mg iron",
         "cholestyramine (bile-acid sequestrant) with 65 mg of iron a day.", quiet_line="500 mg calcium"),
    Case("anticonvulsant-folic-acid", ["phenytoin 100 mg TID"], "400 mcg folic acid",
         # 400 mcg folic acid x 1.7 = 680 mcg DFE
         "phenytoin (enzyme-inducing anticonvulsant) with 680 mcg DFE of folate a day.", quiet_line="100 mcg MK-7"),
    Case("methotrexate-folic-acid", ["MTX 15 mg weekly"], "1 mg folic acid",
         "methotrexate with 1,700 mcg DFE of folate a day.", quiet_line="100 mcg MK-7"),
    Case("potassium-hyperkalemia", ["lisinopril 10 mg daily"], "99 mg potassium",
         "lisinopril (ACE inhibitor) with 99 mg of potassium a day.", quiet_line="5000 IU D3"),
    Case("potassium-hyperkalemia", ["losartan/HCTZ", "spironolactone 25 mg"], "99 mg potassium",
         "losartan (angiotensin receptor blocker) and spironolactone (potassium-sparing diuretic) with 99 mg of "
         "potassium a day.", quiet_line="5000 IU D3"),
    Case("potassium-hyperkalemia", ["Bactrim DS BID x 10 days"], "99 mg potassium",
         "Bactrim DS (trimethoprim) with 99 mg of potassium a day.", quiet_medications=["amlodipine"]),
    Case("biotin-lab-tests", [], "1 mg biotin", "The regimen adds 1 mg of biotin a day.",
         quiet_line="0.999 mg biotin"),
    Case("biotin-lab-tests", [], "5000 mcg biotin", "The regimen adds 5 mg of biotin a day.",
         quiet_line="999 mcg biotin"),
]  # fmt: skip


def _rule_of(entry_id: str) -> str:
    return "mineral-drug-spacing" if ENTRIES[entry_id].kind == "spacing" else "drug-nutrient"


def _mine(case: Case, line: str, medications: list[str]) -> list[tuple[str, str, str, str]]:
    entry = ENTRIES[case.entry]
    rule = _rule_of(case.entry)
    report = check_text(line, select=[rule], medications=medications)
    return [(f.rule, f.code, f.severity.value, f.message) for f in report.findings if entry.why in f.message]


def _check(case: Case) -> None:
    entry = ENTRIES[case.entry]
    rule = _rule_of(case.entry)
    message = " ".join(part for part in (case.head, entry.why, case.timing, entry.advice) if part)
    assert _mine(case, case.line, case.medications) == [(rule, REGISTRY[rule].code, entry.severity, message)]
    quiet_line = case.quiet_line if case.quiet_line is not None else case.line
    quiet_medications = case.quiet_medications if case.quiet_medications is not None else case.medications
    assert _mine(case, quiet_line, quiet_medications) == []


@pytest.mark.parametrize("case", CASES, ids=[f"{c.entry}:{c.medications}" for c in CASES])
def test_each_entry_fires_and_stays_quiet(case: Case) -> None:
    _check(case)


@pytest.mark.parametrize(
    "case", NEEDS_NEW_NUTRIENTS, ids=[f"{c.entry}:{c.medications}:{c.line}" for c in NEEDS_NEW_NUTRIENTS]
)
def test_entries_with_the_new_nutrients(case: Case) -> None:
    _check(case)


def test_every_entry_has_a_case() -> None:
    covered = {case.entry for case in CASES + NEEDS_NEW_NUTRIENTS}
    assert covered == set(ENTRIES)


def test_every_entry_is_complete_and_sourced() -> None:
    evidence = data.load("evidence")["evidence"]
    classes = {cls["id"] for cls in data.load("interactions")["medications"]}
    drugs = lookups().generics | {cls["label"] for cls in data.load("interactions")["medications"]}
    for entry in ENTRIES.values():
        assert entry.kind in KINDS, entry.id
        assert entry.severity in ("info", "warning", "error"), entry.id
        assert entry.basis in BASES, entry.id
        assert 1960 <= entry.year <= 2026, entry.id
        assert entry.source and all(key in evidence for key in entry.source), entry.id
        assert all(evidence[key]["title"] and evidence[key]["url"].startswith("https://") for key in entry.source)
        assert entry.why.endswith("."), entry.id
        assert set(entry.classes) <= classes and set(entry.unless) <= classes, entry.id
        assert set(entry.drugs) <= drugs, entry.id
        assert {n.nutrient for n in entry.nutrients} <= CONTRACT_NUTRIENTS, entry.id
        if entry.kind == "spacing":
            assert entry.hours is not None, entry.id
            assert entry.classes or entry.drugs, entry.id
        elif entry.hours is not None:  # a drug-nutrient entry whose advice gives an interval the schedule keeps
            assert entry.kind == "absorption" and (entry.classes or entry.drugs), entry.id
            assert entry.hours.before is not None or entry.hours.after is not None, entry.id


def test_every_nutrient_of_the_catalogue_is_in_the_reference_data() -> None:
    """Needs the reference data's new nutrients (iron, potassium, B6, folate, B12, copper, chromium, biotin)."""
    known = set(catalog().nutrients)
    assert {n.nutrient for entry in ENTRIES.values() for n in entry.nutrients} <= known


def test_every_drug_of_a_spacing_class_has_its_interval() -> None:
    """A drug the list can name in a class with spacing entries is covered by one (or by its class's entry)."""
    spaced = {cls for entry in ENTRIES.values() if entry.kind == "spacing" for cls in entry.classes}
    covered_drugs = {d for entry in ENTRIES.values() if entry.kind == "spacing" for d in entry.drugs}
    for cls in data.load("interactions")["medications"]:
        names = [drug["drug"] for drug in cls["drugs"]] + ([cls["label"]] if cls.get("names") else [])
        touched = [name for name in names if name in covered_drugs]
        if cls["id"] in spaced or not touched:
            continue
        assert touched == names, f"{cls['id']}: {sorted(set(names) - set(touched))} have no spacing entry"


def test_thresholds_are_declared_and_can_be_overridden() -> None:
    assert REGISTRY["drug-nutrient"].thresholds["anticoagulant_vitamin_e_iu_per_day"] == 400
    assert REGISTRY["drug-nutrient"].thresholds["biotin_lab_tests_mg_per_day"] == 1
    assert REGISTRY["drug-nutrient"].thresholds["levodopa_vitamin_b6_mg_per_day"] == 5
    assert REGISTRY["drug-nutrient"].thresholds["digoxin_calcium_mcg_per_day"] == 100
    report = check_text(
        "400 IU vitamin E",
        select=["drug-nutrient"],
        thresholds={"drug-nutrient": {"anticoagulant_vitamin_e_iu_per_day": 800}},
        medications=["warfarin"],
    )
    assert report.findings == ()


@pytest.mark.parametrize(
    ("line", "carbonate"),
    [
        ("600 mg calcium (as carbonate)", True),
        ("1500 mg calcium carbonate", True),
        ("600 mg calcium", False),  # no compound named: the entry asks for carbonate, not for any calcium
        ("600 mg calcium citrate", False),
        ("600 mg calcium (as coral)", False),  # a form calcguide does not know as a compound
    ],
)
def test_only_calcium_carbonate_is_the_acid_suppressant_entry(line: str, carbonate: bool) -> None:
    report = check_text(line, select=["drug-nutrient"], medications=["omeprazole"])
    heads = [f.message for f in report.findings if "of calcium as carbonate a day" in f.message]
    assert len(heads) == (1 if carbonate else 0)


@pytest.mark.parametrize(
    ("hours", "sentence"),
    [
        # under an hour in minutes (0.5 x 60 = 30); exactly 1 is "1 hour", not "60 minutes" or "1 hours"
        (Hours(0.5, 1), "Take the drug at least 30 minutes before or 1 hour after calcium and iron."),
        (Hours(1, 1), "Take the drug at least 1 hour apart from calcium and iron."),
        (Hours(1.5, None), "Take the drug first and calcium and iron at least 1.5 hours later."),
        (Hours(None, 4), "Take calcium and iron first and the drug at least 4 hours later."),
    ],
)
def test_an_interval_is_written_in_hours_or_minutes(hours: Hours, sentence: str) -> None:
    assert timing("the drug", ["calcium", "iron"], hours) == sentence


@pytest.mark.parametrize(
    ("line", "note"),
    [
        ("omeprazole 20 mg", "omeprazole 20 mg: omeprazole, a medication (proton pump inhibitor)"),
        ("levothyroxine 75 mcg", "levothyroxine 75 mcg: levothyroxine, a medication"),  # the class is the drug
    ],
)
def test_a_medicine_listed_as_an_item_is_named_with_its_class_and_not_counted(line: str, note: str) -> None:
    assert f"{note}; not counted toward any nutrient's total" in check_text(line).notes
