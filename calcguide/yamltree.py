"""YAML text to a small located tree: plain values with line/column marks, and nothing constructed.

Regimens are written by hand and sometimes crafted to break parsers, so calcguide composes YAML nodes and
walks them itself: tags never construct objects, duplicate keys are errors (YAML lets the last win silently),
and aliases and nesting are bounded so an alias bomb is rejected instead of expanded.

Plain scalars are read as YAML 1.2 reads them (its core schema), as editors and their schema validators do:
``yes``, ``on`` and ``1:30`` are text, ``012`` is twelve (YAML 1.1, PyYAML's default, reads true, true, ninety
and ten). A key that wants true or false accepts yes/no itself (``regimen_format.FLAG_WORDS``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Final, NamedTuple, TypeAlias

import yaml

from .errors import InputError, Location, quote
from .records import record
from .yamlloader import CoreSchemaLoader
from .yamlschema import BOOL, FLOAT, INT, NULL, NULL_WORDS
from .yamlschema import MAP as _MAP
from .yamlschema import MERGE as _MERGE
from .yamlschema import SEQ as _SEQ
from .yamlschema import STR as _STR

MAX_DEPTH: Final = 64
MAX_NODES: Final = 100_000

Scalar: TypeAlias = str | int | float | bool | None

_TIMESTAMP: Final = "tag:yaml.org,2002:timestamp"
_SCALAR_TAGS: Final = {_STR, INT, FLOAT, BOOL, NULL, _TIMESTAMP}


class YScalar(NamedTuple):
    """A scalar as YAML resolved it (str, int, float, bool or None), with the text as written.

    ``lines`` holds the source lines of a plain (unquoted) scalar that YAML folded from several lines into one, as
    written; it is empty for every other scalar. A dose that runs onto the next line has usually lost its "- ".
    """

    value: Scalar
    raw: str
    loc: Location
    lines: tuple[str, ...] = ()


class YSeq(NamedTuple):
    items: tuple[YNode, ...]
    loc: Location
    flow: bool = False  # written [a, b] rather than as "- " lines


class YMap(NamedTuple):
    """A mapping with string keys, in document order; ``keys`` holds each key's own location."""

    entries: dict[str, YNode]
    keys: dict[str, Location]
    loc: Location


YNode: TypeAlias = YScalar | YSeq | YMap


def mark_location(mark: yaml.Mark | None) -> Location | None:
    return None if mark is None else Location(mark.line + 1, mark.column + 1)


_LINE_BREAK: Final = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def _core_value(tag: str, text: str) -> Scalar:
    """The value of a scalar the core schema (or an explicit tag) resolved; ValueError for text that is not one."""
    if tag == NULL:
        if text not in NULL_WORDS:
            raise ValueError(text)
        return None
    if tag == BOOL:
        if text.lower() not in ("true", "false"):
            raise ValueError(text)
        return text.lower() == "true"
    if tag == INT:
        digits = text.lstrip("+-")
        sign = -1 if text.startswith("-") else 1
        base = {"0o": 8, "0x": 16}.get(digits[:2].lower(), 10)
        return sign * int(digits[2:] if base != 10 else digits, base)
    special = text.lower().lstrip("+-")
    if special in (".inf", ".nan"):
        value = math.inf if special == ".inf" else math.nan
        return -value if text.startswith("-") else value
    return float(text)


def _located(root: yaml.Node, text: str) -> YNode:
    """Turn composed nodes into the located tree, counting nodes so shared aliases cannot explode."""
    return _Walk(text).node(root, 0)


_SCALAR_NODE: Final = yaml.ScalarNode
_SEQUENCE_NODE: Final = yaml.SequenceNode
_MAPPING_NODE: Final = yaml.MappingNode


