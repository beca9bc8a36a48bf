"""Doses written as US Supplement Facts panels print them, and the rule that nothing written is dropped unsaid.

Rows name first ("Vitamin D3 (as cholecalciferol) 25 mcg (1,000 IU) 125%"), dual units, folate in mcg DFE with its
folic acid, the % Daily Value column; a known ingredient followed by words calcguide cannot place is an input error
at the item, while a genuinely unknown ingredient stays an unrecognised one. Vitamin D: 40 IU per mcg.
"""

from __future__ import annotations

import contextlib
import time

import pytest
from conftest import Cli, check_text, check_yaml, found, total
from hypothesis import given, settings
from hypothesis import strategies as st

from calcguide import InputError
from calcguide.catalog import catalog
from calcguide.doses import frequency_near, parse_dose
from calcguide.writing import dose_text

Parts = tuple[float, str, str, str | None, tuple[float, str] | None, float | None]


def parts(text: str) -> Parts:
    dose = parse_dose(text)
    return dose.amount, dose.unit, dose.name, dose.form, dose.alternate, dose.folic_acid_mcg


# --------------------------------------------------------------------------------------------------------------
# The grammar of panel rows
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dual units: the first is the amount, the parenthesised one its alternate
        ("50 mcg (2,000 IU) vitamin D3", (50, "mcg", "vitamin D3", None, (2000, "IU"), None)),
        ("125 mcg (5,000 IU) D3", (125, "mcg", "D3", None, (5000, "IU"), None)),
        ("50 mcg vitamin D3 (2,000 IU)", (50, "mcg", "vitamin D3", None, (2000, "IU"), None)),
        ("1,250 mcg (50,000 IU) D2", (1250, "mcg", "D2", None, (50_000, "IU"), None)),
        ("900 mcg RAE (3,000 IU) vitamin A", (900, "mcg RAE", "vitamin A", None, (3000, "IU"), None)),
        # name first, as on the panel
        ("Vitamin D3 25 mcg (1,000 IU)", (25, "mcg", "Vitamin D3", None, (1000, "IU"), None)),
        ("Vitamin D3 (as cholecalciferol) 125 mcg", (125, "mcg", "Vitamin D3", "cholecalciferol", None, None)),
        ("Calcium (as calcium carbonate) 600 mg", (600, "mg", "Calcium", "calcium carbonate", None, None)),
        ("Folate 667 mcg DFE (400 mcg folic acid)", (667, "mcg DFE", "Folate", None, None, 400)),
        ("Vitamin B12 (as methylcobalamin) 500 mcg", (500, "mcg", "Vitamin B12", "methylcobalamin", None, None)),
        ("Vitamin K2 (as MK-7) 100 mcg", (100, "mcg", "Vitamin K2", "MK-7", None, None)),
        ("MK-7 100 mcg", (100, "mcg", "MK-7", None, None, None)),
        ("5-MTHF 1 mg", (1, "mg", "5-MTHF", None, None, None)),  # a name that opens with a digit
        ("Vitamin D3: 25 mcg", (25, "mcg", "Vitamin D3", None, None, None)),
        ("Calcium 600 mg (as calcium carbonate)", (600, "mg", "Calcium", "calcium carbonate", None, None)),
        (
            "Vitamin D3 25 mcg (1,000 IU) (as cholecalciferol)",
            (25, "mcg", "Vitamin D3", "cholecalciferol", (1000, "IU"), None),
        ),
        # folate: DFE, with the folic acid it holds
        ("667 mcg DFE folate (400 mcg folic acid)", (667, "mcg DFE", "folate", None, None, 400)),
        ("680 mcg DFE folate (as 0.4 mg folic acid)", (680, "mcg DFE", "folate", None, None, 400)),
        ("400 mcg folic acid", (400, "mcg", "folic acid", None, None, None)),
        ("1,330 mcg DFE", (1330, "mcg DFE", "folate", None, None, None)),  # a bare DFE row is folate
        ("1,330 mcg DFE (800 mcg folic acid)", (1330, "mcg DFE", "folate", None, None, 800)),
        # the % Daily Value column and its "not established" marks are set aside
        ("Vitamin D3 125 mcg 625%", (125, "mcg", "Vitamin D3", None, None, None)),
        ("Calcium 600 mg 46%", (600, "mg", "Calcium", None, None, None)),
        ("Calcium 600 mg 46% DV", (600, "mg", "Calcium", None, None, None)),
        ("Calcium 600 mg 46 % Daily Value", (600, "mg", "Calcium", None, None, None)),
        ("Copper 0.23 mg <1%", (0.23, "mg", "Copper", None, None, None)),
        ("Vitamin K2 (as MK-7) 100 mcg **", (100, "mcg", "Vitamin K2", "MK-7", None, None)),
        ("Boron 1 mg†", (1, "mg", "Boron", None, None, None)),
        (
            "Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU) 625%*",
            (125, "mcg", "Vitamin D3", "cholecalciferol", (5000, "IU"), None),
        ),
        ("125 mcg D3 625%", (125, "mcg", "D3", None, None, None)),
        ("600 mg calcium (as carbonate) 46%", (600, "mg", "calcium", "carbonate", None, None)),
        ("Folate 667 mcg DFE (400 mcg folic acid) 167%", (667, "mcg DFE", "Folate", None, None, 400)),
    ],
)
def test_panel_row_parts(text: str, expected: Parts) -> None:
    assert parts(text) == expected


