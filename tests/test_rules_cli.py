"""`calcguide rules` and `calcguide explain`: the rule list, its JSON, and each rule's documentation."""

from __future__ import annotations

import json
import re

import pytest
from conftest import Cli

from calcguide.rules import REGISTRY

WIDE = {"COLUMNS": "200"}

RULES = [
    ("CG101", "d-without-k2", "warning"),
    ("CG102", "low-k2-for-d", "info"),
    ("CG201", "above-ul", "warning"),
    ("CG202", "vitamin-d-bolus", "warning"),
    ("CG203", "calcium-single-dose", "info"),
    ("CG204", "calcium-without-d", "info"),
    ("CG301", "vitamin-k-anticoagulant", "error"),
    ("CG302", "thiazide-hypercalcemia", "warning"),
    ("CG303", "mineral-drug-spacing", "warning"),
    ("CG304", "condition-caution", "warning"),
    ("CG305", "drug-nutrient", "warning"),
    ("CG306", "phosphate-binder", "info"),
    ("CG307", "nutrient-pair", "warning"),
    ("CG401", "duplicate-source", "info"),
    ("CG402", "unrecognized-ingredient", "warning"),
]


def test_rules_lists_all_fifteen_in_code_order(cli: Cli) -> None:
    result = cli("rules", env=WIDE)
    assert (result.exit_code, result.stderr) == (0, "")
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    assert re.split(r"\s{2,}", lines[0]) == ["Code", "Name", "Severity", "Checks"]
    rows = [re.split(r"\s{2,}", line) for line in lines[1:]]
    assert [tuple(row[:3]) for row in rows] == RULES
    assert [row[3] for row in rows] == [REGISTRY[name].summary for _, name, _ in RULES]
    assert rows[0][3] == "Vitamin D supplemented with no vitamin K2 (MK-4 or MK-7) in the regimen."


