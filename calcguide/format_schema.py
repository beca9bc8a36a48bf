"""The JSON Schemas of the regimen format and of calcguide.yaml, generated from ``calcguide.regimen_format``.

``python -m calcguide.format_schema`` rewrites ``data/regimen.schema.json`` and ``data/config.schema.json`` (a test
keeps them equal to what this module generates, as for compiled.json); ``calcguide schema`` prints them.

The schemas are JSON Schema 2020-12 as editors use it through the YAML language server: no ``type`` arrays (each
alternative is an ``anyOf`` branch), and every pattern in the syntax that ECMA-262 (with and without its ``u``
flag) and Python's ``re`` read alike. Case-insensitive words are written letter by letter (``[Ff][Ee]...``): the
``(?i)`` prefix is not ECMA-262 and some validators refuse it. Vocabularies come from where they live: units and
the frequency grammar from ``calcguide.doses``, nutrients and ingredients from the catalogue, rule names and codes
from the registry, so a new nutrient or rule reaches the schema when it is regenerated.

The rule is one way: nothing calcguide accepts may be an error in the schema. Checks the schema cannot make (a
dose string's grammar, numeric ranges written as text, a unit against the ingredient of a dose string) are named in
a ``description`` and left to calcguide.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from . import doses
from .regimen_format import (
    AGE_PHRASE,
    CONFIG,
    DOSE_ITEM,
    DSLD_PRODUCT,
    FLAG_WORDS,
    IGNORE_ENTRY,
    INGREDIENT,
    LONG_ITEM,
    MAX_AGE_YEARS,
    MAX_ITEMS,
    PREGNANCY_MIN_AGE,
    PRODUCT,
    PROFILE,
    REGIMEN,
    SEVERITIES,
    SEX_WORDS,
    Key,
    Kind,
    Shape,
)

Schema = dict[str, Any]
DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES = {"regimen": "regimen.schema.json", "config": "config.schema.json"}

# Nutrient ids of the JSON contract that the reference data may not hold yet: the schema accepts them as diet keys
# so that it never lags the data (the catalogue adds their labels once it has them).
CONTRACT_NUTRIENT_IDS = (
    "vitamin_d", "vitamin_k", "calcium", "magnesium", "vitamin_a", "vitamin_e", "zinc", "phosphorus", "boron",
    "vitamin_c", "thiamin", "riboflavin", "niacin", "vitamin_b6", "folate", "vitamin_b12", "biotin",
    "pantothenic_acid", "choline", "iron", "iodine", "selenium", "copper", "manganese", "chromium", "molybdenum",
    "fluoride", "potassium", "nickel", "vanadium",
)  # fmt: skip

# --- patterns -------------------------------------------------------------------------------------------------------

_SYNTAX = set("\\^$.|?*+()[]{}/")
# str.lower() maps exactly one non-ASCII character to an ASCII letter: KELVIN SIGN to "k" (a test scans Unicode).
_LOWER_TO_ASCII = {"k": "\u212a"}
# calcguide.catalog.fold also reads U+0130 (capital I with dot) as "i" and the micro sign as "u".
_FOLD_TO_ASCII = {"k": "\u212a", "i": "\u0130", "u": "\u00b5"}


def _escape(char: str) -> str:
    return "\\" + char if char in _SYNTAX else char


def _letter(char: str, extra: Mapping[str, str] = _LOWER_TO_ASCII) -> str:
    """A character as every character that lower-cases to it matches it: ``[Ff]``."""
    if not ("a" <= char <= "z"):
        return _escape(char)
    return f"[{char}{char.upper()}{extra.get(char, '')}]"


def _word(text: str) -> str:
    """A word or phrase compared with regimen_format.word: any case, any run of whitespace between its words."""
    return r"\s+".join("".join(_letter(c) for c in part) for part in text.lower().split())


def _words(words: Iterable[str]) -> str:
    """A pattern for exactly these words (as regimen_format.word compares them), whitespace around allowed."""
    ordered = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))  # longest first: "mcg rae" before "mcg"
    return r"^\s*(?:" + "|".join(_word(w) for w in ordered) + r")\s*$"


def _folded(name: str) -> str:
    """A pattern for every spelling that calcguide.catalog.fold reads as ``name``: any case, anything between the
    letters and digits ("Vitamin D", "vitamin_d", "VITAMIN-D")."""
    from .catalog import fold

    junk = "[^0-9A-Za-z]*"
    return junk.join(_letter(c, _FOLD_TO_ASCII) for c in fold(name))


def _grammar(pattern: str, space: str) -> str:
    """A Python pattern written against normalised lower-case text, for the text as written.

    ``space`` is what a ``\\s`` of the normalised text stands for in the original (``[\\s-]`` where hyphens were
    read as spaces). Only the constructs the grammars use are translated; anything else is refused loudly.
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("(?P<", i):
            i = pattern.index(">", i) + 1
            out.append("(?:")
            continue
        if pattern.startswith("(?:", i):
            out.append("(?:")
            i += 3
            continue
        if char == "\\":
            escape = pattern[i : i + 2]
            if escape == r"\s":
                out.append(space if pattern[i + 2 : i + 3] in ("+", "*") else space + "+")
            elif escape in (r"\d", r"\."):
                out.append(escape)
            else:
                raise ValueError(f"cannot translate {escape!r} in {pattern!r}")
            i += 2
            continue
        if char in "[(" and pattern.startswith(("(?", "["), i):
            raise ValueError(f"cannot translate {pattern[i : i + 3]!r} in {pattern!r}")
        if char in "()|?*+{},^$" or char.isdigit():
            out.append(char)
        elif "a" <= char <= "z":
            out.append(_letter(char))
        else:
            raise ValueError(f"cannot translate {char!r} in {pattern!r}")
        i += 1
    return "".join(out)


