"""The Dask example of docs/scaling.md runs (where Dask is installed: it is an optional extra)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.bag", reason="Dask is an optional extra: pip install 'calcguide[dask]'")

REPO = Path(__file__).resolve().parent.parent


def test_dask_example_checks_every_regimen_once(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = subprocess.run(
        [sys.executable, str(REPO / "examples" / "dask_batch.py"), str(REPO / "regimens"), "--out", str(out),
         "--scheduler", "processes"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reports = [json.loads(line) for part in sorted(out.glob("*.jsonl")) for line in part.read_text().splitlines()]
    assert sorted(r["source"].rsplit("/", 1)[-1] for r in reports) == sorted(
        p.name for p in (REPO / "regimens").glob("*.yaml")
    )
    assert all(r["schema_version"] == 1 and r["error"] is None for r in reports)
