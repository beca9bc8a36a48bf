"""One regimen evaluated for every life stage at once, for formulators and label writers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, NamedTuple

from .evaluate import Report, evaluate
from .reference import LifeStage, life_stages
from .regimen import Profile, Regimen


class StageReport(NamedTuple):
    stage: LifeStage
    report: Report


def profile_for(stage: LifeStage, base: Profile) -> Profile:
    """A profile that falls in ``stage`` (its first month), keeping the medications, conditions and diet."""
    sex = {"males": "male", "females": "female", "pregnancy": "female", "lactation": "female"}.get(stage.group)
    return base._replace(
        age_years=max(stage.from_months, 168 if stage.group in ("pregnancy", "lactation") else 0) / 12,
        sex=sex,
        pregnant=stage.group == "pregnancy",
        lactating=stage.group == "lactation",
    )


def every_life_stage(regimen: Regimen, judge: Callable[[Regimen], Report] = evaluate) -> list[StageReport]:
    """The regimen's report for each of the 22 DRI life stages, infants first."""
    return [
        StageReport(stage, judge(regimen._replace(profile=profile_for(stage, regimen.profile))))
        for stage in sorted(life_stages().values(), key=lambda s: (_GROUP_ORDER.index(s.group), s.from_months))
    ]


_GROUP_ORDER: Final = ("infants", "children", "males", "females", "pregnancy", "lactation")
