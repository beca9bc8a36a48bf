"""Per-string memory for the lookups a batch repeats, bounded so hostile text cannot fill it."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, Final, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

#: A text longer than this is looked up each time: a batch of hostile files must not be kept in memory.
LONGEST_REMEMBERED: Final = 200


def _short(value: object, longest: int) -> bool:
    if isinstance(value, str):
        return len(value) <= longest
    if type(value) is tuple:  # a tuple of texts (a condition list); a record is not text
        return sum(len(v) for v in value if isinstance(v, str)) <= longest
    return True


def remembered(maxsize: int, longest: int = LONGEST_REMEMBERED) -> Callable[[F], F]:
    """``lru_cache(maxsize)`` for calls whose text arguments (strings, tuples of strings) are at most ``longest``
    characters together each; a longer one is computed each time and never kept. Positional arguments only; the
    function must be pure."""

    def decorate(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)

        # The check runs on every call of a hot lookup, so a plain string (most calls) is tested inline.
        @wraps(function)
        def lookup(*args: Any) -> Any:
            for arg in args:
                if arg.__class__ is str:
                    if len(arg) > longest:
                        return function(*args)
                elif not _short(arg, longest):
                    return function(*args)
            return cached(*args)

        return cast(F, lookup)

    return decorate