@pytest.mark.parametrize(
    ("text", "name", "frequency", "per_day"),
    [
        # the closing frequency is found past parentheses and the %DV (the five-word tail search)
        ("Vitamin D3 25 mcg (1,000 IU) 125% twice daily", "Vitamin D3", "twice daily", 2.0),
        ("Calcium (as calcium citrate) 600 mg 46% DV every other day", "Calcium", "every other day", 0.5),
        ("600 mg calcium 46% twice daily", "calcium", "twice daily", 2.0),
        ("1,250 mcg (50,000 IU) D2 weekly", "D2", "weekly", 1 / 7),
        ("600 mg calcium (as carbonate) 3 times a week", "calcium", "3 times weekly", 3 / 7),
        ("1,330 mcg DFE daily", "folate", "daily", 1.0),
        ("Vitamin D3 1,250 mcg (50,000 IU) every 2 weeks", "Vitamin D3", "every 2 weeks", 1 / 14),
    ],
)
def test_frequency_after_parentheses_and_daily_value(text: str, name: str, frequency: str, per_day: float) -> None:
    dose = parse_dose(text)
    assert dose.name == name
    assert dose.frequency is not None and dose.frequency.text == frequency
    assert dose.frequency.per_day == pytest.approx(per_day, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "100 mcg D3 - 100 mcg MK-7",
            "dose '100 mcg D3 - 100 mcg MK-7' holds a second amount, '100 mcg'; "
            "this item seems to hold two doses; give each its own '- ' line",
        ),
        # a second amount right after the first: the name itself opens with it
        (
            "5000 IU 100 mcg MK-7",
            "dose '5000 IU 100 mcg MK-7' holds a second amount, '100 mcg'; "
            "this item seems to hold two doses; give each its own '- ' line",
        ),
        (
            "Vitamin D3 25 mcg 100 mcg",
            "cannot place '100 mcg' after the amount in 'Vitamin D3 25 mcg 100 mcg'; "
            "this item seems to hold two doses; give each its own '- ' line",
        ),
        (
            "D3 100 mcg MK-7 100 mcg",
            "cannot place 'MK-7 100 mcg' after the amount in 'D3 100 mcg MK-7 100 mcg'; "
            "this item seems to hold two doses; give each its own '- ' line",
        ),
        (
            "Vitamin D3 1000 IU annualy",
            "cannot place 'annualy' after the amount in 'Vitamin D3 1000 IU annualy'; did you mean 'annually'?",
        ),
        (
            "Calcium 600 mg twice a dya",
            "cannot place 'twice a dya' after the amount in 'Calcium 600 mg twice a dya'; did you mean 'twice a day'?",
        ),
        (
            "Calcium 600 mg twice a day with food",
            "cannot place 'twice a day with food' after the amount in 'Calcium 600 mg twice a day with food'; "
            "a frequency ends the dose: remove the words after 'twice a day'",
        ),
        (
            "Calcium 600 mg carbonate",
            "cannot place 'carbonate' after the amount in 'Calcium 600 mg carbonate'; after the amount write only "
            "'(N IU)', '(N mcg folic acid)', a % Daily Value or a frequency",
        ),
        ("Vitamin D3 5000 IUs", "unknown unit 'IUs'; did you mean 'IU'?"),
        (
            "50 mcg (2,000 IU) (2,000 IU) D3",
            "'50 mcg (2,000 IU) (2,000 IU) D3' gives two amounts in parentheses; keep one, e.g. '50 mcg (2,000 IU)'",
        ),
        (
            "400 mcg folate (400 mcg folic acid)",
            "'400 mcg folate (400 mcg folic acid)' gives folic acid, but its amount is in mcg; folate with folic acid"
            " is given in mcg DFE, e.g. '667 mcg DFE folate (400 mcg folic acid)'",
        ),
        (
            "240 mcg DFE folate (400 mcg folic acid)",
            "'240 mcg DFE folate (400 mcg folic acid)' gives more folic acid (400 mcg) than folate (240 mcg DFE); "
            "the mcg DFE figure is the larger one: check the two amounts",
        ),
        (
            "667 mcg DFE folate (400 IU folic acid)",
            "folic acid in IU in '667 mcg DFE folate (400 IU folic acid)'; give folic acid in mcg",
        ),
        ("50 mcg (2,000 XU) D3", "unknown unit 'XU'; use IU, mcg, mg, g, mcg RAE or mg elemental"),
        ("50 mcg (0 IU) D3", "amount must be more than 0 (got 0); remove the item or fix the amount"),
        (
            "Vitamin D3 (as cholecalciferol) 25 mcg (as D3)",
            "cannot place '(as D3)' after the amount in 'Vitamin D3 (as cholecalciferol) 25 mcg (as D3)'; after the "
            "amount write only '(N IU)', '(N mcg folic acid)', a % Daily Value or a frequency",
        ),
        (
            "(2,000 IU) 50 mcg",
            "dose '(2,000 IU) 50 mcg' names no ingredient; write the ingredient before the amount, e.g. "
            "'Vitamin D3 25 mcg'",
        ),
    ],
)
def test_what_a_row_cannot_say_is_an_input_error(text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_dose(text)
    assert raised.value.text == message


# --------------------------------------------------------------------------------------------------------------
# Dual units must agree (up to the label's rounding of either number)
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "nutrient", "per_day"),
    [
        ("50 mcg (2,000 IU) vitamin D3", "vitamin_d", 50.0),  # 2,000 / 40 = 50 exactly
        ("Vitamin D3 25 mcg (1,000 IU)", "vitamin_d", 25.0),
        ("Vitamin D3 10 mcg (400 IU)", "vitamin_d", 10.0),
        ("2,000 IU (50 mcg) D3", "vitamin_d", 50.0),  # IU first: the IU is counted, 2,000 / 40
        # 2 significant digits of 2,000 IU: anything from 1,950 to 2,050 IU prints as 2,000 (or 2,100) IU
        ("50 mcg (2,050 IU) D3", "vitamin_d", 50.0),
        ("50 mcg (1,950 IU) D3", "vitamin_d", 50.0),
        # whole-number rounding: 15 mg natural vitamin E is 15 / 0.67 = 22.39 IU; 23 IU is 23 x 0.67 = 15.41 mg,
        # which prints as 15 mg
        ("Vitamin E 15 mg (22 IU)", "vitamin_e", 15.0),
        ("Vitamin E 15 mg (23 IU)", "vitamin_e", 15.0),
        # synthetic vitamin E: 30 IU x 0.45 = 13.5 mg
        ("Vitamin E (as dl-alpha tocopheryl acetate) 13.5 mg (30 IU)", "vitamin_e", 13.5),
        ("Vitamin A 900 mcg RAE (3,000 IU)", "vitamin_a", 900.0),  # 3,000 x 0.3
        ("Vitamin A (as beta-carotene) 900 mcg (3,000 IU)", "vitamin_a", 900.0),  # supplemental: 3,000 x 0.3
        ("1 g (1,000 mg) calcium", "calcium", 1000.0),
        ("1500 mg (600 mg elemental) calcium carbonate", "calcium", 600.0),  # 1,500 x 0.40 = 600
        ("600 mg elemental (1,500 mg) calcium carbonate", "calcium", 600.0),  # the compound's weight second
        # the edges of 2 significant digits around 1,500 mg of carbonate (600 mg elemental): 620 mg elemental is
        # 620 / 0.40 = 1,550 mg, 580 mg is 1,450 mg, both within 50 mg of 1,500
        ("1500 mg (620 mg elemental) calcium carbonate", "calcium", 600.0),
        ("1500 mg (580 mg elemental) calcium carbonate", "calcium", 600.0),
        ("600 mg elemental (1,550 mg) calcium carbonate", "calcium", 600.0),
        ("600 mg elemental (1,450 mg) calcium carbonate", "calcium", 600.0),
        # whole-number rounding below 10, where 2 significant digits are finer: 100 IU is 2.5 mcg, printed as 3 or 2
        ("100 IU (3 mcg) D3", "vitamin_d", 2.5),
        ("100 IU (2 mcg) D3", "vitamin_d", 2.5),
        # 2 significant digits of 10,000 IU (250 mcg): half a step is 500 IU either way
        ("250 mcg (10,500 IU) D3", "vitamin_d", 250.0),
        ("250 mcg (9,500 IU) D3", "vitamin_d", 250.0),
    ],
)
def test_dual_units_that_agree_count_the_first(line: str, nutrient: str, per_day: float) -> None:
    assert total(check_text(line), nutrient).total_per_day == pytest.approx(per_day, rel=1e-12)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "50 mcg (5,000 IU) D3",  # 5,000 IU is 125 mcg
            "50 mcg and 5,000 IU of vitamin D3 disagree: 50 mcg is 2,000 IU",
        ),
        # just past the rounding of either number: 2,051 IU is 51.275 mcg, which never prints as 50
        ("50 mcg (2,051 IU) D3", "50 mcg and 2,051 IU of vitamin D3 disagree: 50 mcg is 2,000 IU"),
        ("50 mcg (1,949 IU) D3", "50 mcg and 1,949 IU of vitamin D3 disagree: 50 mcg is 2,000 IU"),
        # 24 IU natural vitamin E is 16.08 mg, not 15; 15 mg is 22.39 IU, not 24
        ("Vitamin E 15 mg (24 IU)", "15 mg and 24 IU of vitamin E (form not stated) disagree: 15 mg is 22.3881 IU"),
        # the old retinol conversion (1 IU = 0.3 mcg retinol is 3,000 IU, not 3,333)
        (
            "Vitamin A 900 mcg RAE (3,333 IU)",
            "900 mcg RAE and 3,333 IU of vitamin A (form not stated; counted as preformed) disagree: "
            "900 mcg RAE is 3,000 IU",
        ),
        (
            "1500 mg (1,500 mg elemental) calcium carbonate",
            "1,500 mg and 1,500 mg elemental of calcium carbonate disagree: 1,500 mg is 600 mg elemental",
        ),
        # one past each edge above: 621 mg elemental is 1,552.5 mg of carbonate, 579 mg is 1,447.5 mg; and
        # 1,551 or 1,449 mg of carbonate is 620.4 or 579.6 mg elemental, more than 5 mg from 600
        (
            "1500 mg (621 mg elemental) calcium carbonate",
            "1,500 mg and 621 mg elemental of calcium carbonate disagree: 1,500 mg is 600 mg elemental",
        ),
        (
            "1500 mg (579 mg elemental) calcium carbonate",
            "1,500 mg and 579 mg elemental of calcium carbonate disagree: 1,500 mg is 600 mg elemental",
        ),
        (
            "600 mg elemental (1,551 mg) calcium carbonate",
            "600 mg elemental and 1,551 mg of calcium carbonate disagree: 600 mg elemental is 1,500 mg",
        ),
        (
            "600 mg elemental (1,449 mg) calcium carbonate",
            "600 mg elemental and 1,449 mg of calcium carbonate disagree: 600 mg elemental is 1,500 mg",
        ),
        # 99 IU is 2.475 mcg, more than half a mcg from 3 (and 3 mcg is 120 IU, not 99); 2.9 mcg is within half a mcg
        # of 2.5 but is no whole number, and more than 0.05 from it
        ("99 IU (3 mcg) D3", "99 IU and 3 mcg of vitamin D3 disagree: 99 IU is 2.475 mcg"),
        ("100 IU (2.9 mcg) D3", "100 IU and 2.9 mcg of vitamin D3 disagree: 100 IU is 2.5 mcg"),
        # a hair past half a step: 99.84 IU is 2.496 mcg, 0.504 from 3; 10,501 IU is 501 IU from 10,000 (and
        # 262.525 mcg, more than 5 mcg from 250)
        ("99.84 IU (3 mcg) D3", "99.84 IU and 3 mcg of vitamin D3 disagree: 99.84 IU is 2.496 mcg"),
        ("250 mcg (10,501 IU) D3", "250 mcg and 10,501 IU of vitamin D3 disagree: 250 mcg is 10,000 IU"),
        ("250 mcg (9,499 IU) D3", "250 mcg and 9,499 IU of vitamin D3 disagree: 250 mcg is 10,000 IU"),
    ],
)
def test_dual_units_that_disagree_are_an_input_error_at_the_item(line: str, message: str) -> None:
    document = f"items:\n  - 1000 IU D3\n  - {line}\n"
    with pytest.raises(InputError) as raised:
        check_yaml(document, "label.yaml")
    assert (
        str(raised.value)
        == f"label.yaml:3:5: {message}; check the label, then correct the wrong amount or give only one"
    )


