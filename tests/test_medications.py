"""Medication and condition lines as charts write them: the drug, the schedule, and nothing guessed."""

from __future__ import annotations

import pytest

from calcguide.doses import Frequency
from calcguide.medications import DrugMatch, read, read_condition, read_medication

WEEKLY = Frequency("weekly", 1, 7.0)
MONTHLY = Frequency("monthly", 1, 365.25 / 12)
DAILY = Frequency("daily", 1, 1.0)
TWICE = Frequency("twice daily", 2, 1.0)


@pytest.mark.parametrize(
    ("text", "drugs", "frequency"),
    [
        ("warfarin 5 mg", [("warfarin", "vitamin_k_antagonist")], None),
        ("Synthroid 88 mcg qAM", [("levothyroxine", "levothyroxine")], DAILY),
        ("cipro 500 mg BID x 7 days", [("ciprofloxacin", "fluoroquinolone")], TWICE),
        ("Boniva 150 mg monthly", [("ibandronate", "bisphosphonate")], MONTHLY),
        ("alendronate 70 mg weekly", [("alendronate", "bisphosphonate")], WEEKLY),
        ("levothyroxine 50 mcg daily", [("levothyroxine", "levothyroxine")], DAILY),
        ("HCTZ 12.5 mg", [("hydrochlorothiazide", "thiazide")], None),
        ("metformin ER 500 mg PO BID", [("metformin", "metformin")], TWICE),
        ("T4 100 mcg", [("levothyroxine", "levothyroxine")], None),
        ("LT4 75 mcg qhs", [("levothyroxine", "levothyroxine")], DAILY),
        ("doxy 100 mg q12h", [("doxycycline", "tetracycline")], TWICE),
        ("Levo-T 100 mcg", [("levothyroxine", "levothyroxine")], None),
        ("omeprazole 20 mg twice a day", [("omeprazole", "proton_pump_inhibitor")], TWICE),
        ("omeprazole 20 mg Twice Daily", [("omeprazole", "proton_pump_inhibitor")], TWICE),
        ("Fosamax 70 mg once weekly", [("alendronate", "bisphosphonate")], WEEKLY),
        ("Actonel 150 mg q month", [("risedronate", "bisphosphonate")], MONTHLY),
        ("Atelvia 35 mg weekly", [("risedronate delayed-release", "bisphosphonate")], WEEKLY),
        (
            "calcitriol 0.25 mcg every other day",
            [("calcitriol", "active_vitamin_d")],
            Frequency("every other day", 1, 2.0),
        ),
        ("tetracycline 500 mg QID", [("tetracycline", "tetracycline")], Frequency("4 times daily", 4, 1.0)),
        (
            "Sinemet 25/100 TID",
            [("carbidopa", "decarboxylase_inhibitor"), ("levodopa", "levodopa")],
            Frequency("3 times daily", 3, 1.0),
        ),
        (
            "lisinopril-hydrochlorothiazide 20-12.5 mg",
            [("lisinopril", "ace_inhibitor"), ("hydrochlorothiazide", "thiazide")],
            None,
        ),
        ("losartan/HCTZ", [("losartan", "angiotensin_receptor_blocker"), ("hydrochlorothiazide", "thiazide")], None),
        ("carbidopa/levodopa", [("carbidopa", "decarboxylase_inhibitor"), ("levodopa", "levodopa")], None),
        (
            "Hyzaar 50-12.5 mg",
            [("losartan", "angiotensin_receptor_blocker"), ("hydrochlorothiazide", "thiazide")],
            None,
        ),
        ("Zestoretic", [("lisinopril", "ace_inhibitor"), ("hydrochlorothiazide", "thiazide")], None),
        ("Lotensin HCT", [("benazepril", "ace_inhibitor"), ("hydrochlorothiazide", "thiazide")], None),
        ("Lotensin", [("benazepril", "ace_inhibitor")], None),
        ("Triumeq", [("dolutegravir", "integrase_inhibitor")], None),
        ("Dovato", [("dolutegravir", "integrase_inhibitor")], None),
        ("Juluca", [("dolutegravir", "integrase_inhibitor")], None),
        ("Biktarvy 1 tab daily", [("bictegravir", "integrase_inhibitor")], DAILY),
        ("Genvoya", [("elvitegravir", "integrase_inhibitor")], None),
        ("Stribild", [("elvitegravir", "integrase_inhibitor")], None),
        ("Sinemet", [("carbidopa", "decarboxylase_inhibitor"), ("levodopa", "levodopa")], None),
        ("TMP-SMX DS 1 tab BID", [("trimethoprim", "trimethoprim")], TWICE),
        ("bisphosphonate", [("bisphosphonate", "bisphosphonate")], None),
    ],
)
def test_medication_lines(text: str, drugs: list[tuple[str, str]], frequency: Frequency | None) -> None:
    line = read_medication(text)
    assert line.text == text
    assert line.drugs == tuple(DrugMatch(*d) for d in drugs)
    assert line.frequency == frequency
    assert line.ambiguous == ()


