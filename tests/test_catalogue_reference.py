"""The interaction catalogue (calcguide/data/interactions.yaml) against the project's copy of the reference sheet.

The second half of tests/reference/interactions.md, "The wider catalogue", is parsed table by table and each row is
compared with the package's data: the drug-nutrient entries a row's drugs, brands and class set off (nutrients with
their forms and thresholds, kind, severity), the spacing intervals in hours, the active vitamin D drugs, the
binders, the nutrient pairs and their thresholds, the conditions and the medication lines as charts write them.
Names are read by calcguide.medications, as a user's medication list is. Every expected value comes from the sheet;
the small tables below only say which data id a sheet's word means.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest

from calcguide import data, reference
from calcguide.catalog import catalog, fold
from calcguide.interaction_catalog import Interaction, active_vitamin_d, binders, interactions, nutrient_pairs
from calcguide.medications import DrugMatch, is_drug, medicine_named, read, read_condition
from calcguide.rules import REGISTRY

SHEET = Path(__file__).resolve().parent / "reference" / "interactions.md"
WIDER = "# The wider catalogue"

# --- what the sheet's words mean in the data ------------------------------------------------------------------

CLASS_WORDS: dict[str, str | None] = {
    "integrase inhibitors": "integrase_inhibitor",
    "tetracyclines": "tetracycline",
    "fluoroquinolones": "fluoroquinolone",
    "bisphosphonates": "bisphosphonate",
    "proton pump inhibitors": "proton_pump_inhibitor",
    "H2 blockers": "h2_blocker",
    "bile-acid sequestrants": "bile_acid_sequestrant",
    "glucocorticoids": "glucocorticoid",
    "anticonvulsants that induce liver enzymes": "enzyme_inducing_anticonvulsant",
    "warfarin and other vitamin K antagonists": "vitamin_k_antagonist",
    "vitamin K antagonists": "vitamin_k_antagonist",  # the first half's row, for "(see above)"
    "retinoids": "oral_retinoid",
    "ACE inhibitors": "ace_inhibitor",
    "ARBs": "angiotensin_receptor_blocker",
    "potassium-sparing diuretics": "potassium_sparing_diuretic",
    "loop diuretics": "loop_diuretic",
    "thiazides": "thiazide",
    "thiazide diuretics": "thiazide",  # the first half's row
    "high-dose biotin": None,  # no medication: biotin alone
}
QUALIFIERS = {"oral", "long-term"}  # words in a drug's parentheses that are not names

Wanted = tuple[str, tuple[str, ...], tuple[float, str, str] | None]  # nutrient, forms, threshold
NUTRIENT_WORDS: dict[str, Wanted | None] = {
    "calcium": ("calcium", (), None),
    "calcium carbonate": ("calcium", ("calcium_carbonate",), None),
    "magnesium": ("magnesium", (), None),
    "iron": ("iron", (), None),
    "zinc": ("zinc", (), None),
    "chromium": ("chromium", (), None),
    "potassium": ("potassium", (), None),
    "copper": ("copper", (), None),
    "biotin": ("biotin", (), None),
    "vitamin B6": ("vitamin_b6", (), None),
    "vitamin B12": ("vitamin_b12", (), None),
    "vitamin C with meals": ("vitamin_c", (), None),
    "vitamin D": ("vitamin_d", (), None),
    "vitamin E": ("vitamin_e", (), None),
    "vitamins A": ("vitamin_a", (), None),
    "D": ("vitamin_d", (), None),  # "vitamins A, D, E, K"
    "E": ("vitamin_e", (), None),
    "K": ("vitamin_k", (), None),
    "beta-carotene": ("vitamin_a", (), None),  # vitamin A in any form includes it
    "preformed vitamin A": ("vitamin_a", ("preformed",), None),
    "folic acid": ("folate", (), None),
    "fish oil": None,  # "not a nutrient": calcguide does not assess it
}
KIND_WORDS = {
    "spacing": "spacing",
    "absorption": "absorption",
    "depletion": "depletion",
    "efficacy": "efficacy",
    "bleeding": "bleeding",
    "additive toxicity": "additive_toxicity",
    "hyperkalemia": "hyperkalemia",
    "hypercalcemia": "hypercalcemia",
    "lab interference": "lab_interference",
}
PAIR_WORDS = {
    "calcium and an iron supplement": "iron-calcium",
    "zinc without copper": "zinc-copper",
    "beta-carotene in smokers": "beta-carotene-smokers",
}
CONDITION_WORDS = {
    "hereditary hemochromatosis": "iron_overload",
    "iron overload": "iron_overload",
    "Wilson disease": "wilson_disease",
    "smoking": "smoking",
    "current smoker": "smoking",
    "hyperkalemia": "hyperkalemia",
    "CKD": "chronic_kidney_disease",
    "chronic kidney disease": "chronic_kidney_disease",
    "kidney stones": "kidney_stones",
    # the sheet's "hyperparathyroidism" covers both: calcguide tells secondary HPT (kidney disease) apart
    "hyperparathyroidism": "hyperparathyroidism",
    "secondary hyperparathyroidism": "secondary_hyperparathyroidism",
}
MEDICATION_LINES = {  # the sheet's lines and the generics they name
    "warfarin 5 mg": {"warfarin"},
    "levothyroxine 50 mcg daily": {"levothyroxine"},
    "HCTZ 12.5 mg": {"hydrochlorothiazide"},
    "alendronate 70 mg weekly": {"alendronate"},
    "Boniva 150 mg monthly": {"ibandronate"},
    "lisinopril-hydrochlorothiazide 20-12.5 mg": {"lisinopril", "hydrochlorothiazide"},
    "losartan/HCTZ": {"losartan", "hydrochlorothiazide"},
    "Synthroid 88 mcg qAM": {"levothyroxine"},
    "cipro 500 mg BID x 7 days": {"ciprofloxacin"},
}
COMBINATION_BRANDS = {  # each component calcguide's catalogue holds (not abacavir, lamivudine, emtricitabine ...)
    "Hyzaar": {"losartan", "hydrochlorothiazide"},
    "Zestoretic": {"lisinopril", "hydrochlorothiazide"},
    "Lotensin HCT": {"benazepril", "hydrochlorothiazide"},
    "Triumeq": {"dolutegravir"},
    "Dovato": {"dolutegravir"},
    "Biktarvy": {"bictegravir"},
}
ABBREVIATIONS_WITHOUT_GENERIC = {"cipro": "ciprofloxacin", "doxy": "doxycycline"}

# Differences between the sheet and the data whose source is not settled: both sides are pinned, so a change to
# either fails until it is decided and this list updated.
OPEN: dict[tuple[str, str], tuple[object, object]] = {}


def _agrees(row: str, field: str, sheet: object, data_value: object) -> None:
    if (row, field) in OPEN:
        assert (sheet, data_value) == OPEN[(row, field)], f"{row}: {field} changed on one side: update OPEN"
    else:
        assert data_value == sheet, f"{row}: {field}"


# --- reading the sheet -----------------------------------------------------------------------------------------


class Section(NamedTuple):
    prose: str
    rows: list[dict[str, str]]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _sections(text: str) -> dict[str, Section]:
    """Each '##'/'###' heading's prose (joined) and table rows (as dicts by column title)."""
    found: dict[str, Section] = {}
    for chunk in re.split(r"^#{2,3} ", text, flags=re.MULTILINE)[1:]:
        heading, _, body = chunk.partition("\n")
        header: list[str] = []
        rows: list[dict[str, str]] = []
        prose: list[str] = []
        for line in body.splitlines():
            if not line.startswith("|"):
                prose.append(line.strip())
            elif not header:
                header = _cells(line)
            elif not re.fullmatch(r"[|\-\s:]+", line):
                cells = _cells(line)
                assert len(cells) == len(header), line
                rows.append(dict(zip(header, cells, strict=True)))
        found[heading.strip()] = Section(" ".join(p for p in prose if p), rows)
    return found


