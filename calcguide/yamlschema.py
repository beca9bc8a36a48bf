"""YAML 1.2's core schema (10.3.2): the tag of each node, as the composer asks for it while it builds the nodes.

PyYAML's resolver reads YAML 1.1 (``yes`` is true, ``012`` is ten) and also serves path resolvers, which
calcguide has none of; these functions answer for the core schema by looking a scalar up among its few null and
bool words, and match a pattern only where the scalar starts as a number.
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

# 10.3.2's table: null and bool are a few words each, looked up as such; ints and floats are matched, and only a
# scalar that starts as a number can be one.
NULL_WORDS: Final = frozenset(["~", "null", "Null", "NULL", ""])
_BOOL_WORDS: Final = frozenset(["true", "True", "TRUE", "false", "False", "FALSE"])
_INT: Final = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT: Final = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_NUMBER_STARTS: Final = "-+.0123456789"
_DIGITS: Final = "0123456789"
_SCALAR_NODE: Final = yaml.ScalarNode
_SEQUENCE_NODE: Final = yaml.SequenceNode
_MAPPING_NODE: Final = yaml.MappingNode


def resolve(kind: Any, value: Any, implicit: Any) -> str | None:
    """The tag of a node written without one: a plain scalar's by the core schema, a quoted one's str."""
    if kind is _SCALAR_NODE:
        if implicit[0]:
            text: str = value
            if len(text) <= 5:  # every null and bool word, and "<<"
                if text in NULL_WORDS:
                    return NULL
                if text in _BOOL_WORDS:
                    return BOOL
                if text == "<<":
                    return MERGE
            first = text[:1]  # not empty: "" is null
            if first in _NUMBER_STARTS and " " not in text:  # "25 mcg D3" is no number: no pattern is tried
                if first in _DIGITS and text.isdecimal() and text.isascii():  # [0-9]+: an int, without a match
                    return INT
                if _INT.match(text):
                    return INT
                if _FLOAT.match(text):
                    return FLOAT
        return STR
    if kind is _SEQUENCE_NODE:
        return SEQ
    return MAP if kind is _MAPPING_NODE else None


def descend(current_node: Any, current_index: Any) -> None:
    """Path resolvers would look at where the composer is; there are none."""


def ascend() -> None:
    """Path resolvers would look at where the composer is; there are none."""
