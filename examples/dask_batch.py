"""Check many regimens on a local Dask cluster: a bag of YAML texts (or file paths) -> report dicts -> JSON lines.

Dask is not a dependency of calcguide; install the optional extra (or Dask itself) first::

    pip install "calcguide[dask]"          # or: pip install "dask[bag]" distributed

Then::

    python examples/dask_batch.py --generate 1000 --out reports      # 1,000 generated regimens
    python examples/dask_batch.py regimens/ --out reports            # files and directories (*.yaml, *.yml)
    python examples/dask_batch.py --generate 1000 --scheduler processes   # no dask.distributed needed

Only the pure API is used: ``calcguide.load_regimens`` (text -> regimens), ``calcguide.evaluate`` (regimen ->
report) and ``calcguide.report.json.report_object`` (report -> the JSON report's dict, schema_version 1). The
work runs on the workers; only plain dicts (and then JSON strings) travel, never Report objects.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Any

try:
    import dask
    import dask.bag as db
except ImportError:  # pragma: no cover - the message is the point
    sys.exit('this example needs Dask: pip install "calcguide[dask]" (or "dask[bag]" distributed)')

# --------------------------------------------------------------------------------------------------------------------
# The per-record work: runs on the workers, imports calcguide there (once per worker process)


def check_text(source: str, text: str | bytes) -> list[dict[str, Any]]:
    """Every report of one YAML text or file's bytes (``---`` separates regimens); unreadable input: one error report.

    Never raises for bad input, so one broken record cannot fail a partition.
    """
    from calcguide import InputError, evaluate, failed, load_regimens
    from calcguide.report.json import report_object

    try:
        regimens = load_regimens(text, source)
    except InputError as exc:
        return [report_object(failed(source, PurePath(source).stem, exc.at(source)))]
    reports = []
    for regimen in regimens:
        try:
            reports.append(report_object(evaluate(regimen)))
        except InputError as exc:  # e.g. IU of calcium: the unit does not fit the nutrient
            reports.append(report_object(failed(source, regimen.name, exc.at(source))))
    return reports


def check_path(path: str) -> list[dict[str, Any]]:
    """Read a file on the worker (the bag then carries only paths) and check it."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        from calcguide import InputError, failed
        from calcguide.report.json import report_object

        error = InputError(f"cannot be read ({exc.strerror})", "check the path", None, path)
        return [report_object(failed(path, PurePath(path).stem, error))]
    return check_text(path, data)  # bytes: calcguide decodes them (UTF-8, or UTF-16/32 with a BOM) and names bad bytes


def category(report: dict[str, Any]) -> str:
    """For the summary: "input error" for an unreadable regimen, else its worst finding's severity, or "clean"."""
    if report["error"]:
        return "input error"
    summary = report["summary"]
    return next((s for s in ("error", "warning", "info") if summary.get(s)), "clean")


