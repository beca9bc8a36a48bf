"""The terminal report: Rich renderables composed here, printed by the CLI's one Console."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..evaluate import DISCLAIMER, Report
from ..quantities import amount, number
from ..rules import Evidence, Severity

if TYPE_CHECKING:  # only for annotations: a plain check need not import compare, suggest or schedule
    from ..comparison import Comparison
    from ..lifestages import StageReport
    from ..schedule import Schedule
    from ..suggest import Suggestions
    from ..totals import NutrientTotal
    from .summary import SummaryRow

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_BAR_CELLS = 10  # cells per 100 % of the UL
_BAR_MAX = 15  # beyond 150 % the bar stops growing; the number says how far


def ul_bar(percent: float | None) -> Text:
    """``█`` up to the UL and ``▓`` beyond it, so the overshoot shows even without colour."""
    if percent is None:
        return Text("no UL", style="dim")
    cells = min(_BAR_MAX, round(percent * _BAR_CELLS / 100))
    within = min(cells, _BAR_CELLS)
    style = "red" if percent > 100 else "yellow" if percent >= 80 else "green"
    bar = Text("█" * within, style=style)
    bar.append("▓" * (cells - within), style="bold red")
    bar.append("·" * max(0, _BAR_CELLS - cells), style="dim")
    bar.append(f" {number(percent)}%")
    return bar


_UL_MARK = {"supplemental": "*", "preformed": "†", "folic_acid": "‡", "supplemental_folate": "§",
            "nicotinic_acid": "¶", "nicotinamide": "¶"}  # fmt: skip
_UL_CAPTION = {
    "supplemental": "* the UL applies to supplements only",
    "preformed": "† the UL applies to preformed vitamin A only",
    "folic_acid": "‡ the UL counts folic acid only, in mcg (not DFE)",
    "supplemental_folate": "§ the UL counts folic acid and L-methylfolate from supplements, in mcg",
    "nicotinic_acid": "¶ nicotinic acid and nicotinamide have separate ULs, supplements only",
    "nicotinamide": "¶ nicotinic acid and nicotinamide have separate ULs, supplements only",
}


def _per_day(total: NutrientTotal) -> str:
    text = amount(total.total_per_day, total.unit, total.nutrient)
    return text + f"\n (diet {number(total.diet_per_day)})" if total.diet_per_day else text


_AUTHORITY = {"nasem": "US", "efsa": "EU"}


def _ul_cell(total: NutrientTotal) -> Text:
    """The UL; with two standards both, the one that binds (the stricter for this regimen) in bold."""
    if len(total.limits) < 2 or total.ul is None:
        return Text("not set" if total.ul is None else number(total.ul) + _UL_MARK.get(total.ul_basis, ""))
    cell = Text()
    for index, use in enumerate(total.limits):
        value = "-" if use.ul is None else number(use.ul) + _UL_MARK.get(use.basis, "")
        style = "bold underline" if use.authority == total.ul_authority and use.ul is not None else "dim"
        cell.append((" / " if index else "") + f"{_AUTHORITY[use.authority]} {value}", style=style)
    return cell


def totals_table(report: Report) -> Table:
    """Per day in the nutrient's unit (IU too for vitamin D); target and UL in the same unit."""
    marks = [basis for basis in _UL_MARK if any(u.basis == basis and u.ul for t in report.totals for u in t.limits)]
    table = Table(
        title="Daily totals",
        title_justify="left",
        caption="; ".join(dict.fromkeys(_UL_CAPTION[basis] for basis in marks)) or None,
        caption_justify="left",
        box=box.SIMPLE_HEAVY,
    )
    for name in ("Nutrient", "Per day", "Target", "UL", "% of UL"):
        table.add_column(name, no_wrap=True)
    for total in report.totals:
        target = "not set" if total.target is None else f"{number(total.target)} {total.target_type}"
        table.add_row(total.label, _per_day(total), target, _ul_cell(total), ul_bar(total.percent_ul))
    return table


def findings_table(report: Report, numbering: dict[Evidence, int]) -> Table:
    table = Table(title="Findings", title_justify="left", box=box.SIMPLE_HEAVY, expand=False)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Code", no_wrap=True)
    table.add_column("Rule", no_wrap=True)
    table.add_column("Message", ratio=1)
    for finding in report.findings:
        refs = "".join(f"[{numbering[e]}]" for e in finding.evidence)
        table.add_row(
            Text(finding.severity.value, style=SEVERITY_STYLE[finding.severity]),
            finding.code,
            finding.rule,
            Text(f"{finding.message} {refs}"),
        )
    return table


