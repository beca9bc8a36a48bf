"""The compiled reference data (loaded at start-up) is exactly what the YAML sources say."""

from __future__ import annotations

from importlib import resources

from calcguide import data


def test_compiled_json_matches_the_yaml_sources() -> None:
    compiled = resources.files("calcguide").joinpath("data", data.COMPILED).read_text(encoding="utf-8")
    assert compiled == data.compile_sources(), "run: python -m calcguide.compile_data"


def test_every_yaml_file_in_the_data_folder_is_compiled() -> None:
    folder = resources.files("calcguide").joinpath("data")
    yaml_files = sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))
    assert yaml_files == sorted(data.SOURCES)
