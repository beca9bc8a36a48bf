"""Supplement labels from the NIH ODS Dietary Supplement Label Database (DSLD) as regimen product items.

A DSLD label (``https://api.ods.od.nih.gov/dsld/v9/label/<id>``, or a file of the bulk download) lists its
Supplement Facts in ``ingredientRows``: each row has a ``name``, ``quantity`` entries (amount, ``unit``,
``operator``, ``dailyValueTargetGroup`` with the % DV, per ``servingSizeOrder``), the ``forms`` it is given as
("as Calcium Carbonate") and ``nestedRows`` for the parts of a blend. This module turns one label into the
product item a regimen file would hold, keeping only the rows calcguide can check and saying, in the label's
own words, why each other row was left out. No I/O: callers pass the parsed JSON.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from .catalog import Catalog, Ingredient, Salt, catalog
from .doses import parse_dose
from .errors import InputError, quote

__all__ = ["DsldError", "label_to_product", "product_yaml"]

# DSLD unit spellings (lower case, spaces folded) -> calcguide units.
_UNITS = {
    "iu": "IU",
    "mcg": "mcg",
    "µg": "mcg",
    "μg": "mcg",
    "ug": "mcg",
    "microgram(s)": "mcg",
    "mg": "mg",
    "milligram(s)": "mg",
    "g": "g",
    "gram(s)": "g",
    "mcg rae": "mcg RAE",
    "µg rae": "mcg RAE",
    "mcg dfe": "mcg DFE",
    "µg dfe": "mcg DFE",
}
_PERCENT_DV = {"% dv", "%dv", "%", "% daily value"}
_NOT_PRESENT = {"np", ""}
_SOURCE_PREFIXES = {"from", "with", "in"}  # "Iodine from Kelp": a source, not a chemical form


class DsldError(ValueError):
    """A label that is not DSLD label JSON, or that holds no ingredient calcguide checks."""


class _Amount(NamedTuple):
    quantity: float | None  # None when the label states no amount
    unit: str
    operator: str
    percent_dv: float | None


def _text(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str | int | float) else ""


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _format(value: float) -> str:
    """An amount as the dose grammar reads it: 1500, 12.75, 0.23 (never 1e+06 or 1500.0)."""
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _rows(rows: object) -> Iterator[Mapping[str, Any]]:
    """Every row, depth first: a blend's nested rows follow the blend."""
    if not isinstance(rows, list):
        return
    for row in rows:
        if isinstance(row, Mapping):
            yield row
            yield from _rows(row.get("nestedRows"))


def _amount(row: Mapping[str, Any]) -> _Amount:
    """The amount per serving of the label's first serving size (``servingSizeOrder`` 1)."""
    entries = [entry for entry in row.get("quantity") or [] if isinstance(entry, Mapping)]
    if not entries:
        return _Amount(None, "", "=", None)
    entry = min(entries, key=lambda e: _number(e.get("servingSizeOrder")) or 1.0)
    percent = None
    for group in entry.get("dailyValueTargetGroup") or []:
        if isinstance(group, Mapping) and (value := _number(group.get("percent"))) is not None:
            percent = value
            break
    quantity = _number(entry.get("quantity"))
    unit = _text(entry.get("unit"))
    if unit.lower() in _NOT_PRESENT or quantity is None or quantity <= 0:
        quantity = None
    return _Amount(quantity, unit, _text(entry.get("operator")) or "=", percent)


def _words(name: str, amount: _Amount) -> str:
    """The row as the label states it: "Vitamin D3 125 mcg", "Vitamin C 833 % DV", "Total Fat < 1 Gram(s)"."""
    if amount.quantity is not None:
        operator = "" if amount.operator == "=" else f"{amount.operator} "
        return f"{name} {operator}{_format(amount.quantity)} {amount.unit}".strip()
    if amount.percent_dv is not None:
        return f"{name} {_format(amount.percent_dv)} % DV"
    return name


def _resolve(known: Catalog, thing: Ingredient, form: str) -> str | None:
    """What an "(as X)" form means for an ingredient: a more specific ingredient's id, "elemental" for a salt of
    the same mineral (US labels state the elemental amount), or None when calcguide does not know the form."""
    nutrient_label = known.nutrients[thing.nutrient].label
    for candidate in (known.ingredient(f"{nutrient_label} {form}"), known.ingredient(form)):
        if isinstance(candidate, Salt) and candidate.nutrient == thing.nutrient:
            return "elemental"
        if isinstance(candidate, Ingredient) and candidate.nutrient == thing.nutrient:
            return candidate.id
    return None


def _form(known: Catalog, thing: Ingredient, forms: object) -> tuple[str | None, list[str]]:
    """The form to write as "(as X)" and, when the label lists forms that mean different things, their names.

    Forms calcguide does not know are left out (the amount then counts as the nutrient's generic form, which
    is never the more lenient reading); sources ("from Kelp") are not forms.
    """
    chosen: dict[str, str] = {}  # meaning -> first form name with it
    for form in forms if isinstance(forms, list) else []:
        if not isinstance(form, Mapping) or _text(form.get("prefix")).lower() in _SOURCE_PREFIXES:
            continue
        name = _text(form.get("name"))
        meaning = _resolve(known, thing, name) if name else None
        if meaning is not None:
            chosen.setdefault(meaning, name)
    if len(chosen) == 1:
        return next(iter(chosen.values())), []
    return None, list(chosen.values())


