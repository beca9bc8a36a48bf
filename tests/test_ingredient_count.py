"""Nothing the user wrote leaves the report unsaid: every ingredient line (every " + " part) of an accepted regimen
is counted in the totals, listed as unrecognised, or listed as not assessed.

The input side is counted without calcguide's parser, from the YAML as ``yaml.safe_load_all`` reads it.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import regimen_files

import calcguide
from calcguide import InputError
from calcguide.normalize import normalize


def _parts(text: object) -> int:
    return len(str(text).split(" + "))


def written_ingredients(document: dict[str, Any]) -> int:
    """Ingredient lines and " + " parts of one regimen document, as written."""
    items = document["items"]
    if isinstance(items, str):
        return _parts(items)
    count = 0
    for item in items:
        if isinstance(item, str):
            count += _parts(item)
        elif "product" in item:
            assert not isinstance(item["product"], dict), "a DSLD product: count its label rows instead"
            ingredients = item["ingredients"]
            for entry in ingredients if isinstance(ingredients, list) else [ingredients]:
                count += 1 if isinstance(entry, dict) else _parts(entry)
        elif "dose" in item:
            count += _parts(item["dose"])
        else:  # the long form: one ingredient
            count += 1
    return count


def reported_ingredients(regimen: calcguide.Regimen) -> int:
    """Ingredients the evaluation counts in its totals, lists as unrecognised, not assessed, or as medicines."""
    normalized = normalize(regimen)
    report = calcguide.evaluate(regimen)
    unrecognised = [f for f in report.findings if f.rule == "unrecognized-ingredient"]
    assert len(unrecognised) == len(normalized.unrecognized)  # each one is shown, not only kept
    medicines = len(normalized.medicines)  # active vitamin D drugs as items: listed, never counted as vitamin D
    return len(normalized.doses) + len(normalized.unrecognized) + len(report.not_assessed) + medicines


def _accepted_documents_of(module: Path) -> list[str]:
    """The YAML texts written in a test module that calcguide accepts (its error cases are left out)."""
    texts = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes):
            try:
                text = node.value.decode("utf-8") if isinstance(node.value, bytes) else node.value
            except UnicodeDecodeError:  # a case of bad bytes
                continue
            if "items:" not in text:
                continue
            try:
                regimens = calcguide.load_regimens(text, "case.yaml")
                for regimen in regimens:
                    calcguide.evaluate(regimen)
            except InputError:
                continue
            texts.append(text)
    return texts


ACCEPTED_INPUT_ERROR_CASES = _accepted_documents_of(Path(__file__).parent / "test_input_errors.py")

# Lines that once could lose an ingredient: label rows, dual units, %DV columns, " + " lines, unknown names.
LABEL_STYLE = """\
name: Label-style lines
items:
  - Vitamin D3 (as cholecalciferol) 25 mcg (1,000 IU) 125%
  - 100 mg ashwagandha root + 50 mcg (2,000 IU) vitamin D3 + Vitamin K2 (as MK-7) 100 mcg **
  - product: Bone formula
    servings: 2
    ingredients:
      - Calcium (as calcium carbonate) 600 mg 46%
      - Magnesium (as magnesium oxide) 100 mg 24% DV
      - 3 mg boron + 5 mg rhodiola
      - {ingredient: zinc, amount: 11 mg}
  - {dose: Vitamin E 15 mg (22 IU) + 2 mg elderberry extract, frequency: weekly}
  - ingredient: MK-4
    amount: 500 mcg
"""


def test_the_accepted_cases_of_the_input_error_module_are_found() -> None:
    # the good companion file, the multi-document file's good documents, UTF-16, the two files of the last test
    assert len(ACCEPTED_INPUT_ERROR_CASES) >= 4


@pytest.mark.parametrize(
    "text",
    [
        *(path.read_text(encoding="utf-8") for path in regimen_files()),
        *ACCEPTED_INPUT_ERROR_CASES,
        LABEL_STYLE,
    ],
    ids=[
        *(path.stem for path in regimen_files()),
        *(f"input-errors-{n}" for n in range(len(ACCEPTED_INPUT_ERROR_CASES))),
        "label-style",
    ],
)
def test_every_written_ingredient_is_counted_or_listed(text: str) -> None:
    documents = [document for document in yaml.safe_load_all(text) if document is not None]
    regimens = calcguide.load_regimens(text, "case.yaml")
    assert len(regimens) == len(documents)
    for document, regimen in zip(documents, regimens, strict=True):
        assert reported_ingredients(regimen) == written_ingredients(document)


def test_the_label_style_count_by_hand() -> None:
    (document,) = yaml.safe_load_all(LABEL_STYLE)
    assert written_ingredients(document) == 12  # 1 + 3 + (1 + 1 + 2 + 1) + 2 + 1
    (regimen,) = calcguide.load_regimens(LABEL_STYLE, "label.yaml")
    report = calcguide.evaluate(regimen)
    left_out = [u.name for u in normalize(regimen).unrecognized] + [n.name for n in report.not_assessed]
    assert sorted(left_out) == ["ashwagandha root", "elderberry extract", "rhodiola"]
