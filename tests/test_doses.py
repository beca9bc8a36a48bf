"""The dose grammar, units and conversions, salts, frequencies, and properties of the parser."""

from __future__ import annotations

import math

import pytest
from conftest import check_text, total
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import calcguide
from calcguide import InputError
from calcguide.doses import DoseText, parse_dose, parse_frequency, placement_hint, require_frequency

# --------------------------------------------------------------------------------------------------------------
# Grammar
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "unit", "name", "form"),
    [
        ("5000 IU D3", 5000, "IU", "D3", None),
        ("50,000 IU D2", 50_000, "IU", "D2", None),
        ("1,250,000 IU D3", 1_250_000, "IU", "D3", None),
        ("2.5 mg boron", 2.5, "mg", "boron", None),
        (".5 mg boron", 0.5, "mg", "boron", None),
        ("5000IU D3", 5000, "IU", "D3", None),
        ("  100   mcg   MK-7  ", 100, "mcg", "MK-7", None),
        ("600 mg calcium (as carbonate)", 600, "mg", "calcium", "carbonate"),
        ("600 mg calcium (carbonate)", 600, "mg", "calcium", "carbonate"),
        ("600 mg calcium ( as  calcium citrate )", 600, "mg", "calcium", "calcium citrate"),
        ("900 mcg RAE vitamin A (as retinyl palmitate)", 900, "mcg RAE", "vitamin A", "retinyl palmitate"),
        ("500 mg elemental calcium", 500, "mg elemental", "calcium", None),
        ("100 mcg vitamin K2 MK-7", 100, "mcg", "vitamin K2 MK-7", None),
    ],
)
def test_dose_parts(text: str, amount: float, unit: str, name: str, form: str | None) -> None:
    dose = parse_dose(text)
    assert (dose.amount, dose.unit, dose.name, dose.form, dose.frequency) == (amount, unit, name, form, None)
    assert dose.text == " ".join(text.split())


def test_dose_with_frequency_and_form() -> None:
    dose = parse_dose("600 mg calcium (as carbonate) twice daily")
    assert (dose.amount, dose.unit, dose.name, dose.form) == (600, "mg", "calcium", "carbonate")
    assert dose.frequency is not None
    assert (dose.frequency.text, dose.frequency.intakes, dose.frequency.period_days) == ("twice daily", 2, 1.0)


