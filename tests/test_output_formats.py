"""The formats for editors and CI (concise, github), and the table report's layout: finding blocks, totals by
concern at 80 columns, hanging indents, no trailing spaces, and the lines for what was not checked."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import REGIMENS, Cli, check_text
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from calcguide.errors import Location
from calcguide.evaluate import Report, Unmatched
from calcguide.normalize import NotAssessed
from calcguide.report import concise, github, markdown, table
from calcguide.report.html import render as html_render
from calcguide.totals import LimitUse, NutrientTotal


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(REGIMENS, tmp_path / "regimens")
    return tmp_path


def _plain(renderable: object, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    console.print(renderable)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


# The two findings of regimens/warfarin-user.yaml (messages as the Markdown test pins them): CG301 names no item,
# so it takes the regimen's first line (line 2, "name:", column 1); CG203 is about the calcium item, whose only
# ingredient starts at line 12, column 19 ("    ingredients: [" is 18 characters).
CG301 = (  # the file does not say whether the MenaQ7 is new: both cases are said
    "Coumadin is a vitamin K antagonist, and the regimen adds 180 mcg of vitamin K a day (180 mcg MenaQ7); vitamin K "
    "counteracts it. If 180 mcg MenaQ7 is new, talk to the prescriber before starting it: a new vitamin K source will "
    "move the INR (MK-7 lowered it at 10-20 mcg a day), and the dose or INR checks may need to change. If it is "
    "already part of a stable regimen, keep the intake consistent (the same product and dose every day) and tell the "
    "anticoagulation clinic before changing or stopping it, as the ODS vitamin K fact sheet advises."
)
CG203 = (
    "Calcium citrate: 630 mg of elemental calcium in one intake; absorption is highest at 500 mg or less at a time, "
    "so split it into smaller doses."
)


# --- concise -------------------------------------------------------------------------------------------------------


def test_concise_is_one_line_per_finding_and_per_input_error(cli: Cli, repo: Path) -> None:
    result = cli("check", "-f", "concise", "regimens/warfarin-user.yaml", "missing.yaml")
    assert result.exit_code == 2
    assert result.stderr == ""  # the input error is one of the format's own lines, printed once
    assert result.stdout == (
        f"regimens/warfarin-user.yaml:2:1: error CG301 vitamin-k-anticoagulant: {CG301}\n"
        f"regimens/warfarin-user.yaml:12:19: info CG203 calcium-single-dose: {CG203}\n"
        "missing.yaml:1:1: error CG000 input-error: no such file; check the path\n"
    )


def test_concise_located_input_error_and_exit_codes(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("items:\n  - 5000 IU D3\n  - 5 qq zinc\n", encoding="utf-8")
    result = cli("check", "-f", "concise", "bad.yaml")
    assert (result.exit_code, result.stderr) == (2, "")
    assert result.stdout == (
        "bad.yaml:3:5: error CG000 input-error: unknown unit 'qq'; use IU, mcg, mg, g, mcg RAE or mg elemental\n"
    )
    clean = cli("check", "-f", "concise", "--text", "100 mcg MK-7")
    assert (clean.exit_code, clean.stdout, clean.stderr) == (0, "", "")
    warned = cli("check", "-f", "concise", "--text", "5000 IU D3 + 100 mcg MK-7")
    assert warned.exit_code == 0  # a warning is below the default --fail-on error
    assert warned.stdout == (
        "<text 1>:1:1: warning CG201 above-ul: Vitamin D totals 125 mcg (5,000 IU) a day, 125% of the UL of 100 mcg "
        "(4,000 IU) for Adults 19-50 years.\n"
    )
    assert cli("check", "-f", "concise", "--fail-on", "warning", "--text", "5000 IU D3 + 100 mcg MK-7").exit_code == 1


def test_concise_to_a_file_still_prints_the_error_on_stderr(cli: Cli, repo: Path) -> None:
    result = cli("check", "-f", "concise", "-o", "out.txt", "missing.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "missing.yaml: no such file; check the path\n"
    assert (repo / "out.txt").read_text(encoding="utf-8") == (
        "missing.yaml:1:1: error CG000 input-error: no such file; check the path\n"
    )


def test_concise_matches_a_problem_matcher_for_every_example(cli: Cli, repo: Path) -> None:
    result = cli("check", "-f", "concise", "--jobs", "2", "regimens")
    pattern = re.compile(r"^(regimens/[\w.-]+\.yaml):(\d+):(\d+): (error|warning|info) (CG\d{3}) ([a-z0-9-]+): (.+)$")
    note = re.compile(r"^(regimens/[\w.-]+\.yaml):(\d+):(\d+): note: (.+)$")  # what was not checked or assessed
    lines = result.stdout.splitlines()
    assert lines and all(pattern.match(line) or note.match(line) for line in lines), lines
    reports = json.loads(cli("check", "-f", "json", "regimens").stdout)
    findings = [line for line in lines if pattern.match(line)]
    assert len(findings) == sum(len(report["findings"]) for report in reports)  # one line per finding, none lost
    notes = [line for line in lines if note.match(line)]
    assert len(notes) == sum(len(r["not_assessed"]) + len(r["unmatched"]) for r in reports)


# --- github --------------------------------------------------------------------------------------------------------


def test_github_workflow_commands(cli: Cli, repo: Path) -> None:
    result = cli(
        "check", "-f", "github", "regimens/warfarin-user.yaml", "missing.yaml", "--text", "5000 IU D3 + 1 mg K2"
    )
    assert (result.exit_code, result.stderr) == (2, "")
    assert result.stdout.splitlines() == [
        "::error file=regimens/warfarin-user.yaml,line=2,col=1,title=CG301 vitamin-k-anticoagulant::" + CG301,
        "::notice file=regimens/warfarin-user.yaml,line=12,col=19,title=CG203 calcium-single-dose::" + CG203,
        "::error file=missing.yaml,title=CG000 input-error::no such file; check the path",
        # A --text regimen has no file in the repository: no file or line, so it annotates the run.
        "::warning title=CG201 above-ul::Vitamin D totals 125 mcg (5,000 IU) a day, 125%25 of the UL of 100 mcg "
        "(4,000 IU) for Adults 19-50 years.",
    ]


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("50% of 2, a: b", "50%25 of 2, a: b", "50%25 of 2%2C a%3A b"),
        ("line\r\nnext", "line%0D%0Anext", "line%0D%0Anext"),
        ("%0A literal", "%250A literal", "%250A literal"),  # a literal "%0A" is not read back as a newline
    ],
)
def test_github_escaping_as_the_actions_toolkit(text: str, data: str, prop: str) -> None:
    assert github.escape_data(text) == data
    assert github.escape_property(text) == prop


def _unescape(text: str) -> str:
    """The runner's reading: every escape back, %25 last (so "%250A" stays "%0A")."""
    for escape, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escape, char)
    return text