def test_an_alternate_in_a_unit_that_does_not_fit_is_an_input_error() -> None:
    with pytest.raises(InputError) as raised:
        check_text("600 mg (500 IU) calcium")
    assert str(raised.value) == "<text>:1:1: IU has no meaning for calcium; give the amount in mg"


def test_a_long_form_amount_keeps_its_alternate() -> None:
    document = "items:\n  - ingredient: D3\n    amount: 50 mcg (5,000 IU)\n"
    with pytest.raises(InputError) as raised:
        check_yaml(document, "long.yaml")
    assert str(raised.value).startswith("long.yaml:2:5: 50 mcg and 5,000 IU of vitamin D3 disagree")


# --------------------------------------------------------------------------------------------------------------
# Nothing dropped: a known ingredient followed by words calcguide cannot place is an error, not an unknown name
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("500000 IU D3 annualy", "cannot place 'annualy' after D3 in '500000 IU D3 annualy'; did you mean 'annually'?"),
        (
            "100 mcg D3 - 100 mcg MK-7",
            "dose '100 mcg D3 - 100 mcg MK-7' holds a second amount, '100 mcg'; "
            "this item seems to hold two doses; give each its own '- ' line",
        ),
        (
            "600 mg calcium twice a dya",
            "cannot place 'twice a dya' after calcium in '600 mg calcium twice a dya'; did you mean 'twice a day'?",
        ),
        (
            "50000 IU vitamin D3 weakly",
            "cannot place 'weakly' after vitamin D3 in '50000 IU vitamin D3 weakly'; did you mean 'weekly'?",
        ),
        (
            "100 mcg D3 and K2",
            "cannot place 'and K2' after D3 in '100 mcg D3 and K2'; "
            "this item seems to hold two doses; give each its own '- ' line",
        ),
        (
            "100 mcg D3 as cholecalciferol",
            "cannot place 'as cholecalciferol' after D3 in '100 mcg D3 as cholecalciferol'; "
            "write the form in parentheses: 'D3 (as cholecalciferol)'",
        ),
        (
            "600 mg calcium (as carbonate) twice a day with food",
            "cannot place '(as carbonate) twice a day with food' after calcium in "
            "'600 mg calcium (as carbonate) twice a day with food'; a frequency ends the dose: remove the words "
            "after 'twice a day'",
        ),
        (
            "50 mg zinc carnosine",
            "cannot place 'carnosine' after zinc in '50 mg zinc carnosine'; "
            "if it is the form, write 'zinc (as carnosine)' with the amount of zinc itself; otherwise remove it",
        ),
        (
            "1000 mg calcium citrate malate chewable",  # the longest known name is the one named
            "cannot place 'chewable' after calcium citrate malate in '1000 mg calcium citrate malate chewable'; "
            "if it is the form, write 'calcium citrate malate (as chewable)' with the amount of calcium itself; "
            "otherwise remove it",
        ),
    ],
)
def test_words_after_a_known_ingredient_are_an_input_error_at_the_item(line: str, message: str) -> None:
    document = f"name: x\nitems:\n  - 1000 IU D3\n  - product: Tablet\n    ingredients:\n      - {line}\n"
    with pytest.raises(InputError) as raised:
        check_yaml(document, "stack.yaml")
    assert str(raised.value) == f"stack.yaml:6:9: {message}"


