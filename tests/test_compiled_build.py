"""The compiled build: the modules pyproject.toml lists for mypyc, and, where CI installed the compiled wheel,
that those are the modules the tests ran (CALCGUIDE_EXPECT_COMPILED=1), so a build that fell back to plain
Python cannot pass for the compiled one."""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
import os
import tomllib

import pytest
from conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
COMPILED = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]["compile"]


def _module_name(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def _subclasses_a_builtin(path: str) -> list[str]:
    """Classes in ``path`` that derive from something other than NamedTuple, Exception or a class of the package:
    mypyc cannot compile a subclass of ``float`` or of libyaml's loader (those live in modules it does not compile)."""
    tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
    allowed = {"NamedTuple", "Exception", "StrEnum", "Enum", "InputError", "Protocol"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = {ast.unparse(base) for base in node.bases}
            if bases - allowed:
                found.append(f"{node.name}({', '.join(sorted(bases))})")
    return found


def test_every_listed_module_exists_and_subclasses_nothing_mypyc_refuses() -> None:
    assert len(set(COMPILED)) == len(COMPILED)  # no module twice
    for path in COMPILED:
        assert (REPO / path).is_file(), path
        assert _subclasses_a_builtin(path) == [], path


def test_the_two_modules_that_subclass_c_types_stay_plain_python() -> None:
    assert "calcguide/yamlloader.py" not in COMPILED
    assert "calcguide/report/marked_float.py" not in COMPILED
    assert _subclasses_a_builtin("calcguide/yamlloader.py") == ["CoreSchemaLoader(_Parser)"]
    assert _subclasses_a_builtin("calcguide/report/marked_float.py") == ["MarkedFloat(float)"]


@pytest.mark.skipif(
    os.environ.get("CALCGUIDE_EXPECT_COMPILED") != "1", reason="the plain-Python (editable) install is under test"
)
def test_the_installed_pipeline_is_the_compiled_one() -> None:
    plain = []
    for path in COMPILED:
        module = importlib.import_module(_module_name(path))
        if not isinstance(module.__spec__.loader, importlib.machinery.ExtensionFileLoader):  # type: ignore[union-attr]
            plain.append(module.__name__)
    assert plain == []
