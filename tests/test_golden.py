"""The rendered table report of every example regimen, against tests/golden/<name>.txt.

Width 100, no colour. Run with CALCGUIDE_UPDATE_GOLDEN=1 to rewrite the goldens after an intended change, then
read every changed golden before accepting it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import GOLDEN, REPO, UPDATE_GOLDEN, assert_golden, regimen_files
from rich.console import Console

import calcguide
from calcguide.report import table


def render(path: Path) -> str:
    source = path.relative_to(REPO).as_posix()  # "regimens/x.yaml" wherever the checkout is
    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=False)
    for regimen in calcguide.load_regimens(path.read_bytes(), source):
        console.print(table.render(calcguide.evaluate(regimen)))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


@pytest.mark.parametrize("path", regimen_files(), ids=lambda p: p.stem)
def test_table_output(path: Path) -> None:
    assert_golden(f"{path.stem}.txt", render(path))


def test_every_golden_belongs_to_an_example() -> None:
    if UPDATE_GOLDEN:
        pytest.skip("rewriting goldens")
    assert sorted(p.stem for p in GOLDEN.glob("*.txt")) == sorted(p.stem for p in regimen_files())


def test_rendering_has_no_escape_codes() -> None:
    for path in regimen_files():
        assert "\x1b" not in render(path)
