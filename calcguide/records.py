"""Building a record (a ``NamedTuple``) on a batch's hot path without its Python-level constructor.

A NamedTuple's ``__new__`` is Python code that compiled modules cannot inline: calling the class costs an
interpreter frame for each record, and a regimen makes about ninety. ``record`` builds the same tuple subclass
directly, so it is used where a regimen makes many (a located YAML value, a dose, a converted dose, a total and
its limits, a finding). Every field is given, in order; the type checker does not see their types here, the tests do.
"""

from __future__ import annotations

from typing import Any, Final, TypeVar

R = TypeVar("R", bound=tuple[Any, ...])
_NEW: Final = tuple.__new__  # bound once: compiled, a call of it is not a method lookup on tuple each time


def record(kind: type[R], *fields: object) -> R:
    """``kind(*fields)``, for a NamedTuple ``kind`` given every one of its fields."""
    return _NEW(kind, fields)
