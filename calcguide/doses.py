"""The dose-string grammar: "5000 IU D3", "600 mg calcium (as carbonate)", "50,000 IU D2 weekly", "a + b".

Doses are also read as a US Supplement Facts panel prints its rows, name first: "Vitamin D3 (as cholecalciferol)
25 mcg (1,000 IU) 125%", "Folate 667 mcg DFE (400 mcg folic acid)". A parenthesised amount in another unit is kept
as ``alternate`` (normalize checks that the two agree); the % Daily Value column and its "**"/"†" marks are read
and set aside. Words the grammar cannot place are an error, never part of a name that would quietly go uncounted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Final, NamedTuple

from .errors import InputError, Location, quote
from .names import suggest
from .records import record

DAYS_PER_YEAR: Final = 365.25
DAYS_PER_MONTH: Final = DAYS_PER_YEAR / 12
MAX_AMOUNT: Final = 1e9  # no label states more than this of anything in any unit: larger is a typo or an attack

UNITS: Final = {
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
UNIT_NAMES: Final = ("IU", "mcg", "µg", "ug", "mg", "g", "mcg RAE", "mcg DFE", "mg elemental")

_WORD_NUMBERS: Final = {
    "once": 1, "one": 1, "twice": 2, "two": 2, "thrice": 3, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_PERIOD_DAYS: Final = {"day": 1.0, "week": 7.0, "month": DAYS_PER_MONTH, "year": DAYS_PER_YEAR}
_ADVERB_PERIOD: Final = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year"}
_COUNT: Final = r"(?P<count>\d+|" + "|".join(_WORD_NUMBERS) + r")"
_EVERY_N: Final = r"(?P<n>\d+(?:\.\d+)?|\.\d+|" + "|".join(_WORD_NUMBERS) + r")"  # "1.2.3" or "." is no number
_TIMES: Final = _COUNT + r"(?:\s*(?:x|times?))?"
_PER: Final = (
    r"(?:(?P<adverb>daily|weekly|monthly|yearly|annually)|(?:a|per|each|every)\s+(?P<unit>day|week|month|year))"
)
_FREQUENCY_FORMS: Final = (
    re.compile(r"^(?:(?:once\s+)?(?P<adverb>daily|weekly|monthly|yearly|annually))$"),
    re.compile(r"^(?:once\s+)?(?:a|per|each|every)\s+(?P<unit>day|week|month|year)$"),
    re.compile(r"^" + _TIMES + r"\s+" + _PER + r"$"),
    re.compile(r"^every\s+other\s+(?P<other>day|week|month|year)$"),
    re.compile(r"^(?:once\s+)?every\s+" + _EVERY_N + r"\s+(?P<unit>day|week|month|year)s?$"),
)
_TIMES_EVERY: Final = re.compile(r"^" + _TIMES + r"\s+every\s+(?P<n>\d+(?:\.\d+)?)\s+(?P<unit>day|week|month|year)s?$")
_ABBREVIATIONS: Final = {
    "qd": "daily",
    "od": "daily",
    "bid": "twice daily",
    "tid": "3 times daily",
    "qid": "4 times daily",
}
# The words a frequency phrase can end with (each form above ends with one, or is an abbreviation): a phrase that
# ends otherwise is no frequency, and is turned away before any of the patterns is tried.
_LAST_WORDS: Final = frozenset(
    [*_ADVERB_PERIOD, *_PERIOD_DAYS, *(f"{period}s" for period in _PERIOD_DAYS), *_ABBREVIATIONS]
)


class Frequency(NamedTuple):
    """How often an intake happens: ``intakes`` times every ``period_days`` days."""

    text: str
    intakes: int
    period_days: float

    @property
    def per_day(self) -> float:
        return self.intakes / self.period_days


DAILY: Final = Frequency("daily", 1, 1.0)


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
    if phrase.rpartition(" ")[2] not in _LAST_WORDS:
        return None
    phrase = _ABBREVIATIONS.get(phrase, phrase)
    spread = _TIMES_EVERY.match(phrase)
    if spread is not None:  # "2 times every 3 days": several intakes in a period of several days
        intakes, every = _count(spread["count"]), float(spread["n"])
        if intakes < 1 or intakes > 100 or every <= 0 or every > 3650:
            raise InputError(f"frequency {quote(text)} has no meaning", "write e.g. '2 times every 3 days'", location)
        period = spread["unit"]
        text = _describe(1, period, every) if intakes == 1 else f"{intakes} times every {every:g} {period}s"
        return Frequency(text, intakes, every * _PERIOD_DAYS[period])
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


# Words of the frequency phrases, most specific first: a misspelt word is matched to the first closest one.
_FREQUENCY_VOCABULARY: Final = (
    "daily", "weekly", "monthly", "yearly", "annually", "twice", "thrice", "once", "times", "time", "every",
    "other", "each", "per", "days", "day", "weeks", "week", "months", "month", "years", "year",
    *(word for word in _WORD_NUMBERS if word not in ("once", "twice", "thrice")),
)  # fmt: skip


def _edits(a: str, b: str) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbouring letters."""
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], before[j - 2] + 1)
        before, previous = previous, row
    return previous[-1]


