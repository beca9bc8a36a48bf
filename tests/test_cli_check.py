"""`calcguide check`: exit codes, one-line errors on stderr with their place, and plain output when piped."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REGIMENS, Cli

D3_ALONE = str(REGIMENS / "d3-alone.yaml")  # a warning
WARFARIN = str(REGIMENS / "warfarin-user.yaml")  # an error
CALCIUM = str(REGIMENS / "calcium-plus-d.yaml")  # info only
ANSI = re.compile(r"\x1b\[")
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]")


def write(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([CALCIUM], 0),
        ([D3_ALONE], 0),  # a warning does not fail by default
        ([WARFARIN], 1),
        ([D3_ALONE, WARFARIN], 1),
        (["--fail-on", "warning", D3_ALONE], 1),
        (["--fail-on", "warning", CALCIUM], 0),
        (["--fail-on", "info", CALCIUM], 1),
        (["--fail-on", "never", WARFARIN], 0),
        (["missing.yaml"], 2),
        (["missing.yaml", WARFARIN], 2),  # an unreadable input outranks findings
        (["--fail-on", "never", "missing.yaml"], 2),  # and --fail-on never does not hide it
    ],
)
def test_exit_codes(cli: Cli, args: list[str], code: int) -> None:
    assert cli("check", *args).exit_code == code


@pytest.mark.parametrize("order", ["missing first", "missing last"])
def test_missing_file_is_one_line_on_stderr_and_the_other_file_is_still_reported(cli: Cli, order: str) -> None:
    args = ["missing.yaml", D3_ALONE] if order == "missing first" else [D3_ALONE, "missing.yaml"]
    result = cli("check", *args)
    assert result.exit_code == 2
    assert result.stderr == "missing.yaml: no such file; check the path\n"
    assert "D3 alone" in result.stdout
    assert "d-without-k2" in result.stdout
    assert "Vitamin D at 2,000 IU (50 mcg) a day" in result.stdout


def test_missing_file_in_json_output_still_reports_the_other(cli: Cli) -> None:
    result = cli("check", "--format", "json", "missing.yaml", D3_ALONE)
    assert result.exit_code == 2
    assert result.stderr == "missing.yaml: no such file; check the path\n"
    assert '"name": "D3 alone"' in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("items:\n  - 5000 XU D3\n", "bad.yaml:2:5: unknown unit 'XU'; use IU, mcg, mg, g, mcg RAE or mg elemental"),
        ("items:\n  - 5000 IUs D3\n", "bad.yaml:2:5: unknown unit 'IUs'; did you mean 'IU'?"),
        ("name: X\nitems:\n  - 500 IU calcium\n", "bad.yaml:3:5: IU has no meaning for calcium; give the amount in mg"),
        (
            "items:\n  - 0 IU D3\n",
            "bad.yaml:2:5: amount must be more than 0 (got 0); remove the item or fix the amount",
        ),
        (
            "items:\n  - 5000 IU D3 every 0 days\n",
            "bad.yaml:2:5: frequency 'every 0 days' has no meaning; say how many days apart, e.g. 'every 2 days'",
        ),
        (
            "items:\n  - product: Multi\n    ingredients:\n      - 600 mg calcium (as carbonate)\n      - IU D3\n",
            "bad.yaml:5:9: dose 'IU D3' does not start with an amount; write e.g. '5000 IU D3' or '100 mcg MK-7'",
        ),
        (
            "items:\n  - dose: 50000 IU D2\n    frequency: fortnightly\n",
            "bad.yaml:3:16: unknown frequency 'fortnightly'; use daily, twice daily, N times daily, every other day, "
            "every N days, weekly, N times weekly, monthly or yearly",
        ),
    ],
)
def test_bad_dose_names_file_line_and_column(cli: Cli, tmp_path: Path, text: str, message: str) -> None:
    name = write(tmp_path, "bad.yaml", text)
    result = cli("check", name, D3_ALONE)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert "D3 alone" in result.stdout  # the good file is still reported


def test_bad_dose_on_stdin(cli: Cli) -> None:
    result = cli("check", "-", input="items:\n  - 5000 XU D3\n")
    assert result.exit_code == 2
    assert result.stderr == "<stdin>:2:5: unknown unit 'XU'; use IU, mcg, mg, g, mcg RAE or mg elemental\n"


def test_good_regimen_on_stdin(cli: Cli) -> None:
    result = cli("check", "-", input="name: Piped\nitems: [5000 IU D3, 100 mcg MK-7]\n")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "Piped" in result.stdout and "<stdin>" in result.stdout


def test_a_crafted_frequency_is_an_input_error_not_a_crash(cli: Cli, tmp_path: Path) -> None:
    # "every . days" used to raise ValueError inside the parser
    name = write(tmp_path, "odd.yaml", "items:\n  - dose: 5000 IU D3\n    frequency: every . days\n")
    result = cli("check", name)
    assert result.exit_code == 2
    assert result.stderr.startswith("odd.yaml:3:16: unknown frequency 'every . days'; ")


def test_no_ansi_in_captured_output_even_with_no_color_unset(cli: Cli) -> None:
    result = cli("check", D3_ALONE, WARFARIN, "missing.yaml")
    assert not ANSI.search(result.stdout)
    assert not ANSI.search(result.stderr)


def test_no_ansi_with_no_color(cli: Cli) -> None:
    result = cli("check", D3_ALONE, WARFARIN, env={"NO_COLOR": "1"})
    assert not ANSI.search(result.stdout)


def _clean_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE")
    }
    return {**env, "COLUMNS": "100", **extra}


def test_piped_output_of_the_real_command_has_no_ansi(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "calcguide", "check", D3_ALONE, WARFARIN],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_clean_env(),
        timeout=60,
    )
    assert result.returncode == 1
    assert "Bone stack on warfarin" in result.stdout
    assert not ANSI.search(result.stdout) and not ANSI.search(result.stderr)


def _run_in_terminal(tmp_path: Path, **env: str) -> str:
    """The command's output on a pseudo-terminal, as a user at a terminal sees it."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    try:
        subprocess.run(
            [sys.executable, "-m", "calcguide", "check", D3_ALONE],
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=slave,
            cwd=tmp_path,
            env=_clean_env(TERM="xterm-256color", **env),
            timeout=60,
        )
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_no_color_on_a_terminal_has_no_colour_codes(tmp_path: Path) -> None:
    coloured = _run_in_terminal(tmp_path)
    assert ANSI_COLOUR.search(coloured), "the terminal run should be coloured without NO_COLOR"
    plain = _run_in_terminal(tmp_path, NO_COLOR="1")
    assert "D3 alone" in plain
    assert not ANSI_COLOUR.search(plain)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_no_color_on_a_terminal_has_no_ansi_escapes_at_all(tmp_path: Path) -> None:
    assert not ANSI.search(_run_in_terminal(tmp_path, NO_COLOR="1"))
