"""The regimen format (and calcguide.yaml's), declared once: keys, kinds of value, vocabularies, bounds, examples.

``regimen.py`` and ``config.py`` read YAML by these declarations (which keys a mapping takes, which are required,
which words mean what, how hints are phrased) and ``calcguide.format_schema`` turns the same declarations into the
JSON Schemas that ``calcguide schema`` prints, so the parser and the editor's schema cannot drift apart.

Words are compared as the parser compares them: surrounding whitespace stripped and lower-cased with ``str.lower``
(``FEMALE``, ``" female "`` and ``Female`` are one word). The vocabularies that live in the package data (nutrient
names for ``diet``) or in the rule registry (rule names and codes) are named here and filled in where they are
used: this module imports neither, so the model never reaches up into the rule engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final, NamedTuple

from .doses import DAYS_PER_YEAR, UNIT_NAMES

MAX_ITEMS: Final = 1000  # far beyond any real regimen; a bound on the work one document can ask for
MAX_AGE_YEARS: Final = 130
PREGNANCY_MIN_AGE: Final = 9  # pregnant or lactating younger than this is taken for a mistake in the age


class Kind(StrEnum):
    """What a key's value is; the parser has one reader and the schema one fragment per kind."""

    TEXT = "text"  # a string, or a number read as its text (a product called 365)
    DOSE = "dose"  # one dose string, or several joined by ' + ': the dose grammar judges it
    DOSES = "doses"  # a dose line or a list of them (``items``, a product's ``ingredients``)
    FLAG = "flag"  # true or false (also yes/no, on/off, see FLAG_WORDS); nothing means false
    AGE = "age"  # years, or a phrase such as '6 months' (AGE_PHRASE)
    SEX = "sex"  # a word of SEX_WORDS
    FREQUENCY = "frequency"  # the frequency grammar of calcguide.doses
    SERVINGS = "servings"  # a positive number, optionally with the label's count word (SERVINGS_PHRASE)
    AMOUNT = "amount"  # '100 mcg', or a positive number when ``unit`` is given
    UNIT = "unit"  # a spelling of UNITS
    NAMES = "names"  # one name or a list (medications, conditions)
    DIET = "diet"  # nutrient names to amounts
    PROFILE = "profile"  # the PROFILE mapping
    PRODUCT = "product"  # a product's name, or {dsld: label file}
    IGNORE = "ignore"  # rule names or codes, each alone or as an IGNORE_ENTRY
    RULE = "rule"  # a rule's name or code (the registry's vocabulary)
    RULES = "rules"  # one rule name or code, or a list (calcguide.yaml's select and ignore)
    RULE_SETTINGS = "rule settings"  # calcguide.yaml's rules: rule name to severity and thresholds


class Key(NamedTuple):
    """One key of a mapping: its kind of value, what it means (schema and README) and how to write it (hints)."""

    name: str
    kind: Kind
    description: str
    example: str  # quoted as messages quote it, e.g. "'sex: female'"


class Shape(NamedTuple):
    """A mapping the format allows: its keys in the order messages list them, and those it requires."""

    where: str  # how messages name it: "unknown key 'x' in {where}"
    title: str  # a heading for the schema and the README
    keys: tuple[Key, ...]
    required: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys)

    def key(self, name: str) -> Key:
        return next(key for key in self.keys if key.name == name)


def word(text: str) -> str:
    """A word as the parser compares it: whitespace stripped and collapsed, lower case."""
    return " ".join(text.lower().split())


# --- vocabularies ---------------------------------------------------------------------------------------------------

SEXES: Final = ("female", "male")
SEX_WORDS: Final[Mapping[str, str]] = {
    **dict.fromkeys(("female", "f", "woman"), "female"),
    **dict.fromkeys(("male", "m", "man"), "male"),
}
"""Every word ``sex:`` accepts (compared with ``word``) and what it means."""

FLAG_WORDS: Final[Mapping[str, bool]] = {
    "true": True,
    "yes": True,
    "on": True,
    "false": False,
    "no": False,
    "off": False,
}
"""Words a true/false key accepts besides YAML's own true and false, compared with ``word``.

calcguide reads YAML 1.2, as editors do, where ``yes`` is text; YAML 1.1 (and older tools) read it as true. The
flags accept both readings, so ``pregnant: yes`` means true in the CLI and in every editor.
"""