@cache
def halves() -> tuple[dict[str, Section], dict[str, Section]]:
    first, second = SHEET.read_text(encoding="utf-8").split(WIDER)
    return _sections(first), _sections(second)


def _split(text: str, separators: str = ",;") -> list[str]:
    """Split at a separator followed by a space, outside parentheses ("1,25-dihydroxy", "4,000" stay whole)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in separators and depth == 0 and text[i + 1 : i + 2] == " ":
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _parenthesised(item: str) -> tuple[str, list[str]]:
    """'dolutegravir (Tivicay, Triumeq)' -> ('dolutegravir', ['Tivicay', 'Triumeq'])."""
    match = re.fullmatch(r"(.*?)\s*\((.*)\)", item)
    if not match:
        return item, []
    return match[1], [part.strip('"') for part in _split(match[2])]


THRESHOLD = re.compile(r"≥\s*(\d[\d,]*(?:\.\d+)?)\s*(mg|mcg|IU)/day")


def _nutrients(cell: str) -> set[Wanted]:
    wanted = set()
    for item in _split(cell):
        threshold = THRESHOLD.search(item)
        words = THRESHOLD.sub("", re.sub(r"\(.*\)", "", item)).strip()
        meant = NUTRIENT_WORDS[words]
        if meant is not None:
            amount = (float(threshold[1].replace(",", "")), threshold[2], "day") if threshold else None
            wanted.add((meant[0], meant[1], amount))
    return wanted


def _kinds(cell: str) -> set[str]:
    return {KIND_WORDS[word.strip()] for word in cell.split("/")}


# --- reading the names ----------------------------------------------------------------------------------------


def _reads(name: str) -> tuple[DrugMatch, ...]:
    """The drugs calcguide reads a name as; empty when any part of it is unknown or ambiguous."""
    reading = read(name)
    return () if reading.unknown or reading.line.ambiguous else reading.line.drugs


def _class_alone(class_id: str) -> tuple[DrugMatch, ...]:
    return (DrugMatch(catalog().medication_classes[class_id].label, class_id),)


class Named(NamedTuple):
    written: str
    drugs: tuple[DrugMatch, ...]  # () with a class of None: the entry concerns no medication (biotin)
    without: tuple[DrugMatch, ...] = ()  # "levodopa without carbidopa"


def _generics(class_id: str | None) -> list[str]:
    (medications,) = [c for c in data.load("interactions")["medications"] if c["id"] == class_id]
    return [str(drug["drug"]) for drug in medications["drugs"]]


def _first_half_cell(class_id: str, first_half: list[dict[str, str]]) -> str:
    words = tuple(word for word, meant in CLASS_WORDS.items() if meant == class_id)
    (cell,) = [r[FIRST_DRUG] for r in first_half if r[FIRST_DRUG].startswith(words)]
    return cell


FIRST_DRUG = "drug / class (match these names)"


def _names(cell: str, first_half: list[dict[str, str]]) -> list[Named]:
    """Every drug, brand and class a drug cell names, read by calcguide.medications and checked as it goes: a brand
    reads as its drug, a class's members are in that class, a generic reads as itself."""
    named: list[Named] = []
    for group in _split(cell, ";"):
        heading, colon, body = group.rpartition(": ")
        classes = []
        for word in _split(heading) if colon else []:
            word, suffix = _parenthesised(word)
            classes.append(CLASS_WORDS[word])
            for pattern in suffix:  # "ACE inhibitors (…pril)": every drug of the class is a …pril
                generics = _generics(CLASS_WORDS[word])
                assert generics and all(g.endswith(pattern.lstrip("…")) for g in generics), (word, generics)
        for item in _split(body if colon else group, ","):
            name, inner = _parenthesised(item)
            if name in CLASS_WORDS:  # "tetracyclines (doxycycline, ...)", "thiazides (see above)"
                class_id = CLASS_WORDS[name]
                named.append(Named(name, _class_alone(class_id) if class_id else ()))
                members = [n for n in inner if n not in QUALIFIERS]
                if class_id is None:
                    continue
                if members == ["see above"]:  # the first half's row for the class names its drugs
                    named += _names(_first_half_cell(class_id, first_half), first_half)
                    continue
                for member in members:
                    drugs = _reads(member)
                    assert [d.drug_class for d in drugs] == [class_id], f"{member!r} reads as {drugs}"
                    named.append(Named(member, drugs))
                continue
            name, _, without = name.partition(" without ")
            drugs = _reads(name) or _reads(item)  # "tretinoin (oral)" is the data's own name
            assert drugs, f"{item!r} is not read as a medication"
            if _reads(name):
                assert {d.drug for d in drugs} == set(name.split("/")), f"{name!r} reads as {drugs}"
                for brand in (n for n in inner if n not in QUALIFIERS):
                    assert _reads(brand) == drugs, f"{brand!r} reads as {_reads(brand)}, not as {name!r}"
            if classes:
                assert {d.drug_class for d in drugs} <= set(classes), f"{item!r} reads as {drugs}"
            named.append(Named(item, drugs, _reads(without) if without else ()))
        named.extend(Named(f"{c} (the class alone)", _class_alone(c)) for c in classes if c)
    return named


