"""Check the package's reference data against the reference sheets in tests/reference/.

Every expected number is parsed from the markdown sheets (tests/reference/*.md); none
is typed in here. The sheets are the source of truth; calcguide/data/*.yaml must agree
with them value by value.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "tests" / "reference"
DATA = REPO / "calcguide" / "data"

Number = int | float
Band = tuple[float, float]  # age band in months: [from, to)

GROUPS_WITH_OWN_COLUMN = {
    "males": "male",
    "females": "female",
    "pregnancy": "pregnancy",
    "lactation": "lactation",
}
PREGNANCY_GROUPS = ("pregnancy", "lactation")
NUM = r"\d[\d,]*(?:\.\d+)?"


# --------------------------------------------------------------------------------------
# Generic markdown parsing
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A `## ` section of a sheet: heading, (first) table and the other lines."""

    heading: str
    header: list[str]
    rows: list[list[str]]
    notes: list[str]

    def column(self, name: str) -> int | None:
        for i, title in enumerate(self.header):
            if title == name:
                return i
        return None


def split_cells(line: str) -> list[str]:
    text = line.strip().removeprefix("|").removesuffix("|")
    return [cell.strip() for cell in text.split("|")]


def is_separator(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells)


def parse_sections(text: str) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    for chunk in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        heading, _, body = chunk.partition("\n")
        header: list[str] = []
        rows: list[list[str]] = []
        notes: list[str] = []
        for line in body.splitlines():
            if line.lstrip().startswith("|"):
                cells = split_cells(line)
                if not header:
                    header = cells
                elif not is_separator(cells):
                    assert len(cells) == len(header), f"{heading!r}: row {line!r} has {len(cells)} cells"
                    rows.append(cells)
            elif line.strip():
                notes.append(line.strip())
        sections[heading.strip()] = Section(heading.strip(), header, rows, notes)
    return sections


def to_number(text: str) -> Number:
    plain = text.replace(",", "")
    return float(plain) if "." in plain else int(plain)


def first_number(cell: str) -> Number:
    match = re.match(rf"\s*({NUM})", cell)
    assert match, f"no number at the start of {cell!r}"
    return to_number(match.group(1))


def is_not_established(cell: str) -> bool:
    return cell.strip() in {"\u2014", "\u2013", "-"}  # em dash, en dash, hyphen


def age_band(label: str) -> Band | None:
    """Age band in months, [from, to), of a label.

    Labels: "1-3 years", "0-6 months", "19+ y", ">70 years", "≤18 y" and the like.
    """
    text = re.sub(r"\(.*?\)", "", label).strip()
    if match := re.fullmatch(r"(\d+)-(\d+)\s*(months|years|y|m)", text):
        scale = 1 if match.group(3) in ("months", "m") else 12
        return (int(match.group(1)) * scale, (int(match.group(2)) + 1) * scale)
    if match := re.fullmatch(r"(\d+)\+\s*(?:years|y)?", text):
        return (int(match.group(1)) * 12, math.inf)
    if match := re.fullmatch(r">\s*(\d+)\s*(?:years|y)?", text):
        return ((int(match.group(1)) + 1) * 12, math.inf)
    if match := re.fullmatch(r"≤\s*(\d+)\s*(?:years|y)?", text):
        return (0, (int(match.group(1)) + 1) * 12)
    return None


