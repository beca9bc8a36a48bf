"""Regimen items from DSLD label files (`product: {dsld: ...}`) and `calcguide import dsld`, through the CLI and API.

The synthetic label (tests/fixtures/dsld/synthetic-d3-k2.json) has, per softgel: vitamin D3 125 mcg (as
cholecalciferol), vitamin K2 100 mcg (as menaquinone-7) and 500 µg (as menatetrenone), calcium 0.2 g (as calcium
citrate: an elemental amount), vitamin E 15 IU (as dl-alpha-tocopheryl acetate: synthetic, 0.45 mg per IU),
zinc 50 % DV (no amount), magnesium 400 IU (IU of a mineral), total fat < 1 g, phosphorus < 5 mg.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, Cli

import calcguide
from calcguide.batch import label_reader

FIXTURES = REPO / "tests" / "fixtures" / "dsld"
SYNTHETIC = "synthetic-d3-k2.json"
PRODUCT = "Example Vitamin D3 + K2 (synthetic test label)"
WARNINGS = [
    '"Zinc 50 % DV": a % Daily Value has no amount',
    '"Magnesium 400 IU": IU has no meaning for magnesium',
    '"Total Fat < 1 Gram(s)": not a nutrient calcguide checks',
    '"Phosphorus < 5 mg": the label gives a bound, not an amount; counted as 5 mg',
]


def regimen_text(label: str, extra: str = "", servings: int = 2) -> str:
    return (
        "name: Label test\n"
        "profile: {age: 40, sex: female}\n"
        "items:\n"
        f"  - product: {{dsld: labels/{label}, servings: {servings}}}\n"
        f"{extra}"
    )


@pytest.fixture
def labels(tmp_path: Path) -> Path:
    folder = tmp_path / "labels"
    folder.mkdir()
    shutil.copy(FIXTURES / SYNTHETIC, folder / SYNTHETIC)
    return folder


def check(cli: Cli, tmp_path: Path, text: str, code: int) -> tuple[dict[str, Any], str]:
    (tmp_path / "regimen.yaml").write_text(text, encoding="utf-8")
    result = cli("check", "--format", "json", "regimen.yaml")
    assert result.exit_code == code, result.stderr
    (report,) = json.loads(result.stdout)
    return report, result.stderr


def per_day(report: dict[str, Any]) -> dict[str, float]:
    return {t["nutrient"]: t["amount_per_day"] for t in report["totals"]}


def test_two_servings_of_a_label(cli: Cli, tmp_path: Path, labels: Path) -> None:
    report, _ = check(cli, tmp_path, regimen_text(SYNTHETIC), code=1)
    # Two softgels a day:
    #   vitamin D: 2 x 125 = 250 mcg;  vitamin K: 2 x (100 + 500) = 1,200 mcg;  calcium: 2 x 200 = 400 mg;
    #   vitamin E: 2 x 15 IU x 0.45 = 13.5 mg;  phosphorus: 2 x 5 = 10 mg (the "< 5 mg" bound, counted as 5).
    assert per_day(report) == {
        "vitamin_d": 250.0,
        "vitamin_k": 1200.0,
        "calcium": 400.0,
        "vitamin_e": 13.5,
        "phosphorus": 10.0,
    }
    assert all(t["sources"] == [PRODUCT] for t in report["totals"])
    # Vitamin D 250 / 100 = 250 %: an error (>= 2 x the UL); the K2 (1,200 mcg) answers d-without-k2 and the ratio.
    assert [(f["rule"], f["severity"], f["message"]) for f in report["findings"]] == [
        (
            "above-ul",
            "error",
            "Vitamin D totals 250 mcg (10,000 IU) a day, 250% of the UL of 100 mcg (4,000 IU) for Females 31-50 years.",
        )
    ]
    percents = {t["nutrient"]: t["percent_ul"] for t in report["totals"]}
    # calcium 400 / 2,500 = 16 %, phosphorus 10 / 4,000 = 0.25 %, K no UL; vitamin E toward the UL counts synthetic
    # (dl-alpha) at 1,000 / 1,100 mg per IU: 2 x 15 x 0.90909 = 27.27 mg, 27.27 / 1,000 = 2.7273 %.
    assert percents == {"vitamin_d": 250.0, "vitamin_k": None, "calcium": 16.0, "vitamin_e": 2.7273, "phosphorus": 0.25}


def test_label_warnings_become_notes_named_after_the_product(cli: Cli, tmp_path: Path, labels: Path) -> None:
    report, _ = check(cli, tmp_path, regimen_text(SYNTHETIC), code=1)
    assert report["notes"] == [f"{PRODUCT}: {warning}" for warning in WARNINGS]


def test_frequency_and_servings_next_to_the_product(cli: Cli, tmp_path: Path, labels: Path) -> None:
    text = regimen_text(SYNTHETIC, "    frequency: every other day\n", servings=1)
    report, _ = check(cli, tmp_path, text, code=0)
    # One softgel every other day: half of each per-serving amount a day. D 125 / 2 = 62.5 mcg (62.5 % of the UL).
    assert per_day(report) == {
        "vitamin_d": 62.5,
        "vitamin_k": 300.0,
        "calcium": 100.0,
        "vitamin_e": 3.375,
        "phosphorus": 2.5,
    }
    assert report["findings"] == []


def test_a_label_next_to_other_items(cli: Cli, tmp_path: Path, labels: Path) -> None:
    text = regimen_text(SYNTHETIC, "  - 1000 IU D3\n", servings=1)
    report, _ = check(cli, tmp_path, text, code=0)
    d = next(t for t in report["totals"] if t["nutrient"] == "vitamin_d")
    # 125 + 1,000 / 40 = 150 mcg from two items.
    assert (d["amount_per_day"], d["sources"]) == (150.0, [PRODUCT, "1000 IU D3"])
    assert [(f["rule"], f["nutrient"], f["severity"]) for f in report["findings"]] == [
        ("above-ul", "vitamin_d", "warning"),
        ("duplicate-source", "vitamin_d", "info"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "stderr"),
    [
        (
            "missing.json",
            None,
            "regimen.yaml:4:21: DSLD label labels/missing.json cannot be read (No such file or directory); "
            "check the path\n",
        ),
        (
            "bad.json",
            "{bad",
            "regimen.yaml:4:21: DSLD label labels/bad.json is not valid JSON (Expecting property name enclosed in "
            "double quotes: line 1 column 2 (char 1)); save the label JSON as the API gives it\n",
        ),
        (
            "array.json",
            "[1, 2]",
            "regimen.yaml:4:21: DSLD label labels/array.json is not a JSON object; save the label JSON as the API "
            "gives it\n",
        ),
        (
            "other.json",
            '{"id": 1, "fullName": "Not a label"}',
            "regimen.yaml:4:14: DSLD label labels/other.json: not a DSLD label: there is no 'ingredientRows' list; "
            "give a label JSON as the DSLD API returns it\n",
        ),
    ],
)
def test_unreadable_labels_are_input_errors(
    cli: Cli, tmp_path: Path, labels: Path, name: str, content: str | None, stderr: str
) -> None:
    if content is not None:
        (labels / name).write_text(content, encoding="utf-8")
    # Column 21 is the path after "dsld: "; column 14 the "{" of the product mapping.
    report, err = check(cli, tmp_path, regimen_text(name), code=2)
    assert err == stderr
    assert report["error"]["text"] == stderr.rstrip("\n")
    assert report["error"]["line"] == 4
    assert report["totals"] == [] and report["findings"] == []


def test_a_label_with_nothing_calcguide_checks(cli: Cli, tmp_path: Path, labels: Path) -> None:
    label = json.loads((FIXTURES / SYNTHETIC).read_text(encoding="utf-8"))
    label["ingredientRows"] = [row for row in label["ingredientRows"] if row["name"] == "Total Fat"]
    (labels / "fat.json").write_text(json.dumps(label), encoding="utf-8")
    _, err = check(cli, tmp_path, regimen_text("fat.json"), code=2)
    assert (
        err
        == "regimen.yaml:4:14: DSLD label labels/fat.json lists no ingredient calcguide checks; check the label file\n"
    )


def test_labels_are_read_relative_to_the_regimen_file(cli: Cli, tmp_path: Path, labels: Path) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "regimen.yaml").write_text(regimen_text(SYNTHETIC), encoding="utf-8")
    # sub/labels does not exist: the label next to the working directory is not used.
    result = cli("check", "--format", "json", "sub/regimen.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "sub/regimen.yaml:4:21: DSLD label labels/synthetic-d3-k2.json cannot be read (No such file or directory); "
        "check the path\n"
    )
    shutil.copytree(labels, sub / "labels")
    result = cli("check", "--format", "json", "sub/regimen.yaml")
    assert result.exit_code == 1, result.stderr
    assert per_day(json.loads(result.stdout)[0])["vitamin_d"] == 250.0


# The Python API


def test_load_regimens_without_labels_is_an_input_error() -> None:
    with pytest.raises(calcguide.InputError) as raised:
        calcguide.load_regimens(regimen_text(SYNTHETIC), "test.yaml")
    error = raised.value
    assert str(error) == (
        "test.yaml:4:14: DSLD labels are read by the calcguide command; pass labels= to load_regimens"
    )
    assert error.text == "DSLD labels are read by the calcguide command; pass labels= to load_regimens"
    assert error.location is not None and (error.location.line, error.location.column) == (4, 14)


def test_load_regimens_with_a_label_reader(tmp_path: Path, labels: Path) -> None:
    (regimen,) = calcguide.load_regimens(regimen_text(SYNTHETIC), "test.yaml", labels=label_reader(str(tmp_path)))
    (item,) = regimen.items
    assert (item.label, item.servings, item.is_product) == (PRODUCT, 2.0, True)
    assert [dose.dose.text for dose in item.doses] == [
        "125 mcg Vitamin D3 (as Cholecalciferol)",
        "100 mcg Vitamin K2 (as Menaquinone-7)",
        "500 mcg Vitamin K2 (as Menatetrenone)",
        "0.2 g Calcium (as Calcium Citrate)",
        "15 IU Vitamin E (as dl-Alpha-Tocopheryl Acetate)",
        "5 mg Phosphorus",
    ]
    assert list(regimen.notes) == [f"{PRODUCT}: {warning}" for warning in WARNINGS]
    report = calcguide.evaluate(regimen)
    assert {t.nutrient: t.amount_per_day for t in report.totals}["vitamin_k"] == 1200.0


# calcguide import dsld

IMPORTED = f"""\
# Imported from tests/fixtures/dsld/synthetic-d3-k2.json; one serving = 1 Softgel(s)
# note: {WARNINGS[0]}
# note: {WARNINGS[1]}
# note: {WARNINGS[2]}
# note: {WARNINGS[3]}
- product: "{PRODUCT}"
  servings: 1
  ingredients:
    - "125 mcg Vitamin D3 (as Cholecalciferol)"
    - "100 mcg Vitamin K2 (as Menaquinone-7)"
    - "500 mcg Vitamin K2 (as Menatetrenone)"
    - "0.2 g Calcium (as Calcium Citrate)"
    - "15 IU Vitamin E (as dl-Alpha-Tocopheryl Acetate)"
    - "5 mg Phosphorus"
