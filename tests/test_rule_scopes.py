"""Who each rule is for: every rule declares its life stages, `explain` prints them, and the engine keeps to them.

The K2 rules (d-without-k2, low-k2-for-d) are for adults: the trials behind them enrolled adults, and no source
supports K2 supplements for infants or children. In pregnancy and lactation they are at most info and say that no
safety data on K2 supplements exist there.
"""

from __future__ import annotations

import pytest
from conftest import Cli, check_text, make_profile

import calcguide
from calcguide.lifestages import profile_for
from calcguide.reference import life_stages
from calcguide.rules import REGISTRY, Rule
from calcguide.rules.base import CAPPED, FULL, Scope

RULES = sorted(REGISTRY.values(), key=lambda r: r.code)
STAGES = sorted(life_stages())
ADULT_STAGES = {
    "males-19-30y",
    "males-31-50y",
    "males-51-70y",
    "males-71y+",
    "females-19-30y",
    "females-31-50y",
    "females-51-70y",
    "females-71y+",
    "pregnancy-19-30y",
    "pregnancy-31-50y",
    "lactation-19-30y",
    "lactation-31-50y",
}
PREGNANCY_NOTE = "No safety data on K2 supplements exist in pregnancy; ask the clinician before taking one."
LACTATION_NOTE = "No safety data on K2 supplements exist in lactation; ask the clinician before taking one."


def _fired(rule: Rule, stage_id: str) -> list[calcguide.Finding]:
    profile = profile_for(life_stages()[stage_id], make_profile(**rule.profile))  # type: ignore[arg-type]
    regimen = calcguide.regimen_from_line(rule.fires, profile=profile)
    return [f for f in calcguide.evaluate(regimen).findings if f.rule == rule.name]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_rule_declares_who_it_applies_to(rule: Rule) -> None:
    assert isinstance(rule.applies_to, Scope), f"{rule.name} declares no applies_to"
    assert rule.applies_to.why.strip()
    assert set(rule.applies_to.groups) <= {"infants", "children", "males", "females", "pregnancy", "lactation"}
    assert set(rule.applies_to.info_only) <= set(rule.applies_to.groups)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_explain_prints_the_scope(cli: Cli, rule: Rule) -> None:
    result = cli("explain", rule.name)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = lines.index("Applies to:")
    assert rule.applies_to is not None
    assert lines[start + 1] == f"  {rule.applies_to.text}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_rule_speaks_exactly_where_it_says_it_applies(rule: Rule) -> None:
    """The rule's own 'fires' example, in every one of the 22 life stages: found where in scope, and no more."""
    assert rule.applies_to is not None
    for stage_id in STAGES:
        profile = profile_for(life_stages()[stage_id], make_profile(**rule.profile))  # type: ignore[arg-type]
        reach = rule.applies_to.reach(profile)
        found = _fired(rule, stage_id)
        assert bool(found) == (reach is not None), (rule.name, stage_id)
        if reach == CAPPED:
            assert {f.severity.value for f in found} == {"info"}, (rule.name, stage_id)


@pytest.mark.parametrize("name", ["d-without-k2", "low-k2-for-d"])
def test_k2_rules_fire_for_adults_only(name: str) -> None:
    rule = REGISTRY[name]
    assert {stage for stage in STAGES if _fired(rule, stage)} == ADULT_STAGES


EVERY_STAGE_RULES = [
    "above-ul",
    "vitamin-d-bolus",
    "calcium-single-dose",
    "calcium-without-d",
    "vitamin-k-anticoagulant",
    "thiazide-hypercalcemia",
    "mineral-drug-spacing",
    "condition-caution",
    "drug-nutrient",
    "duplicate-source",
    "unrecognized-ingredient",
]


@pytest.mark.parametrize("name", EVERY_STAGE_RULES)
def test_every_other_rule_applies_at_every_life_stage(name: str) -> None:
    scope = REGISTRY[name].applies_to
    assert scope is not None
    assert scope.text.startswith("Every life stage (infants, children, adults, pregnancy and lactation). Why: ")
    assert all(scope.reach(profile_for(stage, calcguide.Profile())) == FULL for stage in life_stages().values())


def d_findings(line: str, **profile: object) -> list[tuple[str, str]]:
    return [(f.severity.value, f.message) for f in check_text(line, select=["d-without-k2"], **profile).findings]


