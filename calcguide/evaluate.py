"""The functional core: a Regimen in, a Report out (normalise, total, run the rules). No I/O."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Final, NamedTuple

from .catalog import catalog
from .errors import InputError, Location
from .interaction_catalog import describe
from .medications import MedicineItem, read_condition
from .medications import read as read_medication_line
from .normalize import NotAssessed, normalize
from .records import record
from .reference import Standard, standard_for
from .regimen import Profile, Regimen
from .rules import REGISTRY, Context, Finding, Rule, Severity
from .rules.base import CAPPED, FULL
from .selection import chosen_rules, regimen_ignores
from .totals import NutrientTotal, compute_totals

DISCLAIMER: Final = (
    "calcguide reports what its rules found; it is not medical advice. Ask a clinician before changing doses."
)


class Unmatched(NamedTuple):
    """A medication or condition in the profile that calcguide could not match: shown, never only noted."""

    kind: str  # medication | condition
    text: str  # as written
    reason: str


class Report(NamedTuple):
    """Everything calcguide says about one regimen, or the error that kept it from being read."""

    source: str
    name: str
    profile: Profile
    standard: Standard | None
    totals: tuple[NutrientTotal, ...] = ()
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()
    error: InputError | None = None
    summary: Mapping[str, int] = {}
    ignored: tuple[tuple[str, str], ...] = ()
    unmatched: tuple[Unmatched, ...] = ()
    not_assessed: tuple[NotAssessed, ...] = ()
    medicines: tuple[MedicineItem, ...] = ()  # regimen items that are medications, never counted as nutrients
    location: Location | None = None  # where the regimen starts: the place of a finding that names no item

    @property
    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)


def failed(source: str, name: str, error: InputError) -> Report:
    """The report of a regimen that could not be read: it keeps its place in the output, with the error."""
    return Report(source, name, Profile(), None, error=error, summary=_count(()), location=error.location)


_WORST_FIRST: Final = tuple(severity.value for severity in reversed(Severity))


def _count(findings: Iterable[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(_WORST_FIRST, 0)
    for finding in findings:
        counts[finding.severity] += 1  # a StrEnum member is its value as a key (Enum's .value is Python code)
    return counts


NOT_IN_CATALOGUE: Final = "not in calcguide's catalogue"
NEGATED: Final = "reads as a negation or a relative's history: not applied (list only the person's own conditions)"
SUPPLEMENT: Final = "a supplement, not a medication: list it under items with its dose to have it counted and checked"


def _medication_unmatched(text: str) -> list[Unmatched]:
    reading = read_medication_line(text)
    line = reading.line
    found: list[Unmatched] = []
    if line.ambiguous:
        found.append(Unmatched("medication", text, f"ambiguous: {' or '.join(line.ambiguous)} — say which"))
    if not reading.unknown:
        return found
    known = catalog()
    parts = ", ".join(reading.unknown)
    if line.drugs:
        checked = ", ".join(dict.fromkeys(drug.drug for drug in line.drugs))
        found.append(Unmatched("medication", text, f"{NOT_IN_CATALOGUE}: {parts} ({checked} is checked)"))
    elif not line.ambiguous:
        supplement = all(known.ingredient(part) or known.nutrient_named(part) for part in reading.unknown)
        found.append(Unmatched("medication", text, SUPPLEMENT if supplement else NOT_IN_CATALOGUE))
    return found


def _unmatched(profile: Profile) -> tuple[Unmatched, ...]:
    """Every medication or condition line calcguide could not (fully) match, with why: shown, never only noted."""
    found = [entry for text in profile.medications for entry in _medication_unmatched(text)]
    for text in profile.conditions:
        line = read_condition(text)
        if line.negated:
            found.append(Unmatched("condition", text, NEGATED))
        elif not line.conditions:
            found.append(Unmatched("condition", text, NOT_IN_CATALOGUE))
    return tuple(found)


def medicine_note(medicine: MedicineItem) -> str:
    """What a medicine written as an item is, and that its amount is not a nutrient's."""
    return f"{medicine.dose}: {describe(medicine.drugs)}; not counted toward any nutrient's total"


