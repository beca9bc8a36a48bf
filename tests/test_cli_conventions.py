"""The conventions around the command: --version, shell completion, the shared options, the pre-commit hook,
py.typed, and the docs that must stay in step with the code (docs/architecture.md, the README's examples)."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from conftest import GOLDEN, REGIMENS, REPO, Cli
from typer.testing import CliRunner

import calcguide
from calcguide.cli import CommonFlags, _options, app
from calcguide.rules import REGISTRY

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"calcguide {PYPROJECT['project']['version']}\n", "")
    assert calcguide.__version__ == PYPROJECT["project"]["version"]


# --- completion ----------------------------------------------------------------------------------------------------


def _complete(words: str) -> list[str]:
    """What bash completion offers after ``words`` (the last word is the one being completed)."""
    parts = words.split(" ")
    env = {"_CALCGUIDE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    result = CliRunner().invoke(app, [], env=env, prog_name="calcguide")
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_completion_options_are_offered(cli: Cli) -> None:
    top = cli("--help").stdout
    assert "--install-completion" in top and "--show-completion" in top


def test_rule_names_and_codes_complete_for_select_ignore_and_explain() -> None:
    assert _complete("calcguide check --select d-") == ["d-without-k2"]
    assert _complete("calcguide compare --ignore above") == ["above-ul"]
    assert _complete("calcguide explain CG30") == ["CG301", "CG302", "CG303", "CG304", "CG305", "CG306", "CG307"]
    assert sorted(_complete("calcguide suggest --select ")) == sorted([*REGISTRY, *(r.code for r in REGISTRY.values())])


def test_formats_complete() -> None:
    assert _complete("calcguide check --format ") == ["table", "json", "jsonl", "markdown", "html", "concise", "github"]
    assert _complete("calcguide check --format c") == ["concise"]
    assert _complete("calcguide compare --format ") == ["table", "json"]


# --- the shared options --------------------------------------------------------------------------------------------


def _options_of(command: str) -> set[str]:
    group: Any = typer.main.get_command(app)  # a click group (Typer's vendored click)
    found = group.commands[command]
    return {name for param in found.params for name in param.opts if name.startswith("--")}


@pytest.mark.parametrize("command", ["check", "compare", "suggest"])
def test_check_compare_and_suggest_share_every_common_option(command: str) -> None:
    shared = {"--" + field.replace("_", "-") for field in CommonFlags._fields}
    assert shared <= _options_of(command)
    assert "--smoker" in shared


def test_smoker_reaches_the_profile() -> None:
    assert _options(CommonFlags(smoker=True, no_config=True)).profile.smoker is True
    assert _options(CommonFlags(no_config=True)).profile.smoker is False


def test_smoker_flag_on_the_command_line(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import calcguide.cli as cli_module

    seen = []

    def fake_run(items: object, options: cli_module.Options, jobs: int = 1) -> list[calcguide.Report]:
        seen.append(options.profile.smoker)
        return []

    monkeypatch.setattr(cli_module, "run", fake_run)
    for command in ("check", "compare"):
        assert cli(command, "--smoker", "--text", "100 mcg MK-7").exit_code == 0
    assert seen == [True, True]


# --- the pre-commit hook -------------------------------------------------------------------------------------------

# The keys pre-commit documents for a hook in .pre-commit-hooks.yaml (pre-commit.com, "Creating new hooks").
_HOOK_KEYS = {
    "id", "name", "entry", "language", "files", "exclude", "types", "types_or", "exclude_types", "always_run",
    "fail_fast", "verbose", "pass_filenames", "require_serial", "description", "language_version",
    "minimum_pre_commit_version", "args", "stages",
}  # fmt: skip


def test_pre_commit_hook_parses_and_runs_a_command_that_exists() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert set(hook) <= _HOOK_KEYS and {"id", "name", "entry", "language"} <= set(hook)
    assert (hook["id"], hook["entry"], hook["language"]) == ("calcguide", "calcguide check", "python")
    script, command = hook["entry"].split()
    assert script in PYPROJECT["project"]["scripts"]
    group: Any = typer.main.get_command(app)
    assert command in group.commands
    result = CliRunner().invoke(app, [command, *hook["args"], "--help"])
    assert result.exit_code == 0  # the hook's arguments are options the command takes


@pytest.mark.parametrize(
    ("path", "checked"),
    [
        ("regimens/daily.yaml", True),
        ("products/regimens/multi.yml", True),
        ("regimen/one.yaml", True),
        ("regimens/calcguide.yaml", False),  # the config file is not a regimen
        ("calcguide.yaml", False),
        (".github/workflows/ci.yml", False),
        ("myregimens/a.yaml", False),
        ("regimens/notes.md", False),
    ],
)
def test_pre_commit_hook_files_pattern(path: str, checked: bool) -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    # pre-commit matches `files` and `exclude` with re.search on the repository-relative path.
    assert (bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)) is checked


def test_pre_commit_runs_as_a_hook_on_two_files(cli: Cli, tmp_path: Path) -> None:
    """As pre-commit calls it: the entry, the args, then the staged file names."""
    shutil.copytree(REGIMENS, tmp_path / "regimens")
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    result = cli(*hook["entry"].split()[1:], *hook["args"], "regimens/k2-liquid.yaml", "regimens/yearly-megadose.yaml")
    assert result.exit_code == 1  # the yearly bolus is an error: the commit stops
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == [
        "warning CG201 above-ul",
        "error CG202 vitamin-d-bolus",
        "warning CG101 d-without-k2",
    ]


# --- packaging -----------------------------------------------------------------------------------------------------


def test_py_typed_ships_in_the_package() -> None:
    assert (REPO / "calcguide" / "py.typed").is_file()
    # hatchling's wheel takes the whole package folder, py.typed included, and nothing excludes it.
    wheel = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["calcguide"] and "exclude" not in wheel


# --- docs in step with the code ------------------------------------------------------------------------------------


def test_architecture_doc_names_every_module() -> None:
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    for path in sorted((REPO / "calcguide").rglob("*.py")):
        assert f"`{path.name}`" in doc, f"docs/architecture.md does not mention {path.relative_to(REPO)}"


def _readme_block(after: str) -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split(after, 1)[1].split("```\n", 1)[0]
    return block


def test_readme_table_example_is_the_80_column_golden() -> None:
    golden = (GOLDEN / "80" / "k2-liquid.txt").read_text(encoding="utf-8")
    assert _readme_block("$ calcguide check regimens/k2-liquid.yaml\n") == golden.rstrip("\n") + "\n"


@pytest.mark.parametrize(
    "command",
    [
        "check --format concise regimens/warfarin-user.yaml regimens/k2-liquid.yaml missing.yaml",
        "check --format github regimens/warfarin-user.yaml",
    ],
)
def test_readme_concise_and_github_examples_are_real(cli: Cli, tmp_path: Path, command: str) -> None:
    shutil.copytree(REGIMENS, tmp_path / "regimens")
    result = cli(*command.split())
    assert _readme_block(f"$ calcguide {command}\n") == result.stdout
