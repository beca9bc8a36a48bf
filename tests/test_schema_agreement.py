"""The editor's schema and calcguide agree: every input of the input-error table (and the known hard cases) goes
through both, the verdicts must equal the checked-in table ``tests/schema_agreement.md``, and no input that
calcguide accepts may be flagged by the schema (an editor must never call a good regimen wrong).

The schema sees each document as calcguide reads it (YAML 1.2), which is how editors read it.
``CALCGUIDE_UPDATE_GOLDEN=1`` rewrites the table; read the diff before committing it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import regress
from conftest import REPO, UPDATE_GOLDEN
from jsonschema import Draft202012Validator, ValidationError, validators
from test_input_errors import CASES as INPUT_ERROR_CASES
from typer.testing import CliRunner

from calcguide.cli import app
from calcguide.errors import InputError
from calcguide.loading import decode
from calcguide.yamltree import YMap, YNode, YSeq, parse_documents

TABLE = Path(__file__).with_name("schema_agreement.md")
LABEL = REPO / "tests" / "fixtures" / "dsld" / "276336.json"
runner = CliRunner()

D3 = "items: [1000 IU D3]\n"

# (case id, regimen text): the inputs of the schema/CLI disagreements once found, then more of each kind.
EXTRA_CASES: list[tuple[str, str]] = [
    # accepted by calcguide: the schema must pass them
    ("sex-upper-case", "profile: {sex: FEMALE}\n" + D3),
    ("sex-with-spaces", 'profile: {sex: " female "}\n' + D3),
    ("sex-m", "profile: {sex: M}\n" + D3),
    ("unit-upper-case", "items: [{ingredient: D3, amount: 25, unit: MCG}]\n"),
    ("unit-mcg-rae-lower-case", "items: [{ingredient: retinol, amount: 300, unit: mcg rae}]\n"),
    ("unit-i.u.", "items: [{ingredient: D3, amount: 1000, unit: I.U.}]\n"),
    ("unit-micro-sign", "items: [{ingredient: MK-7, amount: 100, unit: µg}]\n"),
    ("amount-with-unit", "items: [{ingredient: MK-7, amount: 100mcg}]\n"),
    ("amount-number-text-with-unit", 'items: [{ingredient: MK-7, amount: "1,000", unit: mcg}]\n'),
    ("servings-quoted-number", 'items: [{dose: 1000 IU D3, servings: "2"}]\n'),
    ("servings-count-word", "items: [{dose: 1000 IU D3, servings: 2 softgels}]\n"),
    ("dsld-product", "items:\n  - product: {dsld: labels/276336.json}\n"),
    ("pregnant-yes", "profile: {pregnant: yes}\n" + D3),
    ("pregnant-quoted-no", 'profile: {sex: male, pregnant: "no"}\n' + D3),
    ("lactating-off", "profile: {lactating: Off}\n" + D3),
    ("smoker-empty", "profile:\n  smoker:\n" + D3),
    ("age-leading-zero", "profile: {age: 045}\n" + D3),
    ("age-months", "profile: {age: 18 Months}\n" + D3),
    ("age-weeks-old", "profile: {age: 30 weeks old}\n" + D3),
    ("age-9-pregnant", "profile: {age: 9, pregnant: true}\n" + D3),
    ("frequency-hyphens-and-case", "items: [{dose: 1000 IU D3, frequency: Twice-Daily}]\n"),
    ("frequency-3x", "items: [{dose: 1000 IU D3, frequency: 3x daily}]\n"),
    ("frequency-bid", "items: [{dose: 1000 IU D3, frequency: BID}]\n"),
    ("frequency-every-2-weeks", "items: [{dose: 1000 IU D3, frequency: every 2 weeks}]\n"),
    ("ignore-code", D3 + "ignore: CG101\n"),
    ("ignore-name-any-case", D3 + 'ignore: [" D-Without-K2 "]\n'),
    ("ignore-one-entry", D3 + "ignore: {rule: d-without-k2, reason: natto}\n"),
    ("diet-labels-any-spelling", "profile: {diet: {Vitamin-D: 400 IU, CALCIUM: 700, vitamin_k: 90 mcg}}\n" + D3),
    ("items-one-line", 'items: "1000 IU D3 + 100 mcg MK-7"\n'),
    ("items-line-continued-after-plus", "items: 1000 IU D3 +\n  100 mcg MK-7\n"),
    ("item-folded-on-purpose", "items:\n  - >-\n    1000 IU\n    D3\n"),
    ("item-quoted-over-two-lines", 'items:\n  - "1000 IU\n    D3"\n'),
    (
        "names-are-numbers",
        "name: 365\nprofile: {medications: [5, aspirin]}\nitems:\n  - {product: 365, ingredients: [100 mcg MK-7]}\n",
    ),
    (
        "item-flags-in-words",
        "items: [{dose: 50000 IU D2, frequency: weekly, prescribed: yes, new: no, purpose: repletion}]\n",
    ),
    ("unknown-ingredient", "items: [100 mg mystery root]\n"),
    ("unknown-medication", "profile: {medications: [something new]}\n" + D3),
    ("iu-with-form", "items: [{ingredient: vitamin A, amount: 1000, unit: IU, form: retinyl palmitate}]\n"),
    # rejected by calcguide: the schema flags what JSON Schema can say
    ("frequency-fortnightly-ish", "items: [{dose: 1000 IU D3, frequency: fortnightly-ish}]\n"),
    ("amount-lots", "items: [{ingredient: D3, amount: lots}]\n"),
    ("amount-number-without-unit", "items: [{ingredient: D3, amount: 1000}]\n"),
    ("amount-zero-long-form", "items: [{ingredient: D3, amount: 0, unit: IU}]\n"),
    ("too-many-items", "items: [" + "1 IU D3, " * 1000 + "1 IU D3]\n"),
    ("amount-with-unit-twice", "items: [{ingredient: D3, amount: 1000 IU, unit: IU}]\n"),
    ("age-forty", "profile: {age: forty}\n" + D3),
    ("pregnant-male-yes", "profile: {sex: M, pregnant: yes}\n" + D3),
    ("lactating-at-8", "profile: {age: 8, lactating: true}\n" + D3),
    ("unit-iu-of-calcium", "items: [{ingredient: calcium, amount: 500, unit: IU}]\n"),
    ("amount-iu-of-calcium-carbonate", "items: [{ingredient: Calcium Carbonate, amount: 500 IU}]\n"),
    ("unit-unknown", "items: [{ingredient: D3, amount: 5, unit: lbs}]\n"),
    ("ignore-unknown-rule", D3 + "ignore: [no-such-rule]\n"),
    ("ignore-unknown-code", D3 + "ignore: CG999\n"),
    ("diet-amount-without-space", "profile: {diet: {calcium: 700mg}}\n" + D3),
    ("diet-amount-words", "profile: {diet: {calcium: lots}}\n" + D3),
    ("servings-words", "items: [{dose: 1000 IU D3, servings: two}]\n"),
    ("item-null", "items:\n  -\n"),
    ("ignore-null", D3 + "ignore:\n"),
    # rejected by calcguide, beyond JSON Schema: the schema passes them and calcguide is the judge
    ("dose-iu-of-calcium", "items: [500 IU calcium]\n"),
    ("frequency-0-times", "items: [{dose: 1000 IU D3, frequency: 0 times daily}]\n"),
    ("age-phrase-too-old", "profile: {age: 140 years}\n" + D3),
    ("age-phrase-pregnant-at-5", "profile: {age: 5 years, pregnant: true}\n" + D3),
]

CASES: list[tuple[str, bytes]] = [
    *((case, content) for case, content, _ in INPUT_ERROR_CASES),
    *((case, text.encode()) for case, text in EXTRA_CASES),
]


def _plain(node: YNode | None) -> Any:
    """A located tree as the plain values a YAML 1.2 loader gives a schema validator."""
    if isinstance(node, YMap):
        return {key: _plain(value) for key, value in node.entries.items()}
    if isinstance(node, YSeq):
        return [_plain(child) for child in node.items]
    return None if node is None else node.value


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((REPO / "calcguide" / "data" / "regimen.schema.json").read_text("utf-8"))
    return schema


def _validator() -> Draft202012Validator:
    return Draft202012Validator(_schema())


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """``pattern`` as an editor reads it: ECMA-262 with the ``u`` flag (regress, as check-jsonschema uses)."""
    if validator.is_type(instance, "string") and regress.Regex(pattern, "u").find(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


EcmaValidator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


def schema_verdict(content: bytes, validator: Draft202012Validator) -> str:
    """ "flags" or "passes"; "-" when there is no YAML document to validate (an empty file, or YAML calcguide
    refuses to read: bad encoding, syntax, tabs, tags, merge keys, duplicate keys, alias bombs, deep nesting)."""
    try:
        documents = [_plain(tree) for tree in parse_documents(decode(content))]
    except InputError:
        return "-"
    if not documents:
        return "-"
    return "flags" if any(next(validator.iter_errors(document), None) for document in documents) else "passes"


def cli_verdict(content: bytes, folder: Path) -> str:
    path = folder / "case.yaml"
    path.write_bytes(content)
    result = runner.invoke(app, ["check", "-f", "json", "--no-config", str(path)])
    assert result.exit_code in (0, 1, 2), result.output
    return "rejects" if result.exit_code == 2 else "accepts"


class Row(NamedTuple):
    case: str
    text: str
    schema: str
    calcguide: str


def _shown(content: bytes) -> str:
    text = content.decode("utf-8", "backslashreplace")
    if len(text) > 90:
        text = text[:70] + f"… ({len(content):,} bytes)"
    escaped = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)  # "\\n", "\\x00"
    return "`" + escaped.replace("|", "\\|") + "`"


HEADER = """# The regimen schema against calcguide

