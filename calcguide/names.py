"""Name matching shared by every lookup: the folded key of a name, and the closest known name to a misspelt one."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

_NOT_ALNUM: Final = re.compile(r"[^0-9a-z]+")


_REMEMBERED_LENGTH: Final = 80  # longer names are folded each time: a hostile text must not fill the memory


def fold(name: str) -> str:
    """The matching key of a name: lower case, letters and digits only ("MK-7" and "mk 7" are one name)."""
    return _fold_remembered(name) if len(name) <= _REMEMBERED_LENGTH else _fold(name)


@lru_cache(maxsize=8192)  # every lookup folds its name, and a batch looks up the same few hundred names
def _fold_remembered(name: str) -> str:
    return _fold(name)


def _fold(name: str) -> str:
    if name.isascii() and name.isalnum():  # one plain word ("cholecalciferol", "D3"): nothing to remove
        return name.lower()
    return _NOT_ALNUM.sub("", name.lower().replace("µ", "u").replace("β", "beta"))


def suggest(name: str, choices: Iterable[str]) -> str | None:
    """The closest known name to a misspelt one, for a "did you mean"; None when nothing is close."""
    by_key = {fold(choice): choice for choice in choices}
    key = fold(name)
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.75)
    if close:
        return by_key[close[0]]
    # A clipped word ("warn" for "warning") is close in meaning though not in letters.
    clipped = [choice for k, choice in by_key.items() if len(key) >= 3 and k.startswith(key)]
    return clipped[0] if len(clipped) == 1 else None
