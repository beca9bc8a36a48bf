"""Item keys that say how a dose is taken (prescribed, new, purpose, the serving's count word) and the smoker flag."""

from __future__ import annotations

import pytest

import calcguide
from calcguide.errors import InputError


def _one(text: str) -> calcguide.Regimen:
    (regimen,) = calcguide.load_regimens(text, "r.yaml")
    return regimen


def _error(text: str) -> str:
    with pytest.raises(InputError) as caught:
        calcguide.load_regimens(text, "r.yaml")
    return str(caught.value)


def test_servings_with_the_labels_count_word() -> None:
    regimen = _one("items:\n  - product: Fish oil\n    servings: 2 softgels\n    ingredients: [1000 IU D3]\n")
    item = regimen.items[0]
    assert (item.servings, item.serving_unit) == (2.0, "softgels")
    assert calcguide.evaluate(regimen).totals[0].amount_per_day == 50.0  # 2 x 1000 IU = 2000 IU = 50 mcg


@pytest.mark.parametrize(
    ("written", "count", "word"), [("1 drop", 1.0, "drop"), ("1.5 tsp", 1.5, "tsp"), ("4", 4.0, None)]
)
def test_servings_forms(written: str, count: float, word: str | None) -> None:
    item = _one(f"items:\n  - dose: 400 IU D3\n    servings: {written}\n").items[0]
    assert (item.servings, item.serving_unit) == (count, word)


def test_servings_word_without_a_number_is_an_error() -> None:
    assert (
        _error("items:\n  - dose: 400 IU D3\n    servings: softgels\n")
        == "r.yaml:3:15: servings 'softgels' is not a number; write digits, e.g. 5000 or 2.5"
    )


def test_prescribed_new_and_purpose_are_kept_on_every_item_form() -> None:
    regimen = _one(
        "items:\n"
        "  - dose: 50000 IU D2 weekly\n    prescribed: true\n"
        "  - ingredient: MK-7\n    amount: 100 mcg\n    new: true\n"
        "  - product: PhosLo\n    purpose: ' phosphate   binder '\n    ingredients: [667 mg calcium acetate]\n"
        "  - 600 mg calcium\n"
    )
    flags = [(i.prescribed, i.new, i.purpose) for i in regimen.items]
    assert flags == [(True, None, None), (None, True, None), (None, None, "phosphate binder"), (None, None, None)]


def test_prescribed_must_be_true_or_false() -> None:
    assert (
        _error("items:\n  - dose: 400 IU D3\n    prescribed: maybe\n")
        == "r.yaml:3:17: prescribed must be true or false, not 'maybe'; write 'prescribed: true'"
    )


def test_smoker_in_the_profile() -> None:
    assert _one("profile: {smoker: true}\nitems: [400 IU D3]\n").profile.smoker is True
    assert _one("items: [400 IU D3]\n").profile.smoker is False
