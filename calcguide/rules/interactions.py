"""Interaction rules: medications and conditions that change what a supplement does."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..catalog import catalog, fold
from ..quantities import amount, lower_label
from .base import Context, Hit, Scope, Severity, evidence, rule

_SPACED_MINERALS = ("calcium", "magnesium")


def _supplied(ctx: Context, nutrients: tuple[str, ...]) -> list[str]:
    """Which of ``nutrients`` the supplements supply, as "100 mcg of vitamin K a day" phrases."""
    known = catalog().nutrients
    return [
        f"{amount(ctx.per_day(n), known[n].unit, n)} of {lower_label(known[n].label)} a day"
        for n in nutrients
        if ctx.per_day(n) > 0
    ]


def _names(names: list[str], label: str, article: str = "") -> str:
    """The profile's own words, with the class calcguide matched them to when that says more."""
    written = " and ".join(dict.fromkeys(names))
    return written if fold(written) == fold(label) else f"{written} ({article}{label})"


_INR = "a new vitamin K source will move the INR (MK-7 lowered it at 10-20 mcg a day)"
_NEW = "talk to the prescriber before starting it: " + _INR + ", and the dose or INR checks may need to change."
_STABLE = (
    "keep the intake consistent (the same product and dose every day) and tell the anticoagulation clinic before "
    "changing or stopping it, as the ODS vitamin K fact sheet advises."
)