def _frequency_word(word: str) -> str:
    """``word``, or the frequency word it misspells: one edit away (two for words of 6 letters or more)."""
    if word in _FREQUENCY_VOCABULARY or not 3 <= len(word) <= 10 or not word.isalpha():
        return word  # longer than 10 letters is more than two edits from every frequency word
    closest = min(_FREQUENCY_VOCABULARY, key=lambda known: _edits(word, known))
    return closest if _edits(word, closest) <= (1 if len(word) < 6 else 2) else word


def _frequency_or_none(phrase: str) -> Frequency | None:
    try:
        return parse_frequency(phrase)
    except InputError:  # "every 0 days" is a frequency phrase, if not a possible one
        return None


def frequency_near(words: Sequence[str]) -> tuple[str, bool] | None:
    """A frequency phrase among ``words`` that calcguide could not place, for the hint of an error.

    Returns the phrase and whether it is a correction ("annualy" -> "annually", "twice a dya" -> "twice a day")
    rather than a frequency written where none can stand ("twice a day with food"); None when nothing is close.
    """
    written = [word.lower().strip(",;.") for word in words[:12]]  # a hint need not read a long text to its end
    fixed = [_frequency_word(word) for word in written]
    for start in range(len(fixed)):
        for end in range(min(len(fixed), start + 5), start, -1):
            if _frequency_or_none(" ".join(fixed[start:end])) is not None:
                return " ".join(fixed[start:end]), fixed[start:end] != written[start:end]
    return None


TWO_DOSES_HINT: Final = "this item seems to hold two doses; give each its own '- ' line"


def placement_hint(words: Sequence[str]) -> str | None:
    """What words calcguide could not place in a dose seem to be: a second dose, or a misspelt frequency."""
    if _second_amount(" ".join(words)) is not None:
        return TWO_DOSES_HINT
    near = frequency_near(words)
    if near is None:
        return None
    phrase, corrected = near
    return f"did you mean '{phrase}'?" if corrected else f"a frequency ends the dose: remove the words after '{phrase}'"


_NUMBER: Final = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?"
_UNIT_WORD: Final = r"[^\W\d_][\w.]*(?:\s+(?:rae|dfe|elemental)\b)?"
_DOSE: Final = re.compile(
    r"^\s*(?P<amount>" + _NUMBER + r")\s*(?P<unit>" + _UNIT_WORD + r")\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL
)
_AMOUNT_IN_TEXT: Final = re.compile(
    r"(?<!\S)(?P<amount>" + _NUMBER + r")\s*(?P<unit>" + _UNIT_WORD + r")", re.IGNORECASE
)
_DIGIT_OR_DOT: Final = re.compile(r"[\d.]")  # how a number starts (_NUMBER)
_WHOLE_NUMBER: Final = re.compile(_NUMBER)
_HAS_LETTER_OR_DIGIT: Final = re.compile(r"[^\W_]")
_LEADING_NUMBER: Final = re.compile(r"^\s*[-+]?(?:\d|\.\d)")
# "(2,000 IU)", "(400 mcg folic acid)", "(as 400 mcg folic acid)": the same dose in other words, not a form
_QUANTITY: Final = re.compile(
    r"^(?:as\s+)?(?P<amount>" + _NUMBER + r")\s*(?P<unit>" + _UNIT_WORD + r")(?P<folic>\s+folic\s+acid)?$",
    re.IGNORECASE,
)
_FIRST_PAREN: Final = re.compile(r"^\((?P<inner>[^()]*)\)\s*(?P<after>.*)$", re.DOTALL)
_LAST_PAREN: Final = re.compile(r"^(?P<before>.*?)\s*\((?P<inner>[^()]*)\)$", re.DOTALL)
_AS: Final = re.compile(r"^as\s+", re.IGNORECASE)
# The % Daily Value column ("625%", "46% DV", "<1%") and the marks of a value not established ("**", "†")
_PERCENT_DV: Final = re.compile(r"(?:<\s*)?" + _NUMBER + r"\s*%(?:\s*(?:DV|daily\s+value))?", re.IGNORECASE)
_MARKS: Final = " *†‡"
_NAME_SEPARATORS: Final = " :,-\u2013\u2014"  # "Vitamin D3: 25 mcg", "Vitamin D3 - 25 mcg" (and en and em dashes)
_MASS_IN_MCG: Final = {"mcg": 1.0, "mg": 1000.0, "g": 1_000_000.0}
FOLATE: Final = "folate"  # the name of a bare "mcg DFE" row: DFE is a unit of folate only


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
    if not _WHOLE_NUMBER.fullmatch(cleaned):
        raise InputError(f"{what} {quote(text)} is not a number", "write digits, e.g. 5000 or 2.5", location)
    return check_amount(float(cleaned.replace(",", "")), what, location)


