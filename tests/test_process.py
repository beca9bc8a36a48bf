"""The real process: closed pipes, Ctrl-C, atomic --output, and a reader consuming JSON lines as they stream."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMAND = [sys.executable, "-m", "calcguide"]
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}


def _batch(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (folder / f"r{index:04}.yaml").write_text(f"name: r{index}\nitems: [{1000 + index} IU D3 + 100 mcg MK-7]\n")
    return folder


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    folder = _batch(tmp_path / "many", 300)
    for output in ("table", "jsonl", "json", "markdown"):
        process = subprocess.Popen(
            [*COMMAND, "check", "--no-config", "-f", output, str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=ENV,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read()
        assert process.wait(timeout=60) == 141, output
        assert stderr == b"", output


def _wait_until_blocked(process: subprocess.Popen[bytes]) -> None:
    """Wait until the process sleeps on standard input (Linux /proc), or at most 20 s."""
    deadline = time.monotonic() + 20
    stat = Path(f"/proc/{process.pid}/stat")
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if stat.exists() and stat.read_text().split()[2] == "S":
            time.sleep(0.5)  # and stays asleep: it is reading, not between imports
            if stat.read_text().split()[2] == "S":
                return


def test_ctrl_c_exits_130_with_one_line_and_leaves_no_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    process = subprocess.Popen(
        [*COMMAND, "check", "--no-config", "-f", "json", "-o", str(target), "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    _wait_until_blocked(process)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert (process.returncode, stderr) == (130, b"calcguide: interrupted\n")
    assert list(tmp_path.iterdir()) == []


def test_output_file_is_complete_even_when_an_input_fails(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("items: [1000 IU D3]\n")
    target = tmp_path / "report.json"
    result = subprocess.run(
        [*COMMAND, "check", "--no-config", "-f", "json", "-o", str(target), str(good), str(tmp_path / "gone.yaml")],
        capture_output=True,
        env=ENV,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    reports = json.loads(target.read_text())
    assert [r["error"] is None for r in reports] == [True, False]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.yaml", "report.json"]


def test_jsonl_streams_to_a_reader_line_by_line(tmp_path: Path) -> None:
    folder = _batch(tmp_path / "stream", 40)
    reader = (
        "import json, sys\n"
        "names = [json.loads(line)['name'] for line in sys.stdin]\n"
        "print(len(names), names[0], names[-1])\n"
    )
    producer = subprocess.Popen(
        [*COMMAND, "check", "--no-config", "-f", "jsonl", str(folder)], stdout=subprocess.PIPE, env=ENV
    )
    consumer = subprocess.run([sys.executable, "-c", reader], stdin=producer.stdout, capture_output=True, text=True)
    assert producer.stdout is not None
    producer.stdout.close()
    assert producer.wait(timeout=60) == 0  # 1,000-1,039 IU of D3 with MK-7: nothing at error level
    assert consumer.stdout == "40 r0 r39\n"