def _wanted(entry: Interaction) -> set[Wanted]:
    return {
        (n.nutrient, n.forms, (n.threshold.amount, n.threshold.unit, n.threshold.per) if n.threshold else None)
        for n in entry.nutrients
    }


def _fired(drugs: tuple[DrugMatch, ...]) -> list[Interaction]:
    """The entries a medication list with these drugs sets off (an entry's `unless` classes switch it off)."""
    if not drugs:
        return [e for e in interactions() if not e.classes and not e.drugs]
    classes = {d.drug_class for d in drugs}
    return [
        e
        for e in interactions()
        if any(e.concerns(d.drug, d.drug_class) for d in drugs) and not set(e.unless) & classes
    ]


def _row_entries(named: Named, wanted: set[Wanted]) -> list[Interaction]:
    """The entries of a row for one name: those it sets off that concern the row's nutrients."""
    return [e for e in _fired(named.drugs) if {n[0] for n in _wanted(e)} & {n[0] for n in wanted}]


# --- the tables ------------------------------------------------------------------------------------------------


def _section(starts: str) -> Section:
    (section,) = [s for heading, s in halves()[1].items() if heading.startswith(starts)]
    return section


def _rows(starts: str) -> list[dict[str, str]]:
    return _section(starts).rows


DRUG_NUTRIENT = _rows("Drug")
DRUG = "drug / class (match these names, brands, abbreviations)"


