"""calcguide: checks dietary-supplement regimens (vitamin D, K2, calcium, magnesium, vitamin A) like a linter.

The public API, used by the command line itself::

    from calcguide import load_regimens, evaluate
    for regimen in load_regimens(open("regimens/full-bone-stack.yaml").read(), "regimens/full-bone-stack.yaml"):
        report = evaluate(regimen)
        for finding in report.findings:
            print(finding.severity, finding.rule, finding.message)
"""

from __future__ import annotations

from .errors import InputError, Location
from .evaluate import DISCLAIMER, Report, evaluate, failed
from .loading import load_regimens
from .regimen import Profile, Regimen, regimen_from_line
from .rules import Evidence, Finding, Severity
from .totals import NutrientTotal

__version__ = "0.1.0"
__all__ = [
    "DISCLAIMER",
    "Evidence",
    "Finding",
    "InputError",
    "Location",
    "NutrientTotal",
    "Profile",
    "Regimen",
    "Report",
    "Severity",
    "evaluate",
    "failed",
    "load_regimens",
    "regimen_from_line",
]