def _unit_problem(known: Catalog, thing: Ingredient | Salt, unit: str) -> str | None:
    nutrient = known.nutrients[thing.nutrient]
    if unit == "IU" and (isinstance(thing, Salt) or thing.iu_form is None):
        return f"IU has no meaning for {thing.label}"
    if unit == "mcg RAE" and nutrient.unit != "mcg RAE":
        return f"mcg RAE is a unit of vitamin A, not of {thing.label}"
    if unit == "mcg DFE" and nutrient.unit != "mcg DFE":
        return f"mcg DFE is a unit of folate, not of {thing.label}"
    return None


def _product_name(label: Mapping[str, Any]) -> str:
    brand, full = _text(label.get("brandName")), _text(label.get("fullName"))
    name = full if not brand or full.lower().startswith(brand.lower()) else f"{brand} {full}"
    return name or f"DSLD label {_text(label.get('id'))}".strip()


def _check_label(label: object) -> Mapping[str, Any]:
    if not isinstance(label, Mapping) or not isinstance(label.get("ingredientRows"), list):
        raise DsldError("not a DSLD label: there is no 'ingredientRows' list")
    return label


def label_to_product(label: Mapping[str, Any], source: str) -> tuple[dict[str, Any], list[str]]:
    """One DSLD label as a regimen product item, and a warning for each row it could not (fully) use.

    The item is what a regimen file holds: ``{"product": name, "servings": 1, "ingredients": [...]}``, one
    dose string per row calcguide recognises ("125 mcg Vitamin D3 (as Cholecalciferol)"), per one label
    serving. Warnings quote the label, e.g. ``"Biotin 75 mcg": not a nutrient calcguide checks``.
    ``source`` names where the label came from; it is not read.
    """
    del source  # the item itself carries no source; product_yaml writes it as a comment
    known = catalog()
    checked = _check_label(label)
    doses: list[str] = []
    warnings: list[str] = []
    for row in _rows(checked.get("ingredientRows")):
        name = _text(row.get("name"))
        if not name:
            continue
        amount = _amount(row)
        words = f'"{_words(name, amount)}"'
        thing = known.ingredient(name)
        if thing is None:
            warnings.append(f"{words}: not a nutrient calcguide checks")
            continue
        if amount.quantity is None:
            reason = "a % Daily Value has no amount" if amount.percent_dv is not None else "the label states no amount"
            warnings.append(f"{words}: {reason}")
            continue
        unit = _UNITS.get(amount.unit.lower())
        if unit is None:
            if amount.unit.lower() in _PERCENT_DV:
                warnings.append(f"{words}: a % Daily Value has no amount")
            else:
                warnings.append(f"{words}: calcguide cannot read the unit {quote(amount.unit)}")
            continue
        if problem := _unit_problem(known, thing, unit):
            warnings.append(f"{words}: {problem}")
            continue
        dose = f"{_format(amount.quantity)} {unit} {name}"
        if isinstance(thing, Ingredient):
            form, mixed = _form(known, thing, row.get("forms"))
            if form:
                dose += f" (as {form})"
            elif mixed:
                warnings.append(f"{words}: a mix of forms ({', '.join(mixed)}); counted as {thing.label}")
        try:
            parse_dose(dose)
        except InputError as exc:
            warnings.append(f"{words}: cannot be written as a dose ({exc.message})")
            continue
        if amount.operator != "=":
            bound = f"{_format(amount.quantity)} {amount.unit}"
            warnings.append(f"{words}: the label gives a bound, not an amount; counted as {bound}")
        doses.append(dose)
    return {"product": _product_name(checked), "servings": 1, "ingredients": doses}, warnings


def _comment(text: str) -> str:
    return "# " + re.sub(r"[\x00-\x1f\x7f]+", " ", text).strip()


def _serving(label: Mapping[str, Any]) -> str:
    sizes = [size for size in label.get("servingSizes") or [] if isinstance(size, Mapping)]
    if not sizes:
        return ""
    size = min(sizes, key=lambda s: _number(s.get("order")) or 1.0)
    quantity, unit = _number(size.get("minQuantity")), _text(size.get("unit"))
    return f"one serving = {_format(quantity)} {unit}".strip() if quantity is not None and quantity > 0 else ""


def product_yaml(label: Mapping[str, Any], source: str) -> str:
    """The product item of ``label`` as regimen YAML (``- product: ...``), with comments naming the source and
    quoting each warning. Raises DsldError when no row is one calcguide checks."""
    item, warnings = label_to_product(label, source)
    if not item["ingredients"]:
        raise DsldError(f"{item['product']}: the label lists no ingredient calcguide checks")
    label_id = _text(label.get("id"))
    origin = f"Imported from {source}" + (f" (DSLD label {label_id})" if label_id else "")
    serving = _serving(label)
    lines = [_comment(origin + (f"; {serving}" if serving else ""))]
    lines += [_comment(f"note: {warning}") for warning in warnings]
    lines.append(f"- product: {json.dumps(item['product'], ensure_ascii=False)}")
    lines.append(f"  servings: {item['servings']}")
    lines.append("  ingredients:")
    lines += [f"    - {json.dumps(dose, ensure_ascii=False)}" for dose in item["ingredients"]]
    return "\n".join(lines) + "\n"
