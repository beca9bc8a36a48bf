"""The dose-string grammar: "5000 IU D3", "600 mg calcium (as carbonate)", "50,000 IU D2 weekly", "a + b"."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import NamedTuple

from .catalog import suggest
from .errors import InputError, Location, quote

DAYS_PER_YEAR = 365.25
DAYS_PER_MONTH = DAYS_PER_YEAR / 12
MAX_AMOUNT = 1e9  # no label states more than this of anything in any unit: larger is a typo or an attack

UNITS = {
    "iu": "IU",
    "i.u.": "IU",
    "mcg": "mcg",
    "µg": "mcg",
    "ug": "mcg",
    "microgram": "mcg",
    "micrograms": "mcg",
    "mcg rae": "mcg RAE",
    "mcg dfe": "mcg DFE",
    "µg dfe": "mcg DFE",
    "ug dfe": "mcg DFE",
    "µg rae": "mcg RAE",
    "ug rae": "mcg RAE",
    "mg": "mg",
    "milligram": "mg",
    "milligrams": "mg",
    "mg elemental": "mg elemental",
    "g": "g",
    "gram": "g",
    "grams": "g",
}
UNIT_NAMES = ("IU", "mcg", "µg", "ug", "mg", "g", "mcg RAE", "mcg DFE", "mg elemental")

_WORD_NUMBERS = {
    "once": 1, "one": 1, "twice": 2, "two": 2, "thrice": 3, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_PERIOD_DAYS = {"day": 1.0, "week": 7.0, "month": DAYS_PER_MONTH, "year": DAYS_PER_YEAR}
_ADVERB_PERIOD = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year"}
_COUNT = r"(?P<count>\d+|" + "|".join(_WORD_NUMBERS) + r")"
_EVERY_N = r"(?P<n>\d+(?:\.\d+)?|\.\d+|" + "|".join(_WORD_NUMBERS) + r")"  # "1.2.3" or "." is no number
_TIMES = _COUNT + r"(?:\s*(?:x|times?))?"
_PER = r"(?:(?P<adverb>daily|weekly|monthly|yearly|annually)|(?:a|per|each|every)\s+(?P<unit>day|week|month|year))"
_FREQUENCY_FORMS = (
    re.compile(r"^(?:(?:once\s+)?(?P<adverb>daily|weekly|monthly|yearly|annually))$"),
    re.compile(r"^(?:once\s+)?(?:a|per|each|every)\s+(?P<unit>day|week|month|year)$"),
    re.compile(r"^" + _TIMES + r"\s+" + _PER + r"$"),
    re.compile(r"^every\s+other\s+(?P<other>day|week|month|year)$"),
    re.compile(r"^(?:once\s+)?every\s+" + _EVERY_N + r"\s+(?P<unit>day|week|month|year)s?$"),
)
_TIMES_EVERY = re.compile(r"^" + _TIMES + r"\s+every\s+(?P<n>\d+(?:\.\d+)?)\s+(?P<unit>day|week|month|year)s?$")
_ABBREVIATIONS = {"qd": "daily", "od": "daily", "bid": "twice daily", "tid": "3 times daily", "qid": "4 times daily"}


class Frequency(NamedTuple):
    """How often an intake happens: ``intakes`` times every ``period_days`` days."""

    text: str
    intakes: int
    period_days: float

    @property
    def per_day(self) -> float:
        return self.intakes / self.period_days


DAILY = Frequency("daily", 1, 1.0)


def _count(word: str) -> int:
    return _WORD_NUMBERS[word] if word in _WORD_NUMBERS else int(word)


def _describe(intakes: int, period: str, every: float = 1) -> str:
    if every != 1:
        return f"every {every:g} {period}s"
    adverb = {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}[period]
    if intakes == 1:
        return adverb
    return f"twice {adverb}" if intakes == 2 else f"{intakes} times {adverb}"


def parse_frequency(text: str, location: Location | None = None) -> Frequency | None:
    """The frequency ``text`` names, or None when it is not a frequency phrase at all.

    Raises InputError for a frequency that cannot happen, such as "every 0 days" or "0 times daily".
    """
    phrase = " ".join(text.lower().replace("-", " ").split())
    phrase = _ABBREVIATIONS.get(phrase, phrase)
    spread = _TIMES_EVERY.match(phrase)
    if spread is not None:  # "2 times every 3 days": several intakes in a period of several days
        intakes, every = _count(spread["count"]), float(spread["n"])
        if intakes < 1 or intakes > 100 or every <= 0 or every > 3650:
            raise InputError(f"frequency {quote(text)} has no meaning", "write e.g. '2 times every 3 days'", location)
        period = spread["unit"]
        return Frequency(f"{intakes} times every {every:g} {period}s", intakes, every * _PERIOD_DAYS[period])
    for form in _FREQUENCY_FORMS:
        match = form.match(phrase)
        if match is None:
            continue
        parts = match.groupdict()
        if parts.get("other"):
            period = parts["other"]
            return Frequency(f"every other {period}", 1, 2 * _PERIOD_DAYS[period])
        period = _ADVERB_PERIOD[parts["adverb"]] if parts.get("adverb") else parts["unit"]
        if parts.get("n"):
            word = parts["n"]
            every = float(_count(word)) if word in _WORD_NUMBERS else float(word)
            if not math.isfinite(every) or every <= 0 or every > 3650:
                raise InputError(
                    f"frequency {quote(text)} has no meaning",
                    f"say how many {period}s apart, e.g. 'every 2 {period}s'",
                    location,
                )
            return Frequency(_describe(1, period, every), 1, every * _PERIOD_DAYS[period])
        intakes = _count(parts["count"]) if parts.get("count") else 1
        if intakes < 1 or intakes > 100:
            raise InputError(
                f"frequency {quote(text)} has no meaning", "give a count from 1 to 100, e.g. 'twice daily'", location
            )
        return Frequency(_describe(intakes, period), intakes, _PERIOD_DAYS[period])
    return None


def require_frequency(text: str, location: Location | None) -> Frequency:
    """Like parse_frequency, but an unknown phrase is an input error with examples."""
    frequency = parse_frequency(text, location)
    if frequency is None:
        raise InputError(
            f"unknown frequency {quote(text)}",
            "use daily, twice daily, N times daily, every other day, every N days, weekly, N times weekly, "
            "monthly or yearly",
            location,
        )
    return frequency


_NUMBER = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?"
_DOSE = re.compile(
    r"^\s*(?P<amount>" + _NUMBER + r")\s*(?P<unit>[^\W\d_][\w.]*(?:\s+(?:rae|dfe|elemental)\b)?)\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_LEADING_NUMBER = re.compile(r"^\s*[-+]?(?:\d|\.\d)")
_PAREN = re.compile(r"^(?P<name>[^()]*?)\s*\(\s*(?:as\s+)?(?P<form>[^()]*?)\s*\)$", re.IGNORECASE)


class DoseText(NamedTuple):
    """One dose as written: amount and unit, the ingredient's name, an optional "(as ...)" form and frequency."""

    text: str
    amount: float
    unit: str
    name: str
    form: str | None
    frequency: Frequency | None
    alternate: tuple[float, str] | None = None  # the same dose in another unit: "50 mcg (2,000 IU)"
    folic_acid_mcg: float | None = None  # "667 mcg DFE (400 mcg folic acid)": the part the folate UL counts


