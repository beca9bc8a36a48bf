"""The generated regimens every benchmark runs on: all different, with label-sized products and medication lists.

    python benchmarks/corpus.py DIR --files 2000            # write a corpus (to profile by hand)
    python benchmarks/corpus.py DIR --files 10 --label-native

Every file differs from every other in its amounts, product names, salts and profile (each file is drawn from
its own seeded generator), so no cache keyed on a regimen's or a product's content can help: the figures measure
the work. A third of the files hold a multivitamin-sized product (20 to 33 rows, in the order and with the forms a
US Supplement Facts panel prints them); half the adult profiles list medications, most with a strength and a
schedule ("warfarin 5 mg", "levothyroxine 50 mcg daily"). Rows for nutrients calcguide may not know yet (vitamin
C, the B vitamins, iron, iodine ...) are included all the same: checking them is the real work.

Doses are written amount first ("25 mcg vitamin D3", "600 mg calcium (as carbonate)"), which every calcguide
version reads. ``label_native=True`` also writes rows as the panel prints them ("Vitamin D3 25 mcg (1,000 IU)",
"Calcium (as calcium carbonate) 600 mg 46%", "50 mcg (2,000 IU) vitamin D3"), for a calcguide that reads them.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

SEED = 20240611


class Row(NamedTuple):
    """One Supplement Facts row: its name, unit, a plausible range of amounts and the forms labels name.

    ``dv`` is the FDA Daily Value in ``unit`` (None where there is none), used only to print a plausible %DV
    column in label-native rows.
    """

    name: str
    unit: str
    low: float
    high: float
    step: float
    forms: tuple[str, ...]
    dv: float | None = None


# US label order (vitamins, then minerals, then ingredients without a Daily Value).
VITAMIN_A = Row("Vitamin A", "mcg RAE", 300, 1500, 10, ("retinyl acetate", "retinyl palmitate", "beta-carotene"), 900)
VITAMIN_C = Row("Vitamin C", "mg", 30, 500, 1, ("ascorbic acid", "calcium ascorbate", "sodium ascorbate"), 90)
VITAMIN_D = Row("Vitamin D3", "mcg", 5, 62.5, 2.5, ("cholecalciferol",), 20)
_E_FORMS = ("dl-alpha tocopheryl acetate", "d-alpha tocopheryl succinate", "d-alpha tocopherol")
VITAMIN_E = Row("Vitamin E", "mg", 4, 45, 0.5, _E_FORMS, 15)
VITAMIN_K = Row("Vitamin K", "mcg", 10, 120, 1, ("phytonadione", "phylloquinone"), 120)
THIAMIN = Row("Thiamin", "mg", 0.5, 25, 0.1, ("thiamin mononitrate", "thiamine HCl"), 1.2)
RIBOFLAVIN = Row("Riboflavin", "mg", 0.5, 25, 0.1, ("riboflavin 5'-phosphate",), 1.3)
NIACIN = Row("Niacin", "mg", 5, 40, 1, ("niacinamide", "nicotinic acid", "inositol hexanicotinate"), 16)
VITAMIN_B6 = Row("Vitamin B6", "mg", 0.5, 25, 0.1, ("pyridoxine HCl", "pyridoxal 5'-phosphate"), 1.7)
FOLATE = Row("Folate", "mcg DFE", 200, 1360, 1, ("folic acid", "L-methylfolate calcium"), 400)
VITAMIN_B12 = Row("Vitamin B12", "mcg", 2, 500, 1, ("cyanocobalamin", "methylcobalamin"), 2.4)
BIOTIN = Row("Biotin", "mcg", 15, 300, 1, ("d-biotin",), 30)
PANTOTHENIC_ACID = Row("Pantothenic acid", "mg", 2, 25, 0.5, ("d-calcium pantothenate",), 5)
CHOLINE = Row("Choline", "mg", 10, 550, 5, ("choline bitartrate", "choline chloride"), 550)
CALCIUM = Row(
    "Calcium", "mg", 50, 600, 5, ("calcium carbonate", "calcium citrate", "tricalcium phosphate", "carbonate"), 1300
)
_IRON_FORMS = ("ferrous fumarate", "ferrous bisglycinate", "ferrous sulfate", "carbonyl iron")
IRON = Row("Iron", "mg", 4, 29, 0.5, _IRON_FORMS, 18)
PHOSPHORUS = Row("Phosphorus", "mg", 10, 125, 1, ("dicalcium phosphate", "tricalcium phosphate"), 1250)
IODINE = Row("Iodine", "mcg", 50, 290, 5, ("potassium iodide",), 150)
MAGNESIUM = Row("Magnesium", "mg", 20, 200, 1, ("magnesium oxide", "magnesium citrate", "magnesium glycinate"), 420)
ZINC = Row("Zinc", "mg", 2, 25, 0.5, ("zinc oxide", "zinc gluconate", "zinc citrate", "zinc picolinate"), 11)
SELENIUM = Row("Selenium", "mcg", 10, 200, 1, ("sodium selenate", "L-selenomethionine"), 55)
COPPER = Row("Copper", "mg", 0.1, 2, 0.1, ("cupric oxide", "copper gluconate", "cupric sulfate"), 0.9)
MANGANESE = Row("Manganese", "mg", 0.2, 4, 0.1, ("manganese sulfate", "manganese gluconate"), 2.3)
CHROMIUM = Row("Chromium", "mcg", 10, 200, 1, ("chromium picolinate", "chromium chloride"), 35)
MOLYBDENUM = Row("Molybdenum", "mcg", 10, 75, 1, ("sodium molybdate",), 45)
CHLORIDE = Row("Chloride", "mg", 20, 80, 1, ("potassium chloride",), 2300)
POTASSIUM = Row("Potassium", "mg", 20, 99, 1, ("potassium chloride", "potassium citrate"), 4700)
BORON = Row("Boron", "mcg", 50, 3000, 10, ("boron citrate", "boron glycinate"))
NICKEL = Row("Nickel", "mcg", 2, 5, 1, ("nickel sulfate",))
SILICON = Row("Silicon", "mg", 1, 5, 0.5, ("silicon dioxide",))
VANADIUM = Row("Vanadium", "mcg", 5, 10, 1, ("sodium metavanadate",))
LUTEIN = Row("Lutein", "mcg", 250, 10000, 50, ())
LYCOPENE = Row("Lycopene", "mcg", 300, 600, 10, ())

ADULT_CORE = (
    VITAMIN_A, VITAMIN_C, VITAMIN_D, VITAMIN_E, VITAMIN_K, THIAMIN, RIBOFLAVIN, NIACIN, VITAMIN_B6, FOLATE,
    VITAMIN_B12, BIOTIN, PANTOTHENIC_ACID, CALCIUM, IODINE, MAGNESIUM, ZINC, SELENIUM, COPPER, MANGANESE,
    CHROMIUM, MOLYBDENUM,
)  # fmt: skip
ADULT_EXTRA = (CHOLINE, IRON, PHOSPHORUS, CHLORIDE, POTASSIUM, BORON, NICKEL, SILICON, VANADIUM, LUTEIN, LYCOPENE)
LABEL_ORDER = (
    VITAMIN_A, VITAMIN_C, VITAMIN_D, VITAMIN_E, VITAMIN_K, THIAMIN, RIBOFLAVIN, NIACIN, VITAMIN_B6, FOLATE,
    VITAMIN_B12, BIOTIN, PANTOTHENIC_ACID, CHOLINE, CALCIUM, IRON, PHOSPHORUS, IODINE, MAGNESIUM, ZINC, SELENIUM,
    COPPER, MANGANESE, CHROMIUM, MOLYBDENUM, CHLORIDE, POTASSIUM, BORON, NICKEL, SILICON, VANADIUM, LUTEIN, LYCOPENE,
)  # fmt: skip
KIDS = (VITAMIN_A, VITAMIN_C, VITAMIN_D, VITAMIN_E, VITAMIN_B6, FOLATE, VITAMIN_B12, BIOTIN, CHOLINE, IODINE, ZINC)

_BRANDS = (
    "Nature's Crest", "Vitalbrook", "Sunmeadow", "Pure Harbor", "Everwell", "Northpeak", "Golden Fields", "Kindroot",
    "Bluepine", "Clearbay", "Hartwell", "Meridian Labs", "Oakhaven", "Silverleaf", "Trueform", "Brightday",
)  # fmt: skip
_MULTI_LINES = (
    "Complete", "Daily Multi", "One Daily", "Multi 50+", "Women's Multi", "Men's Multi", "Essential Multi",
    "Whole Food Multi", "Active Adult", "Ultra Multi", "Senior Formula", "Prenatal", "Multi + Minerals",
)  # fmt: skip
_FORMS = ("Tablets", "Softgels", "Caplets", "Capsules", "Chewables", "Mini Tabs")
_SERVING_WORDS = ("tablets", "softgels", "capsules", "caplets", "gummies")

_CALCIUM_SALTS = (
    "calcium carbonate", "calcium citrate", "tricalcium phosphate", "calcium citrate malate", "calcium lactate",
    "calcium gluconate", "calcium hydroxyapatite",
)  # fmt: skip
_CALCIUM_AS = ("carbonate", "citrate", "calcium carbonate", "calcium citrate", "tricalcium phosphate", "citrate malate")
_MAGNESIUM_SALTS = (
    "magnesium citrate", "magnesium glycinate", "magnesium oxide", "magnesium malate", "magnesium taurate",
    "magnesium chloride", "magnesium threonate", "magnesium bisglycinate", "magnesium carbonate",
)  # fmt: skip
_D_NAMES = ("D3", "vitamin D3", "cholecalciferol", "vitamin D3 (as cholecalciferol)", "D2", "ergocalciferol")
_K2_NAMES = ("MK-7", "MK-4", "vitamin K2 (as MK-7)", "K2 MK-7", "menaquinone-7", "MenaQ7")

# Medications as clinicians write them: a name (generic or brand) with a strength and, often, a schedule. The
# strengths are those the products are sold in.
_DRUGS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("warfarin", ("1 mg", "2 mg", "2.5 mg", "3 mg", "4 mg", "5 mg", "6 mg", "7.5 mg", "10 mg"), ("", " daily")),
    ("Coumadin", ("2 mg", "5 mg"), ("", " daily")),
    ("levothyroxine", ("25 mcg", "50 mcg", "75 mcg", "88 mcg", "100 mcg", "112 mcg", "125 mcg"), (" daily", "")),
    ("Synthroid", ("50 mcg", "75 mcg", "100 mcg", "150 mcg"), (" daily", "")),
    ("hydrochlorothiazide", ("12.5 mg", "25 mg", "50 mg"), (" daily", "")),
    ("HCTZ", ("12.5 mg", "25 mg"), ("", " daily")),
    ("chlorthalidone", ("12.5 mg", "25 mg"), (" daily",)),
    ("alendronate", ("70 mg",), (" weekly",)),
    ("risedronate", ("35 mg",), (" weekly",)),
    ("doxycycline", ("100 mg",), (" twice daily", " daily")),
    ("ciprofloxacin", ("250 mg", "500 mg", "750 mg"), (" twice daily",)),
    ("metformin", ("500 mg", "850 mg", "1000 mg"), (" twice daily", " daily")),
    ("atorvastatin", ("10 mg", "20 mg", "40 mg", "80 mg"), (" daily", "")),
    ("lisinopril", ("2.5 mg", "5 mg", "10 mg", "20 mg", "40 mg"), (" daily", "")),
    ("amlodipine", ("2.5 mg", "5 mg", "10 mg"), (" daily", "")),
    ("omeprazole", ("20 mg", "40 mg"), (" daily",)),
    ("metoprolol", ("25 mg", "50 mg", "100 mg"), (" twice daily", " daily")),
    ("sertraline", ("25 mg", "50 mg", "100 mg"), (" daily",)),
)
_BARE = ("warfarin", "Coumadin", "levothyroxine", "hydrochlorothiazide", "alendronate", "doxycycline")
_CONDITIONS = (
    "kidney stones", "sarcoidosis", "hyperparathyroidism", "chronic kidney disease", "osteoporosis", "hypothyroidism",
)  # fmt: skip
_FREQUENCIES = ("daily", "twice daily", "every other day", "3 times weekly", "weekly")


def number(value: float) -> str:
    """An amount as labels print it: thousands with a comma, no trailing zeros ("1,000", "22.5", "0.9")."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def draw(rng: random.Random, low: float, high: float, step: float) -> float:
    """A random amount from ``low`` to ``high`` in steps of ``step`` (many distinct values, none below ``low``)."""
    steps = round((high - low) / step)
    return round(low + rng.randint(0, steps) * step, 6)