def contains(outer: Band, inner: Band) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def normalise(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


@cache
def sheet(name: str) -> dict[str, Section]:
    return parse_sections((REFERENCE / name).read_text(encoding="utf-8"))


def load_yaml(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------
# Life stages
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    id: str
    group: str
    band: Band


def stage_from_id(stage_id: str, group: str) -> Stage:
    match = re.fullmatch(r"[a-z]+-(\d+)(?:-(\d+))?([my])(\+?)", stage_id)
    assert match, f"unexpected life-stage id {stage_id!r}"
    lo, hi, unit, plus = match.groups()
    label = f"{lo}+ years" if plus else f"{lo}-{hi} {'months' if unit == 'm' else 'years'}"
    band = age_band(label)
    assert band is not None
    return Stage(stage_id, group, band)


LIFE_STAGES: list[Stage] = [
    stage_from_id(entry["id"], entry["group"]) for entry in load_yaml("life_stages.yaml")["life_stages"]
]


# --------------------------------------------------------------------------------------
# The US DRI sheet
# --------------------------------------------------------------------------------------

HEADING_SOURCE = re.compile(r"—\s*((?:NASEM|IOM) \d{4})")


@dataclass(frozen=True)
class Nutrient:
    key: str
    label: str
    unit: str
    ul_basis: str
    source: str  # e.g. "NASEM 2011"
    section: Section


# Units the DRI tables state in words: the unit calcguide stores them in.
UNIT_WORDS = {"mg niacin equivalents": "mg NE", "mcg dietary folate equivalents": "mcg DFE"}
DRI_SHEETS = ("dri-us.md", "dri-us-all.md")
# The nutrients of dri-us-all.md's "ULs without a target" table have no ODS fact sheet: their url is the report's.
IOM_2001_URL = "https://nap.nationalacademies.org/catalog/10026"


def nutrient_sections() -> list[Nutrient]:
    nutrients = []
    for name in DRI_SHEETS:
        for heading, section in sheet(name).items():
            source = HEADING_SOURCE.search(heading)
            if source is None:  # e.g. the serum 25(OH)D table
                continue
            if section.header[0] == "nutrient":  # "ULs without a target": one row per nutrient
                nutrients += ul_only_nutrients(section, source.group(1))
                continue
            label, _, rest = heading.partition(" (")
            unit_text = rest.split(")")[0]
            words = next((unit for phrase, unit in UNIT_WORDS.items() if phrase in unit_text), None)
            unit = re.search(r"\b(mcg|mg)( RAE)?\b", unit_text)
            assert unit, f"{heading!r}: no unit"
            nutrients.append(
                Nutrient(
                    key=label.strip().lower().replace(" ", "_"),
                    label=label.strip(),
                    unit=words or unit.group(0),
                    ul_basis=ul_basis(section),
                    source=source.group(1),
                    section=section,
                )
            )
    return nutrients


def ul_only_nutrients(section: Section, source: str) -> list[Nutrient]:
    """Each row of "ULs without a target" as a section of its own: life-stage rows, a UL column, no target.

    The "pregnancy / lactation" column applies to both groups; the section's notes ("Infants: not established.")
    carry over.
    """
    nutrients = []
    for row in section.rows:
        match = re.fullmatch(r"(\w+) \((mcg|mg)\)", row[0])
        assert match, f"{section.heading!r}: unreadable nutrient {row[0]!r}"
        label = match.group(1).capitalize()
        rows = []
        for title, cell in zip(section.header[1:], row[1:], strict=True):
            groups = [g.strip() for g in title.split("/")] if "pregnancy" in title else [title]
            rows += [[group, cell] for group in groups]
        notes = [sentence for note in section.notes for sentence in re.split(r"(?<=\.)\s+", note)]
        own = Section(f"{label} ({match.group(2)}, UL only) — {source}", ["life stage", "UL"], rows, notes)
        nutrients.append(Nutrient(label.lower(), label, match.group(2), ul_basis(section), source, own))
    return nutrients


def ul_basis(section: Section) -> str:
    """`total` unless the heading says what the UL applies to.

    dri-us.md says "UL applies to ..."; dri-us-all.md says "UL basis: ...". Cross-checked against a "UL (...)"
    column title where the table has one.
    """
    basis = "total"
    if match := re.search(r"UL (?:applies to|basis:) ([^.]*)", section.heading):
        phrase = match.group(1)
        if phrase.startswith("total"):  # "total (nickel as soluble nickel salts; ...)"
            basis = "total"
        elif "preformed" in phrase:
            basis = "preformed"
        elif "folic acid" in phrase:
            basis = "folic_acid"
        elif "supplement" in phrase:
            basis = "supplemental"
        else:
            raise AssertionError(f"{section.heading!r}: unknown UL basis {phrase!r}")
    for title in section.header:
        if qualifier := re.fullmatch(r"UL \((.*)\)", title):
            stated = qualifier.group(1).replace(" ", "_")
            assert stated == basis, f"{section.heading!r}: column {title!r} vs heading basis {basis!r}"
    return basis


@dataclass(frozen=True)
class SheetRow:
    label: str
    band: Band | None
    cells: dict[str, str]


def sheet_rows(section: Section) -> list[SheetRow]:
    if section.header[0] == "life stage":
        return [
            SheetRow(
                row[0],
                age_band(row[0]),
                dict(zip(section.header[1:], row[1:], strict=True)),
            )
            for row in section.rows
        ]
    # Transposed table: life stages are the column titles, a single row of ULs (boron) or of targets (biotin).
    assert len(section.rows) == 1, f"{section.heading!r}: expected one row in a transposed table"
    what = "UL" if "UL only" in section.heading else "target"
    return [
        SheetRow(title, age_band(title), {what: value})
        for title, value in zip(section.header, section.rows[0], strict=True)
    ]


def pick_part(cell: str, stage: Stage) -> str:
    """From "1,250 (≤18 y) / 700 (19+)" pick the part whose age condition holds."""
    if " / " not in cell:
        return cell
    chosen = []
    for part in cell.split(" / "):
        condition = re.search(r"\((.*?)\)", part)
        assert condition, f"no age condition in {part!r}"
        band = age_band(condition.group(1))
        assert band is not None, f"unreadable age condition in {part!r}"
        if contains(band, stage.band):
            chosen.append(part)
    assert len(chosen) == 1, f"{cell!r}: {len(chosen)} parts apply to {stage.id}"
    return chosen[0]


def parse_target(cell: str, stage: Stage, ai_only: bool) -> tuple[Number, str]:
    part = pick_part(cell, stage)
    value = first_number(part)
    override = re.search(rf"\b{stage.group} ({NUM})", part) if stage.group in PREGNANCY_GROUPS else None
    if override:  # "15 (pregnancy 15, lactation 19)"
        value = to_number(override.group(1))
    kind = "AI" if ai_only or re.search(r"\bAI\b", part) else "RDA"
    return value, kind


def target_cell(nutrient: Nutrient, row: SheetRow, stage: Stage) -> str:
    where = f"{nutrient.label}, row {row.label!r}, {stage.id}"
    if "target" in row.cells:
        cell = row.cells["target"]
    elif stage.group in GROUPS_WITH_OWN_COLUMN:
        cell = row.cells[GROUPS_WITH_OWN_COLUMN[stage.group]]
    else:  # infants and children: both sexes share one value
        cell, female = row.cells["male"], row.cells["female"]
        # "2 (AI, preformed niacin)" and "2 (AI)" state the same value
        same = (first_number(cell), "AI" in cell) == (first_number(female), "AI" in female) if cell else not female
        assert same, f"{where}: male and female differ"
    assert cell, f"{where}: the sheet has no value in this cell"
    return cell


def find_row(nutrient: Nutrient, stage: Stage) -> SheetRow | None:
    rows = sheet_rows(nutrient.section)
    if stage.group in PREGNANCY_GROUPS:
        explicit = [row for row in rows if row.label == stage.group]
        if explicit:
            assert len(explicit) == 1
            return explicit[0]
    matches = [row for row in rows if row.band is not None and contains(row.band, stage.band)]
    assert len(matches) <= 1, f"{nutrient.label}: rows {[r.label for r in matches]} all cover {stage.id}"
    return matches[0] if matches else None


def expected_values(nutrient: Nutrient, stage: Stage) -> dict[str, Any]:
    heading = nutrient.section.heading
    row = find_row(nutrient, stage)
    if row is None:
        not_established = any(
            re.fullmatch(rf"{stage.group}: not established\.?", note, flags=re.IGNORECASE)
            for note in nutrient.section.notes
        )
        assert not_established, f"{nutrient.label}: no sheet row covers {stage.id}"
        return {"target": None, "type": None, "ul": None}

    target: Number | None = None
    kind: str | None = None
    if "UL only" not in heading:
        target, kind = parse_target(target_cell(nutrient, row, stage), stage, ai_only="AI only" in heading)

    ul_columns = [title for title in row.cells if title == "UL" or title.startswith("UL (")]
    ul: Number | None
    if not ul_columns:
        assert re.search(r"no UL established|No UL\.", heading), f"{heading!r}: no UL column and no 'no UL'"
        ul = None
    else:
        (ul_column,) = ul_columns
        cell = row.cells[ul_column]
        assert cell, f"{nutrient.label}, row {row.label!r}: empty UL cell"
        ul = None if is_not_established(cell) else first_number(cell)
    return {"target": target, "type": kind, "ul": ul}


NUTRIENTS: list[Nutrient] = nutrient_sections()
DRI: dict[str, Any] = load_yaml("dri_us.yaml")["nutrients"]


def dri_entry(key: str) -> dict[str, Any]:
    assert key in DRI, f"nutrient {key!r} from dri-us.md is missing from dri_us.yaml"
    entry: dict[str, Any] = DRI[key]
    return entry


def test_sheet_parsed() -> None:
    assert len(NUTRIENTS) >= 9, [n.key for n in NUTRIENTS]
    assert len(LIFE_STAGES) == 22


def test_same_nutrients_as_sheet() -> None:
    assert sorted(DRI) == sorted(n.key for n in NUTRIENTS)


@pytest.mark.parametrize(
    ("nutrient", "stage"),
    [pytest.param(n, s, id=f"{n.key}/{s.id}") for n in NUTRIENTS for s in LIFE_STAGES],
)
def test_dri_value_matches_sheet(nutrient: Nutrient, stage: Stage) -> None:
    values = dri_entry(nutrient.key)["values"]
    assert stage.id in values, f"{nutrient.key}: life stage {stage.id} missing from dri_us.yaml"
    actual = values[stage.id]
    assert isinstance(actual, dict) and set(actual) >= {"target", "type", "ul"}, f"{nutrient.key}/{stage.id}: {actual}"
    expected = expected_values(nutrient, stage)
    for field in ("target", "ul"):
        value = actual[field]
        assert value is None or (isinstance(value, int | float) and not isinstance(value, bool)), (
            f"{nutrient.key}/{stage.id}: {field} must be a plain number or null, got {value!r}"
        )
    wrong = {k: f"yaml {actual[k]!r} != sheet {expected[k]!r}" for k in expected if actual[k] != expected[k]}
    assert not wrong, f"{nutrient.key}/{stage.id}: {wrong}"


@pytest.mark.parametrize("nutrient", NUTRIENTS, ids=lambda n: n.key)
def test_dri_unit_and_basis(nutrient: Nutrient) -> None:
    entry = dri_entry(nutrient.key)
    assert entry["label"] == nutrient.label
    assert entry["unit"] == nutrient.unit, f"{nutrient.key}: unit {entry['unit']!r}, sheet {nutrient.unit!r}"
    assert entry["ul_basis"] == nutrient.ul_basis, (
        f"{nutrient.key}: ul_basis {entry['ul_basis']!r}, sheet {nutrient.ul_basis!r}"
    )
    # Folate: the target is in mcg DFE, the UL "in mcg of folic acid (not DFE)"; elsewhere one unit serves both.
    ul_unit = "mcg" if "in mcg of folic acid" in nutrient.section.heading else None
    assert entry.get("ul_unit") == ul_unit, f"{nutrient.key}: ul_unit {entry.get('ul_unit')!r}, sheet {ul_unit!r}"


@pytest.mark.parametrize("nutrient", NUTRIENTS, ids=lambda n: n.key)
def test_dri_has_every_life_stage(nutrient: Nutrient) -> None:
    values = dri_entry(nutrient.key)["values"]
    missing = [s.id for s in LIFE_STAGES if s.id not in values]
    extra = sorted(set(values) - {s.id for s in LIFE_STAGES})
    assert not missing and not extra, f"{nutrient.key}: missing {missing}, unknown {extra}"


@pytest.mark.parametrize("nutrient", NUTRIENTS, ids=lambda n: n.key)
def test_dri_source(nutrient: Nutrient) -> None:
    source = dri_entry(nutrient.key).get("source")
    assert isinstance(source, dict), f"{nutrient.key}: no source"
    title, url = source.get("title"), source.get("url")
    assert isinstance(title, str) and title.strip(), f"{nutrient.key}: source has no title"
    assert isinstance(url, str) and url.startswith("https://"), f"{nutrient.key}: source has no url"
    assert title.startswith(nutrient.source), f"{nutrient.key}: title {title!r} is not from {nutrient.source}"
    if nutrient.section.header == ["life stage", "UL"]:
        # From "ULs without a target" (nickel, vanadium): no ODS fact sheet; the IOM report itself.
        assert url == IOM_2001_URL, f"{nutrient.key}: url {url!r}"
        return
    # The sheets' preambles name the ODS fact-sheet URL pattern ".../factsheets/<Nutrient>-HealthProfessional/",
    # with the nutrient's words capitalised ("PantothenicAcid").
    for name in DRI_SHEETS:
        preamble = (REFERENCE / name).read_text(encoding="utf-8").split("\n## ")[0]
        pattern = re.search(r"(https://\S*<Nutrient>\S*/)", preamble)
        assert pattern, f"no fact-sheet URL pattern in the {name} preamble"
        words = "".join(word[0].upper() + word[1:] for word in nutrient.label.split())
        assert url == pattern.group(1).replace("<Nutrient>", words)


def test_stage_ids_agree_with_life_stage_months() -> None:
    for entry in load_yaml("life_stages.yaml")["life_stages"]:
        if entry["group"] in PREGNANCY_GROUPS:
            continue  # their month ranges are widened on purpose (see life_stages.yaml)
        band = stage_from_id(entry["id"], entry["group"]).band
        assert band[0] == entry["from_months"], entry["id"]
        assert entry["to_months"] <= band[1], entry["id"]


# --------------------------------------------------------------------------------------
# conversions.md against ingredients.yaml
# --------------------------------------------------------------------------------------

INGREDIENTS_PATH = DATA / "ingredients.yaml"
INGREDIENTS: dict[str, Any] = load_yaml("ingredients.yaml") if INGREDIENTS_PATH.exists() else {}

# Which row of the sheet's IU table each `form` of iu_factors stands for (names only;
# the numbers come from the sheet).
IU_FORM_ROWS = {
    "vitamin_d": "vitamin D (D2 or D3)",
    "preformed_vitamin_a": "vitamin A as retinol / retinyl esters",
    "supplemental_beta_carotene": "vitamin A as beta-carotene from supplements",
    "food_beta_carotene": "vitamin A as beta-carotene from food",
    "food_alpha_carotene": "vitamin A as alpha-carotene or beta-cryptoxanthin",
    "natural_vitamin_e": "vitamin E, natural",
    "synthetic_vitamin_e": "vitamin E, synthetic",
}


def conversion_section(prefix: str) -> Section:
    matches = [s for heading, s in sheet("conversions.md").items() if heading.startswith(prefix)]
    assert len(matches) == 1, f"conversions.md: {len(matches)} sections start with {prefix!r}"
    return matches[0]


def iu_sheet_row(form: str) -> list[str]:
    assert form in IU_FORM_ROWS, f"iu_factors form {form!r}: no conversions.md IU-table row is mapped to it"
    rows = [row for row in conversion_section("International units").rows if row[0].startswith(IU_FORM_ROWS[form])]
    assert len(rows) == 1, f"{form}: {len(rows)} IU-table rows start with {IU_FORM_ROWS[form]!r}"
    return rows[0]


@dataclass(frozen=True)
class SaltRow:
    label: str
    names: frozenset[str]
    low: float
    high: float
    high_end: bool  # the sheet says to take the high end of a range ("take the HIGH end toward the UL")
    source: str


# Rows whose label names the salt only with a qualifier after a comma ("calcium hydroxyapatite, pure ...").
SALT_ROWS = {
    "calcium_hydroxyapatite": "calcium hydroxyapatite, pure",
    "ferrous_sulfate_dried": "ferrous sulfate, dried",
}
# The element a salt's name speaks of, where it is not the nutrient's own name ("ferrous sulfate" is iron).
ELEMENT_WORDS = {"iron": ("ferrous", "iron"), "copper": ("cupric", "copper"), "iodine": ("iodide",),
                 "calcium": ("calcium", "hydroxyapatite"),
                 "selenium": ("selen",)}  # fmt: skip


def salt_rows() -> list[SaltRow]:
    section = conversion_section("Elemental fraction")
    result = []
    for label, fraction, source in section.rows:
        base = re.sub(r"\s*\(.*?\)", "", label).strip()
        first, *others = [part.strip() for part in base.split(" / ")]
        element = first.split()[0]
        names = {normalise(label), normalise(base), normalise(first)}
        names |= {normalise(o if " " in o else f"{element} {o}") for o in others}
        # "about 23 % (varies by preparation: 21-26 %)" -> "about 23 %"
        main = re.sub(r"\(.*?\)", "", fraction)
        if span := re.search(rf"({NUM})\s*-\s*({NUM})\s*%", main):
            low, high = to_number(span.group(1)) / 100, to_number(span.group(2)) / 100
        else:
            point = re.search(rf"({NUM})\s*%", main)
            assert point, f"conversions.md: no percentage in {fraction!r}"
            low = high = to_number(point.group(1)) / 100
        result.append(SaltRow(label, frozenset(names), low, high, "HIGH end" in source, source))
    return result


def salt_sheet_row(salt: dict[str, Any]) -> SaltRow:
    if salt["id"] in SALT_ROWS:
        rows = [row for row in salt_rows() if row.label.startswith(SALT_ROWS[salt["id"]])]
    else:
        names = {normalise(salt["id"])} | {normalise(n) for n in salt.get("names", [])}
        rows = [row for row in salt_rows() if row.names & names]
    assert len(rows) == 1, f"salt {salt['id']!r}: {len(rows)} rows of the conversions.md salt table match"
    return rows[0]


IU_FACTORS: list[dict[str, Any]] = INGREDIENTS.get("iu_factors", [])
SALTS: list[dict[str, Any]] = INGREDIENTS.get("salts", [])


def test_ingredients_file_exists() -> None:
    assert INGREDIENTS_PATH.exists(), f"{INGREDIENTS_PATH} is missing"
    assert IU_FACTORS, "ingredients.yaml has no iu_factors"
    assert SALTS, "ingredients.yaml has no salts"


@pytest.mark.parametrize("factor", IU_FACTORS, ids=lambda f: str(f.get("form")))
def test_iu_factor_matches_sheet(factor: dict[str, Any]) -> None:
    label, equals, _source = iu_sheet_row(factor["form"])
    match = re.match(rf"\s*({NUM})\s*(mcg RAE|mcg|mg)\b", equals)
    assert match, f"conversions.md: unreadable IU factor {equals!r}"
    per_iu = factor["per_iu"]
    assert isinstance(per_iu, int | float) and not isinstance(per_iu, bool), f"{factor['form']}: per_iu {per_iu!r}"
    expected = to_number(match.group(1))
    assert math.isclose(per_iu, expected), f"{factor['form']}: per_iu {per_iu} != sheet {expected} ({label})"
    assert factor["unit"] == match.group(2), f"{factor['form']}: unit {factor['unit']!r} != sheet {match.group(2)!r}"


@pytest.mark.parametrize("salt", SALTS, ids=lambda s: str(s.get("id")))
def test_salt_fraction_matches_sheet(salt: dict[str, Any]) -> None:
    row = salt_sheet_row(salt)
    fraction = salt["elemental_fraction"]
    assert isinstance(fraction, int | float) and not isinstance(fraction, bool), f"{salt['id']}: {fraction!r}"
    words = ELEMENT_WORDS.get(salt["nutrient"], (salt["nutrient"],))
    assert any(word in normalise(row.label) for word in words), f"{salt['id']}: {salt['nutrient']!r} vs {row.label!r}"
    if row.low == row.high or row.high_end:
        expected = row.high
        assert math.isclose(fraction, expected), f"{salt['id']}: elemental_fraction {fraction} != sheet {expected}"
    else:
        assert row.low - 1e-9 <= fraction <= row.high + 1e-9, (
            f"{salt['id']}: elemental_fraction {fraction} outside the sheet's {row.low}-{row.high}"
        )


def test_hydroxyapatite_and_mchc_are_apart() -> None:
    """Pure hydroxyapatite is 39.9 % calcium; MCHC (bone-derived) is taken at 25 %, the high end of 20-25 %."""
    by_id = {salt["id"]: salt for salt in SALTS}
    assert by_id["calcium_hydroxyapatite"]["elemental_fraction"] == 0.399  # was 0.20, shared with MCHC
    assert by_id["mchc"]["elemental_fraction"] == 0.25
    assert not {normalise(n) for n in by_id["mchc"]["names"]} & {
        normalise(n) for n in by_id["calcium_hydroxyapatite"]["names"]
    }
    assert by_id["magnesium_malate"]["elemental_fraction"] == 0.155  # was 0.15
    assert by_id["magnesium_threonate"]["elemental_fraction"] == 0.072  # was 0.07


def test_salts_without_formula_are_the_sheets_manufacturer_figures() -> None:
    """A salt without a formula is a mixture or an "as sold" figure: the sheet credits it to manufacturer data."""
    for salt in SALTS:
        if "formula" not in salt:
            row = salt_sheet_row(salt)
            assert re.search(r"manufacturer|USP", row.source), f"{salt['id']}: no formula, sheet source {row.source!r}"


def test_names_are_unique_across_the_catalogue() -> None:
    """One name, one meaning: no name is both an ingredient and a salt, a label form or a not-assessed entry."""
    seen: dict[str, str] = {}
    for section in ("ingredients", "salts", "label_forms", "not_assessed"):
        for entry in INGREDIENTS[section]:
            for name in entry["names"]:
                key = re.sub(r"[^0-9a-z]+", "", name.lower())
                owner = f"{section}/{entry.get('id', entry.get('nutrient'))}"
                assert key not in seen, f"{name!r} is both {seen[key]} and {owner}"
                seen[key] = owner


def test_vitamin_e_ul_factors_match_sheet() -> None:
    """Toward the UL: natural 0.67 mg per IU; synthetic 1,000 / 1,100 (the sheet's "1,000 mg = ... 1,100 IU")."""
    text = (REFERENCE / "conversions.md").read_text(encoding="utf-8")
    match = re.search(rf"({NUM}) mg = ({NUM}) IU of natural or ({NUM}) IU of synthetic", text)
    assert match, "conversions.md: no vitamin E UL equivalence"
    mg, natural_iu, synthetic_iu = (to_number(g) for g in match.groups())
    factors = {f["form"]: f for f in IU_FACTORS}
    assert math.isclose(factors["synthetic_vitamin_e"]["ul_per_iu"], mg / synthetic_iu, rel_tol=1e-5)
    # natural stays at the RDA factor, 0.67 (the sheet: "natural 0.67 mg per IU"; 1,000 / 1,500 is 0.667)
    assert re.search(r"natural 0\.67 mg per IU", text)
    assert factors["natural_vitamin_e"]["ul_per_iu"] == 0.67
    assert math.isclose(factors["natural_vitamin_e"]["ul_per_iu"], mg / natural_iu, abs_tol=0.005)


def test_every_sheet_salt_is_in_ingredients() -> None:
    covered = {salt_sheet_row(salt).label for salt in SALTS}
    missing = [row.label for row in salt_rows() if row.label not in covered]
    assert not missing, f"conversions.md salts with no entry in ingredients.yaml: {missing}"


@pytest.mark.parametrize(
    "entry",
    [pytest.param(f, id=f"iu_factors/{f.get('form')}") for f in IU_FACTORS]
    + [pytest.param(s, id=f"salts/{s.get('id')}") for s in SALTS],
)
def test_conversion_has_source(entry: dict[str, Any]) -> None:
    source = entry.get("source")
    assert isinstance(source, str) and source.strip(), f"{entry}: empty source"