@pytest.mark.parametrize("row", DRUG_NUTRIENT, ids=[r[DRUG].split(":")[0][:48] for r in DRUG_NUTRIENT])
def test_drug_nutrient_row(row: dict[str, str]) -> None:
    """Every name the row gives (drug, brand, abbreviation, the class alone) sets off entries with the row's
    nutrients (forms and thresholds included), kind and severity, and nothing else for those nutrients."""
    wanted, kinds, severity = _nutrients(row["nutrients"]), _kinds(row["kind"]), row["severity"]
    for named in _names(row[DRUG], halves()[0]["Drug interactions"].rows):
        entries = _row_entries(named, wanted)
        assert entries, f"{named.written}: no entry"
        assert set().union(*map(_wanted, entries)) == wanted, f"{named.written}: {[e.id for e in entries]}"
        assert {e.kind for e in entries} == kinds, named.written
        assert {e.severity for e in entries} == {severity}, named.written
        if named.without:
            assert _row_entries(Named(named.written, named.drugs + named.without), wanted) == [], named.written


def test_every_catalogue_entry_is_on_the_sheet() -> None:
    """No entry outside the sheet: its drug-nutrient rows and the active vitamin D drugs cover the catalogue."""
    first = halves()[0]["Drug interactions"].rows
    covered = {
        e.id
        for row in DRUG_NUTRIENT
        for named in _names(row[DRUG], first)
        for e in _row_entries(named, _nutrients(row["nutrients"]))
    }
    covered |= {e.id for drug in active_vitamin_d() for e in _fired(_reads(drug))}
    assert covered == {e.id for e in interactions()}