class _Walk:
    """One document's walk over its composed nodes. It runs once per value of every file of a batch: a class, so
    that compiled, its methods call each other directly."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.count = 0

    def node(self, node: yaml.Node, depth: int) -> YNode:
        self.count += 1
        mark = node.start_mark
        loc = record(Location, mark.line + 1, mark.column + 1)
        if self.count > MAX_NODES:
            raise InputError(
                f"the document holds more than {MAX_NODES:,} values (an alias counts at each use)",
                "split it into several regimens",
                loc,
            )
        if depth > MAX_DEPTH:
            raise InputError(
                f"values are nested more than {MAX_DEPTH} levels deep", "a regimen needs only a few levels", loc
            )
        tag = node.tag
        if isinstance(node, _SCALAR_NODE):
            if tag not in _SCALAR_TAGS:
                raise _tag_error(tag, loc)
            raw = node.value
            if tag in (_STR, _TIMESTAMP):
                value: Scalar = raw
            else:
                try:
                    value = _core_value(tag, raw)
                except ValueError:  # an explicit tag on text that is no such value ("!!int five"): the text
                    value = raw
            lines: tuple[str, ...] = ()
            if not node.style and node.end_mark.line > mark.line:  # plain: None, or "" from libyaml
                lines = tuple(_LINE_BREAK.split(self.text[mark.index : node.end_mark.index]))
            return record(YScalar, value, raw, loc, lines)
        if isinstance(node, _SEQUENCE_NODE):
            if tag != _SEQ:
                raise _tag_error(tag, loc)
            deeper = depth + 1
            items = tuple([self.node(child, deeper) for child in node.value])
            return record(YSeq, items, loc, bool(node.flow_style))
        if isinstance(node, _MAPPING_NODE):
            if tag != _MAP:
                raise _tag_error(tag, loc)
            return self.mapping(node, loc, depth + 1)
        raise InputError("unsupported YAML node", "write plain YAML", loc)  # pragma: no cover

    def mapping(self, node: yaml.MappingNode, loc: Location, deeper: int) -> YMap:
        entries: dict[str, YNode] = {}
        keys: dict[str, Location] = {}
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            key_loc = record(Location, mark.line + 1, mark.column + 1)
            if key_node.tag == _MERGE:
                raise InputError("YAML merge keys ('<<') are not allowed", "write the keys out", key_loc)
            key = key_node.value
            if not isinstance(key_node, _SCALAR_NODE) or not isinstance(key, str):
                raise InputError("a key must be a plain name", "write 'name: value'", key_loc)
            if key in entries:
                first = keys[key]
                raise InputError(
                    f"duplicate key {quote(key)} (first at line {first.line})",
                    "keep one of them: YAML would silently use the last",
                    key_loc,
                )
            keys[key] = key_loc
            entries[key] = self.node(value_node, deeper)
        return record(YMap, entries, keys, loc)


def _tag_error(tag: str, loc: Location) -> InputError:
    shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
    return InputError(f"YAML tag {quote(shown)} is not allowed", "remove the tag: regimens are plain YAML", loc)


def parse_documents(text: str) -> Iterator[YNode | None]:
    """Yield each YAML document of ``text`` as a located tree (None for an empty document).

    Raises InputError for YAML syntax errors, with the place libyaml reports.
    """
    try:
        loader = CoreSchemaLoader(text)  # as yaml.compose_all drives it, without a generator of its own
        try:
            while loader.check_node():
                node = loader.get_node()
                yield None if node is None else _located(node, text)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.reader.ReaderError as exc:  # its text spans two lines; say which character and where, in one
        before = text[: exc.position]
        location = Location(before.count("\n") + 1, exc.position - before.rfind("\n"))
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        escape = f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
        raise InputError(
            f"character U+{code:04X} is not allowed in YAML",
            f'remove it, or write it as the escape "{escape}" inside double quotes',
            location,
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", "check the file's syntax") from None
    except RecursionError:
        raise InputError(
            "values are nested too deeply to read", "a regimen needs only a few levels", Location(1, 1)
        ) from None


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column : mark.column + 1]


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> InputError:
    problem = (exc.problem or "syntax error").strip()
    mark = exc.problem_mark or exc.context_mark
    location = mark_location(mark)
    if "\\t" in problem or "\t" in problem or _char_at(text, mark) == "\t":
        return InputError("a tab character in the indentation", "indent YAML with spaces, not tabs", location)
    if "nesting depth" in problem:
        return InputError("values are nested too deeply", "a regimen needs only a few levels", location)
    context = f" {exc.context.strip()}" if exc.context else ""
    return InputError(f"not valid YAML: {problem}{context}", "check the indentation and quoting here", location)
