"""Make user text safe for a terminal and place a caret under a 1-based column of a source line."""

from __future__ import annotations

# Tabs are expanded here, not by rich, so the source line and the caret row agree on every stop.
TAB_SIZE = 4

# Bidirectional overrides can make a line read differently from its bytes ("Trojan Source").
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(char: str) -> str:
    """A control or bidi character as a visible escape, any other character as itself."""
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x20 or 0x7F <= code < 0xA0:
        return f"\\x{code:02x}"
    if char in _BIDI:
        return f"\\u{code:04x}"
    return char


def visible(text: str) -> str:
    """One line of text with control characters escaped: no cursor moves, colours or line breaks."""
    if text.isprintable():
        return text
    return "".join(_escape(char) for char in text)


def snippet(line: str, column: int) -> tuple[str, int]:
    """The line as shown (tabs expanded, controls escaped) and the caret's offset in cells.

    The column counts characters; the offset counts terminal cells, so wide characters and
    combining marks keep the caret under the right character. A column past the end of the line
    points just after it.
    """
    from rich.cells import cell_len  # only with a finding to show: a clean run never loads rich

    target = max(column, 1) - 1
    pieces: list[str] = []
    width = 0
    caret = -1
    for index, char in enumerate(line):
        if index == target:
            caret = width
        piece = " " * (TAB_SIZE - width % TAB_SIZE) if char == "\t" else _escape(char)
        pieces.append(piece)
        width += cell_len(piece)
    if caret < 0:
        caret = width + target - len(line)
    return "".join(pieces), caret
