"""The functional core: a Regimen in, a Report out (normalise, total, run the rules). No I/O."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from .catalog import catalog
from .errors import InputError, Location, quote
from .normalize import NotAssessed, normalize
from .reference import Standard, standard_for
from .regimen import Profile, Regimen, rule_name
from .rules import REGISTRY, Context, Finding, Severity
from .totals import NutrientTotal, compute_totals

DISCLAIMER = "calcguide reports what its rules found; it is not medical advice. Ask a clinician before changing doses."


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
    location: Location | None = None  # where the regimen starts: the place of a finding that names no item

    @property
    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)


def failed(source: str, name: str, error: InputError) -> Report:
    """The report of a regimen that could not be read: it keeps its place in the output, with the error."""
    return Report(source, name, Profile(), None, error=error, summary=_count(()), location=error.location)


def _count(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {severity.value: 0 for severity in reversed(Severity)}
    for finding in findings:
        counts[finding.severity.value] += 1
    return counts


def _profile_notes(profile: Profile) -> list[str]:
    known = catalog()
    notes = [
        f"medication {quote(name)} is not one calcguide checks interactions for"
        for name in profile.medications
        if known.medication(name) is None
    ]
    notes += [
        f"condition {quote(name)} is not one calcguide checks cautions for"
        for name in profile.conditions
        if known.condition(name) is None
    ]
    return notes


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
        normalized = normalize(regimen)
    except InputError as exc:
        raise exc.at(regimen.source) from None
    reference = standard_for(regimen.profile, standard)
    totals = compute_totals(normalized, reference)
    context = Context(regimen, reference, normalized, totals)
    chosen = {rule_name(name) for name in select} if select is not None else set(REGISTRY)
    chosen -= {rule_name(name) for name in ignore}
    ignored = tuple((entry.rule, entry.reason) for entry in regimen.ignored if entry.rule in chosen)
    chosen -= {rule for rule, _ in ignored}
    forced = severities or {}
    findings = []
    for rule in REGISTRY.values():
        if rule.name not in chosen:
            continue
        limits = {**rule.thresholds, **(thresholds or {}).get(rule.name, {})}
        for hit in rule.check(context, limits):
            findings.append(
                Finding(
                    rule.name,
                    rule.code,
                    forced.get(rule.name) or hit.severity or rule.severity,
                    hit.nutrient,
                    hit.message,
                    hit.evidence or rule.evidence,
                    hit.location,
                )
            )
    findings.sort(key=lambda f: (-f.severity.rank, f.code))
    notes = [reference.note] if reference.note else []
    notes += [*regimen.notes, *normalized.notes, *_profile_notes(regimen.profile)]
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
        not_assessed=normalized.not_assessed,
        location=regimen.location,
    )
