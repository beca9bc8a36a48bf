"""The HTML report (calcguide.report.html): structure checked with html.parser, and the page as headless
Chromium renders it (DOM dump and screenshot). The Chromium tests carry the ``chromium`` marker and skip, saying
why, where no Chromium is installed (``apt-get install -y chromium``); ``-m "not chromium"`` leaves them out.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calcguide import DISCLAIMER, InputError, Report, evaluate, failed
from calcguide.loading import read_regimens
from calcguide.report.html import render

REPO = Path(__file__).resolve().parent.parent
REGIMENS = sorted((REPO / "regimens").glob("*.yaml"))
HOSTILE_NAME = '<script>alert("x")</script> & <b>bold</b> "quoted" \'single\''
HOSTILE = f"name: {json.dumps(HOSTILE_NAME)}\nitems:\n  - 50000 IU D3\n  - product: '<img src=x onerror=alert(1)>'\n    ingredients: [1000 IU D3, 100 mcg MK-7]\n"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and Path("/usr/bin/chromium").exists():
    CHROMIUM = "/usr/bin/chromium"
chromium = pytest.mark.chromium
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get update && apt-get install -y chromium)"
)


def reports_of(text: str | bytes, source: str) -> Iterator[Report]:
    """Reports as the CLI makes them: an unreadable regimen keeps its place as a failed report."""
    for entry in read_regimens(text, source):
        if isinstance(entry, InputError):
            yield failed(source, Path(source).stem, entry)
            continue
        try:
            yield evaluate(entry)
        except InputError as exc:
            yield failed(source, entry.name, exc.at(source))


def all_reports() -> list[Report]:
    reports = [report for path in REGIMENS for report in reports_of(path.read_bytes(), f"regimens/{path.name}")]
    reports += list(reports_of(HOSTILE, "<hostile>"))
    reports += list(reports_of("items: [5000 IU of nothing known\n", "broken.yaml"))
    return reports


@dataclass
class Section:
    id: str
    classes: set[str]
    name: str = ""
    findings: list[str] = field(default_factory=list)  # severities
    finding_refs: list[str] = field(default_factory=list)  # "#r1-ev2"
    evidence_ids: list[str] = field(default_factory=list)
    evidence_hrefs: list[str] = field(default_factory=list)
    nutrients: list[str] = field(default_factory=list)
    marks: dict[str, set[str]] = field(default_factory=dict)  # nutrient -> {"target", "ul"}
    text: list[str] = field(default_factory=list)


class PageParser(HTMLParser):
    """Collects what the tests assert on, per regimen section."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.csp = ""
        self.footer_text: list[str] = []
        self.stack: list[tuple[str, set[str]]] = []
        self.nutrient = ""

    def _inside(self, cls: str) -> bool:
        return any(cls in classes for _, classes in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = set(values.get("class", "").split())
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in values.items()]
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = values.get("content", "")
        if tag in ("meta", "br", "img", "link", "input"):  # void elements never close
            return
        self.stack.append((tag, classes))
        if tag == "section" and "regimen" in classes:
            self.sections.append(Section(values.get("id", ""), classes))
        if not self.sections or not self._inside("regimen"):
            return
        section = self.sections[-1]
        if tag == "li" and "finding" in classes:
            section.findings.append(values.get("data-severity", ""))
        if tag == "a" and self._inside("finding"):
            section.finding_refs.append(values.get("href", ""))
        if tag == "li" and self._inside("evidence"):
            section.evidence_ids.append(values.get("id", ""))
        if tag == "a" and self._inside("evidence"):
            section.evidence_hrefs.append(values.get("href", ""))
        if tag == "div" and "total" in classes:
            self.nutrient = values.get("data-nutrient", "")
            section.nutrients.append(self.nutrient)
            section.marks[self.nutrient] = set()
        if tag == "div" and "mark" in classes:
            section.marks[self.nutrient] |= classes - {"mark"}

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._inside("disclaimer"):
            self.footer_text.append(data)
        if self.sections and self._inside("regimen"):
            self.sections[-1].text.append(data)
            if self.stack and self.stack[-1][0] == "h2":
                self.sections[-1].name += data


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return all_reports()


