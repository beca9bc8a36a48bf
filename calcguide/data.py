"""Loads the package's reference data files once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@cache
def load(name: str) -> Any:
    """The parsed contents of ``calcguide/data/<name>.yaml`` (trusted, shipped with the package)."""
    text = resources.files("calcguide").joinpath("data", f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)
