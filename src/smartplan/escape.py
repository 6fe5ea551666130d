"""Plan text made safe where it is shown: one terminal escaper, one Markdown escaper, and the
spreadsheet rule for CSV cells. Every reporter uses these; none escapes on its own.

A plan, a fragment or a framework file comes from a pull request: its text may hold escape
sequences (`"\\e]8;;…"` in YAML is ESC), bidirectional overrides ("Trojan Source"), backticks
that close a code span, `|` and line breaks that split a table row, a `=` formula, or a
workflow command (`::add-mask::…`) for the CI log the terminal text is printed into.
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls (CSI U+009B, OSC U+009D), bidi overrides, isolates and
# marks, and the Unicode line and paragraph separators
_UNSAFE_CHARS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
)
_UNSAFE_IN_TEXT = re.compile(f"[{_UNSAFE_CHARS}]|\r(?!\n)")
# every Unicode noncharacter: U+FDD0–U+FDEF and the last two code points of each of the 17
# planes. YAML refuses only U+FFFE and U+FFFF of them; HTML5 refuses them all ("Invalid
# codepoint in stream"), and they stand for no text in any document
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)
)
# what no document smartplan writes can hold: the complement of YAML's printable set (tab, line
# feed and carriage return are text), which is also what XML 1.0 (Word, Excel) cannot hold
# plus the C1 controls and DEL that HTML5 refuses; lone surrogates have no encoding; and the
# noncharacters above. The loader refuses them in a plan (loader/printable.py), however written
UNPRINTABLE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")


def noncharacters() -> re.Pattern[str]:
    """The noncharacters alone (the loader's search of a file libyaml has not refused)."""
    return re.compile(f"[{_NONCHARACTERS}]")


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape_char(char: str) -> str:
    """A control or bidi character as a visible escape, any other character as itself."""
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return f"\\x{code:02x}"
    if _UNSAFE_IN_TEXT.fullmatch(char):
        return f"\\u{code:04x}"
    return char


# GitHub's runner reads a line of a job's log as a workflow command (`::add-mask::…`,
# `::set-output …`, `::stop-commands::…`) when it starts with `::` after any white space, and
# in the older form when `##[` stands anywhere in it. In text printed to a terminal, the `:`
# that starts such a line and the `[` of `##[` are escapes, so plan text is never a command.
_COMMAND_START = re.compile(r"^(\s*):(?=:)", re.MULTILINE)
_OLD_COMMAND = re.compile(r"##\[")


def _no_commands(text: str, code: str) -> str:
    """`text` with what GitHub's runner reads as a command escaped, each escape in `code`'s
    form (`\\x{:02x}` or `\\u{:04x}`)."""
    if "::" not in text and "##[" not in text:
        return text
    text = _COMMAND_START.sub(lambda found: found.group(1) + code.format(ord(":")), text)
    return _OLD_COMMAND.sub(lambda found: "##" + code.format(ord("[")), text)


def terminal(text: str) -> str:
    """One line for a terminal: every control, line break and bidi character as an escape,
    and nothing a CI log would run as a workflow command."""
    if not text.isprintable():
        text = "".join(escape_char(char) for char in text)
    return _no_commands(text, "\\x{:02x}")


def terminal_text(text: str, *, commands: bool = False) -> str:
    """A whole document for a terminal (render, export, reports on stdout): line breaks and
    tabs kept, any other control or bidi character as a `\\uXXXX` escape (also valid inside a
    JSON string, so a JSON document stays the same data), and no line a CI log would run as a
    workflow command, except in a document of `commands` (the github format's annotations)."""
    text = _UNSAFE_IN_TEXT.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
    return text if commands else _no_commands(text, "\\u{:04x}")


def log_text(text: str) -> str:
    """A text report already escaped piece by piece (its colours kept), made safe as a whole:
    a line that only a wrap or a join starts with `::` is not a workflow command either."""
    return _no_commands(text, "\\x{:02x}")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&#~!@])")
# a bare address is a link in GitHub's and the editors' Markdown (GFM autolinks, linkify):
# with its `://` or its leading `www.` escaped it stays text
_BARE_LINK = re.compile(r"://|\bwww\.", re.IGNORECASE)
_LINE_START = re.compile(r"^([-+=]|\d+[.)])(?=\s|$)")
_BREAK = re.compile(r"\r\n|\r|\n")


def markdown(text: str) -> str:
    """Plan text as literal GitHub-flavoured Markdown on one line (a table cell, a bullet):
    every character Markdown or HTML would read is escaped, line breaks become `<br>`,
    controls are shown as escapes, `@name` mentions no one, a bare address links nowhere."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", _visible_controls(text))
    text = _BARE_LINK.sub(lambda found: re.sub(r"([:/.])", r"\\\1", found.group()), text)
    text = _LINE_START.sub(r"\\\1", text)
    return _BREAK.sub("<br>", text)


def markdown_code(text: str, *, table: bool = False) -> str:
    """Plan text as one inline code span: the fence is longer than any run of backticks in the
    text (so none closes it early), line breaks are shown as escapes; in a table, `|` too."""
    text = _BREAK.sub(" ", _visible_controls(text))
    if table:
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _visible_controls(text: str) -> str:
    """Controls and bidi characters as escapes; line breaks kept (for the caller to handle)."""
    return re.sub(
        f"[{_UNSAFE_CHARS}]", lambda found: escape_char(found.group()), text.replace("\t", " ")
    )


def printable(text: str) -> str:
    """Text a Word, Excel or HTML document can hold: UNPRINTABLE characters dropped. A plan
    cannot hold them (the loader refuses them); a file name or a workbook cell can."""
    return UNPRINTABLE.sub("", text)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP's rule: a leading `'`)."""
    return "'" + text if text.startswith(FORMULA_START) else text