@pytest.mark.parametrize(
    ("written", "unit"),
    [
        ("IU", "IU"),
        ("iu", "IU"),
        ("I.U.", "IU"),
        ("mcg", "mcg"),
        ("MCG", "mcg"),
        ("µg", "mcg"),
        ("ug", "mcg"),
        ("microgram", "mcg"),
        ("micrograms", "mcg"),
        ("mcg RAE", "mcg RAE"),
        ("µg RAE", "mcg RAE"),
        ("ug rae", "mcg RAE"),
        ("mg", "mg"),
        ("milligram", "mg"),
        ("milligrams", "mg"),
        ("mg elemental", "mg elemental"),
        ("g", "g"),
        ("gram", "g"),
        ("grams", "g"),
    ],
)
def test_every_unit_spelling(written: str, unit: str) -> None:
    assert parse_dose(f"10 {written} zinc").unit == unit


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty dose; write an amount, a unit and an ingredient, e.g. '5000 IU D3'"),
        ("   ", "empty dose; write an amount, a unit and an ingredient, e.g. '5000 IU D3'"),
        ("IU D3", "dose 'IU D3' does not start with an amount; write e.g. '5000 IU D3' or '100 mcg MK-7'"),
        ("-5 mg zinc", "dose '-5 mg zinc' has a negative amount; amounts must be more than 0"),
        ("5000", "dose '5000' has no unit after the amount; write e.g. '5000 IU D3' or '100 mcg MK-7'"),
        ("0 IU D3", "amount must be more than 0 (got 0); remove the item or fix the amount"),
        ("2,000,000,000 IU D3", "amount 2e+09 is implausibly large; check the amount and its unit"),
        ("5000 XU D3", "unknown unit 'XU'; use IU, mcg, mg, g, mcg RAE or mg elemental"),
        ("5000 IUs D3", "unknown unit 'IUs'; did you mean 'IU'?"),
        ("5000 IU", "dose '5000 IU' names no ingredient; write the ingredient after the unit, e.g. '5000 IU D3'"),
        (
            "5000 IU (as carbonate)",
            "dose '5000 IU (as carbonate)' names no ingredient; write the ingredient after the unit, e.g. '5000 IU D3'",
        ),
        (
            "5000 IU D3 every 0 days",
            "frequency 'every 0 days' has no meaning; say how many days apart, e.g. 'every 2 days'",
        ),
        (
            "5000 IU D3 0 times daily",
            "frequency '0 times daily' has no meaning; give a count from 1 to 100, e.g. 'twice daily'",
        ),
        (
            "5000 IU D3 101 times daily",
            "frequency '101 times daily' has no meaning; give a count from 1 to 100, e.g. 'twice daily'",
        ),
        (
            "5000 IU D3 every 4000 days",
            "frequency 'every 4000 days' has no meaning; say how many days apart, e.g. 'every 2 days'",
        ),
    ],
)
def test_bad_doses_are_input_errors_with_a_hint(text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_dose(text)
    assert raised.value.text == message


def test_a_frequency_that_is_not_a_number_is_not_a_crash() -> None:
    # "every . days" once raised ValueError from float("."); it is simply not a frequency phrase
    assert parse_frequency("every . days") is None
    assert parse_frequency("every 1.2.3 days") is None


def test_unknown_frequency_lists_the_forms() -> None:
    with pytest.raises(InputError) as raised:
        require_frequency("fortnightly", None)
    assert raised.value.text == (
        "unknown frequency 'fortnightly'; use daily, twice daily, N times daily, every other day, every N days, "
        "weekly, N times weekly, monthly or yearly"
    )


def test_a_plus_splits_a_line_into_items() -> None:
    regimen = calcguide.regimen_from_line("5000 IU D3 + 100 mcg MK-7 + 600 mg calcium (as citrate) twice daily")
    assert [item.label for item in regimen.items] == [
        "5000 IU D3",
        "100 mcg MK-7",
        "600 mg calcium (as citrate) twice daily",
    ]
    assert [item.frequency.per_day for item in regimen.items] == [1, 1, 2]


# --------------------------------------------------------------------------------------------------------------
# Units and IU conversions, seen as the per-day totals a user reads
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "nutrient", "per_day", "ul_amount"),
    [
        # vitamin D: 40 IU per mcg
        ("40 IU D3", "vitamin_d", 1.0, 1.0),  # 40 / 40
        ("5000 IU cholecalciferol", "vitamin_d", 125.0, 125.0),  # 5000 / 40
        ("1000 IU ergocalciferol", "vitamin_d", 25.0, 25.0),  # 1000 / 40
        ("125 mcg D3", "vitamin_d", 125.0, 125.0),
        ("125 µg D3", "vitamin_d", 125.0, 125.0),
        ("125 ug D3", "vitamin_d", 125.0, 125.0),
        ("1 mg D3", "vitamin_d", 1000.0, 1000.0),  # 1 mg = 1,000 mcg
        # vitamin A: retinol 0.3 mcg RAE per IU, counts toward the UL
        ("10000 IU retinol", "vitamin_a", 3000.0, 3000.0),  # 10,000 x 0.3
        ("5000 IU vitamin A (as retinyl palmitate)", "vitamin_a", 1500.0, 1500.0),  # 5,000 x 0.3
        ("5000 IU vitamin A", "vitamin_a", 1500.0, 1500.0),  # form not stated: preformed, 5,000 x 0.3
        # supplemental beta-carotene: 0.3 mcg RAE per IU, no UL
        ("10000 IU beta-carotene", "vitamin_a", 3000.0, 0.0),  # 10,000 x 0.3
        ("5000 IU vitamin A (as beta-carotene)", "vitamin_a", 1500.0, 0.0),  # 5,000 x 0.3
        # beta-carotene by mass: 2 mcg = 1 mcg RAE
        ("6000 mcg beta-carotene", "vitamin_a", 3000.0, 0.0),  # 6,000 x 0.5
        ("3 mg beta carotene", "vitamin_a", 1500.0, 0.0),  # 3,000 mcg x 0.5
        # mcg RAE taken as stated; mcg of preformed vitamin A read as mcg RAE
        ("900 mcg RAE vitamin A", "vitamin_a", 900.0, 900.0),
        ("900 mcg retinol", "vitamin_a", 900.0, 900.0),
        # vitamin E: natural 0.67 mg per IU, synthetic 0.45 mg per IU, unstated read as natural
        ("400 IU d-alpha tocopherol", "vitamin_e", 268.0, 268.0),  # 400 x 0.67
        ("400 IU natural vitamin E", "vitamin_e", 268.0, 268.0),  # 400 x 0.67
        # vitamin E: target 0.45 mg/IU synthetic, 0.67 natural; toward the UL synthetic 0.90909 (1,000 / 1,100)
        ("400 IU dl-alpha tocopherol", "vitamin_e", 180.0, 363.636),  # 400 x 0.45; 400 x 0.90909
        ("400 IU vitamin E (as dl-alpha tocopheryl acetate)", "vitamin_e", 180.0, 363.636),
        ("400 IU vitamin E", "vitamin_e", 268.0, 363.636),  # form not stated: 400 x 0.67; UL side 400 x 0.90909
        ("400 IU d-alpha tocopherol", "vitamin_e", 268.0, 268.0),  # natural: 0.67 on both sides
        ("15 mg vitamin E", "vitamin_e", 15.0, 15.0),
        # minerals by mass
        ("1 g calcium", "calcium", 1000.0, 1000.0),
        ("500000 mcg calcium", "calcium", 500.0, 500.0),
        ("11 mg zinc", "zinc", 11.0, 11.0),
        ("3 mg boron", "boron", 3.0, 3.0),
    ],
)
def test_conversion(line: str, nutrient: str, per_day: float, ul_amount: float) -> None:
    result = total(check_text(line), nutrient)
    assert result.total_per_day == pytest.approx(per_day, rel=1e-12)
    assert result.ul_amount_per_day == pytest.approx(ul_amount, rel=1e-12, abs=1e-12)