@given(st.text())
def test_github_escaped_text_reads_back_and_stays_on_one_line(text: str) -> None:
    for escaped in (github.escape_data(text), github.escape_property(text)):
        assert "\n" not in escaped and "\r" not in escaped
        assert _unescape(escaped) == text
    assert "," not in github.escape_property(text) and ":" not in github.escape_property(text)


def test_github_severity_levels_and_a_file_with_a_comma(tmp_path: Path) -> None:
    report = check_text("600 mg calcium (as citrate) + 5000 IU D3 + 100 mcg MK-7")._replace(source="a,b:c.yaml")
    levels = [line.split(" ", 1)[0] for line in github.lines(report)]
    assert levels == ["::warning", "::notice"]  # above-ul is a warning, calcium-single-dose info
    assert github.lines(report)[0].startswith("::warning file=a%2Cb%3Ac.yaml,line=1,col=1,title=CG201 above-ul::")


# --- what was not checked, in every format -----------------------------------------------------------------------


def _unchecked() -> Report:
    return check_text("5000 IU D3 + 100 mcg MK-7")._replace(
        unmatched=(Unmatched("medication", "warfarn", "not a medication calcguide knows"),),
        not_assessed=(
            NotAssessed("10 mg lutein", "10 mg lutein", "lutein", Location(3, 5)),
            NotAssessed("250 mg DHA", "250 mg DHA", "DHA", Location(4, 5)),
        ),
    )


def test_table_shows_not_checked_under_the_life_stage_and_not_assessed_under_the_totals() -> None:
    lines = _plain(table.render(_unchecked()), 80).splitlines()
    assert lines[1:5] == [
        "Life stage: Adults 19-50 years (no profile: an adult 19-50 years, with the",
        "  stricter of the male and female values)",
        "Not checked: warfarn (not a medication calcguide knows)",
        "Daily totals",
    ]
    assert "Not assessed (no US reference value): 10 mg lutein, 250 mg DHA" in lines
    assert lines.index("Not assessed (no US reference value): 10 mg lutein, 250 mg DHA") < lines.index("Findings")


