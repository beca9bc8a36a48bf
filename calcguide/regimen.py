"""The regimen model (profile, items, doses) and reading it from the located YAML tree."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from .catalog import suggest
from .doses import (
    DAILY,
    DoseText,
    Frequency,
    check_amount,
    parse_amount,
    parse_dose,
    parse_unit,
    require_frequency,
    split_doses,
)
from .errors import InputError, Location
from .yamltree import YMap, YNode, YScalar, YSeq, parse_documents

LabelReader = Callable[[str], Mapping[str, Any]]
"""Reads a DSLD label file named in a regimen (relative to the regimen file); injected by the caller."""

SEXES = ("female", "male")
MAX_ITEMS = 1000  # far beyond any real regimen; a bound on the work one document can ask for
MAX_AGE_YEARS = 130


class Dose(NamedTuple):
    """One ingredient of an item, as written, and where."""

    dose: DoseText
    location: Location


class Item(NamedTuple):
    """What a person takes together: a single dose or a product of several, ``servings`` at a time."""

    label: str
    doses: tuple[Dose, ...]
    servings: float
    frequency: Frequency
    location: Location
    is_product: bool = False
    prescribed: bool | None = None  # None: the file does not say
    new: bool | None = None  # a vitamin K source just started (anticoagulant advice); None: not said
    purpose: str | None = None  # e.g. "phosphate binder"
    serving_unit: str | None = None  # the count word of ``servings: 2 softgels``, kept for display


class DietAmount(NamedTuple):
    nutrient: str
    amount: float
    unit: str
    location: Location


class Profile(NamedTuple):
    """Who takes the regimen; every field optional. Missing age or sex means the stricter values are used."""

    age_years: float | None = None
    sex: str | None = None
    pregnant: bool = False
    lactating: bool = False
    medications: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    diet: tuple[DietAmount, ...] = ()
    smoker: bool = False

    def over(self, base: Profile) -> Profile:
        """This profile with ``base`` filling what it leaves unset (a config's default profile, say)."""
        return Profile(
            self.age_years if self.age_years is not None else base.age_years,
            self.sex or base.sex,
            self.pregnant or base.pregnant,
            self.lactating or base.lactating,
            self.medications or base.medications,
            self.conditions or base.conditions,
            self.diet or base.diet,
            self.smoker or base.smoker,
        )


class Ignored(NamedTuple):
    """A rule a regimen switches off for itself, with the reason its author gave."""

    rule: str
    reason: str
    location: Location


class Regimen(NamedTuple):
    name: str
    source: str
    items: tuple[Item, ...]
    profile: Profile = Profile()
    location: Location = Location(1, 1)
    ignored: tuple[Ignored, ...] = ()
    notes: tuple[str, ...] = ()


_TOP_KEYS = ("name", "profile", "items", "ignore")
_PROFILE_KEYS = ("age", "sex", "pregnant", "lactating", "smoker", "medications", "conditions", "diet")
_ITEM_FLAG_KEYS = ("prescribed", "new", "purpose")
_INGREDIENT_KEYS = ("ingredient", "amount", "unit", "form", "frequency", "servings", "name", *_ITEM_FLAG_KEYS)
_DOSE_KEYS = ("dose", "frequency", "servings", "name", *_ITEM_FLAG_KEYS)
_PRODUCT_KEYS = ("product", "ingredients", "servings", "frequency", *_ITEM_FLAG_KEYS)


def _check_keys(node: YMap, allowed: tuple[str, ...], where: str) -> None:
    for key, loc in node.keys.items():
        if key not in allowed:
            close = suggest(key, allowed)
            hint = f"did you mean '{close}'?" if close else f"{where} keys are: {', '.join(allowed)}"
            raise InputError(f"unknown key '{key}' in {where}", hint, loc)


def _kind(node: YNode) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    return "nothing" if node.value is None else f"'{node.raw}'"


def _text(node: YNode, what: str, example: str) -> str:
    """A scalar written as text (numbers are allowed where a name could be a number)."""
    if not isinstance(node, YScalar) or node.value is None or isinstance(node.value, bool):
        raise InputError(f"{what} must be text, not {_kind(node)}", f"write e.g. {example}", node.loc)
    return str(node.raw).strip()


def _number(node: YNode, what: str, example: str) -> float:
    if isinstance(node, YScalar) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return check_amount(float(node.value), what, node.loc)
    if isinstance(node, YScalar) and isinstance(node.value, str):
        return parse_amount(node.value, what, node.loc)
    raise InputError(f"{what} must be a number, not {_kind(node)}", f"write e.g. {example}", node.loc)


def _flag(node: YNode, what: str) -> bool:
    if isinstance(node, YScalar) and isinstance(node.value, bool):
        return node.value
    if isinstance(node, YScalar) and node.value is None:
        return False
    raise InputError(f"{what} must be true or false, not {_kind(node)}", f"write '{what}: true'", node.loc)


def _names(node: YNode, what: str) -> tuple[str, ...]:
    if isinstance(node, YScalar) and node.value is None:
        return ()
    if isinstance(node, YScalar):
        return (_text(node, what, f"'{what}: [name]'"),)
    if isinstance(node, YSeq):
        return tuple(_text(child, f"each of {what}", f"'{what}: [name]'") for child in node.items)
    raise InputError(f"{what} must be a list of names, not a mapping", f"write '{what}: [name, name]'", node.loc)


_AGE = re.compile(r"^\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>years?|y|yrs?|months?|mo|m|weeks?|w)?\s*(?:old)?\s*$", re.I)


def _age(node: YNode) -> float:
    """Age in years from 45, 0.5, "6 months", "18 months" or "45 years"."""
    if isinstance(node, YScalar) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        years = float(node.value)
    elif isinstance(node, YScalar) and isinstance(node.value, str) and (match := _AGE.match(node.value)):
        unit = (match["unit"] or "y").lower()
        scale = 1 / 12 if unit.startswith("m") else 7 / 365.25 if unit.startswith("w") else 1.0
        years = float(match["n"]) * scale
    else:
        raise InputError(
            f"age must be a number of years or a phrase like '6 months', not {_kind(node)}",
            "write e.g. 'age: 45' or 'age: 6 months'",
            node.loc,
        )
    if not math.isfinite(years) or years < 0 or years > MAX_AGE_YEARS:
        raise InputError(
            f"age {node.raw if isinstance(node, YScalar) else ''} is not a possible age",
            f"give an age from 0 to {MAX_AGE_YEARS} years",
            node.loc,
        )
    return years


def _diet(node: YNode) -> tuple[DietAmount, ...]:
    from .catalog import catalog

    if isinstance(node, YScalar) and node.value is None:
        return ()
    if not isinstance(node, YMap):
        raise InputError(f"diet must be a mapping, not {_kind(node)}", "write e.g. 'diet: {calcium: 700 mg}'", node.loc)
    known = catalog()
    amounts = []
    for key, value in node.entries.items():
        nutrient = known.nutrient_named(key)
        if nutrient is None:
            close = suggest(key, [n.label for n in known.nutrients.values()])
            hint = f"did you mean '{close}'?" if close else "name a nutrient, e.g. calcium or vitamin D"
            raise InputError(f"unknown nutrient '{key}' in diet", hint, node.keys[key])
        if isinstance(value, YScalar) and isinstance(value.value, str) and not _is_number_text(value.value):
            match = re.match(r"^\s*(?P<amount>\S+)\s+(?P<unit>.+?)\s*$", value.value)
            if match is None:
                raise InputError(
                    f"diet amount '{value.raw}' needs a unit", f"write e.g. '{key}: 700 {nutrient.unit}'", value.loc
                )
            amount = parse_amount(match["amount"], f"diet {key}", value.loc)
            unit = parse_unit(match["unit"], value.loc)
        else:
            amount, unit = _number(value, f"diet {key}", f"'{key}: 700 {nutrient.unit}'"), nutrient.unit
        amounts.append(DietAmount(nutrient.id, amount, unit, value.loc))
    return tuple(amounts)


def _is_number_text(text: str) -> bool:
    return re.fullmatch(r"\s*[\d.,]+\s*", text) is not None


def profile_from_tree(node: YNode) -> Profile:
    if isinstance(node, YScalar) and node.value is None:
        return Profile()
    if not isinstance(node, YMap):
        raise InputError(
            f"profile must be a mapping, not {_kind(node)}", "write 'profile:' with keys below it", node.loc
        )
    _check_keys(node, _PROFILE_KEYS, "profile")
    entries = node.entries
    sex = None
    if "sex" in entries and not (isinstance(entries["sex"], YScalar) and entries["sex"].value is None):
        raw = _text(entries["sex"], "sex", "'sex: female'")
        sex = {"f": "female", "m": "male", "woman": "female", "man": "male"}.get(raw.lower(), raw.lower())
        if sex not in SEXES:
            close = suggest(raw, SEXES)
            hint = f"did you mean '{close}'?" if close else "write 'sex: female' or 'sex: male' (or leave it out)"
            raise InputError(f"unknown sex '{raw}'", hint, entries["sex"].loc)
    age = None
    if "age" in entries and not (isinstance(entries["age"], YScalar) and entries["age"].value is None):
        age = _age(entries["age"])
    pregnant = _flag(entries["pregnant"], "pregnant") if "pregnant" in entries else False
    lactating = _flag(entries["lactating"], "lactating") if "lactating" in entries else False
    smoker = _flag(entries["smoker"], "smoker") if "smoker" in entries else False
    state_key = "pregnant" if pregnant else "lactating"
    check_profile(Profile(age, sex, pregnant, lactating), node.keys.get(state_key, node.loc))
    return Profile(
        age_years=age,
        sex=sex,
        pregnant=pregnant,
        lactating=lactating,
        medications=_names(entries["medications"], "medications") if "medications" in entries else (),
        conditions=_names(entries["conditions"], "conditions") if "conditions" in entries else (),
        diet=_diet(entries["diet"]) if "diet" in entries else (),
        smoker=smoker,
    )


def check_profile(profile: Profile, location: Location | None = None) -> None:
    """Reject profiles that cannot exist (pregnant and male, pregnant at 5); raises InputError."""
    state = "pregnant" if profile.pregnant else "lactating" if profile.lactating else None
    if profile.pregnant and profile.lactating:
        raise InputError(
            "pregnant and lactating are both true", "choose the one whose reference values apply", location
        )
    if state and profile.sex == "male":
        raise InputError(f"{state} with sex male", f"remove '{state}' or correct the sex", location)
    if state and profile.age_years is not None and profile.age_years < 9:
        raise InputError(f"{state} at age {profile.age_years:g}", "check the age", location)


def _doses_from_text(text: str, loc: Location) -> Iterator[DoseText]:
    for part in split_doses(text):
        yield parse_dose(part, loc)


def _single(dose: DoseText, loc: Location, servings: float = 1.0, frequency: Frequency | None = None) -> Item:
    return Item(dose.text, (Dose(dose, loc),), servings, frequency or dose.frequency or DAILY, loc)


_SERVINGS = re.compile(r"^\s*(?P<n>[\d.,]+)\s+(?P<unit>[^\W\d_][^\d]*?)\s*$")


def _servings_and_unit(entries: dict[str, YNode]) -> tuple[float, str | None]:
    """``servings: 2`` or, as labels say it, ``servings: 2 softgels`` / ``1 tsp``: the count, and its word."""
    if "servings" not in entries:
        return 1.0, None
    node = entries["servings"]
    if isinstance(node, YScalar) and isinstance(node.value, str) and (match := _SERVINGS.match(node.value)):
        return parse_amount(match["n"], "servings", node.loc), " ".join(match["unit"].split())
    return _number(node, "servings", "'servings: 2' or 'servings: 2 softgels'"), None


def _servings(entries: dict[str, YNode]) -> float:
    return _servings_and_unit(entries)[0]


def _item_flags(entries: dict[str, YNode]) -> dict[str, Any]:
    """The item keys that say how a dose is taken: ``prescribed``, ``new``, ``purpose`` and the serving word."""
    flags: dict[str, Any] = {"serving_unit": _servings_and_unit(entries)[1]}
    for key in ("prescribed", "new"):
        node = entries.get(key)
        if node is not None and not (isinstance(node, YScalar) and node.value is None):
            flags[key] = _flag(node, key)
    if "purpose" in entries:
        flags["purpose"] = " ".join(_text(entries["purpose"], "purpose", "'purpose: phosphate binder'").split())
    return flags


def _frequency(entries: dict[str, YNode], dose: DoseText | None = None) -> Frequency | None:
    if "frequency" not in entries:
        return None
    node = entries["frequency"]
    if dose is not None and dose.frequency is not None:
        raise InputError("the frequency is given twice", "keep either the dose's or the 'frequency' key", node.loc)
    return require_frequency(_text(node, "frequency", "'frequency: twice daily'"), node.loc)


def _long_dose(node: YMap, where: str) -> DoseText:
    """An ingredient given as keys: ``ingredient``, ``amount`` ("100 mcg" or 100 with ``unit``) and ``form``."""
    entries = node.entries
    if "ingredient" not in entries:
        raise InputError(f"{where} has no 'ingredient'", "add e.g. 'ingredient: MK-7'", node.loc)
    if "amount" not in entries:
        raise InputError(f"{where} has no 'amount'", "add e.g. 'amount: 100 mcg'", node.loc)
    name = _text(entries["ingredient"], "ingredient", "'ingredient: MK-7'")
    amount_node = entries["amount"]
    if "unit" in entries:
        unit = parse_unit(_text(entries["unit"], "unit", "'unit: mcg'"), entries["unit"].loc)
        amount = _number(amount_node, "amount", "'amount: 100'")
        text = f"{amount:g} {unit} {name}"
    else:
        written = _text(amount_node, "amount", "'amount: 100 mcg'")
        dose = parse_dose(f"{written} {name}", amount_node.loc)
        if dose.name != name or dose.frequency is not None:
            raise InputError(
                f"amount '{written}' must be a number and a unit", "write e.g. 'amount: 100 mcg'", amount_node.loc
            )
        amount, unit, text = dose.amount, dose.unit, dose.text
    form = _text(entries["form"], "form", "'form: carbonate'") if "form" in entries else None
    if form:
        text += f" (as {form})"
    return DoseText(text, amount, unit, name, form, None)


def _ingredient(node: YNode) -> Iterator[Dose]:
    """The ingredients of a product: dose strings or long-form mappings, never with their own frequency."""
    if isinstance(node, YMap):
        _check_keys(node, ("ingredient", "amount", "unit", "form"), "a product ingredient")
        yield Dose(_long_dose(node, "a product ingredient"), node.loc)
        return
    text = _text(node, "an ingredient", "'- 600 mg calcium (as carbonate)'")
    for dose in _doses_from_text(text, node.loc):
        if dose.frequency is not None:
            raise InputError(
                f"ingredient '{dose.text}' has its own frequency", "give the frequency once, on the product", node.loc
            )
        yield Dose(dose, node.loc)


class _Parse:
    """What one document's parse needs besides the tree: the label reader, and notes gathered on the way."""

    def __init__(self, labels: LabelReader | None) -> None:
        self.labels = labels
        self.notes: list[str] = []


def _dsld_product(node: YMap, spec: YMap, parse: _Parse) -> Item:
    """``product: {dsld: labels/123456.json, servings: 1}``: the label's Supplement Facts as the product."""
    from .dsld import DsldError, label_to_product

    _check_keys(spec, ("dsld", "servings", "frequency"), "a DSLD product")
    path = _text(spec.entries["dsld"], "dsld", "'dsld: labels/123456.json'")
    if parse.labels is None:
        raise InputError("DSLD labels are read by the calcguide command", "pass labels= to load_regimens", spec.loc)
    try:
        item, warnings = label_to_product(parse.labels(path), path)
    except DsldError as exc:
        raise InputError(
            f"DSLD label {path}: {exc}", "give a label JSON as the DSLD API returns it", spec.loc
        ) from None
    except InputError as exc:
        raise exc.located(spec.entries["dsld"].loc) from None
    parse.notes += [f"{item['product']}: {warning}" for warning in warnings]
    doses = tuple(Dose(parse_dose(text, spec.loc), spec.loc) for text in item["ingredients"])
    if not doses:
        raise InputError(f"DSLD label {path} lists no ingredient calcguide checks", "check the label file", spec.loc)
    both = {**spec.entries, **{k: v for k, v in node.entries.items() if k != "product"}}
    return Item(
        str(item["product"]), doses, _servings(both), _frequency(both) or DAILY, node.loc, is_product=True
    )._replace(**_item_flags(both))


def _product(node: YMap, parse: _Parse) -> Item:
    _check_keys(node, _PRODUCT_KEYS, "a product")
    entries = node.entries
    if isinstance(entries["product"], YMap) and "dsld" in entries["product"].entries:
        return _dsld_product(node, entries["product"], parse)
    name = _text(entries["product"], "product", "'product: Calcium + D3 tablet'")
    ingredients = entries.get("ingredients")
    if ingredients is None or (isinstance(ingredients, YScalar) and ingredients.value is None):
        raise InputError(
            f"product '{name}' lists no ingredients", "add 'ingredients:' with one dose per line", node.loc
        )
    children = ingredients.items if isinstance(ingredients, YSeq) else (ingredients,)
    doses = tuple(dose for child in children for dose in _ingredient(child))
    if not doses:
        raise InputError(
            f"product '{name}' lists no ingredients", "add 'ingredients:' with one dose per line", node.loc
        )
    return Item(name, doses, _servings(entries), _frequency(entries) or DAILY, node.loc, is_product=True)._replace(
        **_item_flags(entries)
    )


def _items(node: YNode, parse: _Parse) -> Iterator[Item]:
    if isinstance(node, YScalar) and isinstance(node.value, str):
        for dose in _doses_from_text(node.value, node.loc):
            yield _single(dose, node.loc)
        return
    if not isinstance(node, YSeq):
        raise InputError(
            f"items must be a list or a dose line, not {_kind(node)}",
            "write 'items:' with one '- dose' per line, or 'items: \"5000 IU D3 + 100 mcg MK-7\"'",
            node.loc,
        )
    for child in node.items:
        if isinstance(child, YMap) and "product" in child.entries:
            yield _product(child, parse)
        elif isinstance(child, YMap) and "dose" in child.entries:
            _check_keys(child, _DOSE_KEYS, "an item")
            text = _text(child.entries["dose"], "dose", "'dose: 50000 IU D2'")
            for dose in _doses_from_text(text, child.entries["dose"].loc):
                single = _single(dose, child.loc, _servings(child.entries), _frequency(child.entries, dose))
                yield single._replace(**_item_flags(child.entries))
        elif isinstance(child, YMap):
            _check_keys(child, _INGREDIENT_KEYS, "an item")
            dose = _long_dose(child, "an item")
            label = (
                _text(child.entries["name"], "name", "'name: MenaQ7 capsule'") if "name" in child.entries else dose.text
            )
            item = _single(dose, child.loc, _servings(child.entries), _frequency(child.entries))
            yield Item(label, item.doses, item.servings, item.frequency, item.location)._replace(
                **_item_flags(child.entries)
            )
        else:
            text = _text(child, "an item", "'- 5000 IU D3'")
            for dose in _doses_from_text(text, child.loc):
                yield _single(dose, child.loc)


def regimen_from_tree(tree: YNode | None, source: str, default_name: str, labels: LabelReader | None = None) -> Regimen:
    """Build a Regimen from one YAML document; raises InputError (without the source) on anything off.

    ``labels`` reads the DSLD label files that product items may name (``product: {dsld: path}``).
    """
    parse = _Parse(labels)
    if tree is None:
        raise InputError("the regimen is empty", "add 'items:' with at least one dose", Location(1, 1))
    if not isinstance(tree, YMap):
        raise InputError(
            f"a regimen must be a mapping with 'items:', not {_kind(tree)}",
            "start with 'items:' (and optionally 'name:' and 'profile:')",
            tree.loc,
        )
    _check_keys(tree, _TOP_KEYS, "a regimen")
    entries = tree.entries
    if "items" not in entries:
        raise InputError("the regimen has no 'items'", "add 'items:' with at least one dose", tree.loc)
    name = _text(entries["name"], "name", "'name: Bone stack'") if "name" in entries else default_name
    items = tuple(_items(entries["items"], parse))
    if len(items) > MAX_ITEMS:
        raise InputError(
            f"the regimen lists {len(items):,} items, more than {MAX_ITEMS:,}",
            "split it into several regimens",
            entries["items"].loc,
        )
    if not items:
        raise InputError("'items' is empty", "list at least one dose", entries["items"].loc)
    profile = profile_from_tree(entries["profile"]) if "profile" in entries else Profile()
    ignored = _ignored(entries["ignore"]) if "ignore" in entries else ()
    return Regimen(name, source, items, profile, tree.loc, ignored, tuple(parse.notes))


def _ignored(node: YNode) -> tuple[Ignored, ...]:
    """``ignore: [{rule: d-without-k2, reason: "K2 from natto daily"}]`` (a bare rule name is allowed too)."""
    children = node.items if isinstance(node, YSeq) else (node,)
    ignored = []
    for child in children:
        if isinstance(child, YMap):
            _check_keys(child, ("rule", "reason"), "an ignore entry")
            if "rule" not in child.entries:
                raise InputError(
                    "an ignore entry has no 'rule'", "write '- {rule: d-without-k2, reason: ...}'", child.loc
                )
            rule_node = child.entries["rule"]
            reason = (
                _text(child.entries["reason"], "reason", "'reason: K2 from natto'") if "reason" in child.entries else ""
            )
        else:
            rule_node, reason = child, ""
        name = _text(rule_node, "rule", "'rule: d-without-k2'")
        ignored.append(Ignored(rule_name(name, rule_node.loc), reason, child.loc))
    return tuple(ignored)


def rule_name(name_or_code: str, location: Location | None = None) -> str:
    """The registered rule a name or code (``d-without-k2`` or ``CG101``) means; InputError with a suggestion."""
    from .rules import REGISTRY

    wanted = name_or_code.strip()
    for rule in REGISTRY.values():
        if wanted.lower() in (rule.name, rule.code.lower()):
            return rule.name
    close = suggest(wanted, [*REGISTRY, *(rule.code for rule in REGISTRY.values())])
    hint = f"did you mean '{close}'?" if close else "run 'calcguide rules' for the list"
    raise InputError(f"unknown rule '{wanted}'", hint, location)


def parse_regimens(
    text: str, source: str, default_name: str, labels: LabelReader | None = None
) -> Iterator[Regimen | InputError]:
    """Every regimen in a (possibly multi-document) YAML text; an unreadable one yields its InputError.

    A YAML syntax error ends the stream (nothing after it can be trusted); an error inside one document
    does not stop the documents after it.
    """
    count = 0
    try:
        for index, tree in enumerate(parse_documents(text)):
            count += 1
            name = default_name if index == 0 else f"{default_name} #{index + 1}"
            try:
                yield regimen_from_tree(tree, source, name, labels)
            except InputError as exc:
                yield exc.at(source).named(name)
    except InputError as exc:
        yield exc.at(source)
        return
    if count == 0:
        yield InputError("the file holds no regimen", "add 'items:' with at least one dose", Location(1, 1), source)


def regimen_from_line(text: str, source: str = "<text>", profile: Profile | None = None) -> Regimen:
    """A regimen from a one-line dose list such as "5000 IU D3 + 500 mcg MK-4 + 100 mcg MK-7"."""
    loc = Location(1, 1)
    try:
        items = tuple(_single(dose, loc) for dose in _doses_from_text(text, loc))  # no products on one line
    except InputError as exc:
        raise exc.at(source) from None
    return Regimen(text.strip(), source, items, profile or Profile(), loc)


def profile_from_flags(
    age: str | None = None,
    sex: str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    medications: tuple[str, ...] = (),
    conditions: tuple[str, ...] = (),
    smoker: bool = False,
) -> Profile:
    """A profile from command-line flags, read exactly like a file's ``profile:`` (same words, same checks)."""
    here = Location(0, 0)
    entries: dict[str, YNode] = {}
    if age is not None:
        number = re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", age)
        entries["age"] = YScalar(float(age) if number else age, age, here)
    if sex is not None:
        entries["sex"] = YScalar(sex, sex, here)
    entries["pregnant"] = YScalar(pregnant, str(pregnant), here)
    entries["lactating"] = YScalar(lactating, str(lactating), here)
    entries["smoker"] = YScalar(smoker, str(smoker), here)
    entries["medications"] = YSeq(tuple(YScalar(m, m, here) for m in medications), here)
    entries["conditions"] = YSeq(tuple(YScalar(c, c, here) for c in conditions), here)
    return profile_from_tree(YMap(entries, {key: here for key in entries}, here))
