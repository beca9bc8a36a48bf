"""The regimen model (profile, items, doses) and reading it from the located YAML tree."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final, NamedTuple

from .catalog import catalog, suggest
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
from .records import record
from .regimen_format import (
    AGE_PHRASE,
    AGE_UNITS,
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
    SERVINGS_PHRASE,
    SEX_WORDS,
    SEXES,
    Shape,
    word,
)
from .yamltree import YMap, YNode, YScalar, YSeq, parse_documents

LabelReader = Callable[[str], Mapping[str, Any]]
"""Reads a DSLD label file named in a regimen (relative to the regimen file); injected by the caller."""


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
        if self == _UNSET:  # nothing set (no profile flags, the usual case): every field is the base's
            return base
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


_UNSET: Final = Profile()


class Ignored(NamedTuple):
    """A rule a regimen switches off for itself, with the reason its author gave.

    ``rule`` is the name or code as written: the model does not know the rule registry, so the names are resolved
    (and an unknown one reported at ``rule_location``) where rules are chosen, in ``calcguide.selection``.
    """

    rule: str
    reason: str
    location: Location
    rule_location: Location | None = None  # where the name itself is written (None: at ``location``)


class Regimen(NamedTuple):
    name: str
    source: str
    items: tuple[Item, ...]
    profile: Profile = Profile()
    location: Location = Location(1, 1)
    ignored: tuple[Ignored, ...] = ()
    notes: tuple[str, ...] = ()


class _ShapeWords(NamedTuple):
    """What the reader asks of a shape again and again: its key names (as listed, and as a set) and examples."""

    shape: Shape
    names: tuple[str, ...]
    allowed: frozenset[str]
    examples: dict[str, str]


_SHAPE_WORDS: Final[dict[int, _ShapeWords]] = {}


def _shape_words(shape: Shape) -> _ShapeWords:
    """The shape's names and examples, worked out once (shapes are constants; the entry keeps its shape alive)."""
    found = _SHAPE_WORDS.get(id(shape))
    if found is None or found.shape is not shape:
        names = shape.names
        examples: dict[str, str] = {}
        for key in shape.keys:
            examples.setdefault(key.name, key.example)  # as Shape.key finds it: the first of a name
        found = _ShapeWords(shape, names, frozenset(names), examples)
        _SHAPE_WORDS[id(shape)] = found
    return found


def _check_keys(node: YMap, shape: Shape) -> None:
    words = _shape_words(shape)
    if words.allowed.issuperset(node.keys):
        return
    allowed = words.names
    for key, loc in node.keys.items():
        if key not in allowed:
            close = suggest(key, allowed)
            owner = f"{shape.where}'s" if shape.where.startswith(("a ", "an ")) else shape.where  # "a regimen's keys"
            hint = f"did you mean '{close}'?" if close else f"{owner} keys are: {', '.join(allowed)}"
            raise InputError(f"unknown key '{key}' in {shape.where}", hint, loc)


def _example(shape: Shape, key: str) -> str:
    example = _shape_words(shape).examples.get(key)
    return shape.key(key).example if example is None else example


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
    """true or false; also yes/no and on/off (YAML 1.1 booleans, which YAML 1.2 reads as text); nothing is false."""
    if isinstance(node, YScalar) and isinstance(node.value, bool):
        return node.value
    if isinstance(node, YScalar) and node.value is None:
        return False
    if isinstance(node, YScalar) and isinstance(node.value, str) and (said := word(node.value)) in FLAG_WORDS:
        return FLAG_WORDS[said]
    raise InputError(f"{what} must be true or false, not {_kind(node)}", f"write '{what}: true'", node.loc)


def _names(node: YNode, what: str) -> tuple[str, ...]:
    if isinstance(node, YScalar) and node.value is None:
        return ()
    if isinstance(node, YScalar):
        return (_text(node, what, f"'{what}: [name]'"),)
    if isinstance(node, YSeq):
        return tuple(_text(child, f"each of {what}", f"'{what}: [name]'") for child in node.items)
    raise InputError(f"{what} must be a list of names, not a mapping", f"write '{what}: [name, name]'", node.loc)


_AGE: Final = re.compile(AGE_PHRASE)


