"""The JSON report is written by orjson, and must read exactly as ``json.dumps`` wrote it before: the same bytes
for every number the report can carry (rounded to 4 places, NaN, infinities, huge and tiny values), every string
(control characters, quotes, U+2028, lone surrogates) and every nesting, compact and indented."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from calcguide.report.json import _num, _plain, dumps_indented, dumps_line

_NUMBERS = st.floats().map(_num) | st.floats().map(_plain) | st.integers() | st.booleans() | st.none()
_KEYS = st.text(max_size=8)
_VALUES = st.recursive(
    _NUMBERS | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=30,
)


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _indented(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


@given(_VALUES)
def test_compact_lines_are_what_json_dumps_writes(data: Any) -> None:
    assert dumps_line(data) == _compact(data)


@given(_VALUES)
def test_indented_reports_are_what_json_dumps_writes(data: Any) -> None:
    assert dumps_indented(data) == _indented(data)


def test_numbers_orjson_would_print_otherwise_are_printed_as_json_dumps_prints_them() -> None:
    data = {
        "age": _plain(0.00001),  # orjson alone: 0.00001
        "tiny": _num(0.00004),
        "huge": _num(1e16),
        "nan": _num(float("nan")),  # orjson alone: null
        "inf": _num(float("inf")),
        "negative_zero": _num(-0.0),
        "int": _num(5),
        "big_int": 2**70,  # orjson alone: refuses
    }
    expected = '{"age":1e-05,"tiny":0.0,"huge":1e+16,"nan":NaN,"inf":Infinity,"negative_zero":0.0,"int":5.0,"big_int":1180591620717411303424}'
    assert dumps_line(data) == expected


def test_strings_keep_json_dumps_escapes() -> None:
    data = ['a "quoted" \\ path\n\t\x00\x1f\x7f', "\u2028\u0085é😀", "\ud800"]
    assert dumps_line(data) == '["a \\"quoted\\" \\\\ path\\n\\t\\u0000\\u001f\x7f","\u2028\u0085é😀","\ud800"]'
    assert dumps_indented({"a": [], "b": {}, "c": [1]}) == '{\n  "a": [],\n  "b": {},\n  "c": [\n    1\n  ]\n}'