def summary_line(report: Report) -> Text:
    counts = report.summary
    if not report.findings:
        line = Text("No findings. ")
    else:
        parts = [
            f"{counts[s.value]} {s.value}" + ("s" if counts[s.value] != 1 and s is not Severity.INFO else "")
            for s in reversed(Severity)
        ]
        line = Text(", ".join(parts) + ". ", style=SEVERITY_STYLE[report.worst] if report.worst else "")
    line.append(DISCLAIMER, style="dim")
    return line


def render(report: Report) -> RenderableType:
    """One regimen's report: header, totals, findings, numbered evidence, notes and a summary line."""
    header = Text(report.name, style="bold")
    header.append(f"  {report.source}", style="dim")
    if report.error is not None:
        return Group(header, Text(f"error: {report.error}", style="bold red"), Text(""))
    assert report.standard is not None
    stage = Text(f"Life stage: {report.standard.life_stage}")
    if report.standard.note:
        stage.append(f" ({report.standard.note})", style="dim")
    parts: list[RenderableType] = [header, stage]
    parts += [totals_table(report)] if report.totals else [Text("No recognised nutrients.", style="dim")]
    evidence: dict[Evidence, int] = {}
    for finding in report.findings:
        for item in finding.evidence:
            evidence.setdefault(item, len(evidence) + 1)
    if report.findings:
        parts.append(findings_table(report, evidence))
        parts.append(Text("Evidence", style="italic"))
        parts += [Text(f" [{n}] {e.title}\n     {e.url}") for e, n in evidence.items()]
    if report.ignored:
        parts.append(Text("Ignored rules", style="italic"))
        parts += [Text(f" - {rule}: {reason or '(no reason given)'}") for rule, reason in report.ignored]
    notes = [note for note in report.notes if note != report.standard.note]
    if notes:
        parts.append(Text("Notes", style="italic"))
        parts += [Text(f" - {note}") for note in notes]
    parts += [Text(""), summary_line(report), Text("")]
    return Group(*parts)


def summary_table(rows: Iterable[SummaryRow]) -> Table:
    """One row per regimen: life stage, counts by severity and the worst finding."""
    table = Table(title="Summary", title_justify="left", box=box.SIMPLE_HEAVY)
    table.add_column("Regimen")
    table.add_column("Life stage")
    for severity in reversed(Severity):
        table.add_column(severity.value.capitalize(), justify="right", style=SEVERITY_STYLE[severity])
    table.add_column("Worst finding")
    for row in rows:
        counts = [str(row.counts.get(s.value, 0)) for s in reversed(Severity)]
        worst_style = "bold red" if row.worst.startswith(("error", "input error")) else ""
        table.add_row(row.name, row.life_stage, *counts, Text(row.worst, style=worst_style))
    return table


def comparison_table(comparison: Comparison) -> RenderableType:
    """A column per regimen: amounts with % of UL, findings by severity, what changed, and a verdict."""
    reports = comparison.reports
    table = Table(title="Comparison", title_justify="left", box=box.SIMPLE_HEAVY, show_lines=False)
    table.add_column("")
    for index, report in enumerate(reports):
        heading = f"{report.name}" + (" (baseline)" if index == 0 and len(reports) > 1 else "")
        table.add_column(heading, overflow="fold")
    stage = [r.standard.life_stage if r.standard else "-" for r in reports]
    table.add_row(Text("Life stage", style="italic"), *stage)
    for row in comparison.nutrients:
        cells: list[RenderableType] = []
        for total in row.cells:
            if total is None:
                cells.append(Text("-", style="dim"))
                continue
            cell = Text(amount(total.total_per_day, total.unit, total.nutrient) + "\n")
            cell.append_text(ul_bar(total.percent_ul))
            cells.append(cell)
        table.add_row(row.label, *cells)
    table.add_section()
    for finding in comparison.findings:
        base = finding.cells[0]
        marks: list[RenderableType] = []
        for index, severity in enumerate(finding.cells):
            if severity is None:
                fixed = index and base is not None and reports[index].error is None
                marks.append(Text("fixed", style="green") if fixed else Text("-", style="dim"))
                continue
            text = Text(severity.value, style=SEVERITY_STYLE[severity])
            if index and base is None:
                text.append(" (new)", style="bold")
            marks.append(text)
        label = f"{finding.code} {finding.rule}" + (f"\n  {finding.nutrient}" if finding.nutrient else "")
        table.add_row(label, *marks)
    table.add_section()
    verdicts = []
    for index, report in enumerate(reports):
        verdict = Text(comparison.verdict(index), style=SEVERITY_STYLE[report.worst] if report.worst else "green")
        change = comparison.changes[index]
        if index and (change.fixes or change.introduces):
            verdict.append(f"\nfixes {len(change.fixes)}, introduces {len(change.introduces)}")
        verdicts.append(verdict)
    table.add_row(Text("Verdict", style="bold"), *verdicts)
    return Group(table, Text(DISCLAIMER, style="dim"))