def test_two_forms_after_an_amount_first_name_are_an_input_error_not_the_first_form() -> None:
    # only a lone last "(as ...)" is the form: with two, neither is taken, and the row is not counted as carbonate
    with pytest.raises(InputError) as raised:
        check_text("600 mg calcium (as carbonate) (as citrate)")
    assert str(raised.value).startswith(
        "<text>:1:1: cannot place '(as carbonate) (as citrate)' after calcium in "
        "'600 mg calcium (as carbonate) (as citrate)'; "
    )


def test_the_cli_reports_words_it_cannot_place_with_exit_2(cli: Cli) -> None:
    (cli.cwd / "yearly.yaml").write_text("items:\n  - 2000 IU D3\n  - 500000 IU D3 annualy\n")
    result = cli("check", "yearly.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "yearly.yaml:3:5: cannot place 'annualy' after D3 in '500000 IU D3 annualy'; did you mean 'annually'?\n"
    )


@pytest.mark.parametrize(
    ("line", "nutrient", "per_day"),
    [
        # real names that hold a known name followed by more words: the full name wins
        ("1000 IU vitamin A palmitate", "vitamin_a", 300.0),  # retinyl palmitate, 1,000 x 0.3
        ("1000 mg calcium citrate malate", "calcium", 230.0),  # compound weight x 0.23
        ("100 mcg vitamin K2 as MK-7", "vitamin_k", 100.0),
        ("1000 mg magnesium glycinate", "magnesium", 140.0),  # x 0.14
        ("1000 IU vitamin A acetate", "vitamin_a", 300.0),  # retinyl acetate, 1,000 x 0.3
    ],
)
def test_full_names_are_not_read_as_a_shorter_name_and_more_words(line: str, nutrient: str, per_day: float) -> None:
    assert total(check_text(line), nutrient).total_per_day == pytest.approx(per_day, rel=1e-12)


