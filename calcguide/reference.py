"""Life stages and the reference values (target and UL) that apply to a profile."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Final, NamedTuple

from . import data
from .regimen import Profile

ADULT_BANDS: Final = ("19-30y", "31-50y")


class ReferenceValue(NamedTuple):
    """One nutrient's target (RDA or AI) and tolerable upper intake level; None where none is established."""

    target: float | None
    target_type: str | None
    ul: float | None


class Limit(NamedTuple):
    """One authority's UL for a nutrient, what it applies to, and where it comes from."""

    authority: str  # nasem | efsa
    ul: float | None
    basis: str  # total | supplemental | preformed | folic_acid | supplemental_folate | nicotinic_acid | nicotinamide
    source_title: str
    source_url: str
    forms: tuple[str, ...] = ()  # only doses of these forms count (EFSA: nicotinic acid and nicotinamide apart)


AUTHORITIES: Final = {"nasem": "US National Academies (NASEM)", "efsa": "European Food Safety Authority (EFSA)"}
STANDARDS: Final = ("nasem", "efsa", "both")
_DATA_FILE: Final = {"nasem": "dri_us", "efsa": "efsa"}


class LifeStage(NamedTuple):
    id: str
    label: str
    group: str
    from_months: int
    to_months: int


class Standard(NamedTuple):
    """The reference values calcguide evaluates against for one profile, and how they were chosen."""

    life_stage_id: str
    life_stage: str
    values: dict[str, ReferenceValue]
    note: str
    limits: Mapping[str, tuple[Limit, ...]] = {}
    standard: str = "nasem"


@cache
def life_stages() -> dict[str, LifeStage]:
    return {
        entry["id"]: LifeStage(entry["id"], entry["label"], entry["group"], entry["from_months"], entry["to_months"])
        for entry in data.load("life_stages")["life_stages"]
    }


@cache
def values_for(stage_id: str) -> dict[str, ReferenceValue]:
    """Every nutrient's reference value for one life stage, straight from dri_us.yaml."""
    nutrients = data.load("dri_us")["nutrients"]
    out = {}
    for nutrient, table in nutrients.items():
        row = table["values"][stage_id]
        out[nutrient] = ReferenceValue(
            None if row["target"] is None else float(row["target"]),
            row["type"],
            None if row["ul"] is None else float(row["ul"]),
        )
    return out


def _stricter(stage_ids: list[str]) -> dict[str, ReferenceValue]:
    """Per nutrient, the highest target and the lowest UL among the stages: neither is understated."""
    tables = [values_for(stage_id) for stage_id in stage_ids]
    merged = {}
    for nutrient in tables[0]:
        rows = [table[nutrient] for table in tables]
        targets = [row for row in rows if row.target is not None]
        top = max(targets, key=lambda row: row.target or 0.0) if targets else rows[0]
        uls = [row.ul for row in rows if row.ul is not None]
        merged[nutrient] = ReferenceValue(top.target, top.target_type, min(uls) if uls else None)
    return merged


def _stage_for(group: str, months: float) -> LifeStage:
    for stage in life_stages().values():
        if stage.group == group and stage.from_months <= months < stage.to_months:
            return stage
    raise ValueError(f"no {group} life stage at {months} months")  # pragma: no cover - the table covers 0-130 y


def standard_for(profile: Profile, which: str = "nasem") -> Standard:
    """The reference values for a profile under ``which`` standard (nasem, efsa or both)."""
    return _standard(profile.age_years, profile.sex, profile.pregnant, profile.lactating, which)


@lru_cache(maxsize=1024)  # only these fields choose the values; a batch meets the same few over and over
def _standard(age_years: float | None, sex: str | None, pregnant: bool, lactating: bool, which: str) -> Standard:
    standard, stage_ids = _us_standard(Profile(age_years, sex, pregnant, lactating))
    months = None if age_years is None or not (pregnant or lactating) else round(age_years * 12, 9)
    return with_standard(standard, stage_ids, which, months)