def _matched_amount(text: str) -> float:
    """``parse_amount`` of a number a dose pattern matched (it is one: no need to match it again)."""
    return check_amount(float(text.replace(",", "")), "amount", None)


def check_amount(value: float, what: str, location: Location | None) -> float:
    if 0 < value <= MAX_AMOUNT:  # the usual amount (NaN fails both comparisons, infinity the second)
        return value
    if math.isnan(value) or math.isinf(value):
        raise InputError(f"{what} must be a finite number", "write digits, e.g. 5000 or 2.5", location)
    if value <= 0:
        raise InputError(f"{what} must be more than 0 (got {value:g})", "remove the item or fix the amount", location)
    if value > MAX_AMOUNT:
        raise InputError(f"{what} {value:g} is implausibly large", "check the amount and its unit", location)
    return value


# The per-wording caches below remember texts up to this length only: a label's wordings are short, and a hostile
# text (a 200,000-letter "unit") must not be kept, 4,096 times over, by a batch.
_REMEMBERED_LENGTH: Final = 200


def _known_unit(text: str) -> str | None:
    return _known_unit_remembered(text) if len(text) <= _REMEMBERED_LENGTH else _unit_named(text)


@lru_cache(maxsize=1024)  # the words after a number are mostly the few unit spellings
def _known_unit_remembered(text: str) -> str | None:
    return _unit_named(text)


def _unit_named(text: str) -> str | None:
    return UNITS.get(" ".join(text.lower().split()))


def parse_unit(text: str, location: Location | None) -> str:
    unit = _known_unit(text)
    if unit is None:
        close = suggest(text, UNIT_NAMES)
        hint = f"did you mean '{close}'?" if close else "use IU, mcg, mg, g, mcg RAE or mg elemental"
        raise InputError(f"unknown unit {quote(text)}", hint, location)
    return unit


def split_doses(text: str) -> list[str]:
    """The parts of "5000 IU D3 + 100 mcg MK-7": each is one item, taken as its own dose."""
    if "+" not in text:
        return [text.strip()]
    return [part.strip() for part in text.split("+")]


def parse_dose(text: str, location: Location | None = None) -> DoseText:
    """Parse one dose, amount first ("600 mg calcium (as carbonate) twice daily") or as a Supplement Facts row
    prints it ("Vitamin D3 (as cholecalciferol) 25 mcg (1,000 IU) 125%")."""
    stripped = " ".join(text.split())
    try:
        return _parse_dose(stripped) if len(stripped) <= _REMEMBERED_DOSE else _read_dose(stripped)
    except InputError as exc:
        raise exc.located(location) from None


def _first_number(text: str) -> int:
    """Where the first number that opens a word could stand in ``text`` (its length if none): no amount begins
    before it, and one cheap pattern finds it where the amount pattern would be tried at every character."""
    start = 0
    while found := _DIGIT_OR_DOT.search(text, start):
        start = found.start()
        if start == 0 or text[start - 1].isspace():  # as the amount pattern's (?<!\S) reads it
            return start
        start += 1
    return len(text)


