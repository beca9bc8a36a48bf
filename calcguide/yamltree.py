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
from typing import NamedTuple, TypeAlias

import yaml

from .errors import InputError, Location, quote

try:  # libyaml is much faster; the pure-Python loader gives the same nodes and marks.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """The safe loader with the YAML 1.2 core schema's plain-scalar resolution instead of YAML 1.1's."""

    yaml_implicit_resolvers = {}  # noqa: RUF012 - PyYAML's own class attribute, filled below


_CORE_SCHEMA = (  # YAML 1.2.2, 10.3.2: tag resolution of the core schema
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
    ("tag:yaml.org,2002:merge", r"^<<$", ["<"]),  # not YAML 1.2, but resolved so that it can be refused
)
for _tag, _pattern, _first in _CORE_SCHEMA:
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)

MAX_DEPTH = 64
MAX_NODES = 100_000

Scalar: TypeAlias = str | int | float | bool | None

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


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


def _node_location(node: yaml.Node) -> Location:
    return Location(node.start_mark.line + 1, node.start_mark.column + 1)


_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def _core_value(tag: str, text: str) -> Scalar:
    """The value of a scalar the core schema (or an explicit tag) resolved; ValueError for text that is not one."""
    if tag == "tag:yaml.org,2002:null":
        if text not in ("~", "null", "Null", "NULL", ""):
            raise ValueError(text)
        return None
    if tag == "tag:yaml.org,2002:bool":
        if text.lower() not in ("true", "false"):
            raise ValueError(text)
        return text.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        digits = text.lstrip("+-")
        sign = -1 if text.startswith("-") else 1
        base = {"0o": 8, "0x": 16}.get(digits[:2].lower(), 10)
        return sign * int(digits[2:] if base != 10 else digits, base)
    special = text.lower().lstrip("+-")
    if special in (".inf", ".nan"):
        value = math.inf if special == ".inf" else math.nan
        return -value if text.startswith("-") else value
    return float(text)


class _Walker:
    """Turns composed nodes into the located tree, counting nodes so shared aliases cannot explode."""

    def __init__(self, text: str) -> None:
        self.nodes = 0
        self.text = text

    def walk(self, node: yaml.Node, depth: int = 0) -> YNode:
        self.nodes += 1
        loc = _node_location(node)
        if self.nodes > MAX_NODES:
            raise InputError(
                f"the document holds more than {MAX_NODES:,} values (an alias counts at each use)",
                "split it into several regimens",
                loc,
            )
        if depth > MAX_DEPTH:
            raise InputError(
                f"values are nested more than {MAX_DEPTH} levels deep", "a regimen needs only a few levels", loc
            )
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, loc)
        if isinstance(node, yaml.SequenceNode):
            self._plain_tag(node, _SEQ, loc)
            return YSeq(tuple(self.walk(child, depth + 1) for child in node.value), loc, bool(node.flow_style))
        if isinstance(node, yaml.MappingNode):
            self._plain_tag(node, _MAP, loc)
            return self._mapping(node, loc, depth)
        raise InputError("unsupported YAML node", "write plain YAML", loc)  # pragma: no cover

    def _plain_tag(self, node: yaml.Node, expected: str, loc: Location) -> None:
        if node.tag != expected:
            raise _tag_error(node.tag, loc)

    def _scalar(self, node: yaml.ScalarNode, loc: Location) -> YScalar:
        if node.tag not in _SCALAR_TAGS:
            raise _tag_error(node.tag, loc)
        if node.tag in (_STR, "tag:yaml.org,2002:timestamp"):
            value: Scalar = node.value
        else:
            try:
                value = _core_value(node.tag, node.value)
            except ValueError:  # an explicit tag on text that is no such value ("!!int five"): the text
                value = node.value
        lines: tuple[str, ...] = ()
        if not node.style and node.end_mark.line > node.start_mark.line:  # plain: None, or "" from libyaml
            lines = tuple(_LINE_BREAK.split(self.text[node.start_mark.index : node.end_mark.index]))
        return YScalar(value, node.value, loc, lines)

    def _mapping(self, node: yaml.MappingNode, loc: Location, depth: int) -> YMap:
        entries: dict[str, YNode] = {}
        keys: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key_loc = _node_location(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise InputError("YAML merge keys ('<<') are not allowed", "write the keys out", key_loc)
            if not isinstance(key_node, yaml.ScalarNode) or not isinstance(key_node.value, str):
                raise InputError("a key must be a plain name", "write 'name: value'", key_loc)
            key = key_node.value
            if key in entries:
                first = keys[key]
                raise InputError(
                    f"duplicate key {quote(key)} (first at line {first.line})",
                    "keep one of them: YAML would silently use the last",
                    key_loc,
                )
            keys[key] = key_loc
            entries[key] = self.walk(value_node, depth + 1)
        return YMap(entries, keys, loc)


def _tag_error(tag: str, loc: Location) -> InputError:
    shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
    return InputError(f"YAML tag {quote(shown)} is not allowed", "remove the tag: regimens are plain YAML", loc)


def parse_documents(text: str) -> Iterator[YNode | None]:
    """Yield each YAML document of ``text`` as a located tree (None for an empty document).

    Raises InputError for YAML syntax errors, with the place libyaml reports.
    """
    try:
        for node in yaml.compose_all(text, Loader=_Loader):
            yield None if node is None else _Walker(text).walk(node)
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
