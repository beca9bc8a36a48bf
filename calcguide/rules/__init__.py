"""The rule registry: importing the rule modules declares their rules."""

from __future__ import annotations

from . import hygiene, interactions, limits, pairs, vitamin_k2
from .base import REGISTRY, Context, Evidence, Finding, Hit, Rule, Severity

__all__ = ["REGISTRY", "Context", "Evidence", "Finding", "Hit", "Rule", "Severity", "rules_by_code"]
_MODULES = (vitamin_k2, limits, interactions, pairs, hygiene)


def rules_by_code() -> list[Rule]:
    return sorted(REGISTRY.values(), key=lambda r: r.code)
