"""Reading conventions a label user relies on: rounding, vitamin A forms, repeated items."""

from __future__ import annotations

import pytest
from conftest import check_text, found, total

from calcguide.quantities import number


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (12.25, "12.3"),
        (100.5, "101"),
        (0.125, "0.13"),
        (1234.5, "1,235"),
        (62.5, "62.5"),
        (0.0, "0"),
        (5000.0, "5,000"),
    ],
)
def test_amounts_round_half_up_like_a_label(value: float, shown: str) -> None:
    assert number(value) == shown


def test_vitamin_a_as_beta_carotene_in_mcg_is_mcg_rae_as_labels_state_it() -> None:
    # "Vitamin A 900 mcg (as beta-carotene)": the label's amount is already RAE, and beta-carotene has no UL.
    report = check_text("900 mcg vitamin A (as beta-carotene)")
    assert (total(report, "vitamin_a").total_per_day, total(report, "vitamin_a").ul_amount_per_day) == (900.0, 0.0)


def test_beta_carotene_named_itself_is_its_own_weight() -> None:
    # 900 mcg of beta-carotene from a supplement: 2 mcg = 1 mcg RAE, so 450 mcg RAE.
    assert total(check_text("900 mcg beta-carotene"), "vitamin_a").total_per_day == 450.0


def test_the_same_item_listed_twice_counts_twice_and_is_a_duplicate_source() -> None:
    report = check_text("2000 IU D3 + 2000 IU D3 + 100 mcg MK-7")
    assert total(report, "vitamin_d").sources == ("2000 IU D3", "2000 IU D3")
    assert total(report, "vitamin_d").total_per_day == 100.0  # 2 x 2000 IU / 40
    assert ("duplicate-source", "info") in found(report)
