"""calcguide.yaml: found in the working directory or a parent, --config and --no-config, the default profile,
rule selection, threshold and severity overrides, a regimen's own ignore list, and exact config errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Cli

WIDE = {"COLUMNS": "200"}
D3_2000 = "items: [2000 IU D3]\n"
D_WARNING = (
    "Vitamin D at 2,000 IU (50 mcg) a day with no vitamin K2 (MK-4 or MK-7): vitamin K2 activates osteocalcin, "
    "which binds calcium into bone, and matrix Gla-protein, which keeps it out of arteries. No official D:K2 "
    "requirement exists; consider adding 90-180 mcg MK-7 a day."
)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _reports(cli: Cli, *args: str) -> tuple[int, list[dict[str, object]], str]:
    result = cli("check", "-f", "jsonl", *args)
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()], result.stderr


def _findings(report: dict[str, object]) -> list[tuple[str, str]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return [(f["rule"], f["severity"]) for f in findings]


# --- finding the config ------------------------------------------------------------------------------------------


def test_config_in_the_working_directory_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "calcguide.yaml", "profile: {age: 67, sex: female}\n")
    _write(tmp_path / "d.yaml", D3_2000)
    monkeypatch.chdir(tmp_path)
    code, (report,), stderr = _reports(Cli(Path.cwd()), "d.yaml")
    assert (code, stderr) == (0, "")
    assert report["profile"]["life_stage"] == "Females 51-70 years"
    assert (report["profile"]["age"], report["profile"]["sex"]) == (67.0, "female")
    assert report["notes"] == []  # the profile is complete: no "no profile" note


def test_config_in_a_parent_directory_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "calcguide.yaml", "profile: {age: 80, sex: male}\nignore: [above-ul]\n")
    deep = tmp_path / "a" / "b" / "c"
    _write(deep / "d.yaml", "items: [5000 IU D3]\n")
    monkeypatch.chdir(deep)
    _, (report,), _ = _reports(Cli(Path.cwd()), "d.yaml")
    assert report["profile"]["life_stage"] == "Males over 70 years"
    assert _findings(report) == [("d-without-k2", "warning")]  # above-ul is ignored by the parent's config


def test_the_nearest_config_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "calcguide.yaml", "profile: {age: 80, sex: male}\n")
    _write(tmp_path / "inner" / "calcguide.yaml", "profile: {age: 25, sex: female}\n")
    _write(tmp_path / "inner" / "d.yaml", D3_2000)
    monkeypatch.chdir(tmp_path / "inner")
    _, (report,), _ = _reports(Cli(Path.cwd()), "d.yaml")
    assert report["profile"]["life_stage"] == "Females 19-30 years"


def test_config_is_found_from_the_working_directory_not_the_regimens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "elsewhere" / "calcguide.yaml", "profile: {age: 80, sex: male}\n")
    _write(tmp_path / "elsewhere" / "d.yaml", D3_2000)
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    _, (report,), _ = _reports(Cli(Path.cwd()), "../elsewhere/d.yaml")
    assert report["profile"]["life_stage"] == "Adults 19-50 years"


def test_config_option_replaces_the_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "calcguide.yaml", "profile: {age: 80, sex: male}\n")
    _write(tmp_path / "settings" / "team.yaml", "profile: {age: 10}\n")
    _write(tmp_path / "d.yaml", D3_2000)
    monkeypatch.chdir(tmp_path)
    _, (report,), _ = _reports(Cli(Path.cwd()), "--config", "settings/team.yaml", "d.yaml")
    assert report["profile"]["life_stage"] == "People 9-13 years"


def test_no_config_ignores_a_config_that_would_be_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "calcguide.yaml", "profile: {age: 80, sex: male}\nunknown_key: 1\n")
    _write(tmp_path / "d.yaml", D3_2000)
    monkeypatch.chdir(tmp_path)
    code, (report,), stderr = _reports(Cli(Path.cwd()), "--no-config", "d.yaml")
    assert (code, stderr) == (0, "")
    assert report["profile"]["life_stage"] == "Adults 19-50 years"
    assert report["notes"] == ["no profile: an adult 19-50 years, with the stricter of the male and female values"]


def test_missing_config_file_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "d.yaml", D3_2000)
    result = cli("check", "--config", "nope.yaml", "d.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "calcguide: nope.yaml: cannot be read (No such file or directory)\n"


def test_empty_config_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "calcguide.yaml", "# nothing yet\n")
    _write(tmp_path / "d.yaml", D3_2000)
    code, (report,), stderr = _reports(cli, "d.yaml")
    assert (code, stderr) == (0, "")
    assert report["profile"]["life_stage"] == "Adults 19-50 years"
    assert _findings(report) == [("d-without-k2", "warning")]


# --- the default profile -----------------------------------------------------------------------------------------


def test_default_profile_fills_only_what_the_regimen_lacks(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "calcguide.yaml", "profile: {age: 67, sex: female, medications: [levothyroxine]}\n")
    _write(
        tmp_path / "people.yaml",
        "name: none\nitems: [600 mg calcium (as citrate)]\n"
        "---\nname: male\nprofile: {sex: male}\nitems: [600 mg calcium (as citrate)]\n"
        "---\nname: young\nprofile: {age: 30, medications: [warfarin]}\nitems: [600 mg calcium (as citrate)]\n",
    )
    _, reports, _ = _reports(cli, "people.yaml")
    assert [(r["name"], r["profile"]["life_stage"], r["profile"]["medications"]) for r in reports] == [
        ("none", "Females 51-70 years", ["levothyroxine"]),
        ("male", "Males 51-70 years", ["levothyroxine"]),
        ("young", "Females 19-30 years", ["warfarin"]),
    ]
    assert [r["findings"][0]["rule"] for r in reports] == [
        "mineral-drug-spacing",
        "mineral-drug-spacing",
        "calcium-single-dose",
    ]


def test_flags_beat_the_regimen_which_beats_the_config(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "calcguide.yaml", "profile: {age: 67, sex: female}\n")
    _write(tmp_path / "r.yaml", "profile: {sex: male}\n" + D3_2000)
    _, (report,), _ = _reports(cli, "r.yaml", "--age", "80")
    assert (report["profile"]["age"], report["profile"]["sex"]) == (80.0, "male")
    assert report["profile"]["life_stage"] == "Males over 70 years"


def test_config_profile_applies_to_text_regimens(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "calcguide.yaml", "profile: {age: 6}\n")
    _, (report,), _ = _reports(cli, "--text", "3500 IU D3 + 100 mcg MK-7")
    assert report["profile"]["life_stage"] == "Children 4-8 years"
    assert report["findings"][0]["message"] == (
        "Vitamin D totals 87.5 mcg (3,500 IU) a day, 117% of the UL of 75 mcg (3,000 IU) for Children 4-8 years."
    )


# --- rule selection ----------------------------------------------------------------------------------------------


MV = "items: [4000 IU D3, 1000 IU D3, 1200 mg calcium (as citrate)]\n"  # d-without-k2, above-ul, calcium, duplicate


def test_without_config_all_rules_run(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "mv.yaml", MV)
    _, (report,), _ = _reports(cli, "mv.yaml")
    assert _findings(report) == [
        ("d-without-k2", "warning"),
        ("above-ul", "warning"),
        ("calcium-single-dose", "info"),
        ("duplicate-source", "info"),
    ]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("ignore: [duplicate-source]\n", ["d-without-k2", "above-ul", "calcium-single-dose"]),
        ("ignore: [CG401, CG101]\n", ["above-ul", "calcium-single-dose"]),
        ("ignore: CG401\n", ["d-without-k2", "above-ul", "calcium-single-dose"]),
        ("select: [above-ul, d-without-k2]\n", ["d-without-k2", "above-ul"]),
        ("select: [CG203]\n", ["calcium-single-dose"]),
        ("select: [CG203, CG201]\nignore: [above-ul]\n", ["calcium-single-dose"]),
    ],
)
def test_config_ignore_and_select(cli: Cli, tmp_path: Path, config: str, expected: list[str]) -> None:
    _write(tmp_path / "calcguide.yaml", config)
    _write(tmp_path / "mv.yaml", MV)
    _, (report,), _ = _reports(cli, "mv.yaml")
    assert [rule for rule, _ in _findings(report)] == expected


def test_command_line_select_replaces_the_configs_and_ignores_add_up(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "calcguide.yaml", "select: [CG203]\nignore: [duplicate-source]\n")
    _write(tmp_path / "mv.yaml", MV)
    _, (report,), _ = _reports(cli, "mv.yaml", "--select", "CG101", "--select", "CG401", "--select", "CG201")
    assert [rule for rule, _ in _findings(report)] == ["d-without-k2", "above-ul"]
    _, (report,), _ = _reports(cli, "mv.yaml", "--ignore", "CG203")
    assert _findings(report) == []


# --- thresholds and severities -----------------------------------------------------------------------------------


def test_threshold_override_turns_a_warning_into_info(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "d.yaml", D3_2000)
    _, (before,), _ = _reports(cli, "d.yaml")
    assert [(f["severity"], f["message"]) for f in before["findings"]] == [("warning", D_WARNING)]

    _write(tmp_path / "calcguide.yaml", "rules:\n  d-without-k2: {warning_iu_per_day: 3000}\n")
    code, (after,), _ = _reports(cli, "d.yaml", "--fail-on", "warning")
    assert code == 0
    assert [(f["severity"], f["message"]) for f in after["findings"]] == [
        (
            "info",
            "Vitamin D at 2,000 IU (50 mcg) a day with no vitamin K2 (MK-4 or MK-7), below 3,000 IU a day. "
            "No official D:K2 requirement exists; consider adding 90-180 mcg MK-7 a day.",
        )
    ]


def test_threshold_override_by_code_and_for_another_rule(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "calcguide.yaml", "rules:\n  CG203: {max_mg_per_intake: 1200}\n  above-ul: {error_ratio: 1.2}\n")
    _write(tmp_path / "r.yaml", "items: [1200 mg calcium (as citrate), 5000 IU D3 + 100 mcg MK-7]\n")
    _, (report,), _ = _reports(cli, "r.yaml")
    assert _findings(report) == [("above-ul", "error")]  # 125% of the UL, over the 120% error ratio


def test_severity_override(cli: Cli, tmp_path: Path) -> None:
    _write(
        tmp_path / "calcguide.yaml", "rules:\n  calcium-single-dose: {severity: warning}\n  CG101: {severity: info}\n"
    )
    _write(tmp_path / "r.yaml", "items: [1200 mg calcium (as citrate) + 2000 IU D3]\n")
    code, (report,), _ = _reports(cli, "r.yaml", "--fail-on", "warning")
    assert code == 1
    assert _findings(report) == [("calcium-single-dose", "warning"), ("d-without-k2", "info")]
    assert report["summary"] == {"error": 0, "warning": 1, "info": 1}


def test_config_overrides_reach_parallel_workers(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "calcguide.yaml", "rules:\n  d-without-k2: {severity: error}\nprofile: {age: 67}\n")
    for index in range(3):
        _write(tmp_path / "many" / f"r{index}.yaml", D3_2000)
    one = cli("check", "-f", "json", "-j", "1", "many")
    two = cli("check", "-f", "json", "-j", "2", "many")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert {(f["severity"], r["profile"]["age"]) for r in json.loads(two.stdout) for f in r["findings"]} == {
        ("error", 67.0)
    }


# --- a regimen's own ignore list ---------------------------------------------------------------------------------


NATTO = (
    "name: Natto eater\n"
    "items: [2000 IU D3, 100 mg mystery root]\n"
    "ignore:\n"
    '  - {rule: d-without-k2, reason: "K2 from natto daily"}\n'
    "  - CG402\n"
)


def test_regimen_ignore_removes_the_finding_and_json_lists_it(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "natto.yaml", NATTO)
    code, (report,), _ = _reports(cli, "natto.yaml")
    assert code == 0
    assert report["findings"] == []
    assert report["ignored"] == [
        {"rule": "d-without-k2", "reason": "K2 from natto daily"},
        {"rule": "unrecognized-ingredient", "reason": ""},
    ]


def test_regimen_ignore_is_shown_in_the_table(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "natto.yaml", NATTO)
    result = cli("check", "natto.yaml", env=WIDE)
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    start = lines.index("Ignored rules")
    assert lines[start + 1 : start + 3] == [
        " - d-without-k2: K2 from natto daily",
        " - unrecognized-ingredient: (no reason given)",
    ]
    assert "Findings" not in lines
    assert any(line.startswith("No findings. calcguide reports") for line in lines)


def test_rule_ignored_by_config_is_not_listed_as_ignored_by_the_regimen(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "calcguide.yaml", "ignore: [d-without-k2]\n")
    _write(tmp_path / "natto.yaml", NATTO)
    _, (report,), _ = _reports(cli, "natto.yaml")
    assert report["ignored"] == [{"rule": "unrecognized-ingredient", "reason": ""}]


# --- errors ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "line"),
    [
        ("profil: {age: 4}\n", "1:1: unknown key 'profil' in the config; did you mean 'profile'?"),
        ("items: [1]\n", "1:1: unknown key 'items' in the config; config keys are: profile, select, ignore, rules"),
        ("ignore: [d-without-k3]\n", "1:10: unknown rule 'd-without-k3'; did you mean 'd-without-k2'?"),
        ("select: [above-ul, CG999]\n", "1:20: unknown rule 'CG999'; run 'calcguide rules' for the list"),
        ("rules:\n  above-uk: {severity: error}\n", "2:3: unknown rule 'above-uk'; did you mean 'above-ul'?"),
        (
            "rules:\n  d-without-k2: {warning_iu: 3000}\n",
            "2:18: unknown setting 'warning_iu' for rule d-without-k2; did you mean 'warning_iu_per_day'?",
        ),
        (
            "rules:\n  d-without-k2: {limit: 3000}\n",
            "2:18: unknown setting 'limit' for rule d-without-k2; rule d-without-k2 takes: severity, warning_iu_per_day",
        ),
        (
            "rules:\n  d-without-k2: {warning_iu_per_day: lots}\n",
            "2:38: threshold 'warning_iu_per_day' must be a positive number; write 'warning_iu_per_day: 1000'",
        ),
        (
            "rules:\n  d-without-k2: {warning_iu_per_day: 0}\n",
            "2:38: threshold 'warning_iu_per_day' must be a positive number; write 'warning_iu_per_day: 1000'",
        ),
        (
            "rules:\n  d-without-k2: {warning_iu_per_day: true}\n",
            "2:38: threshold 'warning_iu_per_day' must be a positive number; write 'warning_iu_per_day: 1000'",
        ),
        ("rules:\n  d-without-k2: {severity: warnng}\n", "2:28: unknown severity 'warnng'; did you mean 'warning'?"),
        ("rules:\n  d-without-k2: {severity: fatal}\n", "2:28: unknown severity 'fatal'; use info, warning or error"),
        (
            "rules:\n  d-without-k2: 5\n",
            "2:17: settings of rule 'd-without-k2' must be a mapping; write 'severity: info' or a threshold",
        ),
        ("rules: [x]\n", "1:8: 'rules' must map rule names to settings; write 'rules: {above-ul: {severity: error}}'"),
        ("select: 5\n", "1:9: 'select' must list rule names or codes; write 'select: [d-without-k2]'"),
        ("- a\n", "1:1: a config must be a mapping; use the keys profile, select, ignore, rules"),
        (
            "profile: {gender: f}\n",
            "1:11: unknown key 'gender' in profile; profile keys are: age, sex, pregnant, lactating, smoker, medications, "
            "conditions, diet",
        ),
        ("profile: {age: 200}\n", "1:16: age 200 is not a possible age; give an age from 0 to 130 years"),
        (
            "rules:\n  d-without-k2: {warning_iu_per_day: 1, warning_iu_per_day: 2}\n",
            "2:41: duplicate key 'warning_iu_per_day' (first at line 2); keep one of them: YAML would silently use the last",
        ),
    ],
)
def test_config_errors_are_one_line_and_exit_2(cli: Cli, tmp_path: Path, config: str, line: str) -> None:
    _write(tmp_path / "team.yaml", config)
    _write(tmp_path / "d.yaml", D3_2000)
    result = cli("check", "--config", "team.yaml", "d.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"calcguide: team.yaml:{line}\n"


def test_found_config_error_names_its_full_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "calcguide.yaml", "profil: {age: 4}\n")
    _write(tmp_path / "sub" / "d.yaml", D3_2000)
    monkeypatch.chdir(tmp_path / "sub")
    result = Cli(Path.cwd())("check", "d.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == f"calcguide: {tmp_path / 'calcguide.yaml'}:1:1: unknown key 'profil' in the config; did you mean 'profile'?\n"
    )


def test_config_errors_stop_compare_too(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "calcguide.yaml", "rules:\n  d-without-k2: {severity: fatal}\n")
    result = cli("compare", "--text", "2000 IU D3", "--text", "5000 IU D3")
    assert (result.exit_code, result.stdout) == (2, "")
    assert re.fullmatch(
        r"calcguide: .*calcguide\.yaml:2:28: unknown severity 'fatal'; use info, warning or error\n", result.stderr
    )