def rows(reports: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    """(category, JSON line) per report: two strings instead of a nest of dicts, so partitions stay small."""
    return [(category(r), json.dumps(r, ensure_ascii=False, separators=(",", ":"))) for r in reports]


def check_texts(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """One partition of (source, YAML text) pairs (``map_partitions``: per-call overhead paid once per partition)."""
    return rows(report for source, text in items for report in check_text(source, text))


def check_paths(paths: Iterable[str]) -> list[tuple[str, str]]:
    """One partition of file paths, read on the worker."""
    return rows(report for path in paths for report in check_path(path))


def write_part(part: list[tuple[str, str]], path: str) -> Counter[str]:
    """Write one partition's JSON lines and return its counts by category.

    This runs on a worker: on a real cluster the folder must be shared with the workers (for object storage, open
    the file with ``fsspec.open("s3://...", "w")`` instead)."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(line + "\n" for _, line in part)
    return Counter(kind for kind, _ in part)


# --------------------------------------------------------------------------------------------------------------------
# Inputs


def generated(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` (source, YAML text) pairs from a few varied templates: doses, products and profiles."""
    rng = random.Random(seed)
    texts = []
    for index in range(count):
        d3 = rng.choice((400, 1000, 2000, 5000, 10000))
        kind = index % 4
        if kind == 0:
            body = f"name: D3 alone\nprofile: {{age: {rng.randint(19, 90)}, sex: female}}\nitems:\n  - {d3} IU D3\n"
        elif kind == 1:
            body = (
                "name: Calcium + D3\nprofile:\n  age: 63\n  sex: female\n  diet: {calcium: 600 mg}\nitems:\n"
                "  - product: Calcium 600 + D3\n    servings: 2\n    frequency: twice daily\n"
                f"    ingredients: [600 mg calcium (as carbonate), {d3 // 10} IU vitamin D3]\n"
            )
        elif kind == 2:
            body = f'name: D3 + K2 liquid\nitems:\n  - product: liquid\n    ingredients: "{d3} IU D3 + 100 mcg MK-7"\n'
        else:
            meds = rng.choice(("[warfarin]", "[levothyroxine]", "[hydrochlorothiazide]"))
            body = (
                f"name: Bone stack\nprofile: {{age: 71, sex: male, medications: {meds}}}\n"
                f"items: ['{d3} IU D3', '180 mcg MenaQ7', '1000 mg calcium carbonate']\n"
            )
        texts.append((f"generated/{index:07d}.yaml", body))
    return texts


def expand(paths: Iterable[str]) -> list[str]:
    """Files as given; directories as their *.yaml / *.yml files, sorted."""
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                out += [os.path.join(root, n) for n in names if n.endswith((".yaml", ".yml"))]
        else:
            out.append(path)
    return sorted(out)


# --------------------------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("paths", nargs="*", help="regimen files or directories (read on the workers)")
    parser.add_argument("--generate", type=int, default=0, help="check N generated regimens instead of files")
    parser.add_argument("--out", default="dask-reports", help="output folder for part-*.jsonl (default dask-reports)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    parser.add_argument("--partitions", type=int, default=0, help="bag partitions (default: 4 per worker)")
    parser.add_argument(
        "--scheduler",
        choices=("distributed", "processes", "threads", "sync"),
        default="distributed",
        help="distributed: a LocalCluster (needs dask.distributed); processes: dask's process pool",
    )
    args = parser.parse_args(argv)
    if not args.paths and not args.generate:
        parser.error("give regimen files or directories, or --generate N")

    partitions = args.partitions or 4 * args.workers
    if args.generate:
        records = generated(args.generate)
        results = db.from_sequence(records, npartitions=partitions).map_partitions(check_texts)
        label = f"{args.generate:,} generated regimens"
    else:
        files = expand(args.paths)
        results = db.from_sequence(files, npartitions=min(partitions, max(1, len(files)))).map_partitions(check_paths)
        label = f"{len(files):,} files"

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.jsonl"):
        old.unlink()
    # One task per partition writes its JSON lines and returns its counts: the reports are computed once and
    # never gathered. (Two consumers of the same bag, e.g. to_textfiles and frequencies, would each recompute it.)
    tasks = [
        dask.delayed(write_part)(part, str(out / f"part-{index:05d}.jsonl"))
        for index, part in enumerate(results.to_delayed())
    ]

    client = None
    if args.scheduler == "distributed":
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            sys.exit("dask.distributed is not installed: pip install distributed, or use --scheduler processes")
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        print(f"local Dask cluster: {args.workers} worker processes, 1 thread each", file=sys.stderr)
    start = time.perf_counter()
    try:
        if client is not None:
            per_part = dask.compute(*tasks)
        else:
            per_part = dask.compute(*tasks, scheduler=args.scheduler, num_workers=args.workers)
    finally:
        if client is not None:
            client.close()
            cluster.close()
    counts: Counter[str] = sum(per_part, Counter())
    elapsed = time.perf_counter() - start
    total = sum(counts.values())
    print(f"checked {label}: {total:,} reports in {elapsed:.2f} s ({total / elapsed:,.0f} reports/s)")
    print("reports by worst finding: " + ", ".join(f"{key} {n:,}" for key, n in sorted(counts.items())))
    parts = sorted(out.glob("part-*.jsonl"))
    print(f"wrote {len(parts)} JSON-lines files to {out}/ (first: {parts[0].name})" if parts else "wrote nothing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