WHY = (
    "Vitamin D at 5,000 IU (125 mcg) a day with no vitamin K2 (MK-4 or MK-7): vitamin K2 activates osteocalcin, "
    "which binds calcium into bone, and matrix Gla-protein, which keeps it out of arteries. No official D:K2 "
    "requirement exists"
)


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ({"age": 4 / 12}, []),  # 4 months: the K AI is 2 mcg a day; nothing supports K2
        ({"age": 5}, []),
        ({"age": 18.99, "sex": "female"}, []),  # just below 19
        ({"age": 19, "sex": "female"}, [("warning", f"{WHY}; consider adding 90-180 mcg MK-7 a day.")]),
        ({"age": 19.01, "sex": "male"}, [("warning", f"{WHY}; consider adding 90-180 mcg MK-7 a day.")]),
        ({}, [("warning", f"{WHY}; consider adding 90-180 mcg MK-7 a day.")]),  # no age: an adult
        ({"age": 18, "pregnant": True}, []),  # a pregnant 18-year-old is under 19
        ({"age": 19, "pregnant": True}, [("info", f"{WHY}. {PREGNANCY_NOTE}")]),
        ({"pregnant": True}, [("info", f"{WHY}. {PREGNANCY_NOTE}")]),  # no age: pregnancy 19-50
        ({"age": 33, "lactating": True}, [("info", f"{WHY}. {LACTATION_NOTE}")]),
    ],
)
def test_d_without_k2_by_age_and_state(profile: dict[str, object], expected: list[tuple[str, str]]) -> None:
    assert d_findings("5000 IU D3", **profile) == expected


def test_low_k2_for_d_in_pregnancy_is_info_with_the_note() -> None:
    (finding,) = check_text("20000 IU D3 + 100 mcg MK-7", select=["low-k2-for-d"], age=25, pregnant=True).findings
    assert finding.severity.value == "info"
    assert finding.message == (
        "Heuristic: 100 mcg of vitamin K2 a day next to 20,000 IU of vitamin D is below 10 mcg per 1,000 IU "
        f"(200 mcg), the lowest ratio commonly claimed; no official D:K2 ratio exists. {PREGNANCY_NOTE}"
    )
    assert check_text("20000 IU D3 + 100 mcg MK-7", select=["low-k2-for-d"], age=12).findings == ()


def test_a_severity_override_does_not_lift_the_cap_in_pregnancy() -> None:
    regimen = calcguide.regimen_from_line("5000 IU D3", profile=calcguide.Profile(age_years=30, pregnant=True))
    report = calcguide.evaluate(regimen, select=["d-without-k2"], severities={"d-without-k2": calcguide.Severity.ERROR})
    assert [f.severity.value for f in report.findings] == ["info"]
    adult = calcguide.evaluate(
        regimen._replace(profile=calcguide.Profile(age_years=30)),
        select=["d-without-k2"],
        severities={"d-without-k2": calcguide.Severity.ERROR},
    )
    assert [f.severity.value for f in adult.findings] == ["error"]


def test_explain_d_without_k2_states_the_adult_scope(cli: Cli) -> None:
    lines = cli("explain", "CG101").stdout.splitlines()
    start = lines.index("Applies to:")
    assert lines[start + 1] == (
        "  From 19 years of age: males, females, pregnancy and lactation; quiet for everyone else. In pregnancy and "
        "lactation at most info, adding: No safety data on K2 supplements exist in pregnancy and lactation; ask the "
        "clinician before taking one. Why: The K2 trials behind these rules (Knapen 2013, 2015: 180 mcg MK-7 a day) "
        "enrolled adults, mostly postmenopausal women; no source supports K2 supplements for infants or children "
        "(the vitamin K AI is 2 mcg a day at 0-6 months, 30 mcg at 1-3 years), so for anyone under 19 the rules "
        "stay quiet."
    )


# A scope for children only, as a future rule might declare: the group edges are those of the DRI tables
# (infants below 12 completed months, children from 12 up to 108 months, 9 years).
CHILDREN_ONLY = Scope("why", groups=("children",))


@pytest.mark.parametrize(
    ("age", "reach"),
    [(11 / 12, None), (1, FULL), (8.99, FULL), (107 / 12, FULL), (9, None), (None, None)],
)
def test_a_children_only_scope_at_the_group_edges(age: float | None, reach: str | None) -> None:
    assert CHILDREN_ONLY.reach(make_profile(age=age, sex="female")) == reach


def test_an_infants_only_scope_ends_at_12_months() -> None:
    infants = Scope("why", groups=("infants",))
    assert [infants.reach(make_profile(age=months / 12)) for months in (0, 11, 12)] == [FULL, FULL, None]


@pytest.mark.parametrize(
    ("scope", "text"),
    [
        (Scope("why"), "Every life stage (infants, children, adults, pregnancy and lactation). Why: why"),
        (CHILDREN_ONLY, "Only children; quiet for everyone else. Why: why"),
        (Scope("why", groups=("males", "females")), "Only males and females; quiet for everyone else. Why: why"),
        (
            Scope("why", min_age_years=19),
            "From 19 years of age: infants, children, males, females, pregnancy and lactation; quiet for everyone "
            "else. Why: why",
        ),
        (
            Scope("why", info_only=("pregnancy",), info_only_note="Ask in {group}."),
            "Only infants, children, males, females, pregnancy and lactation; quiet for everyone else. In pregnancy "
            "at most info, adding: Ask in pregnancy. Why: why",
        ),
    ],
)
def test_scope_text(scope: Scope, text: str) -> None:
    assert scope.text == text
