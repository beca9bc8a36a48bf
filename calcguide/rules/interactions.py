"""Interaction rules: medications and conditions that change what a supplement does."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final, NamedTuple

from ..catalog import ConditionCaution, ConditionClass, catalog, fold
from ..interaction_catalog import (
    Interaction,
    NutrientFilter,
    binders,
    drug_nutrient,
    in_unit,
    matching,
    per_day,
    spacing,
    timing,
)
from ..medications import DrugMatch, is_drug
from ..quantities import amount, lower_label, number
from .base import Context, Hit, Scope, Severity, evidence, rule


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


_INR: Final = "a new vitamin K source will move the INR (MK-7 lowered it at 10-20 mcg a day)"
_NEW: Final = "talk to the prescriber before starting it: " + _INR + ", and the dose or INR checks may need to change."
_STABLE: Final = (
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
    by_state = {state: [items[i].label for i in sources if items[i].new is state] for state in (True, False, None)}
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
    if "thiazide" not in ctx.medications:
        return
    supplied = _supplied(ctx, ("calcium", "vitamin_d"))
    if not supplied:
        return
    thiazide, written = ctx.medications["thiazide"]
    names = _names(written, thiazide.label, "a ")
    yield Hit(
        f"{names} reduces urinary calcium; with {' and '.join(supplied)} the risk of "
        "hypercalcemia rises. Ask the prescriber whether blood calcium should be checked.",
        "calcium" if ctx.per_day("calcium") > 0 else "vitamin_d",
    )


def _called(shown: list[str], match: DrugMatch) -> str:
    """A drug as messages name it: "levothyroxine", "Synthroid (levothyroxine)", "Cipro (ciprofloxacin;
    fluoroquinolone antibiotic)", "dolutegravir (in Triumeq; HIV integrase inhibitor)"; the class label alone when
    the list named only the class."""
    label = _label(match)
    written = " and ".join(dict.fromkeys(shown))
    extra = []
    if is_drug(match.drug) and match.drug not in shown and not all(s.startswith(f"{match.drug} (in ") for s in shown):
        extra.append(match.drug)  # a brand: say which drug it is
    if fold(label) not in (fold(match.drug), fold(written)):
        extra.append(label)
    if not extra:
        return written
    if written.endswith(")"):
        return f"{written[:-1]}; {'; '.join(extra)})"
    return f"{written} ({'; '.join(extra)})"


def _threshold_key(entry: Interaction, wanted: NutrientFilter) -> str:
    assert wanted.threshold is not None
    unit = wanted.threshold.unit.lower().replace(" ", "_")
    return f"{entry.id.replace('-', '_')}_{unit}_per_{wanted.threshold.per}"


def _thresholds(entries: tuple[Interaction, ...]) -> dict[str, float]:
    return {
        _threshold_key(entry, wanted): wanted.threshold.amount
        for entry in entries
        for wanted in entry.nutrients
        if wanted.threshold is not None
    }


class _Supplied(NamedTuple):
    nutrient: str
    phrase: str  # "500 mg of calcium a day"
    word: str  # "calcium"


def _supplied_by(ctx: Context, entry: Interaction, limits: Mapping[str, float]) -> list[_Supplied]:
    """The entry's nutrients the regimen supplies, at or above the entry's thresholds."""
    known = catalog().nutrients
    found = []
    for wanted in entry.nutrients:
        if wanted.nutrient not in known:  # a nutrient this build of the reference data does not carry
            continue
        doses = matching(ctx.doses(wanted.nutrient), wanted)
        if not doses:
            continue
        nutrient = known[wanted.nutrient]
        word = wanted.label or lower_label(nutrient.label)
        if wanted.threshold is None:
            total = sum(d.per_day for d in doses)
            if total > 0:
                found.append(
                    _Supplied(wanted.nutrient, f"{amount(total, nutrient.unit, nutrient.id)} of {word} a day", word)
                )
            continue
        unit = wanted.threshold.unit
        limit = limits.get(_threshold_key(entry, wanted), wanted.threshold.amount)
        if wanted.threshold.per == "intake":
            by_item: dict[int, float] = {}
            for dose in doses:
                by_item[dose.item_index] = by_item.get(dose.item_index, 0.0) + in_unit(dose, dose.per_intake, unit)
            value = max(by_item.values())
            if value >= limit:
                found.append(_Supplied(wanted.nutrient, f"{number(value)} {unit} of {word} in one intake", word))
            continue
        value = per_day(doses, unit)
        if value >= limit:
            shown = amount(value, unit, nutrient.id) if unit == nutrient.unit else f"{number(value)} {unit}"
            found.append(_Supplied(wanted.nutrient, f"{shown} of {word} a day", word))
    return found


def _taken(ctx: Context, entry: Interaction, oral_only: bool) -> dict[str, tuple[DrugMatch, list[str]]]:
    """The list's drugs an entry concerns, by generic name, with the names reports use for them."""
    found: dict[str, tuple[DrugMatch, list[str]]] = {}
    for taken in ctx.drugs:
        if oral_only and taken.line.route == "parenteral":
            continue  # given by vein or injection: nothing to bind in the gut
        if entry.concerns(taken.match.drug, taken.match.drug_class):
            found.setdefault(taken.match.drug, (taken.match, []))[1].append(taken.shown)
    return found