def test_a_genuinely_unknown_ingredient_stays_unrecognised() -> None:
    report = check_text("100 mg ashwagandha root + 2000 IU D3 + 100 mcg MK-7")
    assert [t.nutrient for t in report.totals] == ["vitamin_d", "vitamin_k"]
    assert found(report) == [("unrecognized-ingredient", "warning")]
    (finding,) = report.findings
    assert "ashwagandha root" in finding.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("D3 annualy", ("D3", "vitamin_d3", "annualy")),
        ("vitamin D3 twice a dya", ("vitamin D3", "vitamin_d3", "twice a dya")),
        ("calcium citrate malate chewable", ("calcium citrate malate", "calcium_citrate_malate", "chewable")),
        ("vitamin K2 as MK-7 softgel", ("vitamin K2 as MK-7", "mk7", "softgel")),
        ("ashwagandha root", None),
        ("vitamin D3", None),  # a name known in full has no shorter prefix to report
    ],
)
def test_longest_known_prefix(text: str, expected: tuple[str, str, str] | None) -> None:
    prefix = catalog().ingredient_prefix(text)
    assert (None if prefix is None else (prefix[0], prefix[1].id, prefix[2])) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("annualy", ("annually", True)),
        ("anualy", ("annually", True)),  # two edits in a long word
        ("dayly", ("daily", True)),
        ("weakly", ("weekly", True)),
        ("montly", ("monthly", True)),
        ("twise daily", ("twice daily", True)),
        ("twice a dya", ("twice a day", True)),  # a swap of neighbouring letters is one edit
        ("evry other day", ("every other day", True)),
        ("3 tmes weekly", ("3 times weekly", True)),
        ("twice a day with food", ("twice a day", False)),  # a frequency, but not at the end
        ("root", None),
        ("chewable", None),
        ("with food", None),
        ("dha", None),  # two edits from "day": too far for a three-letter word
        ("", None),
    ],
)
def test_frequency_closeness(words: str, expected: tuple[str, bool] | None) -> None:
    assert frequency_near(words.split()) == expected


