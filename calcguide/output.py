"""Where reports go: standard output, or a file written atomically (a temp file renamed into place)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class OutputError(Exception):
    """The output file cannot be written (its folder is missing, it is a folder, no permission)."""


@contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """Yield a text stream; for a path, the file appears complete or not at all, never half-written."""
    if path is None:
        yield sys.stdout
        return
    target = os.path.abspath(path)
    if os.path.isdir(target):
        raise OutputError(f"{path}: is a folder; --output takes a file name")
    try:
        fd, temp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror}); check that its folder exists") from None
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temp, 0o666 & ~umask)  # mkstemp makes 0600; the report should be as readable as any new file
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
