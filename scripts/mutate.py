"""Mutation testing of calcguide's core: would the tests notice a wrong rule?

Each mutant changes one thing in one module (a comparison flipped, a constant nudged, ``+`` for ``-``, ``and`` for
``or``, a ``not`` dropped, a ``yield`` dropped, a returned value replaced by None, a boolean flipped). The module's
tests run against it in a copy of the project; a mutant the tests still pass is a *survivor*: a change of
behaviour no test sits at. Run by hand, not in CI (docs/testing.md):

    python scripts/mutate.py --sample 30 --seed 1 --list-survivors
    python scripts/mutate.py --module calcguide/doses.py --list-survivors

mutmut skips decorated functions, and every rule is decorated; this walks the syntax tree instead. The mutated
module is written back with ``ast.unparse`` (comments and layout go, behaviour stays: the unmutated module,
unparsed the same way, must pass its tests first).
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# The core modules and the tests that speak to each: the rule's own tests, then those that reach it through a
# regimen. Timing tests are left out (a loaded machine is not a mutant).
RULE_TESTS = ["tests/rules", "tests/test_rule_registry.py", "tests/test_rule_scopes.py"]
TESTS: dict[str, list[str]] = {
    "calcguide/rules/base.py": RULE_TESTS,
    "calcguide/rules/hygiene.py": [
        "tests/rules/test_duplicate_source.py",
        "tests/rules/test_unrecognized_ingredient.py",
        "tests/test_unmatched.py",
    ],
    "calcguide/rules/interactions.py": [
        "tests/rules/test_vitamin_k_anticoagulant.py",
        "tests/rules/test_thiazide_hypercalcemia.py",
        "tests/rules/test_mineral_drug_spacing.py",
        "tests/rules/test_condition_caution.py",
        "tests/test_active_vitamin_d_and_binders.py",
        "tests/test_catalogue.py",
    ],
    "calcguide/rules/limits.py": [
        "tests/rules/test_above_ul.py",
        "tests/rules/test_vitamin_d_bolus.py",
        "tests/rules/test_calcium_single_dose.py",
        "tests/rules/test_calcium_without_d.py",
        "tests/test_active_vitamin_d_and_binders.py",
        "tests/test_label_nutrients.py",
    ],
    "calcguide/rules/pairs.py": ["tests/rules/test_nutrient_pair.py"],
    "calcguide/rules/vitamin_k2.py": [
        "tests/rules/test_d_without_k2.py",
        "tests/rules/test_low_k2_for_d.py",
        "tests/test_rule_scopes.py",
    ],
    "calcguide/totals.py": [
        "tests/rules/test_above_ul.py",
        "tests/test_label_nutrients.py",
        "tests/test_json_contract.py",
        "tests/test_standards.py",
    ],
    "calcguide/normalize.py": [
        "tests/test_doses.py",
        "tests/test_label_doses.py",
        "tests/test_elemental_fractions.py",
        "tests/test_label_nutrients.py",
        "tests/test_unmatched.py",
        "tests/test_input_errors.py",
    ],
    "calcguide/doses.py": ["tests/test_doses.py", "tests/test_label_doses.py", "tests/test_input_errors.py"],
    "calcguide/reference.py": ["tests/test_life_stages.py", "tests/test_standards.py", "tests/test_efsa_data.py"],
    "calcguide/lifestages.py": ["tests/test_all_life_stages.py"],
    "calcguide/interaction_catalog.py": [
        "tests/test_catalogue.py",
        "tests/rules/test_mineral_drug_spacing.py",
        "tests/rules/test_nutrient_pair.py",
    ],
    "calcguide/medications.py": [
        "tests/test_medications.py",
        "tests/test_medication_examples.py",
        "tests/test_catalogue.py",
    ],
}
DESELECT = "not blowing_up"  # the hostile-input guards time the machine; a slow mutant would only be flaky there
IGNORED = shutil.ignore_patterns(
    ".git", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis", "*.egg-info", "venv*", ".venv"
)

_COMPARISON_FLIPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
}
_ARITHMETIC_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
}


@dataclass(frozen=True)
class Mutant:
    """One change to one module: the ``variant``-th mutation of the ``site``-th node in ``ast.walk`` order."""

    module: str
    site: int
    variant: int
    line: int
    original: str
    mutated: str


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    killed: bool
    seconds: float
    timed_out: bool = False


Mutation = Callable[[ast.AST], ast.AST]


def _numeric(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _text(node: ast.AST) -> bool:
    """A string operand: ``+`` on it is concatenation, and ``-`` would only raise TypeError (no real mutant)."""
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _changed(node: ast.AST, change: Callable[[ast.AST], None]) -> ast.AST:
    mutated = copy.deepcopy(node)
    change(mutated)
    return mutated


def _flip_comparison(index: int, to: type[ast.cmpop]) -> Mutation:
    def change(node: ast.AST) -> None:
        assert isinstance(node, ast.Compare)
        node.ops[index] = to()

    return lambda node: _changed(node, change)


def _set_attribute(name: str, value: object) -> Mutation:
    return lambda node: _changed(node, lambda mutated: setattr(mutated, name, value))


def _nudged(value: int | float) -> int | float:
    if isinstance(value, int):
        return value + 1
    return value * 1.01 if value else 0.01


def mutations(node: ast.AST) -> list[Mutation]:
    """Every mutation of ``node`` itself (its children have their own)."""
    found: list[Mutation] = []
    if isinstance(node, ast.Compare):
        for index, op in enumerate(node.ops):
            if type(op) in _COMPARISON_FLIPS:
                found.append(_flip_comparison(index, _COMPARISON_FLIPS[type(op)]))
    elif isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            found.append(_set_attribute("value", not node.value))
        elif _numeric(node):
            assert isinstance(node.value, int | float)
            found.append(_set_attribute("value", _nudged(node.value)))
    elif isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC_SWAPS:
        if not (isinstance(node.op, ast.Add) and (_text(node.left) or _text(node.right))):
            found.append(_set_attribute("op", _ARITHMETIC_SWAPS[type(node.op)]()))
    elif isinstance(node, ast.AugAssign) and type(node.op) in _ARITHMETIC_SWAPS:
        if not (isinstance(node.op, ast.Add) and _text(node.value)):
            found.append(_set_attribute("op", _ARITHMETIC_SWAPS[type(node.op)]()))
    elif isinstance(node, ast.BoolOp):
        found.append(_set_attribute("op", ast.Or() if isinstance(node.op, ast.And) else ast.And()))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        found.append(lambda n: copy.deepcopy(n.operand) if isinstance(n, ast.UnaryOp) else n)
    elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Yield | ast.YieldFrom):
        # ``yield from ()`` keeps the function a generator that yields nothing here
        found.append(lambda n: ast.Expr(ast.YieldFrom(ast.Tuple([], ast.Load()))))
    elif isinstance(node, ast.Return) and node.value is not None and not _none(node.value):
        found.append(lambda n: ast.Return(ast.Constant(None)))
    return found


def _skipped(tree: ast.Module) -> set[int]:
    """Nodes no mutant touches: annotations, cache sizes and ``if TYPE_CHECKING`` blocks (no behaviour there)."""
    skipped: set[int] = set()

    def skip(node: ast.AST | None) -> None:
        if node is not None:
            skipped.update(id(inner) for inner in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.arg | ast.AnnAssign):
            skip(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            skip(node.returns)
        elif _cache_size(node) or _type_checking(node):
            skip(node)
    return skipped


def _none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _cache_size(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _called(node) in ("lru_cache", "cache")


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _called(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _sites(tree: ast.Module) -> Iterator[tuple[int, ast.AST, list[Mutation]]]:
    skipped = _skipped(tree)
    for site, node in enumerate(ast.walk(tree)):
        if id(node) not in skipped:
            found = mutations(node)
            if found:
                yield site, node, found


def _shown(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 90 else text[:87] + "..."


def enumerate_mutants(module: str, source: str) -> list[Mutant]:
    tree = ast.parse(source)
    found = []
    for site, node, variants in _sites(tree):
        for variant, mutation in enumerate(variants):
            found.append(
                Mutant(module, site, variant, getattr(node, "lineno", 0), _shown(node), _shown(mutation(node)))
            )
    return found


def _replace(tree: ast.Module, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if item is old:
                        value[index] = new
                        return
    raise LookupError(f"no parent for node at line {getattr(old, 'lineno', '?')}")


def mutated_source(source: str, mutant: Mutant | None) -> str:
    """The module's source with ``mutant`` applied (None: unparsed unchanged, the baseline)."""
    tree = ast.parse(source)
    if mutant is not None:
        for site, node, variants in _sites(tree):
            if site == mutant.site:
                _replace(tree, node, ast.copy_location(variants[mutant.variant](node), node))
                break
        else:
            raise LookupError(f"{mutant.module}: no mutation site {mutant.site}")
        ast.fix_missing_locations(tree)
    return ast.unparse(tree) + "\n"