def _anchored(pattern: str) -> str:
    return pattern.removeprefix("^").removesuffix("$")


@cache
def _frequency_pattern() -> str:
    """The frequency grammar of calcguide.doses, for the text as written (case, hyphens and spacing free)."""
    forms = [doses._TIMES_EVERY.pattern, *(form.pattern for form in doses._FREQUENCY_FORMS)]
    phrases = [_word(abbreviation) for abbreviation in doses._ABBREVIATIONS]
    phrases += [_grammar(_anchored(form), r"[\s-]") for form in forms]
    return r"^[\s-]*(?:" + "|".join(phrases) + r")[\s-]*$"


_NUMBER = doses._NUMBER  # the dose grammar's number: 5000, 50,000, 2.5, .5, 1e3
_IU_SPELLINGS = [unit for unit, canonical in doses.UNITS.items() if canonical == "IU"]
_TRUE_WORDS = [flag for flag, value in FLAG_WORDS.items() if value]


def _unit() -> str:
    return _anchored(_words(doses.UNITS)).removeprefix(r"\s*").removesuffix(r"\s*")


# --- vocabularies from the data and the registry --------------------------------------------------------------------


def _rule_words() -> list[str]:
    from .rules import REGISTRY

    return [word for rule in REGISTRY.values() for word in (rule.name, rule.code)]


def _nutrient_names() -> list[str]:
    from .catalog import catalog, fold

    known = catalog()
    names = {fold(name): name for name in CONTRACT_NUTRIENT_IDS}
    for nutrient in known.nutrients.values():
        names.setdefault(fold(nutrient.id), nutrient.id)
        names.setdefault(fold(nutrient.label), nutrient.label)
    return sorted(names.values(), key=lambda name: (-len(fold(name)), name))


def _no_iu_ingredients() -> list[str]:
    """The ingredient names for which calcguide rejects an amount in IU (minerals, vitamin K ...), found by asking
    the normaliser itself, so the schema never flags a name calcguide would accept."""
    from .catalog import catalog
    from .errors import InputError, Location
    from .normalize import normalize
    from .regimen import Dose, Item, Regimen

    here = Location(1, 1)
    refused = []
    for name in catalog().display_names:
        dose = doses.DoseText(f"1 IU {name}", 1.0, "IU", name, None, None)
        try:
            normalize(Regimen(name, "", (Item(name, (Dose(dose, here),), 1.0, doses.DAILY, here),)))
        except InputError:
            refused.append(name)
    return sorted(set(refused), key=lambda name: (-len(name), name))


