"""The one place that writes files: a command's output replaced atomically, a new plan created,
never over an input, never onto anything that is not a regular file.

Every command that writes (`render -o`, `diff -o`, `portfolio -o`, `export -o`,
`--write-baseline`, `init`) comes through here; every failure is a one-line UsageError.
The results cache keeps its files through `open_folder` (a folder reached without following
any link, whose files are replaced through temporary files no link can stand in for); its
failures are OSError, which the cache takes as "no cache".
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

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
    import tempfile  # here: the results cache imports this module on every run

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


class Folder:
    """An open folder (see `open_folder`) whose files are written only whole and never through
    a link: a pull request that commits links at the names written here (a temporary name for
    every pid, or the final names) cannot make smartplan write the files they point at.

    Names are taken relative to the folder's handle (`handle`), so no link above it is looked
    up again; where the system has no such calls (Windows), relative to its `path`."""

    def __init__(self, handle: int | None, path: str) -> None:
        self.handle, self.path = handle, path

    def __enter__(self) -> Folder:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.handle is not None:
            os.close(self.handle)

    def replace(self, name: str, data: bytes, mode: int = 0o666) -> None:
        """Replace the file `name` with `data` at once: a rename replaces a link itself."""
        temporary = self._temporary(name, data, mode)
        try:
            os.replace(
                self._at(temporary), self._at(name), src_dir_fd=self.handle, dst_dir_fd=self.handle
            )
        except BaseException:
            self._discard(temporary)
            raise

    def create(self, name: str, data: bytes, mode: int = 0o600) -> bool:
        """Make the file `name` with `data` unless something has that name (False): the first
        of runs at the same time wins, and no reader ever sees half the file."""
        temporary = self._temporary(name, data, mode)
        try:
            os.link(
                self._at(temporary), self._at(name), src_dir_fd=self.handle, dst_dir_fd=self.handle
            )
        except FileExistsError:
            return False
        finally:
            self._discard(temporary)
        return True

    def remove(self, name: str) -> None:
        """Remove the entry `name` (a link is removed, never what it points at)."""
        os.unlink(self._at(name), dir_fd=self.handle)

    def status(self, name: str) -> os.stat_result | None:
        """The entry `name` itself (a link is not followed), or None when there is none."""
        try:
            return os.stat(self._at(name), dir_fd=self.handle, follow_symlinks=False)
        except FileNotFoundError:
            return None

    def entries(self) -> Iterator[tuple[str, os.stat_result]]:
        """Every entry of the folder with its own status (links not followed)."""
        with os.scandir(self.path if self.handle is None else self.handle) as listing:
            for entry in listing:
                try:
                    yield entry.name, entry.stat(follow_symlinks=False)
                except FileNotFoundError:
                    continue  # removed by another run meanwhile

    def _at(self, name: str) -> str:
        name = _plain_name(name)
        return name if self.handle is not None else os.path.join(self.path, name)

    def _temporary(self, name: str, data: bytes, mode: int) -> str:
        """A new file holding `data`, under a random name created exclusively: O_EXCL never
        opens what is there already, a link included, so a name planted in advance fails."""
        for _attempt in range(8):
            temporary = f".{_plain_name(name)}.{os.urandom(6).hex()}.tmp"
            try:
                handle = os.open(self._at(temporary), _EXCLUSIVE, mode, dir_fd=self.handle)
                break
            except FileExistsError:
                continue
        else:
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), name)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
        except BaseException:
            self._discard(temporary)
            raise
        return temporary

    def _discard(self, temporary: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._at(temporary), dir_fd=self.handle)


def open_folder(root: Path, names: Iterable[str], *, create: bool, mode: int = 0o777) -> Folder:
    """The folder `root/names…`, reached from `root` one name at a time without following a
    link, made where missing when `create` (with `mode`, under the umask). OSError when a link,
    a file or (without `create`) nothing is in the way: nothing is then written.

    `root` itself is the caller's trust (a repository root; links above it are the user's)."""
    names = [_plain_name(name) for name in names]
    path = os.path.join(root, *names)
    if not BY_HANDLE:
        _walk(str(root), names, create, mode)
        return Folder(None, path)
    # the folders passed through are only looked up (O_PATH: a folder one may enter but not
    # list, such as a /home of mode 0711, is no obstacle); the last is opened to be listed
    handle = os.open(root, _PASS if names else _FOLDER)
    for number, name in enumerate(names, start=1):
        flags = _FOLDER if number == len(names) else _PASS
        handle = _descend(handle, name, create, mode, flags)
    return Folder(handle, path)


def _descend(parent: int, name: str, create: bool, mode: int, flags: int) -> int:
    """The folder `name` in `parent` (closed here, whatever happens), never through a link."""
    try:
        try:
            return os.open(name, flags | _NOFOLLOW, dir_fd=parent)
        except FileNotFoundError:
            if not create:
                raise
        with contextlib.suppress(FileExistsError):  # made by another run meanwhile
            os.mkdir(name, mode, dir_fd=parent)
        return os.open(name, flags | _NOFOLLOW, dir_fd=parent)
    finally:
        os.close(parent)


def _walk(folder: str, names: list[str], create: bool, mode: int) -> None:
    """`_descend` by names, where folders cannot be held open (Windows): each folder is
    looked at itself (lstat), so a link on the way is refused, not followed."""
    for name in names:
        folder = os.path.join(folder, name)
        try:
            status = os.lstat(folder)
        except FileNotFoundError:
            if not create:
                raise
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder, mode)
            status = os.lstat(folder)
        if not stat.S_ISDIR(status.st_mode):  # a link, or a file
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), folder)


def _plain_name(name: str) -> str:
    """`name` when it names an entry of the folder itself, not a path (ValueError)."""
    if not name or name in (".", "..") or "/" in name or os.sep in name or "\0" in name:
        raise ValueError(name)
    return name


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC
_PASS = getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC
_EXCLUSIVE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
_EXCLUSIVE |= getattr(os, "O_BINARY", 0)  # Windows: bytes as written
# folders held open and names taken relative to them (POSIX); else by path (Windows)
BY_HANDLE = {os.open, os.mkdir, os.stat, os.unlink, os.rename, os.link} <= os.supports_dir_fd