@pytest.fixture(scope="module")
def page(reports: list[Report]) -> str:
    return render(reports)


def check_structure(parsed: PageParser, reports: list[Report]) -> None:
    """What both the generated page and Chromium's DOM of it must show."""
    assert len(parsed.sections) == len(reports)
    for section, report in zip(parsed.sections, reports, strict=True):
        assert section.name == report.name
        assert section.findings == [finding.severity.value for finding in report.findings], report.name
        cited = dict.fromkeys(e for finding in report.findings for e in finding.evidence)  # numbered in order
        assert section.evidence_hrefs == [e.url for e in cited], report.name
        assert set(section.finding_refs) == {f"#{anchor}" for anchor in section.evidence_ids}, report.name
        # Most concerning first: the highest share of the UL, the nutrients with no UL last (in table order).
        by_concern = sorted(report.totals, key=lambda t: (t.percent_ul is None, -(t.percent_ul or 0.0)))
        assert section.nutrients == [total.nutrient for total in by_concern], report.name
        for total in report.totals:
            expected = {"target"} if total.target else set()
            expected |= {"ul"} if total.ul else set()
            assert section.marks[total.nutrient] == expected, (report.name, total.nutrient)
        text = " ".join(section.text)
        for note in report.notes:
            assert note in text, (report.name, note)
        if report.error is not None:
            assert "failed" in section.classes and report.error.text in text
    assert "script" not in parsed.tags  # the hostile name and product are text, not elements
    assert "img" not in parsed.tags
    assert " ".join(parsed.footer_text).strip() == DISCLAIMER


def test_structure(page: str, reports: list[Report]) -> None:
    parsed = parse(page)
    check_structure(parsed, reports)
    assert any(report.error for report in reports) and sum(len(r.findings) for r in reports) > 10
    assert parsed.tags[0] == "html" and page.startswith("<!DOCTYPE html>")


def test_self_contained(page: str) -> None:
    parsed = parse(page)
    assert parsed.csp.startswith("default-src 'none'")
    for tag, name, value in parsed.attributes:
        assert name != "src" and not name.startswith("on"), (tag, name, value)
        if name == "href":
            assert value.startswith(("#", "https://", "http://")), value
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "<script" not in page.lower().replace("&lt;script", "")


def test_escaping(page: str) -> None:
    assert HOSTILE_NAME not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    hostile = next(section for section in parse(page).sections if section.name == HOSTILE_NAME)
    assert hostile.findings  # 50,000 IU a day is above the UL


def test_empty_and_single() -> None:
    assert "0 regimens, 0 findings" in render([])
    (report,) = reports_of("items: [100 mcg MK-7]\n", "k.yaml")
    parsed = parse(render([report]))
    assert "1 regimen, 0 findings" in render([report])
    assert parsed.sections[0].findings == [] and parsed.sections[0].nutrients == ["vitamin_k"]


def run_chromium(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={cwd / 'profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=30, cwd=cwd, check=True)


@chromium
@needs_chromium
def test_chromium_dom(page: str, reports: list[Report], tmp_path: Path) -> None:
    html_file = tmp_path / "report.html"
    html_file.write_text(page, encoding="utf-8")
    dom = run_chromium("--dump-dom", html_file.as_uri(), cwd=tmp_path).stdout
    assert dom.lstrip().startswith(("<!DOCTYPE html>", "<html"))
    check_structure(parse(dom), reports)


@chromium
@needs_chromium
def test_chromium_screenshot(page: str, tmp_path: Path) -> None:
    html_file = tmp_path / "report.html"
    html_file.write_text(page, encoding="utf-8")
    shot = tmp_path / "shot.png"
    run_chromium(f"--screenshot={shot}", "--window-size=1200,1600", html_file.as_uri(), cwd=tmp_path)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 1600)
    assert len(data) > 50_000  # a blank or unstyled page compresses to a few kB
