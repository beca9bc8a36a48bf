"""The terminal report: Rich renderables composed here, printed by the CLI's one Console."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ..errors import one_line
from ..evaluate import DISCLAIMER, Report
from ..quantities import amount, number
from ..rules import Evidence, Finding, Severity
from .summary import by_concern

if TYPE_CHECKING:  # only for annotations: a plain check need not import compare, suggest or schedule
    from ..comparison import Comparison
    from ..lifestages import StageReport
    from ..schedule import Schedule
    from ..suggest import Suggestions
    from ..totals import NutrientTotal
    from .summary import SummaryRow

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_BAR_CELLS = 10  # cells per 100 % of the UL
_BAR_OVER = 1.5  # beyond 150 % the bar stops growing; the number says how far
_NARROW = 100  # below this width the totals table draws 5 cells per 100 % of the UL, so 80 columns hold it


def ul_bar(percent: float | None, cells_per_ul: int = _BAR_CELLS, with_number: bool = True) -> Text:
    """``█`` up to the UL and ``▓`` beyond it, so the overshoot shows even without colour."""
    if percent is None:
        return Text("no UL", style="dim")
    cells = min(round(cells_per_ul * _BAR_OVER), round(percent * cells_per_ul / 100))
    within = min(cells, cells_per_ul)
    style = "red" if percent > 100 else "yellow" if percent >= 80 else "green"
    bar = Text("█" * within, style=style)
    bar.append("▓" * (cells - within), style="bold red")
    bar.append("·" * max(0, cells_per_ul - cells), style="dim")
    if with_number:
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


class Trimmed:
    """A renderable with the trailing spaces of every line removed (Rich pads table cells to their width), so
    piped output holds no invisible padding; styles are kept."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for line in console.render_lines(self.renderable, options, pad=False):
            while line and not line[-1].control and not line[-1].text.strip():
                line.pop()
            if line and not line[-1].control:
                last = line[-1]
                line[-1] = Segment(last.text.rstrip(), last.style)
            yield from line
            yield Segment.line()


class Hanging:
    """``prefix`` then ``body`` wrapped to the full width, every further line indented by ``indent`` (the
    prefix's width unless given): a hanging indent, so a wrapped note never restarts at column 0."""

    def __init__(self, prefix: str | Text, body: str | Text, indent: int | None = None) -> None:
        self.prefix = Text(prefix) if isinstance(prefix, str) else prefix
        self.body = Text(body) if isinstance(body, str) else body
        self.indent = self.prefix.cell_len if indent is None else indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        width = options.max_width
        first = max(8, width - self.prefix.cell_len)
        rest = max(8, width - self.indent)
        lines = self.body.wrap(console, first, overflow="fold")
        head = lines[0] if lines else Text()
        yield Text.assemble(self.prefix, head, end="\n")
        remainder = Text("\n").join(lines[1:])
        if remainder.plain:
            for line in remainder.wrap(console, rest, overflow="fold"):
                yield Text.assemble(" " * self.indent, line, end="\n")


def _per_day(total: NutrientTotal) -> str:
    text = amount(total.total_per_day, total.unit, total.nutrient)
    return text + f"\n (diet {number(total.diet_per_day)})" if total.diet_per_day else text


_AUTHORITY = {"nasem": "US", "efsa": "EU"}


def _ul_cell(total: NutrientTotal) -> Text:
    """The UL; with two standards both, one per line, the one that binds (the stricter here) in bold."""
    if len(total.limits) < 2 or total.ul is None:
        return Text("not set" if total.ul is None else number(total.ul) + _UL_MARK.get(total.ul_basis, ""))
    cell = Text()
    for index, use in enumerate(total.limits):
        value = "-" if use.ul is None else number(use.ul) + _UL_MARK.get(use.basis, "")
        style = "bold underline" if use.authority == total.ul_authority and use.ul is not None else "dim"
        cell.append(("\n" if index else "") + f"{_AUTHORITY[use.authority]} {value}", style=style)
    return cell