def suggestions_view(result: Suggestions) -> RenderableType:
    """Each finding's suggested change, then what the amended regimen's evaluation shows."""
    table = Table(title=f"Suggestions for {result.before.name}", title_justify="left", box=box.SIMPLE_HEAVY)
    for column in ("Finding", "Kind", "Suggestion"):
        table.add_column(column, no_wrap=column != "Suggestion")
    for finding, suggestion in zip(result.before.findings, result.suggestions, strict=True):
        label = Text(f"{finding.severity.value} ", style=SEVERITY_STYLE[finding.severity])
        label.append(finding.rule + (f"\n  {finding.nutrient}" if finding.nutrient else ""))
        style = {"change": "green", "clinician": "bold magenta"}.get(suggestion.kind, "")
        table.add_row(label, Text(suggestion.kind, style=style), suggestion.text)
    outcome = Text("After the changes: ")
    outcome.append(f"resolved {', '.join(result.resolved) or 'nothing'}", style="green")
    outcome.append("; ")
    outcome.append(
        f"introduced {', '.join(result.introduced) or 'nothing'}", style="bold red" if result.introduced else ""
    )
    return Group(table, outcome, Text(""), render(result.after))


def schedule_view(name: str, schedule: Schedule) -> RenderableType:
    table = Table(title=f"Daily schedule for {name}", title_justify="left", box=box.SIMPLE_HEAVY)
    for column in ("When", "Take", "Why"):
        table.add_column(column, no_wrap=column == "When")
    for slot, entries in schedule.by_slot().items():
        for position, entry in enumerate(entries):
            table.add_row(slot if position == 0 else "", entry.what, entry.why)
    parts: list[RenderableType] = [table]
    parts += [Text(f" - {note}") for note in schedule.notes]
    parts += [Text(""), Text(DISCLAIMER, style="dim")]
    return Group(*parts)


def life_stages_table(name: str, rows: list[StageReport]) -> RenderableType:
    """A row per life stage: % of UL per nutrient and the findings that fire there."""
    nutrients = list(dict.fromkeys(t.nutrient for row in rows for t in row.report.totals if t.ul is not None))
    labels = {t.nutrient: t.label for row in rows for t in row.report.totals}
    table = Table(title=f"{name}: every life stage", title_justify="left", box=box.SIMPLE_HEAVY)
    table.add_column("Life stage", no_wrap=True)
    for nutrient in nutrients:
        table.add_column(f"{labels[nutrient]}\n% of UL", justify="right", no_wrap=True)
    table.add_column("Findings (warning and error)")
    for row in rows:
        cells: list[RenderableType] = []
        for nutrient in nutrients:
            total = next((t for t in row.report.totals if t.nutrient == nutrient), None)
            percent = None if total is None else total.percent_ul
            style = "" if percent is None else "bold red" if percent > 100 else "yellow" if percent >= 80 else "green"
            cells.append(Text("no UL" if percent is None else f"{number(percent)}%", style=style or "dim"))
        serious = [f for f in row.report.findings if f.severity is not Severity.INFO]
        found = Text()
        for index, finding in enumerate(serious):
            found.append(
                ("\n" if index else "") + f"{finding.severity.value} {finding.rule}", SEVERITY_STYLE[finding.severity]
            )
        table.add_row(row.stage.label, *cells, found)
    return Group(table, Text(DISCLAIMER, style="dim"))