class _Entries(NamedTuple):
    """Catalogue entries in the data's order, and where to find those about a drug: by generic name and class id."""

    entries: tuple[Interaction, ...]
    by_name: dict[str, tuple[int, ...]]

    def concerning(self, ctx: Context, always: tuple[int, ...] = ()) -> list[Interaction]:
        """The entries that may concern the list's drugs (``_taken`` decides), with ``always``, in the data's order."""
        found = set(always)
        for taken in ctx.drugs:
            found.update(self.by_name.get(taken.match.drug, ()))
            found.update(self.by_name.get(taken.match.drug_class, ()))
        return [self.entries[position] for position in sorted(found)]


def _entries(entries: tuple[Interaction, ...]) -> _Entries:
    by_name: dict[str, list[int]] = {}
    for position, entry in enumerate(entries):
        for name in dict.fromkeys((*entry.drugs, *entry.classes)):
            by_name.setdefault(name, []).append(position)
    return _Entries(entries, {name: tuple(positions) for name, positions in by_name.items()})


_SPACING: Final = _entries(spacing())


def _label(match: DrugMatch) -> str:
    return catalog().medication_classes[match.drug_class].label


@rule(
    code="CG303",
    name="mineral-drug-spacing",
    severity=Severity.WARNING,
    summary="Calcium, magnesium, iron, zinc or chromium with a drug they bind in the gut: take them apart.",
    rationale="""
        Polyvalent minerals bind these drugs in the gut and cut their absorption; taken apart, both work. The interval
        is each drug's own, from its label where the label gives one (ciprofloxacin 2 hours before or 6 after,
        moxifloxacin 4 before or 8 after, levothyroxine 4 hours apart, a bisphosphonate first and alone), and the
        longer one where sources differ. Every entry is data in interactions.yaml, with its source.
    """,
    evidence=evidence("ods-calcium", "ods-magnesium", "label-cipro", "label-synthroid"),
    fires="500 mg calcium (as citrate)",
    quiet="5000 IU D3",
    profile={"medications": ["levothyroxine"]},
    applies_to=Scope("A drug interaction: it matters whoever takes the drug."),
)
def mineral_drug_spacing(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    for entry in _SPACING.concerning(ctx):
        taken = _taken(ctx, entry, oral_only=True)
        if not taken:
            continue
        supplied = _supplied_by(ctx, entry, limits)  # the same for every drug of the entry
        if not supplied:
            continue
        for drug, (match, shown) in taken.items():
            label = _label(match)
            name = drug if is_drug(drug) else f"the {label}"
            parts = [
                f"{_called(shown, match)} with {' and '.join(s.phrase for s in supplied)}.",
                entry.why,
                timing(name, [s.word for s in supplied], entry.hours),
                entry.advice,
            ]
            yield Hit(
                " ".join(part for part in parts if part),
                supplied[0].nutrient,
                Severity(entry.severity),
                evidence(*entry.source),
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
        cautions: tuple[ConditionClass | ConditionCaution, ...] = (condition, *condition.also)
        for caution in cautions:
            supplied = [n for n in caution.nutrients if ctx.per_day(n) > 0]
            if not supplied:
                continue
            yield Hit(
                f"{_names(names, condition.label)} with {' and '.join(_supplied(ctx, tuple(supplied)))}. {caution.why}",
                supplied[0],
                Severity(caution.severity),
                evidence(*caution.evidence),
            )


_DRUG_NUTRIENT: Final = drug_nutrient()
_DRUG_NUTRIENT_ENTRIES: Final = _entries(_DRUG_NUTRIENT)
_DOSE_ONLY: Final = tuple(
    position for position, entry in enumerate(_DRUG_NUTRIENT) if not entry.classes and not entry.drugs
)


@rule(
    code="CG305",
    name="drug-nutrient",
    severity=Severity.WARNING,
    summary="A supplement with a medication it interacts with, or a dose that disturbs laboratory tests.",
    rationale="""
        The interactions a pharmacist's checker reports between medications and vitamins or minerals: orlistat and
        bile-acid sequestrants with fat-soluble vitamins, acid suppressants with calcium carbonate, magnesium, B12 and
        iron, metformin with B12, steroids and enzyme-inducing anticonvulsants with vitamin D, methotrexate with folic
        acid, high-dose vitamin E with anticoagulants, vitamin A with oral retinoids, potassium with drugs that hold
        it, diuretics that lose minerals, digoxin and lithium with calcium, levodopa with B6 and iron, and high-dose
        biotin with laboratory tests. Each entry is data with its severity, source, basis and year; depletions fire
        on the drug alone, as monitoring advice.
    """,
    evidence=evidence("ods-vitamin-e", "ods-vitamin-b12", "ods-calcium", "ods-vitamin-d"),
    fires="800 IU vitamin E",
    quiet="200 IU vitamin E",
    profile={"medications": ["warfarin"]},
    thresholds=_thresholds(_DRUG_NUTRIENT),
    applies_to=Scope("A drug interaction: it matters whoever takes the drug."),
)
def drug_nutrient_rule(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    for entry in _DRUG_NUTRIENT_ENTRIES.concerning(ctx, always=_DOSE_ONLY):  # and a dose that matters by itself
        if entry.unless and any(cls in ctx.medications for cls in entry.unless):
            continue
        if not entry.classes and not entry.drugs:  # a dose that matters by itself (biotin and lab tests)
            supplied = _supplied_by(ctx, entry, limits)
            if supplied:
                tail = " ".join(part for part in (entry.why, entry.advice) if part)
                yield Hit(
                    f"The regimen adds {' and '.join(s.phrase for s in supplied)}. {tail}",
                    supplied[0].nutrient,
                    Severity(entry.severity),
                    evidence(*entry.source),
                )
            continue
        taken = _taken(ctx, entry, oral_only=False)
        if not taken:
            continue
        supplied = _supplied_by(ctx, entry, limits)  # only for an entry the list's drugs concern
        if not (supplied or entry.always):
            continue
        tail = " ".join(part for part in (entry.why, entry.advice) if part)
        names = " and ".join(_called(shown, match) for match, shown in taken.values())
        head = f"{names} with {' and '.join(s.phrase for s in supplied)}." if supplied else f"{names}:"
        yield Hit(
            f"{head} {tail}",
            supplied[0].nutrient if supplied else entry.nutrients[0].nutrient,
            Severity(entry.severity),
            evidence(*entry.source),
        )


@rule(
    code="CG306",
    name="phosphate-binder",
    severity=Severity.INFO,
    summary="A calcium-based phosphate binder (calcium acetate, or calcium with purpose: phosphate binder).",
    rationale="""
        Calcium acetate and calcium carbonate taken as phosphate binders are calcium toward the totals, but they are
        taken with meals by design, so calcguide never advises moving or splitting them. KDIGO 2017 suggests
        restricting calcium-based binders in chronic kidney disease: a nephrologist's decision. Other calcium
        supplements on top of a calcium binder are a warning. Binders named only in the medication list supply a
        mineral the totals cannot count without a dose.
    """,
    evidence=evidence("kdigo-ckd-mbd", "label-phoslyra"),
    fires="1334 mg calcium acetate three times daily",
    quiet="500 mg calcium (as citrate)",
    profile={"conditions": ["CKD stage 4"]},
    applies_to=Scope("A binder is prescribed for kidney disease at any age; how it is taken does not change."),
)
def phosphate_binder(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    known = binders()
    calcium = ctx.doses("calcium")
    for index in sorted(ctx.binders):
        mine = [d for d in calcium if d.item_index == index]
        others = sum(d.per_day for d in calcium if d.item_index not in ctx.binders)
        message = (
            f"{mine[0].item} is a calcium-based phosphate binder: {amount(sum(d.per_day for d in mine), 'mg')} of "
            f"calcium a day, counted in the totals. {known.says}"
        )
        if others > 0:
            message += f" The regimen adds {amount(others, 'mg')} of calcium a day from other items. {known.others}"
        yield Hit(
            message,
            "calcium",
            Severity.WARNING if others > 0 else Severity.INFO,
            evidence(*known.source),
            mine[0].location,
        )
    listed: dict[str, tuple[DrugMatch, list[str]]] = {}
    for taken in ctx.drugs:
        if taken.match.drug in known.listed and taken.line.line.text in ctx.regimen.profile.medications:
            listed.setdefault(taken.match.drug, (taken.match, []))[1].append(taken.shown)
    for drug, (match, shown) in listed.items():
        entry = known.listed[drug]
        yield Hit(
            f"{_called(shown, match)} in the medication list {entry.says}.",
            entry.nutrient,
            Severity.INFO,
            evidence(*entry.source),
        )