def _amounts_outside_parentheses(text: str) -> Iterator[re.Match[str]]:
    """Each "<number> <unit-like word>" of ``text`` that stands outside parentheses, in order."""
    depth, seen = 0, 0
    for match in _AMOUNT_IN_TEXT.finditer(text, _first_number(text)):
        between = text[seen : match.start()]
        depth += between.count("(") - between.count(")")
        seen = match.start()
        if depth == 0:
            yield match


def _second_amount(text: str) -> str | None:
    """The first "<number> <unit>" outside parentheses in ``text`` ("100 mcg" in "D3 - 100 mcg MK-7")."""
    for match in _amounts_outside_parentheses(text):
        if _known_unit(match["unit"]) is not None:
            return match[0]
    return None


def _amount_in_row(text: str) -> re.Match[str] | None:
    """Where the amount of a name-first row ("Vitamin B12 (as methylcobalamin) 500 mcg") stands.

    The first number outside parentheses, after a space, followed by a unit calcguide knows: "B12" and "MK-7"
    hold digits but are names. Raises InputError for a number followed by a misspelt unit ("5000 IUs").
    """
    start = _first_number(text)  # the usual row: the first number, outside parentheses, with its unit
    first = _AMOUNT_IN_TEXT.match(text, start)
    if (
        first is not None
        and text.count("(", 0, start) == text.count(")", 0, start)
        and _known_unit(first["unit"]) is not None
    ):
        return first
    misspelt = None
    for match in _amounts_outside_parentheses(text):
        if _known_unit(match["unit"]) is not None:
            return match
        if misspelt is None and suggest(match["unit"], UNIT_NAMES) is not None:
            misspelt = match["unit"]
    if misspelt is not None:
        parse_unit(misspelt, None)  # raises, with its "did you mean"
    return None


def _trailing_frequency(words: list[str], keep: int) -> tuple[list[str], Frequency | None]:
    """The longest closing run of up to five words that is a frequency, leaving at least ``keep`` words."""
    if len(words) <= keep:
        return words, None
    last = words[-1].lower()
    if "-" in last:  # "twice-daily", or a lone "-": the last word as parse_frequency reads the phrase
        last = (" ".join(words[-5:]).lower().replace("-", " ").split() or [""])[-1]
    if last not in _LAST_WORDS:
        return words, None  # no frequency phrase ends with another word
    for size in range(min(5, len(words) - keep), 0, -1):
        frequency = parse_frequency(" ".join(words[-size:]))
        if frequency is not None:
            return words[:-size], frequency
    return words, None


def _without_daily_value(text: str) -> str:
    """``text`` without a closing % Daily Value and marks (string operations: no regex scan of a long text)."""
    text = text.rstrip(_MARKS)
    if "%" not in text:
        return text
    words = text.split(" ")
    last = words[-1]
    if last.endswith("%") and (len(words) == 1 or words[-2] != "<") and _PERCENT_DV.fullmatch(last):
        # "125%", as most rows print it: no longer run of words can match, as one would have to start with "<"
        return " ".join(words[:-1]).rstrip(_MARKS)
    for size in range(min(5, len(words)), 0, -1):  # "< 46 % Daily Value" is the longest
        if _PERCENT_DV.fullmatch(" ".join(words[-size:])):
            return " ".join(words[:-size]).rstrip(_MARKS)
    return " ".join(words)


