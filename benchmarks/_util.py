"""Shared helpers for the benchmarks: timed subprocesses with per-child peak RSS, regimen generation, floors.

Nothing here imports calcguide: every subject is run as a subprocess, exactly as a user would run it.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# --------------------------------------------------------------------------------------------------------------------
# Running and measuring


@dataclass(frozen=True)
class Run:
    """One measured command (or chunked group of commands, run one after the other)."""

    seconds: float
    max_rss_kib: int  # peak resident set size of the largest process, KiB (Linux ru_maxrss)
    returncodes: tuple[int, ...]
    cpu_seconds: float = 0.0  # user + system time of the process and the children it waited for (workers)

    @property
    def returncode(self) -> int:
        return max(self.returncodes, default=0)


MEASURE = """\
import os, sys, time
result, args = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawnp(args[0], args, os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
cpu = usage.ru_utime + usage.ru_stime
with open(result, "w") as handle:
    handle.write(f"{elapsed!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} {cpu!r}\\n")
"""


@dataclass(frozen=True)
class Runner:
    """Runs measured commands through a tiny launcher (``python -S -E measure.py``).

    Why a launcher: on Linux a child's ``ru_maxrss`` includes the resident size of the process it was spawned
    from (the address space it ran in until ``exec``), so children of this benchmark, which holds parsed outputs,
    would all report at least this process's size. The launcher is ~9 MiB, below any Python program measured,
    and it times from spawn to reap, leaving its own start-up out. Its ``wait4`` gives exactly what
    ``getrusage(RUSAGE_CHILDREN)`` gives in a fresh parent, CPU time included: on a machine shared with other
    work, the CPU time a command used varies much less than the wall time it took.
    """

    launcher: Path
    result: Path
    cwd: Path
    env: Mapping[str, str]

    @classmethod
    def create(cls, directory: Path, cwd: Path, env: Mapping[str, str]) -> Runner:
        directory.mkdir(parents=True, exist_ok=True)
        launcher = directory / "measure.py"
        launcher.write_text(MEASURE, encoding="utf-8")
        return cls(launcher, directory / "measure.out", cwd, env)

    def once(self, cmd: Sequence[str]) -> Run:
        """Run ``cmd`` to completion (output discarded): wall time and the child's own peak RSS."""
        self.result.unlink(missing_ok=True)
        launch = [sys.executable, "-S", "-E", str(self.launcher), str(self.result), *cmd]
        done = subprocess.run(
            launch,
            cwd=self.cwd,
            env=dict(self.env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
        if done.returncode != 0 or not self.result.exists():
            raise RuntimeError(f"could not run {cmd[0]}: {done.stderr.decode(errors='replace')[-400:]}")
        elapsed, rss, code, cpu = self.result.read_text(encoding="utf-8").split()
        return Run(float(elapsed), int(rss), (int(code),), float(cpu))

    def group(self, cmds: Sequence[Sequence[str]]) -> Run:
        """Chunked commands one after the other (like ``xargs``): total time, largest peak RSS."""
        runs = [self.once(cmd) for cmd in cmds]
        return Run(
            sum(r.seconds for r in runs),
            max((r.max_rss_kib for r in runs), default=0),
            tuple(code for r in runs for code in r.returncodes),
            sum(r.cpu_seconds for r in runs),
        )


def capture(
    cmd: Sequence[str], *, cwd: Path | None = None, env: Mapping[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` and keep its output (for probing features, not for timing)."""
    return subprocess.run(
        list(cmd),
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def bytecode_env(pycache: Path | None) -> dict[str, str]:
    """The environment for every subprocess, subject and floor alike.

    With ``pycache``, bytecode is written to and read from that private directory (``PYTHONPYCACHEPREFIX``), even
    where the environment sets ``PYTHONDONTWRITEBYTECODE``: the warm-up run compiles, the measured runs load
    bytecode, as from an installed wheel. Nothing is written into the source tree.
    """
    env = dict(os.environ)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def median(values: Iterable[float]) -> float:
    return float(statistics.median(list(values)))


def chunk_args(prefix: Sequence[str], args: Sequence[str], budget: int | None = None) -> list[list[str]]:
    """Split ``prefix + args`` into command lines that fit the OS limit, the way ``xargs`` does."""
    if budget is None:
        arg_max = os.sysconf("SC_ARG_MAX") if hasattr(os, "sysconf") else 131_072
        env_size = sum(len(k) + len(v) + 2 for k, v in os.environ.items())
        budget = max(16_384, (arg_max - env_size) // 2)  # half: leave room for pointers and safety
    base = sum(len(p) + 1 for p in prefix)
    chunks: list[list[str]] = []
    current: list[str] = []
    size = base
    for arg in args:
        cost = len(os.fsencode(arg)) + 1 + 8  # the string, its NUL and its argv pointer
        if current and size + cost > budget:
            chunks.append([*prefix, *current])
            current, size = [], base
        current.append(arg)
        size += cost
    if current or not chunks:
        chunks.append([*prefix, *current])
    return chunks


def subject_command() -> tuple[list[str], str]:
    """The installed ``calcguide`` console script beside this Python, else ``python -m calcguide``."""
    beside = Path(sys.executable).parent / "calcguide"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)], str(beside)
    found = shutil.which("calcguide")
    if found:
        return [found], found
    return [sys.executable, "-m", "calcguide"], f"{sys.executable} -m calcguide"


def tool_command(name: str) -> list[str] | None:
    """A console script installed beside this Python (or on PATH), or None."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which(name)
    return [found] if found else None


def fmt_seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.2f} s"


def fmt_kib(value: float) -> str:
    return f"{value / 1024:.1f} MiB"


def iter_chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --------------------------------------------------------------------------------------------------------------------
# Floors: the least a program doing the same job could cost, written to a temp dir and run as subprocesses

FLOOR_TABLE = '''\
"""Floor for the table cold start: a hello-world Typer app that parses the YAML and prints one Rich table."""
import typer
import yaml
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True)


@app.callback()
def root() -> None:
    """floor"""


@app.command()
def check(files: list[str], output_format: str = typer.Option("table", "--format")) -> None:
    console = Console(highlight=False, soft_wrap=False)
    for path in files:
        with open(path, "rb") as handle:
            data = yaml.load(handle.read(), Loader=yaml.CSafeLoader)
        table = Table(title=str(data.get("name", path)), title_justify="left")
        table.add_column("Key", no_wrap=True)
        table.add_column("Value")
        for key, value in data.items():
            table.add_row(str(key), str(value))
        console.print(table)


app()
'''

FLOOR_JSON = '''\
"""Floor for the JSON cold start: a Typer app that parses the YAML and prints it as JSON."""
import json
import sys

import typer
import yaml

app = typer.Typer(add_completion=False, no_args_is_help=True)


@app.callback()
def root() -> None:
    """floor"""


@app.command()
def check(files: list[str], output_format: str = typer.Option("table", "--format")) -> None:
    out = []
    for path in files:
        with open(path, "rb") as handle:
            out.append(yaml.load(handle.read(), Loader=yaml.CSafeLoader))
    sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False, default=str) + "\\n")


app()
'''

FLOOR_BATCH = '''\
"""Floor for the batch: a plain Python loop that only parses every file with yaml's CSafeLoader."""
import os
import sys

import yaml

root = sys.argv[1]
for name in sorted(n for n in os.listdir(root) if n.endswith(".yaml")):
    with open(os.path.join(root, name), "rb") as handle:
        for _ in yaml.load_all(handle.read(), Loader=yaml.CSafeLoader):
            pass
'''


def write_floors(directory: Path) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, text in (("table", FLOOR_TABLE), ("json", FLOOR_JSON), ("batch", FLOOR_BATCH)):
        path = directory / f"floor_{name}.py"
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths
