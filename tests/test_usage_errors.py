"""A bad command line (an unknown option, a value an option does not take) is one line on stderr and exit 2,
like every other error, through the real entry point."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcguide.cli import main


def _run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["calcguide", *argv])
    with pytest.raises(SystemExit) as exited:
        main()
    out, err = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 0), out, err


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        (
            ["check", "--bogus"],
            "calcguide check: No such option: --bogus (Possible options: --jobs); see 'calcguide check --help'\n",
        ),
        (
            ["check", "--format", "nope", "x.yaml"],
            "calcguide check: Invalid value for '--format' / '-f': Value error, 'nope' is not one of 'table', 'json', "
            "'jsonl', 'markdown', 'html', 'concise', 'github'; see 'calcguide check --help'\n",
        ),
        (["nosuch"], "calcguide: No such command 'nosuch'; see 'calcguide --help'\n"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    argv: list[str], stderr: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run(argv, capsys, monkeypatch) == (2, "", stderr)


def test_the_entry_point_keeps_exit_codes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(["--version"], capsys, monkeypatch)[:2] == (0, "calcguide 0.1.0\n")
    assert _run(["check", "regimens/warfarin-user.yaml", "-f", "concise"], capsys, monkeypatch)[0] == 1  # an error
    assert _run(["check", "regimens/d3-alone.yaml", "-f", "concise"], capsys, monkeypatch)[0] == 0  # a warning
    assert _run(["check", "missing.yaml"], capsys, monkeypatch)[0] == 2


@settings(max_examples=60, deadline=None)
@given(value=st.text(min_size=1, max_size=40).filter(lambda v: v.strip() and not v.startswith("-")))
def test_any_bad_option_value_is_one_line(value: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "argv", ["calcguide", "check", "--jobs", value, "x.yaml"])
        from io import StringIO

        err = StringIO()
        patch.setattr(sys, "stderr", err)
        with pytest.raises(SystemExit) as exited:
            main()
    # Not a number of processes: a usage error; a number: the missing x.yaml. Either way exit 2 and one line.
    assert exited.value.code == 2
    assert err.getvalue().count("\n") == 1 and err.getvalue().endswith("\n")


def test_python_dash_m_uses_the_same_entry_point() -> None:
    done = subprocess.run([sys.executable, "-m", "calcguide", "check", "--bogus"], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr.count("\n")) == (2, "", 1)