class _Quantities:
    """The parenthesised amounts of one dose: its amount in another unit, and its folic acid."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.alternate: tuple[float, str] | None = None
        self.folic_acid_mcg: float | None = None

    def take(self, inner: str) -> bool:
        """Record ``inner`` (the text in a pair of parentheses) if it is an amount; False for a form."""
        match = _QUANTITY.match(inner.strip())
        if match is None:
            return False
        amount = _matched_amount(match["amount"])
        unit = parse_unit(match["unit"], None)
        if match["folic"]:
            if unit not in _MASS_IN_MCG:
                raise InputError(f"folic acid in {unit} in '{self.text}'", "give folic acid in mcg", None)
            if self.folic_acid_mcg is not None:
                raise InputError(f"'{self.text}' gives folic acid twice", "keep one '(N mcg folic acid)'", None)
            self.folic_acid_mcg = amount * _MASS_IN_MCG[unit]
        else:
            if self.alternate is not None:
                raise InputError(
                    f"'{self.text}' gives two amounts in parentheses", "keep one, e.g. '50 mcg (2,000 IU)'", None
                )
            self.alternate = (amount, unit)
        return True

    def check(self, amount: float, unit: str) -> None:
        if self.folic_acid_mcg is None:
            return
        if unit != "mcg DFE":
            raise InputError(
                f"'{self.text}' gives folic acid, but its amount is in {unit}",
                "folate with folic acid is given in mcg DFE, e.g. '667 mcg DFE folate (400 mcg folic acid)'",
                None,
            )
        if self.folic_acid_mcg > amount:  # folic acid counts for more than its own weight in DFE, never less
            raise InputError(
                f"'{self.text}' gives more folic acid ({self.folic_acid_mcg:g} mcg) than folate ({amount:g} mcg DFE)",
                "the mcg DFE figure is the larger one: check the two amounts",
                None,
            )


def form_in(inner: str) -> str | None:
    """The form that parentheses hold: "(as carbonate)" holds "carbonate"."""
    return _AS.sub("", inner.strip()) or None


_REMEMBERED_DOSE: Final = 400  # a longer text is read each time: a batch of hostile files must not be kept in memory


@lru_cache(maxsize=4096)  # the same dose strings recur across a catalogue; errors are not cached
def _parse_dose(stripped: str) -> DoseText:
    return _read_dose(stripped)


def _read_dose(stripped: str) -> DoseText:
    location: Location | None = None  # errors are located by parse_dose, which knows where the text came from
    if not stripped:
        raise InputError("empty dose", "write an amount, a unit and an ingredient, e.g. '5000 IU D3'", location)
    # Only a text that opens with a digit or a point can be amount first (_DOSE); a label row opens with a name.
    first = stripped[0]
    match = _DOSE.match(stripped) if first.isdecimal() or first == "." else None  # \d is a decimal digit
    if match is not None:
        return _amount_first(stripped, match)
    row = _amount_in_row(stripped)  # "5-MTHF 1 mg" starts with a digit, yet its amount comes later
    if row is not None:
        return _name_first(stripped, row)
    if _LEADING_NUMBER.match(stripped):
        if stripped.lstrip().startswith("-"):
            raise InputError(f"dose {quote(stripped)} has a negative amount", "amounts must be more than 0", location)
        raise InputError(
            f"dose {quote(stripped)} has no unit after the amount",
            "write e.g. '5000 IU D3' or '100 mcg MK-7'",
            location,
        )
    raise InputError(
        f"dose {quote(stripped)} does not start with an amount", "write e.g. '5000 IU D3' or '100 mcg MK-7'", location
    )


class _Parts(NamedTuple):
    """What a dose says besides its amount and unit: read once per wording, whatever the amount."""

    name: str
    form: str | None
    frequency: Frequency | None
    alternate: tuple[float, str] | None
    folic_acid_mcg: float | None


def _amount_first(stripped: str, match: re.Match[str]) -> DoseText:
    """ "50 mcg (2,000 IU) vitamin D3 twice daily", "667 mcg DFE folate (400 mcg folic acid)"."""
    amount = _matched_amount(match["amount"])
    unit = parse_unit(match["unit"], None)
    rest = match["rest"]
    # The words after the unit recur across labels with other amounts; an error is read again, to name the dose.
    parts = (_after_unit_known(unit, rest) if len(rest) <= _REMEMBERED_LENGTH else None) or _after_unit(
        stripped, unit, rest
    )
    return _dose(stripped, amount, unit, parts, parts.name)


@lru_cache(maxsize=4096)
def _after_unit_known(unit: str, rest: str) -> _Parts | None:
    """``_after_unit`` for a wording already read (None for one that is an error)."""
    try:
        return _after_unit("", unit, rest)
    except InputError:
        return None


def _after_unit(stripped: str, unit: str, rest: str) -> _Parts:
    """The name, form, frequency and parenthesised amounts of an amount-first dose (``stripped``, for messages)."""
    quantities = _Quantities(stripped)
    while rest.startswith("(") and (paren := _FIRST_PAREN.match(rest)) and quantities.take(paren["inner"]):
        rest = paren["after"]
    words, frequency = _trailing_frequency(rest.split(), keep=0 if unit == "mcg DFE" else 1)
    rest = _without_daily_value(" ".join(words)).rstrip(",;")
    form = None
    while rest.endswith(")") and (paren := _LAST_PAREN.match(rest)):
        if quantities.take(paren["inner"]):
            rest = paren["before"]
        elif form is None and "(" not in paren["before"] and ")" not in paren["before"]:
            rest, form = paren["before"], form_in(paren["inner"])
        else:
            break
    name = rest.strip()
    second = _second_amount(name)
    if second is not None:
        raise InputError(f"dose {quote(stripped)} holds a second amount, {quote(second)}", TWO_DOSES_HINT, None)
    if not name and unit == "mcg DFE":
        name = FOLATE
    if not _names_something(name):
        raise InputError(
            f"dose {quote(stripped)} names no ingredient",
            "write the ingredient after the unit, e.g. '5000 IU D3'",
            None,
        )
    return _Parts(name, form, frequency, quantities.alternate, quantities.folic_acid_mcg)


def _names_something(name: str) -> bool:
    """Whether a name holds a letter or a digit (most start with one: no pattern is needed for them)."""
    return name[:1].isalnum() or _HAS_LETTER_OR_DIGIT.search(name) is not None  # isalnum() is \w without "_"


def _dose(stripped: str, amount: float, unit: str, parts: _Parts, name: str) -> DoseText:
    """The dose (named ``name``), once its folic acid (if it gives any) is checked against its amount."""
    if parts.folic_acid_mcg is not None:
        quantities = _Quantities(stripped)
        quantities.folic_acid_mcg = parts.folic_acid_mcg
        quantities.check(amount, unit)
    return record(
        DoseText, stripped, amount, unit, name, parts.form, parts.frequency, parts.alternate, parts.folic_acid_mcg
    )


def _name_first(stripped: str, row: re.Match[str]) -> DoseText:
    """ "Vitamin D3 (as cholecalciferol) 25 mcg (1,000 IU) 125%", as a Supplement Facts panel prints the row."""
    amount = _matched_amount(row["amount"])
    unit = parse_unit(row["unit"], None)
    before = stripped[: row.start()]
    name, form = _name_and_form_remembered(before) if len(before) <= _REMEMBERED_LENGTH else _name_and_form(before)
    after = stripped[row.end() :]
    short = len(before) <= _REMEMBERED_LENGTH and len(after) <= _REMEMBERED_LENGTH
    known = _after_amount_known(after, form) if short else None
    tail = known or _after_amount(stripped, after, form)
    if not _names_something(name):
        raise InputError(
            f"dose {quote(stripped)} names no ingredient",
            "write the ingredient before the amount, e.g. 'Vitamin D3 25 mcg'",
            None,
        )
    return _dose(stripped, amount, unit, tail, name)


@lru_cache(maxsize=1024)  # a label's ingredient names: a small vocabulary
def _name_and_form_remembered(before: str) -> tuple[str, str | None]:
    return _name_and_form(before)


def _name_and_form(before: str) -> tuple[str, str | None]:
    """The name of a name-first row, and its "(as ...)" form, from the text before the amount."""
    name, form = before.rstrip(_NAME_SEPARATORS), None
    if (paren := _LAST_PAREN.match(name)) and "(" not in paren["before"] and ")" not in paren["before"]:
        name, form = paren["before"], form_in(paren["inner"])
    return name, form


@lru_cache(maxsize=4096)
def _after_amount_known(after: str, form: str | None) -> _Parts | None:
    """``_after_amount`` for a text already read (None for one that is an error)."""
    try:
        return _after_amount("", after, form)
    except InputError:
        return None


def _after_amount(stripped: str, after: str, form: str | None) -> _Parts:
    """What follows the amount of a name-first row: parenthesised amounts, a form if the name gave none, a
    frequency and the % Daily Value (``stripped``, the whole dose, for messages). The name is left empty."""
    quantities = _Quantities(stripped)
    words, frequency = _trailing_frequency(after.split(), keep=0)
    after = _without_daily_value(" ".join(words)).strip()
    while after.startswith("(") and (paren := _FIRST_PAREN.match(after)):
        if not quantities.take(paren["inner"]):
            if form is not None:
                break
            form = form_in(paren["inner"])
        after = paren["after"].strip()
    if after:
        raise InputError(
            f"cannot place {quote(after)} after the amount in {quote(stripped)}",
            placement_hint(after.split())
            or "after the amount write only '(N IU)', '(N mcg folic acid)', a % Daily Value or a frequency",
            None,
        )
    return _Parts("", form, frequency, quantities.alternate, quantities.folic_acid_mcg)