class Workspace:
    """A copy of the project where one mutated module at a time is written, tested and restored."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def run(self, module: str, source: str, tests: Sequence[str], timeout: float) -> tuple[bool, float, bool]:
        """Whether the tests pass with ``module`` replaced by ``source``; the seconds taken; whether it timed out."""
        path = self.root / module
        original = path.read_text(encoding="utf-8")
        path.write_text(source, encoding="utf-8")
        env = {**os.environ, "HYPOTHESIS_PROFILE": "dev", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(self.root)}
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-x",
            "-q",
            "-p",
            "no:cacheprovider",
            "--hypothesis-seed=0",
            "-k",
            DESELECT,
            *tests,
        ]
        started = time.monotonic()
        try:
            done = subprocess.run(command, cwd=self.root, env=env, capture_output=True, timeout=timeout, check=False)
            return done.returncode == 0, time.monotonic() - started, False
        except subprocess.TimeoutExpired:
            return False, time.monotonic() - started, True
        finally:
            path.write_text(original, encoding="utf-8")


def _sample(mutants: list[Mutant], size: int | None, seed: int) -> list[Mutant]:
    if size is None or size >= len(mutants):
        return mutants
    chosen = random.Random(f"{seed}:{mutants[0].module}").sample(mutants, size)
    return sorted(chosen, key=lambda m: (m.line, m.site, m.variant))


def mutate_module(
    module: str,
    workspaces: queue.Queue[Workspace],
    jobs: int,
    size: int | None,
    seed: int,
    timeout: float | None,
    progress: bool = False,
) -> tuple[list[Mutant], list[Outcome], float]:
    """Every sampled mutant of ``module``, tested; also the whole count of mutants and the baseline's seconds."""
    source = (REPO / module).read_text(encoding="utf-8")
    tests = TESTS[module]
    everything = enumerate_mutants(module, source)
    space = workspaces.get()
    try:
        passed, baseline, _ = space.run(module, mutated_source(source, None), tests, timeout=600)
    finally:
        workspaces.put(space)
    if not passed:
        raise SystemExit(f"{module}: its tests fail before any mutation ({' '.join(tests)}); fix that first")
    limit = timeout if timeout is not None else max(30.0, 3 * baseline)

    def one(mutant: Mutant) -> Outcome:
        space = workspaces.get()
        try:
            survived, seconds, timed_out = space.run(module, mutated_source(source, mutant), tests, limit)
        finally:
            workspaces.put(space)
        if survived and progress:
            print(f"  survived: {mutant.module}:{mutant.line}: {mutant.original} → {mutant.mutated}", file=sys.stderr)
        return Outcome(mutant, not survived, seconds, timed_out)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        outcomes = list(pool.map(one, _sample(everything, size, seed)))
    return everything, outcomes, baseline


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--module", action="append", choices=sorted(TESTS), help="a module to mutate (repeatable)")
    parser.add_argument("--sample", type=int, help="mutants per module, a seeded random sample (default: all)")
    parser.add_argument("--seed", type=int, default=1, help="the sample's seed (default 1)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once, each in its own copy")
    parser.add_argument("--timeout", type=float, help="seconds per mutant (default: 3 x the unmutated run, >= 30)")
    parser.add_argument("--list-survivors", action="store_true", help="print each survivor as path:line: a → b")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a stopped run still removes its copies
    modules: list[str] = args.module or list(TESTS)
    jobs = max(1, args.jobs)
    lock = threading.Lock()
    rows: list[tuple[str, int, list[Outcome], float]] = []
    with tempfile.TemporaryDirectory(prefix="calcguide-mutants-") as temp:
        workspaces: queue.Queue[Workspace] = queue.Queue()
        for index in range(jobs):
            root = Path(temp) / f"copy{index}"
            shutil.copytree(REPO, root, ignore=IGNORED)
            workspaces.put(Workspace(root))
        for module in modules:
            everything, outcomes, baseline = mutate_module(
                module, workspaces, jobs, args.sample, args.seed, args.timeout, args.list_survivors
            )
            killed = sum(o.killed for o in outcomes)
            with lock:
                rows.append((module, len(everything), outcomes, baseline))
            print(
                f"{module}: {killed}/{len(outcomes)} killed of {len(everything)} mutants (tests {baseline:.1f} s)",
                file=sys.stderr,
                flush=True,
            )
    print(f"{'module':36} {'mutants':>7} {'sampled':>7} {'killed':>6} {'survived':>8} {'score':>6}")
    all_sampled = all_killed = 0
    for module, count, outcomes, _ in rows:
        killed = sum(o.killed for o in outcomes)
        all_sampled += len(outcomes)
        all_killed += killed
        score = f"{100 * killed / len(outcomes):.0f}%" if outcomes else "-"
        print(f"{module:36} {count:7} {len(outcomes):7} {killed:6} {len(outcomes) - killed:8} {score:>6}")
    if all_sampled:
        print(
            f"{'all':36} {'':7} {all_sampled:7} {all_killed:6} {all_sampled - all_killed:8} "
            f"{100 * all_killed / all_sampled:5.0f}%"
        )
    if args.list_survivors:
        for _, _, outcomes, _ in rows:
            for outcome in outcomes:
                if not outcome.killed:
                    m = outcome.mutant
                    print(f"{m.module}:{m.line}: {m.original} → {m.mutated}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
