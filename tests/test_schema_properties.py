"""Property tests of the generated schema against calcguide itself: whatever calcguide accepts the schema passes,
and the schema's words and grammars accept every spelling calcguide reads (any case, spacing, hyphens)."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import pytest
import yaml
from conftest import REPO
from hypothesis import assume, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from test_schema_agreement import _plain

from calcguide import InputError, evaluate, load_regimens
from calcguide.catalog import catalog, fold
from calcguide.doses import _FREQUENCY_FORMS, _TIMES_EVERY, UNITS, parse_frequency, parse_unit
from calcguide.errors import Location
from calcguide.format_schema import _FOLD_TO_ASCII, _LOWER_TO_ASCII
from calcguide.regimen import profile_from_tree
from calcguide.regimen_format import AGE_PHRASE, FLAG_WORDS, SEX_WORDS
from calcguide.rules import REGISTRY
from calcguide.selection import rule_name
from calcguide.yamltree import YMap, YScalar, parse_documents

SCHEMA: dict[str, Any] = json.loads((REPO / "calcguide" / "data" / "regimen.schema.json").read_text("utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
DEFS = SCHEMA["$defs"]
PROFILE = DEFS["profile"]["anyOf"][0]["properties"]


def _pattern(schema: dict[str, Any]) -> str:
    """The pattern of a string schema, or of the string branch of an anyOf."""
    if "pattern" in schema:
        return str(schema["pattern"])
    return next(str(branch["pattern"]) for branch in schema["anyOf"] if "pattern" in branch)


def _respelt(draw: st.DrawFn, text: str, spaces: tuple[str, ...] = (" ", "  ", "\t")) -> str:
    """The same words as a person might type them: any case, other spacing, spaces around."""
    cased = "".join(char.upper() if draw(st.booleans()) else char for char in text)
    spaced = " ".join(cased.split()) if not draw(st.booleans()) else cased
    parts = spaced.split(" ")
    joined = parts[0] + "".join(draw(st.sampled_from(spaces)) + part for part in parts[1:])
    return draw(st.sampled_from(["", " ", "  "])) + joined + draw(st.sampled_from(["", " ", "\t"]))


# --- whatever calcguide accepts, the schema passes -----------------------------------------------------------------

_FREQUENCIES = ["daily", "Twice Daily", "3x daily", "every-other-day", "weekly", "BID", "every 2 weeks", "monthly"]
_DOSES = ["5000 IU D3", "100 mcg MK-7", "600 mg calcium (as carbonate)", "50,000 IU D2 weekly", "2 mg boron"]
_WORDS = st.sampled_from(["female", "MALE", " f ", "woman", "yes", "No", "on", "true", "", "maybe", "45", "x"])
_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 200), st.floats(0, 200), _WORDS, st.sampled_from(_FREQUENCIES)
)


@st.composite
def _item(draw: st.DrawFn) -> Any:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.sampled_from(_DOSES))
    extra = draw(
        st.dictionaries(
            st.sampled_from(["frequency", "servings", "prescribed", "new", "purpose", "name"]), _VALUES, max_size=3
        )
    )
    if kind == 1:
        return {"dose": draw(st.sampled_from(_DOSES)), **extra}
    if kind == 2:
        amount = draw(st.sampled_from([100, "100", "100 mcg", "100mcg", "1,000 IU", "lots", 0]))
        unit = draw(st.sampled_from([None, "mcg", "MCG", "iu", "µg", "mg", "lbs", "IU"]))
        ingredient = draw(st.sampled_from(["MK-7", "D3", "calcium", "vitamin A", "mystery"]))
        long: dict[str, Any] = {"ingredient": ingredient, "amount": amount, **extra}
        if unit is not None:
            long["unit"] = unit
        return long
    ingredients = draw(st.lists(st.sampled_from(_DOSES), min_size=0, max_size=3))
    return {"product": draw(st.sampled_from(["Tablet", 365])), "ingredients": ingredients, **extra}


@st.composite
def _regimen(draw: st.DrawFn) -> dict[str, Any]:
    profile_keys = ["age", "sex", "pregnant", "lactating", "smoker", "medications", "diet"]
    profile = draw(st.dictionaries(st.sampled_from(profile_keys), _VALUES, max_size=4))
    if "diet" in profile:
        profile["diet"] = {draw(st.sampled_from(["calcium", "Vitamin D", "VITAMIN_K", "calcum"])): profile["diet"]}
    regimen: dict[str, Any] = {"items": draw(st.lists(_item(), min_size=1, max_size=4))}
    if profile or draw(st.booleans()):
        regimen["profile"] = profile
    if draw(st.booleans()):
        regimen["ignore"] = draw(
            st.lists(st.sampled_from(["d-without-k2", "CG101", " Above-UL ", "no-such-rule", {"rule": "cg201"}]))
        )
    return regimen


@given(_regimen())
def test_what_calcguide_accepts_the_schema_passes(regimen: dict[str, Any]) -> None:
    text = yaml.safe_dump(regimen, allow_unicode=True)
    try:
        for read in load_regimens(text, "prop.yaml"):
            evaluate(read)
    except InputError:
        return  # rejected: the schema may say either
    for tree in parse_documents(text):
        assert [error.message for error in VALIDATOR.iter_errors(_plain(tree))] == [], text


# --- words and grammars ----------------------------------------------------------------------------------------------


@st.composite
def _frequency(draw: st.DrawFn) -> str:
    form = draw(st.sampled_from([_TIMES_EVERY, *_FREQUENCY_FORMS]))
    phrase = draw(st.from_regex(re.compile(form.pattern, re.ASCII), fullmatch=True))
    return _respelt(draw, phrase, (" ", "-", " - ", "\t"))


@given(_frequency())
def test_every_frequency_calcguide_reads_matches_the_schema(text: str) -> None:
    try:
        accepted = parse_frequency(text) is not None
    except InputError:  # "0 times daily": grammatical, but no frequency (the schema leaves counts to calcguide)
        accepted = True
    assert accepted, text
    assert re.search(DEFS["frequency"]["pattern"], text), text


@given(st.text(alphabet="dailywektmsohrvn -x0123", max_size=24))
def test_a_text_the_frequency_pattern_refuses_is_no_frequency(text: str) -> None:
    if not re.search(DEFS["frequency"]["pattern"], text):
        assert parse_frequency(text) is None


@st.composite
def _age(draw: st.DrawFn) -> str:
    return _respelt(draw, draw(st.from_regex(re.compile(AGE_PHRASE, re.ASCII), fullmatch=True)).strip())


@given(_age())
def test_every_age_phrase_calcguide_reads_matches_the_schema(text: str) -> None:
    try:
        _profile("age", text)
    except InputError as exc:
        assume("not a possible age" in exc.message)  # out of range: left to calcguide
    assert re.search(_pattern(PROFILE["age"]), text), text


def _profile(key: str, text: str) -> Any:
    """calcguide's reading of ``profile: {key: text}`` (the text as YAML 1.2 gives a string)."""
    here = Location(1, 1)
    return profile_from_tree(YMap({key: YScalar(text, text, here)}, {key: here}, here))