def test_mcg_amounts_are_not_inflated_by_rounding_at_the_ul() -> None:
    # 2,800 mcg of retinol is exactly the 14-18 UL; a 0.001 * 1000 round trip once made it 2800.0000000000005,
    # so a regimen AT the UL was reported above it
    result = total(check_text("2800 mcg retinol", age=15, sex="female"), "vitamin_a")
    assert result.total_per_day == 2800
    assert check_text("2800 mcg retinol", age=15, sex="female", select=["above-ul"]).findings == ()


def test_vitamin_d_iu_and_mcg_of_the_same_amount_agree() -> None:
    assert (
        total(check_text("4000 IU D3"), "vitamin_d").total_per_day
        == total(check_text("100 mcg D3"), "vitamin_d").total_per_day
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("500 IU calcium", "<text>:1:1: IU has no meaning for calcium; give the amount in mg"),
        ("100 IU magnesium", "<text>:1:1: IU has no meaning for magnesium; give the amount in mg"),
        ("10 IU zinc", "<text>:1:1: IU has no meaning for zinc; give the amount in mg"),
        (
            "500 IU calcium carbonate",
            "<text>:1:1: IU has no meaning for calcium carbonate; give the compound's weight in mg",
        ),
        ("100 IU MK-7", "<text>:1:1: IU has no meaning for vitamin K2 MK-7; give the amount in mcg"),
        ("100 mcg RAE D3", "<text>:1:1: mcg RAE is a unit of vitamin A, not of vitamin D3; use mcg"),
        ("5 mg elemental D3", "<text>:1:1: 'mg elemental' is for minerals, not vitamin D3; use mg"),
        (
            "500 mcg RAE calcium carbonate",
            "<text>:1:1: mcg RAE has no meaning for calcium carbonate; give the compound's weight in mg",
        ),
    ],
)
def test_a_unit_that_does_not_fit_the_nutrient_is_an_input_error(line: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        check_text(line)
    assert str(raised.value) == message


# --------------------------------------------------------------------------------------------------------------
# Salts: compound weight x elemental fraction, vs the US label convention "(as carbonate)", vs "mg elemental"
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "nutrient", "mg"),
    [
        ("1500 mg calcium carbonate", "calcium", 600.0),  # compound weight x 0.40
        ("1 g calcium citrate", "calcium", 210.0),  # 1,000 mg x 0.21
        ("1000 mg calcium gluconate", "calcium", 90.0),  # x 0.09
        ("1000 mg calcium lactate", "calcium", 130.0),  # x 0.13
        ("1000 mg tricalcium phosphate", "calcium", 390.0),  # x 0.39
        ("1000 mg calcium citrate malate", "calcium", 230.0),  # x 0.23
        ("1000 mg MCHC", "calcium", 250.0),  # bone-derived hydroxyapatite: the high end of 20-25 %
        ("1000 mg calcium hydroxyapatite", "calcium", 399.0),  # pure Ca10(PO4)6(OH)2: 39.9 %
        ("1000 mg calcium hydroxyapatite (MCHC)", "calcium", 250.0),  # the form names the salt
        ("500 mg magnesium oxide", "magnesium", 300.0),  # x 0.60
        ("400 mg magnesium citrate", "magnesium", 64.0),  # x 0.16
        ("1000 mg magnesium glycinate", "magnesium", 140.0),  # x 0.14
        ("1000 mg magnesium L-threonate", "magnesium", 72.0),  # x 0.072 as sold (Magtein: 2,000 mg = 144 mg)
        ("1000 mg magnesium malate", "magnesium", 155.0),  # MgC4H4O5 x 0.155
        ("600 mg calcium (as carbonate)", "calcium", 600.0),  # label convention: already elemental
        ("600 mg calcium (as calcium citrate)", "calcium", 600.0),
        ("100 mg magnesium (as oxide)", "magnesium", 100.0),
        ("600 mg elemental calcium carbonate", "calcium", 600.0),  # "mg elemental": no fraction applied
        ("600 mg calcium carbonate (elemental)", "calcium", 600.0),
        ("600 mg elemental calcium", "calcium", 600.0),
    ],
)
def test_salts(line: str, nutrient: str, mg: float) -> None:
    assert total(check_text(line), nutrient).total_per_day == pytest.approx(mg, rel=1e-12)


