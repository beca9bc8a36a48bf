"""A regimen without a ``name`` is named after its file: the file name less its extension, as ``PurePath.stem``."""

from __future__ import annotations

from pathlib import PurePath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calcguide.loading import default_name


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("regimens/bone.yaml", "bone"),
        ("a/b/vitamin.d.yaml", "vitamin.d"),
        (".hidden", ".hidden"),
        ("dir/", "dir"),
        ("name.", "name."),
        ("-", "stdin"),
        ("<stdin>", "stdin"),
        ("", "stdin"),
    ],
)
def test_named_after_the_file(source: str, name: str) -> None:
    assert default_name(source) == name


@given(st.text(alphabet="ab./-_ <>", max_size=14))
def test_any_path_is_named_as_its_stem(source: str) -> None:
    expected = "stdin" if source in ("", "-", "<stdin>") else PurePath(source).stem
    assert default_name(source) == expected