def test_markdown_html_concise_and_github_show_what_was_not_checked() -> None:
    report = _unchecked()
    text = markdown.render(report)
    assert "**Not checked:** warfarn (not a medication calcguide knows)\n" in text
    assert "**Not assessed (no US reference value):** 10 mg lutein, 250 mg DHA\n" in text
    page = html_render([report])
    assert '<p class="not-checked">Not checked: warfarn (not a medication calcguide knows)</p>' in page
    assert "Not assessed (no US reference value): 10 mg lutein, 250 mg DHA</p>" in page
    assert concise.lines(report)[-3:] == [
        "<text>:1:1: note: Not checked: warfarn (not a medication calcguide knows)",
        "<text>:3:5: note: Not assessed (no US reference value): 10 mg lutein",
        "<text>:4:5: note: Not assessed (no US reference value): 250 mg DHA",
    ]
    assert github.lines(report)[-1] == ("::notice title=not assessed::Not assessed (no US reference value): 250 mg DHA")


# --- the table report's layout -----------------------------------------------------------------------------------


def _total(
    nutrient: str, label: str, unit: str, amount: float, ul: float | None, efsa: float | None = None
) -> NutrientTotal:
    limits = (LimitUse("nasem", ul, "total", amount, "", ""),)
    if efsa is not None:
        limits += (LimitUse("efsa", efsa, "total", amount, "", ""),)
    binding = max(limits, key=lambda use: -1.0 if use.percent is None else use.percent)
    return NutrientTotal(
        nutrient,
        label,
        unit,
        amount,
        0.0,
        amount,
        "total",
        amount,
        10.0,
        "RDA",
        binding.ul,
        (),
        binding.authority,
        limits,
    )


# 30 rows, the widest cells a label can give: a 16-letter name, vitamin D with IU, mcg DFE, four-digit percentages.
THIRTY = (
    _total("niacin", "Niacin", "mg NE", 500.0, 35.0),  # 1,429 % of the UL
    _total("vitamin_d", "Vitamin D", "mcg", 178.57, 100.0),  # 179 %
    _total("pantothenic_acid", "Pantothenic acid", "mg", 5000.0, None),  # no UL
    _total("folate", "Folate", "mcg DFE", 1330.0, 1000.0),  # 133 %
    _total("vitamin_a", "Vitamin A", "mcg RAE", 3000.0, 3000.0),  # exactly the UL: 100 %
    *(_total(f"n{i}", f"Nutrient {i}", "mcg", 10.0 * i, 1000.0 if i % 3 else None) for i in range(1, 26)),
)


@pytest.mark.parametrize("width", [80, 120])
def test_thirty_nutrients_fit_ordered_by_concern(width: int) -> None:
    report = check_text("5000 IU D3")._replace(totals=THIRTY)
    lines = _plain(table.render(report), width).splitlines()
    assert all(len(line) <= width and line == line.rstrip() for line in lines)
    assert not any("…" in line for line in lines)  # no number is ever cut
    rows = [line.split()[0] for line in lines[lines.index("Daily totals") + 3 : lines.index("Findings") - 1]]
    # Over the UL (by share), at the UL, then 25 down to 1 % (Nutrient 25 = 250 mcg = 25 %), then no UL in order.
    with_ul = [f"Nutrient {i}" for i in range(25, 0, -1) if i % 3]
    no_ul = ["Pantothenic acid", *(f"Nutrient {i}" for i in range(1, 26) if not i % 3)]
    expected = ["Niacin", "Vitamin D", "Folate", "Vitamin A", *with_ul, *no_ul]
    assert rows == [name.split()[0] for name in expected]


