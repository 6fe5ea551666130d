"""Plan text holds only what YAML calls printable and no Unicode noncharacter, however it is
written.

libyaml refuses a control character typed into the file, but a double-quoted scalar may write
one as an escape (`"\\0"`, `"\\x1b"`, `"\\uFFFF"`) and get it past the reader; and libyaml lets
every noncharacter but U+FFFE and U+FFFF through, typed or escaped. Such text has no place in
a plan and cannot be held by the formats smartplan writes (Word and Excel files are XML 1.0,
the HTML report is HTML5): it is refused here, typed at its place, escaped at the escape's line
and column, so that every command and every output sees the same plan.
"""

from __future__ import annotations

import re
from typing import Any

from smartplan.escape import UNPRINTABLE, noncharacters
from smartplan.files.limits import BuildError
from smartplan.i18n import _

# an escape that may write such a character; the lean loader leaves a text with one to the
# Builder, which decides with the scalar's style (`'\x01'` is four characters of text)
MAYBE_UNPRINTABLE = re.compile(r"\\[0abvfeN]|\\x[0-9a-fA-F]|\\[uU]")
_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)
_SHORT = {"0": "\0", "a": "\a", "b": "\b", "v": "\v", "f": "\f", "e": "\x1b", "N": "\x85"}


# libyaml refuses every other character of UNPRINTABLE typed into a file (its reason is
# translated where the builder reports it); what it reads as text are the noncharacters, whose
# UTF-8 holds one of these: U+FDD0–U+FDEF, and U+nFFFE/U+nFFFF of every plane (U+FFFF too).
# Searched as bytes (memmem), a clean file costs microseconds; the class of every noncharacter
# is then searched only in a file that holds one of them.
_MARKERS = (b"\xef\xb7", b"\xbf\xbe", b"\xbf\xbf")
_NONCHARACTER = noncharacters()


def check_text(text: str, data: bytes) -> None:
    """BuildError at the first character typed into the file (`text`, decoded from `data`) that
    a plan may not hold and libyaml reads as text: the noncharacters, refused as libyaml
    refuses a typed U+FFFF."""
    if not any(marker in data for marker in _MARKERS):
        return
    found = _NONCHARACTER.search(text)
    if found is None:
        return
    before = text[: found.start()]
    line, column = before.count("\n") + 1, found.start() - (before.rfind("\n") + 1) + 1
    raise BuildError(
        _(
            "character {character} is not allowed in YAML ({reason})",
            character=f"U+{ord(found.group()):04X}",
            reason=_("control characters are not allowed"),
        ),
        line,
        column,
    )


def check_scalar(event: Any, text: str) -> None:
    """BuildError at the first escape of a double-quoted scalar that writes a character a
    plan may not hold."""
    if event.style != '"' or not UNPRINTABLE.search(event.value):
        return
    found = UNPRINTABLE.search(event.value)
    character = found.group() if found else "\0"
    start, end = event.start_mark.index, event.end_mark.index
    for escape in _ESCAPE.finditer(text, start, end):
        if UNPRINTABLE.fullmatch(_decoded(escape.group())):
            character, start = _decoded(escape.group()), escape.start()
            break
    before = text[:start]
    line, column = before.count("\n") + 1, start - (before.rfind("\n") + 1) + 1
    raise BuildError(
        _(
            "character {character} (written as an escape) is not allowed in a plan "
            "(control characters are not allowed)",
            character=f"U+{ord(character):04X}",
        ),
        line,
        column,
    )


def _decoded(escape: str) -> str:
    """The character a YAML escape stands for ("" for one that writes nothing of interest)."""
    kind = escape[1:2]
    if kind in _SHORT:
        return _SHORT[kind]
    if kind in "xuU" and len(escape) > 2:
        return chr(int(escape[2:], 16)) if int(escape[2:], 16) <= 0x10FFFF else ""
    return ""