def _or_none(read: Any, *args: Any) -> Any:
    try:
        return read(*args)
    except InputError:
        return None


VOCABULARIES = {  # the schema's words, and calcguide's reading of one (None: not a word of it)
    "sex": (_pattern(PROFILE["sex"]), list(SEX_WORDS), lambda text: _or_none(_profile, "sex", text)),
    "flag": (_pattern(DEFS["flag"]), list(FLAG_WORDS), lambda text: _or_none(_profile, "smoker", text)),
    "unit": (DEFS["unit"]["pattern"], list(UNITS), lambda text: _or_none(parse_unit, text, None)),
    "rule": (
        DEFS["rule"]["pattern"],
        [word for rule in REGISTRY.values() for word in (rule.name, rule.code)],
        lambda text: _or_none(rule_name, text),
    ),
}


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
@given(data=st.data())
def test_the_schema_words_are_exactly_calcguide_words(vocabulary: str, data: st.DataObject) -> None:
    pattern, words, read = VOCABULARIES[vocabulary]
    text = _respelt(data.draw, data.draw(st.sampled_from(words))) if data.draw(st.booleans()) else data.draw(st.text())
    assert (re.search(pattern, text) is not None) == (read(text) is not None), text


def test_only_the_characters_the_patterns_allow_for_lower_case_to_ascii_letters() -> None:
    """str.lower() and calcguide's fold turn a few non-ASCII characters into ASCII letters; the schema's letter
    classes list them, so a spelling calcguide accepts is never refused."""
    lowers, folds = {}, {}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isascii():
            continue
        lower = char.lower()
        if len(lower) == 1 and lower.isascii() and lower.isalpha():
            lowers[lower] = lowers.get(lower, "") + char
        folded = fold(char)
        if len(folded) == 1:
            folds[folded] = folds.get(folded, "") + char
    assert lowers == _LOWER_TO_ASCII
    assert folds == _FOLD_TO_ASCII


@given(st.data())
def test_diet_names_in_any_spelling_calcguide_reads_match_the_schema(data: st.DataObject) -> None:
    known = catalog()
    name = data.draw(
        st.sampled_from([n for nutrient in known.nutrients.values() for n in (nutrient.id, nutrient.label)])
    )
    junk = st.sampled_from(["", " ", "-", "_", ".", "  "])
    text = "".join(
        (char.upper() if data.draw(st.booleans()) else char) + data.draw(junk) for char in name.replace("_", " ")
    )
    assert known.nutrient_named(text) is not None
    names = DEFS["diet"]["anyOf"][0]["propertyNames"]["pattern"]
    assert re.search(names, text), text


def test_diet_names_calcguide_refuses_are_flagged() -> None:
    names = DEFS["diet"]["anyOf"][0]["propertyNames"]["pattern"]
    for text in ("calcum", "vitamin", "vitamin dd", "d", "iron man"):
        assert catalog().nutrient_named(text) is None
        assert not re.search(names, text), text


@given(st.from_regex(re.compile(DEFS["no IU ingredient"]["pattern"], re.ASCII), fullmatch=True))
def test_every_ingredient_the_schema_refuses_iu_for_calcguide_refuses_too(text: str) -> None:
    with pytest.raises(InputError, match="IU has no meaning"):
        for regimen in load_regimens(yaml.safe_dump({"items": [{"ingredient": text, "amount": 5, "unit": "IU"}]})):
            evaluate(regimen)
