"""How calcguide reads YAML scalars: the YAML 1.2 core schema, as editors and their schema validators read them,
with yes/no accepted by the keys that want true or false; and the plain dose folded from two lines."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from calcguide import InputError, load_regimens
from calcguide.yamlschema import resolve
from calcguide.yamltree import YMap, YScalar, YSeq, parse_documents


def _values(text: str) -> list[object]:
    (tree,) = parse_documents(f"v: [{text}]\n")
    assert isinstance(tree, YMap)
    sequence = tree.entries["v"]
    assert isinstance(sequence, YSeq)
    return [child.value for child in sequence.items if isinstance(child, YScalar)]


def test_plain_scalars_resolve_as_yaml_1_2_core() -> None:
    assert _values("true, False, TRUE, null, ~, Null") == [True, False, True, None, None, None]
    assert _values("045, 0o17, 0x1F, -5, +3") == [45, 15, 31, -5, 3]  # YAML 1.1 read 045 as octal 37
    assert _values("1e3, .5, 2., -.inf") == [1000.0, 0.5, 2.0, float("-inf")]
    # YAML 1.1 booleans, sexagesimal numbers, underscores and the "=" value key are text in YAML 1.2
    assert _values("yes, No, on, OFF, 1:30, 1_000, =, 2024-01-01") == [
        "yes", "No", "on", "OFF", "1:30", "1_000", "=", "2024-01-01",
    ]  # fmt: skip
    assert _values('"012", !!str 5, !!int 7, !!float 3, !!int five') == ["012", "5", 7, 3.0, "five"]


def test_a_leading_zero_age_is_decimal() -> None:
    (regimen,) = load_regimens("profile: {age: 045}\nitems: [1000 IU D3]\n")
    assert regimen.profile.age_years == 45.0


@pytest.mark.parametrize(
    ("written", "meaning"),
    [("yes", True), ("Yes", True), ("ON", True), ('"true"', True), ("no", False), ("Off", False), ("false", False)],
)
def test_flags_take_yes_and_no(written: str, meaning: bool) -> None:
    (regimen,) = load_regimens(f"profile: {{smoker: {written}}}\nitems: [1000 IU D3]\n")
    assert regimen.profile.smoker is meaning


def test_yes_is_a_name_where_a_name_is_wanted() -> None:
    (regimen,) = load_regimens("name: yes\nprofile: {medications: [on]}\nitems: [1000 IU D3]\n")
    assert (regimen.name, regimen.profile.medications) == ("yes", ("on",))


@pytest.mark.parametrize(
    "items",
    [
        "items:\n  - 1000 IU D3 +\n    100 mcg MK-7\n",  # the break follows a '+'
        "items:\n  - 1000 IU D3\n    + 100 mcg MK-7\n",  # or comes before one
        "items:\n  - >-\n    1000 IU D3 + 100\n    mcg MK-7\n",  # a folded block scalar: written so on purpose
        "items:\n  - '1000 IU D3 + 100\n    mcg MK-7'\n",  # a quoted one
        "items: 1000 IU D3 +\n  100 mcg MK-7\n",
    ],
)
def test_a_line_break_that_is_meant_joins_the_doses(items: str) -> None:
    (regimen,) = load_regimens(items)
    assert [item.label for item in regimen.items] == ["1000 IU D3", "100 mcg MK-7"]


def test_a_lost_dash_is_found_across_a_blank_line() -> None:
    with pytest.raises(InputError) as caught:
        load_regimens("items:\n  - 1000 IU D3\n\n    100 mcg MK-7\n")
    assert str(caught.value) == (
        "<input>:2:5: this item runs onto the next line; a '- ' is probably missing before '100 mcg MK-7'"
    )


def test_a_dose_item_is_shown_by_its_name() -> None:
    (regimen,) = load_regimens("items: [{dose: 5000 IU D3 + 100 mcg MK-7, name: Sunny drops}]\n")
    assert [(item.label, item.doses[0].dose.text) for item in regimen.items] == [
        ("Sunny drops", "5000 IU D3"),
        ("Sunny drops", "100 mcg MK-7"),
    ]


# YAML 1.2.2, 10.3.2 (core schema), the regular expressions of its tag resolution table, in its order.
_CORE_SCHEMA_TABLE = [
    ("tag:yaml.org,2002:null", r"null|Null|NULL|~"),
    ("tag:yaml.org,2002:null", r""),
    ("tag:yaml.org,2002:bool", r"true|True|TRUE|false|False|FALSE"),
    ("tag:yaml.org,2002:int", r"[-+]?[0-9]+"),
    ("tag:yaml.org,2002:int", r"0o[0-7]+"),
    ("tag:yaml.org,2002:int", r"0x[0-9a-fA-F]+"),
    ("tag:yaml.org,2002:float", r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"),
    ("tag:yaml.org,2002:float", r"[-+]?(\.inf|\.Inf|\.INF)"),
    ("tag:yaml.org,2002:float", r"\.nan|\.NaN|\.NAN"),
]


def _table_tag(text: str) -> str:
    for tag, pattern in _CORE_SCHEMA_TABLE:
        if re.fullmatch(pattern, text):
            return tag
    return "tag:yaml.org,2002:merge" if text == "<<" else "tag:yaml.org,2002:str"  # << only to refuse it


_SCALAR_TEXT = st.text(alphabet="-+.0123456789eEoxabcfinINtTrRuUlLsSNF~<_: ", max_size=8) | st.sampled_from(
    [
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "null",
        "Null",
        "NULL",
        "~",
        "",
        "<<",
        ".inf",
        "-.Inf",
        ".NaN",
        "0o17",
        "0x1F",
        "1e3",
        "2.",
        "+.5",
        "٣",
        "1٣",
        "0o8",
        "+0x1",
    ]
)


@given(_SCALAR_TEXT)
def test_a_plain_scalar_takes_the_core_schema_table_s_tag(text: str) -> None:
    assert resolve(yaml.ScalarNode, text, (True, False)) == _table_tag(text)


def test_a_quoted_scalar_is_a_string() -> None:
    assert resolve(yaml.ScalarNode, "true", (False, True)) == "tag:yaml.org,2002:str"
