"""calcguide's speed benchmarks: each subject timed as a ratio against a floor measured in the same run.

    python benchmarks/run.py            # the full run: 10,000 generated regimens
    python benchmarks/run.py --quick    # a small, fast run (1,000 regimens, fewer repeats)
    python benchmarks/run.py --files N  # N regimens in the batch (memory compares N with N/10)

Every measurement is a subprocess (the installed ``calcguide`` console script, as a user runs it), floor and
subject interleaved (floor, subject, floor, subject, ...) after one discarded warm-up each, and the median of
the repeats is compared. Ratios, not absolute times, are what the targets bound: the floor absorbs the
machine's speed. Prints a Markdown table on standard output (progress goes to standard error) and exits 1
when a target is missed, 2 when the benchmark itself could not run. Needs no network.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _util import (
    Run,
    Runner,
    bytecode_env,
    capture,
    chunk_args,
    fmt_kib,
    fmt_seconds,
    generate,
    median,
    regimen_count,
    subject_command,
    tool_command,
    write_floors,
)

REPO = Path(__file__).resolve().parent.parent
OK_CODES = (0, 1)  # calcguide exits 1 when it finds an error-level finding: that is a successful check

TARGET_TABLE = 1.15
TARGET_JSON = 1.2
TARGET_BATCH = 2.0
TARGET_MEMORY = 1.2


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Row:
    benchmark: str
    subject: str
    floor: str
    ratio: float | None
    target: float | None
    note: str = ""

    @property
    def passed(self) -> bool | None:
        if self.target is None or self.ratio is None:
            return None
        return self.ratio <= self.target

    def cells(self) -> list[str]:
        ratio = "n/a" if self.ratio is None else f"{self.ratio:.2f}x"
        if self.note:
            ratio += f" ({self.note})"
        target = "—" if self.target is None else f"<= {self.target:g}x"
        verdict = {True: "pass", False: "**FAIL**", None: "info"}[self.passed]
        if self.target is not None and self.ratio is None:
            verdict = "**FAIL**"
        return [self.benchmark, self.subject, self.floor, ratio, target, verdict]


@dataclass
class Setup:
    work: Path
    subject: list[str]
    subject_label: str
    one: Path
    big: Path
    big_names: list[str]
    small: Path
    small_names: list[str]
    floors: dict[str, Path]
    env: dict[str, str]
    runner: Runner
    batch_format: str = "json"
    directories: bool = False
    jobs: bool = False
    file_list: bool = False
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------------------------
# Probing what the installed calcguide can do (--format jsonl, directory arguments and --jobs are being added)


def count_records(output_format: str, text: str) -> int | None:
    """How many report objects the output holds, or None when it is not what the format promises."""
    try:
        if output_format == "jsonl":
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
            return len(rows) if all(isinstance(row, dict) for row in rows) else None
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    return len(data) if isinstance(data, list) else None


def _accepts(cmd: Sequence[str], cwd: Path, env: dict[str, str], output_format: str, expected: int) -> bool:
    result = capture(cmd, cwd=cwd, env=env, timeout=120)
    return result.returncode in OK_CODES and count_records(output_format, result.stdout) == expected


def probe(setup: Setup, file_list: bool = False) -> None:
    """Pick the batch form: jsonl over a directory when the CLI has both, else json over the file list.

    ``file_list`` forces the older form (``--format json FILE...``, no ``--jobs``), to compare or to test it.
    """
    if file_list:
        setup.file_list = True
        setup.notes.append("`--file-list` given: the batch uses `--format json FILE...` and skips `--jobs`.")
        return
    probe_dir = setup.work / "probe"
    names = generate(probe_dir, 3)  # one document each
    files = [f"probe/{name}" for name in names]
    check = [*setup.subject, "check"]
    work, env = setup.work, setup.env
    setup.batch_format = "jsonl" if _accepts([*check, "--format", "jsonl", files[0]], work, env, "jsonl", 1) else "json"
    fmt = setup.batch_format
    setup.directories = _accepts([*check, "--format", fmt, "probe"], work, env, fmt, 3)
    setup.jobs = _accepts([*check, "--format", fmt, "--jobs", "2", *files], work, env, fmt, 3)
    if setup.batch_format != "jsonl":
        setup.notes.append("`--format jsonl` is not available yet: the batch uses `--format json` (one JSON array).")
    if not setup.directories:
        setup.notes.append(
            "directory arguments are not available yet: the batch passes the file list "
            "(`calcguide check --format json FILE...`, split xargs-style when the command line would be too long)."
        )


def batch_commands(setup: Setup, directory: Path, names: Sequence[str], extra: Sequence[str] = ()) -> list[list[str]]:
    prefix = [*setup.subject, "check", "--format", setup.batch_format, *extra]
    if setup.directories:
        return [[*prefix, directory.name]]
    return chunk_args(prefix, [f"{directory.name}/{name}" for name in names])


def validate_batch(setup: Setup, commands: Sequence[Sequence[str]], expected: int, label: str) -> bool:
    """Run once with output kept: every regimen must come back as one report object."""
    total = 0
    codes = []
    for cmd in commands:
        result = capture(cmd, cwd=setup.work, env=setup.env, timeout=1800)
        codes.append(result.returncode)
        count = count_records(setup.batch_format, result.stdout)
        if count is None:
            log(f"  {label}: output is not {setup.batch_format} (exit {result.returncode}): {result.stderr[-500:]}")
            return False
        total += count
    if total != expected or any(code not in OK_CODES for code in codes):
        setup.notes.append(f"{label}: {total} reports for {expected} regimens, exit codes {sorted(set(codes))}.")
    if len(commands) > 1:
        setup.notes.append(f"{label}: the file list was split into {len(commands)} command lines.")
    return total == expected


# --------------------------------------------------------------------------------------------------------------------
# Measuring


def interleave(commands: dict[str, Callable[[], Run]], repeats: int, label: str) -> dict[str, list[Run]]:
    """One discarded warm-up of each, then ``repeats`` rounds that run each command once, in the given order."""
    for run in commands.values():
        run()
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for index in range(repeats):
        for name, run in commands.items():
            results[name].append(run())
        log(f"  {label}: round {index + 1}/{repeats}")
    return results


def seconds(runs: Sequence[Run]) -> float:
    return median(r.seconds for r in runs)


def rss(runs: Sequence[Run]) -> float:
    return median(r.max_rss_kib for r in runs)


def failures(runs: Sequence[Run]) -> list[int]:
    return sorted({r.returncode for r in runs if r.returncode not in OK_CODES})


def time_row(name: str, subject: Sequence[Run], floor: Sequence[Run], target: float | None, note: str = "") -> Row:
    bad = failures(subject)
    if bad:
        note = (note + "; " if note else "") + f"subject exited {bad}"
    return Row(
        name,
        fmt_seconds(seconds(subject)),
        fmt_seconds(seconds(floor)),
        seconds(subject) / seconds(floor),
        target,
        note,
    )


def cold_start(setup: Setup, repeats: int) -> list[Row]:
    py = sys.executable
    one = setup.one.name
    runs = interleave(
        {
            "floor": lambda: setup.runner.once([py, str(setup.floors["table"]), "check", one]),
            "subject": lambda: setup.runner.once([*setup.subject, "check", one]),
        },
        repeats,
        "cold start, table",
    )
    table = time_row("cold start, table: `check one.yaml`", runs["subject"], runs["floor"], TARGET_TABLE)
    runs = interleave(
        {
            "floor": lambda: setup.runner.once([py, str(setup.floors["json"]), "check", "--format", "json", one]),
            "subject": lambda: setup.runner.once([*setup.subject, "check", "--format", "json", one]),
        },
        repeats,
        "cold start, json",
    )
    as_json = time_row("cold start, JSON: `check --format json one.yaml`", runs["subject"], runs["floor"], TARGET_JSON)
    return [table, as_json]


def batch(setup: Setup, repeats: int) -> list[Row]:
    files, small_files = len(setup.big_names), len(setup.small_names)
    big_cmds = batch_commands(setup, setup.big, setup.big_names)
    small_cmds = batch_commands(setup, setup.small, setup.small_names)
    log(f"  validating the batch output ({files} files) ...")
    if not validate_batch(setup, big_cmds, regimen_count(files), f"batch of {files}"):
        return [Row(f"batch: {files:,} files", "invalid output", "", None, TARGET_BATCH)]
    floor_cmd = [sys.executable, str(setup.floors["batch"]), setup.big.name]
    runs = interleave(
        {
            "floor": lambda: setup.runner.once(floor_cmd),
            "subject": lambda: setup.runner.group(big_cmds),
            "small": lambda: setup.runner.group(small_cmds),
        },
        repeats,
        f"batch ({files} files; memory {files} vs {small_files})",
    )
    form = f"--format {setup.batch_format} {'DIR' if setup.directories else 'FILE...'}"
    rows = [time_row(f"batch: `check {form}`, {files:,} files", runs["subject"], runs["floor"], TARGET_BATCH)]
    big_rss, small_rss = rss(runs["subject"]), rss(runs["small"])
    rows.append(
        Row(
            f"memory: peak RSS of the batch, {files:,} vs {small_files:,} files",
            fmt_kib(big_rss),
            fmt_kib(small_rss),
            big_rss / small_rss,
            TARGET_MEMORY,
        )
    )
    floor_rss = rss(runs["floor"])
    setup.notes.append(f"peak RSS of the batch floor (CSafeLoader loop, {files:,} files): {fmt_kib(floor_rss)}.")
    return rows


def jobs(setup: Setup, repeats: int) -> list[Row]:
    if setup.file_list:
        log("  skipped: --file-list given")
        return []
    if not setup.jobs:
        log("  skipped: `calcguide check --jobs` is not available yet")
        setup.notes.append("`--jobs` is not available yet: the `--jobs 2` vs `--jobs 1` speed-up was skipped.")
        return []
    one_job = batch_commands(setup, setup.big, setup.big_names, ["--jobs", "1"])
    two_jobs = batch_commands(setup, setup.big, setup.big_names, ["--jobs", "2"])
    runs = interleave(
        {
            "one": lambda: setup.runner.group(one_job),
            "two": lambda: setup.runner.group(two_jobs),
        },
        repeats,
        "batch --jobs 1 vs --jobs 2",
    )
    speedup = seconds(runs["one"]) / seconds(runs["two"])
    note = f"speed-up {speedup:.2f}x on {os.cpu_count()} CPUs"
    return [
        time_row(
            f"batch `--jobs 2` vs `--jobs 1`, {len(setup.big_names):,} files", runs["two"], runs["one"], None, note
        )
    ]


def yamllint_peer(setup: Setup, repeats: int) -> list[Row]:
    yamllint = tool_command("yamllint")
    if yamllint is None:
        log("  skipped: yamllint is not installed (pip install yamllint)")
        setup.notes.append("yamllint is not installed: the peer row was skipped (`pip install yamllint`).")
        return []
    floor_cmd = [sys.executable, str(setup.floors["batch"]), setup.big.name]
    lint_cmd = [*yamllint, "-d", "relaxed", setup.big.name]
    runs = interleave(
        {
            "floor": lambda: setup.runner.once(floor_cmd),
            "subject": lambda: setup.runner.once(lint_cmd),
        },
        repeats,
        "peer: yamllint",
    )
    name = f"peer (context): `yamllint -d relaxed DIR`, {len(setup.big_names):,} files"
    return [time_row(name, runs["subject"], runs["floor"], None)]


# --------------------------------------------------------------------------------------------------------------------


def markdown(rows: Sequence[Row]) -> str:
    header = ["benchmark", "subject median", "floor median", "ratio", "target", "pass/fail"]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def prepare(work: Path, files: int, private_pycache: bool) -> Setup:
    subject, label = subject_command()
    one = work / "one.yaml"
    sample = REPO / "regimens" / "full-bone-stack.yaml"
    if sample.is_file():
        shutil.copyfile(sample, one)
    else:  # pragma: no cover - the benchmark is run from a checkout
        generate(work / "one", 1)
        shutil.copyfile(work / "one" / "r000000.yaml", one)
    small_files = max(1, files // 10)
    env = bytecode_env(work / "pycache" if private_pycache else None)
    log(f"generating {files:,} + {small_files:,} regimen files in {work} ...")
    big = work / f"d{files}"
    small = work / f"d{small_files}"
    return Setup(
        work=work,
        subject=subject,
        subject_label=label,
        one=one,
        big=big,
        big_names=generate(big, files),
        small=small,
        small_names=generate(small, small_files),
        floors=write_floors(work / "floors"),
        env=env,
        runner=Runner.create(work / "measure", work, env),
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a small fast run: 1,000 files, fewer repeats")
    parser.add_argument("--files", type=int, default=None, help="files in the batch (default 10,000; quick 1,000)")
    parser.add_argument("--repeats", type=int, default=None, help="rounds for the cold starts (default 21; quick 7)")
    parser.add_argument("--batch-repeats", type=int, default=None, help="rounds for the batch (default 5; quick 3)")
    parser.add_argument(
        "--file-list", action="store_true", help="force the batch form `check --format json FILE...` (no --jobs)"
    )
    parser.add_argument(
        "--no-private-pycache",
        action="store_true",
        help="run with the environment as it is (where it sets PYTHONDONTWRITEBYTECODE, every start compiles "
        "calcguide from source)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory and print its path")
    args = parser.parse_args(argv)
    args.files = args.files or (1_000 if args.quick else 10_000)
    args.repeats = args.repeats or (7 if args.quick else 21)
    args.batch_repeats = args.batch_repeats or (3 if args.quick else 5)
    if args.files < 10:
        parser.error("--files must be at least 10 (memory compares N with N/10)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="calcguide-bench-"))
    try:
        setup = prepare(work, args.files, not args.no_private_pycache)
        if args.no_private_pycache:
            setup.notes.append("`--no-private-pycache`: subprocesses inherit this environment's bytecode settings.")
        else:
            setup.notes.append(
                "bytecode: every subprocess reads and writes a private PYTHONPYCACHEPREFIX (the warm-up compiles), "
                "like an installed wheel"
                + (
                    "; PYTHONDONTWRITEBYTECODE from the environment is dropped for them."
                    if os.environ.get("PYTHONDONTWRITEBYTECODE")
                    else "."
                )
            )
        check = capture([*setup.subject, "check", "--format", "json", setup.one.name], cwd=work, env=setup.env)
        if check.returncode not in OK_CODES or count_records("json", check.stdout) != 1:
            log(f"calcguide does not run: exit {check.returncode}\n{check.stderr}")
            return 2
        probe(setup, args.file_list)
        log(
            f"batch form: --format {setup.batch_format} {'DIR' if setup.directories else 'FILE...'}; "
            f"--jobs {'available' if setup.jobs else 'not available'}"
        )
        log("cold start ...")
        rows = cold_start(setup, args.repeats)
        log("batch and memory ...")
        rows += batch(setup, args.batch_repeats)
        log("--jobs ...")
        rows += jobs(setup, args.batch_repeats)
        log("peer ...")
        rows += yamllint_peer(setup, min(3, args.batch_repeats))
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    cpu = os.cpu_count()
    kind = "quick" if args.quick else "full" if args.files == 10_000 else "custom"
    print(f"calcguide benchmarks ({kind} run): {setup.subject_label}")
    print(
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, {cpu} CPUs; "
        f"batch {args.files:,} files ({regimen_count(args.files):,} regimens); medians of {args.repeats} "
        f"cold-start and {args.batch_repeats} batch rounds, interleaved with the floor."
    )
    print()
    print(markdown(rows))
    print()
    print(
        "Floors: cold start = a hello-world Typer app that parses one.yaml with yaml's CSafeLoader and prints one "
        "Rich table (or the data as JSON); batch = a Python loop that only parses the same files with CSafeLoader; "
        f"memory = the same batch over {max(1, args.files // 10):,} files."
    )
    for note in setup.notes:
        print(f"- {note}")
    missed = [row.benchmark for row in rows if row.passed is False or (row.target is not None and row.ratio is None)]
    print()
    if missed:
        print(f"{len(missed)} target(s) missed: " + "; ".join(missed))
        return 1
    print("All targets met.")
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the temporary directory is removed
    try:
        sys.exit(main())
    except subprocess.TimeoutExpired as exc:
        log(f"timed out: {exc}")
        sys.exit(2)
