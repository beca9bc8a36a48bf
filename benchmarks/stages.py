"""Where a batch's time goes, stage by stage, in one process: microseconds per file for each step of a check.

    python benchmarks/stages.py            # 2,000 generated files
    python benchmarks/stages.py --files N

Each stage is run over all files (its inputs prepared by the stage before), five times, and the median is
reported next to the floor's own work (yaml's CSafeLoader). Unlike run.py this imports calcguide's modules,
including a few internal ones, so it follows the package's structure: a stage whose function moved is skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from _util import generate

T = TypeVar("T")


def timed(function: Callable[[], T], repeats: int = 5) -> tuple[float, T]:
    """Median seconds of ``repeats`` calls, and the last result."""
    times = []
    result = function()
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=2000, help="generated files (default 2,000)")
    args = parser.parse_args(argv)

    from calcguide import evaluate
    from calcguide.loading import decode
    from calcguide.regimen import regimen_from_tree
    from calcguide.report.json import report_object
    from calcguide.yamltree import parse_documents

    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="calcguide-stages-") as tmp:
        root = Path(tmp) / "d"
        generate(root, args.files)
        n = args.files

        def listing() -> list[str]:
            return sorted(os.path.join(root, name) for name in os.listdir(root) if name.endswith(".yaml"))

        seconds, paths = timed(listing)
        rows.append(("os.listdir + sort (reference)", seconds))
        try:
            from calcguide.batch import expand

            seconds, _ = timed(lambda: list(expand([str(root)])))
            rows.append(("calcguide.batch.expand(DIR)", seconds))
        except ImportError:
            pass

        def plain_read() -> list[bytes]:
            out = []
            for path in paths:
                with open(path, "rb") as handle:
                    out.append(handle.read())
            return out

        seconds, blobs = timed(plain_read)
        rows.append(("open().read() (reference)", seconds))
        try:
            from calcguide.batch import DEFAULT_MAX_BYTES, _read

            seconds, _ = timed(lambda: [_read(path, DEFAULT_MAX_BYTES) for path in paths])
            rows.append(("calcguide.batch._read (size limit)", seconds))
        except ImportError:
            pass
        seconds, texts = timed(lambda: [decode(blob) for blob in blobs])
        rows.append(("loading.decode", seconds))

        def floor_parse() -> None:
            for text in texts:
                for _ in yaml.load_all(text, Loader=yaml.CSafeLoader):
                    pass

        seconds, _ = timed(floor_parse)
        rows.append(("FLOOR: yaml.load_all, CSafeLoader", seconds))
        seconds, trees = timed(lambda: [list(parse_documents(text)) for text in texts])
        rows.append(("yamltree.parse_documents (compose + located tree)", seconds))
        seconds, regimens = timed(
            lambda: [
                regimen_from_tree(tree, path, "x") for path, docs in zip(paths, trees, strict=True) for tree in docs
            ]
        )
        rows.append(("regimen.regimen_from_tree", seconds))
        seconds, reports = timed(lambda: [evaluate(regimen) for regimen in regimens])
        rows.append(("evaluate", seconds))
        seconds, objects = timed(lambda: [report_object(report) for report in reports])
        rows.append(("report.json.report_object", seconds))

        def dumps() -> list[str]:
            out: list[Any] = objects
            return [json.dumps(o, ensure_ascii=False, separators=(",", ":")) for o in out]

        seconds, _ = timed(dumps)
        rows.append(("json.dumps (jsonl)", seconds))

    print(f"{n:,} generated files, {len(regimens):,} regimens; Python {sys.version.split()[0]}")
    print()
    print("| stage | total | per file |")
    print("| --- | --- | --- |")
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1000:.1f} ms | {seconds / n * 1e6:.0f} µs |")
    core = [s for name, s in rows if not name.endswith("(reference)") and not name.startswith("FLOOR")]
    floor = next(s for name, s in rows if name.startswith("FLOOR"))
    print()
    print(
        f"calcguide stages together: {sum(core) / n * 1e6:.0f} µs per file; the floor's parse: {floor / n * 1e6:.0f} µs"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
