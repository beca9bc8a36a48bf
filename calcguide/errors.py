"""Input errors that know where they happened and what the user should do about it."""

from __future__ import annotations

from typing import Final, NamedTuple

QUOTE_LIMIT: Final = 60  # characters of a quoted value shown in a message; longer ones end in "…"

# Everything a terminal or str.splitlines() could take as a line break or a cursor move: C0, DEL, C1, and the
# Unicode line and paragraph separators. A translate table: no regular expression to compile at start-up.
_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}
_ESCAPES |= {0x0A: "\\n", 0x09: "\\t", 0x0D: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def one_line(text: str) -> str:
    """``text`` with its control characters written as escapes (``\\n``, ``\\t``, ``\\x1b``): it prints as one line."""
    return text.translate(_ESCAPES)


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` escaped to one line and cut to ``limit`` characters, the cut marked with "…" (never inside an
    escape such as ``\\x1b``)."""
    escaped = one_line(text)
    if len(escaped) <= limit:
        return escaped
    kept, size = [], 0
    for char in text:
        piece = one_line(char)
        if size + len(piece) > limit - 1:
            break
        kept.append(piece)
        size += len(piece)
    return "".join(kept).rstrip() + "…"


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value the user wrote, as a message quotes it: ``'5000 IU D3'``, one line, at most ``limit`` characters.

    Every message that repeats user text goes through here, so a rejected value with newlines or a whole pasted
    document in it cannot break the one-line ``file:line:col: message`` form that editors and CI read.
    """
    return f"'{shorten(str(value), limit)}'"


class Location(NamedTuple):
    """A 1-based line and column in a source text (column 0 when only the line is known)."""

    line: int
    column: int


class InputError(Exception):
    """A regimen (or its file) that cannot be read or understood.

    Raised at the boundary where the text is known, so the message can name the place; rendered by the CLI as
    one line ``source:line:column: message; hint``.
    """

    def __init__(
        self,
        message: str,
        hint: str = "",
        location: Location | None = None,
        source: str = "",
        regimen: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.location = location
        self.source = source
        self.regimen = regimen  # the name of the regimen it belongs to, where one is known

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, Location | None, str, str]]:
        # Exceptions pickle only their args by default; batches send errors between processes.
        return (InputError, (self.message, self.hint, self.location, self.source, self.regimen))

    def at(self, source: str) -> InputError:
        """The same error, naming the file (or ``<stdin>``) it came from."""
        return InputError(self.message, self.hint, self.location, source, self.regimen)

    def named(self, regimen: str) -> InputError:
        """The same error, naming the regimen (so a report keeps its place and name in a batch)."""
        return InputError(self.message, self.hint, self.location, self.source, regimen)

    def located(self, location: Location | None) -> InputError:
        """The same error at ``location`` unless it already knows a more precise place."""
        if self.location is not None or location is None:
            return self
        return InputError(self.message, self.hint, location, self.source, self.regimen)

    @property
    def text(self) -> str:
        """What is wrong and what to do, without the place; always one line (control characters escaped)."""
        return one_line(f"{self.message}; {self.hint}" if self.hint else self.message)

    def __str__(self) -> str:
        place = one_line(self.source or "<input>")
        if self.location is not None:
            place += f":{self.location.line}:{self.location.column}"
        return f"{place}: {self.text}"
