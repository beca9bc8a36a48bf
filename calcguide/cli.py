"""The command line: arguments in, core called, renderer out, exit code. No rules or arithmetic here."""

import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterator
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TextIO, TypeVar, cast, get_type_hints

import typer

if TYPE_CHECKING:
    from rich.console import Console

from .batch import DEFAULT_MAX_BYTES, Input, Options, Outcome, TextInput, expand, run
from .config import CONFIG_NAME, Config, parse_config
from .errors import InputError, one_line
from .evaluate import Report
from .loading import decode
from .output import OutputError, open_output
from .regimen import Regimen, profile_from_flags
from .rules import Severity
from .selection import rule_name

app = typer.Typer(
    add_completion=True,  # --install-completion / --show-completion; rule names and formats complete too
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Check dietary-supplement regimens (vitamin D, K2, calcium, magnesium, vitamin A) like a linter. "
    "calcguide reports what its rules found; it is not medical advice.",
)

EXIT_FINDINGS = 1
EXIT_INPUT = 2


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    html = "html"
    concise = "concise"
    github = "github"


# Formats written one report at a time as text (workers render them under --jobs).
_STREAMED = (Format.json, Format.jsonl, Format.concise, Format.github)
# Formats that carry an input error in their own one-line form, so on standard output it is not repeated on stderr.
_CARRY_ERRORS = (Format.concise, Format.github)


class CompareFormat(StrEnum):
    table = "table"
    json = "json"


class StandardChoice(StrEnum):
    nasem = "nasem"
    efsa = "efsa"
    both = "both"


