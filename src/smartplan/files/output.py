"""The one place that writes files: a command's output replaced atomically, a new plan created,
never over an input, never onto anything that is not a regular file.

Every command that writes (`render -o`, `diff -o`, `portfolio -o`, `export -o`,
`--write-baseline`, `init`) comes through here; every failure is a one-line UsageError.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from smartplan.errors import UsageError
from smartplan.i18n import _


def refuse_inputs(target: Path, inputs: Iterable[Path]) -> None:
    """UsageError when `target` is one of `inputs`: the same file (device and inode), however
    it is reached (a symlink, `link/../file`, a hard link)."""
    try:
        written = os.stat(target)
    except OSError:
        return  # nothing there yet: it cannot be an input
    for source in inputs:
        try:
            read = os.stat(source)
        except OSError:
            continue
        if (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino):
            raise UsageError(_("refusing to write over an input file: {file}", file=target))


def check_target(target: Path) -> Path:
    """The folder to write in; UsageError for a target that is not a plain new or regular
    file (a device, a FIFO, a socket, a folder, or a symlink to one) or an empty name."""
    if not str(target) or not target.name:
        raise UsageError(_("the output needs a file name, not '{target}'", target=target))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:  # a name too long, a loop, a folder that is a file
        raise _cannot_write(target, error) from error
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(_("cannot write {target}: it is a folder", target=target))
    if mode is not None and not stat.S_ISREG(mode):
        # replacing /dev/null (as root in a container) or a FIFO with a file harms the system
        raise UsageError(
            _("cannot write {target}: it exists and is not a regular file", target=target)
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(_("no such folder for the output: {folder}", folder=folder))
    return folder


def write_atomic(target: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write to a temporary file beside the target, then rename: a reader never sees half a
    file, and a failure leaves the previous file as it was."""
    target = Path(target)
    folder = check_target(target)
    refuse_inputs(target, inputs)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".smartplan.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _cannot_write(target, error) from error
    try:
        # mkstemp makes the file private (0600); a report is for others to read: keep the mode
        # of the file it replaces, else what a new file would get under the umask
        os.chmod(temporary, _mode(target))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _cannot_write(target, error) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def create_new(target: Path, text: str) -> None:
    """Create `target` with `text`; never replaces anything (a file, a symlink, a device)."""
    target = Path(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(target, flags, 0o666)
    except FileExistsError as error:
        raise UsageError(
            _("{file} already exists: init never overwrites a plan", file=target)
        ) from error
    except OSError as error:
        raise _cannot_write(target, error) from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        target.unlink(missing_ok=True)
        raise _cannot_write(target, error) from error


def make_folder(folder: Path) -> None:
    """`mkdir -p`, or a one-line UsageError (a file in the way, no permission)."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        message = _("cannot create folder {folder}: a file has that name", folder=folder)
        raise UsageError(message) from error
    except OSError as error:
        raise _cannot_write(Path(folder), error) from error


def _cannot_write(target: Path, error: OSError) -> UsageError:
    reason = error.strerror or os.strerror(error.errno or errno.EIO)
    return UsageError(_("cannot write {target}: {reason}", target=target, reason=reason))


def _mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
