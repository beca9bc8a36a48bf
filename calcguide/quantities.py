"""How amounts read in messages and tables: rounded as a label would state them, with IU for vitamin D."""

from __future__ import annotations

from .catalog import catalog


def number(value: float) -> str:
    """A readable amount: whole numbers from 100 up (with thousands separators), else up to 2 decimals."""
    if abs(value) >= 100:
        return f"{round(value):,}"
    if abs(value) >= 10:
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def vitamin_d_iu(mcg: float) -> float:
    return mcg / catalog().iu_factors["vitamin_d"].factor


def amount(value: float, unit: str, nutrient: str = "") -> str:
    """``125 mcg (5,000 IU)`` for vitamin D, ``1,200 mg`` otherwise."""
    text = f"{number(value)} {unit}"
    if nutrient == "vitamin_d":
        text += f" ({number(vitamin_d_iu(value))} IU)"
    return text


def lower_label(label: str) -> str:
    """ "Vitamin D" as it reads mid-sentence ("vitamin D"); other labels in lower case."""
    return label.replace("Vitamin", "vitamin") if label.startswith("Vitamin") else label.lower()