class FailOn(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"
    never = "never"


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader went away (`calcguide check dir | head -1`)

_Command = TypeVar("_Command", bound=Callable[..., None])


def _guarded(command: _Command) -> _Command:
    """Ctrl-C ends with one line and exit 130, a closed pipe quietly with 141: never a traceback."""

    @functools.wraps(command)
    def run_guarded(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except KeyboardInterrupt:
            print("calcguide: interrupted", file=sys.stderr)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except OutputError as exc:
            print(f"calcguide: {exc}", file=sys.stderr)
            raise typer.Exit(EXIT_INPUT) from None
        except BrokenPipeError:
            # Point stdout at /dev/null so the interpreter's final flush cannot raise again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(EXIT_BROKEN_PIPE) from None

    return cast(_Command, run_guarded)


def _console(out: TextIO) -> "Console":
    """The one Console of a command; a closed pipe surfaces as BrokenPipeError (Rich would exit 1 itself)."""
    from rich.console import Console

    class _PipeAwareConsole(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    # NO_COLOR asks for plain text: Rich alone would drop colours but keep bold and dim.
    plain = bool(os.environ.get("NO_COLOR"))
    return _PipeAwareConsole(file=out, highlight=False, force_terminal=False if plain else None)


def _fail(message: str) -> typer.Exit:
    """A usage or config problem: one line on stderr and exit 2."""
    print(f"calcguide: {one_line(message)}", file=sys.stderr)
    return typer.Exit(EXIT_INPUT)


def _find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def _load_config(path: Path | None, use_config: bool) -> Config:
    if not use_config:
        return Config()
    found = path or _find_config(Path.cwd())
    if found is None:
        return Config()
    try:
        return parse_config(decode(found.read_bytes()), str(found))
    except OSError as exc:
        raise _fail(f"{found}: cannot be read ({exc.strerror})") from None
    except InputError as exc:
        raise _fail(str(exc.at(str(found)) if not exc.source else exc)) from None


def _options(flags: "CommonFlags") -> Options:
    """The evaluation options of a command's flags, over the config file (found or given)."""
    config = _load_config(flags.config, not flags.no_config)
    try:
        profile = profile_from_flags(
            flags.age,
            flags.sex,
            flags.pregnant,
            flags.lactating,
            tuple(flags.medication or ()),
            tuple(flags.condition or ()),
            smoker=flags.smoker,
        )
        chosen = tuple(rule_name(name) for name in flags.select) if flags.select else None
        skipped = tuple(rule_name(name) for name in flags.ignore or ())
    except InputError as exc:
        raise _fail(exc.text) from None
    if flags.max_size <= 0:
        raise _fail("--max-size must be more than 0 (MB)")
    return Options(config, profile, chosen, skipped, int(flags.max_size * 1024 * 1024), flags.standard.value)


# A batch this large, read by another program or written to a file, is worth the worker processes' start-up: on
# two cores `--jobs 2` is about 1.7x faster there (benchmarks/run.py). A terminal keeps one process.
AUTO_JOBS_INPUTS = 300


def _writes_to_terminal(output: str | None) -> bool:
    return output is None and sys.stdout.isatty()


def _workers(jobs: int | None, inputs: int, output: str | None) -> int:
    """The processes a check uses: ``--jobs`` as given (0: one per core), else one per core for a large batch
    that is not written to a terminal, else one."""
    if jobs is None:
        if inputs <= AUTO_JOBS_INPUTS or _writes_to_terminal(output):
            return 1
        jobs = 0
    return jobs or os.cpu_count() or 1


def _inputs(paths: list[str] | None, texts: list[str] | None) -> list[Input]:
    items: list[Input] = list(expand(paths or []))
    items += [TextInput(text, index) for index, text in enumerate(texts or [], start=1)]
    if not items:
        raise _fail("nothing to check: give regimen files, directories, '-' for standard input, or --text")
    return items


class _Tally:
    """What the exit code needs, gathered while reports stream past (nothing else is kept)."""

    def __init__(self, fail_on: FailOn, echo_errors: bool = True) -> None:
        self.threshold = None if fail_on is FailOn.never else Severity(fail_on.value).rank
        self.echo_errors = echo_errors  # False where the report itself carries the error line
        self.input_error = False
        self.failing = False

    def add(self, report: Report) -> Report:
        if report.error is not None:
            self.input_error = True
            if self.echo_errors:
                print(report.error, file=sys.stderr, flush=True)
        elif self.threshold is not None and any(f.severity.rank >= self.threshold for f in report.findings):
            self.failing = True
        return report

    def add_outcome(self, outcome: Outcome) -> Outcome:
        """The same for a report a worker has already rendered."""
        if outcome.error is not None:
            self.input_error = True
            if self.echo_errors:
                print(outcome.error, file=sys.stderr, flush=True)
        elif self.threshold is not None and outcome.worst >= self.threshold:
            self.failing = True
        return outcome

    @property
    def code(self) -> int:
        return EXIT_INPUT if self.input_error else EXIT_FINDINGS if self.failing else 0


class _JsonStream:
    """Writes JSON lines (each flushed, so a reader sees every report as it is ready) or one JSON array whose
    elements arrive one at a time."""

    def __init__(self, out: TextIO, lines: bool) -> None:
        self.out, self.lines, self.first = out, lines, True

    def add(self, text: str) -> None:
        """A line (with its newline) for JSON lines; an indented element for the array."""
        if self.lines:
            self.out.write(text)
            self.out.flush()
        else:
            self.out.write(("[\n" if self.first else ",\n") + text)
        self.first = False

    def close(self) -> None:
        if not self.lines:
            self.out.write("[]\n" if self.first else "\n]\n")


def _write_streamed(
    items: list[Input], options: Options, jobs: int, tally: _Tally, output_format: Format, out: TextIO
) -> None:
    """JSON, JSON lines, concise and github: each report rendered where it was made, written as it arrives."""
    from .batch import run_rendered

    if output_format in _CARRY_ERRORS:
        from .report import concise, github

        render = concise.render if output_format is Format.concise else github.render
        for outcome in run_rendered(items, options, render, jobs):
            out.write(tally.add_outcome(outcome).text)
            out.flush()
        return
    from .report import json as json_report

    stream = _JsonStream(out, lines=output_format is Format.jsonl)
    json_render = json_report.line if stream.lines else json_report.array_element
    for outcome in run_rendered(items, options, json_render, jobs):
        stream.add(tally.add_outcome(outcome).text)
    stream.close()


def _write_reports(reports: Iterator[Report], output_format: Format, summary_only: bool, out: TextIO) -> None:
    from .report.summary import SummaryRow, summary_row

    rows: list[SummaryRow] = []
    if output_format is Format.html:
        from .report import html

        out.write(html.render(list(reports)))
    elif output_format is Format.markdown:
        from .report import markdown

        for report in reports:
            rows.append(summary_row(report))
            if not summary_only:
                out.write(markdown.render(report))
        if summary_only or len(rows) > 1:
            out.write(markdown.summary(rows))
    else:
        from .report import table

        console = _console(out)
        for report in reports:
            rows.append(summary_row(report))
            if not summary_only:
                console.print(table.render(report))
        if summary_only or len(rows) > 1:
            console.print(table.summary_table(rows))


def _write_life_stages(items: list[Input], options: Options, tally: _Tally, output_format: Format, out: TextIO) -> None:
    """Each regimen across every life stage; the profile's age, sex and pregnancy are replaced stage by stage."""
    from .batch import judge, regimens_for
    from .evaluate import failed
    from .lifestages import every_life_stage
    from .report import json as json_report

    if output_format not in (Format.table, Format.json, Format.jsonl):
        raise _fail("--all-life-stages prints table, json or jsonl")
    stream = _JsonStream(out, lines=output_format is Format.jsonl)
    for item in items:
        for entry in regimens_for(item, options):
            if isinstance(entry, InputError):
                tally.add(failed(entry.source, entry.regimen, entry))
                continue
            try:
                rows = every_life_stage(entry, judge(options))
            except InputError as exc:
                tally.add(failed(entry.source, entry.name, exc.at(entry.source)))
                continue
            for row in rows:
                tally.add(row.report)
            if output_format is Format.table:
                from .report.table import life_stages_table

                _console(out).print(life_stages_table(entry.name, rows))
                continue
            data = json_report.life_stages_object(entry.name, entry.source, rows)
            if stream.lines:
                stream.add(json_report.dumps_line(data) + "\n")
            else:
                stream.add(json_report.indented_element(data))
    if output_format is not Format.table:
        stream.close()


def _complete_rules(incomplete: str) -> list[tuple[str, str]]:
    """Rule names and codes for shell completion, each with what it checks (imported only when completing)."""
    from .rules import rules_by_code

    wanted = incomplete.lower()
    found = []
    for found_rule in rules_by_code():
        found += [(found_rule.name, found_rule.summary)] if found_rule.name.startswith(wanted) else []
        found += [(found_rule.code, found_rule.name)] if found_rule.code.lower().startswith(wanted) else []
    return found


ConfigOpt = Annotated[Path | None, typer.Option("--config", help="A calcguide.yaml to use instead of searching.")]
NoConfigOpt = Annotated[bool, typer.Option("--no-config", help="Ignore any calcguide.yaml.")]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option("--select", help="Run only these rules (names or codes).", autocompletion=_complete_rules),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option("--ignore", help="Skip these rules (names or codes).", autocompletion=_complete_rules),
]
TextOpt = Annotated[
    list[str] | None, typer.Option("--text", help='A one-line regimen, e.g. "5000 IU D3 + 100 mcg MK-7".')
]
AgeOpt = Annotated[str | None, typer.Option("--age", help='Age in years, or e.g. "6 months".')]
SexOpt = Annotated[str | None, typer.Option("--sex", help="female or male.")]
PregnantOpt = Annotated[bool, typer.Option("--pregnant", help="Use the pregnancy values.")]
LactatingOpt = Annotated[bool, typer.Option("--lactating", help="Use the lactation values.")]
SmokerOpt = Annotated[bool, typer.Option("--smoker", help="The person smokes (as the profile key smoker: true).")]
MedicationOpt = Annotated[list[str] | None, typer.Option("--medication", help="A medication taken (repeatable).")]
ConditionOpt = Annotated[list[str] | None, typer.Option("--condition", help="A condition (repeatable).")]
MaxSizeOpt = Annotated[float, typer.Option("--max-size", help="Largest input file to read, in MB.")]
StandardOpt = Annotated[
    StandardChoice,
    typer.Option(
        "--standard", help="Upper limits: nasem (US), efsa (EU), or both side by side (the stricter applies)."
    ),
]
FailOnOpt = Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a finding is at least this severe.")]
OutputOpt = Annotated[str | None, typer.Option("--output", "-o", help="Write to this file (atomically).")]
OneRegimenArg = Annotated[list[str] | None, typer.Argument(help="One regimen file ('-' for standard input).")]
SmallFormatOpt = Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")]


_MAX_SIZE_MB = DEFAULT_MAX_BYTES / 1024 / 1024


class CommonFlags(NamedTuple):
    """The options ``check``, ``compare`` and ``suggest`` share, declared once: a new shared option is a field
    here (and its use in ``_options``). ``_with_common_flags`` gives each command these as its own options."""

    select: SelectOpt = None
    ignore: IgnoreOpt = None
    config: ConfigOpt = None
    no_config: NoConfigOpt = False
    age: AgeOpt = None
    sex: SexOpt = None
    pregnant: PregnantOpt = False
    lactating: LactatingOpt = False
    smoker: SmokerOpt = False
    medication: MedicationOpt = None
    condition: ConditionOpt = None
    max_size: MaxSizeOpt = _MAX_SIZE_MB
    standard: StandardOpt = StandardChoice.nasem


def _with_common_flags(command: _Command) -> _Command:
    """The command with CommonFlags' options added after its own; it receives them as one ``flags`` argument.

    Typer reads a command's options from its signature, so the wrapper publishes one (``__signature__``) made of
    the command's own parameters and a keyword parameter per CommonFlags field.
    """
    hints = get_type_hints(CommonFlags, include_extras=True)
    signature = inspect.signature(command, eval_str=True)
    own = [parameter for parameter in signature.parameters.values() if parameter.name != "flags"]
    shared = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=hints[name])
        for name, default in CommonFlags._field_defaults.items()
    ]

    @functools.wraps(command)
    def with_flags(**values: Any) -> None:
        flags = CommonFlags(**{name: values.pop(name) for name in CommonFlags._fields})
        command(flags=flags, **values)

    parameters = [*own, *shared]
    setattr(with_flags, "__signature__", signature.replace(parameters=parameters))  # noqa: B010
    with_flags.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
    return cast(_Command, with_flags)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        print(f"calcguide {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", is_eager=True, callback=_version)
    ] = False,
) -> None:
    """Check dietary-supplement regimens like a linter. calcguide reports what its rules found; it is not medical
    advice."""


