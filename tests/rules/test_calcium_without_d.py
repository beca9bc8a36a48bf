"""CG204 calcium-without-d: calcium supplemented with no vitamin D in the regimen."""

from __future__ import annotations

import pytest
from conftest import check_text, check_yaml

RULE = "calcium-without-d"
TAIL = (
    " mg of calcium a day with no vitamin D in the regimen; vitamin D is needed to absorb calcium (check that sunlight "
    "or food provide it, or add a D3 supplement)."
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("500 mg calcium (as citrate)", ["info"]),
        ("500 mg calcium (as citrate) + 1000 IU D3", []),
        ("500 mg calcium + 400 IU D2", []),
        ("500 mg calcium + 10 mcg vitamin D", []),
        ("500 mg calcium + 50000 IU D3 monthly", []),  # any vitamin D counts, however often
        ("1500 mg calcium carbonate", ["info"]),
        ("500 mg calcium + 100 mcg MK-7", ["info"]),  # K2 is not D
        ("400 mg magnesium", []),  # no calcium
        ("1000 IU D3", []),
    ],
)
def test_cases(line: str, expected: list[str]) -> None:
    assert [f.severity.value for f in check_text(line, select=[RULE]).findings] == expected


def test_exact_message() -> None:
    (finding,) = check_text("500 mg calcium (as citrate)", select=[RULE]).findings
    assert (finding.rule, finding.code, finding.severity.value, finding.nutrient) == (RULE, "CG204", "info", "calcium")
    assert finding.message == "500" + TAIL


def test_message_gives_the_daily_amount() -> None:
    (finding,) = check_text("600 mg calcium twice daily + 1500 mg calcium carbonate", select=[RULE]).findings
    # 2 x 600 + 1,500 x 0.40 = 1,800 mg a day
    assert finding.message == "1,800" + TAIL


def test_calcium_from_the_diet_alone_is_not_supplemented() -> None:
    report = check_yaml("profile: {diet: {calcium: 1000 mg}}\nitems: [100 mcg MK-7]\n", select=[RULE])
    assert report.findings == ()


@pytest.mark.parametrize("vitamin_d", ["40 IU D3", "1 mcg vitamin D"])  # 40 IU / 40 = 1 mcg
def test_one_mcg_of_vitamin_d_is_vitamin_d(vitamin_d: str) -> None:
    assert check_text(f"500 mg calcium + {vitamin_d}", select=[RULE]).findings == ()


def test_one_mg_of_calcium_without_d_fires() -> None:
    (finding,) = check_text("1 mg calcium", select=[RULE]).findings
    assert finding.message == "1" + TAIL
