"""`calcguide schema` and `calcguide schema --report`: valid JSON Schemas that the examples, the README and every
report (good or failed) actually satisfy, and that reject what calcguide rejects."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REGIMENS, REPO, Cli, regimen_files
from jsonschema import Draft202012Validator


def _schema(cli: Cli, *flags: str) -> dict[str, Any]:
    result = cli("schema", *flags)
    assert (result.exit_code, result.stderr) == (0, "")
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    return schema


def _errors(schema: dict[str, Any], instance: object) -> list[str]:
    return [error.message for error in Draft202012Validator(schema).iter_errors(instance)]


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


@pytest.mark.parametrize("path", regimen_files(), ids=lambda p: p.name)
def test_every_example_document_validates(cli: Cli, path: Path) -> None:
    schema = _schema(cli)
    documents = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
    assert documents
    for document in documents:
        assert _errors(schema, document) == []


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
    ("unknown-sex", {"items": ["5000 IU D3"], "profile": {"sex": "other"}}, "'other' is not one of"),
    ("age-too-high", {"items": ["5000 IU D3"], "profile": {"age": 200}}, "is not valid under any of the given schemas"),
    ("product-without-ingredients", {"items": [{"product": "x", "ingredients": []}]}, "is not valid under any"),
    ("unknown-unit", {"items": [{"ingredient": "D3", "amount": 5, "unit": "lbs"}]}, "is not valid under any"),
    ("servings-zero", {"items": [{"dose": "5000 IU D3", "servings": 0}]}, "is not valid under any"),
    ("ignore-without-rule", {"items": ["5000 IU D3"], "ignore": [{"reason": "x"}]}, "is not valid under any"),
]


@pytest.mark.parametrize(("case", "document", "fragment"), INVALID, ids=[case for case, _, _ in INVALID])
def test_invalid_regimens_are_rejected_by_the_schema_and_by_calcguide(
    cli: Cli, tmp_path: Path, case: str, document: dict[str, Any], fragment: str
) -> None:
    errors = _errors(_schema(cli), document)
    assert errors, case
    assert any(fragment in message for message in errors), errors
    (tmp_path / f"{case}.yaml").write_text(json.dumps(document), encoding="utf-8")  # JSON is YAML
    result = cli("check", "-f", "json", f"{case}.yaml")
    assert result.exit_code == 2, case
    assert len(result.stderr.splitlines()) == 1


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
