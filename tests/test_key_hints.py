"""The hint for an unknown key names the keys allowed there, in plain grammar ("a regimen's keys are: ...")."""

from __future__ import annotations

import pytest

import calcguide
from calcguide.errors import InputError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "foo: x\nitems: [5000 IU D3]\n",
            "r.yaml:1:1: unknown key 'foo' in a regimen; a regimen's keys are: name, profile, items, ignore",
        ),
        ("items:\n  - product: P\n    colour: red\n    ingredients: [5000 IU D3]\n", None),
    ],
)
def test_unknown_key_hint(text: str, expected: str | None) -> None:
    with pytest.raises(InputError) as caught:
        calcguide.load_regimens(text, "r.yaml")
    message = str(caught.value)
    if expected is not None:
        assert message == expected
    else:  # a product's keys: possessive too, never "a product keys are"
        assert "a product's keys are: " in message and "a product keys" not in message
