"""A Regimen back to YAML text, for amended regimens (``calcguide suggest --write``) and label imports."""

from __future__ import annotations

from typing import Any

import yaml

from .doses import DoseText
from .regimen import Item, Regimen


def dose_text(dose: DoseText) -> str:
    """The dose as a string calcguide reads back to the same dose (without its frequency)."""
    form = f" (as {dose.form})" if dose.form else ""
    alternate = f" ({dose.alternate[0]:g} {dose.alternate[1]})" if dose.alternate else ""
    folic = f" ({dose.folic_acid_mcg:g} mcg folic acid)" if dose.folic_acid_mcg is not None else ""
    return f"{dose.amount:g} {dose.unit}{alternate} {dose.name}{form}{folic}"


def _plain(value: float) -> int | float:
    """45.0 -> 45, so the YAML reads as a person would write it."""
    return int(value) if float(value).is_integer() else value


def _age(years: float) -> int | float | str:
    """An age as it reads back to the same life stage: "7 months" for infants, whole or exact years otherwise."""
    months = years * 12
    if years < 2 and abs(months - round(months)) < 1e-6:
        return f"{round(months)} months"
    return _plain(round(years, 9))


def _flags(item: Item) -> dict[str, Any]:
    """The item keys that say how it is taken (prescribed, new, purpose), where the regimen stated them."""
    flags = {"prescribed": item.prescribed, "new": item.new, "purpose": item.purpose}
    return {key: value for key, value in flags.items() if value is not None}


def _item(item: Item) -> str | dict[str, Any]:
    if not item.is_product and len(item.doses) == 1:
        text = dose_text(item.doses[0].dose)
        if item.servings == 1 and item.frequency.text == "daily" and not _flags(item):
            return text
        entry: dict[str, Any] = {"dose": text}
        if item.servings != 1:
            entry["servings"] = _plain(item.servings)
        if item.frequency.text != "daily":
            entry["frequency"] = item.frequency.text
        return {**entry, **_flags(item)}
    product: dict[str, Any] = {"product": item.label}
    if item.servings != 1:
        product["servings"] = _plain(item.servings)
    if item.frequency.text != "daily":
        product["frequency"] = item.frequency.text
    product.update(_flags(item))
    product["ingredients"] = [dose_text(dose.dose) for dose in item.doses]
    return product


def regimen_data(regimen: Regimen) -> dict[str, Any]:
    """The regimen as plain data in the regimen file format (only what differs from the defaults)."""
    data: dict[str, Any] = {"name": regimen.name}
    profile = regimen.profile
    fields: dict[str, Any] = {
        "age": None if profile.age_years is None else _age(profile.age_years),
        "sex": profile.sex,
        "pregnant": profile.pregnant or None,
        "lactating": profile.lactating or None,
        "smoker": profile.smoker or None,
        "medications": list(profile.medications) or None,
        "conditions": list(profile.conditions) or None,
        "diet": {d.nutrient: f"{d.amount:g} {d.unit}" for d in profile.diet} or None,
    }
    kept = {key: value for key, value in fields.items() if value is not None}
    if kept:
        data["profile"] = kept
    data["items"] = [_item(item) for item in regimen.items]
    if regimen.ignored:
        data["ignore"] = [{"rule": entry.rule, "reason": entry.reason} for entry in regimen.ignored]
    return data


def regimen_yaml(regimen: Regimen, comment: str = "") -> str:
    header = "".join(f"# {line}\n" for line in comment.splitlines())
    body = yaml.safe_dump(regimen_data(regimen), sort_keys=False, allow_unicode=True, width=100)
    return header + body
