"""Medication and condition lines as charts write them: "Synthroid 88 mcg qAM", "losartan/HCTZ", "CKD stage 3b".

A medication list gives a name with strength, unit, route, schedule and duration; only the name says which drug it
is. The names come from data/interactions.yaml (drugs with their brands and abbreviations, combination products,
ambiguous abbreviations, conditions); they are compiled once into dictionaries keyed by folded name, and a line is
read by matching the longest run of words that is a known name, so "Lotensin HCT" is the combination and not
Lotensin alone. What is left must be strength, schedule or filler words; anything else is reported as unknown,
never dropped. No I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from typing import Final, NamedTuple

from . import data
from .doses import Frequency, parse_frequency
from .errors import InputError, Location
from .memo import remembered
from .names import fold


class DrugMatch(NamedTuple):
    drug: str  # canonical generic ("ibandronate"); a class's label when the line names only the class
    drug_class: str  # catalogue class id ("bisphosphonate")


class MedicationLine(NamedTuple):
    text: str
    drugs: tuple[DrugMatch, ...]
    frequency: Frequency | None
    ambiguous: tuple[str, ...]  # candidates for "levo"


class MedicationReading(NamedTuple):
    """A line read in full: the contract's MedicationLine, and what reports show and must not lose."""

    line: MedicationLine
    shown: tuple[str, ...]  # per drug, as reports name it: "Synthroid", "hydrochlorothiazide (in Hyzaar)"
    unknown: tuple[str, ...]  # parts that name nothing calcguide knows, as written ("amlodipine")
    route: str | None  # oral | topical | parenteral; None when the line does not say
    as_needed: bool  # "prn", "as needed"


class ConditionLine(NamedTuple):
    text: str
    conditions: tuple[str, ...]  # condition ids
    shown: tuple[str, ...]  # per condition, the catalogue's spelling of the name matched ("CKD")
    negated: bool  # "no CKD", "denies kidney stones", "family history of ...": not the person's condition


class MedicineItem(NamedTuple):
    """A regimen item that names a medication ("0.25 mcg calcitriol"): listed, never counted as a nutrient."""

    item: str
    dose: str
    name: str
    drugs: tuple[DrugMatch, ...]
    location: Location


def medicine_named(name: str) -> tuple[DrugMatch, ...]:
    """The drugs an ingredient name is, when it names medications and nothing else ("calcitriol", "Rocaltrol");
    empty otherwise (the normaliser then reports the name as unrecognised)."""
    reading = read(name)
    if reading.unknown or reading.line.ambiguous:
        return ()
    return reading.line.drugs


class _Name(NamedTuple):
    drugs: tuple[DrugMatch, ...]
    shown: tuple[str, ...]


class _Keys(NamedTuple):
    """The folded names a scan looks for, and every leading part of one: a run of words that is no name's start
    cannot grow into a name, so a scan tries no longer run from there."""

    names: frozenset[str]
    starts: frozenset[str]


def _keys(names: Iterable[str]) -> _Keys:
    names = frozenset(names)
    return _Keys(names, frozenset(name[:end] for name in names for end in range(len(name) + 1)))


class _Lookups(NamedTuple):
    drugs: dict[str, _Name]
    generics: frozenset[str]  # every drug's generic name (a class label is not one)
    ambiguous: dict[str, tuple[str, ...]]
    conditions: dict[str, tuple[str, str]]  # folded name -> (condition id, name as the data spells it)
    longest: int  # the most words any name has
    medication_keys: _Keys  # drugs' and ambiguous names'
    condition_keys: _Keys


def _listed(entry: dict[str, object], key: str) -> list[str]:
    value = entry.get(key) or []
    assert isinstance(value, list)
    return [str(v) for v in value]


def _words(name: str) -> int:
    return len(_tokens(name))