@app.command()
@_guarded
@_with_common_flags
def check(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Regimen files, directories (their *.yaml), or '-' for standard input.")
    ] = None,
    text: TextOpt = None,
    output_format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    summary: Annotated[bool, typer.Option("--summary", help="Only the summary table of all regimens.")] = False,
    output: OutputOpt = None,
    fail_on: FailOnOpt = FailOn.error,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help=f"Processes to use (0: one per core). Default: one per core for more than {AUTO_JOBS_INPUTS} inputs "
            "written to a pipe or a file, else 1.",
            show_default=False,
        ),
    ] = None,
    all_life_stages: Annotated[
        bool, typer.Option("--all-life-stages", help="Evaluate each regimen for all 22 life stages at once.")
    ] = False,
    *,
    flags: CommonFlags,
) -> None:
    """Check regimens: daily totals against life-stage limits, and what the rules find.

    Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 an input could not be read.
    """
    options = _options(flags)
    items = _inputs(paths, text)
    if jobs is not None and jobs < 0:
        raise _fail("--jobs must be 0 (all cores) or more")
    workers = _workers(jobs, len(items), output)
    # concise and github carry an input error as one of their own lines; on stdout it is not repeated on stderr.
    tally = _Tally(fail_on, echo_errors=not (output_format in _CARRY_ERRORS and output is None))
    if all_life_stages:
        with open_output(output) as out:
            _write_life_stages(items, options, tally, output_format, out)
        raise typer.Exit(tally.code)
    if output_format in _STREAMED:
        with open_output(output) as out:
            _write_streamed(items, options, workers, tally, output_format, out)
        raise typer.Exit(tally.code)
    reports = (tally.add(report) for report in run(items, options, workers))
    with open_output(output) as out:
        _write_reports(reports, output_format, summary, out)
    raise typer.Exit(tally.code)


