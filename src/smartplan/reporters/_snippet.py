"""Make user text safe for a terminal and place a caret under a 1-based column of a source line."""

from __future__ import annotations

from rich.cells import cell_len

from smartplan.escape import escape_char, terminal

# Tabs are expanded here, not by rich, so the source line and the caret row agree on every stop.
TAB_SIZE = 4
WINDOW = 160  # characters of a long source line shown around the column

# the one terminal escaper (smartplan.escape); these names stay for the reporters that use them
_escape = escape_char
visible = terminal


def snippet(line: str, column: int) -> tuple[str, int]:
    """The line as shown (tabs expanded, controls escaped) and the caret's offset in cells.

    The column counts characters; the offset counts terminal cells, so wide characters and
    combining marks keep the caret under the right character. A column past the end of the line
    points just after it.
    """
    target = max(column, 1) - 1
    if len(line) > WINDOW:
        # a long line (a minified plan, a hostile one) is shown as a window around the column:
        # a thousand findings on one 1 MB line must not print a gigabyte
        start = max(0, min(target - WINDOW // 2, len(line) - WINDOW))
        shown, caret = snippet(line[start : start + WINDOW], min(target - start, WINDOW) + 1)
        before = "… " if start else ""
        after = " …" if start + WINDOW < len(line) else ""
        return before + shown + after, caret + len(before)
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
