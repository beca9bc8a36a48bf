"""What calcguide checks for a medication or condition name ("omeprazole", "Hyzaar", "CKD stage 3b"), with sources,
and the catalogue's size for ``calcguide rules --format json``. Text in, text out: the CLI only prints it."""

from __future__ import annotations

from collections.abc import Iterable

from . import data
from .catalog import catalog
from .errors import InputError
from .interaction_catalog import (
    Interaction,
    active_vitamin_d,
    binders,
    interactions,
    nutrient_pairs,
    timing,
)
from .medications import DrugMatch, is_drug, lookups, read, read_condition
from .quantities import lower_label
from .rules import REGISTRY, Evidence
from .rules.base import evidence

# Rules that are code, not catalogue entries, and the drug classes they concern.
_CLASS_RULES = {"vitamin_k_antagonist": "vitamin-k-anticoagulant", "thiazide": "thiazide-hypercalcemia"}


def _evidence_lines(cited: Iterable[Evidence], basis: str | None = None, year: int | None = None) -> list[str]:
    head = f"    Evidence ({basis}, {year}):" if basis else "    Evidence:"
    return [head] + [f"      - {e.title}\n        {e.url}" for e in cited]


def _source_lines(ids: Iterable[str], basis: str | None = None, year: int | None = None) -> list[str]:
    return _evidence_lines(evidence(*ids), basis, year)


def _nutrient_words(entry: Interaction) -> str:
    known = catalog().nutrients
    words = []
    for wanted in entry.nutrients:
        word = wanted.label or (
            lower_label(known[wanted.nutrient].label) if wanted.nutrient in known else wanted.nutrient
        )
        if wanted.threshold is not None:
            t = wanted.threshold
            word += f" from {t.amount:g} {t.unit} a {t.per}"
        words.append(word)
    return ", ".join(words)


def _entry_lines(entry: Interaction, drug: DrugMatch) -> list[str]:
    rule = REGISTRY["mineral-drug-spacing" if entry.kind == "spacing" else "drug-nutrient"]
    when = "on the drug alone, as monitoring advice" if entry.always else "in the regimen"
    unless = ""
    if entry.unless:
        labels = [catalog().medication_classes[c].label for c in entry.unless]
        unless = f"; not with a {' or '.join(labels)}"
    name = drug.drug if is_drug(drug.drug) else f"the {drug.drug}"
    minerals = [w.label or w.nutrient.replace("_", " ") for w in entry.nutrients]
    # A drug-nutrient entry's advice already words its interval (its hours are for the schedule).
    interval = timing(name, minerals, entry.hours) if entry.kind == "spacing" else ""
    text = " ".join(part for part in (entry.why, interval, entry.advice) if part)
    return [
        f"  {rule.code} {rule.name}: {_nutrient_words(entry)} {when} ({entry.severity}, {entry.kind}{unless})",
        f"    {text}",
        *_source_lines(entry.source, entry.basis, entry.year),
    ]


def _drug_lines(drug: DrugMatch, shown: str) -> list[str]:
    known = catalog().medication_classes
    label = known[drug.drug_class].label
    title = drug.drug if drug.drug == label else f"{drug.drug} ({label})"
    if shown == drug.drug:
        lines = [title]
    elif shown.startswith(f"{drug.drug} (in "):
        lines = [f"{title}, {shown[len(drug.drug) + 2 : -1]}"]  # "losartan (...), in Hyzaar"
    else:
        lines = [f"{shown}: {title}"]
    if drug.drug in active_vitamin_d():
        lines.append(f"  {active_vitamin_d()[drug.drug].what}; as a regimen item it is listed, never counted.")
    checks: list[str] = []
    code_rule = _CLASS_RULES.get(drug.drug_class)
    if code_rule:
        rule = REGISTRY[code_rule]
        checks += [f"  {rule.code} {rule.name}: {rule.summary} ({rule.severity.value})", f"    {rule.rationale}"]
        checks += _evidence_lines(rule.evidence)
    for entry in interactions():
        if entry.concerns(drug.drug, drug.drug_class):
            checks += _entry_lines(entry, drug)
    listed = binders().listed.get(drug.drug)
    if listed is not None:
        rule = REGISTRY["phosphate-binder"]
        checks += [
            f"  {rule.code} {rule.name}: in the medication list it {listed.says}.",
            *_source_lines(listed.source),
        ]
    switches = [e for e in interactions() if drug.drug_class in e.unless]
    for entry in switches:
        checks.append(f"  {drug.drug} switches off {entry.id}: {entry.why}")
    if not checks:
        checks = ["  calcguide knows this drug but has no supplement interaction for it in its catalogue."]
    return [*lines, "What calcguide checks:", *checks]


