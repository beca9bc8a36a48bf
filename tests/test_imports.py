"""The package's imports follow the data: text, model, normalised doses, totals, findings, report. The regimen model
never reaches up into the rule engine, and no two modules import each other, however indirectly (a function-level
import counts: it ties the modules as surely as one at the top)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "calcguide"


def _module(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each calcguide module and the calcguide modules it imports anywhere in its text."""
    modules = {_module(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(max(node.level - 1, 0)):
                    base = base.rsplit(".", 1)[0]
                relative = f"{base}.{node.module}" if node.module else base
                target = relative if node.level else node.module or ""
                for alias in node.names:  # "from . import doses" imports the module calcguide.doses
                    targets.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
            elif isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
        graph[name] = {target for target in targets if target in modules and target != name}
    return graph


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, pending = set(), [start]
    while pending:
        for target in graph[pending.pop()] - seen:
            seen.add(target)
            pending.append(target)
    return seen


def test_the_graph_is_read_from_every_module() -> None:
    graph = import_graph()
    assert {"calcguide.regimen", "calcguide.rules", "calcguide.rules.base", "calcguide.selection"} <= set(graph)
    assert "calcguide.rules" in graph["calcguide.selection"]
    assert "calcguide.regimen" in graph["calcguide.rules.base"]
    assert "calcguide.doses" in graph["calcguide.format_schema"]  # "from . import doses"


def test_the_model_does_not_reach_the_rules() -> None:
    graph = import_graph()
    for model in ("calcguide.regimen", "calcguide.regimen_format", "calcguide.yamltree", "calcguide.loading"):
        reached = _reachable(graph, model)
        assert not {module for module in reached if module.startswith("calcguide.rules")}, model
        assert "calcguide.evaluate" not in reached, model


def test_no_module_imports_itself_through_others() -> None:
    graph = import_graph()
    assert [module for module in graph if module in _reachable(graph, module)] == []


def test_importing_the_model_does_not_load_the_rule_engine() -> None:
    """In a fresh interpreter, with the package's own ``__init__`` (which gathers the whole public API) left out."""
    code = (
        "import sys, types; package = types.ModuleType('calcguide'); package.__path__ = [sys.argv[1]]; "
        "sys.modules['calcguide'] = package; import calcguide.regimen; "
        "print(sorted(m for m in sys.modules if m.startswith('calcguide.')))"
    )
    result = subprocess.run([sys.executable, "-c", code, str(PACKAGE)], capture_output=True, text=True, check=True)
    loaded = ast.literal_eval(result.stdout)
    assert "calcguide.regimen" in loaded
    assert [module for module in loaded if module.startswith(("calcguide.rules", "calcguide.evaluate"))] == []