def totals_table(report: Report, width: int = _NARROW) -> Table:
    """A row per nutrient, the most concerning first (see ``by_concern``): per day in the nutrient's own unit
    (with IU for vitamin D, the only nutrient US labels still state in IU), target and UL in that unit, and the
    share of the UL as a number and a bar (half as long below ``_NARROW`` columns)."""
    table = Table(
        title="Daily totals",
        title_justify="left",
        title_style="italic",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for name in ("Nutrient", "Per day", "Target", "UL"):
        table.add_column(name, overflow="fold")  # never "…": a cut number would be a wrong number
    table.add_column("% of UL", no_wrap=True)
    cells = _BAR_CELLS if width >= _NARROW else _BAR_CELLS // 2
    for total in by_concern(report.totals):
        target = "not set" if total.target is None else f"{number(total.target)} {total.target_type}"
        percent = total.percent_ul
        if percent is None:
            share = Text(f"{'no UL':>6}", style="dim")
        else:
            share = Text(f"{number(percent) + '%':>6} ")  # right-aligned, so the numbers line up
            share.append_text(ul_bar(percent, cells, with_number=False))
        table.add_row(total.label, _per_day(total), target, _ul_cell(total), share)
    return table


class _Totals:
    """The totals table laid out for the width it is printed at."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Table]:
        yield totals_table(self.report, options.max_width)


def _ul_marks(report: Report) -> list[RenderableType]:
    """What the marks beside a UL mean, one line each, for the marks the table uses."""
    used = {use.basis for total in report.totals for use in total.limits if use.ul}
    return [Hanging(" ", Text(_UL_CAPTION[basis], style="dim"), indent=3) for basis in _UL_MARK if basis in used]


def _numbering(report: Report) -> dict[Evidence, int]:
    """Citation numbers in order of first mention across the findings."""
    numbering: dict[Evidence, int] = {}
    for finding in report.findings:
        for item in finding.evidence:
            numbering.setdefault(item, len(numbering) + 1)
    return numbering


def finding_block(finding: Finding, numbering: dict[Evidence, int]) -> RenderableType:
    """A header (severity, code, rule, the item's line), then the message indented under it at full width,
    ending in its citation numbers in ascending order."""
    header = Text(" ")
    header.append(finding.severity.value, style=SEVERITY_STYLE[finding.severity])
    header.append(f" {finding.code} ", style="bold")
    header.append(finding.rule)
    if finding.location is not None:
        header.append(f" (line {finding.location.line})", style="dim")
    refs = "".join(f"[{n}]" for n in sorted(numbering[e] for e in finding.evidence))
    return Group(header, Hanging("     ", f"{finding.message} {refs}".rstrip()))


def findings_table(report: Report, numbering: dict[Evidence, int]) -> RenderableType:
    """The findings as blocks, most severe first, with a blank line between them."""
    parts: list[RenderableType] = [Text("Findings", style="italic")]
    for index, finding in enumerate(report.findings):
        parts += [Text("")] if index else []
        parts.append(finding_block(finding, numbering))
    return Group(*parts)


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


def _not_read(report: Report) -> Text:
    """The report of an unreadable regimen: where, but not the message (the CLI prints that once, on stderr)."""
    place = "" if report.location is None else f" (line {report.location.line})"
    return Text(f"Could not be read{place}: the error is printed on standard error.", style="bold red")


def render(report: Report) -> RenderableType:
    """One regimen's report: header, what was not checked, totals, findings, evidence, notes and a summary line."""
    header = Text(one_line(report.name), style="bold")  # a --text regimen's name is what was typed, newlines too
    header.append(f"  {one_line(report.source)}", style="dim")
    if report.error is not None:
        return Trimmed(Group(header, _not_read(report), Text("")))
    assert report.standard is not None
    stage = Text(report.standard.life_stage)
    if report.standard.note:
        stage.append(f" ({report.standard.note})", style="dim")
    parts: list[RenderableType] = [header, Hanging("Life stage: ", stage, indent=2)]
    parts += [
        Hanging(Text("Not checked: ", style="bold yellow"), f"{entry.text} ({entry.reason})", indent=2)
        for entry in report.unmatched
    ]
    parts += [_Totals(report), *_ul_marks(report)] if report.totals else [Text("No recognised nutrients.")]
    if report.not_assessed:
        written = ", ".join(dict.fromkeys(entry.dose for entry in report.not_assessed))
        parts.append(Hanging(Text("Not assessed (no US reference value): ", style="bold"), written, indent=2))
    evidence = _numbering(report)
    if report.findings:
        parts += [Text(""), findings_table(report, evidence), Text(""), Text("Evidence", style="italic")]
        parts += [Hanging(f" [{n}] ", f"{e.title}\n{e.url}") for e, n in sorted(evidence.items(), key=_second)]
    if report.ignored:
        parts += [Text(""), Text("Ignored rules", style="italic")]
        parts += [Hanging(" - ", f"{rule}: {reason or '(no reason given)'}") for rule, reason in report.ignored]
    notes = [note for note in report.notes if note != report.standard.note]
    if notes:
        parts += [Text(""), Text("Notes", style="italic")]
        parts += [Hanging(" - ", note) for note in notes]
    parts += [Text(""), summary_line(report), Text("")]
    return Trimmed(Group(*parts))


def _second(pair: tuple[Evidence, int]) -> int:
    return pair[1]


def summary_table(rows: Iterable[SummaryRow]) -> RenderableType:
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
        table.add_row(one_line(row.name), row.life_stage, *counts, Text(row.worst, style=worst_style))
    return Trimmed(table)


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
    return Trimmed(Group(table, Text(DISCLAIMER, style="dim")))


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
    return Trimmed(Group(table, outcome, Text(""), render(result.after)))


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
    return Trimmed(Group(*parts))


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
    return Trimmed(Group(table, Text(DISCLAIMER, style="dim")))
