"""Check calcguide/data/efsa.yaml against the EFSA sheet in tests/reference/efsa.md.

Every expected number is parsed from the markdown table; none is typed in here. The life-stage to EFSA-band
mapping is computed from the months in life_stages.yaml and the age bands in the sheet's column titles: a life
stage takes the lower of the ULs of the EFSA bands it overlaps (a band with no UL does not lift another's).
Pregnancy and lactation take the bands of their ages (EFSA sets no pregnancy-specific UL), or none where the
sheet's "pregnancy, lactation" column says "—"; with a known age a pregnant person takes her own band's UL.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
SHEET = REPO / "tests" / "reference" / "efsa.md"
DATA = REPO / "calcguide" / "data"
EFSA_PATH = DATA / "efsa.yaml"

NOT_SET = {"\u2014", "\u2013", "-"}  # em dash, en dash, hyphen
PREGNANCY_GROUPS = ("pregnancy", "lactation")
PREGNANCY_COLUMN = "pregnancy, lactation"
Band = tuple[float, float]  # months, [from, to)
# Rows that name a form or basis beyond "supplemental"/"preformed": the efsa.yaml key and ul_basis they stand for.
LABEL_KEYS = {
    "folate, supplemental": ("folate", "supplemental_folate"),
    "niacin, nicotinic acid": ("niacin", "nicotinic_acid"),
    "niacin, nicotinamide": ("niacin_nicotinamide", "nicotinamide"),
}
# The sheet's unit -> efsa.yaml's (the US table's): copper and molybdenum in mcg; niacin's mg are mg NE; folate's
# UL is in mcg of folate itself, which dri_us.yaml's `ul_unit: mcg` says (the target's unit is mcg DFE).
UNIT_FACTORS = {("mg", "mcg"): 1000.0, ("mg", "mg NE"): 1.0, ("mcg", "mcg DFE"): 1.0}


# --------------------------------------------------------------------------------------
# The sheet
# --------------------------------------------------------------------------------------


def split_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().removeprefix("|").removesuffix("|").split("|")]


def table_lines(text: str) -> list[list[str]]:
    rows = [split_cells(line) for line in text.splitlines() if line.lstrip().startswith("|")]
    return [row for row in rows if not all(re.fullmatch(r":?-{3,}:?", cell) for cell in row)]


def band_of(title: str) -> Band:
    """Months [from, to) of a column title: "infants 7-12 m", "4-6 y", "adults (incl. ...)"."""
    if title.startswith("adults"):
        return (18 * 12, math.inf)  # EFSA's adult column follows 15-17 y
    match = re.search(r"(\d+)-(\d+)\s*([my])\b", title)
    assert match, f"efsa.md: unreadable age band {title!r}"
    low, high = int(match.group(1)), int(match.group(2))
    if match.group(3) == "m":  # completed months, as in life_stages.yaml; infancy ends at the first birthday
        return (low, min(high + 1, 12))
    return (low * 12, (high + 1) * 12)


@dataclass(frozen=True)
class SheetNutrient:
    key: str
    unit: str | None
    basis: str
    cells: dict[str, str]  # age-band column title -> cell
    pregnancy: str  # "age band", "—" (no UL in pregnancy or lactation) or "" (a "no UL" row)


def sheet_nutrients() -> tuple[list[str], list[SheetNutrient]]:
    header, *rows = table_lines(SHEET.read_text(encoding="utf-8"))
    assert header[0] == "nutrient", f"efsa.md: first column is {header[0]!r}"
    assert header[-1] == PREGNANCY_COLUMN, f"efsa.md: last column is {header[-1]!r}"
    columns = header[1:-1]
    nutrients = []
    for row in rows:
        assert len(row) == len(header), f"efsa.md: row {row[0]!r} has {len(row)} cells, header {len(header)}"
        label = row[0]
        unit_match = re.search(r"\(([^)]*)\)\s*$", label)
        unit = unit_match.group(1) if unit_match else None
        name = re.sub(r"\([^)]*\)", "", label).strip()
        words = name.replace(",", " ").split()
        basis = "total"
        for qualifier in ("supplemental", "preformed"):
            if qualifier in words:
                basis = qualifier
                words.remove(qualifier)
        key = "_".join(word.lower() for word in words)
        key, basis = LABEL_KEYS.get(name, (key, basis))
        cells = dict(zip(columns, row[1:-1], strict=True))
        nutrients.append(SheetNutrient(key, unit, basis, cells, row[-1]))
    return columns, nutrients


def unit_factor(nutrient: SheetNutrient) -> float:
    """The sheet states copper and molybdenum in mg; efsa.yaml keeps the US table's unit (mcg)."""
    if nutrient.unit is None:
        return 1.0
    unit = nutrient.unit if nutrient.unit != "mcg RE" else "mcg RAE"
    us = load_yaml(DATA / "dri_us.yaml")["nutrients"][EFSA_NUTRIENT.get(nutrient.key, nutrient.key)]["unit"]
    return UNIT_FACTORS.get((unit, us), 1.0)


