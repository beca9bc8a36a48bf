"""YAML 1.2's core schema (10.3.2): the tag of each node, as the composer asks for it while it builds the nodes.

PyYAML's resolver reads YAML 1.1 (``yes`` is true, ``012`` is ten) and also serves path resolvers, which
calcguide has none of; these functions answer for the core schema in one lookup by a scalar's first character.
They are the loader's methods as plain functions (``yamlloader`` binds them as static methods), so they are
compiled with the rest of the pipeline while the loader class itself cannot be.
"""

from __future__ import annotations

import re
from typing import Any, Final

import yaml

STR: Final = "tag:yaml.org,2002:str"
SEQ: Final = "tag:yaml.org,2002:seq"
MAP: Final = "tag:yaml.org,2002:map"
NULL: Final = "tag:yaml.org,2002:null"
BOOL: Final = "tag:yaml.org,2002:bool"
INT: Final = "tag:yaml.org,2002:int"
FLOAT: Final = "tag:yaml.org,2002:float"
MERGE: Final = "tag:yaml.org,2002:merge"  # not YAML 1.2, but resolved so that it can be refused

_CORE_SCHEMA: Final = (
    (NULL, r"^(?:~|null|Null|NULL|)$", "~nN"),
    (BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    (MERGE, r"^<<$", "<"),
)


def _by_first_character() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """The patterns a plain scalar can match, by its first character ("" for the empty scalar, which is null)."""
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {"": [(NULL, re.compile(_CORE_SCHEMA[0][1]))]}
    for tag, pattern, first_characters in _CORE_SCHEMA:
        for first in first_characters:
            table.setdefault(first, []).append((tag, re.compile(pattern)))
    return {first: tuple(patterns) for first, patterns in table.items()}


_PATTERNS: Final = _by_first_character()
_DIGITS: Final = "0123456789"
_SCALAR_NODE: Final = yaml.ScalarNode
_SEQUENCE_NODE: Final = yaml.SequenceNode
_MAPPING_NODE: Final = yaml.MappingNode


def resolve(kind: Any, value: Any, implicit: Any) -> str | None:
    """The tag of a node written without one: a plain scalar's by the core schema, a quoted one's str."""
    if kind is _SCALAR_NODE:
        if implicit[0]:
            text: str = value
            first = text[:1]
            if first in _DIGITS and text.isdecimal() and text.isascii():  # [0-9]+: an int, without a match
                return INT
            for tag, pattern in _PATTERNS.get(first, ()):
                if pattern.match(text):
                    return tag
        return STR
    if kind is _SEQUENCE_NODE:
        return SEQ
    return MAP if kind is _MAPPING_NODE else None


def descend(current_node: Any, current_index: Any) -> None:
    """Path resolvers would look at where the composer is; there are none."""


def ascend() -> None:
    """Path resolvers would look at where the composer is; there are none."""
