"""How amounts read in messages and tables: rounded as a label would state them, with IU for vitamin D."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from .catalog import catalog


@lru_cache(maxsize=4096)  # a batch formats the same amounts over and over
def number(value: float) -> str:
    """A readable amount: whole numbers from 100 up (with thousands separators), else up to 2 decimals.

    Halves round up, as a label would (12.25 -> 12.3), not to even as Python's round() does.
    """
    places = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if places == 0:
        return f"{rounded:,f}"
    return f"{rounded:f}".rstrip("0").rstrip(".") or "0"


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