def _exact_name(name: str) -> str:
    """Spellings of an ingredient name that fold to it: any case, spaces or hyphens between its words and between
    letters and digits ("MK-7", "mk 7", "Mk7")."""
    parts = re.findall(r"[a-z]+|[0-9]+", name.lower())
    return r"[\s-]*".join("".join(_letter(c) for c in part) for part in parts)


# --- kinds of value -------------------------------------------------------------------------------------------------

_DOSE_DESCRIPTION = (
    "A dose: amount, unit, ingredient, optional '(as form)' and frequency, e.g. '5000 IU D3' or "
    "'600 mg calcium (as carbonate)'. Several doses may be joined with ' + '. calcguide checks the dose grammar, "
    "the ingredient and whether the unit fits it."
)


def _string(pattern: str, message: str, **more: Any) -> Schema:
    """A string matching ``pattern``; an editor shows ``message`` for any other value of this branch."""
    return {"type": "string", "pattern": pattern, "patternErrorMessage": message, "errorMessage": message, **more}


# In each anyOf the branch an editor should explain comes first: the YAML language server reports the first of the
# branches that fail equally well, and a pattern's message says more than "Incorrect type".


def _defs() -> dict[str, Schema]:
    """The value kinds every mapping shares, by name."""
    number = {"type": "number", "exclusiveMinimum": 0, "maximum": doses.MAX_AMOUNT}
    return {
        "text": {"anyOf": [{"type": "string"}, {"type": "number"}]},
        "dose": _string(r"\S", "write a dose, e.g. '5000 IU D3'", description=_DOSE_DESCRIPTION),
        "flag": {
            "description": "true or false (yes/no and on/off too, as YAML 1.1 reads them); empty means false.",
            "anyOf": [
                _string(_words(FLAG_WORDS), "write true or false"),
                {"type": "boolean"},
                {"type": "null"},
            ],
        },
        "yes": {"anyOf": [{"const": True}, {"type": "string", "pattern": _words(_TRUE_WORDS)}]},
        "frequency": _string(
            _frequency_pattern(),
            "use daily, twice daily, N times daily, every other day, every N days, weekly, N times weekly, monthly "
            "or yearly",
            description=LONG_ITEM.key("frequency").description + " calcguide checks the counts (1 to 100 a day).",
            examples=["daily", "twice daily", "weekly", "every other day", "monthly"],
        ),
        "servings": {
            "description": PRODUCT.key("servings").description,
            "anyOf": [
                _string(
                    r"^\s*" + _NUMBER + r"(?:\s+[^\s\d][^\d]*)?\s*$",
                    "write a number of servings, e.g. 2 or '2 softgels'",
                ),
                number,
            ],
        },
        "unit": _string(
            _words(doses.UNITS),
            "use " + ", ".join(doses.UNIT_NAMES),
            description=LONG_ITEM.key("unit").description + " Any case.",
            examples=list(doses.UNIT_NAMES),
        ),
        "amount": {
            "description": LONG_ITEM.key("amount").description,
            "anyOf": [number, {"type": "string"}],
        },
        "number text": {
            "anyOf": [
                _string(r"^\s*" + _NUMBER + r"\s*$", "with 'unit', the amount is a number, e.g. 100"),
                number,
            ]
        },
        "amount with unit": _string(
            r"^\s*" + _NUMBER + r"\s*(?:" + _unit() + r")(?:[^0-9A-Za-z][\s\S]*)?$",
            "write a number and a unit, e.g. '100 mcg' (or give 'unit')",
        ),
        "names": {
            "anyOf": [
                {"type": "array", "items": {"$ref": "#/$defs/text"}},
                {"type": "string"},
                {"type": "number"},
                {"type": "null"},
            ]
        },
        "rule": _string(_words(_rule_words()), "name a rule or its code, as 'calcguide rules' lists them"),
        "no IU ingredient": {
            "type": "string",
            "pattern": r"^\s*(?:" + "|".join(_exact_name(n) for n in _no_iu_ingredients()) + r")\s*$",
        },
        "IU": {"type": "string", "pattern": _words(_IU_SPELLINGS)},
        "amount in IU": {
            "type": "string",
            "pattern": r"^\s*" + _NUMBER + r"\s*(?:" + "|".join(_word(unit) for unit in _IU_SPELLINGS) + r")\s*$",
        },
    }


