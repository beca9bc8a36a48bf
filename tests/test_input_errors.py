"""Every class of bad input: exit code 2 and the exact one-line message, with the file's other regimens unharmed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from calcguide import InputError, load_regimens
from calcguide.cli import app

runner = CliRunner()

BOMB = (
    "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    + "items: *i\n"
)

# (case id, file content as bytes, expected stderr line after "<path>:")
CASES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "1:1: the file holds no regimen; add 'items:' with at least one dose"),
    ("comments-only", b"# nothing here\n", "1:1: the file holds no regimen; add 'items:' with at least one dose"),
    (
        "top-level-list",
        b"- 5000 IU D3\n",
        "1:1: a regimen must be a mapping with 'items:', not a list; start with 'items:' (and optionally 'name:' and 'profile:')",
    ),
    (
        "top-level-scalar",
        b"5000 IU D3\n",
        "1:1: a regimen must be a mapping with 'items:', not '5000 IU D3'; start with 'items:' (and optionally 'name:' and 'profile:')",
    ),
    ("items-missing", b"name: x\n", "1:1: the regimen has no 'items'; add 'items:' with at least one dose"),
    (
        "items-null",
        b"items:\n",
        "1:7: items must be a list or a dose line, not nothing; write 'items:' with one '- dose' per line, "
        "or 'items: \"5000 IU D3 + 100 mcg MK-7\"'",
    ),
    (
        "items-number",
        b"items: 5\n",
        "1:8: items must be a list or a dose line, not '5'; write 'items:' with one '- dose' per line, "
        "or 'items: \"5000 IU D3 + 100 mcg MK-7\"'",
    ),
    ("items-empty-list", b"items: []\n", "1:8: 'items' is empty; list at least one dose"),
    (
        "unknown-key",
        b"items: [5000 IU D3]\nprofil: {age: 4}\n",
        "2:1: unknown key 'profil' in a regimen; did you mean 'profile'?",
    ),
    (
        "unknown-profile-key",
        b"items: [5000 IU D3]\nprofile: {gender: male}\n",
        "2:11: unknown key 'gender' in profile; profile keys are: age, sex, pregnant, lactating, smoker, medications, conditions, diet",
    ),
    (
        "unknown-item-key",
        b"items:\n  - ingredient: D3\n    amount: 1 IU\n    frequncy: daily\n",
        "4:5: unknown key 'frequncy' in an item; did you mean 'frequency'?",
    ),
    (
        "duplicate-key",
        b"items: [5000 IU D3]\nitems: [1 IU D3]\n",
        "2:1: duplicate key 'items' (first at line 1); keep one of them: YAML would silently use the last",
    ),
    (
        "python-tag",
        b'items: !!python/object/apply:os.system ["echo hi"]\n',
        "1:8: YAML tag '!!python/object/apply:os.system' is not allowed; remove the tag: regimens are plain YAML",
    ),
    (
        "local-tag",
        b"items: [!dose 5000 IU D3]\n",
        "1:9: YAML tag '!dose' is not allowed; remove the tag: regimens are plain YAML",
    ),
    (
        "merge-key",
        b"base: &b {name: x}\nitems: [1 IU D3]\n<<: *b\n",
        "3:1: YAML merge keys ('<<') are not allowed; write the keys out",
    ),
    (
        "alias-bomb",
        BOMB.encode(),
        "1:13: the document holds more than 100,000 values (an alias counts at each use); split it into several regimens",
    ),
    (
        "deep-nesting",
        b"items: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        "1:1007: values are nested too deeply; a regimen needs only a few levels",
    ),
    ("invalid-utf8", b"items: [\xff5000 IU D3]\n", "1:9: not valid UTF-8 text (byte 0xff); save the file as UTF-8"),
    (
        "latin-1",
        "name: Crème\nitems: [1 IU D3]\n".encode("latin-1"),
        "1:9: not valid UTF-8 text (byte 0xe8); save the file as UTF-8",
    ),
    (
        "nul-byte",
        b"items: [1 IU D3]\n\x00\n",
        "2:1: the file holds a NUL character (binary data?); give a YAML text file",
    ),
    (
        "tab-indent",
        b"items:\n\t- 5000 IU D3\n",
        "2:1: a tab character in the indentation; indent YAML with spaces, not tabs",
    ),
    ("negative", b"items:\n  - -5 IU D3\n", "2:5: dose '-5 IU D3' has a negative amount; amounts must be more than 0"),
    ("zero", b"items:\n  - 0 IU D3\n", "2:5: amount must be more than 0 (got 0); remove the item or fix the amount"),
    (
        "nan",
        b"items:\n  - {ingredient: D3, amount: .nan, unit: IU}\n",
        "2:30: amount must be a finite number; write digits, e.g. 5000 or 2.5",
    ),
    (
        "infinite",
        b"items:\n  - {ingredient: D3, amount: .inf, unit: IU}\n",
        "2:30: amount must be a finite number; write digits, e.g. 5000 or 2.5",
    ),
    ("absurd", b"items:\n  - 1e30 IU D3\n", "2:5: amount 1e+30 is implausibly large; check the amount and its unit"),
    (
        "words",
        b"items:\n  - five IU D3\n",
        "2:5: dose 'five IU D3' does not start with an amount; write e.g. '5000 IU D3' or '100 mcg MK-7'",
    ),
    ("no-unit", b"items:\n  - 5000 D3\n", "2:5: unknown unit 'D3'; use IU, mcg, mg, g, mcg RAE or mg elemental"),
    ("iu-of-calcium", b"items:\n  - 500 IU calcium\n", "2:5: IU has no meaning for calcium; give the amount in mg"),
    (
        "iu-of-salt",
        b"items:\n  - 500 IU calcium carbonate\n",
        "2:5: IU has no meaning for calcium carbonate; give the compound's weight in mg",
    ),
    ("rae-of-d", b"items:\n  - 500 mcg RAE D3\n", "2:5: mcg RAE is a unit of vitamin A, not of vitamin D3; use mcg"),
    ("unknown-unit", b"items:\n  - 500 mgs calcium\n", "2:5: unknown unit 'mgs'; did you mean 'mg'?"),
    (
        "unknown-frequency",
        b"items:\n  - {dose: 500 mg calcium, frequency: fortnightly}\n",
        "2:39: unknown frequency 'fortnightly'; use daily, twice daily, N times daily, every other day, every N days, "
        "weekly, N times weekly, monthly or yearly",
    ),
    (
        "every-0-days",
        b"items:\n  - {dose: 500 mg calcium, frequency: every 0 days}\n",
        "2:39: frequency 'every 0 days' has no meaning; say how many days apart, e.g. 'every 2 days'",
    ),
    (
        "zero-times",
        b"items:\n  - {dose: 500 mg calcium, frequency: 0 times daily}\n",
        "2:39: frequency '0 times daily' has no meaning; give a count from 1 to 100, e.g. 'twice daily'",
    ),
    (
        "age-negative",
        b"profile: {age: -1}\nitems: [1 IU D3]\n",
        "1:16: age -1 is not a possible age; give an age from 0 to 130 years",
    ),
    (
        "age-too-high",
        b"profile: {age: 140}\nitems: [1 IU D3]\n",
        "1:16: age 140 is not a possible age; give an age from 0 to 130 years",
    ),
    (
        "age-words",
        b"profile: {age: old}\nitems: [1 IU D3]\n",
        "1:16: age must be a number of years or a phrase like '6 months', not 'old'; write e.g. 'age: 45' or 'age: 6 months'",
    ),
    (
        "pregnant-male",
        b"profile: {sex: male, pregnant: true}\nitems: [1 IU D3]\n",
        "1:22: pregnant with sex male; remove 'pregnant' or correct the sex",
    ),
    (
        "pregnant-child",
        b"profile: {age: 5, pregnant: true}\nitems: [1 IU D3]\n",
        "1:19: pregnant at age 5; check the age",
    ),
    (
        "pregnant-and-lactating",
        b"profile: {pregnant: true, lactating: true}\nitems: [1 IU D3]\n",
        "1:11: pregnant and lactating are both true; choose the one whose reference values apply",
    ),
    ("unknown-sex", b"profile: {sex: femal}\nitems: [1 IU D3]\n", "1:16: unknown sex 'femal'; did you mean 'female'?"),
    (
        "product-without-ingredients",
        b"items:\n  - product: X\n",
        "2:5: product 'X' lists no ingredients; add 'ingredients:' with one dose per line",
    ),
    (
        "servings-zero",
        b"items:\n  - {product: X, servings: 0, ingredients: [1 IU D3]}\n",
        "2:28: servings must be more than 0 (got 0); remove the item or fix the amount",
    ),
    (
        "servings-negative",
        b"items:\n  - {product: X, servings: -2, ingredients: [1 IU D3]}\n",
        "2:28: servings must be more than 0 (got -2); remove the item or fix the amount",
    ),
    (
        "unknown-rule-ignored",
        b"items: [1 IU D3]\nignore: [{rule: d-without-k3, reason: x}]\n",
        "2:17: unknown rule 'd-without-k3'; did you mean 'd-without-k2'?",
    ),
    (
        "diet-unknown-nutrient",
        b"profile: {diet: {calcum: 700 mg}}\nitems: [1 IU D3]\n",
        "1:18: unknown nutrient 'calcum' in diet; did you mean 'Calcium'?",
    ),
    (
        "item-lost-dash",
        b"items:\n  - 1000 IU D3\n    100 mcg MK-7\n",
        "2:5: this item runs onto the next line; a '- ' is probably missing before '100 mcg MK-7'",
    ),
    (
        "item-lost-comma",
        b"items: [1000 IU D3\n  100 mcg MK-7]\n",
        "1:9: this item runs onto the next line; a ',' is probably missing before '100 mcg MK-7'",
    ),
    (
        "ingredient-lost-dash",
        b"items:\n  - product: X\n    ingredients:\n      - 600 mg calcium\n        400 IU D3\n",
        "4:9: this item runs onto the next line; a '- ' is probably missing before '400 IU D3'",
    ),
    (
        "dose-line-runs-on",
        b"items: 1000 IU D3\n  100 mcg MK-7\n",
        "1:8: this dose line runs onto the next line; join the doses with ' + ' or give each its own '- ' line "
        "(the next begins '100 mcg MK-7')",
    ),
    (
        "dsld-product-with-ingredients",
        b"items:\n  - product: {dsld: labels/1.json}\n    ingredients: [1000 IU D3]\n",
        "3:5: a DSLD product takes its ingredients from the label; remove 'ingredients'",
    ),
    (
        "dose-item-name-empty",
        b"items: [{dose: 5000 IU D3, name: }]\n",
        "1:34: name must be text, not nothing; write e.g. 'name: MenaQ7 capsule'",
    ),
    (
        "pregnant-maybe",
        b"profile: {pregnant: maybe}\nitems: [1 IU D3]\n",
        "1:21: pregnant must be true or false, not 'maybe'; write 'pregnant: true'",
    ),
]


@pytest.mark.parametrize(("content", "expected"), [(c, e) for _, c, e in CASES], ids=[i for i, _, _ in CASES])
def test_bad_input_is_one_located_line_and_exit_2(tmp_path: Path, content: bytes, expected: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(content)
    good = tmp_path / "good.yaml"
    good.write_text("items: [2000 IU D3 + 100 mcg MK-7]\n")
    result = runner.invoke(app, ["check", "--format", "json", "--no-config", str(bad), str(good)])
    assert result.exit_code == 2
    assert result.stderr == f"{bad}:{expected}\n"
    reports = json.loads(result.stdout)
    assert [r["source"] for r in reports] == [str(bad), str(good)]
    line, column, message = expected.split(":", 2)
    assert reports[0]["error"] == {
        "message": message.strip(),
        "line": int(line),
        "column": int(column),
        "text": f"{bad}:{expected}",
    }
    assert reports[1]["error"] is None and reports[1]["totals"][0]["total_per_day"] == 50.0


def test_a_bad_document_does_not_stop_the_next_in_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "multi.yaml"
    path.write_text("items: [1000 IU D3]\n---\nitems: [5 XY D3]\n---\nitems: [2000 IU D3]\n")
    result = runner.invoke(app, ["check", "-f", "json", "--no-config", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"{path}:3:9: unknown unit 'XY'; use IU, mcg, mg, g, mcg RAE or mg elemental\n"
    totals = [r["totals"][0]["total_per_day"] if r["totals"] else None for r in json.loads(result.stdout)]
    assert totals == [25.0, None, 50.0]


def test_a_missing_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("items: [1000 IU D3]\n")
    missing = tmp_path / "gone.yaml"
    result = runner.invoke(app, ["check", "-f", "jsonl", "--no-config", str(missing), str(good)])
    assert result.exit_code == 2
    assert result.stderr == f"{missing}: no such file; check the path\n"
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["totals"][0]["total_per_day"] == 25.0


def test_size_limit_and_the_flag_that_raises_it(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("items:\n" + ("  - 1 IU D3  #" + " padding" * 40 + "\n") * 20_000)
    result = runner.invoke(app, ["check", "-f", "json", "--no-config", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}: larger than 5,242,880 bytes; raise the limit with --max-size (in MB) if the file is genuine\n"
    )
    raised = runner.invoke(app, ["check", "-f", "json", "--no-config", "--max-size", "10", str(path)])
    assert (
        raised.stderr
        == f"{path}:2:3: the regimen lists 20,000 items, more than 1,000; split it into several regimens\n"
    )


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes("items: [4000 IU D3]\n".encode("utf-16"))
    result = runner.invoke(app, ["check", "-f", "json", "--no-config", str(path)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["totals"][0]["total_per_day"] == 100.0


@pytest.mark.parametrize(
    "document",
    [BOMB, "items: " + "[" * 10_000 + "]" * 10_000 + "\n", "items:\n" + "  " * 5_000 + "- x\n"],
    ids=["billion-laughs", "10000-deep-flow", "deep-block"],
)
def test_hostile_documents_are_rejected_without_blowing_up(document: str) -> None:
    """A guard against super-linear blow-up, not a speed measurement: expanding the bomb or recursing would take
    minutes, so a bound ten times what an idle machine needs still catches it on a loaded one."""
    started = time.perf_counter()
    with pytest.raises(InputError):
        load_regimens(document, "hostile.yaml")
    assert time.perf_counter() - started < 10.0


def test_reading_creates_nothing_next_to_the_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("items: [1000 IU D3]\n")
    (tmp_path / "b.yaml").write_text("items: [1000 IU calcium]\n")
    before = sorted(p.name for p in tmp_path.iterdir())
    runner.invoke(app, ["check", "--no-config", str(tmp_path)])
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_read_to_its_end(tmp_path: Path) -> None:
    """A pipe says it holds 0 bytes and delivers its text in pieces: every piece is read (here 70,000 bytes,
    more than one read takes)."""
    import threading

    pipe = tmp_path / "regimen.yaml"
    os.mkfifo(pipe)
    text = "# padding\n" * 7_000 + "items: [1000 IU D3]\n"  # the regimen comes last

    def write() -> None:
        with open(pipe, "w") as handle:
            for start in range(0, len(text), 4_096):
                handle.write(text[start : start + 4_096])
                handle.flush()

    writer = threading.Thread(target=write)
    writer.start()
    result = runner.invoke(app, ["check", "-f", "json", "--no-config", str(pipe)])
    writer.join()
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["totals"][0]["total_per_day"] == 25.0