AGE_UNITS: Final[Mapping[str, float]] = {
    **dict.fromkeys(("years", "year", "yrs", "yr", "y"), 1.0),
    **dict.fromkeys(("months", "month", "mo", "m"), 1 / 12),
    **dict.fromkeys(("weeks", "week", "w"), 7 / DAYS_PER_YEAR),
}
"""The units an age phrase may name, in years each."""

AGE_PHRASE: Final = (
    r"^\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>"
    + "|".join(sorted(AGE_UNITS, key=lambda unit: (-len(unit), unit)))
    + r")?\s*(?:old)?\s*$"
)
"""An age written as text ('6 months', '45 years old'), matched against the lower-cased text."""

SERVINGS_PHRASE: Final = r"^\s*(?P<n>[\d.,]+)\s+(?P<unit>[^\W\d_][^\d]*?)\s*$"
"""``servings: 2 softgels``: the number, then the label's count word (kept for display)."""

SEVERITIES: Final = ("info", "warning", "error")  # as calcguide.rules.Severity spells them; a test keeps them equal

# --- keys -----------------------------------------------------------------------------------------------------------

_FREQUENCY: Final = Key(
    "frequency",
    Kind.FREQUENCY,
    "How often (default daily): daily, twice daily, N times daily, every other day, every N days, weekly, "
    "N times weekly, every N weeks, monthly, every N months, yearly; also once a week, 3x daily, bid, tid.",
    "'frequency: twice daily'",
)
_SERVINGS: Final = Key(
    "servings",
    Kind.SERVINGS,
    "Servings per intake (default 1), optionally with the label's count word: 2, '2 softgels', '1 tsp'.",
    "'servings: 2' or 'servings: 2 softgels'",
)
_NAME: Final = Key(
    "name", Kind.TEXT, "The item's name in reports (default: the dose as written).", "'name: MenaQ7 capsule'"
)
ITEM_FLAG_KEYS: Final = (
    Key(
        "prescribed",
        Kind.FLAG,
        "Prescribed by a clinician: suggestions never lower it. A single vitamin D intake of 50,000 IU or more "
        "counts as prescribed unless this says false.",
        "'prescribed: true'",
    ),
    Key("new", Kind.FLAG, "Just started (a new vitamin K source for someone on an anticoagulant).", "'new: true'"),
    Key("purpose", Kind.TEXT, "Why it is taken, e.g. 'phosphate binder'.", "'purpose: phosphate binder'"),
)
_INGREDIENT: Final = Key(
    "ingredient", Kind.TEXT, "The ingredient's name, e.g. MK-7 or calcium citrate.", "'ingredient: MK-7'"
)
_AMOUNT: Final = Key(
    "amount", Kind.AMOUNT, "The amount with its unit ('100 mcg'), or a number with 'unit'.", "'amount: 100 mcg'"
)
_UNIT: Final = Key("unit", Kind.UNIT, "The amount's unit: " + ", ".join(UNIT_NAMES) + ".", "'unit: mcg'")
_FORM: Final = Key("form", Kind.TEXT, "The form, as '(as ...)' would say it, e.g. carbonate.", "'form: carbonate'")

REGIMEN: Final = Shape(
    "a regimen",
    "Regimen",
    (
        Key("name", Kind.TEXT, "The regimen's name in reports; defaults to the file name.", "'name: Bone stack'"),
        Key("profile", Kind.PROFILE, "Who takes it; every field is optional.", "'profile:' with keys below it"),
        Key(
            "items",
            Kind.DOSES,
            "What is taken: a list of dose strings, long-form doses and products, or one line of doses joined by "
            "' + '.",
            "'items:' with one '- dose' per line",
        ),
        Key(
            "ignore",
            Kind.IGNORE,
            "Rules switched off for this regimen: names or codes, alone or as {rule, reason}.",
            "'ignore: [{rule: d-without-k2, reason: K2 from natto}]'",
        ),
    ),
    required=("items",),
)

