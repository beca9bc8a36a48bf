"""Where a batch's time goes, stage by stage, in one process: microseconds per file for each step of a check.

    python benchmarks/stages.py                  # 2,000 generated files (benchmarks/corpus.py)
    python benchmarks/stages.py --files N
    python benchmarks/stages.py --cprofile 25    # and the 25 functions with the most own time, end to end
    python benchmarks/stages.py --label-native   # rows as Supplement Facts panels print them

Each stage is run over all files (its inputs prepared by the stage before), five times, and the median is
reported next to the floor's own work (yaml's CSafeLoader), as microseconds per file and as a multiple of the
floor. ``evaluate`` and the report are also split into their parts (normalising, reference values, totals, each
rule), and the whole pipeline is timed end to end the way ``check --format jsonl DIR`` runs it, minus start-up.
Unlike run.py this imports calcguide's modules, including a few internal ones, so it follows the package's
structure: a stage whose function moved is skipped, and says so.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from corpus import generate, regimen_count

T = TypeVar("T")


def timed(function: Callable[[], T], repeats: int = 5) -> tuple[float, T]:
    """Median seconds of ``repeats`` calls (after one warm-up call), and the last result.

    Before each call everything alive is frozen out of the garbage collector's sight (``gc.freeze``): the inputs
    of all the files are held in memory here, which a streaming ``check`` never does, and full collections
    traversing them would double the cost of the stages that allocate most (the report as a dict).
    """
    times = []
    results = [function()]
    for _ in range(repeats):
        results.clear()  # the previous call's output is not part of this call's heap
        gc.collect()
        gc.freeze()
        start = time.perf_counter()
        results.append(function())
        times.append(time.perf_counter() - start)
        gc.unfreeze()
    return statistics.median(times), results[0]


class Table:
    """The rows of the stage table: name, seconds over all files, and how the row adds up."""

    def __init__(self, files: int) -> None:
        self.files = files
        self.rows: list[tuple[str, float, str]] = []  # kind: stage | part | reference | floor | total
        self.skipped: list[str] = []

    def add(self, name: str, seconds: float, kind: str = "stage") -> None:
        self.rows.append((name, seconds, kind))

    def floor(self) -> float:
        return next(s for _, s, kind in self.rows if kind == "floor")

    def markdown(self) -> str:
        floor = self.floor()
        lines = ["| stage | total | per file | x floor |", "| --- | --- | --- | --- |"]
        for name, seconds, kind in self.rows:
            shown = {"part": f"  ↳ {name}", "total": f"**{name}**"}.get(kind, name)
            per_file = f"{seconds / self.files * 1e6:.1f} µs"
            lines.append(f"| {shown} | {seconds * 1000:.1f} ms | {per_file} | {seconds / floor:.2f} |")
        return "\n".join(lines)


def load_text() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:  # pragma: no cover - not on Linux
        return "load average unavailable"
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=2000, help="generated files (default 2,000)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each stage (default 5)")
    parser.add_argument("--cprofile", type=int, default=0, metavar="N", help="print the N costliest functions")
    parser.add_argument("--label-native", action="store_true", help="rows as Supplement Facts panels print them")
    args = parser.parse_args(argv)

    from calcguide import evaluate
    from calcguide.loading import decode
    from calcguide.regimen import regimen_from_tree
    from calcguide.report.json import report_object
    from calcguide.yamltree import parse_documents

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    started_load = load_text()
    n = args.files
    table = Table(n)

    def run(function: Callable[[], T]) -> tuple[float, T]:
        return timed(function, args.repeats)

    with tempfile.TemporaryDirectory(prefix="calcguide-stages-") as tmp:
        root = Path(tmp) / "d"
        generate(root, n, label_native=args.label_native)

        def listing() -> list[str]:
            return sorted(os.path.join(root, name) for name in os.listdir(root) if name.endswith(".yaml"))

        seconds, paths = run(listing)
        table.add("os.listdir + sort", seconds, "reference")
        try:
            from calcguide.batch import expand

            seconds, _ = run(lambda: list(expand([str(root)])))
            table.add("calcguide.batch.expand(DIR)", seconds)
        except ImportError:
            table.skipped.append("calcguide.batch.expand")

        def plain_read() -> list[bytes]:
            out = []
            for path in paths:
                with open(path, "rb") as handle:
                    out.append(handle.read())
            return out

        seconds, blobs = run(plain_read)
        table.add("open().read()", seconds, "reference")
        try:
            from calcguide.batch import DEFAULT_MAX_BYTES, _read

            seconds, _ = run(lambda: [_read(path, DEFAULT_MAX_BYTES) for path in paths])
            table.add("calcguide.batch._read (size limit)", seconds)
        except ImportError:
            table.skipped.append("calcguide.batch._read")
        seconds, texts = run(lambda: [decode(blob) for blob in blobs])
        table.add("loading.decode", seconds)

        def floor_parse() -> None:
            for text in texts:
                for _ in yaml.load_all(text, Loader=loader):
                    pass

        seconds, _ = run(floor_parse)
        table.add("FLOOR: yaml.load_all, CSafeLoader", seconds, "floor")

        def compose_only() -> None:
            for text in texts:
                for _ in yaml.compose_all(text, Loader=loader):
                    pass

        seconds, _ = run(compose_only)
        table.add("yaml.compose_all, CSafeLoader (nodes only)", seconds, "reference")
        seconds, trees = run(lambda: [list(parse_documents(text)) for text in texts])
        table.add("yamltree.parse_documents (compose + located tree)", seconds)
        seconds, regimens = run(
            lambda: [
                regimen_from_tree(tree, path, "x") for path, docs in zip(paths, trees, strict=True) for tree in docs
            ]
        )
        table.add("regimen.regimen_from_tree", seconds)
        try:
            from calcguide.batch import Options, prepare

            options = Options()
            seconds, regimens = run(lambda: [prepare(regimen, options) for regimen in regimens])
            table.add("batch.prepare (profile over config)", seconds)
        except ImportError:
            table.skipped.append("calcguide.batch.prepare")
        seconds, reports = run(lambda: [evaluate(regimen) for regimen in regimens])
        table.add("evaluate", seconds)
        evaluate_parts(table, regimens, run)
        seconds, objects = run(lambda: [report_object(report) for report in reports])
        table.add("report.json.report_object", seconds)
        report_parts(table, reports, run)

        def dumps() -> list[str]:
            out: list[Any] = objects
            return [json.dumps(o, ensure_ascii=False, separators=(",", ":")) for o in out]

        seconds, lines = run(dumps)
        table.add("json.dumps (one line each)", seconds, "reference")
        try:
            from calcguide.report.json import dumps_line

            seconds, _ = run(lambda: [dumps_line(o) for o in objects])
            table.add("report.json.dumps_line (one line each, as check writes them)", seconds)
        except ImportError:
            table.skipped.append("calcguide.report.json.dumps_line")
        size = sum(len(line.encode()) + 1 for line in lines) / len(lines)
        end_to_end(table, paths, run)
        pipeline = in_place(paths, run, loader)
        cache = dose_cache()
        profile = cprofile(paths, args.cprofile) if args.cprofile else ""

    print(
        f"{n:,} generated files, {regimen_count(n):,} regimens{' (label-native rows)' if args.label_native else ''}; "
        f"Python {platform.python_version()}, PyYAML {yaml.__version__}"
        f"{' with libyaml' if loader is not yaml.SafeLoader else ' WITHOUT libyaml'}"
    )
    print(f"{started_load} at the start, {load_text()} at the end; medians of {args.repeats} runs")
    print()
    print(table.markdown())
    core = [s for _, s, kind in table.rows if kind == "stage"]
    floor = table.floor()
    print()
    print(
        f"calcguide's stages together: {sum(core) / n * 1e6:.0f} µs per file, {sum(core) / floor:.2f}x the floor's "
        f"parse ({floor / n * 1e6:.0f} µs); a JSON line averages {size:,.0f} bytes."
    )
    if pipeline:
        print()
        print(pipeline)
    if cache:
        print(cache)
    for name in table.skipped:
        print(f"skipped (not in this calcguide): {name}")
    if profile:
        print()
        print(profile)
    return 0


def evaluate_parts(table: Table, regimens: list[Any], run: Callable[[Callable[[], Any]], tuple[float, Any]]) -> None:
    """``evaluate`` split into its steps, each over every regimen (internal functions: skipped when moved)."""
    try:
        from calcguide.normalize import normalize
        from calcguide.reference import standard_for
        from calcguide.rules import REGISTRY, Context
        from calcguide.totals import compute_totals
    except ImportError as exc:
        table.skipped.append(f"evaluate's parts ({exc})")
        return
    seconds, normalized = run(lambda: [normalize(regimen) for regimen in regimens])
    table.add("normalize (doses to nutrient amounts)", seconds, "part")
    seconds, standards = run(lambda: [standard_for(regimen.profile) for regimen in regimens])
    table.add("reference.standard_for (life-stage values)", seconds, "part")
    pairs = list(zip(normalized, standards, strict=True))
    seconds, totals = run(lambda: [compute_totals(norm, std) for norm, std in pairs])
    table.add("totals.compute_totals", seconds, "part")
    triples = list(zip(regimens, pairs, totals, strict=True))
    seconds, contexts = run(lambda: [Context(reg, std, norm, tot) for reg, (norm, std), tot in triples])
    table.add("rules.Context (grouping, profile matches)", seconds, "part")
    for rule in REGISTRY.values():
        limits = dict(rule.thresholds)
        seconds, _ = run(lambda rule=rule, limits=limits: [list(rule.check(ctx, limits)) for ctx in contexts])
        table.add(f"rule {rule.code} {rule.name}", seconds, "part")


def report_parts(table: Table, reports: list[Any], run: Callable[[Callable[[], Any]], tuple[float, Any]]) -> None:
    try:
        from calcguide.report.json import _finding, _total
    except ImportError as exc:
        table.skipped.append(f"report_object's parts ({exc})")
        return
    seconds, _ = run(lambda: [[_total(total) for total in report.totals] for report in reports])
    table.add("totals as dicts", seconds, "part")
    seconds, _ = run(lambda: [[_finding(finding) for finding in report.findings] for report in reports])
    table.add("findings as dicts (with evidence)", seconds, "part")


def end_to_end(table: Table, paths: list[str], run: Callable[[Callable[[], Any]], tuple[float, Any]]) -> None:
    """The whole batch as ``check --format jsonl DIR`` runs it in one process, written to memory."""
    try:
        from calcguide.batch import Options, run_rendered
        from calcguide.report.json import line
    except ImportError as exc:
        table.skipped.append(f"end to end ({exc})")
        return
    options = Options()

    def whole() -> int:
        out = io.StringIO()
        for outcome in run_rendered(list(paths), options, line, 1):
            out.write(outcome.text)
        return out.tell()

    seconds, _ = run(whole)
    table.add("end to end: batch.run_rendered + report.json.line", seconds, "total")


def in_place(paths: list[str], run: Callable[[Callable[[], Any]], tuple[float, Any]], loader: Any) -> str:
    """Each stage's cost where it runs: the files taken through the pipeline up to a stage as a batch takes them.

    The stage table above times each stage over all files on its own, with its inputs made beforehand; in a real
    batch the stages take turns, and each runs slower (caches hold the other stages' code and data). A batch takes
    its files in groups (``calcguide.batch.GROUP``; one at a time before groups existed): each group read and
    parsed, then evaluated, then rendered. Here the pipeline is cut after each stage and the difference between
    two cuts is that stage's cost in place.
    """
    try:
        from calcguide import batch
        from calcguide.batch import DEFAULT_MAX_BYTES, Options, _read, judge, prepare
        from calcguide.loading import decode, default_name
        from calcguide.regimen import regimen_from_tree
        from calcguide.report.json import dumps_line, report_object
        from calcguide.yamltree import parse_documents
    except ImportError as exc:
        return f"skipped: the stages in place ({exc})"
    options = Options()
    judged = judge(options)
    size = getattr(batch, "GROUP", 1)

    def through(stage: int) -> None:
        for start in range(0, len(paths), size):
            group = paths[start : start + size]
            if stage == 0:
                for path in group:
                    for _ in yaml.load_all(_read(path, DEFAULT_MAX_BYTES), Loader=loader):
                        pass
                continue
            if stage == 1:
                for path in group:
                    for _ in parse_documents(decode(_read(path, DEFAULT_MAX_BYTES))):
                        pass
                continue
            regimens = [
                prepare(regimen_from_tree(tree, path, default_name(path)), options)
                for path in group
                for tree in parse_documents(decode(_read(path, DEFAULT_MAX_BYTES)))
            ]
            if stage == 2:
                continue
            reports = [judged(regimen) for regimen in regimens]
            if stage == 3:
                continue
            objects = [report_object(report) for report in reports]
            if stage == 4:
                continue
            for data in objects:
                dumps_line(data)

    names = [
        "FLOOR: read + yaml.load_all, CSafeLoader",
        "read + decode + located tree",
        "+ the regimen from the tree (and its profile completed)",
        "+ evaluate",
        "+ the report as a dict",
        "+ the JSON line",
    ]
    seconds = [run(lambda stage=stage: through(stage))[0] for stage in range(len(names))]
    per_file = [s / len(paths) * 1e6 for s in seconds]
    lines = [
        f"In place, in groups of {size} as the batch takes them (the files through the pipeline up to the stage;"
        " the step is the stage's own cost there):",
        "",
        "| pipeline up to | per file | step | x floor |",
        "| --- | --- | --- | --- |",
    ]
    for index, (name, micro) in enumerate(zip(names, per_file, strict=True)):
        step = f"{micro - per_file[index - 1]:+.1f} µs" if index >= 2 else ""
        lines.append(f"| {name} | {micro:.1f} µs | {step} | {micro / per_file[0]:.2f} |")
    return "\n".join(lines)


def dose_cache() -> str:
    """How often the dose-string cache answered (generated amounts differ, so it should seldom help)."""
    try:
        from calcguide.doses import _parse_dose
    except ImportError:
        return ""
    info = getattr(_parse_dose, "cache_info", None)
    if info is None:
        return ""
    stats = info()
    asked = stats.hits + stats.misses
    share = stats.hits / max(asked, 1)
    return f"dose-string cache: {stats.hits:,} hits of {asked:,} lookups ({share:.0%}), over all the runs above"


def cprofile(paths: list[str], top: int) -> str:
    """The ``top`` functions by own time over one end-to-end pass (cProfile adds overhead: shares, not µs)."""
    import cProfile
    import pstats

    from calcguide.batch import Options, run_rendered
    from calcguide.report.json import line

    options = Options()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in run_rendered(list(paths), options, line, 1):
        pass
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    return "cProfile, one end-to-end pass, by own time:\n" + out.getvalue()


if __name__ == "__main__":
    sys.exit(main())
