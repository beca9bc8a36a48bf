"""Running many inputs: expanding paths, reading files, applying profile overrides, in order, in parallel.

This is the shell around the core: it reads files (never writes), and turns every failure into a report with
its error so one bad input never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final, NamedTuple

from .config import Config
from .errors import InputError
from .evaluate import Report, evaluate, failed
from .loading import default_name, read_regimens
from .regimen import LabelReader, Profile, Regimen, check_profile, regimen_from_line

STDIN: Final = "-"
DEFAULT_MAX_BYTES: Final = 5 * 1024 * 1024
_SUFFIXES: Final = (".yaml", ".yml")


class Options(NamedTuple):
    """Everything that shapes an evaluation besides the regimen: flags over the config file."""

    config: Config = Config()
    profile: Profile = Profile()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    standard: str = "nasem"


class TextInput(NamedTuple):
    """A one-line regimen given with ``--text`` (a record that pickles as a tuple, to reach worker processes)."""

    text: str
    number: int  # the --text option's place among them, from 1: the source "<text N>"


Input = str | TextInput


def _walk(folder: str) -> Iterator[str]:
    """The regimen files below ``folder`` in sorted path order, found as the walk goes (nothing is collected)."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir():
            yield from _walk(entry.path)
        elif entry.name.lower().endswith(_SUFFIXES) and entry.is_file():
            yield entry.path


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Files as given, directories as their ``*.yaml``/``*.yml`` files (recursively, sorted), ``-`` as stdin."""
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            found = False
            for file in _walk(path):
                found = True
                yield file
            if not found:
                yield path  # reading it reports that the folder holds no regimen
        else:
            yield path


def _read(path: str, max_bytes: int) -> bytes:
    try:
        if path == STDIN:
            import sys

            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            data = _read_file(path, max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file", "check the path") from None
    except IsADirectoryError:
        raise InputError("a folder with no *.yaml or *.yml files", "check the path") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", "check the path and its permissions") from None
    if len(data) > max_bytes:
        raise InputError(
            f"larger than {max_bytes:,} bytes", "raise the limit with --max-size (in MB) if the file is genuine"
        )
    return data


_BINARY: Final = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate line ends


def _read_file(path: str, most: int) -> bytes:
    """Up to ``most`` bytes of a file, read with the operating system's calls alone: a batch reads thousands of
    small files, and a buffered file object costs more to set up than reading one does."""
    descriptor = os.open(path, os.O_RDONLY | _BINARY)
    try:
        size = os.fstat(descriptor).st_size
        # A regular file comes in one read of its size and one that finds its end; a pipe or a file in /proc says 0.
        chunks = []
        want = most
        while want > 0:
            chunk = os.read(descriptor, min(want, max(size + 1, 65_536)))
            if not chunk:
                break
            chunks.append(chunk)
            want -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


MAX_LABEL_BYTES: Final = 2 * 1024 * 1024


def label_reader(folder: str) -> LabelReader:
    """Reads DSLD label JSON files named in a regimen, relative to the regimen file's folder."""

    def read_label(path: str) -> Mapping[str, Any]:
        import json

        full = os.path.join(folder, path)
        try:
            data = _read_file(full, MAX_LABEL_BYTES + 1)
        except OSError as exc:
            raise InputError(f"DSLD label {path} cannot be read ({exc.strerror})", "check the path") from None
        if len(data) > MAX_LABEL_BYTES:
            raise InputError(f"DSLD label {path} is larger than {MAX_LABEL_BYTES:,} bytes", "check the file")
        try:
            label = json.loads(data)
        except (ValueError, RecursionError) as exc:
            raise InputError(
                f"DSLD label {path} is not valid JSON ({exc})", "save the label JSON as the API gives it"
            ) from None
        if not isinstance(label, Mapping):
            raise InputError(f"DSLD label {path} is not a JSON object", "save the label JSON as the API gives it")
        return label

    return read_label


def prepare(regimen: Regimen, options: Options) -> Regimen:
    """The regimen with its profile completed: flags over the file's fields over the config's default profile."""
    config = options.config
    profile = options.profile.over(regimen.profile.over(config.profile))
    check_profile(profile)
    return regimen if profile == regimen.profile else regimen._replace(profile=profile)


def judge(options: Options) -> Callable[[Regimen], Report]:
    """``evaluate`` with the rule selection and overrides of ``options``."""
    config = options.config

    def evaluate_with_options(regimen: Regimen) -> Report:
        return evaluate(
            regimen,
            select=options.select if options.select is not None else config.select,
            ignore=(*config.ignore, *options.ignore),
            thresholds=config.thresholds,
            severities=config.severities,
            standard=options.standard,
        )

    return evaluate_with_options


