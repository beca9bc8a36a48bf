"""The package's reference data, loaded once per process.

The YAML files in ``calcguide/data/`` are the source of truth, each value with its source. They are also
compiled into ``data/compiled.json``, which loads about thirty times faster than parsing YAML at every start;
a test keeps the two identical, and ``python -m calcguide.compile_data`` rewrites it after an edit.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Final

FOLDER: Final = Path(__file__).with_name("data")  # plain files: importlib.resources alone costs ~10 ms to import
SOURCES: Final = ("advice", "dri_us", "efsa", "evidence", "ingredients", "interactions", "life_stages")
COMPILED: Final = "compiled.json"


@cache
def _compiled() -> dict[str, Any]:
    compiled = FOLDER / COMPILED
    if not compiled.is_file():  # while the compiled file is being made: the sources themselves
        return parse_sources()
    data: dict[str, Any] = json.loads(compiled.read_text(encoding="utf-8"))
    return data


def load(name: str) -> Any:
    """The parsed contents of ``calcguide/data/<name>.yaml`` (trusted, shipped with the package)."""
    return _compiled()[name]


def parse_sources() -> dict[str, Any]:
    """Every data file parsed from its YAML source (for compiling, and for the test that they agree)."""
    import yaml

    return {name: yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8")) for name in SOURCES}


def compile_sources() -> str:
    return json.dumps(parse_sources(), ensure_ascii=False, separators=(",", ":")) + "\n"
