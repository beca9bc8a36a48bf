"""CG307 nutrient-pair: iron and calcium as separate items, zinc without copper, beta-carotene for a smoker."""

from __future__ import annotations

import pytest
from conftest import check_text, check_yaml

from calcguide.interaction_catalog import nutrient_pairs

RULE = "nutrient-pair"
PAIRS = {pair.id: pair for pair in nutrient_pairs()}
ZINC = f"{PAIRS['zinc-copper'].why} {PAIRS['zinc-copper'].advice}"
BETA = f"{PAIRS['beta-carotene-smokers'].why} {PAIRS['beta-carotene-smokers'].advice}"
IRON = f"{PAIRS['iron-calcium'].why} {PAIRS['iron-calcium'].advice}"


def _found(report: object) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity.value, f.message) for f in report.findings]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("line", "fires"), [("39.9 mg zinc", False), ("40 mg zinc", True), ("40.1 mg zinc", True)])
def test_zinc_threshold(line: str, fires: bool) -> None:
    assert bool(check_text(line, select=[RULE]).findings) is fires


def test_zinc_without_copper_exact() -> None:
    # 50 mg zinc / 40 mg per mg copper = 1.25 mg copper
    assert _found(check_text("50 mg zinc", select=[RULE])) == [
        ("CG307", "warning", f"50 mg of zinc a day with no copper, less than 1 mg of copper per 40 mg of zinc "
         f"(1.25 mg). {ZINC}")
    ]  # fmt: skip


def test_zinc_ratio_can_be_overridden_to_the_stricter_15_mg() -> None:
    report = check_text("45 mg zinc", select=[RULE], thresholds={RULE: {"zinc_copper_zinc_mg_per_mg_copper": 15}})
    (finding,) = report.findings
    assert finding.message.startswith(
        "45 mg of zinc a day with no copper, less than 1 mg of copper per 15 mg of zinc (3 mg)."
    )


@pytest.mark.parametrize(
    ("line", "fires"),
    [
        ("19.9 mg beta carotene", False),
        ("20 mg beta carotene", True),
        ("20000 mcg beta carotene", True),
        ("33333 IU beta carotene", False),  # 33,333 x 0.6 mcg = 19.9998 mg
        ("33334 IU beta carotene", True),  # 20.0004 mg
        ("20 mg retinyl palmitate", False),  # preformed vitamin A, not beta-carotene
    ],
)
def test_beta_carotene_threshold_for_a_smoker(line: str, fires: bool) -> None:
    assert bool(check_text(line, select=[RULE], conditions=["current smoker"]).findings) is fires


def test_beta_carotene_needs_a_smoker() -> None:
    assert check_text("30 mg beta carotene", select=[RULE]).findings == ()
    report = check_yaml("name: s\nprofile:\n  smoker: true\nitems:\n  - 30 mg beta carotene\n", select=[RULE])
    assert _found(report) == [
        ("CG307", "warning", f"30 mg of supplemental beta-carotene a day, and the profile says smoker. {BETA}")
    ]
    report = check_text("50000 IU beta carotene", select=[RULE], conditions=["former asbestos worker"])
    # 50,000 IU x 0.6 mcg = 30 mg
    assert _found(report) == [
        (
            "CG307",
            "warning",
            f"30 mg of supplemental beta-carotene a day, and the conditions name former asbestos worker. {BETA}",
        )
    ]


# Need the reference data's new nutrients (iron, copper):
def test_iron_and_calcium_as_separate_items() -> None:
    report = check_text("65 mg iron + 300 mg calcium (as citrate)", select=[RULE])
    assert _found(report) == [
        ("CG307", "info", f"65 mg iron and 300 mg calcium (as citrate) (300 mg of calcium in one intake) are separate "
         f"items. {IRON}")
    ]  # fmt: skip
    assert check_text("65 mg iron + 299 mg calcium (as citrate)", select=[RULE]).findings == ()


def test_iron_and_calcium_inside_one_multivitamin_say_nothing() -> None:
    report = check_yaml(
        "name: m\nitems:\n  - product: Multi\n    ingredients: [18 mg iron, 500 mg calcium]\n", select=[RULE]
    )
    assert report.findings == ()


def test_zinc_with_enough_copper_is_quiet() -> None:
    assert check_text("80 mg zinc + 2 mg copper", select=[RULE]).findings == ()  # AREDS
    (finding,) = check_text("80 mg zinc + 1.9 mg copper", select=[RULE]).findings
    assert finding.message.startswith("80 mg of zinc a day with only 1,900 mcg of copper, less than 1 mg of copper")
