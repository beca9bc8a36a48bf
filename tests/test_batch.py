"""`calcguide check` over many inputs: files, directories, stdin, multi-document files and --text one-liners,
with profile flags, output formats, --output, --jobs, rule selection and --fail-on exit codes."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REGIMENS, Cli

from calcguide.batch import GROUP

WIDE = {"COLUMNS": "200"}  # wide enough that no summary row wraps
UNKNOWN_RULE_X = "calcguide: unknown rule 'x'; run 'calcguide rules' for the list\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _jsonl(stdout: str) -> list[dict[str, object]]:
    lines = stdout.splitlines()
    assert stdout.endswith("\n")
    return [json.loads(line) for line in lines]


def _names(stdout: str) -> list[tuple[object, object]]:
    return [(o["source"], o["name"]) for o in _jsonl(stdout)]


def _findings(report: dict[str, object]) -> list[tuple[str, str]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return [(f["rule"], f["severity"]) for f in findings]


def _known(actual: dict[str, object], expected: dict[str, object]) -> dict[str, object]:
    """The fields of ``actual`` that ``expected`` names (the JSON contract only ever adds fields)."""
    return {key: actual.get(key, "<missing>") for key in expected}


def _summary_rows(stdout: str) -> list[list[str]]:
    """The rows of the Rich summary table, as cells (columns are at least two spaces apart)."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.rstrip() == "Summary")
    assert lines[start + 2].split() == ["Regimen", "Life", "stage", "Error", "Warning", "Info", "Worst", "finding"]
    assert set(lines[start + 3].strip()) == {"━"}
    rows = []
    for line in lines[start + 4 :]:
        if not line.strip():
            break
        rows.append(re.split(r"\s{2,}", line.strip()))
    return rows


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the example regimens, so sources read ``regimens/<file>`` relative to the working directory."""
    shutil.copytree(REGIMENS, tmp_path / "regimens")
    return tmp_path


# --- inputs: files, directories, stdin --------------------------------------------------------------------------


def test_files_directory_and_stdin_keep_input_order(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "first.yaml", "name: First\nitems: [100 mcg MK-7]\n")
    _write(tmp_path / "dir" / "b.yaml", "name: B\nitems: [1000 IU D3 + 100 mcg MK-7]\n")
    _write(tmp_path / "dir" / "a.yaml", "items: [100 mcg MK-7]\n")
    _write(tmp_path / "dir" / "sub" / "c.yml", "name: C\nitems: [100 mcg MK-4]\n")
    _write(tmp_path / "dir" / "trap.yaml" / "inner.yaml", "name: Inner\nitems: [100 mcg MK-7]\n")  # a folder
    _write(tmp_path / "dir" / "notes.txt", "not a regimen: [\n")
    _write(tmp_path / "dir" / "README.md", "# not a regimen\n")
    _write(tmp_path / "dir" / "data.json", '{"items": ["5000 IU D3"]}\n')
    _write(tmp_path / "last.yml", "name: Last\nitems: [100 mcg MK-7]\n")

    result = cli(
        "check", "-f", "jsonl", "first.yaml", "dir", "-", "last.yml", input="name: Piped\nitems: [100 mcg MK-7]\n"
    )

    assert result.exit_code == 0
    assert result.stderr == ""
    assert _names(result.stdout) == [
        ("first.yaml", "First"),
        ("dir/a.yaml", "a"),
        ("dir/b.yaml", "B"),
        ("dir/sub/c.yml", "C"),
        ("dir/trap.yaml/inner.yaml", "Inner"),
        ("<stdin>", "Piped"),
        ("last.yml", "Last"),
    ]


def test_directory_given_with_a_trailing_slash(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "dir" / "z.yaml", "items: [100 mcg MK-7]\n")
    _write(tmp_path / "dir" / "m.yml", "items: [100 mcg MK-7]\n")
    result = cli("check", "-f", "jsonl", "dir/")
    assert result.exit_code == 0
    assert _names(result.stdout) == [("dir/m.yml", "m"), ("dir/z.yaml", "z")]


def test_stdin_without_a_name_is_called_stdin(cli: Cli) -> None:
    result = cli("check", "-f", "json", "-", input="items: [5000 IU D3 + 100 mcg MK-7]\n")
    assert result.exit_code == 0
    (report,) = json.loads(result.stdout)
    assert (report["source"], report["name"]) == ("<stdin>", "stdin")
    assert _findings(report) == [("above-ul", "warning")]


def test_stdin_error_names_stdin(cli: Cli) -> None:
    result = cli("check", "-f", "jsonl", "-", input="items: []\n")
    assert result.exit_code == 2
    assert result.stderr == "<stdin>:1:8: 'items' is empty; list at least one dose\n"
    (report,) = _jsonl(result.stdout)
    assert report["error"] == {
        "message": "'items' is empty; list at least one dose",
        "line": 1,
        "column": 8,
        "text": "<stdin>:1:8: 'items' is empty; list at least one dose",
    }


def test_directory_without_regimens_is_that_inputs_error(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    _write(tmp_path / "only-text" / "notes.txt", "nothing\n")
    _write(tmp_path / "good.yaml", "items: [100 mcg MK-7]\n")
    result = cli("check", "-f", "jsonl", "empty", "good.yaml", "only-text")
    assert result.exit_code == 2
    sources = [o["source"] for o in _jsonl(result.stdout)]
    assert sources == ["empty", "good.yaml", "only-text"]
    assert len(result.stderr.splitlines()) == 2
    assert result.stderr.startswith("empty")


def test_an_empty_directory_alone_is_an_input_error(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = cli("check", "-f", "json", "empty")
    assert result.exit_code == 2
    assert result.stderr == "empty: a folder with no *.yaml or *.yml files; check the path\n"
    assert [r["source"] for r in json.loads(result.stdout)] == ["empty"]


def test_nothing_to_check_without_inputs(cli: Cli) -> None:
    result = cli("check")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "calcguide: nothing to check: give regimen files, directories, '-' for standard input, or --text\n"
    )


# --- several regimens in one file --------------------------------------------------------------------------------


MULTI = (
    "items: [5000 IU D3]\n---\nname: second\nitems: [100 mcg MK-7]\n---\nitems: [400 IU D3]\n---\nitems: [1 IU D3]\n"
)


def test_multi_document_file_gives_one_report_per_document_in_order(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "multi.yaml", MULTI)
    result = cli("check", "-f", "jsonl", "multi.yaml")
    assert result.exit_code == 0
    reports = _jsonl(result.stdout)
    assert [(o["source"], o["name"]) for o in reports] == [
        ("multi.yaml", "multi"),
        ("multi.yaml", "second"),
        ("multi.yaml", "multi #3"),
        ("multi.yaml", "multi #4"),
    ]
    assert [_findings(o) for o in reports] == [
        [("d-without-k2", "warning"), ("above-ul", "warning")],
        [],
        [("d-without-k2", "info")],
        [("d-without-k2", "info")],
    ]


def test_bad_document_does_not_stop_the_documents_after_it(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "mixed.yaml", "items: [100 mcg MK-7]\n---\nitems: []\n---\nname: third\nitems: [100 mcg MK-4]\n")
    result = cli("check", "-f", "jsonl", "mixed.yaml")
    assert result.exit_code == 2
    assert result.stderr == "mixed.yaml:3:8: 'items' is empty; list at least one dose\n"
    reports = _jsonl(result.stdout)
    assert [o["error"] is None for o in reports] == [True, False, True]
    assert [o["name"] for o in reports][::2] == ["mixed", "third"]


def test_bad_document_keeps_its_numbered_name(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "mixed.yaml", "items: [100 mcg MK-7]\n---\nitems: []\n---\nitems: [100 mcg MK-4]\n")
    result = cli("check", "-f", "jsonl", "mixed.yaml")
    assert [o["name"] for o in _jsonl(result.stdout)] == ["mixed", "mixed #2", "mixed #3"]


# --- --text and profile flags ------------------------------------------------------------------------------------


def test_text_one_liners_with_every_profile_flag(cli: Cli) -> None:
    result = cli(
        "check",
        "-f",
        "jsonl",
        "--text",
        "2000 IU D3",
        "--text",
        "100 mcg MK-7 + 600 mg calcium (as citrate)",
        "--age",
        "75",
        "--sex",
        "female",
        "--medication",
        "warfarin",
        "--condition",
        "kidney stones",
    )
    assert result.exit_code == 1  # vitamin-k-anticoagulant is an error
    assert result.stderr == ""
    first, second = _jsonl(result.stdout)
    profile = {
        "age": 75.0,
        "sex": "female",
        "life_stage": "Females over 70 years",
        "life_stage_id": "females-71y+",
        "pregnant": False,
        "lactating": False,
        "medications": ["warfarin"],
        "conditions": ["kidney stones"],
    }
    assert (first["source"], first["name"]) == ("<text 1>", "2000 IU D3")
    assert (second["source"], second["name"]) == ("<text 2>", "100 mcg MK-7 + 600 mg calcium (as citrate)")
    assert _known(first["profile"], profile) == _known(second["profile"], profile) == profile
    assert _findings(first) == [("d-without-k2", "warning"), ("condition-caution", "warning")]
    assert _findings(second) == [
        ("vitamin-k-anticoagulant", "error"),
        ("condition-caution", "warning"),
        ("calcium-single-dose", "info"),
        ("calcium-without-d", "info"),
    ]
    assert first["notes"] == second["notes"] == []


def test_text_with_pregnant_flag(cli: Cli) -> None:
    result = cli(
        "check",
        "-f",
        "jsonl",
        "--text",
        "3000 mcg RAE retinyl palmitate",
        "--age",
        "30",
        "--sex",
        "female",
        "--pregnant",
    )
    assert result.exit_code == 1
    (report,) = _jsonl(result.stdout)
    assert report["profile"]["life_stage"] == "Pregnancy 19-30 years"
    assert report["profile"]["pregnant"] is True
    assert report["findings"][0]["severity"] == "error"
    assert report["findings"][0]["message"] == (
        "Preformed vitamin A (retinol and retinyl esters: the UL does not count beta-carotene) totals 3,000 mcg RAE "
        "a day, 100% of the UL of 3,000 mcg RAE for Pregnancy 19-30 years. In pregnancy, preformed vitamin A at or "
        "above the UL can cause birth defects."
    )


def test_text_with_lactating_flag(cli: Cli) -> None:
    result = cli("check", "-f", "jsonl", "--text", "2000 IU D3 + 100 mcg MK-7", "--age", "17", "--lactating")
    assert result.exit_code == 0
    (report,) = _jsonl(result.stdout)
    assert report["profile"]["life_stage"] == "Lactation 14-18 years"
    assert report["profile"]["life_stage_id"] == "lactation-14-18y"
    assert (report["profile"]["lactating"], report["profile"]["sex"]) == (True, None)


@pytest.mark.parametrize(
    ("flags", "line"),
    [
        (
            ["--sex", "male", "--lactating"],
            "calcguide: lactating with sex male; remove 'lactating' or correct the sex\n",
        ),
        (
            ["--pregnant", "--lactating"],
            "calcguide: pregnant and lactating are both true; choose the one whose reference values apply\n",
        ),
        (["--age", "200"], "calcguide: age 200 is not a possible age; give an age from 0 to 130 years\n"),
        (["--sex", "femal"], "calcguide: unknown sex 'femal'; did you mean 'female'?\n"),
    ],
)
def test_impossible_profile_flags_exit_2(cli: Cli, flags: list[str], line: str) -> None:
    result = cli("check", "--text", "2000 IU D3", *flags)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", line)


def test_profile_flags_override_a_files_profile_fields(cli: Cli, repo: Path) -> None:
    # full-bone-stack.yaml: age 45, sex female, medications [levothyroxine], conditions [kidney stones]
    result = cli("check", "-f", "json", "regimens/full-bone-stack.yaml", "--age", "75")
    (report,) = json.loads(result.stdout)
    expected = {
        "age": 75.0,
        "sex": "female",
        "life_stage": "Females over 70 years",
        "life_stage_id": "females-71y+",
        "pregnant": False,
        "lactating": False,
        "medications": ["levothyroxine"],
        "conditions": ["kidney stones"],
    }
    assert _known(report["profile"], expected) == expected
    result = cli("check", "-f", "json", "regimens/full-bone-stack.yaml", "--sex", "male", "--medication", "warfarin")
    (report,) = json.loads(result.stdout)
    assert (report["profile"]["age"], report["profile"]["life_stage"]) == (45.0, "Males 31-50 years")
    assert report["profile"]["medications"] == ["warfarin"]
    assert report["profile"]["conditions"] == ["kidney stones"]


def test_profile_flag_that_contradicts_a_file_is_that_files_error(cli: Cli, repo: Path) -> None:
    result = cli("check", "-f", "jsonl", "regimens/pregnancy.yaml", "regimens/d3-alone.yaml", "--sex", "male")
    assert result.exit_code == 2
    assert result.stderr == "regimens/pregnancy.yaml: pregnant with sex male; remove 'pregnant' or correct the sex\n"
    pregnancy, d3 = _jsonl(result.stdout)
    assert pregnancy["source"] == "regimens/pregnancy.yaml"
    assert pregnancy["error"]["message"] == "pregnant with sex male; remove 'pregnant' or correct the sex"
    assert d3["error"] is None
    assert d3["profile"]["life_stage"] == "Males 51-70 years"


def test_profile_error_report_keeps_the_regimens_name(cli: Cli, repo: Path) -> None:
    result = cli("check", "-f", "jsonl", "regimens/pregnancy.yaml", "--sex", "male")
    (report,) = _jsonl(result.stdout)
    assert report["name"] == "Prenatal plus D3"


# --- output formats ----------------------------------------------------------------------------------------------


def test_jsonl_is_one_compact_object_per_line_in_input_order(cli: Cli, repo: Path) -> None:
    args = ["regimens/yearly-megadose.yaml", "regimens/d3-alone.yaml", "--text", "100 mcg MK-7", "regimens/child.yaml"]
    result = cli("check", "-f", "jsonl", *args)
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert all(line.startswith('{"schema_version":1,"source":') and ", " not in line[:40] for line in lines)
    # --text inputs follow the paths, whatever the order on the command line
    assert _names(result.stdout) == [
        ("regimens/yearly-megadose.yaml", "Yearly 500,000 IU D3"),
        ("regimens/d3-alone.yaml", "D3 alone"),
        ("regimens/child.yaml", "Child's gummies"),
        ("<text 1>", "100 mcg MK-7"),
    ]
    as_array = cli("check", "-f", "json", *args)
    assert json.loads(as_array.stdout) == _jsonl(result.stdout)
    assert result.exit_code == as_array.exit_code == 1  # the yearly megadose is an error


def test_json_of_no_readable_input_is_still_an_array(cli: Cli) -> None:
    result = cli("check", "-f", "json", "missing.yaml")
    assert result.exit_code == 2
    assert result.stderr == "missing.yaml: no such file; check the path\n"
    (report,) = json.loads(result.stdout)
    assert (report["source"], report["name"]) == ("missing.yaml", "missing")
    assert report["error"] == {
        "message": "no such file; check the path",
        "line": None,
        "column": None,
        "text": "missing.yaml: no such file; check the path",
    }


def test_several_regimens_in_table_format_end_with_a_summary(cli: Cli, repo: Path) -> None:
    _write(repo / "bad.yaml", "items: []\n")
    result = cli(
        "check",
        "regimens/d3-alone.yaml",
        "regimens/warfarin-user.yaml",
        "bad.yaml",
        "--text",
        "5000 IU D3 + 100 mcg MK-7",
        env=WIDE,
    )
    assert result.exit_code == 2
    assert result.stderr == "bad.yaml:1:8: 'items' is empty; list at least one dose\n"
    assert result.stdout.count("Daily totals") == 3
    # Printed once, on stderr: the report only says that this regimen could not be read, and where.
    assert "bad  bad.yaml\nCould not be read (line 1): the error is printed on standard error.\n" in result.stdout
    assert "is empty" not in result.stdout
    assert _summary_rows(result.stdout) == [
        ["D3 alone", "Females 51-70 years", "0", "1", "0", "warning CG101 d-without-k2"],
        ["Bone stack on warfarin", "Males over 70 years", "1", "0", "1", "error CG301 vitamin-k-anticoagulant"],
        ["bad", "-", "0", "0", "0", "input error"],
        ["5000 IU D3 + 100 mcg MK-7", "Adults 19-50 years", "0", "1", "0", "warning CG201 above-ul"],
    ]
    assert result.stdout.index("Summary") > result.stdout.rindex("Daily totals")


def test_one_regimen_has_no_summary_table(cli: Cli, repo: Path) -> None:
    result = cli("check", "regimens/d3-alone.yaml", env=WIDE)
    assert result.exit_code == 0
    assert "Summary" not in result.stdout
    assert result.stdout.startswith("D3 alone  regimens/d3-alone.yaml\nLife stage: Females 51-70 years\n")


def test_summary_flag_prints_only_the_summary(cli: Cli, repo: Path) -> None:
    result = cli("check", "--summary", "regimens/yearly-megadose.yaml", "regimens/k2-liquid.yaml", env=WIDE)
    assert result.exit_code == 1
    assert result.stdout.startswith("Summary")
    assert "Daily totals" not in result.stdout
    assert "Findings" not in result.stdout
    assert _summary_rows(result.stdout) == [
        ["Yearly 500,000 IU D3", "Females over 70 years", "1", "1", "0", "error CG202 vitamin-d-bolus"],
        [
            "D3 + K2 liquid (5000 IU D3, 500 mcg MK-4, 100 mcg MK-7)",
            "Adults 19-50 years",
            "0",
            "1",
            "0",
            "warning CG201 above-ul",
        ],
    ]
    single = cli("check", "--summary", "regimens/d3-alone.yaml", env=WIDE)
    assert _summary_rows(single.stdout) == [
        ["D3 alone", "Females 51-70 years", "0", "1", "0", "warning CG101 d-without-k2"]
    ]


# --- --output ----------------------------------------------------------------------------------------------------


def test_output_file_gets_the_report_and_stdout_nothing(cli: Cli, repo: Path) -> None:
    target = repo / "out" / "report.json"
    target.parent.mkdir()
    target.write_text("an older report that is replaced\n", encoding="utf-8")
    expected = cli("check", "-f", "json", "regimens/d3-alone.yaml", "regimens/child.yaml")
    result = cli("check", "-f", "json", "-o", "out/report.json", "regimens/d3-alone.yaml", "regimens/child.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (expected.exit_code, "", "")
    assert target.read_text(encoding="utf-8") == expected.stdout
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]  # no temp file left behind

    # and again, in another format, over the same file
    table = cli("check", "--output", "out/report.json", "regimens/d3-alone.yaml", env=WIDE)
    assert (table.exit_code, table.stdout) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("D3 alone  regimens/d3-alone.yaml\n")
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_output_file_keeps_input_errors_on_stderr(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", "-f", "jsonl", "-o", "out.jsonl", "gone.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "gone.yaml: no such file; check the path\n"
    (report,) = _jsonl((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert report["error"]["message"] == "no such file; check the path"


def test_output_into_a_missing_folder_is_one_line_and_exit_2(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "r.yaml", "items: [100 mcg MK-7]\n")
    result = cli("check", "-o", "no/such/folder/out.txt", "r.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("calcguide: ")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "no").exists()


# --- --jobs ------------------------------------------------------------------------------------------------------


def test_jobs_give_byte_identical_output_in_input_order(cli: Cli, repo: Path) -> None:
    _write(repo / "regimens" / "zz-bad.yaml", "items: [5000 IU calcium]\n")
    _write(repo / "regimens" / "aa-multi.yaml", MULTI)
    one = cli("check", "-f", "json", "--jobs", "1", "regimens", "regimens/d3-alone.yaml")
    two = cli("check", "-f", "json", "--jobs", "2", "regimens", "regimens/d3-alone.yaml")
    assert one.exit_code == two.exit_code == 2
    assert one.stdout == two.stdout
    assert (
        one.stderr == two.stderr == "regimens/zz-bad.yaml:1:9: IU has no meaning for calcium; give the amount in mg\n"
    )
    sources = [report["source"] for report in json.loads(two.stdout)]
    assert sources[:4] == ["regimens/aa-multi.yaml"] * 4  # one report per document, together
    assert sources[-1] == "regimens/d3-alone.yaml"  # the file named after the folder comes after it
    files = sorted(p.relative_to(repo).as_posix() for p in (repo / "regimens").rglob("*.y*ml"))
    assert list(dict.fromkeys(sources[:-1])) == files
    lines = cli("check", "-f", "jsonl", "-j", "2", "regimens", "regimens/d3-alone.yaml")
    assert [json.loads(line) for line in lines.stdout.splitlines()] == json.loads(one.stdout)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_inputs_checked_in_groups_keep_their_places_and_their_errors(cli: Cli, tmp_path: Path, jobs: str) -> None:
    """A batch is checked a few inputs at a time, stage by stage (``batch.GROUP``): across the groups' edges each
    file keeps its place, a bad file its own error and line, a file of several documents its reports together."""
    count = 2 * GROUP + 3
    bad = {GROUP - 1: "items: [5000 IU calcium]\n", GROUP: "items:\n  - [\n"}  # the last of a group, the first
    for n in range(count):
        text = bad.get(n) or (MULTI if n == GROUP + 1 else f"name: R{n}\nitems: [{1000 + n} IU D3]\n")
        _write(tmp_path / "in" / f"r{n:02d}.yaml", text)
    result = cli("check", "-f", "jsonl", "--jobs", jobs, "in")
    assert result.exit_code == 2
    assert result.stderr == (
        f"in/r{GROUP - 1:02d}.yaml:1:9: IU has no meaning for calcium; give the amount in mg\n"
        f"in/r{GROUP:02d}.yaml:3:1: not valid YAML: did not find expected node content while parsing a flow node; "
        "check the indentation and quoting here\n"
    )
    expected: list[tuple[object, object, bool]] = []
    for n in range(count):
        source = f"in/r{n:02d}.yaml"
        if n == GROUP + 1:
            expected += [(source, name, False) for name in (f"r{n:02d}", "second", f"r{n:02d} #3", f"r{n:02d} #4")]
        else:
            expected.append((source, f"r{n:02d}" if n in bad else f"R{n}", n in bad))
    reports = _jsonl(result.stdout)
    assert [(r["source"], r["name"], r["error"] is not None) for r in reports] == expected
    assert [r["totals"][0]["amount_per_day"] for r in reports[:2]] == [25.0, 25.025]  # 1,000 and 1,001 IU / 40


@pytest.mark.skipif(sys.platform == "win32", reason="select() on pipes is POSIX")
def test_reports_before_stdin_are_out_before_stdin_is_read(tmp_path: Path) -> None:
    """Inputs are checked in groups, but standard input starts a group of its own: the files before it are
    reported while calcguide still waits for someone to type or pipe the regimen."""
    import select
    import subprocess

    _write(tmp_path / "a.yaml", "name: A\nitems: [1000 IU D3]\n")
    command = [sys.executable, "-m", "calcguide", "check", "-f", "jsonl", "--no-config", "a.yaml", "-"]
    with subprocess.Popen(
        command, cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 30)  # stdin is still open: A cannot wait for it
        if not ready:
            process.kill()
        assert ready, "no report before stdin was closed"
        first = process.stdout.readline()
        assert json.loads(first)["name"] == "A"
        rest, errors = process.communicate("name: Typed\nitems: [100 mcg MK-7]\n", timeout=60)
    assert process.returncode == 0, errors
    assert [json.loads(line)["name"] for line in rest.splitlines()] == ["Typed"]


def test_jobs_with_stdin_still_reads_stdin(cli: Cli, repo: Path) -> None:
    result = cli("check", "-f", "jsonl", "-j", "2", "regimens/d3-alone.yaml", "-", input="items: [100 mcg MK-7]\n")
    assert result.exit_code == 0
    assert _names(result.stdout) == [("regimens/d3-alone.yaml", "D3 alone"), ("<stdin>", "stdin")]


def test_negative_jobs_is_refused(cli: Cli) -> None:
    result = cli("check", "--jobs", "-1", "--text", "2000 IU D3")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "calcguide: --jobs must be 0 (all cores) or more\n"


def _jobs_used(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, args: list[str], inputs: int, terminal: bool = False
) -> tuple[int, str]:
    """The process count a check of ``inputs`` one-line regimens hands to the batch runner, and its output."""
    import calcguide.batch as batch_module
    import calcguide.cli as cli_module

    seen: list[int] = []
    real = batch_module.run_rendered

    def recording(items: list[object], options: object, render: object, jobs: int = 1) -> object:
        seen.append(jobs)
        return real(items, options, render, 1)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_module, "run_rendered", recording)
    monkeypatch.setattr(cli_module, "_writes_to_terminal", lambda output: terminal and output is None)
    texts = [arg for n in range(inputs) for arg in ("--text", f"{1000 + n} IU D3")]
    result = cli("check", "-f", "jsonl", *args, *texts)
    assert result.exit_code == 0, result.stderr
    (jobs,) = seen
    return jobs, result.stdout


@pytest.mark.parametrize(
    ("inputs", "args", "terminal", "expected"),
    [
        (300, [], False, 1),  # AUTO_JOBS_INPUTS: at the bound, one process
        (301, [], False, "cores"),  # past it, to a pipe: one worker per core
        (301, [], True, 1),  # to a terminal: one process
        (301, ["--jobs", "1"], False, 1),  # as given
        (301, ["--jobs", "0"], True, "cores"),
        (2, ["--jobs", "3"], True, 3),
    ],
)
def test_jobs_default_to_one_per_core_for_a_large_batch_not_on_a_terminal(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, inputs: int, args: list[str], terminal: bool, expected: object
) -> None:
    import os

    jobs, _ = _jobs_used(cli, monkeypatch, args, inputs, terminal)
    assert jobs == (os.cpu_count() or 1 if expected == "cores" else expected)


def test_a_large_batch_reads_the_same_with_the_default_workers(cli: Cli) -> None:
    texts = [arg for n in range(301) for arg in ("--text", f"{1000 + n} IU D3 + {n + 1} mcg MK-7")]
    one = cli("check", "-f", "jsonl", "--jobs", "1", *texts)
    default = cli("check", "-f", "jsonl", *texts)
    assert (one.exit_code, default.exit_code) == (0, 0)
    assert default.stdout == one.stdout
    assert [json.loads(line)["totals"][0]["amount_per_day"] for line in default.stdout.splitlines()][:3] == [
        25.0,  # 1,000 IU / 40
        25.025,
        25.05,
    ]


# --- rule selection ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ([], [("d-without-k2", "warning"), ("above-ul", "warning"), ("duplicate-source", "info")]),
        (["--select", "d-without-k2"], [("d-without-k2", "warning")]),
        (["--select", "CG101"], [("d-without-k2", "warning")]),
        (
            ["--select", "cg201", "--select", "duplicate-source"],
            [("above-ul", "warning"), ("duplicate-source", "info")],
        ),
        (["--ignore", "CG101"], [("above-ul", "warning"), ("duplicate-source", "info")]),
        (["--ignore", "above-ul", "--ignore", "CG401"], [("d-without-k2", "warning")]),
        (["--select", "CG101", "--select", "CG201", "--ignore", "d-without-k2"], [("above-ul", "warning")]),
    ],
)
def test_select_and_ignore_by_name_and_code(cli: Cli, flags: list[str], expected: list[tuple[str, str]]) -> None:
    result = cli("check", "-f", "jsonl", "--text", "4000 IU D3 + 1000 IU D3", *flags)
    assert result.exit_code == 0
    (report,) = _jsonl(result.stdout)
    assert _findings(report) == expected
    assert report["ignored"] == []


@pytest.mark.parametrize(
    ("flags", "line"),
    [
        (["--select", "x"], UNKNOWN_RULE_X),
        (["--ignore", "x"], UNKNOWN_RULE_X),
        (["--select", "above-uk"], "calcguide: unknown rule 'above-uk'; did you mean 'above-ul'?\n"),
        (["--ignore", "CG1O1"], "calcguide: unknown rule 'CG1O1'; did you mean 'CG101'?\n"),
        (
            ["--select", "d-without-k2", "--select", "CG999"],
            "calcguide: unknown rule 'CG999'; run 'calcguide rules' for the list\n",
        ),
    ],
)
def test_unknown_rule_exits_2_before_checking_anything(cli: Cli, repo: Path, flags: list[str], line: str) -> None:
    result = cli("check", "regimens/d3-alone.yaml", *flags)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", line)


# --- --fail-on ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "worst"),
    [
        ("100 mcg MK-7", None),
        ("400 IU D3", "info"),
        ("2000 IU D3", "warning"),
        ("10000 IU D3", "error"),
    ],
)
@pytest.mark.parametrize("fail_on", ["info", "warning", "error", "never", None])
def test_fail_on_exit_codes(cli: Cli, line: str, worst: str | None, fail_on: str | None) -> None:
    flags = [] if fail_on is None else ["--fail-on", fail_on]
    result = cli("check", "-f", "json", "--text", line, *flags)
    (report,) = json.loads(result.stdout)
    assert (report["findings"][0]["severity"] if report["findings"] else None) == worst
    rank = {None: -1, "info": 0, "warning": 1, "error": 2}
    threshold = {"info": 0, "warning": 1, "error": 2, "never": 99, None: 2}[fail_on]
    assert result.exit_code == (1 if rank[worst] >= threshold else 0)
    assert result.stderr == ""


def test_fail_on_exact_codes_for_the_examples(cli: Cli, repo: Path) -> None:
    d3 = "regimens/d3-alone.yaml"  # worst: warning
    assert [cli("check", d3, "--fail-on", level).exit_code for level in ("info", "warning", "error", "never")] == [
        1,
        1,
        0,
        0,
    ]
    warfarin = "regimens/warfarin-user.yaml"  # worst: error
    assert [
        cli("check", warfarin, "--fail-on", level).exit_code for level in ("info", "warning", "error", "never")
    ] == [
        1,
        1,
        1,
        0,
    ]


def test_input_error_exits_2_whatever_fail_on_says(cli: Cli, repo: Path) -> None:
    _write(repo / "bad.yaml", "items:\n\t- 5000 IU D3\n")
    for level in ("info", "warning", "error", "never"):
        result = cli("check", "-f", "jsonl", "regimens/warfarin-user.yaml", "bad.yaml", "--fail-on", level)
        assert result.exit_code == 2, level
        assert result.stderr == "bad.yaml:2:1: a tab character in the indentation; indent YAML with spaces, not tabs\n"
        assert [o["error"] is None for o in _jsonl(result.stdout)] == [True, False]


def test_unknown_fail_on_level_is_a_usage_error(cli: Cli) -> None:
    result = cli("check", "--text", "2000 IU D3", "--fail-on", "warn")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Invalid value for '--fail-on'" in result.stderr
    assert "'warn' is not one of 'info', 'warning', 'error', 'never'." in result.stderr