# --------------------------------------------------------------------------------------------------------------
# Amount first and name first are one dose
# --------------------------------------------------------------------------------------------------------------

# (name, units it may be given in, forms it may be given as)
_INGREDIENTS = [
    ("Vitamin D3", ("IU", "mcg"), (None, "cholecalciferol")),
    ("D2", ("IU", "mcg"), (None,)),
    ("Vitamin K2", ("mcg",), (None, "MK-7", "MK-4")),
    ("MK-7", ("mcg",), (None,)),
    ("Calcium", ("mg", "g"), (None, "carbonate", "calcium citrate")),
    ("calcium carbonate", ("mg",), (None,)),
    ("Magnesium", ("mg",), (None, "oxide")),
    ("Vitamin A", ("IU", "mcg RAE", "mcg"), (None, "retinyl palmitate", "beta-carotene")),
    ("beta-carotene", ("IU", "mcg"), (None,)),
    ("Vitamin E", ("IU", "mg"), (None, "d-alpha tocopherol", "dl-alpha tocopheryl acetate")),
    ("Zinc", ("mg",), (None,)),
    ("Boron", ("mg",), (None,)),
    ("Phosphorus", ("mg",), (None,)),
]
_FREQUENCIES = [None, "daily", "twice daily", "weekly", "every other day", "3 times weekly", "every 2 weeks", "monthly"]