def _us_standard(profile: Profile) -> tuple[Standard, tuple[str, ...]]:
    """Pick the life stage of a profile; where age or sex is missing, combine the candidates strictly."""
    state = "pregnancy" if profile.pregnant else "lactation" if profile.lactating else None
    if profile.age_years is None:
        note = "age not given: the stricter of the 19-30 and 31-50 values"
        if state is not None:
            group, label = state, f"{state.capitalize()} 19-50 years"
            ids = [f"{state}-{band}" for band in ADULT_BANDS]
        elif profile.sex is not None:
            group, label = f"{profile.sex}s", f"{profile.sex.capitalize()}s 19-50 years"
            ids = [f"{group}-{band}" for band in ADULT_BANDS]
        else:
            group, label = "adults", "Adults 19-50 years"
            ids = [f"{sex}-{band}" for sex in ("males", "females") for band in ADULT_BANDS]
            note = "no profile: an adult 19-50 years, with the stricter of the male and female values"
        return Standard(f"{group}-19-50y", label, _stricter(ids), note), tuple(ids)
    # Rounded: "7 months" is 7 * (1/12) years, and 7 * (1/12) * 12 is 6.999999999999999, which is not 7 months.
    months = round(profile.age_years * 12, 9)
    if state is not None:
        stage = _stage_for(state, months)
        return Standard(stage.id, stage.label, values_for(stage.id), ""), (stage.id,)
    if months < 108:
        stage = _stage_for("infants" if months < 12 else "children", months)
        return Standard(stage.id, stage.label, values_for(stage.id), ""), (stage.id,)
    if profile.sex is None:
        male, female = _stage_for("males", months), _stage_for("females", months)
        band = male.id.removeprefix("males-")
        return Standard(
            f"people-{band}",
            f"People {male.label.removeprefix('Males ')}",
            _stricter([male.id, female.id]),
            "sex not given: the stricter of the male and female values",
        ), (male.id, female.id)
    stage = _stage_for(f"{profile.sex}s", months)
    return Standard(stage.id, stage.label, values_for(stage.id), ""), (stage.id,)


def _limit(authority: str, entry: dict[str, object], ul: float | None, source: dict[str, str]) -> Limit:
    forms = entry.get("forms") or ()
    assert isinstance(forms, list | tuple)
    return Limit(authority, ul, str(entry["ul_basis"]), source["title"], source["url"], tuple(str(f) for f in forms))


@cache
def _limits_for(stage_ids: tuple[str, ...], authority: str) -> dict[str, tuple[Limit, ...]]:
    """Each nutrient's ULs under one authority: the lowest over ``stage_ids`` (the strict combination).

    A nutrient may have several (EFSA: nicotinic acid and nicotinamide); an entry names its nutrient where its key
    is not the nutrient's id.
    """
    table = data.load(_DATA_FILE[authority])["nutrients"]
    limits: dict[str, tuple[Limit, ...]] = {}
    for key, entry in table.items():
        uls = [float(entry["values"][s]["ul"]) for s in stage_ids if entry["values"][s]["ul"] is not None]
        source = entry.get("infant_source") if all(s.startswith("infants") for s in stage_ids) else None
        limit = _limit(authority, entry, min(uls) if uls else None, source or entry["source"])
        nutrient = str(entry.get("nutrient", key))
        limits[nutrient] = (*limits.get(nutrient, ()), limit)
    return limits


@lru_cache(maxsize=256)
def _efsa_band_limits(months: float) -> dict[str, tuple[Limit, ...]]:
    """EFSA's ULs at one age in pregnancy or lactation: her own age band's (EFSA sets none for pregnancy as such),
    none where a UL does not apply in pregnancy (``in_pregnancy: false``)."""
    efsa = data.load("efsa")
    band = next(b["id"] for b in efsa["bands"] if b["from_months"] <= months < b["to_months"])
    limits: dict[str, tuple[Limit, ...]] = {}
    for key, entry in efsa["nutrients"].items():
        value = entry["bands"][band] if entry["in_pregnancy"] else None
        source = entry.get("infant_source") if band.startswith("infants") else None
        limit = _limit("efsa", entry, None if value is None else float(value), source or entry["source"])
        nutrient = str(entry.get("nutrient", key))
        limits[nutrient] = (*limits.get(nutrient, ()), limit)
    return limits


def with_standard(
    standard: Standard, stage_ids: tuple[str, ...], which: str, efsa_months: float | None = None
) -> Standard:
    """Attach the ULs of ``which`` (nasem, efsa or both) to a standard chosen from ``stage_ids``.

    ``efsa_months``: the age of a pregnant or lactating person, whose EFSA ULs are her own age band's.
    """
    authorities = ("nasem", "efsa") if which == "both" else (which,)
    per_authority = {
        authority: _efsa_band_limits(efsa_months)
        if authority == "efsa" and efsa_months is not None
        else _limits_for(stage_ids, authority)
        for authority in authorities
    }
    limits = {
        nutrient: tuple(limit for a in authorities for limit in per_authority[a].get(nutrient, ()))
        for nutrient in standard.values
    }
    values = standard.values
    note = standard.note
    if which == "efsa":
        values = {n: v._replace(ul=_lowest(limits[n])) for n, v in values.items()}
        extra = "EFSA upper limits; targets are the US RDA/AI"
        note = f"{note}; {extra}" if note else extra
    elif which == "both":
        extra = "US and EFSA upper limits side by side; the stricter one is applied"
        note = f"{note}; {extra}" if note else extra
    return standard._replace(values=values, note=note, limits=limits, standard=which)


def _lowest(limits: tuple[Limit, ...]) -> float | None:
    uls = [limit.ul for limit in limits if limit.ul is not None]
    return min(uls) if uls else None
