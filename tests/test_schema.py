"""`calcguide schema`, `--config` and `--report`: valid JSON Schemas that the examples, the README and every
report (good or failed) actually satisfy, and that reject what calcguide rejects. The regimen and config schemas are
generated from calcguide's declaration of the format; the input-by-input agreement is in test_schema_agreement."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import regress
import yaml
from conftest import REGIMENS, REPO, Cli, regimen_files
from jsonschema import Draft202012Validator
from test_schema_agreement import _plain

from calcguide import format_schema
from calcguide.config import parse_config
from calcguide.errors import InputError
from calcguide.yamltree import parse_documents


def _schema(cli: Cli, *flags: str) -> dict[str, Any]:
    result = cli("schema", *flags)
    assert (result.exit_code, result.stderr) == (0, "")
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    return schema


def _errors(schema: dict[str, Any], instance: object) -> list[str]:
    return [error.message for error in Draft202012Validator(schema).iter_errors(instance)]


def _all_errors(schema: dict[str, Any], instance: object) -> list[str]:
    """Every message, including those of the alternatives an anyOf tried (what an editor picks from)."""
    found = []
    pending = list(Draft202012Validator(schema).iter_errors(instance))
    while pending:
        error = pending.pop()
        found.append(error.message)
        pending += error.context
    return found


def _readme_regimen() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Writing a regimen\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert match is not None
    return match.group(1)


# --- the regimen schema ------------------------------------------------------------------------------------------


def test_schema_is_a_valid_json_schema_and_the_packaged_file(cli: Cli) -> None:
    schema = _schema(cli)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "calcguide regimen"
    assert schema["required"] == ["items"]
    packaged = resources.files("calcguide").joinpath("data", "regimen.schema.json").read_text(encoding="utf-8")
    assert cli("schema").stdout == packaged


def test_the_packaged_schemas_are_the_generated_ones(cli: Cli) -> None:
    for name, text in format_schema.generated().items():
        packaged = resources.files("calcguide").joinpath("data", name).read_text(encoding="utf-8")
        assert packaged == text, "run: python -m calcguide.format_schema"
    assert cli("schema", "--config").stdout == format_schema.generated()["config.schema.json"]


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


@pytest.mark.parametrize("flag", ["", "--config"])
def test_the_dialect_is_one_every_editor_reads(cli: Cli, flag: str) -> None:
    """No union `type` arrays (strict validators refuse them); each pattern compiles in Python and in ECMA-262,
    with and without its `u` flag (no `(?i)`: case-insensitive words are spelt letter by letter)."""
    schema = _schema(cli, *filter(None, [flag]))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    patterns = [value for key, value in _walk(schema) if key == "pattern"]
    patterns += [name for key, value in _walk(schema) if key == "patternProperties" for name in value]
    assert patterns
    for key, value in _walk(schema):
        assert key != "type" or isinstance(value, str), value
    for pattern in patterns:
        assert "(?i)" not in pattern and "(?P<" not in pattern
        re.compile(pattern)
        regress.Regex(pattern, "u")
        regress.Regex(pattern)


@pytest.mark.parametrize("path", regimen_files(), ids=lambda p: p.name)
def test_every_example_document_validates(cli: Cli, path: Path) -> None:
    """As YAML 1.2 reads it (calcguide and editors) and as YAML 1.1 does (PyYAML, older editors)."""
    schema = _schema(cli)
    text = path.read_text(encoding="utf-8")
    documents = [*yaml.safe_load_all(text), *(_plain(tree) for tree in parse_documents(text))]
    assert documents
    for document in documents:
        assert _errors(schema, document) == []


def test_check_jsonschema_validates_every_example(tmp_path: Path) -> None:
    """A real client (ECMA-262 patterns, its own YAML 1.2 loader) over the examples and the README's regimen."""
    (tmp_path / "readme.yaml").write_text(_readme_regimen(), encoding="utf-8")
    files = [str(path) for path in regimen_files()] + [str(tmp_path / "readme.yaml")]
    schema = REPO / "calcguide" / "data" / "regimen.schema.json"
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *files]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_readme_example_validates_and_is_accepted(cli: Cli, tmp_path: Path) -> None:
    text = _readme_regimen()
    assert text.startswith("# yaml-language-server: $schema=regimen.schema.json\nname: Bone stack")
    assert _errors(_schema(cli), yaml.safe_load(text)) == []
    (tmp_path / "readme.yaml").write_text(text, encoding="utf-8")
    result = cli("check", "-f", "json", "readme.yaml")
    assert result.stderr == ""
    (report,) = json.loads(result.stdout)
    assert report["error"] is None
    assert report["name"] == "Bone stack"
    assert report["ignored"] == [{"rule": "d-without-k2", "reason": "K2 from natto daily"}]