class Writer:
    """Writes dose rows amount first, or (``label_native``) often as the Supplement Facts panel prints them."""

    def __init__(self, rng: random.Random, label_native: bool) -> None:
        self.rng = rng
        self.label_native = label_native

    def row(self, row: Row) -> str:
        rng = self.rng
        amount = draw(rng, row.low, row.high, row.step)
        form = rng.choice(row.forms) if row.forms and rng.random() < 0.85 else None
        name = row.name if rng.random() < 0.5 else row.name[0].lower() + row.name[1:]
        if row is FOLATE:
            return self._folate(amount, form)
        if row is VITAMIN_D:
            return self._vitamin_d(amount, name)
        if self.label_native and rng.random() < 0.7:
            shown = f"{row.name} (as {form})" if form else row.name
            return f"{shown} {number(amount)} {row.unit}{self._dv(amount, row)}"
        return f"{number(amount)} {row.unit} {name}" + (f" (as {form})" if form else "")

    def _dv(self, amount: float, row: Row) -> str:
        if row.dv is None or self.rng.random() < 0.5:
            return ""
        return f" {round(100 * amount / row.dv):,}%"

    def _vitamin_d(self, mcg: float, name: str) -> str:
        iu = number(mcg * 40)
        if self.label_native:
            if self.rng.random() < 0.6:
                return f"Vitamin D3 {number(mcg)} mcg ({iu} IU){self._dv(mcg, VITAMIN_D)}"
            return f"{number(mcg)} mcg ({iu} IU) vitamin D3"
        return f"{number(mcg)} mcg {name}" if self.rng.random() < 0.5 else f"{iu} IU {name}"

    def _folate(self, dfe: float, form: str | None) -> str:
        if form == "folic acid":  # folic acid counts 1.7 mcg DFE per mcg: the label gives both
            folic = round(dfe / 1.7)
            dfe = round(folic * 1.7)
            if self.label_native and self.rng.random() < 0.6:
                return f"Folate {number(dfe)} mcg DFE ({number(folic)} mcg folic acid)"
            if self.rng.random() < 0.25:
                return f"{number(folic)} mcg folic acid"
            return f"{number(dfe)} mcg DFE folate ({number(folic)} mcg folic acid)"
        shown = f" (as {form})" if form else ""
        if self.label_native and self.rng.random() < 0.6:
            return f"Folate{shown} {number(dfe)} mcg DFE"
        return f"{number(dfe)} mcg DFE folate{shown}"

    def panel(self, core: Sequence[Row], extra: Sequence[Row], minimum: int = 20) -> list[str]:
        """A product's rows in label order: most of ``core``, some of ``extra``, at least ``minimum`` rows."""
        rng = self.rng
        chosen = {row for row in core if rng.random() < 0.93} | {row for row in extra if rng.random() < 0.45}
        spare = [row for row in (*core, *extra) if row not in chosen]
        rng.shuffle(spare)
        while len(chosen) < minimum and spare:
            chosen.add(spare.pop())
        return [self.row(row) for row in LABEL_ORDER if row in chosen]


