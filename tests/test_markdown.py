"""`check --format markdown`: the exact GitHub Markdown of a report, the summary after several, escaped pipes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REGIMENS, Cli

from calcguide.evaluate import DISCLAIMER


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(REGIMENS, tmp_path / "regimens")
    return tmp_path


# Checked by hand: 2000 IU D3 = 50 mcg (RDA 20 mcg over 70, UL 100 mcg); 180 mcg MK-7 (AI 120 mcg for men, no UL);
# 2 x 315 mg calcium citrate (elemental) = 630 mg in one intake, 31.5 % of the 2,000 mg UL at 51+ (RDA 1,200 mg).
# Rows by concern: D (50 % of its UL), calcium (31.5 %), then K (no UL).
WARFARIN_USER = """\
## Bone stack on warfarin

Source: `regimens/warfarin-user.yaml`

Life stage: **Males over 70 years**

| Nutrient | Per day | Target | UL | % of UL |
|---|---:|---:|---:|---:|
| Vitamin D | 50 mcg (2,000 IU) | 20 mcg RDA | 100 mcg | 50% |
| Calcium | 630 mg | 1,200 mg RDA | 2,000 mg | 31.5% |
| Vitamin K | 180 mcg | 120 mcg AI | not set |  |

| Severity | Code | Rule | Message |
|---|---|---|---|
| **error** | CG301 | `vitamin-k-anticoagulant` | Coumadin is a vitamin K antagonist, and the regimen adds 180 mcg of \
vitamin K a day (180 mcg MenaQ7); vitamin K counteracts it. If 180 mcg MenaQ7 is new, talk to the prescriber before \
starting it: a new vitamin K source will move the INR (MK-7 lowered it at 10-20 mcg a day), and the dose or INR checks \
may need to change. If it is already part of a stable regimen, keep the intake consistent (the same product and dose \
every day) and tell the anticoagulation clinic before changing or stopping it, as the ODS vitamin K fact sheet \
advises. [1][2] |
| **info** | CG203 | `calcium-single-dose` | Calcium citrate: 630 mg of elemental calcium in one intake; absorption is \
highest at 500 mg or less at a time, so split it into smaller doses. [3] |

Evidence:

1. [NIH ODS, Vitamin K fact sheet for health professionals](https://ods.od.nih.gov/factsheets/VitaminK-HealthProfessional/)
2. [Theuwissen E et al. Effect of low-dose supplements of menaquinone-7 (vitamin K2) on the stability of oral \
anticoagulant treatment: dose-response relationship in healthy volunteers. J Thromb Haemost 2013;11:1085-1092]\
(https://doi.org/10.1111/jth.12203)
3. [NIH ODS, Calcium fact sheet for health professionals](https://ods.od.nih.gov/factsheets/Calcium-HealthProfessional/)

_calcguide reports what its rules found; it is not medical advice. Ask a clinician before changing doses._

"""


def test_one_regimen_exactly(cli: Cli, repo: Path) -> None:
    result = cli("check", "--format", "markdown", "regimens/warfarin-user.yaml")
    assert (result.exit_code, result.stderr) == (1, "")  # CG301 is an error
    assert result.stdout == WARFARIN_USER


def test_one_regimen_has_no_summary_but_summary_flag_gives_only_it(cli: Cli, repo: Path) -> None:
    assert "## Summary" not in cli("check", "-f", "markdown", "regimens/d3-alone.yaml").stdout
    result = cli("check", "-f", "markdown", "--summary", "regimens/d3-alone.yaml")
    assert result.stdout == (
        "## Summary\n"
        "\n"
        "| Regimen | Life stage | Errors | Warnings | Info | Worst finding |\n"
        "|---|---|--:|--:|--:|---|\n"
        "| D3 alone | Females 51-70 years | 0 | 1 | 0 | warning CG101 d-without-k2 |\n"
    )


def test_several_regimens_end_with_the_summary_table(cli: Cli, repo: Path) -> None:
    result = cli(
        "check",
        "-f",
        "markdown",
        "regimens/d3-alone.yaml",
        "regimens/child.yaml",
        "missing.yaml",
        "--text",
        "100 mcg MK-7",
    )
    assert result.exit_code == 2
    assert result.stderr == "missing.yaml: no such file; check the path\n"
    out = result.stdout
    assert [line for line in out.splitlines() if line.startswith("## ")] == [
        "## D3 alone",
        "## Child's gummies",
        "## missing",
        "## 100 mcg MK-7",
        "## Summary",
    ]
    # The message is on stderr only; the report says where the error is, not what it is, a second time.
    assert (
        "## missing\n\nSource: `missing.yaml`\n\n**Could not be read**: the error is printed on standard error.\n\n"
        in out
    )
    assert "no such file" not in out
    assert out.endswith(
        f"_{DISCLAIMER}_\n"
        "\n"
        "## Summary\n"
        "\n"
        "| Regimen | Life stage | Errors | Warnings | Info | Worst finding |\n"
        "|---|---|--:|--:|--:|---|\n"
        "| D3 alone | Females 51-70 years | 0 | 1 | 0 | warning CG101 d-without-k2 |\n"
        "| Child's gummies | Children 4-8 years | 0 | 0 | 1 | info CG401 duplicate-source |\n"
        "| missing | - | 0 | 0 | 0 | input error |\n"
        "| 100 mcg MK-7 | Adults 19-50 years | 0 | 0 | 0 | no findings |\n"
    )


def test_pipes_are_escaped_in_names_messages_and_the_summary(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text('name: "A | B"\nitems: [100 mg foo|bar, 100 mcg MK-7]\n', encoding="utf-8")
    result = cli("check", "-f", "markdown", "p.yaml", "--text", "5 mg zinc|copper")
    lines = result.stdout.splitlines()
    assert lines[0] == "## A \\| B"
    assert (
        "| **warning** | CG402 | `unrecognized-ingredient` | 'foo\\|bar' (100 mg foo\\|bar) is not an ingredient "
        "calcguide knows; it is not counted. [1] |"
    ) in lines
    assert "## 5 mg zinc\\|copper" in lines
    assert lines[-2:] == [
        "| A \\| B | Adults 19-50 years | 0 | 1 | 0 | warning CG402 unrecognized-ingredient |",
        "| 5 mg zinc\\|copper | Adults 19-50 years | 0 | 1 | 0 | warning CG402 unrecognized-ingredient |",
    ]
    # every table row still has exactly its columns: no unescaped pipe splits a cell
    for line in lines:
        if line.startswith("| **"):
            assert line.replace("\\|", "").count("|") == 5, line


def test_ul_basis_ignored_rules_and_notes(cli: Cli, repo: Path, tmp_path: Path) -> None:
    result = cli("check", "-f", "markdown", "regimens/multivitamin-plus-d.yaml")
    lines = result.stdout.splitlines()
    assert "| Magnesium | 164 mg | 420 mg RDA | 350 mg (supplemental) | 46.9% |" in lines
    assert "| Vitamin A | 900 mcg RAE | 900 mcg RAE RDA | 3,000 mcg RAE (preformed) | 30% |" in lines
    assert "| Vitamin E | 15 mg | 15 mg RDA | 1,000 mg (supplemental) | 1.5% |" in lines

    (tmp_path / "natto.yaml").write_text(
        "name: Natto eater\nitems: [2000 IU D3]\nignore:\n  - {rule: d-without-k2, reason: K2 from natto | daily}\n"
        "  - CG402\n",
        encoding="utf-8",
    )
    out = cli("check", "-f", "markdown", "natto.yaml").stdout
    assert out == (
        "## Natto eater\n"
        "\n"
        "Source: `natto.yaml`\n"
        "\n"
        "Life stage: **Adults 19-50 years**\n"
        "\n"
        "| Nutrient | Per day | Target | UL | % of UL |\n"
        "|---|---:|---:|---:|---:|\n"
        "| Vitamin D | 50 mcg (2,000 IU) | 15 mcg RDA | 100 mcg | 50% |\n"
        "\n"
        "No findings.\n"
        "\n"
        "Ignored rules:\n"
        "\n"
        "- `d-without-k2`: K2 from natto \\| daily\n"
        "- `unrecognized-ingredient`: (no reason given)\n"
        "\n"
        "Notes:\n"
        "\n"
        "- no profile: an adult 19-50 years, with the stricter of the male and female values\n"
        "\n"
        f"_{DISCLAIMER}_\n"
        "\n"
    )
