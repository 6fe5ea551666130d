"""Where a command's document goes: stdout, or a file replaced atomically, never an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from smartplan.errors import UsageError
from smartplan.i18n import _


def refuse_inputs(target: Path, inputs: Iterable[Path]) -> None:
    resolved = target.resolve()
    for source in inputs:
        if source.resolve() == resolved:
            raise UsageError(_("refusing to write over an input file: {file}", file=target))


def write_atomic(target: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write to a temporary file beside the target, then rename: a reader never sees half a
    file, and a failure leaves the previous file as it was."""
    refuse_inputs(target, inputs)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(_("no such folder for the output: {folder}", folder=folder))
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file private (0600); a report is for others to read: keep the mode
        # of the file it replaces, else what a new file would get under the umask
        os.chmod(temporary, _mode(target))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