def test_levo_is_ambiguous_and_not_guessed() -> None:
    line = read_medication("levo 500 mg daily")
    assert line.drugs == ()
    assert line.ambiguous == ("levothyroxine", "levofloxacin")
    assert line.frequency == DAILY


def test_brands_are_shown_as_brands_and_abbreviations_as_the_generic() -> None:
    assert read("synthroid 88 MCG").shown == ("Synthroid",)
    assert read("HCTZ 25 mg").shown == ("hydrochlorothiazide",)
    assert read("Hyzaar").shown == ("losartan (in Hyzaar)", "hydrochlorothiazide (in Hyzaar)")


def test_what_names_nothing_is_kept_as_written() -> None:
    assert read("amlodipine/benazepril 10-20 mg").unknown == ("amlodipine",)
    assert read("atorvastatin calcium 20 mg qhs").unknown == ("atorvastatin",)
    assert read("potassium chloride 20 mEq").unknown == ("potassium chloride",)
    assert read("Aspirin 81 mg EC daily").unknown == ()
    assert read("warfarin 5 mg").unknown == ()


def test_route_and_as_needed() -> None:
    assert read("hydrocortisone cream 1% BID").route == "topical"
    assert read("metformin 500 mg PO BID").route == "oral"
    assert read("ciprofloxacin 400 mg IV q12h").route == "parenteral"
    assert read("warfarin 5 mg").route is None
    assert read("famotidine 20 mg prn").as_needed is True


@pytest.mark.parametrize(
    ("text", "condition", "shown"),
    [
        ("CKD stage 3b", "chronic_kidney_disease", "CKD"),
        ("CKD 3b", "chronic_kidney_disease", "CKD"),
        ("chronic kidney disease stage 3", "chronic_kidney_disease", "chronic kidney disease"),
        ("ESRD", "chronic_kidney_disease", "ESRD"),
        ("ESKD", "chronic_kidney_disease", "ESKD"),
        ("on dialysis", "chronic_kidney_disease", "dialysis"),
        ("hemodialysis", "chronic_kidney_disease", "hemodialysis"),
        ("history of kidney stones", "kidney_stones", "kidney stones"),
        ("nephrolithiasis", "kidney_stones", "nephrolithiasis"),
        ("renal calculi", "kidney_stones", "renal calculi"),
        ("PHPT", "hyperparathyroidism", "PHPT"),
        ("primary hyperparathyroidism", "hyperparathyroidism", "primary hyperparathyroidism"),
        ("secondary hyperparathyroidism", "secondary_hyperparathyroidism", "secondary hyperparathyroidism"),
        ("Wilson's disease", "wilson_disease", "Wilson's disease"),
        ("hereditary hemochromatosis", "iron_overload", "hereditary hemochromatosis"),
    ],
)
def test_condition_lines(text: str, condition: str, shown: str) -> None:
    line = read_condition(text)
    assert (line.conditions, line.shown, line.negated) == ((condition,), (shown,), False)


@pytest.mark.parametrize("text", ["no CKD", "denies kidney stones", "family history of hemochromatosis"])
def test_negated_conditions_name_nothing(text: str) -> None:
    line = read_condition(text)
    assert (line.conditions, line.negated) == ((), True)


def _spellings() -> list[tuple[str, DrugMatch]]:
    from calcguide import data

    pairs = []
    for cls in data.load("interactions")["medications"]:
        for drug in cls["drugs"]:
            match = DrugMatch(drug["drug"], cls["id"])
            for name in [drug["drug"], *drug.get("names", ()), *drug.get("brands", ()), *drug.get("abbreviations", ())]:
                pairs.append((name, match))
    return pairs


@pytest.mark.parametrize(("name", "match"), _spellings())
def test_every_spelling_in_the_data_reads_as_its_own_drug(name: str, match: DrugMatch) -> None:
    assert read_medication(name).drugs == (match,)
    assert read_medication(f"{name.upper()} 10 mg PO daily").drugs == (match,)


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        ("doxy 100 mg q8h", Frequency("3 times daily", 3, 1.0)),  # 24 / 8
        ("doxy 100 mg q24h", DAILY),
        ("doxy 100 mg q48h", Frequency("every 2 days", 1, 2.0)),  # 48 / 24
        ("doxy 100 mg every 36 hours", Frequency("every 1.5 days", 1, 1.5)),  # 36 / 24
    ],
)
def test_an_interval_in_hours_is_a_frequency(text: str, frequency: Frequency) -> None:
    assert read_medication(text).frequency == frequency


@pytest.mark.parametrize("text", ["warfarin 5 mg ~", "warfarin . 5 mg", "! warfarin"])
def test_a_stray_mark_is_not_an_unknown_medication(text: str) -> None:
    reading = read(text)
    assert reading.unknown == ()
    assert reading.line.drugs == (DrugMatch("warfarin", "vitamin_k_antagonist"),)
