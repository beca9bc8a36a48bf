"""The calcium-paradox rules: vitamin D without vitamin K2, and K2 that is small next to the D dose."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

from ..quantities import number, vitamin_d_iu
from .base import Context, Hit, Scope, Severity, evidence, rule

K2_FORMS: Final = ("mk4", "mk7", "k2")
#: Both K2 rules speak to adults only: the K2 trials enrolled adults, and nothing supports K2 for children.
ADULTS: Final = Scope(
    why="""
        The K2 trials behind these rules (Knapen 2013, 2015: 180 mcg MK-7 a day) enrolled adults, mostly
        postmenopausal women; no source supports K2 supplements for infants or children (the vitamin K AI is
        2 mcg a day at 0-6 months, 30 mcg at 1-3 years), so for anyone under 19 the rules stay quiet.
    """,
    groups=("males", "females", "pregnancy", "lactation"),
    min_age_years=19,
    info_only=("pregnancy", "lactation"),
    info_only_note="No safety data on K2 supplements exist in {group}; ask the clinician before taking one.",
)
_WHY_K2: Final = (
    "vitamin K2 activates osteocalcin, which binds calcium into bone, and matrix Gla-protein, which keeps it out "
    "of arteries"
)


@rule(
    code="CG101",
    name="d-without-k2",
    severity=Severity.WARNING,
    summary="Vitamin D supplemented with no vitamin K2 (MK-4 or MK-7) in the regimen.",
    rationale=f"""
        Vitamin D raises calcium absorption; {_WHY_K2}. Taking D at a meaningful dose without K2 is the imbalance
        calcguide exists to point out (the "calcium paradox": bone loss and vascular calcification together).
        No authority (NASEM, EFSA, Endocrine Society) sets a D:K2 requirement: this is a prompt to consider K2,
        not a deficiency. Below the threshold the finding is only info. Vitamin K1 counts toward vitamin K but not
        as K2, and the message says so.
    """,
    evidence=evidence("mandatori-2021", "persy-2009", "knapen-2013"),
    thresholds={"warning_iu_per_day": 1000},
    fires="5000 IU D3",
    quiet="5000 IU D3 + 100 mcg MK-7",
    applies_to=ADULTS,
)
def d_without_k2(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    d_mcg = ctx.per_day("vitamin_d")
    if d_mcg <= 0 or any(dose.form in K2_FORMS for dose in ctx.doses("vitamin_k")):
        return
    d_iu = vitamin_d_iu(d_mcg)
    meaningful = d_iu >= limits["warning_iu_per_day"]
    message = f"Vitamin D at {number(d_iu)} IU ({number(d_mcg)} mcg) a day with no vitamin K2 (MK-4 or MK-7)"
    message += f": {_WHY_K2}." if meaningful else f", below {number(limits['warning_iu_per_day'])} IU a day."
    other_k = sorted({dose.dose for dose in ctx.doses("vitamin_k")})
    if other_k:
        message += f" The regimen has vitamin K ({', '.join(other_k)}) but not as K2, which this rule asks for."
    message += " No official D:K2 requirement exists"
    profile = ctx.regimen.profile
    antagonist = ctx.medications.get("vitamin_k_antagonist")
    if antagonist:  # K2 counteracts warfarin: advice to add it would move the INR
        names = " and ".join(dict.fromkeys(antagonist[1]))
        message += (
            f"; with {names}, add vitamin K2 only with the prescriber's agreement: a new vitamin K source moves the "
            "INR."
        )
    else:  # in pregnancy and lactation the scope's note replaces the advice to add K2
        message += "." if profile.pregnant or profile.lactating else "; consider adding 90-180 mcg MK-7 a day."
    yield Hit(message, "vitamin_d", None if meaningful else Severity.INFO)


@rule(
    code="CG102",
    name="low-k2-for-d",
    severity=Severity.INFO,
    summary="Vitamin K2 present but small next to the vitamin D dose (a heuristic ratio, not an official one).",
    rationale="""
        A heuristic, labelled as such: no authority publishes a D:K2 ratio. The lowest ratio commonly claimed in
        practitioners' writing is about 100 mcg of K2 per 10,000 IU of D3, i.e. 10 mcg per 1,000 IU; below that
        calcguide mentions it as info. The trials that showed bone and arterial benefits used 180 mcg MK-7 a day.
    """,
    evidence=evidence("knapen-2013", "mandatori-2021"),
    thresholds={"k2_mcg_per_1000_iu": 10},
    fires="20000 IU D3 + 100 mcg MK-7",
    quiet="5000 IU D3 + 100 mcg MK-7",
    applies_to=ADULTS,
)
def low_k2_for_d(ctx: Context, limits: Mapping[str, float]) -> Iterator[Hit]:
    d_mcg = ctx.per_day("vitamin_d")
    k2_mcg = sum(dose.per_day for dose in ctx.doses("vitamin_k") if dose.form in K2_FORMS)
    if d_mcg <= 0 or k2_mcg <= 0:
        return
    d_iu = vitamin_d_iu(d_mcg)
    wanted = limits["k2_mcg_per_1000_iu"] * d_iu / 1000
    if k2_mcg < wanted:
        yield Hit(
            f"Heuristic: {number(k2_mcg)} mcg of vitamin K2 a day next to {number(d_iu)} IU of vitamin D is below "
            f"{number(limits['k2_mcg_per_1000_iu'])} mcg per 1,000 IU ({number(wanted)} mcg), the lowest ratio "
            "commonly claimed; no official D:K2 ratio exists.",
            "vitamin_k",
        )
