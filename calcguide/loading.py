"""Text or bytes to regimens: decoding, then YAML documents, each one regimen or its located error."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from pathlib import PurePath
from typing import Final

from .errors import InputError, Location
from .regimen import LabelReader, Regimen, parse_regimens

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """UTF-8 (or UTF-16/32 with a byte-order mark) to text; anything else is an error that names the byte."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"not valid {encoding.upper().removesuffix('-SIG')} text (byte 0x{data[exc.start]:02x})",
            "save the file as UTF-8",
            Location(line, column),
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("the file holds a NUL character (binary data?)", "give a YAML text file", Location(line, 1))
    return text


def default_name(source: str) -> str:
    """A regimen's name when it gives none: its file's name without the extension (``PurePath.stem``)."""
    if source in ("", "-", "<stdin>"):
        return "stdin"
    # A batch names every file: the plain case is cut by hand (PurePath parses the whole path); the rest by it.
    name = source.rpartition("/")[2] if os.sep == "/" else ""
    if name and name not in (".", ".."):
        dot = name.rfind(".")
        return name[:dot] if 0 < dot < len(name) - 1 else name
    return PurePath(source).stem


def read_regimens(
    data: str | bytes, source: str = "<input>", labels: LabelReader | None = None
) -> Iterator[Regimen | InputError]:
    """Every regimen in a file's contents, or the InputError of each one that cannot be read (never raises)."""
    try:
        text = decode(data) if isinstance(data, bytes) else data
    except InputError as exc:
        yield exc.at(source)
        return
    yield from parse_regimens(text, source, default_name(source), labels)


def load_regimens(data: str | bytes, source: str = "<input>", labels: LabelReader | None = None) -> list[Regimen]:
    """All regimens in a YAML text (several with ``---``); raises the first InputError met.

    ``labels`` reads DSLD label files named by product items (``calcguide.batch.label_reader`` reads them from
    disk relative to a folder).
    """
    regimens = []
    for entry in read_regimens(data, source, labels):
        if isinstance(entry, InputError):
            raise entry
        regimens.append(entry)
    return regimens