def product_name(rng: random.Random, line: str | None = None) -> str:
    brand, kind = rng.choice(_BRANDS), line or rng.choice(_MULTI_LINES)
    return f"{brand} {kind} {rng.choice(_FORMS)}, formula {rng.randint(1, 999)}"


def _servings(rng: random.Random, choices: Sequence[int] = (1, 1, 1, 2)) -> str:
    count = rng.choice(choices)
    return f"{count} {rng.choice(_SERVING_WORDS)}" if rng.random() < 0.4 else str(count)


def _medication(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return rng.choice(_BARE)
    name, strengths, schedules = rng.choice(_DRUGS)
    return f"{name} {rng.choice(strengths)}{rng.choice(schedules)}"


def profile(
    rng: random.Random, *, pregnant: bool = False, child: bool = False, older: bool = False, meds: float = 0.5
) -> list[str]:
    """A ``profile:`` block; with probability ``meds`` a medication list (as a flow or a block list)."""
    if child:
        age = rng.choice(("6 months", "18 months", "2", "3", "4", "6", "8", "10", "12"))
        return ["profile:", f"  age: {age}"]
    low, high = (20, 42) if pregnant else (51, 90) if older else (19, 85)
    lines = ["profile:", f"  age: {rng.randint(low, high)}"]
    lines.append(f"  sex: {'female' if pregnant else rng.choice(('female', 'male'))}")
    if pregnant:
        lines.append(f"  {rng.choice(('pregnant', 'pregnant', 'lactating'))}: true")
    elif rng.random() < 0.1:
        lines.append("  smoker: true")
    if rng.random() < meds:
        drugs = list(dict.fromkeys(_medication(rng) for _ in range(rng.randint(1, 6 if older else 3))))
        if rng.random() < 0.5:
            lines.append(f"  medications: [{', '.join(drugs)}]")
        else:
            lines += ["  medications:", *(f"    - {drug}" for drug in drugs)]
    if rng.random() < 0.2:
        lines.append(f"  conditions: [{', '.join(rng.sample(_CONDITIONS, rng.randint(1, 2)))}]")
    if rng.random() < 0.4:
        lines += ["  diet:", f"    calcium: {draw(rng, 200, 1200, 10):g} mg"]
        if rng.random() < 0.3:
            lines.append(f"    magnesium: {draw(rng, 150, 400, 5):g} mg")
    return lines


def _d_dose(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return f"{number(draw(rng, 400, 10000, 100))} IU {rng.choice(_D_NAMES[:4])}"
    return f"{number(draw(rng, 10, 250, 5))} mcg {rng.choice(_D_NAMES[:4])}"


def _d3_alone(rng: random.Random, index: int, out: Writer) -> list[str]:
    lines = [f"# generated regimen {index}: vitamin D on its own", f"name: D3 alone {index}"]
    lines += profile(rng, meds=0.3)
    return [*lines, "items:", f"  - {_d_dose(rng)}        # once daily unless told"]


def _calcium_d(rng: random.Random, index: int, out: Writer) -> list[str]:
    calcium = draw(rng, 200, 700, 5)
    lines = [f"name: Calcium + D3 tablets {index}"]
    lines += profile(rng)
    return [
        *lines,
        "items:",
        f"  - product: {rng.choice(_BRANDS)} Calcium {number(calcium)} + D3",
        f"    servings: {_servings(rng, (1, 2))}",
        f"    frequency: {rng.choice(('daily', 'twice daily'))}",
        "    ingredients:",
        f"      - {number(calcium)} mg calcium (as {rng.choice(_CALCIUM_AS)})",
        f"      - {number(draw(rng, 100, 1000, 25))} IU vitamin D3",
        *(["      - " + out.row(MAGNESIUM)] if rng.random() < 0.4 else []),
        "  - ingredient: MK-7",
        f"    amount: {draw(rng, 20, 200, 5):g} mcg",
        "    frequency: daily",
        *([f"  - {number(draw(rng, 250, 1500, 10))} mg {rng.choice(_CALCIUM_SALTS)}"] if rng.random() < 0.3 else []),
    ]


def _k2_liquid(rng: random.Random, index: int, out: Writer) -> list[str]:
    d3, mk4, mk7 = draw(rng, 400, 10000, 100), draw(rng, 100, 1500, 50), draw(rng, 20, 300, 5)
    return [
        "# a liquid with both forms of K2 in one dropper; no profile",
        f"name: D3 + K2 liquid {index}",
        "items:",
        f"  - product: {rng.choice(_BRANDS)} D3 + K2 liquid",
        f"    servings: {rng.choice(('1 dropper', '2 drops', '1', '4 drops'))}",
        f'    ingredients: "{number(d3)} IU D3 + {number(mk4)} mcg MK-4 + {number(mk7)} mcg MK-7"',
    ]


def _multivitamin(rng: random.Random, index: int, out: Writer) -> list[str]:
    lines = [f"name: Multivitamin plus extras {index}"]
    lines += profile(rng)
    lines += [
        "items:",
        f"  - product: {product_name(rng)}",
        f"    servings: {_servings(rng)}",
        "    ingredients:",
        *(f"      - {row}" for row in out.panel(ADULT_CORE, ADULT_EXTRA)),
        f"  - {_d_dose(rng)}",
        f"  - {number(draw(rng, 100, 800, 10))} mg {rng.choice(_MAGNESIUM_SALTS)}",
    ]
    if rng.random() < 0.5:
        lines.append(f"  - {number(draw(rng, 250, 2000, 50))} mg {rng.choice(('fish oil', 'omega-3', 'EPA', 'DHA'))}")
    return lines


def _prenatal(rng: random.Random, index: int, out: Writer) -> list[str]:
    lines = [f"name: Prenatal plus D3 {index}"]
    lines += profile(rng, pregnant=True)
    core = (*ADULT_CORE, IRON, CHOLINE)
    lines += [
        "items:",
        f"  - product: {product_name(rng, 'Prenatal')}",
        f"    servings: {_servings(rng, (1, 2, 3))}",
        "    ingredients:",
        *(f"      - {row}" for row in out.panel(core, (PHOSPHORUS, POTASSIUM, BORON, LUTEIN))),
        f"  - product: {rng.choice(_BRANDS)} Prenatal DHA",
        "    ingredients:",
        f"      - {number(draw(rng, 100, 600, 10))} mg DHA",
        f"      - {number(draw(rng, 20, 300, 10))} mg EPA",
        f"  - {_d_dose(rng)}",
    ]
    return lines


def _repletion(rng: random.Random, index: int, out: Writer) -> list[str]:
    lines = [f"name: Repletion course {index}"]
    lines += profile(rng)
    form = rng.choice(("ergocalciferol", "D2", "cholecalciferol"))
    amount = rng.choice(("50,000", "25,000", "10,000", number(draw(rng, 5000, 60000, 1000))))
    return [
        *lines,
        "items:",
        f"  - {amount} IU {form} {rng.choice(('weekly', 'every 2 weeks', 'monthly'))}",
        f"  - dose: {number(draw(rng, 500, 1500, 50))} mg {rng.choice(_CALCIUM_SALTS[:3])}",
        f"    frequency: {rng.choice(_FREQUENCIES)}",
    ]


def _child(rng: random.Random, index: int, out: Writer) -> list[str]:
    lines = [f"name: Child's gummies {index}"]
    lines += profile(rng, child=True)
    return [
        *lines,
        "items:",
        f"  - product: {rng.choice(_BRANDS)} Kids Multi Gummies",
        f"    servings: {rng.choice(('1 gummy', '2 gummies', '1', '2'))}",
        "    ingredients:",
        *(f"      - {row}" for row in out.panel(KIDS, (), minimum=9)),
        "  - product: Kids calcium chew",
        f"    ingredients: [{number(draw(rng, 100, 500, 10))} mg calcium (as carbonate), "
        f"{number(draw(rng, 50, 800, 50))} IU D3]",
    ]


def _senior_with_medications(rng: random.Random, index: int, out: Writer) -> list[str]:
    """An older adult: a 50+ multi, calcium with D, and a medication list with strengths."""
    lines = [f"name: Senior regimen with medications {index}"]
    lines += profile(rng, older=True, meds=0.95)
    calcium = draw(rng, 300, 700, 5)
    lines += [
        "items:",
        f"  - product: {product_name(rng, rng.choice(('Multi 50+', 'Senior Formula')))}",
        "    ingredients:",
        *(f"      - {row}" for row in out.panel(ADULT_CORE, (CHOLINE, PHOSPHORUS, POTASSIUM, BORON, LUTEIN, LYCOPENE))),
        f"  - product: {rng.choice(_BRANDS)} Calcium {number(calcium)} + D3",
        f"    servings: {_servings(rng, (1, 2))}",
        "    ingredients:",
        f"      - {number(calcium)} mg calcium (as {rng.choice(_CALCIUM_AS)})",
        f"      - {number(draw(rng, 5, 25, 2.5))} mcg vitamin D3",
        f"  - {number(draw(rng, 50, 300, 10))} mcg {rng.choice(_K2_NAMES)}",
        f"  - {number(draw(rng, 100, 600, 10))} mg {rng.choice(_MAGNESIUM_SALTS)}",
    ]
    return lines


def _stack(rng: random.Random, index: int, out: Writer) -> list[str]:
    """Many single items in every item form: dose strings, long forms, ``dose:`` items with frequencies."""
    lines = [f"name: Single-ingredient stack {index}"]
    lines += profile(rng)
    lines.append("items:")
    singles = (VITAMIN_C, VITAMIN_E, VITAMIN_B12, ZINC, IRON, SELENIUM, BIOTIN, FOLATE, VITAMIN_B6, CHOLINE)
    for row in rng.sample(singles, rng.randint(3, 7)):
        lines.append(f"  - {out.row(row)}")
    lines += [
        f"  - {_d_dose(rng)}",
        "  - ingredient: MK-7",
        f"    amount: {draw(rng, 20, 200, 5):g}",
        "    unit: mcg",
        f"    name: {rng.choice(_BRANDS)} K2 capsule",
        f"  - dose: {number(draw(rng, 100, 600, 10))} mg {rng.choice(_MAGNESIUM_SALTS)}",
        f"    frequency: {rng.choice(('daily', 'twice daily'))}",
        f"  - {number(draw(rng, 100, 800, 10))} mg calcium (as {rng.choice(_CALCIUM_AS)}) {rng.choice(_FREQUENCIES)}",
    ]
    if rng.random() < 0.5:
        lines.append(f"  - {number(draw(rng, 50, 400, 10))} mg {rng.choice(('CoQ10', 'lutein', 'turmeric'))}")
    return lines


def _two_documents(rng: random.Random, index: int, out: Writer) -> list[str]:
    """Two regimens in one file (``---``): the batch must count both."""
    return [
        *_d3_alone(rng, index, out),
        "---",
        f"name: Bone stack {index}",
        f'items: "{number(draw(rng, 400, 10000, 100))} IU D3 + {draw(rng, 20, 200, 5):g} mcg MK-7"',
    ]


Template = Callable[[random.Random, int, Writer], list[str]]
TEMPLATES: tuple[Template, ...] = (
    _d3_alone,
    _multivitamin,
    _calcium_d,
    _senior_with_medications,
    _k2_liquid,
    _prenatal,
    _repletion,
    _stack,
    _child,
)


def regimen_text(index: int, seed: int = SEED, label_native: bool = False) -> str:
    """The YAML text of generated regimen ``index``; every 50th file holds two documents."""
    rng = random.Random(seed * 1_000_003 + index)
    template = _two_documents if index % 50 == 49 else TEMPLATES[index % len(TEMPLATES)]
    return "\n".join(template(rng, index, Writer(rng, label_native))) + "\n"


def regimen_count(files: int) -> int:
    """How many regimens (documents) ``files`` generated files hold."""
    return files + sum(1 for index in range(files) if index % 50 == 49)


def generate(directory: Path, files: int, seed: int = SEED, label_native: bool = False) -> list[str]:
    """Write ``files`` regimens into ``directory``; returns their names (relative, sorted)."""
    directory.mkdir(parents=True, exist_ok=True)
    names = []
    for index in range(files):
        name = f"r{index:06d}.yaml"
        (directory / name).write_text(regimen_text(index, seed, label_native), encoding="utf-8")
        names.append(name)
    return names


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--files", type=int, default=2000, help="how many files (default 2,000)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--label-native", action="store_true", help="also write rows as Supplement Facts print them")
    args = parser.parse_args(argv)
    generate(args.directory, args.files, args.seed, args.label_native)
    print(f"{args.files:,} files ({regimen_count(args.files):,} regimens) in {args.directory}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