INTERVALS = _rows("Spacing intervals, from the rows above")


def _hours(cell: str) -> float | None:
    return None if cell == "—" else float(cell)


@pytest.mark.parametrize("row", INTERVALS, ids=[r["drug"] for r in INTERVALS])
def test_spacing_interval(row: dict[str, str]) -> None:
    expected = (_hours(row["before (h)"]), _hours(row["after (h)"]))
    for name in _split(row["drug"]):
        drugs = _reads(name)
        assert [d.drug for d in drugs] == [name], f"{name!r} reads as {drugs}"
        entries = [e for e in _fired(drugs) if e.kind == "spacing"]
        assert entries, name
        for entry in entries:
            assert entry.hours is not None
            _agrees(name, "hours", expected, (entry.hours.before, entry.hours.after))
            if expected == (None, None):  # "at another time of day"
                assert entry.hours.apart, entry.id


def test_a_class_named_alone_gets_at_least_its_drugs_longest_interval() -> None:
    longest: dict[str, list[float]] = {}
    for row in INTERVALS:
        for name in _split(row["drug"]):
            (drug,) = _reads(name)
            before, after = longest.get(drug.drug_class, [0.0, 0.0])
            longest[drug.drug_class] = [
                max(before, _hours(row["before (h)"]) or 0),
                max(after, _hours(row["after (h)"]) or 0),
            ]
    for class_id, (before, after) in longest.items():
        for entry in (e for e in _fired(_class_alone(class_id)) if e.kind == "spacing"):
            assert entry.hours is not None
            assert (entry.hours.before or 0) >= before and (entry.hours.after or 0) >= after, entry.id


# --- active vitamin D drugs and binders (prose) -----------------------------------------------------------------


def _prose(starts: str) -> str:
    return _section(starts).prose


def test_active_vitamin_d_drugs() -> None:
    text = _prose("Active vitamin D drugs (prescription)")
    listed = text.split(". They are not")[0]
    drugs = set()
    for item in _split(listed, ","):
        name, aliases = _parenthesised(item)
        (drug,) = _reads(name)
        assert drug == DrugMatch(name.lower(), "active_vitamin_d")
        assert all(_reads(alias) == (drug,) for alias in aliases), aliases
        assert medicine_named(name) == (drug,)  # as a regimen item: a medicine, not vitamin D
        drugs.add(drug.drug)
    assert drugs == set(active_vitamin_d())
    match = re.search(r"with any other vitamin D or with calcium supplements: (\w+)\s*\((\w+);", text)
    assert match, text
    for drug in drugs:
        entries = [e for e in _fired(_reads(drug)) if _wanted(e) & {("vitamin_d", (), None), ("calcium", (), None)}]
        assert [(e.severity, e.kind, _wanted(e)) for e in entries] == [
            (match[1], match[2], {("vitamin_d", (), None), ("calcium", (), None)})
        ], drug


