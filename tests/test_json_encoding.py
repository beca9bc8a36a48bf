"""The JSON report is written by orjson, and must read exactly as ``json.dumps`` wrote it before: the same bytes
for every number the report can carry (rounded to 4 places, NaN, infinities, huge and tiny values), every string
(control characters, quotes, U+2028, lone surrogates) and every nesting, compact and indented."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
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


def _rounded(value: float | None) -> float | None:
    """The report's rounding as first written: 4 places, -0.0 as 0.0, an int as a float."""
    return None if value is None else round(value, 4) + 0.0


def _same_float(a: object, b: float) -> bool:
    return isinstance(a, float) and (a == b or (a != a and b != b)) and str(a) == str(b)


# Decimal ties and near-ties at the 4th place, as amounts, percentages and conversions produce them:
# 0.00005, 12.34565, 2.675 (stored just below its decimal value), 1.00005 +- a few units in the last place.
def _near_tie(whole: int, digits: int, step: int, sign: int) -> float:
    value = float(f"{whole}.{digits:04d}5")
    return sign * (math.nextafter(value, step * math.inf) if step else value)


_NEAR_TIES = st.builds(
    _near_tie, st.integers(0, 10**9), st.integers(0, 9999), st.integers(-1, 1), st.sampled_from([1, -1])
)


@given(st.floats() | st.integers(-(10**12), 10**12) | _NEAR_TIES)
def test_report_numbers_are_rounded_to_4_places_as_round_does(value: float) -> None:
    """Every amount in the report is ``round(value, 4)`` (half to even on the exact value), as a float, 0.0 for
    -0.0: the quick path in float arithmetic may never give another float, even next to a tie."""
    made = _num(value)
    expected = round(value, 4) + 0.0
    assert _same_float(made, expected), (value, made, expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.00005, 0.0001),  # stored just above 5e-05: up
        (0.00015, 0.0001),  # stored just below 1.5e-4: down
        (2.00005, 2.0),  # stored just below: down
        (12.34565, 12.3456),  # stored just below: down
        (0.5, 0.5),
        (124.99999999999999, 125.0),
        (-0.00004, 0.0),  # not -0.0
        (1e16, 1e16),
        (109951162.77765, 109951162.7776),  # stored just below
        (927238478764.7991, 927238478764.7991),  # x 10,000 is past 2**53, where floats are even integers
        (5, 5.0),
    ],
)
def test_report_numbers_next_to_a_tie(value: float, expected: float) -> None:
    assert _same_float(_num(value), expected)


# Few distinct values, so that totals repeat them (no diet, all under the UL, one authority) as real ones do.
_AMOUNTS = st.sampled_from([0, 0.0, -0.0, 5, 5.0, 124.99999999999999, 2.5e-5, 1e16, float("inf"), float("nan")])


@given(
    st.lists(_AMOUNTS, min_size=5, max_size=5),
    st.lists(st.tuples(_AMOUNTS | st.none(), _AMOUNTS), max_size=2),
    _AMOUNTS | st.none(),
)
def test_a_total_reads_as_each_value_rounded_on_its_own(
    amounts: list[float], limits: list[tuple[float | None, float]], target: float | None
) -> None:
    from calcguide.report.json import _total
    from calcguide.totals import LimitUse, NutrientTotal

    amount, diet, whole, ul_amount, ul = amounts
    uses = tuple(LimitUse("efsa", use_ul, "total", use_amount, "t", "u") for use_ul, use_amount in limits)
    total = NutrientTotal(
        "calcium", "Calcium", "mg", amount, diet, whole, "total", ul_amount, target, "RDA", ul, ("a",), limits=uses
    )
    expected = {
        "amount_per_day": _rounded(amount),
        "diet_per_day": _rounded(diet),
        "total_per_day": _rounded(whole),
        "target": _rounded(target),
        "ul": _rounded(ul),
        "ul_amount_per_day": _rounded(ul_amount),
        "percent_ul": _rounded(total.percent_ul),
        "percent_target": _rounded(total.percent_target),
        "limits": [
            {
                "ul": _rounded(use.ul),
                "ul_amount_per_day": _rounded(use.amount_per_day),
                "percent_ul": _rounded(use.percent),
            }
            for use in uses
        ],
    }
    made = _total(total)
    made["limits"] = [{key: use[key] for key in ("ul", "ul_amount_per_day", "percent_ul")} for use in made["limits"]]
    assert _compact({key: made[key] for key in expected}) == _compact(expected)
    assert dumps_line(made) == _compact(made)


def test_the_float_probe_is_what_json_dumps_writes() -> None:
    from calcguide.report.json import _FLOAT_PROBE, _FLOAT_PROBE_JSON

    assert _compact(_FLOAT_PROBE).encode() == _FLOAT_PROBE_JSON


def test_an_orjson_that_writes_floats_otherwise_is_not_used(monkeypatch: Any) -> None:
    import calcguide.report.json as json_report

    monkeypatch.setattr(json_report, "_ORJSON_AGREES", False)
    monkeypatch.setattr(json_report.orjson, "dumps", lambda *args, **kwargs: b'"not json.dumps"')
    data = {"ul": 1e16, "sources": ["a"], "limits": []}
    assert dumps_line(data) == '{"ul":1e+16,"sources":["a"],"limits":[]}'
    assert dumps_indented(data) == _indented(data)


def test_citations_shared_between_reports_stay_each_reports_own() -> None:
    from conftest import check_text

    from calcguide.report.json import report_object

    first = report_object(check_text("5000 IU D3", age=40, sex="female"))
    evidence = first["findings"][0]["evidence"]
    assert evidence and all(set(citation) == {"title", "url"} for citation in evidence)
    evidence.append({"title": "changed by a caller", "url": ""})
    again = report_object(check_text("5000 IU D3", age=40, sex="female"))
    assert again["findings"][0]["evidence"] == evidence[:-1]
