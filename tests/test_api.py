"""The Python API as the README documents it: the example runs as written; load_regimens, evaluate and
regimen_from_line behave as described."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from conftest import REPO, found, make_profile

import calcguide
from calcguide import InputError, Location, Severity, evaluate, load_regimens, regimen_from_line

D_WARNING = (
    "Vitamin D at 2,000 IU (50 mcg) a day with no vitamin K2 (MK-4 or MK-7): vitamin K2 activates osteocalcin, "
    "which binds calcium into bone, and matrix Gla-protein, which keeps it out of arteries. No official D:K2 "
    "requirement exists; consider adding 90-180 mcg MK-7 a day."
)


def _readme_python() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1
    return blocks[0]


def test_readme_example_runs_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    code = _readme_python()
    assert 'load_regimens(handle.read(), "regimens/d3-alone.yaml")' in code
    monkeypatch.chdir(REPO)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
    assert out.getvalue().splitlines() == [f"warning d-without-k2 {D_WARNING}"]


def test_public_names() -> None:
    for name in ("evaluate", "load_regimens", "regimen_from_line", "InputError", "Report", "Severity", "Profile"):
        assert name in calcguide.__all__
        assert hasattr(calcguide, name)


# --- load_regimens -----------------------------------------------------------------------------------------------


def test_load_regimens_reads_every_document() -> None:
    regimens = load_regimens("name: one\nitems: [2000 IU D3]\n---\nitems: [100 mcg MK-7]\n", "two.yaml")
    assert [(r.name, r.source) for r in regimens] == [("one", "two.yaml"), ("two #2", "two.yaml")]
    assert [item.label for r in regimens for item in r.items] == ["2000 IU D3", "100 mcg MK-7"]


def test_load_regimens_accepts_bytes() -> None:
    (regimen,) = load_regimens("items: [2000 IU D3]\n".encode("utf-16"), "wide.yaml")
    assert regimen.name == "wide"


@pytest.mark.parametrize(
    ("data", "line", "column", "text"),
    [
        (
            "items:\n  - 5000 IU D3\n  - 100 qq MK-7\n",
            3,
            5,
            "unknown unit 'qq'; use IU, mcg, mg, g, mcg RAE or mg elemental",
        ),
        ("items: [5000 IU D3]\n---\nitems: []\n", 3, 8, "'items' is empty; list at least one dose"),
        ("", 1, 1, "the file holds no regimen; add 'items:' with at least one dose"),
        ("items: [5000 IU D3]\nprofil: {}\n", 2, 1, "unknown key 'profil' in a regimen; did you mean 'profile'?"),
        (b"items: [caf\xe9]\n", 1, 12, "not valid UTF-8 text (byte 0xe9); save the file as UTF-8"),
    ],
)
def test_load_regimens_raises_input_error_with_its_location(
    data: str | bytes, line: int, column: int, text: str
) -> None:
    with pytest.raises(InputError) as caught:
        load_regimens(data, "r.yaml")
    error = caught.value
    assert error.location is not None
    assert (error.location.line, error.location.column) == (line, column)
    assert error.location == Location(line, column)
    assert error.source == "r.yaml"
    assert error.text == text
    assert str(error) == f"r.yaml:{line}:{column}: {text}"


# --- evaluate ----------------------------------------------------------------------------------------------------

MIX = "items: [2000 IU D3, 1200 mg calcium (as citrate), 100 mg mystery root]\n"


def _mix() -> calcguide.Regimen:
    (regimen,) = load_regimens(MIX, "mix.yaml")
    return regimen


def test_evaluate_returns_totals_findings_notes_and_summary() -> None:
    report = evaluate(_mix())
    assert found(report) == [
        ("d-without-k2", "warning"),
        ("unrecognized-ingredient", "warning"),
        ("calcium-single-dose", "info"),
    ]
    assert dict(report.summary) == {"error": 0, "warning": 2, "info": 1}
    assert report.worst is Severity.WARNING
    assert [(t.nutrient, t.total_per_day, t.ul) for t in report.totals] == [
        ("vitamin_d", 50.0, 100.0),
        ("calcium", 1200.0, 2500.0),
    ]
    assert report.notes == ("no profile: an adult 19-50 years, with the stricter of the male and female values",)
    assert report.findings[0].message == D_WARNING
    assert report.error is None


def test_evaluate_select_and_ignore_take_rule_names() -> None:
    assert found(evaluate(_mix(), select=["d-without-k2", "calcium-single-dose"])) == [
        ("d-without-k2", "warning"),
        ("calcium-single-dose", "info"),
    ]
    assert found(evaluate(_mix(), ignore=["d-without-k2", "unrecognized-ingredient"])) == [
        ("calcium-single-dose", "info")
    ]
    assert found(evaluate(_mix(), select=["d-without-k2", "above-ul"], ignore=["d-without-k2"])) == []
    report = evaluate(_mix(), select=[])
    assert (report.findings, dict(report.summary)) == ((), {"error": 0, "warning": 0, "info": 0})
    assert len(report.totals) == 2  # totals do not depend on the rules


def test_evaluate_thresholds_override_a_rules_defaults() -> None:
    report = evaluate(
        _mix(),
        thresholds={"d-without-k2": {"warning_iu_per_day": 3000}, "calcium-single-dose": {"max_mg_per_intake": 1200}},
    )
    assert found(report) == [("unrecognized-ingredient", "warning"), ("d-without-k2", "info")]
    assert report.findings[1].message == (
        "Vitamin D at 2,000 IU (50 mcg) a day with no vitamin K2 (MK-4 or MK-7), below 3,000 IU a day. "
        "No official D:K2 requirement exists; consider adding 90-180 mcg MK-7 a day."
    )


def test_evaluate_severities_replace_whatever_the_rule_gives() -> None:
    report = evaluate(
        _mix(), severities={"calcium-single-dose": Severity.ERROR, "unrecognized-ingredient": Severity.INFO}
    )
    # findings are ordered by severity, then code
    assert found(report) == [
        ("calcium-single-dose", "error"),
        ("d-without-k2", "warning"),
        ("unrecognized-ingredient", "info"),
    ]
    assert report.worst is Severity.ERROR
    # a rule that would only give info below its threshold is raised too
    below = regimen_from_line("400 IU D3")
    assert found(evaluate(below)) == [("d-without-k2", "info")]
    assert found(evaluate(below, severities={"d-without-k2": Severity.ERROR})) == [("d-without-k2", "error")]


def test_evaluate_honours_the_regimens_own_ignore_list() -> None:
    (regimen,) = load_regimens(MIX + "ignore:\n  - {rule: CG101, reason: natto}\n  - calcium-single-dose\n", "i.yaml")
    report = evaluate(regimen)
    assert found(report) == [("unrecognized-ingredient", "warning")]
    assert report.ignored == (("d-without-k2", "natto"), ("calcium-single-dose", ""))
    assert evaluate(regimen, ignore=["d-without-k2"]).ignored == (("calcium-single-dose", ""),)


def test_evaluate_raises_input_error_for_a_unit_that_does_not_fit() -> None:
    (regimen,) = load_regimens("items:\n  - 100 mcg MK-7\n  - 500 IU calcium\n", "iu.yaml")
    with pytest.raises(InputError) as caught:
        evaluate(regimen)
    assert str(caught.value) == "iu.yaml:3:5: IU has no meaning for calcium; give the amount in mg"


# --- regimen_from_line -------------------------------------------------------------------------------------------


def test_regimen_from_line() -> None:
    regimen = regimen_from_line("5000 IU D3 + 100 mcg MK-7")
    assert (regimen.name, regimen.source) == ("5000 IU D3 + 100 mcg MK-7", "<text>")
    assert [item.label for item in regimen.items] == ["5000 IU D3", "100 mcg MK-7"]
    report = evaluate(regimen)
    assert found(report) == [("above-ul", "warning")]
    assert report.findings[0].message == (
        "Vitamin D totals 125 mcg (5,000 IU) a day, 125% of the UL of 100 mcg (4,000 IU) for Adults 19-50 years."
    )


def test_regimen_from_line_with_a_profile() -> None:
    regimen = regimen_from_line("100 mcg MK-7", profile=make_profile(age=71, sex="male", medications=["Coumadin"]))
    report = evaluate(regimen)
    assert report.standard is not None
    assert report.standard.life_stage == "Males over 70 years"
    assert found(report) == [("vitamin-k-anticoagulant", "error")]


def test_regimen_from_line_raises_input_error() -> None:
    with pytest.raises(InputError) as caught:
        regimen_from_line("5 zz D3", "line")
    assert str(caught.value) == "line:1:1: unknown unit 'zz'; use IU, mcg, mg, g, mcg RAE or mg elemental"