def test_a_converted_salt_says_what_fraction_it_assumed() -> None:
    notes = check_text("1500 mg calcium carbonate").notes
    assert (
        "1500 mg calcium carbonate: counted as 600 mg calcium (40% elemental; ODS Calcium fact sheet "
        "(https://ods.od.nih.gov/factsheets/Calcium-HealthProfessional/))"
    ) in notes
    assert not any("counted as" in note for note in check_text("600 mg calcium (as carbonate)").notes)


# --------------------------------------------------------------------------------------------------------------
# Frequencies
# --------------------------------------------------------------------------------------------------------------

YEAR = 365.25
MONTH = 365.25 / 12  # 30.4375 days


@pytest.mark.parametrize(
    ("phrase", "per_day"),
    [
        ("daily", 1.0),
        ("once daily", 1.0),
        ("every day", 1.0),
        ("once a day", 1.0),
        ("per day", 1.0),
        ("qd", 1.0),
        ("OD", 1.0),
        ("twice daily", 2.0),
        ("twice a day", 2.0),
        ("twice-daily", 2.0),
        ("2 times daily", 2.0),
        ("2x daily", 2.0),
        ("bid", 2.0),
        ("3 times daily", 3.0),
        ("three times a day", 3.0),
        ("tid", 3.0),
        ("4 times per day", 4.0),
        ("qid", 4.0),
        ("every other day", 0.5),
        ("every 2 days", 0.5),
        ("every 3 days", 1 / 3),
        ("every three days", 1 / 3),
        ("every 1.5 days", 1 / 1.5),
        ("weekly", 1 / 7),
        ("once weekly", 1 / 7),
        ("once a week", 1 / 7),
        ("every week", 1 / 7),
        ("twice weekly", 2 / 7),
        ("3 times weekly", 3 / 7),
        ("three times a week", 3 / 7),
        ("every other week", 1 / 14),
        ("every 2 weeks", 1 / 14),
        ("monthly", 1 / MONTH),
        ("once a month", 1 / MONTH),
        ("every month", 1 / MONTH),
        ("every other month", 1 / (2 * MONTH)),
        ("every 3 months", 1 / (3 * MONTH)),
        ("yearly", 1 / YEAR),
        ("annually", 1 / YEAR),
        ("once a year", 1 / YEAR),
        ("every 2 years", 1 / (2 * YEAR)),
    ],
)
def test_frequency_per_day(phrase: str, per_day: float) -> None:
    frequency = parse_frequency(phrase)
    assert frequency is not None
    assert frequency.per_day == pytest.approx(per_day, rel=1e-12)