@app.command()
@_guarded
@_with_common_flags
def compare(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Regimen files to compare; the first is the baseline.")
    ] = None,
    text: TextOpt = None,
    output_format: SmallFormatOpt = CompareFormat.table,
    output: OutputOpt = None,
    fail_on: FailOnOpt = FailOn.never,
    *,
    flags: CommonFlags,
) -> None:
    """Compare regimens side by side: amounts, % of UL, findings, and what each alternative fixes or introduces."""
    from .comparison import compare as build

    options = _options(flags)
    tally = _Tally(fail_on)
    reports = [tally.add(report) for report in run(_inputs(paths, text), options)]
    comparison = build(reports)
    with open_output(output) as out:
        if output_format is CompareFormat.json:
            from .report.json import comparison_object, dumps_indented

            out.write(dumps_indented(comparison_object(comparison)) + "\n")
        else:
            from .report.table import comparison_table

            _console(out).print(comparison_table(comparison))
    raise typer.Exit(tally.code)


def _one_regimen(paths: list[str] | None, text: list[str] | None, options: Options) -> Regimen:
    """The single regimen ``suggest`` and ``schedule`` work on; an unreadable one is exit 2 with its line."""
    from .batch import regimens_for

    items = _inputs(paths, text)
    entries = [entry for item in items for entry in regimens_for(item, options)]
    if len(entries) != 1:
        raise _fail(f"this command takes one regimen; the input holds {len(entries)}")
    if isinstance(entries[0], InputError):
        raise _fail_input(entries[0])
    return entries[0]