def _value(key: Key) -> Schema:
    """The schema of one key's value."""
    ref = {
        Kind.TEXT: "text",
        Kind.DOSE: "dose",
        Kind.FLAG: "flag",
        Kind.FREQUENCY: "frequency",
        Kind.SERVINGS: "servings",
        Kind.UNIT: "unit",
        Kind.AMOUNT: "amount",
        Kind.NAMES: "names",
        Kind.RULE: "rule",
        Kind.PROFILE: "profile",
        Kind.DIET: "diet",
        Kind.IGNORE: "ignore",
        Kind.RULES: "rules",
        Kind.RULE_SETTINGS: "rule settings",
    }.get(key.kind)
    if ref is not None:
        return {"description": key.description, "$ref": f"#/$defs/{ref}"}
    if key.kind is Kind.AGE:
        return {
            "description": key.description + " calcguide checks the range of a phrase.",
            "anyOf": [
                _string(
                    _grammar(AGE_PHRASE, r"\s"),
                    f"give an age from 0 to {MAX_AGE_YEARS} years, e.g. 45 or '6 months'",
                    examples=["6 months"],
                ),
                {"type": "number", "minimum": 0, "maximum": MAX_AGE_YEARS},
                {"type": "null"},
            ],
        }
    if key.kind is Kind.SEX:
        return {
            "description": key.description,
            "anyOf": [
                _string(_words(SEX_WORDS), "write female or male (or leave it out)", examples=["female", "male"]),
                {"type": "null"},
            ],
        }
    if key.kind is Kind.PRODUCT:
        return {"description": key.description, "anyOf": [{"$ref": "#/$defs/text"}, {"$ref": "#/$defs/dsld"}]}
    if key.kind is Kind.DOSES:
        item = {"$ref": "#/$defs/item"} if key.name == "items" else {"$ref": "#/$defs/ingredient"}
        return {
            "description": key.description,
            "anyOf": [
                {"type": "array", "minItems": 1, "maxItems": MAX_ITEMS, "items": item},
                {"$ref": "#/$defs/dose"},
            ],
        }
    raise ValueError(f"no schema for {key.kind}")  # pragma: no cover - every kind is covered above


def _mapping(shape: Shape, **more: Any) -> Schema:
    """A shape as a closed object: its keys and no others, its required keys."""
    schema: Schema = {"type": "object", "title": shape.title, "additionalProperties": False}
    if shape.required:
        schema["required"] = list(shape.required)
    schema["properties"] = {key.name: _value(key) for key in shape.keys}
    return {**schema, **more}


def _refuse(key: str, message: str) -> Schema:
    """``then``: the key is not allowed here, with calcguide's message."""
    return {"properties": {key: False}, "errorMessage": message}


def _truthy(*keys: str) -> Schema:
    return {key: {"$ref": "#/$defs/yes"} for key in keys}


def _profile() -> Schema:
    male = {"type": "string", "pattern": _words(w for w, sex in SEX_WORDS.items() if sex == "male")}
    rules: list[Schema] = [
        {
            "if": {"required": ["pregnant", "lactating"], "properties": _truthy("pregnant", "lactating")},
            "then": _refuse("lactating", "pregnant and lactating are both true; choose one"),
        }
    ]
    for state in ("pregnant", "lactating"):
        rules.append(
            {
                "if": {"required": ["sex", state], "properties": {"sex": male, **_truthy(state)}},
                "then": _refuse(state, f"{state} with sex male; remove '{state}' or correct the sex"),
            }
        )
        young = {"type": "number", "exclusiveMaximum": PREGNANCY_MIN_AGE}
        rules.append(
            {
                "if": {"required": ["age", state], "properties": {"age": young, **_truthy(state)}},
                "then": _refuse(state, f"{state} under {PREGNANCY_MIN_AGE} years; check the age"),
            }
        )
    return {"anyOf": [_mapping(PROFILE, allOf=rules), {"type": "null"}]}