def test_month_and_year_lengths_are_exact() -> None:
    monthly, yearly = parse_frequency("monthly"), parse_frequency("yearly")
    assert monthly is not None and yearly is not None
    assert monthly.period_days == 30.4375  # 365.25 / 12
    assert yearly.period_days == 365.25


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("daily", "daily"),
        ("bid", "twice daily"),
        ("3 x daily", "3 times daily"),
        ("three times a week", "3 times weekly"),
        ("every 2 weeks", "every 2 weeks"),
        ("every other day", "every other day"),
        ("once a month", "monthly"),
        ("annually", "yearly"),
    ],
)
def test_frequency_reads_back_in_one_wording(phrase: str, text: str) -> None:
    frequency = parse_frequency(phrase)
    assert frequency is not None and frequency.text == text


@pytest.mark.parametrize("phrase", ["fortnightly", "sometimes", "daily please", "every day or two", ""])
def test_not_a_frequency(phrase: str) -> None:
    assert parse_frequency(phrase) is None


@pytest.mark.parametrize(
    ("line", "mcg_per_day"),
    [
        ("50,000 IU D2 weekly", 1250 / 7),  # 50,000 / 40 = 1,250 mcg once a week
        ("50000 IU D3 every 2 weeks", 1250 / 14),
        ("50000 IU D3 monthly", 1250 / 30.4375),
        ("500000 IU D3 yearly", 12500 / 365.25),  # 500,000 / 40 = 12,500 mcg once a year
        ("1000 IU D3 3 times weekly", 25 * 3 / 7),
        ("2000 IU D3 every other day", 50 / 2),
        ("1000 IU D3 twice daily", 50.0),
        ("1000 IU D3 every 3 months", 25 / (3 * 30.4375)),
    ],
)
def test_per_day_amount_averages_the_frequency(line: str, mcg_per_day: float) -> None:
    assert total(check_text(line), "vitamin_d").total_per_day == pytest.approx(mcg_per_day, rel=1e-12)


# --------------------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------------------

_NUMBER_ISH = st.from_regex(r"[-+]?[0-9.,eE]{0,6}", fullmatch=True)
_COUNT_WORDS = st.sampled_from(["once", "twice", "three", "other", "0", "101", "1.5", ".", "1.2.3", "٣"])
_FREQUENCY_ISH = st.one_of(
    st.builds(
        "every {} {}".format,
        st.from_regex(r"[0-9.]{1,4}", fullmatch=True) | _COUNT_WORDS,
        st.sampled_from(["day", "days", "weeks", "month", "years", "fortnights"]),
    ),
    st.builds(
        "{}{} {}".format,
        _NUMBER_ISH | _COUNT_WORDS,
        st.sampled_from(["", " x", "x", " times", " time"]),
        st.sampled_from(["daily", "weekly", "a day", "per week", "each month", "every year", "hourly"]),
    ),
    st.sampled_from(["daily", "every other day", "bid", "qd", "once a week", "yearly", "twice-daily"]),
    st.text(max_size=6),
)
_TOKENS = ["D3", "MK-7", "calcium", "(as", "carbonate)", "(", ")", "+", "elemental", "RAE", "\t", "\n", "ç", "\x00", "µ"]  # fmt: skip
_DOSE_LIKE = st.builds(
    lambda *parts: " ".join(part for part in parts if part),
    st.sampled_from(["5000", "50,000", ".5", "2.5", "1e5", "0", "-5"]) | _NUMBER_ISH,
    st.sampled_from(["IU", "mcg", "mg", "g", "µg", "mcg RAE", "mg elemental", "I.U.", ""]) | st.text(max_size=3),
    st.lists(st.sampled_from(_TOKENS) | st.text(max_size=4), max_size=4).map(" ".join),
    st.none() | _FREQUENCY_ISH,
)


@settings(max_examples=settings.default.max_examples)  # set by the HYPOTHESIS_PROFILE loaded in conftest
@given(st.one_of(st.text(), _DOSE_LIKE))
def test_parse_dose_returns_a_dose_or_an_input_error(text: str) -> None:
    try:
        dose = parse_dose(text)
    except InputError as exc:
        assert exc.message
        return
    assert isinstance(dose, DoseText)
    assert math.isfinite(dose.amount) and dose.amount > 0
    if dose.frequency is not None:
        assert math.isfinite(dose.frequency.per_day) and dose.frequency.per_day > 0


