"""Every error is exactly one line: quoted values shortened and their control characters escaped, whatever the
input; and in a terminal an input error is printed once (stderr), the report only saying it could not be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calcguide.errors import InputError, Location, one_line, quote, shorten

# --- the helpers -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("5000 IU D3", "5000 IU D3"),
        ("a\nb", "a\\nb"),
        ("a\tb\rc", "a\\tb\\rc"),
        ("nul\x00 esc\x1b del\x7f", "nul\\x00 esc\\x1b del\\x7f"),
        ("vt\x0b ff\x0c fs\x1c", "vt\\x0b ff\\x0c fs\\x1c"),  # str.splitlines() breaks at each of these
        ("nel\x85 ls\u2028 ps\u2029", "nel\\x85 ls\\u2028 ps\\u2029"),
        ("café ½ µg", "café ½ µg"),  # printable text is left alone
    ],
)
def test_one_line_escapes_every_line_break_and_control_character(text: str, shown: str) -> None:
    assert one_line(text) == shown
    assert len(one_line(text).splitlines()) == 1


def test_quote_shortens_at_60_characters_with_an_ellipsis() -> None:
    assert quote("x" * 59) == "'" + "x" * 59 + "'"
    assert quote("x" * 60) == "'" + "x" * 60 + "'"  # exactly the limit: whole
    assert quote("x" * 61) == "'" + "x" * 59 + "…'"  # one over: 59 characters and the ellipsis
    assert quote("ab " * 40) == "'" + ("ab " * 20).rstrip() + "…'"  # no space before the ellipsis


def test_a_cut_never_splits_an_escape() -> None:
    # 58 characters, then an escape of 4 that does not fit in the 59 before the ellipsis.
    assert shorten("y" * 58 + "\x1b" + "z" * 10) == "y" * 58 + "…"
    assert shorten("y" * 55 + "\x1b" + "z" * 10) == "y" * 55 + "\\x1b" + "…"


def test_input_error_text_and_line_are_one_line_even_when_built_from_raw_text() -> None:
    error = InputError("unknown sex 'a\nb'", "write 'sex: female'\n", Location(2, 8), "dir/x\n.yaml")
    assert error.text == "unknown sex 'a\\nb'; write 'sex: female'\\n"
    assert str(error) == "dir/x\\n.yaml:2:8: unknown sex 'a\\nb'; write 'sex: female'\\n"


# --- exact error lines -------------------------------------------------------------------------------------------

FREQUENCIES = (
    "use daily, twice daily, N times daily, every other day, every N days, weekly, N times weekly, monthly or yearly"
)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # unit: "I\nU" -- the value starts after 4 spaces and "unit: ", at column 11 of line 4.
        (
            'items:\n  - ingredient: D3\n    amount: 5000\n    unit: "I\\nU"\n',
            "e.yaml:4:11: unknown unit 'I\\nU'; did you mean 'IU'?",
        ),
        # frequency: "every\tzz" -- after 4 spaces and "frequency: ", column 16 of line 3.
        (
            'items:\n  - dose: 5000 IU D3\n    frequency: "every\\tzz"\n',
            f"e.yaml:3:16: unknown frequency 'every\\tzz'; {FREQUENCIES}",
        ),
        # A long value: its first 59 characters as written ("\n" counts 2), then the ellipsis.
        (
            'items:\n  - dose: 5000 IU D3\n    frequency: "once in a blue moon when the\\nstars align'
            + " once in a blue moon when the stars align" * 3
            + '"\n',
            "e.yaml:3:16: unknown frequency 'once in a blue moon when the\\nstars align once in a blue mo…'; "
            + FREQUENCIES,
        ),
        # Unicode line separators would split the line for every str.splitlines() reader.
        (
            'profile:\n  sex: "f\\u2028x\\u0085y"\nitems: [5000 IU D3]\n',
            "e.yaml:2:8: unknown sex 'f\\u2028x\\x85y'; write 'sex: female' or 'sex: male' (or leave it out)",
        ),
        # A character YAML forbids: PyYAML's own message spans two lines and counts characters from the start.
        (
            "items:\n  - 5000 IU D3\x1f\n",
            'e.yaml:2:15: character U+001F is not allowed in YAML; remove it, or write it as the escape "\\x1f" '
            "inside double quotes",
        ),
    ],
)
def test_exact_one_line_errors(cli: Cli, tmp_path: Path, text: str, line: str) -> None:
    (tmp_path / "e.yaml").write_text(text, encoding="utf-8")
    result = cli("check", "e.yaml")
    assert (result.exit_code, result.stderr) == (2, line + "\n")


def test_a_text_regimen_with_a_newline_is_one_line(cli: Cli) -> None:
    result = cli("check", "--text", "5000 IU D3 +\n 5 qq zinc")
    assert (result.exit_code, result.stderr) == (
        2,
        "<text 1>:1:1: unknown unit 'qq'; use IU, mcg, mg, g, mcg RAE or mg elemental\n",
    )
    assert "5000 IU D3 +\\n 5 qq zinc  <text 1>\n" in result.stdout  # the name is escaped in the report too


def test_a_config_error_is_one_line(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text('"se\\nx": 1\n', encoding="utf-8")
    result = cli("check", "--config", "c.yaml", "--text", "5000 IU D3")
    assert (result.exit_code, result.stderr) == (
        2,
        "calcguide: c.yaml:1:1: unknown key 'se\\nx' in the config; config keys are: profile, select, ignore, rules\n",
    )


# --- printed once in a terminal ------------------------------------------------------------------------------------

BAD = "items:\n  - 5000 IU D3\n  - dose: 600 mg calcium\n    frequency: every fortnight-ish\n"
BAD_LINE = f"bad.yaml:4:16: unknown frequency 'every fortnight-ish'; {FREQUENCIES}"


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_table_says_only_that_it_could_not_be_read(cli: Cli, bad: Path) -> None:
    result = cli("check", "bad.yaml", "--text", "100 mcg MK-7")
    assert (result.exit_code, result.stderr) == (2, BAD_LINE + "\n")
    assert "bad  bad.yaml\nCould not be read (line 4): the error is printed on standard error.\n" in result.stdout
    assert "fortnight" not in result.stdout  # neither in the report nor in the summary table
    summary = [line.split() for line in result.stdout.splitlines() if line.startswith("  bad ")]
    assert summary == [["bad", "-", "0", "0", "0", "input", "error"]]


def test_markdown_says_only_that_it_could_not_be_read(cli: Cli, bad: Path) -> None:
    result = cli("check", "-f", "markdown", "bad.yaml", "--text", "100 mcg MK-7")
    assert (result.exit_code, result.stderr) == (2, BAD_LINE + "\n")
    expected = (
        "## bad\n\nSource: `bad.yaml`\n\n**Could not be read (line 4)**: the error is printed on standard error.\n"
    )
    assert expected in result.stdout
    assert "fortnight" not in result.stdout
    assert "| bad | - | 0 | 0 | 0 | input error |\n" in result.stdout


def test_summary_only_says_input_error(cli: Cli, bad: Path) -> None:
    result = cli("check", "--summary", "-f", "markdown", "bad.yaml")
    assert (result.exit_code, result.stderr) == (2, BAD_LINE + "\n")
    assert result.stdout.endswith("| bad | - | 0 | 0 | 0 | input error |\n")


def test_json_keeps_the_message_for_machines(cli: Cli, bad: Path) -> None:
    result = cli("check", "-f", "json", "bad.yaml")
    assert (result.exit_code, result.stderr) == (2, BAD_LINE + "\n")
    assert "fortnight-ish" in json.dumps(json.loads(result.stdout)[0]["error"])


# --- any text at all ---------------------------------------------------------------------------------------------

_AWKWARD = st.sampled_from(["\n", "\t", "\r", "\r\n", "\x0b", "\x0c", "\x1b", "\x85", "\u2028", "'", '"', ":", "- "])
_TEXT = st.lists(st.one_of(_AWKWARD, st.text(max_size=12)), max_size=12).map("".join)
# Random text in the places values are quoted: a dose, a frequency, a unit, a sex, a key, a medication, a whole file.
_TEMPLATES = (
    "items:\n  - {raw}\n",
    "items:\n  - {quoted}\n",
    "items:\n  - dose: 5000 IU D3\n    frequency: {quoted}\n",
    "items:\n  - ingredient: D3\n    amount: 5000\n    unit: {quoted}\n",
    "profile:\n  sex: {quoted}\nitems: [5000 IU D3]\n",
    "profile:\n  medications: [{quoted}]\nitems: [5000 IU D3]\n",
    "{quoted}: 1\nitems: [5000 IU D3]\n",
    "{raw}",
)
_FEW = max(20, settings.default.max_examples // 20)  # each example runs the CLI twice


@settings(max_examples=_FEW, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT, template=st.sampled_from(_TEMPLATES))
def test_every_error_from_a_file_is_one_line(cli: Cli, tmp_path: Path, text: str, template: str) -> None:
    document = template.format(raw=text, quoted=json.dumps(text))  # JSON strings are YAML double-quoted scalars
    path = tmp_path / "r.yaml"
    path.write_text(document, encoding="utf-8")
    result = cli("check", "--format", "json", "r.yaml")
    failed = [report for report in json.loads(result.stdout) if report["error"] is not None]
    lines = result.stderr.splitlines()
    assert len(lines) == len(failed), result.stderr
    assert all(line.startswith("r.yaml") for line in lines), result.stderr
    assert result.exit_code == (2 if failed else result.exit_code)


@settings(max_examples=_FEW, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT)
def test_every_error_from_text_is_one_line(cli: Cli, text: str) -> None:
    result = cli("check", "--text", f"5000 IU D3 + {text}")
    if result.exit_code == 2:
        (line,) = result.stderr.splitlines()
        assert line.startswith("<text 1>:1:1: ")
        assert line.removeprefix("<text 1>:1:1: ") not in result.stdout  # the report does not repeat it
    else:
        assert result.stderr == ""
