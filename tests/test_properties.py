"""Property tests: whatever arrives (text, YAML-able data, bytes) ends in a report or calcguide's own error."""

from __future__ import annotations

import math
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from calcguide import InputError, Report, evaluate
from calcguide.loading import read_regimens

_NAMES = st.sampled_from(
    ["items", "profile", "name", "product", "ingredients", "ingredient", "amount", "unit", "frequency", "servings",
     "age", "sex", "diet", "calcium", "dose", "ignore", "rule", "form", "medications", "conditions", "pregnant"]
)  # fmt: skip
_DOSES = st.sampled_from(
    ["5000 IU D3", "100 mcg MK-7", "600 mg calcium (as carbonate)", "2500 mg calcium carbonate", "50,000 IU D2 weekly",
     "1 IU calcium", "0 IU D3", "twice daily", "every 0 days", "-3 mg magnesium", "1e400 IU D3", "female", "45"]
)  # fmt: skip
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), _DOSES,
)  # fmt: skip
_DATA = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(_NAMES | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=25,
)


def _outcomes(data: str | bytes) -> list[Report | InputError]:
    """Read and evaluate everything; only InputError may come out besides reports."""
    outcomes: list[Report | InputError] = []
    for entry in read_regimens(data, "prop.yaml"):
        if isinstance(entry, InputError):
            outcomes.append(entry)
            continue
        try:
            outcomes.append(evaluate(entry))
        except InputError as exc:
            outcomes.append(exc)
    return outcomes


def _sane(report: Report) -> None:
    for total in report.totals:
        assert math.isfinite(total.total_per_day) and total.total_per_day >= 0
        assert total.percent_ul is None or math.isfinite(total.percent_ul)
    for finding in report.findings:
        assert finding.message and finding.evidence


@given(st.text(max_size=200))
def test_any_text_as_a_one_line_regimen(text: str) -> None:
    for outcome in _outcomes(yaml.safe_dump({"items": text})):
        if isinstance(outcome, Report):
            _sane(outcome)
        else:
            assert outcome.location is not None and outcome.message


@given(_DATA)
def test_any_yaml_data_as_a_regimen(data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    for outcome in _outcomes(text):
        if isinstance(outcome, Report):
            _sane(outcome)


@given(st.fixed_dictionaries({"items": st.lists(_DOSES | _DATA, min_size=1, max_size=6)}, optional={"profile": _DATA}))
def test_regimen_shaped_data(data: Any) -> None:
    for outcome in _outcomes(yaml.safe_dump(data, allow_unicode=True)):
        if isinstance(outcome, Report):
            _sane(outcome)


@given(st.binary(max_size=300))
def test_any_bytes_as_a_file(data: bytes) -> None:
    for outcome in _outcomes(data):
        assert isinstance(outcome, Report | InputError)
