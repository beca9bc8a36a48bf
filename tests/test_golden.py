"""The rendered table report of every example regimen, against tests/golden/<width>/<name>.txt.

At 80 columns (a default terminal) and at 120, no colour. Run with CALCGUIDE_UPDATE_GOLDEN=1 to rewrite the
goldens after an intended change, then read every changed golden before accepting it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import GOLDEN, REPO, UPDATE_GOLDEN, assert_golden, regimen_files
from rich.console import Console

import calcguide
from calcguide.report import table

WIDTHS = (80, 120)


def render(path: Path, width: int) -> str:
    source = path.relative_to(REPO).as_posix()  # "regimens/x.yaml" wherever the checkout is
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    for regimen in calcguide.load_regimens(path.read_bytes(), source):
        console.print(table.render(calcguide.evaluate(regimen)))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", regimen_files(), ids=lambda p: p.stem)
def test_table_output(path: Path, width: int) -> None:
    assert_golden(f"{width}/{path.stem}.txt", render(path, width))


def test_every_golden_belongs_to_an_example() -> None:
    """One golden per example and width, and nothing else in tests/golden (a stale golden fails here)."""
    if UPDATE_GOLDEN:
        pytest.skip("rewriting goldens")
    examples = sorted(p.stem for p in regimen_files())
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(str(width) for width in WIDTHS)
    for width in WIDTHS:
        assert sorted(p.stem for p in (GOLDEN / str(width)).glob("*.txt")) == examples, width
        assert sorted(p.suffix for p in (GOLDEN / str(width)).iterdir()) == [".txt"] * len(examples), width


@pytest.mark.parametrize("width", WIDTHS)
def test_lines_fit_the_width_and_carry_no_trailing_spaces(width: int) -> None:
    for path in regimen_files():
        for line in render(path, width).splitlines():
            assert len(line) <= width, (path.stem, line)
            assert line == line.rstrip(), (path.stem, line)


def test_rendering_has_no_escape_codes() -> None:
    for path in regimen_files():
        assert "\x1b" not in render(path, 80)