_UNITS = [
    ("IU", "IU"), ("iu", "IU"), ("I.U.", "IU"), ("mcg", "mcg"), ("µg", "mcg"), ("ug", "mcg"), ("micrograms", "mcg"),
    ("mg", "mg"), ("milligrams", "mg"), ("g", "g"), ("grams", "g"), ("mcg RAE", "mcg RAE"), ("ug RAE", "mcg RAE"),
    ("mg elemental", "mg elemental"),
]  # fmt: skip
# Last words that would be read as (the end of) a frequency phrase, and first words that extend the unit.
_FREQUENCY_WORDS = {
    "daily", "weekly", "monthly", "yearly", "annually", "day", "days", "week", "weeks", "month", "months", "year",
    "years", "qd", "od", "bid", "tid", "qid",
}  # fmt: skip
_name_words = st.lists(
    st.builds(
        str.__add__,
        st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
        st.text("abcdefghijklmnopqrstuvwxyz0123456789-", max_size=7),
    ),
    min_size=1,
    max_size=4,
)


@st.composite
def _amounts(draw: st.DrawFn) -> tuple[str, float]:
    whole = draw(st.integers(min_value=0, max_value=999_999))
    decimals = draw(st.sampled_from(["", "5", "25", "125"]))
    assume(whole > 0 or decimals)
    grouped = draw(st.booleans()) and whole >= 1000
    written = f"{whole:,}" if grouped else str(whole)
    if decimals:
        written += "." + decimals
    return written, whole + (int(decimals) / 10 ** len(decimals) if decimals else 0)


@settings(max_examples=settings.default.max_examples)
@given(_amounts(), st.sampled_from(_UNITS), _name_words, st.sampled_from([" ", "  ", "\t"]))
def test_well_formed_dose_round_trips(
    amount: tuple[str, float], unit: tuple[str, str], words: list[str], space: str
) -> None:
    # a hyphen reads as a space in a frequency ("twice-daily"), so "x-od" would end in "od" (daily)
    assume(not _FREQUENCY_WORDS & set(words[-1].split("-")) and words[0] not in ("rae", "elemental"))
    written, value = amount
    name = " ".join(words)
    dose = parse_dose(f"{written}{space}{unit[0]}{space}{name}")
    assert dose.amount == pytest.approx(value, rel=1e-12)
    assert dose.unit == unit[1]
    assert dose.name == name
    assert dose.form is None and dose.frequency is None


# Every number word of the frequency grammar, in "N times daily" and "every N days".
NUMBER_WORDS = [
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8),
    ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12),
]  # fmt: skip


@pytest.mark.parametrize(("word", "count"), NUMBER_WORDS)
def test_number_words_count_intakes(word: str, count: int) -> None:
    frequency = parse_frequency(f"{word} times daily")
    assert frequency is not None
    assert (frequency.intakes, frequency.period_days) == (count, 1.0)
    expected_text = {1: "daily", 2: "twice daily"}.get(count, f"{count} times daily")
    assert frequency.text == expected_text


@pytest.mark.parametrize(("word", "count"), NUMBER_WORDS)
def test_number_words_count_days_apart(word: str, count: int) -> None:
    frequency = parse_frequency(f"every {word} days")
    assert frequency is not None
    assert (frequency.intakes, frequency.period_days) == (1, count)


@pytest.mark.parametrize(("word", "count"), [("once", 1), ("twice", 2), ("thrice", 3)])
def test_adverb_number_words(word: str, count: int) -> None:
    frequency = parse_frequency(f"{word} weekly")
    assert frequency is not None
    assert (frequency.intakes, frequency.period_days) == (count, 7.0)


def test_a_five_word_frequency_ends_a_dose() -> None:
    # "2 times every 3 days" is five words, the longest frequency phrase: 2 intakes in 3 days.
    for text in ("600 mg calcium 2 times every 3 days", "Calcium 600 mg 2 times every 3 days"):
        dose = parse_dose(text)
        assert dose.name.lower() == "calcium"
        assert dose.frequency is not None
        assert (dose.frequency.intakes, dose.frequency.period_days) == (2, 3.0)
        assert dose.frequency.per_day == pytest.approx(2 / 3, rel=1e-12)
        assert dose.frequency.text == "2 times every 3 days"


