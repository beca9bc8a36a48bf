"""The rule registry: every rule is declared once, and its documented examples behave as documented."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import check_text

from calcguide.rules import REGISTRY, Rule, rules_by_code
from calcguide.rules.base import Hit, Severity, rule
from calcguide.rules.limits import above_ul
from calcguide.rules.vitamin_k2 import d_without_k2

EXPECTED = {
    "d-without-k2": "CG101",
    "low-k2-for-d": "CG102",
    "above-ul": "CG201",
    "vitamin-d-bolus": "CG202",
    "calcium-single-dose": "CG203",
    "calcium-without-d": "CG204",
    "vitamin-k-anticoagulant": "CG301",
    "thiazide-hypercalcemia": "CG302",
    "mineral-drug-spacing": "CG303",
    "condition-caution": "CG304",
    "drug-nutrient": "CG305",
    "phosphate-binder": "CG306",
    "nutrient-pair": "CG307",
    "duplicate-source": "CG401",
    "unrecognized-ingredient": "CG402",
}
RULES = sorted(REGISTRY.values(), key=lambda r: r.code)


def test_all_fifteen_rules_exist_with_their_codes() -> None:
    assert {name: rule.code for name, rule in REGISTRY.items()} == EXPECTED


def test_codes_are_unique() -> None:
    codes = [rule.code for rule in REGISTRY.values()]
    assert len(codes) == len(set(codes)) == 15


def test_rules_by_code_lists_every_rule_in_code_order() -> None:
    assert [rule.code for rule in rules_by_code()] == sorted(EXPECTED.values())


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_default_severity_is_a_known_level(rule: Rule) -> None:
    assert rule.severity.value in {"info", "warning", "error"}
    assert rule.summary and rule.rationale


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_fires_example_produces_the_rule(rule: Rule) -> None:
    alone = check_text(rule.fires, select=[rule.name], **rule.profile)
    assert alone.findings, f"{rule.name}: its 'fires' example {rule.fires!r} found nothing"
    assert {(f.rule, f.code) for f in alone.findings} == {(rule.name, rule.code)}
    everything = check_text(rule.fires, **rule.profile)
    assert rule.name in {f.rule for f in everything.findings}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_quiet_example_does_not_produce_the_rule(rule: Rule) -> None:
    report = check_text(rule.quiet, **rule.profile)
    assert rule.name not in {f.rule for f in report.findings}
    assert check_text(rule.quiet, select=[rule.name], **rule.profile).findings == ()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
@pytest.mark.parametrize("example", ["fires", "quiet"])
def test_every_finding_cites_evidence_and_has_a_known_severity(rule: Rule, example: str) -> None:
    report = check_text(getattr(rule, example), **rule.profile)
    for finding in report.findings:
        assert finding.severity.value in {"info", "warning", "error"}
        assert len(finding.evidence) >= 1, finding
        for evidence in finding.evidence:
            assert evidence.title.strip()
            assert evidence.url.startswith(("https://", "http://")), evidence.url


def test_summary_counts_match_the_findings() -> None:
    report = check_text("500000 IU D3 yearly + 1000 mg calcium (as citrate)")
    # bolus 500,000 IU -> error; 500,000 / 365.25 = 1,369 IU/day without K2 -> warning;
    # 1,000 mg calcium in one intake -> calcium-single-dose info
    assert report.summary == {"error": 1, "warning": 1, "info": 1}


def _quiet(ctx: object, limits: object) -> Iterator[Hit]:
    yield from ()


@pytest.mark.parametrize(("code", "name"), [("CG999", "d-without-k2"), ("CG101", "not-yet-a-rule")])
def test_a_name_or_a_code_declared_twice_is_refused(code: str, name: str) -> None:
    declare = rule(
        code=code, name=name, severity=Severity.INFO, summary="", rationale="", evidence=(), fires="", quiet=""
    )
    with pytest.raises(ValueError, match=f"rule {code} {name} is declared twice"):
        declare(_quiet)
    assert "not-yet-a-rule" not in REGISTRY and [r.name for r in REGISTRY.values() if r.code == "CG999"] == []


def test_a_declared_rule_is_still_its_plain_function() -> None:
    # The decorator registers the check and hands it back unchanged, so a rule can be called directly.
    assert REGISTRY["d-without-k2"].check is d_without_k2
    assert REGISTRY["above-ul"].check is above_ul
