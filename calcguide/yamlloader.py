"""The YAML loader calcguide composes regimens with: libyaml's parser, tags resolved by ``yamlschema``.

Kept apart because it subclasses libyaml's C parser: it stays a plain Python class when the checking pipeline is
compiled (see ``hatch_build.py``), while the functions it is made of, and the tree walk that reads its nodes,
are compiled. It composes nodes and nothing more: no constructor is ever run.
"""

from __future__ import annotations

from . import yamlschema

try:  # libyaml is much faster; the pure-Python loader gives the same nodes and marks.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]


class CoreSchemaLoader(_Parser):
    """libyaml's parser and composer with the YAML 1.2 core schema's tags instead of PyYAML's YAML 1.1 ones."""

    # The composer asks these of every node; static, so a compiled function is called without a bound method.
    resolve = staticmethod(yamlschema.resolve)
    descend_resolver = staticmethod(yamlschema.descend)
    ascend_resolver = staticmethod(yamlschema.ascend)