"""


@pytest.fixture
def repo_cli() -> Cli:
    """The CLI run from the repository root, so the fixture path reads as in the README."""
    return Cli(REPO)


def test_import_dsld_prints_the_product_item(repo_cli: Cli) -> None:
    result = repo_cli("import", "dsld", "tests/fixtures/dsld/synthetic-d3-k2.json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == IMPORTED
    assert result.stderr == ""


def test_imported_item_checks_like_the_label(cli: Cli, tmp_path: Path, labels: Path, repo_cli: Cli) -> None:
    imported = repo_cli("import", "dsld", "tests/fixtures/dsld/synthetic-d3-k2.json").stdout
    item = "".join("  " + line + "\n" for line in imported.splitlines()).replace("servings: 1", "servings: 2")
    report, _ = check(cli, tmp_path, "name: Label test\nprofile: {age: 40, sex: female}\nitems:\n" + item, code=1)
    assert per_day(report) == {
        "vitamin_d": 250.0,
        "vitamin_k": 1200.0,
        "calcium": 400.0,
        "vitamin_e": 13.5,
        "phosphorus": 10.0,
    }


def test_import_dsld_missing_label(cli: Cli) -> None:
    result = cli("import", "dsld", "nope.json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "nope.json: cannot be read (No such file or directory); check the path\n"


def test_import_dsld_other_json(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text('{"id": 1}', encoding="utf-8")
    (tmp_path / "bad.json").write_text("{bad", encoding="utf-8")
    result = cli("import", "dsld", "other.json", "bad.json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "other.json: not a DSLD label: there is no 'ingredientRows' list; give a label JSON as the DSLD API returns it\n"
        "bad.json: is not valid JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1)); "
        "save the label JSON as the API gives it\n"
    )


def test_import_dsld_goes_on_after_a_bad_label(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    shutil.copy(FIXTURES / SYNTHETIC, tmp_path / "good.json")
    result = cli("import", "dsld", "missing.json", "good.json")
    assert result.exit_code == 2
    assert result.stderr == "missing.json: cannot be read (No such file or directory); check the path\n"
    assert result.stdout == IMPORTED.replace("tests/fixtures/dsld/synthetic-d3-k2.json", "good.json")
