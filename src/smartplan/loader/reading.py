"""Bytes → text: the size limit, binary files and encodings are settled before YAML sees them."""

from __future__ import annotations

import codecs

from smartplan.i18n import _
from smartplan.loader.builder import BuildError
from smartplan.loader.limits import MB

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
