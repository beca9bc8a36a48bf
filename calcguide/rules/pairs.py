"""nutrient-pair: supplements in one regimen that work against each other, or one that a profile makes risky.

The pairs are data (interactions.yaml ``nutrient_pairs``); each names one of the small checks below, chosen by a
table, not an if-chain: two separate items (iron and calcium), a ratio (zinc without enough copper), a profile
(beta-carotene for a smoker).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Final

from ..catalog import catalog
from ..interaction_catalog import NutrientPair, has_form, nutrient_pairs, per_day
from ..quantities import amount, number
from .base import Context, Hit, Scope, Severity, evidence, rule

_PAIRS: Final = nutrient_pairs()


def _key(pair: NutrientPair, name: str) -> str:
    return f"{pair.id.replace('-', '_')}_{name}"


def _limit(pair: NutrientPair, limits: Mapping[str, float], name: str) -> float:
    return limits.get(_key(pair, name), pair.thresholds[name])


def _hit(pair: NutrientPair, head: str, nutrient: str) -> Hit:
    return Hit(f"{head} {pair.why} {pair.advice}".strip(), nutrient, Severity(pair.severity), evidence(*pair.source))


def _separate_items(ctx: Context, pair: NutrientPair, limits: Mapping[str, float]) -> Iterator[Hit]:
    """Iron and calcium as separate items: calcium at or above the threshold in one intake of another item."""
    first, second = pair.nutrients
    limit = _limit(pair, limits, f"{second}_mg_per_intake")
    with_first = ctx.per_intake_by_item(first)
    for index, doses in ctx.per_intake_by_item(second).items():
        mg = sum(d.per_intake for d in doses)
        others = [items for other, items in with_first.items() if other != index]
        if mg < limit or not others:
            continue
        named = " and ".join(dict.fromkeys(items[0].item for items in others))
        yield _hit(
            pair, f"{named} and {doses[0].item} ({number(mg)} mg of {second} in one intake) are separate items.", second
        )


def _ratio(ctx: Context, pair: NutrientPair, limits: Mapping[str, float]) -> Iterator[Hit]:
    """Zinc at or above the threshold a day with less copper than one mg per ``zinc_mg_per_mg_copper``."""
    zinc, copper = pair.nutrients
    zinc_mg = ctx.per_day(zinc)
    if zinc_mg < _limit(pair, limits, f"{zinc}_mg_per_day"):
        return
    known = catalog().nutrients
    copper_mg = per_day(ctx.doses(copper), "mg") if copper in known else 0.0
    per_copper = _limit(pair, limits, f"{zinc}_mg_per_mg_{copper}")
    if copper_mg * per_copper >= zinc_mg:
        return
    needed = zinc_mg / per_copper
    with_copper = (
        f"only {amount(ctx.per_day(copper), known[copper].unit)} of {copper}" if copper_mg > 0 else "no copper"
    )
    yield _hit(
        pair,
        f"{number(zinc_mg)} mg of {zinc} a day with {with_copper}, less than 1 mg of copper per "
        f"{number(per_copper)} mg of zinc ({number(needed)} mg).",
        zinc,
    )


def _profile(ctx: Context, pair: NutrientPair, limits: Mapping[str, float]) -> Iterator[Hit]:
    """Supplemental beta-carotene at or above the threshold for a smoker (profile or conditions)."""
    (nutrient,) = pair.nutrients
    who = ["the profile says smoker"] if ctx.regimen.profile.smoker else []
    who += [f"the conditions name {' and '.join(ctx.conditions[c][1])}" for c in pair.conditions if c in ctx.conditions]
    if not who:
        return
    doses = [d for d in ctx.doses(nutrient) if has_form(d, pair.forms)]
    mg = per_day(doses, "mg")
    if mg < _limit(pair, limits, "beta_carotene_mg_per_day"):
        return
    yield _hit(pair, f"{number(mg)} mg of supplemental beta-carotene a day, and {' and '.join(who)}.", nutrient)


_CHECKS: Final[dict[str, Callable[[Context, NutrientPair, Mapping[str, float]], Iterator[Hit]]]] = {
    "separate_items": _separate_items,
    "ratio": _ratio,
    "profile": _profile,
}


@rule(
    code="CG307",
    name="nutrient-pair",
    severity=Severity.WARNING,
    summary="Supplements that work against each other (iron and calcium, zinc and copper); beta-carotene for smokers.",
    rationale="""
        Calcium of 300 mg or more at once reduces iron absorption (separate items only: inside one multivitamin there
        is nothing to separate); zinc from 40 mg a day induces copper deficiency unless copper comes with it (AREDS:
        2 mg per 80 mg); supplemental beta-carotene from 20 mg a day raised lung cancer in smokers (ATBC, CARET).
        Each pair is data in interactions.yaml with its source.
    """,
    evidence=evidence("hallberg-1991", "ods-zinc", "areds-2001", "atbc-1994", "caret-1996"),
    fires="50 mg zinc",
    quiet="25 mg zinc",
    thresholds={_key(pair, name): value for pair in _PAIRS for name, value in pair.thresholds.items()},
    applies_to=Scope(
        "Supplements act on each other's absorption at any age; the thresholds are the adult figures the sources use."
    ),
)
def nutrient_pair(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    for pair in _PAIRS:
        yield from _CHECKS[pair.check](ctx, pair, limits)