def regimens_for(item: Input, options: Options) -> Iterator[Regimen | InputError]:
    """The prepared regimens of one input, or the InputError of each that cannot be read (never raises)."""
    if isinstance(item, TextInput):
        source = f"<text {item.number}>"
        try:
            yield prepare(regimen_from_line(item.text, source), options)
        except InputError as exc:
            yield exc.at(source).named(item.text)
        return
    source = "<stdin>" if item == STDIN else item
    try:
        data = _read(item, options.max_bytes)
    except InputError as exc:
        yield exc.at(source)
        return
    folder = os.path.dirname(os.path.abspath(item)) if item != STDIN else os.getcwd()
    for entry in read_regimens(data, source, label_reader(folder)):
        if isinstance(entry, InputError):
            yield entry
            continue
        try:
            yield prepare(entry, options)
        except InputError as exc:
            yield exc.at(source).named(entry.name)


# A batch takes its inputs through the pipeline a few at a time, stage by stage: a group is read and parsed, then
# evaluated, then rendered. Each stage's code and tables then stay in the processor's caches for the whole group;
# one input at a time through every stage evicts them at each step, and a batch took about 10 % longer that way
# (docs/profile.md). Output keeps the inputs' order; a group holds a few reports at most.
GROUP: Final = 8


def _groups(inputs: list[Input]) -> Iterator[list[Input]]:
    """``inputs`` in groups of GROUP, in order; standard input starts a group of its own, so that the reports
    before it are out before calcguide waits for someone to type or pipe it."""
    group: list[Input] = []
    for item in inputs:
        if len(group) == GROUP or (item == STDIN and group):
            yield group
            group = []
        group.append(item)
    if group:
        yield group


def _reports_of(group: list[Input], options: Options) -> list[Report]:
    """The reports of a few inputs, in order: all of them read first, then all evaluated; never raises InputError."""
    evaluate_one = judge(options)
    read = [(item, list(regimens_for(item, options))) for item in group]
    reports = []
    for item, entries in read:
        name = item.text if isinstance(item, TextInput) else default_name(item)
        for entry in entries:
            if isinstance(entry, InputError):
                reports.append(failed(entry.source, entry.regimen or name, entry))
                continue
            try:
                reports.append(evaluate_one(entry))
            except InputError as exc:
                reports.append(failed(entry.source, entry.name, exc.at(entry.source)))
    return reports


class Outcome(NamedTuple):
    """A report already rendered, with what the exit code needs: workers send these, not whole reports."""

    error: str | None  # the one-line input error, if the regimen could not be read
    worst: int  # the worst finding's severity rank, -1 for none
    text: str


def _outcome(report: Report, render: Callable[[Report], str]) -> Outcome:
    worst = report.worst
    return Outcome(
        None if report.error is None else str(report.error), -1 if worst is None else worst.rank, render(report)
    )


def _work(args: tuple[list[Input], Options]) -> list[Report]:
    return _reports_of(*args)


def _render_work(args: tuple[list[Input], Options, Callable[[Report], str]]) -> list[Outcome]:
    group, options, render = args
    return [_outcome(report, render) for report in _reports_of(group, options)]


def run_rendered(
    inputs: list[Input], options: Options, render: Callable[[Report], str], jobs: int = 1
) -> Iterator[Outcome]:
    """Like ``run``, but each report is rendered where it was made, so parallel workers do the rendering too
    (sending finished text back is much cheaper than sending whole reports)."""
    if jobs <= 1 or STDIN in inputs or len(inputs) < 2:
        for group in _groups(inputs):
            outcomes = [_outcome(report, render) for report in _reports_of(group, options)]
            yield from outcomes
        return
    import multiprocessing

    with multiprocessing.Pool(jobs) as pool:
        work = ((group, options, render) for group in _groups(inputs))
        for outcomes in pool.imap(_render_work, work, chunksize=8):
            yield from outcomes


def run(inputs: list[Input], options: Options, jobs: int = 1) -> Iterator[Report]:
    """Every report, in input order, as each group of inputs is ready; ``jobs`` > 1 evaluates in that many
    processes.

    Worker processes cannot read this process's standard input, so a run that reads ``-`` stays in one process.
    """
    if jobs <= 1 or STDIN in inputs or len(inputs) < 2:
        for group in _groups(inputs):
            yield from _reports_of(group, options)
        return
    import multiprocessing

    with multiprocessing.Pool(jobs) as pool:
        work = ((group, options) for group in _groups(inputs))
        for reports in pool.imap(_work, work, chunksize=2):
            yield from reports