@cache
def lookups() -> _Lookups:
    """Every name in the data, compiled once (a regimen's lines are then dictionary look-ups, not list scans)."""
    raw = data.load("interactions")
    drugs: dict[str, _Name] = {}
    by_drug: dict[str, DrugMatch] = {}
    longest = 1

    def add(name: str, entry: _Name) -> None:
        nonlocal longest
        key = fold(name)
        if key in drugs and drugs[key] != entry:
            raise ValueError(f"medication name '{name}' names two things in interactions.yaml")
        drugs.setdefault(key, entry)  # the first spelling is the one shown
        longest = max(longest, _words(name))

    for cls in raw["medications"]:
        class_match = DrugMatch(str(cls["label"]), str(cls["id"]))
        for name in _listed(cls, "names"):
            add(name, _Name((class_match,), (class_match.drug,)))
        for drug in cls["drugs"]:
            match = DrugMatch(str(drug["drug"]), str(cls["id"]))
            by_drug[match.drug] = match
            for name in [match.drug, *_listed(drug, "names"), *_listed(drug, "abbreviations")]:
                add(name, _Name((match,), (match.drug,)))
            for brand in _listed(drug, "brands"):
                add(brand, _Name((match,), (brand,)))
    for combo in raw["combinations"]:
        parts = tuple(by_drug[drug] for drug in _listed(combo, "drugs"))
        for brand in _listed(combo, "names"):
            add(brand, _Name(parts, tuple(f"{part.drug} (in {brand})" for part in parts)))
    ambiguous: dict[str, tuple[str, ...]] = {}
    for entry in raw["ambiguous"]:
        candidates = tuple(_listed(entry, "drugs"))
        assert all(drug in by_drug for drug in candidates), entry
        ambiguous[fold(str(entry["name"]))] = candidates
    conditions: dict[str, tuple[str, str]] = {}
    for cond in raw["conditions"]:
        for name in _listed(cond, "names"):
            key = fold(name)
            if key in conditions and conditions[key][0] != cond["id"]:
                raise ValueError(f"condition name '{name}' names two conditions in interactions.yaml")
            conditions.setdefault(key, (str(cond["id"]), name))
            longest = max(longest, _words(name))
    return _Lookups(
        drugs,
        frozenset(by_drug),
        ambiguous,
        conditions,
        min(longest, 8),
        _keys([*drugs, *ambiguous]),
        _keys(conditions),
    )


def is_drug(name: str) -> bool:
    """Whether ``name`` is a drug's generic name, not a class's label (a list may name only "a bisphosphonate")."""
    return name in lookups().generics


# --- the grammar around a name ------------------------------------------------------------------------------


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_SPLIT: Final = re.compile(r"[\s/+,;:()\[\]{}&*#|\\\"]+|(?<!\d)-|-(?!\d)|(?<=\d)-(?=[^\W\d_])")
_NUMERIC: Final = re.compile(r"^(?:\d+(?:[.,]\d+)*|\.\d+)(?:[-.]\d+)*[a-z%/]*$")
_UNITS: Final = _set(
    "mg mcg ug µg g gm gram grams milligram milligrams microgram micrograms iu unit units u ml l meq mmol % "
    "mg/ml mcg/ml mg/5ml tab tabs tablet tablets cap caps capsule capsules softgel softgels pill pills dose doses "
    "puff puffs drop drops spray sprays patch patches packet packets sachet sachets vial vials pen ampule"
)
_FILLER: Final = _set(
    # formulation, salts and release forms
    "er xr sr xl la cr ir dr ec odt sa cd hd pd ds forte hcl hydrochloride hyclate monohydrate hydrate "
    "hemihydrate anhydrous sodium potassium calcium magnesium succinate tartrate besylate maleate mesylate citrate "
    "acetate fumarate carbonate sulfate sulphate phosphate bromide chloride disodium dipotassium micronized "
    "extended delayed immediate release modified chewable effervescent dispersible liquid solution suspension "
    "syrup elixir generic brand "
    # route words (the route itself is read separately)
    "po oral orally by mouth sl sublingual buccal "
    # how and when, beyond the schedule
    "take takes taking taken give use apply with without and or plus then in on at the a an of to for before after "
    "meal meals food breakfast lunch dinner supper empty stomach morning evening night bedtime noon waking "
    "day days week weeks month months daily once start started stop stopped continue continued "
    "current currently home med meds medication medications rx otc dispense refill refills sig qty"
)
_TOPICAL: Final = _set(
    "topical top cream ointment oint gel lotion foam shampoo ophthalmic eye ophth otic ear nasal intranasal "
    "inhaled inhaler inhalation nebulized neb vaginal rectal suppository enema mouthwash rinse"
)
_PARENTERAL: Final = _set("iv im sc sq subq subcut intravenous intramuscular subcutaneous injection inj infusion")
_ORAL: Final = _set("po oral orally")

_WORD_COUNTS: Final = {"once": 1, "twice": 2, "two": 2, "three": 3, "thrice": 3, "four": 4}