def _diet_amount() -> Schema:
    return {
        "description": "An amount with its unit ('700 mg'), or a number in the nutrient's unit.",
        "anyOf": [
            _string(
                r"^\s*" + _NUMBER + r"(?:\s+(?:" + _unit() + r"))?\s*$", "write an amount and a unit, e.g. '700 mg'"
            ),
            {"type": "number", "exclusiveMinimum": 0, "maximum": doses.MAX_AMOUNT},
        ],
    }


def _diet() -> Schema:
    names = _nutrient_names()
    amount = {"$ref": "#/$defs/diet amount"}
    folded = r"^[^0-9A-Za-z]*(?:" + "|".join(_folded(name) for name in names) + r")[^0-9A-Za-z]*$"
    return {
        "anyOf": [
            {
                "type": "object",
                "description": PROFILE.key("diet").description + " Nutrients by id or name, in any case.",
                "propertyNames": _string(folded, "name a nutrient, e.g. calcium or vitamin D"),
                "properties": {name: amount for name in names if name in CONTRACT_NUTRIENT_IDS},
                "additionalProperties": amount,
            },
            {"type": "null"},
        ]
    }


def _long_form(shape: Shape) -> Schema:
    """A long-form dose: ``amount`` is a number with ``unit``, an amount and unit without; no IU of a mineral."""
    iu_message = "IU has no meaning for this ingredient; give the amount in mg or mcg"
    no_iu = {"$ref": "#/$defs/no IU ingredient"}
    return _mapping(
        shape,
        allOf=[
            {
                "if": {"required": ["unit"]},
                "then": {"properties": {"amount": {"$ref": "#/$defs/number text"}}},
                "else": {"properties": {"amount": {"$ref": "#/$defs/amount with unit"}}},
            },
            {
                "if": {
                    "required": ["ingredient", "unit"],
                    "not": {"required": ["form"]},
                    "properties": {"ingredient": no_iu, "unit": {"$ref": "#/$defs/IU"}},
                },
                "then": _refuse("unit", iu_message),
            },
            {
                "if": {
                    "required": ["ingredient", "amount"],
                    "not": {"required": ["form"]},
                    "properties": {"ingredient": no_iu, "amount": {"$ref": "#/$defs/amount in IU"}},
                },
                "then": _refuse("amount", iu_message),
            },
        ],
    )


def _product() -> Schema:
    return _mapping(
        PRODUCT,
        **{
            "if": {"properties": {"product": {"type": "object"}}},
            "then": _refuse("ingredients", "a DSLD product takes its ingredients from the label; remove 'ingredients'"),
            "else": {"required": ["ingredients"]},
        },
    )


def _ignore() -> Schema:
    rule = {"$ref": "#/$defs/rule"}
    entry = _mapping(IGNORE_ENTRY)
    return {
        "anyOf": [{"type": "array", "items": {"anyOf": [rule, entry]}}, rule, entry],
    }


def _shared_defs() -> dict[str, Schema]:
    return {
        **_defs(),
        "profile": _profile(),
        "diet": _diet(),
        "diet amount": _diet_amount(),
        "ignore": _ignore(),
    }


def regimen_schema() -> Schema:
    """The JSON Schema of a regimen document."""
    item_object = {
        "type": "object",
        "if": {"required": ["product"]},
        "then": {"$ref": "#/$defs/product"},
        "else": {
            "if": {"required": ["dose"]},
            "then": {"$ref": "#/$defs/dose item"},
            "else": {"$ref": "#/$defs/long item"},
        },
    }
    top = _mapping(REGIMEN)
    return {
        "$schema": DRAFT,
        "title": "calcguide regimen",
        "description": "A dietary-supplement regimen checked by calcguide. A file may hold several, separated by "
        "'---'. Generated from calcguide's own declaration of the format; calcguide stays the judge of what "
        "JSON Schema cannot say (dose grammar, ranges written as text).",
        **{k: v for k, v in top.items() if k != "title"},
        "$defs": {
            **_shared_defs(),
            "item": {"anyOf": [item_object, {"$ref": "#/$defs/dose"}]},
            "dose item": _mapping(DOSE_ITEM),
            "long item": _long_form(LONG_ITEM),
            "product": _product(),
            "dsld": _mapping(DSLD_PRODUCT),
            "ingredient": {"anyOf": [_long_form(INGREDIENT), {"$ref": "#/$defs/dose"}]},
        },
    }


