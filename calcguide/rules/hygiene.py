"""Bookkeeping rules: the same nutrient from several products, and ingredients calcguide does not know."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..errors import quote, shorten
from ..quantities import amount
from .base import Context, Hit, Scope, Severity, evidence, rule


@rule(
    code="CG401",
    name="duplicate-source",
    severity=Severity.INFO,
    summary="One nutrient comes from two or more items (a multivitamin plus a separate D3).",
    rationale="""
        Amounts from several products add up, and people often count only the one they bought for that nutrient.
        The finding names every item so the total is visible.
    """,
    evidence=evidence("ods-wyntk"),
    fires="2000 IU D3 + 1000 IU vitamin D3",
    quiet="2000 IU D3 + 100 mcg MK-7",
    applies_to=Scope("Amounts add up whoever takes them."),
)
def duplicate_source(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    for total in ctx.totals.values():
        if len(total.sources) >= 2:
            yield Hit(
                f"{total.label} comes from {len(total.sources)} items ({'; '.join(total.sources)}), together "
                f"{amount(total.amount_per_day, total.unit, total.nutrient)} a day.",
                total.nutrient,
            )


@rule(
    code="CG402",
    name="unrecognized-ingredient",
    severity=Severity.WARNING,
    summary="An ingredient calcguide does not know: reported, not guessed, and left out of every total.",
    rationale="""
        A misspelt or unlisted ingredient could hide a large dose. calcguide never guesses what it is: it leaves it
        out of the totals, says so, and suggests the closest name it knows.
    """,
    evidence=evidence("ods-dsld"),
    fires="100 mcg MK-9",
    quiet="100 mcg MK-7",
    applies_to=Scope("An unknown ingredient is unassessed whoever takes it."),
)
def unrecognized_ingredient(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    for unknown in ctx.normalized.unrecognized:
        message = (
            f"{quote(unknown.name)} ({shorten(unknown.dose)}) is not an ingredient calcguide knows; it is not counted."
        )
        if unknown.suggestion:
            message += f" Did you mean '{unknown.suggestion}'?"
        yield Hit(message, None, location=unknown.location)
