"""The YAML loader calcguide composes regimens with: libyaml's, resolving plain scalars by YAML 1.2's core schema.

Kept apart from ``yamltree`` because it subclasses libyaml's C parser: it stays a plain Python class when the
checking pipeline is compiled (see ``hatch_build.py``), while the tree walk that reads its nodes is compiled.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"

try:  # libyaml is much faster; the pure-Python loader gives the same nodes and marks.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class CoreSchemaLoader(_BaseLoader):
    """The safe loader with the YAML 1.2 core schema's plain-scalar resolution instead of YAML 1.1's."""

    yaml_implicit_resolvers = {}  # noqa: RUF012 - PyYAML's own class attribute, filled below

    # The composer asks these of every node. PyYAML's versions also serve path resolvers, which this loader has
    # none of; these answer as those do without them, with fewer steps (resolve: one lookup by first character).
    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return STR
        if kind is yaml.SequenceNode:
            return SEQ
        return MAP if kind is yaml.MappingNode else None

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


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
    CoreSchemaLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)