def parse_amount(text: str, what: str, location: Location | None) -> float:
    """A positive, finite, plausible number from text such as "5000", "50,000" or "2.5"."""
    cleaned = text.strip()
    if not re.fullmatch(_NUMBER, cleaned):
        raise InputError(f"{what} {quote(text)} is not a number", "write digits, e.g. 5000 or 2.5", location)
    return check_amount(float(cleaned.replace(",", "")), what, location)


def check_amount(value: float, what: str, location: Location | None) -> float:
    if math.isnan(value) or math.isinf(value):
        raise InputError(f"{what} must be a finite number", "write digits, e.g. 5000 or 2.5", location)
    if value <= 0:
        raise InputError(f"{what} must be more than 0 (got {value:g})", "remove the item or fix the amount", location)
    if value > MAX_AMOUNT:
        raise InputError(f"{what} {value:g} is implausibly large", "check the amount and its unit", location)
    return value


def parse_unit(text: str, location: Location | None) -> str:
    unit = UNITS.get(" ".join(text.lower().split()))
    if unit is None:
        close = suggest(text, UNIT_NAMES)
        hint = f"did you mean '{close}'?" if close else "use IU, mcg, mg, g, mcg RAE or mg elemental"
        raise InputError(f"unknown unit {quote(text)}", hint, location)
    return unit


def split_doses(text: str) -> list[str]:
    """The parts of "5000 IU D3 + 100 mcg MK-7": each is one item, taken as its own dose."""
    return [part.strip() for part in text.split("+")]


def parse_dose(text: str, location: Location | None = None) -> DoseText:
    """Parse one dose such as "600 mg calcium (as carbonate) twice daily"."""
    try:
        return _parse_dose(" ".join(text.split()))
    except InputError as exc:
        raise exc.located(location) from None


@lru_cache(maxsize=4096)  # the same dose strings recur across a catalogue; errors are not cached
def _parse_dose(stripped: str) -> DoseText:
    location = None  # errors are located by parse_dose, which knows where the text came from
    if not stripped:
        raise InputError("empty dose", "write an amount, a unit and an ingredient, e.g. '5000 IU D3'", location)
    match = _DOSE.match(stripped)
    if match is None:
        if _LEADING_NUMBER.match(stripped):
            if stripped.lstrip().startswith("-"):
                raise InputError(
                    f"dose {quote(stripped)} has a negative amount", "amounts must be more than 0", location
                )
            raise InputError(
                f"dose {quote(stripped)} has no unit after the amount",
                "write e.g. '5000 IU D3' or '100 mcg MK-7'",
                location,
            )
        raise InputError(
            f"dose {quote(stripped)} does not start with an amount",
            "write e.g. '5000 IU D3' or '100 mcg MK-7'",
            location,
        )
    amount = parse_amount(match["amount"], "amount", location)
    unit = parse_unit(match["unit"], location)
    words = match["rest"].split()
    frequency = None
    for size in range(min(5, len(words) - 1), 0, -1):
        frequency = parse_frequency(" ".join(words[-size:]), location)
        if frequency is not None:
            words = words[:-size]
            break
    rest = " ".join(words).rstrip(",;")
    form = None
    paren = _PAREN.match(rest)
    if paren is not None:
        rest, form = paren["name"], paren["form"] or None
    if not rest or not re.search(r"[^\W_]", rest):
        raise InputError(
            f"dose {quote(stripped)} names no ingredient",
            "write the ingredient after the unit, e.g. '5000 IU D3'",
            location,
        )
    return DoseText(stripped, amount, unit, rest, form, frequency)
