"""Check calcguide/data/efsa.yaml against the EFSA sheet in tests/reference/efsa.md.

Every expected number is parsed from the markdown table; none is typed in here. The life-stage to EFSA-band
mapping is computed from the months in life_stages.yaml and the age bands in the sheet's column titles: a life
stage takes the lower of the ULs of the EFSA bands it overlaps (a band with no UL does not lift another's), and
pregnancy and lactation take the adult column, which the sheet says includes them.
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
Band = tuple[float, float]  # months, [from, to)


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
    cells: dict[str, str]  # column title -> cell


def sheet_nutrients() -> tuple[list[str], list[SheetNutrient]]:
    header, *rows = table_lines(SHEET.read_text(encoding="utf-8"))
    assert header[0] == "nutrient", f"efsa.md: first column is {header[0]!r}"
    columns = header[1:]
    nutrients = []
    for row in rows:
        assert len(row) == len(header), f"efsa.md: row {row[0]!r} has {len(row)} cells, header {len(header)}"
        label = row[0]
        unit_match = re.search(r"\(([^)]*)\)\s*$", label)
        unit = unit_match.group(1) if unit_match else None
        words = re.sub(r"\([^)]*\)", "", label).replace(",", " ").split()
        basis = "total"
        for qualifier in ("supplemental", "preformed"):
            if qualifier in words:
                basis = qualifier
                words.remove(qualifier)
        key = "_".join(word.lower() for word in words)
        nutrients.append(SheetNutrient(key, unit, basis, dict(zip(columns, row[1:], strict=True))))
    return columns, nutrients


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
    return {title: sheet_value(cell) for title, cell in nutrient.cells.items()}


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


STAGES = [
    Stage(entry["id"], entry["group"], (entry["from_months"], entry["to_months"]))
    for entry in load_yaml(DATA / "life_stages.yaml")["life_stages"]
]
COLUMNS, NUTRIENTS = sheet_nutrients()


def columns_for(stage: Stage) -> list[str]:
    """The sheet columns whose age band a life stage overlaps (pregnancy and lactation: the adult column)."""
    if stage.group in PREGNANCY_GROUPS:
        adult = [title for title in COLUMNS if title.startswith("adults")]
        assert len(adult) == 1 and stage.group in adult[0], f"efsa.md: no adult column naming {stage.group}"
        return adult
    low, high = stage.band
    return [title for title in COLUMNS if low < band_of(title)[1] and band_of(title)[0] < high]


def expected_ul(nutrient: SheetNutrient, stage: Stage) -> float | None:
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
    assert len(NUTRIENTS) == 9, [n.key for n in NUTRIENTS]
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
    assert len(by_id["pregnancy-14-18y"]) == 1 and by_id["pregnancy-14-18y"][0].startswith("adults")


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
    if nutrient.unit is None:  # "no UL" rows state no unit: the US table's unit applies
        assert entry["unit"] == load_yaml(DATA / "dri_us.yaml")["nutrients"][nutrient.key]["unit"]
    elif nutrient.unit == "mcg RE":  # preformed vitamin A: 1 mcg RE = 1 mcg retinol = 1 mcg RAE
        assert nutrient.basis == "preformed"
        assert entry["unit"] == "mcg RAE"
    else:
        assert entry["unit"] == nutrient.unit


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
    # The preamble of efsa.md names the opinions: vitamin D and calcium have their own, the rest the overview.
    url = entry["source"]["url"]
    if nutrient.key == "vitamin_d":
        assert url == "https://doi.org/10.2903/j.efsa.2012.2813"
        assert entry["infant_source"]["url"] == "https://doi.org/10.2903/j.efsa.2018.5365"
    elif nutrient.key == "calcium":
        assert url == "https://doi.org/10.2903/j.efsa.2012.2814"
    else:
        assert "Overview on Tolerable Upper Intake Levels" in entry["source"]["title"]
        assert url.startswith("https://www.efsa.europa.eu/")


def test_labels_and_units_agree_with_the_us_table() -> None:
    dri = load_yaml(DATA / "dri_us.yaml")["nutrients"]
    for key, entry in EFSA.items():
        assert key in dri, key
        assert entry["label"] == dri[key]["label"], key
        assert entry["unit"] == dri[key]["unit"], key  # one unit per nutrient, whichever standard applies


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