def _fail_input(error: InputError) -> typer.Exit:
    print(error, file=sys.stderr)
    return typer.Exit(EXIT_INPUT)


@app.command()
@_guarded
@_with_common_flags
def suggest(
    paths: OneRegimenArg = None,
    text: TextOpt = None,
    output_format: SmallFormatOpt = CompareFormat.table,
    write: Annotated[
        Path | None, typer.Option("--write", help="Save the amended regimen as YAML to this NEW file.")
    ] = None,
    *,
    flags: CommonFlags,
) -> None:
    """Suggest the smallest change for each finding, and re-check the amended regimen.

    Interactions with medications and conditions are never fixed by doses: they point to a clinician.
    """
    from .batch import judge
    from .suggest import suggest as build

    options = _options(flags)
    regimen = _one_regimen(paths, text, options)
    if write is not None and write.exists():
        raise _fail(f"{write} exists; --write only creates a new file, so choose another name")
    try:
        result = build(regimen, judge(options))
    except InputError as exc:
        raise _fail_input(exc.at(regimen.source)) from None
    if write is not None:
        from .writing import regimen_yaml

        with open_output(str(write)) as out:
            out.write(
                regimen_yaml(result.amended, f"Suggested by calcguide from {regimen.source}; not medical advice.")
            )
    if output_format is CompareFormat.json:
        from .report.json import dumps_indented, suggestions_object

        sys.stdout.write(dumps_indented(suggestions_object(result)) + "\n")
    else:
        from .report.table import suggestions_view

        _console(sys.stdout).print(suggestions_view(result))


@app.command()
@_guarded
def schedule(
    paths: OneRegimenArg = None,
    text: TextOpt = None,
    output_format: SmallFormatOpt = CompareFormat.table,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    medication: MedicationOpt = None,
    max_size: MaxSizeOpt = _MAX_SIZE_MB,
) -> None:
    """A time-of-day plan: meals for fat-soluble vitamins and calcium carbonate, minerals spaced from medicines."""
    from .schedule import plan

    flags = CommonFlags(config=config, no_config=no_config, medication=medication, max_size=max_size)
    regimen = _one_regimen(paths, text, _options(flags))
    try:
        day = plan(regimen)
    except InputError as exc:
        raise _fail_input(exc.at(regimen.source)) from None
    if output_format is CompareFormat.json:
        from .report.json import dumps_indented, schedule_object

        sys.stdout.write(dumps_indented(schedule_object(regimen.name, day)) + "\n")
    else:
        from .report.table import schedule_view

        _console(sys.stdout).print(schedule_view(regimen.name, day))


@app.command()
@_guarded
def rules(output_format: SmallFormatOpt = CompareFormat.table) -> None:
    """List every rule: code, name, default severity and what it checks."""
    from .rules import rules_by_code

    listed = rules_by_code()
    if output_format is CompareFormat.json:
        import json

        from .explain import catalogue_size

        entries = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "summary": r.summary,
                "catalogue": catalogue_size(r.name),
            }
            for r in listed
        ]
        sys.stdout.write(json.dumps(entries, indent=2) + "\n")
        return
    from rich.table import Table

    table = Table(box=None, show_header=True, header_style="bold")
    for column in ("Code", "Name", "Severity", "Checks"):
        table.add_column(column)
    for r in listed:
        table.add_row(r.code, r.name, r.severity.value, r.summary)
    from .report.table import Trimmed

    _console(sys.stdout).print(Trimmed(table))


