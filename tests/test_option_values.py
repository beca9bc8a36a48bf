"""The command line converts its option values without typer's pydantic validators (a faster start); every value
must come out exactly as typer's own conversion makes it, and every bad value must fail with typer's message."""

from __future__ import annotations

from typing import Any

import pytest

from calcguide.cli import click_command

_coercion = pytest.importorskip("typer._coercion", reason="this typer converts with click's types")

SAMPLES = [
    None,
    "",
    "json",
    "JSON",
    "jsonl",
    "efsa",
    "warning",
    "never",
    "0",
    "1",
    "2",
    "07",
    "-1",
    "+3",
    " 4",
    "1_000",
    "12345678901234567890123",
    "2.5",
    "0.25",
    "5.",
    ".5",
    "1e3",
    "inf",
    "nan",
    "x",
    "40 years",
    "lévothyroxine",
    "undecodable \udcff",
    "🦴",
    (),
    ("a.yaml",),
    ("a.yaml", "-", "régime.yaml"),
    ("bad \udcff",),
    5.0,
    1,
    True,
]


def _params() -> list[Any]:
    found, pending = [], [click_command()]
    while pending:
        command = pending.pop()
        pending += getattr(command, "commands", {}).values()
        found += [(command, param) for param in command.params if hasattr(param, "type_descriptor")]
    return found


def _outcome(convert: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        result = convert.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the message is what the user reads
        return ("error", f"{type(exc).__name__}: {exc}")
    return ("value", (type(result), repr(result)))


@pytest.mark.parametrize(("command", "param"), _params(), ids=lambda p: getattr(p, "name", None))
def test_each_option_converts_as_typer_converts(command: Any, param: Any) -> None:
    light = param._runtime_param
    assert type(light).__name__ == "LightParam"  # every option of every command converts lightly
    own = _coercion.build_runtime_param(param.type_descriptor)
    ctx = command.context_class(command)
    for value in [*SAMPLES, param.default]:
        if isinstance(value, tuple) and not (param.multiple or param.nargs == -1):
            continue
        assert _outcome(light, value, param, ctx) == _outcome(own, value, param, ctx), value


def test_plain_values_skip_typer_conversion() -> None:
    from calcguide.cli import _UNSURE, Format, _as_typer_would

    ctx = click_command().context_class(click_command())
    assert _as_typer_would(Format, "jsonl", ctx) is Format.jsonl
    assert _as_typer_would(int, "12", ctx) == 12
    assert _as_typer_would(float, "0.5", ctx) == 0.5
    assert _as_typer_would(list[str], ("a", "é"), ctx) == ["a", "é"]
    assert _as_typer_would(int, "07", ctx) is _UNSURE  # left to typer, whatever it makes of it
    assert _as_typer_would(str, "bad \udcff", ctx) is _UNSURE
