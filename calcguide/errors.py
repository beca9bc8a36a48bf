"""Input errors that know where they happened and what the user should do about it."""

from __future__ import annotations

from typing import NamedTuple


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
        """What is wrong and what to do, without the place."""
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def __str__(self) -> str:
        place = self.source or "<input>"
        if self.location is not None:
            place += f":{self.location.line}:{self.location.column}"
        return f"{place}: {self.text}"