def _profile_notes(profile: Profile) -> list[str]:
    """What the profile says that applies to no check: a cream is not a medicine taken by mouth."""
    notes = []
    for text in profile.medications:
        reading = read_medication_line(text)
        if reading.route == "topical" and reading.line.drugs:
            notes.append(
                f"medication '{text}' is applied to the skin, eyes, ears or airways: calcguide's interactions "
                "concern medicines taken by mouth or injection, so it is not checked"
            )
    return notes


@lru_cache(maxsize=4096)  # one entry per age, sex and state a batch meets (a survey: a few hundred)
def _reaches(
    age_years: float | None, sex: str | None, pregnant: bool, lactating: bool, rules: int
) -> tuple[tuple[Rule, str | None], ...]:
    """Every registered rule with its reach for a profile of these fields (``rules``: how many are registered):
    FULL for a rule that declares no scope, None where the rule keeps quiet."""
    profile = Profile(age_years, sex, pregnant, lactating)
    return tuple(
        (rule, FULL if rule.applies_to is None else rule.applies_to.reach(profile)) for rule in REGISTRY.values()
    )


def evaluate(
    regimen: Regimen,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    thresholds: Mapping[str, Mapping[str, float]] | None = None,
    severities: Mapping[str, Severity] | None = None,
    standard: str = "nasem",
) -> Report:
    """Evaluate one regimen: totals against its life stage, and the findings of the selected rules.

    ``select`` and ``ignore`` take rule names or codes; ``thresholds`` and ``severities`` override a rule's defaults by
    rule name (a severity override replaces whatever severity the rule would give). The regimen's own
    ``ignore`` entries are honoured and listed in the report. Raises InputError when a dose's unit does not
    fit its nutrient (IU of calcium). ``standard`` picks the upper limits: ``nasem`` (US), ``efsa`` or ``both``
    (the stricter applies).
    """
    try:
        own_ignores = regimen_ignores(regimen)  # first, as when the names were checked while the file was read
        normalized = normalize(regimen)
    except InputError as exc:
        raise exc.at(regimen.source) from None
    reference = standard_for(regimen.profile, standard)
    totals = compute_totals(normalized, reference)
    context = Context(regimen, reference, normalized, totals)
    chosen = chosen_rules(select, ignore)
    ignored = tuple((rule, reason) for rule, reason in own_ignores if rule in chosen)
    chosen -= {rule for rule, _ in ignored}
    forced = severities or {}
    findings = []
    profile = regimen.profile
    for rule, reach in _reaches(profile.age_years, profile.sex, profile.pregnant, profile.lactating, len(REGISTRY)):
        # A rule speaks only to the life stages it declares (quiet elsewhere, at most info where it says so).
        if reach is None or rule.name not in chosen:
            continue
        overrides = thresholds.get(rule.name) if thresholds else None
        limits = {**rule.thresholds, **overrides} if overrides else rule.thresholds
        for hit in rule.check(context, limits):
            severity = forced.get(rule.name) or hit.severity or rule.severity
            message = hit.message
            if reach == CAPPED and rule.applies_to is not None:
                severity, message = rule.applies_to.bound(profile, severity, message)
            findings.append(
                record(
                    Finding,
                    rule.name,
                    rule.code,
                    severity,
                    hit.nutrient,
                    message,
                    hit.evidence or rule.evidence,
                    hit.location,
                )
            )
    findings.sort(key=lambda f: (-f.severity.rank, f.code))
    notes = [reference.note] if reference.note else []
    notes += [*regimen.notes, *normalized.notes, *_profile_notes(regimen.profile)]
    notes += [medicine_note(medicine) for medicine in normalized.medicines]
    return Report(
        regimen.source,
        regimen.name,
        regimen.profile,
        reference,
        tuple(totals.values()),
        tuple(findings),
        tuple(notes),
        None,
        _count(findings),
        ignored,
        _unmatched(regimen.profile),
        normalized.not_assessed,
        normalized.medicines,
        location=regimen.location,
    )