def _age(node: YNode) -> float:
    """Age in years from 45, 0.5, "6 months", "18 months" or "45 years"."""
    if isinstance(node, YScalar) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        years = float(node.value)
    elif isinstance(node, YScalar) and isinstance(node.value, str) and (match := _AGE.match(node.value.lower())):
        years = float(match["n"]) * AGE_UNITS[match["unit"] or "y"]
    else:
        raise InputError(
            f"age must be a number of years or a phrase like '6 months', not {_kind(node)}",
            f"write e.g. {_example(PROFILE, 'age')}",
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
    if isinstance(node, YScalar) and node.value is None:
        return ()
    if not isinstance(node, YMap):
        raise InputError(
            f"diet must be a mapping, not {_kind(node)}", f"write e.g. {_example(PROFILE, 'diet')}", node.loc
        )
    known = catalog()
    amounts = []
    for key, value in node.entries.items():
        nutrient = known.nutrient_named(key)
        if nutrient is None:
            close = suggest(key, [n.label for n in known.nutrients.values()])
            hint = f"did you mean '{close}'?" if close else "name a nutrient, e.g. calcium or vitamin D"
            raise InputError(f"unknown nutrient '{key}' in diet", hint, node.keys[key])
        if isinstance(value, YScalar) and isinstance(value.value, str) and not _is_number_text(value.value):
            match = _DIET_AMOUNT.match(value.value)
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


_DIET_AMOUNT: Final = re.compile(r"^\s*(?P<amount>\S+)\s+(?P<unit>.+?)\s*$")
_NUMBER_TEXT: Final = re.compile(r"\s*[\d.,]+\s*")


def _is_number_text(text: str) -> bool:
    return _NUMBER_TEXT.fullmatch(text) is not None


def profile_from_tree(node: YNode) -> Profile:
    if isinstance(node, YScalar) and node.value is None:
        return Profile()
    if not isinstance(node, YMap):
        raise InputError(
            f"profile must be a mapping, not {_kind(node)}", f"write {_example(REGIMEN, 'profile')}", node.loc
        )
    _check_keys(node, PROFILE)
    entries = node.entries
    sex = None
    if "sex" in entries and not (isinstance(entries["sex"], YScalar) and entries["sex"].value is None):
        raw = _text(entries["sex"], "sex", _example(PROFILE, "sex"))
        sex = SEX_WORDS.get(word(raw))
        if sex is None:
            close = suggest(raw, SEXES)
            hint = f"did you mean '{close}'?" if close else "write 'sex: female' or 'sex: male' (or leave it out)"
            raise InputError(f"unknown sex '{raw}'", hint, entries["sex"].loc)
    age = None
    if "age" in entries and not (isinstance(entries["age"], YScalar) and entries["age"].value is None):
        age = _age(entries["age"])
    pregnant = _flag(entries["pregnant"], "pregnant") if "pregnant" in entries else False
    lactating = _flag(entries["lactating"], "lactating") if "lactating" in entries else False
    smoker = _flag(entries["smoker"], "smoker") if "smoker" in entries else False
    if pregnant or lactating:  # nothing else for check_profile to reject
        state_key = "pregnant" if pregnant else "lactating"
        check_profile(Profile(age, sex, pregnant, lactating), node.keys.get(state_key, node.loc))
    return Profile(
        age,
        sex,
        pregnant,
        lactating,
        _names(entries["medications"], "medications") if "medications" in entries else (),
        _names(entries["conditions"], "conditions") if "conditions" in entries else (),
        _diet(entries["diet"]) if "diet" in entries else (),
        smoker,
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
    if state and profile.age_years is not None and profile.age_years < PREGNANCY_MIN_AGE:
        raise InputError(f"{state} at age {profile.age_years:g}", "check the age", location)


def _doses_from_text(text: str, loc: Location) -> Iterator[DoseText]:
    for part in split_doses(text):
        yield parse_dose(part, loc)


def _single(dose: DoseText, loc: Location, servings: float = 1.0, frequency: Frequency | None = None) -> Item:
    return Item(dose.text, (Dose(dose, loc),), servings, frequency or dose.frequency or DAILY, loc)


_SERVINGS: Final = re.compile(SERVINGS_PHRASE)


def _servings_and_unit(entries: dict[str, YNode]) -> tuple[float, str | None]:
    """``servings: 2`` or, as labels say it, ``servings: 2 softgels`` / ``1 tsp``: the count, and its word."""
    if "servings" not in entries:
        return 1.0, None
    node = entries["servings"]
    if isinstance(node, YScalar) and isinstance(node.value, str) and (match := _SERVINGS.match(node.value)):
        return parse_amount(match["n"], "servings", node.loc), " ".join(match["unit"].split())
    return _number(node, "servings", _example(PRODUCT, "servings")), None


def _servings(entries: dict[str, YNode]) -> float:
    return _servings_and_unit(entries)[0]


def _item_flags(entries: dict[str, YNode], serving_unit: str | None) -> dict[str, Any]:
    """The item keys that say how a dose is taken: ``prescribed``, ``new``, ``purpose``, and the serving word
    (``_servings_and_unit``'s, read by the caller)."""
    flags: dict[str, Any] = {"serving_unit": serving_unit}
    for key in ("prescribed", "new"):
        node = entries.get(key)
        if node is not None and not (isinstance(node, YScalar) and node.value is None):
            flags[key] = _flag(node, key)
    if "purpose" in entries:
        flags["purpose"] = " ".join(_text(entries["purpose"], "purpose", _example(PRODUCT, "purpose")).split())
    return flags


def _frequency(entries: dict[str, YNode], dose: DoseText | None = None) -> Frequency | None:
    if "frequency" not in entries:
        return None
    node = entries["frequency"]
    if dose is not None and dose.frequency is not None:
        raise InputError("the frequency is given twice", "keep either the dose's or the 'frequency' key", node.loc)
    return require_frequency(_text(node, "frequency", _example(PRODUCT, "frequency")), node.loc)


def _long_dose(node: YMap, shape: Shape) -> DoseText:
    """An ingredient given as keys: ``ingredient``, ``amount`` ("100 mcg" or 100 with ``unit``) and ``form``."""
    entries = node.entries
    for required in shape.required:
        if required not in entries:
            raise InputError(f"{shape.where} has no '{required}'", f"add e.g. {_example(shape, required)}", node.loc)
    name = _text(entries["ingredient"], "ingredient", _example(shape, "ingredient"))
    amount_node = entries["amount"]
    alternate, folic_acid_mcg = None, None
    if "unit" in entries:
        unit = parse_unit(_text(entries["unit"], "unit", _example(shape, "unit")), entries["unit"].loc)
        amount = _number(amount_node, "amount", "'amount: 100'")
        text = f"{amount:g} {unit} {name}"
    else:
        written = _text(amount_node, "amount", _example(shape, "amount"))
        dose = parse_dose(f"{written} {name}", amount_node.loc)
        if dose.name != name or dose.frequency is not None:
            raise InputError(
                f"amount '{written}' must be a number and a unit",
                f"write e.g. {_example(shape, 'amount')}",
                amount_node.loc,
            )
        amount, unit, text = dose.amount, dose.unit, dose.text
        alternate, folic_acid_mcg = dose.alternate, dose.folic_acid_mcg  # "amount: 50 mcg (2,000 IU)"
    form = _text(entries["form"], "form", _example(shape, "form")) if "form" in entries else None
    if form:
        text += f" (as {form})"
    return DoseText(text, amount, unit, name, form, None, alternate, folic_acid_mcg)


def _one_line(node: YNode, listed: YSeq | None) -> None:
    """A dose that YAML folded from two plain lines has almost always lost the "- " (or ",") before the second.

    A line break next to a '+' is meant (the doses are joined); so is one inside quotes or a block scalar (``>``),
    which YAML marks as written on purpose.
    """
    if not isinstance(node, YScalar) or not node.lines:
        return
    lines = [line.strip() for line in node.lines if line.strip()]
    for before, after in itertools.pairwise(lines):
        if before.endswith("+") or after.startswith("+"):
            continue
        if listed is None:
            raise InputError(
                "this dose line runs onto the next line",
                f"join the doses with ' + ' or give each its own '- ' line (the next begins '{after}')",
                node.loc,
            )
        missing = "','" if listed.flow else "'- '"
        raise InputError(
            "this item runs onto the next line", f"a {missing} is probably missing before '{after}'", node.loc
        )


def _ingredient(node: YNode, listed: YSeq | None, doses: list[Dose]) -> None:
    """Add the ingredients of a product entry to ``doses``: dose strings or long-form mappings, never with their
    own frequency. Each part is read, and checked, before the next (an error names the first bad part)."""
    if isinstance(node, YScalar) and isinstance(node.value, str):  # a dose string, as most are
        if node.lines:  # folded from several lines
            _one_line(node, listed)
        text = node.raw.strip()  # as _text reads it
    elif isinstance(node, YMap):
        _check_keys(node, INGREDIENT)
        doses.append(Dose(_long_dose(node, INGREDIENT), node.loc))
        return
    else:
        _one_line(node, listed)
        text = _text(node, "an ingredient", "'- 600 mg calcium (as carbonate)'")
    loc = node.loc
    for part in split_doses(text) if "+" in text else (text,):
        dose = parse_dose(part, loc)
        if dose.frequency is not None:
            raise InputError(
                f"ingredient '{dose.text}' has its own frequency", "give the frequency once, on the product", loc
            )
        doses.append(record(Dose, dose, loc))


class _Parse:
    """What one document's parse needs besides the tree: the label reader, and notes gathered on the way."""

    def __init__(self, labels: LabelReader | None) -> None:
        self.labels = labels
        self.notes: list[str] = []


def _dsld_product(node: YMap, spec: YMap, parse: _Parse) -> Item:
    """``product: {dsld: labels/123456.json, servings: 1}``: the label's Supplement Facts as the product."""
    from .dsld import DsldError, label_to_product

    _check_keys(spec, DSLD_PRODUCT)
    if "ingredients" in node.entries:
        raise InputError(
            "a DSLD product takes its ingredients from the label", "remove 'ingredients'", node.keys["ingredients"]
        )
    path = _text(spec.entries["dsld"], "dsld", _example(DSLD_PRODUCT, "dsld"))
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
    )._replace(**_item_flags(both, _servings_and_unit(both)[1]))


def _product(node: YMap, parse: _Parse) -> Item:
    _check_keys(node, PRODUCT)
    entries = node.entries
    if isinstance(entries["product"], YMap) and "dsld" in entries["product"].entries:
        return _dsld_product(node, entries["product"], parse)
    name = _text(entries["product"], "product", _example(PRODUCT, "product"))
    ingredients = entries.get("ingredients")
    if ingredients is None or (isinstance(ingredients, YScalar) and ingredients.value is None):
        raise InputError(
            f"product '{name}' lists no ingredients", "add 'ingredients:' with one dose per line", node.loc
        )
    listed = ingredients if isinstance(ingredients, YSeq) else None
    doses: list[Dose] = []
    for child in listed.items if listed is not None else (ingredients,):
        _ingredient(child, listed, doses)
    if not doses:
        raise InputError(
            f"product '{name}' lists no ingredients", "add 'ingredients:' with one dose per line", node.loc
        )
    servings, serving_unit = _servings_and_unit(entries)
    frequency = _frequency(entries) or DAILY
    return Item(name, tuple(doses), servings, frequency, node.loc, True, **_item_flags(entries, serving_unit))


def _items(node: YNode, parse: _Parse) -> Iterator[Item]:
    if isinstance(node, YScalar) and isinstance(node.value, str):
        _one_line(node, None)
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
            _check_keys(child, DOSE_ITEM)
            text = _text(child.entries["dose"], "dose", _example(DOSE_ITEM, "dose"))
            name = None
            if "name" in child.entries:
                name = _text(child.entries["name"], "name", _example(DOSE_ITEM, "name"))
            for dose in _doses_from_text(text, child.entries["dose"].loc):
                single = _single(dose, child.loc, _servings(child.entries), _frequency(child.entries, dose))
                flags = _item_flags(child.entries, _servings_and_unit(child.entries)[1])
                yield single._replace(label=name or single.label, **flags)
        elif isinstance(child, YMap):
            _check_keys(child, LONG_ITEM)
            dose = _long_dose(child, LONG_ITEM)
            label = (
                _text(child.entries["name"], "name", _example(LONG_ITEM, "name"))
                if "name" in child.entries
                else dose.text
            )
            item = _single(dose, child.loc, _servings(child.entries), _frequency(child.entries))
            yield Item(label, item.doses, item.servings, item.frequency, item.location)._replace(
                **_item_flags(child.entries, _servings_and_unit(child.entries)[1])
            )
        else:
            _one_line(child, node)
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
    _check_keys(tree, REGIMEN)
    entries = tree.entries
    if "items" not in entries:
        raise InputError("the regimen has no 'items'", "add 'items:' with at least one dose", tree.loc)
    name = _text(entries["name"], "name", _example(REGIMEN, "name")) if "name" in entries else default_name
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
            _check_keys(child, IGNORE_ENTRY)
            if "rule" not in child.entries:
                raise InputError(
                    "an ignore entry has no 'rule'", "write '- {rule: d-without-k2, reason: ...}'", child.loc
                )
            rule_node = child.entries["rule"]
            reason = (
                _text(child.entries["reason"], "reason", _example(IGNORE_ENTRY, "reason"))
                if "reason" in child.entries
                else ""
            )
        else:
            rule_node, reason = child, ""
        name = _text(rule_node, "rule", _example(IGNORE_ENTRY, "rule"))
        ignored.append(Ignored(name, reason, child.loc, rule_node.loc))
    return tuple(ignored)


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