def _hours(match: re.Match[str]) -> str:
    hours = float(match["h"])
    if hours <= 0:
        return ""
    if hours <= 24 and 24 / hours == int(24 / hours):
        return f"{int(24 / hours)} times daily"
    return f"every {hours / 24:g} days"


def _times(match: re.Match[str]) -> str:
    count = match["n"].lower()  # the patterns ignore case: "Twice Daily" is twice a day
    n = _WORD_COUNTS.get(count) or int(re.sub(r"\D", "", count) or 0)
    period = {"d": "day", "w": "week", "m": "month"}[match["p"][0].lower()]
    return f"{n} times a {period}"


_SCHEDULES: Final[tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...]] = tuple(
    (re.compile(pattern, re.IGNORECASE), phrase)
    for pattern, phrase in (
        (r"\b(?:every\s+other\s+day|qod|q\.o\.d\.?|alternate\s+days|on\s+alternate\s+days)(?!\w)", "every other day"),
        (r"\bevery\s+other\s+week\b", "every other week"),
        (r"\bq\.?\s*(?P<h>\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hours?)\.?(?!\w)", _hours),
        (r"\bevery\s+(?P<h>\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)\b", _hours),
        (r"\bevery\s+(?P<n>\d+)\s+(?P<u>days?|weeks?|months?)\b", lambda m: f"every {m['n']} {m['u']}"),
        (r"\bb\.?i\.?d\.?(?!\w)", "twice daily"),
        (r"\bt\.?i\.?d\.?(?!\w)", "3 times daily"),
        (r"\bq\.?i\.?d\.?(?!\w)", "4 times daily"),
        (
            r"\b(?P<n>once|twice|two|three|thrice|four|\d+\s*x|\d+\s*times)\s*(?:a|per|each|/|every)?\s*"
            r"(?P<p>day|daily|week|weekly|wk|month|monthly|mo)\b",
            _times,
        ),
        (r"\b(?:once\s+)?(?:a\s+|per\s+|every\s+|each\s+)?(?:weekly|week|wk|q\s*week|q\s*wk|qweek|qwk)\b", "weekly"),
        (r"\b(?:once\s+)?(?:a\s+|per\s+|every\s+|each\s+)?(?:monthly|month|q\s*month|qmonth|qmo)\b", "monthly"),
        (
            r"(?<!\w)(?:q\.?d\.?|o\.?d\.?|daily|once\s+daily|once\s+a\s+day|every\s+day|q\s*day|qday|q\.?\s*am|"
            r"q\.?\s*pm|q\.?\s*hs|q\s*morning|h\.?s\.?|nightly|at\s+bedtime|at\s+night|every\s+(?:morning|evening|"
            r"night)|in\s+the\s+(?:morning|evening))(?!\w)",
            "daily",
        ),
    )
)
_DURATION: Final = re.compile(
    r"(?:\bx\s*|\bfor\s+)(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|ten|fourteen)\s*"
    r"(?:d|days?|wks?|weeks?|mos?|months?|doses?)\b|\buntil\b.*$",
    re.IGNORECASE,
)
_AS_NEEDED: Final = re.compile(r"\b(?:p\.?r\.?n\.?|as\s+needed|when\s+needed|if\s+needed)(?!\w)", re.IGNORECASE)


# A word's folded key, once per spelling: lines are made of the same few words (and "a " * 100_000 is one word).
_fold_word = lru_cache(maxsize=8192)(fold)


def _tokens(text: str) -> list[str]:
    return [t for t in _SPLIT.split(text) if t and _fold_word(t)]


def _schedule(text: str) -> tuple[str, Frequency | None, bool]:
    """The text with its schedule, duration and "as needed" removed; the schedule as a Frequency."""
    as_needed = _AS_NEEDED.search(text) is not None
    text = _AS_NEEDED.sub(" ", text)
    text = _DURATION.sub(" ", text)
    frequency = None
    for pattern, phrase in _SCHEDULES:
        match = pattern.search(text)
        if match is None:
            continue
        words = phrase if isinstance(phrase, str) else phrase(match)
        text = text[: match.start()] + " " + text[match.end() :]
        if words and frequency is None:
            try:
                frequency = parse_frequency(words)
            except InputError:  # : "every 0 days" in a chart is no schedule at all
                frequency = None
    return text, frequency, as_needed


def _noise(token: str) -> bool:
    low = token.lower()
    return bool(_NUMERIC.match(low)) or low in _UNITS or low in _FILLER or low in _TOPICAL or low in _PARENTERAL