def sheet_value(cell: str) -> float | None:
    if cell in NOT_SET:
        return None
    match = re.fullmatch(r"\d[\d,]*(?:\.\d+)?", cell)
    assert match, f"efsa.md: unreadable UL cell {cell!r}"
    return float(cell.replace(",", ""))


def row_values(nutrient: SheetNutrient) -> dict[str, float | None]:
    """Column title -> UL; a row reading "no UL" has none in any column (its other cells are blank)."""
    if any(cell.lower() == "no ul" for cell in nutrient.cells.values()):
        assert all(cell.lower() in ("no ul", "") for cell in nutrient.cells.values()), nutrient.cells
        return dict.fromkeys(nutrient.cells)
    factor = unit_factor(nutrient)
    return {
        title: None if (value := sheet_value(cell)) is None else round(value * factor, 6)
        for title, cell in nutrient.cells.items()
    }


# --------------------------------------------------------------------------------------
# Life stages and the band mapping
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    id: str
    group: str
    band: Band


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def stage_band(entry: dict[str, Any]) -> Band:
    """Months of a life stage; pregnancy and lactation by the ages their id names ("pregnancy-14-18y": 14-18 y),
    not life_stages.yaml's widened months (which let a 13-year-old take the 14-18 values)."""
    if entry["group"] in PREGNANCY_GROUPS:
        match = re.fullmatch(r"[a-z]+-(\d+)-(\d+)y", entry["id"])
        assert match, entry["id"]
        return (int(match.group(1)) * 12, (int(match.group(2)) + 1) * 12)
    return (entry["from_months"], entry["to_months"])


STAGES = [
    Stage(entry["id"], entry["group"], stage_band(entry))
    for entry in load_yaml(DATA / "life_stages.yaml")["life_stages"]
]
COLUMNS, NUTRIENTS = sheet_nutrients()
EFSA_NUTRIENT = {"niacin_nicotinamide": "niacin"}  # efsa.yaml key -> the nutrient it limits, where they differ


def columns_for(stage: Stage) -> list[str]:
    """The sheet columns whose age band a life stage overlaps."""
    low, high = stage.band
    return [title for title in COLUMNS if low < band_of(title)[1] and band_of(title)[0] < high]


def expected_ul(nutrient: SheetNutrient, stage: Stage) -> float | None:
    if stage.group in PREGNANCY_GROUPS and nutrient.pregnancy != "age band":
        assert nutrient.pregnancy in NOT_SET or row_values(nutrient) == dict.fromkeys(nutrient.cells), nutrient.key
        return None
    values = row_values(nutrient)
    set_values = [value for title in columns_for(stage) if (value := values[title]) is not None]
    return min(set_values) if set_values else None


# --------------------------------------------------------------------------------------
# The data file, and a tiny loader (reference.py will get the real one)
# --------------------------------------------------------------------------------------

EFSA: dict[str, Any] = load_yaml(EFSA_PATH)["nutrients"] if EFSA_PATH.exists() else {}


def efsa_values(stage_id: str) -> dict[str, float | None]:
    """Every nutrient's EFSA UL for one life stage, straight from efsa.yaml (KeyError for an unknown stage)."""
    out: dict[str, float | None] = {}
    for nutrient, table in load_yaml(EFSA_PATH)["nutrients"].items():
        ul = table["values"][stage_id]["ul"]
        out[nutrient] = None if ul is None else float(ul)
    return out


def efsa_entry(key: str) -> dict[str, Any]:
    assert key in EFSA, f"nutrient {key!r} of efsa.md is missing from efsa.yaml"
    entry: dict[str, Any] = EFSA[key]
    return entry


def test_sheet_parsed() -> None:
    assert len(NUTRIENTS) == 17, [n.key for n in NUTRIENTS]
    assert len(STAGES) == 22
    assert [band_of(title) for title in COLUMNS] == sorted(band_of(title) for title in COLUMNS)


def test_every_life_stage_overlaps_a_band() -> None:
    for stage in STAGES:
        assert columns_for(stage), stage.id