def _condition_lines(condition: str, shown: str) -> list[str]:
    known = catalog()
    cls = known.condition_classes[condition]
    lines = [f"{shown}: {cls.label}" if shown.lower() != cls.label.lower() else cls.label, "What calcguide checks:"]
    rule = REGISTRY["condition-caution"]
    nutrients = [lower_label(known.nutrients[n].label) if n in known.nutrients else n for n in cls.nutrients]
    if nutrients:
        lines += [
            f"  {rule.code} {rule.name}: {', '.join(nutrients)} in the regimen ({cls.severity})",
            f"    {cls.why}",
            *_source_lines(cls.evidence),
        ]
    for pair in nutrient_pairs():
        if condition in pair.conditions:
            pair_rule = REGISTRY["nutrient-pair"]
            lines += [
                f"  {pair_rule.code} {pair_rule.name}: {pair.id} ({pair.severity})",
                f"    {pair.why} {pair.advice}",
                *_source_lines(pair.source, pair.basis, pair.year),
            ]
    if condition in binders().conditions:
        binder = REGISTRY["phosphate-binder"]
        lines += [
            f"  {binder.code} {binder.name}: here calcium acetate items are phosphate binders: counted as calcium, "
            "taken with meals, never split"
        ]
    return lines


def explain_name(text: str) -> str:
    """What calcguide checks for a medication or condition as a chart writes it; InputError when it names nothing
    calcguide knows, or names a drug ambiguously ("levo")."""
    reading = read(text)
    if reading.line.ambiguous and not reading.line.drugs:
        raise InputError(
            f"'{text}' is ambiguous: {' or '.join(reading.line.ambiguous)}", "say which drug is meant", None
        )
    blocks = [_drug_lines(drug, shown) for drug, shown in zip(reading.line.drugs, reading.shown, strict=True)]
    condition = read_condition(text)
    if not blocks and not condition.negated:
        blocks = [_condition_lines(c, shown) for c, shown in zip(condition.conditions, condition.shown, strict=True)]
    if not blocks:
        raise InputError(
            f"'{text}' is not a rule, medication or condition calcguide knows",
            "run 'calcguide rules' for the rules",
            None,
        )
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def catalogue_size(rule: str) -> dict[str, int] | None:
    """How much of the catalogue a data-driven rule reads (None for a rule that is code only)."""
    tables = lookups()
    drugs_of = {
        "mineral-drug-spacing": [e for e in interactions() if e.kind == "spacing"],
        "drug-nutrient": [e for e in interactions() if e.kind != "spacing"],
    }
    if rule in drugs_of:
        entries = drugs_of[rule]
        classes = {c for e in entries for c in e.classes}
        covered = {
            drug
            for cls in data.load("interactions")["medications"]
            for drug in (d["drug"] for d in cls["drugs"])
            if cls["id"] in classes or any(drug in e.drugs for e in entries)
        }
        return {"entries": len(entries), "drugs": len(covered), "names": len(tables.drugs)}
    if rule == "nutrient-pair":
        return {"entries": len(nutrient_pairs())}
    if rule == "condition-caution":
        return {"entries": len(catalog().condition_classes), "names": len(tables.conditions)}
    if rule == "phosphate-binder":
        return {"entries": len(binders().listed) + len(binders().ckd_salts)}
    return None
