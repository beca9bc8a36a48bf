"""Suggested fixes: for each finding, the smallest concrete change, then the amended regimen re-evaluated.

Interaction findings (anticoagulants, conditions, thiazides) are never "fixed" by changing doses: they point to a
clinician. Each fixer is a small declared unit keyed by the rule it answers, like the rules themselves.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

from .catalog import catalog
from .doses import DAILY, DoseText, Frequency
from .evaluate import Report, evaluate
from .intent import is_binder, prescribed
from .normalize import Normalized, normalize
from .quantities import lower_label, number, vitamin_d_iu
from .regimen import Dose, Item, Regimen
from .rules import REGISTRY, Finding
from .writing import dose_text

CLINICIAN = "clinician"
CHANGE = "change"
ADVICE = "advice"
K2_DOSE_MCG = 180  # the MK-7 dose of the bone and arterial-stiffness trials (Knapen 2013, 2015)
ADULT_YEARS = 19


class Suggestion(NamedTuple):
    rule: str
    nutrient: str | None
    kind: str  # change | advice | clinician
    text: str


class Suggestions(NamedTuple):
    before: Report
    suggestions: tuple[Suggestion, ...]
    amended: Regimen
    after: Report
    resolved: tuple[str, ...]
    introduced: tuple[str, ...]


Fixer = Callable[[Regimen, Finding, Report], tuple[Regimen, Suggestion]]
FIXERS: dict[str, Fixer] = {}


def fixes(rule: str) -> Callable[[Fixer], Fixer]:
    def register(fixer: Fixer) -> Fixer:
        FIXERS[rule] = fixer
        return fixer

    return register


def _key(finding: Finding) -> str:
    return f"{finding.rule} ({finding.nutrient})" if finding.nutrient else finding.rule


def _nice_floor(value: float) -> float:
    """Round down to a label-like amount (4,286 -> 4,200; 437 -> 430; 43.7 -> 43), never up past a limit."""
    if value <= 0:
        return 0.0
    step = 10 ** max(0, math.floor(math.log10(value)) - 1)
    return float(math.floor(value / step) * step)


def _on_anticoagulant(regimen: Regimen) -> bool:
    known = catalog()
    return any(
        (med := known.medication(name)) is not None and med.id == "vitamin_k_antagonist"
        for name in regimen.profile.medications
    )


def _add(regimen: Regimen, text: str, amount: float, unit: str, name: str) -> Regimen:
    dose = DoseText(text, amount, unit, name, None, None)
    item = Item(text, (Dose(dose, regimen.location),), 1.0, DAILY, regimen.location)
    return regimen._replace(items=(*regimen.items, item))


def _advice(rule: str, text: str, nutrient: str | None = None, kind: str = ADVICE) -> Suggestion:
    return Suggestion(rule, nutrient, kind, text)


def _k2_withheld(regimen: Regimen, finding: Finding, verb: str) -> Suggestion | None:
    """Why no K2 is added or raised for this person, if it is not: an anticoagulant, pregnancy or lactation.

    (The K2 rules are quiet under 19, so they never reach here for a child.)
    """
    profile = regimen.profile
    if _on_anticoagulant(regimen):
        why = "with a vitamin K antagonist, any vitamin K needs the prescriber's agreement."
    elif profile.pregnant or profile.lactating:
        state = "pregnancy" if profile.pregnant else "lactation"
        why = f"no safety data on K2 supplements exist in {state}; ask the clinician."
    else:
        return None
    return _advice(finding.rule, f"Vitamin K2 is not {verb}: {why}", finding.nutrient, CLINICIAN)


@fixes("d-without-k2")
def _add_k2(regimen: Regimen, finding: Finding, report: Report) -> tuple[Regimen, Suggestion]:
    withheld = _k2_withheld(regimen, finding, "added")
    if withheld is not None:
        return regimen, withheld
    dose = f"{K2_DOSE_MCG} mcg MK-7"
    text = f"Add {dose} a day (the trials used 180 mcg; 90-180 mcg is the usual range)."
    return _add(regimen, dose, K2_DOSE_MCG, "mcg", "MK-7"), _advice(finding.rule, text, finding.nutrient, CHANGE)


@fixes("low-k2-for-d")
def _more_k2(regimen: Regimen, finding: Finding, report: Report) -> tuple[Regimen, Suggestion]:
    withheld = _k2_withheld(regimen, finding, "raised")
    if withheld is not None:
        return regimen, withheld
    d_mcg = next(t.amount_per_day for t in report.totals if t.nutrient == "vitamin_d")
    k2 = sum(d.per_day for d in normalize(regimen).doses if d.form in ("mk4", "mk7", "k2"))
    ratio = REGISTRY["low-k2-for-d"].thresholds["k2_mcg_per_1000_iu"]
    missing = math.ceil((ratio * vitamin_d_iu(d_mcg) / 1000 - k2) / 10) * 10
    dose = f"{missing} mcg MK-7"
    text = f"Add {dose} a day, bringing K2 to {number(k2 + missing)} mcg next to {number(vitamin_d_iu(d_mcg))} IU of D."
    return _add(regimen, dose, missing, "mcg", "MK-7"), _advice(finding.rule, text, finding.nutrient, CHANGE)


PRESCRIBER = (
    "calcguide does not lower, split or remove a prescribed dose; confirm the course and its length with the "
    "prescriber."
)
NEPHROLOGIST = (
    "it stays with meals and its dose is the nephrologist's; ask the nephrologist (KDIGO 2017 suggests restricting "
    "calcium-based binders)."
)


def _held(regimen: Regimen, normalized: Normalized) -> dict[int, str]:
    """The items whose dose calcguide never changes, each with the sentence that says whose it is.

    A prescribed item (stated, or prescription-strength vitamin D) is the prescriber's; a phosphate binder the
    nephrologist's.
    """
    held = {}
    for index, item in enumerate(regimen.items):
        if is_binder(item, regimen.profile):
            held[index] = f"{item.label} is a phosphate binder: {NEPHROLOGIST}"
        elif item.prescribed:
            held[index] = f"{item.label} is prescribed: {PRESCRIBER}"
        elif prescribed(item, [d for d in normalized.doses if d.item_index == index]):
            held[index] = (
                f"{item.label} is prescription strength, so calcguide takes it as prescribed (write "
                f"'prescribed: false' if it is not): {PRESCRIBER}"
            )
    return held


def _listed(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


@fixes("above-ul")
def _lower_to_ul(regimen: Regimen, finding: Finding, report: Report) -> tuple[Regimen, Suggestion]:
    """Lower the single-ingredient items that are not prescribed or binders, largest first, down to the UL."""
    nutrient = finding.nutrient
    total = next(t for t in report.totals if t.nutrient == nutrient)
    assert total.ul is not None
    excess = total.ul_amount_per_day - total.ul
    if report.profile.pregnant and nutrient == "vitamin_a":
        excess += 1e-9  # in pregnancy the UL itself is the limit, so land just below it
    normalized = normalize(regimen)
    held = _held(regimen, normalized)
    doses = [d for d in normalized.doses if d.nutrient == nutrient and d.counts_toward_ul]
    singles = sorted(
        (
            d
            for d in doses
            if d.item_index not in held
            and not regimen.items[d.item_index].is_product
            and len(regimen.items[d.item_index].doses) == 1
        ),
        key=lambda d: -d.per_day,
    )
    items = list(regimen.items)
    changes = []
    # A child's dose is not titrated up to the UL: an item is removed whole (an adult-strength drop, say).
    child = report.profile.age_years is not None and report.profile.age_years < ADULT_YEARS
    for dose in singles:
        if excess <= 1e-9 * total.ul:
            break
        item = items[dose.item_index]
        written = item.doses[0].dose
        keep = 0.0 if child else max(0.0, dose.per_day - excess)
        new_amount = _nice_floor(written.amount * keep / dose.per_day)
        excess -= dose.per_day * (1 - new_amount / written.amount)
        if new_amount <= 0:
            items[dose.item_index] = item._replace(doses=())
            changes.append(f"remove {item.label}")
            continue
        new = written._replace(amount=new_amount, frequency=None)
        new = new._replace(text=dose_text(new))
        items[dose.item_index] = item._replace(label=new.text, doses=(Dose(new, item.doses[0].location),))
        changes.append(f"lower {item.label} to {number(new_amount)} {written.unit}")
    amended = regimen._replace(items=tuple(item for item in items if item.doses))
    lowered = {d.item_index for d in singles}
    supplying = list(dict.fromkeys(d.item_index for d in doses))
    kept = [i for i in supplying if i in held]
    products = [regimen.items[i].label for i in supplying if i not in held and i not in lowered]
    label = lower_label(total.label)
    sentences = []
    if changes:
        joined = "; ".join(changes)
        limit = f"the UL is {number(total.ul)} {total.unit} a day"
        if child and report.standard is not None:
            target = report.standard.values[nutrient].target if nutrient else None
            kind_of = report.standard.values[nutrient].target_type if nutrient else None
            limit = f"the UL for {report.standard.life_stage} is {number(total.ul)} {total.unit} a day"
            if target:
                limit += f", the {kind_of} {number(target)} {total.unit}"
        sentences.append(joined[0].upper() + joined[1:] + f" ({limit}).")
    left = excess > 1e-9 * total.ul  # more than floating-point dust is left
    if kept:
        sentences += [held[i] for i in kept]
        if left and products:
            sentences.append(
                f"The {label} in {_listed(products)} is on top of the prescription: ask the prescriber whether to "
                "take a product without it during the course."
            )
    elif not changes:
        sentences.append(f"No single-ingredient item supplies {label}: choose products with less of it.")
    elif left:
        sentences.append("That is not enough on its own: the products that remain need lower amounts too.")
    kind = CHANGE if changes else CLINICIAN if kept else ADVICE
    return (amended if changes else regimen), _advice(finding.rule, " ".join(sentences), nutrient, kind)


@fixes("vitamin-d-bolus")
def _daily_instead(regimen: Regimen, finding: Finding, report: Report) -> tuple[Regimen, Suggestion]:
    normalized = normalize(regimen)
    doses = [d for d in normalized.doses if d.nutrient == "vitamin_d" and d.location == finding.location]
    index = doses[0].item_index
    item = regimen.items[index]
    daily_iu = _nice_floor(vitamin_d_iu(sum(d.per_day for d in doses)))
    average = vitamin_d_iu(sum(d.per_day for d in doses))
    held = _held(regimen, normalized).get(index)
    if held is not None:  # a prescribed course is the prescriber's: only mention the daily alternative
        text = (
            f"{held} Daily dosing gives the same average ({number(average)} IU a day) without the intermittent "
            "peak: ask the prescriber whether it would suit."
        )
        return regimen, _advice(finding.rule, text, "vitamin_d", CLINICIAN)
    written = item.doses[0].dose
    new = DoseText(f"{daily_iu:g} IU {written.name}", daily_iu, "IU", written.name, None, None)
    amended = regimen._replace(
        items=tuple(
            Item(new.text, (Dose(new, item.location),), 1.0, DAILY, item.location) if i == index else other
            for i, other in enumerate(regimen.items)
        ),
    )
    was = item.label if item.frequency.text in item.label else f"{item.label} {item.frequency.text}"
    text = (
        f"Take {number(daily_iu)} IU of {written.name} daily instead of {was}: close to the same average "
        f"({number(average)} IU a day), without the intermittent peak. If a clinician prescribed the course, keep "
        "to the prescription."
    )
    return amended, _advice(finding.rule, text, "vitamin_d", CHANGE)


@fixes("calcium-single-dose")
def _split_calcium(regimen: Regimen, finding: Finding, report: Report) -> tuple[Regimen, Suggestion]:
    limit = REGISTRY["calcium-single-dose"].thresholds["max_mg_per_intake"]
    normalized = normalize(regimen)
    doses = [d for d in normalized.doses if d.nutrient == "calcium" and d.location == finding.location]
    index = doses[0].item_index
    item = regimen.items[index]
    if is_binder(item, regimen.profile):  # a binder works only with a meal: never split into other intakes
        text = (
            f"{item.label} is a phosphate binder: it works only with meals, so it is not split into between-meal "
            "intakes; whether a smaller dose per meal is right is the nephrologist's call."
        )
        return regimen, _advice(finding.rule, text, "calcium", CLINICIAN)
    held = _held(regimen, normalized).get(index)
    if held is not None:
        text = f"{held} Ask the prescriber whether it can be taken in doses of {number(limit)} mg or less."
        return regimen, _advice(finding.rule, text, "calcium", CLINICIAN)
    per_intake = sum(d.per_intake for d in doses)
    per_serving = per_intake / item.servings
    frequency = item.frequency
    if per_serving <= limit:  # whole servings at a time: as many together as stay within the limit
        pieces, size = _whole_servings(item.servings, per_intake, limit)
    else:  # even one serving is too much: split it
        parts = math.ceil(per_serving / limit)
        pieces, size = item.servings * parts, 1 / parts
    intakes = round(frequency.intakes * pieces)
    split = Frequency("", intakes, frequency.period_days)
    split = split._replace(text=_frequency_text(split))
    if item.is_product or len(item.doses) > 1:
        new_item = item._replace(servings=size, frequency=split)
        how = f"{_servings_text(size)} {split.text}"
    else:
        written = item.doses[0].dose
        amount = written.amount * item.servings / pieces
        new = written._replace(amount=amount, frequency=None)
        new = new._replace(text=dose_text(new))
        new_item = item._replace(
            label=new.text, doses=(Dose(new, item.doses[0].location),), servings=1.0, frequency=split
        )
        how = f"{new.text} {split.text}"
    amended = regimen._replace(items=tuple(new_item if i == index else it for i, it in enumerate(regimen.items)))
    mg = per_intake * frequency.intakes / intakes
    text = f"Split {item.label} into intakes of {number(mg)} mg calcium: {how}."
    if size < 1 and (item.is_product or len(item.doses) > 1):
        text += f" Or choose a product with at most {number(limit)} mg per serving."
    return amended, _advice(finding.rule, text, "calcium", CHANGE)


def _servings_text(size: float) -> str:
    if size == 1:
        return "one serving"
    if size > 1:
        return f"{number(size)} servings together"
    return f"1/{round(1 / size)} of a serving"


def _whole_servings(servings: float, per_intake: float, limit: float) -> tuple[float, float]:
    """Into how many intakes ``servings`` go (the fewest of whole, equal servings within ``limit``), and their size.

    4 servings of 169 mg (676 mg) -> 2 intakes of 2 servings; 3 servings of 200 mg -> 3 intakes of 1.
    """
    if not float(servings).is_integer():
        return servings, 1.0
    count = int(servings)
    fewest = math.ceil(per_intake / limit - 1e-9)
    pieces = next(p for p in range(max(fewest, 1), count + 1) if count % p == 0)
    return float(pieces), count / pieces


def _frequency_text(frequency: Frequency) -> str:
    period = {1.0: "daily", 7.0: "weekly"}.get(frequency.period_days)
    if period is None:
        return f"{frequency.intakes} times every {frequency.period_days:g} days"
    return {1: period, 2: f"twice {period}"}.get(frequency.intakes, f"{frequency.intakes} times {period}")


@fixes("calcium-without-d")
def _add_d(regimen: Regimen, finding: Finding, report: Report) -> tuple[Regimen, Suggestion]:
    assert report.standard is not None
    target = report.standard.values["vitamin_d"].target or 15.0
    iu = round(vitamin_d_iu(target))
    dose = f"{iu} IU D3"
    text = f"Add {dose} a day (the {report.standard.life_stage} RDA), unless sunlight or food already provide it."
    return _add(regimen, dose, iu, "IU", "D3"), _advice(finding.rule, text, "vitamin_d", CHANGE)


@fixes("mineral-drug-spacing")
def _space(regimen: Regimen, finding: Finding, report: Report) -> tuple[Regimen, Suggestion]:
    spacing = finding.message.split(". ", 1)[-1]
    text = f"Keep the doses and change the timing. {spacing} 'calcguide schedule' plans the day."
    return regimen, _advice(finding.rule, text, finding.nutrient)


def _to_clinician(regimen: Regimen, finding: Finding, report: Report) -> tuple[Regimen, Suggestion]:
    text = "Not a dose question: talk to the prescriber or clinician before taking this combination."
    return regimen, _advice(finding.rule, text, finding.nutrient, CLINICIAN)


for _rule in ("thiazide-hypercalcemia", "condition-caution", "drug-nutrient"):
    FIXERS[_rule] = _to_clinician


@fixes("phosphate-binder")
def _to_nephrologist(regimen: Regimen, finding: Finding, report: Report) -> tuple[Regimen, Suggestion]:
    text = "A phosphate binder is taken with meals as prescribed: any change to it is the nephrologist's decision."
    return regimen, _advice(finding.rule, text, finding.nutrient, CLINICIAN)


@fixes("nutrient-pair")
def _pair(regimen: Regimen, finding: Finding, report: Report) -> tuple[Regimen, Suggestion]:
    if "another time of day" in finding.message:  # iron and calcium: a question of timing, not of dose
        text = f"Keep the doses and change the timing. {finding.message}"
        return regimen, _advice(finding.rule, text, finding.nutrient)
    text = f"No dose is changed automatically: {finding.message} Ask a pharmacist or clinician."
    return regimen, _advice(finding.rule, text, finding.nutrient, CLINICIAN)


@fixes("vitamin-k-anticoagulant")
def _keep_vitamin_k(regimen: Regimen, finding: Finding, report: Report) -> tuple[Regimen, Suggestion]:
    """Never a dose change: a stable source is kept as it is, anything else is the prescriber's first."""
    sources = {d.item_index for d in normalize(regimen).doses if d.nutrient == "vitamin_k"}
    if sources and all(regimen.items[i].new is False for i in sources):
        text = (
            "Nothing to change: keep the vitamin K intake exactly as it is, every day, and tell the anticoagulation "
            "clinic before changing or stopping it."
        )
        return regimen, _advice(finding.rule, text, finding.nutrient, CLINICIAN)
    return _to_clinician(regimen, finding, report)