def test_rules_json_matches_the_registry(cli: Cli) -> None:
    result = cli("rules", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    entries = json.loads(result.stdout)
    assert [(e["code"], e["name"], e["severity"]) for e in entries] == RULES
    assert [{k: v for k, v in e.items() if k != "catalogue"} for e in entries] == [
        {"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary}
        for r in sorted(REGISTRY.values(), key=lambda r: r.code)
    ]
    assert entries[2] == {
        "code": "CG201",
        "name": "above-ul",
        "severity": "warning",
        "summary": "A nutrient's daily total is above its life-stage tolerable upper intake level (UL).",
        "catalogue": None,
    }
    assert result.stdout.startswith('[\n  {\n    "code": "CG101",\n')


D_WITHOUT_K2 = """\
CG101 d-without-k2 (default severity: warning)

Vitamin D supplemented with no vitamin K2 (MK-4 or MK-7) in the regimen.

Why:
  Vitamin D raises calcium absorption; vitamin K2 activates osteocalcin, which binds calcium into bone, and matrix \
Gla-protein, which keeps it out of arteries. Taking D at a meaningful dose without K2 is the imbalance calcguide exists \
to point out (the "calcium paradox": bone loss and vascular calcification together). No authority (NASEM, EFSA, \
Endocrine Society) sets a D:K2 requirement: this is a prompt to consider K2, not a deficiency. Below the threshold the \
finding is only info. Vitamin K1 counts toward vitamin K but not as K2, and the message says so.

Applies to:
  From 19 years of age: males, females, pregnancy and lactation; quiet for everyone else. In pregnancy and lactation at most info, adding: No safety data on K2 supplements exist in pregnancy and lactation; ask the clinician before taking one. Why: The K2 trials behind these rules (Knapen 2013, 2015: 180 mcg MK-7 a day) enrolled adults, mostly postmenopausal women; no source supports K2 supplements for infants or children (the vitamin K AI is 2 mcg a day at 0-6 months, 30 mcg at 1-3 years), so for anyone under 19 the rules stay quiet.

Thresholds (override in calcguide.yaml under rules:):
  warning_iu_per_day: 1000

Evidence:
  - Mandatori D et al. The Dual Role of Vitamin K2 in "Bone-Vascular Crosstalk": Opposite Effects on Bone Loss and \
Vascular Calcification. Nutrients 2021;13:1222
    https://doi.org/10.3390/nu13041222
  - Persy V, D'Haese P. Vascular calcification and bone disease: the calcification paradox. Trends Mol Med 2009
    https://pubmed.ncbi.nlm.nih.gov/?term=Persy+D%27Haese+calcification+paradox+2009
  - Knapen MHJ et al. Three-year low-dose menaquinone-7 supplementation helps decrease bone loss in healthy \
postmenopausal women. Osteoporos Int 2013
    https://doi.org/10.1007/s00198-013-2325-6

Examples:
  fires: 5000 IU D3
  quiet: 5000 IU D3 + 100 mcg MK-7
"""


@pytest.mark.parametrize("name", ["d-without-k2", "CG101", "cg101", "D-Without-K2"])
def test_explain_d_without_k2_exactly(cli: Cli, name: str) -> None:
    result = cli("explain", name)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == D_WITHOUT_K2


def test_explain_cg303_key_lines(cli: Cli) -> None:
    result = cli("explain", "CG303")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "CG303 mineral-drug-spacing (default severity: warning)",
        "",
        "Calcium, magnesium, iron, zinc or chromium with a drug they bind in the gut: take them apart.",
        "",
        "Why:",
    ]
    assert lines[5] == (
        "  Polyvalent minerals bind these drugs in the gut and cut their absorption; taken apart, both work. The "
        "interval is each drug's own, from its label where the label gives one (ciprofloxacin 2 hours before or 6 "
        "after, moxifloxacin 4 before or 8 after, levothyroxine 4 hours apart, a bisphosphonate first and alone), "
        "and the longer one where sources differ. Every entry is data in interactions.yaml, with its source."
    )
    assert "Thresholds (override in calcguide.yaml under rules:):" not in lines  # CG303 has none
    assert lines[6:] == [
        "",
        "Applies to:",
        "  Every life stage (infants, children, adults, pregnancy and lactation). Why: A drug interaction: it matters "
        "whoever takes the drug.",
        "",
        "Evidence:",
        "  - NIH ODS, Calcium fact sheet for health professionals",
        "    https://ods.od.nih.gov/factsheets/Calcium-HealthProfessional/",
        "  - NIH ODS, Magnesium fact sheet for health professionals",
        "    https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/",
        "  - CIPRO (ciprofloxacin) US prescribing information, section 2.4 (Bayer; DailyMed)",
        "    https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=888dc7f9-ad9c-4c00-8d50-8ddfd9bd27c0",
        "  - SYNTHROID (levothyroxine) US prescribing information, section 7.1: at least 4 hours apart from calcium "
        "carbonate, ferrous sulfate and binders (DailyMed)",
        "    https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=1e11ad30-1041-4520-10b0-8f9d30d30fcc",
        "",
        "Examples:",
        "  fires: 500 mg calcium (as citrate)  (with medications: levothyroxine)",
        "  quiet: 5000 IU D3  (with medications: levothyroxine)",
    ]


def test_explain_thresholds_of_vitamin_d_bolus(cli: Cli) -> None:
    result = cli("explain", "vitamin-d-bolus")
    lines = result.stdout.splitlines()
    start = lines.index("Thresholds (override in calcguide.yaml under rules:):")
    assert lines[start + 1 : start + 5] == ["  info_iu: 50000", "  warning_iu: 100000", "  error_iu: 300000", ""]
    assert lines[-2:] == ["  fires: 500000 IU D3 yearly", "  quiet: 25000 IU D3 every 2 weeks"]


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_explain_every_rule(cli: Cli, name: str) -> None:
    rule = REGISTRY[name]
    result = cli("explain", rule.code)
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == f"{rule.code} {rule.name} (default severity: {rule.severity.value})"
    assert lines[2] == rule.summary
    assert f"  {rule.rationale}" in lines
    for evidence in rule.evidence:
        assert f"  - {evidence.title}" in lines
        assert f"    {evidence.url}" in lines
        assert evidence.url.startswith("https://")
    for key, value in rule.thresholds.items():
        assert f"  {key}: {value:g}" in lines
    assert any(line.startswith(f"  fires: {rule.fires}") for line in lines)
    assert any(line.startswith(f"  quiet: {rule.quiet}") for line in lines)
    assert result.stdout.endswith("\n")


@pytest.mark.parametrize(
    ("name", "line"),
    [
        (
            "nope",
            "calcguide: 'nope' is not a rule, medication or condition calcguide knows; run 'calcguide rules' for the "
            "rules\n",
        ),
        ("above-ull", "calcguide: unknown rule 'above-ull'; did you mean 'above-ul'?\n"),
        ("d-without-k3", "calcguide: unknown rule 'd-without-k3'; did you mean 'd-without-k2'?\n"),
        (
            "CG999",
            "calcguide: 'CG999' is not a rule, medication or condition calcguide knows; run 'calcguide rules' for "
            "the rules\n",
        ),
        ("CG2011", "calcguide: unknown rule 'CG2011'; did you mean 'CG201'?\n"),
    ],
)
def test_explain_unknown_rule_is_one_line_and_exit_2(cli: Cli, name: str, line: str) -> None:
    result = cli("explain", name)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", line)