def test_phosphate_binders() -> None:
    text = _prose("Phosphate binders (CKD)")
    known = binders()
    brands = re.search(r"Calcium acetate \(([^)]*)\)", text)
    assert brands
    for brand in ["calcium acetate", *_split(brands[1])]:
        assert _reads(brand) == (DrugMatch("calcium acetate", "calcium_phosphate_binder"),), brand
    assert known.ckd_salts == {"calcium_acetate"} and known.listed["calcium acetate"].nutrient == "calcium"
    assert "taken as a binder" in text and fold("phosphate binder") in known.purposes
    assert "with meals" in text and "with meals" in known.says
    assert "KDIGO 2017" in text and "KDIGO 2017" in known.says
    others = re.search(r"Non-calcium binders \(([^)]*)\)", text)
    assert others
    for name in _split(others[1].replace(" — iron!", "")):
        assert [d.drug_class for d in _reads(name)] == ["phosphate_binder"], name
    supplies = re.search(r"(\w[\w ]*) \((\w+)\) supplies (\w+)", text)
    assert supplies
    assert _reads(supplies[2]) == (DrugMatch(supplies[1], "phosphate_binder"),)
    assert known.listed[supplies[1]].nutrient == supplies[3]


# --- nutrient pairs and conditions ------------------------------------------------------------------------------

PAIRS = _rows("Nutrient")


