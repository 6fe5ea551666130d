"""Bytes → text: the size limit, binary files and encodings are settled before YAML sees them."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

from smartplan.files.limits import MB, BuildError
from smartplan.i18n import _

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def check_size(size: int, limit: int) -> None:
    # no size in the message: an oversize file is read only up to the limit (plus one byte)
    if size > limit:
        raise BuildError(
            _(
                "file is larger than the size limit of {size} "
                "(limits.max_file_size in .smartplan.yaml)",
                size=size_text(limit),
            ),
            1,
            1,
        )


def size_text(size: int) -> str:
    """Exact bytes, and megabytes when that says more: 10.0 MB hides an overrun of a few bytes."""
    if size >= MB // 10:
        return _("{count} bytes ({megabytes} MB)", count=f"{size:,}", megabytes=f"{size / MB:.1f}")
    return _("{count} bytes", count=f"{size:,}")


def decode(data: bytes, limit: int) -> str:
    """The file's text, or BuildError at the first byte that makes it unreadable as a plan."""
    check_size(len(data), limit)
    for bom, name in _BOMS:
        if data.startswith(bom):
            raise BuildError(
                _("file is encoded as {encoding}: save it as UTF-8", encoding=name), 1, 1
            )
    nul = data.find(b"\0")
    guess = _without_bom(data[:4])
    if nul >= 0 and guess:
        raise BuildError(
            _("file is encoded as {encoding} (without a BOM): save it as UTF-8", encoding=guess),
            1,
            1,
        )
    if nul >= 0:
        raise BuildError(_("binary file (NUL byte): a plan is UTF-8 text"), *_position(data, nul))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BuildError(
            _(
                "file is not valid UTF-8 (byte {byte}): save it as UTF-8",
                byte=f"0x{data[error.start]:02x}",
            ),
            *_position(data, error.start),
        ) from error
    return text.removeprefix("\ufeff")


def _without_bom(head: bytes) -> str | None:
    """UTF-16/32 told by where the NUL bytes of an ASCII first character fall (RFC 4627)."""
    if len(head) < 4 or not 0x09 <= max(head) <= 0x7E:
        return None
    pattern = (head[0] == 0, head[1] == 0, head[2] == 0, head[3] == 0)
    return {
        (True, True, True, False): "UTF-32",
        (False, True, True, True): "UTF-32",
        (True, False, True, False): "UTF-16",
        (False, True, False, True): "UTF-16",
    }.get(pattern)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return before.count(b"\n") + 1, column


# The one place that opens files for the core: every file smartplan reads on a plan's behalf
# (plans, fragments, frameworks, settings, baselines) comes through `read_file`.
_CHUNK = 1 << 16


class UnsafeFile(OSError):
    """A file smartplan refuses to open: outside the repository root, or not a regular file.
    Its message names only the path as given, never anything of the target."""


def read_file(path: Path, limit: int, *, root: Path | None = None) -> bytes:
    """At most `limit + 1` bytes of a regular file (an oversize file is cut there, for
    `decode` to refuse). With `root`, the file (symlinks resolved) must lie inside it.

    The size comes from reading, never from `st_size` (a device says 0); the open does not
    block (a FIFO would wait forever for a writer); the type is checked on the open handle."""
    target = _resolved(path)
    if root is not None and not target.is_relative_to(root.resolve()):
        raise UnsafeFile(
            errno.EACCES, _("it leads outside the repository root ({root})", root=root)
        )
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    handle = os.open(target, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(mode):
            raise UnsafeFile(
                errno.EINVAL, _("it is not a regular file (a device, a pipe or a socket)")
            )
        return _read_bounded(handle, limit + 1)
    finally:
        os.close(handle)


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve(strict=True)
    except RuntimeError as error:  # Python before 3.13 reports a symlink loop this way
        raise UnsafeFile(errno.ELOOP, _("it is a symlink loop")) from error
    except ValueError as error:  # a NUL byte in the name
        raise UnsafeFile(errno.EINVAL, _("it is not a usable file name")) from error


def _read_bounded(handle: int, most: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < most:
        try:
            chunk = os.read(handle, min(_CHUNK, most - size))
        except BlockingIOError:  # a regular file never blocks; be safe all the same
            break
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