def _rule_settings() -> Schema:
    from .rules import REGISTRY

    by_rule = {}
    for rule in REGISTRY.values():
        settings: dict[str, Schema] = {"severity": {"enum": list(SEVERITIES)}}
        settings |= {name: {"type": "number", "exclusiveMinimum": 0} for name in rule.thresholds}
        pattern = _words((rule.name, rule.code))
        by_rule[pattern] = {
            "type": "object",
            "title": rule.name,
            "description": rule.summary,
            "additionalProperties": False,
            "properties": settings,
        }
    return {
        "type": "object",
        "description": CONFIG.key("rules").description,
        "patternProperties": by_rule,
        "additionalProperties": False,
    }


def config_schema() -> Schema:
    """The JSON Schema of calcguide.yaml (an empty file is a valid config)."""
    defs = _shared_defs()
    return {
        "$schema": DRAFT,
        "title": "calcguide configuration (calcguide.yaml)",
        "description": "A default profile, rule selection and rule settings for calcguide.",
        "anyOf": [{"type": "null"}, {"$ref": "#/$defs/config"}],
        "$defs": {
            "config": _mapping(CONFIG),
            "rules": {"anyOf": [{"type": "array", "items": {"$ref": "#/$defs/rule"}}, {"$ref": "#/$defs/rule"}]},
            "rule settings": _rule_settings(),
            **{name: defs[name] for name in ("profile", "diet", "diet amount", "text", "flag", "yes", "names", "rule")},
        },
    }


def render(schema: Schema) -> str:
    return json.dumps(schema, indent=2) + "\n"  # ASCII: a KELVIN SIGN would pass for a K


def generated() -> dict[str, str]:
    """Each schema file's name and the text it should hold."""
    return {
        SCHEMA_FILES["regimen"]: render(regimen_schema()),
        SCHEMA_FILES["config"]: render(config_schema()),
    }


def key_table(shape: Shape) -> str:
    """A Markdown table of a mapping's keys, for the README (a test keeps the README's tables in step)."""
    rows = ["| key | meaning |", "|---|---|"]
    for key in shape.keys:
        required = " (required)" if key.name in shape.required else ""
        rows.append(f"| `{key.name}`{required} | {key.description} |")
    return "\n".join(rows)


ITEM_FORMS = (
    ("`dose:`", DOSE_ITEM),
    ("long form", LONG_ITEM),
    ("`product:`", PRODUCT),
    ("`product: {dsld:}`", DSLD_PRODUCT),
)


def item_key_table() -> str:
    """One Markdown table of the keys of every item form: which form takes which key, and what it means."""
    keys: dict[str, Key] = {}
    for _, shape in ITEM_FORMS:
        keys.update({key.name: key for key in shape.keys if key.name not in keys})
    heads = " | ".join(heading for heading, _ in ITEM_FORMS)
    rows = [f"| key | {heads} | meaning |", "|---|" + "---|" * len(ITEM_FORMS) + "---|"]
    for name, key in keys.items():
        marks = [
            "required" if name in shape.required else "yes" if name in shape.names else "" for _, shape in ITEM_FORMS
        ]
        rows.append(f"| `{name}` | {' | '.join(marks)} | {key.description} |")
    return "\n".join(rows)


def main() -> None:
    from .data import FOLDER

    for name, text in generated().items():
        (FOLDER / name).write_text(text, encoding="utf-8")
        print(f"wrote {FOLDER / name}")


if __name__ == "__main__":
    main()