def test_80_column_rows_read_in_full() -> None:
    report = check_text("5000 IU D3")._replace(totals=THIRTY)
    lines = _plain(table.render(report), 80).splitlines()
    # 500 / 35 = 1,429 %; 178.57 mcg = 7,143 IU, 179 %; 1,330 / 1,000 = 133 %. Five cells per UL below 100
    # columns, at most 1.5 ULs' worth (8 cells): 133 % is round(6.65) = 7 cells.
    assert "Niacin             500 mg NE            10 RDA   35        1,429% █████▓▓▓" in lines
    assert "Vitamin D          179 mcg (7,143 IU)   10 RDA   100         179% █████▓▓▓" in lines
    assert "Folate             1,330 mcg DFE        10 RDA   1,000       133% █████▓▓" in lines
    assert "Vitamin A          3,000 mcg RAE        10 RDA   3,000       100% █████" in lines
    assert "Pantothenic acid   5,000 mg             10 RDA   not set    no UL" in lines
    wide = _plain(table.render(report), 120).splitlines()  # ten cells per UL, at most 15
    assert "Niacin             500 mg NE            10 RDA   35        1,429% ██████████▓▓▓▓▓" in wide


def test_two_standards_give_one_ul_per_line_at_80_columns() -> None:
    report = check_text("5000 IU D3")._replace(totals=(_total("vitamin_d", "Vitamin D", "mcg", 125.0, 100.0, 100.0),))
    lines = _plain(table.render(report), 80).splitlines()
    row = next(index for index, line in enumerate(lines) if line.startswith("Vitamin D "))
    assert lines[row].split()[-4:] == ["US", "100", "125%", "█████▓"]
    assert lines[row + 1].strip() == "EU 100" and lines[row + 1].index("EU") == lines[row].index("US")


def test_a_finding_block_hangs_its_message_under_the_header_with_sorted_citations() -> None:
    report = check_text("5000 IU D3")
    first, second = report.findings  # d-without-k2 cites [1][2][3], above-ul [4]
    swapped = report._replace(findings=(second._replace(evidence=(*second.evidence, first.evidence[0])), first))
    lines = _plain(table.render(swapped), 80).splitlines()
    start = lines.index(" warning CG201 above-ul")
    assert lines[start + 1 : start + 3] == [
        "     Vitamin D totals 125 mcg (5,000 IU) a day, 125% of the UL of 100 mcg (4,000",
        "     IU) for Adults 19-50 years. [1][2]",
    ]
    # Numbered in order of first mention: above-ul's own source [1], then the K2 paper it now shares [2]; the
    # K2 rule's three sources are [2][3][4], listed ascending.
    assert " warning CG101 d-without-k2" in lines
    assert lines[lines.index(" warning CG101 d-without-k2") + 4].endswith("90-180 mcg MK-7 a day. [2][3][4]")


def test_a_finding_about_an_item_names_its_line(repo: Path) -> None:
    text = (repo / "regimens" / "warfarin-user.yaml").read_text(encoding="utf-8")
    from calcguide import evaluate, load_regimens

    (regimen,) = load_regimens(text, "regimens/warfarin-user.yaml")
    lines = _plain(table.render(evaluate(regimen)), 120).splitlines()
    assert " error CG301 vitamin-k-anticoagulant" in lines  # about the whole regimen: no line
    assert " info CG203 calcium-single-dose (line 12)" in lines


def test_the_real_command_at_80_columns_has_no_trailing_spaces(cli: Cli, repo: Path) -> None:
    result = cli(
        "check", "regimens/full-bone-stack.yaml", "regimens/d3-alone.yaml", "--standard", "both", env={"COLUMNS": "80"}
    )
    lines = result.stdout.splitlines()
    assert lines and all(line == line.rstrip() and len(line) <= 80 for line in lines)
    assert any(line.startswith("Summary") for line in lines)  # the summary table is trimmed too


# --- JSON: values with Unicode line separators -------------------------------------------------------------------


def test_json_array_keeps_values_with_unicode_line_separators(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        'profile:\n  medications: ["a\\u0085b\\u2028c"]\nitems: [5000 IU D3]\n', encoding="utf-8"
    )
    for flags in ((), ("--all-life-stages",)):
        result = cli("check", "-f", "json", *flags, "m.yaml")
        (report,) = json.loads(result.stdout)
        assert "a\x85b\u2028c" in json.dumps(report, ensure_ascii=False)


def test_html_legend_explains_the_grey_part_and_the_arrow() -> None:
    page = html_render([check_text("5000 IU D3 + 900 mcg vitamin A (as beta-carotene)")])
    legend = page.split('<p class="legend">', 1)[1].split("</p>", 1)[0]
    assert "grey: the part of the total the UL does not count (for vitamin A, beta-carotene" in legend
    assert '<span class="arrow">&#9654;</span> the amount goes on beyond the end of the bar' in legend