def _number(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    assert match, (pattern, text)
    return float(match[1].replace(",", ""))


@pytest.mark.parametrize("row", PAIRS, ids=[r["pair"] for r in PAIRS])
def test_nutrient_pair(row: dict[str, str]) -> None:
    condition = row["condition"]
    if row["pair"] == "folic acid above the UL":  # the above-ul rule, with the US UL's basis
        assert row["severity"] == "(above-ul)" and "above-ul" in REGISTRY
        assert data.load("dri_us")["nutrients"]["folate"]["ul_basis"] == "folic_acid"
        for stage in ("males-19-30y", "females-51-70y"):
            assert reference.values_for(stage)["folate"].ul == _number(r"folic acid > ([\d,]+) mcg/day", condition)
        return
    pair = {p.id: p for p in nutrient_pairs()}[PAIR_WORDS[row["pair"]]]
    assert pair.severity == row["severity"]
    if pair.id == "iron-calcium":
        assert pair.check == "separate_items" and "as separate items" in condition
        assert pair.thresholds == {"calcium_mg_per_intake": _number(r"≥ (\d+) mg calcium per intake", condition)}
    elif pair.id == "zinc-copper":
        assert pair.thresholds["zinc_mg_per_day"] == _number(r"zinc ≥ (\d+) mg/day", condition)
        ratio = re.search(r"< 1 mg supplemental copper per ([\d-]+) mg zinc", condition)
        assert ratio
        _agrees(row["pair"], "zinc per mg copper", float(ratio[1]), pair.thresholds["zinc_mg_per_mg_copper"])
    else:
        mg = _number(r"beta-carotene ≥ (\d+) mg/day", condition)
        assert pair.thresholds == {"beta_carotene_mg_per_day": mg} and pair.forms == ("beta_carotene",)
        known = catalog()  # "about 33,000 IU": mcg RAE per mcg over mcg RAE per IU
        iu = (
            mg
            * 1000
            * known.mass_factors["beta_carotene"].factor
            / known.iu_factors["supplemental_beta_carotene"].factor
        )
        assert round(iu, -3) == _number(r"about ([\d,]+) IU", condition)
        who = re.search(r"says (.+?) \(or (.+?)\)", condition)
        assert who
        assert {c for name in who.groups() for c in read_condition(name).conditions} == set(pair.conditions)


CONDITIONS = _rows("Conditions, written as charts write them")


@pytest.mark.parametrize("row", CONDITIONS, ids=[r["condition"] for r in CONDITIONS])
def test_condition_row(row: dict[str, str]) -> None:
    known = catalog().condition_classes
    severity = row["severity"].split(" for ")[0]  # "error for iron": the condition's severity is iron's
    names = [_parenthesised(part.removeprefix("or "))[0] for part in _split(row["condition"])]
    names += _parenthesised(row["condition"])[1]  # "smoking (current smoker)"
    for name in names:
        (condition,) = read_condition(name).conditions
        assert condition == CONDITION_WORDS[name], name
        assert known[condition].severity == severity, name
        if "(see above)" in row["nutrients"]:  # beta-carotene for smokers: the nutrient pair
            (pair,) = [p for p in nutrient_pairs() if condition in p.conditions]
            assert pair.forms == ("beta_carotene",) and pair.severity == severity
            continue
        wanted = {n[0] for n in _nutrients(row["nutrients"])}
        if " for " in row["severity"]:
            assert row["severity"].split(" for ")[1] in known[condition].nutrients
        cautioned = set(known[condition].nutrients).union(*(c.nutrients for c in known[condition].also))
        _agrees(row["condition"], "nutrients", wanted - cautioned, set())


CHART_NAMES = [
    (name, meant)
    for names, meant in re.findall(r'((?:"[^"]+",?\s*)+)are ([a-z ]+?)(?: \(|;|\.)', _prose(
        "Conditions, written as charts write them"))
    for name in re.findall(r'"([^"]+)"', names)
]  # fmt: skip


@pytest.mark.parametrize(("name", "meant"), CHART_NAMES, ids=[n for n, _ in CHART_NAMES])
def test_condition_as_a_chart_writes_it(name: str, meant: str) -> None:
    expected = {CONDITION_WORDS[meant]} | ({CONDITION_WORDS[name]} if name in CONDITION_WORDS else set())
    conditions = read_condition(name).conditions
    assert conditions and set(conditions) <= expected, conditions


# --- medication lists -------------------------------------------------------------------------------------------

LISTS = _prose("Medication lists as clinicians write them")


def test_the_sheets_medication_lines_are_the_ones_checked() -> None:
    assert re.findall(r'"([^"]+)"', LISTS.split("Strength, unit")[0]) == list(MEDICATION_LINES)


@pytest.mark.parametrize(("line", "generics"), MEDICATION_LINES.items(), ids=list(MEDICATION_LINES))
def test_medication_line(line: str, generics: set[str]) -> None:
    assert {d.drug for d in _reads(line)} == generics
    schedules = re.search(r"gives a schedule \(([^)]*)\)", LISTS)
    assert schedules
    for schedule in _split(schedules[1]):
        word = {"weekly": "weekly", "monthly": "monthly", "twice daily": "BID"}[schedule]
        if word in line.split():
            frequency = read(line).line.frequency
            assert frequency is not None and frequency.text == schedule


def test_combination_products_and_abbreviations() -> None:
    separators = re.search(r"split on ((?:\"[^\"]+\",?\s*)+)", LISTS)
    assert separators
    for separator in re.findall(r'"([^"]+)"', separators[1]):
        assert {d.drug for d in _reads(f"losartan{separator}HCTZ")} == {"losartan", "hydrochlorothiazide"}
    brands = re.search(r"known combination brands: (.*?) \.\.\.\)", LISTS)
    assert brands and _split(brands[1]) == list(COMBINATION_BRANDS)
    for brand, generics in COMBINATION_BRANDS.items():
        assert {d.drug for d in _reads(brand)} == generics, brand
    abbreviations = re.search(r"Common abbreviations: (.*?), levo is", LISTS)
    assert abbreviations
    for item in _split(abbreviations[1]):
        names, generic = _parenthesised(item)
        for name in names.split(" / "):
            expected = generic[0] if generic else ABBREVIATIONS_WITHOUT_GENERIC[name]
            assert [d.drug for d in _reads(name)] == [expected] and is_drug(expected), name
    ambiguous = re.search(r"(\w+) is ambiguous \((\w+) or (\w+)\)", LISTS)
    assert ambiguous
    reading = read(ambiguous[1])
    assert reading.line.drugs == () and reading.line.ambiguous == (ambiguous[2], ambiguous[3])
