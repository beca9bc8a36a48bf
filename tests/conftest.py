"""Shared helpers: one-line regimens, YAML regimens, the CLI runner, golden files and hypothesis profiles."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

import calcguide
from calcguide.cli import app

REPO = Path(__file__).resolve().parent.parent
REGIMENS = REPO / "regimens"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = os.environ.get("CALCGUIDE_UPDATE_GOLDEN") == "1"

# Property tests: "ci" (the default) runs thousands of examples, "dev" a quick 200, "thorough" 20,000 for a
# deliberate search. Choose with HYPOTHESIS_PROFILE.
settings.register_profile(
    "ci", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile(
    "thorough", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _every_json_report_matches_the_published_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each report object any test makes (through the CLI in-process or the API) is validated against
    ``calcguide schema --report``: the schema and the output cannot drift apart."""
    import calcguide.report.json as json_report

    made = json_report.report_object

    def validated(report: calcguide.Report) -> dict[str, Any]:
        data = made(report)
        _REPORT_VALIDATOR.validate(data)
        return data

    monkeypatch.setattr(json_report, "report_object", validated)


_REPORT_VALIDATOR = jsonschema.Draft202012Validator(
    json.loads((REPO / "calcguide" / "data" / "report.schema.json").read_text(encoding="utf-8"))
)

# Anything that could make Rich or click colour the output, or read a config file, is cleared for CLI runs.
_CLEAN_ENV: dict[str, str | None] = {
    "NO_COLOR": None,
    "FORCE_COLOR": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
    "CLICOLOR_FORCE": None,
    "COLUMNS": "100",
    "LINES": "50",
}


def make_profile(
    *,
    age: float | None = None,
    sex: str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    medications: Sequence[str] = (),
    conditions: Sequence[str] = (),
) -> calcguide.Profile:
    return calcguide.Profile(
        age_years=None if age is None else float(age),
        sex=sex,
        pregnant=pregnant,
        lactating=lactating,
        medications=tuple(medications),
        conditions=tuple(conditions),
    )


def check_text(
    line: str,
    *,
    select: Iterable[str] | None = None,
    thresholds: Mapping[str, Mapping[str, float]] | None = None,
    **profile: object,
) -> calcguide.Report:
    """Evaluate a one-line regimen ("5000 IU D3 + 100 mcg MK-7") for a profile given as keywords."""
    regimen = calcguide.regimen_from_line(line, profile=make_profile(**profile))  # type: ignore[arg-type]
    return calcguide.evaluate(regimen, select=select, thresholds=thresholds)


def check_yaml(text: str, source: str = "test.yaml", **options: object) -> calcguide.Report:
    """Evaluate the only regimen of a YAML text (for what one line cannot say: diet, products, servings)."""
    (regimen,) = calcguide.load_regimens(text, source)
    return calcguide.evaluate(regimen, **options)  # type: ignore[arg-type]


def found(report: calcguide.Report) -> list[tuple[str, str]]:
    """The findings as (rule, severity) pairs, in report order."""
    return [(f.rule, f.severity.value) for f in report.findings]


def total(report: calcguide.Report, nutrient: str) -> calcguide.NutrientTotal:
    (match,) = [t for t in report.totals if t.nutrient == nutrient]
    return match


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


class Cli:
    """Runs ``calcguide`` in-process in an empty working directory (so no calcguide.yaml is picked up)."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.runner = CliRunner()

    def __call__(self, *args: str, env: Mapping[str, str | None] | None = None, input: str | None = None) -> CliResult:
        previous = Path.cwd()
        os.chdir(self.cwd)
        try:
            result = self.runner.invoke(app, list(args), env={**_CLEAN_ENV, **(env or {})}, input=input)
        finally:
            os.chdir(previous)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        for report in _reports_in(result.stdout):
            _REPORT_VALIDATOR.validate(report)
        return CliResult(result.exit_code, result.stdout, result.stderr)


def _reports_in(stdout: str) -> list[Any]:
    """The JSON reports a command printed (an array, or one per line). Validated here as well as where they are
    made: compiled modules call ``report_object`` directly, past the fixture above."""
    text = stdout.strip()
    if not text.startswith(("[", "{")):
        return []
    try:
        printed = json.loads(text)
        documents = printed if isinstance(printed, list) else [printed]
    except ValueError:
        try:
            documents = [json.loads(line) for line in text.splitlines()]
        except ValueError:
            return []
    return [d for d in documents if isinstance(d, dict) and {"schema_version", "totals", "disclaimer"} <= d.keys()]


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


def regimen_files() -> list[Path]:
    return sorted(REGIMENS.glob("*.yaml"))


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>; with CALCGUIDE_UPDATE_GOLDEN=1, write it instead (then read it!)."""
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with CALCGUIDE_UPDATE_GOLDEN=1 and review the file"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file (CALCGUIDE_UPDATE_GOLDEN=1 rewrites it)"


def pytest_report_header() -> str:
    """Which build of calcguide the tests run against: the compiled wheel or plain Python (see hatch_build.py)."""
    import importlib.machinery

    import calcguide.evaluate

    loader = calcguide.evaluate.__spec__.loader if calcguide.evaluate.__spec__ else None
    compiled = isinstance(loader, importlib.machinery.ExtensionFileLoader)
    return f"calcguide: {'compiled (mypyc)' if compiled else 'plain Python'}, from {Path(calcguide.__file__).parent}"
