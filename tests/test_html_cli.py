"""`calcguide check --format html` from the command line: one page, written atomically, with the file mode a
new file gets under the umask, and refused with --all-life-stages."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REGIMENS, Cli

from calcguide import DISCLAIMER


@dataclass
class Section:
    id: str
    name: str = ""
    classes: set[str] = field(default_factory=set)


class Page(HTMLParser):
    """Sections, their names, evidence links, and the footer's disclaimer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = []
        self.evidence_links: list[str] = []
        self.other_links: list[str] = []
        self.disclaimer = ""
        self.scripts = 0
        self._in_name = False
        self._in_disclaimer = False
        self._in_evidence = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if tag == "script":
            self.scripts += 1
        if tag == "section" and "regimen" in classes:
            self.sections.append(Section(attributes.get("id") or "", classes=classes))
        if tag == "h2" and "name" in classes:
            self._in_name = True
        if tag == "p" and "disclaimer" in classes:
            self._in_disclaimer = True
        if tag == "ol" and "evidence" in classes:
            self._in_evidence = True
        if tag == "a":
            href = attributes.get("href") or ""
            (self.evidence_links if self._in_evidence else self.other_links).append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_name = False
        if tag == "p":
            self._in_disclaimer = False
        if tag == "ol":
            self._in_evidence = False

    def handle_data(self, data: str) -> None:
        if self._in_name and self.sections:
            self.sections[-1].name += data
        if self._in_disclaimer:
            self.disclaimer += data


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


REGIMEN_NAMES = {
    # file name -> the regimen's name: key, in the order the folder is read (sorted)
    "calcium-plus-d.yaml": "Calcium + D3 tablets",
    "child.yaml": "Child's gummies",
    "d3-alone.yaml": "D3 alone",
    "full-bone-stack.yaml": "Bone stack",
    "k2-liquid.yaml": "D3 + K2 liquid (5000 IU D3, 500 mcg MK-4, 100 mcg MK-7)",
    "multivitamin-plus-d.yaml": "Multivitamin plus extra D3",
    "pregnancy.yaml": "Prenatal plus D3",
    "warfarin-user.yaml": "Bone stack on warfarin",
    "weekly-d2-repletion.yaml": "Weekly D2 repletion",
    "yearly-megadose.yaml": "Yearly 500,000 IU D3",
}


@contextmanager
def umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def test_one_page_for_a_folder(cli: Cli, tmp_path: Path) -> None:
    files = sorted(p.name for p in REGIMENS.glob("*.yaml"))
    result = cli("check", "--format", "html", "-o", "report.html", str(REGIMENS))
    assert result.exit_code == 1  # the warfarin regimen has an error
    assert result.stdout == ""
    assert result.stderr == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # one file, no temp file left
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>\n")
    page = parse(text)
    # One section per regimen file (each holds one regimen), in the folder's sorted order.
    assert [s.id for s in page.sections] == [f"r{i}" for i in range(1, len(files) + 1)]
    named = [(name, s.name) for name, s in zip(files, page.sections, strict=True) if name in REGIMEN_NAMES]
    assert named == [(name, REGIMEN_NAMES[name]) for name in files if name in REGIMEN_NAMES]
    assert len(named) == len(REGIMEN_NAMES)
    assert all(s.classes == {"regimen"} for s in page.sections)  # none failed
    assert page.evidence_links, "the findings cite evidence"
    assert all(link.startswith(("https://", "http://")) for link in page.evidence_links)
    # The only other links are the in-page footnote references.
    assert all(link.startswith("#r") for link in page.other_links)
    assert page.disclaimer == DISCLAIMER
    assert page.scripts == 0


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_output_file_mode_follows_the_umask(cli: Cli, tmp_path: Path, mask: int, mode: int) -> None:
    with umask(mask):
        result = cli("check", "--format", "html", "-o", "report.html", "--text", "100 mcg MK-7")
    assert result.exit_code == 0, result.stderr
    written = stat.S_IMODE((tmp_path / "report.html").stat().st_mode)
    assert written != 0o600
    assert written == mode


def test_html_to_stdout(cli: Cli) -> None:
    result = cli("check", "--format", "html", "--text", "5000 IU D3", "--text", "100 mcg MK-7")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>\n")
    assert result.stdout.endswith("</html>\n")
    page = parse(result.stdout)
    assert [s.name for s in page.sections] == ["5000 IU D3", "100 mcg MK-7"]
    assert page.disclaimer == DISCLAIMER
    assert "2 regimens, 2 findings" in result.stdout  # d-without-k2 and above-ul for 5,000 IU; none for MK-7


def test_html_keeps_an_unreadable_regimen_in_its_place(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("items: [5000 IU calcium]\n", encoding="utf-8")
    result = cli("check", "--format", "html", "bad.yaml", "--text", "100 mcg MK-7")
    assert result.exit_code == 2
    assert result.stderr == "bad.yaml:1:9: IU has no meaning for calcium; give the amount in mg\n"
    page = parse(result.stdout)
    assert [(s.name, s.classes) for s in page.sections] == [
        ("bad", {"regimen", "failed"}),
        ("100 mcg MK-7", {"regimen"}),
    ]
    assert "2 regimens, 0 findings, 1 could not be read" in result.stdout


def test_all_life_stages_refuses_html(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", "--all-life-stages", "--format", "html", "-o", "stages.html", "--text", "5000 IU D3")
    assert result.exit_code == 2
    assert result.stderr == "calcguide: --all-life-stages prints table, json or jsonl\n"
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []  # nothing written, no temporary file left