@app.command()
@_guarded
def explain(
    rule: Annotated[
        str,
        typer.Argument(help="A rule's name or code, e.g. d-without-k2 or CG101.", autocompletion=_complete_rules),
    ],
) -> None:
    """Explain a rule: what it checks, why, its thresholds, its evidence and examples."""
    from .rules import REGISTRY

    try:
        found = REGISTRY[rule_name(rule)]
    except InputError as exc:
        if "did you mean" in exc.text:
            raise _fail(exc.text) from None
        from .explain import explain_name  # a medication or condition name: what calcguide checks for it

        try:
            sys.stdout.write(explain_name(rule))
        except InputError as error:
            raise _fail(error.text) from None
        return
    lines = [
        f"{found.code} {found.name} (default severity: {found.severity.value})",
        "",
        found.summary,
        "",
        "Why:",
        f"  {found.rationale}",
        "",
    ]
    if found.applies_to is not None:
        lines += ["Applies to:", f"  {found.applies_to.text}", ""]
    if found.thresholds:
        lines += ["Thresholds (override in calcguide.yaml under rules:):"]
        lines += [f"  {key}: {value:g}" for key, value in found.thresholds.items()] + [""]
    lines += ["Evidence:"] + [f"  - {e.title}\n    {e.url}" for e in found.evidence] + [""]
    who = "".join(
        f"  (with {key}: {', '.join(map(str, value)) if isinstance(value, list) else value})"
        for key, value in found.profile.items()
    )
    lines += ["Examples:", f"  fires: {found.fires}{who}", f"  quiet: {found.quiet}{who}", ""]
    sys.stdout.write("\n".join(lines))


@app.command()
@_guarded
def schema(
    report: Annotated[
        bool, typer.Option("--report", help="The JSON report's schema instead of the regimen's.")
    ] = False,
    config: Annotated[bool, typer.Option("--config", help="The schema of calcguide.yaml instead.")] = False,
) -> None:
    """Print the JSON Schema of the regimen format (or, with --report, of the JSON report; --config, calcguide.yaml)."""
    from .data import FOLDER

    name = "report.schema.json" if report else "config.schema.json" if config else "regimen.schema.json"
    sys.stdout.write((FOLDER / name).read_text(encoding="utf-8"))


import_app = typer.Typer(help="Turn other formats into regimen YAML.", no_args_is_help=True)
app.add_typer(import_app, name="import")


@import_app.command("dsld")
@_guarded
def import_dsld(
    labels: Annotated[list[Path], typer.Argument(help="DSLD label JSON files, as the DSLD API returns them.")],
) -> None:
    """Print the regimen product item of NIH ODS Dietary Supplement Label Database labels.

    Rows calcguide cannot check are listed as comments, quoting the label's own words.
    """
    from .batch import label_reader
    from .dsld import DsldError, product_yaml

    failed = False
    for label in labels:
        try:
            data = label_reader(os.getcwd())(str(label))
            sys.stdout.write(product_yaml(data, str(label)))
        except InputError as exc:
            print(f"{label}: {exc.text.removeprefix(f'DSLD label {label} ')}", file=sys.stderr)
            failed = True
        except DsldError as exc:
            print(f"{label}: {exc}; give a label JSON as the DSLD API returns it", file=sys.stderr)
            failed = True
    if failed:
        raise typer.Exit(EXIT_INPUT)