def test_stricter_band_mapping() -> None:
    """The mapping the data file documents: 4-8 y spans 4-6 and 7-10, 14-18 y spans 11-14, 15-17 and adults."""
    by_id = {stage.id: columns_for(stage) for stage in STAGES}
    assert [band_of(t) for t in by_id["children-4-8y"]] == [(48, 84), (84, 132)]
    assert [band_of(t) for t in by_id["males-9-13y"]] == [(84, 132), (132, 180)]
    assert [band_of(t) for t in by_id["females-14-18y"]] == [(132, 180), (180, 216), (216, math.inf)]
    assert [band_of(t) for t in by_id["infants-7-12m"]] == [(7, 12)]
    assert [band_of(t) for t in by_id["children-1-3y"]] == [(12, 48)]
    assert by_id["pregnancy-14-18y"] == by_id["females-14-18y"]  # the bands of her age, not the adult one
    assert [band_of(t) for t in by_id["lactation-31-50y"]] == [(216, math.inf)]


def test_same_nutrients_as_sheet() -> None:
    assert sorted(EFSA) == sorted(n.key for n in NUTRIENTS)


@pytest.mark.parametrize(
    ("nutrient", "stage"),
    [pytest.param(n, s, id=f"{n.key}/{s.id}") for n in NUTRIENTS for s in STAGES],
)
def test_efsa_value_matches_sheet(nutrient: SheetNutrient, stage: Stage) -> None:
    values = efsa_entry(nutrient.key)["values"]
    assert stage.id in values, f"{nutrient.key}: life stage {stage.id} missing from efsa.yaml"
    row = values[stage.id]
    assert isinstance(row, dict) and set(row) == {"ul"}, f"{nutrient.key}/{stage.id}: {row!r}"
    ul = row["ul"]
    assert ul is None or (isinstance(ul, int | float) and not isinstance(ul, bool)), f"{stage.id}: ul {ul!r}"
    expected = expected_ul(nutrient, stage)
    assert ul == expected, f"{nutrient.key}/{stage.id}: yaml {ul!r} != sheet {expected!r} (bands {columns_for(stage)})"


@pytest.mark.parametrize("nutrient", NUTRIENTS, ids=lambda n: n.key)
def test_efsa_has_every_life_stage(nutrient: SheetNutrient) -> None:
    values = efsa_entry(nutrient.key)["values"]
    assert sorted(values) == sorted(s.id for s in STAGES)


@pytest.mark.parametrize("nutrient", NUTRIENTS, ids=lambda n: n.key)
def test_efsa_unit_and_basis(nutrient: SheetNutrient) -> None:
    entry = efsa_entry(nutrient.key)
    assert entry["ul_basis"] == nutrient.basis
    us_unit = load_yaml(DATA / "dri_us.yaml")["nutrients"][EFSA_NUTRIENT.get(nutrient.key, nutrient.key)]["unit"]
    if nutrient.unit is None:  # "no UL" rows state no unit: the US table's unit applies
        assert entry["unit"] == us_unit
    elif nutrient.unit == "mcg RE":  # preformed vitamin A: 1 mcg RE = 1 mcg retinol = 1 mcg RAE
        assert nutrient.basis == "preformed"
        assert entry["unit"] == "mcg RAE"
    elif (nutrient.unit, entry["unit"]) in UNIT_FACTORS:  # copper, molybdenum in mcg; niacin in mg NE
        assert entry["unit"] == us_unit
    else:
        assert entry["unit"] == nutrient.unit


@pytest.mark.parametrize("nutrient", NUTRIENTS, ids=lambda n: n.key)
def test_efsa_bands_match_sheet(nutrient: SheetNutrient) -> None:
    """The band values a known age is looked up in, column by column, and whether they hold in pregnancy."""
    entry = efsa_entry(nutrient.key)
    bands = {band["id"]: band for band in load_yaml(EFSA_PATH)["bands"]}
    expected = row_values(nutrient)
    assert len(bands) == len(COLUMNS)
    for title, value in expected.items():
        (band_id,) = [key for key, band in bands.items() if band["from_months"] == band_of(title)[0]]
        assert entry["bands"][band_id] == value, f"{nutrient.key}/{band_id}: {entry['bands'][band_id]!r} != {value!r}"
    in_pregnancy = nutrient.pregnancy == "age band"
    assert entry["in_pregnancy"] is in_pregnancy, nutrient.key


