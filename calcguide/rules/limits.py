"""Dose rules: totals above the upper limit, intermittent vitamin D mega-doses, calcium taken all at once."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

from .. import data
from ..intent import is_binder, prescribed
from ..quantities import amount, lower_label, number, vitamin_d_iu
from .base import Context, Evidence, Hit, Scope, Severity, evidence, rule

_UL_APPLIES: Final = {
    "supplemental": "supplemental {label} (the UL applies to supplements and medicines, not food)",
    "preformed": "preformed {label} (retinol and retinyl esters: the UL does not count beta-carotene)",
    "total": "{label}",
    "folic_acid": "folic acid (the folate UL counts synthetic folic acid only, in mcg of folic acid, not DFE)",
    "supplemental_folate": "supplemental folate (folic acid and L-methylfolate from supplements, in mcg)",
    "nicotinic_acid": "nicotinic acid (niacin of unstated form counted as nicotinic acid; supplements only)",
    "nicotinamide": "nicotinamide (niacinamide; supplements only)",
}
_B12_MASKING: Final = (
    " Folic acid above the UL can mask vitamin B12 deficiency, letting its nerve damage progress (IOM 1998)."
)


def _dri_source(nutrient: str) -> Evidence:
    source = data.load("dri_us")["nutrients"][nutrient]["source"]
    return Evidence(source["title"], source["url"])


@rule(
    code="CG201",
    name="above-ul",
    severity=Severity.WARNING,
    summary="A nutrient's daily total is above its life-stage tolerable upper intake level (UL).",
    rationale="""
        The UL is the highest daily intake likely to pose no risk of adverse effects for almost everyone in a life
        stage. Above it the risk rises: warning, and error at twice the UL. For magnesium the UL applies to
        supplements only, for vitamin A to preformed vitamin A only. In pregnancy, preformed vitamin A at or above
        the UL is an error (it is teratogenic). Where a prescribed dose is part of the total (stated with
        `prescribed: true`, or a single vitamin D intake of 50,000 IU or more, prescription strength in the US) the
        message says that the UL does not apply to doses taken under medical supervision; a phosphate binder's dose
        is referred to the nephrologist.
    """,
    evidence=evidence("nasem-2011", "iom-2001", "iom-1997"),
    thresholds={"error_ratio": 2.0},
    fires="10000 IU D3",
    quiet="4000 IU D3",
    applies_to=Scope("Every life stage has its own UL (NASEM), infants and pregnancy included."),
)
def above_ul(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    pregnant = ctx.regimen.profile.pregnant
    for total in ctx.totals.values():
        if total.ul is None:
            continue
        teratogenic = pregnant and total.nutrient == "vitamin_a" and total.ul_amount_per_day >= total.ul
        if total.ul_amount_per_day <= total.ul and not teratogenic:
            continue
        ratio = total.ul_amount_per_day / total.ul
        what = _UL_APPLIES[total.ul_basis].format(label=lower_label(total.label))
        ul_unit = total.ul_unit or total.unit
        binding = next((use for use in total.limits if use.authority == total.ul_authority), None)
        whose = "" if ctx.standard.standard == "nasem" else f"{total.ul_authority.upper()} "
        message = (
            f"{what[0].upper()}{what[1:]} totals {amount(total.ul_amount_per_day, ul_unit, total.nutrient)} a day, "
            f"{number(100 * ratio)}% of the {whose}UL of {amount(total.ul, ul_unit, total.nutrient)} for "
            f"{ctx.standard.life_stage}."
        )
        if total.nutrient == "folate":
            message += _B12_MASKING
        source = (
            Evidence(binding.source_title, binding.source_url)
            if binding and binding.source_title
            else _dri_source(total.nutrient)
        )
        severity = Severity.ERROR if ratio >= limits["error_ratio"] else None
        message += _supervised(ctx, total.nutrient)
        if teratogenic:
            message += " In pregnancy, preformed vitamin A at or above the UL can cause birth defects."
            severity = Severity.ERROR
        yield Hit(message, total.nutrient, severity, (source,))


SUPERVISED: Final = (
    "above the UL; the UL does not apply to doses taken under medical supervision — confirm the course and its "
    "length with the prescriber."
)


def _supervised(ctx: Context, nutrient: str) -> str:
    """What above-ul adds when prescribed items or phosphate binders make up part of the total."""
    items = ctx.regimen.items
    profile = ctx.regimen.profile
    counted = [i for i, doses in ctx.per_intake_by_item(nutrient).items() if any(d.counts_toward_ul for d in doses)]
    binders = [i for i in counted if is_binder(items[i], profile)]
    stated = [i for i in counted if i not in binders and items[i].prescribed]
    vitamin_d = ctx.per_intake_by_item("vitamin_d")  # what prescription strength is judged by
    implied = [
        i
        for i in counted
        if i not in binders and items[i].prescribed is None and prescribed(items[i], vitamin_d.get(i, ()))
    ]
    text = ""
    if stated:
        text += f" {_listed([items[i].label for i in stated])} prescribed: {SUPERVISED}"
    if implied:
        text += (
            f" {_listed([items[i].label for i in implied])} prescription strength (counted as prescribed unless "
            f"the regimen says 'prescribed: false'): {SUPERVISED}"
        )
    if binders:
        text += (
            f" {_listed([items[i].label for i in binders])} a phosphate binder, taken with meals: its dose is the "
            "nephrologist's; ask the nephrologist (KDIGO 2017 suggests restricting calcium-based binders)."
        )
    return text


def _listed(labels: list[str]) -> str:
    return f"{labels[0]} is" if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]} are"


@rule(
    code="CG202",
    name="vitamin-d-bolus",
    severity=Severity.WARNING,
    summary="Large vitamin D doses taken less often than daily (weekly, monthly or yearly mega-doses).",
    rationale="""
        In Sanders et al. (JAMA 2010), 500,000 IU of cholecalciferol once a year raised falls by 15 % and fractures
        by 26 % in women 70 and older. The Endocrine Society (2024) suggests daily lower doses over intermittent
        high doses. A single intake of 50,000 IU or more taken less often than daily is info, 100,000 IU or more a
        warning, 300,000 IU or more an error. Prescribed repletion courses exist: this asks that one be supervised.
    """,
    evidence=evidence("sanders-2010", "endocrine-society-2024"),
    thresholds={"info_iu": 50_000, "warning_iu": 100_000, "error_iu": 300_000},
    fires="500000 IU D3 yearly",
    quiet="25000 IU D3 every 2 weeks",
    applies_to=Scope("Intermittent mega-doses need supervision at any age (the falls evidence is from women 70+)."),
)
def vitamin_d_bolus(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    for doses in ctx.per_intake_by_item("vitamin_d").values():
        frequency = doses[0].frequency
        if frequency.per_day >= 1:
            continue
        iu = vitamin_d_iu(sum(dose.per_intake for dose in doses))
        if iu < limits["info_iu"]:
            continue
        severity = (
            Severity.ERROR
            if iu >= limits["error_iu"]
            else Severity.WARNING
            if iu >= limits["warning_iu"]
            else Severity.INFO
        )
        yield Hit(
            f"{doses[0].item}: {number(iu)} IU of vitamin D in one intake, {frequency.text} "
            f"({number(iu * frequency.per_day)} IU a day on average). Intermittent large doses were linked to more "
            "falls and fractures (500,000 IU yearly: falls +15 %, fractures +26 %); daily lower doses are preferred "
            "unless a clinician prescribed this course.",
            "vitamin_d",
            severity,
            location=doses[0].location,
        )


@rule(
    code="CG203",
    name="calcium-single-dose",
    severity=Severity.INFO,
    summary="More elemental calcium in one intake than is well absorbed (about 500 mg).",
    rationale="""
        Calcium absorption is highest in doses of 500 mg or less (NIH ODS). Someone taking 1,000 mg a day absorbs
        more from two 500 mg doses than from one. Each item's calcium per intake (all servings together) is checked.
    """,
    evidence=evidence("ods-calcium"),
    thresholds={"max_mg_per_intake": 500},
    fires="1000 mg calcium (as citrate)",
    quiet="500 mg calcium (as citrate) twice daily + 1000 IU D3",
    applies_to=Scope("Calcium is absorbed best in doses of 500 mg or less (NIH ODS), whoever takes it."),
)
def calcium_single_dose(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    for index, doses in ctx.per_intake_by_item("calcium").items():
        if index in ctx.binders:  # a phosphate binder is taken with each meal by design: never split
            continue
        mg = sum(dose.per_intake for dose in doses)
        if mg > limits["max_mg_per_intake"]:
            yield Hit(
                f"{doses[0].item}: {number(mg)} mg of elemental calcium in one intake; absorption is highest at "
                f"{number(limits['max_mg_per_intake'])} mg or less at a time, so split it into smaller doses.",
                "calcium",
                location=doses[0].location,
            )


@rule(
    code="CG204",
    name="calcium-without-d",
    severity=Severity.INFO,
    summary="Calcium supplemented with no vitamin D in the regimen.",
    rationale="""
        Vitamin D is needed to absorb calcium; the calcium-and-bone trials combined the two (calcium with
        400-800 IU of vitamin D). Without any vitamin D source in the regimen, calcium is absorbed less well.
    """,
    evidence=evidence("ods-calcium", "jackson-2006"),
    fires="500 mg calcium (as citrate)",
    quiet="500 mg calcium (as citrate) + 1000 IU D3",
    applies_to=Scope("Vitamin D is needed to absorb calcium at every life stage."),
)
def calcium_without_d(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    # A phosphate binder's calcium is there to bind phosphate, not to be absorbed.
    calcium = sum(d.per_day for d in ctx.doses("calcium") if d.item_index not in ctx.binders)
    if calcium > 0 and ctx.per_day("vitamin_d") <= 0:
        yield Hit(
            f"{number(calcium)} mg of calcium a day with no vitamin D in the regimen; vitamin D is needed to absorb "
            "calcium (check that sunlight or food provide it, or add a D3 supplement).",
            "calcium",
        )
