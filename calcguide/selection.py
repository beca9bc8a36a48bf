"""Which rules run: rule names and codes resolved against the registry, and a regimen's own ``ignore:`` entries.

The regimen model stores the names as written; they are resolved here, where rules are chosen, so the model
never imports the rule engine (data flows one way: text, model, doses, totals, findings, report).
"""

from __future__ import annotations

from collections.abc import Iterable

from .catalog import suggest
from .errors import InputError, Location
from .regimen import Regimen
from .rules import REGISTRY


def rule_name(name_or_code: str, location: Location | None = None) -> str:
    """The registered rule a name or code (``d-without-k2`` or ``CG101``) means; InputError with a suggestion."""
    wanted = name_or_code.strip()
    for rule in REGISTRY.values():
        if wanted.lower() in (rule.name, rule.code.lower()):
            return rule.name
    close = suggest(wanted, [*REGISTRY, *(rule.code for rule in REGISTRY.values())])
    hint = f"did you mean '{close}'?" if close else "run 'calcguide rules' for the list"
    raise InputError(f"unknown rule '{wanted}'", hint, location)


def regimen_ignores(regimen: Regimen) -> tuple[tuple[str, str], ...]:
    """The rules a regimen ignores for itself, as (registered name, reason); an unknown name is an input error
    at the place it is written."""
    return tuple(
        (rule_name(entry.rule, entry.rule_location or entry.location), entry.reason) for entry in regimen.ignored
    )


def chosen_rules(select: Iterable[str] | None, ignore: Iterable[str]) -> set[str]:
    """The registered names of the rules to run: ``select`` (every rule when None) less ``ignore``."""
    chosen = {rule_name(name) for name in select} if select is not None else set(REGISTRY)
    return chosen - {rule_name(name) for name in ignore}