INVALID = [
    ("unknown-top-key", {"items": ["5000 IU D3"], "profil": {"age": 4}}, "'profil' was unexpected"),
    ("items-empty-list", {"items": []}, "is not valid under any of the given schemas"),
    ("items-empty-string", {"items": "  "}, "is not valid under any of the given schemas"),
    ("items-missing", {"name": "x"}, "'items' is a required property"),
    ("items-number", {"items": 5}, "is not valid under any of the given schemas"),
    ("unknown-profile-key", {"items": ["5000 IU D3"], "profile": {"gender": "male"}}, "'gender' was unexpected"),
    ("unknown-sex", {"items": ["5000 IU D3"], "profile": {"sex": "other"}}, "'other' does not match"),
    ("age-too-high", {"items": ["5000 IU D3"], "profile": {"age": 200}}, "is not valid under any of the given schemas"),
    ("product-without-ingredients", {"items": [{"product": "x", "ingredients": []}]}, "should be non-empty"),
    ("product-without-ingredients-key", {"items": [{"product": "x"}]}, "'ingredients' is a required property"),
    ("unknown-unit", {"items": [{"ingredient": "D3", "amount": 5, "unit": "lbs"}]}, "'lbs' does not match"),
    ("servings-zero", {"items": [{"dose": "5000 IU D3", "servings": 0}]}, "less than or equal to the minimum of 0"),
    ("ignore-without-rule", {"items": ["5000 IU D3"], "ignore": [{"reason": "x"}]}, "'rule' is a required property"),
    ("unknown-rule", {"items": ["5000 IU D3"], "ignore": ["d-without-k3"]}, "'d-without-k3' does not match"),
    ("unknown-diet-key", {"items": ["5000 IU D3"], "profile": {"diet": {"calcum": 5}}}, "'calcum' does not match"),
    ("pregnant-male", {"items": ["5000 IU D3"], "profile": {"sex": "Male", "pregnant": "yes"}}, "False schema"),
]


@pytest.mark.parametrize(("case", "document", "fragment"), INVALID, ids=[case for case, _, _ in INVALID])
def test_invalid_regimens_are_rejected_by_the_schema_and_by_calcguide(
    cli: Cli, tmp_path: Path, case: str, document: dict[str, Any], fragment: str
) -> None:
    errors = _all_errors(_schema(cli), document)
    assert errors, case
    assert any(fragment in message for message in errors), errors
    (tmp_path / f"{case}.yaml").write_text(json.dumps(document), encoding="utf-8")  # JSON is YAML
    result = cli("check", "-f", "json", f"{case}.yaml")
    assert result.exit_code == 2, case
    assert len(result.stderr.splitlines()) == 1


# --- calcguide.yaml's schema --------------------------------------------------------------------------------------

README_CONFIG = (
    "profile: {age: 67, sex: female}\nignore: [duplicate-source]\nselect: [above-ul, d-without-k2]\n"
    "rules:\n  d-without-k2: {warning_iu_per_day: 2000}\n  calcium-single-dose: {severity: warning}\n"
)
CONFIGS = [  # (config text, what the schema says, what calcguide says)
    ("", "passes", "accepts"),
    (README_CONFIG, "passes", "accepts"),
    ("rules: {CG101: {severity: info}, ' Above-UL ': {}}\nignore: CG101\nselect: []\n", "passes", "accepts"),
    ("profile: {pregnant: yes, diet: {calcium: 700 mg}}\n", "passes", "accepts"),
    ("profil: {age: 4}\n", "flags", "rejects"),
    ("ignore: [d-without-k3]\n", "flags", "rejects"),
    ("select: [above-ul, CG999]\n", "flags", "rejects"),
    ("rules:\n  above-uk: {severity: error}\n", "flags", "rejects"),
    ("rules:\n  d-without-k2: {warning_iu: 3000}\n", "flags", "rejects"),
    ("rules:\n  d-without-k2: {warning_iu_per_day: lots}\n", "flags", "rejects"),
    ("rules:\n  d-without-k2: {warning_iu_per_day: 0}\n", "flags", "rejects"),
    ("rules:\n  d-without-k2: {warning_iu_per_day: true}\n", "flags", "rejects"),
    ("rules:\n  d-without-k2: {severity: Error}\n", "flags", "rejects"),
    ("rules:\n  d-without-k2: 5\n", "flags", "rejects"),
    ("rules: [x]\n", "flags", "rejects"),
    ("select: 5\n", "flags", "rejects"),
    ("select:\n", "flags", "rejects"),
    ("- a\n", "flags", "rejects"),
    ("profile: {gender: f}\n", "flags", "rejects"),
    ("profile: {age: 200}\n", "flags", "rejects"),
    ("profile: {sex: male, lactating: on}\n", "flags", "rejects"),
]