@st.composite
def _doses(draw: st.DrawFn) -> tuple[str, str]:
    """One dose written amount first and name first: (amount-first text, name-first text)."""
    name, units, forms = draw(st.sampled_from(_INGREDIENTS))
    unit = draw(st.sampled_from(units))
    form = draw(st.sampled_from(forms))
    whole = draw(st.integers(min_value=0, max_value=99_999))
    decimals = draw(st.sampled_from(["", ".5", ".25", ".125"]))
    amount = (f"{whole:,}" if draw(st.booleans()) else str(whole)) + decimals
    if amount in ("0", "0,000"):
        amount = "1"
    quantity = f"{amount} {unit}"
    if name in ("Vitamin D3", "D2") and unit == "mcg" and draw(st.booleans()):  # the IU beside it, exactly
        iu = float(amount.replace(",", "")) * 40
        quantity += f" ({iu:,.3f}".rstrip("0").rstrip(".") + " IU)"
    named = f"{name} (as {form})" if form else name
    frequency = draw(st.sampled_from(_FREQUENCIES))
    tail = f" {frequency}" if frequency else ""
    daily_value = draw(st.sampled_from(["", " 100%", " 46% DV", " **", " †", " <1%"]))
    return f"{quantity} {named}{tail}", f"{named} {quantity}{daily_value}{tail}"


@settings(max_examples=settings.default.max_examples)
@given(_doses())
def test_amount_first_and_name_first_are_the_same_dose(written: tuple[str, str]) -> None:
    amount_first, name_first = written
    a, b = parse_dose(amount_first), parse_dose(name_first)
    assert a[1:] == b[1:]  # every field but the text as written
    report_a, report_b = check_text(amount_first), check_text(name_first)
    assert [(t.nutrient, t.total_per_day, t.ul_amount_per_day) for t in report_a.totals] == [
        (t.nutrient, t.total_per_day, t.ul_amount_per_day) for t in report_b.totals
    ]
    assert found(report_a) == found(report_b)


# names of ingredients that count toward a total (not those recognised only to say they are not assessed)
_COUNTED_NAMES = sorted(name for name in catalog().display_names if catalog().ingredient(name) is not None)


@settings(max_examples=settings.default.max_examples)
@given(st.sampled_from(_COUNTED_NAMES), st.from_regex(r"[a-z][a-z-]{0,9}", fullmatch=True))
def test_a_known_name_with_a_word_after_it_is_never_an_unknown_ingredient(name: str, word: str) -> None:
    # "D3 annualy", "calcium chewable": counted (the words form a known name, or a frequency), or an input error
    try:
        report = check_text(f"100 mg {name} {word}")
    except InputError as exc:
        assert exc.location is not None
        return
    assert "unrecognized-ingredient" not in [rule for rule, _ in found(report)]
    assert report.totals


_ROW_TOKENS = st.sampled_from(
    ["Vitamin", "D3", "Folate", "(as", "cholecalciferol)", "(", ")", "25", "1,000", "0", "mcg", "IU", "DFE", "mg",
     "(400", "folic", "acid)", "125%", "<1%", "**", "†", "DV", "twice", "daily", "-", ":", "µg", "RAE", "e5"]
)  # fmt: skip


@settings(max_examples=settings.default.max_examples)
@given(st.lists(_ROW_TOKENS | st.text(max_size=3), max_size=9).map(" ".join))
def test_panel_like_text_is_a_dose_or_an_input_error(text: str) -> None:
    try:
        dose = parse_dose(text)
    except InputError as exc:
        assert exc.message
        return
    assert dose.amount > 0 and dose.name.strip()
    for other in [dose.alternate[0]] if dose.alternate else []:
        assert 0 < other <= 1e9
    if dose.folic_acid_mcg is not None:
        assert dose.unit == "mcg DFE" and 0 < dose.folic_acid_mcg <= dose.amount