PROFILE: Final = Shape(
    "profile",
    "Profile",
    (
        Key(
            "age",
            Kind.AGE,
            f"Years from 0 to {MAX_AGE_YEARS} (0.5 for an infant), or a phrase such as '6 months' or '45 years'.",
            "'age: 45' or 'age: 6 months'",
        ),
        Key("sex", Kind.SEX, "female or male (also f, m, woman, man; any case).", "'sex: female'"),
        Key("pregnant", Kind.FLAG, "Pregnant: the pregnancy reference values apply.", "'pregnant: true'"),
        Key("lactating", Kind.FLAG, "Breastfeeding: the lactation reference values apply.", "'lactating: true'"),
        Key("smoker", Kind.FLAG, "A current smoker (beta-carotene advice).", "'smoker: true'"),
        Key(
            "medications",
            Kind.NAMES,
            "Medications: names, brands or classes, matched case-insensitively.",
            "'medications: [levothyroxine]'",
        ),
        Key(
            "conditions",
            Kind.NAMES,
            "Conditions: hypercalcemia, sarcoidosis, hyperparathyroidism, kidney stones, CKD ...",
            "'conditions: [kidney stones]'",
        ),
        Key(
            "diet",
            Kind.DIET,
            "Typical intake from food per day, by nutrient: an amount with its unit, or a number in the nutrient's "
            "unit.",
            "'diet: {calcium: 700 mg}'",
        ),
    ),
)

DOSE_ITEM: Final = Shape(
    "an item",
    "Dose item",
    (
        Key("dose", Kind.DOSE, "The dose string, as in the short form.", "'dose: 50000 IU D2'"),
        _FREQUENCY,
        _SERVINGS,
        _NAME,
        *ITEM_FLAG_KEYS,
    ),
    required=("dose",),
)

LONG_ITEM: Final = Shape(
    "an item",
    "Long-form item",
    (_INGREDIENT, _AMOUNT, _UNIT, _FORM, _FREQUENCY, _SERVINGS, _NAME, *ITEM_FLAG_KEYS),
    required=("ingredient", "amount"),
)

PRODUCT: Final = Shape(
    "a product",
    "Product",
    (
        Key(
            "product",
            Kind.PRODUCT,
            "The product's name, or {dsld: label.json} to read a DSLD label's Supplement Facts.",
            "'product: Calcium + D3 tablet'",
        ),
        Key(
            "ingredients",
            Kind.DOSES,
            "One serving's ingredients, required (except with dsld: the label lists them): dose strings or "
            "long-form ingredients (ingredient, amount, unit, form), or one line joined by ' + '.",
            "'ingredients:' with one dose per line",
        ),
        _SERVINGS,
        _FREQUENCY,
        *ITEM_FLAG_KEYS,
    ),
    required=("product",),
)

DSLD_PRODUCT: Final = Shape(
    "a DSLD product",
    "DSLD label",
    (
        Key("dsld", Kind.TEXT, "A DSLD label JSON file, relative to the regimen file.", "'dsld: labels/123456.json'"),
        _SERVINGS,
        _FREQUENCY,
    ),
    required=("dsld",),
)

INGREDIENT: Final = Shape(
    "a product ingredient",
    "Product ingredient",
    (_INGREDIENT, _AMOUNT, _UNIT, _FORM),
    required=("ingredient", "amount"),
)

IGNORE_ENTRY: Final = Shape(
    "an ignore entry",
    "Ignore entry",
    (
        Key("rule", Kind.RULE, "A rule's name or code, as `calcguide rules` lists them.", "'rule: d-without-k2'"),
        Key("reason", Kind.TEXT, "Why the rule does not apply, shown in the report.", "'reason: K2 from natto'"),
    ),
    required=("rule",),
)

CONFIG: Final = Shape(
    "the config",
    "calcguide.yaml",
    (
        Key("profile", Kind.PROFILE, "The default profile; a regimen's own fields win.", "'profile: {age: 67}'"),
        Key("select", Kind.RULES, "Only these rules (names or codes).", "'select: [d-without-k2]'"),
        Key("ignore", Kind.RULES, "Rules to skip (names or codes).", "'ignore: [d-without-k2]'"),
        Key(
            "rules",
            Kind.RULE_SETTINGS,
            "Per rule: a severity (info, warning, error) or a threshold (see `calcguide explain`).",
            "'rules: {above-ul: {severity: error}}'",
        ),
    ),
)