@pytest.mark.parametrize(("text", "schema_says", "calcguide_says"), CONFIGS)
def test_the_config_schema_agrees_with_calcguide(cli: Cli, text: str, schema_says: str, calcguide_says: str) -> None:
    schema = _schema(cli, "--config")
    documents = [_plain(tree) for tree in parse_documents(text)] or [None]
    flagged = any(_errors(schema, document) for document in documents)
    try:
        parse_config(text, "calcguide.yaml")
        accepted = "accepts"
    except InputError:
        accepted = "rejects"
    assert ("flags" if flagged else "passes", accepted) == (schema_says, calcguide_says)


# --- the report schema -------------------------------------------------------------------------------------------


def test_report_schema_is_a_valid_json_schema_and_the_packaged_file(cli: Cli) -> None:
    schema = _schema(cli, "--report")
    assert schema["title"] == "calcguide report"
    assert schema["properties"]["schema_version"] == {"const": 1}
    packaged = resources.files("calcguide").joinpath("data", "report.schema.json").read_text(encoding="utf-8")
    assert cli("schema", "--report").stdout == packaged


BAD_INPUTS = {
    "empty.yaml": b"",
    "not-yaml.yaml": b"items: [\n",
    "iu-calcium.yaml": b"items: [500 IU calcium]\n",
    "pregnant-male.yaml": b"items: [5000 IU D3]\nprofile: {age: 30, sex: male, pregnant: true}\n",
    "mixed.yaml": b"items: [5000 IU D3]\n---\nitems: []\n---\nitems: [100 mcg MK-7]\n",
    "nul.yaml": b"items: [5000 IU D3]\x00\n",
    "latin1.yaml": b"name: caf\xe9\nitems: [5000 IU D3]\n",
    "tab.yaml": b"items:\n\t- 5000 IU D3\n",
    "tag.yaml": b"items: !!python/object:os.system [ls]\n",
    "unknown.yaml": b"items: [100 mg mystery root, 2 tablets of something]\n",
}


def test_every_report_validates_against_the_report_schema(cli: Cli, tmp_path: Path) -> None:
    shutil.copytree(REGIMENS, tmp_path / "regimens")
    for name, data in BAD_INPUTS.items():
        (tmp_path / "bad" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "bad" / name).write_bytes(data)
    readme = tmp_path / "readme.yaml"
    readme.write_text(_readme_regimen(), encoding="utf-8")
    args = ["regimens", "bad", "readme.yaml", "missing.yaml", "--text", "5 zz D3", "--text", "50000 IU D2 weekly"]
    schema = _schema(cli, "--report")

    result = cli("check", "-f", "json", *args)
    assert result.exit_code == 2
    reports = json.loads(result.stdout)
    assert len(reports) >= len(regimen_files()) + len(BAD_INPUTS) + 2 + 3  # mixed.yaml holds three documents
    for report in reports:
        assert _errors(schema, report) == [], report["source"]
    failed = [r for r in reports if r["error"] is not None]
    assert len(failed) == len(result.stderr.splitlines()) >= 10
    assert all(r["error"]["text"].startswith(r["source"]) for r in failed)

    lines = cli("check", "-f", "jsonl", *args).stdout.splitlines()
    assert [json.loads(line) for line in lines] == reports


def test_reports_with_diet_ignored_rules_and_every_profile_field_validate(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        "profile:\n  age: 6 months\n  medications: [levothyroxine, something new]\n  conditions: [CKD, odd]\n"
        "  diet: {calcium: 200 mg, vitamin D: 100 IU}\n"
        "items: [400 IU D3, 50 mg magnesium (as oxide), 2000 IU retinyl palmitate]\n"
        "ignore: [CG401, {rule: above-ul}]\n",
        encoding="utf-8",
    )
    result = cli("check", "-f", "json", "r.yaml", "--select", "above-ul", "--select", "CG304", "--select", "CG401")
    (report,) = json.loads(result.stdout)
    assert report["error"] is None
    assert report["ignored"] == [{"rule": "duplicate-source", "reason": ""}, {"rule": "above-ul", "reason": ""}]
    assert _errors(_schema(cli, "--report"), report) == []


def test_the_readme_key_tables_are_the_declared_format() -> None:
    from calcguide.regimen_format import IGNORE_ENTRY, PROFILE, REGIMEN

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Writing a regimen\n", 1)[1].split("\n## ", 1)[0]
    tables = [format_schema.key_table(REGIMEN), format_schema.key_table(PROFILE), format_schema.item_key_table()]
    tables.append(format_schema.key_table(IGNORE_ENTRY))
    for table in tables:
        assert f"\n{table}\n" in section, table