Each input goes through the JSON Schema (`calcguide schema`, as an editor applies it) and through `calcguide check`.
**schema**: `flags` (an editor marks it), `passes`, or `-` (no YAML document to validate: an empty file, or YAML
that calcguide refuses to read). **calcguide**: `rejects` (an input error, exit 2) or `accepts`. The schema never
flags what calcguide accepts; what it passes and calcguide rejects is beyond JSON Schema (a dose string's grammar,
numbers written in words, a line break that lost its "- "). Generated by `tests/test_schema_agreement.py`.

| case | input | schema | calcguide |
|---|---|---|---|
"""


def _render(rows: list[Row]) -> str:
    return HEADER + "".join(f"| {r.case} | {r.text} | {r.schema} | {r.calcguide} |\n" for r in rows)


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> list[Row]:
    folder = tmp_path_factory.mktemp("agreement")
    (folder / "labels").mkdir()
    shutil.copy(LABEL, folder / "labels" / "276336.json")
    validator = _validator()
    return [
        Row(case, _shown(content), schema_verdict(content, validator), cli_verdict(content, folder))
        for case, content in CASES
    ]


def test_the_schema_never_flags_what_calcguide_accepts(rows: list[Row]) -> None:
    assert [r.case for r in rows if r.schema == "flags" and r.calcguide == "accepts"] == []


def test_every_case_calcguide_accepts_is_a_valid_document(rows: list[Row]) -> None:
    assert [r.case for r in rows if r.calcguide == "accepts" and r.schema != "passes"] == []


def test_an_ecma_262_regex_engine_gives_the_same_verdicts(rows: list[Row]) -> None:
    ecma = EcmaValidator(_schema())
    assert [schema_verdict(content, ecma) for _, content in CASES] == [r.schema for r in rows]  # type: ignore[arg-type]


def test_the_verdicts_are_the_checked_in_table(rows: list[Row]) -> None:
    assert len({r.case for r in rows}) == len(rows)
    expected = _render(rows)
    if UPDATE_GOLDEN:
        TABLE.write_text(expected, encoding="utf-8")
    assert TABLE.read_text(encoding="utf-8") == expected, "CALCGUIDE_UPDATE_GOLDEN=1 rewrites the table"


def test_the_known_disagreements_are_resolved(rows: list[Row]) -> None:
    verdicts = {r.case: (r.schema, r.calcguide) for r in rows}
    once_flagged_though_accepted = [
        "sex-upper-case", "sex-with-spaces", "unit-upper-case", "unit-mcg-rae-lower-case", "servings-quoted-number",
        "dsld-product", "pregnant-yes",
    ]  # fmt: skip
    once_passed_though_rejected = [
        "frequency-fortnightly-ish", "amount-lots", "age-forty", "pregnant-male", "unit-iu-of-calcium",
        "ignore-unknown-rule", "diet-unknown-nutrient",
    ]  # fmt: skip
    assert {case: verdicts[case] for case in once_flagged_though_accepted} == dict.fromkeys(
        once_flagged_though_accepted, ("passes", "accepts")
    )
    assert {case: verdicts[case] for case in once_passed_though_rejected} == dict.fromkeys(
        once_passed_though_rejected, ("flags", "rejects")
    )


# The README's "Input errors" table: each row's schema column, and the cases it stands for.
README_ROWS: dict[str, list[str]] = {
    "empty file, comments only": ["empty", "comments-only"],
    "top level not a mapping; `items` missing, empty, null or of the wrong type": [
        "top-level-list", "top-level-scalar", "items-missing", "items-null", "items-number", "items-empty-list",
    ],
    "unknown keys (regimen, profile, item, product)": ["unknown-key", "unknown-profile-key", "unknown-item-key"],
    "duplicate mapping keys": ["duplicate-key"],
    "YAML tags of any kind (`!!python/...`, `!foo`), merge keys": ["python-tag", "local-tag", "merge-key"],
    "alias bombs, values nested more than 64 deep": ["alias-bomb", "deep-nesting"],
    "invalid UTF-8 (UTF-16/32 with a byte-order mark are read), NUL bytes": ["invalid-utf8", "latin-1", "nul-byte"],
    "tabs in indentation": ["tab-indent"],
    "more than 1,000 items in one regimen": ["too-many-items"],
    "long-form amounts that are zero, infinite, words, or a number without `unit`": [
        "amount-zero-long-form", "infinite", "amount-lots", "amount-number-without-unit", "amount-with-unit-twice",
    ],
    "amounts in a dose string that are negative, zero, above 10⁹ or words; NaN": [
        "negative", "zero", "absurd", "words", "nan",
    ],
    "units that do not fit a dose string's ingredient (IU of calcium, mcg RAE of vitamin D), unknown units in a dose string": [
        "iu-of-calcium", "iu-of-salt", "rae-of-d", "unknown-unit", "no-unit", "dose-iu-of-calcium",
    ],
    "`unit:` IU of a mineral or vitamin K, unknown `unit:`": [
        "unit-iu-of-calcium", "amount-iu-of-calcium-carbonate", "unit-unknown",
    ],
    "unknown frequencies": ["unknown-frequency", "frequency-fortnightly-ish"],
    "frequencies that cannot happen (`every 0 days`, `0 times daily`)": [
        "every-0-days", "zero-times", "frequency-0-times",
    ],
    "age in words, or a number below 0 or above 130": ["age-words", "age-forty", "age-negative", "age-too-high"],
    "an age phrase out of range (`140 years`), pregnant or lactating at an age phrase under 9": [
        "age-phrase-too-old", "age-phrase-pregnant-at-5",
    ],
    "pregnant or lactating and male, both at once, or at an age under 9; unknown sex": [
        "pregnant-male", "pregnant-male-yes", "pregnant-child", "lactating-at-8", "pregnant-and-lactating",
        "unknown-sex",
    ],
    "a product with no ingredients, a DSLD product with `ingredients`; servings ≤ 0 or in words": [
        "product-without-ingredients", "dsld-product-with-ingredients", "servings-zero", "servings-negative",
        "servings-words",
    ],
    "an unknown rule in `ignore`, an unknown nutrient in `diet`": [
        "unknown-rule-ignored", "ignore-unknown-rule", "ignore-unknown-code", "diet-unknown-nutrient",
    ],
    'a dose that runs onto the next line (a lost "- ")': [
        "item-lost-dash", "item-lost-comma", "ingredient-lost-dash", "dose-line-runs-on",
    ],
    "an ingredient calcguide does not know": ["unknown-ingredient"],
    "a medication or condition calcguide does not know": ["unknown-medication"],
}  # fmt: skip
NO_CASE_ROWS = (  # about files, not documents: nothing for a schema to say
    "files over 5 MB (`--max-size` raises it)",
    "a missing or vanished file, a directory with no regimens",
)


def _readme_input_errors() -> dict[str, tuple[str, str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Input errors\n", 1)[1].split("\n## ", 1)[0]
    cells = {}
    for line in section.splitlines():
        if line.startswith("| ") and not line.startswith(("| input |", "|---")):
            parts = [part.strip() for part in line.strip("|").split(" | ")]
            cells[parts[0]] = (parts[1], parts[2])
    return cells


def test_the_readme_table_states_the_verdicts(rows: list[Row]) -> None:
    verdicts = {r.case: r for r in rows}
    readme = _readme_input_errors()
    assert sorted(readme) == sorted([*README_ROWS, *NO_CASE_ROWS])
    for text in NO_CASE_ROWS:
        assert readme[text][1] == "-", text
    for text, cases in README_ROWS.items():
        assert text in readme, text
        shown = {"flags": "flagged", "passes": "not flagged", "-": "no document"}
        schema = {shown[verdicts[case].schema] for case in cases}
        accepted = {verdicts[case].calcguide for case in cases}
        assert len(schema) == 1 and len(accepted) == 1, (text, schema, accepted)
        assert readme[text][1] == schema.pop(), text
        assert readme[text][0].startswith("accepted" if accepted.pop() == "accepts" else "rejected"), text
