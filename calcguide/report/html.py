"""The HTML report: one self-contained page (inline CSS, no scripts, nothing fetched) over the same Reports.

Every string that comes from a regimen, a label or the data files is escaped; links are written only for
http(s) URLs. A Content-Security-Policy meta tag forbids the page from loading anything at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from ..evaluate import DISCLAIMER, Report
from ..quantities import amount, number
from ..rules import Evidence, Finding, Severity
from ..totals import NutrientTotal
from .summary import by_concern

_SCALE_HEADROOM = 1.1  # the bar runs 10 % past the largest of total, target and UL
_SCALE_CAP = 2.0  # ...but at most to twice the larger reference value; a longer total is drawn clipped

_UL_BASIS = {
    "supplemental": "the UL applies to supplements only",
    "preformed": "the UL applies to preformed vitamin A only",
    "folic_acid": "the UL counts folic acid only, in mcg",
    "supplemental_folate": "the UL counts folic acid and L-methylfolate from supplements, in mcg",
    "nicotinic_acid": "the UL counts nicotinic acid from supplements",
    "nicotinamide": "the UL counts nicotinamide from supplements",
}

_CSS = """
:root { --ok: #2e7d32; --near: #ef8f00; --over: #c62828; --none: #607d8b; --info: #1565c0;
  --ink: #1d232a; --muted: #5f6b76; --line: #d5dbe1; --paper: #ffffff; --band: #f3f5f7; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--band); }
header.page, footer.page { padding: 18px 32px; background: var(--ink); color: #fff; }
header.page h1 { margin: 0 0 4px; font-size: 22px; }
header.page p { margin: 0; color: #cfd8dc; }
footer.page p { margin: 0; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 24px 32px; }
section.regimen { background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
  margin: 18px 0; padding: 18px 24px; }
section.regimen > h2 { margin: 0 0 2px; font-size: 20px; overflow-wrap: anywhere; }
.meta { margin: 0 0 12px; color: var(--muted); overflow-wrap: anywhere; }
.meta .source { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
h3 { font-size: 15px; margin: 18px 0 8px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.error-box { border-left: 5px solid var(--over); background: #fdecea; padding: 10px 14px; }
.totals { display: grid; gap: 12px; }
.total-head { display: flex; justify-content: space-between; gap: 12px; }
.total-head .label { font-weight: 600; }
.total-head .per-day { font-variant-numeric: tabular-nums; }
.bar { position: relative; height: 18px; background: #e9edf1; border-radius: 4px; margin: 4px 0 2px; }
.fill { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 4px; }
.fill.amount { background: #b0bec5; }
.fill.ul-part { background: var(--ok); }
.fill.ul-part.near { background: var(--near); }
.fill.ul-part.over { background: var(--over); }
.fill.ul-part.no-ul { background: var(--none); }
.clipped::after { content: "\\25B6"; position: absolute; right: -14px; top: -1px; color: var(--over); font-size: 14px; }
.mark { position: absolute; top: -4px; bottom: -4px; width: 3px; margin-left: -1px; box-shadow: 0 0 0 1px #fff; }
.mark.target { background: var(--info); }
.mark.ul { background: var(--ink); }
.scale { font-size: 13px; color: var(--muted); display: flex; flex-wrap: wrap; gap: 4px 16px; }
.key { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
.key.target { background: var(--info); }
.key.ul { background: var(--ink); }
.key.counted { background: var(--ok); }
.key.uncounted { background: #b0bec5; }
.legend { font-size: 13px; color: var(--muted); margin: 10px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.legend .arrow { color: var(--over); }
.not-checked { border-left: 5px solid var(--near); background: #fff4e0; padding: 6px 12px; font-weight: 600; }
.percent.over { color: var(--over); font-weight: 600; }
ol.findings { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.finding { border-left: 6px solid var(--none); background: var(--band); padding: 8px 12px; border-radius: 4px; }
.finding.sev-error { border-color: var(--over); background: #fdecea; }
.finding.sev-warning { border-color: var(--near); background: #fff4e0; }
.finding.sev-info { border-color: var(--info); background: #e8f1fb; }
.finding .head { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.badge { color: #fff; border-radius: 3px; padding: 0 6px; font-size: 12px; font-weight: 700;
  text-transform: uppercase; background: var(--none); }
.sev-error .badge { background: var(--over); }
.sev-warning .badge { background: #b26a00; }
.sev-info .badge { background: var(--info); }
.finding code { font-size: 13px; }
.finding .rule { color: var(--muted); font-size: 13px; }
.finding .message { margin: 4px 0 0; }
ol.evidence { margin: 0; padding-left: 28px; overflow-wrap: anywhere; }
ol.evidence .url { color: var(--muted); font-size: 12px; }
ul.notes { margin: 0; padding-left: 20px; color: var(--muted); }
.summary-line { margin: 16px 0 0; font-weight: 600; }
.summary-line.sev-error { color: var(--over); }
.summary-line.sev-warning { color: #b26a00; }
.empty { color: var(--muted); }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _pct(value: float) -> str:
    return f"{max(0.0, min(100.0, value)):.2f}%"


def _link(evidence: Evidence, label: str) -> str:
    if evidence.url.startswith(("https://", "http://")):
        return f'<a href="{_e(evidence.url)}">{label}</a>'
    return label


def _bar(total: NutrientTotal) -> str:
    """The day's total against target and UL: a fill for the total, the part the UL applies to coloured by
    how close it is to the UL, and marker lines at the target and the UL."""
    references = [value for value in (total.target, total.ul) if value]
    shown = max(total.total_per_day, total.ul_amount_per_day)
    top = max([shown, *references]) or 1.0
    if references:
        top = min(top, _SCALE_CAP * max(references))
    top *= _SCALE_HEADROOM
    percent_ul = total.percent_ul
    level = "no-ul" if percent_ul is None else "over" if percent_ul > 100 else "near" if percent_ul >= 80 else "ok"
    clipped = " clipped" if shown > top else ""
    parts = [
        f'<div class="fill amount" style="width: {_pct(100 * total.total_per_day / top)}"></div>',
        f'<div class="fill ul-part {level}{clipped}" style="width: {_pct(100 * total.ul_amount_per_day / top)}"></div>',
    ]
    if total.target:
        parts.append(
            f'<div class="mark target" style="left: {_pct(100 * total.target / top)}" '
            f'title="target {_e(amount(total.target, total.unit, total.nutrient))}"></div>'
        )
    if total.ul:
        parts.append(
            f'<div class="mark ul" style="left: {_pct(100 * total.ul / top)}" '
            f'title="UL {_e(amount(total.ul, total.ul_unit or total.unit, total.nutrient))}"></div>'
        )
    described = f"{amount(total.total_per_day, total.unit, total.nutrient)} a day"
    if percent_ul is not None:
        described += f", {number(percent_ul)}% of the UL"
    return f'<div class="bar" role="img" aria-label="{_e(described)}">{"".join(parts)}</div>'


def _total(total: NutrientTotal) -> str:
    per_day = amount(total.total_per_day, total.unit, total.nutrient) + " a day"
    if total.diet_per_day:
        per_day += f" (diet {number(total.diet_per_day)} {total.unit})"
    scale = []
    if total.target is not None:
        kind = f" {total.target_type}" if total.target_type else ""
        scale.append(
            f'<span><i class="key target"></i>target {_e(amount(total.target, total.unit, total.nutrient))}'
            f"{_e(kind)}</span>"
        )
    else:
        scale.append("<span>no target set</span>")
    if total.ul is not None:
        basis = f" ({_UL_BASIS[total.ul_basis]})" if total.ul_basis in _UL_BASIS else ""
        scale.append(
            f'<span><i class="key ul"></i>UL {_e(amount(total.ul, total.ul_unit or total.unit, total.nutrient))}'
            f"{_e(basis)}</span>"
        )
    else:
        scale.append("<span>no UL set</span>")
    if total.percent_ul is not None:
        over = " over" if total.percent_ul > 100 else ""
        scale.append(f'<span class="percent{over}">{_e(number(total.percent_ul))}% of UL</span>')
    if total.percent_target is not None:
        scale.append(f'<span class="percent">{_e(number(total.percent_target))}% of target</span>')
    return (
        f'<div class="total" data-nutrient="{_e(total.nutrient)}">'
        f'<div class="total-head"><span class="label">{_e(total.label)}</span>'
        f'<span class="per-day">{_e(per_day)}</span></div>'
        f"{_bar(total)}"
        f'<div class="scale">{"".join(scale)}</div></div>'
    )


_LEGEND = (
    '<p class="legend">'
    '<span><i class="key counted"></i>the amount the UL counts (green, amber from 80 %, red over the UL)</span>'
    '<span><i class="key uncounted"></i>grey: the part of the total the UL does not count (for vitamin A, '
    "beta-carotene, which does not count toward the preformed-vitamin-A UL)</span>"
    '<span><i class="key target"></i>target</span><span><i class="key ul"></i>UL</span>'
    '<span><span class="arrow">&#9654;</span> the amount goes on beyond the end of the bar</span></p>'
)


def _finding(finding: Finding, numbering: dict[Evidence, int], prefix: str) -> str:
    numbers = sorted(numbering[e] for e in finding.evidence)
    refs = "".join(f'<sup><a href="#{prefix}-ev{n}">[{n}]</a></sup>' for n in numbers)
    line = f" (line {finding.location.line})" if finding.location else ""
    severity = finding.severity.value
    return (
        f'<li class="finding sev-{_e(severity)}" data-severity="{_e(severity)}">'
        f'<div class="head"><span class="badge">{_e(severity)}</span>'
        f'<code class="code">{_e(finding.code)}</code><span class="rule">{_e(finding.rule)}{_e(line)}</span></div>'
        f'<p class="message">{_e(finding.message)}{refs}</p></li>'
    )


def _summary(report: Report) -> str:
    if not report.findings:
        return '<p class="summary-line">No findings.</p>'
    counts = report.summary
    parts = [
        f"{counts.get(s.value, 0)} {s.value}" + ("s" if counts.get(s.value, 0) != 1 and s is not Severity.INFO else "")
        for s in reversed(Severity)
    ]
    worst = f" sev-{report.worst.value}" if report.worst else ""
    return f'<p class="summary-line{worst}">{_e(", ".join(parts))}.</p>'


def _profile(report: Report) -> str:
    profile = report.profile
    parts = []
    if profile.age_years is not None:
        parts.append(f"age {number(profile.age_years)}")
    if profile.sex:
        parts.append(profile.sex)
    if profile.pregnant:
        parts.append("pregnant")
    if profile.lactating:
        parts.append("lactating")
    if profile.medications:
        parts.append("medications: " + ", ".join(profile.medications))
    if profile.conditions:
        parts.append("conditions: " + ", ".join(profile.conditions))
    return f" · Profile: {_e('; '.join(parts))}" if parts else ""


def _section(report: Report, index: int) -> str:
    prefix = f"r{index}"
    head = f'<h2 class="name">{_e(report.name)}</h2>'
    source = f'<span class="source">{_e(report.source)}</span>'
    if report.error is not None:
        return (
            f'<section class="regimen failed" id="{prefix}">{head}<p class="meta">{source}</p>'
            f'<div class="error-box"><strong>Could not be read:</strong> {_e(report.error)}</div></section>'
        )
    stage = report.standard.life_stage if report.standard else "unknown"
    parts = [
        f'<section class="regimen" id="{prefix}">{head}',
        f'<p class="meta">{source} · Life stage: <span class="life-stage">{_e(stage)}</span>{_profile(report)}</p>',
        "<h3>Daily totals</h3>",
    ]
    parts += [
        f'<p class="not-checked">Not checked: {_e(entry.text)} ({_e(entry.reason)})</p>' for entry in report.unmatched
    ]
    if report.totals:
        parts.append('<div class="totals">' + "".join(_total(total) for total in by_concern(report.totals)) + "</div>")
        parts.append(_LEGEND)
    else:
        parts.append('<p class="empty">No recognised nutrients.</p>')
    if report.not_assessed:
        written = ", ".join(dict.fromkeys(entry.dose for entry in report.not_assessed))
        parts.append(f'<p class="not-assessed">Not assessed (no US reference value): {_e(written)}</p>')
    numbering: dict[Evidence, int] = {}
    for finding in report.findings:
        for item in finding.evidence:
            numbering.setdefault(item, len(numbering) + 1)
    parts.append("<h3>Findings</h3>")
    if report.findings:
        items = "".join(_finding(finding, numbering, prefix) for finding in report.findings)
        parts.append(f'<ol class="findings">{items}</ol>')
    else:
        parts.append('<p class="empty">No findings.</p>')
    if numbering:
        items = "".join(
            f'<li id="{prefix}-ev{n}">{_link(e, _e(e.title))}<br><span class="url">{_e(e.url)}</span></li>'
            for e, n in numbering.items()
        )
        parts.append(f'<h3>Evidence</h3><ol class="evidence">{items}</ol>')
    if report.notes:
        notes = "".join(f"<li>{_e(note)}</li>" for note in report.notes)
        parts.append(f'<h3>Notes</h3><ul class="notes">{notes}</ul>')
    parts.append(_summary(report))
    parts.append("</section>")
    return "".join(parts)


def render(reports: Iterable[Report]) -> str:
    """One HTML page with a section per regimen, in input order."""
    reports = list(reports)
    findings = sum(len(report.findings) for report in reports)
    failed = sum(1 for report in reports if report.error is not None)
    plural = "s" if len(reports) != 1 else ""
    overview = f"{len(reports)} regimen{plural}, {findings} finding{'s' if findings != 1 else ''}"
    if failed:
        overview += f", {failed} could not be read"
    sections = "\n".join(_section(report, index) for index, report in enumerate(reports, start=1))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>calcguide report</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header class="page"><h1>calcguide report</h1><p class="overview">{_e(overview)}</p></header>\n'
        f"<main>\n{sections}\n</main>\n"
        f'<footer class="page"><p class="disclaimer">{_e(DISCLAIMER)}</p></footer>\n'
        "</body>\n</html>\n"
    )