_UNSURE: Any = object()  # a value the light conversion leaves to typer's own


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _as_typer_would(annotation: Any, value: Any, ctx: Any) -> Any:
    """``value`` as typer's own conversion makes it, for what a command line usually holds: a str, a whole number,
    a plain decimal, a choice spelt exactly, a list of these, or the option's default; ``_UNSURE`` otherwise."""
    kind = value.__class__
    if annotation is str:
        # a str that is no valid UTF-8 (undecodable bytes in argv) is left to typer's own
        return value if kind is str and (value.isascii() or _is_utf8(value)) else _UNSURE
    if getattr(annotation, "__origin__", None) is list:
        if kind is not tuple and kind is not list:
            return _UNSURE
        (item_type,) = annotation.__args__
        items = [_as_typer_would(item_type, item, ctx) for item in value]
        return _UNSURE if any(item is _UNSURE for item in items) else items
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        if kind is annotation:
            return value
        if kind is str and ctx.token_normalize_func is None:
            return next((member for member in annotation if str(member.value) == value), _UNSURE)
        return _UNSURE
    if annotation is int or annotation is float:
        if kind is annotation:
            return value
        whole, point, fraction = value.partition(".") if kind is str else ("", "", "")
        plain = whole.isascii() and whole.isdigit() and len(whole) < 16 and (whole == "0" or whole[0] != "0")
        if plain and not point:
            return annotation(whole)
        if plain and annotation is float and fraction.isascii() and fraction.isdigit() and len(fraction) < 16:
            return float(value)
    return _UNSURE


def _convert_lightly(command: Any) -> None:
    """Let the command's options convert their values without building a pydantic validator for each.

    A typer that converts values with pydantic builds one validator per option of the command being run, and
    imports pydantic for it: about a fifth of a one-file check's start. The light conversion gives the same
    values for the plain cases (``_as_typer_would``) and hands anything else, and every error, to typer's own.
    Typers that convert with click's types have nothing to spare, and are left as they are.
    """
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
    except ImportError:
        return
    if list(inspect.signature(RuntimeParam._coerce_value).parameters) != ["self", "value", "param", "ctx"]:
        return  # a typer whose conversion hook is shaped otherwise keeps its own conversion

    class LightParam(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            converted = _as_typer_would(self.annotation, value, ctx)
            if converted is _UNSURE:
                return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)
            return converted

    def lighten(param: Any) -> None:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            return
        info = descriptor.parameter_info
        if descriptor.file_annotation is not None or info.parser is not None or not info.case_sensitive:
            return
        if info.min is not None or info.max is not None or info.clamp:
            return
        try:
            param._runtime_param = LightParam(parameter_info=info, annotation=descriptor.annotation)
        except TypeError:  # a typer whose RuntimeParam takes other arguments: this option keeps typer's own
            return

    def with_light_help(get_help_option: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def light_help_option(ctx: Any) -> Any:
            option = get_help_option(ctx)
            if option is not None:
                lighten(option)
            return option

        return light_help_option

    pending = [command]
    while pending:
        current = pending.pop()
        pending += getattr(current, "commands", {}).values()
        for param in current.params:
            lighten(param)
        current.get_help_option = with_light_help(current.get_help_option)  # made when a command is run


def click_command() -> Any:
    """The click command ``calcguide`` runs: the Typer app's, with its options' light conversion."""
    built = typer.main.get_command(app)
    _convert_lightly(built)
    return built


def _click_error(name: str) -> type[Exception]:
    """The command-line library's exception class ``name`` (click's, or the copy typer ships), found from
    ``typer.BadParameter`` so this does not depend on where a typer release keeps it."""
    return next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == name)


def main() -> None:
    """Entry point for the ``calcguide`` script.

    Click prints a usage error as a usage block, a blank line and the error; tools that read ``path:line:col:
    message`` lines (and people in a terminal) get one line instead: what was wrong and where the help is.
    """
    usage_error, click_exception = _click_error("UsageError"), _click_error("ClickException")
    try:
        code = click_command()(standalone_mode=False, prog_name="calcguide")
    except usage_error as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # 'calcguide' alone: the help itself, as click shows it
            exc.show()  # type: ignore[attr-defined]
            raise SystemExit(2) from None
        context = getattr(exc, "ctx", None)
        command = context.command_path if context is not None else "calcguide"
        message = one_line(exc.format_message()).rstrip(".")  # type: ignore[attr-defined]
        sys.stderr.write(f"{command}: {message}; see '{command} --help'\n")
        raise SystemExit(2) from None
    except click_exception as exc:
        sys.stderr.write(f"calcguide: {one_line(exc.format_message())}\n")  # type: ignore[attr-defined]
        raise SystemExit(getattr(exc, "exit_code", 1)) from None
    raise SystemExit(code if isinstance(code, int) else 0)