@fixes("duplicate-source")
def _count_together(regimen: Regimen, finding: Finding, report: Report) -> tuple[Regimen, Suggestion]:
    text = "Nothing to change on its own: the items are already counted together in the totals."
    return regimen, _advice(finding.rule, text, finding.nutrient)


@fixes("unrecognized-ingredient")
def _check_name(regimen: Regimen, finding: Finding, report: Report) -> tuple[Regimen, Suggestion]:
    text = "Check the ingredient's name on the label; calcguide does not guess what an unknown name means."
    return regimen, _advice(finding.rule, text)


def suggest(regimen: Regimen, judge: Callable[[Regimen], Report] = evaluate) -> Suggestions:
    """Apply each finding's fix in turn, then re-evaluate the amended regimen with the same ``judge``.

    ``judge`` is ``evaluate`` with whatever rule selection and overrides the caller uses.
    """
    before = judge(regimen)
    amended = regimen
    suggestions = []
    for finding in before.findings:
        current = judge(amended)
        still = next((f for f in current.findings if _key(f) == _key(finding) and f.location == finding.location), None)
        if still is None and finding.rule in ("above-ul", "calcium-single-dose", "vitamin-d-bolus", "low-k2-for-d"):
            suggestions.append(_advice(finding.rule, "Resolved by an earlier change.", finding.nutrient))
            continue
        amended, suggestion = FIXERS[finding.rule](amended, still or finding, current)
        suggestions.append(suggestion)
    amended = amended._replace(name=f"{regimen.name} (suggested)")
    after = judge(amended)
    old = {_key(f) for f in before.findings}
    new = {_key(f) for f in after.findings}
    return Suggestions(
        before,
        tuple(suggestions),
        amended,
        after,
        tuple(k for k in dict.fromkeys(_key(f) for f in before.findings) if k not in new),
        tuple(k for k in dict.fromkeys(_key(f) for f in after.findings) if k not in old),
    )