@pytest.mark.parametrize(
    "text",
    [
        "5 mg zinc" + "*" * 200_000,  # the %DV marks
        "5 mg zinc " + "1% " * 50_000,
        "5 mg calcium " + "dya " * 50_000,  # words after a known name: the hint reads only their start
        "5 mg ashwagandha " + "dya " * 50_000,
        "Calcium 5 mg " + "(1 IU) " * 30_000,
        "Vitamin (" + "1 mg " * 50_000,
        "a " * 100_000 + "5 mg",
        "5 mg calcium " + "d" * 200_000,
    ],
    ids=[
        "marks",
        "percents",
        "known-then-words",
        "unknown-then-words",
        "parentheses",
        "open-parenthesis",
        "long-name",
        "long-word",
    ],
)
def test_long_hostile_dose_text_is_read_without_blowing_up(text: str) -> None:
    """A guard against quadratic or exponential pattern matching, not a speed measurement: on 100,000 characters
    that would take minutes, so a bound ten times what an idle machine needs still catches it on a loaded one."""
    started = time.perf_counter()
    with contextlib.suppress(InputError):
        check_text(text)
    assert time.perf_counter() - started < 10.0


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Vitamin D3 (as cholecalciferol) 25 mcg (1,000 IU) 125%", "25 mcg (1000 IU) Vitamin D3 (as cholecalciferol)"),
        ("Folate 667 mcg DFE (400 mcg folic acid) 167%", "667 mcg DFE Folate (400 mcg folic acid)"),
        ("1,330 mcg DFE", "1330 mcg DFE folate"),
    ],
)
def test_a_written_back_label_row_reads_as_the_same_dose(text: str, written: str) -> None:
    # ``calcguide suggest --write`` and label imports write doses back: the alternate and folic acid stay
    assert dose_text(parse_dose(text)) == written
    assert parse_dose(written)[1:] == parse_dose(text)[1:]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        # "(as elemental)" after the compound makes both amounts elemental: 1,500 mg and 600 mg of calcium
        (
            "Calcium carbonate 1,500 mg (as elemental) (600 mg)",
            "1,500 mg and 600 mg of calcium carbonate disagree: '(as elemental)' makes both amounts elemental"
            " calcium; mark only the elemental amount, e.g. '1,500 mg calcium carbonate (600 mg elemental)', or give"
            " only one",
        ),
        # one unit, two amounts: converting one into the other's unit would only repeat it ("600 mg is 600 mg")
        (
            "600 mg (500 mg) calcium",
            "600 mg and 500 mg of calcium disagree: two amounts in the same unit; check the label, then correct the"
            " wrong amount or give only one",
        ),
        # a second form in parentheses: the forms go in one pair
        (
            "Calcium (as carbonate) (as citrate) 600 mg",
            "cannot place '(as carbonate) (as citrate)' after Calcium in 'Calcium (as carbonate) (as citrate) 600 mg';"
            " give the forms in one pair of parentheses: 'Calcium (as carbonate, citrate)'",
        ),
        (
            "600 mg calcium (as carbonate) (from oyster shell)",
            "cannot place '(as carbonate) (from oyster shell)' after calcium in"
            " '600 mg calcium (as carbonate) (from oyster shell)';"
            " give the forms in one pair of parentheses: 'calcium (as carbonate, from oyster shell)'",
        ),
        (
            "Calcium (as carbonate) extra 600 mg",
            "cannot place '(as carbonate) extra' after Calcium in 'Calcium (as carbonate) extra 600 mg';"
            " remove 'extra': the amount comes after 'Calcium (as carbonate)'",
        ),
    ],
)
def test_dual_amounts_in_one_unit_and_second_forms_get_messages_that_read(line: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        check_text(line)
    assert str(raised.value) == f"<text>:1:1: {message}"


def test_the_same_amount_twice_in_one_unit_is_one_amount() -> None:
    assert total(check_text("600 mg (600 mg) calcium"), "calcium").total_per_day == 600.0


def test_the_hinted_spelling_of_two_forms_is_read() -> None:
    assert total(check_text("Calcium (as carbonate, citrate) 600 mg"), "calcium").total_per_day == 600.0