@rule(
    code="CG301",
    name="vitamin-k-anticoagulant",
    severity=Severity.ERROR,
    summary="Any vitamin K supplement while taking warfarin or another vitamin K antagonist.",
    rationale="""
        Warfarin, acenocoumarol, phenprocoumon and fluindione work by blocking vitamin K. Vitamin K from a
        supplement counteracts them: MK-7 lowered the INR at 10-20 mcg a day in healthy volunteers on
        acenocoumarol. A new vitamin K source is an error: talk to the prescriber first. One the regimen says is
        not new (`new: false`, a long-stable multivitamin the dose was adjusted to) is a warning: keep it
        consistent and tell the anticoagulation clinic before any change (ODS). Without `new`, both are said.
    """,
    evidence=evidence("ods-vitamin-k", "theuwissen-2013"),
    fires="100 mcg MK-7",
    quiet="5000 IU D3",
    profile={"medications": ["warfarin"]},
    applies_to=Scope("Vitamin K counteracts a vitamin K antagonist whoever takes it."),
)
def vitamin_k_anticoagulant(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    if "vitamin_k_antagonist" not in ctx.medications or ctx.per_day("vitamin_k") <= 0:
        return
    forms = ", ".join(sorted({dose.dose for dose in ctx.doses("vitamin_k")}))
    names = " and ".join(dict.fromkeys(ctx.medications["vitamin_k_antagonist"][1]))
    items = ctx.regimen.items
    sources = list(dict.fromkeys(dose.item_index for dose in ctx.doses("vitamin_k")))
    by_state = {
        state: [items[i].label for i in sources if items[i].new is state] for state in (True, False, None)
    }
    message = (
        f"{names} is a vitamin K antagonist, and the regimen adds {_supplied(ctx, ('vitamin_k',))[0]} ({forms}); "
        "vitamin K counteracts it."
    )
    if by_state[True]:
        message += f" New: {_joined(by_state[True])}: {_NEW}"
    if by_state[False]:
        message += f" Already taken: {_joined(by_state[False])}: {_STABLE}"
    if by_state[None]:
        unsaid = by_state[None]
        one = len(unsaid) == 1
        message += (
            f" If {_joined(unsaid)} {'is' if one else 'are'} new, {_NEW if one else _NEW.replace(' it:', ' them:')} "
            f"If {'it is' if one else 'they are'} already part of a stable regimen, "
            f"{_STABLE if one else _STABLE.replace('stopping it', 'stopping them')}"
        )
    stable_only = not by_state[True] and not by_state[None]
    yield Hit(message, "vitamin_k", Severity.WARNING if stable_only else None)


def _joined(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


@rule(
    code="CG302",
    name="thiazide-hypercalcemia",
    severity=Severity.WARNING,
    summary="Calcium and/or vitamin D supplements with a thiazide diuretic.",
    rationale="""
        Thiazide diuretics (hydrochlorothiazide, chlorthalidone, indapamide, ...) reduce the calcium the kidneys
        excrete; with calcium and/or vitamin D supplements they raise the risk of hypercalcemia.
    """,
    evidence=evidence("ods-calcium", "ods-vitamin-d"),
    fires="600 mg calcium (as carbonate)",
    quiet="100 mcg MK-7",
    profile={"medications": ["hydrochlorothiazide"]},
    applies_to=Scope("A drug interaction: it matters whoever takes the drug."),
)
def thiazide_hypercalcemia(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    supplied = _supplied(ctx, ("calcium", "vitamin_d"))
    if "thiazide" not in ctx.medications or not supplied:
        return
    thiazide, written = ctx.medications["thiazide"]
    names = _names(written, thiazide.label, "a ")
    yield Hit(
        f"{names} reduces urinary calcium; with {' and '.join(supplied)} the risk of "
        "hypercalcemia rises. Ask the prescriber whether blood calcium should be checked.",
        "calcium" if ctx.per_day("calcium") > 0 else "vitamin_d",
    )


@rule(
    code="CG303",
    name="mineral-drug-spacing",
    severity=Severity.WARNING,
    summary="Calcium or magnesium with levothyroxine, a bisphosphonate, a tetracycline or a fluoroquinolone.",
    rationale="""
        Calcium and magnesium bind these drugs in the gut and reduce their absorption. Taking them apart keeps both
        working: levothyroxine at least 4 hours apart; a bisphosphonate first, with the mineral at least 30 minutes
        later (60 for ibandronate); tetracyclines and fluoroquinolones at least 2 hours before or 4-6 hours after.
    """,
    evidence=evidence("ods-calcium", "ods-magnesium"),
    fires="500 mg calcium (as citrate)",
    quiet="5000 IU D3",
    profile={"medications": ["levothyroxine"]},
    applies_to=Scope("A drug interaction: it matters whoever takes the drug."),
)
def mineral_drug_spacing(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    supplied = _supplied(ctx, _SPACED_MINERALS)
    if not supplied:
        return
    for med, names in ctx.medications.values():
        if med.spacing:
            yield Hit(
                f"{_names(names, med.label)} with {' and '.join(supplied)}. {med.spacing}",
                "calcium" if ctx.per_day("calcium") > 0 else "magnesium",
                evidence=evidence(*med.evidence),
            )


@rule(
    code="CG304",
    name="condition-caution",
    severity=Severity.WARNING,
    summary="Vitamin D, calcium (or, in kidney disease, magnesium) with a condition that makes them risky.",
    rationale="""
        Some conditions change how the body handles calcium and vitamin D: hypercalcemia (an error: do not take
        them without a clinician), granulomatous disease such as sarcoidosis, primary hyperparathyroidism, kidney
        stones, and chronic kidney disease (where magnesium and phosphorus also need nephrology guidance).
    """,
    evidence=evidence("ods-vitamin-d", "ods-calcium"),
    fires="2000 IU D3",
    quiet="100 mcg MK-7",
    profile={"conditions": ["sarcoidosis"]},
    applies_to=Scope("A condition changes how calcium and vitamin D are handled at any age."),
)
def condition_caution(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    for condition, names in ctx.conditions.values():
        supplied = [n for n in condition.nutrients if ctx.per_day(n) > 0]
        if not supplied:
            continue
        yield Hit(
            f"{_names(names, condition.label)} with {' and '.join(_supplied(ctx, tuple(supplied)))}. {condition.why}",
            supplied[0],
            Severity(condition.severity),
            evidence(*condition.evidence),
        )