def _route(tokens: Iterable[str]) -> str | None:
    words = {t.lower() for t in tokens}
    if words & _TOPICAL:
        return "topical"
    if words & _PARENTERAL:
        return "parenteral"
    return "oral" if words & _ORAL or {"by", "mouth"} <= words else None


def _scan(tokens: Sequence[str], known: _Keys, longest: int) -> tuple[list[tuple[str, str]], list[list[str]]]:
    """Longest-first matching: the known names found (folded key, words as written) and the runs left between."""
    found: list[tuple[str, str]] = []
    runs: list[list[str]] = [[]]
    folded = [_fold_word(token) for token in tokens]  # fold keeps letters and digits only: a run's key is theirs joined
    i = 0
    while i < len(tokens):
        size, key = 0, ""
        for end in range(i, min(i + longest, len(tokens))):
            key += folded[end]
            if key not in known.starts:
                break
            if key and key in known.names:
                size = end + 1 - i
        if size:
            found.append(("".join(folded[i : i + size]), " ".join(tokens[i : i + size])))
            runs.append([])
            i += size
        else:
            runs[-1].append(tokens[i])
            i += 1
    return found, runs


def _trimmed(run: list[str]) -> str:
    """A leftover run without the filler at its ends ("atorvastatin calcium 20 mg" -> "atorvastatin calcium")."""
    words = list(run)
    while words and _noise(words[-1]):
        words.pop()
    while words and _noise(words[0]):
        words.pop(0)
    return " ".join(words)


@remembered(4096)  # the same lines recur across a batch of regimens
def read(text: str) -> MedicationReading:
    """Read one medication-list line in full (see read_medication for the contract's part)."""
    tables = lookups()
    rest, frequency, as_needed = _schedule(text)
    tokens = _tokens(rest)
    found, runs = _scan(tokens, tables.medication_keys, tables.longest)
    drugs: list[DrugMatch] = []
    shown: list[str] = []
    ambiguous: list[str] = []
    for key, _written in found:
        if key in tables.ambiguous:
            ambiguous.extend(d for d in tables.ambiguous[key] if d not in ambiguous)
            continue
        name = tables.drugs[key]
        for drug, display in zip(name.drugs, name.shown, strict=True):
            if drug not in drugs:
                drugs.append(drug)
                shown.append(display)
    unknown = [part for run in runs if (part := _trimmed(run))]
    if not drugs and not ambiguous and not unknown:  # only filler words: "potassium chloride 20 mEq"
        words = [t for t in tokens if not _NUMERIC.match(t.lower()) and t.lower() not in _UNITS]
        unknown = [" ".join(words) or " ".join(text.split())]
    line = MedicationLine(text, tuple(drugs), frequency, tuple(ambiguous))
    return MedicationReading(line, tuple(shown), tuple(unknown), _route(tokens), as_needed)


def read_medication(text: str) -> MedicationLine:
    """The drugs one medication-list line names, and its schedule: "cipro 500 mg BID x 7 days" ->
    ciprofloxacin (fluoroquinolone), twice daily. "levo" names two drugs: both are returned in ``ambiguous``
    and neither is guessed."""
    return read(text).line


_NEGATION: Final = re.compile(
    r"^\s*(?:no|not|denies|denied|without|negative\s+for|r/o|rule\s+out|ruled\s+out|resolved|"
    r"no\s+history\s+of|no\s+hx\s+of)\b|\b(?:family\s+history|fhx|fh\s+of|mother|father|sibling|brother|sister)\b",
    re.IGNORECASE,
)


@remembered(4096)
def read_condition(text: str) -> ConditionLine:
    """The conditions a line names, whatever stage or qualifier follows ("CKD stage 3b", "h/o nephrolithiasis").

    A negated line ("no CKD") or a relative's history names no condition of the person's: ``negated`` says so.
    """
    tables = lookups()
    tokens = _tokens(text)
    found, _runs = _scan(tokens, tables.condition_keys, tables.longest)
    ids: list[str] = []
    shown: list[str] = []
    for key, _written in found:
        condition, spelling = tables.conditions[key]
        if condition not in ids:
            ids.append(condition)
            shown.append(spelling)
    negated = _NEGATION.search(text) is not None
    if negated:
        return ConditionLine(text, (), (), True)
    return ConditionLine(text, tuple(ids), tuple(shown), False)