@pytest.mark.parametrize("nutrient", NUTRIENTS, ids=lambda n: n.key)
def test_efsa_source(nutrient: SheetNutrient) -> None:
    entry = efsa_entry(nutrient.key)
    for key in ("source", "infant_source"):
        source = entry.get(key)
        if key == "infant_source" and source is None:
            continue
        assert isinstance(source, dict), f"{nutrient.key}: no {key}"
        assert str(source.get("title", "")).startswith("EFSA"), f"{nutrient.key}: {key} title {source!r}"
        assert str(source.get("url", "")).startswith("https://"), f"{nutrient.key}: {key} url {source!r}"
    # The preamble of efsa.md names the opinions: vitamin D and calcium have their own, the rest the overview;
    # its "More nutrients" list names the newer opinions (EFSA Journal year;volume(issue):number).
    url = entry["source"]["url"]
    own = {"vitamin_b6": "2023;21(5):8006", "folate": "2023;21(11):8353", "selenium": "2023;21(1):7704"}
    if nutrient.key == "vitamin_d":
        assert url == "https://doi.org/10.2903/j.efsa.2012.2813"
        assert entry["infant_source"]["url"] == "https://doi.org/10.2903/j.efsa.2018.5365"
    elif nutrient.key == "calcium":
        assert url == "https://doi.org/10.2903/j.efsa.2012.2814"
    elif nutrient.key in own:
        citation = own[nutrient.key]
        assert f"EFSA Journal {citation}" in SHEET.read_text(encoding="utf-8")
        year, number = citation.split(";")[0], citation.split(":")[1]
        assert url == f"https://doi.org/10.2903/j.efsa.{year}.{number}", url
    else:
        assert "Overview on Tolerable Upper Intake Levels" in entry["source"]["title"]
        assert url.startswith("https://www.efsa.europa.eu/")


def test_labels_and_units_agree_with_the_us_table() -> None:
    dri = load_yaml(DATA / "dri_us.yaml")["nutrients"]
    for key, entry in EFSA.items():
        nutrient = entry.get("nutrient", key)
        assert nutrient == EFSA_NUTRIENT.get(key, key), key
        assert nutrient in dri, key
        assert entry["label"] == dri[nutrient]["label"], key
        assert entry["unit"] == dri[nutrient]["unit"], key  # one unit per nutrient, whichever standard applies


def test_efsa_values_loader() -> None:
    adult = efsa_values("females-31-50y")
    assert sorted(adult) == sorted(n.key for n in NUTRIENTS)
    adult_column = next(title for title in COLUMNS if title.startswith("adults"))
    for nutrient in NUTRIENTS:
        assert adult[nutrient.key] == row_values(nutrient)[adult_column], nutrient.key
    assert all(value is None or isinstance(value, float) for value in adult.values())
    infant = efsa_values("infants-0-6m")
    vitamin_d = next(n for n in NUTRIENTS if n.key == "vitamin_d")
    assert infant["vitamin_d"] == row_values(vitamin_d)[COLUMNS[0]]
    with pytest.raises(KeyError):
        efsa_values("adults-19-50y")


def test_pregnant_or_lactating_minor_takes_her_age_band() -> None:
    """EFSA sets no pregnancy-specific UL: a pregnant 16-year-old takes the 15-17 y column, not the adult one, and
    no calcium UL (adults only); nicotinic acid, nicotinamide and copper ULs do not apply in pregnancy."""
    from calcguide.reference import standard_for
    from calcguide.regimen import Profile

    for pregnant, lactating in ((True, False), (False, True)):
        values = standard_for(Profile(16, "female", pregnant, lactating), "efsa").values
        # efsa.md, 15-17 y column: vitamin A 2,600, zinc 22, vitamin E 260, boron 9, folate 800, B6 10.7
        uls = {n: values[n].ul for n in ("vitamin_a", "zinc", "vitamin_e", "boron", "folate", "vitamin_b6")}
        assert uls == {"vitamin_a": 2600, "zinc": 22, "vitamin_e": 260, "boron": 9, "folate": 800, "vitamin_b6": 10.7}
        assert (values["calcium"].ul, values["niacin"].ul, values["copper"].ul) == (None, None, None)
    adult = standard_for(Profile(30, "female", True, False), "efsa").values
    assert (adult["vitamin_a"].ul, adult["calcium"].ul, adult["copper"].ul) == (3000, 2500, None)
    # An 18-year-old is an adult in EFSA's tables.
    assert standard_for(Profile(18, "female", True, False), "efsa").values["calcium"].ul == 2500


@pytest.mark.parametrize("age_years", [17, 17 + 11 / 12])
def test_a_pregnant_17_year_old_takes_the_15_17_band_to_her_last_month(age_years: float) -> None:
    """17 y is 204 months, 17 y 11 m is 215: both below the adult band's 216 months (18 y), so no calcium UL (adults
    only) and the 15-17 y vitamin A UL of 2,600 mcg, not the adult 3,000."""
    from calcguide.reference import standard_for
    from calcguide.regimen import Profile

    values = standard_for(Profile(age_years, "female", True, False), "efsa").values
    assert (values["calcium"].ul, values["vitamin_a"].ul) == (None, 2600)