def test_one_time_every_three_days() -> None:
    frequency = parse_frequency("1 time every 3 days")
    assert frequency is not None
    assert (frequency.intakes, frequency.period_days) == (1, 3.0)
    assert frequency.per_day == pytest.approx(1 / 3, rel=1e-12)
    assert frequency.text == "every 3 days"  # not "1 times every 3 days"
    once_a_day = parse_frequency("1 time every 1 day")
    assert once_a_day is not None and (once_a_day.text, once_a_day.per_day) == ("daily", 1.0)


@pytest.mark.parametrize(
    ("phrase", "intakes", "period_days"),
    [
        ("100 times daily", 100, 1.0),
        ("100 times every 2 days", 100, 2.0),
        ("1 time every 3650 days", 1, 3650.0),
        ("every 3650 days", 1, 3650.0),
        ("2 times every 0.5 days", 2, 0.5),
    ],
)
def test_the_largest_accepted_frequencies(phrase: str, intakes: int, period_days: float) -> None:
    frequency = parse_frequency(phrase)
    assert frequency is not None
    assert (frequency.intakes, frequency.period_days) == (intakes, period_days)


@pytest.mark.parametrize(
    ("phrase", "hint"),
    [
        ("101 times every 2 days", "write e.g. '2 times every 3 days'"),
        ("0 times every 2 days", "write e.g. '2 times every 3 days'"),
        ("1 time every 0 days", "write e.g. '2 times every 3 days'"),
        ("1 time every 3651 days", "write e.g. '2 times every 3 days'"),
        ("every 3651 days", "say how many days apart, e.g. 'every 2 days'"),
        ("every 0 days", "say how many days apart, e.g. 'every 2 days'"),
        ("every 0 weeks", "say how many weeks apart, e.g. 'every 2 weeks'"),
        ("101 times weekly", "give a count from 1 to 100, e.g. 'twice daily'"),
    ],
)
def test_frequencies_that_cannot_happen(phrase: str, hint: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_frequency(phrase)
    assert raised.value.text == f"frequency '{phrase}' has no meaning; {hint}"


@pytest.mark.parametrize(
    ("phrase", "text"), [("every 1 day", "daily"), ("every 1 week", "weekly"), ("every one month", "monthly")]
)
def test_every_one_period_is_once_a_period(phrase: str, text: str) -> None:
    frequency = parse_frequency(phrase)
    assert frequency is not None
    assert (frequency.text, frequency.intakes) == (text, 1)


def test_the_largest_plausible_amount_is_accepted() -> None:
    assert parse_dose("1000000000 mcg D3").amount == 1e9  # MAX_AMOUNT itself; one more is implausibly large


def test_folic_acid_in_grams() -> None:
    assert parse_dose("667 mcg DFE folate (0.0004 g folic acid)").folic_acid_mcg == pytest.approx(400)  # 0.0004 g


@pytest.mark.parametrize(
    ("words", "hint"),
    [
        ("two times daily please", "a frequency ends the dose: remove the words after 'two times daily'"),
        ("twice daly with food", "did you mean 'twice daily'?"),
        ("take twice a dya", "did you mean 'twice a day'?"),
    ],
)
def test_a_frequency_among_words_is_found_at_every_length(words: str, hint: str) -> None:
    assert placement_hint(words.split()) == hint


def test_folic_acid_may_equal_but_not_exceed_the_folate_dfe() -> None:
    assert parse_dose("400 mcg DFE folate (400 mcg folic acid)").folic_acid_mcg == 400
    with pytest.raises(InputError) as raised:
        parse_dose("400 mcg DFE folate (401 mcg folic acid)")
    assert raised.value.text == (
        "'400 mcg DFE folate (401 mcg folic acid)' gives more folic acid (401 mcg) than folate (400 mcg DFE); "
        "the mcg DFE figure is the larger one: check the two amounts"
    )


def test_punctuation_is_no_ingredient() -> None:
    with pytest.raises(InputError) as raised:
        parse_dose("5000 IU !!!")
    assert raised.value.text == (
        "dose '5000 IU !!!' names no ingredient; write the ingredient after the unit, e.g. '5000 IU D3'"
    )
